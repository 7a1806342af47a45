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
 *   (?<=…)  preceded by these words, (?<!…) not preceded by them; the look-back starts at the start of a word
 *   $       the end of the message
 * Everything else is JavaScript regular-expression syntax: (a|b), ?, [0-9]+.
 *
 * Speed: every rule is tried on every message. A pattern opening with a group that may begin with % ("{MEDS}" holds
 * "%lääkke%") is tried at every word, which costs some hundred times more than one opening with plain words, because
 * the regular-expression engine can then skip to the words that could start a match. Open with the plain word and
 * check the rest in a look-back that ends with that word: "liikaa(?<=({MEDS}) ~1 liikaa)" finds "unilääkkeitä liikaa"
 * as cheaply as "liikaa" alone. A pattern that itself opens with % is searched for by the letters after the %, so it
 * is as cheap; an exclusion written so blanks a compound from those letters on ("lähisuhde_" is left of a service name).
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
    )
    .refine(
        (source) => /^[\x00-\x7f]*$/.test(fold(source)),
        'patterns use only the letters a–z, ä, ö and å (messages are folded to them)',
    )
    .refine(
        (source) => !/\p{L}-\p{L}/u.test(source),
        'write hyphenated words joined ("uima-allas" as "uimaallas"), as messages are',
    );

export const PatternFile = z
    .strictObject({
        /** Which language's wording the file holds; every file is used for every message. */
        language: z.enum(LANGUAGES),
        /** Named groups of alternatives used as {NAME}, so a list of pronouns is written once. */
        define: z.record(z.string().regex(/^[A-Z_]+$/, 'group names are upper case'), PatternSource).default({}),
        /**
         * Distinctive stems a word one typo away is corrected to ("itsmurhaa" → "itsemurhaa"). A stem must begin every
         * correct form of its word, or a correct form would be "corrected" away from the patterns.
         */
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
    /**
     * One expression per pattern, not one alternation of them all: V8 skips ahead to a possible match in a short
     * expression but may try every alternative of a long one at every letter, ten times slower on a long message.
     */
    readonly regexes: readonly RegExp[];
}

/** Whether any pattern of the rule matches a message already in dangerText() form. */
export function matchesRule(rule: CompiledRule, text: string): boolean {
    return rule.regexes.some((regex) => regex.test(text));
}

export interface CompiledPatterns {
    readonly language: Language;
    /** Folded fuzzy stems. */
    readonly fuzzy: readonly string[];
    /** One regex per exclusion pattern (short, as for rules), global so every occurrence is blanked. */
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
    const regexes = (sources: readonly string[], flags: string) =>
        sources.map((source) => new RegExp(wholeWords(expand(source, define)), flags));
    return {
        language,
        fuzzy: fuzzy.map(fold),
        exclusions: exclusions.flatMap((exclusion) => regexes(exclusion.patterns, 'g')),
        rules: rules.map((rule) => ({
            id: `${language}/${rule.id}`,
            category: rule.category,
            regexes: regexes(rule.patterns, ''),
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
    return startLookbehindsAtWordStart(endLookaheadsAtWordEnd(expanded));
}

/** Starts every "(?<=…)" and "(?<!…)" at a word start, so a listed word never matches the tail of a longer word. */
function startLookbehindsAtWordStart(source: string): string {
    let result = source;
    for (let start = result.lastIndexOf('(?<'); start !== -1; start = result.lastIndexOf('(?<', start - 1)) {
        const kind = result.slice(start, start + 4);
        if (kind === '(?<=' || kind === '(?<!') {
            const end = closingParen(result, start);
            if (end === -1) return result; // the RegExp constructor reports the unbalanced group
            result = `${result.slice(0, start)}${kind}(?<!\\S)(?:${result.slice(start + 4, end)})${result.slice(end)}`;
        }
        if (start === 0) break;
    }
    return result;
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
    return topLevelAlternatives(expanded)
        .map((alternative) =>
            // "(?<!\\S)\\S*x" and "x" are found in the same words, and only "x" lets the engine skip ahead to its letters.
            alternative.startsWith('\\S*') ? `(?:${alternative.slice(3)})(?!\\S)` : `(?<!\\S)(?:${alternative})(?!\\S)`,
        )
        .join('|');
}

function topLevelAlternatives(source: string): string[] {
    const alternatives: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < source.length; i++) {
        const char = source[i];
        if (char === '\\') i++;
        else if (char === '(') depth++;
        else if (char === ')') depth--;
        else if (char === '|' && depth === 0) {
            alternatives.push(source.slice(start, i));
            start = i + 1;
        }
    }
    return [...alternatives, source.slice(start)];
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
