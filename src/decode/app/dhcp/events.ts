/**
 * DHCPv4 / BOOTP events: one per message, `dhcp.request` for BOOTREQUEST (op 1, client to
 * server) and `dhcp.reply` for BOOTREPLY (op 2). Every event carries the `dhcp` object below;
 * options a message does not carry are absent. References: see constants.ts.
 */

/** Event kinds. */
export const DHCP_EVENT_KINDS = ['dhcp.request', 'dhcp.reply'] as const;

/** A DHCP event kind. */
export type DhcpEventKind = (typeof DHCP_EVENT_KINDS)[number];

/** The `dhcp` object of every DHCP event. Field names are the public schema. */
export interface DhcpFields {
  /** BOOTP op: 1 BOOTREQUEST, 2 BOOTREPLY. */
  op: number;
  /** Hardware address type (1 Ethernet) and length. */
  htype: number;
  hlen: number;
  /** Relay hops. */
  hops: number;
  /** Transaction ID: pairs replies with requests. */
  xid: number;
  /** Seconds since the client began acquiring. */
  secs: number;
  /** Flags word; bit 15 is the broadcast flag. */
  flags: number;
  broadcast: boolean;
  /** Client (current), your (assigned), next server and relay agent addresses. */
  ciaddr: string;
  yiaddr: string;
  siaddr: string;
  giaddr: string;
  /** Client hardware address: a MAC for Ethernet, else the `hlen` bytes in hex with colons. */
  chaddr: string;
  /** Server host name and boot file name fields, when they hold text (not overloaded options). */
  sname?: string;
  file?: string;
  /** False for plain BOOTP (no magic cookie, no options). */
  dhcp: boolean;
  /** Option 53: message type and its name (`discover`, `offer`, ... or `unknown`). */
  message_type?: number;
  message_type_name?: string;
  /** Every option code in wire order (pad and end left out), at most 255: a client fingerprint. */
  options?: number[];
  /** Option 55: the parameter request list, codes in order (the classic device fingerprint). */
  param_request_list?: number[];
  /** Option 12: host name. */
  hostname?: string;
  /** Option 60: vendor class identifier (`MSFT 5.0`, `dhcpcd-...`, `udhcp ...`). */
  vendor_class?: string;
  /** Option 61: client identifier, bytes in hex with colons (first byte the type, 1 Ethernet). */
  client_id?: string;
  /** Option 50: requested IP address. */
  requested_ip?: string;
  /** Option 54: server identifier. */
  server_id?: string;
  /** Options 51, 58, 59: lease, renewal (T1) and rebinding (T2) times in seconds. */
  lease_time?: number;
  renewal_time?: number;
  rebinding_time?: number;
  /** Option 1: subnet mask. */
  subnet_mask?: string;
  /** Option 3: routers. */
  routers?: string[];
  /** Option 6: DNS servers. */
  dns_servers?: string[];
  /** Option 15: domain name. */
  domain_name?: string;
  /** Option 81: client FQDN (the name in ASCII or wire form as text). */
  client_fqdn?: string;
  /** Option 57: maximum DHCP message size. */
  max_message_size?: number;
  /** Option 56: error message (NAK, DECLINE). */
  message?: string;
  /** Option 82: relay agent circuit id and remote id, hex with colons. */
  relay_circuit_id?: string;
  relay_remote_id?: string;
  /** Option 52: 1 file, 2 sname, 3 both fields carry options. */
  overload?: number;
}
