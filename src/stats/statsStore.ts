import { DateTime } from 'luxon';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { REDACTION_PLACEHOLDERS, redactPersonalData } from '../privacy/redact.js';
import { words } from '../search/normalise.js';
import { STATS_TIME_ZONE, helsinkiDate, isCalendarDate, startOfHelsinkiDay, type DateRange } from './helsinkiTime.js';
import { StatsEventSchema, type StatsEvent } from './statsEvents.js';

/** A resident's query that found no service, as the bot reports it. */
export interface UnmatchedQuery {
    readonly language: Language;
    /** The text as typed; the store keeps only {@link normaliseQueryText} of it. */
    readonly text: string;
    readonly at: Date;
}

/** How often one normalised query went unanswered in a period. */
export interface UnmatchedCount {
    readonly language: Language;
    readonly text: string;
    readonly count: number;
}

/** How long statistics are kept; see {@link retentionCutoffs} for exactly what is deleted. */
export interface RetentionOptions {
    /** Events older than this many calendar months are deleted; 24 by default. */
    readonly eventsMonths?: number;
    /** Unmatched query texts older than this many days are deleted; 30 by default. */
    readonly unmatchedDays?: number;
}

/** How many records a purge deleted: events, and per-day unmatched query rows. */
export interface PurgeResult {
    readonly events: number;
    readonly unmatched: number;
}

/** Anonymous statistics: events, and the texts of queries that found nothing (for finding gaps in content). */
export interface StatsStore {
    /** Stores a validated event (see `recordEvent`); the store validates it again. */
    add(event: StatsEvent): Promise<void>;
    /** Events with `from <= at < to`, or all, in the order they were added. */
    events(range?: DateRange): Promise<StatsEvent[]>;
    /** Counts a query that found nothing; only its redacted, normalised text is kept, without any conversation id. */
    addUnmatched(query: UnmatchedQuery): Promise<void>;
    /** Counts per normalised text and language of the days that start inside `range` (or all), most frequent first. */
    unmatched(range?: DateRange): Promise<UnmatchedCount[]>;
    /** Deletes what is older than the retention limits at `now`. */
    purge(now: Date, options?: RetentionOptions): Promise<PurgeResult>;
}

export const DEFAULT_EVENTS_MONTHS = 24;
export const DEFAULT_UNMATCHED_DAYS = 30;

/** Longest unmatched text kept: a search query, not a message; longer ones are cut at a word. */
export const MAX_UNMATCHED_TEXT_LENGTH = 200;

/** One stored row: how many times a normalised text went unmatched on one Helsinki calendar day. */
export interface UnmatchedRow {
    /** YYYY-MM-DD in Helsinki time. */
    day: string;
    language: Language;
    text: string;
    count: number;
}

/** What the statistics file holds. */
export interface StatsData {
    events: StatsEvent[];
    unmatched: UnmatchedRow[];
}

const PLACEHOLDERS: readonly string[] = Object.values(REDACTION_PLACEHOLDERS);
const PLACEHOLDER_SPLIT = new RegExp(`(${PLACEHOLDERS.map((token) => token.replace(/[[\]]/g, '\\$&')).join('|')})`);

/**
 * The form an unmatched query is kept in: personal data redacted, lower-case, punctuation removed, whitespace folded
 * to single spaces, and runs of four or more digits replaced by "#" (customer numbers, dates of birth, years). The
 * redaction placeholders stay recognisable. Redacted first, on the original, because the patterns need the original
 * separators and case; and again after punctuation is gone, since "040.123.45.67" only looks like a number then.
 * Returns '' when nothing is left.
 */
export function normaliseQueryText(text: string): string {
    const tokens = redactPersonalData(text)
        .split(PLACEHOLDER_SPLIT)
        .flatMap((part) => (PLACEHOLDERS.includes(part) ? [part] : words(part)));
    const normalised = redactPersonalData(tokens.join(' ')).replace(/\p{Nd}{4,}/gu, '#');
    return shorten(normalised, MAX_UNMATCHED_TEXT_LENGTH);
}

/** Cuts at the last space before `max` characters, so no half word (or half placeholder) is kept. */
function shorten(text: string, max: number): string {
    if (text.length <= max) return text;
    const cut = text.slice(0, max + 1);
    const space = cut.lastIndexOf(' ');
    return space > 0 ? cut.slice(0, space) : text.slice(0, max);
}

/**
 * Whether `text` has the shape {@link normaliseQueryText} gives: lower-case words of letters, digits and "#" or
 * placeholders, single spaces, no run of four digits, nothing left to redact. Checked on every stored row, so
 * nothing unredacted or unnormalised can come in through a hand-edited file. (Normalising is not idempotent — it
 * drops a typed "#" — so the check is on the shape rather than on normalising again.)
 */
