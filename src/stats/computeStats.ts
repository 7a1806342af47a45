import {
    LANGUAGES,
    LIFE_SITUATION_IDS,
    SERVICE_KINDS,
    type Language,
    type LifeSituationId,
    type ServiceKind,
} from '../content/vocabulary.js';
import { DANGER_CATEGORIES, HANDOVER_OUTCOMES, type HandoverOutcome } from '../handover/handoverRecord.js';
import type { DangerCategory } from '../safety/detectDanger.js';
import { datesInRange, helsinkiDate, isoWeek } from './helsinkiTime.js';
import { RATING_VALUES, type Rating, type StatsEvent, type StatsEventOf } from './statsEvents.js';

/**
 * Figures of service guidance from anonymous statistics events. Pure: the same events and filters always give the
 * same report. Days and weeks are Helsinki calendar days (ISO weeks from Monday).
 *
 * Counting rules:
 * - Only events with `from <= at < to` are seen; a conversation that spans the edge of the period is judged on the
 *   part inside it.
 * - A conversation is all events with the same `conversation` id. Staff feedback (a counsellor's rating of a handover
 *   summary) is not a conversation of its own and does not decide a conversation's language or channel.
 * - A conversation belongs to the day, channel and language of its resident events: the day and channel of its
 *   first one and the language of its last one (a resident who switches to Swedish is counted as Swedish-speaking).
 *   The language and channel filters keep or drop whole conversations by these.
 * - A conversation is guided when it completed a service path, viewed a service's details or had a search that
 *   found services.
 * - Event counts (handovers, callbacks, crisis interrupts, § 35 contacts, consultations, ratings) count events, on
 *   the day of the event.
 * - Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at rank ceil(p/100 × n).
 * - Averages are rounded to two decimals and rates to four, in the report and in the CSV alike.
 */

/** What to count. */
export interface StatsFilters {
    /** Start of the period (included). */
    readonly from: Date;
    /** End of the period (not included). */
    readonly to: Date;
    /** Only conversations in this language. */
    readonly language?: Language;
    /** Only conversations on this channel. */
    readonly channel?: string;
}

/** Optional callbacks for long computations; they do not change the result. */
export interface ComputeHooks {
    /** Called now and then with the conversations processed so far and their number. */
    readonly onProgress?: (done: number, total: number) => void;
}

export interface StatsTotals {
    conversations: number;
    /** Conversations with a path completed, service details viewed or a search that found services. */
    guided: number;
    handoversRequested: number;
    handoversAccepted: number;
    handoversClosed: number;
    callbacksRequested: number;
    crisisInterrupts: number;
    /** Contacts to social services under Social Welfare Act § 35. */
    socialCareContacts: number;
    professionalConsultations: number;
    /** Residents' feedback ratings. */
    feedback: number;
    /** Counsellors' ratings of handover summaries. */
    staffFeedback: number;
}

export interface ChannelCount {
    channel: string;
    count: number;
}

export interface LanguageCount {
    language: Language;
    count: number;
}

export interface ConversationsOnDay {
    date: string;
    total: number;
    /** Every channel of the period, in the order of {@link StatsReport.channels}. */
    byChannel: ChannelCount[];
    /** Every language, in the order fi, sv, en. */
    byLanguage: LanguageCount[];
}

export interface LifeSituationCount {
    lifeSituation: LifeSituationId;
    /** Times the life situation was chosen. */
    chosen: number;
    /** Times a service path of it was completed. */
    completed: number;
}

export interface ServiceKindCount {
    kind: ServiceKind;
    /** Searches that offered a service of this kind. */
    inSearchResults: number;
    /** Times a service of this kind had its details viewed. */
    detailsViewed: number;
    total: number;
}

export interface HandoversOnDay {
    date: string;
    requested: number;
    accepted: number;
    closed: number;
}

export interface WaitSummary {
    /** Accepted handovers with a wait. */
    count: number;
    /** Median wait in seconds; null without accepted handovers. */
    p50: number | null;
    /** 90th percentile of the wait in seconds; null without accepted handovers. */
    p90: number | null;
}

