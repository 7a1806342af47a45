/** Name of the counsellor session cookie. */
export const SESSION_COOKIE = 'luotsi_session';

/** Options of {@link sessionCookie}. */
export interface SessionCookieOptions {
    /** Add `Secure`: on behind https (config COOKIE_SECURE), off for plain http on localhost. */
    secure: boolean;
    /** Lifetime for the browser; left out, the cookie ends with the browser session and the server decides expiry. */
    maxAgeSeconds?: number;
}

/**
 * RFC 6265 cookie-octets: printable ASCII except space, `"`, `,`, `;` and `\`. Session ids are base64url, so this
 * only ever fails on a programming error, which must not turn into header injection.
 */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/**
 * The Set-Cookie value for a session: HttpOnly (no script can read it), SameSite=Strict (no cross-site request
 * carries it) and Path=/.
 */
export function sessionCookie(sessionId: string, options: SessionCookieOptions): string {
    if (!COOKIE_VALUE.test(sessionId)) throw new TypeError('Session id contains characters not allowed in a cookie.');
    const parts = [`${SESSION_COOKIE}=${sessionId}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
    if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
    if (options.secure) parts.push('Secure');
    return parts.join('; ');
}

/** The Set-Cookie value that removes the session cookie (logout); attributes must match for the browser to drop it. */
export function clearedSessionCookie(options: Pick<SessionCookieOptions, 'secure'>): string {
    return sessionCookie('', { ...options, maxAgeSeconds: 0 });
}

/**
 * Parses a Cookie request header into name → value. Lenient like browsers and the `cookie` package: pairs without
 * `=` are skipped, whitespace around names and values is trimmed, one pair of double quotes is removed, values are
 * percent-decoded when that is valid and kept as they are otherwise, and the first of repeated names wins.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
    const cookies = new Map<string, string>();
    for (const pair of (header ?? '').split(';')) {
        const equals = pair.indexOf('=');
        if (equals < 0) continue;
        const name = pair.slice(0, equals).trim();
        if (name === '' || cookies.has(name)) continue;
        let value = pair.slice(equals + 1).trim();
        if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
        cookies.set(name, decode(value));
    }
    return cookies;
}

/** The session id from a Cookie header, if there is a non-empty one. */
export function sessionIdFrom(header: string | undefined): string | undefined {
    return parseCookies(header).get(SESSION_COOKIE) || undefined;
}

function decode(value: string): string {
    if (!value.includes('%')) return value;
    try {
        return decodeURIComponent(value);
    } catch {
        return value;
    }
}
