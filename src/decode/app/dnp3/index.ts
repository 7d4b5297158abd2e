/**
 * The DNP3 decoder descriptor: registered in `decode/registry.ts`, run over TCP and UDP port
 * 20000 first and recognised on any port by its probe. Link framing and transport in
 * `dnp3.ts` and `transport.ts`, the application layer in `application.ts`, the object library
 * in `objects.ts`, code tables in `constants.ts`, event types in `events.ts`; README.md has the
 * coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { LINK } from './constants.js';
import { createDnp3State, onDnp3Gap, parseDnp3, probeDnp3 } from './dnp3.js';
import type { Dnp3State } from './dnp3.js';
import { DNP3_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the DNP3 decoder raises. `rules/anomalies/dnp3.yml` has one default Sigma rule
 * per entry.
 */
export const DNP3_ANOMALIES = {
  'dnp3.invalid_start': {
    description:
      'A link frame does not start with the octets 0x05 0x64: on a new flow the traffic is not ' +
      'DNP3 and decoding stops; on a confirmed flow the decoder scans for the next valid header.',
    severity: 'medium',
  },
  'dnp3.header_crc_error': {
    description:
      'The CRC of a link header does not match (IEEE 1815-2012 9.2.4.2): the frame is ' +
      'discarded and the decoder scans for the next valid header (on a new flow, decoding stops).',
    severity: 'medium',
  },
  'dnp3.data_crc_error': {
    description:
      'The CRC of a 16-octet user data block does not match: the whole frame is discarded, as ' +
      'a DNP3 receiver does (corruption, or data modified in transit without fixing the CRCs).',
    severity: 'medium',
  },
  'dnp3.invalid_length': {
    description:
      'The link LENGTH is below 5 (it must count control and both addresses), or a user data ' +
      'frame carries no transport header.',
    severity: 'medium',
  },
  'dnp3.unknown_link_function': {
    description:
      'A link frame uses a function code that IEEE 1815-2012 9.2.4.1.3.6 does not define for ' +
      'its direction (primary or secondary).',
    severity: 'low',
  },
  'dnp3.unexpected_link_data': {
    description:
      'A link frame whose function carries no user data (reset, test, link status, ACK...) has ' +
      'data octets; they are ignored.',
    severity: 'low',
  },
  'dnp3.transport_sequence_error': {
    description:
      'A transport segment is out of sequence or arrives without a first segment (the segment ' +
      'is discarded, a fragment in progress kept), or a new first segment replaces a fragment ' +
      'in progress (IEEE 1815-2012 8.2). Common at capture start; repeated, it suggests ' +
      'injected frames.',
    severity: 'low',
  },
  'dnp3.fragment_too_large': {
    description:
      'An application fragment grows past the reassembly limit (60 segments, or the maximum ' +
      'PDU size): it is discarded.',
    severity: 'medium',
  },
  'dnp3.too_many_reassemblies': {
    description:
      'More application fragments are in progress on one flow (distinct link address pairs) ' +
      'than the decoder keeps; the oldest is dropped.',
    severity: 'medium',
  },
  'dnp3.fragment_too_short': {
    description:
      'An application fragment is shorter than its header (2 octets for a request, 4 for a ' +
      'response with its internal indications).',
    severity: 'medium',
  },
  'dnp3.unknown_function': {
    description:
      'An application fragment uses a function code IEEE 1815-2012 4.2.2.5 does not define: ' +
      'scanning, fuzzing or a proprietary extension. Its objects are not decoded.',
    severity: 'medium',
  },
  'dnp3.direction_mismatch': {
    description:
      'The link DIR bit contradicts the application function: a request in a frame marked as ' +
      'from an outstation, or a response marked as from a master. Real stacks never do this; ' +
      'crafted or injected frames do.',
    severity: 'medium',
  },
  'dnp3.unsolicited_flag_mismatch': {
    description:
      'The application UNS bit is set on a fragment that is not an unsolicited response (or its ' +
      'confirm), or clear on an unsolicited response (IEEE 1815-2012 4.2.2.4).',
    severity: 'low',
  },
  'dnp3.invalid_qualifier': {
    description:
      'An object header uses a reserved qualifier (reserved bit, prefix code 7, range code 10 ' +
      'or 12-15), or a free-format object has no size prefix: the rest of the fragment cannot ' +
      'be delimited and is not decoded.',
    severity: 'medium',
  },
  'dnp3.invalid_range': {
    description:
      'An object header range has its stop index below its start index; the rest of the ' +
      'fragment is not decoded.',
    severity: 'medium',
  },
  'dnp3.unknown_object': {
    description:
      'An object header names a group and variation the object library (IEEE 1815-2012 ' +
      'Annex A) does not define; when its objects carry data of unknown size the rest of the ' +
      'fragment is not decoded.',
    severity: 'low',
  },
  'dnp3.invalid_variation': {
    description:
      'A write, control or response fragment names objects by a variation that carries no ' +
      'values (variation 0 "any", class data, zero-length strings): a malformed request, or ' +
      'a tiny fragment announcing millions of points to exhaust an outstation.',
    severity: 'medium',
  },
  'dnp3.object_truncated': {
    description:
      'The application fragment ends inside an object header or before all the objects its ' +
      'range announces.',
    severity: 'medium',
  },
  'dnp3.objects_limit_reached': {
    description:
      'A fragment carries more object headers, or more points, than the objects-per-message ' +
      'limit; only the first ones are listed in the event.',
    severity: 'low',
  },
  'dnp3.unexpected_confirm': {
    description:
      'A master sent an application confirm (function 0) while no fragment of its kind ' +
      'awaited one: a confirm for a response that did not set CON, or an unsolicited confirm ' +
      'when no unsolicited response asked for one (IEEE 1815-2012 4.2.2.4). A station that does ' +
      'not follow the conversation sent it: a rogue or replaying master, or injected frames.',
    severity: 'medium',
  },
  'dnp3.superseded_response': {
    description:
      'An outstation answered a request after its master had sent a newer request with ' +
      'another SEQ: several requests were in flight at once, which a master never does (one ' +
      'outstanding request per outstation). Requests replayed or flooded without waiting for ' +
      'the answers, or two masters on one association.',
    severity: 'medium',
  },
  'dnp3.truncated_datagram': {
    description:
      'A UDP datagram ends inside a link frame (raised by the pipeline when a datagram leaves ' +
      'octets undecoded).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a DNP3 anomaly. */
export type Dnp3Anomaly = keyof typeof DNP3_ANOMALIES;

/**
 * The DNP3 decoder (TCP and UDP port 20000).
 *
 * @example
 * const state = dnp3Decoder.createState(DEFAULT_LIMITS);
 * dnp3Decoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const dnp3Decoder: AppDecoder<Dnp3State> = {
  id: 'dnp3',
  transport: 'tcp',
  defaultPorts: [LINK.PORT],
  udpPorts: [LINK.PORT],
  anomalies: DNP3_ANOMALIES,
  eventKinds: DNP3_EVENT_KINDS,
  probe: probeDnp3,
  createState: createDnp3State,
  parse: parseDnp3,
  onGap: onDnp3Gap,
};
