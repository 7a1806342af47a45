import damerauLevenshtein from 'damerau-levenshtein';
import Fuse from 'fuse.js';
import type { Language } from '../content/vocabulary.js';
import { splitCompound, type CompoundVocabulary } from './compounds.js';
import { contentWords, fold, isContentWord, termOf, words, type QueryWord } from './normalise.js';

/** A searchable text of a document and how much a hit in it counts (a name counts more than a description). */
export interface IndexedField {
    readonly text: string;
    readonly weight: number;
    /** A short field (name, synonym, keyword) whose words belong together: matching all of it is strong evidence. */
    readonly phrase?: boolean;
}

/** One way a query word was understood: an index term, and how sure we are that the resident meant it. */
interface TermMatch {
    readonly term: string;
    readonly similarity: number;
}

/** Similarity given to the different ways a word can reach an index term; exact beats split beats prefix beats typo. */
const SIMILARITY = { exact: 1, compoundPart: 0.9, prefix: 0.85, fuzzy: 0.8 } as const;
/** Fuse.js bitap threshold for typo tolerance over index terms: 0 exact … 1 anything. */
const FUZZY_THRESHOLD = 0.34;
const MIN_PREFIX = 4;
const FUZZY_CANDIDATES = 8;
/** A typo rarely changes a word's length by more than this (Damerau-Levenshtein would reject it anyway). */
const MAX_LENGTH_DIFFERENCE = 2;
/** Below this edit similarity a candidate is another word, not a typo ("deposit" for "dentsit"). */
const MIN_EDIT_SIMILARITY = 0.6;
/** How much the less telling pieces of a split compound add to its most telling one. */
const OTHER_PIECES_SHARE = 0.25;
/** Pieces of one compound that are scored; more are rare and add little. */
const MAX_COMPOUND_PIECES = 4;
/** Share of a score that depends on covering a whole phrase of the document rather than scattered words. */
const PHRASE_SHARE = 0.5;
/**
 * Unknown words beyond this many stop lowering the score: a long story ("naapurin lapset on illalla yksin…")
 * is full of words no catalogue has, and that says nothing against the words it does match.
 */
const MAX_COUNTED_UNKNOWN_WORDS = 2;
/** Evidence (in units of one exact, rare name match) at which a document counts as matched on evidence alone. */
const EVIDENCE_SCALE = 7;
const MAX_PREFIX_EXPANSIONS = 12;

/** A term's documents and, for each, the weight of the strongest field it appears in. */
interface Posting {
    readonly docs: Int32Array;
    readonly weights: Float32Array;
}

export interface ScoredDocument {
    readonly index: number;
    /** 0..1: how well this document explains the query (see `search`). */
    readonly score: number;
}

/**
 * An inverted index over the documents of one language, with fuse.js for typos. Ranking is weighted term overlap
 * normalised by the query's own weight, so a score reads as "how much of what the resident wrote this explains".
 */
export class TermIndex implements CompoundVocabulary {
    private readonly termIds = new Map<string, number>();
    private readonly postings: Posting[] = [];
    private readonly idf: Float64Array;
    /**
     * Phrase fields of all documents, flat: document d's phrases are numbers phraseStart[d]..phraseStart[d+1]-1,
     * phrase p's term ids are phraseTerms[phraseEnd[p-1]..phraseEnd[p]-1]. Millions of small arrays would cost
     * more memory than the terms themselves.
     */
    private readonly phraseStart: Int32Array;
    private readonly phraseEnd: Int32Array;
    private readonly phraseTerms: Int32Array;
    private readonly surfaceWords = new Set<string>();
    private readonly sortedTerms: string[];
    /** Fuse.js instances over the index terms, one per initial letter and length: a typo keeps both roughly. */
    private readonly fuzzyBuckets = new Map<string, Fuse<string>>();
    private readonly maxWeight: number;
    private readonly unknownWordWeight: number;
    /**
     * Per-document buffers reused by every search (searches run one at a time on Node's single thread), so a
     * query allocates nothing in proportion to the catalogue. Zeroed again before each search returns.
     */
    private readonly scratch: { totals: Float64Array; pieces: Float64Array[] };

