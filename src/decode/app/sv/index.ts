/**
 * The IEC 61850-9-2 Sampled Values decoder descriptor: EtherType 0x88BA frames on Ethernet,
 * VLAN-tagged or not, with the 9-2LE data set decoded. The parser lives in `sv.ts` (BER through
 * `../goose/ber.ts`), the code tables in `constants.ts`, the event types in `events.ts`;
 * README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { SV } from './constants.js';
import { SV_EVENT_KINDS } from './events.js';
import { createSvState, parseSv, probeSv } from './sv.js';
import type { SvState } from './sv.js';

/**
 * Every anomaly the Sampled Values decoder raises. `rules/anomalies/sv.yml` has one default
 * Sigma rule per entry.
 */
export const SV_ANOMALIES = {
  'sv.truncated_frame': {
    description:
      'A Sampled Values frame shorter than its 8-octet header or than its Length field says ' +
      '(counted by the pipeline): a cut capture, or a forged Length.',
    severity: 'low',
  },
  'sv.invalid_length': {
    description:
      'A Sampled Values header whose Length is shorter than a header and an APDU, or larger ' +
      'than any frame: the frame cannot be decoded (one anomaly per run of such headers).',
    severity: 'medium',
  },
  'sv.malformed_ber': {
    description:
      'A savPdu or ASDU that breaks its BER encoding (a length running past its container, ' +
      'indefinite length, a refrTm that is not 8 octets, a non-ASDU in seqASDU) or lacks a ' +
      'mandatory field (noASDU, seqASDU, svID, smpCnt, confRev, smpSynch, seqData).',
    severity: 'medium',
  },
  'sv.unknown_pdu': {
    description: 'A frame on the Sampled Values EtherType whose APDU is not a savPdu (0x60).',
    severity: 'medium',
  },
  'sv.asdu_count_mismatch': {
    description:
      'noASDU differs from the number of ASDUs the frame carries: subscribers that trust the ' +
      'count misread the samples; crafted frames do this.',
    severity: 'medium',
  },
  'sv.asdus_limit_reached': {
    description:
      'More ASDUs in one frame than the event lists (16; 9-2LE sends 1 or 8): the rest are ' +
      'sequence-checked but not listed.',
    severity: 'low',
  },
  'sv.streams_limit_reached': {
    description:
      'More svIDs on one publisher stream than the decoder follows (64): sequence checks are ' +
      'off for the new ones. A flood of forged svIDs looks like this.',
    severity: 'low',
  },
  'sv.smpcnt_gap': {
    description:
      'smpCnt jumped forward (other than wrapping to 0): samples were lost on the bus or in ' +
      'the capture, and protection functions saw a hole in the waveform.',
    severity: 'low',
  },
  'sv.smpcnt_backwards': {
    description:
      'smpCnt went back or repeated (other than wrapping to 0): replayed or injected samples, ' +
      'a second publisher with the same svID, or duplicates from a mirror port.',
    severity: 'high',
  },
  'sv.confrev_change': {
    description:
      'The configuration revision of a sampled value control block changed: it was ' +
      'reconfigured, or another device publishes under the same svID.',
    severity: 'medium',
  },
  'sv.simulation': {
    description:
      'A Sampled Values stream starts to carry the Ed.2 Simulate bit: test samples on a ' +
      'production bus, which protection in test mode acts on.',
    severity: 'medium',
  },
  'sv.not_synchronized': {
    description:
      'A merging unit reports smpSynch 0 (when it starts): its samples are no longer time ' +
      'aligned, which blocks or misleads differential and distance protection; time source ' +
      'attacks (PTP, GPS) end like this.',
    severity: 'medium',
  },
} as const satisfies AnomalyCatalog;

/** Name of a Sampled Values anomaly. */
export type SvAnomaly = keyof typeof SV_ANOMALIES;

/**
 * The IEC 61850-9-2 Sampled Values decoder.
 *
 * @example
 * const state = svDecoder.createState(DEFAULT_LIMITS);
 * svDecoder.parse(state, framePayloadFromAppid, Direction.TO_SERVER, sink);
 */
export const svDecoder: AppDecoder<SvState> = {
  id: 'sv',
  transport: 'ether',
  defaultPorts: [],
  etherTypes: [SV.ETHERTYPE],
  anomalies: SV_ANOMALIES,
  eventKinds: SV_EVENT_KINDS,
  probe: probeSv,
  createState: createSvState,
  parse: parseSv,
};
