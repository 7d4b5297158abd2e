/**
 * Container format detection from the first four bytes. The file name is never consulted:
 * the shared captures include `.pcapng` files that are classic pcap and `.pcap` files that are
 * pcapng (and `.cap` files that are either).
 *
 * Magic numbers: classic pcap a1b2c3d4 (microseconds) and a1b23c4d (nanoseconds), in either byte
 * order (draft-ietf-opsawg-pcap section 4); pcapng starts with the Section Header Block type
 * 0a0d0d0a, which reads the same in both byte orders (draft-ietf-opsawg-pcapng section 4.1).
 */
import { isPcapMagic } from './pcap-file.js';
import { PCAPNG_BLOCK } from './pcapng-file.js';

/** Bytes needed to recognise a format. */
export const SNIFF_BYTES = 4;

/** The container format of a capture whose first four bytes, read big-endian, are `magic`. */
export function sniffFormat(magic: number): 'pcap' | 'pcapng' | 'unknown' {
  if (isPcapMagic(magic)) return 'pcap';
  if (magic === PCAPNG_BLOCK.SHB) return 'pcapng';
  return 'unknown';
}
