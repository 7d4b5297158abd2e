/**
 * IPv4 header decoder.
 *
 * Spec: RFC 791 3.1 (header format, options), 3.2 (fragmentation); RFC 1071 (header checksum);
 * RFC 815 via `ip-reassembly.ts`.
 *
 * ```
 *  0               1               2               3
 *  +-------+-------+---------------+-------------------------------+
 *  |Version|  IHL  |    DSCP/ECN   |          Total Length         |
 *  |        Identification         |Flags|     Fragment Offset     |
 *  |      TTL      |   Protocol    |        Header Checksum        |
 *  |                        Source Address                         |
 *  |                     Destination Address                       |
 *  |                Options (IHL*4 - 20 bytes)                     |
 *  +---------------------------------------------------------------+
 * ```
 *
 * Quirks handled:
 * - Ethernet pads short frames to 60 bytes: the datagram ends at Total Length, not at the frame.
 * - Total Length 0 is what TCP segmentation offload leaves in captures taken on the sender; like
 *   Wireshark, the captured length is used then (`ipv4.zero_total_length`).
 * - A frame cut by the snaplen is decoded up to the captured bytes without a truncation anomaly.
 * - A bad header checksum is counted and flagged; the packet is still decoded.
 * Bytes are read by index: this runs once per packet and one length gate covers the header.
 */
