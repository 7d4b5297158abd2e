/**
 * The DCE/RPC (connection-oriented) decoder descriptor: registered in `decode/registry.ts`, run
 * over TCP 135 first (the endpoint mapper) and recognised on the dynamic ports by its header
 * probe. The PDU parser lives in `pdu.ts` (shared with the SMB named-pipe entry point in
 * `pipe.ts`), the TCP framing in `dcerpc.ts`, code tables and interface names in
 * `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 * Connectionless DCE/RPC over UDP (PROFINET context management) belongs to `pnio`.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { DCERPC } from './constants.js';
import { createDcerpcState, onDcerpcGap, parseDcerpc, probeDcerpc } from './dcerpc.js';
import type { DcerpcState } from './dcerpc.js';
import { DCERPC_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the DCE/RPC decoder raises (over TCP and in SMB pipes).
 * `rules/anomalies/dcerpc.yml` has one default Sigma rule per entry.
 */
export const DCERPC_ANOMALIES = {
  'dcerpc.invalid_header': {
    description:
      'A common header that is not DCE/RPC 5.0/5.1 connection-oriented (version, PTYPE, ' +
      'packed_drep, frag_length or auth_length out of range, [C706] 12.6.3.1): on a new flow ' +
      'it is not DCE/RPC; later that direction cannot be framed any more and is not decoded.',
    severity: 'medium',
  },
  'dcerpc.invalid_auth_length': {
    description:
      'An auth_length that leaves no room for the PDU body before the sec_trailer ' +
      '([C706] 13.2.6.1): the authentication trailer is ignored.',
    severity: 'medium',
  },
  'dcerpc.malformed_pdu': {
    description:
      'A bind, alter_context or ack whose context list, results or secondary address runs ' +
      'past frag_length, or a request whose object UUID does: only what fits is reported.',
    severity: 'medium',
  },
  'dcerpc.oversized_pdu': {
    description:
      'A PDU larger than the decoder buffers (maxPduBytes): its bytes are skipped and it is ' +
      'not decoded.',
    severity: 'low',
  },
  'dcerpc.unknown_context': {
    description:
      'A request naming a presentation context no bind or alter_context of the association ' +
      'accepted: a fuzzer, a forged or replayed call, or a capture that missed a bind.',
    severity: 'low',
  },
  'dcerpc.bind_rejected': {
    description:
      'A bind_nak, or a bind_ack / alter_context_resp rejecting a proposed context: the ' +
      'server lacks the interface or refused the client, as when a scanner probes for ' +
      'interfaces.',
    severity: 'low',
  },
  'dcerpc.fault': {
    description:
      'The server answered a call with a fault PDU (status named: access denied, unknown ' +
      'interface, operation out of range...): failed or probing calls.',
    severity: 'low',
  },
  'dcerpc.too_many_contexts': {
    description: `More than ${DCERPC.MAX_CONTEXTS} presentation contexts bound on one association: the others are not remembered.`,
    severity: 'low',
  },
  'dcerpc.too_many_calls': {
    description:
      'More calls outstanding than maxPendingTransactions: the oldest is forgotten (its ' +
      'response is then not named).',
    severity: 'low',
  },
  'dcerpc.fragment_out_of_order': {
    description:
      'A middle or last fragment of a call whose first fragment was not seen, or a new first ' +
      'fragment before the previous call ended ([C706] 12.6.3.1 PFC_FIRST_FRAG/LAST_FRAG).',
    severity: 'low',
  },
  'dcerpc.reassembly_limit': {
    description:
      'The stub of a fragmented call that the decoder reads (endpoint mapper, Netlogon) is ' +
      'larger than maxPduBytes: it is counted but not read.',
    severity: 'low',
  },
  'dcerpc.malformed_tower': {
    description:
      'An ept_map response whose tower array or protocol tower floors run past the stub ' +
      '([C706] Appendix I, O): the towers after it are not reported.',
    severity: 'medium',
  },
  'dcerpc.objects_limit_reached': {
    description:
      'An endpoint mapper answer with more towers than the objects-per-message limit: only the ' +
      'first ones are listed in the event.',
    severity: 'low',
  },
  'dcerpc.netlogon_zero_credential': {
    description:
      'A Netlogon NetrServerReqChallenge, NetrServerAuthenticate* or NetrServerPasswordSet2 ' +
      'with an all-zero client challenge or credential: the Zerologon exploit ' +
      '(CVE-2020-1472) against the domain controller.',
    severity: 'critical',
  },
} as const satisfies AnomalyCatalog;

/** Name of a DCE/RPC anomaly. */
export type DcerpcAnomaly = keyof typeof DCERPC_ANOMALIES;

/**
 * The DCE/RPC connection-oriented decoder.
 *
 * @example
 * const state = dcerpcDecoder.createState(DEFAULT_LIMITS);
 * dcerpcDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const dcerpcDecoder: AppDecoder<DcerpcState> = {
  id: 'dcerpc',
  transport: 'tcp',
  defaultPorts: [DCERPC.PORT],
  anomalies: DCERPC_ANOMALIES,
  eventKinds: DCERPC_EVENT_KINDS,
  probe: probeDcerpc,
  createState: createDcerpcState,
  parse: parseDcerpc,
  onGap: onDcerpcGap,
};
