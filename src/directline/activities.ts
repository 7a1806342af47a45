import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { ActivityDraft, Conversation, StoredActivity } from './conversations.js';

/** The channel id Web Chat uses; Luotsi's card support keys on it. */
export const CHANNEL_ID = 'webchat';
/** The bot's account in local conversations; Azure would use the bot's handle. */
export const LOCAL_BOT_ID = 'luotsi';
/** Direct Line's limit on a message's text. */
export const MAX_TEXT_LENGTH = 4000;
/** A posted activity is typed text or a card submit; anything bigger is not a resident writing. */
export const MAX_POSTED_ACTIVITY_BYTES = 64 * 1024;

/** A Direct Line error answer: `{error: {code, message}}` with its HTTP status. */
export interface DirectLineProblem {
    readonly status: number;
    readonly code: string;
    readonly message: string;
}

const Json = z.record(z.string(), z.unknown());

/**
 * What a client may set on an activity it posts; everything else (id, timestamp, from, recipient, conversation,
 * serviceUrl) is the channel's to decide, so unknown keys are dropped.
 */
const PostedActivity = z.object({
    type: z.enum(['message', 'event', 'typing'], { error: 'type must be message, event or typing' }),
    name: z.string().max(200).optional(),
    text: z.string().optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    value: z.unknown().optional(),
    attachments: z.array(Json).max(10).optional(),
    channelData: Json.optional(),
    entities: z.array(Json).max(20).optional(),
    locale: z.string().max(35).optional(),
    localTimestamp: z.string().max(64).optional(),
    localTimezone: z.string().max(64).optional(),
});

/**
 * Checks a client's activity and turns it into what the conversation stores: the user's own fields (with
 * `channelData.clientActivityID` untouched, which Web Chat needs to see its message as sent) plus the channel's.
 */
export function userActivityDraft(
    body: unknown,
    conversation: Conversation,
): { ok: true; draft: ActivityDraft } | { ok: false; problem: DirectLineProblem } {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return { ok: false, problem: badArgument('body must be an activity (JSON object)') };
    }
    const { text } = body as { text?: unknown };
    if (typeof text === 'string' && text.length > MAX_TEXT_LENGTH) {
        return { ok: false, problem: tooBig(`text is longer than ${MAX_TEXT_LENGTH} characters`) };
    }
    if (JSON.stringify(body).length > MAX_POSTED_ACTIVITY_BYTES) {
        return { ok: false, problem: tooBig(`activity is larger than ${MAX_POSTED_ACTIVITY_BYTES} bytes`) };
    }
    const parsed = PostedActivity.safeParse(body);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, problem: badArgument(`${issue?.path.join('.') || 'activity'}: ${issue?.message}`) };
    }
    return {
        ok: true,
        draft: {
            ...parsed.data,
            channelId: CHANNEL_ID,
            conversation: { id: conversation.id },
            from: { id: conversation.userId, role: 'user' },
        },
    };
}

/**
 * What the bot's connector sends back (a reply or a proactive message), as the conversation stores it: the bot's
 * fields with the channel's own identity on top.
 */
export function botActivityDraft(
    body: unknown,
    conversationId: string,
    replyToId: string | undefined,
): { ok: true; draft: ActivityDraft } | { ok: false; problem: DirectLineProblem } {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return { ok: false, problem: badArgument('body must be an activity (JSON object)') };
    }
    // Id and timestamp are assigned by the store; the serviceUrl is this server and not the browser's business.
    const { id: _id, timestamp: _timestamp, serviceUrl: _serviceUrl, ...fields } = body as Record<string, unknown>;
    if (typeof fields.type !== 'string' || fields.type === '' || fields.type.length > 64) {
        return { ok: false, problem: badArgument('activity type is missing') };
    }
    const from = fields.from as { name?: unknown } | undefined;
    return {
        ok: true,
        draft: {
            ...fields,
            ...(replyToId !== undefined ? { replyToId } : {}),
            channelId: CHANNEL_ID,
            conversation: { id: conversationId },
            from: {
                id: LOCAL_BOT_ID,
                ...(typeof from?.name === 'string' ? { name: from.name.slice(0, 100) } : {}),
                role: 'bot',
            },
        },
    };
}

/** Where the bot's CloudAdapter finds the channel, and who the bot is there. */
export interface ChannelAddress {
    readonly serviceUrl: string;
    readonly botId: string;
}

/**
 * A stored user activity as a Bot Framework channel delivers it to the bot: with the serviceUrl the replies go to,
 * the bot as recipient, and the timestamps as Dates as botbuilder's own request parsing leaves them.
 */
export function activityForBot(stored: StoredActivity, conversation: Conversation, channel: ChannelAddress): Activity {
    const { localTimestamp } = stored;
    const local = typeof localTimestamp === 'string' ? new Date(localTimestamp) : undefined;
    const activity: Record<string, unknown> = {
        ...stored,
        channelId: CHANNEL_ID,
        serviceUrl: channel.serviceUrl,
        conversation: { id: conversation.id },
        from: { id: conversation.userId, role: 'user' },
        recipient: { id: channel.botId, role: 'bot' },
        rawTimestamp: stored.timestamp,
        timestamp: new Date(stored.timestamp),
        ...(local && !Number.isNaN(local.getTime())
            ? { localTimestamp: local, rawLocalTimestamp: localTimestamp }
            : { localTimestamp: undefined }),
    };
    return asActivity(activity);
}

/**
 * The conversationUpdate a channel sends when a conversation starts, so the bot can greet the resident before they
 * type. Not stored: Direct Line clients do not see it.
 */
export function conversationStartForBot(
    conversation: Conversation,
    channel: ChannelAddress,
    now: Date,
    locale?: string,
): Activity {
    const user = { id: conversation.userId, role: 'user' };
    const bot = { id: channel.botId, role: 'bot' };
    return asActivity({
        type: 'conversationUpdate',
        id: randomUUID(),
        channelId: CHANNEL_ID,
        serviceUrl: channel.serviceUrl,
        timestamp: now,
        rawTimestamp: now.toISOString(),
        conversation: { id: conversation.id },
        from: user,
        recipient: bot,
        membersAdded: [bot, user],
        ...(locale ? { locale } : {}),
    });
}

/**
 * botbuilder's Activity type marks fields as required that the wire format leaves out (text, label, valueType,
 * listenFor, account names, …); its own HTTP path casts the parsed JSON the same way.
 */
function asActivity(activity: Record<string, unknown>): Activity {
    return activity as unknown as Activity;
}

function badArgument(message: string): DirectLineProblem {
    return { status: 400, code: 'BadArgument', message };
}

function tooBig(message: string): DirectLineProblem {
    return { status: 413, code: 'MessageSizeTooBig', message };
}
