/**
 * ARP events: one per ARP packet carried over Ethernet (EtherType 0x0806), of kind
 * `arp.request` (operation 1), `arp.reply` (operation 2) or `arp.other` (the other operations
 * of the IANA registry: InARP, ARP-NAK...). References: [RFC826], [RFC5227], [RFC5494] (see
 * constants.ts).
 *
 * The envelope of an ARP event is that of every layer-2 event: `src_mac`/`dst_mac` are the
 * Ethernet addresses, `src_ip`/`dst_ip` are null. The protocol addresses ARP carries are
 * claims, not the packet's endpoints, so they stay inside the `arp` object (see index.ts).
 */

/** Event kinds. */
export const ARP_EVENT_KINDS = ['arp.request', 'arp.reply', 'arp.other'] as const;

/** An ARP event kind. */
export type ArpEventKind = (typeof ARP_EVENT_KINDS)[number];

/** The `arp` object of every ARP event. Field names are the public schema. */
export interface ArpFields {
  /** ar$op, the operation code (1 request, 2 reply, 8/9 InARP...). */
  opcode: number;
  /** Name of `opcode` (`request`, `reply`, `inarp_request`..., `unknown`). */
  operation: string;
  /** ar$hrd, the hardware type (1 Ethernet). */
  hardware_type: number;
  /** ar$pro, the protocol type (0x0800 IPv4). */
  protocol_type: number;
  /** ar$sha, sender hardware address (Ethernet/IPv4 ARP only). */
  sender_mac?: string;
  /** ar$spa, sender protocol address: the address the sender says it holds (Ethernet/IPv4). */
  sender_ip?: string;
  /** ar$tha, target hardware address (all zero in a request). */
  target_mac?: string;
  /** ar$tpa, target protocol address: the address asked for, or the requester's in a reply. */
  target_ip?: string;
  /**
   * Sender and target protocol addresses are equal: a gratuitous ARP or ARP Announcement
   * ([RFC5227] 2.3), a host telling the segment its binding unasked.
   */
  gratuitous?: boolean;
  /** Sender protocol address 0.0.0.0: an ARP Probe ([RFC5227] 2.1.1), no binding claimed. */
  probe?: boolean;
  /** The Ethernet source MAC differs from `sender_mac` (see `arp.sender_mismatch`). */
  eth_src_mismatch?: boolean;
  /**
   * Another MAC that claimed `sender_ip` within the hold time (see `arp.binding_changed`):
   * absent when the binding is uncontested.
   */
  conflicting_mac?: string;
}

/** An ARP event. */
export interface ArpEvent {
  readonly kind: ArpEventKind;
  readonly arp: ArpFields;
}
