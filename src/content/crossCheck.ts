import type { ContentProblem } from './contentProblem.js';
import type { LifeSituation, Region, Service, ServiceKindLabel } from './schema.js';
import { LIFE_SITUATION_IDS, SERVICE_KINDS } from './vocabulary.js';

type LocatedService = { readonly file: string; readonly service: Service };
type LocatedSituation = { readonly file: string; readonly situation: LifeSituation };

/** Checks that need more than one entry: ids, references between files, coverage of the shared lists. */
export function crossCheck(content: {
    region: Region;
    kinds: readonly ServiceKindLabel[];
    services: readonly LocatedService[];
    lifeSituations: readonly LocatedSituation[];
    /** Ids and kinds of every service entry, valid or not: references to a broken entry are not reported twice. */
    declared: { ids: ReadonlySet<string>; kinds: ReadonlySet<string> };
}): ContentProblem[] {
    return [
        ...checkKindLabels(content.kinds),
        ...checkServices(content.services, content.region, content.declared.kinds),
        ...checkLifeSituations(content.lifeSituations, content.declared.ids),
        ...checkRegion(content.region, content.services, content.declared.ids),
    ];
}

function checkKindLabels(kinds: readonly ServiceKindLabel[]): ContentProblem[] {
    const file = 'service-kinds.json';
    const problems: ContentProblem[] = duplicates(kinds.map((kind) => kind.id)).map((id) => ({
        file,
        entryId: id,
        message: 'duplicate kind',
    }));
    const labelled = new Set(kinds.map((kind) => kind.id));
    for (const kind of SERVICE_KINDS) {
        if (!labelled.has(kind))
            problems.push({ file, entryId: kind, message: 'the shared service kind has no names' });
    }
    return problems;
}

function checkServices(
    services: readonly LocatedService[],
    region: Region,
    declaredKinds: ReadonlySet<string>,
): ContentProblem[] {
    const problems: ContentProblem[] = [];
    const firstFile = new Map<string, string>();
    const municipalities = new Set(region.municipalities.map((municipality) => municipality.id));
    for (const { file, service } of services) {
        const entryId = service.id;
        const earlier = firstFile.get(service.id);
        if (earlier)
            problems.push({ file, entryId, field: 'id', message: `duplicate service id (first in ${earlier})` });
        else firstFile.set(service.id, file);

        for (const channelId of duplicates(service.channels.map((channel) => channel.id))) {
            problems.push({ file, entryId, field: 'channels', message: `duplicate channel id "${channelId}"` });
        }
        if (service.area === 'municipalities' && service.municipalities.length === 0) {
            problems.push({
                file,
                entryId,
                field: 'municipalities',
                message: 'area is "municipalities" but none are listed',
            });
        }
        for (const municipality of service.municipalities) {
            if (!municipalities.has(municipality)) {
                problems.push({
                    file,
                    entryId,
                    field: 'municipalities',
                    message: `unknown municipality "${municipality}"`,
                });
            }
        }
        service.channels.forEach((channel, index) => {
            if (channel.type === 'service-location' && !municipalities.has(channel.address.municipality)) {
                problems.push({
                    file,
                    entryId,
                    field: `channels[${index}].address.municipality`,
                    message: `unknown municipality "${channel.address.municipality}"`,
                });
            }
        });
    }
    for (const kind of SERVICE_KINDS) {
        if (!declaredKinds.has(kind)) problems.push({ file: 'services/', message: `no service of kind "${kind}"` });
    }
    return problems;
}

function checkLifeSituations(
    situations: readonly LocatedSituation[],
    serviceIds: ReadonlySet<string>,
): ContentProblem[] {
    const problems: ContentProblem[] = [];
    const seen = new Map<string, string>();
    for (const { file, situation } of situations) {
        const entryId = situation.id;
        const earlier = seen.get(situation.id);
        if (earlier)
            problems.push({ file, entryId, field: 'id', message: `duplicate life situation (first in ${earlier})` });
        else seen.set(situation.id, file);

        for (const questionId of duplicates(situation.questions.map((question) => question.id))) {
            problems.push({ file, entryId, field: 'questions', message: `duplicate question id "${questionId}"` });
        }
        const optionsByQuestion = new Map(
            situation.questions.map((question) => [question.id, new Set(question.options.map((option) => option.id))]),
        );
        situation.questions.forEach((question, index) => {
            for (const optionId of duplicates(question.options.map((option) => option.id))) {
                problems.push({
                    file,
                    entryId,
                    field: `questions[${index}].options`,
                    message: `duplicate option id "${optionId}"`,
                });
            }
        });
        for (const pathId of duplicates(situation.paths.map((servicePath) => servicePath.id))) {
            problems.push({ file, entryId, field: 'paths', message: `duplicate path id "${pathId}"` });
        }
        situation.paths.forEach((servicePath, pathIndex) => {
            const field = `paths[${pathIndex}]`;
            for (const [questionId, optionIds] of Object.entries(servicePath.when)) {
                const options = optionsByQuestion.get(questionId);
                if (!options) {
                    problems.push({
                        file,
                        entryId,
                        field: `${field}.when`,
                        message: `unknown question "${questionId}"`,
                    });
                    continue;
                }
                for (const optionId of optionIds.filter((optionId) => !options.has(optionId))) {
                    problems.push({
                        file,
                        entryId,
                        field: `${field}.when.${questionId}`,
                        message: `unknown option "${optionId}"`,
                    });
                }
            }
            servicePath.steps.forEach((step, stepIndex) => {
                if (!serviceIds.has(step.serviceId)) {
                    problems.push({
                        file,
                        entryId,
                        field: `${field}.steps[${stepIndex}].serviceId`,
                        message: `unknown service "${step.serviceId}"`,
                    });
                }
            });
        });
        const last = situation.paths.at(-1);
        if (last && Object.keys(last.when).length > 0) {
            problems.push({
                file,
                entryId,
                field: `paths[${situation.paths.length - 1}].when`,
                message: 'the last path must be the default one (empty "when"), so every answer leads somewhere',
            });
        }
    }
    for (const id of LIFE_SITUATION_IDS) {
        if (!seen.has(id))
            problems.push({ file: 'life-situations/', entryId: id, message: 'life situation is missing' });
    }
    return problems;
}

function checkRegion(
    region: Region,
    services: readonly LocatedService[],
    declaredIds: ReadonlySet<string>,
): ContentProblem[] {
    const { serviceId } = region.serviceCounselling;
    const service = services.find((located) => located.service.id === serviceId)?.service;
    const field = 'serviceCounselling.serviceId';
    if (!service && declaredIds.has(serviceId)) return [];
    if (!service)
        return [{ file: 'region.json', entryId: region.id, field, message: `unknown service "${serviceId}"` }];
    if (service.kind !== 'service-counselling') {
        return [
            {
                file: 'region.json',
                entryId: region.id,
                field,
                message: `"${serviceId}" is not a service-counselling service`,
            },
        ];
    }
    return [];
}

function duplicates<T>(values: readonly T[]): T[] {
    const seen = new Set<T>();
    const repeated = new Set<T>();
    for (const value of values) {
        if (seen.has(value)) repeated.add(value);
        seen.add(value);
    }
    return [...repeated];
}
