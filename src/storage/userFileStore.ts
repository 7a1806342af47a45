import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory, type Adapter } from 'lowdb';
import { z } from 'zod';
import {
    PasswordUserStore,
    StoredUserSchema,
    UserExistsError,
    type PasswordUserStoreOptions,
    type StoredUser,
    type UserRecords,
} from '../auth/userStore.js';
import { StoreFileError } from './errors.js';
import { checkShape, describeError, openJsonFile } from './jsonFileDb.js';
import { SerialLowdb } from './serialLowdb.js';

/** What the users file holds. */
export interface UserData {
    users: StoredUser[];
}

const UserDataSchema: z.ZodType<UserData> = z.object({
    users: z.array(StoredUserSchema).superRefine((users, context) => {
        const seen = new Set<string>();
        users.forEach((user, index) => {
            if (seen.has(user.username)) {
                context.addIssue({ code: 'custom', path: [index, 'username'], message: 'appears twice' });
            }
            seen.add(user.username);
        });
    }),
});

/** An empty database, for `new Low(new Memory(), emptyUserData())` in tests. */
export function emptyUserData(): UserData {
    return { users: [] };
}

/** Options of {@link LowdbUserRecords}. */
export interface LowdbUserRecordsOptions {
    /** Called once by `close()` after the last write; `openUserStore` uses it to let the file be opened again. */
    onClose?: () => void;
    /** Name of the data file, for error messages. */
    name?: string;
}

/**
 * Accounts in a lowdb database. Every lookup reads the data through the adapter again: `npm run user:add` writes
 * the file from another process, and a new counsellor should be able to log in without restarting the server.
 * The file is small and logins are rare, so the read costs nothing that matters.
 */
export class LowdbUserRecords implements UserRecords {
    private readonly file: SerialLowdb<UserData>;

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(
        private readonly db: Low<UserData>,
        options: LowdbUserRecordsOptions = {},
    ) {
        this.file = new SerialLowdb(db, UserDataSchema, options.name ?? 'user store', options.onClose);
    }

    async find(username: string): Promise<StoredUser | undefined> {
        const user = (await this.current()).users.find((candidate) => candidate.username === username);
        return user && { ...user };
    }

    async insert(user: StoredUser): Promise<void> {
        this.file.assertOpen('Users');
        const checked = StoredUserSchema.parse(user);
        await this.file.run(async () => {
            // Read again inside the queue, so an account another process added meanwhile is neither lost nor doubled.
            const current = await this.current();
            if (current.users.some((existing) => existing.username === checked.username)) {
                throw new UserExistsError(checked.username);
            }
            await this.file.commit({ users: [...current.users, checked] });
        });
    }

    /** Waits for queued writes, then lets the file be opened again; the store refuses new accounts afterwards. */
    close(): Promise<void> {
        return this.file.close();
    }

    /** The data as the adapter has it now; what was last read or written if there is nothing there (yet). */
    private async current(): Promise<UserData> {
        const name = this.file.name;
        let raw: unknown;
        try {
            raw = await this.db.adapter.read();
        } catch (error) {
            throw new StoreFileError(name, `could not be read (${describeError(error)})`, { cause: error });
        }
        return raw === null ? this.file.data : checkShape(name, raw, UserDataSchema);
    }
}

/**
 * Opens (or creates) the users file, e.g. DATA_DIR/users.json. Open each file once per process and `close()` the
 * store before opening it again. The file is written with mode 0600 where the platform has modes.
 */
export async function openUserStore(file: string, options: PasswordUserStoreOptions = {}): Promise<PasswordUserStore> {
    const { db, file: absolute, release } = await openJsonFile(file, emptyUserData(), UserDataSchema);
    writePrivately(db, absolute);
    return new PasswordUserStore(new LowdbUserRecords(db, { onClose: release, name: absolute }), options);
}

/** A user store kept in memory only, for tests. */
export function createMemoryUserStore(options: PasswordUserStoreOptions = {}): PasswordUserStore {
    return new PasswordUserStore(new LowdbUserRecords(new Low(new Memory<UserData>(), emptyUserData())), options);
}

/**
 * Makes `db` write its file owner-only (0600). lowdb's JSONFile writes a temporary file with the default mode and
 * renames it over the data file, so a chmod afterwards would leave a moment in which others could read it; here the
 * temporary file is created 0600 in the first place. Reads stay with the original adapter. Audit data is as
 * private as password hashes, so the audit store uses this too.
 */
export function writePrivately<T>(db: Low<T>, file: string): void {
    const original = db.adapter;
    const adapter: Adapter<T> = {
        read: () => original.read(),
        write: (data) => writePrivateJson(file, data),
    };
    db.adapter = adapter;
}

/** Atomic write (unique temporary file, then rename) of `data` as JSON, formatted like lowdb's JSONFile. */
async function writePrivateJson(file: string, data: unknown): Promise<void> {
    const temporary = path.join(
        path.dirname(file),
        `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
        // 'wx': a fresh file, so the mode applies (an existing file would keep whatever mode it had).
        await writeFile(temporary, JSON.stringify(data, null, 2), { encoding: 'utf8', mode: 0o600, flag: 'wx' });
        await rename(temporary, file);
    } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
    }
}
