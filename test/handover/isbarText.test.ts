import { expect } from 'chai';
import i18next, { type TFunction } from 'i18next';
import type { Catalogue } from '../../src/content/catalogue.js';
import { LANGUAGES, type Language } from '../../src/content/vocabulary.js';
import { newHandover, type HandoverRecord } from '../../src/handover/handoverRecord.js';
import { ISBAR_SECTIONS, isbarPlainText, renderIsbar, type IsbarSection } from '../../src/handover/isbarText.js';
import en from '../../src/i18n/locales/handover.en.json' with { type: 'json' };
import fi from '../../src/i18n/locales/handover.fi.json' with { type: 'json' };
import sv from '../../src/i18n/locales/handover.sv.json' with { type: 'json' };
import { REDACTION_PLACEHOLDERS } from '../../src/privacy/redact.js';
import { realCatalogue } from '../helpers.js';
import { CONTACT_PHONE, PERSONAL, T0, handoverInput } from './handoverFixtures.js';

const LOCALES: Record<Language, Record<string, unknown>> = { fi, sv, en };

/** A reader's TFunction over the handover strings, made the way the app makes its instance. */
function translator(language: Language): TFunction {
    const instance = i18next.createInstance();
    void instance.init({
        initAsync: false,
        lng: language,
        fallbackLng: 'fi',
        resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: LOCALES[lang] }])),
        interpolation: { escapeValue: false },
    });
    return instance.getFixedT(language);
}

function section(sections: IsbarSection[], id: IsbarSection['id']): IsbarSection {
    const found = sections.find((entry) => entry.id === id);
    expect(found, id).to.not.equal(undefined);
    return found!;
}

const catalogue: Catalogue = await realCatalogue();

/** A Swedish-speaking resident's callback request after the older-people questions. */
function swedishCase(): HandoverRecord {
    return newHandover(
        handoverInput({
            language: 'sv',
            reason: 'many-needs',
            urgency: 'high',
            lifeSituations: ['older-people'],
            suggestedServiceIds: ['demo-home-care'],
            summary: {
                identification: { name: 'Aino', municipality: 'jarvilahti' },
                situation: { residentWords: `Mamma glömmer allt, ring ${PERSONAL.phone}` },
                background: {
                    answers: [{ lifeSituationId: 'older-people', questionId: 'main-concern', optionId: 'memory' }],
                },
                recommendation: { request: 'callback', note: 'Dottern sköter kontakten.' },
            },
            contact: {
                preference: 'callback',
                phone: CONTACT_PHONE,
                preferredTime: 'efter kl. 15',
                consentGiven: true,
            },
        }),
    );
}

