import { expect } from 'chai';
import { LANGUAGES } from '../../src/content/vocabulary.js';
import { LOCALE_RESOURCES } from '../../src/i18n/i18n.js';

function leafKeys(value: unknown, prefix = ''): Map<string, unknown> {
    const keys = new Map<string, unknown>();
    // Lists (command phrases) are one value each: their length may differ between languages.
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, child] of Object.entries(value)) {
            for (const [leaf, text] of leafKeys(child, prefix ? `${prefix}.${key}` : key)) keys.set(leaf, text);
        }
    } else {
        keys.set(prefix, value);
    }
    return keys;
}

describe('locale files', () => {
    const keysByLanguage = Object.fromEntries(
        LANGUAGES.map((language) => [language, leafKeys(LOCALE_RESOURCES[language])]),
    );
    const allKeys = new Set(LANGUAGES.flatMap((language) => [...keysByLanguage[language]!.keys()]));

    for (const language of LANGUAGES) {
        it(`should have every key, non-empty, in ${language}`, () => {
            const missing = [...allKeys].filter((key) => {
                const text = keysByLanguage[language]!.get(key);
                if (Array.isArray(text))
                    return text.length === 0 || text.some((item) => typeof item !== 'string' || !item.trim());
                return typeof text !== 'string' || text.trim() === '';
            });
            expect(missing).to.deep.equal([]);
        });
    }

    it('should use the same placeholders in every language', () => {
        const placeholders = (text: unknown) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
        for (const key of allKeys) {
            const fi = placeholders(keysByLanguage.fi!.get(key));
            for (const language of LANGUAGES)
                expect(placeholders(keysByLanguage[language]!.get(key)), `${language} ${key}`).to.deep.equal(fi);
        }
    });
});
