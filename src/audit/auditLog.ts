import { z } from 'zod';
import { UsernameSchema } from '../auth/userStore.js';

/** What counsellors and supervisors do that the region must be able to account for. */
export const AUDIT_ACTIONS = [
    'view-transcript',
    'accept',
    'close',
    'login',
    'logout',
    'login-failed',
    'export-stats',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Actor of an entry whose username is not a valid one (a failed login with junk typed as the username): what was
 * typed may be a password or a resident's details, so it is not recorded. Shorter than any username.
 */
export const UNKNOWN_ACTOR = '-';

/** One audit entry. Only ids and names: never transcript text or anything a resident wrote. */
export interface AuditEntry {
    id: string;
    /** ISO 8601 (UTC). */
    at: string;
    /** Username of the counsellor or supervisor, or {@link UNKNOWN_ACTOR}. */
    actor: string;
    action: AuditAction;
    /** The handover acted on, for view-transcript, accept and close. */
    handoverId?: string;
}

/** What callers record; the log adds `id`, and `at` defaults to now. */
export interface NewAuditEntry {
    actor: string;
    action: AuditAction;
    handoverId?: string;
    at?: Date;
}

/** Narrows {@link AuditLog.list}; every given field must match, bounds are inclusive. */
export interface AuditFilter {
    actor?: string;
    action?: AuditAction;
    handoverId?: string;
    from?: Date;
    to?: Date;
}

/** Append-only record of counsellor actions: entries can be added and read, never changed or removed. */
export interface AuditLog {
    /** Validates and appends; throws {@link InvalidAuditEntryError} on invalid input. */
    record(entry: NewAuditEntry): Promise<AuditEntry>;
    /** Entries matching `filter`, oldest first. */
    list(filter?: AuditFilter): Promise<AuditEntry[]>;
}

/** Handover ids are short tokens (a UUID or similar), so free text cannot be smuggled in through this field. */
const HandoverIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be a short id');

const ActorSchema = z.union([z.literal(UNKNOWN_ACTOR), UsernameSchema]);

/** A stored entry; strict, so a field carrying other data is refused rather than kept. */
export const AuditEntrySchema = z.strictObject({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: ActorSchema,
    action: z.enum(AUDIT_ACTIONS),
    handoverId: HandoverIdSchema.optional(),
}) satisfies z.ZodType<AuditEntry>;

const NewAuditEntrySchema = z.strictObject({
    actor: ActorSchema,
    action: z.enum(AUDIT_ACTIONS),
    handoverId: HandoverIdSchema.optional(),
    at: z.date().optional(),
});

/** An entry was refused; `fields` say what was wrong without echoing the values. */
export class InvalidAuditEntryError extends Error {
    constructor(
        /** Field paths with the reason, e.g. "actor: Invalid input". */
        readonly fields: readonly string[],
        options?: { cause?: unknown },
    ) {
        super(`Invalid audit entry: ${fields.join('; ')}`, options);
        this.name = 'InvalidAuditEntryError';
    }
}

/**
 * Checks a new entry and returns it ready to store (without `id`). Throws {@link InvalidAuditEntryError}: a
 * handover action without its handover id, an unknown action, extra fields or an invalid date are refused.
 */
export function prepareAuditEntry(entry: NewAuditEntry, now: Date): Omit<AuditEntry, 'id'> {
    const parsed = NewAuditEntrySchema.safeParse(entry);
    if (!parsed.success) {
        throw new InvalidAuditEntryError(
            parsed.error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`),
            { cause: parsed.error },
        );
    }
    const { actor, action, handoverId, at = now } = parsed.data;
    if (Number.isNaN(at.getTime())) throw new InvalidAuditEntryError(['at: Invalid date']);
    if (HANDOVER_ACTIONS.has(action) && handoverId === undefined) {
        throw new InvalidAuditEntryError([`handoverId: is required for ${action}`]);
    }
    return { at: at.toISOString(), actor, action, ...(handoverId === undefined ? {} : { handoverId }) };
}

/** Actions on one handover: an entry without the handover id would not say what was looked at. */
const HANDOVER_ACTIONS: ReadonlySet<AuditAction> = new Set(['view-transcript', 'accept', 'close']);

/** Whether `entry` passes `filter`. */
export function matchesAuditFilter(entry: AuditEntry, filter: AuditFilter = {}): boolean {
    const at = Date.parse(entry.at);
    return (
        (filter.actor === undefined || entry.actor === filter.actor) &&
        (filter.action === undefined || entry.action === filter.action) &&
        (filter.handoverId === undefined || entry.handoverId === filter.handoverId) &&
        (filter.from === undefined || at >= filter.from.getTime()) &&
        (filter.to === undefined || at <= filter.to.getTime())
    );
}
