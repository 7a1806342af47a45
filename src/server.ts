import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Catalogue } from './content/catalogue.js';
import { registerCounsellorRoutes, type CounsellorRouteDeps } from './counsellor/counsellorRoutes.js';
import { registerStatsRoutes, type StatsRouteDeps } from './stats/statsRoutes.js';
import { registerResidentPages, type ResidentPageDeps } from './web/residentRoutes.js';
import { registerDirectLine, type DirectLineRouteDeps } from './directline/directLineRoutes.js';
import { LANGUAGES, type Language } from './content/vocabulary.js';

export interface ServerDependencies {
    readonly catalogue: Catalogue;
    readonly adapter: CloudAdapter;
    readonly bot: ActivityHandler;
    readonly counsellor: CounsellorRouteDeps;
    readonly stats: StatsRouteDeps;
    readonly web: ResidentPageDeps;
    /** The resident web chat: token route and the local Direct Line channel. */
    readonly directLine: DirectLineRouteDeps;
    /** True when MicrosoftAppId is configured: /api/messages then takes only Bot Framework–signed requests. */
    readonly botAuthRequired: boolean;
}

/** Builds the HTTP server with every route; `src/index.ts` only wires it up and listens. */
export async function createServer(deps: ServerDependencies): Promise<Server> {
    const server = restify.createServer({ name: 'luotsi' });
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
    await registerCounsellorRoutes(server, deps.counsellor);
    registerStatsRoutes(server, deps.stats);
    await registerResidentPages(server, deps.web);
    registerDirectLine(server, { ...deps.directLine, adapter: deps.adapter, bot: deps.bot });

    server.post('/api/messages', async (req: Request, res: Response) => {
        // botbuilder verifies signed tokens; a token that cannot even be one is refused here, before any key lookup.
        if (deps.botAuthRequired && !looksLikeSignedJwt(req.headers.authorization)) {
            res.send(401, { error: 'a valid Bot Framework token is required' });
            return;
        }
        const problem = activityProblem(req.body);
        if (problem) {
            res.send(400, { error: problem });
            return;
        }
        await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    });

    server.get('/healthz', async (_req: Request, res: Response) => {
        res.send(200, health(deps.catalogue));
    });

    return server;
}

/** What /healthz reports: enough for monitoring to see that the right catalogue is loaded in every language. */
export function health(catalogue: Catalogue) {
    const perLanguage = (count: (language: Language) => number) =>
        Object.fromEntries(LANGUAGES.map((language) => [language, count(language)]));
    return {
        status: 'ok',
        contentVersion: catalogue.region.contentVersion,
        services: perLanguage((language) => catalogue.services.filter((service) => service.names[language]).length),
        lifeSituations: perLanguage(
            (language) => catalogue.lifeSituations.filter((situation) => situation.names[language]).length,
        ),
    };
}

/** botbuilder answers a body without an activity type with a 500; we say what is wrong instead. */
function activityProblem(body: unknown): string | undefined {
    if (!body || typeof body !== 'object' || Array.isArray(body))
        return 'body must be a Bot Framework activity (JSON object)';
    const { type } = body as { type?: unknown };
    if (typeof type !== 'string' || type === '') return 'activity type is missing';
    return undefined;
}

/** A bearer JWT whose header names an RS256 signing key, as Bot Framework and Entra ID tokens do. */
function looksLikeSignedJwt(authorization: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const [header, payload, signature] = token?.split('.') ?? [];
    if (!header || !payload || !signature) return false;
    try {
        const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
            alg?: unknown;
            kid?: unknown;
        };
        return parsed.alg === 'RS256' && typeof parsed.kid === 'string';
    } catch {
        return false;
    }
}
