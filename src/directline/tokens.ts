import { createHash, randomBytes } from 'node:crypto';

/** What a Direct Line token lets its holder do: act as one user in one conversation until it expires. */
export interface TokenGrant {
    readonly conversationId: string;
    readonly userId: string;
    /** Milliseconds since the epoch. */
    readonly expiresAt: number;
}

export interface IssuedToken {
    readonly token: string;
    /** Seconds, as Direct Line's `expires_in`. */
    readonly expiresIn: number;
}

/** Opaque bearer tokens of the local Direct Line endpoint; asynchronous so a shared store can replace memory. */
export interface TokenStore {
    issue(conversationId: string, userId: string): Promise<IssuedToken>;
    /** The grant of a live token, or undefined for an unknown or expired one. */
    verify(token: string): Promise<TokenGrant | undefined>;
}

export interface MemoryTokenStoreOptions {
    /** Web Chat refreshes every 15 minutes, so 30 leaves room for one missed refresh. */
    readonly ttlMs?: number;
    /** At most this many live tokens; issuing one more forgets the oldest. */
    readonly maxTokens?: number;
    /** Milliseconds since the epoch; injected so tests can move time. */
    readonly now?: () => number;
}

export const TOKEN_DEFAULTS = { ttlMs: 30 * 60 * 1000, maxTokens: 10_000 } as const;

/** Random 32-byte tokens, held in memory by their hash so a heap dump does not hand out live tokens. */
export class MemoryTokenStore implements TokenStore {
    private readonly options: Required<MemoryTokenStoreOptions>;
    /** In issue order; every token lives equally long, so that is also expiry order. */
    private readonly grants = new Map<string, TokenGrant>();

    constructor(options: MemoryTokenStoreOptions = {}) {
        this.options = { ...TOKEN_DEFAULTS, now: Date.now, ...options };
    }

    async issue(conversationId: string, userId: string): Promise<IssuedToken> {
        const now = this.options.now();
        for (const [key, grant] of this.grants) {
            if (grant.expiresAt > now && this.grants.size < this.options.maxTokens) break;
            this.grants.delete(key);
        }
        const token = randomBytes(32).toString('base64url');
        this.grants.set(hash(token), { conversationId, userId, expiresAt: now + this.options.ttlMs });
        return { token, expiresIn: Math.floor(this.options.ttlMs / 1000) };
    }

    async verify(token: string): Promise<TokenGrant | undefined> {
        const key = hash(token);
        const grant = this.grants.get(key);
        if (!grant) return undefined;
        if (grant.expiresAt <= this.options.now()) {
            this.grants.delete(key);
            return undefined;
        }
        return grant;
    }
}

function hash(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('base64url');
}
