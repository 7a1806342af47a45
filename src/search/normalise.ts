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

/**
 * Folds letters residents often type without their marks ("hammaslaakari", "halsocentral") onto plain ones.
 * Applied after stemming, because the Finnish and Swedish stemmers need ä, ö and å to find suffixes.
 */
export function fold(word: string): string {
    return word.replace(/[äå]/g, 'a').replace(/ö/g, 'o').normalize('NFD').replace(/\p{M}/gu, '');
}

/** The form a word is indexed and looked up by: stemmed in its language, then folded. */
export function termOf(word: string, language: Language): string {
    return fold(stemmerFor(language).stem(word));
}

export interface QueryWord {
    /** The word as typed, lower-cased. */
    readonly word: string;
    /** Its index form (stemmed and folded). */
    readonly term: string;
}

/** The content words of a text in one language: stopwords and one-letter words removed. */
export function contentWords(text: string, language: Language): QueryWord[] {
    return words(text)
        .filter((word) => word.length > 1 && !isStopword(word, language))
        .map((word) => ({ word, term: termOf(word, language) }));
}
