import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LifeSituation, Service } from '../src/content/schema.js';
import { MATCH_THRESHOLD, type SearchOutcome } from '../src/search/serviceSearch.js';
import { supportsCards } from '../src/cards/adaptiveCard.js';
import { serviceCard, serviceText } from '../src/cards/serviceCards.js';
import { matchChoice, messageWithReplies, phrasesOf } from '../src/bot/choices.js';
import { recogniseCommand } from '../src/bot/commands.js';
import { audienceOf } from '../src/bot/crisisReply.js';
import { noteSuggestedServices } from '../src/bot/conversationProfile.js';
import { profileOf, recordStats, translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { readInput } from '../src/bot/userInput.js';
import { LuotsiDialog } from './luotsiDialog.js';
import { SERVICE_DETAILS_DIALOG } from './serviceDetailsDialog.js';

export const SERVICE_SEARCH_DIALOG = 'serviceSearch';
/** Turn-state key prefix for this turn's search outcomes. */
const SEARCH_CACHE_KEY = 'luotsi.searchOutcome';
/** Suggestions shown at once: enough to choose from, few enough to read on a phone. */
const SHOWN = 3;
/** Failed attempts (nothing found, or "none of these") before a person is offered instead of another try. */
const ATTEMPTS_BEFORE_PERSON = 2;

export interface ServiceSearchOptions {
    readonly query: string;
    readonly stage: 'results' | 'refine' | 'afterDetails';
    /** Searches that found nothing plus "none of these" answers so far. */
    readonly failures: number;
    /** The last search found nothing (rather than the resident turning the suggestions down). */
    readonly noMatch?: boolean;
}

export type ServiceSearchResult =
    | { readonly lifeSituationId: string }
    | { readonly done: true }
    | { readonly person: true }
    | { readonly detailsShown: string };

/** Suggestions for what the resident wrote, as cards; "none of these" leads to one refining question, then a person. */
export class ServiceSearchDialog extends LuotsiDialog<ServiceSearchOptions> {
    constructor(deps: DialogDeps) {
        super(SERVICE_SEARCH_DIALOG, deps, [(step) => this.handleAnswer(step), (step) => this.afterDetails(step)]);
    }

    protected override async beforeAsk(
        step: WaterfallStepContext,
        options: ServiceSearchOptions,
    ): Promise<DialogTurnResult | undefined> {
        if (options.stage !== 'results') return undefined;
        const outcome = await this.searchFor(step.context, options.query);
        const kinds = [...new Set(outcome.services.slice(0, SHOWN).map((hit) => hit.service.kind))];
        await recordStats(this.deps, step.context, { type: 'search', matched: outcome.matched, kinds });
        if (!outcome.matched) await this.deps.stats.unmatched(outcome.language, options.query);
        if (outcome.matched) {
            const profile = await profileOf(this.deps, step.context);
            noteSuggestedServices(
                profile,
                outcome.services.slice(0, SHOWN).map((hit) => hit.service.id),
            );
            return undefined;
        }
        return this.failed(step, options, true);
    }

    protected async renderPrompt(context: TurnContext, options: ServiceSearchOptions): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        if (options.stage === 'refine') {
            const text = options.noMatch ? t('search.refineFirst') : t('search.refine');
            await context.sendActivity(messageWithReplies(text, [t('buttons.person')]));
            return;
        }
        if (options.stage === 'afterDetails') {
            await context.sendActivity(
                messageWithReplies(t('search.afterDetails'), [
                    t('buttons.done'),
                    t('buttons.otherSuggestions'),
                    t('buttons.person'),
                ]),
            );
            return;
        }
        const outcome = await this.searchFor(context, options.query);
        const services = outcome.services.slice(0, SHOWN).map((hit) => hit.service);
        const situation = strongSituation(outcome);
        const replies = [
            ...services.map((service) => t('buttons.moreAbout', { name: service.names[language] })),
            ...(situation ? [t('buttons.goThrough', { name: situation.names[language] })] : []),
            t('buttons.none'),
        ];
        if (supportsCards(context.activity.channelId)) {
            const shareable = audienceOf(context.activity.channelId) === 'professional';
            const cards = services.map((service) => serviceCard(service, this.deps.catalogue, language, t, shareable));
            await context.sendActivity(messageWithReplies(t('search.intro'), replies, cards));
        } else {
            const lines = services.map((service, i) => serviceText(service, language, t, i + 1));
            await context.sendActivity(messageWithReplies([t('search.intro'), ...lines].join('\n\n'), replies));
        }
    }

    private async handleAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const input = readInput(step.context.activity);
        if (input.kind === 'card') {
            if (input.action.action === 'details')
                return step.beginDialog(SERVICE_DETAILS_DIALOG, { serviceId: input.action.serviceId });
            if (input.action.action === 'lifeSituation')
                return step.endDialog({ lifeSituationId: input.action.lifeSituationId });
        }
        const text = input.kind === 'text' ? input.text : '';
        const command = recogniseCommand(text)?.command;
        if (command === 'none') return this.failed(step, options, false);
        if (command === 'done') return step.endDialog({ done: true });
        if (options.stage === 'afterDetails' && command === 'back')
            return this.askAgain(step, { ...options, stage: 'results' });
        if (options.stage !== 'refine') {
            const picked = await this.pickFromShown(step.context, options.query, text);
            if (picked && 'service' in picked)
                return step.beginDialog(SERVICE_DETAILS_DIALOG, { serviceId: picked.service.id });
            if (picked && 'situation' in picked) return step.endDialog({ lifeSituationId: picked.situation.id });
        }
        if (!text) return this.askAgain(step, options);
        return this.askAgain(step, { query: text, stage: 'results', failures: options.failures });
    }

    private async afterDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
        return this.askAgain(step, { ...this.optionsOf(step), stage: 'afterDetails' });
    }

    /** Nothing fitted: first a refining question, after that a person. */
    private async failed(
        step: WaterfallStepContext,
        options: ServiceSearchOptions,
        noMatch: boolean,
    ): Promise<DialogTurnResult> {
        const failures = options.failures + 1;
        if (failures < ATTEMPTS_BEFORE_PERSON)
            return this.askAgain(step, { ...options, stage: 'refine', failures, noMatch });
        const profile = await profileOf(this.deps, step.context);
        profile.personReason = 'no-match';
        return step.endDialog({ person: true });
    }

    /** A pressed "more about X" / "go through Y" button, or their name typed. */
    private async pickFromShown(
        context: TurnContext,
        query: string,
        text: string,
    ): Promise<{ service: Service } | { situation: LifeSituation } | undefined> {
        if (!text) return undefined;
        const { t } = await translatorOf(this.deps, context);
        const outcome = await this.searchFor(context, query);
        const services = outcome.services.slice(0, SHOWN).map((hit) => hit.service);
        const service = matchChoice(
            text,
            services.map((s) => ({
                value: s,
                phrases: phrasesOf(s.names).flatMap((name) => [name, t('buttons.moreAbout', { name })]),
            })),
        );
        if (service) return { service };
        // Any life situation by its name or its "go through" button, not only the one suggested here.
        const situation = matchChoice(
            text,
            this.deps.catalogue.lifeSituations.map((s) => ({
                value: s,
                phrases: phrasesOf(s.names).flatMap((name) => [name, t('buttons.goThrough', { name })]),
            })),
        );
        return situation ? { situation } : undefined;
    }

    /** In the conversation's language; a text in another of the three languages is still understood. */
    private async searchFor(context: TurnContext, query: string): Promise<SearchOutcome> {
        const { language } = await translatorOf(this.deps, context);
        // Counting, showing and reading a pick all need the same outcome within a turn: search once.
        const key = `${SEARCH_CACHE_KEY}:${language}:${query}`;
        const cached = context.turnState.get(key) as SearchOutcome | undefined;
        if (cached) return cached;
        const inLanguage = this.deps.search.search(query, language);
        const outcome = inLanguage.matched ? inLanguage : this.deps.search.search(query, 'auto');
        context.turnState.set(key, outcome);
        return outcome;
    }
}

function strongSituation(outcome: SearchOutcome): LifeSituation | undefined {
    const best = outcome.lifeSituations[0];
    return best && best.score >= MATCH_THRESHOLD ? best.situation : undefined;
}
