/**
 * The Omron FINS decoder descriptor: FINS/TCP on TCP 9600 and FINS/UDP on UDP 9600, recognised
 * on any port by its probe. The parser lives in `fins.ts`, the code tables in `constants.ts`,
 * the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { FINS } from './constants.js';
import { FINS_EVENT_KINDS } from './events.js';
import { createFinsState, parseFins, probeFins } from './fins.js';
import type { FinsState } from './fins.js';

/**
 * Every anomaly the FINS decoder raises. `rules/anomalies/fins.yml` has one default Sigma rule
 * per entry.
 */
export const FINS_ANOMALIES = {
  'fins.invalid_magic': {
    description:
      "A FINS/TCP frame that does not start with the 'FINS' magic: the stream cannot be framed " +
      'and decoding of the flow stops.',
    severity: 'medium',
  },
  'fins.invalid_length': {
    description:
      'A FINS/TCP length shorter than the command and error code fields (8) or larger than the ' +
      'decoder buffers: decoding of the flow stops.',
    severity: 'medium',
  },
  'fins.invalid_header': {
    description:
      'A FINS header with reserved ICF bits set or a non-zero RSV byte (W227 2-3); on a new ' +
      'datagram flow also a gateway count above 7 or an unknown main request code: not FINS.',
    severity: 'medium',
  },
  'fins.truncated_frame': {
    description:
      'A FINS frame shorter than its header and command code, or a response without its end ' +
      'code.',
    severity: 'low',
  },
  'fins.truncated_datagram': {
    description: 'A UDP datagram on a FINS flow shorter than the FINS header and command code.',
    severity: 'low',
  },
  'fins.unknown_command': {
    description:
      'A FINS command code, or a FINS/TCP header command, that the FINS reference manuals do ' +
      'not define: a device-specific extension, fuzzing or a scanner.',
    severity: 'low',
  },
  'fins.error_response': {
    description:
      'A FINS response whose end code is not normal completion (W227 8-3): refused writes, ' +
      'access right errors and wrong modes show probing or failed manipulation.',
    severity: 'low',
  },
  'fins.tcp_error': {
    description:
      'A FINS/TCP header with a non-zero error code (W342 7-2): the node address exchange or a ' +
      'frame was refused.',
    severity: 'low',
  },
  'fins.mode_change': {
    description:
      'A RUN or STOP request: the PLC operating mode is being changed over the network, which ' +
      'stops or restarts the controlled process.',
    severity: 'high',
  },
  'fins.program_change': {
    description:
      'A request that writes, clears or unprotects the PLC program or its files (program area ' +
      'write/clear/protect, file write/delete, memory card format, parameter area clear).',
    severity: 'high',
  },
  'fins.objects_limit_reached': {
    description:
      'A multiple memory area read or forced set/reset with more items than the ' +
      'objects-per-message limit; only the first ones are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a FINS anomaly. */
export type FinsAnomaly = keyof typeof FINS_ANOMALIES;

/**
 * The Omron FINS decoder.
 *
 * @example
 * const state = finsDecoder.createState(DEFAULT_LIMITS);
 * finsDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const finsDecoder: AppDecoder<FinsState> = {
  id: 'fins',
  transport: 'tcp',
  defaultPorts: [FINS.PORT],
  udpPorts: [FINS.PORT],
  anomalies: FINS_ANOMALIES,
  eventKinds: FINS_EVENT_KINDS,
  probe: probeFins,
  createState: createFinsState,
  parse: parseFins,
};
