import { LANGUAGES, type Language } from './vocabulary.js';

/** One thing wrong in content/, located precisely enough for an editor to fix it without a developer. */
export interface ContentProblem {
    readonly file: string;
    readonly entryId?: string;
    readonly field?: string;
    readonly language?: Language;
    readonly message: string;
}

export function formatProblem(problem: ContentProblem): string {
    const where = [
        problem.file,
        problem.entryId !== undefined ? `entry "${problem.entryId}"` : undefined,
        problem.field ? `field ${problem.field}` : undefined,
        problem.language ? `language ${problem.language}` : undefined,
    ].filter(Boolean);
    return `${where.join(': ')}: ${problem.message}`;
}

/** The language a field path ends in, when it is a localized text ("names.sv" → sv). */
export function languageOfPath(path: readonly PropertyKey[]): Language | undefined {
    const language = path.findLast((key) => typeof key === 'string' && (LANGUAGES as readonly string[]).includes(key));
    return language as Language | undefined;
}

/** Thrown when content cannot be used; carries every problem, not just the first. */
export class ContentError extends Error {
    constructor(readonly problems: readonly ContentProblem[]) {
        super(`Content has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
        this.name = 'ContentError';
    }
}
