import type { Language } from '../content/vocabulary.js';
import { compilePatternFile, matchesRule, type CompiledPatterns, type CompiledRule } from './dangerPatterns.js';
import { dangerText, stretchReadings, typoCorrector } from './dangerText.js';
import en from './patterns.en.json' with { type: 'json' };
import fi from './patterns.fi.json' with { type: 'json' };
import sv from './patterns.sv.json' with { type: 'json' };

export type DangerCategory = 'self-harm' | 'violence' | 'medical-emergency';

/**
 * When a message fits several categories, the first wins. Violence first: a threat to life by someone else needs the
 * police as well as help ("he hit me and I'm bleeding"). Self-harm before medical: an overdose taken to die needs
 * crisis help after 112, while an accidental one matches only the medical patterns.
 */
export const DANGER_PRIORITY: readonly DangerCategory[] = ['violence', 'self-harm', 'medical-emergency'];

export interface DangerMatch {
    readonly category: DangerCategory;
    /** The rule that fired, `<language>/<rule id>`, for logs and for tuning the patterns. */
    readonly rule: string;
}

/** Compiled once at module load; a malformed pattern file throws here, at start-up, not on a resident's turn. */
const FILES: readonly CompiledPatterns[] = [
    compilePatternFile(fi, 'src/safety/patterns.fi.json'),
    compilePatternFile(sv, 'src/safety/patterns.sv.json'),
    compilePatternFile(en, 'src/safety/patterns.en.json'),
];

const correct = typoCorrector(FILES.flatMap((file) => file.fuzzy));
const EXCLUSIONS: readonly RegExp[] = FILES.flatMap((file) => file.exclusions);
/** Rules of every language, grouped by category in priority order. */
const RULES: readonly (readonly CompiledRule[])[] = DANGER_PRIORITY.map((category) =>
    FILES.flatMap((file) => file.rules.filter((rule) => rule.category === category)),
);
/** Words of an excluded idiom are replaced by this, so no danger pattern can use them. */
const BLANK = '_';

/**
 * The danger a resident's message signals, with the rule that found it, or null.
 * `language` is accepted from callers that know it, but the wording of every language is always checked: residents mix
 * languages, a message tagged Finnish may still say "I want to die", and a missed danger costs far more than the
 * microseconds saved.
 */
export function findDanger(text: string, language?: Language | 'auto'): DangerMatch | null {
    for (const stretch of stretchReadings(text)) {
        let normalised = dangerText(text, correct, stretch);
        for (const exclusion of EXCLUSIONS) normalised = normalised.replace(exclusion, BLANK);
        for (const rules of RULES) {
            for (const rule of rules) {
                if (matchesRule(rule, normalised)) return { category: rule.category, rule: rule.id };
            }
        }
    }
    return null;
}

/** The danger a resident's message signals, or null: checked first on every turn, before anything else is said. */
export function detectDanger(text: string, language?: Language | 'auto'): DangerCategory | null {
    return findDanger(text, language)?.category ?? null;
}
