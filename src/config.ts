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
    };
}
