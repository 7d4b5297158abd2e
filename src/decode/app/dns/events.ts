/**
 * DNS events: one per DNS message, `dns.query` (QR = 0) or `dns.response` (QR = 1), plus one
 * `dns.question` per question after the first (multicast DNS packs several questions into one
 * message; each is then one event carrying `dns.qname`, the contract field of DESIGN.md).
 *
 * Names are shown as Wireshark shows them: labels joined by dots, the root as `<Root>`,
 * printable ASCII as is, labels with bytes above 0x7f decoded as UTF-8, control bytes as `\xNN`.
 * References: see constants.ts.
 */

/** Event kinds. */
export const DNS_EVENT_KINDS = ['dns.query', 'dns.response', 'dns.question'] as const;

/** A DNS event kind. */
export type DnsEventKind = (typeof DNS_EVENT_KINDS)[number];

/** One resource record of the answer, authority or additional section. */
export interface DnsRecord {
  /** Owner name. */
  name: string;
  /** TYPE code and its mnemonic (`A`, `TXT`, ... or `TYPE<n>`). */
  type: number;
  type_name: string;
  /** CLASS code (for mDNS without the cache-flush bit) and its mnemonic (`IN`, ... or `CLASS<n>`). */
  class: number;
  class_name: string;
  /** TTL in seconds. */
  ttl: number;
  /** RDLENGTH. */
  rdlength: number;
  /**
   * Decoded RDATA: the address for A and AAAA, the target name for CNAME, NS, PTR, DNAME, MX
   * (`<preference> <exchange>`), SRV (`<priority> <weight> <port> <target>`), SOA
   * (`<mname> <rname> <serial> <refresh> <retry> <expire> <minimum>`); absent for other types.
   */
  data?: string;
  /** TXT: the character-strings (at most 16, each cut to 255 characters, latin1). */
  txt?: string[];
  /** mDNS: the cache-flush bit (top bit of CLASS, [RFC6762] 10.2). */
  cache_flush?: boolean;
}

/** EDNS(0) from the OPT pseudo-record ([RFC6891] 6.1). */
export interface DnsEdns {
  /** Requestor's UDP payload size (the OPT CLASS). */
  udp_size: number;
  /** EDNS version (0). */
  version: number;
  /** DNSSEC OK bit. */
  do: boolean;
  /** Upper 8 bits of the extended rcode (the OPT TTL's top byte). */
  ext_rcode: number;
  /** Options in order: code, name (or `unknown`) and length (at most 32 listed). */
  options: { code: number; name: string; length: number }[];
}

/** The `dns` object of every DNS event. Field names are the public schema. */
export interface DnsFields {
  /** How the message travelled: `udp` or `tcp` (2-byte length prefix, [RFC1035] 4.2.2). */
  transport: 'udp' | 'tcp';
  /** Message ID. */
  id: number;
  /** QR: true in a response. */
  qr: boolean;
  /** OPCODE and its name (`query`, `notify`, `update`, ... or `unknown`). */
  opcode: number;
  opcode_name: string;
  /** Header flags ([RFC1035] 4.1.1, [RFC4035] 3.2). */
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** The reserved Z bit (must be 0). */
  z: boolean;
  ad: boolean;
  cd: boolean;
  /** RCODE, extended by the OPT record when there is one, and its name (or `unknown`). */
  rcode: number;
  rcode_name: string;
  /** Section counts as the header gives them. */
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
  /** First question (for `dns.question` events: that question): name, type and class. */
  qname?: string;
  qtype?: number;
  qtype_name?: string;
  qclass?: number;
  qclass_name?: string;
  /** mDNS: the unicast-response bit of the question class ([RFC6762] 5.4). */
  qu?: boolean;
  /** For `dns.question` events: position of the question in the message (1 for the second). */
  question_index?: number;
  /** Tunnelling features of `qname`: wire length of the name without the root octet... */
  qname_length?: number;
  /** ... its number of labels, longest label ... */
  label_count?: number;
  longest_label?: number;
  /**
   * ... and the Shannon entropy in bits per byte of its leftmost labels (all but the last two,
   * or the first when there are at most two), rounded to 3 decimals.
   */
  entropy?: number;
  /**
   * ... and the domain the name belongs to, taken as its last two labels (`ostrykebs.pl` for
   * `l.1.ns.ostrykebs.pl`; the whole name when it has two labels or fewer; absent for the root):
   * rules count the distinct names a client asks under one domain. Names under a two-label
   * public suffix give the suffix (`co.uk`).
   */
  domain?: string;
  /** Answer, authority and additional records (at most 64 each; OPT is in `edns`). */
  answers?: DnsRecord[];
  authority?: DnsRecord[];
  additional?: DnsRecord[];
  /** Total RDATA bytes of TXT and of NULL answers: the channel a tunnel downloads through. */
  txt_bytes?: number;
  null_bytes?: number;
  /** EDNS(0) of the message. */
  edns?: DnsEdns;
  /** Responses: true when a query with the same ID and name was seen on the flow. */
  paired?: boolean;
  /** Present when the message could not be decoded to its end: where it stopped. */
  error?: string;
}
