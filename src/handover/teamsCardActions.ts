import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { ConversationStats } from '../stats/conversationStats.js';
import { statsBase } from './acceptHandover.js';
import type { AcceptResult, HandoverQueue } from './handoverQueue.js';
import { summaryRatingCard } from './teamsNotifier.js';

export interface TeamsCardDeps {
    readonly handovers: HandoverQueue;
    readonly stats: ConversationStats;
    /** Accepts like the console does (atomic, counted, the resident told); absent when Teams posting is off. */
    readonly acceptFromTeams?: (handoverId: string, counsellor: string) => Promise<AcceptResult>;
}

/** A counsellor in the Teams channel pressed Accept on a handover card. */
export async function acceptFromTeamsCard(
    deps: TeamsCardDeps,
    context: TurnContext,
    handoverId: string,
    t: TFunction,
): Promise<void> {
    if (context.activity.channelId !== 'msteams' || !deps.acceptFromTeams) {
        await context.sendActivity(t('input.unknownCard'));
        return;
    }
    const counsellor = `teams:${context.activity.from?.name ?? context.activity.from?.id ?? 'unknown'}`;
    const result = await deps.acceptFromTeams(handoverId, counsellor);
    if (result.ok) await context.sendActivity(summaryRatingCard(handoverId, t));
    else if (result.reason === 'taken') await context.sendActivity(t('teamsCard.taken', { name: result.acceptedBy }));
    else await context.sendActivity(t('teamsCard.notWaiting'));
}

/** A counsellor in Teams tells how useful the bot's summary was (staff feedback in the statistics). */
export async function rateSummaryFromTeamsCard(
    deps: TeamsCardDeps,
    context: TurnContext,
    handoverId: string,
    rating: number,
    t: TFunction,
): Promise<void> {
    const record = context.activity.channelId === 'msteams' ? await deps.handovers.get(handoverId) : undefined;
    if (!record) {
        await context.sendActivity(t('input.unknownCard'));
        return;
    }
    await deps.handovers.rateSummary(handoverId, rating);
    const base = statsBase(record);
    if (base) await deps.stats.recordFor(base, { type: 'staff-feedback', rating: rating as 1 | 2 | 3 | 4 | 5 });
    await context.sendActivity(t('teamsCard.thanks'));
}
