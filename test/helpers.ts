import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

export async function removeDir(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
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
