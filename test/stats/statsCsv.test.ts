import { expect } from 'chai';
import { computeStats, type DailyRow } from '../../src/stats/computeStats.js';
import { DAILY_CSV_COLUMNS, dailyRowsToCsv, toCsv } from '../../src/stats/statsCsv.js';
import { parseCsv } from './csvReader.js';
import { WEEK, weekEvents } from './statsFixtures.js';

describe('statsCsv', () => {
    it('should write the daily rows with a header, CRLF line ends and no semicolons', () => {
        const csv = dailyRowsToCsv(computeStats(weekEvents(), WEEK).daily);
        expect(csv.startsWith(`${DAILY_CSV_COLUMNS.join(',')}\r\n`)).to.equal(true);
        expect(csv).to.not.include(';');
        expect(csv.split('\r\n')).to.have.lengthOf(9); // header, 7 days, '' after the last CRLF
        expect(csv.split('\r\n')[1]).to.equal('2025-03-10,3,1,1,3,1,5,0,0,0');
        expect(csv.split('\r\n')[4]).to.equal('2025-03-13,2,0,2,1,0,,1,1,0');
    });

    it('should hold exactly the numbers of the JSON report', () => {
        const report = computeStats(weekEvents(), WEEK);
        const [header, ...rows] = parseCsv(dailyRowsToCsv(report.daily));
        expect(header).to.deep.equal([...DAILY_CSV_COLUMNS]);
        const fromCsv = rows.map((cells) =>
            Object.fromEntries(
                DAILY_CSV_COLUMNS.map((column, index) => {
                    const cell = cells[index]!;
                    return [column, column === 'date' ? cell : cell === '' ? null : Number(cell)];
                }),
            ),
        ) as unknown as DailyRow[];
        expect(fromCsv).to.deep.equal(report.daily);
        const total = fromCsv.reduce((sum, row) => sum + row.conversations, 0);
        expect(total).to.equal(report.totals.conversations);
    });

    it('should write averages with a decimal point', () => {
        const row: DailyRow = {
            date: '2025-03-10',
            conversations: 1234,
            guided: 0,
            handovers: 0,
            resolvedInOneContact: 0,
            feedbackCount: 3,
            averageRating: 3.67,
            crisisInterrupts: 0,
            socialCareContacts: 0,
            professionalConsultations: 0,
        };
        expect(dailyRowsToCsv([row]).split('\r\n')[1]).to.equal('2025-03-10,1234,0,0,0,3,3.67,0,0,0');
    });

    it('should quote fields as RFC 4180 asks and defuse spreadsheet formulas', () => {
        const csv = toCsv(
            ['a', 'b'],
            [
                ['x,y', 'say "hi"'],
                ['two\r\nlines', 'semi;colon'],
                ['=1+1', '-2'],
                [-3, null],
            ],
        );
        expect(csv).to.equal('a,b\r\n"x,y","say ""hi"""\r\n"two\r\nlines","semi;colon"\r\n\'=1+1,\'-2\r\n-3,\r\n');
        expect(parseCsv(csv)).to.deep.equal([
            ['a', 'b'],
            ['x,y', 'say "hi"'],
            ['two\r\nlines', 'semi;colon'],
            ["'=1+1", "'-2"],
            ['-3', ''],
        ]);
    });

    it('should refuse numbers a spreadsheet cannot read', () => {
        expect(() => toCsv(['a'], [[Number.NaN]])).to.throw(RangeError);
    });
});
