import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { i18n } from 'i18next';
import type { Request, Response, Server } from 'restify';
import type { Catalogue } from '../content/catalogue.js';
import type { Language } from '../content/vocabulary.js';
import { buildEmbedScript, embedStrings, renderEmbedDemoPage } from './embed.js';
import {
    CONTENT_TYPES,
    loadAsset,
    pageLanguage,
    sendAsset,
    sendHtml,
    staticAsset,
    type CspDirectives,
    type StaticAsset,
} from './http.js';
import { renderAccessibilityStatement, renderPrivacyNotice } from './infoPages.js';
import { RESIDENT_PATHS } from './layout.js';
import { renderResidentPage } from './residentPage.js';
import { DEMO_SERVICE_FACTS, type ServiceFacts } from './serviceFacts.js';

export interface ResidentPageDeps {
    readonly catalogue: Catalogue;
    readonly i18n: i18n;
    /**
     * Origins of the region's websites that may frame the chat (`/?embed=1`), e.g. config ALLOWED_ORIGINS.
     * Luotsi's own pages (the embed demo) may always frame it; nobody else when this is empty.
     */
    readonly allowedOrigins?: readonly string[];
    /**
     * URLs Web Chat may call besides this origin and Azure Direct Line (CSP connect-src), e.g. config
     * DIRECT_LINE_ENDPOINT and PUBLIC_URL: only their origins are used.
     */
    readonly connectSources?: readonly string[];
    /** Dates, contact addresses and retention times the statements state; the demo region's by default. */
    readonly facts?: ServiceFacts;
    /** The prebuilt Web Chat bundle; botframework-webchat's dist/webchat.js by default. */
    readonly webChatBundle?: string;
}

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** Azure Direct Line (global and EU endpoints), for a deployment that uses the Azure channel instead of the local one. */
const DIRECT_LINE_HOSTS = ['https://directline.botframework.com', 'https://europe.directline.botframework.com'];

/** The vendored bundle changes only with a dependency upgrade; a day is a fair trade against its 3.9 MB. */
const VENDOR_CACHE = 'public, max-age=86400';
/** Files other sites load on every page view; an hour keeps deployments visible the same day. */
const EMBED_CACHE = 'public, max-age=3600';
/** Lets a host page that requires CORP (COEP require-corp) load the embed files. */
const CROSS_ORIGIN_RESOURCE = { 'cross-origin-resource-policy': 'cross-origin' };

/** An ALLOWED_ORIGINS entry that is not an origin; refused at start so a typo cannot weaken or break the CSP. */
export class InvalidOriginError extends Error {
    constructor(readonly origin: string) {
        super(`not an http(s) origin (like https://www.example.fi): ${JSON.stringify(origin)}`);
        this.name = 'InvalidOriginError';
    }
}

