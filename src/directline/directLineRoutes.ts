import { randomBytes } from 'node:crypto';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from '../logger.js';
import {
    LOCAL_BOT_ID,
    activityForBot,
    botActivityDraft,
    conversationStartForBot,
    userActivityDraft,
    type ChannelAddress,
    type DirectLineProblem,
} from './activities.js';
import { DirectLineTokenError, generateAzureToken } from './azureDirectLine.js';
import type { Conversation, ConversationStore } from './conversations.js';
import { corsHeaders } from './cors.js';
import { SlidingWindowLimiter } from './rateLimit.js';
import { KeyedQueue } from './keyedQueue.js';
import type { TokenGrant, TokenStore } from './tokens.js';

/** The configuration the resident chat depends on (see src/config.ts). */
export interface DirectLineSettings {
    /** Base URL browsers and the bot's connector use; unset means the address the server listens on. */
    readonly publicUrl?: string;
    /** Other origins allowed to call the Direct Line and token routes from a browser. */
    readonly allowedOrigins: readonly string[];
    /** Set: /api/webchat/token hands out Azure Direct Line tokens and the local endpoint is off. */
    readonly directLineSecret?: string;
    /** Azure Direct Line's base URL (…/v3/directline). */
    readonly directLineEndpoint: string;
    /** The bot's Azure app id; set means Azure mode, where the local endpoint is off (see registerDirectLine). */
    readonly botAppId?: string;
}

export interface DirectLineRouteDeps {
    readonly settings: DirectLineSettings;
    readonly conversations: ConversationStore;
    readonly tokens: TokenStore;
    readonly logger: Logger;
    /** Posting limit per conversation; 30 a minute unless a test injects its own. */
    readonly postLimiter?: SlidingWindowLimiter;
}

/** The bot the local channel delivers to. */
export interface DirectLineBot {
    readonly adapter: CloudAdapter;
    readonly bot: ActivityHandler;
}

/** Direct Line's own limit: a resident typing fast sends a few a minute, a script sends many. */
export const POSTS_PER_MINUTE = 30;
const DIRECT_LINE = '/v3/directline';
const CORS_PATHS = [`${DIRECT_LINE}/`, '/api/webchat/token'];
const USER_ID_PATTERN = /^[\w.:-]{1,64}$/;

/**
 * The resident chat's transport: `/api/webchat/token` for the page, and a local Direct Line 3.0 endpoint that acts
 * as the bot's channel. Posted activities go to the bot through its own CloudAdapter with this server as serviceUrl;
 * the bot answers on the Bot Connector routes (/v3/conversations/…), which append to the same activity stream, so
 * replies and proactive messages (counsellor relay) reach Web Chat alike.
 *
 * The local endpoint runs only without MicrosoftAppId and DIRECT_LINE_SECRET: with an app id the adapter sends
 * replies with Azure-issued bearer tokens that this endpoint cannot check, and its connector routes would accept
 * anyone; so in Azure mode the page uses Azure Direct Line through DIRECT_LINE_SECRET instead.
 */
