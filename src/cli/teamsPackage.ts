import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { ConfigError, loadConfig } from '../config.js';
import { buildAppPackage } from '../teams/appPackage.js';
import { MANIFEST_VERSION, TeamsManifestError } from '../teams/manifest.js';
import { createZip } from '../teams/zip.js';

const USAGE =
    'usage: npm run teams:package -- [--bot-id GUID] [--out FILE] [--public-url URL] [--privacy-url URL]\n' +
    '                                [--terms-url URL] [--app-version X.Y.Z]\n' +
    '       writes the Microsoft Teams app package (default dist/luotsi-teams.zip) for uploading in Teams.\n' +
    '       --bot-id defaults to MicrosoftAppId, --public-url to PUBLIC_URL, --app-version to package.json;\n' +
    '       the privacy and terms links default to PUBLIC_URL/privacy and PUBLIC_URL/terms.';

const DEFAULT_OUT = path.join('dist', 'luotsi-teams.zip');

/** Exit code for a wrong command line, as in other Unix tools; 1 is left for missing settings and invalid packages. */
const EXIT_USAGE = 2;

/** The command line was wrong; the message says what to fix. */
class UsageError extends Error {
    override readonly name = 'UsageError';
}

/** A value the package needs is set neither in the environment nor on the command line. */
class MissingSettingError extends Error {
    override readonly name = 'MissingSettingError';
}

function readArgs(args: string[]) {
    try {
        return parseArgs({
            args,
            options: {
                'bot-id': { type: 'string' },
                out: { type: 'string' },
                'public-url': { type: 'string' },
                'privacy-url': { type: 'string' },
                'terms-url': { type: 'string' },
                'app-version': { type: 'string' },
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

/** The public URL without a trailing slash, so "/privacy" can be appended; only http(s) URLs are accepted. */
function parsePublicUrl(value: string, source: string): URL {
    let url: URL;
    try {
        url = new URL(value.trim());
    } catch {
        throw new UsageError(`${source} is not a URL: "${value}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${source} must be an http(s) URL`);
    return url;
}

function note(message: string): void {
    process.stderr.write(`teams:package: note: ${message}\n`);
}

function withPath(base: URL, suffix: string): string {
    return `${base.origin}${base.pathname.replace(/\/+$/, '')}${suffix}`;
}

async function main(args: string[]): Promise<void> {
    const values = readArgs(args);
    if (values.help) {
        console.log(USAGE);
        return;
    }
    if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
    const config = loadConfig();

    const botId = values['bot-id']?.trim() || config.botAuth.MicrosoftAppId;
    if (!botId) {
        throw new MissingSettingError(
            "no bot id: set MicrosoftAppId to the Azure Bot registration's Microsoft App ID, or pass --bot-id GUID",
        );
    }
    const publicUrlText = values['public-url']?.trim() || config.publicUrl;
    if (!publicUrlText) {
        throw new MissingSettingError(
            'no public URL: set PUBLIC_URL (or pass --public-url) to the https address Luotsi is reached at; ' +
                'the package takes its website link and valid domain from it',
        );
    }
    const publicUrl = parsePublicUrl(publicUrlText, values['public-url'] ? '--public-url' : 'PUBLIC_URL');
    const privacyUrl = values['privacy-url']?.trim() || withPath(publicUrl, '/privacy');
    const termsUrl = values['terms-url']?.trim() || withPath(publicUrl, '/terms');
    // Luotsi serves neither page itself: say so, rather than let Teams show a link that may lead nowhere.
    if (!values['privacy-url']) note(`--privacy-url not given, linking ${privacyUrl}: make sure the page exists`);
    if (!values['terms-url']) note(`--terms-url not given, linking ${termsUrl}: make sure the page exists`);

    // Everything is built and checked in memory first, so an invalid package never reaches the disk.
    const appPackage = buildAppPackage({
        botId,
        version: values['app-version']?.trim() || packageJson.version,
        appId: config.teamsAppId,
        developerUrl: withPath(publicUrl, '/'),
        privacyUrl,
        termsUrl,
        validDomains: [publicUrl.host],
    });
    const zip = createZip(appPackage.files);
    const out = path.resolve(values.out ?? DEFAULT_OUT);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, zip);
    const { manifest } = appPackage;
    console.log(`wrote ${out}`);
    console.log(
        `Teams app manifest ${MANIFEST_VERSION}: app ${manifest.id} version ${manifest.version}, bot ${botId}, ` +
            `files ${appPackage.files.map((file) => file.name).join(', ')}`,
    );
}

main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError) {
        process.stderr.write(`teams:package: ${error.message}\n${USAGE}\n`);
        process.exitCode = EXIT_USAGE;
        return;
    }
    if (error instanceof MissingSettingError || error instanceof ConfigError || error instanceof TeamsManifestError) {
        process.stderr.write(`teams:package: ${error.message}\nNothing was written.\n`);
        process.exitCode = 1;
        return;
    }
    process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
