import { randomUUID } from 'node:crypto';
import { Low, Memory } from 'lowdb';
import { z } from 'zod';
import { LANGUAGES } from '../content/vocabulary.js';
import { redactPersonalData } from '../privacy/redact.js';
import { startOfHour } from '../stats/helsinkiTime.js';
import { openJsonFile } from './jsonFileDb.js';
import { SerialLowdb } from './serialLowdb.js';

/**
 * One piece of feedback. Anonymous by design: no user or conversation id, the comment is redacted before it is
 * stored, and `at` is rounded down to the hour so it cannot be matched to a conversation by its timestamp.
 */
export interface FeedbackEntry {
    id: string;
    /** ISO 8601 (UTC), the start of the hour the feedback was given. */
    at: string;
    rating: 1 | 2 | 3 | 4 | 5;
    /** Free text after {@link redactPersonalData}; left out when empty. */
    comment?: string;
    language: 'fi' | 'sv' | 'en';
    /** Bot Framework channel id, e.g. "webchat". */
    channel: string;
    /** Life situation id the resident was in, if any. */
    lifeSituation?: string;
}

/** What callers supply; the store adds `id` and `at`. */
export type NewFeedback = Omit<FeedbackEntry, 'id' | 'at'>;

/** Saves and lists anonymous feedback. */
export interface FeedbackStore {
    /** Redacts, validates and stores the entry; throws {@link InvalidFeedbackError} on invalid input. */
    add(entry: NewFeedback): Promise<FeedbackEntry>;
    /** All entries, oldest first. */
    list(): Promise<FeedbackEntry[]>;
}

/** Longest comment kept, after redaction: feedback, not a document store. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Ids are short slugs: this keeps free text (and with it personal data) out of the fields that are not redacted.
 */
const Slug = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'must be a short id (letters, digits, . _ -)');

const NewFeedbackSchema = z.strictObject({
    rating: z.literal([1, 2, 3, 4, 5]),
    comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
    language: z.enum(LANGUAGES),
    channel: Slug,
    lifeSituation: Slug.optional(),
});

const FeedbackEntrySchema = NewFeedbackSchema.extend({
    id: z.uuid(),
    at: z.iso.datetime(),
}) satisfies z.ZodType<FeedbackEntry>;

/** What the feedback file holds. */
export interface FeedbackData {
    entries: FeedbackEntry[];
}

const FeedbackDataSchema: z.ZodType<FeedbackData> = z.object({ entries: z.array(FeedbackEntrySchema) });

/** An empty database, for `new Low(new Memory(), emptyFeedbackData())` in tests. */
export function emptyFeedbackData(): FeedbackData {
    return { entries: [] };
}

/** Feedback input was rejected; `fields` names what was wrong, without echoing the (possibly personal) values. */
export class InvalidFeedbackError extends Error {
    constructor(
        /** Field paths with the reason, e.g. "rating: Invalid input". */
        readonly fields: readonly string[],
        options?: { cause?: unknown },
    ) {
        super(`Invalid feedback: ${fields.join('; ')}`, options);
        this.name = 'InvalidFeedbackError';
    }
}

/** Options of {@link LowdbFeedbackStore}. */
export interface LowdbFeedbackStoreOptions {
    /** Clock, for tests. */
    now?: () => Date;
    /** Called once by `close()` after the last write; `openFeedbackStore` uses it to let the file be opened again. */
    onClose?: () => void;
    /** Name of the data file, for error messages. */
    name?: string;
}

/** {@link FeedbackStore} on a lowdb database; appends are queued so concurrent turns cannot lose each other's entry. */
export class LowdbFeedbackStore implements FeedbackStore {
    private readonly file: SerialLowdb<FeedbackData>;
    private readonly now: () => Date;

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(db: Low<FeedbackData>, options: LowdbFeedbackStoreOptions = {}) {
        this.file = new SerialLowdb(db, FeedbackDataSchema, options.name ?? 'feedback store', options.onClose);
        this.now = options.now ?? (() => new Date());
    }

    async add(entry: NewFeedback): Promise<FeedbackEntry> {
        this.file.assertOpen('Feedback');
        const comment = typeof entry?.comment === 'string' ? redactPersonalData(entry.comment).trim() : undefined;
        // Redacted before validation, so neither the stored entry nor an error can carry the original text.
        const parsed = NewFeedbackSchema.safeParse({ ...entry, comment: comment || undefined });
        if (!parsed.success) {
            throw new InvalidFeedbackError(
                parsed.error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`),
                { cause: parsed.error },
            );
        }
        const stored: FeedbackEntry = {
            id: randomUUID(),
            at: startOfHour(this.now()),
            ...withoutUndefined(parsed.data),
        };
        // Visible only once written, so a failed write leaves memory and file alike.
        await this.file.run(() => this.file.commit({ entries: [...this.file.data.entries, stored] }));
        return { ...stored };
    }

    async list(): Promise<FeedbackEntry[]> {
        return this.file.data.entries.map((entry) => ({ ...entry }));
    }

    /** Waits for queued writes, then lets the file be opened again; the store refuses entries afterwards. */
    close(): Promise<void> {
        return this.file.close();
    }
}

/** Opens (or creates) a JSON file of feedback. Open each file once per process; `close()` before reopening. */
export async function openFeedbackStore(file: string): Promise<LowdbFeedbackStore> {
    const { db, file: absolute, release } = await openJsonFile(file, emptyFeedbackData(), FeedbackDataSchema);
    return new LowdbFeedbackStore(db, { onClose: release, name: absolute });
}

/** Optional fields are left out rather than stored as undefined, so a stored entry equals its JSON round trip. */
function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** A feedback store kept in memory only: for tests and for tools that must not touch the data directory. */
export function createMemoryFeedbackStore(
    options: Omit<LowdbFeedbackStoreOptions, 'onClose'> = {},
): LowdbFeedbackStore {
    return new LowdbFeedbackStore(new Low(new Memory<FeedbackData>(), emptyFeedbackData()), options);
}
