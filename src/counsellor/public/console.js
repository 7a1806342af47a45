// Luotsi counsellor console: plain browser JavaScript served as-is (no build step, no framework, no CDN).
// Server data reaches the DOM only through textContent, attributes and DOM APIs, never as markup,
// so a resident's message cannot inject HTML into a counsellor's browser.

const API = '/api/counsellor';
const URGENCY_RANK = { crisis: 0, high: 1, normal: 2 };
const MESSAGE_SENDERS = ['resident', 'bot', 'counsellor'];
const WAITING_TICK_MS = 30_000;
const RECONNECT_MS = 5_000;
const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
/** Statuses a counsellor can still accept; closed and abandoned ones are history. */
const ACCEPTABLE_STATUSES = ['waiting', 'callback-requested'];
const FINISHED_STATUSES = ['closed', 'abandoned'];

const byId = (id) => document.getElementById(id);
const pageLanguage = document.documentElement.lang || 'fi';
const strings = readStrings();
const timeFormat = new Intl.DateTimeFormat(LOCALES[pageLanguage] ?? pageLanguage, {
    hour: '2-digit',
    minute: '2-digit',
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALES[pageLanguage] ?? pageLanguage, {
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
});

const el = {
    main: byId('main'),
    pageStatus: byId('page-status'),
    announcer: byId('queue-announcer'),
    account: byId('account'),
    accountName: byId('account-name'),
    logoutButton: byId('logout-button'),
    loginView: byId('login-view'),
    loginHeading: byId('login-heading'),
    loginForm: byId('login-form'),
    loginError: byId('login-error'),
    loginUsername: byId('login-username'),
    loginPassword: byId('login-password'),
    queueView: byId('queue-view'),
    queueHeading: byId('queue-heading'),
    queueFilter: byId('queue-filter'),
    queueRefresh: byId('queue-refresh'),
    liveStatus: byId('live-status'),
    queueError: byId('queue-error'),
    queueBody: byId('queue-body'),
    handoverView: byId('handover-view'),
    handoverBack: byId('handover-back'),
    handoverHeading: byId('handover-heading'),
    handoverError: byId('handover-error'),
    handoverStatus: byId('handover-status'),
    metaUrgency: byId('meta-urgency'),
    metaWaiting: byId('meta-waiting'),
    metaLanguage: byId('meta-language'),
    metaChannel: byId('meta-channel'),
    metaStatus: byId('meta-status'),
    metaLifeSituations: byId('meta-life-situations'),
    acceptButton: byId('accept-button'),
    handoverLocked: byId('handover-locked'),
    summary: byId('summary'),
    residentWords: byId('resident-words'),
    contactPreference: byId('contact-preference'),
    contactPhoneRow: byId('contact-phone-row'),
    contactPhone: byId('contact-phone'),
    contactTimeRow: byId('contact-time-row'),
    contactTime: byId('contact-time'),
    ratingForm: byId('rating-form'),
    ratingError: byId('rating-error'),
    ratingStatus: byId('rating-status'),
    transcript: byId('transcript'),
    chatSection: byId('chat-section'),
    chatMessages: byId('chat-messages'),
    chatForm: byId('chat-form'),
    chatText: byId('chat-text'),
    chatError: byId('chat-error'),
    closeSection: byId('close-section'),
    closeForm: byId('close-form'),
    outcomeFieldset: byId('outcome-fieldset'),
    serviceField: byId('service-field'),
    serviceSelect: byId('close-service'),
    closeNotes: byId('close-notes'),
    closeError: byId('close-error'),
};

const state = {
    /** @type {{username: string, role: string} | null} */
    user: null,
    csrfToken: '',
    /** id -> { item, receivedAt }: receivedAt lets waiting times tick without trusting the browser clock. */
    queue: new Map(),
    filter: el.queueFilter.value,
    /** The handover shown in the handover view, as the detail endpoint returned it. */
    open: null,
    openReceivedAt: 0,
    /** @type {EventSource | null} */
    events: null,
    liveLost: false,
    reconnectTimer: 0,
    services: null,
    servicesLoading: false,
    /** Action names in flight: guards against double submits without disabling (and unfocusing) buttons. */
    pending: new Set(),
};

class ApiError extends Error {
    constructor(status, body) {
        super(`counsellor API answered ${status}`);
        this.status = status;
        this.body = body ?? {};
    }
}

// ---------- strings ----------

function readStrings() {
    try {
        return JSON.parse(byId('console-strings')?.textContent ?? '{}');
    } catch {
        return {};
    }
}

/** A page string with {{placeholders}} filled in; the key itself if the server forgot to embed it. */
function str(key, values = {}) {
    const template = typeof strings[key] === 'string' ? strings[key] : key;
    return template.replace(/{{(\w+)}}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** A label for an API enumeration value; unknown values are shown as they are rather than hidden. */
function label(group, value) {
    const key = `${group}.${value}`;
    return typeof strings[key] === 'string' ? strings[key] : String(value ?? '');
}

// ---------- API ----------

/**
 * Calls the counsellor API. A 401 outside login/session means the session ended: the page returns to the
 * login form and the error is rethrown with status 401 so callers just stop.
 */
async function api(path, { method = 'GET', body, sessionCall = false } = {}) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = state.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
        response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'same-origin',
            cache: 'no-store',
        });
    } catch {
        throw new ApiError(0, {});
    }
    let data = {};
    if (response.status !== 204) {
        try {
            data = await response.json();
        } catch {
            data = {};
        }
    }
    if (!response.ok) {
        if (response.status === 401 && !sessionCall) sessionExpired();
        throw new ApiError(response.status, data);
    }
    return data ?? {};
}

