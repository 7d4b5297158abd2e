/**
 * The MELSEC decoder descriptor: SLMP / MC protocol 3E and 4E binary frames and the MELSOFT
 * engineering protocol of GX Works (TCP 5007 and 5562, UDP 5006 and 5560), recognised on any
 * port by its probe. The parser lives in `melsec.ts`, the code tables in `constants.ts`, the
 * event types in `events.ts`; README.md has the coverage matrix and the MELSOFT evidence.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { MELSEC } from './constants.js';
import { MELSEC_EVENT_KINDS } from './events.js';
import { createMelsecState, parseMelsec, probeMelsec } from './melsec.js';
import type { MelsecState } from './melsec.js';

/**
 * Every anomaly the MELSEC decoder raises. `rules/anomalies/melsec.yml` has one default Sigma
 * rule per entry.
 */
export const MELSEC_ANOMALIES = {
  'melsec.invalid_frame': {
    description:
      'A frame that does not start with the subheader or constant header bytes of the format ' +
      'the flow uses (SLMP 3E/4E, MELSOFT): the stream cannot be framed, decoding stops.',
    severity: 'medium',
  },
  'melsec.invalid_length': {
    description: 'A frame length larger than the decoder buffers: decoding of the flow stops.',
    severity: 'medium',
  },
  'melsec.truncated_frame': {
    description:
      'A frame shorter than its fixed fields (request without command, response without end ' +
      'code), or a stream that ends inside a frame.',
    severity: 'low',
  },
  'melsec.truncated_datagram': {
    description: 'A UDP datagram shorter than the frame it starts.',
    severity: 'low',
  },
  'melsec.unknown_command': {
    description:
      'An SLMP command the SLMP reference manual does not define: a vendor extension, fuzzing ' +
      'or a scanner.',
    severity: 'low',
  },
  'melsec.error_response': {
    description:
      'A response whose end code is not normal completion: refused writes, wrong devices or ' +
      'remote password errors show probing or failed manipulation.',
    severity: 'low',
  },
  'melsec.remote_control': {
    description:
      'A remote RUN, STOP, PAUSE, latch clear or RESET request: the CPU operating state is ' +
      'changed over the network, which stops or restarts the controlled process.',
    severity: 'high',
  },
  'melsec.write': {
    description:
      'A request that writes devices, buffer memory or files, or clears errors (batch, random ' +
      'and block writes, memory and extend unit writes, file create/write/delete/copy).',
    severity: 'medium',
  },
} as const satisfies AnomalyCatalog;

/** Name of a MELSEC anomaly. */
export type MelsecAnomaly = keyof typeof MELSEC_ANOMALIES;

/**
 * The MELSEC decoder.
 *
 * @example
 * const state = melsecDecoder.createState(DEFAULT_LIMITS);
 * melsecDecoder.parse(state, datagram, Direction.TO_SERVER, sink);
 */
export const melsecDecoder: AppDecoder<MelsecState> = {
  id: 'melsec',
  transport: 'tcp',
  defaultPorts: MELSEC.TCP_PORTS,
  udpPorts: MELSEC.UDP_PORTS,
  anomalies: MELSEC_ANOMALIES,
  eventKinds: MELSEC_EVENT_KINDS,
  probe: probeMelsec,
  createState: createMelsecState,
  parse: parseMelsec,
};
