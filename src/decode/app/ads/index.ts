/**
 * The Beckhoff ADS/AMS decoder descriptor: AMS/TCP on TCP 48898, AMS over UDP and the router
 * service (discovery, add route) on UDP 48899, recognised on any port by its probe. The parser
 * lives in `ads.ts`, the code tables in `constants.ts`, the event types in `events.ts`;
 * README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { createAdsState, parseAds, probeAds } from './ads.js';
import type { AdsState } from './ads.js';
import { ADS } from './constants.js';
import { ADS_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the ADS decoder raises. `rules/anomalies/ads.yml` has one default Sigma rule per
 * entry.
 */
export const ADS_ANOMALIES = {
  'ads.invalid_length': {
    description:
      'An AMS/TCP length shorter than the AMS header (32) or larger than the decoder buffers: ' +
      'the stream cannot be framed and decoding of the flow stops.',
    severity: 'medium',
  },
  'ads.invalid_header': {
    description:
      'An AMS/TCP reserved word no router uses, or AMS state flags with undefined bits; on a ' +
      'new flow also an AMS header without a known command or the ADS command flag: not ADS.',
    severity: 'medium',
  },
  'ads.truncated_datagram': {
    description:
      'A UDP 48899 datagram shorter than the AMS packet or router service tags it announces.',
    severity: 'low',
  },
  'ads.length_mismatch': {
    description:
      'A length field (AMS data length, write length, read length, notification length, tag ' +
      'length) that disagrees with the bytes present, or an ADS payload shorter than its ' +
      'command requires.',
    severity: 'low',
  },
  'ads.unknown_command': {
    description: 'An AMS header command id outside 1-9 (ReadDeviceInfo to ReadWrite).',
    severity: 'low',
  },
  'ads.error_response': {
    description:
      'An AMS error code, ADS result or router service status other than 0: refused ' +
      'accesses, unknown symbols and unreachable ports show probing or failed manipulation.',
    severity: 'low',
  },
  'ads.state_change': {
    description:
      'An ADS WriteControl request: the ADS state of the target (RUN, STOP, RESET, CONFIG...) ' +
      'is being changed over the network, which stops, restarts or reconfigures the runtime.',
    severity: 'high',
  },
  'ads.write': {
    description:
      'An ADS Write request, or a sum write / sum read-write: process data, symbols or I/O ' +
      'images are being written over the network.',
    severity: 'medium',
  },
  'ads.symbol_upload': {
    description:
      'A read of the symbol table, its upload information or the data type table: the ' +
      'complete tag list of the PLC is being collected (reconnaissance).',
    severity: 'low',
  },
  'ads.route_add': {
    description:
      'A UDP 48899 add route request: a remote host asks to be trusted by the TwinCAT router, ' +
      'with a user name and a cleartext password.',
    severity: 'high',
  },
  'ads.too_many_pending': {
    description:
      'More outstanding requests on a flow than the pending-transaction limit: the oldest is ' +
      'forgotten and its response will not be paired.',
    severity: 'low',
  },
  'ads.objects_limit_reached': {
    description:
      'A sum command or device notification with more sub-requests or samples than the ' +
      'objects-per-message limit; only the first ones are counted or listed.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an ADS anomaly. */
export type AdsAnomaly = keyof typeof ADS_ANOMALIES;

/**
 * The Beckhoff ADS/AMS decoder.
 *
 * @example
 * const state = adsDecoder.createState(DEFAULT_LIMITS);
 * adsDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const adsDecoder: AppDecoder<AdsState> = {
  id: 'ads',
  transport: 'tcp',
  defaultPorts: [ADS.TCP_PORT],
  udpPorts: [ADS.UDP_PORT],
  anomalies: ADS_ANOMALIES,
  eventKinds: ADS_EVENT_KINDS,
  probe: probeAds,
  createState: createAdsState,
  parse: parseAds,
};
