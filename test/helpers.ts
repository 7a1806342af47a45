import { expect } from 'chai';
import i18next, { type TFunction } from 'i18next';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../src/auth/userStore.js';
import type { Catalogue } from '../src/content/catalogue.js';
import { loadCatalogue } from '../src/content/loadCatalogue.js';
import { ServiceSearch } from '../src/search/serviceSearch.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONTENT_DIR = path.join(ROOT, 'content');

let catalogue: Promise<Catalogue> | undefined;
let search: Promise<ServiceSearch> | undefined;

/** The real catalogue, loaded once per test run: it is read-only, so sharing it is safe. */
export function realCatalogue(): Promise<Catalogue> {
    catalogue ??= loadCatalogue(CONTENT_DIR);
    return catalogue;
}

export function realSearch(): Promise<ServiceSearch> {
    search ??= realCatalogue().then((loaded) => new ServiceSearch(loaded));
    return search;
}

export async function tempDir(prefix = 'luotsi-test-'): Promise<string> {
    return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A private copy of content/ that a test may break. */
export async function copyOfContent(): Promise<string> {
    const dir = await tempDir('luotsi-content-');
    await cp(CONTENT_DIR, dir, { recursive: true });
    return dir;
}

/** Rewrites one JSON file of a content copy through `change`. */
export async function editJson<T = unknown>(file: string, change: (data: T) => void): Promise<void> {
    const data = JSON.parse(await readFile(file, 'utf8')) as T;
    change(data);
    await writeFile(file, JSON.stringify(data, null, 4));
}

/** A private copy of content/ with counsellors on duty around the clock, so a test does not depend on the hour. */
async function copyOfContentWithCounsellorsOnDuty(): Promise<string> {
    const dir = await copyOfContent();
    await editJson<Record<string, unknown>>(path.join(dir, 'region.json'), (region) => {
        region.counsellorHours = { alwaysOpen: true };
    });
    return dir;
}

export async function removeDir(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
}

/** A page's translation function and what it asked for in vain. */
export interface Translator {
    readonly t: TFunction;
    /** Keys the page asked for that the resource does not have (no fallback language, so nothing hides them). */
    readonly missing: string[];
}

/** A TFunction built like the app's (own instance, no HTML escaping) from one language's resource. */
export async function translatorFrom(language: string, resource: object): Promise<Translator> {
    const missing: string[] = [];
    const instance = i18next.createInstance();
    await instance.init({
        lng: language,
        fallbackLng: false,
        resources: { [language]: { translation: resource } },
        interpolation: { escapeValue: false },
        returnNull: false,
        saveMissing: true,
        missingKeyHandler: (_languages, _namespace, key) => missing.push(key),
    });
    return { t: instance.getFixedT(language), missing };
}

/** What a promise rejected with; fails the test if it resolves. */
export async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
    try {
        await promise;
    } catch (error) {
        return error;
    }
    expect.fail('expected the promise to reject');
}

/** The password of the console accounts {@link startTestServer} adds. */
export const CONSOLE_PASSWORD = 'correct horse battery staple';

/** Adds console accounts (username → role) to a data directory the way an administrator does: `npm run user:add`. */
async function addConsoleUsers(dataDir: string, users: Readonly<Record<string, Role>>): Promise<void> {
    for (const [username, role] of Object.entries(users)) {
        const added = await runScript('src/cli/userAdd.ts', ['--username', username, '--role', role], {
            env: { DATA_DIR: dataDir, LUOTSI_PASSWORD: CONSOLE_PASSWORD },
        });
        expect(added.code, added.stderr).to.equal(0);
    }
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
    /** Start of the temporary data directory's name, telling the suites' leftovers apart. */
    readonly prefix: string;
    /** Console accounts (username → role) added before the start, with the password {@link CONSOLE_PASSWORD}. */
    readonly users?: Readonly<Record<string, Role>>;
    /** Serve a copy of content/ with counsellors on duty around the clock, so a test does not depend on the hour. */
    readonly counsellorsOnDuty?: boolean;
    /** More environment for the server, e.g. Azure settings. */
    readonly env?: NodeJS.ProcessEnv;
}

/** The real server (`src/index.ts`) on a temporary data directory of its own. */
export interface TestServer {
    /** Where it listens; changes with {@link restart}. */
    readonly url: string;
    readonly dataDir: string;
    /** Stops the server and starts it again on the same data and content, as a redeployment would. */
    restart(): Promise<void>;
    /** Stops the server and removes its directories. */
    close(): Promise<void>;
}

