import { expect } from 'chai';
import {
    DEFAULT_SCRYPT,
    MIN_PASSWORD_LENGTH,
    PasswordHashFormatError,
    PasswordPolicyError,
    hashPassword,
    parseHash,
    unmatchableHash,
    verifyPassword,
} from '../../src/auth/passwords.js';
import { expectRejection } from '../helpers.js';

/** Cheap parameters for tests that are about the format, not the cost. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
    it('should hash with the default parameters into scrypt$N$r$p$salt$hash and verify it', async () => {
        const hash = await hashPassword('correct horse battery');
        expect(hash).to.match(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
        expect(parseHash(hash).params).to.deep.equal(DEFAULT_SCRYPT);
        expect(await verifyPassword('correct horse battery', hash)).to.equal(true);
        expect(await verifyPassword('correct horse batterz', hash)).to.equal(false);
    });

    it('should use a fresh random salt for every hash', async () => {
        const first = await hashPassword('same password here', FAST);
        const second = await hashPassword('same password here', FAST);
        expect(parseHash(first).salt.equals(parseHash(second).salt)).to.equal(false);
        expect(first).to.not.equal(second);
    });

    it('should verify with the parameters stored in the hash, not the current defaults', async () => {
        const hash = await hashPassword('older cheaper hash', FAST);
        expect(hash.startsWith('scrypt$1024$8$1$')).to.equal(true);
        expect(await verifyPassword('older cheaper hash', hash)).to.equal(true);
    });

    it(`should refuse passwords shorter than ${MIN_PASSWORD_LENGTH} characters with a clear error`, async () => {
        const error = await expectRejection(hashPassword('elevenchars', FAST));
        expect(error).to.be.instanceOf(PasswordPolicyError);
        expect((error as PasswordPolicyError).reason).to.equal('too-short');
        expect((error as Error).message).to.equal('Password must be at least 12 characters long.');
        expect((error as Error).message).to.not.include('elevenchars');
        expect(await hashPassword('twelve chars', FAST)).to.match(/^scrypt\$/);
    });

    it('should count characters, not bytes or UTF-16 units', async () => {
        // 11 characters in 22 bytes of UTF-8 is still too short; 12 emoji are 24 UTF-16 units but 12 characters.
        expect(await expectRejection(hashPassword('ääääääääääää'.slice(1), FAST))).to.be.instanceOf(
            PasswordPolicyError,
        );
        const emoji = '🔑'.repeat(12);
        expect(await verifyPassword(emoji, await hashPassword(emoji, FAST))).to.equal(true);
    });

    it('should match a password typed in another Unicode normal form', async () => {
        const composed = 'sähköposti123';
        const decomposed = composed.normalize('NFD');
        expect(decomposed).to.not.equal(composed);
        expect(await verifyPassword(decomposed, await hashPassword(composed, FAST))).to.equal(true);
    });

    it('should answer false, not throw, for a short guess', async () => {
        expect(await verifyPassword('short', await hashPassword('long enough secret', FAST))).to.equal(false);
    });

    it('should refuse a malformed stored hash as broken data', async () => {
        const good = await hashPassword('long enough secret', FAST);
        for (const stored of [
            '',
            'plain text password',
            good.replace('scrypt$', 'bcrypt$'),
            good.replace('$1024$', '$1000$'),
            good.replace('$1024$', `$${2 ** 21}$`),
            good.replace('$8$1$', '$8$0$'),
            `${good}$extra`,
        ]) {
            const error = await expectRejection(verifyPassword('long enough secret', stored));
            expect(error, stored).to.be.instanceOf(PasswordHashFormatError);
        }
    });

    it('should make unmatchable hashes that parse like real ones and match nothing', async () => {
        const hash = unmatchableHash(FAST);
        expect(parseHash(hash).params).to.deep.equal(FAST);
        expect(await verifyPassword('', hash)).to.equal(false);
        expect(await verifyPassword('long enough secret', hash)).to.equal(false);
    });
});
