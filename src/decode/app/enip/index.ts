/**
 * The EtherNet/IP + CIP decoder descriptor: registered in `decode/registry.ts`, run over TCP
 * 44818 and UDP 44818 and 2222 first and recognised on any port by its probe. The encapsulation
 * parser lives in `enip.ts`, the CIP layer in `cip.ts` (Connection Manager `cm.ts`, Logix tags
 * `logix.ts`, Identity and PCCC `objects.ts`), the code tables in `constants.ts` and the
 * generated `tables.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { ENCAP } from './constants.js';
import { createEnipState, onEnipGap, parseEnip, probeEnip } from './enip.js';
import type { EnipState } from './enip.js';
import { ENIP_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the EtherNet/IP decoder raises. `rules/anomalies/enip.yml` has one default
 * Sigma rule per entry.
 */
export const ENIP_ANOMALIES = {
  'enip.unknown_command': {
    description:
      'An encapsulation command that CIP Vol. 2 table 2-3.2 does not define: on a new flow ' +
      'the traffic is not EtherNet/IP and decoding stops; on a confirmed flow the message is ' +
      'skipped by its length (fuzzing, or a foreign protocol injected into the session).',
    severity: 'medium',
  },
  'enip.invalid_length': {
    description:
      'An encapsulation length that does not suit its command (RegisterSession without its 4 ' +
      'bytes, UnRegisterSession with data) or that exceeds the PDU size limit; on a new flow ' +
      'decoding stops, on a confirmed flow the decoder searches for the next valid header.',
    severity: 'medium',
  },
  'enip.invalid_options': {
    description:
      'The encapsulation options field is not 0; CIP Vol. 2 2-3.1 tells receivers to discard ' +
      'such messages, so a sender setting it is broken or probing.',
    severity: 'low',
  },
  'enip.encapsulation_error': {
    description:
      'An encapsulation message carries a non-zero status (invalid command, invalid session ' +
      'handle, invalid length, unsupported protocol version...): the target refused a request.',
    severity: 'low',
  },
  'enip.session_mismatch': {
    description:
      'A SendRRData or SendUnitData request uses a session handle other than the one the ' +
      'target granted on this connection: a session hijack attempt or a replay into the stream.',
    severity: 'high',
  },
  'enip.cpf_malformed': {
    description:
      'The common packet format does not fit its message: no item count, an item header or ' +
      'item data that runs past the end, or a send command too short for its prefix.',
    severity: 'medium',
  },
  'enip.too_many_items': {
    description:
      'A common packet format announces more items than the objects-per-message limit; only ' +
      'the first ones are decoded.',
    severity: 'medium',
  },
  'enip.cip_truncated': {
    description:
      'A CIP message ends before its own header, path, status words or service data do ' +
      '(e.g. a Forward Open shorter than its fixed part).',
    severity: 'medium',
  },
  'enip.epath_malformed': {
    description:
      'A request or connection path holds a reserved segment type, a segment cut short, or ' +
      'more segments than any real path needs.',
    severity: 'medium',
  },
  'enip.reserved_service': {
    description:
      'A CIP request uses a service code that CIP Vol. 1 table A-3.1 reserves: scanning for ' +
      'undocumented services or fuzzing.',
    severity: 'medium',
  },
  'enip.response_without_request': {
    description:
      'A CIP response matches no outstanding request (sender context or connected sequence ' +
      'count): an injected response, or a capture that starts mid-exchange.',
    severity: 'low',
  },
  'enip.response_service_mismatch': {
    description:
      'A CIP response carries a different service than the request it answers (other than the ' +
      'unwrapped reply of an Unconnected Send).',
    severity: 'medium',
  },
  'enip.too_many_transactions': {
    description:
      'More CIP requests are outstanding than the pending-transaction limit allows; the oldest ' +
      'one is forgotten (request flood, or a target that stopped answering).',
    severity: 'medium',
  },
  'enip.msp_offset_invalid': {
    description:
      'A Multiple Service Packet has more offsets than bytes, or an offset that points outside ' +
      'the packet or before the previous service.',
    severity: 'medium',
  },
  'enip.nesting_too_deep': {
    description:
      'CIP messages nest deeper than any real route needs (Unconnected Send or Multiple Service ' +
      'Packet inside one another more than four levels); the inner ones are not decoded.',
    severity: 'medium',
  },
  'enip.values_limit_reached': {
    description:
      'A message carries more embedded services, tag values or attributes than the ' +
      'objects-per-message limit; only the first ones are listed.',
    severity: 'low',
  },
  'enip.truncated_datagram': {
    description:
      'A UDP datagram ends inside an encapsulation message or an I/O packet (raised by the ' +
      'pipeline when a datagram leaves bytes undecoded).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an EtherNet/IP anomaly. */
export type EnipAnomaly = keyof typeof ENIP_ANOMALIES;

/**
 * The EtherNet/IP + CIP decoder.
 *
 * @example
 * const state = enipDecoder.createState(DEFAULT_LIMITS);
 * enipDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const enipDecoder: AppDecoder<EnipState> = {
  id: 'enip',
  transport: 'tcp',
  defaultPorts: [ENCAP.PORT],
  udpPorts: [ENCAP.PORT, ENCAP.IO_PORT],
  anomalies: ENIP_ANOMALIES,
  eventKinds: ENIP_EVENT_KINDS,
  probe: probeEnip,
  createState: createEnipState,
  parse: parseEnip,
  onGap: onEnipGap,
};
