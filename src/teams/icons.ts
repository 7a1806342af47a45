import { ACCENT_COLOR } from './manifest.js';
import { encodePng } from './png.js';

/** Teams' sizes: the colour icon is 192×192, the outline icon (app bar, white on transparent) 32×32. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Part of the colour icon the glyph takes: Teams crops the square's corners, so the glyph keeps clear of them. */
const COLOR_GLYPH_SCALE = 0.75;

type Point = readonly [number, number];

/** Which side of the line a→b the point p lies on (the sign of the cross product). */
function side(p: Point, a: Point, b: Point): number {
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

function inTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
    const s1 = side(p, a, b);
    const s2 = side(p, b, c);
    const s3 = side(p, c, a);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/**
 * Luotsi's glyph in a unit square (y down): a compass ring with its north needle around a bold "L" – a pilot
 * ("luotsi") finding the way. Strokes are at least 2.5 px wide at 32 px so the outline icon stays legible.
 */
function inGlyph(x: number, y: number): boolean {
    const radius = Math.hypot(x - 0.5, y - 0.5);
    if (radius >= 0.34 && radius <= 0.42) return true;
    if (inTriangle([x, y], [0.5, 0], [0.41, 0.18], [0.59, 0.18])) return true;
    if (x >= 0.38 && x <= 0.49 && y >= 0.29 && y <= 0.7) return true;
    return x >= 0.38 && x <= 0.66 && y >= 0.6 && y <= 0.7;
}

/**
 * How much of each pixel the glyph covers (0–1), drawn in a `glyphSize` square centred on a `size` canvas and
 * sampled `samples`×`samples` times a pixel: more at the small size, where one pixel is a large part of a stroke.
 */
function coverage(size: number, glyphSize: number, samples: number): Float64Array {
    const offset = (size - glyphSize) / 2;
    const result = new Float64Array(size * size);
    for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
            let hits = 0;
            for (let sy = 0; sy < samples; sy++) {
                for (let sx = 0; sx < samples; sx++) {
                    const x = (px + (sx + 0.5) / samples - offset) / glyphSize;
                    const y = (py + (sy + 0.5) / samples - offset) / glyphSize;
                    if (inGlyph(x, y)) hits++;
                }
            }
            result[py * size + px] = hits / (samples * samples);
        }
    }
    return result;
}

function hexToRgb(hex: string): [number, number, number] {
    const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!match) throw new Error(`"${hex}" is not a #RRGGBB colour`);
    return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** The 192×192 colour icon: white glyph on an opaque accent-coloured square. */
export function colorIconPng(accent: string = ACCENT_COLOR): Buffer {
    const [r, g, b] = hexToRgb(accent);
    const cover = coverage(COLOR_ICON_SIZE, COLOR_ICON_SIZE * COLOR_GLYPH_SCALE, 4);
    const pixels = new Uint8Array(cover.length * 4);
    cover.forEach((c, i) => {
        pixels[i * 4] = Math.round(r + (255 - r) * c);
        pixels[i * 4 + 1] = Math.round(g + (255 - g) * c);
        pixels[i * 4 + 2] = Math.round(b + (255 - b) * c);
        pixels[i * 4 + 3] = 255;
    });
    return encodePng({ width: COLOR_ICON_SIZE, height: COLOR_ICON_SIZE, pixels });
}

/** The 32×32 outline icon: only white, the glyph's coverage in the alpha channel, everything else transparent. */
export function outlineIconPng(): Buffer {
    const cover = coverage(OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE, 8);
    const pixels = new Uint8Array(cover.length * 4);
    // Transparent pixels are white too (alpha 0): validators that check "white only" look at every pixel's colour.
    pixels.fill(255);
    cover.forEach((c, i) => {
        pixels[i * 4 + 3] = Math.round(255 * c);
    });
    return encodePng({ width: OUTLINE_ICON_SIZE, height: OUTLINE_ICON_SIZE, pixels });
}
