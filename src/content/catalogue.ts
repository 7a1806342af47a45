import type { HelpNumber, LifeSituation, Region, Service, ServiceKindLabel } from './schema.js';
import type { LifeSituationId, ServiceKind } from './vocabulary.js';

/** The whole validated content: what the bot, search and checks work from. */
export interface Catalogue {
    readonly region: Region;
    readonly helpNumbers: readonly HelpNumber[];
    readonly kinds: ReadonlyMap<ServiceKind, ServiceKindLabel>;
    readonly services: readonly Service[];
    readonly servicesById: ReadonlyMap<string, Service>;
    readonly lifeSituations: readonly LifeSituation[];
    readonly lifeSituationsById: ReadonlyMap<LifeSituationId, LifeSituation>;
}

export function createCatalogue(parts: {
    region: Region;
    helpNumbers: HelpNumber[];
    kinds: ServiceKindLabel[];
    services: Service[];
    lifeSituations: LifeSituation[];
}): Catalogue {
    return {
        ...parts,
        kinds: new Map(parts.kinds.map((kind) => [kind.id, kind])),
        servicesById: new Map(parts.services.map((service) => [service.id, service])),
        lifeSituationsById: new Map(parts.lifeSituations.map((situation) => [situation.id, situation])),
    };
}
