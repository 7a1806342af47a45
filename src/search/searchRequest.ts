import { z } from 'zod';
import { parseJsonLine, RequestLanguage } from '../jsonLine.js';

/** Longest query text searched; residents' longer messages are cut here (the README documents the limit). */
export const MAX_QUERY_LENGTH = 1000;

/** One line of `search --batch` input: `{"lang":"fi"|"sv"|"en"|"auto","text":"…"}`, lang optional. */
export const SearchRequest = z.object({
    lang: RequestLanguage,
    text: z.string().trim().min(1, 'text must not be empty'),
});

/** Parses a batch line; a bad line yields a message for `{"error": …}` instead of stopping the batch. */
export function parseSearchRequest(line: string): { lang: RequestLanguage; text: string } | { error: string } {
    const parsed = parseJsonLine(line, SearchRequest);
    if ('error' in parsed) return parsed;
    return { lang: parsed.value.lang, text: parsed.value.text.slice(0, MAX_QUERY_LENGTH) };
}
