import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { computeStats } from '../stats/computeStats.js';
import { InvalidDateRangeError, dayCount, dayRange } from '../stats/helsinkiTime.js';
import { ProgressBar } from '../stats/progressBar.js';
import { dailyRowsToCsv } from '../stats/statsCsv.js';
import { isStatsChannel } from '../stats/statsEvents.js';
import { STATS_FILE, readStatsFile } from '../storage/statsFileStore.js';

const USAGE =
    'usage: npm run stats:export -- --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE] [--language fi|sv|en] [--channel ID]\n' +
    '       writes the daily statistics of DATA_DIR/stats.json as CSV (both days included, Helsinki time)';

/** Ranges longer than this get a progress bar even when stderr is not a terminal. */
const PROGRESS_DAYS = 31;

/** Exit code for a wrong command line, as in other Unix tools; 1 is left for failures while exporting. */
const EXIT_USAGE = 2;

/** The command line was wrong; the message says what to fix. */
class UsageError extends Error {
    override readonly name = 'UsageError';
}

interface ExportOptions {
    readonly from: string;
    readonly to: string;
    readonly out?: string;
    readonly language?: Language;
    readonly channel?: string;
}

function readArgs(args: string[]) {
    try {
        return parseArgs({
            args,
            options: {
                from: { type: 'string' },
                to: { type: 'string' },
                out: { type: 'string' },
                language: { type: 'string' },
                channel: { type: 'string' },
                help: { type: 'boolean', default: false },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (error) {
        // Unknown options and missing values: node's message names the option.
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
}

function parseOptions(args: string[]): ExportOptions | 'help' {
    const values = readArgs(args);
    if (values.help) return 'help';
    if (values.from === undefined) throw new UsageError('--from is required');
    if (values.to === undefined) throw new UsageError('--to is required');
    const language = LANGUAGES.find((candidate) => candidate === values.language);
    if (values.language !== undefined && language === undefined) {
        throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}`);
    }
    if (values.channel !== undefined && !isStatsChannel(values.channel)) {
        throw new UsageError('--channel must be a channel id such as webchat or msteams');
    }
    if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
    return { from: values.from, to: values.to, out: values.out, language, channel: values.channel };
}

async function main(args: string[]): Promise<void> {
    const options = parseOptions(args);
    if (options === 'help') {
        console.log(USAGE);
        return;
    }
    // Checked before anything is read, so a typo costs nothing.
    const range = dayRange(options.from, options.to);
    const config = loadConfig();
    const data = await readStatsFile(path.join(config.dataDir, STATS_FILE));

    const showProgress = process.stderr.isTTY === true || dayCount(options.from, options.to) > PROGRESS_DAYS;
    const progress = showProgress ? new ProgressBar(process.stderr, 'conversations') : undefined;
    const report = computeStats(
        data.events,
        { ...range, language: options.language, channel: options.channel },
        { onProgress: (done, total) => progress?.update(done, total) },
    );
    progress?.finish();

    const csv = dailyRowsToCsv(report.daily);
    if (options.out !== undefined) {
        await writeFile(options.out, csv, 'utf8');
        process.stderr.write(`wrote ${report.daily.length} days to ${options.out}\n`);
    } else {
        process.stdout.write(csv);
    }
}

main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof InvalidDateRangeError) {
        process.stderr.write(`stats:export: ${error.message}\n${USAGE}\n`);
        process.exitCode = EXIT_USAGE;
        return;
    }
    process.stderr.write(`stats:export: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
