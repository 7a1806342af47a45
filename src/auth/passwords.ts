import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Shortest password accepted for a new account, in characters (Unicode code points). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted: far beyond any passphrase, short enough that a pasted file is caught. */
export const MAX_PASSWORD_LENGTH = 1024;

/** scrypt cost parameters; stored with every hash so they can be raised later without breaking old hashes. */
export interface ScryptParams {
    /** CPU/memory cost, a power of two. */
    readonly N: number;
    /** Block size. */
    readonly r: number;
    /** Parallelisation. */
    readonly p: number;
}

/**
 * One of OWASP's equivalent minimum settings for scrypt: 32 MiB per hash (a login burst cannot exhaust a small
 * container, as 2^17's 128 MiB could) with p=3 making up the CPU cost; some 200 ms per hash on a server core.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

/**
 * Upper bounds for parameters read back from a stored hash: the users file is data, and a corrupted or planted
 * entry must not make one login allocate gigabytes.
 */
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;

/** A new password does not meet the policy; the message says why and never contains the password. */
export class PasswordPolicyError extends Error {
    constructor(
        /** What is wrong: too short or too long. */
        readonly reason: 'too-short' | 'too-long',
    ) {
        super(
            reason === 'too-short'
                ? `Password must be at least ${MIN_PASSWORD_LENGTH} characters long.`
                : `Password must be at most ${MAX_PASSWORD_LENGTH} characters long.`,
        );
        this.name = 'PasswordPolicyError';
    }
}

/** A stored hash is not in the `scrypt$N$r$p$salt$hash` format (or its parameters are out of range). */
export class PasswordHashFormatError extends Error {
    constructor(message: string) {
        super(`Stored password hash is invalid: ${message}`);
        this.name = 'PasswordHashFormatError';
    }
}

/** Throws {@link PasswordPolicyError} when `password` may not be used for a new account. */
export function checkPasswordPolicy(password: string): void {
    const length = [...normalise(password)].length;
    if (length < MIN_PASSWORD_LENGTH) throw new PasswordPolicyError('too-short');
    if (length > MAX_PASSWORD_LENGTH) throw new PasswordPolicyError('too-long');
}

/**
 * Hashes a new password with a random salt into `scrypt$N$r$p$salt$hash` (salt and hash base64url). Checks the
 * policy first: a hash is only ever made of a password that may be used.
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
    checkPasswordPolicy(password);
    checkParams(params);
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(normalise(password), salt, KEY_BYTES, params);
    return [PREFIX, params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches `stored`. Compares in constant time; the policy is not applied, so a short guess
 * costs as much as any other. Throws {@link PasswordHashFormatError} when `stored` is malformed: that is broken
 * data, not a wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
    const { params, salt, key } = parseHash(stored);
    const candidate = await derive(normalise(password), salt, key.length, params);
    return timingSafeEqual(candidate, key);
}

/**
 * A well-formed hash with random salt and random key: verifying against it costs exactly what a real hash with
 * `params` costs, yet no password can match it. Made without hashing, so it is free to create.
 */
export function unmatchableHash(params: ScryptParams = DEFAULT_SCRYPT): string {
    checkParams(params);
    const salt = randomBytes(SALT_BYTES).toString('base64url');
    const key = randomBytes(KEY_BYTES).toString('base64url');
    return [PREFIX, params.N, params.r, params.p, salt, key].join('$');
}

/** Splits a stored hash into its parts; throws {@link PasswordHashFormatError} if it is not one of ours. */
export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== PREFIX) throw new PasswordHashFormatError('expected scrypt$N$r$p$salt$hash');
    const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
    const params = { N: toInteger(n, 'N'), r: toInteger(r, 'r'), p: toInteger(p, 'p') };
    const problem = paramsProblem(params);
    if (problem) throw new PasswordHashFormatError(problem);
    const base64url = /^[A-Za-z0-9_-]{16,128}$/;
    if (!base64url.test(salt)) throw new PasswordHashFormatError('salt is not base64url of 12–96 bytes');
    if (!base64url.test(key)) throw new PasswordHashFormatError('hash is not base64url of 12–96 bytes');
    return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

function toInteger(text: string, name: string): number {
    if (!/^[1-9][0-9]{0,9}$/.test(text)) throw new PasswordHashFormatError(`${name} is not a positive integer`);
    return Number(text);
}

/** What is wrong with `params`, if anything. */
function paramsProblem({ N, r, p }: ScryptParams): string | undefined {
    const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
    if (!isPowerOfTwo || N > 2 ** MAX_LOG2_N) return `N must be a power of two up to 2^${MAX_LOG2_N}`;
    if (!Number.isInteger(r) || r < 1 || r > MAX_R) return `r must be 1–${MAX_R}`;
    if (!Number.isInteger(p) || p < 1 || p > MAX_P) return `p must be 1–${MAX_P}`;
    return undefined;
}

/** For parameters given by code rather than read from storage: a programming error, not bad data. */
function checkParams(params: ScryptParams): void {
    const problem = paramsProblem(params);
    if (problem) throw new RangeError(`Invalid scrypt parameters: ${problem}`);
}

/**
 * NFC, so the same password typed on terminals or browsers that compose "ä" differently still matches. Lone
 * surrogates (which UTF-8 cannot encode) are left to Buffer's replacement character, as in any web form.
 */
function normalise(password: string): string {
    return password.normalize('NFC');
}

function derive(password: string, salt: Buffer, length: number, { N, r, p }: ScryptParams): Promise<Buffer> {
    // OpenSSL counts 128·r·(N + p + 2) bytes for scrypt; Node's 32 MiB default would refuse N=2^15, r=8.
    const options: ScryptOptions = { N, r, p, maxmem: 128 * r * (N + p + 2) };
    return new Promise((resolve, reject) => {
        scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
}
