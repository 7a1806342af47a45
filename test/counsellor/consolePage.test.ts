import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
    CLIENT_STRING_KEYS,
    CONSOLE_LANGUAGES,
    jsonForScript,
    renderConsolePage,
    type ConsoleLanguage,
} from '../../src/counsellor/consolePage.js';
import en from '../../src/i18n/locales/console.en.json' with { type: 'json' };
import fi from '../../src/i18n/locales/console.fi.json' with { type: 'json' };
import sv from '../../src/i18n/locales/console.sv.json' with { type: 'json' };
import { ROOT, translatorFrom, type Translator } from '../helpers.js';

const CONSOLE_LOCALES: Record<ConsoleLanguage, object> = { fi, sv, en };
const PUBLIC_DIR = path.join(ROOT, 'src', 'counsellor', 'public');

/** A translator from one console locale file. */
function translator(language: ConsoleLanguage, resource: object = CONSOLE_LOCALES[language]): Promise<Translator> {
    return translatorFrom(language, resource);
}

function leafStrings(value: unknown, prefix = ''): Map<string, unknown> {
    const leaves = new Map<string, unknown>();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, child] of Object.entries(value)) {
            for (const [leaf, text] of leafStrings(child, prefix ? `${prefix}.${key}` : key)) leaves.set(leaf, text);
        }
    } else {
        leaves.set(prefix, value);
    }
    return leaves;
}

function stringsJson(html: string): string {
    const match = /<script type="application\/json" id="console-strings">([\s\S]*?)<\/script>/.exec(html);
    expect(match, 'strings script block').to.not.equal(null);
    return match![1]!;
}

function attribute(tag: string, name: string): string | undefined {
    return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function withText(resource: object, key: string, text: string): object {
    const copy: unknown = structuredClone(resource);
    let node = copy as Record<string, unknown>;
    const parts = key.split('.');
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts.at(-1)!] = text;
    return copy as object;
}

