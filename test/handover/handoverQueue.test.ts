import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { HandoverConflictError, HandoverNotFoundError, InvalidHandoverError } from '../../src/handover/errors.js';
import {
    DEFAULT_WAIT_SECONDS_PER_POSITION,
    PersistedHandoverQueue,
    createMemoryHandoverQueue,
    type HandoverEvent,
    type HandoverPersistence,
    type HandoverQueue,
} from '../../src/handover/handoverQueue.js';
import type { HandoverRecord } from '../../src/handover/handoverRecord.js';
import { createMemoryLogger } from '../../src/logger.js';
import { REDACTION_PLACEHOLDERS } from '../../src/privacy/redact.js';
import { StoreFileError } from '../../src/storage/errors.js';
import { HANDOVERS_FILE, openHandoverFileStore } from '../../src/storage/handoverFileStore.js';
import { removeDir, tempDir } from '../helpers.js';
import { CONTACT_PHONE, PERSONAL, at, conversationRef, handover } from './handoverFixtures.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
        await promise;
    } catch (error) {
        return error;
    }
    expect.fail('expected the promise to reject');
}

async function conflict(promise: Promise<unknown>): Promise<HandoverConflictError> {
    const error = await rejection(promise);
    expect(error).to.be.instanceOf(HandoverConflictError);
    return error as HandoverConflictError;
}

/** A queue under test and how to dispose of it. */
interface Subject {
    readonly queue: HandoverQueue;
    dispose(): Promise<void>;
}

const IMPLEMENTATIONS: readonly (readonly [string, () => Promise<Subject>])[] = [
    [
        'in memory',
        async () => {
            const queue = createMemoryHandoverQueue();
            return { queue, dispose: () => queue.shutdown() };
        },
    ],
    [
        'on a JSON file',
        async () => {
            const dir = await tempDir('luotsi-handover-');
            const queue = await openHandoverFileStore(dir);
            return {
                queue,
                dispose: async () => {
                    await queue.shutdown();
                    await removeDir(dir);
                },
            };
        },
    ],
];