export function registerDirectLine(server: Server, deps: DirectLineRouteDeps & DirectLineBot): void {
    const { settings, conversations, tokens, logger } = deps;
    const local = !settings.botAppId && !settings.directLineSecret;
    const limiter = deps.postLimiter ?? new SlidingWindowLimiter({ limit: POSTS_PER_MINUTE, windowMs: 60_000 });
    const turns = new KeyedQueue();
    const channel = (): ChannelAddress => ({ serviceUrl: ownBaseUrl(server, settings.publicUrl), botId: LOCAL_BOT_ID });

    /** One bot turn, as if a channel had posted to /api/messages; a conversation's turns never overlap. */
    const deliver = (conversationId: string, activity: Activity): void => {
        turns
            .push(conversationId, () =>
                // No authorization header: without MicrosoftAppId the adapter accepts the channel anonymously.
                deps.adapter.processActivityDirect('', activity, (context) => deps.bot.run(context)),
            )
            .catch((error: unknown) =>
                logger.error('direct line delivery failed', {
                    // processActivityDirect wraps the cause as "…ERROR\n <stack>": keep the cause's own line.
                    error: (error as Error).message.split('\n').slice(0, 2).join(' ').trim(),
                    activityType: activity.type,
                }),
            );
    };

    /**
     * A new conversation is announced to the bot once, when a client first opens it, so the bot can greet; the
     * locale is what the page passes as Web Chat's `conversationStartProperties.locale`, so the greeting (and the
     * conversation's language) need not default to Finnish.
     */
    const start = async (conversation: Conversation, locale: unknown): Promise<void> => {
        const started = await conversations.start(conversation.id);
        if (!started?.first) return;
        const known = typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
        deliver(conversation.id, conversationStartForBot(conversation, channel(), new Date(), known));
    };

    server.pre(function directLineCors(req: Request, res: Response, next: Next): void {
        const path = req.path();
        if (!CORS_PATHS.some((prefix) => path.startsWith(prefix))) return next();
        const preflight = req.method === 'OPTIONS';
        const headers = corsHeaders(req.headers.origin, settings.allowedOrigins, preflight);
        res.header('vary', 'Origin');
        for (const [name, value] of Object.entries(headers ?? {})) res.header(name, value);
        if (!preflight) return next();
        // A refused preflight gets no CORS headers, so the browser keeps the page from sending the request.
        res.send(headers ? 204 : 403);
        return next(false);
    });

    server.post('/api/webchat/token', async (_req: Request, res: Response) => {
        res.header('cache-control', 'no-store');
        if (settings.directLineSecret) {
            try {
                const { token, conversationId } = await generateAzureToken(
                    settings.directLineEndpoint,
                    settings.directLineSecret,
                    newUserId(),
                );
                res.send(200, { token, conversationId, domain: settings.directLineEndpoint });
            } catch (error) {
                const status = error instanceof DirectLineTokenError ? error.status : undefined;
                logger.error('azure direct line token failed', { error: (error as Error).message, status });
                sendProblem(res, { status: 502, code: 'ServiceError', message: 'chat service is not available' });
            }
            return;
        }
        if (!local) {
            return sendProblem(res, {
                status: 503,
                code: 'ServiceError',
                message: 'web chat needs DIRECT_LINE_SECRET when MicrosoftAppId is set',
            });
        }
        const conversation = await conversations.create(newUserId());
        const { token } = await tokens.issue(conversation.id, conversation.userId);
        res.send(200, {
            token,
            conversationId: conversation.id,
            domain: `${ownBaseUrl(server, settings.publicUrl)}${DIRECT_LINE}`,
        });
    });

    if (!local) {
        if (settings.botAppId && !settings.directLineSecret) {
            logger.warn('resident web chat is off: MicrosoftAppId is set but DIRECT_LINE_SECRET is not');
        }
        return;
    }

    /** The token's grant, or an answer already sent: 403 without a live token, 404 for a conversation gone. */
    const authorise = async (
        req: Request,
        res: Response,
        conversationId?: string,
    ): Promise<{ token: string; grant: TokenGrant; conversation: Conversation } | undefined> => {
        const token = bearerToken(req);
        const grant = token === undefined ? undefined : await tokens.verify(token);
        if (token === undefined || !grant) {
            sendProblem(res, { status: 403, code: 'TokenExpired', message: 'token is missing, invalid or expired' });
            return undefined;
        }
        const conversation = await conversations.get(conversationId ?? grant.conversationId);
        if (!conversation) {
            sendProblem(res, { status: 404, code: 'NotFound', message: 'conversation not found or expired' });
            return undefined;
        }
        if (conversation.id !== grant.conversationId) {
            sendProblem(res, { status: 403, code: 'Forbidden', message: 'token is for another conversation' });
            return undefined;
        }
        return { token, grant, conversation };
    };

    /** Start (POST) and reconnect (GET) answer alike: the conversation and the token to keep using. */
    const sendConversation = (res: Response, status: number, authorised: { token: string; grant: TokenGrant }) => {
        res.header('cache-control', 'no-store');
        res.send(status, {
            conversationId: authorised.grant.conversationId,
            token: authorised.token,
            expires_in: Math.max(0, Math.floor((authorised.grant.expiresAt - Date.now()) / 1000)),
        });
    };

    server.post(`${DIRECT_LINE}/conversations`, async (req: Request, res: Response) => {
        const body = objectBody(req);
        if (bearerToken(req) === undefined) {
            // Local demo without /tokens/generate: the conversation and its token are made here.
            const conversation = await conversations.create(userIdFrom(body) ?? newUserId());
            const { token, expiresIn } = await tokens.issue(conversation.id, conversation.userId);
            await start(conversation, body.locale);
            res.header('cache-control', 'no-store');
            res.send(201, { conversationId: conversation.id, token, expires_in: expiresIn });
            return;
        }
        const authorised = await authorise(req, res);
        if (!authorised) return;
        await start(authorised.conversation, body.locale);
        sendConversation(res, 201, authorised);
    });

    server.get(`${DIRECT_LINE}/conversations/:conversationId`, async (req: Request, res: Response) => {
        const authorised = await authorise(req, res, req.params.conversationId);
        if (!authorised) return;
        await start(authorised.conversation, undefined);
        sendConversation(res, 200, authorised);
    });

    server.post(`${DIRECT_LINE}/tokens/generate`, async (req: Request, res: Response) => {
        const conversation = await conversations.create(userIdFrom(objectBody(req)) ?? newUserId());
        const { token, expiresIn } = await tokens.issue(conversation.id, conversation.userId);
        res.header('cache-control', 'no-store');
        res.send(200, { conversationId: conversation.id, token, expires_in: expiresIn });
    });

    server.post(`${DIRECT_LINE}/tokens/refresh`, async (req: Request, res: Response) => {
        const authorised = await authorise(req, res);
        if (!authorised) return;
        const { conversation } = authorised;
        const { token, expiresIn } = await tokens.issue(conversation.id, conversation.userId);
        res.header('cache-control', 'no-store');
        res.send(200, { conversationId: conversation.id, token, expires_in: expiresIn });
    });

    server.get(`${DIRECT_LINE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
        const authorised = await authorise(req, res, req.params.conversationId);
        if (!authorised) return;
        const watermark = parseWatermark((req.query as Record<string, unknown> | undefined)?.watermark);
        if (watermark === undefined) {
            return sendProblem(res, { status: 400, code: 'BadArgument', message: 'watermark must be a number' });
        }
        const page = await conversations.activitiesAfter(authorised.conversation.id, watermark);
        if (!page) return sendProblem(res, { status: 404, code: 'NotFound', message: 'conversation not found' });
        res.header('cache-control', 'no-store');
        res.send(200, { activities: page.activities, watermark: String(page.watermark) });
    });

    server.post(`${DIRECT_LINE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
        const authorised = await authorise(req, res, req.params.conversationId);
        if (!authorised) return;
        const { conversation } = authorised;
        const rate = limiter.take(conversation.id);
        if (!rate.allowed) {
            res.header('retry-after', String(rate.retryAfterSeconds));
            return sendProblem(res, {
                status: 429,
                code: 'TooManyRequests',
                message: `at most ${POSTS_PER_MINUTE} activities a minute`,
            });
        }
        const checked = userActivityDraft(req.body, conversation);
        if (!checked.ok) return sendProblem(res, checked.problem);
        const stored = await conversations.append(conversation.id, checked.draft);
        if (!stored) return sendProblem(res, { status: 404, code: 'NotFound', message: 'conversation not found' });
        // The user's activity is in the stream already (that is what Web Chat takes as "sent"); the bot's answer
        // arrives there through the connector routes, so a slow turn does not hold up the browser's request.
        deliver(conversation.id, activityForBot(stored, conversation, channel()));
        res.send(200, { id: stored.id });
    });

    // Bot Connector routes: where the bot's CloudAdapter sends replies and proactive messages (serviceUrl).
    const fromBot = async (req: Request, res: Response) => {
        const conversationId = String(req.params.conversationId);
        if (!(await conversations.get(conversationId))) {
            return sendProblem(res, { status: 404, code: 'NotFound', message: 'conversation not found' });
        }
        const replyToId = typeof req.params.activityId === 'string' ? req.params.activityId : undefined;
        const checked = botActivityDraft(req.body, conversationId, replyToId);
        if (!checked.ok) return sendProblem(res, checked.problem);
        const stored = await conversations.append(conversationId, checked.draft);
        if (!stored) return sendProblem(res, { status: 404, code: 'NotFound', message: 'conversation not found' });
        res.send(200, { id: stored.id });
    };
    server.post('/v3/conversations/:conversationId/activities', fromBot);
    server.post('/v3/conversations/:conversationId/activities/:activityId', fromBot);
}

/**
 * Where this server is reached: PUBLIC_URL when set, else the address it listens on, with a wildcard bind replaced
 * by loopback since the bot's connector calls it from the same machine.
 */
export function ownBaseUrl(server: Pick<Server, 'address'>, publicUrl: string | undefined): string {
    if (publicUrl) return publicUrl.replace(/\/+$/, '');
    const { address, port } = server.address();
    const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The `dl_` prefix is what Azure Direct Line expects of user ids bound to a token. */
function newUserId(): string {
    return `dl_${randomBytes(12).toString('base64url')}`;
}

function objectBody(req: Request): Record<string, unknown> {
    const body: unknown = req.body;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The `{user: {id}}` a client may send when it starts a conversation without a token (local demo). */
function userIdFrom(body: Record<string, unknown>): string | undefined {
    const id = (body.user as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && USER_ID_PATTERN.test(id) ? id : undefined;
}

function bearerToken(req: Request): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return match?.[1];
}

/** Web Chat sends no watermark at first, then the string it was last given. */
function parseWatermark(value: unknown): number | undefined {
    if (value === undefined || value === '') return 0;
    return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function sendProblem(res: Response, problem: DirectLineProblem): void {
    res.send(problem.status, { error: { code: problem.code, message: problem.message } });
}
