import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { supportsCards } from '../src/cards/adaptiveCard.js';
import {
    hasLocationsInSeveralMunicipalities,
    serviceDetailsCard,
    serviceDetailsText,
} from '../src/cards/serviceDetails.js';
import { matchChoice, messageWithReplies, phrasesOf } from '../src/bot/choices.js';
import { recogniseCommand } from '../src/bot/commands.js';
import { noteSuggestedServices } from '../src/bot/conversationProfile.js';
import { profileOf, recordStats, translatorOf, type DialogDeps } from '../src/bot/dialogDeps.js';
import { readInput } from '../src/bot/userInput.js';
import { LuotsiDialog } from './luotsiDialog.js';

export const SERVICE_DETAILS_DIALOG = 'serviceDetails';

export interface ServiceDetailsOptions {
    readonly serviceId: string;
}

/** How to get one service: channels, the nearest location for the resident's municipality, open now or when. */
export class ServiceDetailsDialog extends LuotsiDialog<ServiceDetailsOptions> {
    constructor(deps: DialogDeps) {
        super(SERVICE_DETAILS_DIALOG, deps, [(step) => this.handleMunicipality(step)]);
    }

    /** Details need no question unless the service is in several places and we do not know where the resident lives. */
    protected override async beforeAsk(
        step: WaterfallStepContext,
        options: ServiceDetailsOptions,
    ): Promise<DialogTurnResult | undefined> {
        const service = this.deps.catalogue.servicesById.get(options.serviceId);
        const profile = await profileOf(this.deps, step.context);
        if (service && hasLocationsInSeveralMunicipalities(service) && !profile.municipality) return undefined;
        await this.showDetails(step.context, options.serviceId);
        return step.endDialog({ detailsShown: options.serviceId });
    }

    protected async renderPrompt(context: TurnContext): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        const names = this.deps.catalogue.region.municipalities.map((municipality) => municipality.names[language]);
        await context.sendActivity(
            messageWithReplies(t('details.askMunicipality'), [...names, t('details.skipMunicipality')]),
        );
    }

    private async handleMunicipality(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const options = this.optionsOf(step);
        const input = readInput(step.context.activity);
        const text = input.kind === 'text' ? input.text : '';
        const municipality = matchChoice(
            text,
            this.deps.catalogue.region.municipalities.map((m) => ({ value: m.id, phrases: phrasesOf(m.names) })),
        );
        const profile = await profileOf(this.deps, step.context);
        if (municipality) profile.municipality = municipality;
        else if (
            recogniseCommand(text)?.command !== 'skip' &&
            input.kind === 'card' &&
            input.action.action === 'details'
        ) {
            return this.askAgain(step, { serviceId: input.action.serviceId });
        }
        await this.showDetails(step.context, options.serviceId);
        return step.endDialog({ detailsShown: options.serviceId });
    }

    private async showDetails(context: TurnContext, serviceId: string): Promise<void> {
        const { t, language } = await translatorOf(this.deps, context);
        const service = this.deps.catalogue.servicesById.get(serviceId);
        if (!service) {
            await context.sendActivity(t('details.unknownService'));
            return;
        }
        const profile = await profileOf(this.deps, context);
        noteSuggestedServices(profile, [service.id]);
        await recordStats(this.deps, context, { type: 'service-details-viewed', kind: service.kind });
        const now = this.deps.now();
        if (supportsCards(context.activity.channelId)) {
            await context.sendActivity(
                messageWithReplies(
                    t('details.lead', { name: service.names[language] }),
                    [],
                    [serviceDetailsCard(service, profile.municipality, this.deps.catalogue, language, t, now)],
                ),
            );
        } else {
            await context.sendActivity(
                serviceDetailsText(service, profile.municipality, this.deps.catalogue, language, t, now),
            );
        }
    }
}
