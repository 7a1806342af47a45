import type { SearchOutcome } from './serviceSearch.js';

/** The JSON shape of the search CLI contract: `{query, lang, matched, results:[{serviceId, kind, name, lifeSituations, score}]}`. */
export interface SearchJson {
    query: string;
    lang: string;
    matched: boolean;
    results: { serviceId: string; kind: string; name: string; lifeSituations: string[]; score: number }[];
}

export function toSearchJson(outcome: SearchOutcome): SearchJson {
    return {
        query: outcome.query,
        lang: outcome.language,
        matched: outcome.matched,
        results: outcome.services.map(({ service, score }) => ({
            serviceId: service.id,
            kind: service.kind,
            name: service.names[outcome.language],
            lifeSituations: [...service.lifeSituations],
            score: Math.round(score * 1000) / 1000,
        })),
    };
}
