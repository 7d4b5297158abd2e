/**
 * ARP decoder.
 *
 * Spec: RFC 826 (packet format), with the IANA ARP parameters (hardware type 1 Ethernet,
 * protocol type 0x0800 IPv4, operation 1 request, 2 reply).
 *
 * ```
 *  | HTYPE (2) | PTYPE (2) | HLEN (1) | PLEN (1) | OPER (2) |
 *  | SHA (HLEN) | SPA (PLEN) | THA (HLEN) | TPA (PLEN) |
 * ```
 *
 * For IPv4 ARP the sender and target protocol addresses go to `src4`/`dst4` (asset discovery
 * reads them); other hardware/protocol combinations keep only the operation.
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';

/** Anomalies raised by the ARP decoder. */
export const ARP_ANOMALIES: AnomalyCatalog = {
  'arp.truncated': {
    description:
      'An ARP packet is shorter than its fixed header or than its address lengths announce.',
    severity: 'low',
  },
};

const ARP_FIXED_LEN = 8;
const PTYPE_IPV4 = 0x0800;

/** Decodes the ARP packet at `d[off..end)`. Returns ARP, or NONE when the fixed header is cut. */
export function decodeArp(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  off: number,
  end: number,
): PacketKind {
  if (off + ARP_FIXED_LEN > end) {
    ctx.counters.inc('arp.truncated');
    return (pkt.kind = PacketKind.NONE);
  }
  const ptype = ((d[off + 2] as number) << 8) | (d[off + 3] as number);
  const hlen = d[off + 4] as number;
  const plen = d[off + 5] as number;
  pkt.arpOp = ((d[off + 6] as number) << 8) | (d[off + 7] as number);
  if (off + ARP_FIXED_LEN + 2 * hlen + 2 * plen > end) {
    ctx.counters.inc('arp.truncated');
  } else if (ptype === PTYPE_IPV4 && plen === 4) {
    const spa = off + ARP_FIXED_LEN + hlen;
    const tpa = spa + 4 + hlen;
    pkt.src4 =
      (((d[spa] as number) << 24) |
        ((d[spa + 1] as number) << 16) |
        ((d[spa + 2] as number) << 8) |
        (d[spa + 3] as number)) >>>
      0;
    pkt.dst4 =
      (((d[tpa] as number) << 24) |
        ((d[tpa + 1] as number) << 16) |
        ((d[tpa + 2] as number) << 8) |
        (d[tpa + 3] as number)) >>>
      0;
  }
  return (pkt.kind = PacketKind.ARP);
}
