/**
 * DHCPv4 / BOOTP code tables.
 *
 * References:
 * - [RFC951] Bootstrap Protocol (BOOTP): the fixed 236-byte message, UDP 67/68.
 * - [RFC2131] DHCP: 2 (message format, broadcast flag), 3 (message types), 4.1 (option order
 *   with overload: options, then file, then sname).
 * - [RFC2132] DHCP Options and BOOTP Vendor Extensions: 3 (pad, end, subnet mask, routers, DNS
 *   servers, host name, domain name), 9 (DHCP extensions: requested address 9.1, lease time 9.2,
 *   overload 9.3, message type 9.6, server identifier 9.7, parameter request list 9.8, message
 *   9.9, maximum message size 9.10, renewal and rebinding times 9.11-9.12, vendor class 9.13,
 *   client identifier 9.14).
 * - [RFC3046] Relay Agent Information option 82 (circuit id 1, remote id 2).
 * - [RFC4702] Client FQDN option 81. IANA "BOOTP Vendor Extensions and DHCP Options".
 */

/** Ports and sizes. */
export const DHCP = {
  SERVER_PORT: 67,
  CLIENT_PORT: 68,
  /** op .. file: the fixed BOOTP part ([RFC951], [RFC2131] 2). */
  FIXED: 236,
  /** Magic cookie 99.130.83.99 ([RFC2131] 3, [RFC1497]). */
  MAGIC: 0x63825363,
  /** A BOOTP message without the DHCP cookie is at least this long ([RFC951]: 64-byte vend). */
  BOOTP_MIN: 300,
  SNAME_OFF: 44,
  SNAME_LEN: 64,
  FILE_OFF: 108,
  FILE_LEN: 128,
  /** Option codes listed per message in `options` (the rest are counted). */
  MAX_OPTIONS_LISTED: 255,
} as const;

/** Option codes the parser reads ([RFC2132] sections in comments). */
export const OPT = {
  PAD: 0,
  SUBNET_MASK: 1, // 3.3
  ROUTERS: 3, // 3.5
  DNS_SERVERS: 6, // 3.8
  HOSTNAME: 12, // 3.14
  DOMAIN_NAME: 15, // 3.17
  REQUESTED_IP: 50, // 9.1
  LEASE_TIME: 51, // 9.2
  OVERLOAD: 52, // 9.3
  MESSAGE_TYPE: 53, // 9.6
  SERVER_ID: 54, // 9.7
  PARAM_REQUEST_LIST: 55, // 9.8
  MESSAGE: 56, // 9.9
  MAX_MESSAGE_SIZE: 57, // 9.10
  RENEWAL_TIME: 58, // 9.11
  REBINDING_TIME: 59, // 9.12
  VENDOR_CLASS: 60, // 9.13
  CLIENT_ID: 61, // 9.14
  CLIENT_FQDN: 81, // RFC 4702
  RELAY_AGENT: 82, // RFC 3046
  END: 255,
} as const;

/** DHCP message types, option 53 ([RFC2132] 9.6; 9-18 from the IANA registry). */
export const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'discover'],
  [2, 'offer'],
  [3, 'request'],
  [4, 'decline'],
  [5, 'ack'],
  [6, 'nak'],
  [7, 'release'],
  [8, 'inform'],
  [9, 'forcerenew'], // RFC 3203
  [10, 'leasequery'], // RFC 4388
  [11, 'leaseunassigned'],
  [12, 'leaseunknown'],
  [13, 'leaseactive'],
  [14, 'bulkleasequery'], // RFC 6926
  [15, 'leasequerydone'],
  [16, 'activeleasequery'], // RFC 7724
  [17, 'leasequerystatus'],
  [18, 'tls'],
]);

/** Message types that a server sends carrying its identity. */
export const OFFER = 2;
export const ACK = 5;