describe('counsellor console page', () => {
    for (const language of CONSOLE_LANGUAGES) {
        describe(`in ${language}`, () => {
            let html: string;
            let missing: string[];

            before(async () => {
                const translation = await translator(language);
                html = renderConsolePage(translation.t, language);
                missing = translation.missing;
            });

            it('should set the lang attribute, viewport and a title', () => {
                expect(html).to.match(new RegExp(`<html lang="${language}">`));
                expect(html).to.match(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
                expect(/<title>([^<]+)<\/title>/.exec(html)?.[1]?.trim()).to.not.equal(undefined);
            });

            it('should find every key it uses in the locale file', () => {
                expect(missing).to.deep.equal([]);
            });

            it('should have landmarks, a skip link and exactly one h1', () => {
                expect(html).to.match(/<a class="skip-link" href="#main">[^<]+<\/a>/);
                expect(html).to.match(/<header[\s>]/);
                expect(html).to.match(/<nav [^>]*aria-label="[^"]+"/);
                expect(html).to.match(/<main id="main"/);
                expect(html.match(/<h1[\s>]/g)).to.have.length(1);
            });

            it('should link every language, marking the current one', () => {
                for (const target of CONSOLE_LANGUAGES) {
                    expect(html).to.match(new RegExp(`<a href="\\?lang=${target}" lang="${target}"`));
                }
                expect(html).to.match(new RegExp(`href="\\?lang=${language}"[^>]*aria-current="true"`));
            });

            it('should give every form control a label and every radio group a legend', () => {
                const labelled = new Set(
                    [...html.matchAll(/<label for="([^"]+)">[^<\s][^<]*<\/label>/g)].map((m) => m[1]),
                );
                const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0]);
                expect(controls.length).to.be.greaterThan(10);
                for (const control of controls) {
                    const id = attribute(control, 'id');
                    const named = id !== undefined && labelled.has(id);
                    expect(named || attribute(control, 'aria-label') !== undefined, control).to.equal(true);
                }
                const fieldsets = [...html.matchAll(/<fieldset\b[^>]*>([\s\S]*?)<\/fieldset>/g)];
                expect(fieldsets).to.have.length(2);
                for (const [, inner] of fieldsets) expect(inner).to.match(/^\s*<legend>[^<]+<\/legend>/);
            });

            it('should not repeat an id', () => {
                const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
                expect(ids.filter((id, index) => ids.indexOf(id) !== index)).to.deep.equal([]);
            });

            it('should have a queue table with a caption and column headers', () => {
                expect(html).to.match(/<table[^>]*>\s*<caption[^>]*>[^<]+<\/caption>/);
                expect(html.match(/<th scope="col">[^<]+<\/th>/g)).to.have.length(6);
            });

            it('should have the live, alert and status regions the script fills', () => {
                expect(html).to.match(/id="queue-announcer"[^>]*aria-live="polite"/);
                expect(html).to.match(/id="chat-messages"[^>]*aria-live="polite"/);
                expect(html).to.match(/id="login-error"[^>]*role="alert"/);
                expect(html).to.match(/id="handover-heading" tabindex="-1"/);
            });

            it('should embed every client string, non-empty, as parseable JSON', () => {
                const strings = JSON.parse(stringsJson(html)) as Record<string, unknown>;
                for (const key of CLIENT_STRING_KEYS) {
                    expect(strings[key], key).to.be.a('string').and.not.equal('');
                }
                expect(strings['handover.takenBy']).to.contain('{{name}}');
            });

            it('should load the script and stylesheet from the counsellor static paths', () => {
                expect(html).to.contain('<script type="module" src="/counsellor/console.js"></script>');
                expect(html).to.contain('<link rel="stylesheet" href="/counsellor/console.css">');
            });

            it('should load the shared base stylesheet before its own', () => {
                const base = html.indexOf('<link rel="stylesheet" href="/web/base.css">');
                expect(base).to.be.greaterThan(-1);
                expect(html.indexOf('<link rel="stylesheet" href="/counsellor/console.css">')).to.be.greaterThan(base);
            });
        });
    }

    describe('console locale files', () => {
        const leaves = Object.fromEntries(
            CONSOLE_LANGUAGES.map((language) => [language, leafStrings(CONSOLE_LOCALES[language])]),
        ) as Record<ConsoleLanguage, Map<string, unknown>>;
        const allKeys = new Set(CONSOLE_LANGUAGES.flatMap((language) => [...leaves[language].keys()]));

        it('should keep everything under the top-level key "console"', () => {
            for (const language of CONSOLE_LANGUAGES) {
                expect(Object.keys(CONSOLE_LOCALES[language])).to.deep.equal(['console']);
            }
        });

        for (const language of CONSOLE_LANGUAGES) {
            it(`should have every key, non-empty, in ${language}`, () => {
                const bad = [...allKeys].filter((key) => {
                    const text = leaves[language].get(key);
                    return typeof text !== 'string' || text.trim() === '';
                });
                expect(bad).to.deep.equal([]);
            });
        }

        it('should use the same placeholders in every language', () => {
            const placeholders = (text: unknown) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
            for (const key of allKeys) {
                for (const language of CONSOLE_LANGUAGES) {
                    expect(placeholders(leaves[language].get(key)), `${language} ${key}`).to.deep.equal(
                        placeholders(leaves.fi.get(key)),
                    );
                }
            }
        });
    });

    describe('escaping', () => {
        const attack = '</script><script>alert(1)</script><!--';

        it('should keep a "</script>" in a string inside the JSON block', async () => {
            const { t } = await translator('fi', withText(fi, 'console.queue.empty', attack));
            const html = renderConsolePage(t, 'fi');
            const json = stringsJson(html);
            expect(json).to.not.contain('<');
            expect((JSON.parse(json) as Record<string, string>)['queue.empty']).to.equal(attack);
            expect(html.match(/<script\b/g)).to.have.length(2);
        });

        it('should escape markup in page texts', async () => {
            const { t } = await translator('fi', withText(fi, 'console.login.heading', '<img src=x onerror=alert(1)>'));
            const html = renderConsolePage(t, 'fi');
            expect(html).to.contain('&lt;img src=x onerror=alert(1)&gt;');
            expect(html).to.not.contain('<img');
        });

        it('should escape the characters that could end the block or break JavaScript parsing', () => {
            expect(jsonForScript({ a: '</script>&\u2028\u2029' })).to.equal(
                '{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}',
            );
        });
    });

    describe('client script', () => {
        let script: string;

        before(async () => {
            script = await readFile(path.join(PUBLIC_DIR, 'console.js'), 'utf8');
        });

        it('should parse as a JavaScript module', () => {
            expect(() =>
                execFileSync(process.execPath, ['--check', path.join(PUBLIC_DIR, 'console.js')]),
            ).to.not.throw();
        });

        it('should never write markup into the page', () => {
            expect(script).to.not.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
        });

        it('should only use strings the page embeds', () => {
            const keys = new Set(CLIENT_STRING_KEYS);
            const used = [...script.matchAll(/\bstr\('([^']+)'/g)].map((m) => m[1]!);
            expect(used.length).to.be.greaterThan(20);
            expect(used.filter((key) => !keys.has(key))).to.deep.equal([]);
            const groups = [...script.matchAll(/\blabel\('([^']+)'/g)].map((m) => m[1]!);
            for (const group of groups) {
                expect(
                    [...keys].some((key) => key.startsWith(`${group}.`)),
                    group,
                ).to.equal(true);
            }
        });

        it('should call only the counsellor API and send the CSRF header on changes', () => {
            expect(script).to.contain("const API = '/api/counsellor'");
            expect(script).to.contain("headers['x-csrf-token']");
            expect(script).to.contain("credentials: 'same-origin'");
            expect(script).to.not.match(/https?:\/\//);
        });
    });

    describe('stylesheet', () => {
        it('should use the Suomi.fi font stack and a visible focus outline of at least 2px', async () => {
            // The console loads the shared base first, then its own file: together they are its styles.
            const files = [path.join(ROOT, 'src', 'web', 'public', 'base.css'), path.join(PUBLIC_DIR, 'console.css')];
            const css = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
            expect(css).to.contain("font-family: 'Source Sans Pro', Arial, sans-serif");
            const focus = /:focus-visible\s*{([^}]*)}/.exec(css)?.[1] ?? '';
            const width = Number(/outline:\s*(\d+)px solid/.exec(focus)?.[1] ?? 0);
            expect(width).to.be.at.least(2);
        });
    });
});
