import path from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import {
    PersistedHandoverQueue,
    type HandoverPersistence,
    type HandoverQueueOptions,
} from '../handover/handoverQueue.js';
import { HandoverRecordSchema, type HandoverRecord } from '../handover/handoverRecord.js';
import { checkShape, openJsonFile } from './jsonFileDb.js';
import { commitData } from './serialLowdb.js';

/** File name of the handover queue in DATA_DIR. */
export const HANDOVERS_FILE = 'handovers.json';

/** What the handover file holds: every record in creation order. */
export interface HandoverData {
    handovers: HandoverRecord[];
}

/**
 * Every record is checked on load with the same rules as on write, redaction included: a hand-edited or old file
 * with unredacted text is refused rather than shown to counsellors.
 */
const HandoverDataSchema: z.ZodType<HandoverData> = z.object({ handovers: z.array(HandoverRecordSchema) });

/** An empty database, for `new Low(new Memory(), emptyHandoverData())` in tests. */
export function emptyHandoverData(): HandoverData {
    return { handovers: [] };
}

/** Options of {@link LowdbHandoverPersistence}. */
export interface LowdbHandoverPersistenceOptions {
    /** Name of the data file, for error messages. */
    name?: string;
    /** Called once when the queue shuts down; `openHandoverFileStore` uses it to let the file be opened again. */
    onClose?: () => void;
}

/**
 * {@link HandoverPersistence} on a lowdb database (JSONFile in production, Memory in tests). The queue serialises
 * saves, so this adapter writes one complete list at a time.
 */
export class LowdbHandoverPersistence implements HandoverPersistence {
    private readonly name: string;

    /** `db` must already have been read (a Memory adapter needs no read); its data is checked here. */
    constructor(
        private readonly db: Low<HandoverData>,
        private readonly options: LowdbHandoverPersistenceOptions = {},
    ) {
        this.name = options.name ?? 'handover store';
        db.data = checkShape(this.name, db.data, HandoverDataSchema);
    }

    load(): readonly HandoverRecord[] {
        return this.db.data.handovers;
    }

    /** Visible in db.data only once written, as in the other stores. */
    save(records: readonly HandoverRecord[]): Promise<void> {
        return commitData(this.db, this.name, { handovers: [...records] });
    }

    close(): void {
        this.options.onClose?.();
    }
}

/**
 * Opens (or creates) DATA_DIR/handovers.json as the handover queue. Open it once per process and `shutdown()` the
 * queue before opening it again: lowdb instances do not coordinate, so a second one would overwrite the first one's
 * writes (and `openJsonFile` refuses it).
 */
export async function openHandoverFileStore(
    dataDir: string,
    options: Omit<HandoverQueueOptions, 'name'> = {},
): Promise<PersistedHandoverQueue> {
    const { db, file, release } = await openJsonFile(
        path.join(dataDir, HANDOVERS_FILE),
        emptyHandoverData(),
        HandoverDataSchema,
    );
    return new PersistedHandoverQueue(new LowdbHandoverPersistence(db, { name: file, onClose: release }), {
        ...options,
        name: file,
    });
}
