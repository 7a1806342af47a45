import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { i18n } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog.js';
import { clearedSessionCookie, sessionCookie } from '../auth/cookies.js';
import type { LoginThrottle } from '../auth/loginThrottle.js';
import { requireCsrf, requireSession, sessionOf } from '../auth/restifyAuth.js';
import type { SessionStore } from '../auth/sessions.js';
import type { UserStore } from '../auth/userStore.js';
import type { Catalogue } from '../content/catalogue.js';
import { acceptHandover, secondsBetween, statsBase } from '../handover/acceptHandover.js';
import { HandoverConflictError, HandoverNotFoundError } from '../handover/errors.js';
import type { HandoverQueue } from '../handover/handoverQueue.js';
import {
    HANDOVER_OUTCOMES,
    HANDOVER_STATUSES,
    type HandoverRecord,
    type HandoverStatus,
} from '../handover/handoverRecord.js';
import type { CounsellorEvent, HandoverRelay } from '../handover/handoverRelay.js';
import type { Logger } from '../logger.js';
import type { ConversationStats } from '../stats/conversationStats.js';
import type { StatsEventBody } from '../stats/statsEvents.js';
import { CONTENT_TYPES, loadAsset, pageLanguage, sendAsset, sendHtml, type CspDirectives } from '../web/http.js';
import { renderConsolePage } from './consolePage.js';
import { handoverDetails, handoverListItem } from './handoverViews.js';

export interface CounsellorRouteDeps {
    readonly users: UserStore;
    readonly sessions: SessionStore;
    readonly throttle: LoginThrottle;
    readonly audit: AuditLog;
    readonly handovers: HandoverQueue;
    readonly relay: HandoverRelay;
    readonly catalogue: Catalogue;
    readonly i18n: i18n;
    readonly cookieSecure: boolean;
    readonly logger: Logger;
    readonly stats: ConversationStats;
    readonly now: () => Date;
}

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
/** Counsellor messages are chat lines, not documents. */
const MAX_COUNSELLOR_MESSAGE = 2000;
/** Keeps proxies from closing an idle event stream. */
const SSE_KEEPALIVE_MS = 25_000;
/** The console loads only its own files and talks only to its own API; no other site may frame it. */
const CONSOLE_CSP: CspDirectives = {
    'default-src': ["'self'"],
    'style-src': ["'self'"],
    'script-src': ["'self'"],
    'connect-src': ["'self'"],
    'frame-ancestors': ["'none'"],
};

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
const MessageBody = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(MAX_COUNSELLOR_MESSAGE) });
const CloseBody = z.object({
    outcome: z.enum(HANDOVER_OUTCOMES),
    serviceId: z.string().min(1).optional(),
    notes: z.string().max(2000).optional(),
});
const RatingBody = z.object({ rating: z.number().int().min(1).max(5) });