    constructor(
        readonly language: Language,
        documents: readonly (readonly IndexedField[])[],
    ) {
        const building = new Map<number, Map<number, number>>();
        let maxWeight = 0;
        const phraseStart: number[] = [];
        const phraseEnd: number[] = [];
        const phraseTerms: number[] = [];
        documents.forEach((fields, index) => {
            phraseStart.push(phraseEnd.length);
            for (const field of fields) {
                maxWeight = Math.max(maxWeight, field.weight);
                const ids: number[] = [];
                for (const word of words(field.text)) {
                    this.surfaceWords.add(fold(word));
                    if (isContentWord(word, language)) ids.push(this.internTerm(termOf(word, language)));
                }
                for (const id of ids) {
                    let docs = building.get(id);
                    if (!docs) building.set(id, (docs = new Map()));
                    if (field.weight > (docs.get(index) ?? 0)) docs.set(index, field.weight);
                }
                if (field.phrase && ids.length > 0) {
                    phraseTerms.push(...new Set(ids));
                    phraseEnd.push(phraseTerms.length);
                }
            }
        });
        phraseStart.push(phraseEnd.length);
        this.phraseStart = Int32Array.from(phraseStart);
        this.phraseEnd = Int32Array.from(phraseEnd);
        this.phraseTerms = Int32Array.from(phraseTerms);
        this.maxWeight = maxWeight || 1;
        this.scratch = {
            totals: new Float64Array(documents.length),
            pieces: Array.from({ length: MAX_COMPOUND_PIECES }, () => new Float64Array(documents.length)),
        };
        this.idf = new Float64Array(this.termIds.size);
        for (const [id, docs] of building) {
            this.postings[id] = { docs: Int32Array.from(docs.keys()), weights: Float32Array.from(docs.values()) };
            this.idf[id] = Math.log(1 + documents.length / docs.size);
        }
        const idfs = [...this.idf].sort((a, b) => a - b);
        // A word the catalogue has never seen counts against a match like a typical known word would.
        this.unknownWordWeight = idfs[Math.floor((idfs.length - 1) / 2)] ?? 1;
        this.sortedTerms = [...this.termIds.keys()].sort();
        const buckets = new Map<string, string[]>();
        for (const term of this.sortedTerms) {
            const key = bucketKey(term[0] ?? '', term.length);
            const bucket = buckets.get(key) ?? [];
            bucket.push(term);
            buckets.set(key, bucket);
        }
        for (const [key, terms] of buckets) {
            this.fuzzyBuckets.set(
                key,
                new Fuse(terms, {
                    includeScore: true,
                    threshold: FUZZY_THRESHOLD,
                    ignoreLocation: true,
                    minMatchCharLength: 3,
                }),
            );
        }
    }

    get vocabularySize(): number {
        return this.termIds.size;
    }

    hasTerm(term: string): boolean {
        return this.termIds.has(term);
    }

    hasWord(foldedWord: string): boolean {
        return this.surfaceWords.has(foldedWord);
    }

    /**
     * The `limit` documents that explain the query best, best first; documents that explain nothing are left out.
     * A score is the larger of the share of the query's weight a document explains and a saturating measure of how
     * much it explains in absolute terms (a long story with two or three solid matches is as telling as a short
     * query with one), both scaled by how completely the query covers one of the document's phrases.
     */
    search(text: string, limit: number): ScoredDocument[] {
        const totals = this.scratch.totals;
        const touched: number[] = [];
        const understood = new Map<number, number>();
        let queryWeight = 0;
        let unknownWords = 0;
        for (const queryWord of contentWords(text, this.language)) {
            const alternativesPerPiece = this.understand(queryWord);
            if (alternativesPerPiece.length === 0) {
                unknownWords++;
                continue;
            }
            queryWeight += this.addWord(alternativesPerPiece, understood, touched);
        }
        queryWeight += Math.min(unknownWords, MAX_COUNTED_UNKNOWN_WORDS) * this.unknownWordWeight;
        const norm = queryWeight * this.maxWeight;
        const scoreWith = (total: number, phraseFactor: number) => {
            const explained = norm > 0 ? Math.min(1, total / norm) : 0;
            const evidence = (total / this.maxWeight) * phraseFactor;
            return Math.max(explained * phraseFactor, 1 - Math.exp(-evidence / EVIDENCE_SCALE));
        };
        // Phrase completeness is the costly part: work through documents by their best possible score and stop
        // once no remaining document can reach the current top `limit`.
        const candidates = touched.map((index) => ({ index, total: totals[index] as number, bound: 0 }));
        for (const index of touched) totals[index] = 0;
        for (const candidate of candidates) candidate.bound = scoreWith(candidate.total, 1);
        candidates.sort((a, b) => b.bound - a.bound || a.index - b.index);
        const top: ScoredDocument[] = [];
        for (const candidate of candidates) {
            if (top.length >= limit && candidate.bound < (top[limit - 1]?.score ?? 0)) break;
            const phraseFactor = 1 - PHRASE_SHARE + PHRASE_SHARE * this.phraseCompleteness(candidate.index, understood);
            insertRanked(top, { index: candidate.index, score: scoreWith(candidate.total, phraseFactor) }, limit);
        }
        return top;
    }

