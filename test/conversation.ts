import {
    ActivityTypes,
    ConversationState,
    MemoryStorage,
    TestAdapter,
    type Activity,
    type Attachment,
    type Storage,
    TurnContext,
} from 'botbuilder';
import { createMemoryHandoverQueue, type HandoverQueue } from '../src/handover/handoverQueue.js';
import { createMemoryLogger } from '../src/logger.js';
import { ConversationStats } from '../src/stats/conversationStats.js';
import { createMemoryStatsStore } from '../src/storage/statsFileStore.js';
import { LuotsiBot } from '../src/bot/luotsiBot.js';
import { createI18n } from '../src/i18n/i18n.js';
import { createMemoryFeedbackStore } from '../src/storage/feedbackStore.js';
import { realCatalogue, realSearch } from './helpers.js';

export interface ConversationOptions {
    /** Storage to share between conversations (a restart); a fresh MemoryStorage by default. */
    storage?: Storage;
    channelId?: string;
    locale?: string;
    /** Fixed clock for opening hours: a Wednesday 10:00 in Helsinki unless given. */
    now?: Date;
    /** A queue shared with another conversation or a counsellor API; a fresh in-memory one by default. */
    handovers?: HandoverQueue;
    handoffMode?: 'console' | 'event';
    /** Teams: personal chat, a channel or a group chat. */
    conversationType?: 'personal' | 'channel' | 'groupChat';
}

/** A Wednesday 10:00 in Helsinki: counsellors and most services are open. */
const DEFAULT_NOW = new Date('2026-12-02T10:00:00+02:00');

/** A resident talking to the bot through botbuilder's TestAdapter; each `say` returns every reply of that turn. */
export class Conversation {
    readonly storage: Storage;
    readonly feedback = createMemoryFeedbackStore();
    readonly handovers: HandoverQueue;
    readonly statsStore = createMemoryStatsStore();
    bot!: LuotsiBot;
    private adapter!: TestAdapter;

    private constructor(options: ConversationOptions) {
        this.storage = options.storage ?? new MemoryStorage();
        this.handovers = options.handovers ?? createMemoryHandoverQueue();
    }

    static async start(options: ConversationOptions = {}): Promise<Conversation> {
        const conversation = new Conversation(options);
        const bot = new LuotsiBot({
            catalogue: await realCatalogue(),
            search: await realSearch(),
            i18n: createI18n(),
            conversationState: new ConversationState(conversation.storage),
            feedback: conversation.feedback,
            handovers: conversation.handovers,
            stats: new ConversationStats(
                conversation.statsStore,
                createMemoryLogger(),
                () => options.now ?? DEFAULT_NOW,
            ),
            handoffMode: options.handoffMode,
            now: () => options.now ?? DEFAULT_NOW,
        });
        conversation.bot = bot;
        conversation.adapter = new TestAdapter((context) => bot.run(context), {
            channelId: options.channelId ?? 'test',
            locale: options.locale ?? 'fi-FI',
            ...(options.conversationType
                ? {
                      conversation: {
                          id: 'Convo1',
                          conversationType: options.conversationType,
                          isGroup: options.conversationType !== 'personal',
                          name: 'Convo1',
                      },
                  }
                : {}),
        });
        return conversation;
    }

    /** Sends a text, or a whole activity (a card submission, an attachment), and returns the bot's replies. */
    async say(message: string | Partial<Activity>): Promise<Partial<Activity>[]> {
        await this.adapter.processActivity(
            typeof message === 'string'
                ? { type: ActivityTypes.Message, text: message }
                : { type: ActivityTypes.Message, ...message },
        );
        return this.adapter.activeQueue.splice(0);
    }

    /** Runs a proactive turn of this conversation, as the handover relay does for counsellor events. */
    async proactive(logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
        const activity = TurnContext.applyConversationReference(
            { type: ActivityTypes.Event, name: 'proactive' },
            this.adapter.conversation,
            true,
        );
        await logic(new TurnContext(this.adapter, activity));
        return this.adapter.activeQueue.splice(0);
    }

    /** The welcome event a channel sends when the chat opens. */
    async open(): Promise<Partial<Activity>[]> {
        await this.adapter.processActivity({
            type: ActivityTypes.ConversationUpdate,
            membersAdded: [{ id: 'resident', name: 'Resident' }],
            recipient: { id: 'bot', name: 'Luotsi' },
        });
        return this.adapter.activeQueue.splice(0);
    }

    /** Presses a card's submit button. */
    submit(value: Record<string, unknown>): Promise<Partial<Activity>[]> {
        return this.say({ text: undefined, value, channelData: { postBack: true } });
    }
}

/** Everything a resident sees in replies: texts, card texts and button titles, joined for assertions. */
export function shown(replies: readonly Partial<Activity>[]): string {
    return replies
        .map((reply) => [reply.text ?? '', ...(reply.attachments ?? []).map(cardText), ...buttons(reply)].join('\n'))
        .join('\n---\n');
}

export function buttons(reply: Partial<Activity> | undefined): string[] {
    return (reply?.suggestedActions?.actions ?? []).map((action) => String(action.title));
}

export function lastButtons(replies: readonly Partial<Activity>[]): string[] {
    return buttons(replies.at(-1));
}

function cardText(attachment: Attachment): string {
    const texts: string[] = [];
    const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
            for (const [key, value] of Object.entries(node)) {
                if ((key === 'text' || key === 'title') && typeof value === 'string') texts.push(value);
                else walk(value);
            }
        }
    };
    walk(attachment.content);
    return texts.join('\n');
}

/** Card submissions in the replies, for pressing "more information" like a resident would. */
export function submitData(replies: readonly Partial<Activity>[]): Record<string, unknown>[] {
    const data: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
            const record = node as Record<string, unknown>;
            if (record.type === 'Action.Submit' && record.data && typeof record.data === 'object')
                data.push(record.data as Record<string, unknown>);
            Object.values(record).forEach(walk);
        }
    };
    replies.forEach((reply) => walk(reply.attachments?.map((attachment) => attachment.content)));
    return data;
}
