import { lookupName } from './userStore.js';

/** Who is trying to log in: both the account and the client address are throttled. */
export interface LoginAttempt {
    /** As typed; normalised the way logins look accounts up. */
    readonly username: string;
    /** Client address as the server sees it (behind a proxy: the forwarded client address, not the proxy's). */
    readonly address: string;
}

/** Whether a login may be tried now. */
export type ThrottleDecision =
    | { readonly allowed: true }
    | { readonly allowed: false; /** Whole seconds, for a Retry-After header. */ readonly retryAfterSeconds: number };

/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
    /** Failures within `windowMs` that lock the username or address; default 5. */
    maxFailures?: number;
    /** Default 15 minutes. */
    windowMs?: number;
    /** How long a lock lasts; default 15 minutes. */
    lockoutMs?: number;
    /** Clock, for tests. */
    now?: () => Date;
}

/** Failures of one username or address. */
interface KeyState {
    /** Times (ms) of recent failures, oldest first. */
    readonly failures: readonly number[];
    /** Attempts are refused until this time (ms). */
    readonly lockedUntil?: number;
}

type Rules = Required<Omit<LoginThrottleOptions, 'now'>>;

const MINUTE = 60 * 1000;

/**
 * Refuses logins for a username or a client address after repeated failures: the username limit stops guessing one
 * counsellor's password, the address limit stops trying one password on many usernames. No timers and no I/O: the
 * clock is injected and all state is in this object, so the rules can be tested minute by minute.
 *
 * The caller checks before verifying the password (a refused attempt must not reach scrypt), then records the
 * outcome. Attempts refused during a lock are not counted, so a lock ends when it says it will.
 */
export class LoginThrottle {
    private readonly states = new Map<string, KeyState>();
    private readonly rules: Rules;
    private readonly now: () => Date;
    private lastSweep = 0;

    constructor(options: LoginThrottleOptions = {}) {
        this.rules = {
            maxFailures: options.maxFailures ?? 5,
            windowMs: options.windowMs ?? 15 * MINUTE,
            lockoutMs: options.lockoutMs ?? 15 * MINUTE,
        };
        this.now = options.now ?? (() => new Date());
    }

    /** Whether `attempt` may go ahead; when both are locked, the later unlock time is reported. */
    check(attempt: LoginAttempt): ThrottleDecision {
        const now = this.now().getTime();
        const until = Math.max(...keysOf(attempt).map((key) => lockedUntil(this.states.get(key), now)));
        return until > now ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { allowed: true };
    }

    /** Counts a wrong password (or unknown username) against both the username and the address. */
    recordFailure(attempt: LoginAttempt): void {
        const now = this.now().getTime();
        for (const key of keysOf(attempt)) {
            this.states.set(key, afterFailure(this.states.get(key), now, this.rules));
        }
        this.sweep(now);
    }

    /**
     * Clears the username's failures. The address keeps its count: otherwise one valid account would let an attacker
     * reset the address limit between guesses at other accounts.
     */
    recordSuccess(attempt: LoginAttempt): void {
        this.states.delete(usernameKey(attempt.username));
    }

    /** Drops states with no lock and no failure left in the window, at most once per window, to bound memory. */
    private sweep(now: number): void {
        if (now - this.lastSweep < this.rules.windowMs) return;
        this.lastSweep = now;
        for (const [key, state] of this.states) {
            if (lockedUntil(state, now) <= now && recent(state.failures, now, this.rules.windowMs).length === 0) {
                this.states.delete(key);
            }
        }
    }
}

/** The next state of one key after a failure at `now`. */
function afterFailure(state: KeyState | undefined, now: number, rules: Rules): KeyState {
    if (lockedUntil(state, now) > now) return state ?? { failures: [] };
    const failures = [...recent(state?.failures ?? [], now, rules.windowMs), now];
    // Locking clears the count: after the lock the username gets a fresh set of attempts.
    return failures.length >= rules.maxFailures ? { failures: [], lockedUntil: now + rules.lockoutMs } : { failures };
}

function recent(failures: readonly number[], now: number, windowMs: number): number[] {
    return failures.filter((time) => now - time < windowMs);
}

function lockedUntil(state: KeyState | undefined, now: number): number {
    return state?.lockedUntil !== undefined && state.lockedUntil > now ? state.lockedUntil : 0;
}

function keysOf(attempt: LoginAttempt): string[] {
    return [usernameKey(attempt.username), addressKey(attempt.address)];
}

/** Normalised like account lookups, so "Anna" and "anna" share a count; capped so junk cannot grow memory much. */
function usernameKey(username: string): string {
    return `user:${lookupName(username).slice(0, 64)}`;
}

/** An IPv4 client seen through an IPv6 socket ("::ffff:10.0.0.1") counts as the same address as "10.0.0.1". */
function addressKey(address: string): string {
    const plain = String(address).trim().toLowerCase();
    return `addr:${plain.startsWith('::ffff:') && plain.includes('.') ? plain.slice(7) : plain}`;
}
