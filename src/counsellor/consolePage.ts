import type { TFunction } from 'i18next';
import { BASE_STYLESHEET_PATH, escapeHtml, renderDocument, renderLanguageNav } from '../web/html.js';

// Re-exported: the statistics pages and the console tests import the helpers from here.
export { escapeHtml, jsonForScript } from '../web/html.js';

/** The page languages; the same as the app's, repeated here so the page has no dependency on the catalogue code. */
export type ConsoleLanguage = 'fi' | 'sv' | 'en';
export const CONSOLE_LANGUAGES: readonly ConsoleLanguage[] = ['fi', 'sv', 'en'];

/** Where the server must serve the static client files (see src/counsellor/public/). */
export const CONSOLE_SCRIPT_PATH = '/counsellor/console.js';
export const CONSOLE_STYLESHEET_PATH = '/counsellor/console.css';

/** Enumerations of the counsellor API contract; the client gets a label for each. */
export const URGENCIES = ['crisis', 'high', 'normal'] as const;
export const REASONS = ['asked', 'no-match', 'crisis', 'many-needs', 'professional-consult'] as const;
export const STATUSES = ['waiting', 'accepted', 'callback-requested', 'closed', 'abandoned'] as const;
export const CONTACT_PREFERENCES = ['chat-now', 'callback', 'secure-message'] as const;
export const OUTCOMES = ['resolved', 'referred', 'social-care-contact', 'callback-booked', 'no-answer'] as const;
export const RATINGS = ['1', '2', '3', '4', '5'] as const;
/** Queue filters: the value is what the page sends as `?status=`. */
export const QUEUE_FILTERS = [
    { key: 'waiting', status: 'waiting' },
    { key: 'accepted', status: 'accepted' },
    { key: 'callback-requested', status: 'callback-requested' },
    { key: 'all', status: 'waiting,accepted,callback-requested' },
] as const;

/**
 * Keys (below "console.") that the browser script formats itself; they are embedded in the page so the
 * script needs no second request and no i18n library. Placeholders like {{name}} stay for the script to fill.
 */
export const CLIENT_STRING_KEYS: readonly string[] = [
    'account.loggedOut',
    'login.missing',
    'login.wrong',
    'login.tooMany',
    'login.sessionExpired',
    'queue.empty',
    'queue.open',
    'queue.newHandover',
    'queue.newCrisis',
    'queue.liveLost',
    'queue.liveBack',
    'queue.closed',
    ...URGENCIES.map((urgency) => `urgency.${urgency}`),
    ...REASONS.map((reason) => `reason.${reason}`),
    ...STATUSES.map((status) => `status.${status}`),
    'status.acceptedBy',
    ...CONSOLE_LANGUAGES.map((language) => `residentLanguage.${language}`),
    'waiting.lessThanMinute',
    'waiting.minutes',
    'waiting.hours',
    'from.resident',
    'from.bot',
    'from.counsellor',
    'from.you',
    ...CONTACT_PREFERENCES.map((preference) => `contactPreference.${preference}`),
    'handover.heading',
    'handover.headingWith',
    'handover.acceptedByYou',
    'handover.takenBy',
    'handover.notAcceptable',
    'handover.closedWith',
    'handover.notFound',
    'handover.none',
    'summary.empty',
    'residentWords.empty',
    'transcript.empty',
    'chat.empty',
    'chat.emptyText',
    'chat.notYours',
    'close.chooseService',
    'close.servicesLoading',
    'close.servicesFailed',
    'close.missingOutcome',
    'close.missingService',
    'close.invalid',
    'close.wrongState',
    ...OUTCOMES.map((outcome) => `outcome.${outcome}`),
    'rating.missing',
    'rating.thanks',
    'errors.network',
    'errors.generic',
];

/**
 * Renders the counsellor console: one static page whose views (login, queue, handover) the client script fills.
 * The new-handover announcer sits outside the views so a counsellor busy in a chat still hears about a crisis.
 */
