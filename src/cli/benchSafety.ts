import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RequestLanguage } from '../jsonLine.js';
import { detectDanger } from '../safety/detectDanger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LABELLED = path.join(ROOT, 'test/fixtures/safety-phrases.jsonl');
/** Long messages are where the patterns cost most: every rule scans every word, so they get a share of their own. */
const LONG_MESSAGES = 1_000;
const LONG_LENGTH = 1_000;
/** Residents paste long mixed-language messages; the danger, when there is one, may be in the last words. */
const LONG_FILLERS = [
    'Jag behöver hjälp med hemvården och Kelan päätös tuli, my dad needs a ride. ',
    'Hei, tarvitsisin apua toimeentulotukihakemuksen ja Kelan päätöksen kanssa, kun vuokra on myöhässä. ',
    'Hello, my mother has dementia and we would like to know about home care, day centres and the waiting times. ',
];
const LONG_ENDINGS = ['', ' ja rehellisesti sanottuna haluan kuolla.', ' han slog mig igår.', ' she is not breathing.'];

const Line = z.object({ text: z.string(), lang: RequestLanguage });
type Line = z.infer<typeof Line>;

/**
 * `npm run bench:safety`: times detectDanger over the labelled phrases and over 1,000-character messages, and prints
 * `{"messages":N,"p50Ms":…,"p99Ms":…,"meanMs":…}`. A benchmark, not a test: timings on a loaded machine vary too much
 * for a pass/fail threshold, but a run before and after a pattern change shows what the change costs.
 */
async function main(): Promise<void> {
    const labelled = (await readFile(LABELLED, 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => Line.parse(JSON.parse(line)));
    const messages: Line[] = [...labelled, ...longMessages()];
    // Warm-up pass: JIT compilation and start-up garbage belong to start-up, not to a resident's turn.
    for (const message of messages) detectDanger(message.text, message.lang);
    const timings: number[] = [];
    for (const message of messages) {
        const started = performance.now();
        detectDanger(message.text, message.lang);
        timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const percentile = (p: number) =>
        timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] ?? 0;
    const mean = timings.reduce((sum, timing) => sum + timing, 0) / Math.max(1, timings.length);
    console.log(
        JSON.stringify({
            messages: timings.length,
            p50Ms: round(percentile(50)),
            p99Ms: round(percentile(99)),
            meanMs: round(mean),
        }),
    );
}

function longMessages(): Line[] {
    return Array.from({ length: LONG_MESSAGES }, (_, i) => {
        const filler = LONG_FILLERS[i % LONG_FILLERS.length] ?? '';
        const ending = LONG_ENDINGS[i % LONG_ENDINGS.length] ?? '';
        // A number per message keeps any cache from answering a repeated text without doing the work.
        const body = `${i} ${filler.repeat(Math.ceil(LONG_LENGTH / filler.length))}`;
        return { text: `${body.slice(0, LONG_LENGTH - ending.length)}${ending}`, lang: 'auto' };
    });
}

function round(value: number): number {
    return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
