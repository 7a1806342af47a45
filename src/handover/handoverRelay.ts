import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { HandoverRecord } from './handoverRecord.js';

/** What happened on the counsellor's side that the resident must hear about. */
export type CounsellorEvent =
    | { readonly type: 'accepted'; readonly counsellor: string }
    | { readonly type: 'message'; readonly text: string }
    | { readonly type: 'closed' };

/** The bot's side of a counsellor event, run in a proactive turn of the resident's conversation. */
export type CounsellorEventHandler = (
    context: TurnContext,
    record: HandoverRecord,
    event: CounsellorEvent,
) => Promise<void>;

/**
 * Carries counsellor events to the resident as proactive messages through the Bot Framework adapter, using the
 * conversation reference stored in the handover (so it works after a restart, and on any channel).
 */
export class HandoverRelay {
    constructor(
        private readonly adapter: CloudAdapter,
        /** The bot's app id; empty when running without Azure credentials. */
        private readonly appId: string,
        private readonly handle: CounsellorEventHandler,
    ) {}

    async send(record: HandoverRecord, event: CounsellorEvent): Promise<void> {
        const reference = record.conversationRef as Partial<ConversationReference>;
        await this.adapter.continueConversationAsync(this.appId, reference, (context) =>
            this.handle(context, record, event),
        );
    }
}
