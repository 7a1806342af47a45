import type { Catalogue } from '../content/catalogue.js';
import type { ConversationProfile } from '../bot/conversationProfile.js';
import { DEFAULT_LANGUAGE } from '../i18n/i18n.js';
import { newHandover, type HandoverReason, type HandoverRecord, type HandoverUrgency } from './handoverRecord.js';

/** A danger older than this no longer describes the handover (the resident may have calmed and moved on). */
const DANGER_RELEVANT_MS = 60 * 60 * 1000;
/** The resident's own words in the summary: the first lines of their story, not the whole chat. */
const RESIDENT_WORDS_LIMIT = 1000;

export interface HandoverInput {
    readonly profile: ConversationProfile;
    readonly catalogue: Catalogue;
    readonly reason: HandoverReason;
    readonly urgency: HandoverUrgency;
    readonly channel: string;
    readonly conversationRef: Record<string, unknown>;
    readonly contact: {
        preference: 'chat-now' | 'callback' | 'secure-message';
        phone?: string;
        preferredTime?: string;
    };
    readonly name?: string;
    /** Shown to the counsellor with the request, e.g. a professional's consultation type and the client's consent. */
    readonly note?: string;
    /** The conversation's statistics id. */
    readonly statsId?: string;
    readonly now: Date;
}

/** The handover record from what the conversation knows: the resident tells their story once. */
export function buildHandover(input: HandoverInput): HandoverRecord {
    const { profile } = input;
    const transcript = profile.transcript ?? [];
    const own = transcript.filter((line) => line.from === 'resident' && !line.choice);
    // A resident who only pressed buttons still has a story: the choices they made.
    const words = own.length > 0 ? own : transcript.filter((line) => line.from === 'resident');
    const residentWords =
        words
            .map((line) => line.text)
            .join(' / ')
            .slice(0, RESIDENT_WORDS_LIMIT) || '–';
    const danger =
        profile.lastDanger && input.now.getTime() - Date.parse(profile.lastDanger.at) < DANGER_RELEVANT_MS
            ? profile.lastDanger.category
            : undefined;
    return newHandover({
        createdAt: input.now.toISOString(),
        language: profile.language ?? DEFAULT_LANGUAGE,
        channel: input.channel,
        reason: input.reason,
        urgency: input.urgency,
        lifeSituations: [...profile.lifeSituations],
        suggestedServiceIds: [...profile.suggestedServiceIds],
        summary: {
            identification: { name: input.name, municipality: profile.municipality },
            situation: { residentWords },
            background: { answers: [...(profile.answers ?? [])] },
            assessment: { suggestedServiceIds: [...profile.suggestedServiceIds], dangerCategory: danger },
            recommendation: { request: input.contact.preference, ...(input.note ? { note: input.note } : {}) },
        },
        contact: { ...input.contact, consentGiven: true },
        transcript: transcript.map(({ from, text, at }) => ({ from, text, at })),
        conversationRef: input.conversationRef,
        statsId: input.statsId,
    });
}

/** A phone number as residents type one for a call back: 6–15 digits with spaces, dashes, brackets or a leading +. */
export function isPlausiblePhone(text: string): boolean {
    const trimmed = text.trim();
    if (!/^\+?[\d\s()-]+$/.test(trimmed)) return false;
    const digits = trimmed.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
}
