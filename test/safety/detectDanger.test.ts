import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../src/content/vocabulary.js';
import { compilePatternFile, expand, matchesRule, PatternError } from '../../src/safety/dangerPatterns.js';
import { dangerText, withinOneEdit } from '../../src/safety/dangerText.js';
import { DANGER_PRIORITY, detectDanger, findDanger, type DangerCategory } from '../../src/safety/detectDanger.js';
import { ROOT, runScript } from '../helpers.js';

const SAFETY = 'src/cli/safety.ts';

const Phrase = z.strictObject({
    lang: z.enum(LANGUAGES),
    text: z.string().min(1),
    category: z.enum(['self-harm', 'violence', 'medical-emergency']).nullable(),
});
type Phrase = z.infer<typeof Phrase>;

const PHRASES: readonly Phrase[] = readFileSync(path.join(ROOT, 'test/fixtures/safety-phrases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => Phrase.parse(JSON.parse(line)));
const DANGER = PHRASES.filter((phrase) => phrase.category !== null);
const TRAPS = PHRASES.filter((phrase) => phrase.category === null);

/** Lines whose verdict differs from the label, with the rule that fired, so a failure says what to fix. */
function mismatches(phrases: readonly Phrase[], language: (phrase: Phrase) => Phrase['lang'] | 'auto' | undefined) {
    return phrases.flatMap((phrase) => {
        const match = findDanger(phrase.text, language(phrase));
        const got = match?.category ?? null;
        return got === phrase.category
            ? []
            : [
                  `${phrase.lang} "${phrase.text}": expected ${phrase.category}, got ${got}${match ? ` (${match.rule})` : ''}`,
              ];
    });
}

interface SafetyLine {
    text?: string;
    lang?: string;
    category?: DangerCategory | null;
    error?: string;
}

function jsonLines(stdout: string): SafetyLine[] {
    return stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as SafetyLine);
}

describe('detectDanger', () => {
    describe('labelled phrases', () => {
        it('should cover every language and many traps', () => {
            const count = (lang: Phrase['lang']) => PHRASES.filter((phrase) => phrase.lang === lang).length;
            expect(PHRASES.length).to.be.at.least(150);
            expect(count('fi')).to.be.at.least(60);
            expect(count('sv')).to.be.at.least(45);
            expect(count('en')).to.be.at.least(45);
            expect(TRAPS.length).to.be.at.least(60);
            for (const category of DANGER_PRIORITY) {
                for (const lang of LANGUAGES) {
                    expect(DANGER.filter((phrase) => phrase.category === category && phrase.lang === lang)).to.not.be
                        .empty;
                }
            }
        });

        it('should find every danger line with its category when told the language', () => {
            expect(mismatches(DANGER, (phrase) => phrase.lang)).to.deep.equal([]);
        });

        it('should find every danger line with its category when the language is auto or missing', () => {
            expect(mismatches(DANGER, () => 'auto')).to.deep.equal([]);
            expect(mismatches(DANGER, () => undefined)).to.deep.equal([]);
        });

        it('should raise no false alarm on idioms, past deaths or service questions', () => {
            expect(mismatches(TRAPS, (phrase) => phrase.lang)).to.deep.equal([]);
            expect(mismatches(TRAPS, () => 'auto')).to.deep.equal([]);
        });
    });

    describe('wording', () => {
        it('should see through missing ä and ö, capitals, punctuation and stretched letters', () => {
            expect(detectDanger('EN JAKSA ENAA ELAA!!!', 'fi')).to.equal('self-harm');
            expect(detectDanger('rintaan sattuu... vasen kasi puutuu', 'fi')).to.equal('medical-emergency');
            expect(detectDanger('jag vill inte leva langre', 'sv')).to.equal('self-harm');
            expect(detectDanger('haluan kuollaaaa')).to.equal('self-harm');
        });

        it('should forgive a typo in a distinctive word', () => {
            expect(detectDanger('mietin itsmurhaa', 'fi')).to.equal('self-harm');
            expect(detectDanger('jag tänker på sjävmord', 'sv')).to.equal('self-harm');
            expect(detectDanger('suicdal thoughts', 'en')).to.equal('self-harm');
            expect(detectDanger('jag är utsatt för misshandel', 'sv'), 'a correct word is left alone').to.equal(
                'violence',
            );
            expect(withinOneEdit('itsemurh', 'itsmurh')).to.equal(true);
            expect(withinOneEdit('itsemurh', 'itsemruh')).to.equal(true);
            expect(withinOneEdit('itsemurh', 'itsmruh')).to.equal(false);
        });

        it('should read colloquial Finnish', () => {
            expect(detectDanger('en haluu elää enää', 'fi')).to.equal('self-harm');
            expect(detectDanger('mietin itaria', 'fi')).to.equal('self-harm');
            expect(detectDanger('mua hakataan', 'fi')).to.equal('violence');
            expect(detectDanger('mä vedän itteni hirteen', 'fi')).to.equal('self-harm');
            expect(detectDanger('mietin et jos vaan ajais rekan alle', 'fi')).to.equal('self-harm');
            expect(detectDanger('mä saan turpaan koulussa', 'fi')).to.equal('violence');
            expect(detectDanger('meidän joukkue sai turpaan finaalissa', 'fi')).to.equal(null);
        });

        it('should read colloquial Finland-Swedish and English slang', () => {
            expect(detectDanger('ja vill int leva mera', 'sv')).to.equal('self-harm');
            expect(detectDanger('ingen skulle sakna mej', 'sv')).to.equal('self-harm');
            expect(detectDanger('i wanna kms', 'en')).to.equal('self-harm');
            expect(detectDanger('the clinic is 5 kms away', 'en')).to.equal(null);
            expect(detectDanger('thinking about unaliving myself', 'en')).to.equal('self-harm');
            expect(detectDanger('im thinking about ending it tonight', 'en')).to.equal('self-harm');
            expect(detectDanger('thinking about ending it with my boyfriend', 'en')).to.equal(null);
        });

        it('should see indirect signs: plans, goodbyes, given-away belongings and lethal-dose questions', () => {
            expect(detectDanger('ei oo mitään järkeä, mulla on jo suunnitelma valmiina', 'fi')).to.equal('self-harm');
            expect(detectDanger('ei oo mitään järkeä, tarvitsen uuden suunnitelman taloudelle', 'fi')).to.equal(null);
            expect(detectDanger('tänään mä teen sen, sanokaa lapsille et mä rakastin niitä', 'fi')).to.equal(
                'self-harm',
            );
            expect(detectDanger('annoin kaikki tavarani pois kavereille', 'fi')).to.equal('self-harm');
            expect(detectDanger('annoin ylimääräiset tavarat kirpputorille', 'fi')).to.equal(null);
            expect(detectDanger('i keep looking up how many of my antidepressants it would take', 'en')).to.equal(
                'self-harm',
            );
            expect(detectDanger('how much insulin does it take to bring blood sugar down', 'en')).to.equal(null);
        });

        it('should read threats passed on in messages and stories told about others', () => {
            expect(detectDanger('exä uhkasi et mä en tuu näkemään joulua', 'fi')).to.equal('violence');
            expect(detectDanger('lääkäri sanoi etten elä jouluun asti, miten saan kotisairaalan', 'fi')).to.equal(null);
            expect(detectDanger('han skrev att jag inte kommer överleva julen', 'sv')).to.equal('violence');
            expect(detectDanger('in the movie the main character jumps off a bridge, very sad ending', 'en')).to.equal(
                null,
            );
            expect(detectDanger('watched a film last night and now I want to jump off a bridge too', 'en')).to.equal(
                'self-harm',
            );
        });

        it('should tell a stroke or heart attack now from one years ago', () => {
            expect(detectDanger('my dad had a heart attack 10 minutes ago', 'en')).to.equal('medical-emergency');
            expect(detectDanger('my heart attack was two years ago, am I eligible for cardiac rehab', 'en')).to.equal(
                null,
            );
            expect(detectDanger('infarkti oli jo toissa vuonna, pääsenkö kuntoutukseen', 'fi')).to.equal(null);
            expect(detectDanger('pappa fick en stroke för fem år sedan', 'sv')).to.equal(null);
        });

        it('should not let negation hide danger', () => {
            expect(detectDanger('en ole vielä tappanut itseäni', 'fi')).to.equal('self-harm');
            expect(detectDanger("I haven't killed myself yet", 'en')).to.equal('self-harm');
            expect(detectDanger('jag vill inte dö men jag tänker på självmord', 'sv')).to.equal('self-harm');
        });

        it('should tell tiredness from not wanting to live', () => {
            expect(detectDanger('en jaksa enää', 'fi')).to.equal(null);
            expect(detectDanger('en jaksa enää elää', 'fi')).to.equal('self-harm');
            expect(detectDanger('jag orkar inte mer', 'sv')).to.equal(null);
            expect(detectDanger('jag orkar inte leva mer', 'sv')).to.equal('self-harm');
        });

        it('should check every language whatever the message is tagged with', () => {
            expect(detectDanger('I want to die', 'fi')).to.equal('self-harm');
            expect(detectDanger('hän löi minua', 'en')).to.equal('violence');
            expect(detectDanger('Hei, tarvitsen apua. My husband hits me.', 'fi')).to.equal('violence');
        });

        it('should pick the most urgent sensible category when several fit', () => {
            expect(detectDanger('mieheni löi minua ja nyt vuotaa paljon verta', 'fi')).to.equal('violence');
            expect(detectDanger('otin kaikki unilääkkeet tarkoituksella ja nyt en saa henkeä', 'fi')).to.equal(
                'self-harm',
            );
            expect(detectDanger('lapsi nieli vahingossa mummon lääkkeitä', 'fi')).to.equal('medical-emergency');
            expect(detectDanger('mies uhkaa tappaa itsensä', 'fi')).to.equal('self-harm');
            expect(detectDanger('he stabbed me and I am bleeding heavily', 'en')).to.equal('violence');
        });

        it('should find danger at the end of a long message', () => {
            const preamble = 'Hei, tarvitsisin apua toimeentulotukihakemuksen ja Kelan päätöksen kanssa. '.repeat(30);
            expect(detectDanger(`${preamble} Ja rehellisesti sanottuna haluan kuolla.`, 'fi')).to.equal('self-harm');
        });

        // Speed is measured by `npm run bench:safety`, not asserted here: a timing threshold fails on a loaded machine.
        it('should classify a 1,000-character mixed-language message by its content alone', () => {
            const message = 'Jag behöver hjälp med hemvården och Kelan päätös tuli, my dad needs a ride. '
                .repeat(14)
                .slice(0, 1000);
            expect(detectDanger(message)).to.equal(null);
            expect(detectDanger(`${message.slice(0, 970)} he strangled me last night`)).to.equal('violence');
        });
    });

    describe('pattern files', () => {
        const file = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
            language: 'fi',
            exclusions: [],
            rules,
            ...extra,
        });

        it('should name the file and the pattern when a pattern is malformed', () => {
            const bad = file([{ id: 'broken', category: 'self-harm', patterns: ['haluan (kuolla'] }]);
            expect(() => compilePatternFile(bad, 'patterns.test.json'))
                .to.throw(PatternError, /patterns\.test\.json/)
                .with.property('problems')
                .that.satisfies((problems: string[]) =>
                    problems.some((problem) => problem.startsWith('rules.0.patterns.0')),
                );
        });

        it('should refuse unknown groups, categories, keys, duplicate ids and patterns matching an empty message', () => {
            const rule = { id: 'r', category: 'self-harm', patterns: ['haluan kuolla'] };
            const cases: unknown[] = [
                file([{ ...rule, patterns: ['{NOPE} kuolla'] }]),
                file([{ ...rule, category: 'sadness' }]),
                file([{ ...rule, pattern: 'typo in key' }]),
                file([rule, rule]),
                file([{ ...rule, patterns: ['(kuolla)?'] }]),
                file([{ ...rule, patterns: ['Haluan kuolla'] }]),
                file([rule], { fuzzy: ['lyhyt'] }),
            ];
            for (const raw of cases)
                expect(() => compilePatternFile(raw, 'x.json'), JSON.stringify(raw)).to.throw(PatternError);
        });

        it('should expand the pattern syntax into whole-word matching over folded text', () => {
            const compiled = compilePatternFile(
                file([
                    {
                        id: 'r',
                        category: 'self-harm',
                        patterns: ['(haluan|haluun) ~2 kuolla(?! (nauruun|to))', 'itsemurh%'],
                    },
                ]),
                'x.json',
            );
            const matches = (text: string) => matchesRule(compiled.rules[0]!, dangerText(text));
            expect(matches('Haluun vaan KUOLLA')).to.equal(true);
            expect(matches('haluan kuolla nauruun')).to.equal(false);
            expect(matches('haluan kuolla tonight')).to.equal(true);
            expect(matches('ITSEMURHA-ajatuksia')).to.equal(true);
            expect(matches('epäitsemurha')).to.equal(false);
            expect(expand('pelkää%')).to.equal('pelkaa\\S*');
        });

        it('should look back over whole words and find a compound by the letters after a leading %', () => {
            const compiled = compilePatternFile(
                file([
                    {
                        id: 'context',
                        category: 'medical-emergency',
                        patterns: ['liikaa(?<=(tabletti|%lääkke%) ~1 liikaa)'],
                    },
                    { id: 'compound', category: 'medical-emergency', patterns: ['%myrkyty%'] },
                ]),
                'x.json',
            );
            const [context, compound] = compiled.rules.map(
                (rule) => (text: string) => matchesRule(rule, dangerText(text)),
            );
            expect(context!('otin unilääkkeitä liikaa')).to.equal(true);
            expect(context!('otin tabletti vahingossa liikaa')).to.equal(true);
            expect(context!('söin liikaa')).to.equal(false);
            expect(context!('xtabletti liikaa'), 'the look-back starts at a word start').to.equal(false);
            expect(compound!('häkämyrkytys')).to.equal(true);
            expect(compound!('myrkyttömät kasvit')).to.equal(false);
        });
    });

    describe('safety CLI', () => {
        it('should print one JSON line with text, lang and category in that order', async () => {
            const result = await runScript(SAFETY, ['--json', '--lang', 'fi', 'mies uhkaa tappaa minut']);
            expect(result.code, result.stderr).to.equal(0);
            const lines = result.stdout.trim().split('\n');
            expect(lines).to.have.lengthOf(1);
            const json = JSON.parse(lines[0]!) as SafetyLine;
            expect(Object.keys(json)).to.deep.equal(['text', 'lang', 'category']);
            expect(json).to.deep.equal({ text: 'mies uhkaa tappaa minut', lang: 'fi', category: 'violence' });
        });

        it('should print a readable line without --json', async () => {
            const danger = await runScript(SAFETY, ['--lang', 'sv', 'har ont i bröstet']);
            expect(danger.code, danger.stderr).to.equal(0);
            expect(danger.stdout).to.match(/^medical-emergency \[sv\/[a-z-]+\]: "har ont i bröstet" \(sv\)\n$/);
            const calm = await runScript(SAFETY, ['I could kill for a coffee']);
            expect(calm.stdout).to.equal('no danger: "I could kill for a coffee" (auto)\n');
        });

        it('should answer a batch in order and print an error line for each bad line', async () => {
            const input = [
                JSON.stringify({ lang: 'fi', text: 'haluan kuolla' }),
                'this is not json',
                JSON.stringify({ text: 'my husband hits me' }),
                JSON.stringify({ lang: 'de', text: 'Ich will sterben' }),
                JSON.stringify({ lang: 'sv', text: '   ' }),
                JSON.stringify({ lang: 'en', text: 'this queue is killing me', category: null }),
                JSON.stringify({ lang: 'auto', text: 'lapsi nieli pesuainetta' }),
                '[1,2]',
            ].join('\n');
            const result = await runScript(SAFETY, ['--json', '--batch'], { input });
            expect(result.code, result.stderr).to.equal(0);
            const lines = jsonLines(result.stdout);
            expect(lines).to.have.lengthOf(8);
            expect(lines[0]).to.deep.equal({ text: 'haluan kuolla', lang: 'fi', category: 'self-harm' });
            expect(lines[1]).to.have.keys(['error']);
            expect(lines[2]).to.deep.equal({ text: 'my husband hits me', lang: 'auto', category: 'violence' });
            expect(lines[3]!.error).to.match(/^lang: /);
            expect(lines[4]!.error).to.match(/^text: /);
            expect(lines[5]).to.deep.equal({ text: 'this queue is killing me', lang: 'en', category: null });
            expect(Object.keys(lines[6]!)).to.deep.equal(['text', 'lang', 'category']);
            expect(lines[6]!.category).to.equal('medical-emergency');
            expect(lines[7]).to.have.keys(['error']);
        });

        it('should refuse an unknown language or an empty message with a usage message', async () => {
            for (const args of [['--lang', 'de', 'hilfe'], ['--json'], ['--no-such-option']]) {
                const result = await runScript(SAFETY, args);
                expect(result.code, args.join(' ')).to.equal(2);
                expect(result.stderr).to.include('usage:');
                expect(result.stdout).to.equal('');
            }
        });
    });
});
