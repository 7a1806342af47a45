import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { formatProblem } from '../content/contentProblem.js';
import { checkContent } from '../content/loadCatalogue.js';

/** `npm run content:check [-- --content DIR]`: one line per problem, exit 0 only when the catalogue is clean. */
async function main(): Promise<number> {
    const { values } = parseArgs({ options: { content: { type: 'string' } } });
    const contentDir = values.content ? path.resolve(values.content) : loadConfig().contentDir;
    const { catalogue, problems } = await checkContent(contentDir);
    for (const problem of problems) console.error(formatProblem(problem));
    if (!catalogue) {
        console.error(`${problems.length} problem(s) in ${contentDir}`);
        return 1;
    }
    console.log(
        `ok: ${contentDir}: ${catalogue.services.length} services, ${catalogue.lifeSituations.length} life situations, ` +
            `${catalogue.helpNumbers.length} help numbers (content version ${catalogue.region.contentVersion})`,
    );
    return 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 2;
    },
);
