import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { checkPasswordPolicy } from '../auth/passwords.js';
import { checkRole, checkUsername } from '../auth/userStore.js';
import { openUserStore } from '../storage/userFileStore.js';

const USAGE =
    'usage: npm run user:add -- --username NAME --role counsellor|supervisor\n' +
    '       the password comes from LUOTSI_PASSWORD, or is asked twice on the terminal (one line on stdin otherwise)';

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            username: { type: 'string' },
            role: { type: 'string' },
            help: { type: 'boolean', default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    if (values.username === undefined) throw new Error(`--username is required\n${USAGE}`);
    if (values.role === undefined) throw new Error(`--role is required\n${USAGE}`);
    // Checked before asking for the password, so a typo does not cost the operator two password prompts.
    const username = checkUsername(values.username);
    const role = checkRole(values.role);

    const config = loadConfig();
    const store = await openUserStore(path.join(config.dataDir, 'users.json'));
    try {
        if (await store.get(username)) throw new Error(`User "${username}" already exists.`);
        const password = config.userAddPassword ?? (await readPassword());
        await store.add(username, role, password);
    } finally {
        await store.close();
    }
    console.log(`added ${role} ${username}`);
}

/** Asks twice without echo on a terminal; reads a single line when stdin is a pipe (scripts, tests). */
async function readPassword(): Promise<string> {
    if (!process.stdin.isTTY) {
        const line = await firstLine();
        if (line === undefined || line === '') throw new Error('No password given on stdin.');
        return line;
    }
    const terminal = hiddenTerminal();
    try {
        const password = await terminal.ask('Password: ');
        // Policy checked before the second prompt: no point confirming a password that will be refused.
        checkPasswordPolicy(password);
        if ((await terminal.ask('Repeat password: ')) !== password) throw new Error('Passwords do not match.');
        return password;
    } finally {
        terminal.close();
    }
}

async function firstLine(): Promise<string | undefined> {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    try {
        for await (const line of lines) return line;
        return undefined;
    } finally {
        lines.close();
    }
}

/**
 * Line input from the terminal with echo off: readline still handles the editing keys in terminal mode, but its
 * echo goes to a stream that drops it. Prompts go to stderr so stdout stays clean. Lines are read through one
 * buffered iterator, so a second line typed ahead is not lost between the prompts.
 */
function hiddenTerminal(): { ask(prompt: string): Promise<string>; close(): void } {
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const terminal = createInterface({ input: process.stdin, output: silent, terminal: true });
    // Ctrl-C in raw mode reaches readline, not the process: treat it as cancelling.
    terminal.on('SIGINT', () => terminal.close());
    const lines = terminal[Symbol.asyncIterator]();
    const ask = async (prompt: string) => {
        process.stderr.write(prompt);
        const line = await lines.next();
        process.stderr.write('\n');
        if (line.done) throw new Error('Cancelled.');
        return line.value;
    };
    return { ask, close: () => terminal.close() };
}

main().catch((error: unknown) => {
    // One line, no stack trace: every expected failure has a message that says what to fix, none holds the password.
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
