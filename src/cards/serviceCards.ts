import type { Attachment } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import { formatPhone } from '../content/formatHours.js';
import type { LifeSituation, Service, ServicePath } from '../content/schema.js';
import type { Language } from '../content/vocabulary.js';
import { adaptiveCard, heading, openUrlAction, submitAction, textBlock, type CardElement } from './adaptiveCard.js';

/** One service as a short card: name, what it is, how to call, and a way to go deeper. */
export function serviceCard(
    service: Service,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    /** Staff in Teams can post the card into a chat with a client's team or colleagues. */
    shareable = false,
): Attachment {
    const body: CardElement[] = [
        heading(service.names[language]),
        textBlock(catalogue.kinds.get(service.kind)?.names[language] ?? service.kind, {
            isSubtle: true,
            spacing: 'None',
        }),
        textBlock(service.summary[language]),
        ...phoneLines(service, t).map((line) => textBlock(line, { spacing: 'Small' })),
        ...(service.demo ? [textBlock(t('demo.marker'), { isSubtle: true, size: 'Small' })] : []),
    ];
    const web = firstUrl(service);
    return adaptiveCard(body, [
        submitAction(t('cards.details'), { action: 'details', serviceId: service.id }),
        ...(web ? [openUrlAction(t('cards.website'), web)] : []),
        ...(shareable ? [submitAction(t('professional.share'), { action: 'share', serviceId: service.id })] : []),
    ]);
}

/** The same as text, for channels without cards. */
export function serviceText(service: Service, language: Language, t: TFunction, index?: number): string {
    const lines = [
        `${index !== undefined ? `${index}. ` : ''}${service.names[language]} – ${service.summary[language]}`,
        ...phoneLines(service, t).map((line) => `   ${line}`),
    ];
    if (service.demo) lines.push(`   ${t('demo.marker')}`);
    return lines.join('\n');
}

/** A service path: ordered steps with why and what to do, each with a way to the service's details. */
export function pathCard(
    situation: LifeSituation,
    path: ServicePath,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
): Attachment {
    const body: CardElement[] = [heading(t('path.title', { name: situation.names[language] }))];
    path.steps.forEach((step, i) => {
        const service = catalogue.servicesById.get(step.serviceId);
        body.push(
            {
                type: 'Container',
                separator: i > 0,
                spacing: 'Medium',
                items: [
                    textBlock(t('path.step', { number: i + 1, name: service?.names[language] ?? step.serviceId }), {
                        weight: 'Bolder',
                    }),
                    textBlock(step.why[language], { spacing: 'Small' }),
                    textBlock(`${t('path.whatToDo')} ${step.whatToDo[language]}`, { spacing: 'Small' }),
                    ...(service ? phoneLines(service, t).map((line) => textBlock(line, { spacing: 'Small' })) : []),
                    ...(service?.demo ? [textBlock(t('demo.marker'), { isSubtle: true, size: 'Small' })] : []),
                ],
                selectAction: submitAction(t('cards.details'), { action: 'details', serviceId: step.serviceId }),
            },
            {
                type: 'ActionSet',
                actions: [
                    submitAction(t('path.moreAbout', { name: service?.names[language] ?? step.serviceId }), {
                        action: 'details',
                        serviceId: step.serviceId,
                    }),
                ],
            },
        );
    });
    return adaptiveCard(body);
}

export function pathText(
    situation: LifeSituation,
    path: ServicePath,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
): string {
    const lines = [t('path.title', { name: situation.names[language] })];
    path.steps.forEach((step, i) => {
        const service = catalogue.servicesById.get(step.serviceId);
        lines.push(
            '',
            t('path.step', { number: i + 1, name: service?.names[language] ?? step.serviceId }),
            step.why[language],
            `${t('path.whatToDo')} ${step.whatToDo[language]}`,
            ...(service ? phoneLines(service, t) : []),
            ...(service?.demo ? [t('demo.marker')] : []),
        );
    });
    return lines.join('\n');
}

function phoneLines(service: Service, t: TFunction): string[] {
    return service.channels
        .flatMap((channel) => (channel.type === 'phone' ? [formatPhone(channel.phone, t)] : []))
        .slice(0, 2);
}

function firstUrl(service: Service): string | undefined {
    for (const channel of service.channels) {
        if (channel.type === 'web-page' || channel.type === 'e-service') return channel.url;
    }
    return undefined;
}
