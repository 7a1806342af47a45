import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { MANIFEST_VERSION, TeamsManifestSchema, validateLocalizationFile } from '../../src/teams/manifest.js';
import { removeDir, runScript, tempDir } from '../helpers.js';
import { decodePng } from './pngReader.js';
import { readZip, type ReadEntry } from './zipReader.js';

const CLI = 'src/cli/teamsPackage.ts';
const BOT_ID = '00000000-0000-0000-0000-000000000000';
/** The developer's own settings must not leak in: each run states the ones it relies on. */
const ENV = { MicrosoftAppId: '', MicrosoftAppPassword: '', TEAMS_APP_ID: '', PUBLIC_URL: 'https://luotsi.example.fi' };

function entry(entries: ReadEntry[], name: string): ReadEntry {
    const found = entries.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`${name} is not in the package`);
    return found;
}

describe('teams:package CLI', function () {
    // Each test starts node with tsx; allow for a slow machine even when run without .mocharc's timeout.
    this.timeout(20_000);
    let dir: string;

    beforeEach(async () => {
        dir = await tempDir('luotsi-teams-');
    });

    afterEach(async () => {
        await removeDir(dir);
    });

    it('should write a package of exactly the manifest, both icons and both localization files', async () => {
        const out = path.join(dir, 'nested', 'luotsi.zip');
        const result = await runScript(CLI, ['--bot-id', BOT_ID, '--out', out], { env: ENV });
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.contain(out).and.to.contain(`manifest ${MANIFEST_VERSION}`);

        const entries = readZip(await readFile(out));
        expect(entries.map((item) => item.name).sort()).to.deep.equal(
            ['color.png', 'en-US.json', 'manifest.json', 'outline.png', 'sv-FI.json'].sort(),
        );

        const manifest = TeamsManifestSchema.parse(JSON.parse(entry(entries, 'manifest.json').data.toString('utf8')));
        expect(manifest.manifestVersion).to.equal(MANIFEST_VERSION);
        expect(manifest.bots[0]!.botId).to.equal(BOT_ID);
        expect(manifest.developer.websiteUrl).to.equal('https://luotsi.example.fi/');
        expect(manifest.developer.privacyUrl).to.equal('https://luotsi.example.fi/privacy');
        expect(manifest.validDomains).to.deep.equal(['luotsi.example.fi']);
        for (const { file } of manifest.localizationInfo.additionalLanguages) {
            validateLocalizationFile(file, JSON.parse(entry(entries, file).data.toString('utf8')));
        }

        const color = decodePng(entry(entries, 'color.png').data);
        const outline = decodePng(entry(entries, 'outline.png').data);
        expect([color.width, color.height]).to.deep.equal([192, 192]);
        expect([outline.width, outline.height]).to.deep.equal([32, 32]);
        // The privacy and terms pages are guessed from PUBLIC_URL, and the CLI says so.
        expect(result.stderr).to.contain('--privacy-url not given');
    });

    it('should take the bot id from MicrosoftAppId, the app id from TEAMS_APP_ID and links from the options', async () => {
        const out = path.join(dir, 'luotsi.zip');
        const appId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
        const result = await runScript(
            CLI,
            [
                '--out',
                out,
                '--privacy-url',
                'https://hyvinvointialue.example.fi/tietosuoja',
                '--terms-url',
                'https://hyvinvointialue.example.fi/kayttoehdot',
                '--app-version',
                '2.0.1',
            ],
            { env: { ...ENV, MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'secret', TEAMS_APP_ID: appId } },
        );
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stderr).not.to.contain('not given');
        const entries = readZip(await readFile(out));
        const manifest = TeamsManifestSchema.parse(JSON.parse(entry(entries, 'manifest.json').data.toString('utf8')));
        expect(manifest).to.include({ id: appId, version: '2.0.1' });
        expect(manifest.bots[0]!.botId).to.equal(BOT_ID);
        expect(manifest.developer.termsOfUseUrl).to.equal('https://hyvinvointialue.example.fi/kayttoehdot');
    });

    it('should exit 1 without writing anything when no bot id is set or given', async () => {
        const out = path.join(dir, 'luotsi.zip');
        const result = await runScript(CLI, ['--out', out], { env: ENV });
        expect(result.code).to.equal(1);
        expect(result.stderr).to.contain('no bot id').and.to.contain('MicrosoftAppId').and.to.contain('--bot-id');
        expect(existsSync(out)).to.equal(false);
    });

    it('should exit 1 naming PUBLIC_URL when the public URL is missing', async () => {
        const out = path.join(dir, 'luotsi.zip');
        const result = await runScript(CLI, ['--bot-id', BOT_ID, '--out', out], { env: { ...ENV, PUBLIC_URL: '' } });
        expect(result.code).to.equal(1);
        expect(result.stderr).to.contain('PUBLIC_URL');
        expect(existsSync(out)).to.equal(false);
    });

    it('should exit 1 with the manifest problem when the bot id is not a GUID or the URL is not https', async () => {
        const out = path.join(dir, 'luotsi.zip');
        const result = await runScript(CLI, ['--bot-id', 'luotsi-bot', '--out', out], {
            env: { ...ENV, PUBLIC_URL: 'http://luotsi.example.fi' },
        });
        expect(result.code).to.equal(1);
        expect(result.stderr).to.contain('manifest.json is invalid');
        expect(result.stderr).to.contain('bots.0.botId: must be a GUID');
        expect(result.stderr).to.contain('developer.websiteUrl: must be an https:// URL');
        expect(existsSync(out)).to.equal(false);
    });

    it('should exit 2 with the usage on an unknown option', async () => {
        const result = await runScript(CLI, ['--bot', BOT_ID], { env: ENV });
        expect(result.code).to.equal(2);
        expect(result.stderr).to.contain('usage: npm run teams:package');
    });

    it('should write an archive that Info-ZIP unzip also tests as sound, where unzip is installed', async function () {
        if (!existsSync('/usr/bin/unzip')) this.skip();
        const out = path.join(dir, 'luotsi.zip');
        const result = await runScript(CLI, ['--bot-id', BOT_ID, '--out', out], { env: ENV });
        expect(result.code, result.stderr).to.equal(0);
        const { stdout } = await promisify(execFile)('/usr/bin/unzip', ['-t', out]);
        expect(stdout).to.contain('No errors detected');
    });
});
