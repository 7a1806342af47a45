import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/** One file of an archive: its path inside the archive and its bytes. */
export interface ZipEntry {
    readonly name: string;
    readonly data: Uint8Array;
}

/** The entries cannot be written as a plain (non-ZIP64) archive. */
export class ZipError extends Error {
    override readonly name = 'ZipError';
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate, the oldest version every unzip reads
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
// A fixed MS-DOS timestamp (1980-01-01 00:00): the same input gives the same bytes, so a rebuilt package only
// differs when its content does.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_32 = 0xffffffff;

function checkNames(entries: readonly ZipEntry[]): void {
    const seen = new Set<string>();
    for (const { name } of entries) {
        // ASCII only, so no entry needs the UTF-8 flag; relative and without "..", so no unzip writes outside its folder.
        if (!/^[\x21-\x7e]+$/.test(name) || name.startsWith('/') || name.split('/').includes('..')) {
            throw new ZipError(`"${name}" is not a safe relative ASCII file name`);
        }
        if (seen.has(name)) throw new ZipError(`"${name}" is in the archive twice`);
        seen.add(name);
    }
    if (entries.length > 0xffff) throw new ZipError('more than 65535 entries need ZIP64, which this writer lacks');
}

/** Writes a ZIP archive: each entry deflated, or stored where deflating does not make it smaller. */
export function createZip(entries: readonly ZipEntry[]): Buffer {
    checkNames(entries);
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const entry of entries) {
        const name = Buffer.from(entry.name, 'ascii');
        const deflated = deflateRawSync(entry.data, { level: 9 });
        const method = deflated.length < entry.data.length ? METHOD_DEFLATE : METHOD_STORED;
        const body = method === METHOD_DEFLATE ? deflated : Buffer.from(entry.data);
        const crc = crc32(entry.data);
        if (entry.data.length >= MAX_32 || offset + 30 + name.length + body.length >= MAX_32) {
            throw new ZipError(`"${entry.name}" would need ZIP64, which this writer lacks`);
        }

        const local = Buffer.alloc(30);
        local.writeUInt32LE(LOCAL_HEADER, 0);
        local.writeUInt16LE(VERSION, 4);
        local.writeUInt16LE(0, 6); // flags: no data descriptor, names are ASCII
        local.writeUInt16LE(method, 8);
        local.writeUInt16LE(DOS_TIME, 10);
        local.writeUInt16LE(DOS_DATE, 12);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(body.length, 18);
        local.writeUInt32LE(entry.data.length, 22);
        local.writeUInt16LE(name.length, 26);
        local.writeUInt16LE(0, 28); // no extra field
        locals.push(local, name, body);

        const central = Buffer.alloc(46);
        central.writeUInt32LE(CENTRAL_HEADER, 0);
        central.writeUInt16LE(VERSION, 4); // made by: MS-DOS, so unzip applies its default permissions
        central.writeUInt16LE(VERSION, 6);
        central.writeUInt16LE(0, 8);
        central.writeUInt16LE(method, 10);
        central.writeUInt16LE(DOS_TIME, 12);
        central.writeUInt16LE(DOS_DATE, 14);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(body.length, 20);
        central.writeUInt32LE(entry.data.length, 24);
        central.writeUInt16LE(name.length, 28);
        // Extra field, comment, disk number, internal and external attributes: all 0.
        central.writeUInt32LE(offset, 42);
        centrals.push(central, name);

        offset += local.length + name.length + body.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}