import type { AnomalyCatalog } from '../decoder.js';
import { BadChecksum, PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { checksumOk, fold, sumWords } from './checksum.js';
import type { NetContext } from './context.js';
import { fragmentAnomalies } from './ip-reassembly.js';
import { decodeTransport } from './transport.js';

/** Anomalies raised by the IPv4 decoder and its fragment reassembly. */
export const IPV4_ANOMALIES: AnomalyCatalog = {
  'ipv4.pkt_too_small': {
    description: 'Fewer than 20 bytes (an IPv4 header) were captured; not decoded.',
    severity: 'low',
  },
  'ipv4.wrong_ip_version': {
    description: 'The version field of a packet announced as IPv4 is not 4; not decoded.',
    severity: 'medium',
  },
  'ipv4.hlen_too_small': {
    description: 'The IPv4 header length (IHL) is below 5 words; not decoded.',
    severity: 'medium',
  },
  'ipv4.iplen_smaller_than_hlen': {
    description: 'The IPv4 total length is smaller than the header length; not decoded.',
    severity: 'medium',
  },
  'ipv4.trunc_pkt': {
    description:
      'The IPv4 total length (or the header with options) runs past the end of a frame that was captured whole; the datagram is taken to end with the frame.',
    severity: 'medium',
  },
  'ipv4.zero_total_length': {
    description:
      'The IPv4 total length is 0 (TCP segmentation offload on the capturing host); the captured length is used.',
    severity: 'low',
  },
  'ipv4.opt_invalid_len': {
    description:
      'An IPv4 option has a length that is too small or runs past the header; options are skipped.',
    severity: 'low',
  },
  'ipv4.bad_checksum': {
    description: 'The IPv4 header checksum is wrong; the packet is kept.',
    severity: 'low',
  },
  ...fragmentAnomalies('ipv4'),
};

const IPV4_HEADER_LEN = 20;
/** Flags and fragment offset word (RFC 791 3.1). */
const FLAG_MF = 0x2000;
const FRAG_OFFSET_MASK = 0x1fff;
/** Option kinds with no length byte (RFC 791 3.1): End of Option List and No Operation. */
const OPT_EOL = 0;
const OPT_NOP = 1;

/**
 * Decodes the IPv4 packet at `b[off..end)` and its transport header. Returns IP, FRAGMENT, or
 * NONE (malformed, counted).
 */
export function decodeIpv4(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  end: number,
): PacketKind {
  const avail = end - off;
  if (avail < IPV4_HEADER_LEN) {
    ctx.counters.inc('ipv4.pkt_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  const vhl = b[off] as number;
  if (vhl >> 4 !== 4) {
    ctx.counters.inc('ipv4.wrong_ip_version');
    return (pkt.kind = PacketKind.NONE);
  }
  const hlen = (vhl & 0x0f) << 2;
  if (hlen < IPV4_HEADER_LEN) {
    ctx.counters.inc('ipv4.hlen_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  if (hlen > avail) {
    ctx.counters.inc('ipv4.trunc_pkt');
    return (pkt.kind = PacketKind.NONE);
  }
  let totLen = ((b[off + 2] as number) << 8) | (b[off + 3] as number);
  if (totLen === 0) {
    ctx.counters.inc('ipv4.zero_total_length');
    totLen = avail > 0xffff ? 0xffff : avail;
  }
  if (totLen < hlen) {
    ctx.counters.inc('ipv4.iplen_smaller_than_hlen');
    return (pkt.kind = PacketKind.NONE);
  }
  // `wireLen`: the datagram length as it was on the wire. When the frame was not cut by the
  // snaplen, bytes missing past its end never existed, so the datagram is what is there (as
  // Wireshark does); when it was cut, the header's length is the truth.
  let wireLen = totLen;
  let ipEnd = off + totLen;
  if (ipEnd > end) {
    if (!ctx.cut) {
      ctx.counters.inc('ipv4.trunc_pkt');
      wireLen = avail;
    }
    ipEnd = end;
  }
  const proto = b[off + 9] as number;
  const src =
    (((b[off + 12] as number) << 24) |
      ((b[off + 13] as number) << 16) |
      ((b[off + 14] as number) << 8) |
      (b[off + 15] as number)) >>>
    0;
  const dst =
    (((b[off + 16] as number) << 24) |
      ((b[off + 17] as number) << 16) |
      ((b[off + 18] as number) << 8) |
      (b[off + 19] as number)) >>>
    0;
  pkt.buf = b;
  pkt.l3Off = off;
  pkt.ipVersion = 4;
  pkt.ipLen = totLen;
  pkt.ttl = b[off + 8] as number;
  pkt.ipProto = proto;
  pkt.src4 = src;
  pkt.dst4 = dst;
  if (hlen > IPV4_HEADER_LEN) checkOptions(ctx, b, off + IPV4_HEADER_LEN, off + hlen);
  if (ctx.verifyChecksums && !checksumOk(b, off, off + hlen, 0)) {
    pkt.bad |= BadChecksum.IPV4;
    ctx.counters.inc('ipv4.bad_checksum');
  }
  const fragWord = ((b[off + 6] as number) << 8) | (b[off + 7] as number);
  if ((fragWord & (FLAG_MF | FRAG_OFFSET_MASK)) !== 0) {
    const id = ((b[off + 4] as number) << 8) | (b[off + 5] as number);
    const dg = ctx.reasm.addV4(
      b,
      off,
      off + hlen,
      ipEnd,
      wireLen - hlen,
      (fragWord & FRAG_OFFSET_MASK) << 3,
      (fragWord & FLAG_MF) !== 0,
      src,
      dst,
      id,
      proto,
      ctx.nowSec,
    );
    if (dg === null) return (pkt.kind = PacketKind.FRAGMENT);
    patchReassembled(dg, hlen);
    pkt.reassembled = true;
    // The rebuilt datagram is whole and unfragmented: decode it as a packet of its own.
    const cut = ctx.cut;
    ctx.cut = false;
    const kind = decodeIpv4(ctx, pkt, dg, 0, dg.length);
    ctx.cut = cut;
    return kind;
  }
  return decodeTransport(ctx, pkt, b, off + hlen, ipEnd, wireLen - hlen, proto);
}

/**
 * Turns the header copied from the offset-0 fragment into the header of the whole datagram:
 * Total Length = datagram length, MF and offset cleared, checksum recomputed.
 */
function patchReassembled(dg: Uint8Array, hlen: number): void {
  const len = dg.length;
  dg[2] = len >>> 8;
  dg[3] = len & 0xff;
  dg[6] = (dg[6] as number) & ~((FLAG_MF | FRAG_OFFSET_MASK) >>> 8);
  dg[7] = 0;
  dg[10] = 0;
  dg[11] = 0;
  const c = ~fold(sumWords(dg, 0, hlen, 0)) & 0xffff;
  dg[10] = c >>> 8;
  dg[11] = c & 0xff;
}

/** Validates the option lengths in `b[o..end)` (options are skipped, not interpreted). */
function checkOptions(ctx: NetContext, b: Uint8Array, o: number, end: number): void {
  while (o < end) {
    const kind = b[o] as number;
    if (kind === OPT_EOL) return;
    if (kind === OPT_NOP) {
      o++;
      continue;
    }
    const len = o + 1 < end ? (b[o + 1] as number) : 0;
    if (len < 2 || o + len > end) {
      ctx.counters.inc('ipv4.opt_invalid_len');
      return;
    }
    o += len;
  }
}