/** The counsellor console (/counsellor) and its JSON API (/api/counsellor/…), all behind login. */
export async function registerCounsellorRoutes(server: Server, deps: CounsellorRouteDeps): Promise<void> {
    const assets = {
        'console.js': await loadAsset(path.join(PUBLIC_DIR, 'console.js'), CONTENT_TYPES.js),
        'console.css': await loadAsset(path.join(PUBLIC_DIR, 'console.css'), CONTENT_TYPES.css),
    };
    const signedIn = requireSession(deps.sessions);
    const csrf = requireCsrf();

    server.get('/counsellor', async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        sendHtml(res, renderConsolePage(deps.i18n.getFixedT(language), language), { csp: CONSOLE_CSP });
    });
    server.get('/counsellor/:asset', async (req: Request, res: Response) => {
        const asset = assets[req.params.asset as keyof typeof assets];
        if (!asset) return sendError(res, 404, 'not found');
        sendAsset(req, res, asset);
    });

    server.post('/api/counsellor/login', async (req: Request, res: Response) => {
        const body = LoginBody.safeParse(req.body);
        if (!body.success) return sendError(res, 422, 'username and password are required');
        const attempt = { username: body.data.username.toLowerCase(), address: req.socket.remoteAddress ?? 'unknown' };
        const decision = deps.throttle.check(attempt);
        if (!decision.allowed) {
            res.header('retry-after', String(decision.retryAfterSeconds));
            return sendError(res, 429, 'too many failed logins; try again later');
        }
        const user = await deps.users.verify(body.data.username, body.data.password);
        if (!user) {
            deps.throttle.recordFailure(attempt);
            await deps.audit.record({ actor: attempt.username, action: 'login-failed' });
            return sendError(res, 401, 'wrong username or password');
        }
        deps.throttle.recordSuccess(attempt);
        const session = deps.sessions.create(user);
        await deps.audit.record({ actor: user.username, action: 'login' });
        res.header('set-cookie', sessionCookie(session.id, { secure: deps.cookieSecure }));
        res.send(200, { username: user.username, role: user.role, csrfToken: session.csrfToken });
    });

    server.get('/api/counsellor/session', signedIn, async (req: Request, res: Response) => {
        const session = sessionOf(req);
        res.send(200, { username: session.username, role: session.role, csrfToken: session.csrfToken });
    });

    server.post('/api/counsellor/logout', signedIn, csrf, async (req: Request, res: Response) => {
        const session = sessionOf(req);
        deps.sessions.destroy(session.id);
        await deps.audit.record({ actor: session.username, action: 'logout' });
        res.header('set-cookie', clearedSessionCookie({ secure: deps.cookieSecure }));
        res.send(204);
    });

    server.get('/api/counsellor/handovers', signedIn, async (req: Request, res: Response) => {
        const statuses = parseStatuses(req.query?.status);
        if (statuses === null) return sendError(res, 422, `status must be one of: ${HANDOVER_STATUSES.join(', ')}`);
        const language = pageLanguage(req);
        const now = deps.now();
        const records = await deps.handovers.list(statuses ? { status: statuses } : undefined);
        res.send(200, { handovers: records.map((record) => handoverListItem(record, deps.catalogue, language, now)) });
    });

    server.get('/api/counsellor/handovers/:id', signedIn, async (req: Request, res: Response) => {
        const record = await deps.handovers.get(String(req.params.id));
        if (!record) return sendError(res, 404, 'handover not found');
        const session = sessionOf(req);
        // Every view of a transcript is audited: who, when, which handover.
        await deps.audit.record({ actor: session.username, action: 'view-transcript', handoverId: record.id });
        res.send(200, { handover: detailsFor(record, req) });
    });

    server.post('/api/counsellor/handovers/:id/accept', signedIn, csrf, async (req: Request, res: Response) => {
        const session = sessionOf(req);
        const result = await acceptHandover(deps, String(req.params.id), session.username, deps.now());
        if (!result.ok) {
            if (result.reason === 'not-found') return sendError(res, 404, 'handover not found');
            if (result.reason === 'taken')
                return res.send(409, { error: `already taken by ${result.acceptedBy}`, acceptedBy: result.acceptedBy });
            return sendError(res, 409, `handover is ${result.status}, not waiting`);
        }
        await deps.audit.record({ actor: session.username, action: 'accept', handoverId: result.handover.id });
        res.send(200, { handover: detailsFor(result.handover, req) });
    });

    server.post('/api/counsellor/handovers/:id/messages', signedIn, csrf, async (req: Request, res: Response) => {
        const body = MessageBody.safeParse(req.body);
        if (!body.success) return sendError(res, 422, body.error.issues[0]?.message ?? 'text is required');
        const record = await deps.handovers.get(String(req.params.id));
        if (!record) return sendError(res, 404, 'handover not found');
        const session = sessionOf(req);
        if (record.status !== 'accepted' || record.acceptedBy !== session.username) {
            return sendError(res, 409, 'you can write only in a handover you have accepted and not closed');
        }
        const updated = await deps.handovers.appendMessage(record.id, {
            from: 'counsellor',
            text: body.data.text,
            at: deps.now(),
        });
        await relay(updated, { type: 'message', text: body.data.text });
        res.send(200, { message: updated.messages.at(-1) });
    });

    server.post('/api/counsellor/handovers/:id/close', signedIn, csrf, async (req: Request, res: Response) => {
        const body = CloseBody.safeParse(req.body);
        if (!body.success) return sendError(res, 422, `outcome must be one of: ${HANDOVER_OUTCOMES.join(', ')}`);
        const { outcome, serviceId, notes } = body.data;
        if (outcome === 'referred' && (!serviceId || !deps.catalogue.servicesById.has(serviceId))) {
            return sendError(res, 422, 'serviceId of a catalogue service is required when the outcome is referred');
        }
        const session = sessionOf(req);
        const before = await deps.handovers.get(String(req.params.id));
        if (!before) return sendError(res, 404, 'handover not found');
        if (before.status === 'accepted' && before.acceptedBy !== session.username) {
            return sendError(res, 409, `accepted by ${before.acceptedBy}; only they can close it`);
        }
        try {
            const closed = await deps.handovers.close(before.id, {
                outcome,
                referredServiceId: outcome === 'referred' ? serviceId : undefined,
                notes,
                by: session.username,
                now: deps.now(),
            });
            await deps.audit.record({ actor: session.username, action: 'close', handoverId: closed.id });
            const durationSeconds = secondsBetween(closed.acceptedAt ?? closed.createdAt, closed.closedAt);
            await count(closed, { type: 'handover-closed', outcome, durationSeconds });
            if (outcome === 'social-care-contact') await count(closed, { type: 'social-care-contact' });
            if (before.status === 'accepted') await relay(closed, { type: 'closed' });
            res.send(200, { handover: detailsFor(closed, req) });
        } catch (error) {
            if (error instanceof HandoverConflictError)
                return sendError(res, 409, `handover is ${before.status}; it cannot be closed now`);
            throw error;
        }
    });

    server.post('/api/counsellor/handovers/:id/rating', signedIn, csrf, async (req: Request, res: Response) => {
        const body = RatingBody.safeParse(req.body);
        if (!body.success) return sendError(res, 422, 'rating must be a whole number from 1 to 5');
        try {
            const rated = await deps.handovers.rateSummary(String(req.params.id), body.data.rating);
            await count(rated, { type: 'staff-feedback', rating: body.data.rating as 1 | 2 | 3 | 4 | 5 });
            res.send(200, { rating: body.data.rating });
        } catch (error) {
            if (error instanceof HandoverNotFoundError) return sendError(res, 404, 'handover not found');
            throw error;
        }
    });

    server.get('/api/counsellor/services', signedIn, async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        const services = deps.catalogue.services.map((service) => ({
            id: service.id,
            name: service.names[language],
            kind: service.kind,
        }));
        res.send(200, { services: services.sort((a, b) => a.name.localeCompare(b.name, language)) });
    });

    server.get('/api/counsellor/events', signedIn, async (req: Request, res: Response) => {
        const language = pageLanguage(req);
        res.writeHead(200, {
            'content-type': 'text/event-stream',
            'cache-control': 'no-cache',
            connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        const unsubscribe = deps.handovers.subscribe(({ type, handover }) => {
            send('handover', { type, handover: handoverListItem(handover, deps.catalogue, language, deps.now()) });
            const last = handover.messages.at(-1);
            if (type === 'updated' && last?.from === 'resident')
                send('message', { handoverId: handover.id, message: last });
        });
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
        keepAlive.unref();
        // The handler stays open as long as the counsellor's browser listens.
        await new Promise<void>((resolve) => req.on('close', resolve));
        clearInterval(keepAlive);
        unsubscribe();
    });

    function detailsFor(record: HandoverRecord, req: Request) {
        const language = pageLanguage(req);
        return handoverDetails(record, deps.catalogue, language, deps.i18n.getFixedT(language), deps.now());
    }

    /** Counts a counsellor's step with the resident's conversation in the anonymous statistics. */
    async function count(record: HandoverRecord, event: StatsEventBody): Promise<void> {
        const base = statsBase(record);
        if (!base) return;
        await deps.stats.recordFor(base, event);
    }

    /** A resident who left cannot be reached; the counsellor's action still stands. */
    async function relay(record: HandoverRecord, event: CounsellorEvent): Promise<void> {
        try {
            await deps.relay.send(record, event);
        } catch (error) {
            deps.logger.warn('could not reach the resident', {
                handoverId: record.id,
                event: event.type,
                error: (error as Error).message,
            });
        }
    }
}

/** `?status=waiting,accepted` → the statuses; undefined for none; null for an unknown one. */
function parseStatuses(value: unknown): HandoverStatus[] | undefined | null {
    if (value === undefined || value === '') return undefined;
    const statuses = String(value)
        .split(',')
        .map((status) => status.trim());
    return statuses.every((status) => (HANDOVER_STATUSES as readonly string[]).includes(status))
        ? (statuses as HandoverStatus[])
        : null;
}

function sendError(res: Response, status: number, error: string): void {
    res.send(status, { error });
}
