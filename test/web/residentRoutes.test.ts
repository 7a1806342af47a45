import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { createI18n } from '../../src/i18n/i18n.js';
import { formatCsp } from '../../src/web/http.js';
import { InvalidOriginError, normaliseOrigins, registerResidentPages } from '../../src/web/residentRoutes.js';
import { realCatalogue } from '../helpers.js';

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: string | null): Map<string, string[]> {
    const directives = new Map<string, string[]>();
    for (const part of (header ?? '').split(';')) {
        const [name, ...sources] = part.trim().split(/\s+/);
        if (name) directives.set(name, sources);
    }
    return directives;
}

describe('resident page routes', () => {
    let server: Server;
    let base: string;

    before(async () => {
        server = restify.createServer({ name: 'luotsi-web-test' });
        server.use(restify.plugins.queryParser({ mapParams: false }));
        await registerResidentPages(server, {
            catalogue: await realCatalogue(),
            i18n: createI18n(),
            allowedOrigins: ['https://www.jarvilaakso.example/', ' https://*.kunta.example ', ''],
            connectSources: [
                'http://luotsi.test:3978/v3/directline',
                'https://directline.botframework.com/v3/directline',
            ],
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => {
        server.close();
    });

    it('should serve the chat page with security headers that forbid framing', async () => {
        const response = await fetch(`${base}/?lang=sv`);
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
        expect(await response.text()).to.contain('<html lang="sv">');
        const policy = csp(response.headers.get('content-security-policy'));
        expect(policy.get('frame-ancestors')).to.deep.equal(["'none'"]);
        expect(policy.get('script-src')).to.deep.equal(["'self'"]);
        expect(policy.get('style-src')).to.deep.equal(["'self'", "'unsafe-inline'"]);
        expect(policy.get('connect-src')).to.deep.equal([
            "'self'",
            'https://directline.botframework.com',
            'https://europe.directline.botframework.com',
            'http://luotsi.test:3978',
        ]);
        expect(policy.get('object-src')).to.deep.equal(["'none'"]);
        expect(response.headers.get('x-frame-options')).to.equal('DENY');
        expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
        expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
    });

    it('should let only Luotsi itself and the allowed origins frame the embed layout', async () => {
        const response = await fetch(`${base}/?lang=en&embed=1`);
        expect(await response.text()).to.contain('<body class="layout-embed">');
        const policy = csp(response.headers.get('content-security-policy'));
        expect(policy.get('frame-ancestors')).to.deep.equal([
            "'self'",
            'https://www.jarvilaakso.example',
            'https://*.kunta.example',
        ]);
        expect(response.headers.get('x-frame-options')).to.equal(null);
    });

    it('should follow Accept-Language when no language is asked, and say so to caches', async () => {
        const response = await fetch(`${base}/`, { headers: { 'accept-language': 'sv-FI,sv;q=0.9' } });
        expect(await response.text()).to.contain('<html lang="sv">');
        expect(response.headers.get('vary')).to.equal('Accept-Language');
        const fallback = await fetch(`${base}/?lang=de`, { headers: { 'accept-language': 'de-DE' } });
        expect(await fallback.text()).to.contain('<html lang="fi">');
    });

    for (const [page, heading] of [
        ['/accessibility', '<h2 id="feedback">'],
        ['/privacy', '<h2 id="contact">'],
    ] as const) {
        it(`should serve ${page} in every language without scripts`, async () => {
            for (const language of ['fi', 'sv', 'en']) {
                const response = await fetch(`${base}${page}?lang=${language}`);
                expect(response.status).to.equal(200);
                const html = await response.text();
                expect(html).to.contain(`<html lang="${language}">`);
                expect(html).to.contain(heading);
                expect(csp(response.headers.get('content-security-policy')).get('script-src')).to.deep.equal([
                    "'none'",
                ]);
            }
        });
    }

    it('should serve the embed script as JavaScript that other sites may load', async () => {
        const response = await fetch(`${base}/embed.js`);
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
        expect(response.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
        expect(response.headers.get('cache-control')).to.equal('public, max-age=3600');
        const script = await response.text();
        expect(() => new Function(script)).to.not.throw();
        expect(script).to.contain('"button":"Keskustele"');
    });

    it('should serve the embed demo page with a strict policy that still frames the chat', async () => {
        const response = await fetch(`${base}/embed-demo?lang=fi`);
        expect(await response.text()).to.contain('<script src="/embed.js" data-lang="fi" defer></script>');
        const policy = csp(response.headers.get('content-security-policy'));
        expect(policy.get('style-src')).to.deep.equal(["'self'"]);
        expect(policy.get('frame-src')).to.deep.equal(["'self'"]);
    });

    it('should serve the Web Chat bundle from node_modules with cache headers and revalidation', async () => {
        const response = await fetch(`${base}/web/webchat.js`);
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
        expect(response.headers.get('cache-control')).to.equal('public, max-age=86400');
        const body = await response.text();
        expect(body.length).to.be.greaterThan(1_000_000);
        expect(body).to.contain('renderWebChat');
        const etag = response.headers.get('etag');
        expect(etag).to.match(/^"[\w-]+"$/);
        const again = await fetch(`${base}/web/webchat.js`, { headers: { 'if-none-match': etag! } });
        expect(again.status).to.equal(304);
    });

    it('should serve the page script and stylesheets, and nothing else under /web/', async () => {
        for (const [file, type] of [
            ['resident.js', 'text/javascript; charset=utf-8'],
            ['resident.css', 'text/css; charset=utf-8'],
            ['base.css', 'text/css; charset=utf-8'],
            ['embed.css', 'text/css; charset=utf-8'],
            ['embed-demo.css', 'text/css; charset=utf-8'],
        ]) {
            const response = await fetch(`${base}/web/${file}`);
            expect(response.status, file).to.equal(200);
            expect(response.headers.get('content-type'), file).to.equal(type);
            await response.arrayBuffer();
        }
        for (const file of ['nope.js', '__proto__', 'toString', '..%2Fresident.ts']) {
            const response = await fetch(`${base}/web/${file}`);
            expect(response.status, file).to.equal(404);
            await response.arrayBuffer();
        }
    });
});

describe('allowed origins', () => {
    it('should normalise origins and keep host wildcards', () => {
        expect(
            normaliseOrigins(['HTTPS://WWW.Alue.FI/', 'http://localhost:8080', ' ', 'https://*.alue.fi']),
        ).to.deep.equal(['https://www.alue.fi', 'http://localhost:8080', 'https://*.alue.fi']);
    });

    it('should refuse anything that could change the policy or is not an origin', () => {
        for (const bad of [
            'www.alue.fi',
            'https://www.alue.fi/chat',
            "https://a.fi; script-src 'unsafe-inline'",
            "'self'",
            '*',
            'javascript:alert(1)',
            'https://a.fi https://b.fi',
        ]) {
            expect(() => normaliseOrigins([bad]), bad).to.throw(InvalidOriginError);
        }
    });

    it('should format a policy in the order given', () => {
        expect(formatCsp({ 'default-src': ["'self'"], 'frame-ancestors': ["'none'"] })).to.equal(
            "default-src 'self'; frame-ancestors 'none'",
        );
    });
});
