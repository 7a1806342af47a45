import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LANGUAGES, LIFE_SITUATION_IDS, type Language, type LifeSituationId } from '../content/vocabulary.js';
import { redactPersonalData } from '../privacy/redact.js';
import type { DangerCategory } from '../safety/detectDanger.js';
import { InvalidHandoverError } from './errors.js';

/** Why the bot handed the conversation to a person. */
export const HANDOVER_REASONS = ['asked', 'no-match', 'crisis', 'many-needs', 'professional-consult'] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

/** Queue priority, most urgent first: the order of this list is the order counsellors see. */
export const HANDOVER_URGENCIES = ['crisis', 'high', 'normal'] as const;
export type HandoverUrgency = (typeof HANDOVER_URGENCIES)[number];

/** How the resident wants to be helped. */
export const CONTACT_PREFERENCES = ['chat-now', 'callback', 'secure-message'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export const HANDOVER_STATUSES = ['waiting', 'accepted', 'closed', 'callback-requested', 'abandoned'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** Statuses in which the handover still needs a counsellor's attention. */
export const OPEN_STATUSES: readonly HandoverStatus[] = ['waiting', 'accepted', 'callback-requested'];

export const HANDOVER_OUTCOMES = [
    'resolved',
    'referred',
    'social-care-contact',
    'callback-booked',
    'no-answer',
] as const;
export type HandoverOutcome = (typeof HANDOVER_OUTCOMES)[number];

/** Same ids as the danger detector's categories (checked by `satisfies`), so a detected danger is stored as is. */
export const DANGER_CATEGORIES = [
    'self-harm',
    'violence',
    'medical-emergency',
] as const satisfies readonly DangerCategory[];

export const SPEAKERS = ['resident', 'bot', 'counsellor'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** Longest text of one transcript entry or live message, after redaction: a chat message, not a document. */
export const MAX_MESSAGE_LENGTH = 4000;
/** The transcript keeps the newest entries only: the counsellor needs the recent turns, and less data is kept. */
export const MAX_TRANSCRIPT_ENTRIES = 50;
/** Messages of one live chat; past this the counsellor should move to another channel. */
export const MAX_MESSAGES = 500;
/** Longest description in the resident's own words. */
export const MAX_RESIDENT_WORDS_LENGTH = 2000;
/** Longest free-text note (bot recommendation, counsellor notes). */
export const MAX_NOTE_LENGTH = 2000;
/** Longest short free-text field (name, preferred time, counsellor id). */
export const MAX_SHORT_TEXT_LENGTH = 200;

/**
 * Ids are short slugs: this keeps free text (and with it personal data) out of the fields that are not redacted. The
 * same rule as feedback's channel and life-situation ids.
 */
const Slug = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'must be a short id (letters, digits, . _ -)');
const IsoTime = z.iso.datetime({ message: 'must be an ISO 8601 UTC time' });

/**
 * Long texts already found redacted. The queue re-validates a whole record on every change, and the redaction patterns
 * take ~10 ms on a 4000-character word, so a long chat would otherwise be redacted again on every message. Short texts
 * are cheap and not kept; the bound keeps the memory to a few megabytes.
 */
const knownRedacted = new Set<string>();
const CACHED_TEXT_MIN_LENGTH = 256;
const CACHE_MAX_ENTRIES = 1000;

/** True when redacting changes nothing: the check that keeps unredacted text out even if a caller skips newHandover. */
function isRedacted(text: string): boolean {
    if (knownRedacted.has(text)) return true;
    const redacted = redactPersonalData(text) === text;
    if (redacted && text.length >= CACHED_TEXT_MIN_LENGTH) {
        if (knownRedacted.size >= CACHE_MAX_ENTRIES) knownRedacted.clear();
        knownRedacted.add(text);
    }
    return redacted;
}

const NOT_REDACTED = 'must be redacted with redactPersonalData';

/** Free text written by the resident or the bot: always stored redacted. */
function redactedText(max: number) {
    return z.string().trim().min(1, 'must not be empty').max(max).refine(isRedacted, NOT_REDACTED);
}

/**
 * A phone number the resident typed for a callback: digits with the usual separators. Checked loosely on purpose:
 * a counsellor can read "040-123 4567" or "+358 40 1234567" alike, and refusing a real number would cost a callback.
 */
const PhoneNumber = z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()\u00A0-]{4,22}[0-9]$/, 'must be a phone number (digits, spaces, +, -, parentheses)');

