/**
 * Runs async tasks one after another. A store's read-modify-write of its data must not interleave with another
 * turn's, and lowdb has no locking of its own.
 */
export class SerialQueue {
    private tail: Promise<unknown> = Promise.resolve();

    /** Runs `task` after every task queued before it; a failed task does not stop the ones after it. */
    run<T>(task: () => Promise<T>): Promise<T> {
        const result = this.tail.then(task);
        this.tail = result.catch(() => undefined);
        return result;
    }

    /** Resolves once every task queued so far (and any queued while waiting) has settled. */
    async drain(): Promise<void> {
        let seen: Promise<unknown>;
        do {
            seen = this.tail;
            await seen;
        } while (seen !== this.tail);
    }
}
