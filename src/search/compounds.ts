import type { Language } from '../content/vocabulary.js';
import { fold, termOf } from './normalise.js';

/** Shortest piece a compound is split into; shorter pieces match too much by chance. */
const MIN_PART = 3;
/** Swedish joins many compounds with -s- (bostadsbidrag), Finnish genitive compounds with -n- (lapsenhoito). */
const LINKING_LETTERS: Record<Language, readonly string[]> = { fi: ['n'], sv: ['s'], en: [] };

/** What a splitter needs to know of the catalogue: its index terms and its words as written (folded). */
export interface CompoundVocabulary {
    hasTerm(term: string): boolean;
    hasWord(foldedWord: string): boolean;
}

/**
 * Splits a compound the catalogue does not know as a whole into pieces it does know
 * ("hammaslääkäriaika" → hammaslääkäri + aika, "tandläkartid" → tandläkar + tid). Returns the pieces' index terms,
 * or an empty list when no split uses only known pieces. Fewer, longer pieces win.
 */
export function splitCompound(word: string, language: Language, vocabulary: CompoundVocabulary): string[] {
    const folded = fold(word);
    const memo = new Map<number, string[] | null>();

    const splitFrom = (start: number): string[] | null => {
        if (memo.has(start)) return memo.get(start) ?? null;
        let best: string[] | null = null;
        for (let end = word.length; end - start >= MIN_PART; end--) {
            const piece = word.slice(start, end);
            const term = knownTerm(piece, language, vocabulary);
            if (!term) continue;
            if (end === word.length) {
                best = [term];
                break;
            }
            const rest = splitFrom(end) ?? splitAfterLinkingLetter(end);
            if (rest && (!best || rest.length + 1 < best.length)) best = [term, ...rest];
            if (best && best.length === 2) break;
        }
        memo.set(start, best);
        return best;
    };
    const splitAfterLinkingLetter = (at: number): string[] | null =>
        LINKING_LETTERS[language].includes(folded[at] ?? '') ? splitFrom(at + 1) : null;

    const parts = splitFrom(0);
    return parts && parts.length > 1 ? parts : [];
}

function knownTerm(piece: string, language: Language, vocabulary: CompoundVocabulary): string | undefined {
    const folded = fold(piece);
    if (vocabulary.hasWord(folded)) return termOf(piece, language);
    // A stem is a beginning of its word, so a piece none of whose beginnings is an index term cannot stem to one;
    // checking that first spares stemming dozens of candidate pieces per word.
    if (!startsWithTerm(folded, vocabulary)) return undefined;
    const term = termOf(piece, language);
    return vocabulary.hasTerm(term) ? term : undefined;
}

function startsWithTerm(folded: string, vocabulary: CompoundVocabulary): boolean {
    for (let length = folded.length; length >= MIN_PART; length--) {
        if (vocabulary.hasTerm(folded.slice(0, length))) return true;
    }
    return false;
}
