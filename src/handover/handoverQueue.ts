import type { Logger } from '../logger.js';
import { SerialQueue } from '../storage/serialQueue.js';
import { HandoverConflictError, HandoverNotFoundError, InvalidHandoverError } from './errors.js';
import {
    OPEN_STATUSES,
    conversationIdOf,
    describeIssues,
    parseHandover,
    prepareMessage,
    redactAndClip,
    urgencyRank,
    withoutUndefined,
    HandoverRecordSchema,
    MAX_NOTE_LENGTH,
    MAX_SHORT_TEXT_LENGTH,
    type HandoverOutcome,
    type HandoverRecord,
    type HandoverStatus,
    type MessageInput,
} from './handoverRecord.js';

/** Result of {@link HandoverQueue.accept}: exactly one of concurrent accepts gets `ok: true`. */
export type AcceptResult =
    | { ok: true; handover: HandoverRecord }
    | { ok: false; reason: 'taken'; acceptedBy: string }
    | { ok: false; reason: 'not-found' }
    | { ok: false; reason: 'not-waiting'; status: HandoverStatus };

/** How a counsellor ends a handover. */
export interface CloseInput {
    outcome: HandoverOutcome;
    /** Required when the outcome is "referred". */
    referredServiceId?: string;
    /** Internal notes; redacted before they are stored. */
    notes?: string;
    /** Counsellor id of whoever closes it. */
    by: string;
    now: Date;
}

/**
 * The resident's callback request. Ask for the number only for this purpose: it is kept unredacted under the consent
 * the handover was created with (`contact.consentGiven`).
 */
export interface CallbackInput {
    phone: string;
    /** The resident's words, e.g. "after 3 pm"; redacted. */
    preferredTime?: string;
}

export interface HandoverEvent {
    type: 'created' | 'updated';
    /** A copy of the record after the change. */
    handover: HandoverRecord;
}

export type HandoverListener = (event: HandoverEvent) => void;

export interface ListFilter {
    status?: HandoverStatus | readonly HandoverStatus[];
}

/**
 * The counsellors' queue of handovers. Every change is validated, persisted and only then visible; reads see the
 * last persisted state. Records returned are copies: changing them changes nothing stored.
 */
export interface HandoverQueue {
    /** Stores a new record (from `newHandover`) in status waiting or callback-requested. */
    create(record: HandoverRecord): Promise<HandoverRecord>;
    get(id: string): Promise<HandoverRecord | undefined>;
    /** Queue order for every status: crisis, then high, then normal; oldest first within each. */
    list(filter?: ListFilter): Promise<HandoverRecord[]>;
    /** Atomic: of concurrent accepts of one waiting handover exactly one wins. */
    accept(id: string, counsellor: string, now: Date): Promise<AcceptResult>;
    /** Adds a live-chat message; resident and bot texts are redacted, the counsellor's are not. */
    appendMessage(id: string, message: MessageInput): Promise<HandoverRecord>;
    /** Ends an accepted or callback-requested handover with an outcome. */
    close(id: string, input: CloseInput): Promise<HandoverRecord>;
    /** The resident asks to be called back instead of waiting for a chat, or corrects the number of a request. */
    requestCallback(id: string, input: CallbackInput): Promise<HandoverRecord>;
    /** The resident withdraws a waiting handover or callback request: it becomes abandoned. */
    cancel(id: string, now: Date): Promise<HandoverRecord>;
    /** Marks handovers that have waited longer than `maxWaitMinutes` as abandoned; returns them. */
    abandonStale(now: Date, maxWaitMinutes: number): Promise<HandoverRecord[]>;
    /** The newest open (waiting, accepted or callback-requested) handover of a Bot Framework conversation. */
    findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined>;
    /** 1-based place among the waiting handovers in queue order; undefined when it is not waiting. */
    position(id: string): Promise<number | undefined>;
    /**
     * Expected wait in seconds: the median of the last {@link WAIT_HISTORY_SIZE} accept waits times the position, or
     * {@link DEFAULT_WAIT_SECONDS_PER_POSITION} per position without history; 0 when it no longer waits. Throws
     * {@link HandoverNotFoundError} for an unknown id.
     */
    estimateWaitSeconds(id: string, now: Date): Promise<number>;
    /** The counsellor's 1–5 rating of how useful the summary was. */
    rateSummary(id: string, rating: number): Promise<HandoverRecord>;
    /** Deletes closed and abandoned handovers that ended before `endedBefore` (bounded retention); returns the count. */
    purgeEnded(endedBefore: Date): Promise<number>;
    /** Calls `listener` after every persisted change; returns the function that unsubscribes. */
    subscribe(listener: HandoverListener): () => void;
    /**
     * Waits for queued writes and releases the storage (the file may then be opened again); the queue refuses changes
     * afterwards. Not `close()`, which ends a handover.
     */
    shutdown(): Promise<void>;
}

