import { z } from 'zod';
import { parseJsonLine, RequestLanguage } from '../jsonLine.js';
import { detectDanger, type DangerCategory } from './detectDanger.js';

/**
 * One line of `safety --batch` input: `{"lang":"fi"|"sv"|"en"|"auto","text":"…"}`, lang optional. Other fields are
 * ignored, so a labelled file can be fed as it is. The text is not trimmed or cut: it is echoed back as given, and
 * danger may be in the last words of a long message.
 */
export const SafetyRequest = z.object({
    lang: RequestLanguage,
    text: z.string().refine((text) => text.trim() !== '', 'text must not be empty'),
});
export type SafetyRequest = z.infer<typeof SafetyRequest>;

/** One line of `safety --json` output; the key order is part of the contract. */
export interface SafetyJson {
    readonly text: string;
    readonly lang: RequestLanguage;
    readonly category: DangerCategory | null;
}

export function parseSafetyRequest(line: string): SafetyRequest | { error: string } {
    const parsed = parseJsonLine(line, SafetyRequest);
    return 'error' in parsed ? parsed : parsed.value;
}

export function toSafetyJson(request: SafetyRequest): SafetyJson {
    return { text: request.text, lang: request.lang, category: detectDanger(request.text, request.lang) };
}
