import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TFunction, i18n } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import type { Language } from '../content/vocabulary.js';
import { DEFAULT_LANGUAGE } from '../i18n/i18n.js';
import type { ServiceSearch } from '../search/serviceSearch.js';
import type { HandoverQueue } from '../handover/handoverQueue.js';
import type { HandoverRecord } from '../handover/handoverRecord.js';
import type { FeedbackStore } from '../storage/feedbackStore.js';
import type { ConversationStats } from '../stats/conversationStats.js';
import type { StatsEventBody } from '../stats/statsEvents.js';
import { emptyProfile, type ConversationProfile } from './conversationProfile.js';

/** What every dialog needs; built once per server and handed to each dialog's constructor. */
export interface DialogDeps {
    readonly catalogue: Catalogue;
    readonly search: ServiceSearch;
    readonly i18n: i18n;
    readonly profile: StatePropertyAccessor<ConversationProfile>;
    readonly feedback: FeedbackStore;
    /** The current time; injected so opening hours can be tested at fixed moments. */
    readonly now: () => Date;
    /** The counsellor queue (console mode). */
    readonly handovers: HandoverQueue;
    /** console: Luotsi's own queue and console; event: a Bot Framework handoff event to an external agent hub. */
    readonly handoffMode: HandoffMode;
    /** Anonymous statistics events of this conversation. */
    readonly stats: ConversationStats;
    /** Sends the handoff initiation event in event mode. */
    readonly handoff: { initiate(context: TurnContext, record: HandoverRecord): Promise<void> };
}

export type HandoffMode = 'console' | 'event';

export async function profileOf(deps: DialogDeps, context: TurnContext): Promise<ConversationProfile> {
    return deps.profile.get(context, emptyProfile());
}

export async function languageOf(deps: DialogDeps, context: TurnContext): Promise<Language> {
    return (await profileOf(deps, context)).language ?? DEFAULT_LANGUAGE;
}

/** The translate function and language of this turn, as chosen by the turn's language rules in LuotsiBot. */
export async function translatorOf(
    deps: DialogDeps,
    context: TurnContext,
): Promise<{ t: TFunction; language: Language }> {
    const language = await languageOf(deps, context);
    return { t: deps.i18n.getFixedT(language), language };
}

/** Records an anonymous statistics event for this conversation. */
export async function recordStats(deps: DialogDeps, context: TurnContext, event: StatsEventBody): Promise<void> {
    await deps.stats.record(context, await profileOf(deps, context), event);
}
