/**
 * The S7comm decoder descriptor: TPKT (RFC 1006) and COTP (ISO 8073 / X.224) on TCP port 102,
 * carrying S7comm (protocol id 0x32) or S7comm-plus (0x72). Registered in `decode/registry.ts`;
 * the framing and per-flow state live in `s7comm.ts`, the S7 PDUs in `pdu.ts` and `userdata.ts`,
 * S7comm-plus in `plus.ts`, the code tables in `constants.ts`, the event types in `events.ts`.
 * README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { TPKT } from './constants.js';
import { S7_EVENT_KINDS } from './events.js';
import { createS7State, onS7Gap, parseS7, probeS7 } from './s7comm.js';
import type { S7State } from './s7comm.js';

/**
 * Every anomaly the S7comm decoder raises. `rules/anomalies/s7comm.yml` has one default Sigma
 * rule per entry.
 */
export const S7COMM_ANOMALIES = {
  's7comm.invalid_tpkt': {
    description:
      'A TPKT header (RFC 1006 section 6) has a version other than 3 or a length below 7: on a ' +
      'new flow the traffic is not ISO-on-TCP and decoding stops; on a confirmed flow the ' +
      'decoder searches for the next valid header.',
    severity: 'medium',
  },
  's7comm.invalid_cotp': {
    description:
      'A COTP TPDU (ISO 8073) is inconsistent: its length indicator runs past the TPKT, or it ' +
      'is too short for its TPDU type, or the TPDU code is not defined.',
    severity: 'medium',
  },
  's7comm.unknown_protocol_id': {
    description:
      'COTP data on this connection starts with neither 0x32 (S7comm) nor 0x72 (S7comm-plus): ' +
      'another ISO-on-TCP protocol (MMS, RDP) or corrupted data; on a new flow decoding stops.',
    severity: 'low',
  },
  's7comm.length_mismatch': {
    description:
      'An S7 PDU is shorter than its header, or its parameter and data lengths disagree with ' +
      'the bytes carried, or a parameter or data part is too short for its function.',
    severity: 'medium',
  },
  's7comm.unknown_rosctr': {
    description:
      'The ROSCTR (PDU type) is not job, ack, ack-data or userdata (1, 2, 3, 7): fuzzing or a ' +
      'non-S7 payload that starts with 0x32.',
    severity: 'medium',
  },
  's7comm.unknown_function': {
    description:
      'A job carries a parameter function code that S7 does not define (defined: 0x00, 0x04, ' +
      '0x05, 0x1A-0x1F, 0x28, 0x29, 0xF0): scanning or fuzzing of the PLC.',
    severity: 'medium',
  },
  's7comm.malformed_item': {
    description:
      'A Read Var / Write Var item is malformed: a variable specification other than 0x12, a ' +
      'length that runs past the parameter part, or a data item longer than the data part.',
    severity: 'medium',
  },
  's7comm.response_without_request': {
    description:
      'An ack or ack-data matches no outstanding job by PDU reference: an injected or ' +
      'unsolicited response, or a capture that starts mid-exchange.',
    severity: 'low',
  },
  's7comm.response_function_mismatch': {
    description:
      'An ack-data carries a different function code than the job with the same PDU reference.',
    severity: 'medium',
  },
  's7comm.too_many_transactions': {
    description:
      'More jobs are outstanding than the pending-transaction limit allows; the oldest one is ' +
      'forgotten (job flood, or a PLC that stopped answering).',
    severity: 'medium',
  },
  's7comm.values_limit_reached': {
    description:
      'A PDU carries more items, blocks, PI service arguments or SZL records than the ' +
      'objects-per-message limit; only the first ones are listed in the event.',
    severity: 'low',
  },
  's7comm.reassembly_limit': {
    description:
      'A COTP segmented TSDU or a fragmented userdata answer grew past the PDU size limit, or ' +
      'too many userdata answers were being reassembled at once; the partial data is dropped.',
    severity: 'medium',
  },
  's7comm.plus_malformed': {
    description:
      'An S7comm-plus telegram is shorter than its header or its data part, or its data ' +
      'length runs past the COTP data.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an S7comm anomaly. */
export type S7Anomaly = keyof typeof S7COMM_ANOMALIES;

/**
 * The S7comm decoder (TPKT + COTP + S7comm / S7comm-plus).
 *
 * @example
 * const state = s7commDecoder.createState(DEFAULT_LIMITS);
 * s7commDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const s7commDecoder: AppDecoder<S7State> = {
  id: 's7comm',
  transport: 'tcp',
  defaultPorts: [TPKT.PORT],
  anomalies: S7COMM_ANOMALIES,
  eventKinds: S7_EVENT_KINDS,
  probe: probeS7,
  createState: createS7State,
  parse: parseS7,
  onGap: onS7Gap,
};
