import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { openingStatus } from '../src/content/openingHours.js';
import { matchLocalized, messageWithReplies } from '../src/bot/choices.js';
import { translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { readInput } from '../src/bot/userInput.js';
import type { HandoverOptions } from './handoverDialog.js';
import { LuotsiDialog } from './luotsiDialog.js';

export const CONSULTATION_DIALOG = 'consultation';

type Kind = 'consultation' | 'section-35';
/** Social Welfare Act § 35: contact with consent, or without it only for a child's interest or the client's safety. */
type Consent = 'given' | 'child' | 'safety' | 'none';

export interface ConsultationOptions {
    readonly stage: 'kind' | 'consent' | 'describe';
    readonly kind?: Kind;
    readonly consent?: Consent;
    readonly retried?: boolean;
}

/**
 * A professional (in Teams) consults a social counsellor or makes a Social Welfare Act § 35 contact, with the
 * client's consent recorded; it enters the counsellor queue as reason "professional-consult".
 */
export class ConsultationDialog extends LuotsiDialog<ConsultationOptions> {
    constructor(deps: DialogDeps) {
        super(CONSULTATION_DIALOG, deps, [(step) => this.handleAnswer(step)]);
    }

    protected async renderPrompt(context: TurnContext, options: ConsultationOptions): Promise<void> {
        const { t } = await translatorOf(this.deps, context);
        if (options.stage === 'kind') {
            await context.sendActivity(
                messageWithReplies(t('professional.askKind'), [
                    t('professional.kindConsultation'),
                    t('professional.kindSection35'),
                ]),
            );
        } else if (options.stage === 'consent') {
            await context.sendActivity(
                messageWithReplies(t('professional.askConsent'), [
                    t('professional.consentGiven'),
                    t('professional.consentChild'),
                    t('professional.consentSafety'),
                    t('professional.consentNone'),
                ]),
            );
        } else {
            await context.sendActivity(t('professional.askDescription'));
        }
    }

    private async handleAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const input = readInput(step.context.activity);
        const text = input.kind === 'text' ? input.text : '';
        const { t } = await translatorOf(this.deps, step.context);
        const pick = <T>(choices: [T, string][]) =>
            matchLocalized(
                text,
                this.deps.i18n,
                choices.map(([value, key]) => [value, [key]] as const),
            );

        if (options.stage === 'kind') {
            const kind = pick<Kind>([
                ['consultation', 'professional.kindConsultation'],
                ['section-35', 'professional.kindSection35'],
            ]);
            if (!kind) return options.retried ? step.endDialog() : this.askAgain(step, { ...options, retried: true });
            return this.askAgain(step, { stage: kind === 'section-35' ? 'consent' : 'describe', kind });
        }
        if (options.stage === 'consent') {
            const consent = pick<Consent>([
                ['given', 'professional.consentGiven'],
                ['child', 'professional.consentChild'],
                ['safety', 'professional.consentSafety'],
                ['none', 'professional.consentNone'],
            ]);
            if (!consent)
                return options.retried ? step.endDialog() : this.askAgain(step, { ...options, retried: true });
            if (consent === 'none') {
                const phone = this.deps.catalogue.region.serviceCounselling.phone.number;
                await step.context.sendActivity(t('professional.noConsent', { phone }));
                return step.endDialog();
            }
            return this.askAgain(step, { ...options, stage: 'describe', consent });
        }
        // The description itself is kept in the transcript (redacted) and becomes the summary's situation.
        const note =
            options.kind === 'section-35'
                ? t('professional.noteSection35', { consent: t(consentLabel(options.consent)) })
                : t('professional.noteConsultation');
        const open = openingStatus(this.deps.catalogue.region.counsellorHours, this.deps.now()).open;
        const handover: HandoverOptions = {
            reason: 'professional-consult',
            // Contact without consent happens only when a child or the client is at risk: it should not wait long.
            urgency: options.consent === 'child' || options.consent === 'safety' ? 'high' : 'normal',
            stage: open ? 'preference' : 'closed-hours',
            note,
        };
        return step.endDialog({ handover });
    }
}

function consentLabel(consent: Consent | undefined): string {
    if (consent === 'child') return 'professional.consentChild';
    if (consent === 'safety') return 'professional.consentSafety';
    return 'professional.consentGiven';
}
