import { fold, words } from '../search/normalise.js';

/** Three or more of one letter ("kuollaaaa", "elääää", "pleeease") are typed for emphasis. */
const STRETCHED = /(\p{L})\1{2,}/gu;

/**
 * How far stretched letters are shrunk. Finnish vowel length carries meaning and cannot be told from the stretch:
 * "elääää" means "elää" (two letters), "kuollaaaa" means "kuolla" (one), so a stretched message is read both ways.
 */
export function stretchReadings(text: string): readonly (1 | 2)[] {
    return text.search(STRETCHED) === -1 ? [2] : [2, 1];
}

/**
 * The form danger patterns are matched against: lower-case words without marks (residents often type without ä, ö
 * and å), joined by single spaces, so a pattern only has to know word boundaries and never punctuation or case.
 * `correct` may replace a mistyped word; it sees words that are already folded.
 */
export function dangerText(
    text: string,
    correct: (word: string) => string = (word) => word,
    stretch: 1 | 2 = 2,
): string {
    const shrunk = stretch === 2 ? '$1$1' : '$1';
    const list = words(text);
    // Few messages stretch a letter; one search of the whole message spares a Unicode regex on every word.
    const stretched = list.join(' ').search(STRETCHED) !== -1;
    return list.map((word) => correct(fold(stretched ? word.replace(STRETCHED, shrunk) : word))).join(' ');
}

/** Shortest stem a typo is corrected to: shorter stems sit one keystroke from too many everyday words. */
export const MIN_FUZZY_STEM = 7;

/**
 * Corrects words one typo away from the start of a danger stem ("itsmurhaa", "sjalvmrod", "sucidal") to that stem,
 * keeping the rest of the word, so inflected forms still match the stem's patterns. Only long, distinctive stems are
 * listed in the pattern files, and the first letter must be right: that keeps everyday words out of reach.
 */
export function typoCorrector(stems: readonly string[]): (word: string) => string {
    const byFirstLetter = new Map<string, string[]>();
    for (const stem of stems) {
        const first = stem.charAt(0);
        byFirstLetter.set(first, [...(byFirstLetter.get(first) ?? []), stem]);
    }
    /** Residents repeat words across turns; the same word always corrects the same way. */
    const cache = new Map<string, string>();
    return (word) => {
        const candidates = byFirstLetter.get(word.charAt(0));
        if (!candidates || word.length < MIN_FUZZY_STEM - 1) return word;
        let corrected = cache.get(word);
        if (corrected === undefined) {
            corrected = correctWord(word, candidates);
            if (cache.size >= 50_000) cache.clear();
            cache.set(word, corrected);
        }
        return corrected;
    };
}

function correctWord(word: string, stems: readonly string[]): string {
    for (const stem of stems) {
        if (word.startsWith(stem)) return word;
    }
    for (const stem of stems) {
        // The typo may have dropped, added or swapped a letter, so the stem's span in the word is one letter
        // shorter, as long or one longer than the stem.
        for (const length of [stem.length, stem.length - 1, stem.length + 1]) {
            if (length > word.length) continue;
            if (withinOneEdit(word.slice(0, length), stem)) return stem + word.slice(length);
        }
    }
    return word;
}

/** Whether two strings differ by at most one substitution, insertion, deletion or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    if (a.length === b.length) {
        const rest = start + 1;
        if (a.slice(rest) === b.slice(rest)) return true;
        return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
    }
    const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
    return longer.slice(start + 1) === shorter.slice(start);
}
