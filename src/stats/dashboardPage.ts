import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { escapeHtml } from '../counsellor/consolePage.js';
import type { FeedbackItem, RatingSummary, StatsReport } from './computeStats.js';
import { STATS_TIME_ZONE, isoWeekParts } from './helsinkiTime.js';
import { RATING_VALUES } from './statsEvents.js';
import { statsQueryString, type StatsQuery, type StatsQueryProblem } from './statsQuery.js';
import type { UnmatchedCount } from './statsStore.js';
import { columnChart, horizontalBarChart, type BarItem } from './svgCharts.js';

/** Where the route must serve the dashboard (supervisors only) and the CSV export it links to. */
export const STATS_PAGE_PATH = '/counsellor/stats';
export const STATS_CSV_PATH = '/api/stats.csv';

/** How many service kinds the chart and table show. */
export const TOP_SERVICE_KINDS = 10;
/** How many unmatched queries are listed per language. */
export const TOP_UNMATCHED = 20;
/** How many feedback entries are listed; the rest are in the counts. */
export const MAX_FEEDBACK_LISTED = 100;

/** What the page was asked to show, as in its URL, and what of that was refused. */
export interface DashboardFilters extends StatsQuery {
    /** Parameters that were invalid and replaced by defaults (from `parseStatsQuery`). */
    readonly problems?: readonly StatsQueryProblem[];
    /** Channels to offer in the filter, e.g. every channel in the store; the report's own are always offered. */
    readonly channelOptions?: readonly string[];
}

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * Page styles, inline so the page works on its own. Same look as the counsellor console: Source Sans Pro, text
 * #1A3060 (12.8:1 on white), primary #2A6EBB (5.2:1), secondary text #45546B (7.7:1), a 3px focus outline.
 * Exported so a route adding a Content-Security-Policy can serve it as a file or hash it.
 */
