import { eng } from 'stopword';
import iso from 'stopwords-iso';
import type { Language } from '../content/vocabulary.js';
import adjustments from './stopwordAdjustments.json' with { type: 'json' };

/**
 * stopwords-iso for Finnish and Swedish (it has the inflected pronouns and particles Finnish needs), the shorter
 * `stopword` list for English (stopwords-iso's English list drops words like "home", "work" and "older" that carry
 * meaning here). Adjustments add the colloquial words around a need ("tarviin", "var kan jag") and keep a few
 * listed words that matter for welfare services ("yksin" – children left alone, "beslut" – appealing a decision).
 */
function build(base: readonly string[], language: Language): ReadonlySet<string> {
    const keep = new Set(adjustments.keep[language]);
    return new Set([...base.filter((word) => !keep.has(word)), ...adjustments.add[language]]);
}

const STOPWORDS: Record<Language, ReadonlySet<string>> = {
    fi: build(iso.fi ?? [], 'fi'),
    sv: build(iso.sv ?? [], 'sv'),
    en: build(eng, 'en'),
};

export function isStopword(word: string, language: Language): boolean {
    return STOPWORDS[language].has(word);
}
