import { describe, expect, it } from 'vitest';
import { operationOf } from './operations.js';

describe('operationOf', () => {
  it.each([
    ['modbus', { kind: 'modbus.request', modbus: { function_code: 3 } }, 'read'],
    ['modbus', { kind: 'modbus.request', modbus: { function_code: 16 } }, 'write'],
    [
      'modbus',
      { kind: 'modbus.request', modbus: { function_code: 8, sub_function: 4 } },
      'control',
    ],
    [
      'modbus',
      { kind: 'modbus.request', modbus: { function_code: 8, sub_function: 0 } },
      'diagnostic',
    ],
    [
      'modbus',
      { kind: 'modbus.request', modbus: { function_code: 43, mei_type: 14 } },
      'discovery',
    ],
    ['modbus', { kind: 'modbus.response', modbus: { function_code: 16 } }, null],
    ['s7comm', { kind: 's7comm.job', s7comm: { function_code: 0x1a } }, 'program'],
    ['s7comm', { kind: 's7comm.job', s7comm: { function_code: 0x29 } }, 'control'],
    ['s7comm', { kind: 's7comm.job', s7comm: { function_code: 0xf0 } }, null],
    [
      's7comm',
      { kind: 's7comm.userdata', s7comm: { ud_type_name: 'request', function_group: 4 } },
      'discovery',
    ],
    ['enip', { kind: 'enip.request', enip: { command_name: 'list_identity' } }, 'discovery'],
    ['enip', { kind: 'enip.request', cip: { service_name: 'write_tag' } }, 'write'],
    [
      'enip',
      { kind: 'enip.request', cip: { service_name: 'get_attributes_all', class_name: 'identity' } },
      'discovery',
    ],
    [
      'enip',
      { kind: 'enip.response', cip: { service_name: 'write_tag', is_response: true } },
      null,
    ],
    ['dnp3', { kind: 'dnp3.request', dnp3: { function_code: 5 } }, 'control'],
    ['dnp3', { kind: 'dnp3.request', dnp3: { function_code: 13 } }, 'control'],
    ['dnp3', { kind: 'dnp3.request', dnp3: { function_code: 25 } }, 'file'],
    ['dnp3', { kind: 'dnp3.unsolicited_response', dnp3: { function_code: 130 } }, 'report'],
    ['iec104', { kind: 'iec104.command', iec104: { type_id: 45 } }, 'control'],
    ['iec104', { kind: 'iec104.command', iec104: { type_id: 50 } }, 'write'],
    ['iec104', { kind: 'iec104.command', iec104: { type_id: 100 } }, 'read'],
    ['iec104', { kind: 'iec104.monitor', iec104: { type_id: 13 } }, 'report'],
    [
      'bacnet',
      { kind: 'bacnet.apdu', bacnet: { pdu_type: 0, service: 'write-property' } },
      'write',
    ],
    ['bacnet', { kind: 'bacnet.apdu', bacnet: { pdu_type: 1, service: 'who-is' } }, 'discovery'],
    ['bacnet', { kind: 'bacnet.apdu', bacnet: { pdu_type: 3, service: 'read-property' } }, null],
    ['opcua', { kind: 'opcua.message', opcua: { service_name: 'CallRequest' } }, 'control'],
    ['opcua', { kind: 'opcua.message', opcua: { service_name: 'ReadResponse' } }, null],
    [
      'mms',
      { kind: 'mms.pdu', mms: { pdu: 'confirmed_request', service_name: 'get_name_list' } },
      'discovery',
    ],
    ['mms', { kind: 'mms.pdu', mms: { pdu: 'confirmed_request', service_name: 'write' } }, 'write'],
    [
      'mms',
      { kind: 'mms.pdu', mms: { pdu: 'confirmed_request', service_name: 'file_open' } },
      'file',
    ],
    ['mms', { kind: 'mms.pdu', mms: { unconfirmed_service_name: 'information_report' } }, 'report'],
    ['fins', { kind: 'fins.request', fins: { command_name: 'memory_area_write' } }, 'write'],
    ['fins', { kind: 'fins.request', fins: { command_name: 'stop' } }, 'control'],
    ['profinet', { kind: 'profinet.dcp', profinet: { service: 'set', service_type: 0 } }, 'write'],
    ['goose', { kind: 'goose.pdu', goose: {} }, 'report'],
    ['tls', { kind: 'tls.client_hello', tls: {} }, null],
    ['modbus', { kind: 'anomaly', anomaly: { name: 'x' } }, null],
  ])('%s %j is %s', (proto, event, want) => {
    expect(operationOf(proto, event)).toBe(want);
  });
});
