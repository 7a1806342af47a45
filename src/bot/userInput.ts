import type { Activity } from 'botbuilder';
import { detectAll } from 'tinyld';
import { z } from 'zod';
import { LANGUAGES } from '../content/vocabulary.js';

/** Longest message Luotsi reads; the rest is cut (documented in the README) so one paste cannot stall a turn. */
export const MAX_MESSAGE_LENGTH = 1000;

/** What a card button may post back: Luotsi's own actions only; anything else is an unknown submission. */
const CardAction = z.discriminatedUnion('action', [
    z.object({ action: z.literal('details'), serviceId: z.string().min(1) }),
    z.object({ action: z.literal('lifeSituation'), lifeSituationId: z.string().min(1) }),
    z.object({ action: z.literal('command'), command: z.string().min(1) }),
    z.object({ action: z.literal('share'), serviceId: z.string().min(1) }),
    z.object({ action: z.literal('acceptHandover'), handoverId: z.string().min(1) }),
    z.object({
        action: z.literal('rateSummary'),
        handoverId: z.string().min(1),
        rating: z.coerce.number().int().min(1).max(5),
    }),
]);
export type CardAction = z.infer<typeof CardAction>;

export type UserInput =
    | { kind: 'text'; text: string; truncated: boolean }
    | { kind: 'card'; action: CardAction }
    | { kind: 'unknown-card' }
    | { kind: 'attachment' }
    | { kind: 'empty' }
    | { kind: 'no-words' }
    | { kind: 'unsupported-language' };

/** Sorts an incoming message into what the dialogs can act on, so every odd input gets a kind answer. */
export function readInput(activity: Partial<Activity>): UserInput {
    const raw = (activity.text ?? '').trim();
    if (!raw && activity.value !== undefined) {
        const parsed = CardAction.safeParse(activity.value);
        return parsed.success ? { kind: 'card', action: parsed.data } : { kind: 'unknown-card' };
    }
    if (!raw) return (activity.attachments?.length ?? 0) > 0 ? { kind: 'attachment' } : { kind: 'empty' };
    if (!/[\p{L}\p{N}]/u.test(raw)) return { kind: 'no-words' };
    const text = raw.slice(0, MAX_MESSAGE_LENGTH);
    if (isClearlyOtherLanguage(text)) return { kind: 'unsupported-language' };
    return { kind: 'text', text, truncated: raw.length > MAX_MESSAGE_LENGTH };
}

/** Only longer texts are judged: short ones ("GP", "sossu") fool every detector. */
function isClearlyOtherLanguage(text: string): boolean {
    if (text.length < 20 || text.split(/\s+/).length < 4) return false;
    const [best] = detectAll(text);
    return !!best && best.accuracy >= 0.5 && !(LANGUAGES as readonly string[]).includes(best.lang);
}