/**
 * Where a queue keeps its records: the only thing that differs between the file store and the memory one. `save`
 * receives the complete new list; the queue makes it visible only after `save` resolved.
 */
export interface HandoverPersistence {
    /** The records as last saved, in creation order. Called once, when the queue is built. */
    load(): readonly HandoverRecord[];
    /** Persists the complete list; rejects if it could not be written. */
    save(records: readonly HandoverRecord[]): Promise<void>;
    /** Called once by the queue's `close()`, after its last save. */
    close?(): void;
}

/** Seconds per place in the queue when no handover has been accepted yet: a cautious guess at a counsellor's pace. */
export const DEFAULT_WAIT_SECONDS_PER_POSITION = 300;
/** How many of the latest accepts the wait estimate looks at: recent enough to follow the staffing of the day. */
export const WAIT_HISTORY_SIZE = 20;

/** Options of {@link PersistedHandoverQueue}. */
export interface HandoverQueueOptions {
    /** Name for error messages, e.g. the file path. */
    name?: string;
    /** Receives listener failures (ids only); without it they are ignored so a live view cannot break a write. */
    logger?: Logger;
}

/** The handover queue's logic over any {@link HandoverPersistence}; all changes go through one {@link SerialQueue}. */
export class PersistedHandoverQueue implements HandoverQueue {
    private readonly writes = new SerialQueue();
    private readonly listeners = new Set<HandoverListener>();
    private readonly name: string;
    /** The persisted state, in creation order; replaced as a whole after each save, never changed in place. */
    private records: readonly HandoverRecord[];
    private closed = false;

    constructor(
        private readonly persistence: HandoverPersistence,
        private readonly options: HandoverQueueOptions = {},
    ) {
        this.name = options.name ?? 'handover queue';
        this.records = persistence.load();
    }

    async create(record: HandoverRecord): Promise<HandoverRecord> {
        const parsed = parseHandover(record);
        if (parsed.status !== 'waiting' && parsed.status !== 'callback-requested')
            throw new InvalidHandoverError(parsed.id, ['status: a new handover is waiting or callback-requested']);
        return this.write(async () => {
            const existing = this.find(parsed.id);
            if (existing) throw new HandoverConflictError(parsed.id, existing.status, 'create', []);
            await this.commit([...this.records, parsed], [parsed], 'created');
            return copy(parsed);
        });
    }

    async get(id: string): Promise<HandoverRecord | undefined> {
        const record = this.find(id);
        return record && copy(record);
    }

    async list(filter: ListFilter = {}): Promise<HandoverRecord[]> {
        const statuses = filter.status === undefined ? undefined : new Set([filter.status].flat());
        return queueOrder(this.records.filter((record) => !statuses || statuses.has(record.status))).map(copy);
    }

    async accept(id: string, counsellor: string, now: Date): Promise<AcceptResult> {
        const acceptedAt = isoTime(now, id, 'now');
        // The check and the change run in one queued task: a second accept sees the first one's result.
        return this.write(async (): Promise<AcceptResult> => {
            const current = this.find(id);
            if (!current) return { ok: false, reason: 'not-found' };
            if (current.status === 'accepted')
                return { ok: false, reason: 'taken', acceptedBy: current.acceptedBy ?? '' };
            if (current.status !== 'waiting') return { ok: false, reason: 'not-waiting', status: current.status };
            const next = this.validate({ ...current, status: 'accepted', acceptedBy: counsellor, acceptedAt });
            await this.replace(next);
            return { ok: true, handover: copy(next) };
        });
    }

    async appendMessage(id: string, message: MessageInput): Promise<HandoverRecord> {
        const prepared = prepareMessage(message, false);
        // The resident may write while waiting (the counsellor reads it on accepting); a counsellor only after accepting.
        const allowed: HandoverStatus[] = prepared.from === 'counsellor' ? ['accepted'] : ['waiting', 'accepted'];
        return this.change(id, 'append a message', allowed, (current) => ({
            ...current,
            messages: [...current.messages, prepared],
        }));
    }

