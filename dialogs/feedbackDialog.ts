import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LifeSituationId } from '../src/content/vocabulary.js';
import { messageWithReplies } from '../src/bot/choices.js';
import { recogniseCommand } from '../src/bot/commands.js';
import { profileOf, translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { readInput } from '../src/bot/userInput.js';
import { LuotsiDialog } from './luotsiDialog.js';

export const FEEDBACK_DIALOG = 'feedback';

export interface FeedbackOptions {
    readonly stage: 'rating' | 'comment';
    readonly rating?: number;
    /** Asked once more after an answer that was not a rating. */
    readonly retried?: boolean;
}

const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** A 1–5 rating and an optional comment, stored without anything that identifies the resident. */
export class FeedbackDialog extends LuotsiDialog<FeedbackOptions> {
    constructor(deps: DialogDeps) {
        super(FEEDBACK_DIALOG, deps, [(step) => this.handleAnswer(step)]);
    }

    protected async renderPrompt(context: TurnContext, options: FeedbackOptions): Promise<void> {
        const { t } = await translatorOf(this.deps, context);
        if (options.stage === 'rating') {
            const text = options.retried ? t('feedback.ratingAgain') : t('feedback.askRating');
            await context.sendActivity(
                messageWithReplies(text, [
                    ...RATINGS.map((rating) => t(`feedback.rating${rating}`)),
                    t('feedback.skip'),
                ]),
            );
        } else {
            await context.sendActivity(messageWithReplies(t('feedback.askComment'), [t('feedback.skip')]));
        }
    }

    private async handleAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const input = readInput(step.context.activity);
        const text = input.kind === 'text' ? input.text : '';
        const skipped = recogniseCommand(text)?.command === 'skip';
        const { t } = await translatorOf(this.deps, step.context);
        if (options.stage === 'rating') {
            if (skipped) return this.finish(step, t('feedback.skipped'));
            const rating = Number(/^\s*([1-5])\b/.exec(text)?.[1]);
            if (!rating) {
                if (options.retried) return this.finish(step, t('feedback.skipped'));
                return this.askAgain(step, { ...options, retried: true });
            }
            return this.askAgain(step, { ...options, stage: 'comment', rating });
        }
        await this.store(step.context, options.rating ?? 0, skipped ? undefined : text || undefined);
        return this.finish(step, t('feedback.thanks'));
    }

    private async store(context: TurnContext, rating: number, comment: string | undefined): Promise<void> {
        if (rating < 1 || rating > 5) return;
        const profile = await profileOf(this.deps, context);
        const { language } = await translatorOf(this.deps, context);
        const lifeSituation: LifeSituationId | undefined = profile.lifeSituations.at(-1);
        await this.deps.feedback.add({
            rating: rating as 1 | 2 | 3 | 4 | 5,
            comment,
            language,
            channel: context.activity.channelId ?? 'unknown',
            lifeSituation,
        });
        await this.deps.stats.record(context, profile, {
            type: 'feedback',
            rating: rating as 1 | 2 | 3 | 4 | 5,
            ...(comment ? { comment } : {}),
            ...(lifeSituation ? { lifeSituation } : {}),
        });
    }

    private async finish(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
        await step.context.sendActivity(text);
        const profile = await profileOf(this.deps, step.context);
        profile.feedbackAsked = true;
        return step.endDialog({ feedbackGiven: true });
    }
}
