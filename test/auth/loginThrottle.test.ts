import { expect } from 'chai';
import { LoginThrottle, type LoginAttempt } from '../../src/auth/loginThrottle.js';

const MINUTE = 60 * 1000;

describe('LoginThrottle', () => {
    let now: number;
    let throttle: LoginThrottle;

    beforeEach(() => {
        now = Date.parse('2025-03-14T08:00:00.000Z');
        throttle = new LoginThrottle({ now: () => new Date(now) });
    });

    const attempt = (username: string, address = '10.0.0.1'): LoginAttempt => ({ username, address });

    function fail(times: number, who: LoginAttempt, everyMs = 0): void {
        for (let i = 0; i < times; i++) {
            expect(throttle.check(who).allowed, `attempt ${i + 1}`).to.equal(true);
            throttle.recordFailure(who);
            now += everyMs;
        }
    }

    it('should allow four failures and refuse the attempt after the fifth for 15 minutes', () => {
        fail(4, attempt('anna'));
        expect(throttle.check(attempt('anna'))).to.deep.equal({ allowed: true });
        throttle.recordFailure(attempt('anna'));
        expect(throttle.check(attempt('anna'))).to.deep.equal({ allowed: false, retryAfterSeconds: 15 * 60 });

        now += 15 * MINUTE - 1000;
        expect(throttle.check(attempt('anna'))).to.deep.equal({ allowed: false, retryAfterSeconds: 1 });
        now += 1000;
        expect(throttle.check(attempt('anna'))).to.deep.equal({ allowed: true });
    });

    it('should lock the username from any address', () => {
        fail(5, attempt('anna', '10.0.0.1'));
        fail(0, attempt('anna', '10.0.0.2'));
        expect(throttle.check(attempt('anna', '192.0.2.7')).allowed).to.equal(false);
        expect(throttle.check(attempt('bert', '192.0.2.7')).allowed).to.equal(true);
    });

    it('should lock an address that tries many usernames', () => {
        ['anna', 'bert', 'carl', 'dora', 'emil'].forEach((username) => fail(1, attempt(username, '198.51.100.9')));
        expect(throttle.check(attempt('frida', '198.51.100.9')).allowed).to.equal(false);
        expect(throttle.check(attempt('frida', '198.51.100.10')).allowed).to.equal(true);
    });

    it('should count only failures within 15 minutes', () => {
        fail(4, attempt('anna'), 4 * MINUTE);
        // The first failure is now 16 minutes old: four in the window, one more makes five only if all are recent.
        throttle.recordFailure(attempt('anna'));
        expect(throttle.check(attempt('anna')).allowed).to.equal(true);
        throttle.recordFailure(attempt('anna'));
        expect(throttle.check(attempt('anna')).allowed).to.equal(false);
    });

    it('should not extend the lock for attempts made while locked', () => {
        fail(5, attempt('anna'));
        now += 10 * MINUTE;
        throttle.recordFailure(attempt('anna'));
        now += 5 * MINUTE;
        expect(throttle.check(attempt('anna')).allowed).to.equal(true);
    });

    it('should give a fresh five attempts after a lock ends', () => {
        fail(5, attempt('anna'));
        now += 15 * MINUTE;
        fail(4, attempt('anna'));
        expect(throttle.check(attempt('anna')).allowed).to.equal(true);
        throttle.recordFailure(attempt('anna'));
        expect(throttle.check(attempt('anna')).allowed).to.equal(false);
    });

    it("should clear a username's failures on success, but not the address's", () => {
        fail(4, attempt('anna', '10.0.0.1'));
        throttle.recordSuccess(attempt('anna', '10.0.0.1'));
        fail(4, attempt('anna', '10.0.0.2'));
        expect(throttle.check(attempt('anna', '10.0.0.3')).allowed).to.equal(true);
        // 10.0.0.1 still has four failures; one more locks the address for every username.
        throttle.recordFailure(attempt('bert', '10.0.0.1'));
        expect(throttle.check(attempt('carl', '10.0.0.1')).allowed).to.equal(false);
    });

    it('should treat usernames like logins do and IPv4-mapped IPv6 addresses as IPv4', () => {
        fail(3, attempt('Anna', '::ffff:10.0.0.1'));
        fail(2, attempt(' anna ', '10.0.0.9'));
        expect(throttle.check(attempt('ANNA', '10.0.0.8')).allowed).to.equal(false);
        fail(2, attempt('bert', '10.0.0.1'));
        expect(throttle.check(attempt('carl', '::ffff:10.0.0.1')).allowed).to.equal(false);
    });

    it('should report the later unlock time when both the username and the address are locked', () => {
        fail(5, attempt('anna', '10.0.0.1'));
        now += 5 * MINUTE;
        ['bert', 'carl', 'dora', 'emil', 'fred'].forEach((username) => fail(1, attempt(username, '10.0.0.2')));
        expect(throttle.check(attempt('anna', '10.0.0.2'))).to.deep.equal({
            allowed: false,
            retryAfterSeconds: 15 * 60,
        });
    });

    it('should honour its options', () => {
        const strict = new LoginThrottle({ now: () => new Date(now), maxFailures: 2, lockoutMs: MINUTE });
        strict.recordFailure(attempt('anna'));
        strict.recordFailure(attempt('anna'));
        expect(strict.check(attempt('anna'))).to.deep.equal({ allowed: false, retryAfterSeconds: 60 });
    });
});
