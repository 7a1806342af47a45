import { expect } from 'chai';
import type { Language } from '../../src/content/vocabulary.js';
import { Conversation, shown } from '../conversation.js';
import { realCatalogue } from '../helpers.js';

const catalogue = await realCatalogue();
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A danger message per language and the national line that must follow 112 for it. */
const DANGER: Record<Language, { text: string; line: string }[]> = {
    fi: [
        { text: 'en jaksa enää elää, haluan kuolla', line: '09 2525 0111' },
        { text: 'mieheni lyö minua ja uhkaa tappaa', line: '080 005 005' },
        { text: 'isällä on kova rintakipu eikä hän saa henkeä', line: '116 117' },
    ],
    sv: [
        { text: 'jag vill inte leva längre', line: '09 2525 0112' },
        { text: 'min man slår mig', line: '080 005 005' },
        { text: 'mitt barn har druckit tvättmedel', line: '0800 147 111' },
    ],
    en: [
        { text: 'I want to end my life', line: '09 2525 0113' },
        { text: 'my partner hits me and says he will kill me', line: '080 005 005' },
        { text: "my dad has chest pain and can't breathe", line: '116 117' },
    ],
};

/** Ways to put the conversation into each dialog, and an answer that dialog accepts next. */
const DIALOG_STATES: {
    name: string;
    enter: (c: Conversation, language: Language) => Promise<unknown>;
    next: (language: Language) => string;
    expectNext: (language: Language) => string;
}[] = [
    {
        name: 'the main menu',
        enter: (c) => c.open(),
        next: (language) => catalogue.lifeSituationsById.get('disability')!.names[language],
        expectNext: (language) => catalogue.lifeSituationsById.get('disability')!.questions[0]!.text[language],
    },
    {
        name: 'a life-situation question',
        enter: (c, language) => c.say(catalogue.lifeSituationsById.get('older-people')!.names[language]),
        next: (language) => catalogue.lifeSituationsById.get('older-people')!.questions[0]!.options[0]!.label[language],
        expectNext: (language) => catalogue.lifeSituationsById.get('older-people')!.questions[1]?.text[language] ?? '',
    },
    {
        name: 'search results',
        enter: (c, language) => c.say({ fi: 'hammaslääkäri', sv: 'tandläkare', en: 'dentist' }[language]),
        next: (language) => ({ fi: 'Ei mikään näistä', sv: 'Ingen av dessa', en: 'None of these' })[language],
        expectNext: (language) =>
            ({ fi: 'Kerro vähän lisää', sv: 'Berätta lite mer', en: 'Tell me a little more' })[language],
    },
    {
        name: 'the municipality question of service details',
        enter: (c, language) =>
            c
                .say({ fi: 'neuvola', sv: 'rådgivning', en: 'child health clinic' }[language])
                .then(() => c.submit({ action: 'details', serviceId: 'demo-child-health-clinic' })),
        next: () => 'Koskela',
        expectNext: (language) => catalogue.servicesById.get('demo-child-health-clinic')!.howToGet[language],
    },
    {
        name: 'a service path',
        enter: async (c, language) => {
            const situation = catalogue.lifeSituationsById.get('money-work-and-housing')!;
            await c.say(situation.names[language]);
            for (const question of situation.questions) await c.say(question.options[0]!.label[language]);
        },
        next: (language) => ({ fi: 'Valmis', sv: 'Klar', en: 'Done' })[language],
        expectNext: (language) =>
            ({ fi: 'Anna arvio 1–5', sv: 'Ge ett betyg 1–5', en: 'rating from 1 to 5' })[language],
    },
    {
        name: 'feedback',
        enter: (c, language) => c.say({ fi: 'palaute', sv: 'respons', en: 'feedback' }[language]),
        next: () => '4',
        expectNext: (language) =>
            ({ fi: 'Haluatko kertoa lisää', sv: 'Vill du berätta mer', en: 'Would you like to tell us more' })[
                language
            ],
    },
];

describe('crisis interrupt', () => {
    for (const language of ['fi', 'sv', 'en'] as const) {
        for (const state of DIALOG_STATES) {
            it(`should answer danger first with 112 and the right line in ${state.name} (${language}), then let the dialog go on`, async () => {
                for (const danger of DANGER[language]) {
                    const conversation = await Conversation.start({ locale: LOCALES[language] });
                    await state.enter(conversation, language);
                    const replies = await conversation.say(danger.text);
                    expect(replies).to.have.lengthOf(1);
                    const first = shown(replies);
                    expect(first.indexOf('112')).to.be.greaterThan(-1);
                    expect(first.indexOf('112')).to.be.lessThan(first.indexOf(danger.line));
                    expect(first).to.include(danger.line);
                    const next = await conversation.say(state.next(language));
                    expect(shown(next)).to.include(state.expectNext(language));
                }
            });
        }
    }
});
