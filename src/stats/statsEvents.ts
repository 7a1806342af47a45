import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LANGUAGES, LIFE_SITUATION_IDS, SERVICE_KINDS } from '../content/vocabulary.js';
import {
    DANGER_CATEGORIES,
    HANDOVER_OUTCOMES,
    HANDOVER_REASONS,
    HANDOVER_URGENCIES,
} from '../handover/handoverRecord.js';
import { redactPersonalData } from '../privacy/redact.js';
import { startOfHour } from './helsinkiTime.js';

/**
 * Anonymous statistics events. Every field is an enumeration, a number, a boolean, an hour, a random id or a short
 * channel slug; the only free text is a feedback comment, stored redacted. Objects are strict, so a caller cannot slip
 * a user id, a channel conversation id or message text in through an extra field. Handover reasons, urgencies and
 * outcomes and crisis categories are the handover record's, so an event always describes a handover as it is stored.
 */

export const RATING_VALUES = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATING_VALUES)[number];

export const STATS_EVENT_TYPES = [
    'conversation-started',
    'life-situation-chosen',
    'search',
    'service-details-viewed',
    'path-completed',
    'handover-requested',
    'handover-accepted',
    'handover-closed',
    'callback-requested',
    'crisis-interrupt',
    'feedback',
    'staff-feedback',
    'professional-consultation',
    'social-care-contact',
] as const;
export type StatsEventType = (typeof STATS_EVENT_TYPES)[number];

/** Longest feedback comment kept, after redaction (the same limit as the feedback store). */
export const MAX_STATS_COMMENT_LENGTH = 2000;

/** Longest wait or duration accepted: 30 days. Anything longer is a clock or bookkeeping error, not a statistic. */
const MAX_SECONDS = 30 * 24 * 60 * 60;

/** The start of an hour in UTC, exactly as `Date.toISOString()` writes it, so stored times compare as strings. */
const HourSchema = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/, 'must be the start of an hour, e.g. 2025-03-14T09:00:00.000Z')
    .refine((at) => new Date(at).toISOString() === at, 'must be a real time');

/**
 * Channel ids are Bot Framework's short names ("webchat", "msteams", "directline"). Starting with a letter and
 * allowing no runs of digits keeps phone numbers, personal identity codes and account numbers out of the field.
 */
const ChannelSchema = z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short channel id (lower-case letters, digits, -)')
    .refine((channel) => !/\d{4}/.test(channel), 'must not contain long numbers');

/** Whether `text` is a valid channel id for statistics (used to check filters from forms and the command line). */
export function isStatsChannel(text: string): boolean {
    return ChannelSchema.safeParse(text).success;
}

/** A redacted comment: redacting it again changes nothing, so unredacted text is refused even from a hand-edited file. */
const CommentSchema = z
    .string()
    .min(1)
    .max(MAX_STATS_COMMENT_LENGTH)
    .refine((comment) => redactPersonalData(comment) === comment, 'must be redacted');

const SecondsSchema = z.number().int().min(0).max(MAX_SECONDS);
const RatingSchema = z.literal(RATING_VALUES);
const LifeSituationSchema = z.enum(LIFE_SITUATION_IDS);
const ServiceKindSchema = z.enum(SERVICE_KINDS);

/** Fields every event has. */
const common = {
    /** The start of the hour the event happened: exact times could be matched to server or channel logs. */
    at: HourSchema,
    /**
     * A random UUID v4 the bot makes for each conversation ({@link newStatsConversationId}), used only to group a
     * conversation's events. Never the channel's conversation id or a user id.
     */
    conversation: z.uuidv4(),
    channel: ChannelSchema,
    language: z.enum(LANGUAGES),
};

function eventSchema<Type extends StatsEventType, Shape extends z.ZodRawShape>(type: Type, shape: Shape) {
    return z.strictObject({ type: z.literal(type), ...common, ...shape });
}