for (const [label, open] of IMPLEMENTATIONS) {
    describe(`HandoverQueue ${label}`, () => {
        let subject: Subject;
        let queue: HandoverQueue;

        beforeEach(async () => {
            subject = await open();
            queue = subject.queue;
        });

        afterEach(async () => {
            await subject.dispose();
        });

        /** Creates waiting handovers `minutes` after T0 with the given urgencies, in that order. */
        async function createAll(...specs: [number, HandoverRecord['urgency']][]): Promise<HandoverRecord[]> {
            const created: HandoverRecord[] = [];
            for (const [minutes, urgency] of specs) created.push(await queue.create(handover(minutes, { urgency })));
            return created;
        }

        describe('create and get', () => {
            it('should store a new handover and return copies that do not change the store', async () => {
                const record = handover();
                const created = await queue.create(record);
                expect(created).to.deep.equal(record);
                created.summary.situation.residentWords = 'muutettu';
                const read = await queue.get(record.id);
                expect(read).to.deep.equal(record);
                read!.status = 'closed';
                expect((await queue.get(record.id))!.status).to.equal('waiting');
            });

            it('should answer undefined for an unknown id', async () => {
                expect(await queue.get('00000000-0000-4000-8000-000000000000')).to.equal(undefined);
            });

            it('should refuse the same handover twice', async () => {
                const record = await queue.create(handover());
                const error = await conflict(queue.create(record));
                expect(error).to.include({ handoverId: record.id, status: 'waiting', action: 'create' });
            });

            it('should refuse a record that is not new or not redacted', async () => {
                const record = handover();
                const accepted = {
                    ...record,
                    status: 'accepted' as const,
                    acceptedBy: 'c1',
                    acceptedAt: record.createdAt,
                };
                expect(await rejection(queue.create(accepted))).to.be.instanceOf(InvalidHandoverError);
                const leaky = {
                    ...record,
                    summary: { ...record.summary, situation: { residentWords: PERSONAL.hetu } },
                };
                const error = (await rejection(queue.create(leaky))) as InvalidHandoverError;
                expect(error).to.be.instanceOf(InvalidHandoverError);
                expect(error.fields).to.deep.equal([
                    'summary.situation.residentWords: must be redacted with redactPersonalData',
                ]);
                expect(await queue.list()).to.deep.equal([]);
            });
        });

        describe('order', () => {
            it('should list waiting handovers crisis first, then high, then normal, each oldest first', async () => {
                const [normalOld, high, crisisOld, normalNew, crisisNew] = await createAll(
                    [0, 'normal'],
                    [1, 'high'],
                    [2, 'crisis'],
                    [3, 'normal'],
                    [4, 'crisis'],
                );
                const expected = [crisisOld, crisisNew, high, normalOld, normalNew].map((record) => record!.id);
                expect((await queue.list({ status: 'waiting' })).map((record) => record.id)).to.deep.equal(expected);
                for (const [index, id] of expected.entries()) expect(await queue.position(id)).to.equal(index + 1);
            });

            it('should count positions among waiting handovers only', async () => {
                const [first, second, third] = await createAll([0, 'normal'], [1, 'normal'], [2, 'normal']);
                await queue.accept(first!.id, 'c1', at(5));
                expect(await queue.position(first!.id)).to.equal(undefined);
                expect(await queue.position(second!.id)).to.equal(1);
                expect(await queue.position(third!.id)).to.equal(2);
            });

            it('should filter by one status or several', async () => {
                const [first, second, third] = await createAll([0, 'normal'], [1, 'normal'], [2, 'high']);
                await queue.accept(first!.id, 'c1', at(5));
                await queue.cancel(second!.id, at(5));
                expect((await queue.list({ status: 'accepted' })).map((r) => r.id)).to.deep.equal([first!.id]);
                expect((await queue.list({ status: ['waiting', 'abandoned'] })).map((r) => r.id)).to.deep.equal([
                    third!.id,
                    second!.id,
                ]);
                expect(await queue.list()).to.have.length(3);
            });
        });

        describe('accept', () => {
            it('should give the handover to the counsellor and note when', async () => {
                const record = await queue.create(handover());
                const result = await queue.accept(record.id, 'counsellor-7', at(3));
                expect(result.ok).to.equal(true);
                const stored = await queue.get(record.id);
                expect(stored).to.deep.include({
                    status: 'accepted',
                    acceptedBy: 'counsellor-7',
                    acceptedAt: at(3).toISOString(),
                });
                if (result.ok) expect(result.handover).to.deep.equal(stored);
            });

            it('should tell a second counsellor that it was taken, and by whom', async () => {
                const record = await queue.create(handover());
                await queue.accept(record.id, 'c1', at(1));
                expect(await queue.accept(record.id, 'c2', at(2))).to.deep.equal({
                    ok: false,
                    reason: 'taken',
                    acceptedBy: 'c1',
                });
            });

            it('should answer not-found and not-waiting', async () => {
                expect(await queue.accept('00000000-0000-4000-8000-000000000000', 'c1', at(1))).to.deep.equal({
                    ok: false,
                    reason: 'not-found',
                });
                const record = await queue.create(handover());
                await queue.cancel(record.id, at(1));
                expect(await queue.accept(record.id, 'c1', at(2))).to.deep.equal({
                    ok: false,
                    reason: 'not-waiting',
                    status: 'abandoned',
                });
            });

            it('should let exactly one of 20 concurrent accepts win', async () => {
                const record = await queue.create(handover());
                const counsellors = Array.from({ length: 20 }, (_, index) => `counsellor-${index}`);
                const results = await Promise.all(counsellors.map((id) => queue.accept(record.id, id, at(2))));
                const winners = results.filter((result) => result.ok);
                expect(winners).to.have.length(1);
                const winner = winners[0]!.ok ? winners[0]!.handover.acceptedBy : undefined;
                expect(counsellors).to.include(winner);
                for (const result of results.filter((result) => !result.ok))
                    expect(result).to.deep.equal({ ok: false, reason: 'taken', acceptedBy: winner });
                expect((await queue.get(record.id))!.acceptedBy).to.equal(winner);
            });

            it('should refuse an empty counsellor id', async () => {
                const record = await queue.create(handover());
                expect(await rejection(queue.accept(record.id, ' ', at(1)))).to.be.instanceOf(InvalidHandoverError);
                expect((await queue.get(record.id))!.status).to.equal('waiting');
            });
        });

        describe('live chat', () => {
            it('should redact the resident’s messages and keep the counsellor’s as written', async () => {
                const record = await queue.create(handover());
                await queue.appendMessage(record.id, {
                    from: 'resident',
                    text: `Numeroni ${PERSONAL.phone}`,
                    at: at(1),
                });
                await queue.accept(record.id, 'c1', at(2));
                const updated = await queue.appendMessage(record.id, {
                    from: 'counsellor',
                    text: 'Soita kriisipuhelimeen 09 2525 0111.',
                    at: at(3).toISOString(),
                });
                expect(updated.messages).to.deep.equal([
                    { from: 'resident', text: `Numeroni ${REDACTION_PLACEHOLDERS.phone}`, at: at(1).toISOString() },
                    { from: 'counsellor', text: 'Soita kriisipuhelimeen 09 2525 0111.', at: at(3).toISOString() },
                ]);
            });

            it('should let a counsellor write only after accepting', async () => {
                const record = await queue.create(handover());
                const error = await conflict(
                    queue.appendMessage(record.id, { from: 'counsellor', text: 'Hei', at: at(1) }),
                );
                expect(error).to.include({ handoverId: record.id, status: 'waiting' });
            });

            it('should refuse messages to an unknown or ended handover', async () => {
                const unknown = '00000000-0000-4000-8000-000000000000';
                const error = await rejection(
                    queue.appendMessage(unknown, { from: 'resident', text: 'Hei', at: at(1) }),
                );
                expect(error).to.be.instanceOf(HandoverNotFoundError).and.to.include({ handoverId: unknown });
                const record = await queue.create(handover());
                await queue.cancel(record.id, at(1));
                await conflict(queue.appendMessage(record.id, { from: 'resident', text: 'Hei', at: at(2) }));
            });
        });

        describe('close', () => {
            it('should close an accepted handover with its outcome, redacting the notes', async () => {
                const record = await queue.create(handover());
                await queue.accept(record.id, 'c1', at(1));
                const closed = await queue.close(record.id, {
                    outcome: 'referred',
                    referredServiceId: 'demo-home-care',
                    notes: `Ohjattu kotihoitoon, asiakkaan puh ${PERSONAL.phone}`,
                    by: 'c1',
                    now: at(20),
                });
                expect(closed).to.deep.include({
                    status: 'closed',
                    outcome: 'referred',
                    referredServiceId: 'demo-home-care',
                    counsellorNotes: `Ohjattu kotihoitoon, asiakkaan puh ${REDACTION_PLACEHOLDERS.phone}`,
                    closedBy: 'c1',
                    closedAt: at(20).toISOString(),
                });
            });

            it('should close a callback request without an accept', async () => {
                const record = await queue.create(handover());
                await queue.requestCallback(record.id, { phone: CONTACT_PHONE });
                const closed = await queue.close(record.id, { outcome: 'callback-booked', by: 'c2', now: at(30) });
                expect(closed).to.deep.include({ status: 'closed', outcome: 'callback-booked', closedBy: 'c2' });
                expect(closed).not.to.have.property('acceptedBy');
            });

            it('should refuse to close a waiting or already closed handover with a typed conflict', async () => {
                const record = await queue.create(handover());
                const waiting = await conflict(queue.close(record.id, { outcome: 'resolved', by: 'c1', now: at(1) }));
                expect(waiting).to.include({ handoverId: record.id, status: 'waiting', action: 'close' });
                expect(waiting.allowed).to.deep.equal(['accepted', 'callback-requested']);
                await queue.accept(record.id, 'c1', at(2));
                await queue.close(record.id, { outcome: 'resolved', by: 'c1', now: at(3) });
                const closed = await conflict(queue.close(record.id, { outcome: 'resolved', by: 'c1', now: at(4) }));
                expect(closed).to.include({ status: 'closed' });
                const missing = '00000000-0000-4000-8000-000000000000';
                expect(
                    await rejection(queue.close(missing, { outcome: 'resolved', by: 'c1', now: at(4) })),
                ).to.be.instanceOf(HandoverNotFoundError);
            });

            it('should require the service of a referral and leave the handover unchanged when refused', async () => {
                const record = await queue.create(handover());
                await queue.accept(record.id, 'c1', at(1));
                const before = await queue.get(record.id);
                const error = (await rejection(
                    queue.close(record.id, { outcome: 'referred', by: 'c1', now: at(2) }),
                )) as InvalidHandoverError;
                expect(error).to.be.instanceOf(InvalidHandoverError).and.to.include({ handoverId: record.id });
                expect(error.fields[0]).to.match(/^referredServiceId:/);
                expect(await queue.get(record.id)).to.deep.equal(before);
            });
        });

        describe('callback', () => {
            it('should turn a waiting handover into a callback request, keeping the consented number', async () => {
                const record = await queue.create(handover());
                const updated = await queue.requestCallback(record.id, {
                    phone: ` ${CONTACT_PHONE} `,
                    preferredTime: `iltapäivällä, tai ${PERSONAL.email}`,
                });
                expect(updated.status).to.equal('callback-requested');
                expect(updated.contact).to.deep.equal({
                    preference: 'callback',
                    phone: CONTACT_PHONE,
                    preferredTime: `iltapäivällä, tai ${REDACTION_PLACEHOLDERS.email}`,
                    consentGiven: true,
                });
                expect(await queue.position(record.id)).to.equal(undefined);
            });

            it('should let the resident correct the number of a callback request', async () => {
                const record = await queue.create(handover());
                await queue.requestCallback(record.id, { phone: '040 111 2222' });
                const updated = await queue.requestCallback(record.id, { phone: CONTACT_PHONE, preferredTime: '' });
                expect(updated.contact.phone).to.equal(CONTACT_PHONE);
                expect(updated.contact).not.to.have.property('preferredTime');
            });

            it('should refuse something that is not a phone number, and an ended handover', async () => {
                const record = await queue.create(handover());
                const error = (await rejection(
                    queue.requestCallback(record.id, { phone: 'ei ole' }),
                )) as InvalidHandoverError;
                expect(error).to.be.instanceOf(InvalidHandoverError);
                expect(error.fields[0]).to.match(/^contact\.phone:/);
                await queue.cancel(record.id, at(1));
                await conflict(queue.requestCallback(record.id, { phone: CONTACT_PHONE }));
            });
        });

        describe('cancel and abandon', () => {
            it('should abandon a waiting handover the resident cancels', async () => {
                const record = await queue.create(handover());
                const cancelled = await queue.cancel(record.id, at(4));
                expect(cancelled).to.deep.include({ status: 'abandoned', closedAt: at(4).toISOString() });
            });

            it('should cancel a callback request but not an accepted or ended handover', async () => {
                const [callback, accepted] = await createAll([0, 'normal'], [1, 'normal']);
                await queue.requestCallback(callback!.id, { phone: CONTACT_PHONE });
                expect((await queue.cancel(callback!.id, at(2))).status).to.equal('abandoned');
                await queue.accept(accepted!.id, 'c1', at(2));
                const error = await conflict(queue.cancel(accepted!.id, at(3)));
                expect(error).to.include({ handoverId: accepted!.id, status: 'accepted', action: 'cancel' });
                await conflict(queue.cancel(callback!.id, at(3)));
            });

            it('should abandon only handovers that have waited longer than the limit', async () => {
                const [old, oldAccepted, oldCallback, fresh] = await createAll(
                    [0, 'crisis'],
                    [1, 'normal'],
                    [2, 'normal'],
                    [20, 'normal'],
                );
                await queue.accept(oldAccepted!.id, 'c1', at(5));
                await queue.requestCallback(oldCallback!.id, { phone: CONTACT_PHONE });
                const abandoned = await queue.abandonStale(at(30), 15);
                expect(abandoned.map((record) => record.id)).to.deep.equal([old!.id]);
                expect(await queue.get(old!.id)).to.deep.include({
                    status: 'abandoned',
                    closedAt: at(30).toISOString(),
                });
                expect((await queue.get(fresh!.id))!.status).to.equal('waiting');
                expect((await queue.get(oldAccepted!.id))!.status).to.equal('accepted');
                expect((await queue.get(oldCallback!.id))!.status).to.equal('callback-requested');
                expect(await queue.abandonStale(at(30), 15)).to.deep.equal([]);
            });

            it('should refuse a limit that is not a positive number', async () => {
                expect(await rejection(queue.abandonStale(at(30), 0))).to.be.instanceOf(RangeError);
                expect(await rejection(queue.abandonStale(at(30), Number.NaN))).to.be.instanceOf(RangeError);
            });
        });

        describe('findOpenByConversation', () => {
            it('should find the newest open handover of a conversation and ignore ended ones', async () => {
                const ended = await queue.create(handover(0, { conversationRef: conversationRef('conv-a') }));
                await queue.cancel(ended.id, at(1));
                expect(await queue.findOpenByConversation('conv-a')).to.equal(undefined);
                const open = await queue.create(handover(2, { conversationRef: conversationRef('conv-a') }));
                await queue.create(handover(3, { conversationRef: conversationRef('conv-b') }));
                await queue.accept(open.id, 'c1', at(4));
                expect((await queue.findOpenByConversation('conv-a'))!.id).to.equal(open.id);
                expect(await queue.findOpenByConversation('conv-x')).to.equal(undefined);
            });
        });

        describe('estimateWaitSeconds', () => {
            it('should use a default per position while nobody has been accepted', async () => {
                const [first, second] = await createAll([0, 'normal'], [1, 'normal']);
                expect(await queue.estimateWaitSeconds(first!.id, at(2))).to.equal(DEFAULT_WAIT_SECONDS_PER_POSITION);
                expect(await queue.estimateWaitSeconds(second!.id, at(2))).to.equal(
                    2 * DEFAULT_WAIT_SECONDS_PER_POSITION,
                );
            });

            it('should multiply the median of past accept waits by the position', async () => {
                const [a, b, c] = await createAll([0, 'normal'], [1, 'normal'], [2, 'normal']);
                await queue.accept(a!.id, 'c1', at(1)); // waited 60 s
                await queue.accept(b!.id, 'c1', at(3)); // waited 120 s
                await queue.accept(c!.id, 'c1', at(12)); // waited 600 s
                const [first, second] = await createAll([20, 'normal'], [21, 'normal']);
                expect(await queue.estimateWaitSeconds(first!.id, at(22))).to.equal(120);
                expect(await queue.estimateWaitSeconds(second!.id, at(22))).to.equal(240);
            });

            it('should look at the last 20 accepts only', async () => {
                // Five early accepts after a long wait, then twenty quick ones: only the quick ones count.
                for (let index = 0; index < 25; index++) {
                    const record = await queue.create(handover(index * 30));
                    const wait = index < 5 ? 20 : 1;
                    await queue.accept(record.id, 'c1', at(index * 30 + wait));
                }
                const waiting = await queue.create(handover(1000));
                expect(await queue.estimateWaitSeconds(waiting.id, at(1001))).to.equal(60);
            });

            it('should be 0 for a handover that no longer waits, and refuse an unknown id', async () => {
                const record = await queue.create(handover());
                await queue.accept(record.id, 'c1', at(1));
                expect(await queue.estimateWaitSeconds(record.id, at(2))).to.equal(0);
                const unknown = '00000000-0000-4000-8000-000000000000';
                expect(await rejection(queue.estimateWaitSeconds(unknown, at(2)))).to.be.instanceOf(
                    HandoverNotFoundError,
                );
            });
        });

        describe('rateSummary', () => {
            it('should store the counsellor’s rating of the summary', async () => {
                const record = await queue.create(handover());
                await queue.accept(record.id, 'c1', at(1));
                expect((await queue.rateSummary(record.id, 4)).staffRating).to.equal(4);
            });

            it('should refuse a rating outside 1–5 and a rating of an unread summary', async () => {
                const record = await queue.create(handover());
                await conflict(queue.rateSummary(record.id, 3));
                await queue.accept(record.id, 'c1', at(1));
                for (const rating of [0, 6, 2.5])
                    expect(await rejection(queue.rateSummary(record.id, rating))).to.be.instanceOf(
                        InvalidHandoverError,
                    );
                expect(await queue.get(record.id)).not.to.have.property('staffRating');
            });
        });

        describe('purgeEnded', () => {
            it('should delete ended handovers past the retention time and keep open ones', async () => {
                const [old, recent, open] = await createAll([0, 'normal'], [1, 'normal'], [2, 'normal']);
                await queue.cancel(old!.id, at(10));
                await queue.accept(recent!.id, 'c1', at(11));
                await queue.close(recent!.id, { outcome: 'resolved', by: 'c1', now: at(60) });
                expect(await queue.purgeEnded(at(30))).to.equal(1);
                expect((await queue.list()).map((record) => record.id)).to.deep.equal([recent!.id, open!.id]);
            });
        });

        describe('subscribe', () => {
            it('should emit created and updated events after each change, until unsubscribed', async () => {
                const events: HandoverEvent[] = [];
                const unsubscribe = queue.subscribe((event) => events.push(event));
                const record = await queue.create(handover());
                await queue.accept(record.id, 'c1', at(1));
                await queue.appendMessage(record.id, { from: 'resident', text: 'Hei', at: at(2) });
                expect(
                    events.map((event) => [event.type, event.handover.status, event.handover.messages.length]),
                ).to.deep.equal([
                    ['created', 'waiting', 0],
                    ['updated', 'accepted', 0],
                    ['updated', 'accepted', 1],
                ]);
                expect(events[2]!.handover).to.deep.equal(await queue.get(record.id));
                unsubscribe();
                await queue.close(record.id, { outcome: 'resolved', by: 'c1', now: at(3) });
                expect(events).to.have.length(3);
            });

            it('should not emit for refused changes or failed accepts', async () => {
                const record = await queue.create(handover());
                const events: HandoverEvent[] = [];
                queue.subscribe((event) => events.push(event));
                await rejection(queue.close(record.id, { outcome: 'resolved', by: 'c1', now: at(1) }));
                await queue.accept(record.id, 'c1', at(1));
                await queue.accept(record.id, 'c2', at(1));
                expect(events.map((event) => event.handover.acceptedBy)).to.deep.equal(['c1']);
            });

            it('should emit one update per abandoned handover', async () => {
                await createAll([0, 'normal'], [1, 'normal']);
                const events: HandoverEvent[] = [];
                queue.subscribe((event) => events.push(event));
                await queue.abandonStale(at(60), 15);
                expect(events.map((event) => [event.type, event.handover.status])).to.deep.equal([
                    ['updated', 'abandoned'],
                    ['updated', 'abandoned'],
                ]);
            });
        });

        it('should refuse changes after shutdown', async () => {
            await queue.shutdown();
            expect(await rejection(queue.create(handover()))).to.be.instanceOf(Error);
        });
    });
}

