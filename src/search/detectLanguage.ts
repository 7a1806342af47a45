import { detectAll } from 'tinyld';
import { LANGUAGES, type Language } from '../content/vocabulary.js';

/** tinyld's own accuracy below which a guess is too weak to rely on for short texts. */
const CONFIDENT = 0.5;

/**
 * The language a resident probably wrote in, among the three Luotsi serves. `confident` is false for
 * one-word or mixed texts ("sossu", "GP"); callers then let the catalogue decide (the best-matching language wins).
 */
export function detectLanguage(text: string): { language: Language; confident: boolean } | undefined {
    const [best] = detectAll(text, { only: [...LANGUAGES] });
    if (!best || !isLanguage(best.lang)) return undefined;
    return { language: best.lang, confident: best.accuracy >= CONFIDENT };
}

function isLanguage(value: string): value is Language {
    return (LANGUAGES as readonly string[]).includes(value);
}
