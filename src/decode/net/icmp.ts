/**
 * ICMP (over IPv4) and ICMPv6 header decoder: type, code, checksum.
 *
 * Specs: RFC 792 (ICMP; checksum over the ICMP message alone), RFC 4443 2.1 and 2.3 (ICMPv6;
 * checksum includes the IPv6 pseudo-header with next header 58).
 *
 * ```
 *  +---------------+---------------+---------------+---------------+
 *  |     Type      |     Code      |           Checksum            |
 *  |                 Rest of header (type-specific)                |
 *  +---------------------------------------------------------------+
 * ```
 *
 * The flow layer keys ICMP by addresses and protocol; the quoted datagram of an error message
 * is left in the payload (`payOff`) for whoever wants it. Bytes are read by index (hot path).
 */
import type { AnomalyCatalog } from '../decoder.js';
import { BadChecksum, PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { checksumOk, pseudoSum } from './checksum.js';
import type { NetContext } from './context.js';

/** Anomalies raised by the ICMP and ICMPv6 decoders. */
export const ICMP_ANOMALIES: AnomalyCatalog = {
  'icmpv4.pkt_too_small': {
    description: 'Fewer than 8 bytes (an ICMP header) were captured; not decoded.',
    severity: 'low',
  },
  'icmpv4.bad_checksum': {
    description: 'The ICMP checksum is wrong; the message is kept.',
    severity: 'low',
  },
  'icmpv6.pkt_too_small': {
    description: 'Fewer than 8 bytes (an ICMPv6 header) were captured; not decoded.',
    severity: 'low',
  },
  'icmpv6.bad_checksum': {
    description: 'The ICMPv6 checksum is wrong; the message is kept.',
    severity: 'low',
  },
};

const ICMP_HEADER_LEN = 8;
const PROTO_ICMPV6 = 58;

/**
 * Decodes the ICMP (`v6` false) or ICMPv6 header at `b[off..end)`; `l4Len` is the message length
 * the IP header announces. Returns IP, or NONE when the header was not captured.
 */
export function decodeIcmp(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  end: number,
  l4Len: number,
  v6: boolean,
): PacketKind {
  const avail = end - off;
  if (avail >= 2) {
    pkt.icmpType = b[off] as number;
    pkt.icmpCode = b[off + 1] as number;
  }
  if (avail < ICMP_HEADER_LEN || l4Len < ICMP_HEADER_LEN) {
    ctx.counters.inc(v6 ? 'icmpv6.pkt_too_small' : 'icmpv4.pkt_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  pkt.payOff = off + ICMP_HEADER_LEN;
  pkt.payLen = avail - ICMP_HEADER_LEN;
  pkt.payWireLen = l4Len - ICMP_HEADER_LEN;
  if (ctx.verifyChecksums && avail >= l4Len) {
    const init = v6 ? pseudoSum(pkt, PROTO_ICMPV6, l4Len) : 0;
    if (!checksumOk(b, off, off + l4Len, init)) {
      pkt.bad |= BadChecksum.ICMP;
      ctx.counters.inc(v6 ? 'icmpv6.bad_checksum' : 'icmpv4.bad_checksum');
    }
  }
  return (pkt.kind = PacketKind.IP);
}
