import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { DateRange } from '../stats/helsinkiTime.js';
import { parseStatsEvent, type StatsEvent } from '../stats/statsEvents.js';
import {
    StatsDataSchema,
    countUnmatched,
    emptyStatsData,
    eventInRange,
    purgeData,
    withUnmatched,
    type PurgeResult,
    type RetentionOptions,
    type StatsData,
    type StatsStore,
    type UnmatchedCount,
    type UnmatchedQuery,
} from '../stats/statsStore.js';
import { StoreFileError } from './errors.js';
import { checkShape, describeError, openJsonFile } from './jsonFileDb.js';
import { SerialLowdb } from './serialLowdb.js';
import { writePrivately } from './userFileStore.js';

/** File name of the statistics in DATA_DIR. */
export const STATS_FILE = 'stats.json';

/** Options of {@link LowdbStatsStore}. */
export interface LowdbStatsStoreOptions {
    /** Name of the data file, for error messages. */
    name?: string;
    /** Called once by `close()` after the last write; `openStatsFileStore` uses it to let the file be opened again. */
    onClose?: () => void;
}

/** A change waiting to be written, and the caller waiting for it. */
interface PendingChange {
    apply(data: StatsData): StatsData;
    done(): void;
    failed(error: unknown): void;
}

/**
 * {@link StatsStore} on a lowdb database (JSONFile in production, Memory in tests). Every turn adds events, and each
 * write rewrites the whole file, so changes that arrive while a write is in progress are written together by the
 * next one; the queue still keeps writes one at a time, and each caller learns whether its own change was written.
 */
export class LowdbStatsStore implements StatsStore {
    private readonly file: SerialLowdb<StatsData>;
    private pending: PendingChange[] = [];

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(db: Low<StatsData>, options: LowdbStatsStoreOptions = {}) {
        this.file = new SerialLowdb(db, StatsDataSchema, options.name ?? 'stats store', options.onClose);
    }

    async add(event: StatsEvent): Promise<void> {
        // Validated again here: the store is the last place that can keep text or identifiers out of the file.
        const checked = parseStatsEvent(event);
        await this.change((data) => ({ ...data, events: [...data.events, checked] }));
    }

    async events(range?: DateRange): Promise<StatsEvent[]> {
        return this.file.data.events.filter((event) => eventInRange(event, range)).map((event) => ({ ...event }));
    }

    async addUnmatched(query: UnmatchedQuery): Promise<void> {
        await this.change((data) => withUnmatched(data, query));
    }

    async unmatched(range?: DateRange): Promise<UnmatchedCount[]> {
        return countUnmatched(this.file.data.unmatched, range);
    }

    async purge(now: Date, options?: RetentionOptions): Promise<PurgeResult> {
        let result: PurgeResult = { events: 0, unmatched: 0 };
        await this.change((data) => {
            const [next, removed] = purgeData(data, now, options);
            result = removed;
            return next;
        });
        return result;
    }

    /** Waits for queued writes, then lets the file be opened again; the store refuses changes afterwards. */
    close(): Promise<void> {
        return this.file.close();
    }

    /** Queues `apply` and resolves once a write that includes it has succeeded. */
    private async change(apply: (data: StatsData) => StatsData): Promise<void> {
        this.file.assertOpen('Statistics');
        return new Promise<void>((done, failed) => {
            this.pending.push({ apply, done, failed });
            void this.file.run(() => this.writePending());
        });
    }

    /** Writes every change queued so far in one go; a task that finds nothing left was covered by an earlier one. */
    private async writePending(): Promise<void> {
        const batch = this.pending;
        if (batch.length === 0) return;
        this.pending = [];
        let next = this.file.data;
        const applied: PendingChange[] = [];
        for (const change of batch) {
            try {
                next = change.apply(next);
                applied.push(change);
            } catch (error) {
                // A change that cannot be applied fails alone; the others in the batch are still written.
                change.failed(error);
            }
        }
        try {
            // Visible only once written, so a failed write leaves memory and file alike.
            await this.file.commit(next);
        } catch (failure) {
            for (const change of applied) change.failed(failure);
            return;
        }
        for (const change of applied) change.done();
    }
}

/**
 * Opens (or creates) DATA_DIR/stats.json. Open it once per process and `close()` the store before opening it again:
 * lowdb instances do not coordinate. The file is written owner-only, as unmatched query texts may still hold a name.
 */
export async function openStatsFileStore(dataDir: string): Promise<LowdbStatsStore> {
    const { db, file, release } = await openJsonFile(path.join(dataDir, STATS_FILE), emptyStatsData(), StatsDataSchema);
    writePrivately(db, file);
    return new LowdbStatsStore(db, { name: file, onClose: release });
}

/** A statistics store kept in memory only: for tests and for tools that must not touch the data directory. */
export function createMemoryStatsStore(data: StatsData = emptyStatsData()): LowdbStatsStore {
    return new LowdbStatsStore(new Low(new Memory<StatsData>(), data));
}

/**
 * Reads a statistics file without opening it as a store, for reports while the server keeps writing: lowdb writes
 * through a temporary file and a rename, so a reader sees the last complete write. Throws {@link StoreFileError}
 * when the file is missing, unreadable or not statistics.
 */
export async function readStatsFile(file: string): Promise<StatsData> {
    const absolute = path.resolve(file);
    let data: StatsData | null;
    try {
        data = await new JSONFile<StatsData>(absolute).read();
    } catch (error) {
        throw new StoreFileError(absolute, `could not be read (${describeError(error)})`, { cause: error });
    }
    if (data === null) throw new StoreFileError(absolute, 'does not exist; check DATA_DIR.');
    return checkShape(absolute, data, StatsDataSchema);
}
