import {
    ComponentDialog,
    Dialog,
    WaterfallDialog,
    type DialogInstance,
    type DialogTurnResult,
    type WaterfallStep,
    type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { DialogDeps } from '../src/bot/dialogDeps.js';

const OPTIONS_KEY = 'luotsiOptions';

/**
 * Base of Luotsi's dialogs: one waterfall whose first step asks and whose later steps handle the answer. The
 * dialog's options are its whole state, so asking again (after help, a language switch, or when a dialog that
 * interrupted it ends: ComponentDialog then reprompts) is rendering the prompt again from the options, in
 * whatever language the turn now speaks.
 */
export abstract class LuotsiDialog<O extends object> extends ComponentDialog<O> {
    protected readonly flowId: string;

    protected constructor(
        id: string,
        protected readonly deps: DialogDeps,
        handleSteps: WaterfallStep[],
    ) {
        super(id);
        this.flowId = `${id}.flow`;
        this.addDialog(new WaterfallDialog(this.flowId, [this.askStep.bind(this), ...handleSteps]));
        this.initialDialogId = this.flowId;
    }

    /** Sends what the dialog asks in its current state. */
    protected abstract renderPrompt(context: TurnContext, options: O): Promise<void>;

    /** Lets a dialog finish or branch instead of asking (e.g. no questions left); undefined means ask. */
    protected async beforeAsk(_step: WaterfallStepContext, _options: O): Promise<DialogTurnResult | undefined> {
        return undefined;
    }

    /** The options this dialog is currently asking from (for reprompting from outside the dialog). */
    static storedOptions<T>(instance: DialogInstance | undefined): T | undefined {
        return instance?.state[OPTIONS_KEY] as T | undefined;
    }

    protected optionsOf(step: WaterfallStepContext): O {
        return step.options as O;
    }

    /** Asks again from new options (the next question, the previous one, or the same after an interruption). */
    protected askAgain(step: WaterfallStepContext, options: O): Promise<DialogTurnResult> {
        return step.replaceDialog(this.flowId, options);
    }

    private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const component = step.parent?.activeDialog;
        if (component) component.state[OPTIONS_KEY] = options;
        const branched = await this.beforeAsk(step, options);
        if (branched) return branched;
        await this.renderPrompt(step.context, options);
        return Dialog.EndOfTurn;
    }

    protected override async onRepromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
        const options = LuotsiDialog.storedOptions<O>(instance);
        if (options) await this.renderPrompt(context, options);
    }
}
