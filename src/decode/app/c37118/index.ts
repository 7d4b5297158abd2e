/**
 * The IEEE C37.118 synchrophasor decoder descriptor: TCP 4712 and UDP 4713 ([C37.118.2] annex
 * E), recognised on any port by its probe (SYNC, frame type, version, size and CRC-CCITT). The
 * parser lives in `c37118.ts`, the code tables in `constants.ts`, the event types in
 * `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { createC37118State, parseC37118, probeC37118 } from './c37118.js';
import type { C37118State } from './c37118.js';
import { C37 } from './constants.js';
import { C37118_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the C37.118 decoder raises. `rules/anomalies/c37118.yml` has one default Sigma
 * rule per entry.
 */
export const C37118_ANOMALIES = {
  'c37118.invalid_sync': {
    description:
      'A frame that does not start with a valid SYNC word (0xAA, a defined frame type, version ' +
      '1-3): on a new flow not C37.118; on a known one the frame is skipped.',
    severity: 'medium',
  },
  'c37118.invalid_frame_size': {
    description:
      'A FRAMESIZE below the 16-byte minimum or above what the decoder buffers: the stream cannot ' +
      'be framed.',
    severity: 'medium',
  },
  'c37118.truncated_frame': {
    description:
      'A frame whose body is shorter than its fields (a configuration block or command word cut ' +
      'short), or a stream that ends inside a frame.',
    severity: 'low',
  },
  'c37118.truncated_datagram': {
    description: 'A UDP datagram shorter than the FRAMESIZE of the frame it starts.',
    severity: 'low',
  },
  'c37118.crc_error': {
    description:
      'A frame whose CHK does not match its CRC-CCITT: corruption, a broken implementation or a ' +
      'forged frame.',
    severity: 'medium',
  },
  'c37118.unknown_command': {
    description: 'A command frame with a command word that C37.118.2 table 15 does not define.',
    severity: 'low',
  },
  'c37118.transmission_off': {
    description:
      'A command that turns off data transmission: the PDC or control centre loses the PMU ' +
      'measurements (denial of view).',
    severity: 'high',
  },
  'c37118.config_request': {
    description:
      'A command that asks for the header or a configuration frame: a PDC starting up, or a ' +
      'tool mapping the PMU and its channels.',
    severity: 'low',
  },
  'c37118.data_before_config': {
    description:
      'A data frame on a flow where no configuration frame was seen: its blocks cannot be ' +
      'decoded (capture started mid-stream, or data injected into a fresh connection).',
    severity: 'low',
  },
  'c37118.config_mismatch': {
    description:
      'A data frame whose size differs from what the configuration in force announces: a ' +
      'configuration change missed, or a forged frame.',
    severity: 'medium',
  },
  'c37118.stat_data_error': {
    description:
      'A PMU block whose STAT reports a data error (PMU error, test mode, do not use): the ' +
      'measurements are not to be trusted.',
    severity: 'medium',
  },
  'c37118.sync_loss': {
    description:
      'A PMU block whose STAT says the PMU lost time synchronisation: GPS spoofing or jamming ' +
      'shows up this way.',
    severity: 'medium',
  },
  'c37118.config_change': {
    description: 'A PMU block whose STAT announces a configuration change within the minute.',
    severity: 'medium',
  },
  'c37118.idcode_change': {
    description:
      'A frame with an IDCODE different from the previous one on the flow: another PMU or a ' +
      'spoofed source on the same connection.',
    severity: 'medium',
  },
  'c37118.objects_limit_reached': {
    description:
      'A configuration or data frame with more PMU blocks than the objects-per-message limit; ' +
      'only the first ones are listed.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a C37.118 anomaly. */
export type C37118Anomaly = keyof typeof C37118_ANOMALIES;

/**
 * The IEEE C37.118 synchrophasor decoder.
 *
 * @example
 * const state = c37118Decoder.createState(DEFAULT_LIMITS);
 * c37118Decoder.parse(state, tcpPayload, Direction.TO_CLIENT, sink);
 */
export const c37118Decoder: AppDecoder<C37118State> = {
  id: 'c37118',
  transport: 'tcp',
  defaultPorts: [C37.TCP_PORT],
  udpPorts: [C37.UDP_PORT],
  anomalies: C37118_ANOMALIES,
  eventKinds: C37118_EVENT_KINDS,
  probe: probeC37118,
  createState: createC37118State,
  parse: parseC37118,
};
