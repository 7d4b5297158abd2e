/**
 * The ARP decoder descriptor: Ethernet frames of EtherType 0x0806 ([RFC826]), turned into
 * `arp.request` / `arp.reply` / `arp.other` events, with two spoofing checks (adversary in the
 * middle by ARP cache poisoning, ATT&CK T0830 / T1557.002). The parser lives in `arp.ts`, the
 * binding table in `bindings.ts`, the code tables and limits in `constants.ts`, the event
 * types in `events.ts`; README.md has the coverage matrix.
 *
 * The link layer (`decode/link/arp.ts`) still decodes every ARP packet first: it counts them,
 * raises `arp.truncated` and gives the asset inventory the sender and target addresses. This
 * decoder adds the events and the checks; it sees Ethernet frames only (a Linux cooked capture
 * has no destination MAC and no layer-2 stream).
 *
 * Envelope: like GOOSE and PROFINET DCP, an ARP event is a layer-2 event: `src_mac`/`dst_mac`
 * are the Ethernet addresses and `src_ip`/`dst_ip` are null. The sender and target protocol
 * addresses are not put there: they are what the packet claims, not who sent it (a poisoner's
 * reply carries the victim's address as sender), so filling `src_ip` with them would pin the
 * attacker's packets, alerts and asset links on the victim; and the envelope of a layer-2
 * stream is fixed per (source MAC, destination MAC, VLAN) while one stream carries many
 * addresses (a router's requests). Rules read them as `arp.sender_ip` / `arp.target_ip`.
 *
 * State: `sharedState`, one binding table per pipeline, since a binding belongs to the
 * broadcast domain and the claims that conflict arrive on different streams (the owner's and
 * the poisoner's). `palisade analyze --workers N` deals every ARP frame to one worker
 * (`pipeline/shard.ts`) so that the table sees them all and the output does not depend on N.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { createArpState, parseArp, probeArp } from './arp.js';
import type { ArpState } from './arp.js';
import { ETHER } from './constants.js';
import { ARP_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the ARP decoder raises. `rules/anomalies/arp.yml` has one default Sigma rule
 * per entry.
 */
export const ARP_APP_ANOMALIES = {
  'arp.binding_changed': {
    description:
      'Two MACs claim the same IPv4 address (ARP reply or request sender fields) within five ' +
      'minutes of each other: ARP cache poisoning, reported on every claim while the conflict ' +
      'lasts; the detail names the address, the new and the old MAC.',
    severity: 'high',
  },
  'arp.sender_mismatch': {
    description:
      'The Ethernet source MAC of an ARP packet differs from the sender hardware address it ' +
      'carries: a forged or relayed ARP packet (spoofing tools), or a MAC-rewriting bridge.',
    severity: 'high',
  },
  'arp.malformed': {
    description:
      'An ARP packet too short for the address lengths it announces, or Ethernet/IPv4 ARP ' +
      'with address lengths other than 6 and 4: a cut capture, a broken stack or a forged packet.',
    severity: 'low',
  },
  'arp.bindings_limit_reached': {
    description:
      'The binding table is full of addresses claimed in the last five minutes: further ' +
      'addresses are not checked for conflicts (reported on the first and every 256th).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an ARP decoder anomaly. */
export type ArpAnomaly = keyof typeof ARP_APP_ANOMALIES;

/**
 * The ARP decoder.
 *
 * @example
 * const state = arpDecoder.createState(DEFAULT_LIMITS);
 * arpDecoder.parse(state, ethernetFrame, Direction.TO_SERVER, sink);
 */
export const arpDecoder: AppDecoder<ArpState> = {
  id: 'arp',
  transport: 'ether',
  defaultPorts: [],
  etherTypes: [ETHER.ARP],
  etherHeader: true,
  sharedState: true,
  anomalies: ARP_APP_ANOMALIES,
  eventKinds: ARP_EVENT_KINDS,
  probe: probeArp,
  createState: createArpState,
  parse: parseArp,
};
