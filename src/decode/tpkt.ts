/**
 * TPKT (RFC 1006, section 6): the ISO transport framing on TCP port 102 that S7comm and MMS
 * (IEC 61850, ICCP) share. Both decoders frame COTP TPDUs by it and resynchronise on it after
 * garbage.
 *
 * ```
 *  | version 3 | reserved 0 | length (2, BE, header included) | COTP: LI | TPDU code | ...
 * ```
 */

/** [RFC1006] 6: the TPKT header. */
export const TPKT = {
  VERSION: 3,
  HEADER_BYTES: 4,
  /** TPKT header + COTP length indicator + TPDU code: the smallest frame that says anything. */
  MIN_FRAME_BYTES: 7,
  PORT: 102,
} as const;

/**
 * First offset at or after `from` where a plausible TPKT + COTP header starts (version 3,
 * reserved 0, length >= 7, a COTP length indicator inside it and a TPDU code that
 * `tpduNames` defines, by high nibble), or -1.
 */
export function scanForTpkt(
  data: Uint8Array,
  from: number,
  tpduNames: Readonly<Record<number, string>>,
): number {
  const last = data.length - TPKT.MIN_FRAME_BYTES;
  for (let p = from; p <= last; p++) {
    if (data[p] !== TPKT.VERSION || data[p + 1] !== 0) continue;
    const len = ((data[p + 2] as number) << 8) | (data[p + 3] as number);
    if (len < TPKT.MIN_FRAME_BYTES) continue;
    const li = data[p + 4] as number;
    if (li < 1 || li + 5 > len) continue;
    if (tpduNames[(data[p + 5] as number) & 0xf0] === undefined) continue;
    return p;
  }
  return -1;
}
