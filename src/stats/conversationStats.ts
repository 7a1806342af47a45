import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { ConversationProfile } from '../bot/conversationProfile.js';
import type { Language } from '../content/vocabulary.js';
import { DEFAULT_LANGUAGE } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import { isStatsChannel, recordEvent, type StatsEventBody } from './statsEvents.js';
import type { StatsStore } from './statsStore.js';

/**
 * The bot's side of statistics: every event gets a random per-conversation id (kept in conversation state, never
 * the channel's ids), the channel and the language. Statistics never break a conversation: failures are logged.
 */
export class ConversationStats {
    constructor(
        private readonly store: StatsStore,
        private readonly logger: Logger,
        private readonly now: () => Date,
    ) {}

    async record(context: TurnContext, profile: ConversationProfile, event: StatsEventBody): Promise<void> {
        await this.add({ ...this.base(context, profile), ...event });
    }

    /** For events that happen outside the resident's turn (a counsellor accepting or closing). */
    async recordFor(
        base: { conversation: string; channel: string; language: Language },
        event: StatsEventBody,
    ): Promise<void> {
        await this.add({ ...base, ...event });
    }

    /** A search that found nothing, kept only as redacted normalised text, so editors can see content gaps. */
    async unmatched(language: Language, text: string): Promise<void> {
        try {
            await this.store.addUnmatched({ language, text, at: this.now() });
        } catch (error) {
            this.logger.warn('could not count an unmatched query', { error: (error as Error).message });
        }
    }

    base(
        context: TurnContext,
        profile: ConversationProfile,
    ): { conversation: string; channel: string; language: Language } {
        profile.statsId ??= randomUUID();
        const channel = context.activity.channelId ?? 'unknown';
        return {
            conversation: profile.statsId,
            // Channel ids are short names ("webchat", "msteams"); anything else is counted as "other".
            channel: isStatsChannel(channel) ? channel : 'other',
            language: profile.language ?? DEFAULT_LANGUAGE,
        };
    }

    private async add(input: Parameters<typeof recordEvent>[0]): Promise<void> {
        try {
            await this.store.add(recordEvent({ ...input, at: this.now() }));
        } catch (error) {
            this.logger.warn('could not record a statistics event', {
                type: input.type,
                error: (error as Error).message,
            });
        }
    }
}
