import Fuse from 'fuse.js';
import type { Service } from '../content/schema.js';
import type { Language } from '../content/vocabulary.js';

/** Plain fuse.js with default options over names and summaries: the yardstick Luotsi's search is compared with. */
export class FuseBaseline {
    private readonly fuses: Record<Language, Fuse<Service>>;

    constructor(services: readonly Service[]) {
        const build = (language: Language) =>
            new Fuse(services, { keys: [`names.${language}`, `summary.${language}`], includeScore: true });
        this.fuses = { fi: build('fi'), sv: build('sv'), en: build('en') };
    }

    search(query: string, language: Language, limit = 5): { service: Service; score: number }[] {
        return this.fuses[language]
            .search(query, { limit })
            .map(({ item, score = 1 }) => ({ service: item, score: 1 - score }));
    }
}
