import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect } from 'chai';
import { PasswordPolicyError, hashPassword } from '../../src/auth/passwords.js';
import { InvalidUserError, UserExistsError, type PasswordUserStore, type Role } from '../../src/auth/userStore.js';
import { StoreFileError } from '../../src/storage/errors.js';
import { createMemoryUserStore, openUserStore } from '../../src/storage/userFileStore.js';
import { expectRejection, removeDir, tempDir } from '../helpers.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const NOW = new Date('2025-03-14T09:26:53.589Z');
const PASSWORD = 'correct horse battery';

describe('PasswordUserStore', () => {
    describe('in memory', () => {
        let store: PasswordUserStore;

        beforeEach(() => {
            store = createMemoryUserStore({ now: () => NOW, scrypt: FAST });
        });

        it('should start with no accounts at all', async () => {
            for (const username of ['admin', 'root', 'supervisor', 'counsellor', 'test']) {
                expect(await store.get(username)).to.equal(undefined);
                expect(await store.verify(username, username)).to.equal(undefined);
            }
        });

        it('should add an account and return it without the password hash', async () => {
            const user = await store.add('anna.k', 'counsellor', PASSWORD);
            expect(user).to.deep.equal({ username: 'anna.k', role: 'counsellor', createdAt: NOW.toISOString() });
            expect(await store.get('anna.k')).to.deep.equal(user);
        });

        it('should verify the right password only', async () => {
            await store.add('sv_1', 'supervisor', PASSWORD);
            expect(await store.verify('sv_1', PASSWORD)).to.deep.include({ username: 'sv_1', role: 'supervisor' });
            expect(await store.verify('sv_1', `${PASSWORD} `)).to.equal(undefined);
            expect(await store.verify('sv_1', '')).to.equal(undefined);
            expect(await store.verify('nobody', PASSWORD)).to.equal(undefined);
        });

        it('should find an account whatever the case and surrounding spaces of the typed username', async () => {
            await store.add('anna', 'counsellor', PASSWORD);
            expect(await store.verify(' Anna ', PASSWORD)).to.deep.include({ username: 'anna' });
            expect(await store.get('ANNA')).to.deep.include({ username: 'anna' });
        });

        it('should never return a password hash from any method', async () => {
            const results = [
                await store.add('no-hash', 'counsellor', PASSWORD),
                await store.verify('no-hash', PASSWORD),
                await store.get('no-hash'),
            ];
            for (const result of results) {
                expect(Object.keys(result ?? {}).sort()).to.deep.equal(['createdAt', 'role', 'username']);
            }
        });

        it('should refuse an existing username instead of overwriting it', async () => {
            await store.add('anna', 'counsellor', PASSWORD);
            const error = await expectRejection(store.add('anna', 'supervisor', 'another long password'));
            expect(error).to.be.instanceOf(UserExistsError);
            expect((error as Error).message).to.equal('User "anna" already exists.');
            expect(await store.verify('anna', PASSWORD)).to.deep.include({ role: 'counsellor' });
            expect(await store.verify('anna', 'another long password')).to.equal(undefined);
        });

        it('should let only one of two concurrent adds of the same username win', async () => {
            const results = await Promise.allSettled([
                store.add('twice', 'counsellor', PASSWORD),
                store.add('twice', 'supervisor', PASSWORD),
            ]);
            expect(results.map((result) => result.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
        });

        const invalidUsernames = ['ab', 'a'.repeat(33), 'Anna', 'anna k', 'anna@region.fi', 'äiti', '', 'x/../y'];
        for (const username of invalidUsernames) {
            it(`should refuse the username ${JSON.stringify(username)}`, async () => {
                const error = await expectRejection(store.add(username, 'counsellor', PASSWORD));
                expect(error).to.be.instanceOf(InvalidUserError);
                expect((error as InvalidUserError).field).to.equal('username');
                expect((error as Error).message).to.match(/^Invalid username .*: must be 3–32 characters/);
            });
        }

        it('should accept usernames of 3 and 32 characters with digits, ".", "_" and "-"', async () => {
            await store.add('a.b', 'counsellor', PASSWORD);
            await store.add('abc-def_ghi.0123456789-abcdefghi', 'counsellor', PASSWORD);
            expect(await store.get('abc-def_ghi.0123456789-abcdefghi')).to.not.equal(undefined);
        });

        it('should refuse an unknown role', async () => {
            const error = await expectRejection(store.add('anna', 'admin' as Role, PASSWORD));
            expect(error).to.be.instanceOf(InvalidUserError);
            expect((error as Error).message).to.equal('Invalid role "admin": must be one of counsellor, supervisor.');
        });

        it('should refuse a short password and add nothing', async () => {
            const error = await expectRejection(store.add('anna', 'counsellor', 'too short'));
            expect(error).to.be.instanceOf(PasswordPolicyError);
            expect(await store.get('anna')).to.equal(undefined);
        });
    });

    describe('verify timing', () => {
        it('should take about as long for an unknown username as for a wrong password', async () => {
            // Real cost parameters: the point is that scrypt runs in both cases.
            const store = createMemoryUserStore();
            await store.add('known', 'counsellor', PASSWORD);
            const fastest = async (username: string) => {
                let best = Infinity;
                for (let i = 0; i < 3; i++) {
                    const start = performance.now();
                    await store.verify(username, 'wrong password guess');
                    best = Math.min(best, performance.now() - start);
                }
                return best;
            };
            const known = await fastest('known');
            const unknown = await fastest('unknown');
            const invalid = await fastest('Not A Valid Name!');
            expect(unknown, `known ${known} ms, unknown ${unknown} ms`).to.be.within(known * 0.5, known * 2);
            expect(invalid, `known ${known} ms, invalid ${invalid} ms`).to.be.within(known * 0.5, known * 2);
        });
    });

    describe('on a JSON file', () => {
        let dir: string;
        let file: string;

        beforeEach(async () => {
            dir = await tempDir('luotsi-users-');
            file = path.join(dir, 'users.json');
        });

        afterEach(async () => {
            await removeDir(dir);
        });

        it('should keep accounts across reopening, with the hash in the file only', async () => {
            const store = await openUserStore(file, { scrypt: FAST });
            await store.add('anna', 'supervisor', PASSWORD);
            await store.close();

            const raw = JSON.parse(await readFile(file, 'utf8')) as { users: Record<string, string>[] };
            expect(raw.users).to.have.lengthOf(1);
            expect(raw.users[0]!.passwordHash).to.match(/^scrypt\$1024\$8\$1\$/);
            expect(JSON.stringify(raw)).to.not.include(PASSWORD);

            const reopened = await openUserStore(file);
            expect(await reopened.verify('anna', PASSWORD)).to.deep.include({ username: 'anna', role: 'supervisor' });
            await reopened.close();
        });

        it('should write the file readable by its owner only', async function () {
            if (process.platform === 'win32') this.skip();
            const store = await openUserStore(file, { scrypt: FAST });
            await store.add('anna', 'counsellor', PASSWORD);
            await store.add('bert', 'counsellor', PASSWORD);
            await store.close();
            expect((await stat(file)).mode & 0o777).to.equal(0o600);
        });

        it('should see an account another process added to the file without reopening', async () => {
            const server = await openUserStore(file, { scrypt: FAST });
            expect(await server.verify('late', PASSWORD)).to.equal(undefined);

            // What `npm run user:add` does while the server runs: another process rewrites the file.
            const late = { username: 'late', role: 'counsellor', createdAt: NOW.toISOString() };
            const passwordHash = await hashPassword(PASSWORD, FAST);
            await writeFile(file, JSON.stringify({ users: [{ ...late, passwordHash }] }));

            expect(await server.verify('late', PASSWORD)).to.deep.include({ username: 'late' });
            const error = await expectRejection(server.add('late', 'supervisor', PASSWORD));
            expect(error).to.be.instanceOf(UserExistsError);
            await server.close();
        });

        it('should name the file when its content is not a users file', async () => {
            await writeFile(file, JSON.stringify({ users: [{ username: 'anna', role: 'admin' }] }));
            const error = await expectRejection(openUserStore(file));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as Error).message)
                .to.include(file)
                .and.include('users.0');
        });

        it('should refuse a file that lists a username twice', async () => {
            const entry = {
                username: 'anna',
                role: 'counsellor',
                createdAt: NOW.toISOString(),
                passwordHash: 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
            };
            await writeFile(file, JSON.stringify({ users: [entry, entry] }));
            const error = await expectRejection(openUserStore(file));
            expect((error as Error).message).to.include('users.1.username: appears twice');
        });
    });
});
