/**
 * The SEL Fast Message decoder descriptor: the 0xA5 binary messages of SEL relays (Fast Meter,
 * Fast Operate, Fast Message / Fast SER) on a TCP session. SEL Fast Message has no registered
 * port (relays serve it on Telnet or raw TCP ports chosen at commissioning), so the decoder is
 * found by its probe on any port, and on TCP 23 first. The parser lives in `sel.ts`, the code
 * tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix
 * and what is known of SEL Mirrored Bits.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { SEL_EVENT_KINDS } from './events.js';
import { createSelState, parseSel, probeSel } from './sel.js';
import type { SelState } from './sel.js';

/**
 * Every anomaly the SEL decoder raises. `rules/anomalies/sel.yml` has one default Sigma rule
 * per entry.
 */
export const SEL_ANOMALIES = {
  'sel.invalid_header': {
    description:
      'A flow that does not start with a SEL binary message (0xA5 and a known type): not SEL ' +
      'Fast Message, decoding of the flow stops.',
    severity: 'medium',
  },
  'sel.invalid_length': {
    description:
      'A length byte shorter than the message header and checksum (or, for Fast Message, its ' +
      '12-byte header and CRC).',
    severity: 'medium',
  },
  'sel.unknown_message_type': {
    description: 'A 0xA5 binary message whose type is not one the SEL application guides define.',
    severity: 'low',
  },
  'sel.checksum_error': {
    description:
      'A Fast Meter or Fast Operate message whose checksum byte is not the sum of the bytes ' +
      'before it: corruption, or a crafted message.',
    severity: 'medium',
  },
  'sel.crc_error': {
    description: 'A Fast Message (0xA546) whose CRC-16 does not match: corruption or crafting.',
    severity: 'medium',
  },
  'sel.unknown_function': {
    description: 'A Fast Message function code the SEL Fast SER guide does not define.',
    severity: 'low',
  },
  'sel.breaker_operation': {
    description:
      'A Fast Operate breaker control (open or close a breaker bit): a circuit breaker is ' +
      'being operated over the network.',
    severity: 'high',
  },
  'sel.remote_bit_operation': {
    description:
      'A Fast Operate remote bit control (set, clear or pulse): relay logic inputs are being ' +
      'driven over the network, which may trip or close breakers through the relay logic.',
    severity: 'high',
  },
  'sel.write': {
    description: 'A Fast Message unsolicited write: relay registers are being written.',
    severity: 'medium',
  },
} as const satisfies AnomalyCatalog;

/** Name of a SEL anomaly. */
export type SelAnomaly = keyof typeof SEL_ANOMALIES;

/**
 * The SEL Fast Message decoder.
 *
 * @example
 * const state = selDecoder.createState(DEFAULT_LIMITS);
 * selDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const selDecoder: AppDecoder<SelState> = {
  id: 'sel',
  transport: 'tcp',
  defaultPorts: [23],
  anomalies: SEL_ANOMALIES,
  eventKinds: SEL_EVENT_KINDS,
  probe: probeSel,
  createState: createSelState,
  parse: parseSel,
};
