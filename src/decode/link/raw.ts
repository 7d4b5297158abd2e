/**
 * Raw IP link types: LINKTYPE_RAW (101; also the values 12 and 14 that some systems wrote for
 * DLT_RAW), LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229).
 *
 * Spec: tcpdump.org link-layer header types: the packet begins with the IP header; for RAW the
 * version is in the first nibble.
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { decodeIpv4 } from '../net/ipv4.js';
import { decodeIpv6 } from '../net/ipv6.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { ETHERTYPE } from './ethertype.js';

/** Anomalies raised by the raw IP decoder. */
export const RAW_ANOMALIES: AnomalyCatalog = {
  'raw.unknown_version': {
    description:
      'A raw IP frame whose first nibble is neither 4 nor 6 (or an empty frame); not decoded.',
    severity: 'low',
  },
};

/**
 * Decodes the raw IP packet in `d[0..end)`; `version` is 4 or 6 for the link types that fix
 * it, 0 to read it from the first nibble.
 */
export function decodeRaw(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  end: number,
  version: number,
): PacketKind {
  const v = version !== 0 ? version : end > 0 ? (d[0] as number) >> 4 : 0;
  if (v === 4) {
    pkt.etherType = ETHERTYPE.IPV4;
    return decodeIpv4(ctx, pkt, d, 0, end);
  }
  if (v === 6) {
    pkt.etherType = ETHERTYPE.IPV6;
    return decodeIpv6(ctx, pkt, d, 0, end);
  }
  ctx.counters.inc('raw.unknown_version');
  return (pkt.kind = PacketKind.NONE);
}