    /**
     * Adds one query word's value to every document's total and returns the word's weight. A split compound is
     * one word: its most telling piece carries it, the other pieces add a little ("hammaslääkäri|ajan" is about
     * dentists even where no text says "aika").
     */
    private addWord(
        alternativesPerPiece: readonly TermMatch[][],
        understood: Map<number, number>,
        touched: number[],
    ): number {
        const { totals, pieces } = this.scratch;
        const pieceCount = Math.min(alternativesPerPiece.length, pieces.length);
        const reached: number[] = [];
        let wordWeight = 0;
        for (let p = 0; p < pieceCount; p++) {
            wordWeight = Math.max(
                wordWeight,
                this.scorePiece(alternativesPerPiece[p] ?? [], pieces[p] as Float64Array, understood, reached),
            );
        }
        const cap = wordWeight * this.maxWeight;
        const values: number[] = [];
        for (const doc of reached) {
            values.length = 0;
            for (let p = 0; p < pieceCount; p++) {
                const buffer = pieces[p] as Float64Array;
                values.push(buffer[doc] as number);
                buffer[doc] = 0;
            }
            if (values.every((value) => value === 0)) continue; // already counted: reached twice
            values.sort((a, b) => b - a);
            let combined = values[0] as number;
            for (let i = 1; i < values.length; i++) combined += OTHER_PIECES_SHARE * (values[i] as number);
            if (totals[doc] === 0) touched.push(doc);
            totals[doc] = (totals[doc] as number) + Math.min(cap, combined);
        }
        return wordWeight;
    }

    /**
     * How completely the query covers one of the document's phrases (1 = every word of some name or synonym).
     * "uusiminen" alone half-covers "reseptin uusiminen"; "hammaslääkäri" covers "hammaslääkäri" whole.
     */
    private phraseCompleteness(index: number, understood: ReadonlyMap<number, number>): number {
        let best = 0;
        for (
            let phrase = this.phraseStart[index] as number;
            phrase < (this.phraseStart[index + 1] as number);
            phrase++
        ) {
            const from = phrase === 0 ? 0 : (this.phraseEnd[phrase - 1] as number);
            const to = this.phraseEnd[phrase] as number;
            let covered = 0;
            for (let i = from; i < to; i++) covered += understood.get(this.phraseTerms[i] as number) ?? 0;
            best = Math.max(best, covered / (to - from));
        }
        return best;
    }

    /** Writes into `scores` the best value each document gets from one word or compound piece; returns its weight. */
    private scorePiece(
        alternatives: readonly TermMatch[],
        scores: Float64Array,
        understood: Map<number, number>,
        reached: number[],
    ): number {
        let weight = 0;
        for (const match of alternatives) {
            const id = this.termIds.get(match.term);
            if (id === undefined) continue;
            understood.set(id, Math.max(match.similarity, understood.get(id) ?? 0));
            const idf = this.idf[id] ?? 0;
            weight = Math.max(weight, idf);
            const posting = this.postings[id];
            if (!posting) continue;
            for (let i = 0; i < posting.docs.length; i++) {
                const doc = posting.docs[i] as number;
                const value = match.similarity * idf * (posting.weights[i] as number);
                const previous = scores[doc] as number;
                if (previous === 0) reached.push(doc);
                if (value > previous) scores[doc] = value;
            }
        }
        return weight;
    }

