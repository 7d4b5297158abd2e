/**
 * The BACnet decoder descriptor: BACnet/IP on UDP 47808 (ANSI/ASHRAE 135-2020 Annex J), the
 * NPDU and every APDU type. The parser lives in `bacnet.ts`, the code tables in `constants.ts`,
 * the event types in `events.ts`; README.md has the coverage matrix. `parse` also accepts a
 * BACnet over 802.2 LLC payload (clause 7), which the pipeline does not route to a UDP decoder
 * yet (see README.md).
 */
import { MSTP_SNAP_ID } from './mstp.js';
import { OK, type AnomalyCatalog, type AppDecoder } from '../../decoder.js';
import { BACNET } from './constants.js';
import { BACNET_EVENT_KINDS } from './events.js';
import { createBacnetState, parseBacnet, parseBacnetLlc, probeBacnet } from './bacnet.js';
import type { BacnetState } from './bacnet.js';

/**
 * Every anomaly the BACnet decoder raises. `rules/anomalies/bacnet.yml` has one default Sigma
 * rule per entry.
 */
export const BACNET_ANOMALIES = {
  'bacnet.invalid_bvlc': {
    description:
      'A BVLL whose type is not 0x81, whose function is unknown or whose length field differs ' +
      'from the datagram (Annex J.2): on a new flow the traffic is not BACnet/IP.',
    severity: 'medium',
  },
  'bacnet.invalid_npdu': {
    description:
      'An NPDU whose protocol version is not 1 or whose reserved control bits are set (6.2.2).',
    severity: 'medium',
  },
  'bacnet.mstp_bad_crc': {
    description:
      'An MS/TP frame tunnelled in SNAP whose header CRC-8 or data CRC-16 is wrong (Annex G): ' +
      'line noise on the RS-485 segment, or a forged frame; not decoded further.',
    severity: 'low',
  },
  'bacnet.truncated': {
    description: 'A BVLL, NPDU, APDU header or service tag that runs past the end of the datagram.',
    severity: 'low',
  },
  'bacnet.truncated_datagram': {
    description:
      'A UDP datagram shorter than the length its BVLC header states (J.2): the BVLL is not ' +
      'decoded (counted by the pipeline).',
    severity: 'low',
  },
  'bacnet.unknown_pdu_type': {
    description: 'An APDU type 8-15, which BACnet does not define (20.1.1).',
    severity: 'medium',
  },
  'bacnet.communication_disabled': {
    description:
      'A DeviceCommunicationControl request to disable a device or its initiation (16.1): the ' +
      'device stops talking to its operators, a denial of view.',
    severity: 'high',
  },
  'bacnet.device_reinitialized': {
    description:
      'A ReinitializeDevice request (16.4): a cold or warm restart, or a backup/restore of the ' +
      'device configuration.',
    severity: 'high',
  },
  'bacnet.bdt_write': {
    description:
      'A Write-Broadcast-Distribution-Table (J.2.2): the broadcast routing of a BBMD is ' +
      'replaced, which can redirect or cut broadcasts between subnets.',
    severity: 'medium',
  },
  'bacnet.objects_limit_reached': {
    description:
      'More objects, properties or BBMD entries in one message than the objects-per-message ' +
      'limit; only the first ones are listed in the event.',
    severity: 'low',
  },
  'bacnet.transactions_limit_reached': {
    description:
      'More outstanding confirmed requests on a flow than the pending-transactions limit; the ' +
      'new one is not remembered for invoke-id pairing.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a BACnet anomaly. */
export type BacnetAnomaly = keyof typeof BACNET_ANOMALIES;

/**
 * The BACnet decoder.
 *
 * @example
 * const state = bacnetDecoder.createState(DEFAULT_LIMITS);
 * bacnetDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const bacnetDecoder: AppDecoder<BacnetState> = {
  id: 'bacnet',
  transport: 'udp',
  defaultPorts: [BACNET.PORT],
  anomalies: BACNET_ANOMALIES,
  eventKinds: BACNET_EVENT_KINDS,
  probe: probeBacnet,
  createState: createBacnetState,
  parse: parseBacnet,
  // BACnet on Ethernet (ISO 8802-2 LLC, clause 7): DSAP and SSAP 0x82, UI frames.
  llc: {
    saps: [BACNET.LLC_SAP],
    snap: [MSTP_SNAP_ID],
    parse(state, frame, sink) {
      if (!parseBacnetLlc(state, frame, sink)) {
        sink.anomaly('bacnet.invalid_npdu', 'LLC header of SAP 0x82 is not a BACnet UI frame');
      }
      return OK;
    },
  },
};
