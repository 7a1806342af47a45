import { expect } from 'chai';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, colorIconPng, outlineIconPng } from '../../src/teams/icons.js';
import { decodePng, pixelAt } from './pngReader.js';

const ACCENT: [number, number, number, number] = [0x2a, 0x6e, 0xbb, 255];

describe('Teams icons', () => {
    it('should draw a 192×192 RGBA colour icon: an opaque accent square with a white glyph', () => {
        const png = decodePng(colorIconPng());
        expect([png.width, png.height, png.colorType, png.bitDepth]).to.deep.equal([COLOR_ICON_SIZE, 192, 6, 8]);
        for (const [x, y] of [
            [0, 0],
            [191, 0],
            [0, 191],
            [191, 191],
        ] as const) {
            expect(pixelAt(png, x, y), `corner ${x},${y}`).to.deep.equal(ACCENT);
        }
        let white = 0;
        for (let i = 0; i < png.pixels.length; i += 4) {
            expect(png.pixels[i + 3]).to.equal(255);
            if (png.pixels[i] === 255 && png.pixels[i + 1] === 255 && png.pixels[i + 2] === 255) white++;
        }
        // The glyph is drawn, yet the accent colour still dominates.
        expect(white / (192 * 192)).to.be.within(0.1, 0.4);
    });

    it('should draw a 32×32 outline icon of white only, on a transparent background', () => {
        const png = decodePng(outlineIconPng());
        expect([png.width, png.height, png.colorType, png.bitDepth]).to.deep.equal([OUTLINE_ICON_SIZE, 32, 6, 8]);
        let opaque = 0;
        let transparent = 0;
        for (let i = 0; i < png.pixels.length; i += 4) {
            expect([...png.pixels.subarray(i, i + 3)], `pixel ${i / 4}`).to.deep.equal([255, 255, 255]);
            if (png.pixels[i + 3] === 255) opaque++;
            if (png.pixels[i + 3] === 0) transparent++;
        }
        expect(pixelAt(png, 0, 31)[3]).to.equal(0);
        expect(pixelAt(png, 31, 31)[3]).to.equal(0);
        expect(opaque).to.be.above(100);
        expect(transparent).to.be.above(32 * 32 * 0.5);
    });

    it('should produce the same bytes every time, so a rebuilt package only changes when its content does', () => {
        expect(colorIconPng().equals(colorIconPng())).to.equal(true);
        expect(outlineIconPng().equals(outlineIconPng())).to.equal(true);
    });
});
