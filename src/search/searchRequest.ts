import { z } from 'zod';
import { LANGUAGES } from '../content/vocabulary.js';

/** Longest query text searched; residents' longer messages are cut here (the README documents the limit). */
export const MAX_QUERY_LENGTH = 1000;

/** One line of `search --batch` input: `{"lang":"fi"|"sv"|"en"|"auto","text":"…"}`, lang optional. */
export const SearchRequest = z.object({
    lang: z.enum([...LANGUAGES, 'auto']).default('auto'),
    text: z.string().trim().min(1, 'text must not be empty'),
});

/** Parses a batch line; a bad line yields a message for `{"error": …}` instead of stopping the batch. */
export function parseSearchRequest(
    line: string,
): { lang: z.infer<typeof SearchRequest>['lang']; text: string } | { error: string } {
    let raw: unknown;
    try {
        raw = JSON.parse(line);
    } catch {
        return { error: 'line is not valid JSON' };
    }
    const result = SearchRequest.safeParse(raw);
    if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue?.path.join('.') || 'line';
        return { error: `${field}: ${issue?.message ?? 'invalid'}` };
    }
    return { lang: result.data.lang, text: result.data.text.slice(0, MAX_QUERY_LENGTH) };
}
