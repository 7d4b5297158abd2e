/**
 * IEEE 802.2 LLC and SNAP, for IEEE 802.3 frames (Length/Type <= 1500) and Linux cooked
 * captures of 802.2 frames.
 *
 * Specs: IEEE 802.2 (LLC PDU: DSAP, SSAP, Control of 1 byte for U-format PDUs, 2 bytes for I-
 * and S-format); IEEE 802-2014 10.3 / RFC 1042 (SNAP: DSAP = SSAP = 0xAA, Control 0x03, then
 * OUI(3) and Protocol ID(2); OUI 00-00-00 (RFC 1042) and 00-00-F8 (802.1H) mean the PID is an
 * EtherType).
 *
 * ```
 *  | DSAP | SSAP | Control (1|2) | [ OUI (3) | PID (2) ]  (SNAP only)
 * ```
 *
 * A SNAP frame with an EtherType is decoded like an Ethernet II frame of that EtherType. Every
 * other LLC frame (STP, BACnet/Ethernet, CDP, OSI, NetBIOS) is an L2 frame with `etherType` 0 and
 * `l3Off` at the LLC header.
 */
import type { AnomalyCatalog } from '../decoder.js';
import type { NetContext } from '../net/context.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';

/** Anomalies raised by the LLC/SNAP decoder. */
export const LLC_ANOMALIES: AnomalyCatalog = {
  'llc.truncated': {
    description: 'An 802.2 LLC or SNAP header runs past the end of the frame; not decoded.',
    severity: 'low',
  },
};

const SAP_SNAP = 0xaa;
const CONTROL_UI = 0x03;
/** Control field: low bits 11 = U-format (1 byte); otherwise I/S-format (2 bytes). */
const CONTROL_U_MASK = 0x03;
const SNAP_LEN = 8;
const OUI_8021H = 0x0000f8;

/**
 * Decodes the LLC header at `d[off..end)`. Returns the EtherType carried by SNAP (with
 * `pkt.l3Off` set after the SNAP header), or -1 when decoding ends here (`pkt.kind` set: L2,
 * or NONE when truncated).
 */
export function decodeLlc(
  ctx: NetContext,
  pkt: Packet,
  d: Uint8Array,
  off: number,
  end: number,
): number {
  if (off + 3 > end) {
    ctx.counters.inc('llc.truncated');
    pkt.kind = PacketKind.NONE;
    return -1;
  }
  const dsap = d[off] as number;
  const ssap = d[off + 1] as number;
  const control = d[off + 2] as number;
  if (dsap === SAP_SNAP && ssap === SAP_SNAP && control === CONTROL_UI) {
    if (off + SNAP_LEN > end) {
      ctx.counters.inc('llc.truncated');
      pkt.kind = PacketKind.NONE;
      return -1;
    }
    const oui =
      ((d[off + 3] as number) << 16) | ((d[off + 4] as number) << 8) | (d[off + 5] as number);
    if (oui === 0 || oui === OUI_8021H) {
      pkt.l3Off = off + SNAP_LEN;
      return ((d[off + 6] as number) << 8) | (d[off + 7] as number);
    }
  } else if ((control & CONTROL_U_MASK) !== CONTROL_U_MASK && off + 4 > end) {
    ctx.counters.inc('llc.truncated');
    pkt.kind = PacketKind.NONE;
    return -1;
  }
  pkt.etherType = 0;
  pkt.l3Off = off;
  pkt.kind = PacketKind.L2;
  return -1;
}
