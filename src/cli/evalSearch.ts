import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadCatalogue } from '../content/loadCatalogue.js';
import { evaluate, readEvalSet } from '../search/evaluation.js';
import { FuseBaseline } from '../search/fuseBaseline.js';
import { ServiceSearch } from '../search/serviceSearch.js';

/** `npm run eval:search [-- --file F --content DIR --misses]`: accuracy of Luotsi's search next to plain fuse.js, as JSON. */
async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            file: { type: 'string', default: 'test/fixtures/search-eval.jsonl' },
            content: { type: 'string' },
            misses: { type: 'boolean', default: false },
        },
    });
    const catalogue = await loadCatalogue(values.content ? path.resolve(values.content) : loadConfig().contentDir);
    const cases = await readEvalSet(values.file);
    const luotsi = new ServiceSearch(catalogue);
    const baseline = new FuseBaseline(catalogue.services);

    const engines = [
        evaluate('luotsi', cases, (c) => {
            const outcome = luotsi.search(c.text, c.lang);
            return { matched: outcome.matched, kinds: outcome.services.map((hit) => hit.service.kind) };
        }),
        evaluate('luotsi-auto-language', cases, (c) => {
            const outcome = luotsi.search(c.text, 'auto');
            return { matched: outcome.matched, kinds: outcome.services.map((hit) => hit.service.kind) };
        }),
        evaluate('fuse-baseline', cases, (c) => {
            const hits = baseline.search(c.text, c.lang);
            return { matched: hits.length > 0, kinds: hits.map((hit) => hit.service.kind) };
        }),
    ];
    const report = {
        evalSet: values.file,
        queries: cases.length,
        engines: engines.map(({ misses, ...figures }) => (values.misses ? { ...figures, misses } : figures)),
    };
    console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
