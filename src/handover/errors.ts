import type { HandoverStatus } from './handoverRecord.js';

/** Base of the handover errors, so a caller can tell them from storage or programming errors with one check. */
export class HandoverError extends Error {
    constructor(
        /** Id of the handover concerned; undefined when a new record was rejected before it had one. */
        readonly handoverId: string | undefined,
        message: string,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        this.name = 'HandoverError';
    }
}

/**
 * A handover record or a change to one was rejected. `fields` names what was wrong without echoing the values: they
 * may be a resident's words or phone number, and this message ends up in logs.
 */
export class InvalidHandoverError extends HandoverError {
    constructor(
        handoverId: string | undefined,
        /** Field paths with the reason, e.g. "contact.phone: required when the resident asks to be called back". */
        readonly fields: readonly string[],
        options?: { cause?: unknown },
    ) {
        super(handoverId, `Invalid handover${handoverId ? ` ${handoverId}` : ''}: ${fields.join('; ')}`, options);
        this.name = 'InvalidHandoverError';
    }
}

/** No handover with this id (it never existed, or it was purged after its retention time). */
export class HandoverNotFoundError extends HandoverError {
    constructor(handoverId: string) {
        super(handoverId, `Handover ${handoverId} was not found.`);
        this.name = 'HandoverNotFoundError';
    }
}

/** The handover is in a status that does not allow the action, e.g. closing one nobody has accepted. */
export class HandoverConflictError extends HandoverError {
    constructor(
        handoverId: string,
        /** The status the handover was in when the action was refused. */
        readonly status: HandoverStatus,
        /** What was attempted, e.g. "close". */
        readonly action: string,
        /** The statuses in which the action would have been allowed. */
        readonly allowed: readonly HandoverStatus[],
    ) {
        super(
            handoverId,
            `Handover ${handoverId} is ${status}: cannot ${action} (allowed when ${allowed.join(' or ') || 'never'}).`,
        );
        this.name = 'HandoverConflictError';
    }
}