describe('PersistedHandoverQueue', () => {
    /** Persistence whose saves wait until the test lets them through, or fail. */
    class GatedPersistence implements HandoverPersistence {
        saved: readonly HandoverRecord[] = [];
        fail = false;
        private release: (() => void) | undefined;

        load(): readonly HandoverRecord[] {
            return this.saved;
        }

        async save(records: readonly HandoverRecord[]): Promise<void> {
            await new Promise<void>((resolve) => (this.release = resolve));
            if (this.fail) throw new Error('disk full');
            this.saved = records;
        }

        /** Lets the pending save finish once it has started. */
        async letThrough(): Promise<void> {
            while (!this.release) await new Promise((resolve) => setImmediate(resolve));
            const release = this.release;
            this.release = undefined;
            release();
        }
    }

    it('should make a change visible only after it was saved', async () => {
        const persistence = new GatedPersistence();
        const queue = new PersistedHandoverQueue(persistence);
        const record = handover();
        const creating = queue.create(record);
        await new Promise((resolve) => setImmediate(resolve));
        expect(await queue.get(record.id)).to.equal(undefined);
        await persistence.letThrough();
        await creating;
        expect(await queue.get(record.id)).to.deep.equal(record);
        expect(persistence.saved.map((saved) => saved.id)).to.deep.equal([record.id]);
    });

    it('should keep the persisted state and emit nothing when a save fails', async () => {
        const persistence = new GatedPersistence();
        const queue = new PersistedHandoverQueue(persistence);
        const record = handover();
        const creating = queue.create(record);
        await persistence.letThrough();
        await creating;
        const events: HandoverEvent[] = [];
        queue.subscribe((event) => events.push(event));
        persistence.fail = true;
        const accepting = queue.accept(record.id, 'c1', at(1));
        await persistence.letThrough();
        expect(await rejection(accepting)).to.have.property('message', 'disk full');
        expect((await queue.get(record.id))!.status).to.equal('waiting');
        expect(events).to.deep.equal([]);
    });

    it('should log a failing listener by id and still complete the change for everyone', async () => {
        const logger = createMemoryLogger();
        const queue = createMemoryHandoverQueue({ logger });
        const seen: string[] = [];
        queue.subscribe(() => {
            throw new TypeError('view broke');
        });
        queue.subscribe((event) => seen.push(event.type));
        const record = await queue.create(handover());
        expect(seen).to.deep.equal(['created']);
        expect(logger.entries).to.deep.equal([
            {
                level: 'warn',
                message: 'handover listener failed',
                fields: { handoverId: record.id, error: 'TypeError' },
            },
        ]);
    });
});

