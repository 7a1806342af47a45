import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Request, Response } from 'restify';
import { LANGUAGES, type Language } from '../content/vocabulary.js';

/** Content-Security-Policy as directive → sources, so pages compose policies instead of editing one long string. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** `{ 'default-src': ["'self'"] }` → `default-src 'self'`, directives in the given order. */
export function formatCsp(directives: CspDirectives): string {
    return Object.entries(directives)
        .map(([name, sources]) => [name, ...sources].join(' '))
        .join('; ');
}

/** Options of {@link sendHtml}. */
export interface HtmlResponseOptions {
    readonly csp: CspDirectives;
    /** Extra response headers, e.g. a Vary. */
    readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends a page with the headers every page gets: its CSP, no MIME sniffing, no referrer to other sites, and
 * X-Frame-Options DENY for browsers without frame-ancestors whenever the policy forbids framing altogether.
 */
export function sendHtml(res: Response, html: string, options: HtmlResponseOptions): void {
    const ancestors = options.csp['frame-ancestors'];
    const denyFraming = ancestors?.length === 1 && ancestors[0] === "'none'";
    res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': formatCsp(options.csp),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
        ...(denyFraming ? { 'x-frame-options': 'DENY' } : {}),
        ...options.headers,
    });
    res.end(html);
}

/** A file served as it is, read once at start; the ETag lets browsers revalidate without downloading it again. */
export interface StaticAsset {
    readonly type: string;
    readonly body: Buffer;
    readonly etag: string;
    /** e.g. `no-cache` (always revalidate) for our own files, `public, max-age=…` for a vendored bundle. */
    readonly cacheControl: string;
    /** Extra headers, e.g. Cross-Origin-Resource-Policy for files other sites load. */
    readonly headers?: Readonly<Record<string, string>>;
}

/** Options of {@link staticAsset} and {@link loadAsset}. */
export interface AssetOptions {
    readonly cacheControl?: string;
    readonly headers?: Readonly<Record<string, string>>;
}

/** Content types of the files we serve, by extension. */
export const CONTENT_TYPES = {
    js: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
} as const;

/** An asset from bytes already in memory (a generated script). */
export function staticAsset(body: Buffer | string, type: string, options: AssetOptions = {}): StaticAsset {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    return { type, body: bytes, etag, cacheControl: options.cacheControl ?? 'no-cache', headers: options.headers };
}

/** Reads a file once; the server serves it from memory afterwards. */
export async function loadAsset(file: string, type: string, options: AssetOptions = {}): Promise<StaticAsset> {
    return staticAsset(await readFile(file), type, options);
}

/** Sends an asset, or 304 when the browser already has this version. */
export function sendAsset(req: Request, res: Response, asset: StaticAsset): void {
    const headers = {
        'content-type': asset.type,
        'cache-control': asset.cacheControl,
        etag: asset.etag,
        'x-content-type-options': 'nosniff',
        ...asset.headers,
    };
    const known = String(req.headers['if-none-match'] ?? '')
        .split(',')
        .map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(asset.etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(asset.body.length) });
    res.end(asset.body);
}

/** The page language: `?lang=`, else the browser's first preference, else Finnish. */
export function pageLanguage(req: Request): Language {
    const asked = String(req.query?.lang ?? '');
    if (isLanguage(asked)) return asked;
    const accepted = String(req.headers['accept-language'] ?? '')
        .slice(0, 2)
        .toLowerCase();
    return isLanguage(accepted) ? accepted : 'fi';
}

function isLanguage(value: string): value is Language {
    return (LANGUAGES as readonly string[]).includes(value);
}
