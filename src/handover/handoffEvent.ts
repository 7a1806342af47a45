import { ActivityTypes, EventFactory, RoleTypes, type Activity, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import type { HandoverRecord } from './handoverRecord.js';
import { renderIsbar } from './isbarText.js';

/**
 * The Bot Framework handoff initiation event (as botbuilder's EventFactory builds it) for an agent hub such as
 * Dynamics 365 Omnichannel: the ISBAR summary and the structured record as context, the redacted transcript attached.
 */
export function handoffInitiation(
    context: TurnContext,
    record: HandoverRecord,
    catalogue: Catalogue,
    t: TFunction,
): Partial<Activity> {
    const summary = renderIsbar(record, catalogue, t);
    const activities = record.transcript.map((line): Partial<Activity> => ({
        type: ActivityTypes.Message,
        text: line.text,
        timestamp: new Date(line.at),
        from: { id: line.from, name: line.from, role: line.from === 'resident' ? RoleTypes.User : RoleTypes.Bot },
    }));
    return EventFactory.createHandoffInitiation(
        context,
        {
            handoverId: record.id,
            reason: record.reason,
            urgency: record.urgency,
            language: record.language,
            lifeSituations: record.lifeSituations,
            contact: record.contact,
            summary: summary.map((section) => ({ section: section.id, title: section.heading, lines: section.lines })),
        },
        { activities: activities as Activity[] },
    );
}

/** The states an agent hub reports back in a `handoff.status` event. */
export type HandoffState = 'accepted' | 'failed' | 'completed';

export function handoffStateOf(activity: Partial<Activity>): HandoffState | undefined {
    if (activity.type !== ActivityTypes.Event || activity.name !== 'handoff.status') return undefined;
    const state = (activity.value as { state?: unknown } | undefined)?.state;
    return state === 'accepted' || state === 'failed' || state === 'completed' ? state : undefined;
}