export interface OutcomeCount {
    outcome: HandoverOutcome;
    count: number;
}

export interface OneContactSummary {
    /** Conversations resolved in one contact (see {@link isResolvedInOneContact}). */
    resolved: number;
    /** Conversations that were guided or had a handover. */
    eligible: number;
    /** resolved / eligible, rounded to four decimals; null when nothing was eligible. */
    rate: number | null;
}

export interface RatingCount {
    rating: Rating;
    count: number;
}

export interface RatingSummary {
    count: number;
    /** Rounded to two decimals; null without ratings. */
    average: number | null;
    /** Ratings 1 to 5, zeros included. */
    distribution: RatingCount[];
}

export interface CategoryCount {
    category: DangerCategory;
    count: number;
}

export interface CrisisWeek {
    /** ISO week, e.g. "2025-W11". */
    week: string;
    total: number;
    byCategory: CategoryCount[];
}

/** One row of the daily CSV; every number is also in the report's other figures. */
export interface DailyRow {
    date: string;
    /** Conversations whose first event in the period was on this day. */
    conversations: number;
    /** Of those, the guided ones. */
    guided: number;
    /** Handovers requested on this day. */
    handovers: number;
    /** Conversations of this day resolved in one contact. */
    resolvedInOneContact: number;
    /** Residents' feedback ratings given on this day. */
    feedbackCount: number;
    /** Their average, rounded to two decimals; null without feedback. */
    averageRating: number | null;
    crisisInterrupts: number;
    socialCareContacts: number;
    professionalConsultations: number;
}

export interface StatsReport {
    period: {
        /** ISO instants of the filters. */
        from: string;
        to: string;
        language?: Language;
        channel?: string;
    };
    /** Channels of the conversations counted, sorted. */
    channels: string[];
    totals: StatsTotals;
    /** Every day of the period, zeros included. */
    conversationsPerDay: ConversationsOnDay[];
    /** Every life situation, most chosen first. */
    lifeSituations: LifeSituationCount[];
    /** Every service kind, most frequent (searches + details) first. */
    serviceKinds: ServiceKindCount[];
    handovers: {
        perDay: HandoversOnDay[];
        waitSeconds: WaitSummary;
    };
    /** Closed handovers by outcome, in the fixed outcome order. */
    outcomes: OutcomeCount[];
    oneContact: OneContactSummary;
    ratings: {
        residents: RatingSummary;
        staff: RatingSummary;
    };
    /** Every ISO week that has a day in the period. */
    crisisInterruptsPerWeek: CrisisWeek[];
    /** Every day of the period, for the CSV export. */
    daily: DailyRow[];
}

/**
 * One-contact resolution.
 *
 * A conversation is resolved in one contact when, within the reporting period, either
 *   (a) it completed a service path or viewed a service's details, and no handover to a counsellor was requested, or
 *   (b) its last closed handover was closed with the outcome "resolved";
 * and, in either case, the resident gave no feedback rating of 1 or 2 in that conversation.
 *
 * The one-contact resolution rate is the number of conversations resolved in one contact divided by the number of
 * conversations that were guided (a service path completed, service details viewed or a search that found services)
 * or had a handover (requested, accepted or closed). Every resolved conversation is also in the divisor.
 */
export function isResolvedInOneContact(events: readonly StatsEvent[]): boolean {
    if (events.some((event) => event.type === 'feedback' && event.rating <= 2)) return false;
    const sawService = events.some(
        (event) => event.type === 'path-completed' || event.type === 'service-details-viewed',
    );
    const askedForHandover = events.some((event) => event.type === 'handover-requested');
    const lastClose = events.filter((event) => event.type === 'handover-closed').at(-1);
    return (sawService && !askedForHandover) || lastClose?.outcome === 'resolved';
}

/** Whether a conversation was guided: see {@link StatsTotals.guided}. */
export function isGuided(events: readonly StatsEvent[]): boolean {
    return events.some(
        (event) =>
            event.type === 'path-completed' ||
            event.type === 'service-details-viewed' ||
            (event.type === 'search' && event.matched),
    );
}