export const TranscriptEntrySchema = z.strictObject({
    from: z.enum(SPEAKERS),
    text: redactedText(MAX_MESSAGE_LENGTH),
    at: IsoTime,
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

/**
 * A message of the live chat. The counsellor's own texts are not redacted: they are the region's guidance, often a
 * service's phone number, and redacting them would break the help. The resident's and the bot's are redacted.
 */
export const LiveMessageSchema = z
    .strictObject({
        from: z.enum(SPEAKERS),
        text: z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH),
        at: IsoTime,
    })
    .refine((message) => message.from === 'counsellor' || isRedacted(message.text), {
        message: NOT_REDACTED,
        path: ['text'],
    });
export type LiveMessage = z.infer<typeof LiveMessageSchema>;

export const BackgroundAnswerSchema = z.strictObject({
    lifeSituationId: z.enum(LIFE_SITUATION_IDS),
    questionId: Slug,
    optionId: Slug,
});
export type BackgroundAnswer = z.infer<typeof BackgroundAnswerSchema>;

/**
 * The summary in ISBAR form (identification, situation, background, assessment, recommendation). Structured ids, not
 * prose, so that a Swedish-speaking counsellor can read in Swedish what a resident told the bot in Finnish; only the
 * resident's own words stay as written.
 */
export const IsbarSummarySchema = z.strictObject({
    identification: z.strictObject({
        /** Only if the resident gave it; never required to get help. */
        name: redactedText(MAX_SHORT_TEXT_LENGTH).optional(),
        /** Municipality id of the region (content/region.json). */
        municipality: Slug.optional(),
    }),
    situation: z.strictObject({
        /** The resident's own description, redacted. */
        residentWords: redactedText(MAX_RESIDENT_WORDS_LENGTH),
    }),
    background: z.strictObject({
        /** Answers to the life-situation questions, as content ids. */
        answers: z.array(BackgroundAnswerSchema).max(30),
    }),
    assessment: z.strictObject({
        suggestedServiceIds: z.array(Slug).max(30),
        dangerCategory: z.enum(DANGER_CATEGORIES).optional(),
    }),
    recommendation: z.strictObject({
        request: z.enum(CONTACT_PREFERENCES),
        note: redactedText(MAX_NOTE_LENGTH).optional(),
    }),
});
export type IsbarSummary = z.infer<typeof IsbarSummarySchema>;

/**
 * How to reach the resident. `phone` is the one place a phone number is kept unredacted: the resident gave it for
 * this callback, with consent. `consentGiven` is a literal `true` so that no record can exist without that consent.
 */
export const HandoverContactSchema = z.strictObject({
    preference: z.enum(CONTACT_PREFERENCES),
    phone: PhoneNumber.optional(),
    /** The resident's words, e.g. "iltapäivällä"; redacted like other free text. */
    preferredTime: redactedText(MAX_SHORT_TEXT_LENGTH).optional(),
    consentGiven: z.literal(true, { message: 'the resident must have agreed to the handover' }),
});
export type HandoverContact = z.infer<typeof HandoverContactSchema>;

/** The conversation id in an opaque Bot Framework ConversationReference, if it has one. */
export function conversationIdOf(ref: Readonly<Record<string, unknown>>): string | undefined {
    const conversation = ref['conversation'];
    if (typeof conversation !== 'object' || conversation === null) return undefined;
    const id = (conversation as Record<string, unknown>)['id'];
    return typeof id === 'string' && id !== '' ? id : undefined;
}

const ConversationRefSchema = z.record(z.string(), z.unknown()).refine((ref) => conversationIdOf(ref) !== undefined, {
    message: 'must be a ConversationReference with conversation.id',
    path: ['conversation', 'id'],
});

const CounsellorId = z.string().trim().min(1, 'must not be empty').max(MAX_SHORT_TEXT_LENGTH);

const HandoverRecordObject = z.strictObject({
    id: z.uuid(),
    createdAt: IsoTime,
    language: z.enum(LANGUAGES),
    /** Bot Framework channel id, e.g. "webchat". */
    channel: Slug,
    reason: z.enum(HANDOVER_REASONS),
    urgency: z.enum(HANDOVER_URGENCIES),
    lifeSituations: z.array(z.enum(LIFE_SITUATION_IDS)),
    suggestedServiceIds: z.array(Slug).max(30),
    summary: IsbarSummarySchema,
    contact: HandoverContactSchema,
    /** The conversation before the handover, redacted, newest {@link MAX_TRANSCRIPT_ENTRIES} entries. */
    transcript: z.array(TranscriptEntrySchema).max(MAX_TRANSCRIPT_ENTRIES),
    /** Opaque Bot Framework ConversationReference, for proactive messages to the resident. */
    conversationRef: ConversationRefSchema,
    /** The conversation's random statistics id, so counsellor events count with the resident's (no channel ids). */
    statsId: z.uuid().optional(),
    status: z.enum(HANDOVER_STATUSES),
    /** Counsellor id (staff account), not a name shown to the resident. */
    acceptedBy: CounsellorId.optional(),
    acceptedAt: IsoTime.optional(),
    /** Who closed it; differs from acceptedBy when a callback is closed by whoever made the call. */
    closedBy: CounsellorId.optional(),
    /** When it was closed or abandoned. */
    closedAt: IsoTime.optional(),
    outcome: z.enum(HANDOVER_OUTCOMES).optional(),
    referredServiceId: Slug.optional(),
    /** Internal notes of the counsellor; redacted, as only the contact phone may stay in the record. */
    counsellorNotes: redactedText(MAX_NOTE_LENGTH).optional(),
    /** How useful the summary was to the counsellor, 1–5: feedback for the bot, not about the resident. */
    staffRating: z.int().min(1).max(5).optional(),
    /** The live chat after the handover. */
    messages: z.array(LiveMessageSchema).max(MAX_MESSAGES),
});

/**
 * A handover: the summary a counsellor reads, plus its place in the queue. The rules across fields are checked here,
 * so every write path (factory, queue, file load) enforces the same ones.
 */
export const HandoverRecordSchema = HandoverRecordObject.superRefine((record, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (record.contact.preference === 'callback' && record.contact.phone === undefined)
        issue(['contact', 'phone'], 'required when the resident asks to be called back');
    // A crisis must never wait behind ordinary requests because a caller forgot to raise the urgency.
    if ((record.reason === 'crisis' || record.summary.assessment.dangerCategory) && record.urgency !== 'crisis')
        issue(['urgency'], 'must be "crisis" when the reason is a crisis or a danger was detected');
    if (record.status === 'accepted' && (!record.acceptedBy || !record.acceptedAt))
        issue(['acceptedBy'], 'an accepted handover needs acceptedBy and acceptedAt');
    if ((record.status === 'closed' || record.status === 'abandoned') && !record.closedAt)
        issue(['closedAt'], `required when the status is ${record.status}`);
    if (record.status === 'closed' && !record.outcome) issue(['outcome'], 'required when the status is closed');
    if (record.status !== 'closed' && record.outcome) issue(['outcome'], 'only a closed handover has an outcome');
    if (record.outcome === 'referred' && !record.referredServiceId)
        issue(['referredServiceId'], 'required when the outcome is "referred"');
});
export type HandoverRecord = z.infer<typeof HandoverRecordSchema>;
/** Short name of {@link HandoverRecord}. */
export type Handover = HandoverRecord;

/** A transcript entry or live message as callers have it: `at` may be a Date (Bot Framework's activity.timestamp). */
export interface MessageInput {
    from: Speaker;
    text: string;
    at: Date | string;
}

/** What the bot knows when it hands over; {@link newHandover} adds id, time, status and redaction. */
export interface NewHandoverInput {
    /** Creation time; defaults to the current time. */
    createdAt?: Date | string;
    language: Language;
    /** Bot Framework channel id. */
    channel: string;
    reason: HandoverReason;
    /** Raised to "crisis" when the reason or a detected danger says so; defaults to "normal". */
    urgency?: HandoverUrgency;
    lifeSituations?: LifeSituationId[];
    suggestedServiceIds?: string[];
    summary: {
        identification?: { name?: string; municipality?: string };
        /** The resident's own description; redacted here. */
        situation: { residentWords: string };
        background?: { answers: BackgroundAnswer[] };
        /** `suggestedServiceIds` defaults to the top-level list. */
        assessment?: { suggestedServiceIds?: string[]; dangerCategory?: DangerCategory };
        /** `request` defaults to the contact preference. */
        recommendation?: { request?: ContactPreference; note?: string };
    };
    contact: { preference: ContactPreference; phone?: string; preferredTime?: string; consentGiven: true };
    /** The conversation so far, unredacted; redacted and trimmed to the newest entries here. */
    transcript?: MessageInput[];
    /** From `TurnContext.getConversationReference(activity)`; copied as JSON. */
    conversationRef: Record<string, unknown>;
    statsId?: string;
}

/**
 * Builds a validated handover record: redacts every free text except the consented contact phone, keeps the newest
 * transcript entries, derives the urgency and starts in "waiting" (or "callback-requested" when the resident asked
 * for a call). Throws {@link InvalidHandoverError} naming the fields, never their values.
 */
export function newHandover(input: NewHandoverInput): HandoverRecord {
    const { summary, contact } = input;
    const suggestedServiceIds = [...(input.suggestedServiceIds ?? [])];
    const answers = summary.background?.answers ?? [];
    // The answers' life situations are part of the picture even when the caller did not list them.
    const lifeSituations = unique([
        ...(input.lifeSituations ?? []),
        ...answers.map((answer) => answer.lifeSituationId),
    ]);
    const dangerCategory = summary.assessment?.dangerCategory;
    const candidate = {
        id: randomUUID(),
        createdAt: toIsoTime(input.createdAt ?? new Date()),
        language: input.language,
        channel: input.channel,
        reason: input.reason,
        urgency: deriveUrgency(input.reason, input.urgency, dangerCategory),
        lifeSituations,
        suggestedServiceIds,
        summary: {
            identification: withoutUndefined({
                name: redactOptional(summary.identification?.name, MAX_SHORT_TEXT_LENGTH),
                municipality: summary.identification?.municipality,
            }),
            situation: { residentWords: redactAndClip(summary.situation?.residentWords, MAX_RESIDENT_WORDS_LENGTH) },
            background: { answers: answers.map((answer) => ({ ...answer })) },
            assessment: withoutUndefined({
                suggestedServiceIds: [...(summary.assessment?.suggestedServiceIds ?? suggestedServiceIds)],
                dangerCategory,
            }),
            recommendation: withoutUndefined({
                request: summary.recommendation?.request ?? contact?.preference,
                note: redactOptional(summary.recommendation?.note, MAX_NOTE_LENGTH),
            }),
        },
        contact: withoutUndefined({
            preference: contact?.preference,
            phone: typeof contact?.phone === 'string' ? contact.phone.trim() : contact?.phone,
            preferredTime: redactOptional(contact?.preferredTime, MAX_SHORT_TEXT_LENGTH),
            consentGiven: contact?.consentGiven,
        }),
        transcript: (input.transcript ?? [])
            .map((entry) => prepareMessage(entry))
            .filter((entry) => entry.text !== '')
            .slice(-MAX_TRANSCRIPT_ENTRIES),
        conversationRef: jsonCopy(input.conversationRef),
        ...(input.statsId ? { statsId: input.statsId } : {}),
        status: contact?.preference === 'callback' ? 'callback-requested' : 'waiting',
        messages: [],
    };
    return parseHandover(candidate);
}

/** Validates a whole record; throws {@link InvalidHandoverError} with the field paths of every problem. */
export function parseHandover(candidate: unknown, handoverId?: string): HandoverRecord {
    const parsed = HandoverRecordSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const id = handoverId ?? idOf(candidate);
    throw new InvalidHandoverError(id, describeIssues(parsed.error), { cause: parsed.error });
}

/** "path: message" for each issue; the messages are zod's or ours and never contain the input value. */
export function describeIssues(error: z.ZodError): string[] {
    return error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
}

/**
 * A message as stored: `at` as ISO time, resident and bot texts redacted and clipped, counsellor texts clipped only
 * (see {@link LiveMessageSchema}). Transcript entries always pass `redactAll`.
 */
export function prepareMessage(message: MessageInput, redactAll = true): LiveMessage {
    const text = typeof message?.text === 'string' ? message.text.trim() : message?.text;
    return {
        from: message?.from,
        text:
            typeof text !== 'string'
                ? text
                : redactAll || message.from !== 'counsellor'
                  ? redactAndClip(text, MAX_MESSAGE_LENGTH)
                  : clip(text, MAX_MESSAGE_LENGTH),
        at: toIsoTime(message?.at),
    };
}

/** Rank of an urgency in the queue order: 0 is served first. */
export function urgencyRank(urgency: HandoverUrgency): number {
    return HANDOVER_URGENCIES.indexOf(urgency);
}

/**
 * Redacts, then clips to `max` characters. Clipping can cut a long digit run down to something that looks like a
 * phone number, so the clipped text is redacted again; as "[email]" can be longer than a short address, the clip
 * shrinks until the result fits (each round by at least one character, so it ends).
 */
export function redactAndClip(text: string, max: number): string {
    if (typeof text !== 'string') return text;
    const redacted = redactPersonalData(text.trim());
    let result = redacted;
    for (let limit = max; result.length > max; limit -= result.length - max) {
        result = redactPersonalData(clip(redacted, limit));
    }
    return result;
}

function redactOptional(text: string | undefined, max: number): string | undefined {
    if (typeof text !== 'string') return text;
    const redacted = redactAndClip(text, max);
    return redacted === '' ? undefined : redacted;
}

function clip(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function deriveUrgency(
    reason: HandoverReason,
    given: HandoverUrgency | undefined,
    danger: DangerCategory | undefined,
): HandoverUrgency {
    if (reason === 'crisis' || danger) return 'crisis';
    return given ?? 'normal';
}

/** Dates and parseable strings become ISO UTC; anything else is left for the schema to reject. */
function toIsoTime(at: Date | string): string {
    const date = at instanceof Date ? at : typeof at === 'string' ? new Date(at) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date.toISOString() : (at as string);
}

function jsonCopy(value: Record<string, unknown>): Record<string, unknown> {
    if (typeof value !== 'object' || value === null) return value;
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function unique<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}

/** Optional fields are left out rather than set to undefined, so a record equals its JSON round trip. */
export function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function idOf(candidate: unknown): string | undefined {
    if (typeof candidate !== 'object' || candidate === null) return undefined;
    const id = (candidate as Record<string, unknown>)['id'];
    return typeof id === 'string' ? id : undefined;
}