function messageFor(error) {
    return error instanceof ApiError && error.status === 0 ? str('errors.network') : str('errors.generic');
}

const handoverPath = (id, action = '') => `${API}/handovers/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

// ---------- small DOM helpers ----------

function make(tag, { className, text } = {}) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

/**
 * Puts a message into a live region. The same text twice in a row is cleared first, or a screen reader
 * would not repeat it.
 */
function say(region, text) {
    if (!text) {
        region.textContent = '';
        return;
    }
    if (region.textContent === text) {
        region.textContent = '';
        setTimeout(() => {
            region.textContent = text;
        }, 100);
    } else {
        region.textContent = text;
    }
}

function setInvalid(control, errorRegion, message) {
    control.setAttribute('aria-invalid', 'true');
    addDescribedBy(control, errorRegion.id);
    say(errorRegion, message);
}

function clearInvalid(control, errorRegion) {
    control.removeAttribute('aria-invalid');
    const ids = (control.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id) => id && id !== errorRegion.id);
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
    else control.removeAttribute('aria-describedby');
    say(errorRegion, '');
}

function addDescribedBy(control, id) {
    const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    if (!ids.includes(id)) control.setAttribute('aria-describedby', [...ids, id].join(' '));
}

/** After content was hidden, focus must not be left on an invisible element (it would drop to <body>). */
function keepFocusVisible(fallback) {
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('[hidden]')) fallback.focus();
}

async function once(action, run) {
    if (state.pending.has(action)) return;
    state.pending.add(action);
    try {
        await run();
    } finally {
        state.pending.delete(action);
    }
}

function formatTime(at) {
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) return '';
    return date.toDateString() === new Date().toDateString() ? timeFormat.format(date) : dateTimeFormat.format(date);
}

function waitingText(seconds) {
    if (!Number.isFinite(seconds) || seconds < 60) return str('waiting.lessThanMinute');
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return str('waiting.minutes', { minutes });
    return str('waiting.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function secondsWaited(item, receivedAt) {
    return Number(item.waitingSeconds ?? 0) + (Date.now() - receivedAt) / 1000;
}

function isMine(handover) {
    return Boolean(state.user && handover.status === 'accepted' && handover.acceptedBy === state.user.username);
}

function outcomeOf(handover) {
    const outcome = handover.outcome;
    if (!outcome) return undefined;
    return typeof outcome === 'string' ? outcome : outcome.outcome;
}

function isFinished(handover) {
    return FINISHED_STATUSES.includes(handover.status) || Boolean(outcomeOf(handover));
}

function statusText(handover) {
    if (handover.status === 'accepted' && handover.acceptedBy) {
        const you = state.user && handover.acceptedBy === state.user.username;
        return str('status.acceptedBy', { name: you ? str('from.you') : handover.acceptedBy });
    }
    return label('status', handover.status);
}

function lifeSituationsText(lifeSituations) {
    const names = (lifeSituations ?? []).map((situation) => situation.name).filter(Boolean);
    return names.length ? names.join(', ') : str('handover.none');
}

/** Urgency as text in a badge: crisis is marked by words and shape, not by colour alone (WCAG 1.4.1). */
function urgencyBadge(urgency) {
    const known = Object.hasOwn(URGENCY_RANK, urgency) ? urgency : 'normal';
    const badge = make('span', { className: `badge badge--${known}` });
    if (urgency === 'crisis') {
        const icon = make('span', { text: '⚠ ' });
        icon.setAttribute('aria-hidden', 'true');
        badge.append(icon);
    }
    badge.append(label('urgency', urgency));
    return badge;
}

// ---------- views ----------

function showView(name) {
    el.loginView.hidden = name !== 'login';
    el.queueView.hidden = name !== 'queue';
    el.handoverView.hidden = name !== 'handover';
    el.account.hidden = name === 'login';
}

function setHash(id) {
    const url = id ? `#handover=${encodeURIComponent(id)}` : `${location.pathname}${location.search}`;
    history.replaceState(null, '', url);
}

