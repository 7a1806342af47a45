import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import type { HelpNumber } from '../content/schema.js';
import type { Language } from '../content/vocabulary.js';
import type { DangerCategory } from '../safety/detectDanger.js';
import { messageWithReplies } from './choices.js';

/** Which national lines answer which danger, after 112 (help-number categories in content/help-numbers.json). */
const LINES_FOR: Record<DangerCategory, readonly HelpNumber['category'][]> = {
    'self-harm': ['emergency', 'crisis'],
    violence: ['emergency', 'violence', 'victims'],
    'medical-emergency': ['emergency', 'medical', 'poison'],
};

/**
 * The first answer to a message that signals danger: 112 first, then the national line that fits, in the
 * resident's language, and the offer of a person. Nothing else is said on this turn.
 */
export function crisisReply(
    category: DangerCategory,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    audience: Audience = 'resident',
): Partial<Activity> {
    const lines = LINES_FOR[category].flatMap((lineCategory) =>
        catalogue.helpNumbers
            .filter((help) => help.category === lineCategory)
            .map((help) => helpLine(help, language, t)),
    );
    // A professional writes about a client: the same numbers, phrased for them, with a consultation on offer.
    if (audience === 'professional') {
        const text = [
            t(`professional.crisisLead.${category}`),
            ...lines.map((line) => `• ${line}`),
            t('professional.crisisPerson'),
        ];
        return messageWithReplies(text.join('\n\n'), [t('professional.consult'), t('crisis.continue')]);
    }
    const text = [t(`crisis.lead.${category}`), ...lines.map((line) => `• ${line}`), t('crisis.person')].join('\n\n');
    return messageWithReplies(text, [t('crisis.talkToPerson'), t('crisis.continue')]);
}

/** Residents, or staff in Teams who write about their clients. */
export type Audience = 'resident' | 'professional';

/** Teams is where staff meet Luotsi; everywhere else the writer is a resident. */
export function audienceOf(channelId: string | undefined): Audience {
    return channelId === 'msteams' ? 'professional' : 'resident';
}

function helpLine(help: HelpNumber, language: Language, t: TFunction): string {
    const phone = help.phoneByLanguage?.[language] ?? help.phone;
    return t('crisis.line', {
        name: help.names[language],
        number: phone.number,
        charge: t(`charge.${phone.chargeType}`),
        availability: help.availability[language],
    });
}
