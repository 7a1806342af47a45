import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { ContentError, formatProblem } from '../content/contentProblem.js';
import { loadCatalogue } from '../content/loadCatalogue.js';
import { toSearchJson, type SearchJson } from '../search/searchJson.js';
import { parseSearchRequest } from '../search/searchRequest.js';
import { ServiceSearch } from '../search/serviceSearch.js';

const USAGE =
    'usage: npm run --silent search -- [--lang fi|sv|en|auto] [--json] [--content DIR] "query"\n' +
    '       npm run --silent search -- --json --batch < queries.jsonl';

async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: {
            lang: { type: 'string', default: 'auto' },
            json: { type: 'boolean', default: false },
            batch: { type: 'boolean', default: false },
            content: { type: 'string' },
            help: { type: 'boolean', default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const contentDir = values.content ? path.resolve(values.content) : loadConfig().contentDir;
    const search = new ServiceSearch(await loadCatalogue(contentDir));
    const print = (json: SearchJson | { error: string }) =>
        console.log(values.json ? JSON.stringify(json) : 'error' in json ? `error: ${json.error}` : table(json));

    if (values.batch) {
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
            const request = parseSearchRequest(line);
            print('error' in request ? request : toSearchJson(search.search(request.text, request.lang)));
        }
        return 0;
    }
    const request = parseSearchRequest(JSON.stringify({ lang: values.lang, text: positionals.join(' ') }));
    if ('error' in request) {
        console.error(`${request.error}\n${USAGE}`);
        return 2;
    }
    print(toSearchJson(search.search(request.text, request.lang)));
    return 0;
}

function table(json: SearchJson): string {
    const header = `"${json.query}" (${json.lang}) – ${json.matched ? `${json.results.length} result(s)` : 'no match'}`;
    const rows = json.results.map(
        (result, i) =>
            `${i + 1}. ${result.score.toFixed(3)}  ${result.kind.padEnd(22)} ${result.name}  [${result.serviceId}]`,
    );
    return [header, ...rows].join('\n');
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        if (error instanceof ContentError) error.problems.forEach((problem) => console.error(formatProblem(problem)));
        else console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
    },
);
