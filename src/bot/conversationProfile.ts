import type { LifeSituationId, Language } from '../content/vocabulary.js';

/** One line of the conversation as a counsellor would read it; texts are redacted before they are stored. */
export interface TranscriptLine {
    from: 'resident' | 'bot';
    text: string;
    at: string;
}

/** What Luotsi remembers of one conversation: only what guidance needs, nothing that identifies the resident. */
export interface ConversationProfile {
    /** The language replies are in; set from the first message or the locale, changed by choice or clear writing. */
    language?: Language;
    /** True once the resident picked a language themselves: then only another explicit choice or clear writing changes it. */
    languageChosen?: boolean;
    /** Municipality id the resident gave, for the nearest service location. */
    municipality?: string;
    /** Life situations the conversation has touched, in order: two or more suggest an own contact person. */
    lifeSituations: LifeSituationId[];
    /** Services already suggested, for the counsellor handover summary. */
    suggestedServiceIds: string[];
    /** Whether an own contact person has been offered already (offered once per conversation). */
    ownWorkerOffered?: boolean;
    /** Whether feedback has been asked or given (asked once per conversation). */
    feedbackAsked?: boolean;
    /** Whether the welcome has been shown. */
    welcomed?: boolean;
    /** Button titles of the bot's last message, to tell a pressed content choice from a typed command. */
    offeredButtons?: string[];
    /** Recent lines, redacted, for a counsellor handover: the resident tells their story once. */
    transcript?: TranscriptLine[];
}

export function emptyProfile(): ConversationProfile {
    return { lifeSituations: [], suggestedServiceIds: [] };
}

/** Records a life situation once, keeping the order residents raised them in. */
export function noteLifeSituation(profile: ConversationProfile, id: LifeSituationId): void {
    if (!profile.lifeSituations.includes(id)) profile.lifeSituations.push(id);
}

export function noteSuggestedServices(profile: ConversationProfile, ids: readonly string[]): void {
    for (const id of ids) if (!profile.suggestedServiceIds.includes(id)) profile.suggestedServiceIds.push(id);
}
