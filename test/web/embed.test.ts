import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../../src/content/catalogue.js';
import { LANGUAGES } from '../../src/content/vocabulary.js';
import { createI18n } from '../../src/i18n/i18n.js';
import {
    buildEmbedScript,
    EMBED_STRINGS_PLACEHOLDER,
    EmbedScriptError,
    embedStrings,
    renderEmbedDemoPage,
    type EmbedStrings,
} from '../../src/web/embed.js';
import { realCatalogue, ROOT } from '../helpers.js';
import { expectConsistentIds, translator } from './webFixtures.js';

const PUBLIC_DIR = path.join(ROOT, 'src', 'web', 'public');

/** Parses (does not run) browser code: a syntax error throws here. */
function expectParses(source: string): void {
    expect(() => new Function(source)).to.not.throw();
}

/** Comments removed, so checks look at what the code does rather than what it says. */
function codeOnly(source: string): string {
    return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('embedding', () => {
    describe('embed script', () => {
        let source: string;
        let strings: EmbedStrings;
        let script: string;

        before(async () => {
            source = await readFile(path.join(PUBLIC_DIR, 'embed.js'), 'utf8');
            strings = embedStrings(createI18n());
            script = buildEmbedScript(source, strings);
        });

        it('should be valid JavaScript, as stored and as served', () => {
            expectParses(source);
            expectParses(script);
        });

        it('should carry the button texts of every language from the locale files', () => {
            expect(script).to.not.contain(EMBED_STRINGS_PLACEHOLDER);
            expect(strings.fi.button).to.equal('Keskustele');
            expect(strings.sv.button).to.equal('Chatta');
            expect(strings.en.button).to.equal('Chat');
            for (const language of LANGUAGES) {
                for (const text of Object.values(strings[language])) expect(text).to.be.a('string').and.not.equal('');
                expect(script).to.contain(JSON.stringify(strings[language]));
            }
        });

        it('should name no host: every address comes from its own script src', () => {
            expect(script).to.not.match(/:\/\//);
            expect(script).to.not.match(/\blocalhost\b|127\.0\.0\.1|\.fi\b|\.com\b/);
            const code = codeOnly(script);
            expect(code).to.contain('new URL(script.src, document.baseURI).origin');
            expect(code).to.contain("origin + '/?lang=' + encodeURIComponent(language) + '&embed=1'");
            expect(code).to.contain("origin + '/web/embed.css'");
            expect(code).to.contain("postMessage({ type: 'luotsi:focus' }, origin)");
            expect(code).to.contain('event.origin !== origin');
        });

        it('should make an accessible, keyboard-operable button and dialog', () => {
            const code = codeOnly(script);
            expect(code).to.contain("type: 'button'");
            expect(code).to.contain("'aria-expanded': 'false'");
            expect(code).to.contain("role: 'dialog'");
            expect(code).to.contain("'aria-labelledby': 'luotsi-title'");
            expect(code).to.contain("event.key === 'Escape'");
            expect(code).to.contain('launcher.focus()');
            expect(code).to.contain('title: text.frameTitle');
        });

        it('should never write markup or run strings as code', () => {
            expect(codeOnly(script)).to.not.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
        });

        it('should escape texts so they cannot end a script element', () => {
            const attack = { ...strings, fi: { ...strings.fi, button: '</script><script>alert(1)</script>' } };
            const built = buildEmbedScript(source, attack);
            expect(built).to.not.contain('</script><script>alert(1)');
            expect(built).to.contain('\\u003c/script\\u003e');
            expectParses(built);
        });

        it('should refuse a template without exactly one placeholder', () => {
            expect(() => buildEmbedScript('var STRINGS = {};', strings)).to.throw(EmbedScriptError);
            expect(() => buildEmbedScript(`${source}\n${EMBED_STRINGS_PLACEHOLDER}`, strings)).to.throw(
                EmbedScriptError,
            );
        });
    });

    describe('resident page script', () => {
        let source: string;

        before(async () => {
            source = await readFile(path.join(PUBLIC_DIR, 'resident.js'), 'utf8');
        });

        it('should be valid JavaScript', () => {
            expectParses(source);
        });

        it('should get a token from the configured endpoint and start Web Chat without web sockets', () => {
            const code = codeOnly(source);
            expect(code).to.contain('fetch(config.tokenUrl');
            expect(code).to.contain("method: 'POST'");
            expect(code).to.match(
                /createDirectLine\(\{\s*domain: session\.domain,\s*token: session\.token,\s*webSocket: false,/,
            );
            expect(code).to.match(
                /renderWebChat\(\s*\{\s*directLine: directLine,\s*locale: config\.locale,\s*styleOptions: config\.styleOptions,/,
            );
        });

        it('should retry once with a fresh token before showing the error template', () => {
            const code = codeOnly(source);
            expect(code).to.contain('var ATTEMPTS = 2;');
            expect(code).to.contain('if (attempt + 1 < ATTEMPTS) return start(attempt + 1);');
            expect(code).to.contain("getElementById('chat-error-template')");
            expect(code).to.contain('errorTemplate.content.cloneNode(true)');
        });

        it('should hold no host, no user-facing text and write no markup', () => {
            const code = codeOnly(source);
            expect(code).to.not.match(/:\/\//);
            expect(code).to.not.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
            // Every text residents see comes from the page (the error template): the script writes none itself.
            expect(code).to.not.match(/textContent\s*=|innerText|createTextNode/);
        });
    });

    describe('demo host page', () => {
        let catalogue: Catalogue;

        before(async () => {
            catalogue = await realCatalogue();
        });

        for (const language of LANGUAGES) {
            it(`should include the embed script the way a region would, in ${language}`, async () => {
                const { t, missing } = await translator(language);
                const html = renderEmbedDemoPage(t, language, catalogue.region);
                expect(missing).to.deep.equal([]);
                expect(html).to.contain(`<html lang="${language}">`);
                expect(html).to.contain(`<script src="/embed.js" data-lang="${language}" defer></script>`);
                expect(html.match(/<h1[\s>]/g)).to.have.length(1);
                expect(html).to.contain(
                    `&lt;script src=&quot;https://luotsi.example.fi/embed.js&quot; data-lang=&quot;${language}&quot; defer&gt;`,
                );
                expect(html).to.contain(
                    `&lt;iframe src=&quot;https://luotsi.example.fi/?lang=${language}&amp;embed=1&quot;`,
                );
                expectConsistentIds(html);
            });
        }
    });
});
