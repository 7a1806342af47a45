import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import { formatHours, formatOpeningStatus } from '../content/formatHours.js';
import { openingStatus } from '../content/openingHours.js';
import type { Language } from '../content/vocabulary.js';

/** Why the resident is pointed to a person; the handover will carry the same reason. */
export type PersonReason = 'asked' | 'no-match' | 'crisis' | 'many-needs';

/**
 * How to reach a person right now: the region's service counselling with its number, hours and whether it is
 * open at this moment. A real answer while the live counsellor handover is not in place.
 */
export function counsellorContactText(
    reason: PersonReason,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    now: Date,
): string {
    const { phone, hours } = catalogue.region.serviceCounselling;
    const lines = [
        t(`person.intro.${reason}`),
        t('person.serviceCounselling', {
            phone: phone.number,
            hours: formatHours(hours, t),
            status: formatOpeningStatus(openingStatus(hours, now), now, language, t),
        }),
        t('person.urgent'),
    ];
    if (catalogue.region.demo) lines.push(t('demo.marker'));
    return lines.join('\n\n');
}
