declare module 'damerau-levenshtein' {
    /** Edit distance with transpositions; `similarity` is 1 - steps / longer length. */
    export default function damerauLevenshtein(
        a: string,
        b: string,
        limit?: number,
    ): { steps: number; relative: number; similarity: number };
}
