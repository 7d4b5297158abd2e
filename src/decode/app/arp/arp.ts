/**
 * ARP parse functions and the shared binding state. Spec: [RFC826] (packet format and
 * reception), [RFC5227] (probes and announcements), [RFC5494] (operation codes); see
 * constants.ts.
 *
 * The pipeline hands the whole Ethernet frame, from the destination MAC on (the descriptor's
 * `etherHeader`), because the spoofing checks compare the Ethernet source MAC with the sender
 * hardware address ARP carries:
 *
 * ```
 *  | dst MAC (6) | src MAC (6) | [802.1Q/802.1ad tag (4)]{0,2} | 0x0806 |
 *  | hrd (2) | pro (2) | hln (1) | pln (1) | op (2) |
 *  | sha (hln) | spa (pln) | tha (hln) | tpa (pln) |            Ethernet/IPv4: 28 bytes
 * ```
 *
 * Only Ethernet/IPv4 ARP (hrd 1 or 6, pro 0x0800, hln 6, pln 4) has its addresses decoded and
 * checked; any other combination is reported with its header fields only. Bytes are read by
 * index after one length gate per structure (hot path: every ARP frame of the segment).
 */
import { ipv4ToString, macPartsToString, macToString } from '../../../core/net-format.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { OK } from '../../decoder.js';
import { ArpBindings, Claim } from './bindings.js';
import { ARP, BINDING, ETH, ETHER, OPCODE, OPCODE_NAMES } from './constants.js';
import type { ArpEventKind, ArpFields } from './events.js';

/**
 * ARP state: one per pipeline (the descriptor's `sharedState`), because an address binding is
 * a property of the broadcast domain, not of one (source MAC, destination MAC) stream.
 */
export class ArpState {
  readonly bindings: ArpBindings;
  /** Claims the full binding table could not track. */
  untracked = 0;

  constructor(bindings: ArpBindings = new ArpBindings()) {
    this.bindings = bindings;
  }
}

/** Fresh ARP state (the limits do not apply: the binding table has its own fixed size). */
export function createArpState(_limits?: DecoderLimits): ArpState {
  return new ArpState();
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) |
      ((d[p + 1] as number) << 16) |
      ((d[p + 2] as number) << 8) |
      (d[p + 3] as number)) >>>
    0
  );
}

function isTag(type: number): boolean {
  return (
    type === ETHER.VLAN ||
    type === ETHER.QINQ ||
    type === ETHER.QINQ_OLD1 ||
    type === ETHER.QINQ_OLD2
  );
}

/**
 * Offset of the ARP header in the Ethernet frame `d` (after up to two VLAN tags), or -1 when
 * the frame is not ARP or is too short for the fixed ARP header.
 */
export function arpOffset(d: Uint8Array): number {
  if (d.length < ETH.HEADER_LEN) return -1;
  let off = ETH.TYPE_OFF;
  let type = u16(d, off);
  for (let tags = 0; tags < ETH.MAX_TAGS && isTag(type); tags++) {
    off += ETH.VLAN_TAG_LEN;
    if (off + 2 > d.length) return -1;
    type = u16(d, off);
  }
  off += 2;
  if (type !== ETHER.ARP || off + ARP.FIXED_LEN > d.length) return -1;
  return off;
}

/** Recognises an Ethernet frame of EtherType 0x0806 with a whole fixed ARP header. */
export function probeArp(data: Uint8Array, _dir: Direction): ProbeResult {
  return arpOffset(data) < 0 ? 'no_match' : 'match';
}

/** True for the all-zero MAC and for group (multicast, broadcast) MACs, which no host holds. */
function notAHost(d: Uint8Array, p: number): boolean {
  if (((d[p] as number) & 0x01) !== 0) return true;
  return (
    (d[p] as number) === 0 &&
    (d[p + 1] as number) === 0 &&
    (d[p + 2] as number) === 0 &&
    (d[p + 3] as number) === 0 &&
    (d[p + 4] as number) === 0 &&
    (d[p + 5] as number) === 0
  );
}

function kindOf(op: number): ArpEventKind {
  return op === OPCODE.REQUEST ? 'arp.request' : op === OPCODE.REPLY ? 'arp.reply' : 'arp.other';
}

/**
 * Decodes one Ethernet frame carrying ARP: emits its event, then the spoofing anomalies
 * (`arp.sender_mismatch`, `arp.binding_changed`) and updates the binding table. Never throws;
 * a frame too short for what it announces is `arp.malformed` and yields no event.
 */
