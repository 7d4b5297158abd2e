/**
 * ARP code tables and the limits of the address-binding watch.
 *
 * References:
 * - [RFC826] An Ethernet Address Resolution Protocol (packet format, "Packet Generation").
 * - [RFC5227] IPv4 Address Conflict Detection, 1.1 and 2.1 (ARP Probe: sender IP 0.0.0.0;
 *   ARP Announcement: sender IP = target IP).
 * - [RFC5494] IANA Allocation Guidelines for ARP (operation codes, hardware types).
 * - IANA "Address Resolution Protocol (ARP) Parameters" registry.
 * - IEEE 802.1Q-2018 9.6 (VLAN tag), IEEE 802.1ad (S-tag).
 */

/** EtherTypes the decoder reads (IEEE Registration Authority list). */
export const ETHER = {
  /** ARP [RFC826]. */
  ARP: 0x0806,
  /** IEEE 802.1Q C-tag. */
  VLAN: 0x8100,
  /** IEEE 802.1ad S-tag. */
  QINQ: 0x88a8,
  /** Pre-standard QinQ TPIDs some switches still send. */
  QINQ_OLD1: 0x9100,
  QINQ_OLD2: 0x9200,
} as const;

/** Ethernet header layout: destination MAC, source MAC, EtherType (IEEE 802.3 3.1.1). */
export const ETH = {
  DST_OFF: 0,
  SRC_OFF: 6,
  TYPE_OFF: 12,
  HEADER_LEN: 14,
  MAC_LEN: 6,
  VLAN_TAG_LEN: 4,
  /** Tags walked at most (the link layer refuses a third one as `vlan.too_many_tags`). */
  MAX_TAGS: 2,
} as const;

/** ARP fixed header [RFC826]: hrd(2) pro(2) hln(1) pln(1) op(2). */
export const ARP = {
  FIXED_LEN: 8,
  /** Ethernet/IPv4 ARP: fixed header + 2 * (6 + 4) address bytes. */
  ETH_IPV4_LEN: 28,
  /** ar$hrd: Ethernet (10Mb) [IANA hardware types]; 6 (IEEE 802) is used by some Token Ring bridges. */
  HRD_ETHERNET: 1,
  HRD_IEEE802: 6,
  /** ar$pro: the EtherType of the protocol resolved, IPv4. */
  PRO_IPV4: 0x0800,
  HLN_ETHERNET: 6,
  PLN_IPV4: 4,
} as const;

/** ar$op values [RFC5494 / IANA ARP parameters]. */
export const OPCODE = {
  REQUEST: 1,
  REPLY: 2,
  RARP_REQUEST: 3,
  RARP_REPLY: 4,
  DRARP_REQUEST: 5,
  DRARP_REPLY: 6,
  DRARP_ERROR: 7,
  INARP_REQUEST: 8,
  INARP_REPLY: 9,
  ARP_NAK: 10,
} as const;

/** Names of the operation codes, for the event's `operation` field. */
export const OPCODE_NAMES: Readonly<Record<number, string>> = {
  1: 'request',
  2: 'reply',
  3: 'rarp_request',
  4: 'rarp_reply',
  5: 'drarp_request',
  6: 'drarp_reply',
  7: 'drarp_error',
  8: 'inarp_request',
  9: 'inarp_reply',
  10: 'arp_nak',
};

/** Limits of the binding watch (see README.md, "Address bindings"). */
export const BINDING = {
  /**
   * Seconds an announcement keeps an address bound to its MAC for the change check: a second
   * MAC claiming the address within this time is `arp.binding_changed`. Five minutes covers
   * the refresh interval of common ARP caches (Linux re-confirms a neighbour after 30-60 s,
   * Windows after 15-45 s, many PLCs every 1-5 min), so a poisoner that repeats its replies
   * (ettercap: every 10 s) keeps colliding with the real owner's refreshes; a DHCP lease that
   * moves to another device after an hour or a day does not.
   */
  HOLD_SEC: 300,
  /** Addresses tracked at once: a /18 worth of hosts on one broadcast domain. */
  MAX_ADDRESSES: 16_384,
  /** Seconds between two sweeps of stale entries when the table stays full. */
  SWEEP_BACKOFF_SEC: 60,
  /** A full table reports every this many addresses it could not track (and the first). */
  REPORT_EVERY: 256,
} as const;
