/**
 * TCP header decoder.
 *
 * Spec: RFC 9293 3.1 (header format), 3.2 (options: EOL 0, NOP 1, MSS 2), RFC 7323 (window
 * scale 3, timestamps 8), RFC 2018 (SACK permitted 4, SACK 5), RFC 9293 3.1 checksum over the
 * IPv4/IPv6 pseudo-header.
 *
 * ```
 *  0               1               2               3
 *  +---------------+---------------+---------------+---------------+
 *  |          Source Port          |       Destination Port        |
 *  |                        Sequence Number                        |
 *  |                    Acknowledgment Number                      |
 *  | DOff  | Rsrvd |    Flags      |            Window             |
 *  |           Checksum            |         Urgent Pointer        |
 *  |                    Options (DOff*4 - 20 bytes)                |
 *  +---------------------------------------------------------------+
 * ```
 *
 * Quirks: the checksum is verified only when the whole segment was captured; captures taken on
 * the sending host with checksum offload carry wrong checksums on every outgoing segment, so a
 * bad checksum is a counter and a flag bit, never a reason to drop. Bytes are read by index
 * (no ByteCursor) because this runs once per packet; every read is gated by one length check.
 */
import type { AnomalyCatalog } from '../decoder.js';
import { BadChecksum, PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { checksumOk, pseudoSum } from './checksum.js';
import type { NetContext } from './context.js';

/** Anomalies raised by the TCP decoder. */
export const TCP_ANOMALIES: AnomalyCatalog = {
  'tcp.pkt_too_small': {
    description:
      'Fewer bytes than a TCP header (20 bytes, or the data offset) were captured; not decoded.',
    severity: 'low',
  },
  'tcp.hlen_too_small': {
    description: 'The TCP data offset is below 5 words (20 bytes); not decoded.',
    severity: 'medium',
  },
  'tcp.invalid_optlen': {
    description:
      'The TCP data offset points past the end of the segment the IP header announces; not decoded.',
    severity: 'medium',
  },
  'tcp.opt_invalid_len': {
    description:
      'A TCP option has a length that is too small or runs past the header; later options are ignored.',
    severity: 'low',
  },
  'tcp.bad_checksum': {
    description:
      'The TCP checksum is wrong (often checksum offload on the capturing host); the segment is kept.',
    severity: 'low',
  },
};

/** Option kinds (RFC 9293 3.2, RFC 7323, RFC 2018). */
const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERMITTED = 4;
/** Largest window scale shift a receiver honours (RFC 7323 2.3). */
const WSCALE_MAX = 14;
const PROTO_TCP = 6;

/**
 * Decodes the TCP header at `b[off..end)`, where `end` is the end of the captured IP payload and
 * `l4Len` the segment length the IP header announces. Returns IP, or NONE (ports still set when
 * present) for a header that cannot be trusted.
 */
export function decodeTcp(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  end: number,
  l4Len: number,
): PacketKind {
  const avail = end - off;
  if (avail < 20) {
    if (avail >= 4) {
      pkt.srcPort = ((b[off] as number) << 8) | (b[off + 1] as number);
      pkt.dstPort = ((b[off + 2] as number) << 8) | (b[off + 3] as number);
    }
    ctx.counters.inc('tcp.pkt_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  pkt.srcPort = ((b[off] as number) << 8) | (b[off + 1] as number);
  pkt.dstPort = ((b[off + 2] as number) << 8) | (b[off + 3] as number);
  const hlen = ((b[off + 12] as number) >> 4) << 2;
  if (hlen < 20) {
    ctx.counters.inc('tcp.hlen_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  if (hlen > l4Len) {
    ctx.counters.inc('tcp.invalid_optlen');
    return (pkt.kind = PacketKind.NONE);
  }
  if (hlen > avail) {
    ctx.counters.inc('tcp.pkt_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  pkt.seq =
    (((b[off + 4] as number) << 24) |
      ((b[off + 5] as number) << 16) |
      ((b[off + 6] as number) << 8) |
      (b[off + 7] as number)) >>>
    0;
  pkt.ack =
    (((b[off + 8] as number) << 24) |
      ((b[off + 9] as number) << 16) |
      ((b[off + 10] as number) << 8) |
      (b[off + 11] as number)) >>>
    0;
  pkt.tcpFlags = b[off + 13] as number;
  pkt.window = ((b[off + 14] as number) << 8) | (b[off + 15] as number);
  if (hlen > 20) decodeOptions(ctx, pkt, b, off + 20, off + hlen);
  pkt.payOff = off + hlen;
  pkt.payLen = avail - hlen;
  pkt.payWireLen = l4Len - hlen;
  if (
    ctx.verifyChecksums &&
    avail >= l4Len &&
    !checksumOk(b, off, off + l4Len, pseudoSum(pkt, PROTO_TCP, l4Len))
  ) {
    pkt.bad |= BadChecksum.TCP;
    ctx.counters.inc('tcp.bad_checksum');
  }
  return (pkt.kind = PacketKind.IP);
}

/** Walks the options in `b[o..end)`, keeping MSS, window scale and SACK-permitted. */
function decodeOptions(ctx: NetContext, pkt: Packet, b: Uint8Array, o: number, end: number): void {
  while (o < end) {
    const kind = b[o] as number;
    if (kind === OPT_EOL) return;
    if (kind === OPT_NOP) {
      o++;
      continue;
    }
    if (o + 1 >= end) {
      ctx.counters.inc('tcp.opt_invalid_len');
      return;
    }
    const len = b[o + 1] as number;
    if (len < 2 || o + len > end) {
      ctx.counters.inc('tcp.opt_invalid_len');
      return;
    }
    if (kind === OPT_MSS) {
      if (len === 4) pkt.tcpMss = ((b[o + 2] as number) << 8) | (b[o + 3] as number);
      else ctx.counters.inc('tcp.opt_invalid_len');
    } else if (kind === OPT_WSCALE) {
      if (len === 3) {
        const shift = b[o + 2] as number;
        pkt.tcpWscale = shift > WSCALE_MAX ? WSCALE_MAX : shift;
      } else {
        ctx.counters.inc('tcp.opt_invalid_len');
      }
    } else if (kind === OPT_SACK_PERMITTED) {
      pkt.tcpSackOk = true;
    }
    o += len;
  }
}
