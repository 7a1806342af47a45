import { z } from 'zod';
import { DEFAULT_SCRYPT, hashPassword, unmatchableHash, verifyPassword, type ScryptParams } from './passwords.js';

/** What a counsellor account may do: supervisors also see statistics and other counsellors' handovers. */
export type Role = 'counsellor' | 'supervisor';
export const ROLES = ['counsellor', 'supervisor'] as const satisfies readonly Role[];

/** An account as callers see it: never with its password hash. */
export interface User {
    readonly username: string;
    readonly role: Role;
    /** ISO 8601 (UTC). */
    readonly createdAt: string;
}

/** An account as it is stored. */
export interface StoredUser extends User {
    /** `scrypt$N$r$p$salt$hash`, see {@link hashPassword}. */
    readonly passwordHash: string;
}

/** Adds, checks and looks up counsellor accounts. There are no default accounts: each one is added on purpose. */
export interface UserStore {
    /** Validates and adds an account; throws {@link InvalidUserError}, `PasswordPolicyError` or {@link UserExistsError}. */
    add(username: string, role: Role, password: string): Promise<User>;
    /** The account when the password is right, otherwise undefined; takes about as long for unknown usernames. */
    verify(username: string, password: string): Promise<User | undefined>;
    /** The account, if it exists. */
    get(username: string): Promise<User | undefined>;
}

/** Where accounts are kept: the storage side of {@link PasswordUserStore}, so hashing and timing live in one place. */
export interface UserRecords {
    /** The stored account with this (already normalised) username. */
    find(username: string): Promise<StoredUser | undefined>;
    /** Stores a new account; throws {@link UserExistsError} if the username is taken, never overwrites. */
    insert(user: StoredUser): Promise<void>;
    /** Waits for pending writes and releases the storage. */
    close?(): Promise<void>;
}

/** Lower-case ASCII letters, digits and `. _ -`: safe in logs, audit entries, cookies and file names. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

export const UsernameSchema = z
    .string()
    .regex(USERNAME_PATTERN, 'must be 3–32 characters: lower-case letters a–z, digits, ".", "_" or "-"');

export const StoredUserSchema = z.strictObject({
    username: UsernameSchema,
    role: z.enum(ROLES),
    createdAt: z.iso.datetime(),
    passwordHash: z.string().startsWith('scrypt$'),
}) satisfies z.ZodType<StoredUser>;

/** A username or role given for a new account is not valid. */
export class InvalidUserError extends Error {
    constructor(
        /** Which input was wrong. */
        readonly field: 'username' | 'role',
        /** The rejected value, for the operator who typed it (usernames and roles are not secret). */
        readonly value: string,
        reason: string,
    ) {
        super(`Invalid ${field} "${value}": ${reason}.`);
        this.name = 'InvalidUserError';
    }
}

/** An account with this username exists already; it is never overwritten. */
export class UserExistsError extends Error {
    constructor(readonly username: string) {
        super(`User "${username}" already exists.`);
        this.name = 'UserExistsError';
    }
}

/** Throws {@link InvalidUserError} unless `username` is valid for a new account; returns it unchanged. */
export function checkUsername(username: string): string {
    const result = UsernameSchema.safeParse(username);
    if (!result.success) {
        throw new InvalidUserError('username', String(username), result.error.issues[0]?.message ?? 'invalid');
    }
    return result.data;
}

/** Throws {@link InvalidUserError} unless `role` is one of {@link ROLES}. */
export function checkRole(role: string): Role {
    const found = ROLES.find((known) => known === role);
    if (!found) throw new InvalidUserError('role', String(role), `must be one of ${ROLES.join(', ')}`);
    return found;
}

/**
 * The form a login uses to look an account up: trimmed and lower-cased, so "Anna " finds "anna". Safe because
 * {@link checkUsername} only lets lower-case names in, so no two accounts differ by case.
 */
export function lookupName(username: string): string {
    return String(username).trim().toLowerCase();
}

/** Options of {@link PasswordUserStore}. */
export interface PasswordUserStoreOptions {
    /** Clock for `createdAt`, for tests. */
    now?: () => Date;
    /** scrypt cost of new hashes; tests lower it for speed. */
    scrypt?: ScryptParams;
}

/** {@link UserStore} on any {@link UserRecords}: hashes on add, verifies in constant time, never returns hashes. */
export class PasswordUserStore implements UserStore {
    private readonly now: () => Date;
    private readonly scrypt: ScryptParams;
    /** Verified against for unknown usernames: same cost as a real account, and no password matches it. */
    private readonly dummyHash: string;

    constructor(
        private readonly records: UserRecords,
        options: PasswordUserStoreOptions = {},
    ) {
        this.now = options.now ?? (() => new Date());
        this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
        this.dummyHash = unmatchableHash(this.scrypt);
    }

    async add(username: string, role: Role, password: string): Promise<User> {
        const name = checkUsername(username);
        const checkedRole = checkRole(role);
        const passwordHash = await hashPassword(password, this.scrypt);
        const stored: StoredUser = {
            username: name,
            role: checkedRole,
            createdAt: this.now().toISOString(),
            passwordHash,
        };
        await this.records.insert(stored);
        return publicUser(stored);
    }

    async verify(username: string, password: string): Promise<User | undefined> {
        const name = lookupName(username);
        const stored = USERNAME_PATTERN.test(name) ? await this.records.find(name) : undefined;
        if (!stored) {
            // Same scrypt work as for a real account, so response times do not tell which usernames exist.
            await verifyPassword(String(password), this.dummyHash);
            return undefined;
        }
        return (await verifyPassword(String(password), stored.passwordHash)) ? publicUser(stored) : undefined;
    }

    async get(username: string): Promise<User | undefined> {
        const name = lookupName(username);
        if (!USERNAME_PATTERN.test(name)) return undefined;
        const stored = await this.records.find(name);
        return stored && publicUser(stored);
    }

    /** Waits for pending writes and releases the storage. */
    async close(): Promise<void> {
        await this.records.close?.();
    }
}

/** Copies only the public fields, so a hash can never leak through a spread or a later added field. */
function publicUser({ username, role, createdAt }: StoredUser): User {
    return { username, role, createdAt };
}
