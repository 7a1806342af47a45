import { DateTime } from 'luxon';

/** Statistics count calendar days as the region lives them, whatever the server's own time zone. */
export const STATS_TIME_ZONE = 'Europe/Helsinki';

/** A half-open period of time: `from` is included, `to` is not. */
export interface DateRange {
    readonly from: Date;
    readonly to: Date;
}

/** A calendar date as typed on forms and the command line. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Event times are rounded to the hour, so a period of years holds only some ten thousand distinct `at` values:
 * remembering their dates keeps luxon's zone arithmetic out of the per-event loop.
 */
const dateCache = new Map<string, string>();
const DATE_CACHE_LIMIT = 100_000;

/** The ISO string of the start of the UTC hour `date` falls in (Helsinki's offsets are whole hours). */
export function startOfHour(date: Date): string {
    const hour = new Date(date.getTime());
    hour.setUTCMinutes(0, 0, 0);
    return hour.toISOString();
}

/** The Helsinki calendar date (YYYY-MM-DD) of an instant. */
export function helsinkiDate(instant: Date | string): string {
    const key = typeof instant === 'string' ? instant : instant.toISOString();
    let date = dateCache.get(key);
    if (date === undefined) {
        date = DateTime.fromISO(key, { zone: STATS_TIME_ZONE }).toISODate() ?? '';
        if (dateCache.size >= DATE_CACHE_LIMIT) dateCache.clear();
        dateCache.set(key, date);
    }
    return date;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
    return DATE_PATTERN.test(text) && DateTime.fromISO(text, { zone: STATS_TIME_ZONE }).isValid;
}

/** The instant a Helsinki calendar day begins (22:00 or 21:00 UTC the day before). */
export function startOfHelsinkiDay(date: string): Date {
    const start = DateTime.fromISO(date, { zone: STATS_TIME_ZONE });
    if (!start.isValid) throw new RangeError(`Not a calendar date: ${date}`);
    return start.toJSDate();
}

/** The calendar date after `date`. */
export function nextDate(date: string): string {
    return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate() ?? '';
}

/** Every Helsinki calendar date that has some part inside `range`, in order. */
export function datesInRange(range: DateRange): string[] {
    if (!(range.to.getTime() > range.from.getTime())) return [];
    const last = helsinkiDate(new Date(range.to.getTime() - 1));
    const dates: string[] = [];
    for (let date = helsinkiDate(range.from); date <= last; date = nextDate(date)) dates.push(date);
    return dates;
}

/** The ISO week (e.g. "2025-W11") a calendar date belongs to; weeks start on Monday, as in Finland. */
export function isoWeek(date: string): string {
    const day = DateTime.fromISO(date, { zone: 'utc' });
    return `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`;
}

/** The parts of an ISO week string, for labels. */
export function isoWeekParts(week: string): { year: number; week: number } {
    const [year = '0', number = '0'] = week.split('-W');
    return { year: Number(year), week: Number(number) };
}

/** Why a pair of dates was refused; `field` names the offending input. */
export class InvalidDateRangeError extends Error {
    constructor(
        /** Which input is wrong: 'from', 'to', or 'range' when both are dates but `from` is after `to`. */
        readonly field: 'from' | 'to' | 'range',
        message: string,
    ) {
        super(message);
        this.name = 'InvalidDateRangeError';
    }
}

/**
 * The period covering the calendar days `from` to `to`, both included, in Helsinki time: from the start of `from`
 * to the start of the day after `to`. Forms and the CLI speak in inclusive days; the stores and reports in instants.
 */
export function dayRange(from: string, to: string): DateRange {
    if (!isCalendarDate(from))
        throw new InvalidDateRangeError('from', `the start date is not a date YYYY-MM-DD: "${from}"`);
    if (!isCalendarDate(to)) throw new InvalidDateRangeError('to', `the end date is not a date YYYY-MM-DD: "${to}"`);
    if (from > to) throw new InvalidDateRangeError('range', `the start date ${from} is after the end date ${to}`);
    return { from: startOfHelsinkiDay(from), to: startOfHelsinkiDay(nextDate(to)) };
}

/** Number of calendar days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
    const days = DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days;
    return Math.round(days) + 1;
}
