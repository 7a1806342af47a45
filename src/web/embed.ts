import type { i18n, TFunction } from 'i18next';
import type { Region } from '../content/schema.js';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { escapeHtml, jsonForScript, renderDocument, renderLanguageNav } from './html.js';
import { pageHref, RESIDENT_PATHS, renderFooterNav, webText } from './layout.js';

/** Where public/embed.js takes its texts; replaced by {@link buildEmbedScript}, so the file stays valid JS as it is. */
export const EMBED_STRINGS_PLACEHOLDER = '__LUOTSI_STRINGS__';

/** The texts the embed button and panel show, per language. */
export type EmbedStrings = Record<Language, { button: string; dialogTitle: string; close: string; frameTitle: string }>;

/** The embed texts of every language: the host page's language is known only in the browser. */
export function embedStrings(i18n: i18n): EmbedStrings {
    const entries = LANGUAGES.map((language) => {
        const t = i18n.getFixedT(language);
        const text = (key: string) => String(t(`web.embed.${key}`));
        return [
            language,
            {
                button: text('button'),
                dialogTitle: text('dialogTitle'),
                close: text('close'),
                frameTitle: text('frameTitle'),
            },
        ];
    });
    return Object.fromEntries(entries) as EmbedStrings;
}

/** Error for a broken embed script template: the server must not start serving a script without its texts. */
export class EmbedScriptError extends Error {
    constructor(readonly occurrences: number) {
        super(`embed.js must contain ${EMBED_STRINGS_PLACEHOLDER} exactly once, found ${occurrences}`);
        this.name = 'EmbedScriptError';
    }
}

/** public/embed.js with the texts filled in (as JSON: `<` escaped, so no text can end a script element). */
export function buildEmbedScript(source: string, strings: EmbedStrings): string {
    const occurrences = source.split(EMBED_STRINGS_PLACEHOLDER).length - 1;
    if (occurrences !== 1) throw new EmbedScriptError(occurrences);
    return source.replace(EMBED_STRINGS_PLACEHOLDER, () => jsonForScript(strings));
}

/** The snippets a region copies; a placeholder origin, as the demo cannot know the address Luotsi is published at. */
const SAMPLE_ORIGIN = 'https://luotsi.example.fi';

/**
 * `GET /embed-demo`: a made-up region website that includes the embed script the way a region would, plus the two
 * snippets (floating button, plain iframe) to copy.
 */
export function renderEmbedDemoPage(t: TFunction, language: Language, region: Region): string {
    const text = (key: string) => webText(t, `embedDemo.${key}`);
    const languageNav = renderLanguageNav({
        languages: LANGUAGES,
        current: language,
        label: String(t('web.languageNav')),
        name: (target) => String(t(`web.languageSwitch.${target}`)),
        href: (target) => pageHref(RESIDENT_PATHS.embedDemo, target),
    });
    const scriptSnippet = `<script src="${SAMPLE_ORIGIN}${RESIDENT_PATHS.embedScript}" data-lang="${language}" defer></script>`;
    const iframeSnippet =
        `<iframe src="${SAMPLE_ORIGIN}/?lang=${language}&embed=1" title="${String(t('web.embed.frameTitle'))}"\n` +
        `        style="width: 100%; height: 40rem; border: 1px solid #5c6e87;"></iframe>`;
    return renderDocument({
        language,
        title: String(t('web.embedDemo.pageTitle', { region: region.names[language] })),
        stylesheets: [RESIDENT_PATHS.embedDemoStylesheet],
        body: `<a class="skip-link" href="#main">${webText(t, 'skipToContent')}</a>
<header class="demo-header">
<div class="demo-header__inner">
<p class="demo-site-name">${escapeHtml(region.names[language])}</p>
<p class="demo-badge">${text('badge')}</p>
${languageNav}
</div>
</header>
<main id="main" tabindex="-1">
<h1>${text('heading')}</h1>
<p>${text('intro')}</p>
<h2>${text('newsHeading')}</h2>
<p>${text('news')}</p>
<h2>${text('scriptHeading')}</h2>
<p>${text('scriptText')}</p>
<pre><code>${escapeHtml(scriptSnippet)}</code></pre>
<h2>${text('iframeHeading')}</h2>
<p>${text('iframeText')}</p>
<pre><code>${escapeHtml(iframeSnippet)}</code></pre>
<p>${text('originsText')}</p>
</main>
<footer class="demo-footer">
<div class="demo-footer__inner">
${renderFooterNav(t, language)}
</div>
</footer>
<script src="${escapeHtml(RESIDENT_PATHS.embedScript)}" data-lang="${escapeHtml(language)}" defer></script>
`,
    });
}
