import { expect } from 'chai';
import { choosePath } from '../../dialogs/lifeSituationDialog.js';
import { LANGUAGES, type Language } from '../../src/content/vocabulary.js';
import { Conversation, lastButtons, shown } from '../conversation.js';
import { realCatalogue } from '../helpers.js';

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const catalogue = await realCatalogue();

describe('LifeSituationDialog', () => {
    for (const language of LANGUAGES) {
        describe(`in ${language}`, () => {
            for (const situation of catalogue.lifeSituations) {
                it(`should guide through "${situation.id}" from its button to its service path`, async () => {
                    const conversation = await Conversation.start({ locale: LOCALES[language] });
                    const welcome = await conversation.open();
                    expect(lastButtons(welcome)).to.include(situation.names[language]);

                    let replies = await conversation.say(situation.names[language]);
                    const answers: Record<string, string> = {};
                    for (const question of situation.questions) {
                        expect(shown(replies)).to.include(question.text[language]);
                        const option = question.options.at(-1)!;
                        expect(lastButtons(replies)).to.include(option.label[language]);
                        answers[question.id] = option.id;
                        replies = await conversation.say(option.label[language]);
                    }
                    const path = choosePath(situation, answers);
                    const text = shown(replies);
                    for (const step of path.steps) {
                        expect(text).to.include(catalogue.servicesById.get(step.serviceId)!.names[language]);
                        expect(text).to.include(step.whatToDo[language]);
                    }
                });
            }
        });
    }

    it('should take free-text answers that mean an option', async () => {
        const situation = catalogue.lifeSituations.find((s) =>
            s.questions.some((q) => q.options.some((o) => (o.synonyms?.fi.length ?? 0) > 0)),
        )!;
        const question = situation.questions[0]!;
        const option = question.options.find((o) => (o.synonyms?.fi.length ?? 0) > 0) ?? question.options[0]!;
        const conversation = await Conversation.start();
        await conversation.say(situation.names.fi);
        const replies = await conversation.say(option.synonyms?.fi[0] ?? option.label.fi);
        expect(shown(replies)).not.to.include(question.text.fi);
    });

    it('should ask again once with a hint, then move on, when an answer is not understood', async () => {
        const situation = catalogue.lifeSituationsById.get('older-people')!;
        const conversation = await Conversation.start();
        await conversation.say(situation.names.fi);
        const first = await conversation.say('qwerty zxcv');
        expect(shown(first)).to.include('En ihan ymmärtänyt');
        expect(shown(first)).to.include(situation.questions[0]!.text.fi);
        const second = await conversation.say('qwerty zxcv');
        expect(shown(second)).not.to.include('En ihan ymmärtänyt');
    });

    it('should go back to the previous question', async () => {
        const situation = catalogue.lifeSituations.find((s) => s.questions.length >= 2)!;
        const conversation = await Conversation.start();
        await conversation.say(situation.names.fi);
        await conversation.say(situation.questions[0]!.options[0]!.label.fi);
        const replies = await conversation.say('takaisin');
        expect(shown(replies)).to.include(situation.questions[0]!.text.fi);
    });

    it('should offer an own contact person when two life situations are touched', async () => {
        const conversation = await Conversation.start({ locale: 'en-GB' });
        for (const id of ['money-work-and-housing', 'mental-health-and-substance-use'] as const) {
            const situation = catalogue.lifeSituationsById.get(id)!;
            let replies = await conversation.say(situation.names.en);
            for (const question of situation.questions) replies = await conversation.say(question.options[0]!.label.en);
            const text = shown(replies);
            if (id === 'money-work-and-housing') expect(text).not.to.include('own contact person');
            else expect(text).to.include('own contact person');
            await conversation.say('done');
            await conversation.say('skip');
        }
    });
});
