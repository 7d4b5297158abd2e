/**
 * The MMS decoder descriptor: ISO 9506 MMS over the ISO stack (TPKT / COTP / session /
 * presentation / ACSE) on TCP 102, as IEC 61850-8-1 uses it. The framing and the layers under
 * MMS live in `mms.ts`, the MMS PDU in `pdu.ts`, the code tables in `constants.ts`, the event
 * types in `events.ts`; README.md has the coverage matrix. Port 102 is shared with S7comm: the
 * probe refuses S7 TSAPs and S7 PDUs, so the s7comm decoder keeps those flows.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { TPKT } from './constants.js';
import { MMS_EVENT_KINDS } from './events.js';
import { createMmsState, onMmsGap, parseMms, probeMms } from './mms.js';
import type { MmsState } from './mms.js';

/**
 * Every anomaly the MMS decoder raises. `rules/anomalies/mms.yml` has one default Sigma rule per
 * entry.
 */
export const MMS_ANOMALIES = {
  'mms.invalid_tpkt': {
    description:
      'A TPKT header with a version other than 3 or a length outside 5..the PDU limit (RFC 1006 ' +
      '6): on a new flow it is not MMS; on an MMS flow the decoder scans for the next TPKT.',
    severity: 'medium',
  },
  'mms.invalid_cotp': {
    description:
      'A COTP TPDU whose length indicator runs past the TPKT, a DT shorter than class 0 allows, ' +
      'an undefined TPDU code or a connection parameter past the TPDU (X.224 13).',
    severity: 'low',
  },
  'mms.invalid_spdu': {
    description:
      'COTP data that is not an ISO session SPDU or an MMS PDU, or an SPDU whose length or ' +
      'parameters run past the TSDU (X.225 8.3).',
    severity: 'low',
  },
  'mms.invalid_ppdu': {
    description:
      'Session user data that is not a well-formed presentation PPDU (X.226 8.2: CP/CPA SET, ' +
      'fully-encoded-data PDV-lists).',
    severity: 'low',
  },
  'mms.invalid_acse': {
    description:
      'A presentation data value for ACSE that is not a well-formed AARQ, AARE, RLRQ, RLRE or ABRT (X.227).',
    severity: 'low',
  },
  'mms.invalid_pdu': {
    description:
      'An MMS PDU with an unknown PDU tag or malformed BER (lengths past their container, ' +
      'missing invoke id, wrong primitive/constructed form): fuzzing or a broken stack.',
    severity: 'medium',
  },
  'mms.reassembly_limit': {
    description:
      'A TSDU segmented over COTP DTs grew past the PDU limit; its DTs are dropped up to the end ' +
      'of the TSDU.',
    severity: 'medium',
  },
  'mms.objects_limit_reached': {
    description:
      'A PDU with more variables, values or identifiers than the objects-per-message limit; only ' +
      'the first ones are listed in the event.',
    severity: 'low',
  },
  'mms.too_many_transactions': {
    description:
      'More outstanding confirmed requests than the pairing limit: the oldest is forgotten ' +
      '(a flood of requests, or responses that never come).',
    severity: 'low',
  },
  'mms.unsolicited_response': {
    description:
      'A confirmed response whose invoke id answers no outstanding request on an association ' +
      'whose initiate was seen: injected or replayed traffic.',
    severity: 'medium',
  },
  'mms.variable_write': {
    description:
      'An MMS write request (not a control operation): process values, settings or report ' +
      'control blocks are being changed.',
    severity: 'low',
  },
  'mms.control_operation': {
    description:
      'A write to the Oper, SBOw or Cancel component of a controllable data object (IEC 61850-8-1 ' +
      'control model: operate, select-before-operate, cancel): a switching command to the ' +
      'process.',
    severity: 'high',
  },
  'mms.file_transfer': {
    description:
      'A file or domain transfer service (fileOpen, fileRead, upload or download sequences, ' +
      'domain load/store): configuration or program images leave or enter the device.',
    severity: 'medium',
  },
  'mms.file_change': {
    description:
      "A service that changes the server's file store: fileDelete, fileRename, or obtainFile " +
      '(the server fetches and stores a file).',
    severity: 'high',
  },
  'mms.program_control': {
    description:
      'A program invocation start, stop, resume, reset, kill, create or delete, or a domain ' +
      'delete: the running application of the device is changed.',
    severity: 'high',
  },
  'mms.variable_list_change': {
    description:
      'A named variable list (IEC 61850 data set) is defined or deleted: what reports and GOOSE ' +
      'carry is being changed.',
    severity: 'low',
  },
  'mms.error_response': {
    description:
      'A confirmed-ErrorPDU, cancel-ErrorPDU or conclude-ErrorPDU: a refused service (access ' +
      'denied, object undefined, file errors) shows probing or failed manipulation.',
    severity: 'low',
  },
  'mms.reject': {
    description:
      'An MMS RejectPDU: the peer could not parse or did not accept a PDU (unrecognised service, ' +
      'invalid invoke id or argument, PDU error).',
    severity: 'low',
  },
  'mms.association_rejected': {
    description:
      'An association that did not come up: an initiate-ErrorPDU, an AARE with a rejected ' +
      'result, or a session REFUSE.',
    severity: 'medium',
  },
  'mms.association_abort': {
    description:
      'An association torn down by a session ABORT or an ACSE ABRT instead of a conclude and release.',
    severity: 'low',
  },
  'mms.cleartext_password': {
    description:
      'An AARQ whose ACSE authentication value is a character string: a password sent in clear ' +
      '(IEC 62351-4 calls for certificates or protected credentials).',
    severity: 'high',
  },
} as const satisfies AnomalyCatalog;

/** Name of an MMS anomaly. */
export type MmsAnomaly = keyof typeof MMS_ANOMALIES;

/**
 * The MMS decoder.
 *
 * @example
 * const state = mmsDecoder.createState(DEFAULT_LIMITS);
 * mmsDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const mmsDecoder: AppDecoder<MmsState> = {
  id: 'mms',
  transport: 'tcp',
  defaultPorts: [TPKT.PORT],
  anomalies: MMS_ANOMALIES,
  eventKinds: MMS_EVENT_KINDS,
  probe: probeMms,
  createState: createMmsState,
  parse: parseMms,
  onGap: onMmsGap,
};
