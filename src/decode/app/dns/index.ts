/**
 * The DNS decoder descriptor: DNS over UDP and TCP 53, multicast DNS (UDP 5353) and LLMNR
 * (UDP 5355), recognised on any port by its probe. The parser lives in `dns.ts`, the code tables
 * in `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { DNS } from './constants.js';
import { createDnsState, dnsGap, parseDns, probeDns } from './dns.js';
import type { DnsState } from './dns.js';
import { DNS_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the DNS decoder raises. `rules/anomalies/dns.yml` has one default Sigma rule
 * per entry.
 */
export const DNS_ANOMALIES = {
  'dns.not_dns': {
    description:
      'Traffic on a DNS flow whose first message has no plausible DNS header (unknown opcode, ' +
      'Z bit set, a query without a question or with an rcode, absurd section counts): ' +
      'another protocol, often a tunnel or backdoor, on the DNS port; decoding of the flow stops.',
    severity: 'medium',
  },
  'dns.invalid_length': {
    description:
      'A DNS-over-TCP length prefix shorter than the 12-byte header: the stream cannot be ' +
      'framed and decoding of the flow stops.',
    severity: 'medium',
  },
  'dns.truncated_message': {
    description:
      'A DNS message that ends before the questions and records its header counts (or a ' +
      'datagram shorter than the header): malformed or crafted traffic.',
    severity: 'low',
  },
  'dns.malformed_name': {
    description:
      'A name with a reserved label type (0x40, 0x80) or a compression pointer outside the ' +
      'message: crafted to crash parsers.',
    severity: 'medium',
  },
  'dns.compression_loop': {
    description:
      'A name that needs more than 32 compression pointers: a pointer loop, the classic ' +
      'resolver denial of service.',
    severity: 'high',
  },
  'dns.name_too_long': {
    description:
      'A name longer than 255 bytes on the wire (RFC 1035 2.3.4): crafted to overflow name ' +
      'buffers (SIGRed, CVE-2020-1350, relies on oversized expanded names).',
    severity: 'high',
  },
  'dns.unknown_opcode': {
    description: 'A message with an opcode the IANA registry does not assign (3, 7-15).',
    severity: 'low',
  },
  'dns.truncated_response': {
    description:
      'A response with the TC bit set: the answer did not fit and the client retries over ' +
      'TCP; also the first step of large-response exploits (SIGRed) and of zone data leaks.',
    severity: 'low',
  },
  'dns.zone_transfer': {
    description:
      'An AXFR or IXFR query: a zone transfer, which reveals every host of the zone when the ' +
      'server allows it to anyone (reconnaissance).',
    severity: 'medium',
  },
  'dns.any_query': {
    description:
      'A query of type ANY: reconnaissance or the amplification vector of reflected DNS ' +
      'denial-of-service attacks (RFC 8482).',
    severity: 'low',
  },
  'dns.long_name': {
    description:
      'A query name of 100 characters or more, or with a label of 52 or more: data packed into ' +
      'the name, the signature of DNS tunnelling and exfiltration.',
    severity: 'medium',
  },
  'dns.high_entropy_name': {
    description:
      'A query whose leftmost labels hold at least 24 bytes with a Shannon entropy of 4 bits ' +
      'per byte or more: encoded data (base32, base64, hex) rather than a host name, as DNS ' +
      'tunnels and DGA malware produce.',
    severity: 'medium',
  },
  'dns.nxdomain_burst': {
    description:
      'At least 20 of the last 32 responses on one flow were NXDOMAIN: a DGA bot or a tunnel ' +
      'probing random names, or a scan by reverse lookups.',
    severity: 'medium',
  },
  'dns.records_limit_reached': {
    description:
      'A section with more than 64 records: only the first 64 are listed in the event; the ' +
      'counts and the TXT/NULL byte totals still cover all of them.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a DNS anomaly. */
export type DnsAnomaly = keyof typeof DNS_ANOMALIES;

/**
 * The DNS decoder (also mDNS and LLMNR). A TCP flow carries length-prefixed messages, a UDP
 * flow one message per datagram; the pipeline tells `createState` which.
 *
 * @example
 * const state = dnsDecoder.createState(DEFAULT_LIMITS, 'udp');
 * dnsDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const dnsDecoder: AppDecoder<DnsState> = {
  id: 'dns',
  transport: 'tcp',
  defaultPorts: [DNS.PORT],
  udpPorts: [DNS.PORT, DNS.MDNS_PORT, DNS.LLMNR_PORT],
  anomalies: DNS_ANOMALIES,
  eventKinds: DNS_EVENT_KINDS,
  probe: probeDns,
  createState: createDnsState,
  parse: parseDns,
  onGap: dnsGap,
};
