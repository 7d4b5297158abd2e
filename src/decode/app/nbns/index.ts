/**
 * The NBNS decoder descriptor: the NetBIOS name service on UDP 137, recognised on any port by
 * its probe (a first-level encoded name right after the header). The parser lives in
 * `nbns.ts`, name decoding in `names.ts`, the code tables in `constants.ts`, the event types in
 * `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { NBNS } from './constants.js';
import { NBNS_EVENT_KINDS } from './events.js';
import { createNbnsState, parseNbns, probeNbns } from './nbns.js';
import type { NbnsState } from './nbns.js';

/**
 * Every anomaly the NBNS decoder raises. `rules/anomalies/nbns.yml` has one default Sigma rule
 * per entry.
 */
export const NBNS_ANOMALIES = {
  'nbns.not_nbns': {
    description:
      'A datagram on an NBNS flow that is not NBNS (unknown opcode, no first-level encoded ' +
      'name): another protocol on UDP 137.',
    severity: 'medium',
  },
  'nbns.truncated_message': {
    description: 'An NBNS message whose names or records run past the end of the datagram.',
    severity: 'low',
  },
  'nbns.bad_name_encoding': {
    description:
      'A NetBIOS name whose first label is not 32 characters A-P (RFC 1001 first-level ' +
      'encoding): a crafted or broken name.',
    severity: 'medium',
  },
  'nbns.bad_label': {
    description:
      'A name with reserved label length bits, a compression pointer loop or forward ' +
      'pointer, or over 255 bytes.',
    severity: 'medium',
  },
  'nbns.bad_rdata': {
    description:
      'A record whose data length does not fit its type (NB entries not 6 bytes, a node ' +
      'status name table longer than its record).',
    severity: 'low',
  },
  'nbns.too_many_records': {
    description: 'More records or node status names than the decoder lists; the rest are counted.',
    severity: 'low',
  },
  'nbns.name_conflict': {
    description:
      'A negative response with ACT_ERR or CFT_ERR: a registration refused because another ' +
      'node owns the name, or a name conflict demand; a sign of duplicate names or of a ' +
      'node defending names against a spoofer.',
    severity: 'medium',
  },
  'nbns.unmatched_response': {
    description:
      'A response on a flow that carried requests the other way, whose transaction id ' +
      'matches none of them: a blind NBNS spoofing attempt (Responder, NBNS poisoning).',
    severity: 'high',
  },
} as const satisfies AnomalyCatalog;

/** Name of an NBNS anomaly. */
export type NbnsAnomaly = keyof typeof NBNS_ANOMALIES;

/**
 * The NBNS decoder.
 *
 * @example
 * const state = nbnsDecoder.createState(DEFAULT_LIMITS);
 * nbnsDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const nbnsDecoder: AppDecoder<NbnsState> = {
  id: 'nbns',
  transport: 'udp',
  defaultPorts: [NBNS.PORT],
  anomalies: NBNS_ANOMALIES,
  eventKinds: NBNS_EVENT_KINDS,
  probe: probeNbns,
  createState: createNbnsState,
  parse: parseNbns,
};
