import { eng, fin, swe } from 'stopword';
import type { Language } from '../content/vocabulary.js';
import extraStopwords from './stopwordsExtra.json' with { type: 'json' };

/**
 * The stopword package's lists, plus the question words and pronouns residents put around their need
 * ("missä", "voinko", "var kan jag", "where can I") that the package lists leave out.
 */
const STOPWORDS: Record<Language, ReadonlySet<string>> = {
    fi: new Set([...fin, ...extraStopwords.fi]),
    sv: new Set([...swe, ...extraStopwords.sv]),
    en: new Set([...eng, ...extraStopwords.en]),
};

export function isStopword(word: string, language: Language): boolean {
    return STOPWORDS[language].has(word);
}
