import { expect } from 'chai';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32 } from '../../src/teams/crc32.js';
import { PngError, encodePng, readPngInfo } from '../../src/teams/png.js';
import { ZipError, createZip } from '../../src/teams/zip.js';
import { decodePng } from './pngReader.js';
import { readZip } from './zipReader.js';

describe('crc32', () => {
    it('should agree with zlib, also when continued over pieces', () => {
        const data = Buffer.from('Luotsi – palveluopas / service guide');
        expect(crc32(data)).to.equal(zlibCrc32(data));
        expect(crc32(data.subarray(10), crc32(data.subarray(0, 10)))).to.equal(zlibCrc32(data));
        expect(crc32(new Uint8Array())).to.equal(0);
    });
});

describe('createZip', () => {
    it('should write entries a ZIP reader gets back byte for byte, deflating only where it helps', () => {
        const text = Buffer.from('{"name": "Luotsi"}\n'.repeat(50));
        const tiny = Buffer.from('x');
        const entries = readZip(
            createZip([
                { name: 'manifest.json', data: text },
                { name: 'tiny.txt', data: tiny },
                { name: 'empty.txt', data: new Uint8Array() },
            ]),
        );
        expect(entries.map((entry) => [entry.name, entry.method])).to.deep.equal([
            ['manifest.json', 8],
            ['tiny.txt', 0],
            ['empty.txt', 0],
        ]);
        expect(entries[0]!.data.equals(text)).to.equal(true);
        expect(entries[1]!.data.equals(tiny)).to.equal(true);
        expect(entries[2]!.data).to.have.lengthOf(0);
    });

    it('should refuse duplicate names and names that would escape the folder', () => {
        const data = Buffer.from('x');
        expect(() =>
            createZip([
                { name: 'a.json', data },
                { name: 'a.json', data },
            ]),
        ).to.throw(ZipError, /twice/);
        expect(() => createZip([{ name: '../a.json', data }])).to.throw(ZipError, /safe relative/);
        expect(() => createZip([{ name: '/a.json', data }])).to.throw(ZipError, /safe relative/);
        expect(() => createZip([{ name: 'ä.json', data }])).to.throw(ZipError, /ASCII/);
    });
});

describe('encodePng', () => {
    it('should encode RGBA pixels that a PNG decoder reads back, with the size in the header', () => {
        const pixels = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) & 0xff);
        const png = encodePng({ width: 3, height: 2, pixels });
        expect(readPngInfo(png)).to.deep.equal({ width: 3, height: 2, bitDepth: 8, colorType: 6 });
        expect([...decodePng(png).pixels]).to.deep.equal([...pixels]);
    });

    it('should refuse a pixel buffer of the wrong size and bytes that are not a PNG', () => {
        expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(15) })).to.throw(PngError, /16 bytes/);
        expect(() => readPngInfo(Buffer.from('not a png at all, not at all, no'))).to.throw(PngError, /not a PNG/);
    });
});
