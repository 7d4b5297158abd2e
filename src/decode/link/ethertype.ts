/**
 * EtherType dispatch, shared by every link type that carries one (Ethernet, Linux cooked
 * capture, SNAP): walks IEEE 802.1Q / 802.1ad VLAN tags, then hands the payload to IPv4, IPv6
 * or ARP, or marks it an L2 frame for the EtherType decoders (GOOSE 0x88b8, SV 0x88ba,
 * PROFINET 0x8892, LLDP 0x88cc, PTP 0x88f7...).
 *
 * Specs: IEEE 802.1Q-2018 9.6 (VLAN tag: TPID 0x8100, TCI = PCP(3) DEI(1) VID(12)); IEEE
 * 802.1ad (S-tag TPID 0x88a8); 0x9100 and 0x9200 are the pre-standard QinQ TPIDs still sent by
 * some switches; IEEE 802.3 3.2.6 (a Length/Type value of 1500 or less is a length: the frame
 * carries an 802.2 LLC header, see `llc.ts`).
 *
 * ```
 *  | TPID (2) | PCP:3 DEI:1 VID:12 | inner TPID or EtherType (2) | ...
 * ```
 *
 * At most two tags are recorded (`Packet.vlan`, `Packet.vlanInner`); a third is
 * `vlan.too_many_tags` and the frame is not decoded, so that a stack of tags cannot hide a
 * packet from VLAN-keyed flows. Bytes are read by index (hot path).
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { decodeIpv4 } from '../net/ipv4.js';
import { decodeIpv6 } from '../net/ipv6.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { decodeArp } from './arp.js';
import { decodeLlc } from './llc.js';

/** EtherTypes the link layer acts on (IEEE Registration Authority EtherType list). */
export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  IPV6: 0x86dd,
  QINQ: 0x88a8,
  QINQ_OLD1: 0x9100,
  QINQ_OLD2: 0x9200,
} as const;

/** Anomalies raised while walking VLAN tags and 802.3 lengths. */
export const ETHERTYPE_ANOMALIES: AnomalyCatalog = {
  'vlan.truncated': {
    description: 'A VLAN tag runs past the end of the frame; not decoded.',
    severity: 'low',
  },
  'vlan.too_many_tags': {
    description: 'More than two stacked VLAN tags; not decoded.',
    severity: 'medium',
  },
  'eth.invalid_length': {
    description:
      'The IEEE 802.3 length field runs past the end of the frame; the frame end is used.',
    severity: 'low',
  },
};

/** IEEE 802.3: Length/Type values up to this are lengths. */
const MAX_8023_LENGTH = 1500;
const VLAN_TAG_LEN = 4;
const VID_MASK = 0x0fff;
const MAX_TAGS = 2;

/**
 * Decodes what follows an EtherType (or 802.3 length) `type` whose payload starts at
 * `d[off]` and ends at `end`. Sets `etherType`, `l3Off`, the VLAN ids, and the network fields.
 */
export function decodeEtherType(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  off: number,
  end: number,
  type: number,
): PacketKind {
  let tags = 0;
  let llc = false;
  for (;;) {
    if (
      type === ETHERTYPE.VLAN ||
      type === ETHERTYPE.QINQ ||
      type === ETHERTYPE.QINQ_OLD1 ||
      type === ETHERTYPE.QINQ_OLD2
    ) {
      if (off + VLAN_TAG_LEN > end) {
        ctx.counters.inc('vlan.truncated');
        return (pkt.kind = PacketKind.NONE);
      }
      if (tags === MAX_TAGS) {
        ctx.counters.inc('vlan.too_many_tags');
        return (pkt.kind = PacketKind.NONE);
      }
      const vid = (((d[off] as number) << 8) | (d[off + 1] as number)) & VID_MASK;
      if (tags === 0) pkt.vlan = vid;
      else pkt.vlanInner = vid;
      tags++;
      type = ((d[off + 2] as number) << 8) | (d[off + 3] as number);
      off += VLAN_TAG_LEN;
      continue;
    }
    if (type <= MAX_8023_LENGTH && !llc) {
      // The length delimits the LLC PDU: what follows it is padding (or an FCS).
      if (off + type < end) end = off + type;
      else if (off + type > end && !ctx.cut) ctx.counters.inc('eth.invalid_length');
      llc = true;
      const snapType = decodeLlc(ctx, pkt, d, off, end);
      if (snapType < 0) return pkt.kind;
      type = snapType;
      off = pkt.l3Off;
      continue;
    }
    break;
  }
  pkt.etherType = type;
  pkt.l3Off = off;
  switch (type) {
    case ETHERTYPE.IPV4:
      return decodeIpv4(ctx, pkt, d, off, end);
    case ETHERTYPE.IPV6:
      return decodeIpv6(ctx, pkt, d, off, end);
    case ETHERTYPE.ARP:
      return decodeArp(ctx, pkt, d, off, end);
    default:
      return (pkt.kind = PacketKind.L2);
  }
}
