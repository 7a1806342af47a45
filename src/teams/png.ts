import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/** An 8-bit RGBA picture, rows top to bottom, four bytes a pixel. */
export interface RgbaImage {
    readonly width: number;
    readonly height: number;
    readonly pixels: Uint8Array;
}

/** What a PNG's header says about it. */
export interface PngInfo {
    readonly width: number;
    readonly height: number;
    readonly bitDepth: number;
    /** 6 is RGBA, 2 is RGB; see the PNG specification's IHDR table. */
    readonly colorType: number;
}

/** The bytes are not a PNG we can read, or the picture cannot be encoded. */
export class PngError extends Error {
    override readonly name = 'PngError';
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGBA = 6;

function chunk(type: string, data: Uint8Array): Buffer {
    const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    typeAndData.copy(out, 4);
    out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
    return out;
}

/** Encodes an RGBA picture as a PNG: no interlace, filter type 0 on every row (the icons are small and flat). */
export function encodePng(image: RgbaImage): Buffer {
    const { width, height, pixels } = image;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
        throw new PngError(`a PNG needs a positive whole size, got ${width}×${height}`);
    }
    const stride = width * 4;
    if (pixels.length !== stride * height) {
        throw new PngError(`${width}×${height} RGBA needs ${stride * height} bytes, got ${pixels.length}`);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;
    header[9] = COLOR_TYPE_RGBA;
    // Bytes 10–12 stay 0: deflate compression, adaptive filtering, no interlace.
    const raw = Buffer.alloc((stride + 1) * height);
    for (let y = 0; y < height; y++) {
        // Each row starts with its filter type byte, left 0 (None).
        raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    }
    return Buffer.concat([
        SIGNATURE,
        chunk('IHDR', header),
        chunk('IDAT', deflateSync(raw, { level: 9 })),
        chunk('IEND', Buffer.alloc(0)),
    ]);
}

/** Reads the size and pixel format from a PNG's signature and IHDR chunk (checking the chunk's CRC). */
export function readPngInfo(png: Uint8Array): PngInfo {
    const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file');
    if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
        throw new PngError('a PNG must start with a 13-byte IHDR chunk');
    }
    if (crc32(bytes.subarray(12, 29)) !== bytes.readUInt32BE(29)) throw new PngError('the IHDR chunk is corrupt');
    return {
        width: bytes.readUInt32BE(16),
        height: bytes.readUInt32BE(20),
        bitDepth: bytes[24]!,
        colorType: bytes[25]!,
    };
}
