import path from 'node:path';
import { z } from 'zod';

const optionalText = z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** An optional setting that must parse with `schema` when set; empty counts as unset, like optionalText. */
function optionalOf<T extends z.ZodType<string, string>>(schema: T) {
    return z
        .string()
        .trim()
        .transform((value) => (value === '' ? undefined : value))
        .pipe(schema.optional())
        .optional();
}

/** Azure Direct Line's base URL; the resident page talks to it when DIRECT_LINE_SECRET is set. */
export const AZURE_DIRECT_LINE_ENDPOINT = 'https://directline.botframework.com/v3/directline';

/** Comma-separated origins (scheme://host[:port]) allowed to embed the resident chat. */
const originList = z
    .string()
    .default('')
    .transform((value, ctx) => {
        const origins = value
            .split(',')
            .map((origin) => origin.trim())
            .filter((origin) => origin !== '');
        for (const origin of origins) {
            const url = URL.parse(origin);
            if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
                ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://www.example.fi` });
            }
        }
        return origins;
    });

/** Every setting Luotsi reads from the environment; nothing else reads process.env. */
const ConfigSchema = z.object({
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    CONTENT_DIR: z.string().trim().min(1).default('./content'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    PUBLIC_URL: optionalOf(
        z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://luotsi.example.fi' }),
    ),
    TEAMS_APP_ID: optionalOf(z.guid({ error: 'must be a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301' })),
    COOKIE_SECURE: z.stringbool().default(false),
    HANDOFF_MODE: z.enum(['console', 'event']).default('console'),
    HANDOVER_MAX_WAIT_MINUTES: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
    HANDOVER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    ALLOWED_ORIGINS: originList,
    TEAMS_COUNSELLOR_CHANNEL: optionalText,
    TEAMS_SERVICE_URL: z.url().default('https://smba.trafficmanager.net/emea/'),
    DIRECT_LINE_SECRET: optionalText,
    DIRECT_LINE_ENDPOINT: optionalOf(
        z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://example.fi/v3/directline' }),
    ),
    // Not trimmed: spaces are legitimate in a password. Empty counts as unset, so the CLI prompts.
    LUOTSI_PASSWORD: z
        .string()
        .transform((value) => (value === '' ? undefined : value))
        .optional(),
});

/** Settings that only make sense together; checked on the raw values so they are reported with every other problem. */
function credentialProblems(env: NodeJS.ProcessEnv): string[] {
    const set = (name: string) => (env[name] ?? '').trim() !== '';
    const problems: string[] = [];
    if (set('MicrosoftAppId') && !set('MicrosoftAppPassword') && env.MicrosoftAppType !== 'UserAssignedMSI') {
        problems.push(
            'MicrosoftAppPassword: is required when MicrosoftAppId is set (unless MicrosoftAppType is UserAssignedMSI)',
        );
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !set('MicrosoftAppTenantId')) {
        problems.push('MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant');
    }
    return problems;
}

export interface Config {
    readonly host: string;
    readonly port: number;
    readonly dataDir: string;
    readonly contentDir: string;
    /** Bot Framework credentials; absent means the bot accepts unauthenticated local traffic only. */
    readonly botAuth: {
        readonly MicrosoftAppId?: string;
        readonly MicrosoftAppPassword?: string;
        readonly MicrosoftAppTenantId?: string;
        readonly MicrosoftAppType?: string;
    };
    /** PUBLIC_URL: where Luotsi is reached from outside; the Teams app package takes its links and domain from it. */
    readonly publicUrl?: string;
    /** TEAMS_APP_ID: the Teams app's id; unset means `npm run teams:package` derives a stable one from the bot id. */
    readonly teamsAppId?: string;
    /** Mark the counsellor session cookie `Secure`; false by default so plain http on localhost works. */
    readonly cookieSecure: boolean;
    /** console: Luotsi's own queue and console; event: Bot Framework handoff events to an external agent hub. */
    readonly handoffMode: 'console' | 'event';
    /** A resident waiting longer than this is marked abandoned (they are told the phone alternative meanwhile). */
    readonly handoverMaxWaitMinutes: number;
    /** Ended handovers (closed, abandoned) are deleted after this many days: health and social data kept briefly. */
    readonly handoverRetentionDays: number;
    /** TEAMS_COUNSELLOR_CHANNEL: a Teams channel id (19:…@thread.tacv2) where new handovers are posted with Accept. */
    readonly teamsCounsellorChannel?: string;
    /** TEAMS_SERVICE_URL: the Bot Framework service URL of the region's Teams tenant (for the proactive posts). */
    readonly teamsServiceUrl: string;
    /** ALLOWED_ORIGINS: other sites allowed to embed the resident chat (CORS); empty means same origin only. */
    readonly allowedOrigins: readonly string[];
    /** DIRECT_LINE_SECRET: set means the resident page uses Azure Direct Line; never sent to the browser. */
    readonly directLineSecret?: string;
    /** DIRECT_LINE_ENDPOINT: Azure Direct Line's base URL (…/v3/directline), overridable for tests. */
    readonly directLineEndpoint: string;
    /** LUOTSI_PASSWORD: the new account's password for `npm run user:add`; unset means the CLI prompts for it. */
    readonly userAddPassword?: string;
}

export class ConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`Configuration is invalid:\n${problems.join('\n')}`);
        this.name = 'ConfigError';
    }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
    const result = ConfigSchema.safeParse(env);
    const problems = [
        ...(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []),
        ...credentialProblems(env),
    ];
    if (!result.success || problems.length > 0) throw new ConfigError(problems);
    const parsed = result.data;
    return {
        host: parsed.HOST,
        port: parsed.PORT,
        dataDir: path.resolve(parsed.DATA_DIR),
        contentDir: path.resolve(parsed.CONTENT_DIR),
        botAuth: {
            MicrosoftAppId: parsed.MicrosoftAppId,
            MicrosoftAppPassword: parsed.MicrosoftAppPassword,
            MicrosoftAppTenantId: parsed.MicrosoftAppTenantId,
            MicrosoftAppType: parsed.MicrosoftAppType,
        },
        publicUrl: parsed.PUBLIC_URL,
        teamsAppId: parsed.TEAMS_APP_ID,
        cookieSecure: parsed.COOKIE_SECURE,
        handoffMode: parsed.HANDOFF_MODE,
        handoverMaxWaitMinutes: parsed.HANDOVER_MAX_WAIT_MINUTES,
        handoverRetentionDays: parsed.HANDOVER_RETENTION_DAYS,
        userAddPassword: parsed.LUOTSI_PASSWORD,
        allowedOrigins: parsed.ALLOWED_ORIGINS,
        teamsCounsellorChannel: parsed.TEAMS_COUNSELLOR_CHANNEL,
        teamsServiceUrl: parsed.TEAMS_SERVICE_URL,
        directLineSecret: parsed.DIRECT_LINE_SECRET,
        // Without a trailing slash, so the Direct Line paths can be appended.
        directLineEndpoint: (parsed.DIRECT_LINE_ENDPOINT ?? AZURE_DIRECT_LINE_ENDPOINT).replace(/\/+$/, ''),
    };
}
