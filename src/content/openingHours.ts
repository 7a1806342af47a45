import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { ServiceHours } from './schema.js';
import { WEEKDAYS, type Weekday } from './vocabulary.js';

/** PTV service hours are published in Finnish local time. */
const ZONE = 'Europe/Helsinki';
/** How far ahead we look for the next opening; past that the answer is "check the service's site". */
const SEARCH_DAYS = 14;

export interface OpeningStatus {
    open: boolean;
    /** when it next opens (if closed now) */
    nextOpening?: Date;
    /** when it closes (if open now); omitted when it does not close within the search horizon */
    closesAt?: Date;
}

/**
 * Holidays that close a service with `closedOnPublicHolidays`, keyed by the date-holidays FI rule.
 * All of Finland's official public holidays, plus Midsummer Eve and Christmas Eve, which date-holidays
 * types only as 'bank' but on which welfare-region offices are closed in practice. New Year's Eve
 * (also 'bank') is a normal working day and is deliberately left out.
 */
export const CLOSING_HOLIDAYS: Readonly<Record<string, string>> = {
    '01-01': "New Year's Day",
    '01-06': 'Epiphany',
    'easter -2': 'Good Friday',
    easter: 'Easter Sunday',
    'easter 1': 'Easter Monday',
    '05-01': 'May Day',
    'easter 39': 'Ascension Day',
    'easter 49': 'Whit Sunday',
    'friday after 06-19': 'Midsummer Eve',
    'saturday after 06-20': 'Midsummer Day',
    'saturday after 10-31': "All Saints' Day",
    '12-06': 'Independence Day',
    '12-24': 'Christmas Eve',
    '12-25': 'Christmas Day',
    '12-26': "St Stephen's Day",
};

const holidays = new Holidays('FI');
/** Holiday dates ('YYYY-MM-DD', Helsinki) per year; the rules are fixed, so caching keeps results pure. */
const closingDatesByYear = new Map<number, ReadonlySet<string>>();

function closingDates(year: number): ReadonlySet<string> {
    let dates = closingDatesByYear.get(year);
    if (!dates) {
        // date-holidays reports FI dates as Helsinki wall-clock strings "YYYY-MM-DD hh:mm:ss".
        dates = new Set(
            holidays
                .getHolidays(year)
                .filter((holiday) => Object.hasOwn(CLOSING_HOLIDAYS, holiday.rule))
                .map((holiday) => holiday.date.slice(0, 10)),
        );
        closingDatesByYear.set(year, dates);
    }
    return dates;
}

function isClosingDay(day: DateTime): boolean {
    return closingDates(day.year).has(day.toISODate() ?? '');
}

/** True when the Helsinki calendar date of `date` is a holiday in CLOSING_HOLIDAYS (incl. the de facto eves). */
export function isFinnishPublicHoliday(date: Date): boolean {
    return isClosingDay(DateTime.fromJSDate(date, { zone: ZONE }));
}

interface Interval {
    start: number;
    end: number;
}

/** `day` (a Helsinki midnight) at wall-clock "HH:MM"; "24:00" is the next midnight, not an invalid hour. */
function atClock(day: DateTime, clock: string): DateTime {
    const [hour = 0, minute = 0] = clock.split(':').map(Number);
    const base = hour >= 24 ? day.plus({ days: 1 }) : day;
    // Setting wall-clock fields (not adding hours) keeps DST days right; luxon moves a time in the
    // spring-forward gap to just after it.
    return base.set({ hour: hour % 24, minute });
}

function coversWeekday(from: Weekday, to: Weekday | undefined, day: Weekday): boolean {
    const first = WEEKDAYS.indexOf(from);
    const last = WEEKDAYS.indexOf(to ?? from);
    const index = WEEKDAYS.indexOf(day);
    // A range such as sat–mon wraps past Sunday.
    return first <= last ? first <= index && index <= last : index >= first || index <= last;
}

/** Removes whole holiday calendar days: a night row running into a holiday closes at its midnight. */
function withoutHolidays(interval: Interval): Interval[] {
    const parts: Interval[] = [];
    let day = DateTime.fromMillis(interval.start, { zone: ZONE }).startOf('day');
    while (day.toMillis() < interval.end) {
        const next = day.plus({ days: 1 });
        if (!isClosingDay(day)) {
            const start = Math.max(interval.start, day.toMillis());
            const end = Math.min(interval.end, next.toMillis());
            const last = parts.at(-1);
            if (last && last.end === start) last.end = end;
            else parts.push({ start, end });
        }
        day = next;
    }
    return parts;
}

/** Joins touching or overlapping rows so closesAt is the real closing, not a row boundary at midnight. */
function merge(intervals: Interval[]): Interval[] {
    const sorted = [...intervals].sort((a, b) => a.start - b.start);
    const merged: Interval[] = [];
    for (const interval of sorted) {
        const last = merged.at(-1);
        if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
        else merged.push({ ...interval });
    }
    return merged;
}

/** Whether the service is open at `now` (Helsinki time), and when it closes or next opens. */
export function openingStatus(hours: ServiceHours, now: Date): OpeningStatus {
    if ('alwaysOpen' in hours) return { open: true };

    const nowMs = now.getTime();
    const horizon = DateTime.fromJSDate(now, { zone: ZONE }).plus({ days: SEARCH_DAYS }).toMillis();
    const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');

    const intervals: Interval[] = [];
    // Start yesterday for rows running past midnight; end a day past the horizon so runs are not cut short.
    for (let offset = -1; offset <= SEARCH_DAYS + 1; offset++) {
        const day = today.plus({ days: offset });
        const weekday = WEEKDAYS[day.weekday - 1];
        if (!weekday) continue;
        for (const row of hours.weekly) {
            if (!coversWeekday(row.dayFrom, row.dayTo, weekday)) continue;
            const start = atClock(day, row.from);
            // to <= from means the row runs over midnight (00:00–00:00 is a full day).
            const end = row.to <= row.from ? atClock(day.plus({ days: 1 }), row.to) : atClock(day, row.to);
            if (end > start) intervals.push({ start: start.toMillis(), end: end.toMillis() });
        }
    }

    const open = merge(hours.closedOnPublicHolidays ? intervals.flatMap(withoutHolidays) : intervals);
    const current = open.find((interval) => interval.start <= nowMs && nowMs < interval.end);
    if (current) return current.end <= horizon ? { open: true, closesAt: new Date(current.end) } : { open: true };

    const next = open.find((interval) => interval.start > nowMs && interval.start <= horizon);
    return next ? { open: false, nextOpening: new Date(next.start) } : { open: false };
}
