/**
 * The DNP3 data link CRC ([1815] IEEE 1815-2012, 9.2.4.2):
 * CRC-16 with generator polynomial 0x3D65 (x^16 + x^13 + x^12 + x^11 + x^10 + x^8 + x^6 + x^5
 * + x^2 + 1), bits processed least significant first (reflected polynomial 0xA6BC), initial
 * value 0, result complemented, sent least significant octet first.
 *
 * Every frame carries one CRC after its 8-octet header and one after every 16-octet block of
 * user data (the last block may be shorter). Table driven: one lookup per octet, no allocation.
 */

/** Reflected polynomial of 0x3D65. */
const POLY_REFLECTED = 0xa6bc;

const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
    t[i] = crc;
  }
  return t;
})();

/**
 * The DNP3 CRC of `data[from, to)`, as the 16-bit number whose little-endian octets follow the
 * block on the wire.
 *
 * @example
 * dnp3Crc(hex('056405c903000400'), 0, 8) // 0x71bd (sent as bd 71)
 */
export function dnp3Crc(data: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    crc = (crc >>> 8) ^ (TABLE[(crc ^ (data[i] as number)) & 0xff] as number);
  }
  return ~crc & 0xffff;
}

/** True when the two octets at `at` (little-endian) equal the CRC of `data[from, at)`. */
export function crcMatches(data: Uint8Array, from: number, at: number): boolean {
  const sent = (data[at] as number) | ((data[at + 1] as number) << 8);
  return dnp3Crc(data, from, at) === sent;
}
