import type { Logger } from '../logger.js';
import type { ConversationStats } from '../stats/conversationStats.js';
import type { AcceptResult, HandoverQueue } from './handoverQueue.js';
import type { HandoverRecord } from './handoverRecord.js';
import type { HandoverRelay } from './handoverRelay.js';

export interface AcceptDeps {
    readonly handovers: HandoverQueue;
    readonly relay: HandoverRelay;
    readonly stats: ConversationStats;
    readonly logger: Logger;
}

/**
 * Accepting a handover, from the console or from a Teams card: atomic in the queue, counted in the statistics, and
 * the resident is told who joined. A resident who has left cannot be told; the accept still stands.
 */
export async function acceptHandover(
    deps: AcceptDeps,
    id: string,
    counsellor: string,
    now: Date,
): Promise<AcceptResult> {
    const result = await deps.handovers.accept(id, counsellor, now);
    if (!result.ok) return result;
    const { handover } = result;
    const base = statsBase(handover);
    if (base)
        await deps.stats.recordFor(base, {
            type: 'handover-accepted',
            waitSeconds: secondsBetween(handover.createdAt, handover.acceptedAt),
        });
    try {
        await deps.relay.send(handover, { type: 'accepted', counsellor });
    } catch (error) {
        deps.logger.warn('could not reach the resident', {
            handoverId: handover.id,
            event: 'accepted',
            error: (error as Error).message,
        });
    }
    return result;
}

/** The statistics identity of a handover's conversation (its random id, never channel ids); none for old records. */
export function statsBase(handover: HandoverRecord) {
    if (!handover.statsId) return undefined;
    return { conversation: handover.statsId, channel: handover.channel, language: handover.language };
}

/** Whole seconds from one ISO time to another; 0 when the second is missing or earlier. */
export function secondsBetween(from: string, to: string | undefined): number {
    if (!to) return 0;
    return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}
