import { createHash } from 'node:crypto';
import { z } from 'zod';
import manifestTextJson from './manifestText.json' with { type: 'json' };

/**
 * The app manifest schema version. 1.28 is the newest schema published at developer.microsoft.com/json-schemas/teams
 * that the reference material shows (Learn's prose still names older "current" versions); the bot-related parts used
 * here are the same in every version since 1.19, where `packageName` was dropped.
 */
export const MANIFEST_VERSION = '1.28';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const MANIFEST_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.schema.json`;
/** Teams requires the localization files to use the same schema version as the manifest. */
export const LOCALIZATION_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`;

export const ACCENT_COLOR = '#2A6EBB';
export const MANIFEST_FILE = 'manifest.json';
export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;
/** The manifest's own strings are Finnish: the language Teams falls back to when no other matches. */
export const DEFAULT_LANGUAGE_TAG = 'fi-FI';
/**
 * Swedish and English strings live in files of their own. The tags carry no region: Teams matches a client's
 * language with or without its region (a Finland-Swedish user's Teams often reports sv-SE), so "sv" reaches all.
 */
export const ADDITIONAL_LANGUAGES = [
    { language: 'sv', languageTag: 'sv', file: 'sv-FI.json' },
    { language: 'en', languageTag: 'en', file: 'en-US.json' },
] as const;
/** Personal chat for anyone; team channels and group chats so staff can ask together. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** Arbitrary but fixed: Luotsi's UUID v5 namespace, so the derived Teams app id never changes for a bot. */
const APP_ID_NAMESPACE = '0e1ced26-4015-43d8-82a6-21bf88bc4f09';

// Patterns from the published schema's definitions (guid, languageTag, hexColor, semver).
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const LANGUAGE_TAG = /^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8}){0,2}$/;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/** A host name, optionally with a "*." wildcard and a port; Teams wants validDomains without scheme or path. */
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:[0-9]{1,5})?$/i;
/** Localization files sit next to manifest.json at the root of the package. */
const ROOT_JSON_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.json$/;
const COMMAND_KEY = /^bots\[0\]\.commandLists\[([0-2])\]\.commands\[([0-9])\]\.(title|description)$/;

/** Limits of command titles and descriptions: those of schema versions before 1.2x, which validators still apply. */
const COMMAND_TITLE_MAX = 32;
const COMMAND_DESCRIPTION_MAX = 128;
const COMMANDS_MAX = 10;

/** A manifest, localization file or manifest text that Teams would reject; `problems` lists each as "path: what". */
export class TeamsManifestError extends Error {
    override readonly name = 'TeamsManifestError';
    constructor(
        readonly source: string,
        readonly problems: readonly string[],
    ) {
        super(`${source} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    }
}

function text(max: number) {
    return z.string().max(max, `must be at most ${max} characters`).regex(/\S/, 'must not be empty');
}

function unique<T>(values: readonly T[]): boolean {
    return new Set(values).size === values.length;
}

const guid = z.string().regex(GUID, 'must be a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301');
const httpsUrl = z
    .string()
    .max(2048, 'must be at most 2048 characters')
    .regex(/^https:\/\/[^\s/?#]+[^\s]*$/i, 'must be an https:// URL (Teams shows these links to users)');
const languageTag = z.string().regex(LANGUAGE_TAG, 'must be a language tag such as fi-FI or sv');
const scopes = z
    .array(z.enum(BOT_SCOPES))
    .min(1, 'must name at least one scope')
    .refine(unique, 'must not repeat a scope');

const CommandSchema = z.strictObject({
    title: text(COMMAND_TITLE_MAX),
    description: text(COMMAND_DESCRIPTION_MAX),
});

const BotSchema = z
    .strictObject({
        botId: guid,
        scopes,
        supportsFiles: z.boolean(),
        isNotificationOnly: z.boolean(),
        commandLists: z
            .array(
                z.strictObject({
                    scopes,
                    commands: z
                        .array(CommandSchema)
                        .min(1, 'must list at least one command')
                        .max(COMMANDS_MAX, `must list at most ${COMMANDS_MAX} commands`),
                }),
            )
            .min(1, 'must have a command list')
            .max(3, 'must have at most 3 command lists (one per scope)'),
    })
    .superRefine((bot, ctx) => {
        bot.commandLists.forEach((list, index) => {
            for (const scope of list.scopes) {
                if (!bot.scopes.includes(scope)) {
                    ctx.addIssue({
                        code: 'custom',
                        path: ['commandLists', index, 'scopes'],
                        message: `"${scope}" is not one of the bot's scopes`,
                    });
                }
            }
        });
    });

