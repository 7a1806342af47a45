import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ConversationState, TestAdapter, UserState, type Storage } from 'botbuilder';
import { Low, Memory } from 'lowdb';
import { ETagConflictError, StoreFileError } from '../../src/storage/errors.js';
import {
    LowdbStorage,
    emptyStorageData,
    openLowdbStorage,
    type LowdbStorageData,
} from '../../src/storage/lowdbStorage.js';
import { expectRejection, storeFileEachTest } from '../helpers.js';

function memoryStorage(): LowdbStorage {
    return new LowdbStorage(new Low<LowdbStorageData>(new Memory(), emptyStorageData()));
}

/** A bot that counts turns per conversation and remembers the user's last message per user. */
function countingAdapter(storage: Storage): TestAdapter {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const lastMessage = userState.createProperty<string>('lastMessage');
    return new TestAdapter(async (context) => {
        const count = (await turns.get(context, 0)) + 1;
        const previous = await lastMessage.get(context, '(none)');
        await turns.set(context, count);
        await lastMessage.set(context, context.activity.text ?? '');
        await conversationState.saveChanges(context);
        await userState.saveChanges(context);
        await context.sendActivity(`turn ${count}, previous ${previous}`);
    });
}

describe('LowdbStorage', () => {
    describe('on a Memory adapter', () => {
        let storage: LowdbStorage;

        beforeEach(() => {
            storage = memoryStorage();
        });

        it('should leave out keys that do not exist', async () => {
            await storage.write({ a: { value: 1 } });
            const items = await storage.read(['a', 'missing']);
            expect(Object.keys(items)).to.deep.equal(['a']);
            expect(items['a']).to.include({ value: 1 });
        });

        it('should store and return deep copies', async () => {
            const state = { nested: { list: [1, 2] } };
            await storage.write({ key: state });
            state.nested.list.push(3);

            const first = await storage.read(['key']);
            first['key'].nested.list.push(4);

            const second = await storage.read(['key']);
            expect(second['key'].nested.list).to.deep.equal([1, 2]);
        });

        it('should store what JSON can hold, as the file would', async () => {
            await storage.write({ key: { at: new Date('2025-01-02T03:04:05.000Z'), gone: undefined } });
            const items = await storage.read(['key']);
            expect(items['key'].at).to.equal('2025-01-02T03:04:05.000Z');
            expect(items['key']).not.to.have.property('gone');
        });

        it('should give every write a new eTag', async () => {
            await storage.write({ key: { value: 1 } });
            const first = (await storage.read(['key']))['key'].eTag;
            await storage.write({ key: { value: 2 } });
            const second = (await storage.read(['key']))['key'].eTag;
            expect(first).to.be.a('string').and.not.equal('');
            expect(second).to.be.a('string').and.not.equal(first);
        });

        it('should write when the eTag matches the stored one', async () => {
            await storage.write({ key: { value: 1 } });
            const item = (await storage.read(['key']))['key'];
            await storage.write({ key: { ...item, value: 2 } });
            expect((await storage.read(['key']))['key'].value).to.equal(2);
        });

        it('should refuse a write with a stale eTag and say so', async () => {
            await storage.write({ key: { value: 1 } });
            const stale = (await storage.read(['key']))['key'];
            await storage.write({ key: { ...stale, value: 2 } });

            const error = await expectRejection(storage.write({ key: { ...stale, value: 3 } }));
            expect(error).to.be.instanceOf(ETagConflictError);
            expect((error as ETagConflictError).key).to.equal('key');
            expect((error as Error).message).to.match(/eTag conflict/);
            expect((await storage.read(['key']))['key'].value).to.equal(2);
        });

        it("should always write with eTag '*' or without an eTag", async () => {
            await storage.write({ key: { value: 1 } });
            await storage.write({ key: { value: 2, eTag: '*' } });
            await storage.write({ key: { value: 3 } });
            expect((await storage.read(['key']))['key'].value).to.equal(3);
        });

        it('should write nothing of a multi-key write when one key conflicts', async () => {
            await storage.write({ a: { value: 1 }, b: { value: 1 } });
            const error = await expectRejection(
                storage.write({ a: { value: 2 }, b: { value: 2, eTag: 'not-the-stored-one' } }),
            );
            expect(error).to.be.instanceOf(ETagConflictError);
            const items = await storage.read(['a', 'b']);
            expect([items['a'].value, items['b'].value]).to.deep.equal([1, 1]);
        });

        it('should delete items and ignore keys that do not exist', async () => {
            await storage.write({ a: { value: 1 }, b: { value: 2 } });
            await storage.delete(['a', 'missing']);
            expect(Object.keys(await storage.read(['a', 'b']))).to.deep.equal(['b']);
        });

        it('should store a key named like an Object.prototype property as an ordinary key', async () => {
            await storage.write(
                Object.fromEntries([
                    ['__proto__', { value: 1 }],
                    ['constructor', { value: 2 }],
                ]),
            );
            const items = await storage.read(['__proto__', 'constructor', 'toString']);
            expect(Object.keys(items).sort()).to.deep.equal(['__proto__', 'constructor']);
        });

        it('should keep every one of many concurrent writes', async () => {
            await Promise.all(
                Array.from({ length: 50 }, (_, index) => storage.write({ [`key-${index}`]: { value: index } })),
            );
            const keys = Array.from({ length: 50 }, (_, index) => `key-${index}`);
            expect(Object.keys(await storage.read(keys))).to.have.length(50);
        });

        it('should let only one of two concurrent writers with the same eTag win', async () => {
            await storage.write({ key: { value: 0 } });
            const read = (await storage.read(['key']))['key'];
            const results = await Promise.allSettled([
                storage.write({ key: { ...read, value: 'first' } }),
                storage.write({ key: { ...read, value: 'second' } }),
            ]);
            expect(results.map((result) => result.status)).to.deep.equal(['fulfilled', 'rejected']);
            expect((await storage.read(['key']))['key'].value).to.equal('first');
        });

        it('should refuse an item that is not an object', async () => {
            const error = await expectRejection(storage.write({ key: 'text' }));
            expect(error).to.be.instanceOf(TypeError);
        });

        it('should refuse data of another shape', () => {
            const db = new Low(new Memory<LowdbStorageData>(), { entries: [] } as unknown as LowdbStorageData);
            expect(() => new LowdbStorage(db)).to.throw(StoreFileError, /items/);
        });
    });

    describe('on a JSON file', () => {
        const storages = storeFileEachTest('luotsi-storage-', path.join('nested', 'state.json'), openLowdbStorage);

        it('should read conversation and user state back after a restart', async () => {
            const before = await storages.open();
            await countingAdapter(before)
                .send('hei')
                .assertReply('turn 1, previous (none)')
                .send('tarvitsen apua')
                .assertReply('turn 2, previous hei');
            await before.close();

            const after = await storages.open();
            await countingAdapter(after).send('kiitos').assertReply('turn 3, previous tarvitsen apua');
        });

        it('should create the directory and write plain JSON', async () => {
            const storage = await storages.open();
            await storage.write({ key: { value: 1 } });
            const data = JSON.parse(await readFile(storages.file, 'utf8')) as LowdbStorageData;
            expect(data.items['key']).to.include({ value: 1 });
        });

        it('should keep eTags valid across a restart', async () => {
            const before = await storages.open();
            await before.write({ key: { value: 1 } });
            await before.close();

            const after = await storages.open();
            const item = (await after.read(['key']))['key'];
            await after.write({ key: { ...item, value: 2 } });
            const error = await expectRejection(after.write({ key: { ...item, value: 3 } }));
            expect(error).to.be.instanceOf(ETagConflictError);
        });

        it('should not lose any of many concurrent writes or deletes on disk', async () => {
            const before = await storages.open();
            await before.write({ doomed: { value: -1 } });
            await Promise.all([
                ...Array.from({ length: 30 }, (_, index) => before.write({ [`key-${index}`]: { value: index } })),
                before.delete(['doomed']),
            ]);
            await before.close();

            const after = await storages.open();
            const keys = ['doomed', ...Array.from({ length: 30 }, (_, index) => `key-${index}`)];
            const items = await after.read(keys);
            expect(Object.keys(items)).to.have.length(30);
            expect(items).not.to.have.property('doomed');
        });

        it('should refuse to open a file that is already open, until it is closed', async () => {
            const first = await storages.open();
            const error = await expectRejection(openLowdbStorage(storages.file));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as StoreFileError).file).to.equal(path.resolve(storages.file));

            await first.close();
            await storages.open();
        });

        it('should refuse writes after close', async () => {
            const storage = await storages.open();
            await storage.close();
            await expectRejection(storage.write({ key: { value: 1 } }));
        });

        it('should keep a key named like an Object.prototype property across a restart', async () => {
            const before = await storages.open();
            await before.write(Object.fromEntries([['__proto__', { value: 1 }]]));
            await before.close();

            const after = await storages.open();
            expect(Object.keys(await after.read(['__proto__']))).to.deep.equal(['__proto__']);
        });

        it('should name a broken file without quoting its content', async () => {
            await storages.open().then((storage) => storage.close());
            await writeFile(storages.file, '{"items": {"secret 131052-308T": ');
            const error = await expectRejection(openLowdbStorage(storages.file));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as Error).message)
                .to.include(path.resolve(storages.file))
                .and.not.include('131052');

            // A failed open must not keep the file locked.
            await writeFile(storages.file, JSON.stringify(emptyStorageData()));
            await storages.open();
        });
    });
});