function handoverIdFromHash() {
    const match = /^#handover=(.+)$/.exec(location.hash);
    if (!match) return undefined;
    try {
        return decodeURIComponent(match[1]);
    } catch {
        return undefined;
    }
}

// ---------- session ----------

async function startSession(session, { moveFocus }) {
    state.user = { username: String(session.username ?? ''), role: String(session.role ?? '') };
    state.csrfToken = String(session.csrfToken ?? '');
    el.accountName.textContent = state.user.username;
    say(el.loginError, '');
    showView('queue');
    openEvents();
    await loadQueue();
    const id = handoverIdFromHash();
    if (id) await openHandover(id);
    else if (moveFocus) el.queueHeading.focus();
}

/** Forgets everything about the session and removes residents' data from the page. */
function endSession() {
    closeEvents();
    clearTimeout(state.reconnectTimer);
    state.user = null;
    state.csrfToken = '';
    state.queue.clear();
    state.open = null;
    state.services = null;
    el.queueBody.replaceChildren();
    clearHandoverView();
    el.accountName.textContent = '';
    say(el.announcer, '');
    say(el.liveStatus, '');
    el.loginPassword.value = '';
    setHash(undefined);
    showView('login');
}

function sessionExpired() {
    if (!state.user) return;
    endSession();
    say(el.loginError, str('login.sessionExpired'));
    el.loginHeading.focus();
}

async function onLoginSubmit(event) {
    event.preventDefault();
    await once('login', async () => {
        say(el.pageStatus, '');
        const username = el.loginUsername.value.trim();
        const password = el.loginPassword.value;
        if (!username || !password) {
            say(el.loginError, str('login.missing'));
            (username ? el.loginPassword : el.loginUsername).focus();
            return;
        }
        try {
            const session = await api(`${API}/login`, {
                method: 'POST',
                body: { username, password },
                sessionCall: true,
            });
            el.loginPassword.value = '';
            await startSession(session, { moveFocus: true });
        } catch (error) {
            el.loginPassword.value = '';
            if (error.status === 401) say(el.loginError, str('login.wrong'));
            else if (error.status === 429) say(el.loginError, str('login.tooMany'));
            else say(el.loginError, messageFor(error));
        }
    });
}

async function onLogout() {
    await once('logout', async () => {
        try {
            await api(`${API}/logout`, { method: 'POST', sessionCall: true });
        } catch (error) {
            // 401: the session had already ended, which is what the counsellor wanted.
            if (error.status !== 401) {
                say(el.handoverView.hidden ? el.queueError : el.handoverError, messageFor(error));
                return;
            }
        }
        endSession();
        say(el.pageStatus, str('account.loggedOut'));
        el.loginHeading.focus();
    });
}

// ---------- queue ----------

function matchesFilter(status) {
    return state.filter.split(',').includes(status);
}

