import { expect } from 'chai';
import { MemorySessionStore, SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../src/auth/sessions.js';
import type { User } from '../../src/auth/userStore.js';

const HOUR = 60 * 60 * 1000;
const ANNA: User = { username: 'anna', role: 'counsellor', createdAt: '2025-01-01T00:00:00.000Z' };

describe('MemorySessionStore', () => {
    let now: number;
    let store: MemorySessionStore;

    beforeEach(() => {
        now = Date.parse('2025-03-14T08:00:00.000Z');
        store = new MemorySessionStore({ now: () => new Date(now) });
    });

    it('should have an idle timeout of 8 hours and an absolute one of 12', () => {
        expect(SESSION_IDLE_TIMEOUT_MS).to.equal(8 * HOUR);
        expect(SESSION_ABSOLUTE_TIMEOUT_MS).to.equal(12 * HOUR);
    });

    it('should create a session with a random id and CSRF token of 32 bytes in base64url', () => {
        const session = store.create(ANNA);
        expect(session).to.deep.include({
            username: 'anna',
            role: 'counsellor',
            createdAt: '2025-03-14T08:00:00.000Z',
            expiresAt: '2025-03-14T16:00:00.000Z',
        });
        expect(session.id).to.match(/^[A-Za-z0-9_-]{43}$/);
        expect(session.csrfToken).to.match(/^[A-Za-z0-9_-]{43}$/);
        expect(session.csrfToken).to.not.equal(session.id);
        expect(Buffer.from(session.id, 'base64url')).to.have.lengthOf(32);
    });

    it('should give every session its own id and token', () => {
        const ids = new Set<string>();
        for (let i = 0; i < 100; i++) {
            const session = store.create(ANNA);
            ids.add(session.id).add(session.csrfToken);
        }
        expect(ids.size).to.equal(200);
    });

    it('should return the session by id and nothing for unknown or malformed ids', () => {
        const session = store.create(ANNA);
        expect(store.get(session.id)).to.deep.equal(session);
        // One changed character (never the same one it replaces, or the id would not change 1 time in 64).
        const other = session.id.endsWith('A') ? 'B' : 'A';
        expect(store.get(`${session.id.slice(0, -1)}${other}`)).to.equal(undefined);
        expect(store.get('')).to.equal(undefined);
        expect(store.get('__proto__')).to.equal(undefined);
    });

    it('should end a session after 8 idle hours', () => {
        const session = store.create(ANNA);
        now += 8 * HOUR - 1;
        expect(store.get(session.id)).to.not.equal(undefined);
        now += 8 * HOUR;
        expect(store.get(session.id)).to.equal(undefined);
    });

    it('should slide the idle timeout with every use', () => {
        const session = store.create(ANNA);
        now += 3 * HOUR;
        expect(store.get(session.id)?.expiresAt).to.equal('2025-03-14T19:00:00.000Z');
        // 11 hours after login: long past the first 8-hour deadline, within 8 hours of the last use.
        now += 8 * HOUR - 1;
        expect(store.get(session.id)).to.not.equal(undefined);
    });

    it('should end a session 12 hours after login however active it is', () => {
        const session = store.create(ANNA);
        for (let hour = 1; hour < 12; hour++) {
            now += HOUR;
            expect(store.get(session.id), `after ${hour} h`).to.not.equal(undefined);
        }
        expect(store.get(session.id)?.expiresAt).to.equal('2025-03-14T20:00:00.000Z');
        now += HOUR;
        expect(store.get(session.id)).to.equal(undefined);
    });

    it('should not bring back an expired session even if the clock goes back', () => {
        const session = store.create(ANNA);
        now += 9 * HOUR;
        expect(store.get(session.id)).to.equal(undefined);
        now -= 9 * HOUR;
        expect(store.get(session.id)).to.equal(undefined);
    });

    it('should destroy a session and ignore unknown ids', () => {
        const session = store.create(ANNA);
        store.destroy(session.id);
        store.destroy('no such session');
        expect(store.get(session.id)).to.equal(undefined);
    });

    it('should hand out copies that cannot change the stored session', () => {
        const session = store.create(ANNA);
        Object.assign(session, { role: 'supervisor' });
        expect(store.get(session.id)?.role).to.equal('counsellor');
    });
});
