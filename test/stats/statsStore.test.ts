import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { Low, Memory } from 'lowdb';
import { createMemoryLogger } from '../../src/logger.js';
import { dayRange } from '../../src/stats/helsinkiTime.js';
import { startRetentionJob } from '../../src/stats/retentionJob.js';
import { InvalidStatsEventError, parseStatsEvent, type StatsEvent } from '../../src/stats/statsEvents.js';
import {
    emptyStatsData,
    isNormalisedQueryText,
    normaliseQueryText,
    purgeData,
    retentionCutoffs,
    type StatsData,
    type StatsStore,
} from '../../src/stats/statsStore.js';
import { StoreFileError } from '../../src/storage/errors.js';
import {
    LowdbStatsStore,
    STATS_FILE,
    createMemoryStatsStore,
    openStatsFileStore,
    readStatsFile,
} from '../../src/storage/statsFileStore.js';
import { expectRejection, removeDir, tempDir } from '../helpers.js';

const CONVERSATION = '00000000-0000-4000-8000-000000000001';

function started(at: string): StatsEvent {
    return parseStatsEvent({
        type: 'conversation-started',
        at,
        conversation: CONVERSATION,
        channel: 'webchat',
        language: 'fi',
    });
}

/** Resolves once `condition` holds, polling each tick; the retention job runs on its own timer. */
async function eventually(condition: () => boolean, ms = 2000): Promise<void> {
    const until = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > until) expect.fail('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

describe('normaliseQueryText', () => {
    const cases: [string, string][] = [
        ['  Hammas-LÄÄKÄRI??   Missä  ', 'hammaslääkäri missä'],
        ['Soita minulle 040 123 4567!', 'soita minulle [phone]'],
        ['hetu 131052-308T, apua', 'hetu [hetu] apua'],
        ['Tili FI21 1234 5600 0007 85', 'tili [iban]'],
        ['matti.meikalainen@example.com kysyy', '[email] kysyy'],
        // Punctuation hid the number from the first redaction; the second one finds it.
        ['040.123.45.67 puh', '[phone] puh'],
        ['Asiakasnumero 1234567890 ja vuosi 2024, postinumero 00100', 'asiakasnumero # ja vuosi # postinumero #'],
        ['puh0401234567', 'puh#'],
        ['KELA:n #tuki 112', 'kela n tuki 112'],
        ['?!…', ''],
    ];
    for (const [input, expected] of cases) {
        it(`should normalise ${JSON.stringify(input)}`, () => {
            expect(normaliseQueryText(input)).to.equal(expected);
        });
    }

    it('should cut long texts at a word', () => {
        const text = normaliseQueryText('sana '.repeat(100));
        expect(text.length).to.be.at.most(200);
        expect(text.endsWith('sana')).to.equal(true);
    });

    it('should recognise its own output and nothing unredacted or unnormalised', () => {
        for (const [input] of cases) {
            const text = normaliseQueryText(input);
            if (text !== '') expect(isNormalisedQueryText(text), text).to.equal(true);
        }
        for (const text of ['Soita', 'kaksi  välilyöntiä', '040 123 4567', 'numero 1234', 'piste.', '', ' alku']) {
            expect(isNormalisedQueryText(text), text).to.equal(false);
        }
    });
});

describe('LowdbStatsStore', () => {
    describe('on a Memory adapter', () => {
        let store: StatsStore;

        beforeEach(() => {
            store = createMemoryStatsStore();
        });

        it('should return the events of a half-open range in the order added', async () => {
            await store.add(started('2025-03-10T21:00:00.000Z'));
            await store.add(started('2025-03-09T22:00:00.000Z'));
            await store.add(started('2025-03-10T22:00:00.000Z'));
            const range = dayRange('2025-03-10', '2025-03-10'); // 9.3. 22:00Z – 10.3. 22:00Z
            expect((await store.events(range)).map((event) => event.at)).to.deep.equal([
                '2025-03-10T21:00:00.000Z',
                '2025-03-09T22:00:00.000Z',
            ]);
            expect(await store.events()).to.have.lengthOf(3);
        });

        it('should refuse an invalid event and store nothing', async () => {
            const sneaky = { ...started('2025-03-10T08:00:00.000Z'), userId: '29:1abc' } as unknown as StatsEvent;
            expect(await expectRejection(store.add(sneaky))).to.be.instanceOf(InvalidStatsEventError);
            expect(await store.events()).to.deep.equal([]);
        });

        it('should count unmatched queries per normalised text and language, most frequent first', async () => {
            const at = new Date('2025-03-10T08:15:00Z');
            const nextDay = new Date('2025-03-11T08:15:00Z');
            await store.addUnmatched({ language: 'fi', text: 'Missä on kirjasto?', at });
            await store.addUnmatched({ language: 'fi', text: 'missä ON   kirjasto', at: nextDay });
            await store.addUnmatched({ language: 'sv', text: 'Var är biblioteket', at });
            await store.addUnmatched({ language: 'fi', text: 'uimahalli', at });
            await store.addUnmatched({ language: 'sv', text: 'Missä on kirjasto', at });
            await store.addUnmatched({ language: 'fi', text: '!!!', at });
            expect(await store.unmatched()).to.deep.equal([
                { language: 'fi', text: 'missä on kirjasto', count: 2 },
                { language: 'fi', text: 'uimahalli', count: 1 },
                { language: 'sv', text: 'missä on kirjasto', count: 1 },
                { language: 'sv', text: 'var är biblioteket', count: 1 },
            ]);
            expect(await store.unmatched(dayRange('2025-03-11', '2025-03-11'))).to.deep.equal([
                { language: 'fi', text: 'missä on kirjasto', count: 1 },
            ]);
        });

        it('should keep one row per day and text, with no conversation id even if one is passed', async () => {
            const db = new Low<StatsData>(new Memory(), emptyStatsData());
            const own = new LowdbStatsStore(db);
            const query = { language: 'fi' as const, text: 'Soita 040 123 4567', at: new Date('2025-03-10T08:00:00Z') };
            await own.addUnmatched({ ...query, conversation: CONVERSATION } as typeof query);
            await own.addUnmatched(query);
            expect(db.data.unmatched).to.deep.equal([
                { day: '2025-03-10', language: 'fi', text: 'soita [phone]', count: 2 },
            ]);
        });

        it('should batch changes that arrive during a write and tell each caller its own result', async () => {
            const writes: StatsData[] = [];
            const db = new Low<StatsData>(new Memory(), emptyStatsData());
            const memory = db.adapter;
            db.adapter = {
                read: () => memory.read(),
                write: async (data) => {
                    writes.push(data);
                    await new Promise((resolve) => setTimeout(resolve, 5));
                    await memory.write(data);
                },
            };
            const own = new LowdbStatsStore(db);
            await Promise.all(
                Array.from({ length: 20 }, (_, hour) =>
                    own.add(started(`2025-03-10T${String(hour).padStart(2, '0')}:00:00.000Z`)),
                ),
            );
            expect(await own.events()).to.have.lengthOf(20);
            expect(writes.length).to.be.lessThan(20);
            expect(writes.at(-1)!.events).to.have.lengthOf(20);
        });

        it('should fail the callers of a failed write, keep memory as it was and carry on', async () => {
            const db = new Low<StatsData>(new Memory(), emptyStatsData());
            const memory = db.adapter;
            let fail = true;
            db.adapter = {
                read: () => memory.read(),
                write: async (data) => {
                    if (fail) throw Object.assign(new Error('disk full: /secret/path'), { code: 'ENOSPC' });
                    await memory.write(data);
                },
            };
            const own = new LowdbStatsStore(db, { name: 'stats.json' });
            const error = await expectRejection(own.add(started('2025-03-10T08:00:00.000Z')));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as Error).message).to.equal('stats.json: could not be written (ENOSPC)');
            expect(await own.events()).to.deep.equal([]);
            fail = false;
            await own.add(started('2025-03-10T09:00:00.000Z'));
            expect(await own.events()).to.have.lengthOf(1);
        });

        it('should refuse changes after close', async () => {
            const own = createMemoryStatsStore();
            await own.close();
            expect(await expectRejection(own.add(started('2025-03-10T08:00:00.000Z')))).to.be.instanceOf(Error);
        });
    });

    describe('on a JSON file', () => {
        let dir: string;

        beforeEach(async () => {
            dir = await tempDir('luotsi-stats-');
        });

        afterEach(async () => {
            await removeDir(dir);
        });

        it('should write DATA_DIR/stats.json owner-only and read it back', async () => {
            const store = await openStatsFileStore(dir);
            await store.add(started('2025-03-10T08:00:00.000Z'));
            await store.addUnmatched({ language: 'en', text: 'Library?', at: new Date('2025-03-10T08:00:00Z') });
            await store.close();
            const file = path.join(dir, STATS_FILE);
            if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).to.equal(0o600);
            const reopened = await openStatsFileStore(dir);
            expect(await reopened.events()).to.deep.equal([started('2025-03-10T08:00:00.000Z')]);
            expect(await reopened.unmatched()).to.deep.equal([{ language: 'en', text: 'library', count: 1 }]);
            await reopened.close();
            expect((await readStatsFile(file)).events).to.have.lengthOf(1);
        });

        it('should refuse to open the same file twice', async () => {
            const store = await openStatsFileStore(dir);
            try {
                expect(await expectRejection(openStatsFileStore(dir))).to.be.instanceOf(StoreFileError);
            } finally {
                await store.close();
            }
        });

        it('should refuse a file with unredacted or unnormalised text, naming the field', async () => {
            const file = path.join(dir, STATS_FILE);
            const comment = {
                ...started('2025-03-10T08:00:00.000Z'),
                type: 'feedback',
                rating: 3,
                comment: 'Soita 040 123 4567',
            };
            await writeFile(file, JSON.stringify({ events: [comment], unmatched: [] }));
            const error = await expectRejection(openStatsFileStore(dir));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as Error).message).to.match(/events\.0\.comment/);
            expect((error as Error).message).to.not.include('040');

            const row = { day: '2025-03-10', language: 'fi', text: 'Missä kirjasto?', count: 1 };
            await writeFile(file, JSON.stringify({ events: [], unmatched: [row] }));
            expect(((await expectRejection(readStatsFile(file))) as Error).message).to.match(/unmatched\.0\.text/);
        });

        it('should say so when there is no file to read', async () => {
            const error = await expectRejection(readStatsFile(path.join(dir, 'missing', STATS_FILE)));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as Error).message).to.match(/does not exist/);
        });

        it('should persist a purge', async () => {
            const store = await openStatsFileStore(dir);
            await store.add(started('2023-01-01T00:00:00.000Z'));
            await store.add(started('2025-03-10T08:00:00.000Z'));
            expect(await store.purge(new Date('2025-03-14T10:00:00Z'))).to.deep.equal({ events: 1, unmatched: 0 });
            await store.close();
            const data = JSON.parse(await readFile(path.join(dir, STATS_FILE), 'utf8')) as StatsData;
            expect(data.events.map((event) => event.at)).to.deep.equal(['2025-03-10T08:00:00.000Z']);
        });
    });
});

