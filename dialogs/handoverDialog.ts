import { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { formatHours, formatOpeningStatus } from '../src/content/formatHours.js';
import { openingStatus } from '../src/content/openingHours.js';
import { matchLocalized, messageWithReplies } from '../src/bot/choices.js';
import { recogniseCommand } from '../src/bot/commands.js';
import { counsellorContactText } from '../src/bot/counsellorContact.js';
import { profileOf, recordStats, translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { readInput } from '../src/bot/userInput.js';
import { buildHandover, isPlausiblePhone } from '../src/handover/buildHandover.js';
import type { HandoverReason, HandoverUrgency } from '../src/handover/handoverRecord.js';
import { LuotsiDialog } from './luotsiDialog.js';

export const HANDOVER_DIALOG = 'handover';

type Preference = 'chat-now' | 'callback' | 'secure-message';

export interface HandoverOptions {
    readonly reason: HandoverReason;
    readonly urgency: HandoverUrgency;
    readonly stage: 'consent' | 'closed-hours' | 'preference' | 'phone' | 'time' | 'name' | 'waiting' | 'connected';
    /** When the resident would like the call back. */
    readonly preferredTime?: string;
    readonly preference?: Preference;
    readonly phone?: string;
    /** The handover already exists (a waiting resident asking for a call back instead). */
    readonly handoverId?: string;
    readonly retried?: boolean;
    /** Re-entered after relaying a message: say nothing more than the acknowledgement. */
    readonly quiet?: boolean;
    /** A note for the counsellor's recommendation section (a professional's consultation type and consent). */
    readonly note?: string;
}

/**
 * Hands the conversation to a counsellor: consent first, then how to be reached, then the queue with position and
 * estimated wait, then the live chat relayed through the bot. Declining is respected with the phone alternative.
 */
export class HandoverDialog extends LuotsiDialog<HandoverOptions> {
    constructor(deps: DialogDeps) {
        super(HANDOVER_DIALOG, deps, [(step) => this.handleAnswer(step)]);
    }

    protected async renderPrompt(context: TurnContext, options: HandoverOptions): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        const region = this.deps.catalogue.region;
        const now = this.deps.now();
        switch (options.stage) {
            case 'consent':
                await context.sendActivity(
                    messageWithReplies(t('handoverChat.consent'), [t('handoverChat.yes'), t('handoverChat.no')]),
                );
                return;
            case 'closed-hours': {
                const hours = formatHours(region.counsellorHours, t);
                const status = formatOpeningStatus(openingStatus(region.counsellorHours, now), now, language, t);
                const text = [t('handoverChat.closed', { hours, status }), t('person.urgent')].join('\n\n');
                await context.sendActivity(
                    messageWithReplies(text, [t('handoverChat.leaveCallback'), t('handoverChat.no')]),
                );
                return;
            }
            case 'preference':
                await context.sendActivity(
                    messageWithReplies(t('handoverChat.preference'), [
                        t('handoverChat.chatNow'),
                        t('handoverChat.callback'),
                        t('handoverChat.secureMessage'),
                    ]),
                );
                return;
            case 'phone':
                await context.sendActivity(
                    messageWithReplies(options.retried ? t('handoverChat.phoneAgain') : t('handoverChat.askPhone'), [
                        t('handoverChat.cancel'),
                    ]),
                );
                return;
            case 'time':
                await context.sendActivity(
                    messageWithReplies(t('handoverChat.askTime'), [
                        t('handoverChat.morning'),
                        t('handoverChat.afternoon'),
                        t('handoverChat.anyTime'),
                    ]),
                );
                return;
            case 'name':
                await context.sendActivity(messageWithReplies(t('handoverChat.askName'), [t('feedback.skip')]));
                return;
            case 'waiting':
                if (!options.quiet) await this.renderWaiting(context, options);
                return;
            case 'connected':
                return;
        }
    }

    private async renderWaiting(context: TurnContext, options: HandoverOptions): Promise<void> {
        const { t } = await translatorOf(this.deps, context);
        if (!options.handoverId || this.deps.handoffMode === 'event') {
            await context.sendActivity(t('handoverChat.waitingExternal'));
            return;
        }
        const now = this.deps.now();
        const position = await this.deps.handovers.position(options.handoverId);
        const seconds = await this.deps.handovers.estimateWaitSeconds(options.handoverId, now);
        const minutes = Math.max(1, Math.round(seconds / 60));
        await context.sendActivity(
            messageWithReplies(t('handoverChat.waiting', { position, minutes }), [
                t('handoverChat.cancelQueue'),
                t('handoverChat.leaveCallback'),
            ]),
        );
    }

    private async handleAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const input = readInput(step.context.activity);
        const text = input.kind === 'text' ? input.text : '';
        const { t } = await translatorOf(this.deps, step.context);
        const pick = <T>(choices: [T, string[]][]) => matchLocalized(text, this.deps.i18n, choices);

        switch (options.stage) {
            case 'consent': {
                const answer = pick<'yes' | 'no'>([
                    ['yes', ['handoverChat.yes', 'handoverChat.yesWords']],
                    ['no', ['handoverChat.no', 'handoverChat.noWords']],
                ]);
                if (answer === 'no' || recogniseCommand(text)?.command === 'done') return this.declined(step);
                if (answer !== 'yes') return this.retryOrDecline(step, options);
                const open = openingStatus(this.deps.catalogue.region.counsellorHours, this.deps.now()).open;
                return this.askAgain(step, { ...options, stage: open ? 'preference' : 'closed-hours', retried: false });
            }
            case 'closed-hours': {
                const answer = pick<'callback' | 'no'>([
                    ['callback', ['handoverChat.leaveCallback', 'handoverChat.yes', 'handoverChat.yesWords']],
                    ['no', ['handoverChat.no', 'handoverChat.noWords']],
                ]);
                if (answer === 'callback')
                    return this.askAgain(step, { ...options, stage: 'phone', preference: 'callback', retried: false });
                if (answer === 'no') return this.declined(step);
                return this.retryOrDecline(step, options);
            }
            case 'preference': {
                const preference = pick<Preference>([
                    ['chat-now', ['handoverChat.chatNow']],
                    ['callback', ['handoverChat.callback']],
                    ['secure-message', ['handoverChat.secureMessage']],
                ]);
                if (preference === 'callback')
                    return this.askAgain(step, { ...options, stage: 'phone', preference, retried: false });
                if (preference) return this.create(step, { ...options, preference });
                return this.retryOrDecline(step, options);
            }
            case 'phone': {
                if (recogniseCommand(text)?.command === 'none' || pick([['cancel', ['handoverChat.cancel']]]))
                    return this.declined(step);
                if (!isPlausiblePhone(text)) {
                    if (options.retried) return this.declined(step);
                    return this.askAgain(step, { ...options, retried: true });
                }
                return this.askAgain(step, { ...options, stage: 'time', phone: text.trim(), retried: false });
            }
            case 'time': {
                const preferredTime = text.trim() || t('handoverChat.anyTime');
                if (options.handoverId) {
                    await this.deps.handovers.requestCallback(options.handoverId, {
                        phone: options.phone ?? '',
                        preferredTime,
                    });
                    return this.callbackBooked(step);
                }
                return this.askAgain(step, { ...options, stage: 'name', preferredTime, retried: false });
            }
            case 'name': {
                // The name is optional: whom the counsellor asks for when calling back.
                const skipped = !text || recogniseCommand(text)?.command === 'skip';
                return this.create(
                    step,
                    { ...options, preference: 'callback' },
                    options.preferredTime,
                    skipped ? undefined : text.trim(),
                );
            }
            case 'waiting':
            case 'connected':
                return this.relay(step, options, text);
        }
    }

    /** While waiting or connected every message goes to the counsellor; the bot answers only to say where things are. */
    private async relay(step: WaterfallStepContext, options: HandoverOptions, text: string): Promise<DialogTurnResult> {
        const { t } = await translatorOf(this.deps, step.context);
        const id = options.handoverId;
        const handover = id ? await this.deps.handovers.get(id) : undefined;
        if (!id || !handover || handover.status === 'closed' || handover.status === 'abandoned') {
            await this.forgetHandover(step.context);
            return step.endDialog({ handoverEnded: true });
        }
        const command = recogniseCommand(text)?.command;
        if (handover.status === 'waiting') {
            if (
                matchLocalized(text, this.deps.i18n, [['cancel', ['handoverChat.cancelQueue']]]) ||
                command === 'none'
            ) {
                await this.deps.handovers.cancel(id, this.deps.now());
                await this.forgetHandover(step.context);
                await step.context.sendActivity(t('handoverChat.cancelled'));
                return step.endDialog({ handoverEnded: true });
            }
            if (matchLocalized(text, this.deps.i18n, [['callback', ['handoverChat.leaveCallback']]])) {
                return this.askAgain(step, { ...options, stage: 'phone', preference: 'callback', retried: false });
            }
        }
        if (
            handover.status === 'accepted' &&
            (command === 'done' || matchLocalized(text, this.deps.i18n, [['end', ['handoverChat.endWords']]]))
        ) {
            await this.deps.handovers.appendMessage(id, {
                from: 'resident',
                text: t('handoverChat.residentLeft'),
                at: this.deps.now().toISOString(),
            });
            await this.forgetHandover(step.context);
            await step.context.sendActivity(t('handoverChat.ended'));
            return step.endDialog({ done: true, handoverEnded: true });
        }
        if (text)
            await this.deps.handovers.appendMessage(id, { from: 'resident', text, at: this.deps.now().toISOString() });
        if (handover.status === 'waiting' && text) {
            await step.context.sendActivity(
                messageWithReplies(t('handoverChat.messageQueued'), [
                    t('handoverChat.cancelQueue'),
                    t('handoverChat.leaveCallback'),
                ]),
            );
        }
        return this.askAgain(step, {
            ...options,
            stage: handover.status === 'accepted' ? 'connected' : 'waiting',
            quiet: true,
        });
    }

    private async create(
        step: WaterfallStepContext,
        options: HandoverOptions,
        preferredTime?: string,
        name?: string,
    ): Promise<DialogTurnResult> {
        const { t } = await translatorOf(this.deps, step.context);
        const profile = await profileOf(this.deps, step.context);
        const preference = options.preference ?? 'chat-now';
        const record = buildHandover({
            profile,
            catalogue: this.deps.catalogue,
            reason: options.reason,
            urgency: options.urgency,
            channel: step.context.activity.channelId ?? 'unknown',
            conversationRef: TurnContext.getConversationReference(step.context.activity) as Record<string, unknown>,
            contact: { preference, phone: options.phone, preferredTime },
            note: options.note,
            name,
            statsId: this.deps.stats.base(step.context, profile).conversation,
            now: this.deps.now(),
        });
        await recordStats(this.deps, step.context, {
            type: 'handover-requested',
            reason: options.reason,
            urgency: record.urgency,
        });
        if (options.reason === 'professional-consult')
            await recordStats(this.deps, step.context, { type: 'professional-consultation' });
        if (preference === 'callback') await recordStats(this.deps, step.context, { type: 'callback-requested' });
        if (this.deps.handoffMode === 'event') {
            await this.deps.handoff.initiate(step.context, record);
            profile.handover = { id: record.id, stage: 'external' };
            return this.askAgain(step, { ...options, stage: 'waiting', handoverId: record.id });
        }
        await this.deps.handovers.create(record);
        if (preference === 'callback') {
            await this.deps.handovers.requestCallback(record.id, {
                phone: options.phone ?? '',
                preferredTime: preferredTime ?? '',
            });
            return this.callbackBooked(step);
        }
        profile.handover = { id: record.id, stage: 'waiting' };
        if (preference === 'secure-message') await step.context.sendActivity(t('handoverChat.secureMessageSent'));
        return this.askAgain(step, { ...options, stage: 'waiting', handoverId: record.id });
    }

    private async callbackBooked(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const { t } = await translatorOf(this.deps, step.context);
        await this.forgetHandover(step.context);
        await step.context.sendActivity(t('handoverChat.callbackBooked'));
        return step.endDialog({ done: true });
    }

    private async declined(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const { t, language } = await translatorOf(this.deps, step.context);
        const text = [
            t('handoverChat.declined'),
            counsellorContactText('asked', this.deps.catalogue, language, t, this.deps.now()),
        ].join('\n\n');
        await step.context.sendActivity(text);
        return step.endDialog({ declined: true });
    }

    private retryOrDecline(step: WaterfallStepContext, options: HandoverOptions): Promise<DialogTurnResult> {
        return options.retried ? this.declined(step) : this.askAgain(step, { ...options, retried: true });
    }

    private async forgetHandover(context: TurnContext): Promise<void> {
        const profile = await profileOf(this.deps, context);
        delete profile.handover;
    }
}
