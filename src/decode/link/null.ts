/**
 * BSD loopback decoders: LINKTYPE_NULL (0) and LINKTYPE_LOOP (108).
 *
 * Spec: tcpdump.org link-layer header types. NULL: a 4-byte address family in the byte order
 * of the host that wrote the capture; LOOP (OpenBSD): the same in network byte order. AF_INET is
 * 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD, BSD/OS, and Npcap's Windows loopback),
 * 28 (FreeBSD, DragonFly) or 30 (macOS, iOS).
 *
 * ```
 *  | address family (4, host or network order) | IPv4 or IPv6 packet ... |
 * ```
 *
 * Quirk: a NULL capture read on a host of the other byte order has the family in the high
 * half; like Wireshark, a value with any of its top 16 bits set is read byte-swapped.
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { decodeIpv4 } from '../net/ipv4.js';
import { decodeIpv6 } from '../net/ipv6.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { ETHERTYPE } from './ethertype.js';

/** Anomalies raised by the loopback decoders. */
export const NULL_ANOMALIES: AnomalyCatalog = {
  'null.truncated': {
    description: 'A loopback frame shorter than its 4-byte address family header; not decoded.',
    severity: 'low',
  },
  'null.unsupported_family': {
    description: 'A loopback frame carries an address family other than IPv4 or IPv6; not decoded.',
    severity: 'low',
  },
};

/** BSD address families (sys/socket.h of each system). */
const AF_INET = 2;
const AF_INET6_BSD = 24;
const AF_INET6_FREEBSD = 28;
const AF_INET6_DARWIN = 30;
const NULL_HEADER_LEN = 4;

/**
 * Decodes a NULL (`networkOrder` false) or LOOP (`networkOrder` true) frame in `d[0..end)`.
 */
export function decodeNull(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  end: number,
  networkOrder: boolean,
): PacketKind {
  if (end < NULL_HEADER_LEN) {
    ctx.counters.inc('null.truncated');
    return (pkt.kind = PacketKind.NONE);
  }
  const be =
    (((d[0] as number) << 24) |
      ((d[1] as number) << 16) |
      ((d[2] as number) << 8) |
      (d[3] as number)) >>>
    0;
  let af = be;
  if (!networkOrder) {
    const le =
      ((d[0] as number) |
        ((d[1] as number) << 8) |
        ((d[2] as number) << 16) |
        ((d[3] as number) << 24)) >>>
      0;
    af = le > 0xffff ? be : le;
  }
  if (af === AF_INET) {
    pkt.etherType = ETHERTYPE.IPV4;
    return decodeIpv4(ctx, pkt, d, NULL_HEADER_LEN, end);
  }
  if (af === AF_INET6_BSD || af === AF_INET6_FREEBSD || af === AF_INET6_DARWIN) {
    pkt.etherType = ETHERTYPE.IPV6;
    return decodeIpv6(ctx, pkt, d, NULL_HEADER_LEN, end);
  }
  pkt.l3Off = NULL_HEADER_LEN;
  ctx.counters.inc('null.unsupported_family');
  return (pkt.kind = PacketKind.NONE);
}
