import { crc32, inflateRawSync } from 'node:zlib';

/** One file read back from an archive, with what its headers claim. */
export interface ReadEntry {
    readonly name: string;
    readonly method: number;
    readonly data: Buffer;
}

/**
 * A tiny ZIP reader for the tests, independent of src/teams/zip.ts: it follows the end-of-central-directory record
 * to each local header, inflates (or copies) the data, and checks sizes and CRC-32 with node's own zlib.crc32.
 */
export function readZip(zip: Buffer): ReadEntry[] {
    const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (endAt < 0) throw new Error('no end-of-central-directory record');
    const count = zip.readUInt16LE(endAt + 10);
    let at = zip.readUInt32LE(endAt + 16);
    const entries: ReadEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central header at ${at}`);
        const method = zip.readUInt16LE(at + 10);
        const crc = zip.readUInt32LE(at + 16);
        const compressedSize = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const localAt = zip.readUInt32LE(at + 42);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
        at += 46 + nameLength + extraLength + commentLength;

        if (zip.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`${name}: no local header at ${localAt}`);
        if (zip.toString('utf8', localAt + 30, localAt + 30 + zip.readUInt16LE(localAt + 26)) !== name) {
            throw new Error(`${name}: the local header names another file`);
        }
        const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
        const body = zip.subarray(dataAt, dataAt + compressedSize);
        let data: Buffer;
        if (method === 0) data = Buffer.from(body);
        else if (method === 8) data = inflateRawSync(body);
        else throw new Error(`${name}: unknown compression method ${method}`);
        if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the header says ${size}`);
        if (crc32(data) !== crc) throw new Error(`${name}: CRC-32 mismatch`);
        entries.push({ name, method, data });
    }
    return entries;
}
