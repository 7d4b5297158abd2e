/**
 * The PN-IO context management decoder descriptor: DCE/RPC connectionless PDUs of the PNIO
 * interfaces on UDP 34964, and on the ephemeral ports the responses and device-initiated calls
 * use (recognised by the probe: RPC version 4 and a PNIO interface UUID). The parser lives in
 * `pnio.ts`, the code tables in `constants.ts`, the event types in `events.ts`; README.md has
 * the coverage matrix. PROFINET RT (DCP, cyclic, alarms) is the `profinet` decoder.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { PNIO } from './constants.js';
import { PNIO_EVENT_KINDS } from './events.js';
import { createPnioState, parsePnio, probePnio } from './pnio.js';
import type { PnioState } from './pnio.js';

/**
 * Every anomaly the PN-IO decoder raises. `rules/anomalies/pnio.yml` has one default Sigma rule
 * per entry.
 */
export const PNIO_ANOMALIES = {
  'pnio.invalid_header': {
    description:
      'A datagram on a PN-IO flow that is not a DCE/RPC version 4 connectionless header (bad ' +
      'version, packet type or data representation): on a new flow it is not PN-IO.',
    severity: 'medium',
  },
  'pnio.truncated': {
    description:
      'A PN-IO body shorter than its NDR header, an ActualCount or RecordDataLength past the ' +
      'end of the body.',
    severity: 'low',
  },
  'pnio.truncated_datagram': {
    description:
      'A UDP datagram shorter than the DCE/RPC header and body length it announces (counted by ' +
      'the pipeline).',
    severity: 'low',
  },
  'pnio.malformed_block': {
    description:
      'A PN-IO block whose BlockLength runs past the body or is too short for its type, or ' +
      'stray bytes after the last block: fuzzing of a PROFINET stack or a broken client.',
    severity: 'medium',
  },
  'pnio.error_status': {
    description:
      'A PN-IO response whose PNIOStatus is not OK: a refused connect, read, write or control ' +
      '(access denied, invalid index, state conflict...).',
    severity: 'low',
  },
  'pnio.write_record': {
    description:
      'A PN-IO Write request: parameter records are written into a device (normal during AR ' +
      'start-up by the IO controller, a configuration change otherwise).',
    severity: 'medium',
  },
  'pnio.release': {
    description:
      'A PN-IO Release (operation or Control with the Release command): the application ' +
      'relation is torn down and the device stops exchanging IO data.',
    severity: 'medium',
  },
  'pnio.fault': {
    description:
      'A DCE/RPC fault or reject PDU on a PNIO interface: the call failed at the RPC layer.',
    severity: 'low',
  },
  'pnio.objects_limit_reached': {
    description:
      'More blocks or records in one PDU than the objects-per-message limit; only the first ' +
      'ones are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a PN-IO anomaly. */
export type PnioAnomaly = keyof typeof PNIO_ANOMALIES;

/**
 * The PN-IO CM decoder.
 *
 * @example
 * const state = pnioDecoder.createState(DEFAULT_LIMITS);
 * pnioDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const pnioDecoder: AppDecoder<PnioState> = {
  id: 'pnio',
  transport: 'udp',
  defaultPorts: [PNIO.PORT],
  anomalies: PNIO_ANOMALIES,
  eventKinds: PNIO_EVENT_KINDS,
  probe: probePnio,
  createState: createPnioState,
  parse: parsePnio,
};