export function renderConsolePage(t: TFunction, language: ConsoleLanguage): string {
    const text = (key: string) => escapeHtml(String(t(`console.${key}`)));
    const clientStrings = Object.fromEntries(CLIENT_STRING_KEYS.map((key) => [key, String(t(`console.${key}`))]));

    const languageNav = renderLanguageNav({
        languages: CONSOLE_LANGUAGES,
        current: language,
        label: String(t('console.languageNav')),
        name: (target) => String(t(`console.languageSwitch.${target}`)),
        href: (target) => `?lang=${target}`,
    });

    const filterOptions = QUEUE_FILTERS.map(
        (filter) => `<option value="${escapeHtml(filter.status)}">${text(`queue.filter.${filter.key}`)}</option>`,
    ).join('\n');

    const columns = ['urgency', 'waiting', 'language', 'reason', 'lifeSituations', 'status']
        .map((column) => `<th scope="col">${text(`queue.columns.${column}`)}</th>`)
        .join('\n');

    const metaRows = [
        ['urgency', 'queue.columns.urgency'],
        ['waiting', 'queue.columns.waiting'],
        ['language', 'queue.columns.language'],
        ['channel', 'handover.channel'],
        ['status', 'queue.columns.status'],
        ['life-situations', 'queue.columns.lifeSituations'],
    ]
        .map(([id, key]) => `<div><dt>${text(key!)}</dt><dd id="meta-${id}"></dd></div>`)
        .join('\n');

    const outcomeRadios = OUTCOMES.map(
        (outcome) =>
            `<div class="choice"><input type="radio" name="outcome" id="outcome-${outcome}" value="${outcome}"><label for="outcome-${outcome}">${text(`outcome.${outcome}`)}</label></div>`,
    ).join('\n');

    const ratingRadios = RATINGS.map(
        (rating) =>
            `<div class="choice"><input type="radio" name="rating" id="rating-${rating}" value="${rating}"><label for="rating-${rating}">${text(`rating.values.${rating}`)}</label></div>`,
    ).join('\n');

    return renderDocument({
        language,
        title: String(t('console.pageTitle')),
        stylesheets: [BASE_STYLESHEET_PATH, CONSOLE_STYLESHEET_PATH],
        dataBlocks: [{ id: 'console-strings', value: clientStrings }],
        scripts: [{ src: CONSOLE_SCRIPT_PATH, module: true }],
        body: `<a class="skip-link" href="#main">${text('skipLink')}</a>
<header class="site-header">
<div class="site-header__inner">
<p class="brand"><span class="brand__product">${text('productName')}</span> <span class="brand__console">${text('consoleName')}</span></p>
${languageNav}
<div class="account" id="account" hidden>
<p class="account__name">${text('account.signedInAs')} <strong id="account-name"></strong></p>
<button type="button" class="button button--secondary" id="logout-button">${text('account.logout')}</button>
</div>
</div>
</header>
<main id="main" tabindex="-1">
<h1>${text('consoleName')}</h1>
<noscript><p class="notice notice--error">${text('noscript')}</p></noscript>
<p id="page-status" class="page-status" role="status"></p>
<div id="queue-announcer" class="announcer" aria-live="polite"></div>

<section id="login-view" class="view" aria-labelledby="login-heading">
<h2 id="login-heading" tabindex="-1">${text('login.heading')}</h2>
<p>${text('login.intro')}</p>
<form id="login-form" class="form" novalidate>
<div id="login-error" class="error-message" role="alert"></div>
<div class="field">
<label for="login-username">${text('login.username')}</label>
<input type="text" id="login-username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required>
</div>
<div class="field">
<label for="login-password">${text('login.password')}</label>
<input type="password" id="login-password" name="password" autocomplete="current-password" required>
</div>
<button type="submit" class="button">${text('login.submit')}</button>
</form>
</section>

<section id="queue-view" class="view" aria-labelledby="queue-heading" hidden>
<h2 id="queue-heading" tabindex="-1">${text('queue.heading')}</h2>
<p>${text('queue.intro')}</p>
<div class="toolbar">
<div class="field field--inline">
<label for="queue-filter">${text('queue.filterLabel')}</label>
<select id="queue-filter">
${filterOptions}
</select>
</div>
<button type="button" class="button button--secondary" id="queue-refresh">${text('queue.refresh')}</button>
</div>
<p id="live-status" class="live-status" role="status"></p>
<div id="queue-error" class="error-message" role="alert"></div>
<div class="table-scroll" role="region" aria-labelledby="queue-caption" tabindex="0">
<table id="queue-table" class="queue">
<caption id="queue-caption">${text('queue.caption')}</caption>
<thead>
<tr>
${columns}
</tr>
</thead>
<tbody id="queue-body"></tbody>
</table>
</div>
</section>

<section id="handover-view" class="view" aria-labelledby="handover-heading" hidden>
<p><button type="button" class="button button--link" id="handover-back"><span aria-hidden="true">← </span>${text('handover.back')}</button></p>
<h2 id="handover-heading" tabindex="-1">${text('handover.heading')}</h2>
<p class="hint">${text('handover.auditNote')}</p>
<div id="handover-error" class="error-message" role="alert" tabindex="-1"></div>
<p id="handover-status" class="status-message" role="status"></p>

<section class="panel" aria-labelledby="details-heading">
<h3 id="details-heading">${text('handover.details')}</h3>
<dl class="meta">
${metaRows}
</dl>
<button type="button" class="button" id="accept-button" hidden>${text('handover.accept')}</button>
<p id="handover-locked" class="notice" hidden>${text('chat.locked')}</p>
</section>

<section class="panel" aria-labelledby="summary-heading">
<h3 id="summary-heading">${text('summary.heading')}</h3>
<div id="summary" class="summary"></div>
</section>

<section class="panel" aria-labelledby="words-heading">
<h3 id="words-heading">${text('residentWords.heading')}</h3>
<div id="resident-words"></div>
</section>

<section class="panel" aria-labelledby="contact-heading">
<h3 id="contact-heading">${text('contact.heading')}</h3>
<dl class="meta">
<div><dt>${text('contact.preference')}</dt><dd id="contact-preference"></dd></div>
<div id="contact-phone-row"><dt>${text('contact.phone')}</dt><dd id="contact-phone"></dd></div>
<div id="contact-time-row"><dt>${text('contact.preferredTime')}</dt><dd id="contact-time"></dd></div>
</dl>
</section>

<section class="panel" aria-labelledby="rating-heading">
<h3 id="rating-heading">${text('rating.heading')}</h3>
<form id="rating-form" class="form" novalidate>
<fieldset>
<legend>${text('rating.legend')}</legend>
${ratingRadios}
</fieldset>
<div id="rating-error" class="error-message" role="alert"></div>
<p id="rating-status" class="status-message" role="status"></p>
<button type="submit" class="button button--secondary">${text('rating.submit')}</button>
</form>
</section>

<section class="panel" aria-labelledby="transcript-heading">
<h3 id="transcript-heading">${text('transcript.heading')}</h3>
<p class="hint">${text('transcript.note')}</p>
<ol id="transcript" class="messages"></ol>
</section>

<section id="chat-section" class="panel" aria-labelledby="chat-heading" hidden>
<h3 id="chat-heading">${text('chat.heading')}</h3>
<ol id="chat-messages" class="messages" aria-label="${text('chat.messages')}" aria-live="polite" aria-relevant="additions"></ol>
<form id="chat-form" class="form" novalidate>
<div class="field">
<label for="chat-text">${text('chat.label')}</label>
<p id="chat-hint" class="hint">${text('chat.hint')}</p>
<textarea id="chat-text" name="text" rows="3" aria-describedby="chat-hint"></textarea>
</div>
<div id="chat-error" class="error-message" role="alert"></div>
<button type="submit" class="button">${text('chat.send')}</button>
</form>
</section>

<section id="close-section" class="panel" aria-labelledby="close-heading" hidden>
<h3 id="close-heading">${text('close.heading')}</h3>
<form id="close-form" class="form" novalidate>
<fieldset id="outcome-fieldset">
<legend>${text('close.legend')}</legend>
${outcomeRadios}
</fieldset>
<div class="field" id="service-field" hidden>
<label for="close-service">${text('close.service')}</label>
<select id="close-service" name="serviceId">
<option value="">${text('close.chooseService')}</option>
</select>
</div>
<div class="field">
<label for="close-notes">${text('close.notes')}</label>
<p id="close-notes-hint" class="hint">${text('close.notesHint')}</p>
<textarea id="close-notes" name="notes" rows="4" aria-describedby="close-notes-hint"></textarea>
</div>
<div id="close-error" class="error-message" role="alert"></div>
<button type="submit" class="button">${text('close.submit')}</button>
</form>
</section>
</section>
</main>
`,
    });
}
