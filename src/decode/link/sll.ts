/**
 * Linux cooked capture decoders: LINKTYPE_LINUX_SLL (113) and LINKTYPE_LINUX_SLL2 (276),
 * written by `tcpdump -i any` and on interfaces without a usable link header.
 *
 * Spec: tcpdump.org linktypes/LINKTYPE_LINUX_SLL.html and LINKTYPE_LINUX_SLL2.html.
 *
 * ```
 *  SLL  (16): | packet type (2) | ARPHRD type (2) | addr len (2) | addr (8) | protocol (2) |
 *  SLL2 (20): | protocol (2) | reserved (2) | ifindex (4) | ARPHRD type (2) | packet type (1)
 *             | addr len (1) | addr (8) |
 * ```
 *
 * The protocol field is an EtherType except: for ARPHRD_NETLINK it is a netlink family and for
 * ARPHRD_IEEE80211_RADIOTAP the frame is 802.11 (neither decoded here); the values below 0x0600
 * are Linux ETH_P_* pseudo-types: 0x0004 (ETH_P_802_2) is an 802.2 LLC frame, the others
 * (Novell 802.3, PPP, CAN, IrDA, 802.15.4...) are not decoded. ARPHRD_IPGRE carries a GRE
 * protocol type, which is an EtherType. The SLL2 header has no VLAN field: when libpcap knows
 * the tag it puts it back in-band (protocol 0x8100 followed by the tag), which the EtherType
 * walk handles.
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { decodeEtherType } from './ethertype.js';
import { decodeLlc } from './llc.js';

/** Anomalies raised by the Linux cooked capture decoders. */
export const SLL_ANOMALIES: AnomalyCatalog = {
  'sll.truncated': {
    description: 'A Linux cooked capture frame shorter than its header; not decoded.',
    severity: 'low',
  },
  'sll.unsupported_type': {
    description:
      'A Linux cooked capture frame of a type that carries no EtherType (netlink, radiotap, CAN, PPP...); not decoded.',
    severity: 'low',
  },
};

const SLL_HEADER_LEN = 16;
const SLL2_HEADER_LEN = 20;
/** if_arp.h hardware types whose protocol field is not an EtherType. */
const ARPHRD_IEEE80211_RADIOTAP = 803;
const ARPHRD_NETLINK = 824;
/** if_ether.h: 802.2 frames; the other values below 0x0600 are not EtherTypes either. */
const ETH_P_802_2 = 0x0004;
const MIN_ETHERTYPE = 0x0600;

/** Decodes a LINUX_SLL frame in `d[0..end)`. */
export function decodeSll(ctx: NetContext, pkt: Packet, d: Uint8Array, end: number): PacketKind {
  if (end < SLL_HEADER_LEN) {
    ctx.counters.inc('sll.truncated');
    return (pkt.kind = PacketKind.NONE);
  }
  const hatype = ((d[2] as number) << 8) | (d[3] as number);
  const proto = ((d[14] as number) << 8) | (d[15] as number);
  return dispatch(ctx, pkt, d, SLL_HEADER_LEN, end, hatype, proto);
}

/** Decodes a LINUX_SLL2 frame in `d[0..end)`. */
export function decodeSll2(ctx: NetContext, pkt: Packet, d: Uint8Array, end: number): PacketKind {
  if (end < SLL2_HEADER_LEN) {
    ctx.counters.inc('sll.truncated');
    return (pkt.kind = PacketKind.NONE);
  }
  const proto = ((d[0] as number) << 8) | (d[1] as number);
  const hatype = ((d[8] as number) << 8) | (d[9] as number);
  return dispatch(ctx, pkt, d, SLL2_HEADER_LEN, end, hatype, proto);
}

function dispatch(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  off: number,
  end: number,
  hatype: number,
  proto: number,
): PacketKind {
  if (hatype === ARPHRD_NETLINK || hatype === ARPHRD_IEEE80211_RADIOTAP) {
    ctx.counters.inc('sll.unsupported_type');
    return (pkt.kind = PacketKind.NONE);
  }
  if (proto >= MIN_ETHERTYPE) return decodeEtherType(ctx, pkt, d, off, end, proto);
  if (proto === ETH_P_802_2) {
    const snapType = decodeLlc(ctx, pkt, d, off, end);
    if (snapType < 0) return pkt.kind;
    return decodeEtherType(ctx, pkt, d, pkt.l3Off, end, snapType);
  }
  ctx.counters.inc('sll.unsupported_type');
  return (pkt.kind = PacketKind.NONE);
}
