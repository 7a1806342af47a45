/*
 * Luotsi resident chat: gets a Direct Line token from Luotsi and renders Web Chat (window.WebChat, loaded before this
 * script from /web/webchat.js). Plain browser JavaScript, no build step. Every text comes from the page: the error
 * message is a <template> the page renders in the resident's language, so this file holds no user-facing string.
 */
(function () {
    'use strict';

    /** DirectLineJS ConnectionStatus values. */
    var STATUS = { online: 2, expiredToken: 3, failedToConnect: 4, ended: 5 };
    /** How long one attempt may take: the token request, then reaching "online". */
    var TOKEN_TIMEOUT_MS = 15000;
    var CONNECT_TIMEOUT_MS = 20000;
    /** A failed start is retried once with a fresh token before the resident sees the error. */
    var ATTEMPTS = 2;

    var configElement = document.getElementById('resident-config');
    var container = document.getElementById('webchat');
    var errorRegion = document.getElementById('chat-error');
    var errorTemplate = document.getElementById('chat-error-template');
    if (!configElement || !container || !errorRegion || !errorTemplate) return;
    var config = JSON.parse(configElement.textContent || '{}');

    /** The Direct Line connection in use; a replaced one is ignored when it reports. */
    var current = null;
    var online = false;
    /** The host page (embed) asked for focus before the chat was ready. */
    var focusRequested = false;

    function fetchSession() {
        var controller = new AbortController();
        var timer = setTimeout(function () {
            controller.abort();
        }, TOKEN_TIMEOUT_MS);
        return fetch(config.tokenUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
            credentials: 'same-origin',
            cache: 'no-store',
            signal: controller.signal,
        })
            .then(function (response) {
                if (!response.ok) throw new Error('token request failed: ' + response.status);
                return response.json();
            })
            .then(function (session) {
                if (!session || typeof session.token !== 'string' || typeof session.domain !== 'string') {
                    throw new Error('token response has no token or domain');
                }
                return session;
            })
            .finally(function () {
                clearTimeout(timer);
            });
    }

    /** Resolves when the connection is online; rejects when it fails, ends or takes too long. */
    function whenOnline(directLine) {
        return new Promise(function (resolve, reject) {
            var settled = false;
            var subscription = null;
            var timer = setTimeout(function () {
                settle(reject, new Error('no connection in time'));
            }, CONNECT_TIMEOUT_MS);
            function settle(callback, value) {
                if (settled) return;
                settled = true;
                clearTimeout(timer);
                if (subscription) subscription.unsubscribe();
                callback(value);
            }
            subscription = directLine.connectionStatus$.subscribe({
                next: function (status) {
                    if (status === STATUS.online) settle(resolve);
                    else if (status >= STATUS.expiredToken) settle(reject, new Error('connection status ' + status));
                },
                error: function (error) {
                    settle(reject, error);
                },
            });
            // The status subject may answer synchronously, before `subscription` was assigned.
            if (settled) subscription.unsubscribe();
        });
    }

    /** A connection that was online and then fails (token refresh refused, server gone) shows the error too. */
    function watchAfterOnline(directLine) {
        directLine.connectionStatus$.subscribe(function (status) {
            if (directLine !== current) return;
            if (status === STATUS.expiredToken || status === STATUS.failedToConnect)
                showError({ keepTranscript: true });
        });
    }

    function connect() {
        if (!window.WebChat) return Promise.reject(new Error('the Web Chat bundle did not load'));
        return fetchSession().then(function (session) {
            var directLine = window.WebChat.createDirectLine({
                domain: session.domain,
                token: session.token,
                webSocket: false,
                // The bot greets as the conversation starts: tell it the page's language before anything is said.
                conversationStartProperties: { locale: config.locale },
            });
            current = directLine;
            var host = document.createElement('div');
            host.className = 'webchat__host';
            container.replaceChildren(host);
            window.WebChat.renderWebChat(
                {
                    directLine: directLine,
                    locale: config.locale,
                    styleOptions: config.styleOptions,
                    // Not "complementary" (the default): a complementary landmark may not sit inside <main>.
                    role: 'region',
                },
                host,
            );
            return whenOnline(directLine).then(function () {
                watchAfterOnline(directLine);
            });
        });
    }

    function teardown() {
        var directLine = current;
        current = null;
        online = false;
        if (directLine) {
            try {
                directLine.end();
            } catch (error) {
                // Ending a connection that never opened may throw; it is dropped either way.
            }
        }
    }

    function start(attempt) {
        return connect().then(
            function () {
                online = true;
                container.removeAttribute('aria-busy');
                errorRegion.replaceChildren();
                if (focusRequested) focusSendBox();
            },
            function (error) {
                teardown();
                if (attempt + 1 < ATTEMPTS) return start(attempt + 1);
                if (window.console) window.console.warn('Luotsi chat did not start:', error);
                showError({ keepTranscript: false });
            },
        );
    }

    function showError(options) {
        if (!options.keepTranscript) {
            container.replaceChildren();
            container.removeAttribute('aria-busy');
        }
        // A fresh copy each time, so the alert region changes and is announced again.
        errorRegion.replaceChildren(errorTemplate.content.cloneNode(true));
    }

    function focusSendBox() {
        var input = container.querySelector('[data-id="webchat-sendbox-input"], input[type="text"], textarea');
        if (input) {
            input.focus();
            focusRequested = false;
        }
    }

    errorRegion.addEventListener('click', function (event) {
        var button = event.target instanceof Element ? event.target.closest('[data-action="retry"]') : null;
        if (!button) return;
        button.disabled = true;
        teardown();
        void start(0).then(function () {
            // Failed again: focus the new retry button. Started: the resident asked for the chat, so go to it.
            var again = errorRegion.querySelector('[data-action="retry"]');
            if (again) again.focus();
            else if (online) focusSendBox();
        });
    });

    if (config.embed) {
        // Inside the host page's dialog: keys pressed in this frame never reach the host, so pass Escape on.
        document.addEventListener('keydown', function (event) {
            if (event.key !== 'Escape' || event.defaultPrevented || window.parent === window) return;
            window.parent.postMessage({ type: 'luotsi:close' }, '*');
        });
        window.addEventListener('message', function (event) {
            if (event.source !== window.parent || !event.data || event.data.type !== 'luotsi:focus') return;
            focusRequested = true;
            if (online) focusSendBox();
        });
    }

    void start(0);
})();