    /** Ways a query word reaches the index; pieces of a split compound are returned as separate groups. */
    private understand(queryWord: QueryWord): TermMatch[][] {
        if (this.termIds.has(queryWord.term)) return [[{ term: queryWord.term, similarity: SIMILARITY.exact }]];
        const pieces = splitCompound(queryWord.word, this.language, this);
        if (pieces.length > 0) return pieces.map((term) => [{ term, similarity: SIMILARITY.compoundPart }]);
        const nearby = [...this.prefixMatches(queryWord.term), ...this.fuzzyMatches(queryWord.term)];
        return nearby.length > 0 ? [nearby] : [];
    }

    private prefixMatches(term: string): TermMatch[] {
        if (term.length < MIN_PREFIX) return [];
        const matches: TermMatch[] = [];
        // Index terms that continue the typed word ("terveys" → "terveysasem").
        let low = 0;
        let high = this.sortedTerms.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if ((this.sortedTerms[middle] ?? '') < term) low = middle + 1;
            else high = middle;
        }
        for (let i = low; i < this.sortedTerms.length && matches.length < MAX_PREFIX_EXPANSIONS; i++) {
            const candidate = this.sortedTerms[i] ?? '';
            if (!candidate.startsWith(term)) break;
            matches.push({
                term: candidate,
                similarity: SIMILARITY.prefix * Math.sqrt(term.length / candidate.length),
            });
        }
        // The longest index term the typed word starts with ("hammaslaakariaik" → "hammaslaakar").
        for (let length = term.length - 1; length >= MIN_PREFIX; length--) {
            const candidate = term.slice(0, length);
            if (this.termIds.has(candidate)) {
                matches.push({ term: candidate, similarity: SIMILARITY.prefix * Math.sqrt(length / term.length) });
                break;
            }
        }
        return matches;
    }

    /**
     * Typos: fuse.js finds candidate terms (bitap tolerates insertions and deletions anywhere), then the
     * Damerau-Levenshtein similarity ranks them, since residents' most common slip, two swapped letters
     * ("dentsit"), is a single edit there and a poor bitap match.
     */
    private fuzzyMatches(term: string): TermMatch[] {
        if (term.length < MIN_PREFIX) return [];
        const candidates: TermMatch[] = [];
        for (
            let length = term.length - MAX_LENGTH_DIFFERENCE;
            length <= term.length + MAX_LENGTH_DIFFERENCE;
            length++
        ) {
            const fuse = this.fuzzyBuckets.get(bucketKey(term[0] ?? '', length));
            for (const { item } of fuse?.search(term.slice(0, 32), { limit: FUZZY_CANDIDATES }) ?? []) {
                const similarity = SIMILARITY.fuzzy * damerauLevenshtein(term, item).similarity;
                if (similarity >= SIMILARITY.fuzzy * MIN_EDIT_SIMILARITY) candidates.push({ term: item, similarity });
            }
        }
        return candidates.sort((a, b) => b.similarity - a.similarity).slice(0, 3);
    }

    private internTerm(term: string): number {
        let id = this.termIds.get(term);
        if (id === undefined) {
            id = this.termIds.size;
            this.termIds.set(term, id);
        }
        return id;
    }
}

function bucketKey(initial: string, length: number): string {
    return `${initial}${length}`;
}

/** Keeps `top` sorted best first and at most `limit` long. */
function insertRanked(top: ScoredDocument[], entry: ScoredDocument, limit: number): void {
    let at = top.length;
    while (
        at > 0 &&
        ((top[at - 1] as ScoredDocument).score < entry.score ||
            ((top[at - 1] as ScoredDocument).score === entry.score &&
                (top[at - 1] as ScoredDocument).index > entry.index))
    )
        at--;
    if (at >= limit) return;
    top.splice(at, 0, entry);
    if (top.length > limit) top.pop();
}
