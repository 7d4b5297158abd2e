/**
 * DNS code tables.
 *
 * References:
 * - [RFC1035] Domain Names - Implementation and Specification (header 4.1.1, question 4.1.2,
 *   resource records 4.1.3, compression 4.1.4, TCP framing 4.2.2, types and classes 3.2.2-3.2.4).
 * - [RFC6895] DNS IANA Considerations (RR type, class, opcode and rcode registries); the IANA
 *   "Domain Name System (DNS) Parameters" registry for the values below.
 * - [RFC6891] EDNS(0) (OPT pseudo-RR 6.1.2, extended rcode and flags 6.1.3).
 * - [RFC4035] 3.2 (AD and CD bits), [RFC1996] NOTIFY, [RFC2136] UPDATE, [RFC8490] DSO.
 * - [RFC6762] Multicast DNS (UDP 5353, QU bit 5.4, cache-flush bit 10.2), [RFC4795] LLMNR (5355).
 * - [RFC1002] 4.1 NetBIOS name encoding (NBNS shares the DNS format; told apart by its names).
 */

/** Ports and sizes ([RFC1035] 4.2, [RFC6762], [RFC4795]). */
export const DNS = {
  PORT: 53,
  MDNS_PORT: 5353,
  LLMNR_PORT: 5355,
  HEADER: 12,
  /** Longest DNS-over-TCP message the probe recognises as a flow's first. */
  PROBE_MAX_TCP_LENGTH: 16_384,
  /** Longest DNS-over-TCP query the probe recognises (TSIG-signed updates stay well below). */
  PROBE_MAX_TCP_QUERY: 4096,
  /** Longest name on the wire, length octets included ([RFC1035] 2.3.4). */
  MAX_NAME_WIRE: 255,
  /** Longest label ([RFC1035] 2.3.4). */
  MAX_LABEL: 63,
  /**
   * Compression pointers followed for one name. A name has at most 127 labels, so a legitimate
   * name never needs more; past this it is a loop or an attack (SIGRed, CVE-2020-1350).
   */
  MAX_POINTER_JUMPS: 32,
  /** Records listed per section of an event; the rest are counted (`dns.records_limit_reached`). */
  MAX_RECORDS_LISTED: 64,
  /** TXT strings copied into an event, each cut to `MAX_TXT_CHARS`. */
  MAX_TXT_STRINGS: 16,
  MAX_TXT_CHARS: 255,
  /** EDNS options listed per OPT record. */
  MAX_EDNS_OPTIONS: 32,
} as const;

/** Opcodes ([RFC6895] 2.2, IANA registry). */
export const OPCODES: ReadonlyMap<number, string> = new Map([
  [0, 'query'],
  [1, 'iquery'], // obsoleted by RFC 3425
  [2, 'status'],
  [4, 'notify'], // RFC 1996
  [5, 'update'], // RFC 2136
  [6, 'dso'], // RFC 8490
]);

/** Response codes, 4-bit and EDNS-extended ([RFC6895] 2.3, IANA registry). */
export const RCODES: ReadonlyMap<number, string> = new Map([
  [0, 'noerror'],
  [1, 'formerr'],
  [2, 'servfail'],
  [3, 'nxdomain'],
  [4, 'notimp'],
  [5, 'refused'],
  [6, 'yxdomain'], // RFC 2136
  [7, 'yxrrset'],
  [8, 'nxrrset'],
  [9, 'notauth'],
  [10, 'notzone'],
  [11, 'dsotypeni'], // RFC 8490
  [16, 'badvers'], // RFC 6891 (BADSIG in TSIG context, RFC 8945)
  [17, 'badkey'],
  [18, 'badtime'],
  [19, 'badmode'],
  [20, 'badname'],
  [21, 'badalg'],
  [22, 'badtrunc'],
  [23, 'badcookie'], // RFC 7873
]);

/** RCODE 3: the name does not exist ([RFC1035] 4.1.1). */
export const RCODE_NXDOMAIN = 3;