/** One statistics event as stored. */
export const StatsEventSchema = z.discriminatedUnion('type', [
    eventSchema('conversation-started', {}),
    eventSchema('life-situation-chosen', { lifeSituation: LifeSituationSchema }),
    eventSchema('search', {
        /** Whether the search found at least one service. */
        matched: z.boolean(),
        /** Kinds of the services offered; a kind repeats when two services of it were offered. */
        kinds: z.array(ServiceKindSchema).max(SERVICE_KINDS.length),
    }),
    eventSchema('service-details-viewed', { kind: ServiceKindSchema }),
    eventSchema('path-completed', { lifeSituation: LifeSituationSchema }),
    eventSchema('handover-requested', { reason: z.enum(HANDOVER_REASONS), urgency: z.enum(HANDOVER_URGENCIES) }),
    eventSchema('handover-accepted', { waitSeconds: SecondsSchema }),
    eventSchema('handover-closed', { outcome: z.enum(HANDOVER_OUTCOMES), durationSeconds: SecondsSchema }),
    eventSchema('callback-requested', {}),
    eventSchema('crisis-interrupt', { category: z.enum(DANGER_CATEGORIES) }),
    eventSchema('feedback', {
        rating: RatingSchema,
        comment: CommentSchema.optional(),
        lifeSituation: LifeSituationSchema.optional(),
    }),
    /** How useful a counsellor or a Teams user found a handover summary. */
    eventSchema('staff-feedback', { rating: RatingSchema }),
    eventSchema('professional-consultation', {}),
    /** A professional's contact to social services under Social Welfare Act 1301/2014 § 35. */
    eventSchema('social-care-contact', {}),
]);

export type StatsEvent = z.infer<typeof StatsEventSchema>;

/** The event of one type. */
export type StatsEventOf<Type extends StatsEventType> = Extract<StatsEvent, { type: Type }>;

/** Distributes Omit over a union, so each event type keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The fields that make one event type what it is, without the common fields: what a caller varies per event. */
export type StatsEventBody = DistributiveOmit<StatsEvent, 'at' | 'conversation' | 'channel' | 'language'>;

/**
 * What the bot passes to {@link recordEvent}: an event with the exact time (rounded here) and, for feedback, the
 * comment as the resident typed it (redacted here).
 */
export type StatsEventInput = DistributiveOmit<StatsEvent, 'at'> & {
    /** When it happened; now when left out. */
    at?: Date;
};

/** An event was refused; `fields` names what was wrong without echoing the (possibly personal) values. */
export class InvalidStatsEventError extends Error {
    constructor(
        /** Field paths with the reason, e.g. "conversation: Invalid UUID". */
        readonly fields: readonly string[],
        options?: { cause?: unknown },
    ) {
        super(`Invalid statistics event: ${fields.join('; ')}`, options);
        this.name = 'InvalidStatsEventError';
    }
}

/** A fresh id for grouping one conversation's events; keep it in the conversation state, never derive it. */
export function newStatsConversationId(): string {
    return randomUUID();
}

/**
 * Builds the event to store: rounds `at` down to the hour, redacts a feedback comment (dropping it when nothing is
 * left) and validates the result. Throws {@link InvalidStatsEventError} for anything the schema refuses, extra
 * fields included.
 */
export function recordEvent(input: StatsEventInput): StatsEvent {
    const { at, ...fields } = input;
    const candidate: Record<string, unknown> = { ...fields, at: startOfHour(at ?? new Date()) };
    if (candidate.type === 'feedback' && typeof candidate.comment === 'string') {
        const comment = redactComment(candidate.comment);
        if (comment === '') delete candidate.comment;
        else candidate.comment = comment;
    }
    return parseStatsEvent(candidate);
}

/** Validates an event as stored; the error names fields only. */
export function parseStatsEvent(candidate: unknown): StatsEvent {
    const parsed = StatsEventSchema.safeParse(candidate);
    if (!parsed.success) {
        throw new InvalidStatsEventError(
            parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`),
            { cause: parsed.error },
        );
    }
    return parsed.data;
}

/**
 * Redacts, trims and shortens a comment until that changes nothing more. Redacted before shortening, so a cut cannot
 * leave half a phone number unrecognised, and again after, because a cut can also give a long digit run the shape
 * of a number. Two passes settle every real text; the third is a margin, and the schema refuses anything unsettled.
 */
function redactComment(comment: string): string {
    let text = comment;
    for (let pass = 0; pass < 3; pass++) {
        const next = redactPersonalData(text).trim().slice(0, MAX_STATS_COMMENT_LENGTH);
        if (next === text) break;
        text = next;
    }
    return text;
}
