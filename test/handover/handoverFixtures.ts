import { newHandover, type HandoverRecord, type NewHandoverInput } from '../../src/handover/handoverRecord.js';

/** Personal data a resident might type, and what must never reach the stored record. */
export const PERSONAL = {
    hetu: '131052-308T',
    phone: '040 123 4567',
    email: 'matti.meikalainen@example.fi',
    iban: 'FI21 1234 5600 0007 85',
} as const;

/** The number the resident gives for a callback, with consent: the one phone number that is kept. */
export const CONTACT_PHONE = '040 765 4321';

export const T0 = new Date('2025-03-14T09:00:00.000Z');

/** `minutes` after {@link T0}. */
export function at(minutes: number): Date {
    return new Date(T0.getTime() + minutes * 60_000);
}

export function conversationRef(conversationId = 'conv-1'): Record<string, unknown> {
    return {
        activityId: 'act-1',
        bot: { id: 'luotsi', name: 'Luotsi' },
        channelId: 'webchat',
        conversation: { id: conversationId },
        serviceUrl: 'http://127.0.0.1:3978',
        user: { id: 'user-1', role: 'user' },
    };
}

export function handoverInput(overrides: Partial<NewHandoverInput> = {}): NewHandoverInput {
    return {
        createdAt: T0,
        language: 'fi',
        channel: 'webchat',
        reason: 'asked',
        lifeSituations: ['older-people'],
        suggestedServiceIds: ['demo-home-care'],
        summary: {
            situation: { residentWords: 'Äiti ei enää pärjää kotona yksin.' },
            recommendation: { request: 'chat-now' },
        },
        contact: { preference: 'chat-now', consentGiven: true },
        transcript: [
            { from: 'resident', text: 'Äiti ei enää pärjää kotona yksin.', at: T0 },
            { from: 'bot', text: 'Kerro vähän lisää.', at: T0 },
        ],
        conversationRef: conversationRef(),
        ...overrides,
    };
}

/** A valid waiting handover created `minutes` after T0. */
export function handover(minutes = 0, overrides: Partial<NewHandoverInput> = {}): HandoverRecord {
    return newHandover(handoverInput({ createdAt: at(minutes), ...overrides }));
}
