import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { ETagConflictError } from './errors.js';
import { openJsonFile } from './jsonFileDb.js';
import { SerialLowdb } from './serialLowdb.js';

/** A stored item: plain JSON with the eTag this store gave it. */
export type StoredItem = { eTag: string } & Record<string, unknown>;

/** What the storage file holds: bot state items by botbuilder storage key. */
export interface LowdbStorageData {
    items: Record<string, StoredItem>;
}

const StoredItemSchema = z.looseObject({ eTag: z.string() });

/**
 * Not `z.record`: it silently drops a "__proto__" key (a conversation id is chosen by the channel, not by us), while
 * this keeps the parsed object as it is and checks every own item.
 */
const StorageDataSchema: z.ZodType<LowdbStorageData> = z.object({
    items: z.custom<Record<string, StoredItem>>(
        (items) =>
            typeof items === 'object' &&
            items !== null &&
            !Array.isArray(items) &&
            Object.values(items).every((item) => StoredItemSchema.safeParse(item).success),
        'must map keys to objects with a string eTag',
    ),
});

/** An empty database, for `new Low(new Memory(), emptyStorageData())` in tests. */
export function emptyStorageData(): LowdbStorageData {
    return { items: {} };
}

/** Options of {@link LowdbStorage}. */
export interface LowdbStorageOptions {
    /** Called once by `close()` after the last write; `openLowdbStorage` uses it to let the file be opened again. */
    onClose?: () => void;
    /** Name of the data file, for error messages; defaults to "lowdb storage". */
    name?: string;
}

/**
 * botbuilder `Storage` on a lowdb database, with the semantics of botbuilder's MemoryStorage: items are stored and
 * returned as deep copies (a JSON round trip, so memory behaves exactly like the file), and a write carrying an eTag
 * other than '*' must match the stored one. Two deliberate differences: eTags are random UUIDs rather than a counter,
 * so they stay unique across restarts of the process, and a multi-key write is all-or-nothing (MemoryStorage keeps
 * the keys it wrote before the conflicting one).
 *
 * Writes and deletes go through one queue per instance, so concurrent turns cannot interleave their read-modify-write
 * of the data; reads are not queued and see only data that has reached the adapter.
 */
export class LowdbStorage implements Storage {
    private readonly file: SerialLowdb<LowdbStorageData>;

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(db: Low<LowdbStorageData>, options: LowdbStorageOptions = {}) {
        this.file = new SerialLowdb(db, StorageDataSchema, options.name ?? 'lowdb storage', options.onClose);
    }

    /** Returns copies of the items that exist; missing keys are left out, as botbuilder expects. */
    async read(keys: string[]): Promise<StoreItems> {
        if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
        const items = this.file.data.items;
        // Built with fromEntries, not by assignment, so a key like "__proto__" comes back as an ordinary key.
        return Object.fromEntries(
            keys.filter((key) => Object.hasOwn(items, key)).map((key) => [key, copy(items[key])]),
        );
    }

    /** Stores copies of `changes`, each with a new eTag; throws {@link ETagConflictError} and writes nothing on a conflict. */
    async write(changes: StoreItems): Promise<void> {
        if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
        this.file.assertOpen('Storage');
        // Copied now, not when the queue gets to it: the caller may go on changing its state objects meanwhile.
        const incoming = Object.entries(changes).map(([key, item]) => [key, toJsonObject(key, item)] as const);
        if (incoming.length === 0) return;
        await this.file.run(async () => {
            const current = this.file.data.items;
            for (const [key, item] of incoming) {
                const eTag = item['eTag'];
                const stored = Object.hasOwn(current, key) ? current[key] : undefined;
                if (stored && typeof eTag === 'string' && eTag !== '*' && eTag !== '' && eTag !== stored.eTag) {
                    throw new ETagConflictError(key);
                }
            }
            const written = incoming.map(([key, item]) => [key, { ...item, eTag: randomUUID() }] as const);
            // Object.fromEntries defines own properties, so a key like "__proto__" is stored, not a prototype change.
            await this.file.commit({ items: Object.fromEntries([...Object.entries(current), ...written]) });
        });
    }

    /** Removes the items; keys that do not exist are ignored. */
    async delete(keys: string[]): Promise<void> {
        if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
        this.file.assertOpen('Storage');
        const removed = new Set(keys);
        await this.file.run(async () => {
            const current = this.file.data.items;
            if (!keys.some((key) => Object.hasOwn(current, key))) return;
            await this.file.commit({
                items: Object.fromEntries(Object.entries(current).filter(([key]) => !removed.has(key))),
            });
        });
    }

    /** Waits for queued writes, then lets the file be opened again; the storage refuses writes afterwards. */
    close(): Promise<void> {
        return this.file.close();
    }
}

/**
 * Opens (or creates) a JSON file as bot state storage. Open each file once per process and `close()` it before
 * opening it again: lowdb instances do not coordinate, so a second one would overwrite the first one's writes.
 */
export async function openLowdbStorage(file: string): Promise<LowdbStorage> {
    const { db, file: absolute, release } = await openJsonFile(file, emptyStorageData(), StorageDataSchema);
    return new LowdbStorage(db, { onClose: release, name: absolute });
}

/** A deep copy through JSON, the same transformation the file applies, so tests on Memory see what production sees. */
function toJsonObject(key: string, item: unknown): Record<string, unknown> {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new TypeError(`Storage: item "${key}" must be an object.`);
    }
    try {
        return JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
    } catch (error) {
        throw new TypeError(`Storage: item "${key}" cannot be stored as JSON.`, { cause: error });
    }
}

function copy<T>(item: T): T {
    return JSON.parse(JSON.stringify(item)) as T;
}
