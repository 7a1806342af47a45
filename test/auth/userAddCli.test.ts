import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { openUserStore } from '../../src/storage/userFileStore.js';
import { ROOT, removeDir, runScript, tempDir } from '../helpers.js';

const USER_ADD = 'src/cli/userAdd.ts';
const PASSWORD = 'correct horse battery';

describe('user:add CLI', () => {
    let dataDir: string;

    beforeEach(async () => {
        dataDir = await tempDir('luotsi-user-add-');
    });

    afterEach(async () => {
        await removeDir(dataDir);
    });

    /** Runs the CLI on the temp data dir; LUOTSI_PASSWORD is unset unless given, so stdin is read. */
    const userAdd = (args: string[], options: { input?: string; password?: string } = {}) =>
        runScript(USER_ADD, args, {
            input: options.input,
            env: { DATA_DIR: dataDir, LUOTSI_PASSWORD: options.password ?? '' },
        });

    it('should add a counsellor with the password from LUOTSI_PASSWORD', async () => {
        const result = await userAdd(['--username', 'anna', '--role', 'counsellor'], { password: PASSWORD });
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.equal('added counsellor anna\n');

        const store = await openUserStore(path.join(dataDir, 'users.json'));
        expect(await store.verify('anna', PASSWORD)).to.deep.include({ username: 'anna', role: 'counsellor' });
        await store.close();
    });

    it('should read the password as one line from stdin when it is not a terminal', async () => {
        const result = await userAdd(['--username', 'sv.berg', '--role', 'supervisor'], { input: `${PASSWORD}\n` });
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.equal('added supervisor sv.berg\n');
        const file = path.join(dataDir, 'users.json');
        if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).to.equal(0o600);
        expect(await readFile(file, 'utf8')).to.not.include(PASSWORD);
    });

    const failures: { title: string; args: string[]; input?: string; message: RegExp }[] = [
        { title: 'a missing username', args: ['--role', 'counsellor'], message: /--username is required/ },
        { title: 'a missing role', args: ['--username', 'anna'], message: /--role is required/ },
        {
            title: 'an invalid username',
            args: ['--username', 'Anna Virtanen', '--role', 'counsellor'],
            message: /Invalid username "Anna Virtanen": must be 3–32 characters/,
        },
        {
            title: 'an invalid role',
            args: ['--username', 'anna', '--role', 'admin'],
            message: /Invalid role "admin": must be one of counsellor, supervisor/,
        },
        {
            title: 'a short password',
            args: ['--username', 'anna', '--role', 'counsellor'],
            input: 'short pass\n',
            message: /Password must be at least 12 characters long/,
        },
        {
            title: 'no password at all',
            args: ['--username', 'anna', '--role', 'counsellor'],
            input: '',
            message: /No password given/,
        },
        { title: 'an unknown option', args: ['--username', 'anna', '--admin'], message: /Unknown option '--admin'/ },
    ];
    for (const failure of failures) {
        it(`should fail with exit code 1 and a clear error on ${failure.title}`, async () => {
            const result = await userAdd(failure.args, { input: failure.input });
            expect(result.code).to.equal(1);
            expect(result.stdout).to.equal('');
            expect(result.stderr)
                .to.match(/^error: /)
                .and.match(failure.message);
            expect(result.stderr).to.not.match(/\n\s+at /, 'no stack trace');
        });
    }

    it('should refuse an existing username and keep its password', async () => {
        const first = await userAdd(['--username', 'anna', '--role', 'counsellor'], { password: PASSWORD });
        expect(first.code, first.stderr).to.equal(0);
        const second = await userAdd(['--username', 'anna', '--role', 'supervisor'], {
            password: 'an entirely different password',
        });
        expect(second.code).to.equal(1);
        expect(second.stderr).to.equal('error: User "anna" already exists.\n');

        const store = await openUserStore(path.join(dataDir, 'users.json'));
        expect(await store.verify('anna', PASSWORD)).to.deep.include({ role: 'counsellor' });
        await store.close();
    });

    it('should never print the password, even when refusing it', async () => {
        const result = await userAdd(['--username', 'anna', '--role', 'counsellor'], { input: 'secret-ish\n' });
        expect(result.code).to.equal(1);
        expect(result.stdout + result.stderr).to.not.include('secret-ish');
    });

    describe('on a terminal', function () {
        // util-linux `script` gives the CLI a pseudo-terminal, as an operator's shell would.
        before(function () {
            if (!existsSync('/usr/bin/script')) this.skip();
        });

        it('should ask twice without echoing and add the user when both match', async () => {
            const result = await onTerminal(
                dataDir,
                ['--username', 'tty.anna', '--role', 'counsellor'],
                [PASSWORD, PASSWORD],
            );
            expect(result.code, result.output).to.equal(0);
            expect(result.output).to.include('Password: ').and.include('Repeat password: ');
            expect(result.output).to.include('added counsellor tty.anna');
            expect(result.output).to.not.include(PASSWORD);
        });

        it('should fail with exit code 1 when the two passwords differ', async () => {
            const result = await onTerminal(
                dataDir,
                ['--username', 'tty.anna', '--role', 'counsellor'],
                [PASSWORD, `${PASSWORD}!`],
            );
            expect(result.code).to.equal(1);
            expect(result.output).to.include('error: Passwords do not match.');
            expect(existsSync(path.join(dataDir, 'users.json'))).to.equal(false);
        });

        it('should not ask for confirmation of a password that is too short', async () => {
            const result = await onTerminal(dataDir, ['--username', 'tty.anna', '--role', 'counsellor'], ['short']);
            expect(result.code).to.equal(1);
            expect(result.output).to.include('error: Password must be at least 12 characters long.');
            expect(result.output).to.not.include('Repeat password');
        });
    });
});

/**
 * Runs the CLI in a pseudo-terminal and types each answer only once its prompt has appeared, so the terminal's own
 * echo of type-ahead cannot be mistaken for the CLI echoing. `output` is all the terminal showed.
 */
function onTerminal(
    dataDir: string,
    args: string[],
    answers: string[],
): Promise<{ code: number | null; output: string }> {
    const command = [process.execPath, '--import', 'tsx', 'src/cli/userAdd.ts', ...args].map(shellQuote).join(' ');
    return new Promise((resolve, reject) => {
        const child = spawn('/usr/bin/script', ['-q', '-e', '-c', command, '/dev/null'], {
            cwd: ROOT,
            env: { ...process.env, DATA_DIR: dataDir, LUOTSI_PASSWORD: '' },
        });
        let output = '';
        let prompts = 0;
        child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            const seen = output.match(/password: /gi)?.length ?? 0;
            while (prompts < seen) {
                const answer = answers[prompts++];
                if (answer !== undefined) child.stdin.write(`${answer}\r`);
            }
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, output: output.replace(/\r/g, '') }));
    });
}

function shellQuote(text: string): string {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