export function isNormalisedQueryText(text: string): boolean {
    return (
        text.length > 0 &&
        text.length <= MAX_UNMATCHED_TEXT_LENGTH &&
        text
            .split(' ')
            .every(
                (token) =>
                    PLACEHOLDERS.includes(token) ||
                    (/^[\p{L}\p{N}#]+$/u.test(token) && token === token.toLocaleLowerCase('fi')),
            ) &&
        !/\p{Nd}{4}/u.test(text) &&
        redactPersonalData(text) === text
    );
}

const UnmatchedTextSchema = z.string().refine(isNormalisedQueryText, 'must be a normalised, redacted query');

export const UnmatchedRowSchema = z.strictObject({
    day: z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD'),
    language: z.enum(LANGUAGES),
    text: UnmatchedTextSchema,
    count: z.number().int().min(1),
});

export const StatsDataSchema: z.ZodType<StatsData> = z.strictObject({
    events: z.array(StatsEventSchema),
    unmatched: z.array(UnmatchedRowSchema),
});

/** An empty database, for `new Low(new Memory(), emptyStatsData())`. */
export function emptyStatsData(): StatsData {
    return { events: [], unmatched: [] };
}

/** `data` with one more occurrence of `query` counted on its day; unchanged when nothing of the text is left. */
export function withUnmatched(data: StatsData, query: UnmatchedQuery): StatsData {
    const text = normaliseQueryText(query.text);
    if (text === '') return data;
    const day = helsinkiDate(query.at);
    const row = UnmatchedRowSchema.parse({ day, language: query.language, text, count: 1 });
    const index = data.unmatched.findIndex(
        (existing) => existing.day === day && existing.language === row.language && existing.text === text,
    );
    const unmatched =
        index < 0
            ? [...data.unmatched, row]
            : data.unmatched.map((existing, at) =>
                  at === index ? { ...existing, count: existing.count + 1 } : existing,
              );
    return { ...data, unmatched };
}

/** Whether a stored event falls in `range`. Stored times are canonical ISO strings, so they compare as text. */
export function eventInRange(event: StatsEvent, range: DateRange | undefined): boolean {
    return range === undefined || (event.at >= range.from.toISOString() && event.at < range.to.toISOString());
}

/** Sums the rows whose day starts inside `range` per language and text; most frequent first, then by text. */
export function countUnmatched(rows: readonly UnmatchedRow[], range?: DateRange): UnmatchedCount[] {
    const counts = new Map<string, { language: Language; text: string; count: number }>();
    for (const row of rows) {
        if (range !== undefined) {
            const start = startOfHelsinkiDay(row.day).getTime();
            if (start < range.from.getTime() || start >= range.to.getTime()) continue;
        }
        const key = `${row.language}\u0000${row.text}`;
        const total = counts.get(key);
        if (total) total.count += row.count;
        else counts.set(key, { language: row.language, text: row.text, count: row.count });
    }
    return [...counts.values()].sort(
        (a, b) => b.count - a.count || a.language.localeCompare(b.language) || a.text.localeCompare(b.text),
    );
}

/** The instants before which data is deleted. */
export interface RetentionCutoffs {
    /** Events whose hour starts before this are deleted. */
    readonly events: Date;
    /** Unmatched rows whose day starts before this are deleted. */
    readonly unmatched: Date;
}

/**
 * Retention limits as instants: `now` minus the months (events) and days (unmatched texts) in Helsinki calendar
 * terms, so a month is a calendar month (31 March minus one month is 28 February) and a day stays a day across
 * daylight saving changes. A record is deleted as soon as the period it stands for begins before the cutoff, so
 * nothing older than the limit is ever kept; a record exactly at the cutoff stays.
 */
export function retentionCutoffs(now: Date, options: RetentionOptions = {}): RetentionCutoffs {
    const eventsMonths = positiveInteger(options.eventsMonths ?? DEFAULT_EVENTS_MONTHS, 'eventsMonths');
    const unmatchedDays = positiveInteger(options.unmatchedDays ?? DEFAULT_UNMATCHED_DAYS, 'unmatchedDays');
    const local = DateTime.fromJSDate(now, { zone: STATS_TIME_ZONE });
    if (!local.isValid) throw new RangeError('Retention: now is not a valid date');
    return {
        events: local.minus({ months: eventsMonths }).toJSDate(),
        unmatched: local.minus({ days: unmatchedDays }).toJSDate(),
    };
}

function positiveInteger(value: number, name: string): number {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`Retention: ${name} must be a positive integer`);
    return value;
}

/** `data` without what is older than the retention limits, and how much was removed. */
export function purgeData(data: StatsData, now: Date, options?: RetentionOptions): [StatsData, PurgeResult] {
    const cutoffs = retentionCutoffs(now, options);
    const eventsCutoff = cutoffs.events.toISOString();
    const unmatchedCutoff = cutoffs.unmatched.getTime();
    const events = data.events.filter((event) => event.at >= eventsCutoff);
    const unmatched = data.unmatched.filter((row) => startOfHelsinkiDay(row.day).getTime() >= unmatchedCutoff);
    return [
        { events, unmatched },
        { events: data.events.length - events.length, unmatched: data.unmatched.length - unmatched.length },
    ];
}
