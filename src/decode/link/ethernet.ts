/**
 * Ethernet II / IEEE 802.3 frame decoder (LINKTYPE_ETHERNET, 1).
 *
 * Spec: IEEE 802.3-2018 3.1.1 (MAC frame: destination, source, Length/Type), 3.2.6
 * (Length/Type: >= 0x0600 is an EtherType, <= 1500 a length). Captures hold no preamble; some
 * hold the FCS, which the IP layer ignores because it stops at its own length.
 *
 * ```
 *  | Destination MAC (6) | Source MAC (6) | Length/Type (2) | payload ... | [FCS (4)]
 * ```
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import { decodeEtherType } from './ethertype.js';

/** Anomalies raised by the Ethernet decoder. */
export const ETHERNET_ANOMALIES: AnomalyCatalog = {
  'eth.truncated': {
    description: 'A frame shorter than an Ethernet header (14 bytes); not decoded.',
    severity: 'low',
  },
};

const ETH_HEADER_LEN = 14;

/** Decodes the Ethernet frame in `d[0..end)`. */
export function decodeEthernet(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  end: number,
): PacketKind {
  if (end < ETH_HEADER_LEN) {
    ctx.counters.inc('eth.truncated');
    return (pkt.kind = PacketKind.NONE);
  }
  pkt.macOff = 0;
  const type = ((d[12] as number) << 8) | (d[13] as number);
  return decodeEtherType(ctx, pkt, d, ETH_HEADER_LEN, end, type);
}
