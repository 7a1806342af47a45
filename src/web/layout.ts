import type { TFunction } from 'i18next';
import type { Phone, Region } from '../content/schema.js';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { BASE_STYLESHEET_PATH, escapeHtml, renderDocument, renderLanguageNav, type DocumentParts } from './html.js';

/** Every path the resident pages use; the routes and the pages read them from here so they cannot disagree. */
export const RESIDENT_PATHS = {
    page: '/',
    accessibility: '/accessibility',
    privacy: '/privacy',
    embedDemo: '/embed-demo',
    embedScript: '/embed.js',
    script: '/web/resident.js',
    stylesheet: '/web/resident.css',
    webChat: '/web/webchat.js',
    embedStylesheet: '/web/embed.css',
    embedDemoStylesheet: '/web/embed-demo.css',
    /** The Direct Line token endpoint (src/directline, built separately): POST → {token, conversationId, domain}. */
    token: '/api/webchat/token',
} as const;

/** The resident pages' stylesheets: the shared base first, so resident.css can build on it. */
export const RESIDENT_STYLESHEETS: readonly string[] = [BASE_STYLESHEET_PATH, RESIDENT_PATHS.stylesheet];

/** The text of a `web.*` key, escaped for HTML. */
export function webText(t: TFunction, key: string, values?: Record<string, string | number>): string {
    return escapeHtml(String(t(`web.${key}`, values)));
}

/** `/privacy?lang=sv` (and `&embed=1` inside the embedded chat). */
export function pageHref(path: string, language: Language, options: { embed?: boolean; hash?: string } = {}): string {
    return `${path}?lang=${language}${options.embed ? '&embed=1' : ''}${options.hash ? `#${options.hash}` : ''}`;
}

/** A phone number as a tel: link with who pays for the call; made-up demo numbers say so. */
export function renderPhone(phone: Phone, t: TFunction, demo: boolean): string {
    const dial = phone.number.replace(/\s+/g, '');
    const link = `<a href="tel:${escapeHtml(dial)}" class="phone">${escapeHtml(phone.number)}</a>`;
    const charge = escapeHtml(String(t(`charge.${phone.chargeType}`)));
    const marker = demo ? ` <span class="demo-marker">${escapeHtml(String(t('demo.marker')))}</span>` : '';
    return `${link} (${charge})${marker}`;
}

/** Options of {@link renderResidentLayout}. */
export interface ResidentLayout {
    readonly t: TFunction;
    readonly language: Language;
    readonly region: Region;
    readonly title: string;
    /** The page's own path, for the language links. */
    readonly path: string;
    /** Where the skip link jumps (an id on the page) and what it says. */
    readonly skipTo: { readonly id: string; readonly text: string };
    /** Finished markup inside `<main>`. */
    readonly main: string;
    readonly stylesheets?: readonly string[];
    readonly dataBlocks?: DocumentParts['dataBlocks'];
    readonly scripts?: DocumentParts['scripts'];
}

/** The resident pages' frame: skip link, header with region and language switch, main, footer with the statements. */
export function renderResidentLayout(layout: ResidentLayout): string {
    const { t, language, region } = layout;
    const languageNav = renderLanguageNav({
        languages: LANGUAGES,
        current: language,
        label: String(t('web.languageNav')),
        name: (target) => String(t(`web.languageSwitch.${target}`)),
        href: (target) => pageHref(layout.path, target),
    });
    const regionName = escapeHtml(region.names[language]);
    return renderDocument({
        language,
        title: layout.title,
        stylesheets: layout.stylesheets ?? RESIDENT_STYLESHEETS,
        dataBlocks: layout.dataBlocks,
        scripts: layout.scripts,
        body: `<a class="skip-link" href="#${escapeHtml(layout.skipTo.id)}">${escapeHtml(layout.skipTo.text)}</a>
<header class="site-header">
<div class="site-header__inner">
<p class="brand"><a class="brand__link" href="${escapeHtml(pageHref(RESIDENT_PATHS.page, language))}"><span class="brand__product">${webText(t, 'productName')}</span> <span class="brand__region">${regionName}</span></a></p>
${languageNav}
</div>
</header>
<main id="main" tabindex="-1">
${layout.main}
</main>
<footer class="site-footer">
<div class="site-footer__inner">
${renderFooterNav(t, language)}
<p class="site-footer__region">${regionName}</p>
</div>
</footer>
`,
    });
}

/** Links to the accessibility statement, its feedback section and the privacy notice; in the embed they open a new tab. */
export function renderFooterNav(t: TFunction, language: Language, options: { newTab?: boolean } = {}): string {
    const target = options.newTab ? ' target="_blank" rel="noopener"' : '';
    const newTab = options.newTab ? ` <span class="visually-hidden">${webText(t, 'newTab')}</span>` : '';
    const link = (href: string, key: string) =>
        `<li><a href="${escapeHtml(href)}"${target}>${webText(t, key)}${newTab}</a></li>`;
    return `<nav class="footer-nav" aria-label="${webText(t, 'footerNav')}">
<ul>
${link(pageHref(RESIDENT_PATHS.accessibility, language), 'links.accessibility')}
${link(pageHref(RESIDENT_PATHS.privacy, language), 'links.privacy')}
${link(pageHref(RESIDENT_PATHS.accessibility, language, { hash: 'feedback' }), 'links.feedback')}
</ul>
</nav>`;
}
