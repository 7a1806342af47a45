import type { Language } from '../../src/content/vocabulary.js';
import { dayRange } from '../../src/stats/helsinkiTime.js';
import { parseStatsEvent, type StatsEvent, type StatsEventBody } from '../../src/stats/statsEvents.js';

/**
 * A hand-written week of events, Monday 10 to Sunday 16 March 2025 (Helsinki, UTC+2), with every figure worked out
 * by hand in computeStats.test.ts. Times are UTC; 22:00Z is midnight in Helsinki.
 *
 *  A webchat fi  10.3.  life situation, matched search, details, path completed, rating 5       → guided, resolved
 *  B webchat sv  10.3.  unmatched search, handover asked 23:00 local; accepted, closed resolved
 *                       and rated 4 after midnight (11.3.)                                      → resolved by handover
 *  C msteams fi  11.3.  professional consultation, handover closed as social-care-contact, § 35
 *                       contact; staff rating 4 given in English (must not make C English)      → eligible, not resolved
 *  D webchat fi→sv 12.3. life situation, matched search, details, then rating 2                 → guided, not resolved
 *  E webchat en  13.3.  crisis interrupt, two handovers: referred, then resolved                → resolved (last close)
 *  F webchat fi  14.3.  matched search (a kind twice), callback, handover never closed          → guided, not resolved
 *  G webchat fi  15.3.  started only                                                             → not eligible
 *  H webchat sv  16.3.  23:00 local: two crisis interrupts                                       → not eligible
 *  K msteams fi  12.3.  staff rating 2 only                                                      → not a conversation
 *  L msteams fi  13.3.  § 35 contact without handover                                            → not eligible
 *  M webchat fi  handover asked 9.3. (before the period), closed resolved 10.3.                 → resolved
 *  I, J          just after and just before the period                                          → not counted
 */
export const WEEK = dayRange('2025-03-10', '2025-03-16');

export const CONVERSATION_IDS = {
    A: '00000000-0000-4000-8000-00000000000a',
    B: '00000000-0000-4000-8000-00000000000b',
    C: '00000000-0000-4000-8000-00000000000c',
    D: '00000000-0000-4000-8000-00000000000d',
    E: '00000000-0000-4000-8000-00000000000e',
    F: '00000000-0000-4000-8000-00000000000f',
    G: '00000000-0000-4000-8000-000000000010',
    H: '00000000-0000-4000-8000-000000000011',
    I: '00000000-0000-4000-8000-000000000012',
    J: '00000000-0000-4000-8000-000000000013',
    K: '00000000-0000-4000-8000-000000000014',
    L: '00000000-0000-4000-8000-000000000015',
    M: '00000000-0000-4000-8000-000000000016',
} as const;

type Key = keyof typeof CONVERSATION_IDS;

/** One stored event, validated like the store does. */
export function event(key: Key, at: string, channel: string, language: Language, body: StatsEventBody): StatsEvent {
    return parseStatsEvent({ ...body, at, conversation: CONVERSATION_IDS[key], channel, language });
}

