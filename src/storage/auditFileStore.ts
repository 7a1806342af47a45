import { randomUUID } from 'node:crypto';
import { Low, Memory } from 'lowdb';
import { z } from 'zod';
import {
    AuditEntrySchema,
    matchesAuditFilter,
    prepareAuditEntry,
    type AuditEntry,
    type AuditFilter,
    type AuditLog,
    type NewAuditEntry,
} from '../audit/auditLog.js';
import { openJsonFile } from './jsonFileDb.js';
import { SerialLowdb } from './serialLowdb.js';
import { writePrivately } from './userFileStore.js';

/** What the audit file holds. */
export interface AuditData {
    entries: AuditEntry[];
}

const AuditDataSchema: z.ZodType<AuditData> = z.object({ entries: z.array(AuditEntrySchema) });

/** An empty database, for `new Low(new Memory(), emptyAuditData())` in tests. */
export function emptyAuditData(): AuditData {
    return { entries: [] };
}

/** Options of {@link LowdbAuditLog}. */
export interface LowdbAuditLogOptions {
    /** Clock for entries recorded without `at`, for tests. */
    now?: () => Date;
    /** Called once by `close()` after the last write; `openAuditLog` uses it to let the file be opened again. */
    onClose?: () => void;
    /** Name of the data file, for error messages. */
    name?: string;
}

/**
 * {@link AuditLog} on a lowdb database. Appends are queued so concurrent requests cannot lose each other's entry,
 * and an entry is visible only once it is written: a failed write throws and leaves no trace in memory either, so
 * the caller knows its action went unrecorded.
 */
export class LowdbAuditLog implements AuditLog {
    private readonly file: SerialLowdb<AuditData>;
    private readonly now: () => Date;

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(db: Low<AuditData>, options: LowdbAuditLogOptions = {}) {
        this.file = new SerialLowdb(db, AuditDataSchema, options.name ?? 'audit log', options.onClose);
        this.now = options.now ?? (() => new Date());
    }

    async record(entry: NewAuditEntry): Promise<AuditEntry> {
        this.file.assertOpen('Audit');
        const stored: AuditEntry = { id: randomUUID(), ...prepareAuditEntry(entry, this.now()) };
        await this.file.run(() => this.file.commit({ entries: [...this.file.data.entries, stored] }));
        return { ...stored };
    }

    async list(filter?: AuditFilter): Promise<AuditEntry[]> {
        return this.file.data.entries
            .filter((entry) => matchesAuditFilter(entry, filter))
            .map((entry) => ({ ...entry }));
    }

    /** Waits for queued writes, then lets the file be opened again; the log refuses entries afterwards. */
    close(): Promise<void> {
        return this.file.close();
    }
}

/**
 * Opens (or creates) the audit file, e.g. DATA_DIR/audit.json, written with mode 0600 where the platform has
 * modes. Open each file once per process; `close()` before reopening.
 */
export async function openAuditLog(
    file: string,
    options: Omit<LowdbAuditLogOptions, 'onClose' | 'name'> = {},
): Promise<LowdbAuditLog> {
    const { db, file: absolute, release } = await openJsonFile(file, emptyAuditData(), AuditDataSchema);
    writePrivately(db, absolute);
    return new LowdbAuditLog(db, { ...options, onClose: release, name: absolute });
}

/** An audit log kept in memory only, for tests. */
export function createMemoryAuditLog(options: Omit<LowdbAuditLogOptions, 'onClose'> = {}): LowdbAuditLog {
    return new LowdbAuditLog(new Low(new Memory<AuditData>(), emptyAuditData()), options);
}
