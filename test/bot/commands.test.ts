import { expect } from 'chai';
import { recogniseCommand, type Command } from '../../src/bot/commands.js';
import { LANGUAGES } from '../../src/content/vocabulary.js';
import { createI18n } from '../../src/i18n/i18n.js';

const i18n = createI18n();

describe('recogniseCommand', () => {
    const buttons: [string, Command][] = [
        ['buttons.person', 'person'],
        ['buttons.restart', 'restart'],
        ['buttons.back', 'back'],
        ['buttons.done', 'done'],
        ['buttons.none', 'none'],
        ['buttons.feedback', 'feedback'],
        ['buttons.otherSuggestions', 'back'],
        ['feedback.skip', 'skip'],
        ['details.skipMunicipality', 'skip'],
        ['crisis.talkToPerson', 'person'],
        ['crisis.continue', 'resume'],
    ];
    for (const language of LANGUAGES) {
        it(`should understand every command button in ${language}`, () => {
            const t = i18n.getFixedT(language);
            for (const [key, command] of buttons)
                expect(recogniseCommand(t(key)), `${language} ${key}`).to.deep.equal({ command });
        });
    }

    it('should find longer phrases inside a sentence but one-word phrases only alone', () => {
        expect(recogniseCommand('voinko puhua ihmisen kanssa?')).to.deep.equal({ command: 'person' });
        expect(recogniseCommand('I would like to talk to a person please')).to.deep.equal({ command: 'person' });
        expect(recogniseCommand('alku')).to.deep.equal({ command: 'restart' });
        expect(recogniseCommand('alkuun pääseminen on vaikeaa')).to.equal(undefined);
        expect(recogniseCommand('I need help with rent')).to.equal(undefined);
    });

    it('should recognise language switches in all three languages', () => {
        expect(recogniseCommand('på svenska')).to.deep.equal({ command: 'language', language: 'sv' });
        expect(recogniseCommand('Suomi')).to.deep.equal({ command: 'language', language: 'fi' });
        expect(recogniseCommand('in English')).to.deep.equal({ command: 'language', language: 'en' });
    });
});
