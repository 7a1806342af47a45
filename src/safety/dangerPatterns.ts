import { z } from 'zod';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { fold } from '../search/normalise.js';
import { MIN_FUZZY_STEM } from './dangerText.js';
import type { DangerCategory } from './detectDanger.js';

/*
 * Pattern syntax (patterns.<lang>.json). A pattern is matched against the message as dangerText() gives it: lower-case
 * words without marks, joined by single spaces. Write words in their natural spelling; ä, ö and å are folded when the
 * pattern is compiled, so "en jaksa enää elää" also finds "en jaksa enaa elaa". A pattern always matches whole words.
 *   %       the rest of a word, possibly nothing:      "itsemurh%" finds itsemurha, itsemurhaa, itsemurhan …
 *   ~N      up to N other words (N = 1–9):              "haluan ~2 kuolla" finds "haluan vaan kuolla"
 *   {NAME}  a group defined under "define" in the same file, e.g. {ME} for the Finnish forms of "me"
 *   (?!…)   not followed by these words: "(?! (to|in))" rejects "to" but not "tonight" (the end of a word is added)
 *   $       the end of the message
 * Everything else is JavaScript regular-expression syntax: (a|b), ?, [0-9]+.
 */

const CATEGORIES = ['self-harm', 'violence', 'medical-emergency'] as const satisfies readonly DangerCategory[];

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens');
/** Upper case is reserved for {NAME}; everything else must be lower case because messages are lower-cased. */
const PatternSource = z
    .string()
    .min(2)
    .refine(
        (source) => !/[A-ZÄÖÅ]/.test(source.replace(/\{[A-Z_]+\}|\\./g, '')),
        'patterns are written in lower case (escapes such as \\S aside)',
    );

export const PatternFile = z
    .strictObject({
        /** Which language's wording the file holds; every file is used for every message. */
        language: z.enum(LANGUAGES),
        /** Named groups of alternatives used as {NAME}, so a list of pronouns is written once. */
        define: z.record(z.string().regex(/^[A-Z_]+$/, 'group names are upper case'), PatternSource).default({}),
        /** Distinctive stems a word one typo away is corrected to ("itsmurhaa" → "itsemurhaa"). */
        fuzzy: z
            .array(
                z
                    .string()
                    .regex(/^[a-zäöå]+$/, 'fuzzy stems are plain lower-case letters')
                    .min(MIN_FUZZY_STEM, `fuzzy stems have at least ${MIN_FUZZY_STEM} letters`),
            )
            .default([]),
        /** Idioms and service words that contain danger words but are not danger; they are blanked out first. */
        exclusions: z.array(
            z.strictObject({ id: Id, why: z.string().min(3), patterns: z.array(PatternSource).min(1) }),
        ),
        /** Wordings of danger, each rule naming the category it signals. */
        rules: z.array(
            z.strictObject({
                id: Id,
                category: z.enum(CATEGORIES),
                note: z.string().optional(),
                patterns: z.array(PatternSource).min(1),
            }),
        ),
    })
    .superRefine((file, context) => {
        const seen = new Set<string>();
        for (const [kind, entries] of [
            ['exclusions', file.exclusions],
            ['rules', file.rules],
        ] as const) {
            entries.forEach((entry, index) => {
                if (seen.has(entry.id)) {
                    context.addIssue({
                        code: 'custom',
                        path: [kind, index, 'id'],
                        message: `duplicate id "${entry.id}"`,
                    });
                }
                seen.add(entry.id);
                entry.patterns.forEach((source, patternIndex) => {
                    const problem = compileProblem(source, file.define);
                    if (problem) {
                        context.addIssue({
                            code: 'custom',
                            path: [kind, index, 'patterns', patternIndex],
                            message: problem,
                        });
                    }
                });
            });
        }
        for (const [name, body] of Object.entries(file.define)) {
            if (/\{[A-Z_]+\}/.test(body)) {
                context.addIssue({
                    code: 'custom',
                    path: ['define', name],
                    message: 'a group cannot use another group',
                });
            }
        }
    });
export type PatternFile = z.infer<typeof PatternFile>;

/** A malformed pattern file: the service must not start with a safety check that silently lacks rules. */
export class PatternError extends Error {
    constructor(
        readonly file: string,
        readonly problems: readonly string[],
    ) {
        super(`${file}: ${problems.length} problem(s) in danger patterns:\n${problems.join('\n')}`);
        this.name = 'PatternError';
    }
}

export interface CompiledRule {
    /** `<language>/<id>`, so a match can be traced to its file. */
    readonly id: string;
    readonly category: DangerCategory;
    readonly regex: RegExp;
}

export interface CompiledPatterns {
    readonly language: Language;
    /** Folded fuzzy stems. */
    readonly fuzzy: readonly string[];
    /** One regex per exclusion, global so every occurrence is blanked. */
    readonly exclusions: readonly RegExp[];
    readonly rules: readonly CompiledRule[];
}

/** Validates one pattern file and compiles its patterns; throws PatternError naming every problem. */
export function compilePatternFile(raw: unknown, file: string): CompiledPatterns {
    const parsed = PatternFile.safeParse(raw);
    if (!parsed.success) {
        throw new PatternError(
            file,
            parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`),
        );
    }
    const { language, define, fuzzy, exclusions, rules } = parsed.data;
    const regex = (sources: readonly string[], flags: string) =>
        new RegExp(sources.map((source) => wholeWords(expand(source, define))).join('|'), flags);
    return {
        language,
        fuzzy: fuzzy.map(fold),
        exclusions: exclusions.map((exclusion) => regex(exclusion.patterns, 'g')),
        rules: rules.map((rule) => ({
            id: `${language}/${rule.id}`,
            category: rule.category,
            regex: regex(rule.patterns, ''),
        })),
    };
}

/** Turns the pattern syntax above into a regular-expression source over dangerText(). */
export function expand(source: string, define: Readonly<Record<string, string>> = {}): string {
    const expanded = fold(source)
        .replace(/\{([A-Z_]+)\}/g, (_, name: string) => {
            const body = define[name];
            if (body === undefined) throw new Error(`unknown group {${name}}`);
            return `(?:${fold(body)})`;
        })
        .replace(/ ~([1-9]) /g, ' (?:\\S+ ){0,$1}')
        .replace(/%/g, '\\S*');
    return endLookaheadsAtWordEnd(expanded);
}

/** Ends every "(?!…)" at a word end, so a listed word never rejects a longer word that merely starts with it. */
function endLookaheadsAtWordEnd(source: string): string {
    let result = source;
    for (let start = result.lastIndexOf('(?!'); start !== -1; start = result.lastIndexOf('(?!', start - 1)) {
        const end = closingParen(result, start);
        if (end === -1) return result; // the RegExp constructor reports the unbalanced group
        result = `${result.slice(0, end)}(?!\\S)${result.slice(end)}`;
        if (start === 0) break;
    }
    return result;
}

function closingParen(source: string, open: number): number {
    let depth = 0;
    for (let i = open; i < source.length; i++) {
        const char = source[i];
        if (char === '\\') i++;
        else if (char === '(') depth++;
        else if (char === ')' && --depth === 0) return i;
    }
    return -1;
}

function wholeWords(expanded: string): string {
    return `(?<!\\S)(?:${expanded})(?!\\S)`;
}

function compileProblem(source: string, define: Readonly<Record<string, string>>): string | undefined {
    try {
        const expanded = expand(source, define);
        if (expanded.includes('~')) return '~N must stand alone between spaces, with N from 1 to 9';
        if (new RegExp(wholeWords(expanded)).test('')) return 'pattern matches an empty message';
        return undefined;
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}
