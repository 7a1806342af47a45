import type { TFunction } from 'i18next';
import type { Region } from '../content/schema.js';
import type { Language } from '../content/vocabulary.js';
import { escapeHtml } from './html.js';
import { pageHref, RESIDENT_PATHS, renderPhone, renderResidentLayout, webText } from './layout.js';
import { DEMO_SERVICE_FACTS, type ServiceFacts } from './serviceFacts.js';

/** The supervisory authority's contact details: the same in every language (the website differs, see locale files). */
export const SUPERVISORY_AUTHORITY = { email: 'saavutettavuus@traficom.fi', phone: '029 534 5000' } as const;

const DATE_LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "27.11.2026" / "27 November 2026" in a `<time>` element; the date is a calendar day, so no time zone shift. */
function renderDate(isoDate: string, language: Language): string {
    const format = new Intl.DateTimeFormat(DATE_LOCALES[language], {
        day: 'numeric',
        month: language === 'en' ? 'long' : 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
    });
    return `<time datetime="${escapeHtml(isoDate)}">${escapeHtml(format.format(new Date(`${isoDate}T00:00:00Z`)))}</time>`;
}

function renderEmail(address: string, t: TFunction, demo: boolean): string {
    const marker = demo ? ` <span class="demo-marker">${webText(t, 'demoContact')}</span>` : '';
    return `<a href="mailto:${escapeHtml(address)}">${escapeHtml(address)}</a>${marker}`;
}

/** A sentence with a date placeholder: the text is escaped, the date markup is inserted afterwards. */
function withDate(t: TFunction, key: string, isoDate: string, language: Language): string {
    const marker = '\u0000date\u0000';
    return webText(t, key, { date: marker }).replace(marker, renderDate(isoDate, language));
}

function backLink(t: TFunction, language: Language): string {
    return `<p class="back-link"><a href="${escapeHtml(pageHref(RESIDENT_PATHS.page, language))}"><span aria-hidden="true">← </span>${webText(t, 'links.backToChat')}</a></p>`;
}

function list(items: readonly string[]): string {
    return `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
}

/**
 * The accessibility statement (Act 306/2019), in the order of the supervisory authority's model: scope and law, the
 * state of accessibility, what is not accessible and why, how to give feedback or ask for content, the supervisory
 * authority, and the date. Its feedback section (`#feedback`) is the feedback channel the pages link to.
 */
export function renderAccessibilityStatement(
    t: TFunction,
    language: Language,
    region: Region,
    facts: ServiceFacts = DEMO_SERVICE_FACTS,
): string {
    const text = (key: string, values?: Record<string, string | number>) => webText(t, `accessibility.${key}`, values);
    const main = `${backLink(t, language)}
<h1>${text('heading')}</h1>
<p>${text('scope', { region: region.names[language] })}</p>
<p>${text('law')}</p>
<p>${text('assessment')}</p>
<h2>${text('statusHeading')}</h2>
<p>${text('status')}</p>
<h2>${text('problemsHeading')}</h2>
${list([text('problems.webChat'), text('problems.screenReaders')])}
<h2>${text('notesHeading')}</h2>
${list([text('notes.swedish'), text('notes.embedded'), text('notes.external')])}
<h2 id="feedback">${text('feedbackHeading')}</h2>
<p>${text('feedbackText')}</p>
${list([
    `${text('feedbackEmail')} ${renderEmail(facts.accessibilityEmail, t, facts.demoContacts)}`,
    `${text('feedbackPhone')} ${renderPhone(region.serviceCounselling.phone, t, region.demo)}`,
])}
<p>${text('feedbackChat')}</p>
<h2 id="supervision">${text('supervisionHeading')}</h2>
<p>${text('supervisionText')}</p>
<p class="address">${text('authorityName')}<br>
${text('authorityUnit')}<br>
<a href="${text('authorityUrl')}">${text('authorityWebsite')}</a><br>
${text('authorityEmail')} <a href="mailto:${SUPERVISORY_AUTHORITY.email}">${SUPERVISORY_AUTHORITY.email}</a><br>
${text('authorityPhone')} <a href="tel:${SUPERVISORY_AUTHORITY.phone.replace(/\s+/g, '')}">${SUPERVISORY_AUTHORITY.phone}</a></p>
<h2>${text('dateHeading')}</h2>
<p>${withDate(t, 'accessibility.prepared', facts.statementDate, language)}</p>
<p>${text('updates')}</p>`;

    return renderResidentLayout({
        t,
        language,
        region,
        title: String(t('web.accessibility.pageTitle')),
        path: RESIDENT_PATHS.accessibility,
        skipTo: { id: 'main', text: String(t('web.skipToContent')) },
        main,
    });
}

/**
 * The privacy notice (GDPR art. 13) in plain language: controller, what is processed and why, the legal basis, how
 * long each kind of data is kept (from the same settings the housekeeping jobs use), who sees it, rights, contact.
 */
export function renderPrivacyNotice(
    t: TFunction,
    language: Language,
    region: Region,
    facts: ServiceFacts = DEMO_SERVICE_FACTS,
): string {
    const text = (key: string, values?: Record<string, string | number>) => webText(t, `privacy.${key}`, values);
    const conversationRetention =
        facts.conversationRetentionDays === undefined
            ? text('retention.conversationNoLimit')
            : text('retention.conversation', { days: facts.conversationRetentionDays });
    const main = `${backLink(t, language)}
<h1>${text('heading')}</h1>
<p>${text('intro')}</p>
<h2>${text('controllerHeading')}</h2>
<p>${text('controller', { region: region.names[language] })}</p>
<h2>${text('whatHeading')}</h2>
${list(['conversation', 'state', 'handover', 'statistics', 'feedback'].map((item) => text(`what.${item}`)))}
<p>${text('noCookies')}</p>
<p>${text('noDecisions')}</p>
<h2>${text('hetuHeading')}</h2>
<p>${text('hetu')}</p>
<h2>${text('basisHeading')}</h2>
<p>${text('basis')}</p>
<h2>${text('retentionHeading')}</h2>
${list([
    conversationRetention,
    text('retention.handover', { days: facts.handoverRetentionDays }),
    text('retention.statistics', { months: facts.statsEventsMonths }),
    text('retention.unmatched', { days: facts.statsUnmatchedDays }),
])}
<h2>${text('recipientsHeading')}</h2>
<p>${text('recipients')}</p>
<h2>${text('rightsHeading')}</h2>
${list([
    ...['access', 'rectify', 'restrict', 'consent'].map((right) => text(`rights.${right}`)),
    `${text('rights.complaint')} <a href="${text('complaintUrl')}">${text('complaintLink')}</a>`,
])}
<p>${text('identify')}</p>
<h2 id="contact">${text('contactHeading')}</h2>
<p>${text('contactEmail')} ${renderEmail(facts.privacyEmail, t, facts.demoContacts)}</p>
<p>${text('contactPhone')} ${renderPhone(region.serviceCounselling.phone, t, region.demo)}</p>
<p>${withDate(t, 'privacy.updated', facts.privacyNoticeDate, language)}</p>`;

    return renderResidentLayout({
        t,
        language,
        region,
        title: String(t('web.privacy.pageTitle')),
        path: RESIDENT_PATHS.privacy,
        skipTo: { id: 'main', text: String(t('web.skipToContent')) },
        main,
    });
}
