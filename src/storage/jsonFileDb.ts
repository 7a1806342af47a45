import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { StoreFileError } from './errors.js';

/** A lowdb database on a JSON file, plus the function that lets another instance open the file again. */
export interface OpenedJsonFile<T> {
    readonly db: Low<T>;
    /** Absolute path of the file. */
    readonly file: string;
    /** Call when the store is closed, after its last write. */
    readonly release: () => void;
}

/**
 * Files open in this process. Two lowdb instances on one file would each write their own view of the data and
 * silently drop the other's changes (lowdb has no cross-instance lock), so a second open is refused.
 */
const openFiles = new Set<string>();

/**
 * Opens `file` with the JSONFile adapter (creating its directory), reads it and checks its shape with `schema`.
 * A missing file starts from `defaultData`; the file is created by the first write.
 */
export async function openJsonFile<T>(file: string, defaultData: T, schema: z.ZodType<T>): Promise<OpenedJsonFile<T>> {
    const absolute = path.resolve(file);
    if (openFiles.has(absolute)) {
        throw new StoreFileError(absolute, 'is already open in this process; close the other store first.');
    }
    openFiles.add(absolute);
    const release = () => void openFiles.delete(absolute);
    try {
        await mkdir(path.dirname(absolute), { recursive: true });
        const db = new Low<T>(new JSONFile<T>(absolute), defaultData);
        await db.read();
        db.data = checkShape(absolute, db.data, schema);
        return { db, file: absolute, release };
    } catch (error) {
        release();
        if (error instanceof StoreFileError) throw error;
        throw new StoreFileError(absolute, `could not be opened (${describeError(error)})`, { cause: error });
    }
}

/**
 * The error code or class only: a JSON syntax error's message quotes part of the file, which may hold personal
 * data, and this message is meant for logs. The full error stays in `cause`.
 */
export function describeError(error: unknown): string {
    if (error instanceof Error) {
        const code = (error as NodeJS.ErrnoException).code;
        return typeof code === 'string' ? code : error.name;
    }
    return typeof error;
}

/** Validates data read from a file; the error names the first offending field path. */
export function checkShape<T>(file: string, data: unknown, schema: z.ZodType<T>): T {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new StoreFileError(file, `unexpected content at ${where}: ${issue?.message ?? 'invalid'}`, {
        cause: result.error,
    });
}
