import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { Low, Memory } from 'lowdb';
import { StoreFileError } from '../../src/storage/errors.js';
import {
    InvalidFeedbackError,
    LowdbFeedbackStore,
    emptyFeedbackData,
    openFeedbackStore,
    type FeedbackData,
    type NewFeedback,
} from '../../src/storage/feedbackStore.js';
import { REDACTION_PLACEHOLDERS } from '../../src/privacy/redact.js';
import { expectRejection, storeFileEachTest } from '../helpers.js';

const NOW = new Date('2025-03-14T09:26:53.589Z');

function memoryStore(): LowdbFeedbackStore {
    return new LowdbFeedbackStore(new Low<FeedbackData>(new Memory(), emptyFeedbackData()), { now: () => NOW });
}

function feedback(overrides: Partial<NewFeedback> = {}): NewFeedback {
    return { rating: 4, language: 'fi', channel: 'webchat', ...overrides };
}

describe('LowdbFeedbackStore', () => {
    describe('on a Memory adapter', () => {
        let store: LowdbFeedbackStore;

        beforeEach(() => {
            store = memoryStore();
        });

        it('should add an entry with an id and the hour it was given, and list it', async () => {
            const entry = await store.add(feedback({ rating: 5, comment: 'Hyvä!', lifeSituation: 'older-people' }));
            expect(entry.id).to.match(/^[0-9a-f-]{36}$/);
            expect(entry).to.deep.include({
                at: '2025-03-14T09:00:00.000Z',
                rating: 5,
                comment: 'Hyvä!',
                language: 'fi',
                channel: 'webchat',
                lifeSituation: 'older-people',
            });
            expect(await store.list()).to.deep.equal([entry]);
        });

        it('should store only the anonymous fields', async () => {
            const entry = await store.add(feedback());
            expect(Object.keys(entry).sort()).to.deep.equal(['at', 'channel', 'id', 'language', 'rating']);
        });

        it('should redact personal data from the comment before storing it', async () => {
            const entry = await store.add(
                feedback({ comment: 'Soittakaa 040 123 4567 tai matti@example.fi, hetu 131052-308T' }),
            );
            const { phone, email, henkilotunnus } = REDACTION_PLACEHOLDERS;
            expect(entry.comment).to.equal(`Soittakaa ${phone} tai ${email}, hetu ${henkilotunnus}`);
            expect(JSON.stringify(await store.list())).not.to.match(/040 123|matti@|131052/);
        });

        it('should leave out a comment that is empty after trimming', async () => {
            const entry = await store.add(feedback({ comment: '   ' }));
            expect(entry).not.to.have.property('comment');
        });

        it('should refuse identifying fields such as a user id', async () => {
            const withUser = { ...feedback(), userId: 'user-123' } as NewFeedback;
            const error = await expectRejection(store.add(withUser));
            expect(error).to.be.instanceOf(InvalidFeedbackError);
            expect(await store.list()).to.deep.equal([]);
        });

        it('should refuse an invalid rating, language or free text in the id fields, without echoing it', async () => {
            const invalid = [
                { rating: 6 },
                { language: 'de' },
                { channel: 'Matti Meikäläinen 040 123 4567' },
                { lifeSituation: 'asun osoitteessa Kotikatu 1' },
            ] as Partial<NewFeedback>[];
            for (const overrides of invalid) {
                const error = await expectRejection(store.add(feedback(overrides)));
                expect(error, JSON.stringify(overrides)).to.be.instanceOf(InvalidFeedbackError);
                expect((error as Error).message).not.to.match(/Matti|040|Kotikatu/);
            }
            expect(await store.list()).to.deep.equal([]);
        });

        it('should return copies that do not change the store', async () => {
            await store.add(feedback({ comment: 'alkuperäinen' }));
            const [listed] = await store.list();
            listed!.comment = 'muutettu';
            expect((await store.list())[0]!.comment).to.equal('alkuperäinen');
        });

        it('should keep every one of many concurrent entries', async () => {
            const ratings = [1, 2, 3, 4, 5] as const;
            await Promise.all(
                Array.from({ length: 40 }, (_, index) => store.add(feedback({ rating: ratings[index % 5] }))),
            );
            expect(await store.list()).to.have.length(40);
        });
    });

    describe('on a JSON file', () => {
        const stores = storeFileEachTest('luotsi-feedback-', path.join('feedback', 'feedback.json'), openFeedbackStore);

        it('should keep entries across a restart, with no personal data in the file', async () => {
            const before = await stores.open();
            await Promise.all([
                before.add(feedback({ rating: 2, comment: 'tili FI21 1234 5600 0007 85', language: 'sv' })),
                before.add(feedback({ rating: 5, language: 'en' })),
            ]);
            await before.close();

            const after = await stores.open();
            const entries = await after.list();
            expect(entries.map((entry) => entry.rating)).to.deep.equal([2, 5]);
            expect(entries[0]!.comment).to.equal(`tili ${REDACTION_PLACEHOLDERS.iban}`);
            expect(await readFile(stores.file, 'utf8')).not.to.include('FI21');
        });

        it('should refuse to open a file that another store has open', async () => {
            await stores.open();
            expect(await expectRejection(openFeedbackStore(stores.file))).to.be.instanceOf(StoreFileError);
        });
    });
});
