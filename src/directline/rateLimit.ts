/** The answer of a {@link SlidingWindowLimiter}: go ahead, or wait this many seconds. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface SlidingWindowLimiterOptions {
    /** Requests allowed per key within one window. */
    readonly limit: number;
    readonly windowMs: number;
    /** Keys remembered at most; the least recently used is forgotten first, which can only be lenient. */
    readonly maxKeys?: number;
    /** Milliseconds since the epoch; injected so tests can move time. */
    readonly now?: () => number;
}

/**
 * At most `limit` requests per key in any `windowMs`: a sliding log rather than fixed windows, so a client cannot
 * send twice the limit across a window boundary. Per process; with several instances each counts on its own.
 */
export class SlidingWindowLimiter {
    private readonly maxKeys: number;
    private readonly now: () => number;
    /** Per key the times of the requests within the window, oldest first; in least-recently-used key order. */
    private readonly log = new Map<string, number[]>();

    constructor(private readonly options: SlidingWindowLimiterOptions) {
        this.maxKeys = options.maxKeys ?? 10_000;
        this.now = options.now ?? Date.now;
    }

    /** Counts a request for `key` if it is allowed. */
    take(key: string): RateDecision {
        const now = this.now();
        const times = (this.log.get(key) ?? []).filter((time) => now - time < this.options.windowMs);
        this.log.delete(key);
        if (times.length >= this.options.limit) {
            this.log.set(key, times);
            const retryAfterMs = times[0]! + this.options.windowMs - now;
            return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
        }
        times.push(now);
        this.log.set(key, times);
        while (this.log.size > this.maxKeys) this.log.delete(this.log.keys().next().value!);
        return { allowed: true };
    }
}