function compareQueue(a, b) {
    const rank = (URGENCY_RANK[a.item.urgency] ?? 3) - (URGENCY_RANK[b.item.urgency] ?? 3);
    if (rank !== 0) return rank;
    return secondsWaited(b.item, b.receivedAt) - secondsWaited(a.item, a.receivedAt);
}

async function loadQueue() {
    say(el.queueError, '');
    try {
        const { handovers } = await api(
            `${API}/handovers?status=${state.filter}&lang=${encodeURIComponent(pageLanguage)}`,
        );
        const receivedAt = Date.now();
        state.queue = new Map((handovers ?? []).map((item) => [item.id, { item, receivedAt }]));
        renderQueue();
    } catch (error) {
        if (error.status !== 401) say(el.queueError, messageFor(error));
    }
}

function renderQueue() {
    const focusedRow = document.activeElement?.closest?.('#queue-body tr');
    const focusedId = focusedRow?.dataset.id;
    const entries = [...state.queue.values()].sort(compareQueue);
    const rows = entries.map(({ item, receivedAt }) => queueRow(item, receivedAt));
    if (!rows.length) {
        const row = make('tr');
        const cell = make('td', { className: 'empty', text: str('queue.empty') });
        cell.colSpan = 6;
        row.append(cell);
        rows.push(row);
    }
    el.queueBody.replaceChildren(...rows);
    // A live update must not throw the keyboard user's focus away from the row they were on.
    if (focusedId !== undefined) {
        const again = [...el.queueBody.rows].find((row) => row.dataset.id === focusedId);
        (again?.querySelector('button') ?? el.queueHeading).focus();
    }
}

function queueRow(item, receivedAt) {
    const row = make('tr');
    row.dataset.id = String(item.id);
    if (item.urgency === 'crisis') row.classList.add('is-crisis');

    const header = make('th');
    header.scope = 'row';
    const button = make('button', { className: 'row-open' });
    button.type = 'button';
    button.append(
        urgencyBadge(item.urgency),
        make('span', { className: 'visually-hidden', text: `, ${str('queue.open')}` }),
    );
    button.addEventListener('click', () => void openHandover(item.id));
    header.append(button);

    row.append(
        header,
        make('td', { className: 'waiting', text: waitingText(secondsWaited(item, receivedAt)) }),
        make('td', { text: label('residentLanguage', item.language) }),
        make('td', { text: label('reason', item.reason) }),
        make('td', { text: lifeSituationsText(item.lifeSituations) }),
        make('td', { text: statusText(item) }),
    );
    // Mouse users may click anywhere on the row; keyboard and screen reader users have the button.
    row.addEventListener('click', (event) => {
        if (event.target instanceof Element && event.target.closest('button')) return;
        void openHandover(item.id);
    });
    return row;
}

function tickWaitingTimes() {
    for (const row of el.queueBody.rows) {
        const entry = state.queue.get(row.dataset.id);
        const cell = row.querySelector('td.waiting');
        if (entry && cell) cell.textContent = waitingText(secondsWaited(entry.item, entry.receivedAt));
    }
    if (state.open) el.metaWaiting.textContent = waitingText(secondsWaited(state.open, state.openReceivedAt));
}

// ---------- live events ----------

function openEvents() {
    closeEvents();
    const source = new EventSource(`${API}/events?lang=${encodeURIComponent(pageLanguage)}`);
    state.events = source;
    source.addEventListener('handover', onHandoverEvent);
    source.addEventListener('message', onMessageEvent);
    source.addEventListener('open', () => {
        if (!state.liveLost) return;
        state.liveLost = false;
        say(el.liveStatus, str('queue.liveBack'));
        // Events sent while we were away are lost: fetch the queue again.
        void loadQueue();
    });
    source.addEventListener('error', () => {
        if (state.events !== source) return;
        if (!state.liveLost) {
            state.liveLost = true;
            say(el.liveStatus, str('queue.liveLost'));
        }
        // The browser retries by itself unless the server refused (e.g. 401); then we check the session.
        if (source.readyState === EventSource.CLOSED) {
            source.close();
            state.events = null;
            scheduleReconnect();
        }
    });
}

function closeEvents() {
    state.events?.close();
    state.events = null;
    state.liveLost = false;
}

