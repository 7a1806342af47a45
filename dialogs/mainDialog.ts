import type { TurnContext } from 'botbuilder';
import {
    Dialog,
    DialogReason,
    DialogTurnStatus,
    type DialogContext,
    type DialogTurnResult,
    type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { LANGUAGES, type Language, type LifeSituationId } from '../src/content/vocabulary.js';
import { matchChoice, messageWithReplies, phrasesOf } from '../src/bot/choices.js';
import { recogniseCommand, type Recognised } from '../src/bot/commands.js';
import { counsellorContactText } from '../src/bot/counsellorContact.js';
import { audienceOf } from '../src/bot/crisisReply.js';
import { serviceCard } from '../src/cards/serviceCards.js';
import { profileOf, translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { isOfferedContentChoice } from '../src/bot/offeredChoices.js';
import { offerOwnWorkerIfManyNeeds } from '../src/bot/ownWorker.js';
import { readInput } from '../src/bot/userInput.js';
import { CONSULTATION_DIALOG, ConsultationDialog } from './consultationDialog.js';
import { FEEDBACK_DIALOG, FeedbackDialog } from './feedbackDialog.js';
import { HANDOVER_DIALOG, HandoverDialog, type HandoverOptions } from './handoverDialog.js';
import { LIFE_SITUATION_DIALOG, LifeSituationDialog, type LifeSituationOptions } from './lifeSituationDialog.js';
import { LuotsiDialog } from './luotsiDialog.js';
import { SERVICE_DETAILS_DIALOG, ServiceDetailsDialog } from './serviceDetailsDialog.js';
import { SERVICE_SEARCH_DIALOG, type ServiceSearchOptions } from './serviceSearchDialog.js';
import { ServiceSearchDialog } from './serviceSearchDialog.js';

export const MAIN_DIALOG = 'main';
/** "A person" asked for within this time after a danger message is a crisis handover. */
const CRISIS_WINDOW_MS = 30 * 60 * 1000;

/** What a finished child dialog (or the first message) leaves for the main dialog to do next. */
export type Pending =
    | { readonly searchText: string }
    | { readonly lifeSituationId: string }
    | { readonly done: true }
    | { readonly back: true }
    | { readonly person: true }
    | { readonly handover: HandoverOptions }
    | Record<string, unknown>;

export interface MainOptions {
    /** welcome: greet and show choices; again/menu: ask what next; firstMessage: greet briefly, then the
     * resident's first message is handled as an answer. */
    readonly mode: 'welcome' | 'again' | 'menu' | 'firstMessage';
    readonly pending?: Pending;
}

/** Language names on the switch buttons: each in its own language, as residents look for their own. */
const LANGUAGE_BUTTONS: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/**
 * The front door: welcome, language choice, the nine life situations or the resident's own words, and the loop
 * back after each answer. Commands that work everywhere (help, restart, back, language, a person, feedback)
 * are handled here, once, for every dialog below it.
 */
export class MainDialog extends LuotsiDialog<MainOptions> {
    constructor(deps: DialogDeps) {
        super(MAIN_DIALOG, deps, [(step) => this.handleInput(step), (step) => this.afterChild(step)]);
        this.addDialog(new LifeSituationDialog(deps));
        this.addDialog(new ServiceSearchDialog(deps));
        this.addDialog(new ServiceDetailsDialog(deps));
        this.addDialog(new FeedbackDialog(deps));
        this.addDialog(new HandoverDialog(deps));
        this.addDialog(new ConsultationDialog(deps));
    }

    /** A child's result or the first message decides what comes next before anything is asked. */
    protected override async beforeAsk(
        step: WaterfallStepContext,
        options: MainOptions,
    ): Promise<DialogTurnResult | undefined> {
        const profile = await profileOf(this.deps, step.context);
        if (options.mode === 'firstMessage') {
            if (!profile.welcomed) await this.sendWelcome(step.context, false);
            profile.welcomed = true;
            return Dialog.EndOfTurn;
        }
        if (options.mode === 'welcome') profile.welcomed = true;
        const pending = options.pending;
        if (!pending) return undefined;
        if ('searchText' in pending && typeof pending.searchText === 'string')
            return this.routeText(step, pending.searchText);
        if ('lifeSituationId' in pending && typeof pending.lifeSituationId === 'string') {
            return this.beginLifeSituation(step, pending.lifeSituationId as LifeSituationId);
        }
        if ('done' in pending && !profile.feedbackAsked) return step.beginDialog(FEEDBACK_DIALOG, { stage: 'rating' });
        if ('person' in pending) return step.beginDialog(HANDOVER_DIALOG, await this.handoverOptions(step.context));
        if ('handover' in pending && pending.handover) return step.beginDialog(HANDOVER_DIALOG, pending.handover);
        return undefined;
    }

    protected async renderPrompt(context: TurnContext, options: MainOptions): Promise<void> {
        const profile = await profileOf(this.deps, context);
        if (options.mode === 'welcome') {
            await this.sendWelcome(context, true);
            return;
        }
        const { t, language } = await translatorOf(this.deps, context);
        const text = options.mode === 'menu' ? t('main.choose') : t('main.again');
        const extra = profile.feedbackAsked ? [] : [t('buttons.feedback')];
        await context.sendActivity(messageWithReplies(text, [...this.situationButtons(language), ...extra]));
    }

    protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
        const input = readInput(innerDc.context.activity);
        const profile = await profileOf(this.deps, innerDc.context);
        if (input.kind === 'card' && input.action.action === 'share') {
            await this.shareService(innerDc.context, input.action.serviceId);
            return { status: DialogTurnStatus.waiting };
        }
        // While the resident waits for or chats with a counsellor, their words are theirs: no commands.
        if (innerDc.activeDialog?.id === HANDOVER_DIALOG || profile.handover) return super.onContinueDialog(innerDc);
        const pressedChoice = input.kind === 'text' && isOfferedContentChoice(profile, this.deps.catalogue, input.text);
        const recognised = input.kind === 'text' && !pressedChoice ? recogniseCommand(input.text) : undefined;
        const handled = recognised ? await this.interrupt(innerDc, recognised) : undefined;
        return handled ?? super.onContinueDialog(innerDc);
    }

    /** Global commands; undefined lets the active dialog take the message (it may use "back" or "none" itself). */
    private async interrupt(innerDc: DialogContext, recognised: Recognised): Promise<DialogTurnResult | undefined> {
        const context = innerDc.context;
        const { t, language } = await translatorOf(this.deps, context);
        const active = innerDc.activeDialog?.id;
        switch (recognised.command) {
            case 'restart':
                await innerDc.cancelAllDialogs();
                return innerDc.beginDialog(this.flowId, { mode: 'menu' } satisfies MainOptions);
            case 'help':
                await context.sendActivity(t('help.text'));
                await this.repromptActive(innerDc);
                return { status: DialogTurnStatus.waiting };
            case 'language': {
                const profile = await profileOf(this.deps, context);
                profile.language = recognised.language;
                profile.languageChosen = true;
                await context.sendActivity(this.deps.i18n.getFixedT(recognised.language)('language.switched'));
                await this.repromptActive(innerDc);
                return { status: DialogTurnStatus.waiting };
            }
            case 'person':
                return innerDc.beginDialog(HANDOVER_DIALOG, await this.handoverOptions(context));
            case 'manyServices':
                if (!(await offerOwnWorkerIfManyNeeds(this.deps, context, true))) {
                    await context.sendActivity(
                        counsellorContactText('many-needs', this.deps.catalogue, language, t, this.deps.now()),
                    );
                }
                return { status: DialogTurnStatus.waiting };
            case 'feedback':
                if (active === FEEDBACK_DIALOG) return undefined;
                return innerDc.beginDialog(FEEDBACK_DIALOG, { stage: 'rating' });
            case 'consult':
                if (active === CONSULTATION_DIALOG) return undefined;
                return innerDc.beginDialog(CONSULTATION_DIALOG, { stage: 'kind' });
            case 'resume':
                await this.repromptActive(innerDc);
                return { status: DialogTurnStatus.waiting };
            case 'greeting':
                if (active !== this.flowId) return undefined;
                await this.repromptActive(innerDc);
                return { status: DialogTurnStatus.waiting };
            case 'back':
                if (active === LIFE_SITUATION_DIALOG || active === SERVICE_SEARCH_DIALOG) return undefined;
                await innerDc.cancelAllDialogs();
                return innerDc.beginDialog(this.flowId, { mode: 'menu' } satisfies MainOptions);
            default:
                return undefined;
        }
    }

    /** Why this resident is handed over now: right after danger it is a crisis; else what was offered last. */
    private async handoverOptions(context: TurnContext): Promise<HandoverOptions> {
        const profile = await profileOf(this.deps, context);
        const dangerAt = profile.lastDanger ? Date.parse(profile.lastDanger.at) : NaN;
        const reason =
            this.deps.now().getTime() - dangerAt < CRISIS_WINDOW_MS ? 'crisis' : (profile.personReason ?? 'asked');
        delete profile.personReason;
        return { reason, urgency: reason === 'crisis' ? 'crisis' : 'normal', stage: 'consent' };
    }

    /** Asks again whatever is waiting for an answer, now in the turn's (possibly new) language. */
    private async repromptActive(innerDc: DialogContext): Promise<void> {
        if (innerDc.activeDialog?.id === this.flowId) {
            const mode = LuotsiDialog.storedOptions<MainOptions>(innerDc.parent?.activeDialog)?.mode;
            await this.renderPrompt(innerDc.context, { mode: mode === 'again' ? 'again' : 'menu' });
        } else {
            await innerDc.repromptDialog();
        }
    }

    private async handleInput(step: WaterfallStepContext): Promise<DialogTurnResult> {
        // A dialog that ended (started before asking, or an interruption on top) hands its result here, not the
        // resident's words: those come with a continued turn.
        if (step.reason === DialogReason.endCalled) return this.loop(step, (step.result ?? {}) as Pending);
        const input = readInput(step.context.activity);
        if (input.kind === 'card') {
            if (input.action.action === 'details')
                return step.beginDialog(SERVICE_DETAILS_DIALOG, { serviceId: input.action.serviceId });
            if (input.action.action === 'lifeSituation')
                return this.beginLifeSituation(step, input.action.lifeSituationId as LifeSituationId);
        }
        const text = input.kind === 'text' ? input.text : '';
        if (!text) return this.askAgain(step, this.optionsOf(step));
        return this.routeText(step, text);
    }

    /** A life situation's name starts its guide; "done" ends; anything else is searched. */
    private routeText(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
        const situation = matchChoice(
            text,
            this.deps.catalogue.lifeSituations.map((s) => ({ value: s.id, phrases: phrasesOf(s.names) })),
        );
        if (situation) return this.beginLifeSituation(step, situation);
        if (recogniseCommand(text)?.command === 'done') return this.loop(step, { done: true });
        return this.beginSearch(step, text);
    }

    private async afterChild(step: WaterfallStepContext): Promise<DialogTurnResult> {
        return this.loop(step, (step.result ?? {}) as Pending);
    }

    private loop(step: WaterfallStepContext, pending: Pending): Promise<DialogTurnResult> {
        const mode = 'back' in pending ? 'menu' : 'again';
        return this.askAgain(step, { mode, pending });
    }

    private beginSearch(step: WaterfallStepContext, query: string): Promise<DialogTurnResult> {
        return step.beginDialog(SERVICE_SEARCH_DIALOG, {
            query,
            stage: 'results',
            failures: 0,
        } satisfies ServiceSearchOptions);
    }

    private beginLifeSituation(step: WaterfallStepContext, situationId: LifeSituationId): Promise<DialogTurnResult> {
        return step.beginDialog(LIFE_SITUATION_DIALOG, {
            situationId,
            index: 0,
            answers: {},
        } satisfies LifeSituationOptions);
    }

    private async sendWelcome(context: TurnContext, withChoices: boolean): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        const { region } = this.deps.catalogue;
        const languages = LANGUAGES.filter((other) => other !== language).map((other) => LANGUAGE_BUTTONS[other]);
        if (audienceOf(context.activity.channelId) === 'professional') {
            await context.sendActivity(
                messageWithReplies(t('professional.welcome'), [t('professional.consult'), ...languages]),
            );
            return;
        }
        const text = t('welcome', { region: region.names[language], promise: region.customerPromise[language] });
        if (!withChoices) {
            await context.sendActivity(text);
            return;
        }
        await context.sendActivity(
            messageWithReplies(`${text}\n\n${t('main.choose')}`, [...this.situationButtons(language), ...languages]),
        );
    }

    /** A service card on its own, to stay in a Teams chat where the bot was asked. */
    private async shareService(context: TurnContext, serviceId: string): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        const service = this.deps.catalogue.servicesById.get(serviceId);
        if (!service) {
            await context.sendActivity(t('details.unknownService'));
            return;
        }
        await context.sendActivity(
            messageWithReplies(t('professional.shared'), [], [serviceCard(service, this.deps.catalogue, language, t)]),
        );
    }

    private situationButtons(language: Language): string[] {
        return this.deps.catalogue.lifeSituations.map((situation) => situation.names[language]);
    }
}
