import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, RequestHandler, Response } from 'restify';
import { sessionIdFrom } from './cookies.js';
import type { Session, SessionStore } from './sessions.js';
import type { Role } from './userStore.js';

/** Header carrying the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session {@link requireSession} found for a request. A WeakMap rather than a property on `req`: no type
 * augmentation of restify's Request, and nothing a client could set.
 */
const sessionsByRequest = new WeakMap<Request, Session>();

/**
 * The session of a request that passed {@link requireSession}. Throws if it did not: a route that forgot the guard
 * must fail, not run without a user.
 */
export function sessionOf(req: Request): Session {
    const session = sessionsByRequest.get(req);
    if (!session) throw new Error(`No session for ${req.method} ${req.path()}: the route lacks requireSession().`);
    return session;
}

/**
 * Handler that lets a request through only with a live session cookie, and only for `roles` when given: answers
 * 401 `{error}` without a session and 403 `{error}` for another role. Also slides the session's idle timeout.
 */
export function requireSession(sessions: SessionStore, roles?: readonly Role[]): RequestHandler {
    const allowed = roles === undefined ? undefined : new Set<Role>(roles);
    // Callback style: restify 12 only stops the chain on next(false), which an async handler cannot call.
    return function requireSession(req: Request, res: Response, next: Next): void {
        const id = sessionIdFrom(req.headers.cookie);
        const session = id === undefined ? undefined : sessions.get(id);
        if (!session) {
            res.send(401, { error: 'Sign-in required' });
            return next(false);
        }
        if (allowed && !allowed.has(session.role)) {
            res.send(403, { error: `Requires the role ${[...allowed].join(' or ')}` });
            return next(false);
        }
        sessionsByRequest.set(req, session);
        next();
    };
}

/**
 * Handler for state-changing routes, after {@link requireSession}: the `x-csrf-token` header must equal the
 * session's token, else 403. SameSite=Strict already keeps the cookie off cross-site requests; this is the second
 * lock for browsers or proxies that get SameSite wrong. Checks every method it is mounted on.
 */
export function requireCsrf(): RequestHandler {
    return function requireCsrf(req: Request, res: Response, next: Next): void {
        const session = sessionsByRequest.get(req);
        if (!session) {
            res.send(401, { error: 'Sign-in required' });
            return next(false);
        }
        const token = req.headers[CSRF_HEADER];
        if (typeof token !== 'string' || !sameSecret(token, session.csrfToken)) {
            res.send(403, { error: 'CSRF token missing or invalid' });
            return next(false);
        }
        next();
    };
}

/** Constant-time comparison of strings of any length: hashing first gives timingSafeEqual equal-length input. */
function sameSecret(given: string, expected: string): boolean {
    const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
    return timingSafeEqual(digest(given), digest(expected));
}
