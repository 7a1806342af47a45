import type { Activity } from 'botbuilder';
import { redactPersonalData } from '../privacy/redact.js';
import type { ConversationProfile, TranscriptLine } from './conversationProfile.js';

/** Lines kept for a handover: enough for a counsellor to read the story, no more (data minimisation). */
const MAX_LINES = 40;
const MAX_LINE_LENGTH = 500;

/**
 * Keeps the conversation's recent lines for a possible handover, redacted as they are written: identity codes,
 * phone numbers, e-mail addresses and bank accounts never reach storage through the transcript.
 */
export function appendTranscript(
    profile: ConversationProfile,
    from: TranscriptLine['from'],
    text: string,
    at: Date,
    choice = false,
): void {
    const clean = redactPersonalData(text).trim().slice(0, MAX_LINE_LENGTH);
    if (!clean) return;
    const transcript = (profile.transcript ??= []);
    transcript.push({ from, text: clean, at: at.toISOString(), ...(choice ? { choice } : {}) });
    if (transcript.length > MAX_LINES) transcript.splice(0, transcript.length - MAX_LINES);
}

/** What a bot message said, in words: its text and the headings of its cards. */
export function botMessageText(activity: Partial<Activity>): string {
    const headings = (activity.attachments ?? []).flatMap((attachment) => {
        const body = (attachment.content as { body?: { text?: unknown }[] } | undefined)?.body;
        const first = body?.[0]?.text;
        return typeof first === 'string' ? [first] : [];
    });
    return [activity.text ?? '', ...headings.map((heading) => `[${heading}]`)].filter(Boolean).join(' ');
}
