import type { Catalogue } from '../content/catalogue.js';
import type { LifeSituation, Service } from '../content/schema.js';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { detectLanguage } from './detectLanguage.js';
import { TermIndex, type IndexedField } from './termIndex.js';

/**
 * Below this score nothing is "matched": the resident gets service counselling instead of random services.
 * Calibrated on test/fixtures/search-eval.jsonl with `npm run eval:search` (see the README).
 */
export const MATCH_THRESHOLD = 0.35;
/** Results weaker than this share of the best one are noise next to it. */
const RELATIVE_FLOOR = 0.35;
export const DEFAULT_LIMIT = 5;
const SITUATION_LIMIT = 3;

/** How much a hit in each part of a service counts. */
const SERVICE_FIELD_WEIGHTS = {
    name: 3,
    alternativeName: 2.5,
    synonym: 2.5,
    kind: 2,
    keyword: 2,
    summary: 1,
    description: 0.4,
} as const;
const SITUATION_FIELD_WEIGHTS = { name: 3, keyword: 2.5, intro: 1 } as const;

export interface ServiceHit {
    readonly service: Service;
    readonly score: number;
}

export interface SituationHit {
    readonly situation: LifeSituation;
    readonly score: number;
}

export interface SearchOutcome {
    readonly query: string;
    readonly language: Language;
    readonly matched: boolean;
    readonly services: readonly ServiceHit[];
    readonly lifeSituations: readonly SituationHit[];
}

interface LanguageIndexes {
    readonly services: TermIndex;
    readonly situations: TermIndex;
}

/** Language-aware fuzzy search over the catalogue's services and life situations. */
export class ServiceSearch {
    private readonly indexes: Record<Language, LanguageIndexes>;

    constructor(private readonly catalogue: Pick<Catalogue, 'services' | 'lifeSituations' | 'kinds'>) {
        const build = (language: Language): LanguageIndexes => ({
            services: new TermIndex(
                language,
                catalogue.services.map((service) => this.serviceFields(service, language)),
            ),
            situations: new TermIndex(
                language,
                catalogue.lifeSituations.map((situation) => situationFields(situation, language)),
            ),
        });
        this.indexes = { fi: build('fi'), sv: build('sv'), en: build('en') };
    }

    /** `language` 'auto' detects it; when detection is unsure, the language whose catalogue explains the text best wins. */
    search(query: string, language: Language | 'auto' = 'auto', limit = DEFAULT_LIMIT): SearchOutcome {
        if (language !== 'auto') return this.searchIn(query, language, limit);
        const detected = detectLanguage(query);
        if (detected?.confident) return this.searchIn(query, detected.language, limit);
        const candidates = LANGUAGES.map((candidate) => this.searchIn(query, candidate, limit));
        const preferred = detected?.language ?? 'fi';
        return candidates.reduce((best, outcome) => {
            const bestScore = topScore(best);
            const score = topScore(outcome);
            if (score > bestScore || (score === bestScore && outcome.language === preferred)) return outcome;
            return best;
        });
    }

    private searchIn(query: string, language: Language, limit: number): SearchOutcome {
        const { services, situations } = this.indexes[language];
        const serviceHits = keepStrong(services.search(query, limit), limit).map(({ index, score }) => ({
            service: this.catalogue.services[index] as Service,
            score,
        }));
        const situationHits = keepStrong(situations.search(query, SITUATION_LIMIT), SITUATION_LIMIT).map(
            ({ index, score }) => ({
                situation: this.catalogue.lifeSituations[index] as LifeSituation,
                score,
            }),
        );
        const matched = (serviceHits[0]?.score ?? 0) >= MATCH_THRESHOLD;
        return {
            query,
            language,
            matched,
            services: matched ? serviceHits : [],
            lifeSituations: matched || (situationHits[0]?.score ?? 0) >= MATCH_THRESHOLD ? situationHits : [],
        };
    }

    private serviceFields(service: Service, language: Language): IndexedField[] {
        const w = SERVICE_FIELD_WEIGHTS;
        const kindName = this.catalogue.kinds.get(service.kind)?.names[language];
        return [
            { text: service.names[language], weight: w.name, phrase: true },
            ...(service.alternativeNames?.[language] ?? []).map((text) => ({
                text,
                weight: w.alternativeName,
                phrase: true,
            })),
            ...service.synonyms[language].map((text) => ({ text, weight: w.synonym, phrase: true })),
            ...(kindName ? [{ text: kindName, weight: w.kind, phrase: true }] : []),
            ...service.keywords[language].map((text) => ({ text, weight: w.keyword, phrase: true })),
            { text: service.summary[language], weight: w.summary },
            { text: service.description[language], weight: w.description },
        ];
    }
}

function situationFields(situation: LifeSituation, language: Language): IndexedField[] {
    const w = SITUATION_FIELD_WEIGHTS;
    return [
        { text: situation.names[language], weight: w.name, phrase: true },
        ...situation.keywords[language].map((text) => ({ text, weight: w.keyword, phrase: true })),
        { text: situation.intro[language], weight: w.intro },
    ];
}

function keepStrong<T extends { score: number }>(hits: readonly T[], limit: number): T[] {
    const best = hits[0]?.score ?? 0;
    return hits.filter((hit) => hit.score >= best * RELATIVE_FLOOR).slice(0, limit);
}

function topScore(outcome: SearchOutcome): number {
    return outcome.services[0]?.score ?? 0;
}
