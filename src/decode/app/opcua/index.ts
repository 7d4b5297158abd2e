/**
 * The OPC UA Binary decoder descriptor (UA TCP and UA Secure Conversation): registered in
 * `decode/registry.ts`, run over TCP port 4840 first and recognised on any port by its probe.
 * The parser lives in `opcua.ts`, the code tables in `constants.ts`, the event types in
 * `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { OPCUA } from './constants.js';
import { OPCUA_EVENT_KINDS } from './events.js';
import { createOpcuaState, onOpcuaGap, parseOpcua, probeOpcua } from './opcua.js';
import type { OpcuaState } from './opcua.js';

/**
 * Every anomaly the OPC UA decoder raises. `rules/anomalies/opcua.yml` has one default Sigma rule
 * per entry.
 */
export const OPCUA_ANOMALIES = {
  'opcua.invalid_header': {
    description:
      'A message header with an unknown message type, a chunk type the type does not allow, or ' +
      'a MessageSize out of range (OPC 10000-6 7.1.2.2): on a new flow the traffic is not OPC UA.',
    severity: 'medium',
  },
  'opcua.malformed_message': {
    description:
      'A message whose fields run past its MessageSize, or a service body that ends before its ' +
      'fields or has no numeric service id: a broken stack, fuzzing or a parser exploit attempt.',
    severity: 'medium',
  },
  'opcua.lost_sync': {
    description:
      'After a capture gap or a broken header, bytes were skipped to reach the next message ' +
      'header.',
    severity: 'low',
  },
  'opcua.oversized_chunk': {
    description:
      'A message chunk larger than the decoder buffers (maxPduBytes): it is reported from its ' +
      'headers and its bytes are skipped.',
    severity: 'low',
  },
  'opcua.message_too_large': {
    description:
      'A message whose intermediate chunks add up to more than maxPduBytes: its chunks are ' +
      'counted, its body is not decoded.',
    severity: 'low',
  },
  'opcua.reassembly_limit': {
    description:
      'More messages in reassembly at once than the decoder keeps per direction: the oldest is ' +
      'dropped (a peer that opens many chunked messages and never finishes them).',
    severity: 'low',
  },
  'opcua.aborted_message': {
    description:
      'An abort chunk (A): the sender gave up a message it had started, with an error code and ' +
      'reason (OPC 10000-6 6.7.3).',
    severity: 'low',
  },
  'opcua.nesting_limit': {
    description:
      'Variants, DataValues or DiagnosticInfos nested deeper than the decoder walks: the rest of ' +
      'the body is not decoded.',
    severity: 'low',
  },
  'opcua.objects_limit_reached': {
    description:
      'More nodes, values, methods, endpoints or results than the objects-per-message limit; ' +
      'only the first ones are listed in the event.',
    severity: 'low',
  },
  'opcua.sequence_break': {
    description:
      'A chunk whose SequenceNumber is not the previous one plus one on its secure channel ' +
      '(OPC 10000-6 6.7.2.4): a chunk injected, replayed or dropped on the path.',
    severity: 'medium',
  },
  'opcua.error_message': {
    description:
      'An ERR message: the peer closed the connection with an error (bad certificate, too ' +
      'large, unknown channel...).',
    severity: 'low',
  },
  'opcua.bad_service_result': {
    description:
      'A service response or ServiceFault with a Bad ServiceResult (access denied, session ' +
      'invalid...): repeated ones suggest probing or guessing.',
    severity: 'low',
  },
  'opcua.security_none': {
    description:
      'An OpenSecureChannel with SecurityPolicy None: every service on the channel is neither ' +
      'signed nor encrypted and can be read and changed on the path.',
    severity: 'medium',
  },
  'opcua.anonymous_session': {
    description: 'An ActivateSession with an anonymous identity token: the session has no user.',
    severity: 'low',
  },
  'opcua.cleartext_password': {
    description:
      'An ActivateSession with a UserNameIdentityToken whose password is not encrypted, on a ' +
      'channel without encryption: anyone on the path can read it (the event never copies it).',
    severity: 'high',
  },
  'opcua.username_on_cleartext_channel': {
    description:
      'An ActivateSession with a UserNameIdentityToken on a channel without encryption: the user ' +
      'name is readable on the path (the password is encrypted with the server certificate).',
    severity: 'medium',
  },
  'opcua.write_request': {
    description:
      'A Write service request: node attributes (process values, setpoints, configuration) are ' +
      'changed.',
    severity: 'low',
  },
  'opcua.call_request': {
    description:
      'A Call service request: methods are executed on the server (process-relevant actions).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an OPC UA anomaly. */
export type OpcuaAnomaly = keyof typeof OPCUA_ANOMALIES;

/**
 * The OPC UA decoder.
 *
 * @example
 * const state = opcuaDecoder.createState(DEFAULT_LIMITS);
 * opcuaDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const opcuaDecoder: AppDecoder<OpcuaState> = {
  id: 'opcua',
  transport: 'tcp',
  defaultPorts: [OPCUA.PORT],
  anomalies: OPCUA_ANOMALIES,
  eventKinds: OPCUA_EVENT_KINDS,
  probe: probeOpcua,
  createState: createOpcuaState,
  parse: parseOpcua,
  onGap: onOpcuaGap,
};
