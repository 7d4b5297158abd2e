/**
 * The SNMP decoder descriptor: UDP 161 (agents) and 162 (notification receivers), TCP 161 and
 * 1161 ([RFC3430]), recognised on any port by its probe. The parser lives in `snmp.ts` and `varbind.ts`, the code tables in
 * `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { SNMP } from './constants.js';
import { SNMP_EVENT_KINDS } from './events.js';
import { createSnmpState, parseSnmp, probeSnmp, snmpGap } from './snmp.js';
import type { SnmpState } from './snmp.js';

/**
 * Every anomaly the SNMP decoder raises. `rules/anomalies/snmp.yml` has one default Sigma rule
 * per entry.
 */
export const SNMP_ANOMALIES = {
  'snmp.not_snmp': {
    description:
      'The first datagram of a flow on an SNMP port is not an SNMP message (no SEQUENCE with ' +
      'version 0, 1 or 3 and a PDU or msgGlobalData), or an SNMP-over-TCP stream lost its ' +
      'framing: another protocol on the SNMP ports; decoding of the flow stops.',
    severity: 'medium',
  },
  'snmp.malformed_ber': {
    description:
      'An SNMP message whose BER encoding is broken (truncated element, length past its ' +
      'container, indefinite length, multi-octet tag, wrong element type): a cut frame, a ' +
      'buggy agent or a crafted message aimed at parser flaws.',
    severity: 'medium',
  },
  'snmp.trailing_bytes': {
    description:
      'Octets after the SNMP message in its datagram: padding, or data smuggled behind it.',
    severity: 'low',
  },
  'snmp.unknown_version': {
    description:
      'An SNMP message whose version is neither 0 (v1), 1 (v2c) nor 3 (v3): the historic ' +
      'SNMPv2u (2, still decoded) or fuzzing.',
    severity: 'low',
  },
  'snmp.unknown_pdu_type': {
    description: 'An SNMP message whose PDU tag is not one of [0]-[8] (RFC 3416 3).',
    severity: 'medium',
  },
  'snmp.cleartext_community': {
    description:
      'SNMPv1 or v2c in use: the community string, the only credential, crosses the network in ' +
      'clear text and can be sniffed and replayed (raised once per flow; the community itself is ' +
      'never recorded).',
    severity: 'medium',
  },
  'snmp.default_community': {
    description:
      'An SNMPv1/v2c message with a well-known default community (public, private, ...): ' +
      'anyone on the network can read, and perhaps write, the device (raised once per flow).',
    severity: 'high',
  },
  'snmp.set_default_community': {
    description:
      'A SetRequest with a well-known default community: configuration written to a device ' +
      'with a guessable credential (device reconfiguration, Cisco config copy via SNMP).',
    severity: 'high',
  },
  'snmp.too_many_varbinds': {
    description: `More than ${SNMP.MAX_VARBINDS} variable bindings in one message: the rest are counted, not listed.`,
    severity: 'low',
  },
  'snmp.oversize_message': {
    description: `An SNMP message longer than ${SNMP.MAX_MESSAGE} octets: the reply of a GetBulk amplification or a crafted overlong message (over TCP, one longer than the PDU limit ends decoding of the flow).`,
    severity: 'medium',
  },
  'snmp.large_max_repetitions': {
    description: `A GetBulkRequest asking for more than ${SNMP.MAX_REPETITIONS} repetitions: the request of SNMP reflection/amplification or an aggressive MIB dump.`,
    severity: 'medium',
  },
  'snmp.authentication_failure_trap': {
    description:
      'An authenticationFailure notification (v1 generic trap 4 or snmpTrapOID ' +
      'authenticationFailure): an agent received a message with a wrong community, as during ' +
      'community guessing.',
    severity: 'medium',
  },
  'snmp.usm_authentication_failure': {
    description:
      'An SNMPv3 Report of usmStatsUnknownUserNames or usmStatsWrongDigests: a request with an ' +
      'unknown user or a wrong key, as during user enumeration or password guessing.',
    severity: 'medium',
  },
  'snmp.v3_no_auth': {
    description:
      'An SNMPv3 request or notification of a named user without authentication ' +
      '(noAuthNoPriv): it can be forged by anyone on the path.',
    severity: 'low',
  },
  'snmp.invalid_msg_flags': {
    description:
      'SNMPv3 msgFlags asking for privacy without authentication (RFC 3412 7.2 step 5d).',
    severity: 'low',
  },
  'snmp.invalid_msg_max_size': {
    description: 'SNMPv3 msgMaxSize below the 484 octets RFC 3412 6 requires.',
    severity: 'low',
  },
  'snmp.too_many_pending': {
    description:
      'More unanswered requests on a flow than the pending-request table holds: the oldest are ' +
      'forgotten (a scanner guessing communities, or an agent that does not answer).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an SNMP anomaly. */
export type SnmpAnomaly = keyof typeof SNMP_ANOMALIES;

/**
 * The SNMP decoder.
 *
 * @example
 * const state = snmpDecoder.createState(DEFAULT_LIMITS);
 * snmpDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const snmpDecoder: AppDecoder<SnmpState> = {
  id: 'snmp',
  // Mostly UDP; [RFC3430] SNMP over TCP (161, and 1161 where 161 is taken) is a stream of the
  // same messages.
  transport: 'tcp',
  defaultPorts: [SNMP.PORT, SNMP.TCP_ALT_PORT],
  udpPorts: [SNMP.PORT, SNMP.TRAP_PORT],
  anomalies: SNMP_ANOMALIES,
  eventKinds: SNMP_EVENT_KINDS,
  probe: probeSnmp,
  createState: createSnmpState,
  parse: parseSnmp,
  onGap: snmpGap,
};
