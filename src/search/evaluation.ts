import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LANGUAGES, SERVICE_KINDS, type Language } from '../content/vocabulary.js';

export const EvalCase = z.object({
    lang: z.enum(LANGUAGES),
    text: z.string().min(1),
    /** Kinds that would be an acceptable top answer; empty for out-of-scope queries. */
    kinds: z.array(z.enum(SERVICE_KINDS)),
    outOfScope: z.boolean().optional(),
});
export type EvalCase = z.infer<typeof EvalCase>;

/** What an engine answered: the kinds of its results, best first, and whether it claims a match at all. */
export interface EngineAnswer {
    readonly matched: boolean;
    readonly kinds: readonly string[];
}

export interface LanguageFigures {
    queries: number;
    top1: number;
    top3: number;
}

export interface EngineFigures {
    engine: string;
    perLanguage: Record<Language, LanguageFigures>;
    outOfScope: { queries: number; rejectionRate: number };
    misses: { lang: Language; text: string; expected: string[]; got: string[] }[];
}

export async function readEvalSet(file: string): Promise<EvalCase[]> {
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    return lines.map((line, index) => {
        const parsed = EvalCase.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
        return parsed.data;
    });
}

/** Top-1/top-3 accuracy per language over in-scope cases and the share of out-of-scope cases the engine rejects. */
export function evaluate(
    engine: string,
    cases: readonly EvalCase[],
    answer: (c: EvalCase) => EngineAnswer,
): EngineFigures {
    const perLanguage = Object.fromEntries(
        LANGUAGES.map((language) => [language, { queries: 0, top1: 0, top3: 0 }]),
    ) as Record<Language, LanguageFigures>;
    const misses: EngineFigures['misses'] = [];
    let outOfScope = 0;
    let rejected = 0;
    for (const evalCase of cases) {
        const result = answer(evalCase);
        if (evalCase.outOfScope || evalCase.kinds.length === 0) {
            outOfScope++;
            if (!result.matched) rejected++;
            else misses.push({ lang: evalCase.lang, text: evalCase.text, expected: [], got: result.kinds.slice(0, 3) });
            continue;
        }
        const figures = perLanguage[evalCase.lang];
        const acceptable = new Set<string>(evalCase.kinds);
        const kinds = result.matched ? result.kinds : [];
        figures.queries++;
        if (kinds.slice(0, 1).some((kind) => acceptable.has(kind))) figures.top1++;
        if (kinds.slice(0, 3).some((kind) => acceptable.has(kind))) figures.top3++;
        else
            misses.push({ lang: evalCase.lang, text: evalCase.text, expected: evalCase.kinds, got: kinds.slice(0, 3) });
    }
    for (const figures of Object.values(perLanguage)) {
        figures.top1 = ratio(figures.top1, figures.queries);
        figures.top3 = ratio(figures.top3, figures.queries);
    }
    return {
        engine,
        perLanguage,
        outOfScope: { queries: outOfScope, rejectionRate: ratio(rejected, outOfScope) },
        misses,
    };
}

function ratio(count: number, total: number): number {
    return total === 0 ? 0 : Math.round((count / total) * 1000) / 1000;
}