function scheduleReconnect() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = setTimeout(async () => {
        if (!state.user) return;
        try {
            const session = await api(`${API}/session`, { sessionCall: true });
            state.csrfToken = String(session.csrfToken ?? state.csrfToken);
            openEvents();
            state.liveLost = true; // so that the open event refreshes the queue
        } catch (error) {
            if (error.status === 401) sessionExpired();
            else scheduleReconnect();
        }
    }, RECONNECT_MS);
}

function parseEventData(event) {
    try {
        const data = JSON.parse(event.data);
        return data && typeof data === 'object' ? data : undefined;
    } catch {
        return undefined;
    }
}

function onHandoverEvent(event) {
    const data = parseEventData(event);
    const handover = data?.handover;
    if (!handover || handover.id === undefined) return;
    const receivedAt = Date.now();
    if (matchesFilter(handover.status)) state.queue.set(handover.id, { item: handover, receivedAt });
    else state.queue.delete(handover.id);
    renderQueue();

    if (data.type === 'created') {
        const reason = label('reason', handover.reason);
        say(
            el.announcer,
            handover.urgency === 'crisis'
                ? str('queue.newCrisis', { reason })
                : str('queue.newHandover', { urgency: label('urgency', handover.urgency), reason }),
        );
    }

    if (state.open && state.open.id === handover.id) {
        // A list item: it updates status and acceptedBy but leaves the summary and messages as they are.
        Object.assign(state.open, handover);
        state.openReceivedAt = receivedAt;
        renderHandoverMeta();
        renderHandoverState();
        keepFocusVisible(el.handoverHeading);
    }
}

function onMessageEvent(event) {
    const data = parseEventData(event);
    if (!data || !data.message || !state.open || data.handoverId !== state.open.id) return;
    appendChatMessage(data.message);
}

// ---------- handover view ----------

async function openHandover(id) {
    await once(`open:${id}`, async () => {
        say(el.queueError, '');
        try {
            const { handover } = await api(`${handoverPath(id)}?lang=${encodeURIComponent(pageLanguage)}`);
            if (!handover) throw new ApiError(404, {});
            state.open = handover;
            state.openReceivedAt = Date.now();
            setHash(handover.id ?? id);
            renderHandover();
            showView('handover');
            el.handoverHeading.focus();
        } catch (error) {
            if (error.status === 401) return;
            setHash(undefined);
            say(el.queueError, error.status === 404 ? str('handover.notFound') : messageFor(error));
            if (!el.queueView.hidden) keepFocusVisible(el.queueHeading);
        }
    });
}

/** Leaves the handover view; its data is removed from the DOM so it does not linger on screen. */
function backToQueue({ message, focusRow }) {
    const id = state.open?.id;
    state.open = null;
    clearHandoverView();
    setHash(undefined);
    showView('queue');
    renderQueue();
    if (message) say(el.pageStatus, message);
    const row = focusRow ? [...el.queueBody.rows].find((candidate) => candidate.dataset.id === String(id)) : undefined;
    (row?.querySelector('button') ?? el.queueHeading).focus();
}

function clearHandoverView() {
    el.handoverHeading.textContent = str('handover.heading');
    for (const node of [
        el.handoverError,
        el.handoverStatus,
        el.summary,
        el.residentWords,
        el.contactPreference,
        el.contactPhone,
        el.contactTime,
        el.transcript,
        el.chatMessages,
        el.ratingError,
        el.ratingStatus,
        el.chatError,
        el.closeError,
        el.metaUrgency,
        el.metaWaiting,
        el.metaLanguage,
        el.metaChannel,
        el.metaStatus,
        el.metaLifeSituations,
    ]) {
        node.replaceChildren();
    }
    el.ratingForm.reset();
    el.closeForm.reset();
    el.chatText.value = '';
    clearInvalid(el.chatText, el.chatError);
    clearInvalid(el.serviceSelect, el.closeError);
    el.serviceField.hidden = true;
}

function renderHandover() {
    const handover = state.open;
    clearHandoverView();
    el.handoverHeading.textContent = str('handover.headingWith', { reason: label('reason', handover.reason) });
    renderHandoverMeta();
    renderSummary(handover.summary);
    renderResidentWords(handover.residentWords);
    renderContact(handover.contact);
    renderMessages(el.transcript, handover.transcript, str('transcript.empty'));
    renderMessages(el.chatMessages, handover.messages, str('chat.empty'));
    renderHandoverState();
}