/** Whether a conversation had a handover at any stage. */
function hadHandover(events: readonly StatsEvent[]): boolean {
    return events.some(
        (event) =>
            event.type === 'handover-requested' ||
            event.type === 'handover-accepted' ||
            event.type === 'handover-closed',
    );
}

/** What a conversation's resident events say about where it belongs. */
interface Conversation {
    readonly events: readonly StatsEvent[];
    /** Not only staff feedback: a conversation with a resident or a professional. */
    readonly counted: boolean;
    readonly day: string;
    readonly channel: string;
    readonly language: Language;
}

function describeConversation(events: readonly StatsEvent[]): Conversation {
    const own = events.filter((event) => event.type !== 'staff-feedback');
    const deciding = own.length > 0 ? own : events;
    const first = deciding[0]!;
    return {
        events,
        counted: own.length > 0,
        day: helsinkiDate(first.at),
        channel: first.channel,
        language: deciding.at(-1)!.language,
    };
}

/** Groups the period's events by conversation, each group in time order (ties keep the order they were stored in). */
function conversationsOf(events: readonly StatsEvent[], from: string, to: string): Conversation[] {
    const groups = new Map<string, StatsEvent[]>();
    for (const event of events) {
        if (event.at < from || event.at >= to) continue;
        const group = groups.get(event.conversation);
        if (group) group.push(event);
        else groups.set(event.conversation, [event]);
    }
    return [...groups.values()].map((group) => describeConversation(group.sort((a, b) => compare(a.at, b.at))));
}

