/** CRC-32 as PNG chunks and ZIP entries both use it (IEEE 802.3 polynomial, reflected), one table for the process. */
const TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

/** The CRC-32 of `data`; pass the previous result as `crc` to continue over several pieces. */
export function crc32(data: Uint8Array, crc = 0): number {
    let c = ~crc >>> 0;
    for (const byte of data) c = TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return ~c >>> 0;
}
