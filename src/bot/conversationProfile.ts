import type { LifeSituationId, Language } from '../content/vocabulary.js';

/** One line of the conversation as a counsellor would read it; texts are redacted before they are stored. */
export interface TranscriptLine {
    from: 'resident' | 'bot';
    text: string;
    at: string;
    /** A pressed button or a command rather than the resident's own words. */
    choice?: boolean;
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
    /** Answers given to life-situation questions, for the handover's background section. */
    answers?: { lifeSituationId: LifeSituationId; questionId: string; optionId: string }[];
    /** The last danger detected, so "talk to a person" right after it is handled as a crisis. */
    lastDanger?: { category: 'self-harm' | 'violence' | 'medical-emergency'; at: string };
    /** Why a person was last offered (no match, many needs): the reason a following "person" request carries. */
    personReason?: 'no-match' | 'many-needs';
    /** Random id that groups this conversation's anonymous statistics events; not derived from any channel id. */
    statsId?: string;
    /** The open handover of this conversation, while the resident waits or chats with a counsellor. */
    handover?: { id: string; stage: 'waiting' | 'connected' | 'external' };
}

export function emptyProfile(): ConversationProfile {
    return { lifeSituations: [], suggestedServiceIds: [] };
}

/** Records a life situation once, keeping the order residents raised them in; true when it is new. */
export function noteLifeSituation(profile: ConversationProfile, id: LifeSituationId): boolean {
    if (profile.lifeSituations.includes(id)) return false;
    profile.lifeSituations.push(id);
    return true;
}

export function noteSuggestedServices(profile: ConversationProfile, ids: readonly string[]): void {
    for (const id of ids) if (!profile.suggestedServiceIds.includes(id)) profile.suggestedServiceIds.push(id);
}