    async close(id: string, input: CloseInput): Promise<HandoverRecord> {
        const closedAt = isoTime(input.now, id, 'now');
        const notes = typeof input.notes === 'string' ? redactAndClip(input.notes, MAX_NOTE_LENGTH) : undefined;
        return this.change(id, 'close', ['accepted', 'callback-requested'], (current) =>
            withoutUndefined({
                ...current,
                status: 'closed' as const,
                outcome: input.outcome,
                referredServiceId: input.referredServiceId,
                counsellorNotes: notes || undefined,
                closedBy: input.by,
                closedAt,
            }),
        );
    }

    async requestCallback(id: string, input: CallbackInput): Promise<HandoverRecord> {
        const preferredTime =
            typeof input?.preferredTime === 'string'
                ? redactAndClip(input.preferredTime, MAX_SHORT_TEXT_LENGTH) || undefined
                : undefined;
        const allowed: HandoverStatus[] = ['waiting', 'accepted', 'callback-requested'];
        return this.change(id, 'request a callback', allowed, (current) => ({
            ...current,
            status: 'callback-requested',
            contact: withoutUndefined({
                preference: 'callback' as const,
                phone: typeof input?.phone === 'string' ? input.phone.trim() : input?.phone,
                preferredTime,
                consentGiven: current.contact.consentGiven,
            }),
        }));
    }

    async cancel(id: string, now: Date): Promise<HandoverRecord> {
        const closedAt = isoTime(now, id, 'now');
        return this.change(id, 'cancel', ['waiting', 'callback-requested'], (current) => ({
            ...current,
            status: 'abandoned',
            closedAt,
        }));
    }

    async abandonStale(now: Date, maxWaitMinutes: number): Promise<HandoverRecord[]> {
        if (!Number.isFinite(maxWaitMinutes) || maxWaitMinutes <= 0)
            throw new RangeError(`abandonStale: maxWaitMinutes must be a positive number, got ${maxWaitMinutes}.`);
        const closedAt = isoTime(now, undefined, 'now');
        const limit = now.getTime() - maxWaitMinutes * 60_000;
        return this.write(async () => {
            const stale = new Set(
                this.records
                    .filter((record) => record.status === 'waiting' && Date.parse(record.createdAt) < limit)
                    .map((record) => record.id),
            );
            if (stale.size === 0) return [];
            const next = this.records.map((record) =>
                stale.has(record.id) ? { ...record, status: 'abandoned' as const, closedAt } : record,
            );
            const changed = next.filter((record) => stale.has(record.id));
            await this.commit(next, changed, 'updated');
            return changed.map(copy);
        });
    }

    async findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined> {
        const open = this.records.filter(
            (record) =>
                OPEN_STATUSES.includes(record.status) && conversationIdOf(record.conversationRef) === conversationId,
        );
        const newest = open.reduce<HandoverRecord | undefined>(
            (latest, record) => (!latest || record.createdAt >= latest.createdAt ? record : latest),
            undefined,
        );
        return newest && copy(newest);
    }

    async position(id: string): Promise<number | undefined> {
        const index = this.waitingInOrder().findIndex((record) => record.id === id);
        return index < 0 ? undefined : index + 1;
    }

    async estimateWaitSeconds(id: string, now: Date): Promise<number> {
        if (!this.find(id)) throw new HandoverNotFoundError(id);
        const position = await this.position(id);
        if (position === undefined) return 0;
        const waits = this.records
            .filter((record) => record.acceptedAt !== undefined && Date.parse(record.acceptedAt) <= now.getTime())
            .sort((a, b) => Date.parse(b.acceptedAt ?? '') - Date.parse(a.acceptedAt ?? ''))
            .slice(0, WAIT_HISTORY_SIZE)
            .map((record) => Math.max(0, (Date.parse(record.acceptedAt ?? '') - Date.parse(record.createdAt)) / 1000));
        const perPosition = waits.length > 0 ? median(waits) : DEFAULT_WAIT_SECONDS_PER_POSITION;
        return Math.round(perPosition * position);
    }

    async rateSummary(id: string, rating: number): Promise<HandoverRecord> {
        return this.change(id, 'rate the summary', ['accepted', 'callback-requested', 'closed'], (current) => ({
            ...current,
            staffRating: rating,
        }));
    }

