import { newStemmer, type Stemmer } from 'snowball-stemmers';
import type { Language } from '../content/vocabulary.js';
import { isStopword } from './stopwords.js';

const SNOWBALL_NAMES: Record<Language, string> = { fi: 'finnish', sv: 'swedish', en: 'english' };
const stemmers = new Map<Language, Stemmer>();

function stemmerFor(language: Language): Stemmer {
    let stemmer = stemmers.get(language);
    if (!stemmer) {
        stemmer = newStemmer(SNOWBALL_NAMES[language]);
        stemmers.set(language, stemmer);
    }
    return stemmer;
}

/** Lower-case words of a text; apostrophes and hyphens inside a word are dropped so "sote-palvelut" stays one word. */
export function words(text: string): string[] {
    return (
        text
            .normalize('NFKC')
            .toLocaleLowerCase('fi')
            .replace(/(\p{L})['’-](\p{L})/gu, '$1$2')
            .match(/[\p{L}\p{N}]+/gu) ?? []
    );
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Folds letters residents often type without their marks ("hammaslaakari", "halsocentral") onto plain ones.
 * Applied after stemming, because the Finnish and Swedish stemmers need ä, ö and å to find suffixes.
 */
export function fold(word: string): string {
    if (ASCII.test(word)) return word;
    return word.replace(/[äå]/g, 'a').replace(/ö/g, 'o').normalize('NFD').replace(/\p{M}/gu, '');
}

/** Stemming is the slowest step of indexing and the same words recur, so their terms are remembered. */
const termCache: Record<Language, Map<string, string>> = { fi: new Map(), sv: new Map(), en: new Map() };
/** Bounds the cache in a long-running server that sees ever new words from residents. */
const TERM_CACHE_LIMIT = 200_000;

/** The form a word is indexed and looked up by: stemmed in its language, then folded. */
export function termOf(word: string, language: Language): string {
    const cache = termCache[language];
    let term = cache.get(word);
    if (term === undefined) {
        term = fold(stemmerFor(language).stem(word));
        if (cache.size >= TERM_CACHE_LIMIT) cache.clear();
        cache.set(word, term);
    }
    return term;
}

export interface QueryWord {
    /** The word as typed, lower-cased. */
    readonly word: string;
    /** Its index form (stemmed and folded). */
    readonly term: string;
}

/** Whether a word carries meaning for search: not a stopword, longer than one letter. */
export function isContentWord(word: string, language: Language): boolean {
    return word.length > 1 && !isStopword(word, language);
}

/** The content words of a text in one language: stopwords and one-letter words removed. */
export function contentWords(text: string, language: Language): QueryWord[] {
    return words(text)
        .filter((word) => isContentWord(word, language))
        .map((word) => ({ word, term: termOf(word, language) }));
}
