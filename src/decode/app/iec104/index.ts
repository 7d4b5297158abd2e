/**
 * The IEC 60870-5-104 decoder descriptor: registered in `decode/registry.ts`, run over TCP port
 * 2404 first and recognised on any port by its probe. The parser lives in `iec104.ts` (APCI),
 * `asdu.ts` and `elements.ts` (ASDU), `session.ts` (sequence numbers, data transfer state); the
 * code tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage
 * matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { APCI } from './constants.js';
import { IEC104_EVENT_KINDS } from './events.js';
import { createIec104State, onIec104Gap, parseIec104, probeIec104 } from './iec104.js';
import type { Iec104State } from './iec104.js';

/**
 * Every anomaly the IEC 104 decoder raises. `rules/anomalies/iec104.yml` has one default Sigma
 * rule per entry.
 */
export const IEC104_ANOMALIES = {
  'iec104.invalid_start': {
    description:
      'An octet other than the APCI start 0x68 where an APDU must begin: on a new flow the ' +
      'traffic is not IEC 104 and decoding stops; on a confirmed flow the decoder skips to the ' +
      'next APCI start (stray octets injected into the stream, or a broken sender).',
    severity: 'medium',
  },
  'iec104.invalid_length': {
    description:
      'An APDU length below 4 (the control field) or above 253 (IEC 60870-5-104 5.1): on a new ' +
      'flow decoding stops; on a confirmed flow an oversized APDU is still decoded, a short ' +
      'one makes the decoder search for the next APCI.',
    severity: 'medium',
  },
  'iec104.invalid_control_field': {
    description:
      'A U format control field without exactly one of the STARTDT, STOPDT, TESTFR function ' +
      'bits or with non-zero octets 2-4, or an S format control field with reserved bits set ' +
      '(IEC 60870-5-104 5.3, 5.4).',
    severity: 'medium',
  },
  'iec104.length_mismatch': {
    description:
      'The APDU length disagrees with its content: an S or U format APDU longer than its 4 ' +
      'control octets, or an ASDU with octets left after the information objects its variable ' +
      'structure qualifier announces.',
    severity: 'medium',
  },
  'iec104.truncated_asdu': {
    description:
      'An I format APDU whose ASDU ends before its 6-octet header or before the information ' +
      'objects its variable structure qualifier announces, or that has no ASDU at all.',
    severity: 'medium',
  },
  'iec104.unknown_type': {
    description:
      'An ASDU type identification that IEC 60870-5-101/104 and -7 do not define: 0, a ' +
      'reserved value or the private range 128-255. Its objects are not decoded.',
    severity: 'low',
  },
  'iec104.type_not_in_104': {
    description:
      'An IEC 60870-5-101 type that IEC 60870-5-104 clause 8 does not allow on a network: the ' +
      'CP24Time2a time-tagged types (2, 4, 6, 8, 10, 12, 14, 16-19), C_TS_NA_1 or C_CD_NA_1.',
    severity: 'low',
  },
  'iec104.invalid_cause': {
    description:
      'A cause of transmission IEC 60870-5-101 table 14 leaves undefined: 0 (not used), 17-19 ' +
      'or 42-43.',
    severity: 'low',
  },
  'iec104.rejected_asdu': {
    description:
      'A station answered with cause 44-47 (unknown type identification, cause, common ' +
      'address or information object address): the ASDU it received addressed something it ' +
      'does not have, as a scan or a misconfigured master does.',
    severity: 'medium',
  },
  'iec104.invalid_vsq': {
    description:
      'A command, parameter or file ASDU whose variable structure qualifier is not SQ=0 with ' +
      'exactly one object, as IEC 60870-5-101 7.3.2-7.3.6 require: several commands packed in ' +
      'one ASDU.',
    severity: 'medium',
  },
  'iec104.no_objects': {
    description:
      'An ASDU whose variable structure qualifier announces no information object: it carries ' +
      'nothing (probing or fuzzing).',
    severity: 'low',
  },
  'iec104.invalid_time': {
    description:
      'A CP56Time2a or CP24Time2a time tag whose fields are out of range (month 0, minute 60, ' +
      'more than 59999 ms, ...) while its IV bit says it is valid.',
    severity: 'low',
  },
  'iec104.reserved_qualifier': {
    description:
      'A qualifier with a value the standard reserves: qualifier of interrogation, of counter ' +
      'interrogation, of reset process, of command (QU 4-15), of parameter (KPA) or cause of ' +
      'initialization.',
    severity: 'low',
  },
  'iec104.invalid_command_state': {
    description:
      'A double command or regulating step command with state 0 or 3, which IEC 60870-5-101 ' +
      '7.2.6.16-17 do not permit.',
    severity: 'medium',
  },
  'iec104.sequence_gap': {
    description:
      'An I format APDU whose send sequence number N(S) is ahead of the next one expected in ' +
      'its direction: APDUs were lost or dropped, or a frame was injected with a guessed ' +
      'number (IEC 60870-5-104 5.5).',
    severity: 'medium',
  },
  'iec104.sequence_duplicate': {
    description:
      'An I format APDU whose send sequence number N(S) repeats or goes back: a duplicate, a ' +
      'replay, or the genuine sender catching up after an injected APDU took its number.',
    severity: 'high',
  },
  'iec104.invalid_ack': {
    description:
      'A receive sequence number N(R) that goes back, or that acknowledges I format APDUs the ' +
      'other side has not sent: the two sides disagree on the sequence, as after an injection.',
    severity: 'medium',
  },
  'iec104.data_while_stopped': {
    description:
      'An I format APDU while data transfer is not started: before STARTDT con, after STOPDT ' +
      'con, or from the controlling station after its STOPDT act (IEC 60870-5-104 5.3).',
    severity: 'medium',
  },
  'iec104.objects_limit_reached': {
    description:
      'An ASDU carries more information objects than the objects-per-message limit; only the ' +
      'first ones are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an IEC 104 anomaly. */
export type Iec104Anomaly = keyof typeof IEC104_ANOMALIES;

/**
 * The IEC 60870-5-104 decoder.
 *
 * @example
 * const state = iec104Decoder.createState(DEFAULT_LIMITS);
 * iec104Decoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const iec104Decoder: AppDecoder<Iec104State> = {
  id: 'iec104',
  transport: 'tcp',
  defaultPorts: [APCI.PORT],
  anomalies: IEC104_ANOMALIES,
  eventKinds: IEC104_EVENT_KINDS,
  probe: probeIec104,
  createState: createIec104State,
  parse: parseIec104,
  onGap: onIec104Gap,
};
