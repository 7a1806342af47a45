import { expect } from 'chai';
import { MemoryConversationStore, type MemoryConversationStoreOptions } from '../../src/directline/conversations.js';

const MINUTE = 60 * 1000;

/** A store on a clock the test moves by hand. */
function storeAt(options: MemoryConversationStoreOptions = {}) {
    const clock = { now: Date.parse('2026-03-01T10:00:00Z') };
    const store = new MemoryConversationStore({ now: () => clock.now, ...options });
    return { store, clock, advance: (ms: number) => (clock.now += ms) };
}

describe('MemoryConversationStore', () => {
    it('should number activities per conversation and stamp them with the clock', async () => {
        const { store, advance } = storeAt();
        const conversation = await store.create('dl_user');
        const first = await store.append(conversation.id, { type: 'message', text: 'hei' });
        advance(1500);
        const second = await store.append(conversation.id, { type: 'message', text: 'moi' });
        expect(first?.id).to.equal(`${conversation.id}|0000001`);
        expect(second?.id).to.equal(`${conversation.id}|0000002`);
        expect(first?.timestamp).to.equal('2026-03-01T10:00:00.000Z');
        expect(second?.timestamp).to.equal('2026-03-01T10:00:01.500Z');
        expect(second?.text).to.equal('moi');
    });

    it('should return only activities newer than the watermark, and the watermark to ask with next', async () => {
        const { store } = storeAt();
        const { id } = await store.create('dl_user');
        for (const text of ['a', 'b', 'c']) await store.append(id, { type: 'message', text });
        const all = await store.activitiesAfter(id, 0);
        expect(all?.activities.map((activity) => activity.text)).to.deep.equal(['a', 'b', 'c']);
        expect(all?.watermark).to.equal(3);
        const newer = await store.activitiesAfter(id, 2);
        expect(newer?.activities.map((activity) => activity.text)).to.deep.equal(['c']);
        expect((await store.activitiesAfter(id, 3))?.activities).to.deep.equal([]);
    });

    it('should tell only the first start of a conversation as first', async () => {
        const { store } = storeAt();
        const conversation = await store.create('dl_user');
        expect((await store.start(conversation.id))?.first).to.equal(true);
        expect((await store.start(conversation.id))?.first).to.equal(false);
        expect(await store.start('no-such-conversation')).to.equal(undefined);
    });

    it('should forget a conversation idle for the idle time, but not one that is being polled', async () => {
        const { store, advance } = storeAt({ idleMs: 60 * MINUTE });
        const idle = await store.create('dl_idle');
        const polled = await store.create('dl_polled');
        for (let minute = 0; minute < 70; minute += 10) {
            advance(10 * MINUTE);
            expect(await store.activitiesAfter(polled.id, 0)).to.not.equal(undefined);
        }
        expect(await store.get(idle.id)).to.equal(undefined);
        expect(await store.append(idle.id, { type: 'message' })).to.equal(undefined);
        expect(await store.get(polled.id)).to.deep.equal(polled);
    });

    it('should drop expired conversations when a new one is created', async () => {
        const { store, advance } = storeAt({ idleMs: 60 * MINUTE });
        await store.create('dl_a');
        await store.create('dl_b');
        advance(61 * MINUTE);
        await store.create('dl_c');
        expect(store.size).to.equal(1);
    });

    it('should evict the conversation idle the longest when full', async () => {
        const { store, advance } = storeAt({ maxConversations: 3 });
        const a = await store.create('dl_a');
        advance(MINUTE);
        const b = await store.create('dl_b');
        advance(MINUTE);
        const c = await store.create('dl_c');
        advance(MINUTE);
        await store.get(a.id); // a is touched again, so b is now the one idle the longest
        const d = await store.create('dl_d');
        expect(store.size).to.equal(3);
        expect(await store.get(b.id)).to.equal(undefined);
        for (const kept of [a, c, d]) expect(await store.get(kept.id)).to.deep.equal(kept);
    });

    it('should keep only the newest activities of a conversation, and go on numbering', async () => {
        const { store } = storeAt({ maxActivitiesPerConversation: 5 });
        const { id } = await store.create('dl_user');
        for (let n = 1; n <= 8; n++) await store.append(id, { type: 'message', text: String(n) });
        const page = await store.activitiesAfter(id, 0);
        expect(page?.activities.map((activity) => activity.text)).to.deep.equal(['4', '5', '6', '7', '8']);
        expect(page?.activities[0]?.id).to.equal(`${id}|0000004`);
        expect(page?.watermark).to.equal(8);
    });

    it('should bound the bytes kept per conversation and in total', async () => {
        const text = 'x'.repeat(1000);
        const { store } = storeAt({ maxBytesPerConversation: 5000, maxTotalBytes: 12_000 });
        const first = await store.create('dl_first');
        for (let n = 0; n < 10; n++) await store.append(first.id, { type: 'message', text });
        const kept = (await store.activitiesAfter(first.id, 0))!.activities;
        expect(kept.length).to.be.within(1, 4);
        expect(kept.at(-1)?.id).to.equal(`${first.id}|0000010`);

        const second = await store.create('dl_second');
        const third = await store.create('dl_third');
        for (const conversation of [second, third]) {
            for (let n = 0; n < 4; n++) await store.append(conversation.id, { type: 'message', text });
        }
        // Three conversations of ~4 KB exceed 12 KB: the one idle the longest goes.
        expect(await store.get(first.id)).to.equal(undefined);
        expect(await store.get(second.id)).to.not.equal(undefined);
        expect(await store.get(third.id)).to.not.equal(undefined);
    });
});
