import type { Service } from '../content/schema.js';

const SYLLABLES = [
    'jär',
    'vi',
    'kos',
    'ke',
    'la',
    'har',
    'ju',
    'vaa',
    'ra',
    'ran',
    'ta',
    'ky',
    'lä',
    'sal',
    'mi',
    'tun',
    'tu',
    'ri',
    'lah',
    'ti',
    'nie',
    'mi',
    'suo',
    'pel',
    'to',
];

/** Deterministic pseudo-random numbers, so every benchmark run measures the same catalogue. */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state * 1664525 + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}

/**
 * A catalogue of `count` services made from the real one: each copy gets a made-up place name, as a large
 * region's catalogue has the same kinds of service in many places. Vocabulary grows the way it would.
 */
export function synthesiseServices(real: readonly Service[], count: number, seed = 42): Service[] {
    const next = random(seed);
    const placeName = () => {
        const length = 2 + Math.floor(next() * 3);
        const name = Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
        return name.charAt(0).toUpperCase() + name.slice(1);
    };
    return Array.from({ length: count }, (_, i) => {
        const base = real[i % real.length] as Service;
        const place = placeName();
        const withPlace = (text: string) => `${text} ${place}`;
        return {
            ...base,
            id: `${base.id}-${i}`,
            names: { fi: withPlace(base.names.fi), sv: withPlace(base.names.sv), en: withPlace(base.names.en) },
        };
    });
}
