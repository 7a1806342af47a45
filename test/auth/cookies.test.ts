import { expect } from 'chai';
import {
    SESSION_COOKIE,
    clearedSessionCookie,
    parseCookies,
    sessionCookie,
    sessionIdFrom,
} from '../../src/auth/cookies.js';

describe('cookies', () => {
    describe('sessionCookie', () => {
        it('should be HttpOnly, SameSite=Strict and Path=/ without Secure for local http', () => {
            expect(sessionCookie('abc_-123', { secure: false })).to.equal(
                'luotsi_session=abc_-123; HttpOnly; SameSite=Strict; Path=/',
            );
        });

        it('should add Secure when configured', () => {
            expect(sessionCookie('abc', { secure: true })).to.equal(
                'luotsi_session=abc; HttpOnly; SameSite=Strict; Path=/; Secure',
            );
        });

        it('should add Max-Age when given, and clear with Max-Age=0 and the same attributes', () => {
            expect(sessionCookie('abc', { secure: false, maxAgeSeconds: 3600.7 })).to.include('; Max-Age=3600');
            expect(clearedSessionCookie({ secure: true })).to.equal(
                'luotsi_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure',
            );
        });

        it('should refuse a value that would break out of the cookie', () => {
            for (const bad of ['a;b', 'a b', 'a\r\nSet-Cookie: x=y', 'a"b', 'a,b', 'ä']) {
                expect(() => sessionCookie(bad, { secure: false }), bad).to.throw(TypeError);
            }
        });
    });

    describe('parseCookies', () => {
        it('should read name=value pairs separated by semicolons', () => {
            expect(Object.fromEntries(parseCookies('a=1; luotsi_session=xyz;b=2'))).to.deep.equal({
                a: '1',
                luotsi_session: 'xyz',
                b: '2',
            });
        });

        it('should cope with missing, empty and malformed headers', () => {
            expect(parseCookies(undefined).size).to.equal(0);
            expect(parseCookies('').size).to.equal(0);
            expect(parseCookies(';;  ; novalue; =nameless').size).to.equal(0);
        });

        it('should trim, unquote and percent-decode values, keeping invalid escapes as they are', () => {
            const cookies = parseCookies('  a = "quoted" ; b=%C3%A4; c=100%; d="; e==x=');
            expect(cookies.get('a')).to.equal('quoted');
            expect(cookies.get('b')).to.equal('ä');
            expect(cookies.get('c')).to.equal('100%');
            expect(cookies.get('d')).to.equal('"');
            expect(cookies.get('e')).to.equal('=x=');
        });

        it('should keep the first of repeated names', () => {
            expect(parseCookies('luotsi_session=first; luotsi_session=second').get(SESSION_COOKIE)).to.equal('first');
        });

        it('should treat __proto__ and friends as ordinary names', () => {
            const cookies = parseCookies('__proto__=x; constructor=y');
            expect(cookies.get('__proto__')).to.equal('x');
            expect(cookies.get('constructor')).to.equal('y');
            expect(cookies.get('toString')).to.equal(undefined);
        });
    });

    describe('sessionIdFrom', () => {
        it('should find the session cookie among others, and nothing when it is absent or empty', () => {
            expect(sessionIdFrom('theme=dark; luotsi_session=abc')).to.equal('abc');
            expect(sessionIdFrom('theme=dark')).to.equal(undefined);
            expect(sessionIdFrom('luotsi_session=')).to.equal(undefined);
            expect(sessionIdFrom('xluotsi_session=abc')).to.equal(undefined);
        });
    });
});
