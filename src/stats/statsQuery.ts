import { DateTime } from 'luxon';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { STATS_TIME_ZONE, dayCount, dayRange, helsinkiDate, isCalendarDate, type DateRange } from './helsinkiTime.js';
import { RATING_VALUES, isStatsChannel, type Rating } from './statsEvents.js';

/** The dashboard's and the CSV export's filters, as they appear in a URL. */
export interface StatsQuery {
    /** First day, YYYY-MM-DD (Helsinki). */
    readonly from: string;
    /** Last day, included. */
    readonly to: string;
    readonly language?: Language;
    readonly channel?: string;
    /** Only feedback with this rating in the feedback list. */
    readonly rating?: Rating;
}

/** A filter that was refused and replaced by its default; the dashboard names it (`stats.errors.<problem>`). */
export type StatsQueryProblem = 'from' | 'to' | 'range' | 'tooLong' | 'language' | 'channel' | 'rating';

export interface ParsedStatsQuery {
    readonly query: StatsQuery;
    /** The instants of `query.from` to `query.to`. */
    readonly range: DateRange;
    /** Empty when every parameter was valid. */
    readonly problems: StatsQueryProblem[];
}

/** Days shown when no period is given: the last 30, today included. */
export const DEFAULT_PERIOD_DAYS = 30;
/** Longest period the dashboard draws: the retention time of events; longer analyses use the CSV export. */
export const MAX_PERIOD_DAYS = 731;

/**
 * Reads `from`, `to`, `language`, `channel` and `rating` from a parsed query string. Invalid values are replaced by
 * their defaults (the last 30 days, everything) and reported in `problems`, so the page can still be shown.
 */
export function parseStatsQuery(params: Readonly<Record<string, unknown>>, now: Date): ParsedStatsQuery {
    const problems: StatsQueryProblem[] = [];
    const today = helsinkiDate(now);
    const text = (name: string) => {
        const value = params[name];
        const first = Array.isArray(value) ? value[0] : value;
        return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
    };

    let to = text('to') ?? today;
    if (!isCalendarDate(to)) {
        problems.push('to');
        to = today;
    }
    let from = text('from') ?? minusDays(to, DEFAULT_PERIOD_DAYS - 1);
    if (!isCalendarDate(from)) {
        problems.push('from');
        from = minusDays(to, DEFAULT_PERIOD_DAYS - 1);
    }
    if (from > to) {
        problems.push('range');
        from = minusDays(to, DEFAULT_PERIOD_DAYS - 1);
    }
    if (dayCount(from, to) > MAX_PERIOD_DAYS) {
        problems.push('tooLong');
        from = minusDays(to, MAX_PERIOD_DAYS - 1);
    }

    const languageText = text('language');
    const language = LANGUAGES.find((candidate) => candidate === languageText);
    if (languageText !== undefined && language === undefined) problems.push('language');

    let channel = text('channel');
    if (channel !== undefined && !isStatsChannel(channel)) {
        problems.push('channel');
        channel = undefined;
    }

    const ratingText = text('rating');
    const rating = RATING_VALUES.find((candidate) => String(candidate) === ratingText);
    if (ratingText !== undefined && rating === undefined) problems.push('rating');

    const query: StatsQuery = {
        from,
        to,
        ...(language !== undefined && { language }),
        ...(channel !== undefined && { channel }),
        ...(rating !== undefined && { rating }),
    };
    return { query, range: dayRange(from, to), problems };
}

function minusDays(date: string, days: number): string {
    return DateTime.fromISO(date, { zone: STATS_TIME_ZONE }).minus({ days }).toISODate() ?? date;
}

/** The query string of `query` (without `rating` unless asked), for links to the CSV and between languages. */
export function statsQueryString(query: StatsQuery, extra: Readonly<Record<string, string>> = {}): string {
    const params = new URLSearchParams({ from: query.from, to: query.to });
    if (query.language !== undefined) params.set('language', query.language);
    if (query.channel !== undefined) params.set('channel', query.channel);
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    return params.toString();
}
