import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LifeSituation, ServicePath } from '../src/content/schema.js';
import type { LifeSituationId } from '../src/content/vocabulary.js';
import { supportsCards } from '../src/cards/adaptiveCard.js';
import { pathCard, pathText } from '../src/cards/serviceCards.js';
import { inEveryLanguage, matchChoice, messageWithReplies, phrasesOf } from '../src/bot/choices.js';
import { recogniseCommand } from '../src/bot/commands.js';
import { noteLifeSituation, noteSuggestedServices } from '../src/bot/conversationProfile.js';
import { offerOwnWorkerIfManyNeeds } from '../src/bot/ownWorker.js';
import { profileOf, recordStats, translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { readInput } from '../src/bot/userInput.js';
import { LuotsiDialog } from './luotsiDialog.js';
import { SERVICE_DETAILS_DIALOG } from './serviceDetailsDialog.js';

export const LIFE_SITUATION_DIALOG = 'lifeSituation';

export interface LifeSituationOptions {
    readonly situationId: LifeSituationId;
    /** The question being asked; equal to the number of questions once the path is shown. */
    readonly index: number;
    /** Question id → chosen option id. */
    readonly answers: Readonly<Record<string, string>>;
    /** The answer was not understood once: ask with a hint, then move on. */
    readonly retried?: boolean;
    /** The path has been shown; later prompts offer its steps without repeating it. */
    readonly pathShown?: boolean;
}

export type LifeSituationResult = { readonly done: true } | { readonly back: true } | { readonly searchText: string };

/** The first path whose conditions the answers meet; content guarantees the last one always applies. */
export function choosePath(situation: LifeSituation, answers: Readonly<Record<string, string>>): ServicePath {
    const chosen = situation.paths.find((path) =>
        Object.entries(path.when).every(([questionId, optionIds]) => optionIds.includes(answers[questionId] ?? '')),
    );
    return chosen ?? (situation.paths.at(-1) as ServicePath);
}

/** Asks a life situation's clarifying questions, then shows its service path step by step. */
export class LifeSituationDialog extends LuotsiDialog<LifeSituationOptions> {
    constructor(deps: DialogDeps) {
        super(LIFE_SITUATION_DIALOG, deps, [(step) => this.handleAnswer(step), (step) => this.afterDetails(step)]);
    }

    protected override async beforeAsk(
        step: WaterfallStepContext,
        options: LifeSituationOptions,
    ): Promise<DialogTurnResult | undefined> {
        const situation = this.situation(options);
        const profile = await profileOf(this.deps, step.context);
        if (noteLifeSituation(profile, situation.id)) {
            await recordStats(this.deps, step.context, { type: 'life-situation-chosen', lifeSituation: situation.id });
        }
        if (options.index >= situation.questions.length && !options.pathShown) {
            noteSuggestedServices(
                profile,
                choosePath(situation, options.answers).steps.map((s) => s.serviceId),
            );
            // The answers go to a possible handover, so a counsellor does not ask them again.
            const answers = (profile.answers ?? []).filter((answer) => answer.lifeSituationId !== situation.id);
            for (const [questionId, optionId] of Object.entries(options.answers)) {
                answers.push({ lifeSituationId: situation.id, questionId, optionId });
            }
            profile.answers = answers;
            await recordStats(this.deps, step.context, { type: 'path-completed', lifeSituation: situation.id });
        }
        return undefined;
    }

    protected async renderPrompt(context: TurnContext, options: LifeSituationOptions): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        const situation = this.situation(options);
        const question = situation.questions[options.index];
        if (question) {
            const lead = options.index === 0 && !options.retried ? `${situation.intro[language]}\n\n` : '';
            const hint = options.retried ? `${t('lifeSituation.notUnderstood')}\n\n` : '';
            const replies = [
                ...question.options.map((option) => option.label[language]),
                ...(options.index > 0 ? [t('buttons.back')] : []),
            ];
            await context.sendActivity(messageWithReplies(`${hint}${lead}${question.text[language]}`, replies));
            return;
        }
        const path = choosePath(situation, options.answers);
        const stepReplies = path.steps.map((step) =>
            t('buttons.moreAbout', {
                name: this.deps.catalogue.servicesById.get(step.serviceId)?.names[language] ?? step.serviceId,
            }),
        );
        const replies = [...stepReplies, t('buttons.done'), t('buttons.back'), t('buttons.person')];
        if (options.pathShown) {
            await context.sendActivity(messageWithReplies(t('lifeSituation.afterDetails'), replies));
            return;
        }
        // Before the path, so the path's own buttons stay the last ones on screen.
        await offerOwnWorkerIfManyNeeds(this.deps, context, false, false);
        if (supportsCards(context.activity.channelId)) {
            const card = pathCard(situation, path, this.deps.catalogue, language, t);
            await context.sendActivity(messageWithReplies(t('lifeSituation.pathLead'), replies, [card]));
        } else {
            await context.sendActivity(
                messageWithReplies(pathText(situation, path, this.deps.catalogue, language, t), replies),
            );
        }
    }

    private async handleAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const input = readInput(step.context.activity);
        if (input.kind === 'card' && input.action.action === 'details') {
            return step.beginDialog(SERVICE_DETAILS_DIALOG, { serviceId: input.action.serviceId });
        }
        const text = input.kind === 'text' ? input.text : '';
        const command = recogniseCommand(text)?.command;
        const situation = this.situation(options);
        const question = situation.questions[options.index];
        // An answer option wins over a command with the same words ("En tiedä" may be an option, not a skip).
        const answer = question
            ? matchChoice(
                  text,
                  question.options.map((option) => ({
                      value: option.id,
                      phrases: phrasesOf(option.label, option.synonyms),
                  })),
              )
            : undefined;
        if (question && answer) {
            const answers = { ...options.answers, [question.id]: answer };
            return this.askAgain(step, { ...options, answers, index: options.index + 1, retried: false });
        }
        if (command === 'back') {
            if (options.index === 0) return step.endDialog({ back: true });
            return this.askAgain(step, { ...options, index: options.index - 1, retried: false, pathShown: false });
        }
        if (question) {
            if (command === 'skip')
                return this.askAgain(step, { ...options, index: options.index + 1, retried: false });
            // Not understood twice: move on rather than trap the resident in a question.
            return this.askAgain(
                step,
                options.retried
                    ? { ...options, index: options.index + 1, retried: false }
                    : { ...options, retried: true },
            );
        }
        if (command === 'done') return step.endDialog({ done: true });
        const serviceId = this.pickStep(options, text);
        if (serviceId) return step.beginDialog(SERVICE_DETAILS_DIALOG, { serviceId });
        if (!text) return this.askAgain(step, { ...options, pathShown: true });
        return step.endDialog({ searchText: text });
    }

    private async afterDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
        return this.askAgain(step, { ...this.optionsOf(step), pathShown: true });
    }

    /** A step's service picked by its "more about" button or its name. */
    private pickStep(options: LifeSituationOptions, text: string): string | undefined {
        const path = choosePath(this.situation(options), options.answers);
        const choices = path.steps.flatMap((step) => {
            const service = this.deps.catalogue.servicesById.get(step.serviceId);
            if (!service) return [];
            const names = phrasesOf(service.names);
            const buttons = names.flatMap((name) => inEveryLanguage(this.deps.i18n, 'buttons.moreAbout', { name }));
            return [{ value: service.id, phrases: [...names, ...buttons] }];
        });
        return matchChoice(text, choices);
    }

    private situation(options: LifeSituationOptions): LifeSituation {
        const situation = this.deps.catalogue.lifeSituationsById.get(options.situationId);
        if (!situation) throw new Error(`unknown life situation ${options.situationId}`);
        return situation;
    }
}
