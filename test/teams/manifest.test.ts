import { expect } from 'chai';
import {
    ADDITIONAL_LANGUAGES,
    LocalizationFileSchema,
    MANIFEST_VERSION,
    TeamsManifestError,
    TeamsManifestSchema,
    buildLocalizationFiles,
    buildTeamsManifest,
    teamsAppIdFor,
    type TeamsManifestOptions,
} from '../../src/teams/manifest.js';

const BOT_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const OPTIONS: TeamsManifestOptions = {
    botId: BOT_ID,
    version: '1.2.3',
    developerUrl: 'https://luotsi.example.fi/',
    privacyUrl: 'https://luotsi.example.fi/privacy',
    termsUrl: 'https://luotsi.example.fi/terms',
    validDomains: ['luotsi.example.fi'],
};

/** The problems TeamsManifestSchema reports for a manifest changed by `change`. */
function problemsAfter(change: (manifest: Record<string, unknown>) => void): string[] {
    const manifest = structuredClone(buildTeamsManifest(OPTIONS)) as unknown as Record<string, unknown>;
    change(manifest);
    const result = TeamsManifestSchema.safeParse(manifest);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

function thrown(run: () => unknown): TeamsManifestError {
    try {
        run();
    } catch (error) {
        if (error instanceof TeamsManifestError) return error;
        throw error;
    }
    throw new Error('expected a TeamsManifestError');
}

describe('buildTeamsManifest', () => {
    it('should build a manifest of the current schema version that passes the schema', () => {
        const manifest = buildTeamsManifest(OPTIONS);
        expect(TeamsManifestSchema.safeParse(manifest).success).to.equal(true);
        expect(manifest.manifestVersion).to.equal(MANIFEST_VERSION);
        expect(manifest.$schema).to.equal(
            `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
        );
        expect(manifest.version).to.equal('1.2.3');
        expect(manifest.name).to.deep.equal({ short: 'Luotsi', full: 'Luotsi – palveluopas / service guide' });
        expect(manifest.accentColor).to.equal('#2A6EBB');
        expect(manifest.icons).to.deep.equal({ color: 'color.png', outline: 'outline.png' });
        expect(manifest.validDomains).to.deep.equal(['luotsi.example.fi']);
        expect(manifest).not.to.have.property('webApplicationInfo');
        expect(manifest).not.to.have.property('packageName');
    });

    it('should declare one conversational bot in personal, team and group chat scopes with commands', () => {
        const [bot, ...others] = buildTeamsManifest(OPTIONS).bots;
        expect(others).to.be.empty;
        expect(bot).to.include({ botId: BOT_ID, supportsFiles: false, isNotificationOnly: false });
        expect(bot!.scopes).to.deep.equal(['personal', 'team', 'groupChat']);
        const titles = bot!.commandLists.flatMap((list) => list.commands.map((command) => command.title));
        expect(titles).to.deep.equal(['palvelu', 'konsultoi', 'ohje']);
    });

    it('should point to a Swedish and an English localization file with Finnish as the default', () => {
        const { localizationInfo } = buildTeamsManifest(OPTIONS);
        expect(localizationInfo).to.deep.equal({
            defaultLanguageTag: 'fi-FI',
            additionalLanguages: [
                { languageTag: 'sv', file: 'sv-FI.json' },
                { languageTag: 'en', file: 'en-US.json' },
            ],
        });
    });

    it('should derive the same app id for the same bot, a different one for another bot, never the bot id', () => {
        const id = buildTeamsManifest(OPTIONS).id;
        expect(id).to.match(GUID);
        expect(id).to.equal(teamsAppIdFor(BOT_ID.toUpperCase()));
        expect(id).not.to.equal(BOT_ID);
        expect(buildTeamsManifest({ ...OPTIONS, botId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }).id).not.to.equal(id);
    });

    it('should use the configured Teams app id when one is given', () => {
        const appId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
        expect(buildTeamsManifest({ ...OPTIONS, appId }).id).to.equal(appId);
    });

    it('should fail with every problem named when the options are wrong', () => {
        const error = thrown(() =>
            buildTeamsManifest({
                ...OPTIONS,
                botId: 'my-bot',
                version: 'v1',
                privacyUrl: 'http://luotsi.example.fi/privacy',
                validDomains: ['https://luotsi.example.fi/'],
            }),
        );
        expect(error.source).to.equal('manifest.json');
        expect(error.problems).to.include.members([
            'bots.0.botId: must be a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
            'version: must be a semantic version MAJOR.MINOR.PATCH such as 1.0.0',
            'developer.privacyUrl: must be an https:// URL (Teams shows these links to users)',
            'validDomains.0: must be a host name without scheme or path, such as luotsi.example.fi',
        ]);
        expect(error.message).to.contain('manifest.json is invalid:');
    });
});

describe('TeamsManifestSchema', () => {
    it('should reject an app id that is not a GUID', () => {
        expect(problemsAfter((manifest) => (manifest.id = 'luotsi-app'))).to.deep.equal([
            'id: must be a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        ]);
    });

    it('should reject a short description longer than 80 characters', () => {
        const problems = problemsAfter((manifest) => {
            manifest.description = { short: 'x'.repeat(81), full: 'Full description.' };
        });
        expect(problems).to.deep.equal(['description.short: must be at most 80 characters']);
    });

    it('should reject other icon file names, unknown fields and a second bot', () => {
        expect(problemsAfter((manifest) => (manifest.icons = { color: 'icon.png', outline: 'outline.png' })))
            .to.have.lengthOf(1)
            .and.to.match(/^icons\.color:/);
        expect(problemsAfter((manifest) => (manifest.packageName = 'fi.example.luotsi'))[0]).to.match(/packageName/);
        expect(
            problemsAfter((manifest) => {
                const bots = manifest.bots as unknown[];
                manifest.bots = [bots[0], bots[0]];
            }),
        ).to.deep.equal(['bots: must have exactly one bot: Luotsi is a bot app']);
    });

    it('should reject a command list scope the bot does not have and a blank command title', () => {
        const problems = problemsAfter((manifest) => {
            const [bot] = manifest.bots as { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
            bot!.scopes = ['personal'];
            bot!.commandLists[0]!.commands[0]!.title = '  ';
        });
        expect(problems).to.include.members([
            'bots.0.commandLists.0.commands.0.title: must not be empty',
            'bots.0.commandLists.0.scopes: "team" is not one of the bot\'s scopes',
        ]);
    });
});

describe('buildLocalizationFiles', () => {
    it('should translate the names, descriptions and every command, each file passing its schema', () => {
        const manifest = buildTeamsManifest(OPTIONS);
        const files = buildLocalizationFiles(manifest);
        expect(files.map((file) => file.file)).to.deep.equal(ADDITIONAL_LANGUAGES.map((language) => language.file));
        const commandCount = manifest.bots[0]!.commandLists[0]!.commands.length;
        for (const { content } of files) {
            expect(LocalizationFileSchema.safeParse(content).success).to.equal(true);
            expect(content.$schema).to.contain(`/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`);
            const commandKeys = Object.keys(content).filter((key) => key.startsWith('bots[0]'));
            expect(commandKeys).to.have.lengthOf(commandCount * 2);
        }
        const [sv, en] = files;
        expect(sv!.content['bots[0].commandLists[0].commands[1].title']).to.equal('konsultera');
        expect(en!.content['bots[0].commandLists[0].commands[2].title']).to.equal('help');
        expect(en!.content['description.short']!.length).to.be.at.most(80);
    });

    it('should reject a localization file with a key Luotsi does not localize or a too-long short name', () => {
        const [sv] = buildLocalizationFiles(buildTeamsManifest(OPTIONS));
        const result = LocalizationFileSchema.safeParse({
            ...sv!.content,
            'name.short': 'L'.repeat(31),
            'staticTabs[0].name': 'Koti',
        });
        expect(result.success).to.equal(false);
        expect(result.error!.issues.map((issue) => issue.path.join('.'))).to.have.members([
            'name.short',
            'staticTabs[0].name',
        ]);
    });
});