/** The parts of the Teams app manifest Luotsi produces, as strict as the published schema or stricter. */
export const TeamsManifestSchema = z
    .strictObject({
        $schema: z.literal(MANIFEST_SCHEMA_URL),
        manifestVersion: z.literal(MANIFEST_VERSION),
        version: z
            .string()
            .max(256, 'must be at most 256 characters')
            .regex(SEMVER, 'must be a semantic version MAJOR.MINOR.PATCH such as 1.0.0'),
        id: guid,
        localizationInfo: z.strictObject({
            defaultLanguageTag: languageTag,
            additionalLanguages: z
                .array(
                    z.strictObject({
                        languageTag,
                        file: z.string().regex(ROOT_JSON_FILE, 'must be a .json file name at the package root'),
                    }),
                )
                .refine((list) => unique(list.map((item) => item.languageTag.toLowerCase())), 'repeats a language')
                .refine((list) => unique(list.map((item) => item.file)), 'repeats a file'),
        }),
        developer: z.strictObject({
            name: text(32),
            websiteUrl: httpsUrl,
            privacyUrl: httpsUrl,
            termsOfUseUrl: httpsUrl,
        }),
        name: z.strictObject({ short: text(30), full: text(100) }),
        description: z.strictObject({ short: text(80), full: text(4000) }),
        icons: z.strictObject({ color: z.literal(ICON_FILES.color), outline: z.literal(ICON_FILES.outline) }),
        accentColor: z.string().regex(HEX_COLOR, 'must be a #RRGGBB colour'),
        bots: z.array(BotSchema).length(1, 'must have exactly one bot: Luotsi is a bot app'),
        validDomains: z
            .array(z.string().regex(DOMAIN, 'must be a host name without scheme or path, such as luotsi.example.fi'))
            .max(100, 'must list at most 100 domains')
            .refine(unique, 'must not repeat a domain'),
    })
    .superRefine((manifest, ctx) => {
        const defaultTag = manifest.localizationInfo.defaultLanguageTag.toLowerCase();
        manifest.localizationInfo.additionalLanguages.forEach((language, index) => {
            if (language.languageTag.toLowerCase() === defaultTag) {
                ctx.addIssue({
                    code: 'custom',
                    path: ['localizationInfo', 'additionalLanguages', index, 'languageTag'],
                    message: 'repeats the default language',
                });
            }
        });
    });
export type TeamsManifest = z.infer<typeof TeamsManifestSchema>;

/** A localization file: the manifest's translatable strings under their dotted paths (as the schema names them). */
export const LocalizationFileSchema = z
    .object({
        $schema: z.literal(LOCALIZATION_SCHEMA_URL),
        'name.short': text(30),
        'name.full': text(100),
        'description.short': text(80),
        'description.full': text(4000),
    })
    .catchall(z.string())
    .superRefine((file, ctx) => {
        for (const [key, value] of Object.entries(file)) {
            if (key === '$schema' || key.startsWith('name.') || key.startsWith('description.')) continue;
            const match = COMMAND_KEY.exec(key);
            if (!match) {
                ctx.addIssue({ code: 'custom', path: [key], message: 'is not a string Luotsi localizes' });
                continue;
            }
            const max = match[3] === 'title' ? COMMAND_TITLE_MAX : COMMAND_DESCRIPTION_MAX;
            if (value.length > max || !/\S/.test(value)) {
                ctx.addIssue({ code: 'custom', path: [key], message: `must be 1–${max} characters` });
            }
        }
    });
export type LocalizationFile = z.infer<typeof LocalizationFileSchema>;

const LanguageTextSchema = z.strictObject({
    name: z.strictObject({ short: text(30), full: text(100) }),
    description: z.strictObject({ short: text(80), full: text(4000) }),
    commands: z.array(CommandSchema).min(1).max(COMMANDS_MAX),
});

/** manifestText.json: every string the package shows, per language (no user-facing text in code). */
const ManifestTextSchema = z
    .strictObject({ developerName: text(32), fi: LanguageTextSchema, sv: LanguageTextSchema, en: LanguageTextSchema })
    .superRefine((texts, ctx) => {
        for (const language of ['sv', 'en'] as const) {
            // Localization keys address commands by index, so every language lists the same commands in one order.
            if (texts[language].commands.length !== texts.fi.commands.length) {
                ctx.addIssue({
                    code: 'custom',
                    path: [language, 'commands'],
                    message: `must list as many commands as fi (${texts.fi.commands.length})`,
                });
            }
        }
    });
type ManifestText = z.infer<typeof ManifestTextSchema>;

