import type { Logger } from '../logger.js';
import { describeError } from '../storage/jsonFileDb.js';
import { retentionCutoffs, type RetentionOptions, type StatsStore } from './statsStore.js';

/** Options of {@link startRetentionJob}. */
export interface RetentionJobOptions extends RetentionOptions {
    /** Clock; the retention limits are counted back from it at each run. */
    readonly now: () => Date;
    /** Time between purges; a day by default. */
    readonly intervalMs?: number;
    /** Gets the counts of each purge and any failure (ids and counts only). */
    readonly logger?: Pick<Logger, 'info' | 'error'>;
}

export const DEFAULT_RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Purges `store` at once and then every `intervalMs`, so data is deleted on time even if the server runs for months.
 * The timer is unref'd: it never keeps the process alive on its own. A run still in progress when the next is due is
 * not overlapped. Returns the function that stops the job.
 */
export function startRetentionJob(store: Pick<StatsStore, 'purge'>, options: RetentionJobOptions): () => void {
    const intervalMs = options.intervalMs ?? DEFAULT_RETENTION_INTERVAL_MS;
    if (!(Number.isFinite(intervalMs) && intervalMs > 0)) throw new RangeError('Retention: intervalMs must be > 0');
    const limits: RetentionOptions = { eventsMonths: options.eventsMonths, unmatchedDays: options.unmatchedDays };
    // Checked now, so a misconfigured limit stops startup instead of failing quietly every day.
    retentionCutoffs(options.now(), limits);
    let running = false;
    let stopped = false;

    const run = async () => {
        if (running || stopped) return;
        running = true;
        try {
            const removed = await store.purge(options.now(), limits);
            options.logger?.info('stats retention purge', { events: removed.events, unmatched: removed.unmatched });
        } catch (error) {
            options.logger?.error('stats retention purge failed', { error: describeError(error) });
        } finally {
            running = false;
        }
    };

    const timer = setInterval(() => void run(), intervalMs);
    timer.unref();
    void run();
    return () => {
        stopped = true;
        clearInterval(timer);
    };
}
