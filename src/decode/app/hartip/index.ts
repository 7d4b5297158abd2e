/**
 * The HART-IP decoder descriptor: TCP and UDP 5094 ([HIP]), recognised on any port by its probe
 * (the UDP session moves to the port the server answers from). The parser lives in `hartip.ts`,
 * the code tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage
 * matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { HARTIP } from './constants.js';
import { HARTIP_EVENT_KINDS } from './events.js';
import { createHartipState, parseHartip, probeHartip } from './hartip.js';
import type { HartipState } from './hartip.js';

/**
 * Every anomaly the HART-IP decoder raises. `rules/anomalies/hartip.yml` has one default Sigma
 * rule per entry.
 */
export const HARTIP_ANOMALIES = {
  'hartip.invalid_header': {
    description:
      'A HART-IP header with an unknown version, message type or message id on a new flow: not ' +
      'HART-IP, decoding of the flow stops.',
    severity: 'medium',
  },
  'hartip.invalid_length': {
    description:
      'A HART-IP byte count shorter than the 8-byte header or larger than the decoder buffers: ' +
      'the stream cannot be framed and decoding of the flow stops.',
    severity: 'medium',
  },
  'hartip.truncated_frame': {
    description: 'A HART-IP TCP stream that ends inside a message.',
    severity: 'low',
  },
  'hartip.truncated_datagram': {
    description: 'A UDP datagram shorter than the byte count of the HART-IP message it starts.',
    severity: 'low',
  },
  'hartip.unknown_message': {
    description:
      'A HART-IP message type or id the specification does not define, on a known HART-IP flow.',
    severity: 'low',
  },
  'hartip.truncated_pdu': {
    description:
      'A token-passing PDU shorter than its delimiter, address, command and byte count, or than ' +
      'the data its byte count announces.',
    severity: 'low',
  },
  'hartip.checksum_error': {
    description:
      'A HART token-passing frame whose check byte is not the XOR of the frame: corruption or a ' +
      'crafted frame.',
    severity: 'medium',
  },
  'hartip.unauthenticated_session': {
    description:
      'A HART-IP 1.x session initiate: the session has no authentication or encryption, any ' +
      'host on the network can read and reconfigure the instruments behind the server.',
    severity: 'low',
  },
  'hartip.error_response': {
    description:
      'A HART-IP error or NAK message, or a response whose status is an error: refused ' +
      'sessions, unavailable services or failed requests.',
    severity: 'low',
  },
  'hartip.command_error': {
    description:
      'A HART reply whose response code is an error or a communication error summary (not a ' +
      'warning): failed or refused commands show probing or failed manipulation.',
    severity: 'low',
  },
  'hartip.write_command': {
    description:
      'A HART command that changes the configuration of a field device (polling address, tag, ' +
      'message, ranges, units, damping, trims, burst mode, device variables, HART-IP ports or ' +
      'keys).',
    severity: 'medium',
  },
  'hartip.fixed_output': {
    description:
      'A HART command that puts the loop current or an analog channel into fixed mode: the ' +
      'output no longer follows the process.',
    severity: 'high',
  },
  'hartip.device_reset': {
    description: 'A HART perform device reset command: the field device restarts.',
    severity: 'high',
  },
} as const satisfies AnomalyCatalog;

/** Name of a HART-IP anomaly. */
export type HartipAnomaly = keyof typeof HARTIP_ANOMALIES;

/**
 * The HART-IP decoder.
 *
 * @example
 * const state = hartipDecoder.createState(DEFAULT_LIMITS);
 * hartipDecoder.parse(state, datagram, Direction.TO_SERVER, sink);
 */
export const hartipDecoder: AppDecoder<HartipState> = {
  id: 'hartip',
  transport: 'tcp',
  defaultPorts: [HARTIP.PORT],
  udpPorts: [HARTIP.PORT],
  anomalies: HARTIP_ANOMALIES,
  eventKinds: HARTIP_EVENT_KINDS,
  probe: probeHartip,
  createState: createHartipState,
  parse: parseHartip,
};