export function weekEvents(): StatsEvent[] {
    return [
        event('J', '2025-03-09T21:00:00.000Z', 'webchat', 'fi', { type: 'conversation-started' }),
        event('M', '2025-03-09T20:00:00.000Z', 'webchat', 'fi', {
            type: 'handover-requested',
            reason: 'asked',
            urgency: 'normal',
        }),
        event('M', '2025-03-10T06:00:00.000Z', 'webchat', 'fi', {
            type: 'handover-closed',
            outcome: 'resolved',
            durationSeconds: 1200,
        }),

        event('A', '2025-03-10T08:00:00.000Z', 'webchat', 'fi', { type: 'conversation-started' }),
        event('A', '2025-03-10T08:00:00.000Z', 'webchat', 'fi', {
            type: 'life-situation-chosen',
            lifeSituation: 'older-people',
        }),
        event('A', '2025-03-10T08:00:00.000Z', 'webchat', 'fi', {
            type: 'search',
            matched: true,
            kinds: ['home-care', 'senior-services'],
        }),
        event('A', '2025-03-10T08:00:00.000Z', 'webchat', 'fi', { type: 'service-details-viewed', kind: 'home-care' }),
        event('A', '2025-03-10T09:00:00.000Z', 'webchat', 'fi', {
            type: 'path-completed',
            lifeSituation: 'older-people',
        }),
        event('A', '2025-03-10T09:00:00.000Z', 'webchat', 'fi', {
            type: 'feedback',
            rating: 5,
            comment: 'Kiitos, löysin kotihoidon!',
            lifeSituation: 'older-people',
        }),

        event('B', '2025-03-10T21:00:00.000Z', 'webchat', 'sv', { type: 'conversation-started' }),
        event('B', '2025-03-10T21:00:00.000Z', 'webchat', 'sv', { type: 'search', matched: false, kinds: [] }),
        event('B', '2025-03-10T21:00:00.000Z', 'webchat', 'sv', {
            type: 'handover-requested',
            reason: 'no-match',
            urgency: 'normal',
        }),
        event('B', '2025-03-10T22:00:00.000Z', 'webchat', 'sv', { type: 'handover-accepted', waitSeconds: 120 }),
        event('B', '2025-03-10T22:00:00.000Z', 'webchat', 'sv', {
            type: 'handover-closed',
            outcome: 'resolved',
            durationSeconds: 600,
        }),
        event('B', '2025-03-10T22:00:00.000Z', 'webchat', 'sv', { type: 'feedback', rating: 4 }),

        event('C', '2025-03-11T09:00:00.000Z', 'msteams', 'fi', { type: 'conversation-started' }),
        event('C', '2025-03-11T09:00:00.000Z', 'msteams', 'fi', { type: 'professional-consultation' }),
        event('C', '2025-03-11T09:00:00.000Z', 'msteams', 'fi', {
            type: 'handover-requested',
            reason: 'professional-consult',
            urgency: 'normal',
        }),
        event('C', '2025-03-11T09:00:00.000Z', 'msteams', 'fi', { type: 'handover-accepted', waitSeconds: 30 }),
        event('C', '2025-03-11T10:00:00.000Z', 'msteams', 'fi', {
            type: 'handover-closed',
            outcome: 'social-care-contact',
            durationSeconds: 900,
        }),
        event('C', '2025-03-11T10:00:00.000Z', 'msteams', 'fi', { type: 'social-care-contact' }),
        event('C', '2025-03-11T10:00:00.000Z', 'msteams', 'en', { type: 'staff-feedback', rating: 4 }),

        event('K', '2025-03-12T08:00:00.000Z', 'msteams', 'fi', { type: 'staff-feedback', rating: 2 }),

        event('D', '2025-03-12T10:00:00.000Z', 'webchat', 'fi', { type: 'conversation-started' }),
        event('D', '2025-03-12T10:00:00.000Z', 'webchat', 'fi', {
            type: 'life-situation-chosen',
            lifeSituation: 'families-with-children',
        }),
        event('D', '2025-03-12T11:00:00.000Z', 'webchat', 'sv', {
            type: 'search',
            matched: true,
            kinds: ['maternity-child-clinic', 'family-support'],
        }),
        event('D', '2025-03-12T11:00:00.000Z', 'webchat', 'sv', {
            type: 'service-details-viewed',
            kind: 'maternity-child-clinic',
        }),
        event('D', '2025-03-12T11:00:00.000Z', 'webchat', 'sv', {
            type: 'feedback',
            rating: 2,
            comment: 'Svårt att hitta <rätt> tid & plats',
        }),

        event('L', '2025-03-13T08:00:00.000Z', 'msteams', 'fi', { type: 'conversation-started' }),
        event('L', '2025-03-13T08:00:00.000Z', 'msteams', 'fi', { type: 'social-care-contact' }),

        event('E', '2025-03-13T12:00:00.000Z', 'webchat', 'en', { type: 'conversation-started' }),
        event('E', '2025-03-13T12:00:00.000Z', 'webchat', 'en', { type: 'crisis-interrupt', category: 'self-harm' }),
        event('E', '2025-03-13T12:00:00.000Z', 'webchat', 'en', {
            type: 'handover-requested',
            reason: 'crisis',
            urgency: 'crisis',
        }),
        event('E', '2025-03-13T12:00:00.000Z', 'webchat', 'en', { type: 'handover-accepted', waitSeconds: 10 }),
        event('E', '2025-03-13T12:00:00.000Z', 'webchat', 'en', {
            type: 'handover-closed',
            outcome: 'referred',
            durationSeconds: 300,
        }),
        event('E', '2025-03-13T13:00:00.000Z', 'webchat', 'en', {
            type: 'handover-requested',
            reason: 'asked',
            urgency: 'high',
        }),
        event('E', '2025-03-13T13:00:00.000Z', 'webchat', 'en', { type: 'handover-accepted', waitSeconds: 400 }),
        event('E', '2025-03-13T13:00:00.000Z', 'webchat', 'en', {
            type: 'handover-closed',
            outcome: 'resolved',
            durationSeconds: 200,
        }),

        event('F', '2025-03-14T07:00:00.000Z', 'webchat', 'fi', { type: 'conversation-started' }),
        event('F', '2025-03-14T07:00:00.000Z', 'webchat', 'fi', {
            type: 'search',
            matched: true,
            kinds: ['dental-care', 'dental-care', 'health-centre'],
        }),
        event('F', '2025-03-14T07:00:00.000Z', 'webchat', 'fi', { type: 'callback-requested' }),
        event('F', '2025-03-14T07:00:00.000Z', 'webchat', 'fi', {
            type: 'handover-requested',
            reason: 'asked',
            urgency: 'normal',
        }),

        event('G', '2025-03-15T10:00:00.000Z', 'webchat', 'fi', { type: 'conversation-started' }),

        event('H', '2025-03-16T21:00:00.000Z', 'webchat', 'sv', { type: 'conversation-started' }),
        event('H', '2025-03-16T21:00:00.000Z', 'webchat', 'sv', { type: 'crisis-interrupt', category: 'violence' }),
        event('H', '2025-03-16T21:00:00.000Z', 'webchat', 'sv', {
            type: 'crisis-interrupt',
            category: 'medical-emergency',
        }),

        event('I', '2025-03-16T22:00:00.000Z', 'webchat', 'fi', { type: 'conversation-started' }),
    ];
}
