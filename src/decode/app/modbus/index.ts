/**
 * The Modbus/TCP decoder descriptor: registered in `decode/registry.ts`, run over TCP port 502
 * first and recognised on any port by its probe. The parser lives in `modbus.ts`, the code
 * tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { MBAP } from './constants.js';
import { MODBUS_EVENT_KINDS } from './events.js';
import { createModbusState, onModbusGap, parseModbus, probeModbus } from './modbus.js';
import type { ModbusState } from './modbus.js';

/**
 * Every anomaly the Modbus decoder raises. `rules/anomalies/modbus.yml` has one default Sigma
 * rule per entry.
 */
export const MODBUS_ANOMALIES = {
  'modbus.invalid_protocol_id': {
    description:
      'The MBAP protocol identifier is not 0 (MODBUS): on a new flow the traffic is not Modbus ' +
      'and decoding stops; on a confirmed flow the PDU is skipped.',
    severity: 'medium',
  },
  'modbus.invalid_length': {
    description:
      'The MBAP length is outside 2..254 (unit id + function code .. unit id + 253-byte PDU): ' +
      'on a new flow decoding stops; on a confirmed flow an oversized PDU is still decoded, an ' +
      'unframeable one makes the decoder search for the next valid header.',
    severity: 'medium',
  },
  'modbus.length_mismatch': {
    description:
      'The PDU size disagrees with its function code: wrong fixed size, byte count that does ' +
      'not match the data or the quantity, or data that ends inside an object.',
    severity: 'medium',
  },
  'modbus.unknown_function': {
    description:
      'A request uses a function code that is neither public, user-defined nor reserved ' +
      '(MODBUS Application Protocol V1.1b3 section 5.1 and Annex A): scanning or fuzzing.',
    severity: 'medium',
  },
  'modbus.unknown_sub_function': {
    description:
      'A Diagnostics request uses a reserved sub-function (5-9, 19, 21-65535; MODBUS ' +
      'Application Protocol V1.1b3 section 6.8.1) or an Encapsulated Interface Transport ' +
      'request a reserved MEI type (other than 13 and 14; Annex A): scanning or fuzzing.',
    severity: 'medium',
  },
  'modbus.invalid_file_reference': {
    description:
      'A Read or Write File Record sub-request has a reference type other than 6, file number ' +
      '0 or a record number above 9999 (sections 6.14, 6.15).',
    severity: 'low',
  },
  'modbus.invalid_quantity': {
    description:
      'A request asks for a quantity of coils or registers outside the range the specification ' +
      'allows for its function (e.g. 0, or more than 125 holding registers).',
    severity: 'low',
  },
  'modbus.invalid_coil_value': {
    description:
      'A Write Single Coil request carries a value other than 0xFF00 (on) or 0x0000 (off).',
    severity: 'low',
  },
  'modbus.invalid_exception_code': {
    description:
      'An exception response carries a code the specification does not define (section 7), ' +
      'or no code at all.',
    severity: 'medium',
  },
  'modbus.exception_in_request': {
    description: 'A request has the exception bit (0x80) set in its function code.',
    severity: 'medium',
  },
  'modbus.response_without_request': {
    description:
      'A response or exception matches no outstanding request (unit id, transaction id): an ' +
      'unsolicited or injected response, or a capture that starts mid-exchange.',
    severity: 'low',
  },
  'modbus.response_function_mismatch': {
    description: 'A response carries a different function code than the request it answers.',
    severity: 'medium',
  },
  'modbus.too_many_transactions': {
    description:
      'More requests are outstanding than the pending-transaction limit allows; the oldest ' +
      'one is forgotten (request flood, or a server that stopped answering).',
    severity: 'medium',
  },
  'modbus.values_limit_reached': {
    description:
      'A message carries more coils, registers or objects than the objects-per-message limit; ' +
      'only the first ones are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a Modbus anomaly. */
export type ModbusAnomaly = keyof typeof MODBUS_ANOMALIES;

/**
 * The Modbus/TCP decoder.
 *
 * @example
 * const state = modbusDecoder.createState(DEFAULT_LIMITS);
 * modbusDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const modbusDecoder: AppDecoder<ModbusState> = {
  id: 'modbus',
  transport: 'tcp',
  defaultPorts: [MBAP.PORT],
  anomalies: MODBUS_ANOMALIES,
  eventKinds: MODBUS_EVENT_KINDS,
  probe: probeModbus,
  createState: createModbusState,
  parse: parseModbus,
  onGap: onModbusGap,
};
