import { randomBytes } from 'node:crypto';
import type { Role, User } from './userStore.js';

/** A counsellor's signed-in session. Plain JSON data, so a Redis store can keep it as it is. */
export interface Session {
    /** 256 random bits, base64url: the value of the session cookie. */
    readonly id: string;
    readonly username: string;
    readonly role: Role;
    /** 256 random bits, base64url: state-changing requests must send it in `x-csrf-token`. */
    readonly csrfToken: string;
    /** ISO 8601 (UTC). */
    readonly createdAt: string;
    /** ISO 8601 (UTC); moves forward with use, never past `createdAt` + the absolute timeout. */
    readonly expiresAt: string;
}

/** Signed-in sessions. In memory for now; a Redis implementation is planned for more than one server process. */
export interface SessionStore {
    /** Starts a session for a user whose password has just been verified. */
    create(user: User): Session;
    /** The session if it exists and has not expired; extends its idle timeout. */
    get(id: string): Session | undefined;
    /** Ends the session (logout); unknown ids are ignored. */
    destroy(id: string): void;
}

/** A session ends after this long without a request. */
export const SESSION_IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** A session ends this long after login however active it is: a working day, then sign in again. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** Options of {@link MemorySessionStore}. */
export interface MemorySessionStoreOptions {
    /** Clock, for tests. */
    now?: () => Date;
    idleTimeoutMs?: number;
    absoluteTimeoutMs?: number;
}

/** What {@link newSecret} produces: 32 bytes in base64url without padding. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 256 bits from the CSPRNG, base64url: for session ids and CSRF tokens. */
export function newSecret(): string {
    return randomBytes(32).toString('base64url');
}

/** {@link SessionStore} in process memory: sessions end when the process does. */
export class MemorySessionStore implements SessionStore {
    private readonly sessions = new Map<string, Session>();
    private readonly now: () => Date;
    private readonly idleMs: number;
    private readonly absoluteMs: number;

    constructor(options: MemorySessionStoreOptions = {}) {
        this.now = options.now ?? (() => new Date());
        this.idleMs = options.idleTimeoutMs ?? SESSION_IDLE_TIMEOUT_MS;
        this.absoluteMs = options.absoluteTimeoutMs ?? SESSION_ABSOLUTE_TIMEOUT_MS;
    }

    create(user: User): Session {
        const now = this.now().getTime();
        // Logins are rare, so sweeping here keeps abandoned sessions from piling up without a timer.
        this.removeExpired(now);
        const session: Session = {
            id: newSecret(),
            username: user.username,
            role: user.role,
            csrfToken: newSecret(),
            createdAt: new Date(now).toISOString(),
            expiresAt: new Date(now + Math.min(this.idleMs, this.absoluteMs)).toISOString(),
        };
        this.sessions.set(session.id, session);
        return { ...session };
    }

    get(id: string): Session | undefined {
        if (typeof id !== 'string' || !SECRET_PATTERN.test(id)) return undefined;
        const session = this.sessions.get(id);
        if (!session) return undefined;
        const now = this.now().getTime();
        if (isExpired(session, now)) {
            this.sessions.delete(id);
            return undefined;
        }
        const absoluteEnd = Date.parse(session.createdAt) + this.absoluteMs;
        const extended: Session = {
            ...session,
            expiresAt: new Date(Math.min(now + this.idleMs, absoluteEnd)).toISOString(),
        };
        this.sessions.set(id, extended);
        return { ...extended };
    }

    destroy(id: string): void {
        this.sessions.delete(id);
    }

    private removeExpired(now: number): void {
        for (const [id, session] of this.sessions) {
            if (isExpired(session, now)) this.sessions.delete(id);
        }
    }
}

function isExpired(session: Session, now: number): boolean {
    return now >= Date.parse(session.expiresAt);
}
