import type { Attachment } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import { formatHours, formatOpeningStatus, formatPhone } from '../content/formatHours.js';
import { openingStatus } from '../content/openingHours.js';
import type { Channel, Service } from '../content/schema.js';
import type { Language } from '../content/vocabulary.js';
import { adaptiveCard, heading, openUrlAction, textBlock, type CardElement } from './adaptiveCard.js';

interface DetailsSection {
    readonly title: string;
    readonly lines: string[];
    readonly url?: { title: string; href: string };
}

/** Everything a resident needs to get the service, from digital to brick: phone, web, e-service, nearest place. */
function detailsSections(
    service: Service,
    municipality: string | undefined,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    now: Date,
): DetailsSection[] {
    const sections: DetailsSection[] = [{ title: t('details.howToGet'), lines: [service.howToGet[language]] }];
    const hoursLines = (channel: Channel) => {
        if (channel.hoursNote) return [channel.hoursNote[language]];
        if (!channel.hours) return [];
        return [
            formatHours(channel.hours, t),
            formatOpeningStatus(openingStatus(channel.hours, now), now, language, t),
        ];
    };
    for (const channel of service.channels) {
        if (channel.type === 'phone') {
            sections.push({
                title: channel.names?.[language] ?? t('details.phone'),
                lines: [formatPhone(channel.phone, t), ...hoursLines(channel)],
            });
        } else if (channel.type === 'web-page' || channel.type === 'e-service') {
            const title =
                channel.names?.[language] ?? t(channel.type === 'e-service' ? 'details.eService' : 'details.website');
            sections.push({ title, lines: [channel.url], url: { title, href: channel.url } });
        }
    }
    const location = nearestLocation(service, municipality);
    if (location?.type === 'service-location') {
        const municipalityName = catalogue.region.municipalities.find((m) => m.id === location.address.municipality)
            ?.names[language];
        sections.push({
            title: location.names?.[language] ?? t('details.location'),
            lines: [
                `${location.address.street[language]}, ${location.address.postalCode} ${location.address.postOffice[language]}`,
                ...(municipalityName && municipality && location.address.municipality !== municipality
                    ? [t('details.otherMunicipality', { municipality: municipalityName })]
                    : []),
                ...(location.phone ? [formatPhone(location.phone, t)] : []),
                ...hoursLines(location),
            ],
        });
    }
    if (service.demo) sections.push({ title: t('demo.title'), lines: [t('demo.marker')] });
    return sections;
}

/** The resident's own municipality's location when there is one, else the first. */
export function nearestLocation(service: Service, municipality: string | undefined): Channel | undefined {
    const locations = service.channels.filter((channel) => channel.type === 'service-location');
    return (
        locations.find(
            (channel) => channel.type === 'service-location' && channel.address.municipality === municipality,
        ) ?? locations[0]
    );
}

/** Service locations in more than one municipality: worth asking where the resident lives. */
export function hasLocationsInSeveralMunicipalities(service: Service): boolean {
    const municipalities = new Set(
        service.channels.flatMap((channel) =>
            channel.type === 'service-location' ? [channel.address.municipality] : [],
        ),
    );
    return municipalities.size > 1;
}

export function serviceDetailsCard(
    service: Service,
    municipality: string | undefined,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    now: Date,
): Attachment {
    const sections = detailsSections(service, municipality, catalogue, language, t, now);
    const body: CardElement[] = [heading(service.names[language]), textBlock(service.description[language])];
    for (const section of sections) {
        body.push(textBlock(section.title, { weight: 'Bolder', spacing: 'Medium' }));
        for (const line of section.url ? [] : section.lines) body.push(textBlock(line, { spacing: 'Small' }));
    }
    const actions = sections.flatMap((section) =>
        section.url ? [openUrlAction(section.url.title, section.url.href)] : [],
    );
    return adaptiveCard(body, actions);
}

export function serviceDetailsText(
    service: Service,
    municipality: string | undefined,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    now: Date,
): string {
    const sections = detailsSections(service, municipality, catalogue, language, t, now);
    return [
        service.names[language],
        service.description[language],
        ...sections.map((section) => `${section.title}:\n${section.lines.join('\n')}`),
    ].join('\n\n');
}
