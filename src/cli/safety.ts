import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { findDanger } from '../safety/detectDanger.js';
import { parseSafetyRequest, toSafetyJson, type SafetyRequest } from '../safety/safetyRequest.js';

const USAGE =
    'usage: npm run --silent safety -- [--lang fi|sv|en|auto] [--json] "message"\n' +
    '       npm run --silent safety -- [--json] --batch < messages.jsonl';

function main(): Promise<number> | number {
    let parsed;
    try {
        parsed = parseArgs({
            allowPositionals: true,
            options: {
                lang: { type: 'string', default: 'auto' },
                json: { type: 'boolean', default: false },
                batch: { type: 'boolean', default: false },
                help: { type: 'boolean', default: false },
            },
        });
    } catch (error) {
        console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const print = (request: SafetyRequest | { error: string }) =>
        console.log(
            values.json ? JSON.stringify('error' in request ? request : toSafetyJson(request)) : readable(request),
        );

    if (values.batch) return checkBatch(print);
    const request = parseSafetyRequest(JSON.stringify({ lang: values.lang, text: positionals.join(' ') }));
    if ('error' in request) {
        console.error(`${request.error}\n${USAGE}`);
        return 2;
    }
    print(request);
    return 0;
}

async function checkBatch(print: (request: SafetyRequest | { error: string }) => void): Promise<number> {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        print(parseSafetyRequest(line));
    }
    return 0;
}

/** One line for a person reading the terminal; the rule helps when tuning the pattern files. */
function readable(request: SafetyRequest | { error: string }): string {
    if ('error' in request) return `error: ${request.error}`;
    const match = findDanger(request.text, request.lang);
    const verdict = match ? `${match.category} [${match.rule}]` : 'no danger';
    return `${verdict}: "${request.text}" (${request.lang})`;
}

Promise.resolve()
    .then(main)
    .then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exitCode = 1;
        },
    );
