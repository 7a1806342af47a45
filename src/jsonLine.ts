import { z } from 'zod';
import { LANGUAGES } from './content/vocabulary.js';

/** The language field of a CLI request line: a language, or "auto" (the default) to let the tool decide. */
export const RequestLanguage = z.enum([...LANGUAGES, 'auto']).default('auto');
export type RequestLanguage = z.infer<typeof RequestLanguage>;

/**
 * Parses one line of a JSON-lines batch with a schema. A bad line yields a message for `{"error": …}` instead of
 * stopping the batch, naming the first field that is wrong ("lang: …", "text: …").
 */
export function parseJsonLine<Schema extends z.ZodType>(
    line: string,
    schema: Schema,
): { value: z.output<Schema> } | { error: string } {
    let raw: unknown;
    try {
        raw = JSON.parse(line);
    } catch {
        return { error: 'line is not valid JSON' };
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue?.path.join('.') || 'line';
        return { error: `${field}: ${issue?.message ?? 'invalid'}` };
    }
    return { value: result.data };
}
