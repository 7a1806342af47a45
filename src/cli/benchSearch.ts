import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { synthesiseServices } from '../bench/synthesise.js';
import { loadConfig } from '../config.js';
import { loadCatalogue } from '../content/loadCatalogue.js';
import { readEvalSet } from '../search/evaluation.js';
import { FuseBaseline } from '../search/fuseBaseline.js';
import { ServiceSearch } from '../search/serviceSearch.js';

const SIZES = [1_000, 10_000, 50_000];
const ENGINES = ['luotsi', 'fuse-baseline'] as const;
type Engine = (typeof ENGINES)[number];
/** Bounds a slow engine's run at large sizes; the query count it reached is reported. */
const TIME_BUDGET_MS = 15_000;

interface Run {
    engine: Engine;
    services: number;
    buildMs: number;
    queries: number;
    p50Ms: number;
    p99Ms: number;
    rssMb: number;
}

/**
 * `npm run bench:search`: each engine and catalogue size is measured in a fresh child process, so build time
 * and memory of one run do not leak into the next. Prints `{"runs":[…]}`.
 */
async function main(): Promise<void> {
    const { values } = parseArgs({ options: { engine: { type: 'string' }, services: { type: 'string' } } });
    if (values.engine && values.services) {
        console.log(JSON.stringify(await measure(values.engine as Engine, Number(values.services))));
        return;
    }
    const runs: Omit<Run, 'queries'>[] = [];
    for (const services of SIZES) {
        for (const engine of ENGINES) {
            const { queries, ...run } = await measureInChild(engine, services);
            // The contract's JSON has no query count; a budget-cut run is worth knowing about, so say it aside.
            console.error(`${engine} ${services}: ${queries} timed queries`);
            runs.push(run);
        }
    }
    console.log(JSON.stringify({ runs }, null, 2));
}

async function measure(engine: Engine, size: number): Promise<Run> {
    const catalogue = await loadCatalogue(loadConfig().contentDir);
    const cases = await readEvalSet('test/fixtures/search-eval.jsonl');
    const services = synthesiseServices(catalogue.services, size);
    const started = performance.now();
    const run =
        engine === 'luotsi'
            ? (() => {
                  const search = new ServiceSearch({ ...catalogue, services });
                  return (text: string, lang: 'fi' | 'sv' | 'en') => search.search(text, lang);
              })()
            : (() => {
                  const baseline = new FuseBaseline(services);
                  return (text: string, lang: 'fi' | 'sv' | 'en') => baseline.search(text, lang);
              })();
    const buildMs = performance.now() - started;
    // Warm-up pass: JIT compilation and the collection of start-up garbage belong to start-up, not to a query.
    for (const c of cases) run(c.text, c.lang);
    const timings: number[] = [];
    const budgetEnds = performance.now() + TIME_BUDGET_MS;
    for (const c of cases) {
        const t0 = performance.now();
        run(c.text, c.lang);
        timings.push(performance.now() - t0);
        if (performance.now() > budgetEnds) break;
    }
    timings.sort((a, b) => a - b);
    const percentile = (p: number) =>
        timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] ?? 0;
    return {
        engine,
        services: size,
        buildMs: round(buildMs),
        queries: timings.length,
        p50Ms: round(percentile(50)),
        p99Ms: round(percentile(99)),
        rssMb: round(process.memoryUsage().rss / 2 ** 20),
    };
}

function measureInChild(engine: Engine, services: number): Promise<Run> {
    const script = fileURLToPath(import.meta.url);
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            ['--import', 'tsx', script, '--engine', engine, '--services', String(services)],
            {
                cwd: path.resolve(path.dirname(script), '../..'),
                stdio: ['ignore', 'pipe', 'inherit'],
            },
        );
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) =>
            code === 0 ? resolve(JSON.parse(output) as Run) : reject(new Error(`${engine}/${services} exited ${code}`)),
        );
    });
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
