import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import { formatHours, formatPhone } from '../content/formatHours.js';
import type { Language } from '../content/vocabulary.js';
import type { SearchOutcome } from '../search/serviceSearch.js';

/** Plain-text answer to a search: the best services with their phone, or the region's service counselling. */
export function searchReplyText(outcome: SearchOutcome, catalogue: Catalogue, t: TFunction): string {
    const language: Language = outcome.language;
    if (!outcome.matched) {
        const { phone, hours } = catalogue.region.serviceCounselling;
        const text = t('search.noResults', { phone: phone.number, hours: formatHours(hours, t) });
        return catalogue.region.demo ? `${text}\n${t('demo.marker')}` : text;
    }
    const lines = [t('search.intro')];
    outcome.services.slice(0, 3).forEach(({ service }, i) => {
        lines.push(
            t('search.serviceLine', {
                index: i + 1,
                name: service.names[language],
                summary: service.summary[language],
            }),
        );
        const phoneChannel = service.channels.find((channel) => channel.type === 'phone');
        if (phoneChannel?.type === 'phone') lines.push(`   ${formatPhone(phoneChannel.phone, t)}`);
        if (service.demo) lines.push(`   ${t('demo.marker')}`);
    });
    return lines.join('\n');
}
