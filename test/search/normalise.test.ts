import { expect } from 'chai';
import { splitCompound, type CompoundVocabulary } from '../../src/search/compounds.js';
import { contentWords, fold, termOf, words } from '../../src/search/normalise.js';
import type { Language } from '../../src/content/vocabulary.js';

function vocabularyOf(language: Language, ...texts: string[]): CompoundVocabulary {
    const terms = new Set(texts.flatMap((text) => words(text).map((word) => termOf(word, language))));
    const folded = new Set(texts.flatMap((text) => words(text).map(fold)));
    return { hasTerm: (term) => terms.has(term), hasWord: (word) => folded.has(word) };
}

describe('search normalisation', () => {
    describe('words and folding', () => {
        it('should lower-case, drop punctuation and keep hyphenated words whole', () => {
            expect(words('Sote-palvelut: MISSÄ neuvola?!')).to.deep.equal(['sotepalvelut', 'missä', 'neuvola']);
        });

        it('should fold ä, ö and å so that residents without those keys still match', () => {
            expect(termOf('hammaslääkäri', 'fi')).to.equal(termOf('hammaslaakari', 'fi'));
            expect(fold('hälsocentral')).to.equal('halsocentral');
            expect(fold('åldring')).to.equal('aldring');
        });
    });

    describe('stemming', () => {
        it('should bring Finnish inflections of a word to one term', () => {
            const forms = ['terveysasema', 'terveysasemalle', 'terveysasemalla', 'terveysasemalta'];
            expect(new Set(forms.map((word) => termOf(word, 'fi')))).to.have.lengthOf(1);
        });

        it('should bring Swedish definite and plural forms to one term', () => {
            expect(termOf('tandläkaren', 'sv')).to.equal(termOf('tandläkare', 'sv'));
            expect(termOf('hälsocentralen', 'sv')).to.equal(termOf('hälsocentral', 'sv'));
        });

        it('should stem English plurals', () => {
            expect(termOf('dentists', 'en')).to.equal(termOf('dentist', 'en'));
        });
    });

    describe('stopwords', () => {
        it('should leave out question words and pronouns around the need', () => {
            expect(contentWords('missä on lähin neuvola', 'fi').map((w) => w.word)).to.deep.equal(['neuvola']);
            expect(contentWords('var kan jag få hjälp med skulder', 'sv').map((w) => w.word)).to.deep.equal([
                'skulder',
            ]);
            expect(contentWords('where can I find a dentist', 'en').map((w) => w.word)).to.deep.equal(['dentist']);
        });
    });

    describe('compound splitting', () => {
        it('should split a Finnish compound into catalogue words', () => {
            const vocabulary = vocabularyOf('fi', 'hammaslääkäri', 'aika');
            expect(splitCompound('hammaslääkäriaika', 'fi', vocabulary)).to.deep.equal([
                termOf('hammaslääkäri', 'fi'),
                termOf('aika', 'fi'),
            ]);
        });

        it('should split a Swedish compound, also across a linking s', () => {
            const vocabulary = vocabularyOf('sv', 'tandläkare', 'tid', 'bostad', 'bidrag');
            expect(splitCompound('tandläkartid', 'sv', vocabulary)).to.deep.equal([
                termOf('tandläkar', 'sv'),
                termOf('tid', 'sv'),
            ]);
            expect(splitCompound('bostadsbidrag', 'sv', vocabulary)).to.deep.equal([
                termOf('bostad', 'sv'),
                termOf('bidrag', 'sv'),
            ]);
        });

        it('should not split a word into unknown pieces', () => {
            const vocabulary = vocabularyOf('fi', 'hammas', 'lääkäri');
            expect(splitCompound('junaaikataulu', 'fi', vocabulary)).to.deep.equal([]);
        });
    });
});