    async purgeEnded(endedBefore: Date): Promise<number> {
        const cutoff = endedBefore.getTime();
        return this.write(async () => {
            const kept = this.records.filter(
                (record) =>
                    !(
                        (record.status === 'closed' || record.status === 'abandoned') &&
                        Date.parse(record.closedAt ?? '') < cutoff
                    ),
            );
            const removed = this.records.length - kept.length;
            if (removed > 0) await this.commit(kept, [], 'updated');
            return removed;
        });
    }

    subscribe(listener: HandoverListener): () => void {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
    }

    async shutdown(): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        await this.writes.drain();
        this.persistence.close?.();
    }

    /**
     * Checks the status and applies `update` to the current record inside the write queue, so the status check and the
     * change cannot be separated by another write.
     */
    private change(
        id: string,
        action: string,
        allowed: readonly HandoverStatus[],
        update: (current: HandoverRecord) => HandoverRecord,
    ): Promise<HandoverRecord> {
        return this.write(async () => {
            const current = this.find(id);
            if (!current) throw new HandoverNotFoundError(id);
            if (!allowed.includes(current.status)) throw new HandoverConflictError(id, current.status, action, allowed);
            const next = this.validate(update(current));
            await this.replace(next);
            return copy(next);
        });
    }

    private write<T>(task: () => Promise<T>): Promise<T> {
        if (this.closed) return Promise.reject(new Error(`Handover: ${this.name} is closed.`));
        return this.writes.run(task);
    }

    private validate(candidate: HandoverRecord): HandoverRecord {
        const parsed = HandoverRecordSchema.safeParse(candidate);
        if (!parsed.success)
            throw new InvalidHandoverError(candidate.id, describeIssues(parsed.error), { cause: parsed.error });
        return parsed.data;
    }

    private replace(next: HandoverRecord): Promise<void> {
        return this.commit(
            this.records.map((record) => (record.id === next.id ? next : record)),
            [next],
            'updated',
        );
    }

    /** Saves first, then makes visible and notifies: a failed save leaves readers on what is persisted. */
    private async commit(
        next: readonly HandoverRecord[],
        changed: readonly HandoverRecord[],
        type: HandoverEvent['type'],
    ): Promise<void> {
        await this.persistence.save(next);
        this.records = next;
        for (const handover of changed) this.emit({ type, handover });
    }

    private emit(event: HandoverEvent): void {
        for (const listener of this.listeners) {
            try {
                // Each listener gets its own copy: one live view cannot change what another sees.
                listener({ type: event.type, handover: copy(event.handover) });
            } catch (error) {
                this.options.logger?.warn('handover listener failed', {
                    handoverId: event.handover.id,
                    error: error instanceof Error ? error.name : typeof error,
                });
            }
        }
    }

    private find(id: string): HandoverRecord | undefined {
        return this.records.find((record) => record.id === id);
    }

    private waitingInOrder(): HandoverRecord[] {
        return queueOrder(this.records.filter((record) => record.status === 'waiting'));
    }
}

/** Crisis first, then high, then normal; oldest first within an urgency; creation order breaks ties (stable sort). */
export function queueOrder(records: readonly HandoverRecord[]): HandoverRecord[] {
    return [...records].sort(
        (a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || Date.parse(a.createdAt) - Date.parse(b.createdAt),
    );
}

/** Persistence in memory only, with a JSON round trip on save so tests see exactly what the file would hold. */
export class MemoryHandoverPersistence implements HandoverPersistence {
    private saved: readonly HandoverRecord[] = [];

    load(): readonly HandoverRecord[] {
        return this.saved;
    }

    async save(records: readonly HandoverRecord[]): Promise<void> {
        this.saved = JSON.parse(JSON.stringify(records)) as HandoverRecord[];
    }
}

/** A handover queue kept in memory: for tests and tools that must not touch the data directory. */
export function createMemoryHandoverQueue(options: HandoverQueueOptions = {}): PersistedHandoverQueue {
    return new PersistedHandoverQueue(new MemoryHandoverPersistence(), { name: 'memory handover queue', ...options });
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function isoTime(date: Date, handoverId: string | undefined, field: string): string {
    if (!(date instanceof Date) || Number.isNaN(date.getTime()))
        throw new InvalidHandoverError(handoverId, [`${field}: must be a valid Date`]);
    return date.toISOString();
}

/** Records are plain JSON, so a JSON round trip is a full deep copy. */
function copy(record: HandoverRecord): HandoverRecord {
    return JSON.parse(JSON.stringify(record)) as HandoverRecord;
}