function renderHandoverMeta() {
    const handover = state.open;
    el.metaUrgency.replaceChildren(urgencyBadge(handover.urgency));
    el.metaWaiting.textContent = waitingText(secondsWaited(handover, state.openReceivedAt));
    el.metaLanguage.textContent = label('residentLanguage', handover.language);
    el.metaChannel.textContent = String(handover.channel ?? str('handover.none'));
    el.metaStatus.textContent = statusText(handover);
    el.metaLifeSituations.textContent = lifeSituationsText(handover.lifeSituations);
}

/**
 * Shows what the counsellor can do now: accept an open handover, chat in their own, close one that is open and not
 * someone else's (a callback can be closed without a chat), or nothing once it is taken by another or finished.
 */
function renderHandoverState() {
    const handover = state.open;
    const finished = isFinished(handover);
    const mine = isMine(handover);
    const acceptable = !finished && ACCEPTABLE_STATUSES.includes(handover.status);
    const takenByOther = handover.status === 'accepted' && !mine;
    el.acceptButton.hidden = !acceptable;
    el.handoverLocked.hidden = !acceptable;
    el.chatSection.hidden = !(mine || (handover.messages ?? []).length > 0);
    el.chatForm.hidden = !mine || finished;
    el.closeSection.hidden = finished || !(mine || acceptable);
    if (finished && outcomeOf(handover)) {
        say(el.handoverStatus, str('handover.closedWith', { outcome: label('outcome', outcomeOf(handover)) }));
    } else if (takenByOther) {
        const message = str('handover.takenBy', { name: handover.acceptedBy ?? str('from.counsellor') });
        if (el.handoverError.textContent !== message) say(el.handoverError, message);
    }
}

function renderSummary(sections) {
    const list = Array.isArray(sections) ? sections : [];
    if (!list.length) {
        el.summary.replaceChildren(make('p', { className: 'hint', text: str('summary.empty') }));
        return;
    }
    el.summary.replaceChildren(
        ...list.map((section) => {
            const wrapper = make('div', { className: 'summary__section' });
            wrapper.dataset.section = String(section.section ?? '');
            const items = make('ul');
            items.append(...(section.lines ?? []).map((line) => make('li', { text: String(line) })));
            wrapper.append(make('h4', { text: String(section.title ?? '') }), items);
            return wrapper;
        }),
    );
}

function renderResidentWords(words) {
    if (typeof words === 'string' && words.trim()) {
        const quote = make('blockquote');
        quote.append(make('p', { text: words }));
        el.residentWords.replaceChildren(quote);
    } else {
        el.residentWords.replaceChildren(make('p', { className: 'hint', text: str('residentWords.empty') }));
    }
}

function renderContact(contact) {
    const preference = contact?.preference;
    el.contactPreference.textContent = preference ? label('contactPreference', preference) : str('handover.none');
    el.contactPhoneRow.hidden = !contact?.phone;
    if (contact?.phone) {
        const link = make('a', { text: String(contact.phone) });
        // Only digits and + reach the tel: URL, so a crafted value cannot become another scheme.
        link.href = `tel:${String(contact.phone).replace(/[^\d+]/g, '')}`;
        el.contactPhone.replaceChildren(link);
    }
    el.contactTimeRow.hidden = !contact?.preferredTime;
    el.contactTime.textContent = contact?.preferredTime ? String(contact.preferredTime) : '';
}

function messageItem(message) {
    const from = MESSAGE_SENDERS.includes(message.from) ? message.from : 'bot';
    const item = make('li', { className: `from-${from}` });
    const meta = make('p', { className: 'message__meta' });
    meta.append(make('span', { className: 'message__from', text: label('from', from) }));
    const time = formatTime(message.at);
    if (time) {
        const stamp = make('time', { text: time });
        stamp.dateTime = String(message.at);
        meta.append(' ', stamp);
    }
    item.append(meta, make('p', { className: 'message__text', text: String(message.text ?? '') }));
    return item;
}