export const DASHBOARD_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:'Source Sans Pro',Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a3060;background:#fff;overflow-wrap:anywhere}
a{color:#2a6ebb;text-decoration:underline}
a:hover{color:#1a3060}
:focus-visible{outline:3px solid #1a3060;outline-offset:2px}
main[tabindex='-1']:focus{outline:none}
.skip-link{position:absolute;left:1rem;top:-4rem;background:#fff;padding:.5rem 1rem;border:2px solid #1a3060;z-index:10}
.skip-link:focus{top:1rem}
.site-header{background:#f4f7fb;border-bottom:1px solid #c8d3e1}
.site-header__inner,main{max-width:72rem;margin:0 auto;padding:1rem}
.site-header__inner{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center}
.brand{margin:0;font-weight:700}
.language-nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
.language-nav a[aria-current]{font-weight:700;text-decoration:none}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.5rem;line-height:1.25;margin:2.5rem 0 1rem;padding-top:1rem;border-top:2px solid #c8d3e1}
h3{font-size:1.25rem;line-height:1.25;margin:1.5rem 0 .5rem}
.hint,.note{color:#45546b}
.filters{background:#f4f7fb;border:1px solid #c8d3e1;border-radius:4px;padding:1rem;margin:1rem 0}
.filters h2{border:0;margin:0 0 1rem;padding:0}
.filters__fields{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end}
.field{display:flex;flex-direction:column;gap:.25rem}
label{font-weight:600}
input,select{font:inherit;color:#1a3060;background:#fff;border:2px solid #5c6e87;border-radius:4px;padding:.375rem .5rem;min-height:2.75rem}
.button{font:inherit;font-weight:600;color:#fff;background:#2a6ebb;border:2px solid #2a6ebb;border-radius:4px;padding:.5rem 1rem;min-height:2.75rem;cursor:pointer}
.button:hover{background:#1a3060;border-color:#1a3060}
.error-summary{border:3px solid #b0171f;background:#fdecec;padding:1rem;margin:1rem 0}
.error-summary h2{border:0;margin:0 0 .5rem;padding:0;font-size:1.25rem}
.figure{margin:1.5rem 0 2rem}
.chart{display:block;width:100%;max-width:720px;height:auto;margin:.5rem 0 1rem}
.table-scroll{overflow:auto;max-height:40rem;margin-bottom:1rem}
table{border-collapse:collapse;min-width:18rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem}
th,td{border:1px solid #c8d3e1;padding:.375rem .75rem;vertical-align:top}
thead th{background:#e6eef8;text-align:left;position:sticky;top:0}
tbody th{text-align:left;font-weight:600}
td.number,th.number{text-align:right;font-variant-numeric:tabular-nums}
.key-figure{font-size:1.125rem}
@media (forced-colors:active){:focus-visible{outline-color:Highlight}}
`;

/** Translations and formats for one page language. */
interface Texts {
    /** The string `stats.<key>`. */
    t(key: string, values?: Record<string, string | number>): string;
    number(value: number): string;
    percent(value: number): string;
    /** A Helsinki calendar date with its weekday. */
    date(date: string): string;
    /** Day and month only, for chart axes. */
    shortDate(date: string): string;
    /** An ISO week as "week 11/2025". */
    week(week: string): string;
    /** An event hour in Helsinki time. */
    hour(at: string): string;
    /** Seconds as minutes and seconds. */
    duration(seconds: number): string;
    languageName(language: Language): string;
}

/** Escaped texts, with the plain ones for chart helpers and interpolated values (which are escaped with the whole). */
interface HtmlTexts extends Texts {
    readonly plain: Texts;
}

/** Unescaped texts: for the chart helpers, which escape what they draw. */
function plainTexts(t: TFunction, language: Language): Texts {
    const locale = LOCALES[language];
    const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const dateFormat = new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
    });
    const shortDateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
    const translate = (key: string, values?: Record<string, string | number>) =>
        String(t(`stats.${key}`, values ?? {}));
    return {
        t: translate,
        number: (value) => numberFormat.format(value),
        percent: (value) => percentFormat.format(value),
        date: (date) => dateFormat.format(new Date(`${date}T00:00:00Z`)),
        shortDate: (date) => shortDateFormat.format(new Date(`${date}T00:00:00Z`)),
        week: (week) => translate('common.weekLabel', isoWeekParts(week)),
        hour: (at) =>
            DateTime.fromISO(at, { zone: STATS_TIME_ZONE }).setLocale(locale).toLocaleString(DateTime.DATETIME_SHORT),
        duration: (seconds) =>
            translate('handovers.duration', {
                minutes: Math.floor(seconds / 60),
                seconds: String(seconds % 60).padStart(2, '0'),
            }),
        languageName: (code) => translate(`languages.${code}`),
    };
}

/**
 * The same texts escaped for HTML. Locale strings, interpolated values and formatted numbers all pass through here:
 * i18next does not escape (escapeValue is off app-wide, for chat), so the page must.
 */
function htmlTexts(plain: Texts): HtmlTexts {
    return {
        plain,
        t: (key, values) => escapeHtml(plain.t(key, values)),
        number: (value) => escapeHtml(plain.number(value)),
        percent: (value) => escapeHtml(plain.percent(value)),
        date: (date) => escapeHtml(plain.date(date)),
        shortDate: (date) => escapeHtml(plain.shortDate(date)),
        week: (week) => escapeHtml(plain.week(week)),
        hour: (at) => escapeHtml(plain.hour(at)),
        duration: (seconds) => escapeHtml(plain.duration(seconds)),
        languageName: (code) => escapeHtml(plain.languageName(code)),
    };
}

/**
 * A table of rows; cells are already escaped HTML. The first cell of each row is its header. Long tables (a year of
 * days) scroll inside a focusable region with the column headers kept in view, so the charts stay near each other.
 */
function dataTable(
    id: string,
    caption: string,
    columns: readonly string[],
    rows: readonly (readonly string[])[],
    numericFrom = 1,
): string {
    const head = columns
        .map((column, index) => `<th scope="col"${index >= numericFrom ? ' class="number"' : ''}>${column}</th>`)
        .join('');
    const body = rows
        .map(
            ([header, ...cells]) =>
                `<tr><th scope="row">${header}</th>${cells
                    .map((cell, index) => `<td${index + 1 >= numericFrom ? ' class="number"' : ''}>${cell}</td>`)
                    .join('')}</tr>`,
        )
        .join('\n');
    return (
        `<div class="table-scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">` +
        `<table id="${id}-table"><caption id="${id}-caption">${caption}</caption>` +
        `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
    );
}

/** A figure: visible title (naming the chart), the chart, then the same numbers as a table. */
function figure(id: string, title: string, chart: string, table: string, note = ''): string {
    return `<section class="figure" aria-labelledby="${id}-title">
<h3 id="${id}-title">${title}</h3>
${note ? `<p class="note">${note}</p>\n` : ''}${chart}
${table}
</section>`;
}

/**
 * The statistics dashboard (GET /counsellor/stats, supervisors only): filters, then each figure as an SVG chart with
 * a data table, the content gaps and the residents' feedback. Every text is escaped; strings come from `t` under
 * "stats." (src/i18n/locales/stats.*.json). `unmatched` and `feedback` should be for the same period; the feedback
 * list is narrowed here to `filters.rating`.
 */
export function renderDashboard(
    report: StatsReport,
    unmatched: readonly UnmatchedCount[],
    feedback: readonly FeedbackItem[],
    t: TFunction,
    language: Language,
    filters: DashboardFilters,
): string {
    const p = plainTexts(t, language);
    const h = htmlTexts(p);
    const query = statsQueryString(filters);
    const pageUrl = (extra: Record<string, string>) =>
        escapeHtml(`${STATS_PAGE_PATH}?${statsQueryString(filters, extra)}`);

    const languageLinks = LANGUAGES.map((target) => {
        const current = target === language ? ' aria-current="true"' : '';
        const rating: Record<string, string> = filters.rating !== undefined ? { rating: String(filters.rating) } : {};
        return `<li><a href="${pageUrl({ lang: target, ...rating })}" lang="${target}" hreflang="${target}"${current}>${h.t(`languageSwitch.${target}`)}</a></li>`;
    }).join('\n');

    const sections = [
        problemsSection(h, filters.problems ?? []),
        filterForm(h, language, filters, report.channels),
        `<p><a href="${escapeHtml(`${STATS_CSV_PATH}?${query}`)}">${h.t('filters.csv')}</a></p>`,
        totalsSection(h, report),
        conversationsSection(h, report),
        guidanceSection(h, report),
        handoverSection(h, report),
        oneContactSection(h, report),
        ratingsSection(h, report),
        socialCareSection(h, report),
        crisisSection(h, report),
        contentGapsSection(h, unmatched, filters.language),
        feedbackSection(h, language, feedback, filters),
    ];

    return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<meta name="robots" content="noindex">
<title>${h.t('pageTitle')}</title>
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<a class="skip-link" href="#main">${h.t('skipLink')}</a>
<header class="site-header">
<div class="site-header__inner">
<p class="brand">${h.t('productName')}</p>
<nav class="language-nav" aria-label="${h.t('languageNav')}">
<ul>
${languageLinks}
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1">
<h1>${h.t('heading')}</h1>
<p>${h.t('intro')}</p>
<p class="key-figure">${periodText(h, filters)}</p>
${sections.filter((section) => section !== '').join('\n')}
</main>
</body>
</html>
`;
}

function periodText(h: HtmlTexts, filters: DashboardFilters): string {
    const period = h.t('period', { from: h.plain.date(filters.from), to: h.plain.date(filters.to) });
    const language = filters.language !== undefined ? h.languageName(filters.language) : h.t('filters.allLanguages');
    const channel = filters.channel !== undefined ? escapeHtml(filters.channel) : h.t('filters.allChannels');
    return `${period}. ${h.t('filters.language')}: ${language}. ${h.t('filters.channel')}: ${channel}.`;
}

function problemsSection(h: HtmlTexts, problems: readonly StatsQueryProblem[]): string {
    if (problems.length === 0) return '';
    const items = problems.map((problem) => `<li>${h.t(`errors.${problem}`)}</li>`).join('');
    return `<div class="error-summary" role="alert" aria-labelledby="errors-heading"><h2 id="errors-heading">${h.t('errors.heading')}</h2><ul>${items}</ul></div>`;
}

/** Hidden inputs that carry the other filters through a form. */
function hidden(fields: Record<string, string | undefined>): string {
    return Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
        .join('\n');
}

function option(value: string, label: string, selected: boolean): string {
    return `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${label}</option>`;
}

function filterForm(
    h: HtmlTexts,
    language: Language,
    filters: DashboardFilters,
    reportChannels: readonly string[],
): string {
    const channels = [
        ...new Set([
            ...(filters.channelOptions ?? []),
            ...reportChannels,
            ...(filters.channel ? [filters.channel] : []),
        ]),
    ].sort();
    const languageOptions = [
        option('', h.t('filters.allLanguages'), filters.language === undefined),
        ...LANGUAGES.map((code) => option(code, h.languageName(code), filters.language === code)),
    ].join('');
    const channelOptions = [
        option('', h.t('filters.allChannels'), filters.channel === undefined),
        ...channels.map((channel) => option(channel, escapeHtml(channel), filters.channel === channel)),
    ].join('');
    return `<form class="filters" method="get" action="${STATS_PAGE_PATH}" aria-labelledby="filters-heading">
<h2 id="filters-heading">${h.t('filters.heading')}</h2>
${hidden({ lang: language, rating: filters.rating?.toString() })}
<div class="filters__fields">
<div class="field">
<label for="filter-from">${h.t('filters.from')}</label>
<input type="date" id="filter-from" name="from" value="${escapeHtml(filters.from)}" required aria-describedby="filter-date-hint">
</div>
<div class="field">
<label for="filter-to">${h.t('filters.to')}</label>
<input type="date" id="filter-to" name="to" value="${escapeHtml(filters.to)}" required aria-describedby="filter-date-hint">
</div>
<div class="field">
<label for="filter-language">${h.t('filters.language')}</label>
<select id="filter-language" name="language">${languageOptions}</select>
</div>
<div class="field">
<label for="filter-channel">${h.t('filters.channel')}</label>
<select id="filter-channel" name="channel">${channelOptions}</select>
</div>
<button type="submit" class="button">${h.t('filters.submit')}</button>
</div>
<p id="filter-date-hint" class="hint">${h.t('filters.dateHint')}</p>
</form>`;
}

function totalsSection(h: HtmlTexts, report: StatsReport): string {
    const { totals, oneContact } = report;
    const rows: [string, string][] = [
        [h.t('totals.conversations'), h.number(totals.conversations)],
        [h.t('totals.guided'), h.number(totals.guided)],
        [h.t('totals.oneContactRate'), oneContact.rate === null ? '–' : h.percent(oneContact.rate)],
        [h.t('totals.handoversRequested'), h.number(totals.handoversRequested)],
        [h.t('totals.handoversAccepted'), h.number(totals.handoversAccepted)],
        [h.t('totals.handoversClosed'), h.number(totals.handoversClosed)],
        [h.t('totals.callbacksRequested'), h.number(totals.callbacksRequested)],
        [h.t('totals.crisisInterrupts'), h.number(totals.crisisInterrupts)],
        [h.t('totals.socialCareContacts'), h.number(totals.socialCareContacts)],
        [h.t('totals.professionalConsultations'), h.number(totals.professionalConsultations)],
        [h.t('totals.feedback'), h.number(totals.feedback)],
        [h.t('totals.staffFeedback'), h.number(totals.staffFeedback)],
    ];
    return `<section aria-labelledby="totals-heading">
<h2 id="totals-heading">${h.t('totals.heading')}</h2>
${dataTable('totals', h.t('totals.caption'), [h.t('totals.figure'), h.t('totals.value')], rows)}
</section>`;
}

function conversationsSection(h: HtmlTexts, report: StatsReport): string {
    const days = report.conversationsPerDay;
    const categories = days.map((day) => h.plain.shortDate(day.date));
    const byChannel = figure(
        'conversations-channel',
        h.t('conversations.byChannelTitle'),
        columnChart({
            titleId: 'conversations-channel-title',
            idPrefix: 'conversations-channel',
            categories,
            series: report.channels.map((channel, index) => ({
                name: channel,
                values: days.map((day) => day.byChannel[index]?.count ?? 0),
            })),
            mode: 'stacked',
            formatNumber: h.plain.number,
        }),
        dataTable(
            'conversations-channel',
            h.t('conversations.byChannelCaption'),
            [h.t('common.date'), ...report.channels.map((channel) => escapeHtml(channel)), h.t('common.total')],
            days.map((day) => [
                h.date(day.date),
                ...day.byChannel.map((item) => h.number(item.count)),
                h.number(day.total),
            ]),
        ),
    );
    const byLanguage = figure(
        'conversations-language',
        h.t('conversations.byLanguageTitle'),
        columnChart({
            titleId: 'conversations-language-title',
            idPrefix: 'conversations-language',
            categories,
            series: LANGUAGES.map((code, index) => ({
                name: h.plain.languageName(code),
                values: days.map((day) => day.byLanguage[index]?.count ?? 0),
            })),
            mode: 'stacked',
            formatNumber: h.plain.number,
        }),
        dataTable(
            'conversations-language',
            h.t('conversations.byLanguageCaption'),
            [h.t('common.date'), ...LANGUAGES.map((code) => h.languageName(code)), h.t('common.total')],
            days.map((day) => [
                h.date(day.date),
                ...day.byLanguage.map((item) => h.number(item.count)),
                h.number(day.total),
            ]),
        ),
    );
    return `<section aria-labelledby="conversations-heading">
<h2 id="conversations-heading">${h.t('conversations.heading')}</h2>
${byChannel}
${byLanguage}
</section>`;
}

function guidanceSection(h: HtmlTexts, report: StatsReport): string {
    const situations = report.lifeSituations;
    const lifeSituations = figure(
        'life-situations',
        h.t('guidance.lifeSituationsTitle'),
        horizontalBarChart({
            titleId: 'life-situations-title',
            items: situations.map((item) => ({
                label: h.plain.t(`lifeSituations.${item.lifeSituation}`),
                value: item.chosen,
                valueText: h.plain.number(item.chosen),
            })),
        }),
        dataTable(
            'life-situations',
            h.t('guidance.lifeSituationsCaption'),
            [h.t('guidance.lifeSituation'), h.t('guidance.chosen'), h.t('guidance.completed')],
            situations.map((item) => [
                h.t(`lifeSituations.${item.lifeSituation}`),
                h.number(item.chosen),
                h.number(item.completed),
            ]),
        ),
    );
    const top = report.serviceKinds.filter((item) => item.total > 0).slice(0, TOP_SERVICE_KINDS);
    const kinds =
        top.length === 0
            ? `<section class="figure" aria-labelledby="service-kinds-title"><h3 id="service-kinds-title">${h.t('guidance.kindsTitle')}</h3><p>${h.t('common.noData')}</p></section>`
            : figure(
                  'service-kinds',
                  h.t('guidance.kindsTitle'),
                  horizontalBarChart({
                      titleId: 'service-kinds-title',
                      items: top.map((item) => ({
                          label: h.plain.t(`serviceKinds.${item.kind}`),
                          value: item.total,
                          valueText: h.plain.number(item.total),
                      })),
                  }),
                  dataTable(
                      'service-kinds',
                      h.t('guidance.kindsCaption', { limit: TOP_SERVICE_KINDS }),
                      [
                          h.t('guidance.kind'),
                          h.t('guidance.inSearchResults'),
                          h.t('guidance.detailsViewed'),
                          h.t('common.total'),
                      ],
                      top.map((item) => [
                          h.t(`serviceKinds.${item.kind}`),
                          h.number(item.inSearchResults),
                          h.number(item.detailsViewed),
                          h.number(item.total),
                      ]),
                  ),
                  h.t('guidance.kindsNote'),
              );
    return `<section aria-labelledby="guidance-heading">
<h2 id="guidance-heading">${h.t('guidance.heading')}</h2>
${lifeSituations}
${kinds}
</section>`;
}

function handoverSection(h: HtmlTexts, report: StatsReport): string {
    const { perDay, waitSeconds } = report.handovers;
    const measures = [
        { key: 'requested', values: perDay.map((day) => day.requested) },
        { key: 'accepted', values: perDay.map((day) => day.accepted) },
        { key: 'closed', values: perDay.map((day) => day.closed) },
    ] as const;
    const volume = figure(
        'handover-volume',
        h.t('handovers.volumeTitle'),
        columnChart({
            titleId: 'handover-volume-title',
            idPrefix: 'handover-volume',
            categories: perDay.map((day) => h.plain.shortDate(day.date)),
            series: measures.map((measure) => ({
                name: h.plain.t(`handovers.${measure.key}`),
                values: measure.values,
            })),
            mode: 'grouped',
            formatNumber: h.plain.number,
        }),
        dataTable(
            'handover-volume',
            h.t('handovers.volumeCaption'),
            [h.t('common.date'), ...measures.map((measure) => h.t(`handovers.${measure.key}`))],
            perDay.map((day) => [
                h.date(day.date),
                h.number(day.requested),
                h.number(day.accepted),
                h.number(day.closed),
            ]),
        ),
    );
    const waitRows = (['p50', 'p90'] as const).map((key) => ({ key, value: waitSeconds[key] }));
    const wait = figure(
        'handover-wait',
        h.t('handovers.waitTitle'),
        waitSeconds.count === 0
            ? `<p>${h.t('common.noData')}</p>`
            : horizontalBarChart({
                  titleId: 'handover-wait-title',
                  items: waitRows.map((row) => ({
                      label: h.plain.t(`handovers.${row.key}`),
                      value: row.value ?? 0,
                      valueText: h.plain.duration(row.value ?? 0),
                  })),
              }),
        dataTable(
            'handover-wait',
            h.t('handovers.waitCaption', { accepted: waitSeconds.count }),
            [h.t('handovers.measure'), h.t('handovers.seconds'), h.t('handovers.minutes')],
            waitRows.map((row) => [
                h.t(`handovers.${row.key}`),
                row.value === null ? '–' : h.number(row.value),
                row.value === null ? '–' : h.duration(row.value),
            ]),
        ),
    );
    const outcomes = figure(
        'outcomes',
        h.t('handovers.outcomesTitle'),
        horizontalBarChart({
            titleId: 'outcomes-title',
            items: report.outcomes.map((item) => ({
                label: h.plain.t(`outcomes.${item.outcome}`),
                value: item.count,
                valueText: h.plain.number(item.count),
            })),
        }),
        dataTable(
            'outcomes',
            h.t('handovers.outcomesCaption'),
            [h.t('handovers.outcome'), h.t('common.count')],
            report.outcomes.map((item) => [h.t(`outcomes.${item.outcome}`), h.number(item.count)]),
        ),
    );
    return `<section aria-labelledby="handovers-heading">
<h2 id="handovers-heading">${h.t('handovers.heading')}</h2>
${volume}
${wait}
${outcomes}
</section>`;
}

function oneContactSection(h: HtmlTexts, report: StatsReport): string {
    const { resolved, eligible, rate } = report.oneContact;
    const rateText = rate === null ? '–' : h.plain.percent(rate);
    const items: BarItem[] = [
        { label: h.plain.t('oneContact.eligible'), value: eligible, valueText: h.plain.number(eligible) },
        { label: h.plain.t('oneContact.resolved'), value: resolved, valueText: h.plain.number(resolved) },
    ];
    return `<section aria-labelledby="one-contact-heading">
<h2 id="one-contact-heading">${h.t('oneContact.heading')}</h2>
<p>${h.t('oneContact.definition')}</p>
${figure(
    'one-contact',
    h.t('oneContact.title', { rate: rateText }),
    horizontalBarChart({ titleId: 'one-contact-title', items }),
    dataTable(
        'one-contact',
        h.t('oneContact.caption'),
        [h.t('oneContact.measure'), h.t('oneContact.value')],
        [
            [h.t('oneContact.resolved'), h.number(resolved)],
            [h.t('oneContact.eligible'), h.number(eligible)],
            [h.t('oneContact.rate'), escapeHtml(rateText)],
        ],
    ),
)}
</section>`;
}

function ratingFigure(h: HtmlTexts, id: string, titleKey: string, captionKey: string, summary: RatingSummary): string {
    const title = h.t(titleKey);
    const average =
        summary.average === null
            ? h.t('ratings.noRatings')
            : h.t('ratings.average', {
                  average: h.plain.number(summary.average),
                  ratings: h.plain.number(summary.count),
              });
    return figure(
        id,
        title,
        horizontalBarChart({
            titleId: `${id}-title`,
            items: summary.distribution.map((item) => ({
                label: h.plain.t('ratings.ratingValue', { rating: item.rating }),
                value: item.count,
                valueText: h.plain.number(item.count),
            })),
        }),
        dataTable(
            id,
            h.t(captionKey),
            [h.t('ratings.rating'), h.t('common.count')],
            summary.distribution.map((item) => [
                h.t('ratings.ratingValue', { rating: item.rating }),
                h.number(item.count),
            ]),
        ),
        average,
    );
}

function ratingsSection(h: HtmlTexts, report: StatsReport): string {
    return `<section aria-labelledby="ratings-heading">
<h2 id="ratings-heading">${h.t('ratings.heading')}</h2>
${ratingFigure(h, 'resident-ratings', 'ratings.residentsTitle', 'ratings.residentsCaption', report.ratings.residents)}
<p class="note">${h.t('ratings.staffNote')}</p>
${ratingFigure(h, 'staff-ratings', 'ratings.staffTitle', 'ratings.staffCaption', report.ratings.staff)}
</section>`;
}

function socialCareSection(h: HtmlTexts, report: StatsReport): string {
    const days = report.daily;
    const measures = [
        { key: 'socialCareContacts', values: days.map((day) => day.socialCareContacts) },
        { key: 'professionalConsultations', values: days.map((day) => day.professionalConsultations) },
    ] as const;
    return `<section aria-labelledby="social-care-heading">
<h2 id="social-care-heading">${h.t('socialCare.heading')}</h2>
<p>${h.t('socialCare.intro')}</p>
${figure(
    'social-care',
    h.t('socialCare.title', {
        contacts: h.plain.number(report.totals.socialCareContacts),
        consultations: h.plain.number(report.totals.professionalConsultations),
    }),
    columnChart({
        titleId: 'social-care-title',
        idPrefix: 'social-care',
        categories: days.map((day) => h.plain.shortDate(day.date)),
        series: measures.map((measure) => ({ name: h.plain.t(`socialCare.${measure.key}`), values: measure.values })),
        mode: 'grouped',
        formatNumber: h.plain.number,
    }),
    dataTable(
        'social-care',
        h.t('socialCare.caption'),
        [h.t('common.date'), ...measures.map((measure) => h.t(`socialCare.${measure.key}`))],
        days.map((day) => [
            h.date(day.date),
            h.number(day.socialCareContacts),
            h.number(day.professionalConsultations),
        ]),
    ),
)}
</section>`;
}

function crisisSection(h: HtmlTexts, report: StatsReport): string {
    const weeks = report.crisisInterruptsPerWeek;
    const categories = weeks[0]?.byCategory.map((item) => item.category) ?? [];
    return `<section aria-labelledby="crisis-heading">
<h2 id="crisis-heading">${h.t('crisis.heading')}</h2>
<p>${h.t('crisis.intro')}</p>
${figure(
    'crisis',
    h.t('crisis.title', { total: h.plain.number(report.totals.crisisInterrupts) }),
    columnChart({
        titleId: 'crisis-title',
        idPrefix: 'crisis',
        categories: weeks.map((week) => h.plain.week(week.week)),
        series: categories.map((category, index) => ({
            name: h.plain.t(`crisisCategories.${category}`),
            values: weeks.map((week) => week.byCategory[index]?.count ?? 0),
        })),
        mode: 'stacked',
        formatNumber: h.plain.number,
    }),
    dataTable(
        'crisis',
        h.t('crisis.caption'),
        [h.t('common.week'), ...categories.map((category) => h.t(`crisisCategories.${category}`)), h.t('common.total')],
        weeks.map((week) => [
            h.week(week.week),
            ...week.byCategory.map((item) => h.number(item.count)),
            h.number(week.total),
        ]),
    ),
)}
</section>`;
}

function contentGapsSection(
    h: HtmlTexts,
    unmatched: readonly UnmatchedCount[],
    onlyLanguage: Language | undefined,
): string {
    const languages = onlyLanguage === undefined ? LANGUAGES : [onlyLanguage];
    const lists = languages.map((code) => {
        const top = unmatched.filter((item) => item.language === code).slice(0, TOP_UNMATCHED);
        const id = `content-gaps-${code}`;
        const body =
            top.length === 0
                ? `<p>${h.t('contentGaps.empty')}</p>`
                : dataTable(
                      id,
                      h.t('contentGaps.caption', {
                          searches: h.plain.t(`contentGaps.searchesIn.${code}`),
                          limit: TOP_UNMATCHED,
                      }),
                      [h.t('contentGaps.query'), h.t('common.count')],
                      top.map((item) => [`<span lang="${code}">${escapeHtml(item.text)}</span>`, h.number(item.count)]),
                  );
        return `<section aria-labelledby="${id}-title">
<h3 id="${id}-title">${h.t(`contentGaps.searchesIn.${code}`)}</h3>
${body}
</section>`;
    });
    return `<section aria-labelledby="content-gaps-heading">
<h2 id="content-gaps-heading">${h.t('contentGaps.heading')}</h2>
<p>${h.t('contentGaps.intro')}</p>
${lists.join('\n')}
</section>`;
}

function feedbackSection(
    h: HtmlTexts,
    language: Language,
    feedback: readonly FeedbackItem[],
    filters: DashboardFilters,
): string {
    const matching =
        filters.rating === undefined ? feedback : feedback.filter((item) => item.rating === filters.rating);
    const listed = matching.slice(0, MAX_FEEDBACK_LISTED);
    const ratingOptions = [
        option('', h.t('feedbackList.allRatings'), filters.rating === undefined),
        ...RATING_VALUES.map((rating) =>
            option(String(rating), h.t('ratings.ratingValue', { rating }), filters.rating === rating),
        ),
    ].join('');
    const form = `<form class="filters" method="get" action="${STATS_PAGE_PATH}#feedback-heading">
${hidden({ lang: language, from: filters.from, to: filters.to, language: filters.language, channel: filters.channel })}
<div class="filters__fields">
<div class="field">
<label for="feedback-rating">${h.t('feedbackList.filterLabel')}</label>
<select id="feedback-rating" name="rating">${ratingOptions}</select>
</div>
<button type="submit" class="button">${h.t('feedbackList.submit')}</button>
</div>
</form>`;
    const table =
        listed.length === 0
            ? `<p>${h.t('feedbackList.empty')}</p>`
            : dataTable(
                  'feedback',
                  h.t('feedbackList.caption', {
                      shown: h.plain.number(listed.length),
                      total: h.plain.number(matching.length),
                  }),
                  [
                      h.t('feedbackList.time'),
                      h.t('feedbackList.rating'),
                      h.t('feedbackList.lifeSituation'),
                      h.t('feedbackList.language'),
                      h.t('feedbackList.comment'),
                  ],
                  listed.map((item) => [
                      h.hour(item.at),
                      h.t('ratings.ratingValue', { rating: item.rating }),
                      item.lifeSituation === undefined ? '–' : h.t(`lifeSituations.${item.lifeSituation}`),
                      h.languageName(item.language),
                      item.comment === undefined
                          ? `<span class="note">${h.t('feedbackList.noComment')}</span>`
                          : `<span lang="${item.language}">${escapeHtml(item.comment)}</span>`,
                  ]),
                  Number.POSITIVE_INFINITY,
              );
    return `<section aria-labelledby="feedback-heading">
<h2 id="feedback-heading" tabindex="-1">${h.t('feedbackList.heading')}</h2>
<p>${h.t('feedbackList.intro')}</p>
${form}
${table}
</section>`;
}
