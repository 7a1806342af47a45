import { expect } from 'chai';
import path from 'node:path';
import type { Language } from '../../src/content/vocabulary.js';
import { evaluate, readEvalSet } from '../../src/search/evaluation.js';
import { ROOT, realSearch } from '../helpers.js';

function topKinds(outcome: { services: readonly { service: { kind: string } }[] }, count = 3): string[] {
    return outcome.services.slice(0, count).map((hit) => hit.service.kind);
}

describe('search quality', () => {
    it('should reach top-3 accuracy of at least 0.85 in every language and reject at least 0.8 of out-of-scope queries', async () => {
        const search = await realSearch();
        const cases = await readEvalSet(path.join(ROOT, 'test/fixtures/search-eval.jsonl'));
        const figures = evaluate('luotsi', cases, (c) => {
            const outcome = search.search(c.text, c.lang);
            return { matched: outcome.matched, kinds: topKinds(outcome, 5) };
        });
        for (const language of ['fi', 'sv', 'en'] as const) {
            expect(figures.perLanguage[language].top3, `top-3 ${language}`).to.be.at.least(0.85);
        }
        expect(figures.outOfScope.rejectionRate).to.be.at.least(0.8);
    });

    const understood: [Language, string, string[]][] = [
        ['fi', 'isä ei enää muista ottaa lääkkeitään', ['home-care', 'senior-services']],
        ['fi', 'terkkari', ['health-centre', 'school-student-health']],
        ['fi', 'sossu', ['adult-social-work', 'financial-support']],
        ['fi', 'neuvola', ['maternity-child-clinic']],
        ['fi', 'vanhainkoti', ['senior-services']],
        ['fi', 'hammaslääkäriaika', ['dental-care']],
        ['fi', 'hammaslaakari', ['dental-care']],
        ['fi', 'terveysasemalle', ['health-centre']],
        ['sv', 'hälsocentral', ['health-centre']],
        ['sv', 'tandläkartid', ['dental-care']],
        ['sv', 'tandläkare', ['dental-care']],
        ['en', 'GP', ['health-centre']],
        ['en', 'dentsit', ['dental-care']],
    ];
    for (const [language, text, kinds] of understood) {
        it(`should understand "${text}" (${language})`, async () => {
            const outcome = (await realSearch()).search(text, language);
            expect(outcome.matched).to.equal(true);
            expect(
                topKinds(outcome).some((kind) => kinds.includes(kind)),
                topKinds(outcome).join(),
            ).to.equal(true);
        });
    }

    for (const [language, text] of [
        ['fi', 'missä on lähin kirjasto'],
        ['fi', 'junan aikataulu Tampereelle'],
        ['sv', 'tågtidtabell till Åbo'],
        ['en', 'weather tomorrow in Helsinki'],
    ] as const) {
        it(`should not suggest services for "${text}"`, async () => {
            const outcome = (await realSearch()).search(text, language);
            expect(outcome.matched).to.equal(false);
            expect(outcome.services).to.deep.equal([]);
        });
    }

    it('should give scores between 0 and 1, best first', async () => {
        const outcome = (await realSearch()).search('lapsen kuume yöllä', 'fi');
        const scores = outcome.services.map((hit) => hit.score);
        expect(scores.every((score) => score >= 0 && score <= 1)).to.equal(true);
        expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    });

    it('should detect the language when asked for auto', async () => {
        const search = await realSearch();
        expect(search.search('jag behöver hjälp med hyran', 'auto').language).to.equal('sv');
        expect(search.search('I need a dentist appointment', 'auto').language).to.equal('en');
        expect(search.search('tarvitsen lääkäriajan', 'auto').language).to.equal('fi');
    });
});
