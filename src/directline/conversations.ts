import { randomBytes } from 'node:crypto';

/** An activity as the Direct Line stream hands it out: always with the id and timestamp the store assigned. */
export type StoredActivity = Readonly<Record<string, unknown>> & { readonly id: string; readonly timestamp: string };

/** What a caller appends: anything but the id and timestamp, which only the store assigns. */
export type ActivityDraft = Readonly<Record<string, unknown>>;

/** A conversation of the local Direct Line channel; `userId` is the only user its tokens speak for. */
export interface Conversation {
    readonly id: string;
    readonly userId: string;
}

/** Activities after a watermark, and the watermark to ask with next time. */
export interface ActivityPage {
    readonly activities: readonly StoredActivity[];
    readonly watermark: number;
}

/**
 * The conversations of the local Direct Line endpoint. Asynchronous although the memory implementation is not,
 * so that a shared (Redis) store can take its place when Luotsi runs on more than one instance.
 */
export interface ConversationStore {
    create(userId: string): Promise<Conversation>;
    /** The conversation, or undefined when it never existed, expired or was evicted; counts as activity. */
    get(conversationId: string): Promise<Conversation | undefined>;
    /** Marks the conversation started; `first` is true only for the first call, when the bot must be told. */
    start(conversationId: string): Promise<{ conversation: Conversation; first: boolean } | undefined>;
    /** Appends with the next id (`<conversationId>|0000001`) and the store's timestamp; undefined if it is gone. */
    append(conversationId: string, draft: ActivityDraft): Promise<StoredActivity | undefined>;
    /** The retained activities newer than `watermark` (0 = all), or undefined if the conversation is gone. */
    activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage | undefined>;
}

export interface MemoryConversationStoreOptions {
    /** A conversation nobody has touched for this long is dropped (Web Chat polls every second while open). */
    readonly idleMs?: number;
    /** At most this many conversations; creating one more drops the one idle the longest. */
    readonly maxConversations?: number;
    /** Only the newest activities are kept: a client that is this far behind has long lost the thread anyway. */
    readonly maxActivitiesPerConversation?: number;
    /** Serialised size kept per conversation; oldest activities go first (the newest one always stays). */
    readonly maxBytesPerConversation?: number;
    /** Serialised size kept over all conversations; over it, the conversations idle the longest are dropped. */
    readonly maxTotalBytes?: number;
    /** Milliseconds since the epoch; injected so tests can move time. */
    readonly now?: () => number;
}

export const CONVERSATION_DEFAULTS = {
    idleMs: 60 * 60 * 1000,
    maxConversations: 2000,
    maxActivitiesPerConversation: 500,
    maxBytesPerConversation: 1024 * 1024,
    maxTotalBytes: 256 * 1024 * 1024,
} as const;

interface Entry {
    readonly conversation: Conversation;
    readonly activities: { readonly activity: StoredActivity; readonly sequence: number; readonly bytes: number }[];
    sequence: number;
    bytes: number;
    lastSeen: number;
    started: boolean;
}

/** One process's conversations, in memory and bounded in number, age and size. */
export class MemoryConversationStore implements ConversationStore {
    private readonly options: Required<MemoryConversationStoreOptions>;
    /** In least-recently-touched order: touching re-inserts, so expiry and eviction look only at the front. */
    private readonly entries = new Map<string, Entry>();
    private totalBytes = 0;

    constructor(options: MemoryConversationStoreOptions = {}) {
        this.options = { ...CONVERSATION_DEFAULTS, now: Date.now, ...options };
    }

    /** How many conversations are held now (expired ones may linger until the next create). */
    get size(): number {
        return this.entries.size;
    }

    async create(userId: string): Promise<Conversation> {
        const now = this.options.now();
        this.dropExpired(now);
        while (this.entries.size >= this.options.maxConversations) this.dropOldest();
        const conversation: Conversation = { id: randomBytes(18).toString('base64url'), userId };
        this.entries.set(conversation.id, {
            conversation,
            activities: [],
            sequence: 0,
            bytes: 0,
            lastSeen: now,
            started: false,
        });
        return conversation;
    }

    async get(conversationId: string): Promise<Conversation | undefined> {
        return this.touch(conversationId)?.conversation;
    }

    async start(conversationId: string): Promise<{ conversation: Conversation; first: boolean } | undefined> {
        const entry = this.touch(conversationId);
        if (!entry) return undefined;
        const first = !entry.started;
        entry.started = true;
        return { conversation: entry.conversation, first };
    }

    async append(conversationId: string, draft: ActivityDraft): Promise<StoredActivity | undefined> {
        const now = this.options.now();
        const entry = this.touch(conversationId, now);
        if (!entry) return undefined;
        entry.sequence += 1;
        const activity: StoredActivity = {
            ...draft,
            id: `${conversationId}|${String(entry.sequence).padStart(7, '0')}`,
            timestamp: new Date(now).toISOString(),
        };
        const bytes = JSON.stringify(activity).length;
        entry.activities.push({ activity, sequence: entry.sequence, bytes });
        this.resize(entry, bytes);
        while (
            entry.activities.length > 1 &&
            (entry.activities.length > this.options.maxActivitiesPerConversation ||
                entry.bytes > this.options.maxBytesPerConversation)
        ) {
            this.resize(entry, -entry.activities.shift()!.bytes);
        }
        // The conversation just appended to is the newest, so it is the last one the loop would reach.
        while (this.totalBytes > this.options.maxTotalBytes && this.entries.size > 1) this.dropOldest();
        return activity;
    }

    async activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage | undefined> {
        const entry = this.touch(conversationId);
        if (!entry) return undefined;
        const activities = entry.activities
            .filter(({ sequence }) => sequence > watermark)
            .map(({ activity }) => activity);
        return { activities, watermark: entry.sequence };
    }

    /** The live entry, moved to the back of the idle order; an expired one is dropped on the way. */
    private touch(conversationId: string, now = this.options.now()): Entry | undefined {
        const entry = this.entries.get(conversationId);
        if (!entry) return undefined;
        this.entries.delete(conversationId);
        if (now - entry.lastSeen >= this.options.idleMs) {
            this.totalBytes -= entry.bytes;
            return undefined;
        }
        entry.lastSeen = now;
        this.entries.set(conversationId, entry);
        return entry;
    }

    private dropExpired(now: number): void {
        for (const [id, entry] of this.entries) {
            if (now - entry.lastSeen < this.options.idleMs) break;
            this.entries.delete(id);
            this.totalBytes -= entry.bytes;
        }
    }

    private dropOldest(): void {
        const oldest = this.entries.entries().next();
        if (oldest.done) return;
        const [id, entry] = oldest.value;
        this.entries.delete(id);
        this.totalBytes -= entry.bytes;
    }

    private resize(entry: Entry, bytes: number): void {
        entry.bytes += bytes;
        this.totalBytes += bytes;
    }
}
