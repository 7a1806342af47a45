import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { computeStats } from '../../src/stats/computeStats.js';
import { dayRange } from '../../src/stats/helsinkiTime.js';
import { dailyRowsToCsv } from '../../src/stats/statsCsv.js';
import { openStatsFileStore } from '../../src/storage/statsFileStore.js';
import { removeDir, runScript, tempDir } from '../helpers.js';
import { parseCsv } from './csvReader.js';
import { WEEK, weekEvents } from './statsFixtures.js';

const EXPORT = 'src/cli/statsExport.ts';

describe('stats:export CLI', function () {
    // Each case starts a Node process with tsx.
    this.timeout(30_000);
    let dataDir: string;

    before(async () => {
        dataDir = await tempDir('luotsi-stats-cli-');
        const store = await openStatsFileStore(dataDir);
        for (const event of weekEvents()) await store.add(event);
        await store.close();
    });

    after(async () => {
        await removeDir(dataDir);
    });

    const run = (args: string[]) => runScript(EXPORT, args, { env: { DATA_DIR: dataDir } });

    it('should write the same CSV as the report to stdout, with no progress bar for a short range', async () => {
        const result = await run(['--from', '2025-03-10', '--to', '2025-03-16']);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.equal(dailyRowsToCsv(computeStats(weekEvents(), WEEK).daily));
        expect(result.stderr).to.equal('');
    });

    it('should apply the language and channel filters', async () => {
        const result = await run([
            '--from',
            '2025-03-10',
            '--to',
            '2025-03-16',
            '--language',
            'sv',
            '--channel',
            'webchat',
        ]);
        expect(result.code, result.stderr).to.equal(0);
        const expected = computeStats(weekEvents(), { ...WEEK, language: 'sv', channel: 'webchat' });
        expect(result.stdout).to.equal(dailyRowsToCsv(expected.daily));
        expect(
            parseCsv(result.stdout)
                .slice(1)
                .map((row) => Number(row[1])),
        ).to.deep.equal([1, 0, 1, 0, 0, 0, 1]);
    });

    it('should show a progress bar on stderr for a range over 31 days, never on stdout', async () => {
        const result = await run(['--from', '2025-02-01', '--to', '2025-03-31']);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stderr).to.match(/^\[[#-]{30}\] +\d+% \d+\/\d+ conversations\n/m);
        expect(result.stderr).to.include('100% 13/13 conversations'); // I and J are inside this range
        const rows = parseCsv(result.stdout);
        expect(rows).to.have.lengthOf(1 + 59);
        for (const row of rows.slice(1)) expect(row[0]).to.match(/^\d{4}-\d{2}-\d{2}$/);
        const expected = computeStats(weekEvents(), dayRange('2025-02-01', '2025-03-31'));
        expect(result.stdout).to.equal(dailyRowsToCsv(expected.daily));
    });

    it('should write to --out instead of stdout', async () => {
        const out = path.join(dataDir, 'export.csv');
        const result = await run(['--from', '2025-03-10', '--to', '2025-03-16', '--out', out]);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.equal('');
        expect(await readFile(out, 'utf8')).to.equal(dailyRowsToCsv(computeStats(weekEvents(), WEEK).daily));
    });

    const usageErrors: [string, string[], RegExp][] = [
        ['a malformed date', ['--from', '10.3.2025', '--to', '2025-03-16'], /start date is not a date YYYY-MM-DD/],
        ['an impossible date', ['--from', '2025-02-30', '--to', '2025-03-16'], /start date is not a date/],
        ['a bad end date', ['--from', '2025-03-10', '--to', '2025-3-16'], /end date is not a date/],
        ['a start after the end', ['--from', '2025-03-17', '--to', '2025-03-16'], /2025-03-17 is after the end date/],
        ['a missing --to', ['--from', '2025-03-10'], /--to is required/],
        ['an unknown language', ['--from', '2025-03-10', '--to', '2025-03-16', '--language', 'de'], /--language/],
        ['an unknown option', ['--from', '2025-03-10', '--to', '2025-03-16', '--format', 'json'], /format/],
    ];
    for (const [name, args, message] of usageErrors) {
        it(`should exit 2 with a clear message for ${name}`, async () => {
            const result = await run(args);
            expect(result.code).to.equal(2);
            expect(result.stdout).to.equal('');
            expect(result.stderr).to.match(message);
            expect(result.stderr).to.include('usage: npm run stats:export');
        });
    }

    it('should exit 1 when there is no statistics file', async () => {
        const empty = await tempDir('luotsi-stats-none-');
        try {
            const result = await runScript(EXPORT, ['--from', '2025-03-10', '--to', '2025-03-16'], {
                env: { DATA_DIR: empty },
            });
            expect(result.code).to.equal(1);
            expect(result.stderr).to.match(/stats\.json: does not exist; check DATA_DIR/);
        } finally {
            await removeDir(empty);
        }
    });
});