describe('retention', () => {
    function data(eventTimes: string[], days: string[]): StatsData {
        return {
            events: eventTimes.map(started),
            unmatched: days.map((day) => ({ day, language: 'fi' as const, text: 'kirjasto', count: 1 })),
        };
    }

    it('should keep an event exactly at the cutoff and delete the hour before', () => {
        const now = new Date('2025-03-14T10:00:00Z');
        const [kept, removed] = purgeData(
            data(['2023-03-14T09:00:00.000Z', '2023-03-14T10:00:00.000Z', '2025-03-14T10:00:00.000Z'], []),
            now,
        );
        expect(kept.events.map((event) => event.at)).to.deep.equal([
            '2023-03-14T10:00:00.000Z',
            '2025-03-14T10:00:00.000Z',
        ]);
        expect(removed).to.deep.equal({ events: 1, unmatched: 0 });
    });

    it('should delete an event whose hour began before the cutoff', () => {
        // At 10:30 the cutoff is 10:30 two years back; the 10:00 hour had begun before it.
        const [kept] = purgeData(
            data(['2023-03-14T10:00:00.000Z', '2023-03-14T11:00:00.000Z'], []),
            new Date('2025-03-14T10:30:00Z'),
        );
        expect(kept.events.map((event) => event.at)).to.deep.equal(['2023-03-14T11:00:00.000Z']);
    });

    it('should count calendar months in Helsinki time, across month ends and daylight saving', () => {
        // 31.3.2025 13:00 EEST minus one month is 28.2.2025 13:00 EET = 11:00Z.
        const now = new Date('2025-03-31T10:00:00Z');
        expect(retentionCutoffs(now, { eventsMonths: 1 }).events.toISOString()).to.equal('2025-02-28T11:00:00.000Z');
        const [kept] = purgeData(data(['2025-02-28T10:00:00.000Z', '2025-02-28T11:00:00.000Z'], []), now, {
            eventsMonths: 1,
        });
        expect(kept.events.map((event) => event.at)).to.deep.equal(['2025-02-28T11:00:00.000Z']);
    });

    it('should keep an unmatched day that starts exactly at the cutoff and delete the day before', () => {
        const midnight = new Date('2025-03-30T21:00:00Z'); // 31.3. 00:00 EEST; minus 30 days is 1.3. 00:00 EET
        const [kept, removed] = purgeData(data([], ['2025-02-28', '2025-03-01', '2025-03-30']), midnight);
        expect(kept.unmatched.map((row) => row.day)).to.deep.equal(['2025-03-01', '2025-03-30']);
        expect(removed).to.deep.equal({ events: 0, unmatched: 1 });
    });

    it('should delete an unmatched day as soon as any of it is older than the limit', () => {
        const justAfter = new Date('2025-03-30T21:00:00.001Z');
        const [kept] = purgeData(data([], ['2025-03-01', '2025-03-02']), justAfter);
        expect(kept.unmatched.map((row) => row.day)).to.deep.equal(['2025-03-02']);
    });

    it('should take its limits from the options', () => {
        const now = new Date('2025-03-14T10:00:00Z');
        const [kept, removed] = purgeData(
            data(['2025-02-14T10:00:00.000Z', '2025-02-14T09:00:00.000Z'], ['2025-03-08', '2025-03-07']),
            now,
            { eventsMonths: 1, unmatchedDays: 7 },
        );
        expect(removed).to.deep.equal({ events: 1, unmatched: 1 });
        // Cutoff 7.3. 12:00: the 7th had begun before it, the 8th had not.
        expect(kept.unmatched.map((row) => row.day)).to.deep.equal(['2025-03-08']);
    });

    it('should refuse limits that are not positive whole numbers', () => {
        const now = new Date('2025-03-14T10:00:00Z');
        expect(() => retentionCutoffs(now, { eventsMonths: 0 })).to.throw(RangeError);
        expect(() => retentionCutoffs(now, { unmatchedDays: 1.5 })).to.throw(RangeError);
    });

    describe('startRetentionJob', () => {
        it('should purge at once, then on every interval, until stopped', async () => {
            const store = createMemoryStatsStore(data(['2020-01-01T00:00:00.000Z', '2025-03-14T08:00:00.000Z'], []));
            const logger = createMemoryLogger();
            const stop = startRetentionJob(store, {
                now: () => new Date('2025-03-14T10:00:00Z'),
                intervalMs: 15,
                logger,
            });
            try {
                await eventually(() => logger.entries.length >= 1);
                expect(logger.entries[0]).to.deep.equal({
                    level: 'info',
                    message: 'stats retention purge',
                    fields: { events: 1, unmatched: 0 },
                });
                expect(await store.events()).to.have.lengthOf(1);
                await store.add(started('2021-01-01T00:00:00.000Z'));
                await eventually(() => logger.entries.slice(1).some((entry) => entry.fields?.events === 1));
                expect(await store.events()).to.have.lengthOf(1);
            } finally {
                stop();
            }
            const runs = logger.entries.length;
            await new Promise((resolve) => setTimeout(resolve, 50));
            expect(logger.entries.length).to.be.at.most(runs + 1); // at most one run already under way
        });

        it('should log a failed purge without its message and keep running', async () => {
            const logger = createMemoryLogger();
            let calls = 0;
            const store = {
                purge: async () => {
                    calls += 1;
                    throw new TypeError('secret detail');
                },
            };
            const stop = startRetentionJob(store, { now: () => new Date(), intervalMs: 10, logger });
            try {
                await eventually(() => calls >= 2);
            } finally {
                stop();
            }
            expect(logger.entries[0]).to.deep.equal({
                level: 'error',
                message: 'stats retention purge failed',
                fields: { error: 'TypeError' },
            });
        });

        it('should refuse bad limits at start', () => {
            const store = createMemoryStatsStore();
            expect(() => startRetentionJob(store, { now: () => new Date(), eventsMonths: -1 })).to.throw(RangeError);
            expect(() => startRetentionJob(store, { now: () => new Date(), intervalMs: 0 })).to.throw(RangeError);
        });
    });
});