function renderMessages(list, messages, emptyText) {
    const items = (Array.isArray(messages) ? messages : []).map(messageItem);
    list.replaceChildren(...(items.length ? items : [make('li', { className: 'empty', text: emptyText })]));
}

function messageKey(message) {
    return `${message.from}|${message.at}|${message.text}`;
}

function appendChatMessage(message) {
    const handover = state.open;
    handover.messages ??= [];
    if (handover.messages.some((known) => messageKey(known) === messageKey(message))) return;
    handover.messages.push(message);
    el.chatMessages.querySelector('li.empty')?.remove();
    el.chatMessages.append(messageItem(message));
    el.chatSection.hidden = false;
}

// ---------- handover actions ----------

async function onAccept() {
    const handover = state.open;
    if (!handover) return;
    await once('accept', async () => {
        say(el.handoverError, '');
        try {
            const data = await api(handoverPath(handover.id, 'accept'), { method: 'POST' });
            Object.assign(handover, data.handover ?? {});
            if (handover.status !== 'accepted' || !handover.acceptedBy) {
                handover.status = 'accepted';
                handover.acceptedBy = state.user.username;
            }
            renderHandoverMeta();
            renderHandoverState();
            say(el.handoverStatus, str('handover.acceptedByYou'));
            el.chatText.focus();
        } catch (error) {
            if (error.status === 401) return;
            if (error.status === 409 && error.body.acceptedBy) {
                handover.status = 'accepted';
                handover.acceptedBy = error.body.acceptedBy;
                renderHandoverMeta();
                say(el.handoverError, str('handover.takenBy', { name: handover.acceptedBy }));
                renderHandoverState();
                el.handoverError.focus();
            } else if (error.status === 409) {
                // Closed or abandoned meanwhile: no one to name, and accepting is no longer possible.
                el.acceptButton.hidden = true;
                el.handoverLocked.hidden = true;
                say(el.handoverError, str('handover.notAcceptable'));
                el.handoverError.focus();
            } else {
                say(el.handoverError, messageFor(error));
            }
        }
    });
}

async function onSendMessage(event) {
    event.preventDefault();
    const handover = state.open;
    if (!handover) return;
    await once('send', async () => {
        const text = el.chatText.value.trim();
        if (!text) {
            setInvalid(el.chatText, el.chatError, str('chat.emptyText'));
            el.chatText.focus();
            return;
        }
        clearInvalid(el.chatText, el.chatError);
        try {
            const data = await api(handoverPath(handover.id, 'messages'), { method: 'POST', body: { text } });
            appendChatMessage(data.message ?? { from: 'counsellor', text, at: new Date().toISOString() });
            el.chatText.value = '';
        } catch (error) {
            if (error.status === 401) return;
            if (error.status === 409) say(el.chatError, str('chat.notYours'));
            else if (error.status === 422) setInvalid(el.chatText, el.chatError, str('chat.emptyText'));
            else say(el.chatError, messageFor(error));
        }
        el.chatText.focus();
    });
}

function chosenOutcome() {
    return el.closeForm.querySelector('input[name="outcome"]:checked')?.value;
}

function onOutcomeChange() {
    clearInvalid(el.outcomeFieldset, el.closeError);
    const referred = chosenOutcome() === 'referred';
    el.serviceField.hidden = !referred;
    if (referred) void loadServices();
    else clearInvalid(el.serviceSelect, el.closeError);
}

async function loadServices() {
    if (state.services || state.servicesLoading) return;
    state.servicesLoading = true;
    const placeholder = el.serviceSelect.options[0];
    placeholder.textContent = str('close.servicesLoading');
    try {
        const { services } = await api(`${API}/services?lang=${encodeURIComponent(pageLanguage)}`);
        state.services = [...(services ?? [])].sort((a, b) =>
            String(a.name).localeCompare(String(b.name), pageLanguage),
        );
        // new Option() sets text, never markup.
        el.serviceSelect.replaceChildren(
            new Option(str('close.chooseService'), ''),
            ...state.services.map((service) => new Option(String(service.name), String(service.id))),
        );
    } catch (error) {
        placeholder.textContent = str('close.chooseService');
        if (error.status !== 401) say(el.closeError, str('close.servicesFailed'));
    } finally {
        state.servicesLoading = false;
    }
}