function problemsOf(error: z.ZodError): string[] {
    return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

let cachedText: ManifestText | undefined;

/** Parsed on first use rather than at import, so a broken file is reported by the caller like any other problem. */
function manifestText(): ManifestText {
    if (cachedText) return cachedText;
    const result = ManifestTextSchema.safeParse(manifestTextJson);
    if (!result.success) throw new TeamsManifestError('src/teams/manifestText.json', problemsOf(result.error));
    cachedText = result.data;
    return cachedText;
}

/** Checks a manifest against TeamsManifestSchema; throws TeamsManifestError naming every problem. */
export function validateManifest(value: unknown): TeamsManifest {
    const result = TeamsManifestSchema.safeParse(value);
    if (!result.success) throw new TeamsManifestError(MANIFEST_FILE, problemsOf(result.error));
    return result.data;
}

/** Checks one localization file; `file` only names it in the error. */
export function validateLocalizationFile(file: string, value: unknown): LocalizationFile {
    const result = LocalizationFileSchema.safeParse(value);
    if (!result.success) throw new TeamsManifestError(file, problemsOf(result.error));
    return result.data;
}

/**
 * The Teams app id for a bot: a UUID v5 of the bot id, so rebuilding the package for the same bot updates the
 * installed app instead of adding a second one, while the two ids stay distinct.
 */
export function teamsAppIdFor(botId: string): string {
    const namespace = Buffer.from(APP_ID_NAMESPACE.replaceAll('-', ''), 'hex');
    const bytes = createHash('sha1').update(namespace).update(botId.trim().toLowerCase(), 'utf8').digest();
    bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
    bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
    const hex = bytes.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface TeamsManifestOptions {
    /** The bot's Microsoft App ID (MicrosoftAppId of the Azure Bot registration). */
    readonly botId: string;
    /** The app's own version (MAJOR.MINOR.PATCH); Teams offers an update only when it grows. */
    readonly version: string;
    /** The Teams app id (TEAMS_APP_ID); derived from the bot id when absent. */
    readonly appId?: string;
    /** Shown as the developer's website: where Luotsi is published. */
    readonly developerUrl: string;
    readonly privacyUrl: string;
    readonly termsUrl: string;
    /** Host names (no scheme) Teams may open inside the app, such as Luotsi's own host. */
    readonly validDomains: readonly string[];
}

/** The manifest for Luotsi's Teams app, validated: throws TeamsManifestError listing every problem. */
export function buildTeamsManifest(options: TeamsManifestOptions): TeamsManifest {
    const texts = manifestText();
    return validateManifest({
        $schema: MANIFEST_SCHEMA_URL,
        manifestVersion: MANIFEST_VERSION,
        version: options.version,
        id: options.appId ?? teamsAppIdFor(options.botId),
        localizationInfo: {
            defaultLanguageTag: DEFAULT_LANGUAGE_TAG,
            additionalLanguages: ADDITIONAL_LANGUAGES.map(({ languageTag, file }) => ({ languageTag, file })),
        },
        developer: {
            name: texts.developerName,
            websiteUrl: options.developerUrl,
            privacyUrl: options.privacyUrl,
            termsOfUseUrl: options.termsUrl,
        },
        name: texts.fi.name,
        description: texts.fi.description,
        icons: { ...ICON_FILES },
        accentColor: ACCENT_COLOR,
        bots: [
            {
                botId: options.botId,
                scopes: [...BOT_SCOPES],
                supportsFiles: false,
                isNotificationOnly: false,
                commandLists: [{ scopes: [...BOT_SCOPES], commands: texts.fi.commands }],
            },
        ],
        validDomains: [...options.validDomains],
    });
}

/** The Swedish and English localization files for a manifest, each validated, in localizationInfo's order. */
export function buildLocalizationFiles(
    manifest: TeamsManifest,
): { readonly file: string; readonly content: LocalizationFile }[] {
    const texts = manifestText();
    return ADDITIONAL_LANGUAGES.map(({ language, file }) => {
        const translation = texts[language];
        const content: Record<string, string> = {
            $schema: LOCALIZATION_SCHEMA_URL,
            'name.short': translation.name.short,
            'name.full': translation.name.full,
            'description.short': translation.description.short,
            'description.full': translation.description.full,
        };
        manifest.bots[0]?.commandLists.forEach((list, listIndex) =>
            list.commands.forEach((_, index) => {
                const command = translation.commands[index];
                if (!command) return;
                content[`bots[0].commandLists[${listIndex}].commands[${index}].title`] = command.title;
                content[`bots[0].commandLists[${listIndex}].commands[${index}].description`] = command.description;
            }),
        );
        return { file, content: validateLocalizationFile(file, content) };
    });
}