export function parseArp(
  state: ArpState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const p = arpOffset(data);
  if (p < 0) {
    sink.anomaly('arp.malformed', 'not an Ethernet frame with a whole ARP header');
    return OK;
  }
  const hrd = u16(data, p);
  const pro = u16(data, p + 2);
  const hln = data[p + 4] as number;
  const pln = data[p + 5] as number;
  const op = u16(data, p + 6);
  const fields: ArpFields = {
    opcode: op,
    operation: OPCODE_NAMES[op] ?? 'unknown',
    hardware_type: hrd,
    protocol_type: pro,
  };
  const ethIpv4 = (hrd === ARP.HRD_ETHERNET || hrd === ARP.HRD_IEEE802) && pro === ARP.PRO_IPV4;
  if (p + ARP.FIXED_LEN + 2 * (hln + pln) > data.length) {
    sink.anomaly('arp.malformed', `addresses (hln ${hln}, pln ${pln}) run past the frame end`);
    return OK;
  }
  if (!ethIpv4 || hln !== ARP.HLN_ETHERNET || pln !== ARP.PLN_IPV4) {
    sink.emit({ kind: kindOf(op), arp: fields });
    if (!ethIpv4) sink.confirm();
    // RFC 826: the lengths follow from the types; Ethernet/IPv4 with other lengths is forged
    // or broken, and every stack ignores it.
    if (ethIpv4) sink.anomaly('arp.malformed', `Ethernet/IPv4 ARP with hln ${hln}, pln ${pln}`);
    return OK;
  }
  const sha = p + ARP.FIXED_LEN;
  const spaOff = sha + ARP.HLN_ETHERNET;
  const tha = spaOff + ARP.PLN_IPV4;
  const tpaOff = tha + ARP.HLN_ETHERNET;
  const spa = u32(data, spaOff);
  const tpa = u32(data, tpaOff);
  const shaHi = u16(data, sha);
  const shaLo = u32(data, sha + 2);
  const mismatch = u16(data, ETH.SRC_OFF) !== shaHi || u32(data, ETH.SRC_OFF + 2) !== shaLo;
  fields.sender_mac = macToString(data, sha);
  fields.sender_ip = ipv4ToString(spa);
  fields.target_mac = macToString(data, tha);
  fields.target_ip = ipv4ToString(tpa);
  fields.gratuitous = spa === tpa && spa !== 0;
  fields.probe = spa === 0;
  if (mismatch) fields.eth_src_mismatch = true;

  // RFC 826 "Packet Reception": a cache learns <pro, spa> -> sha from any request or reply, so
  // both are claims. A probe (spa 0.0.0.0) claims nothing, nor does a group or zero MAC.
  let claim: Claim = Claim.OK;
  const bindings = state.bindings;
  if (
    (op === OPCODE.REQUEST || op === OPCODE.REPLY) &&
    spa !== 0 &&
    spa !== 0xffffffff &&
    !notAHost(data, sha)
  ) {
    const now = sink.captureTime?.() ?? 0;
    claim = bindings.claim(spa, shaHi, shaLo, now);
    if (claim === Claim.CONFLICT) {
      fields.conflicting_mac = macPartsToString(bindings.otherHi, bindings.otherLo);
    }
  }
  sink.emit({ kind: kindOf(op), arp: fields });
  sink.confirm();

  if (mismatch) {
    sink.anomaly(
      'arp.sender_mismatch',
      `Ethernet source ${macToString(data, ETH.SRC_OFF)}, ARP sender ${fields.sender_mac} ` +
        `(${fields.sender_ip})`,
    );
  }
  if (claim === Claim.CONFLICT) {
    const ago = Math.max(0, Math.round((sink.captureTime?.() ?? 0) - bindings.otherSec));
    sink.anomaly(
      'arp.binding_changed',
      `${fields.sender_ip} new ${fields.sender_mac} old ${fields.conflicting_mac ?? ''} ` +
        `(old claimed it ${ago} s before)`,
    );
  } else if (claim === Claim.FULL) {
    if (state.untracked % BINDING.REPORT_EVERY === 0) {
      sink.anomaly(
        'arp.bindings_limit_reached',
        `${bindings.capacity} addresses tracked; ${state.untracked + 1} claims not tracked`,
      );
    }
    state.untracked++;
  }
  return OK;
}
