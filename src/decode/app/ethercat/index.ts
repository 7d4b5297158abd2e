/**
 * The EtherCAT decoder descriptor: EtherCAT frames on EtherType 0x88A4, one Ethernet frame per
 * parse call (the pipeline's layer-2 streams). The parser lives in `ethercat.ts`, the code
 * tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { ECAT } from './constants.js';
import { createEthercatState, parseEthercat, probeEthercat } from './ethercat.js';
import type { EthercatState } from './ethercat.js';
import { ETHERCAT_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the EtherCAT decoder raises. `rules/anomalies/ethercat.yml` has one default
 * Sigma rule per entry.
 */
export const ETHERCAT_ANOMALIES = {
  'ethercat.invalid_length': {
    description:
      'An EtherCAT frame header whose length exceeds the bytes of the Ethernet frame, or a ' +
      'frame shorter than the header: the datagrams that fit are decoded.',
    severity: 'low',
  },
  'ethercat.unknown_type': {
    description:
      'An EtherCAT frame type other than 1 (commands), 4 (network variables) or 5 (mailbox).',
    severity: 'low',
  },
  'ethercat.malformed_datagram': {
    description:
      'A datagram chain that does not fit its frame: a datagram cut by the frame end, a ' +
      'length past it, a "more" bit on the last datagram, or a command frame without any.',
    severity: 'medium',
  },
  'ethercat.unknown_command': {
    description: 'A datagram command above 14 (FRMW): not defined by ETG.1000.4.',
    severity: 'low',
  },
  'ethercat.state_change': {
    description:
      'A write to the AL control register (0x0120) requesting INIT or BOOT: the slave leaves ' +
      'operation (outputs go to their safe state) or prepares for a firmware download.',
    severity: 'high',
  },
  'ethercat.station_address_write': {
    description:
      'A write to the configured station address register (0x0010): slaves are being ' +
      're-addressed, which a master does at start-up and an intruder does to hijack slaves.',
    severity: 'medium',
  },
  'ethercat.broadcast_write': {
    description:
      'A broadcast write (BWR, BRW): every slave on the segment has its registers written.',
    severity: 'low',
  },
  'ethercat.working_counter_changed': {
    description:
      'A returned datagram whose working counter differs from the last cycle of the same ' +
      'datagram (index, command, address): a slave stopped answering, was added or removed.',
    severity: 'medium',
  },
  'ethercat.objects_limit_reached': {
    description:
      'A frame with more datagrams than the objects-per-message limit; only the first ones ' +
      'are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an EtherCAT anomaly. */
export type EthercatAnomaly = keyof typeof ETHERCAT_ANOMALIES;

/**
 * The EtherCAT decoder.
 *
 * @example
 * const state = ethercatDecoder.createState(DEFAULT_LIMITS);
 * ethercatDecoder.parse(state, ethernetPayload, Direction.TO_SERVER, sink);
 */
export const ethercatDecoder: AppDecoder<EthercatState> = {
  id: 'ethercat',
  transport: 'ether',
  defaultPorts: [],
  etherTypes: [ECAT.ETHER_TYPE],
  anomalies: ETHERCAT_ANOMALIES,
  eventKinds: ETHERCAT_EVENT_KINDS,
  probe: probeEthercat,
  createState: createEthercatState,
  parse: parseEthercat,
};
