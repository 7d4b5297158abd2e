/**
 * The IEC 61850 GOOSE decoder descriptor: GOOSE (EtherType 0x88B8) and GSE management (0x88B9)
 * frames on Ethernet, VLAN-tagged or not (IEC 61850-8-1 Annex A and C). The parser lives in
 * `goose.ts` (allData values in `data.ts`, the BER subset shared with `sv` in `ber.ts`), the code
 * tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { GOOSE } from './constants.js';
import { GOOSE_EVENT_KINDS } from './events.js';
import { createGooseState, parseGoose, probeGoose } from './goose.js';
import type { GooseState } from './goose.js';

/**
 * Every anomaly the GOOSE decoder raises. `rules/anomalies/goose.yml` has one default Sigma rule
 * per entry.
 */
export const GOOSE_ANOMALIES = {
  'goose.truncated_frame': {
    description:
      'A GOOSE frame shorter than its 8-octet header or than its Length field says (counted by ' +
      'the pipeline): a cut capture, or a forged Length.',
    severity: 'low',
  },
  'goose.invalid_length': {
    description:
      'A GOOSE header whose Length is shorter than a header and an APDU, or larger than any ' +
      'frame: the frame cannot be decoded (one anomaly per run of such headers).',
    severity: 'medium',
  },
  'goose.malformed_ber': {
    description:
      'A GOOSE or GSE management APDU that breaks its BER encoding (a length running past its ' +
      'container, indefinite length, a multi-octet tag, a t that is not 8 octets, octets after ' +
      'the APDU) or lacks a mandatory field: a broken or crafted publisher.',
    severity: 'medium',
  },
  'goose.unknown_pdu': {
    description:
      'A frame on the GOOSE EtherTypes whose APDU is neither a goosePdu (0x61) nor a gseMngtPdu ' +
      '(0x60).',
    severity: 'medium',
  },
  'goose.nesting_limit_reached': {
    description:
      'allData nested deeper than the decoder follows (8 levels): the deeper values are not ' +
      'listed. Real data sets nest 2-4 deep.',
    severity: 'low',
  },
  'goose.values_limit_reached': {
    description:
      'More allData values in one message than the event lists (256); the rest are counted, ' +
      'not listed.',
    severity: 'low',
  },
  'goose.control_blocks_limit_reached': {
    description:
      'More GOOSE control blocks (gocbRef) on one publisher stream than the decoder follows ' +
      '(64): sequence checks are off for the new ones. A flood of forged gocbRefs looks like this.',
    severity: 'low',
  },
  'goose.entries_mismatch': {
    description:
      'numDatSetEntries differs from the number of allData entries the message carries: ' +
      'subscribers that trust the count misread the data set; crafted frames do this.',
    severity: 'medium',
  },
  'goose.sqnum_gap': {
    description:
      'sqNum jumped forward within the same stNum: retransmissions were lost (on the bus or in ' +
      'the capture).',
    severity: 'low',
  },
  'goose.sqnum_backwards': {
    description:
      'sqNum went back or repeated within the same stNum: a replayed or injected frame, a ' +
      'duplicate from a mirror port, or a publisher restart.',
    severity: 'high',
  },
  'goose.stnum_jump': {
    description:
      'stNum advanced by more than one: state changes were missed, or a forged frame took a high ' +
      'stNum so subscribers accept it over the real publisher.',
    severity: 'medium',
  },
  'goose.stnum_backwards': {
    description:
      'stNum went back: an old state replayed, a spoofed publisher, or the publisher restarted ' +
      '(stNum starts again at 1).',
    severity: 'high',
  },
  'goose.new_state_sqnum_nonzero': {
    description:
      'A new stNum whose first message has a sqNum other than 0 (IEC 61850-7-2 18.2.3.7): a ' +
      'non-conforming publisher or an injected state change.',
    severity: 'medium',
  },
  'goose.confrev_change': {
    description:
      'The configuration revision of a GoCB changed: its data set was reconfigured, or another ' +
      'device publishes under the same gocbRef.',
    severity: 'medium',
  },
  'goose.invalid_time_allowed_to_live': {
    description:
      'timeAllowedtoLive is 0 or above 10 minutes: subscribers cannot supervise the stream (a ' +
      'dead publisher goes unnoticed, or every message times out at once).',
    severity: 'medium',
  },
  'goose.simulation': {
    description:
      'A GOOSE stream starts to carry the simulation/test attribute or the Ed.2 Simulate bit: ' +
      'test frames on a production bus, which subscribers in test mode act on.',
    severity: 'medium',
  },
  'goose.needs_commissioning': {
    description:
      'A GOOSE stream starts to carry ndsCom TRUE: the control block is not fully configured.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a GOOSE anomaly. */
export type GooseAnomaly = keyof typeof GOOSE_ANOMALIES;

/**
 * The IEC 61850 GOOSE decoder.
 *
 * @example
 * const state = gooseDecoder.createState(DEFAULT_LIMITS);
 * gooseDecoder.parse(state, framePayloadFromAppid, Direction.TO_SERVER, sink);
 */
export const gooseDecoder: AppDecoder<GooseState> = {
  id: 'goose',
  transport: 'ether',
  defaultPorts: [],
  etherTypes: [GOOSE.ETHERTYPE, GOOSE.ETHERTYPE_GSE],
  anomalies: GOOSE_ANOMALIES,
  eventKinds: GOOSE_EVENT_KINDS,
  probe: probeGoose,
  createState: createGooseState,
  parse: parseGoose,
};