describe('openHandoverFileStore', () => {
    let dir: string;

    beforeEach(async () => {
        dir = await tempDir('luotsi-handover-');
    });

    afterEach(async () => {
        await removeDir(dir);
    });

    it('should show waiting and accepted handovers to a second instance after a restart', async () => {
        const first = await openHandoverFileStore(dir);
        const crisis = await first.create(handover(0, { reason: 'crisis' }));
        const accepted = await first.create(handover(1));
        const waiting = await first.create(handover(2));
        await first.accept(accepted.id, 'c1', at(3));
        await first.appendMessage(accepted.id, { from: 'counsellor', text: 'Hei, olen Anna.', at: at(4) });
        const before = await first.list();
        await first.shutdown();

        const second = await openHandoverFileStore(dir);
        try {
            expect(await second.list()).to.deep.equal(before);
            expect((await second.list({ status: 'waiting' })).map((record) => record.id)).to.deep.equal([
                crisis.id,
                waiting.id,
            ]);
            expect((await second.get(accepted.id))!.messages).to.have.length(1);
            expect(await second.position(waiting.id)).to.equal(2);
            expect(await second.accept(accepted.id, 'c2', at(5))).to.deep.equal({
                ok: false,
                reason: 'taken',
                acceptedBy: 'c1',
            });
            expect((await second.accept(waiting.id, 'c2', at(5))).ok).to.equal(true);
        } finally {
            await second.shutdown();
        }
    });

    it('should write plain JSON without personal data except the consented callback number', async () => {
        const queue = await openHandoverFileStore(dir);
        const leaky = `Hetu ${PERSONAL.hetu}, ${PERSONAL.phone}, ${PERSONAL.email}, ${PERSONAL.iban}`;
        const record = await queue.create(
            handover(0, {
                summary: { situation: { residentWords: leaky } },
                transcript: [{ from: 'resident', text: leaky, at: at(0) }],
                contact: { preference: 'callback', phone: CONTACT_PHONE, consentGiven: true },
            }),
        );
        await queue.shutdown();
        const text = await readFile(path.join(dir, HANDOVERS_FILE), 'utf8');
        expect(JSON.parse(text)).to.deep.equal({ handovers: [record] });
        for (const value of Object.values(PERSONAL)) expect(text).not.to.include(value);
        expect(text).to.include(CONTACT_PHONE);
    });

    it('should refuse to open a file that is open, until the first queue shuts down', async () => {
        const first = await openHandoverFileStore(dir);
        expect(await rejection(openHandoverFileStore(dir))).to.be.instanceOf(StoreFileError);
        await first.shutdown();
        const second = await openHandoverFileStore(dir);
        await second.shutdown();
    });

    it('should refuse a file with unredacted text, naming the field but not quoting it', async () => {
        const record = handover();
        const leaky = {
            ...record,
            transcript: [{ from: 'resident', text: `hetu ${PERSONAL.hetu}`, at: record.createdAt }],
        };
        await writeFile(path.join(dir, HANDOVERS_FILE), JSON.stringify({ handovers: [leaky] }));
        const error = (await rejection(openHandoverFileStore(dir))) as StoreFileError;
        expect(error).to.be.instanceOf(StoreFileError);
        expect(error.message).to.include('handovers.0.transcript.0.text');
        expect(error.message).not.to.include(PERSONAL.hetu);
        // A refused file is released: once fixed, it can be opened.
        await writeFile(path.join(dir, HANDOVERS_FILE), JSON.stringify({ handovers: [record] }));
        const queue = await openHandoverFileStore(dir);
        expect(await queue.list()).to.deep.equal([record]);
        await queue.shutdown();
    });
});
