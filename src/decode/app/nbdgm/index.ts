/**
 * The NetBIOS datagram service decoder descriptor: UDP 138, recognised on any port by its probe
 * (first-level encoded names at their fixed offsets). The parser, with the SMB mailslot,
 * Browser and NETLOGON readers, lives in `nbdgm.ts`, the code tables in `constants.ts`, the
 * event types in `events.ts`; NetBIOS names are decoded by `../nbns/names.ts`. README.md has the
 * coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { NBDGM } from './constants.js';
import { NBDGM_EVENT_KINDS } from './events.js';
import { createNbdgmState, parseNbdgm, probeNbdgm } from './nbdgm.js';
import type { NbdgmState } from './nbdgm.js';

/**
 * Every anomaly the datagram service decoder raises. `rules/anomalies/nbdgm.yml` has one
 * default Sigma rule per entry.
 */
export const NBDGM_ANOMALIES = {
  'nbdgm.not_nbdgm': {
    description:
      'A datagram on a NetBIOS datagram flow that is not one (unknown message type): another ' +
      'protocol on UDP 138.',
    severity: 'medium',
  },
  'nbdgm.truncated_message': {
    description: 'A NetBIOS datagram shorter than its header, names or DGM_LENGTH.',
    severity: 'low',
  },
  'nbdgm.length_mismatch': {
    description:
      'Bytes after the DGM_LENGTH a NetBIOS datagram declares: padding or smuggled data.',
    severity: 'low',
  },
  'nbdgm.bad_name_encoding': {
    description:
      'A source or destination NetBIOS name whose first label is not 32 characters A-P ' +
      '(RFC 1001 first-level encoding): a crafted or broken name.',
    severity: 'medium',
  },
  'nbdgm.source_address_mismatch': {
    description:
      'The SOURCE_IP a datagram carries is not the address that sent it (and no datagram ' +
      'distribution server relayed it): a forged browser announcement or a NAT rewrite.',
    severity: 'medium',
  },
  'nbdgm.error_datagram': {
    description:
      'A datagram error message (destination name not present, invalid name format): ' +
      'names probed that no node owns.',
    severity: 'low',
  },
  'nbdgm.malformed_mailslot': {
    description:
      'An SMB mailslot transaction or Browser message that does not fit the datagram ' +
      '(word count, data offset or command body out of bounds).',
    severity: 'medium',
  },
} as const satisfies AnomalyCatalog;

/** Name of a datagram service anomaly. */
export type NbdgmAnomaly = keyof typeof NBDGM_ANOMALIES;

/**
 * The NetBIOS datagram service decoder.
 *
 * @example
 * const state = nbdgmDecoder.createState(DEFAULT_LIMITS);
 * nbdgmDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const nbdgmDecoder: AppDecoder<NbdgmState> = {
  id: 'nbdgm',
  transport: 'udp',
  defaultPorts: [NBDGM.PORT],
  anomalies: NBDGM_ANOMALIES,
  eventKinds: NBDGM_EVENT_KINDS,
  probe: probeNbdgm,
  createState: createNbdgmState,
  parse: parseNbdgm,
};
