import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { TFunction } from 'i18next';
import { adaptiveCard, factSet, heading, submitAction, textBlock, type CardElement } from '../cards/adaptiveCard.js';
import type { Catalogue } from '../content/catalogue.js';
import type { Logger } from '../logger.js';
import type { HandoverQueue } from './handoverQueue.js';
import type { HandoverRecord } from './handoverRecord.js';
import { renderIsbar } from './isbarText.js';

export interface TeamsChannel {
    /** The channel's conversation id, "19:…@thread.tacv2". */
    readonly channelId: string;
    readonly serviceUrl: string;
    readonly tenantId?: string;
}

/** The card a counsellor team sees in Teams: the summary and an Accept that works like the console's. */
export function handoverCard(record: HandoverRecord, catalogue: Catalogue, t: TFunction) {
    const language = t('handover.isbar.readerLanguage') as 'fi' | 'sv' | 'en';
    const body: CardElement[] = [
        heading(t('teamsCard.title')),
        factSet([
            { title: t('teamsCard.urgency'), value: t(`console.urgency.${record.urgency}`) },
            { title: t('teamsCard.reason'), value: t(`console.reason.${record.reason}`) },
            { title: t('teamsCard.language'), value: record.language },
            {
                title: t('teamsCard.lifeSituations'),
                value:
                    record.lifeSituations
                        .map((id) => catalogue.lifeSituationsById.get(id)?.names[language] ?? id)
                        .join(', ') || '–',
            },
        ]),
        ...renderIsbar(record, catalogue, t).flatMap((section) => [
            textBlock(section.heading, { weight: 'Bolder', spacing: 'Medium' }),
            ...section.lines.map((line) => textBlock(line, { spacing: 'Small' })),
        ]),
    ];
    return adaptiveCard(body, [
        submitAction(t('teamsCard.accept'), { action: 'acceptHandover', handoverId: record.id }),
    ]);
}

/** After accepting in Teams: where to chat, and 1–5 for how useful the summary was. */
export function summaryRatingCard(handoverId: string, t: TFunction) {
    const ratings = [1, 2, 3, 4, 5].map((rating) =>
        submitAction(String(rating), { action: 'rateSummary', handoverId, rating }),
    );
    return {
        type: 'message' as const,
        attachments: [
            adaptiveCard([textBlock(t('teamsCard.accepted')), textBlock(t('teamsCard.rateSummary'))], ratings),
        ],
    };
}

/** Posts every new handover to the counsellors' Teams channel as it enters the queue. */
export function startTeamsNotifier(deps: {
    handovers: HandoverQueue;
    adapter: CloudAdapter;
    appId: string;
    channel: TeamsChannel;
    catalogue: Catalogue;
    t: TFunction;
    logger: Logger;
}): () => void {
    const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: deps.channel.serviceUrl,
        conversation: {
            id: deps.channel.channelId,
            isGroup: true,
            conversationType: 'channel',
            name: '',
            ...(deps.channel.tenantId ? { tenantId: deps.channel.tenantId } : {}),
        },
    };
    return deps.handovers.subscribe(({ type, handover }) => {
        if (type !== 'created') return;
        const card = handoverCard(handover, deps.catalogue, deps.t);
        deps.adapter
            .continueConversationAsync(deps.appId, reference, async (context) => {
                await context.sendActivity({ type: 'message', attachments: [card] });
            })
            .catch((error: Error) =>
                deps.logger.warn('could not post the handover to Teams', {
                    handoverId: handover.id,
                    error: error.message,
                }),
            );
    });
}
