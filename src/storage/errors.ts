/** A write was refused because the stored item changed since the writer read it (optimistic concurrency). */
export class ETagConflictError extends Error {
    constructor(
        /** The storage key whose eTag did not match. */
        readonly key: string,
    ) {
        // Same wording as botbuilder's MemoryStorage, so code that matches on it keeps working.
        super(`Storage: error writing "${key}" due to eTag conflict.`);
        this.name = 'ETagConflictError';
    }
}

/** A store's file could not be opened, read or written; `file` names it so the operator knows what to fix. */
export class StoreFileError extends Error {
    constructor(
        /** Absolute path of the data file. */
        readonly file: string,
        message: string,
        options?: { cause?: unknown },
    ) {
        super(`${file}: ${message}`, options);
        this.name = 'StoreFileError';
    }
}
