import type { Low } from 'lowdb';
import type { z } from 'zod';
import { StoreFileError } from './errors.js';
import { checkShape, describeError } from './jsonFileDb.js';
import { SerialQueue } from './serialQueue.js';

/**
 * Writes `next` through the adapter and only then makes it `db.data`: if the write fails, readers keep seeing what
 * the file holds and the caller gets a {@link StoreFileError} named after `name`.
 */
export async function commitData<T>(db: Low<T>, name: string, next: T): Promise<void> {
    try {
        await db.adapter.write(next);
    } catch (error) {
        throw new StoreFileError(name, `could not be written (${describeError(error)})`, { cause: error });
    }
    db.data = next;
}

/**
 * What the queued lowdb stores share: the data checked when the store is made, changes run one at a time (lowdb has
 * no locking of its own), new data visible only once written, and a `close()` that waits for the last write.
 */
export class SerialLowdb<T> {
    private readonly queue = new SerialQueue();
    private closed = false;

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(
        private readonly db: Low<T>,
        schema: z.ZodType<T>,
        /** Name of the data file, for error messages. */
        readonly name: string,
        /** Called once by `close()` after the last write, e.g. to let the file be opened again. */
        private readonly onClose?: () => void,
    ) {
        db.data = checkShape(name, db.data, schema);
    }

    /** The data as last written (or as read before the store was made). */
    get data(): T {
        return this.db.data;
    }

    /** Throws `"<what>: <name> is closed."` once `close()` has been called. */
    assertOpen(what: string): void {
        if (this.closed) throw new Error(`${what}: ${this.name} is closed.`);
    }

    /** Runs `task` after every task queued before it, so read-modify-writes of the data cannot interleave. */
    run<R>(task: () => Promise<R>): Promise<R> {
        return this.queue.run(task);
    }

    /** See {@link commitData}. */
    commit(next: T): Promise<void> {
        return commitData(this.db, this.name, next);
    }

    /** Waits for queued tasks, then calls `onClose`; {@link assertOpen} throws from then on. */
    async close(): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        await this.queue.drain();
        this.onClose?.();
    }
}
