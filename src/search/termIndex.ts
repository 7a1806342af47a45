import damerauLevenshtein from 'damerau-levenshtein';
import Fuse from 'fuse.js';
import type { Language } from '../content/vocabulary.js';
import { splitCompound, type CompoundVocabulary } from './compounds.js';
import { contentWords, fold, words, type QueryWord } from './normalise.js';

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
/** Below this edit similarity a candidate is another word, not a typo ("deposit" for "dentsit"). */
const MIN_EDIT_SIMILARITY = 0.6;
/** How much the less telling pieces of a split compound add to its most telling one. */
const OTHER_PIECES_SHARE = 0.25;
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
    private readonly postings = new Map<string, Map<number, number>>();
    /** Per document, the term sets of its phrase fields. */
    private readonly phrases: (readonly (readonly string[])[])[] = [];
    private readonly surfaceWords = new Set<string>();
    private readonly idf = new Map<string, number>();
    private readonly sortedTerms: string[];
    private readonly fuzzyByInitial = new Map<string, Fuse<string>>();
    private readonly maxWeight: number;
    private readonly unknownWordWeight: number;

    constructor(
        readonly language: Language,
        documents: readonly (readonly IndexedField[])[],
    ) {
        let maxWeight = 0;
        documents.forEach((fields, index) => {
            const phrases: string[][] = [];
            for (const field of fields) {
                maxWeight = Math.max(maxWeight, field.weight);
                for (const word of words(field.text)) this.surfaceWords.add(fold(word));
                const terms = contentWords(field.text, language).map(({ term }) => term);
                for (const term of terms) this.post(term, index, field.weight);
                if (field.phrase && terms.length > 0) phrases.push([...new Set(terms)]);
            }
            this.phrases.push(phrases);
        });
        this.maxWeight = maxWeight || 1;
        const idfs: number[] = [];
        for (const [term, docs] of this.postings) {
            const idf = Math.log(1 + documents.length / docs.size);
            this.idf.set(term, idf);
            idfs.push(idf);
        }
        idfs.sort((a, b) => a - b);
        // A word the catalogue has never seen counts against a match like a typical known word would.
        this.unknownWordWeight = idfs[Math.floor((idfs.length - 1) / 2)] ?? 1;
        this.sortedTerms = [...this.postings.keys()].sort();
        const byInitial = new Map<string, string[]>();
        for (const term of this.sortedTerms) {
            const bucket = byInitial.get(term[0] ?? '') ?? [];
            bucket.push(term);
            byInitial.set(term[0] ?? '', bucket);
        }
        for (const [initial, terms] of byInitial) {
            this.fuzzyByInitial.set(
                initial,
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
        return this.postings.size;
    }

    hasTerm(term: string): boolean {
        return this.postings.has(term);
    }

    hasWord(foldedWord: string): boolean {
        return this.surfaceWords.has(foldedWord);
    }

    /** Documents ranked by how well they explain the query; documents that explain nothing are left out. */
    search(text: string): { documents: ScoredDocument[]; matchedWords: number; queryWords: number } {
        const queryWords = contentWords(text, this.language);
        const totals = new Map<number, number>();
        const understoodTerms = new Map<string, number>();
        let queryWeight = 0;
        let matchedWords = 0;
        let unknownWords = 0;
        for (const queryWord of queryWords) {
            const understood = this.understand(queryWord);
            if (understood.length === 0) {
                unknownWords++;
                continue;
            }
            matchedWords++;
            const pieces = understood.map((alternatives) => this.scorePiece(alternatives, understoodTerms));
            // A split compound is one word: its most telling piece carries it, the other pieces add a little
            // ("hammaslääkäri|ajan" is about dentists even where no text says "aika").
            const wordWeight = Math.max(...pieces.map((piece) => piece.weight));
            const wordScores = new Map<number, number>();
            const docs = new Set(pieces.flatMap((piece) => [...piece.scores.keys()]));
            for (const doc of docs) {
                const values = pieces.map((piece) => piece.scores.get(doc) ?? 0).sort((a, b) => b - a);
                const [best = 0, ...rest] = values;
                const combined = best + OTHER_PIECES_SHARE * rest.reduce((sum, value) => sum + value, 0);
                wordScores.set(doc, Math.min(wordWeight * this.maxWeight, combined));
            }
            queryWeight += wordWeight;
            for (const [doc, value] of wordScores) totals.set(doc, (totals.get(doc) ?? 0) + value);
        }
        queryWeight += Math.min(unknownWords, MAX_COUNTED_UNKNOWN_WORDS) * this.unknownWordWeight;
        const norm = queryWeight * this.maxWeight;
        const documents = [...totals]
            .map(([index, total]) => {
                const explained = norm > 0 ? Math.min(1, total / norm) : 0;
                const completeness = this.phraseCompleteness(index, understoodTerms);
                const phraseFactor = 1 - PHRASE_SHARE + PHRASE_SHARE * completeness;
                // Short queries are judged by the share they explain; long stories also by how much they explain
                // in absolute terms, since two or three solid matches in a long story are as telling as one in a short.
                const evidence = (total / this.maxWeight) * phraseFactor;
                return { index, score: Math.max(explained * phraseFactor, 1 - Math.exp(-evidence / EVIDENCE_SCALE)) };
            })
            .sort((a, b) => b.score - a.score || a.index - b.index);
        return { documents, matchedWords, queryWords: queryWords.length };
    }

    /**
     * How completely the query covers one of the document's phrases (1 = every word of some name or synonym).
     * "uusiminen" alone half-covers "reseptin uusiminen"; "hammaslääkäri" covers "hammaslääkäri" whole.
     */
    private phraseCompleteness(index: number, understood: ReadonlyMap<string, number>): number {
        let best = 0;
        for (const phrase of this.phrases[index] ?? []) {
            let covered = 0;
            for (const term of phrase) covered += understood.get(term) ?? 0;
            best = Math.max(best, covered / phrase.length);
        }
        return best;
    }

    /** The best value each document gets from one word (or compound piece) and its alternatives. */
    private scorePiece(alternatives: readonly TermMatch[], understood: Map<string, number>) {
        const scores = new Map<number, number>();
        for (const match of alternatives) {
            understood.set(match.term, Math.max(match.similarity, understood.get(match.term) ?? 0));
            const idf = this.idfOf(match.term);
            for (const [doc, fieldWeight] of this.postings.get(match.term) ?? []) {
                const value = match.similarity * idf * fieldWeight;
                if (value > (scores.get(doc) ?? 0)) scores.set(doc, value);
            }
        }
        return { weight: Math.max(...alternatives.map((match) => this.idfOf(match.term))), scores };
    }

    /** Ways a query word reaches the index; pieces of a split compound are returned as separate groups. */
    private understand(queryWord: QueryWord): TermMatch[][] {
        if (this.postings.has(queryWord.term)) return [[{ term: queryWord.term, similarity: SIMILARITY.exact }]];
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
            if (this.postings.has(candidate)) {
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
        const fuse = this.fuzzyByInitial.get(term[0] ?? '');
        if (!fuse) return [];
        return fuse
            .search(term.slice(0, 32), { limit: FUZZY_CANDIDATES })
            .map(({ item }) => ({ term: item, similarity: SIMILARITY.fuzzy * damerauLevenshtein(term, item).similarity }))
            .filter((match) => match.similarity >= SIMILARITY.fuzzy * MIN_EDIT_SIMILARITY)
            .sort((a, b) => b.similarity - a.similarity)
            .slice(0, 3);
    }

    private idfOf(term: string): number {
        return this.idf.get(term) ?? this.unknownWordWeight;
    }

    private post(term: string, index: number, weight: number): void {
        let docs = this.postings.get(term);
        if (!docs) {
            docs = new Map();
            this.postings.set(term, docs);
        }
        if (weight > (docs.get(index) ?? 0)) docs.set(index, weight);
    }
}
