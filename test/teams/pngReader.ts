import { crc32, inflateSync } from 'node:zlib';

/** A decoded 8-bit RGBA PNG. */
export interface DecodedPng {
    readonly width: number;
    readonly height: number;
    readonly colorType: number;
    readonly bitDepth: number;
    /** RGBA, rows top to bottom. */
    readonly pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
    const p = a + b - c;
    const pa = Math.abs(p - a);
    const pb = Math.abs(p - b);
    const pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * A tiny PNG decoder for the tests, independent of src/teams/png.ts: checks the signature and every chunk's CRC,
 * reads the size from IHDR, and undoes all five row filters (8-bit RGBA only, which is what Teams icons use here).
 */
export function decodePng(png: Buffer): DecodedPng {
    if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG signature');
    let at = 8;
    let header: Buffer | undefined;
    const data: Buffer[] = [];
    for (;;) {
        const length = png.readUInt32BE(at);
        const type = png.toString('latin1', at + 4, at + 8);
        const body = png.subarray(at + 8, at + 8 + length);
        if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) {
            throw new Error(`${type}: CRC mismatch`);
        }
        at += 12 + length;
        if (type === 'IHDR') header = body;
        else if (type === 'IDAT') data.push(body);
        else if (type === 'IEND') break;
    }
    if (!header) throw new Error('no IHDR chunk');
    const width = header.readUInt32BE(0);
    const height = header.readUInt32BE(4);
    const bitDepth = header[8]!;
    const colorType = header[9]!;
    if (bitDepth !== 8 || colorType !== 6) return { width, height, colorType, bitDepth, pixels: new Uint8Array() };

    const raw = inflateSync(Buffer.concat(data));
    const stride = width * 4;
    const pixels = new Uint8Array(stride * height);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)]!;
        for (let x = 0; x < stride; x++) {
            const value = raw[y * (stride + 1) + 1 + x]!;
            const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
            const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
            const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
            const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
            if (predictor === undefined) throw new Error(`row ${y}: unknown filter ${filter}`);
            pixels[y * stride + x] = (value + predictor) & 0xff;
        }
    }
    return { width, height, colorType, bitDepth, pixels };
}

/** The RGBA of one pixel. */
export function pixelAt(png: DecodedPng, x: number, y: number): [number, number, number, number] {
    const i = (y * png.width + x) * 4;
    return [png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!, png.pixels[i + 3]!];
}
