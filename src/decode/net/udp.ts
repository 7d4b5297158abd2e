/**
 * UDP header decoder.
 *
 * Spec: RFC 768 (header; checksum 0 = none over IPv4), RFC 8200 8.1 (the UDP checksum is
 * mandatory over IPv6; RFC 6935/6936 relax that for tunnels only).
 *
 * ```
 *  +---------------+---------------+---------------+---------------+
 *  |          Source Port          |       Destination Port        |
 *  |            Length             |           Checksum            |
 *  +---------------------------------------------------------------+
 * ```
 *
 * Quirks: the UDP length wins over the IP payload length when it is shorter (trailing bytes are
 * not payload); when it is longer than the IP payload or shorter than 8 it is wrong, counted,
 * and the IP payload length is used, as Wireshark does. Bytes are read by index (hot path).
 */
import type { AnomalyCatalog } from '../decoder.js';
import { BadChecksum, PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { checksumOk, pseudoSum } from './checksum.js';
import type { NetContext } from './context.js';

/** Anomalies raised by the UDP decoder. */
export const UDP_ANOMALIES: AnomalyCatalog = {
  'udp.pkt_too_small': {
    description: 'Fewer than 8 bytes (a UDP header) were captured; not decoded.',
    severity: 'low',
  },
  'udp.hlen_invalid': {
    description: 'The UDP length field is below 8; the IP payload length is used instead.',
    severity: 'medium',
  },
  'udp.len_invalid': {
    description:
      'The UDP length field is larger than the IP payload; the IP payload length is used instead.',
    severity: 'medium',
  },
  'udp.bad_checksum': {
    description:
      'The UDP checksum is wrong (often checksum offload on the capturing host); the datagram is kept.',
    severity: 'low',
  },
  'udp.ipv6_zero_checksum': {
    description: 'A UDP datagram over IPv6 has checksum 0, which RFC 8200 forbids outside tunnels.',
    severity: 'low',
  },
};

const PROTO_UDP = 17;

/**
 * Decodes the UDP header at `b[off..end)`, where `end` is the end of the captured IP payload and
 * `l4Len` the length the IP header announces. Returns IP, or NONE when no header was captured.
 */
export function decodeUdp(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  end: number,
  l4Len: number,
): PacketKind {
  const avail = end - off;
  if (avail < 8) {
    if (avail >= 4) {
      pkt.srcPort = ((b[off] as number) << 8) | (b[off + 1] as number);
      pkt.dstPort = ((b[off + 2] as number) << 8) | (b[off + 3] as number);
    }
    ctx.counters.inc('udp.pkt_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  pkt.srcPort = ((b[off] as number) << 8) | (b[off + 1] as number);
  pkt.dstPort = ((b[off + 2] as number) << 8) | (b[off + 3] as number);
  const ulen = ((b[off + 4] as number) << 8) | (b[off + 5] as number);
  let len = ulen;
  let lenOk = true;
  if (ulen < 8) {
    ctx.counters.inc('udp.hlen_invalid');
    len = l4Len;
    lenOk = false;
  } else if (ulen > l4Len) {
    ctx.counters.inc('udp.len_invalid');
    len = l4Len;
    lenOk = false;
  }
  pkt.payOff = off + 8;
  pkt.payWireLen = len - 8;
  pkt.payLen = (len < avail ? len : avail) - 8;
  const csum = ((b[off + 6] as number) << 8) | (b[off + 7] as number);
  if (csum === 0) {
    if (pkt.ipVersion === 6) ctx.counters.inc('udp.ipv6_zero_checksum');
  } else if (
    ctx.verifyChecksums &&
    lenOk &&
    avail >= ulen &&
    !checksumOk(b, off, off + ulen, pseudoSum(pkt, PROTO_UDP, ulen))
  ) {
    pkt.bad |= BadChecksum.UDP;
    ctx.counters.inc('udp.bad_checksum');
  }
  return (pkt.kind = PacketKind.IP);
}
