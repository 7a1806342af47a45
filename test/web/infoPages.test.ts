import { expect } from 'chai';
import type { Catalogue } from '../../src/content/catalogue.js';
import { LANGUAGES, type Language } from '../../src/content/vocabulary.js';
import { renderAccessibilityStatement, renderPrivacyNotice, SUPERVISORY_AUTHORITY } from '../../src/web/infoPages.js';
import { DEMO_SERVICE_FACTS, type ServiceFacts } from '../../src/web/serviceFacts.js';
import { realCatalogue } from '../helpers.js';
import { expectConsistentIds, hostileRegion, translator } from './webFixtures.js';

const AUTHORITY_SITES: Record<Language, string> = {
    fi: 'https://www.saavutettavuusvaatimukset.fi',
    sv: 'https://www.tillganglighetskrav.fi',
    en: 'https://www.webaccessibility.fi',
};
const DATES: Record<Language, string> = { fi: '27.11.2026', sv: '27.11.2026', en: '27 November 2026' };

function headings(html: string): string[] {
    return [...html.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((match) => match[1]!);
}

describe('accessibility statement and privacy notice', () => {
    let catalogue: Catalogue;

    before(async () => {
        catalogue = await realCatalogue();
    });

    for (const language of LANGUAGES) {
        describe(`accessibility statement in ${language}`, () => {
            let html: string;
            let missing: string[];

            before(async () => {
                const translation = await translator(language);
                html = renderAccessibilityStatement(translation.t, language, catalogue.region);
                missing = translation.missing;
            });

            it('should find every key it uses, set the language and have one h1 and a skip link', () => {
                expect(missing).to.deep.equal([]);
                expect(html).to.contain(`<html lang="${language}">`);
                expect(html.match(/<h1[\s>]/g)).to.have.length(1);
                expect(html).to.match(/<a class="skip-link" href="#main">/);
                expectConsistentIds(html);
            });

            it("should follow the supervisory authority's model: status, shortcomings, feedback, authority, date", () => {
                expect(headings(html)).to.have.length(6);
                expect(html).to.contain('306/2019');
                expect(html).to.contain('WCAG 2.1');
                expect(html).to.match(/Web Chat[^<]*4\.18[^<]*axe/);
                expect(html).to.contain(`<h2 id="feedback">`);
                expect(html).to.contain('14');
                expect(html).to.contain(`href="mailto:${DEMO_SERVICE_FACTS.accessibilityEmail}"`);
                expect(html).to.contain(`<a href="${AUTHORITY_SITES[language]}">`);
                expect(html).to.contain(`mailto:${SUPERVISORY_AUTHORITY.email}`);
                expect(html).to.contain(
                    `<time datetime="${DEMO_SERVICE_FACTS.statementDate}">${DATES[language]}</time>`,
                );
            });

            it('should name the region and mark the made-up contacts as demo data', () => {
                expect(html).to.contain(catalogue.region.names[language]);
                expect(html).to.match(/class="demo-marker"/);
            });
        });

        describe(`privacy notice in ${language}`, () => {
            let html: string;
            let missing: string[];

            before(async () => {
                const translation = await translator(language);
                html = renderPrivacyNotice(translation.t, language, catalogue.region);
                missing = translation.missing;
            });

            it('should find every key it uses, set the language and have one h1', () => {
                expect(missing).to.deep.equal([]);
                expect(html).to.contain(`<html lang="${language}">`);
                expect(html.match(/<h1[\s>]/g)).to.have.length(1);
                expectConsistentIds(html);
            });

            it('should name the region as the controller and state the retention times from the facts', () => {
                expect(html).to.contain(catalogue.region.names[language]);
                expect(html).to.contain(` ${DEMO_SERVICE_FACTS.handoverRetentionDays} `);
                expect(html).to.contain(` ${DEMO_SERVICE_FACTS.statsEventsMonths} `);
                expect(html).to.contain(` ${DEMO_SERVICE_FACTS.statsUnmatchedDays} `);
                expect(html).to.contain(`href="mailto:${DEMO_SERVICE_FACTS.privacyEmail}"`);
                expect(html).to.match(/href="https:\/\/tietosuoja\.fi/);
            });
        });
    }

    it('should state a conversation retention time only when one is configured', async () => {
        const { t } = await translator('en');
        const configured: ServiceFacts = {
            ...DEMO_SERVICE_FACTS,
            conversationRetentionDays: 7,
            handoverRetentionDays: 30,
        };
        const withLimit = renderPrivacyNotice(t, 'en', catalogue.region, configured);
        expect(withLimit).to.contain('State of the conversation: 7 days');
        expect(withLimit).to.contain('Handovers to a counsellor: 30 days');
        const withoutLimit = renderPrivacyNotice(t, 'en', catalogue.region);
        expect(withoutLimit).to.contain('No automatic deletion time has been set yet.');
    });

    it('should not mark real contact addresses as demo data', async () => {
        const { t } = await translator('fi');
        const real: ServiceFacts = { ...DEMO_SERVICE_FACTS, demoContacts: false };
        const html = renderAccessibilityStatement(t, 'fi', { ...catalogue.region, demo: false }, real);
        expect(html).to.not.contain('demo-marker');
    });

    it('should escape markup in the region texts', async () => {
        const { t } = await translator('sv');
        const region = hostileRegion(catalogue.region);
        for (const html of [renderAccessibilityStatement(t, 'sv', region), renderPrivacyNotice(t, 'sv', region)]) {
            expect(html).to.not.contain('<script>');
            expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
        }
    });
});
