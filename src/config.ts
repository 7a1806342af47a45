import path from 'node:path';
import { z } from 'zod';

const optionalText = z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional();

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
    COOKIE_SECURE: z.stringbool().default(false),
    HANDOFF_MODE: z.enum(['console', 'event']).default('console'),
    HANDOVER_MAX_WAIT_MINUTES: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
    HANDOVER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
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
    /** Mark the counsellor session cookie `Secure`; false by default so plain http on localhost works. */
    readonly cookieSecure: boolean;
    /** console: Luotsi's own queue and console; event: Bot Framework handoff events to an external agent hub. */
    readonly handoffMode: 'console' | 'event';
    /** A resident waiting longer than this is marked abandoned (they are told the phone alternative meanwhile). */
    readonly handoverMaxWaitMinutes: number;
    /** Ended handovers (closed, abandoned) are deleted after this many days: health and social data kept briefly. */
    readonly handoverRetentionDays: number;
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
        cookieSecure: parsed.COOKIE_SECURE,
        handoffMode: parsed.HANDOFF_MODE,
        handoverMaxWaitMinutes: parsed.HANDOVER_MAX_WAIT_MINUTES,
        handoverRetentionDays: parsed.HANDOVER_RETENTION_DAYS,
        userAddPassword: parsed.LUOTSI_PASSWORD,
    };
}