describe('renderIsbar', () => {
    const homeCare = catalogue.servicesById.get('demo-home-care')!;
    const homeCareKind = catalogue.kinds.get(homeCare.kind)!;
    const olderPeople = catalogue.lifeSituationsById.get('older-people')!;
    const question = olderPeople.questions.find((entry) => entry.id === 'main-concern')!;
    const option = question.options.find((entry) => entry.id === 'memory')!;

    it('should render the five sections in ISBAR order', () => {
        const sections = renderIsbar(swedishCase(), catalogue, translator('fi'));
        expect(sections.map((entry) => entry.id)).to.deep.equal([...ISBAR_SECTIONS]);
        expect(sections.map((entry) => entry.heading)).to.deep.equal([
            'I – Tunnistetiedot',
            'S – Tilanne',
            'B – Tausta',
            'A – Arvio',
            'R – Toimintaehdotus',
        ]);
        for (const entry of sections) expect(entry.lines, entry.id).to.not.be.empty;
    });

    it('should show a Swedish resident’s case to a Finnish-speaking counsellor in Finnish', () => {
        const sections = renderIsbar(swedishCase(), catalogue, translator('fi'));
        expect(section(sections, 'identification').lines).to.deep.equal([
            'Nimi: Aino',
            'Kotikunta: Järvilahti',
            'Asiointikieli: ruotsi',
            // 09:00 UTC is 11.00 in Helsinki in March.
            'Siirretty Luotsista: 14.3.2025 klo 11.00, kanava webchat',
        ]);
        expect(section(sections, 'situation').lines).to.deep.equal([
            'Asiakas tarvitsee apua monesta palvelusta yhtä aikaa.',
            'Kiireellisyys: kiireellinen',
            // The resident's own words, as written (and redacted), next to the structured summary.
            `Asiakkaan omin sanoin: ”Mamma glömmer allt, ring ${REDACTION_PLACEHOLDERS.phone}”`,
        ]);
        expect(section(sections, 'background').lines).to.deep.equal([
            `Elämäntilanne: ${olderPeople.names.fi}`,
            `${question.text.fi} Vastaus: ${option.label.fi}`,
        ]);
        expect(section(sections, 'assessment').lines).to.deep.equal([
            'Luotsi ehdotti näitä palveluja:',
            `– ${homeCare.names.fi} (${homeCareKind.names.fi})`,
            'Tämä on Luotsin automaattinen ehdotus, ei ammattilaisen arvio.',
        ]);
        expect(section(sections, 'recommendation').lines).to.deep.equal([
            'Asiakas toivoo: takaisinsoittoa',
            `Puhelinnumero (asiakkaan luvalla): ${CONTACT_PHONE}`,
            'Sopiva soittoaika: efter kl. 15',
            'Lisätieto: Dottern sköter kontakten.',
        ]);
    });

    it('should show the same case in Swedish, with the catalogue’s Swedish names', () => {
        const sections = renderIsbar(swedishCase(), catalogue, translator('sv'));
        expect(sections.map((entry) => entry.heading)).to.deep.equal([
            'I – Identifiering',
            'S – Situation',
            'B – Bakgrund',
            'A – Bedömning',
            'R – Rekommendation',
        ]);
        expect(section(sections, 'identification').lines).to.deep.equal([
            'Namn: Aino',
            'Hemkommun: Järvilahti',
            'Språk: svenska',
            'Överförd från Luotsi: 14.3.2025 kl. 11.00, kanal webchat',
        ]);
        expect(section(sections, 'situation').lines).to.deep.equal([
            'Klienten behöver hjälp av flera tjänster samtidigt.',
            'Brådska: brådskande',
            `Med klientens egna ord: ”Mamma glömmer allt, ring ${REDACTION_PLACEHOLDERS.phone}”`,
        ]);
        expect(section(sections, 'background').lines).to.deep.equal([
            `Livssituation: ${olderPeople.names.sv}`,
            `${question.text.sv} Svar: ${option.label.sv}`,
        ]);
        expect(section(sections, 'assessment').lines).to.include(`– ${homeCare.names.sv} (${homeCareKind.names.sv})`);
        expect(section(sections, 'recommendation').lines).to.deep.equal([
            'Klienten önskar: att bli uppringd',
            `Telefonnummer (med klientens samtycke): ${CONTACT_PHONE}`,
            'Lämplig tid att ringa: efter kl. 15',
            'Tilläggsuppgift: Dottern sköter kontakten.',
        ]);
    });

    it('should put a detected danger first in the assessment and mark the urgency as crisis', () => {
        const record = newHandover(
            handoverInput({
                reason: 'asked',
                summary: { situation: { residentWords: 'En jaksa enää' }, assessment: { dangerCategory: 'self-harm' } },
            }),
        );
        const sections = renderIsbar(record, catalogue, translator('fi'));
        expect(section(sections, 'situation').lines).to.include('Kiireellisyys: kriisi – vastaa heti');
        expect(section(sections, 'assessment').lines[0]).to.equal(
            'Luotsi tunnisti viesteistä vaaran merkkejä: itsetuhoisuus.',
        );
    });

    it('should say what was not given rather than leave gaps', () => {
        const record = newHandover(
            handoverInput({
                lifeSituations: [],
                suggestedServiceIds: [],
                summary: { situation: { residentWords: 'Hej' } },
                contact: { preference: 'chat-now', consentGiven: true },
            }),
        );
        const sections = renderIsbar(record, catalogue, translator('sv'));
        expect(section(sections, 'identification').lines.slice(0, 2)).to.deep.equal([
            'Namn: inte angivet',
            'Hemkommun: inte angivet',
        ]);
        expect(section(sections, 'background').lines).to.deep.equal([
            'Ingen livssituation vald.',
            'Klienten svarade inte på de preciserande frågorna.',
        ]);
        expect(section(sections, 'assessment').lines[0]).to.equal('Luotsi föreslog inga tjänster.');
        expect(section(sections, 'recommendation').lines).to.deep.equal(['Klienten önskar: att chatta genast']);
    });

    it('should show ids that are no longer in the catalogue instead of failing', () => {
        const record = newHandover(
            handoverInput({
                suggestedServiceIds: ['retired-service'],
                summary: {
                    identification: { municipality: 'old-town' },
                    situation: { residentWords: 'Apua' },
                    background: {
                        answers: [
                            { lifeSituationId: 'older-people', questionId: 'old-question', optionId: 'old-option' },
                        ],
                    },
                },
            }),
        );
        const sections = renderIsbar(record, catalogue, translator('fi'));
        expect(section(sections, 'identification').lines).to.include('Kotikunta: old-town');
        expect(section(sections, 'background').lines).to.include('old-question Vastaus: old-option');
        expect(section(sections, 'assessment').lines).to.include('– retired-service (ei enää palveluluettelossa)');
    });

    it('should show the current contact method when the resident changed it after the summary', () => {
        const record: HandoverRecord = {
            ...newHandover(handoverInput()),
            status: 'callback-requested',
            contact: { preference: 'callback', phone: CONTACT_PHONE, consentGiven: true },
        };
        const lines = section(renderIsbar(record, catalogue, translator('en')), 'recommendation').lines;
        expect(lines).to.deep.equal([
            'The resident would like: to chat right away',
            'Contact method now: a call back',
            `Phone number (with the resident's consent): ${CONTACT_PHONE}`,
        ]);
    });

    it('should refuse a translation function without the handover strings', () => {
        const bare = i18next.createInstance();
        void bare.init({ initAsync: false, lng: 'fi', resources: { fi: { translation: {} } } });
        expect(() => renderIsbar(newHandover(handoverInput()), catalogue, bare.getFixedT('fi'))).to.throw(
            /handover\.isbar\.readerLanguage/,
        );
    });

    it('should join the sections into plain text', () => {
        const text = isbarPlainText(
            renderIsbar(newHandover(handoverInput({ createdAt: T0 })), catalogue, translator('en')),
        );
        const blocks = text.split('\n\n');
        expect(blocks).to.have.length(5);
        expect(blocks[0]!.split('\n')[0]).to.equal('I – Identification');
        expect(text).to.include("In the resident's own words: “Äiti ei enää pärjää kotona yksin.”");
    });
});

