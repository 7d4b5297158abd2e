/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * big-endian words. Verification sums everything including the checksum field and expects
 * 0xffff after folding.
 *
 * Performance: words are assembled from two byte reads, four per loop turn. The running sum
 * stays below 2^32 for anything up to a 65,535-byte datagram plus its pseudo-header (32,768
 * words of at most 0xffff plus a few), so it folds once at the end; no DataView, no allocation.
 */
import type { Packet } from '../packet.js';

/**
 * Adds the 16-bit big-endian words of `b[off..end)` to `sum` (an odd trailing byte is padded
 * with a zero byte, RFC 1071 4.1). Returns the unfolded sum.
 */
export function sumWords(b: Uint8Array, off: number, end: number, sum: number): number {
  let i = off;
  const end8 = end - 7;
  for (; i < end8; i += 8) {
    sum +=
      (((b[i] as number) << 8) | (b[i + 1] as number)) +
      (((b[i + 2] as number) << 8) | (b[i + 3] as number)) +
      (((b[i + 4] as number) << 8) | (b[i + 5] as number)) +
      (((b[i + 6] as number) << 8) | (b[i + 7] as number));
  }
  for (; i < end - 1; i += 2) sum += ((b[i] as number) << 8) | (b[i + 1] as number);
  if (i < end) sum += (b[i] as number) << 8;
  return sum;
}

/** Folds a running sum into 16 bits (end-around carry). */
export function fold(sum: number): number {
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/**
 * The sum of the pseudo-header of `pkt`'s IP layer for upper-layer protocol `proto` and length
 * `len`: RFC 9293 3.1 (IPv4: source, destination, zero, protocol, TCP length) and RFC 8200 8.1
 * (IPv6: source, destination, 32-bit upper-layer length, next header).
 */
export function pseudoSum(pkt: Packet, proto: number, len: number): number {
  if (pkt.ipVersion === 4) {
    const s = pkt.src4;
    const d = pkt.dst4;
    return (s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + proto + len;
  }
  // The two IPv6 addresses are adjacent (source at +8, destination at +24 of the fixed header).
  return sumWords(pkt.buf, pkt.src6Off, pkt.src6Off + 32, proto + (len >>> 16) + (len & 0xffff));
}

/** True when the checksum over `b[off..end)` plus `initial` (a pseudo-header sum) verifies. */
export function checksumOk(b: Uint8Array, off: number, end: number, initial: number): boolean {
  return fold(sumWords(b, off, end, initial)) === 0xffff;
}