/** `https://www.alue.fi/` → `https://www.alue.fi`; a `*.` host wildcard is allowed, as CSP allows it. */
export function normaliseOrigins(origins: readonly string[]): string[] {
    return origins
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '')
        .map((origin) => {
            const match = /^(https?):\/\/((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?\/?$/i.exec(origin);
            if (!match) throw new InvalidOriginError(origin);
            const [, scheme, host, port] = match;
            return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port ? `:${port}` : ''}`;
        });
}

/** `https://dl.example.fi/v3/directline` → `https://dl.example.fi`; not a URL → left for normaliseOrigins to refuse. */
function originOf(url: string): string {
    const parsed = URL.parse(url.trim());
    return parsed && /^https?:$/.test(parsed.protocol) ? parsed.origin : url;
}

/** The chat pages: Web Chat needs inline styles (it inserts <style> elements), data:/blob: images and a blob: worker. */
export function chatPageCsp(frameAncestors: readonly string[], connectSources: readonly string[] = []): CspDirectives {
    return {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'media-src': ["'self'", 'data:', 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        'connect-src': [...new Set(["'self'", ...DIRECT_LINE_HOSTS, ...connectSources])],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': frameAncestors,
    };
}

/** Pages without scripts (the statements). */
const DOCUMENT_CSP: CspDirectives = {
    'default-src': ["'self'"],
    'script-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
};

/** The embed demo: a strict host page, to show the embed script needs no inline code or styles. */
const EMBED_DEMO_CSP: CspDirectives = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
};

/** The prebuilt browser bundle of the installed botframework-webchat (its package exports hide dist/ from import). */
function defaultWebChatBundle(): string {
    const main = createRequire(import.meta.url).resolve('botframework-webchat');
    return path.join(path.dirname(main), '..', 'dist', 'webchat.js');
}

/**
 * The resident-facing pages: the chat (`/`, `/?embed=1`), the accessibility statement, the privacy notice, the embed
 * script and its demo, and their static files. Files are read once here; a missing one fails the start, not a request.
 */
export async function registerResidentPages(server: Server, deps: ResidentPageDeps): Promise<void> {
    const facts = deps.facts ?? DEMO_SERVICE_FACTS;
    const region = deps.catalogue.region;
    const framingOrigins = ["'self'", ...normaliseOrigins(deps.allowedOrigins ?? [])];
    const connectSources = normaliseOrigins((deps.connectSources ?? []).map(originOf));
    const embedSource = await readFile(path.join(PUBLIC_DIR, 'embed.js'), 'utf8');
    const embedScript = staticAsset(buildEmbedScript(embedSource, embedStrings(deps.i18n)), CONTENT_TYPES.js, {
        cacheControl: EMBED_CACHE,
        headers: CROSS_ORIGIN_RESOURCE,
    });
    const publicFile = (name: string, type: string) => loadAsset(path.join(PUBLIC_DIR, name), type);
    const assets: Record<string, StaticAsset> = {
        'resident.js': await publicFile('resident.js', CONTENT_TYPES.js),
        // The shared base of these pages and the counsellor console (BASE_STYLESHEET_PATH).
        'base.css': await publicFile('base.css', CONTENT_TYPES.css),
        'resident.css': await publicFile('resident.css', CONTENT_TYPES.css),
        'embed-demo.css': await publicFile('embed-demo.css', CONTENT_TYPES.css),
        'embed.css': await loadAsset(path.join(PUBLIC_DIR, 'embed.css'), CONTENT_TYPES.css, {
            cacheControl: EMBED_CACHE,
            headers: CROSS_ORIGIN_RESOURCE,
        }),
        'webchat.js': await loadAsset(deps.webChatBundle ?? defaultWebChatBundle(), CONTENT_TYPES.js, {
            cacheControl: VENDOR_CACHE,
        }),
    };
    const translate = (language: Language) => deps.i18n.getFixedT(language);
    // Without ?lang= the page follows Accept-Language, so caches must keep the variants apart.
    const vary = { vary: 'Accept-Language' };

    server.get(RESIDENT_PATHS.page, async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        const embed = String(req.query?.embed ?? '') === '1';
        sendHtml(res, renderResidentPage(translate(language), language, region, { embed }), {
            csp: chatPageCsp(embed ? framingOrigins : ["'none'"], connectSources),
            headers: vary,
        });
    });

    server.get(RESIDENT_PATHS.accessibility, async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        sendHtml(res, renderAccessibilityStatement(translate(language), language, region, facts), {
            csp: DOCUMENT_CSP,
            headers: vary,
        });
    });

    server.get(RESIDENT_PATHS.privacy, async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        sendHtml(res, renderPrivacyNotice(translate(language), language, region, facts), {
            csp: DOCUMENT_CSP,
            headers: vary,
        });
    });

    server.get(RESIDENT_PATHS.embedDemo, async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        sendHtml(res, renderEmbedDemoPage(translate(language), language, region), {
            csp: EMBED_DEMO_CSP,
            headers: vary,
        });
    });

    server.get(RESIDENT_PATHS.embedScript, async (req: Request, res: Response) => {
        sendAsset(req, res, embedScript);
    });

    server.get('/web/:asset', async (req: Request, res: Response) => {
        const asset = Object.hasOwn(assets, req.params.asset) ? assets[req.params.asset] : undefined;
        if (!asset) {
            res.send(404, { error: 'not found' });
            return;
        }
        sendAsset(req, res, asset);
    });
}
