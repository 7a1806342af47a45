/**
 * Runs tasks one after another per key: a conversation's turns must not overlap, or two turns would read and write
 * its dialog state at once. A failed task does not hold up the ones queued behind it.
 */
export class KeyedQueue {
    /** The last task queued per key, settled or not; removed once it settles with nothing queued behind. */
    private readonly tails = new Map<string, Promise<void>>();

    /** Queues `task` behind the key's earlier tasks; the promise settles as the task does. */
    push(key: string, task: () => Promise<void>): Promise<void> {
        const run = (this.tails.get(key) ?? Promise.resolve()).then(task);
        const tail = run.catch(() => undefined);
        this.tails.set(key, tail);
        void tail.then(() => {
            if (this.tails.get(key) === tail) this.tails.delete(key);
        });
        return run;
    }

    /** Keys with work queued or running. */
    get size(): number {
        return this.tails.size;
    }
}
