/*
 * Luotsi chat button for a region's own website (LUOTSI stands for the address Luotsi is published at):
 *   <script src="LUOTSI/embed.js" data-lang="fi" defer></script>
 * Adds a floating button that opens the chat (an iframe of LUOTSI/?lang=…&embed=1) in a dialog panel. Every address
 * is derived from this script's own src, so the same file works on any Luotsi host and names no host itself. The button lives in a shadow root
 * so the host page's CSS cannot break it, and it is styled by LUOTSI/web/embed.css (no inline styles, so a strict
 * host CSP only needs the Luotsi origin in script-src, style-src and frame-src).
 * The server fills in STRINGS (below) with the texts of every language from the locale files.
 */
(function () {
    'use strict';

    var STRINGS = __LUOTSI_STRINGS__;
    var DEFAULT_LANGUAGE = 'fi';

    var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
    if (!script || !script.src || window.luotsiEmbedLoaded) return;
    window.luotsiEmbedLoaded = true;

    var origin = new URL(script.src, document.baseURI).origin;
    var language = pickLanguage();
    var text = STRINGS[language];

    /** data-lang, else the host page's language, else Finnish. */
    function pickLanguage() {
        var candidates = [script.getAttribute('data-lang'), document.documentElement.lang];
        for (var i = 0; i < candidates.length; i++) {
            var code = String(candidates[i] || '')
                .slice(0, 2)
                .toLowerCase();
            if (Object.prototype.hasOwnProperty.call(STRINGS, code)) return code;
        }
        return DEFAULT_LANGUAGE;
    }

    function element(tag, attributes, children) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) {
            node.setAttribute(name, attributes[name]);
        });
        (children || []).forEach(function (child) {
            node.append(child);
        });
        return node;
    }

    function build() {
        var host = element('div', { 'data-luotsi-embed': '', lang: language });
        // Hidden until the stylesheet arrives, so an unstyled button never flashes on the host page.
        host.style.display = 'none';
        var root = host.attachShadow({ mode: 'open' });
        var stylesheet = element('link', { rel: 'stylesheet', href: origin + '/web/embed.css' });
        var reveal = function () {
            host.style.display = '';
        };
        // A host CSP that blocks the stylesheet still gets a working, if plain, button.
        stylesheet.addEventListener('load', reveal);
        stylesheet.addEventListener('error', reveal);

        var launcher = element(
            'button',
            {
                type: 'button',
                class: 'launcher',
                'aria-expanded': 'false',
                'aria-controls': 'luotsi-panel',
                'aria-haspopup': 'dialog',
            },
            [element('span', { class: 'launcher__icon', 'aria-hidden': 'true' }), text.button],
        );
        var title = element('h2', { id: 'luotsi-title', class: 'panel__title' }, [text.dialogTitle]);
        var closeButton = element('button', { type: 'button', class: 'panel__close' }, [
            element('span', { 'aria-hidden': 'true' }, ['×']),
            element('span', { class: 'visually-hidden' }, [text.close]),
        ]);
        var frameBox = element('div', { class: 'panel__frame' });
        var panel = element(
            'div',
            {
                id: 'luotsi-panel',
                class: 'panel',
                role: 'dialog',
                'aria-modal': 'false',
                'aria-labelledby': 'luotsi-title',
            },
            [element('div', { class: 'panel__header' }, [title, closeButton]), frameBox],
        );
        panel.hidden = true;
        // The launcher first: from it, Tab moves on into the open panel.
        root.append(stylesheet, launcher, panel);
        document.body.appendChild(host);

        var frame = null;
        var frameLoaded = false;

        /** Asks the chat page to put focus in its message box (it answers only to its parent). */
        function focusChat() {
            if (!frame) return;
            frame.focus();
            if (frameLoaded && frame.contentWindow) frame.contentWindow.postMessage({ type: 'luotsi:focus' }, origin);
        }

        function open() {
            if (!frame) {
                // Created on first open: no token is fetched and no conversation starts for mere page views.
                frame = element('iframe', {
                    class: 'panel__iframe',
                    title: text.frameTitle,
                    src: origin + '/?lang=' + encodeURIComponent(language) + '&embed=1',
                });
                frame.addEventListener('load', function () {
                    frameLoaded = true;
                    if (!panel.hidden) focusChat();
                });
                frameBox.append(frame);
            }
            panel.hidden = false;
            host.setAttribute('data-open', '');
            launcher.setAttribute('aria-expanded', 'true');
            focusChat();
        }

        function close() {
            if (panel.hidden) return;
            panel.hidden = true;
            host.removeAttribute('data-open');
            launcher.setAttribute('aria-expanded', 'false');
            launcher.focus();
        }

        launcher.addEventListener('click', function () {
            if (panel.hidden) open();
            else close();
        });
        closeButton.addEventListener('click', close);
        root.addEventListener('keydown', function (event) {
            if (event.key === 'Escape' && !panel.hidden) {
                event.preventDefault();
                close();
            }
        });
        // Escape pressed inside the chat arrives as a message from the frame (keys do not cross frames).
        window.addEventListener('message', function (event) {
            if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
            if (event.data && event.data.type === 'luotsi:close') close();
        });
    }

    if (document.body) build();
    else document.addEventListener('DOMContentLoaded', build);
})();