/** Starts the server for a suite that talks to it over HTTP: fresh data, the given accounts, its own content copy. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
    const dataDir = await tempDir(options.prefix);
    const dirs = [dataDir];
    const removeDirs = async () => {
        for (const dir of dirs) await removeDir(dir);
    };
    try {
        if (options.users) await addConsoleUsers(dataDir, options.users);
        const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, ...options.env };
        if (options.counsellorsOnDuty) {
            env.CONTENT_DIR = await copyOfContentWithCounsellorsOnDuty();
            dirs.push(env.CONTENT_DIR);
        }
        let server = await startServer(env);
        return {
            get url() {
                return server.url;
            },
            dataDir,
            async restart() {
                await server.stop();
                server = await startServer(env);
            },
            async close() {
                await server.stop();
                await removeDirs();
            },
        };
    } catch (error) {
        await removeDirs();
        throw error;
    }
}

/** A store that writes a file and lets it go again on close. */
interface ClosableStore {
    close(): Promise<void>;
}

/** What {@link storeFileEachTest} gives a test. */
export interface StoreFile<S extends ClosableStore> {
    /** The store's file: `name` inside this test's directory (not created yet). */
    readonly file: string;
    /** Opens the store on {@link file}; it is closed after the test. */
    open(): Promise<S>;
}

/**
 * For a `describe` that tests a store on a file: a fresh temporary directory before each test; after it, every store
 * opened through `open()` is closed (so the file may be opened again) and the directory removed.
 */
export function storeFileEachTest<S extends ClosableStore>(
    prefix: string,
    name: string,
    openStore: (file: string) => Promise<S>,
): StoreFile<S> {
    let dir = '';
    const opened: S[] = [];
    beforeEach(async () => {
        dir = await tempDir(prefix);
    });
    afterEach(async () => {
        await Promise.all(opened.splice(0).map((store) => store.close()));
        await removeDir(dir);
    });
    return {
        get file() {
            return path.join(dir, name);
        },
        async open() {
            const store = await openStore(path.join(dir, name));
            opened.push(store);
            return store;
        },
    };
}

export interface ProcessResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs an npm script's entry point as its own process, the way `npm run` would, with optional stdin. */
export function runScript(
    script: string,
    args: string[],
    options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
            cwd: ROOT,
            env: { ...process.env, ...options.env },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(options.input ?? '');
    });
}

export interface RunningServer {
    readonly url: string;
    readonly process: ChildProcess;
    stop(): Promise<void>;
}

/** Starts `src/index.ts` on a free loopback port and resolves once it prints where it listens. */
export function startServer(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
            cwd: ROOT,
            env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
        });
        let output = '';
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const match = /listening on (http:\/\/[^\s]+)/.exec(output);
            if (match?.[1]) {
                child.stdout.off('data', onData);
                resolve({ url: match[1], process: child, stop: () => stopProcess(child) });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
    });
}

function stopProcess(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
    });
}

/** A stand-in for the Bot Framework channel: collects the activities the bot sends to its serviceUrl. */
export interface ChannelListener {
    readonly serviceUrl: string;
    readonly received: Record<string, unknown>[];
    next(): Promise<Record<string, unknown>>;
    /** The first activity (already received or still to come) that satisfies `test`, or a rejection after `ms`. */
    waitFor(test: (activity: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
    close(): Promise<void>;
}

export async function startChannelListener(): Promise<ChannelListener> {
    const received: Record<string, unknown>[] = [];
    const waiting: ((activity: Record<string, unknown>) => void)[] = [];
    const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
            const activity = JSON.parse(body || '{}') as Record<string, unknown>;
            const waiter = waiting.shift();
            if (waiter) waiter(activity);
            else received.push(activity);
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id: `reply-${Date.now()}` }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const next = (): Promise<Record<string, unknown>> => {
        const queued = received.shift();
        return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
    };
    return {
        serviceUrl: `http://127.0.0.1:${port}/`,
        received,
        next,
        waitFor: async (test, ms = 10_000) => {
            const deadline = Date.now() + ms;
            for (;;) {
                const remaining = deadline - Date.now();
                if (remaining <= 0) throw new Error('no matching activity arrived in time');
                const activity = await Promise.race([
                    next(),
                    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), remaining)),
                ]);
                if (activity && test(activity)) return activity;
            }
        },
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