/** The period's conversations that pass the language and channel filters. */
function filteredConversations(events: readonly StatsEvent[], filters: StatsFilters): Conversation[] {
    return conversationsOf(events, filters.from.toISOString(), filters.to.toISOString()).filter(
        (conversation) =>
            (filters.language === undefined || conversation.language === filters.language) &&
            (filters.channel === undefined || conversation.channel === filters.channel),
    );
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** How many conversations pass between progress calls. */
const PROGRESS_STEP = 1000;

/** The statistics report of `events` for the period and filters. Throws RangeError for an invalid period. */
export function computeStats(
    events: readonly StatsEvent[],
    filters: StatsFilters,
    hooks: ComputeHooks = {},
): StatsReport {
    const fromTime = filters.from.getTime();
    const toTime = filters.to.getTime();
    if (Number.isNaN(fromTime) || Number.isNaN(toTime)) throw new RangeError('Statistics: invalid period');
    if (fromTime > toTime) throw new RangeError('Statistics: the period starts after it ends');
    const from = filters.from.toISOString();
    const to = filters.to.toISOString();

    const conversations = filteredConversations(events, filters);

    const dates = datesInRange(filters);
    const weeks = [...new Set(dates.map(isoWeek))];
    const channels = [
        ...new Set(conversations.filter((conversation) => conversation.counted).map((c) => c.channel)),
    ].sort();

    const daily = new Map(dates.map((date) => [date, emptyDay(date)]));
    const perDayChannel = new Map(dates.map((date) => [date, new Map(channels.map((channel) => [channel, 0]))]));
    const perDayLanguage = new Map(
        dates.map((date) => [date, new Map<Language, number>(LANGUAGES.map((language) => [language, 0]))]),
    );
    const handoverDays = new Map(dates.map((date) => [date, { date, requested: 0, accepted: 0, closed: 0 }]));
    const dailyRatings = new Map(dates.map((date) => [date, { sum: 0, count: 0 }]));
    const lifeSituations = new Map(
        LIFE_SITUATION_IDS.map((lifeSituation) => [lifeSituation, { lifeSituation, chosen: 0, completed: 0 }]),
    );
    const kinds = new Map(
        SERVICE_KINDS.map((kind) => [kind, { kind, inSearchResults: 0, detailsViewed: 0, total: 0 }]),
    );
    const outcomes = new Map<HandoverOutcome, number>(HANDOVER_OUTCOMES.map((outcome) => [outcome, 0]));
    const crisisWeeks = new Map(
        weeks.map((week) => [week, new Map<DangerCategory, number>(DANGER_CATEGORIES.map((c) => [c, 0]))]),
    );
    const residentRatings: Rating[] = [];
    const staffRatings: Rating[] = [];
    const waits: number[] = [];
    const totals: StatsTotals = {
        conversations: 0,
        guided: 0,
        handoversRequested: 0,
        handoversAccepted: 0,
        handoversClosed: 0,
        callbacksRequested: 0,
        crisisInterrupts: 0,
        socialCareContacts: 0,
        professionalConsultations: 0,
        feedback: 0,
        staffFeedback: 0,
    };
    let resolved = 0;
    let eligible = 0;

    conversations.forEach((conversation, index) => {
        if (conversation.counted) {
            const day = daily.get(conversation.day)!;
            const guided = isGuided(conversation.events);
            const oneContact = isResolvedInOneContact(conversation.events);
            totals.conversations += 1;
            day.conversations += 1;
            increment(perDayChannel.get(conversation.day)!, conversation.channel);
            increment(perDayLanguage.get(conversation.day)!, conversation.language);
            if (guided) {
                totals.guided += 1;
                day.guided += 1;
            }
            if (guided || hadHandover(conversation.events)) eligible += 1;
            if (oneContact) {
                resolved += 1;
                day.resolvedInOneContact += 1;
            }
        }
        for (const event of conversation.events) {
            const date = helsinkiDate(event.at);
            const day = daily.get(date)!;
            switch (event.type) {
                case 'life-situation-chosen':
                    lifeSituations.get(event.lifeSituation)!.chosen += 1;
                    break;
                case 'path-completed':
                    lifeSituations.get(event.lifeSituation)!.completed += 1;
                    break;
                case 'search':
                    // A search that offers two services of one kind still counts once for that kind.
                    for (const kind of new Set(event.kinds)) kinds.get(kind)!.inSearchResults += 1;
                    break;
                case 'service-details-viewed':
                    kinds.get(event.kind)!.detailsViewed += 1;
                    break;
                case 'handover-requested':
                    totals.handoversRequested += 1;
                    day.handovers += 1;
                    handoverDays.get(date)!.requested += 1;
                    break;
                case 'handover-accepted':
                    totals.handoversAccepted += 1;
                    handoverDays.get(date)!.accepted += 1;
                    waits.push(event.waitSeconds);
                    break;
                case 'handover-closed':
                    totals.handoversClosed += 1;
                    handoverDays.get(date)!.closed += 1;
                    increment(outcomes, event.outcome);
                    break;
                case 'callback-requested':
                    totals.callbacksRequested += 1;
                    break;
                case 'crisis-interrupt':
                    totals.crisisInterrupts += 1;
                    day.crisisInterrupts += 1;
                    increment(crisisWeeks.get(isoWeek(date))!, event.category);
                    break;
                case 'feedback': {
                    totals.feedback += 1;
                    day.feedbackCount += 1;
                    residentRatings.push(event.rating);
                    const ratings = dailyRatings.get(date)!;
                    ratings.sum += event.rating;
                    ratings.count += 1;
                    break;
                }
                case 'staff-feedback':
                    totals.staffFeedback += 1;
                    staffRatings.push(event.rating);
                    break;
                case 'social-care-contact':
                    totals.socialCareContacts += 1;
                    day.socialCareContacts += 1;
                    break;
                case 'professional-consultation':
                    totals.professionalConsultations += 1;
                    day.professionalConsultations += 1;
                    break;
                case 'conversation-started':
                    break;
            }
        }
        if ((index + 1) % PROGRESS_STEP === 0) hooks.onProgress?.(index + 1, conversations.length);
    });
    hooks.onProgress?.(conversations.length, conversations.length);

    for (const kind of kinds.values()) kind.total = kind.inSearchResults + kind.detailsViewed;
    for (const [date, ratings] of dailyRatings) daily.get(date)!.averageRating = average(ratings.sum, ratings.count);

    return {
        period: {
            from,
            to,
            ...(filters.language !== undefined && { language: filters.language }),
            ...(filters.channel !== undefined && { channel: filters.channel }),
        },
        channels,
        totals,
        conversationsPerDay: dates.map((date) => {
            const byChannel = perDayChannel.get(date)!;
            const byLanguage = perDayLanguage.get(date)!;
            return {
                date,
                total: daily.get(date)!.conversations,
                byChannel: channels.map((channel) => ({ channel, count: byChannel.get(channel)! })),
                byLanguage: LANGUAGES.map((language) => ({ language, count: byLanguage.get(language)! })),
            };
        }),
        // Stable sorts: ties keep the vocabulary's order, so the report is the same on every run.
        lifeSituations: [...lifeSituations.values()].sort((a, b) => b.chosen - a.chosen || b.completed - a.completed),
        serviceKinds: [...kinds.values()].sort((a, b) => b.total - a.total),
        handovers: {
            perDay: [...handoverDays.values()],
            waitSeconds: { count: waits.length, p50: percentile(waits, 50), p90: percentile(waits, 90) },
        },
        outcomes: HANDOVER_OUTCOMES.map((outcome) => ({ outcome, count: outcomes.get(outcome)! })),
        oneContact: { resolved, eligible, rate: eligible === 0 ? null : round(resolved / eligible, 4) },
        ratings: { residents: summariseRatings(residentRatings), staff: summariseRatings(staffRatings) },
        crisisInterruptsPerWeek: weeks.map((week) => {
            const counts = crisisWeeks.get(week)!;
            const byCategory = DANGER_CATEGORIES.map((category) => ({ category, count: counts.get(category)! }));
            return { week, total: byCategory.reduce((sum, item) => sum + item.count, 0), byCategory };
        }),
        daily: [...daily.values()],
    };
}

function emptyDay(date: string): DailyRow {
    return {
        date,
        conversations: 0,
        guided: 0,
        handovers: 0,
        resolvedInOneContact: 0,
        feedbackCount: 0,
        averageRating: null,
        crisisInterrupts: 0,
        socialCareContacts: 0,
        professionalConsultations: 0,
    };
}

function increment<K>(counts: Map<K, number>, key: K): void {
    counts.set(key, (counts.get(key) ?? 0) + 1);
}

function round(value: number, decimals: number): number {
    const factor = 10 ** decimals;
    return Math.round(value * factor) / factor;
}

function average(sum: number, count: number): number | null {
    return count === 0 ? null : round(sum / count, 2);
}

/** Nearest-rank percentile; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[rank - 1]!;
}

function summariseRatings(ratings: readonly Rating[]): RatingSummary {
    const sum = ratings.reduce<number>((total, rating) => total + rating, 0);
    return {
        count: ratings.length,
        average: average(sum, ratings.length),
        distribution: RATING_VALUES.map((rating) => ({
            rating,
            count: ratings.filter((given) => given === rating).length,
        })),
    };
}

/** One resident's feedback for the dashboard's list. */
export interface FeedbackItem {
    at: string;
    rating: Rating;
    /** Redacted when stored. */
    comment?: string;
    language: Language;
    channel: string;
    lifeSituation?: LifeSituationId;
}

/**
 * Residents' feedback of the period under the same filters as {@link computeStats} (conversation language and
 * channel), newest first.
 */
export function feedbackItems(events: readonly StatsEvent[], filters: StatsFilters): FeedbackItem[] {
    return filteredConversations(events, filters)
        .flatMap((conversation) =>
            conversation.events.filter((event): event is StatsEventOf<'feedback'> => event.type === 'feedback'),
        )
        .map(({ at, rating, comment, language, channel, lifeSituation }) => ({
            at,
            rating,
            ...(comment !== undefined && { comment }),
            language,
            channel,
            ...(lifeSituation !== undefined && { lifeSituation }),
        }))
        .sort((a, b) => compare(b.at, a.at));
}