/** Resource record types (IANA registry; RFC of each in the comment). */
export const RR_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'A'], // RFC 1035
  [2, 'NS'],
  [3, 'MD'],
  [4, 'MF'],
  [5, 'CNAME'],
  [6, 'SOA'],
  [7, 'MB'],
  [8, 'MG'],
  [9, 'MR'],
  [10, 'NULL'],
  [11, 'WKS'],
  [12, 'PTR'],
  [13, 'HINFO'],
  [14, 'MINFO'],
  [15, 'MX'],
  [16, 'TXT'],
  [17, 'RP'], // RFC 1183
  [18, 'AFSDB'],
  [24, 'SIG'], // RFC 2535
  [25, 'KEY'],
  [28, 'AAAA'], // RFC 3596
  [29, 'LOC'], // RFC 1876
  [33, 'SRV'], // RFC 2782
  [35, 'NAPTR'], // RFC 3403
  [36, 'KX'],
  [37, 'CERT'],
  [39, 'DNAME'], // RFC 6672
  [41, 'OPT'], // RFC 6891
  [42, 'APL'],
  [43, 'DS'], // RFC 4034
  [44, 'SSHFP'], // RFC 4255
  [45, 'IPSECKEY'],
  [46, 'RRSIG'], // RFC 4034
  [47, 'NSEC'],
  [48, 'DNSKEY'],
  [49, 'DHCID'],
  [50, 'NSEC3'], // RFC 5155
  [51, 'NSEC3PARAM'],
  [52, 'TLSA'], // RFC 6698
  [53, 'SMIMEA'],
  [55, 'HIP'],
  [59, 'CDS'], // RFC 7344
  [60, 'CDNSKEY'],
  [61, 'OPENPGPKEY'],
  [62, 'CSYNC'],
  [63, 'ZONEMD'],
  [64, 'SVCB'], // RFC 9460
  [65, 'HTTPS'],
  [99, 'SPF'], // RFC 7208
  [249, 'TKEY'], // RFC 2930
  [250, 'TSIG'], // RFC 8945
  [251, 'IXFR'], // RFC 1995
  [252, 'AXFR'], // RFC 1035 (QTYPE only)
  [253, 'MAILB'],
  [254, 'MAILA'],
  [255, 'ANY'], // RFC 1035 "*", RFC 8482
  [256, 'URI'], // RFC 7553
  [257, 'CAA'], // RFC 8659
]);

/** Type codes the parser treats specially. */
export const T = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  NULL: 10,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  DNAME: 39,
  OPT: 41,
  IXFR: 251,
  AXFR: 252,
  ANY: 255,
} as const;

/** Classes ([RFC1035] 3.2.4, 3.2.5; [RFC2136] NONE). */
export const CLASSES: ReadonlyMap<number, string> = new Map([
  [1, 'IN'],
  [3, 'CH'],
  [4, 'HS'],
  [254, 'NONE'],
  [255, 'ANY'],
]);

/** EDNS option codes (IANA "DNS EDNS0 Option Codes (OPT)"). */
export const EDNS_OPTIONS: ReadonlyMap<number, string> = new Map([
  [1, 'llq'],
  [2, 'ul'],
  [3, 'nsid'], // RFC 5001
  [5, 'dau'], // RFC 6975
  [6, 'dhu'],
  [7, 'n3u'],
  [8, 'client_subnet'], // RFC 7871
  [9, 'expire'], // RFC 7314
  [10, 'cookie'], // RFC 7873
  [11, 'tcp_keepalive'], // RFC 7828
  [12, 'padding'], // RFC 7830
  [13, 'chain'], // RFC 7901
  [14, 'key_tag'], // RFC 8145
  [15, 'extended_error'], // RFC 8914
  [16, 'client_tag'],
  [17, 'server_tag'],
  [20292, 'umbrella_ident'],
  [26946, 'deviceid'],
]);

/**
 * Tunnelling thresholds. DNS tunnels (iodine, dnscat2, DNSExfiltrator, Cobalt Strike DNS beacons)
 * pack base32/base64/hex data into the leftmost labels: names far longer than human-chosen ones
 * and labels whose byte distribution is close to uniform. Ordinary names rarely exceed 60 bytes;
 * base32 data has about 5 bits of entropy per character and hex 4, English-like labels 2.5 to
 * 3.5. The entropy of a short label is bounded by log2(length), so it is only judged on at least
 * `MIN_ENTROPY_BYTES` bytes.
 */
export const TUNNEL = {
  /** A query name at least this long (presentation length) is flagged. */
  LONG_NAME: 100,
  /** A label at least this long is flagged (63 is the maximum). */
  LONG_LABEL: 52,
  /** Shannon entropy (bits per byte) of the leftmost labels at or above which a name is flagged. */
  HIGH_ENTROPY: 4.0,
  MIN_ENTROPY_BYTES: 24,
} as const;

/**
 * NXDOMAIN burst: at least `COUNT` NXDOMAIN responses on one flow within `WINDOW` responses
 * (a DGA bot or a tunnel probing random names). Counted over the last responses rather than
 * time, as a decoder sees no clock; the state is two integers per flow.
 */
export const NXDOMAIN_BURST = { COUNT: 20, WINDOW: 32 } as const;
