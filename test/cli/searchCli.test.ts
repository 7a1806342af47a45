import { expect } from 'chai';
import { runScript } from '../helpers.js';

const SEARCH = 'src/cli/search.ts';

interface SearchLine {
    query?: string;
    lang?: string;
    matched?: boolean;
    results?: { serviceId: string; kind: string; name: string; lifeSituations: string[]; score: number }[];
    error?: string;
}

describe('search CLI', () => {
    it('should print one JSON object with the contract fields, best first, at most five', async () => {
        const result = await runScript(SEARCH, ['--lang', 'fi', '--json', 'hammaslääkäri']);
        expect(result.code, result.stderr).to.equal(0);
        const lines = result.stdout.trim().split('\n');
        expect(lines).to.have.lengthOf(1);
        const json = JSON.parse(lines[0]!) as SearchLine;
        expect(Object.keys(json)).to.deep.equal(['query', 'lang', 'matched', 'results']);
        expect(json).to.include({ query: 'hammaslääkäri', lang: 'fi', matched: true });
        expect(json.results!.length).to.be.within(1, 5);
        expect(json.results![0]!.kind).to.equal('dental-care');
        for (const item of json.results!) {
            expect(Object.keys(item)).to.deep.equal(['serviceId', 'kind', 'name', 'lifeSituations', 'score']);
            expect(item.score).to.be.within(0, 1);
        }
        const scores = json.results!.map((item) => item.score);
        expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    });

    it('should answer a batch in order, detect the language and print an error line for each bad line', async () => {
        const input = [
            JSON.stringify({ lang: 'sv', text: 'tandläkare' }),
            'this is not json',
            JSON.stringify({ text: 'my dad keeps forgetting to take his pills' }),
            JSON.stringify({ lang: 'de', text: 'Zahnarzt' }),
            JSON.stringify({ lang: 'fi', text: '   ' }),
            JSON.stringify({ lang: 'auto', text: 'missä on lähin kirjasto' }),
        ].join('\n');
        const result = await runScript(SEARCH, ['--json', '--batch'], { input });
        expect(result.code, result.stderr).to.equal(0);
        const lines = result.stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as SearchLine);
        expect(lines).to.have.lengthOf(6);
        expect(lines[0]).to.include({ lang: 'sv', matched: true });
        expect(lines[0]!.results![0]!.kind).to.equal('dental-care');
        expect(lines[1]!.error).to.be.a('string');
        expect(lines[2]).to.include({ lang: 'en', matched: true });
        expect(lines[2]!.results!.slice(0, 3).map((item) => item.kind)).to.satisfy((kinds: string[]) =>
            kinds.some((kind) => ['home-care', 'senior-services'].includes(kind)),
        );
        expect(lines[3]!.error).to.match(/^lang:/);
        expect(lines[4]!.error).to.match(/^text: /);
        expect(lines[5]).to.deep.equal({ query: 'missä on lähin kirjasto', lang: 'fi', matched: false, results: [] });
    });

    it('should print a readable table without --json', async () => {
        const result = await runScript(SEARCH, ['--lang', 'en', 'dentist']);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/^"dentist" \(en\) – \d result\(s\)\n1\. [01]\.\d{3}  dental-care/);
    });

    it('should refuse an unknown language with a usage message', async () => {
        const result = await runScript(SEARCH, ['--lang', 'de', 'Zahnarzt']);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.include('usage:');
    });
});