async function onClose(event) {
    event.preventDefault();
    const handover = state.open;
    if (!handover) return;
    await once('close', async () => {
        say(el.closeError, '');
        const outcome = chosenOutcome();
        if (!outcome) {
            addDescribedBy(el.outcomeFieldset, el.closeError.id);
            say(el.closeError, str('close.missingOutcome'));
            el.closeForm.querySelector('input[name="outcome"]')?.focus();
            return;
        }
        const serviceId = el.serviceSelect.value;
        if (outcome === 'referred' && !serviceId) {
            setInvalid(el.serviceSelect, el.closeError, str('close.missingService'));
            el.serviceSelect.focus();
            return;
        }
        clearInvalid(el.serviceSelect, el.closeError);
        const body = { outcome };
        if (outcome === 'referred') body.serviceId = serviceId;
        const notes = el.closeNotes.value.trim();
        if (notes) body.notes = notes;
        try {
            await api(handoverPath(handover.id, 'close'), { method: 'POST', body });
            state.queue.delete(handover.id);
            backToQueue({ message: str('queue.closed'), focusRow: false });
            void loadQueue();
        } catch (error) {
            if (error.status === 401) return;
            if (error.status === 422 && outcome === 'referred') {
                setInvalid(el.serviceSelect, el.closeError, str('close.missingService'));
            } else if (error.status === 422) say(el.closeError, str('close.invalid'));
            else if (error.status === 409) say(el.closeError, str('close.wrongState'));
            else say(el.closeError, messageFor(error));
        }
    });
}

async function onRate(event) {
    event.preventDefault();
    const handover = state.open;
    if (!handover) return;
    await once('rate', async () => {
        say(el.ratingStatus, '');
        const value = el.ratingForm.querySelector('input[name="rating"]:checked')?.value;
        if (!value) {
            say(el.ratingError, str('rating.missing'));
            el.ratingForm.querySelector('input[name="rating"]')?.focus();
            return;
        }
        say(el.ratingError, '');
        try {
            await api(handoverPath(handover.id, 'rating'), { method: 'POST', body: { rating: Number(value) } });
            say(el.ratingStatus, str('rating.thanks'));
        } catch (error) {
            if (error.status !== 401) say(el.ratingError, messageFor(error));
        }
    });
}

// ---------- start ----------

function bindEvents() {
    el.loginForm.addEventListener('submit', onLoginSubmit);
    el.logoutButton.addEventListener('click', onLogout);
    el.queueFilter.addEventListener('change', () => {
        state.filter = el.queueFilter.value;
        void loadQueue();
    });
    el.queueRefresh.addEventListener('click', () => void loadQueue());
    el.handoverBack.addEventListener('click', () => backToQueue({ focusRow: true }));
    el.acceptButton.addEventListener('click', onAccept);
    el.chatForm.addEventListener('submit', onSendMessage);
    el.chatText.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            el.chatForm.requestSubmit();
        }
    });
    el.chatText.addEventListener('input', () => {
        if (el.chatText.value.trim()) clearInvalid(el.chatText, el.chatError);
    });
    el.closeForm.addEventListener('change', (event) => {
        if (event.target instanceof HTMLInputElement && event.target.name === 'outcome') onOutcomeChange();
        if (event.target === el.serviceSelect && el.serviceSelect.value) clearInvalid(el.serviceSelect, el.closeError);
    });
    el.closeForm.addEventListener('submit', onClose);
    el.ratingForm.addEventListener('submit', onRate);
    // Switching language reloads the page; keep the open handover open across the reload.
    for (const link of document.querySelectorAll('.language-nav a[hreflang]')) {
        link.addEventListener('click', () => {
            link.href = `?lang=${encodeURIComponent(link.getAttribute('hreflang'))}${location.hash}`;
        });
    }
    setInterval(tickWaitingTimes, WAITING_TICK_MS);
}

async function init() {
    bindEvents();
    try {
        const session = await api(`${API}/session`, { sessionCall: true });
        await startSession(session, { moveFocus: false });
    } catch (error) {
        showView('login');
        if (error.status !== 401) say(el.loginError, messageFor(error));
    }
}

void init();
