/**
 * The RDP decoder descriptor: registered in `decode/registry.ts`, run first over TCP 3389 (and
 * UDP 3389 for RDP-UDP), recognised on any port by an X.224 Connection Request carrying an RDP
 * cookie or RDP_NEG_REQ. The parser lives in `rdp.ts`, code tables in `constants.ts`, event
 * types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { RDP_PORTS } from './constants.js';
import { RDP_EVENT_KINDS } from './events.js';
import { createRdpState, onRdpGap, parseRdp, probeRdp } from './rdp.js';
import type { RdpState } from './rdp.js';

/**
 * Every anomaly the RDP decoder raises. `rules/anomalies/rdp.yml` has one default Sigma rule
 * per entry.
 */
export const RDP_ANOMALIES = {
  'rdp.malformed_tpkt': {
    description:
      'A frame that is not TPKT (version 3, reserved 0, length >= 7) where RDP expects one: on ' +
      'a new flow the traffic is not RDP; on a confirmed one the direction is only counted.',
    severity: 'medium',
  },
  'rdp.malformed_x224': {
    description:
      'An X.224 TPDU whose length indicator overruns its TPKT frame, a data TPDU with a wrong ' +
      'header or an unknown TPDU code: a broken client, a fuzzer or an exploit attempt.',
    severity: 'medium',
  },
  'rdp.malformed_negotiation': {
    description:
      'A connection request or confirm whose cookie has no CR LF, whose RDP_NEG_* structure ' +
      'has a length other than 8, announces correlation info it lacks, or is followed by ' +
      'unexpected bytes, or a confirm selecting a protocol the client did not request ' +
      '([MS-RDPBCGR] 2.2.1.1, 2.2.1.2): scanners, exploit tooling, broken middleboxes.',
    severity: 'low',
  },
  'rdp.cookie_too_long': {
    description:
      'A routing token or mstshash cookie longer than 64 bytes: mstsc sends short user names ' +
      'and load balancers short tokens; long ones come from fuzzers and exploit kits.',
    severity: 'medium',
  },
  'rdp.restricted_admin_requested': {
    description:
      'The client requires Restricted Admin mode (RDP_NEG_REQ flag 0x01): the server does not ' +
      'get the credentials, which is also how pass-the-hash over RDP (mimikatz sekurlsa::pth ' +
      'with mstsc /restrictedadmin) logs on with an NTLM hash. The detail is the cookie user.',
    severity: 'medium',
  },
  'rdp.negotiation_failed': {
    description:
      'The server answered with RDP_NEG_FAILURE (TLS or CredSSP required, not allowed, no ' +
      'certificate): a client that cannot meet the server policy or a scanner enumerating ' +
      'security layers (nmap rdp-enum-encryption). The detail names the failure code.',
    severity: 'low',
  },
  'rdp.standard_security': {
    description:
      'Standard RDP Security was selected (no RDP_NEG_RSP, or selectedProtocol 0): RC4 with a ' +
      'server key that the client cannot verify and no Network Level Authentication, open to ' +
      'man-in-the-middle and to pre-authentication attacks on the logon screen. The detail ' +
      'says when the client had offered TLS or CredSSP (a downgrade: server policy or an ' +
      'interception tool stripping the offer).',
    severity: 'medium',
  },
  'rdp.no_encryption': {
    description:
      'The server chose encryption method NONE in its security data: the session, including ' +
      'the Client Info PDU with the user name and password, travels in clear.',
    severity: 'high',
  },
  'rdp.weak_encryption': {
    description:
      'The server chose 40-bit or 56-bit RC4 for Standard RDP Security ([MS-RDPBCGR] 5.3.2): ' +
      'breakable session keys.',
    severity: 'medium',
  },
  'rdp.malformed_mcs': {
    description:
      'An MCS Connect-Initial or Connect-Response whose BER fields, GCC key or user data blocks ' +
      'overrun their container: malformed client data is the vector of several RDP ' +
      'pre-authentication vulnerabilities (MS12-020, CVE-2019-0708 channel tricks).',
    severity: 'medium',
  },
  'rdp.malformed_udp': {
    description:
      'An RDP-UDP datagram shorter than its RDPUDP_FEC_HEADER or a SYN without its ' +
      'RDPUDP_SYNDATA_PAYLOAD ([MS-RDPEUDP] 2.2.2.1, 2.2.2.5).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an RDP anomaly. */
export type RdpAnomaly = keyof typeof RDP_ANOMALIES;

/**
 * The RDP decoder.
 *
 * @example
 * const state = rdpDecoder.createState(DEFAULT_LIMITS, 'tcp');
 * rdpDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const rdpDecoder: AppDecoder<RdpState> = {
  id: 'rdp',
  transport: 'tcp',
  defaultPorts: RDP_PORTS,
  udpPorts: RDP_PORTS,
  anomalies: RDP_ANOMALIES,
  eventKinds: RDP_EVENT_KINDS,
  probe: probeRdp,
  createState: createRdpState,
  parse: parseRdp,
  onGap: onRdpGap,
};
