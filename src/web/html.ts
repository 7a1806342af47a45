/** HTML building blocks shared by every server-rendered page (resident pages, counsellor console, statistics). */

/** Escapes text for HTML content and double-quoted attributes: locale and content texts are not trusted to be markup-free. */
export function escapeHtml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

/**
 * JSON for a `<script type="application/json">` block. `<` is escaped so no text can close the script
 * element ("</script>") or open a comment; `>`, `&` and the JS line separators are escaped for good measure.
 */
export function jsonForScript(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}

/**
 * The stylesheet the counsellor console and the resident pages load before their own (src/web/public/base.css, served
 * with the resident pages' files): tokens, typography, focus, skip link, header, buttons, notices.
 */
export const BASE_STYLESHEET_PATH = '/web/base.css';

/** A script the page loads; classic scripts are deferred so they run after parsing, in order. */
export interface PageScript {
    readonly src: string;
    /** `type="module"` (deferred by nature); otherwise a classic script with `defer`. */
    readonly module?: boolean;
}

/** Everything the page shell needs; `body` is finished markup, every other text is escaped here. */
export interface DocumentParts {
    /** The page language, for `<html lang>`. */
    readonly language: string;
    readonly title: string;
    readonly stylesheets: readonly string[];
    /** Data for the page scripts, as `<script type="application/json" id="…">` blocks (never executed). */
    readonly dataBlocks?: readonly { readonly id: string; readonly value: unknown }[];
    readonly scripts?: readonly PageScript[];
    /** Class of `<body>`, for layout variants. */
    readonly bodyClass?: string;
    readonly body: string;
}

/** The common document shell: language, viewport for 320 px screens, no referrer to other origins, no inline code. */
export function renderDocument(parts: DocumentParts): string {
    const head = [
        ...parts.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
        ...(parts.dataBlocks ?? []).map(
            (block) =>
                `<script type="application/json" id="${escapeHtml(block.id)}">${jsonForScript(block.value)}</script>`,
        ),
        ...(parts.scripts ?? []).map((script) =>
            script.module
                ? `<script type="module" src="${escapeHtml(script.src)}"></script>`
                : `<script src="${escapeHtml(script.src)}" defer></script>`,
        ),
    ].join('\n');
    const bodyClass = parts.bodyClass ? ` class="${escapeHtml(parts.bodyClass)}"` : '';
    return `<!doctype html>
<html lang="${escapeHtml(parts.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(parts.title)}</title>
${head}
</head>
<body${bodyClass}>
${parts.body}</body>
</html>
`;
}

/** Options of {@link renderLanguageNav}. */
export interface LanguageNavOptions<L extends string> {
    readonly languages: readonly L[];
    readonly current: L;
    /** Accessible name of the navigation landmark. */
    readonly label: string;
    /** Each language's name in that language ("Suomeksi", "På svenska"): it is marked with its own `lang`. */
    readonly name: (language: L) => string;
    /** Where the link goes; relative, e.g. `?lang=sv`. */
    readonly href: (language: L) => string;
}

/** The language switch: one link per language, each in its own language, the current one marked with aria-current. */
export function renderLanguageNav<L extends string>(options: LanguageNavOptions<L>): string {
    const links = options.languages
        .map((target) => {
            const current = target === options.current ? ' aria-current="true"' : '';
            const code = escapeHtml(target);
            return `<li><a href="${escapeHtml(options.href(target))}" lang="${code}" hreflang="${code}"${current}>${escapeHtml(options.name(target))}</a></li>`;
        })
        .join('\n');
    return `<nav class="language-nav" aria-label="${escapeHtml(options.label)}">
<ul>
${links}
</ul>
</nav>`;
}