describe('handover locale files', () => {
    function leaves(value: unknown, prefix = ''): Map<string, string> {
        const found = new Map<string, string>();
        if (value && typeof value === 'object') {
            for (const [key, child] of Object.entries(value))
                for (const [leaf, text] of leaves(child, prefix ? `${prefix}.${key}` : key)) found.set(leaf, text);
        } else {
            found.set(prefix, String(value));
        }
        return found;
    }
    const placeholders = (text: string | undefined) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

    it('should have one top-level key "handover" and the same keys and placeholders in every language', () => {
        const finnish = leaves(fi);
        for (const language of LANGUAGES) {
            expect(Object.keys(LOCALES[language]), language).to.deep.equal(['handover']);
            const own = leaves(LOCALES[language]);
            expect([...own.keys()].sort(), language).to.deep.equal([...finnish.keys()].sort());
            for (const [key, text] of own) {
                expect(text.trim(), `${language} ${key}`).to.not.equal('');
                expect(placeholders(text), `${language} ${key}`).to.deep.equal(placeholders(finnish.get(key)));
            }
        }
    });

    it('should name its own language, which renderIsbar uses to pick catalogue names', () => {
        for (const language of LANGUAGES)
            expect(leaves(LOCALES[language]).get('handover.isbar.readerLanguage')).to.equal(language);
    });
});
