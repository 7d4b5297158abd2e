/** Modbus/TCP decoder: field values, framing, confirmation, pairing and limits, on annotated hex. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { StreamFeeder } from '../../stream-feeder.js';
import { fixtures } from './fixtures.js';
import { MODBUS_ANOMALIES, modbusDecoder } from './index.js';
import type { ModbusEvent } from './events.js';
import type { ModbusState } from './modbus.js';
import { MIDSTREAM_RESPONSES } from './modbus.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: ModbusEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  /** The connection's handshake was captured (false: the capture began mid-connection). */
  handshake = true;
  emit(e: AppEvent): void {
    this.events.push(e as ModbusEvent);
  }
  handshakeSeen(): boolean {
    return this.handshake;
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
  take(): { events: ModbusEvent[]; anomalies: string[] } {
    const out = { events: this.events, anomalies: this.anomalies };
    this.events = [];
    this.anomalies = [];
    return out;
  }
}

/** A decoder instance: state + sink, fed whole buffers. */
function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = modbusDecoder.createState(limits);
  const sink = new Sink();
  return {
    state,
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return modbusDecoder.parse(state, bytes, dir, sink);
    },
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** An ADU built from fields: transaction id, unit, function code, PDU data (hex). */
function adu(tid: number, unit: number, fc: number, data = '', pid = 0, len?: number): Uint8Array {
  const body = hex(data);
  const out = new Uint8Array(8 + body.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, tid);
  v.setUint16(2, pid);
  v.setUint16(4, len ?? body.length + 2);
  out[6] = unit;
  out[7] = fc;
  out.set(body, 8);
  return out;
}

/** Feeds the fixture conversation and returns what each fixture produced. */
function conversation(): Map<string, { events: ModbusEvent[]; anomalies: string[] }> {
  const s = session();
  const out = new Map<string, { events: ModbusEvent[]; anomalies: string[] }>();
  for (const f of fixtures) {
    expect(s.parse(f.dir, f.bytes)).toEqual({ kind: 'ok' });
    out.set(f.name, s.sink.take());
  }
  return out;
}

describe('modbus fixture conversation (real frames, tshark-checked)', () => {
  const got = conversation();
  const modbus = (name: string, i = 0): Record<string, unknown> =>
    (got.get(name)?.events[i]?.modbus ?? {}) as Record<string, unknown>;

  it('read coils: request fields, response bits, address and quantity from the request', () => {
    expect(got.get('read-coils-request')).toEqual({
      events: [
        {
          kind: 'modbus.request',
          modbus: {
            transaction_id: 1,
            unit_id: 10,
            function_code: 1,
            function: 'read_coils',
            is_response: false,
            length: 6,
            address: 0,
            quantity: 1,
          },
        },
      ],
      anomalies: [],
    });
    expect(got.get('read-coils-response')).toEqual({
      events: [
        {
          kind: 'modbus.response',
          modbus: {
            transaction_id: 1,
            unit_id: 10,
            function_code: 1,
            function: 'read_coils',
            is_response: true,
            length: 4,
            address: 0,
            quantity: 1,
            byte_count: 1,
            values: [false],
          },
        },
      ],
      anomalies: [],
    });
  });

  it('read holding registers: values as unsigned 16-bit numbers', () => {
    expect(modbus('read-holding-registers-response')).toMatchObject({
      function_code: 3,
      address: 5,
      quantity: 2,
      byte_count: 4,
      values: [9, 24],
    });
  });

  it('write single coil and register: address and value, echoed by the response', () => {
    expect(modbus('write-single-coil-on-request')).toMatchObject({
      function: 'write_single_coil',
      address: 2,
      value: 0xff00,
    });
    expect(modbus('write-single-coil-on-response')).toMatchObject({
      is_response: true,
      address: 2,
      value: 0xff00,
    });
    expect(modbus('write-single-register-request')).toMatchObject({ address: 5, value: 11 });
    expect(got.get('write-single-register-response')?.anomalies).toEqual([]);
  });

  it('three pipelined requests in one segment give three events', () => {
    const ev = got.get('pipelined-read-requests')?.events.map((e) => e.modbus);
    expect(ev).toEqual([
      expect.objectContaining({
        transaction_id: 0x2977,
        unit_id: 255,
        function_code: 4,
        address: 1100,
        quantity: 115,
      }),
      expect.objectContaining({
        transaction_id: 0x2978,
        function_code: 4,
        address: 1300,
        quantity: 4,
      }),
      expect.objectContaining({
        transaction_id: 0x2979,
        function_code: 2,
        address: 203,
        quantity: 30,
      }),
    ]);
  });

  it('115 input registers: all values, first and last as in the capture', () => {
    const m = modbus('read-input-registers-response-115-registers');
    const values = m.values as number[];
    expect(m).toMatchObject({ length: 233, byte_count: 230, address: 1100, quantity: 115 });
    expect(values).toHaveLength(115);
    expect(values.slice(0, 4)).toEqual([0x32, 3, 0, 4]);
    expect(values[114]).toBe(0x0384);
    expect(got.get('read-input-registers-response-115-registers')?.anomalies).toEqual([]);
  });

  it('two responses in one segment pair with the pipelined requests; bits are LSB first', () => {
    expect(modbus('two-responses-in-one-segment', 0)).toMatchObject({
      transaction_id: 0x2978,
      address: 1300,
      values: [0, 0, 0, 0],
    });
    const inputs = modbus('two-responses-in-one-segment', 1);
    expect(inputs).toMatchObject({
      transaction_id: 0x2979,
      function: 'read_discrete_inputs',
      address: 203,
      quantity: 30,
    });
    // 7c a3 c8 01, each byte least significant bit first, cut at the 30 requested inputs.
    const bits = '00111110' + '11000101' + '00010011' + '100000';
    expect((inputs.values as boolean[]).map((b) => (b ? '1' : '0')).join('')).toBe(bits);
  });

  it('write multiple registers and coils: address, quantity, byte count, values', () => {
    expect(modbus('write-multiple-registers-request')).toMatchObject({
      address: 2100,
      quantity: 1,
      byte_count: 2,
      values: [3],
    });
    expect(modbus('write-multiple-registers-response')).toMatchObject({
      address: 2100,
      quantity: 1,
    });
    expect(modbus('write-multiple-coils-request')).toMatchObject({
      address: 7,
      quantity: 3,
      byte_count: 1,
      values: [true, false, true],
    });
    expect(modbus('write-multiple-coils-response')).toMatchObject({
      function_code: 15,
      address: 7,
      quantity: 3,
    });
  });

  it('diagnostics sub-function and an exception with the bit removed from function_code', () => {
    expect(modbus('diagnostics-force-listen-only-request')).toMatchObject({
      function: 'diagnostics',
      sub_function: 4,
      sub_function_name: 'force_listen_only_mode',
      data: [0],
    });
    // The exception names the sub-function its request asked for.
    expect(got.get('diagnostics-exception-gateway-target')?.events[0]).toEqual({
      kind: 'modbus.exception',
      modbus: {
        transaction_id: 0,
        unit_id: 10,
        function_code: 8,
        function: 'diagnostics',
        is_response: true,
        length: 3,
        sub_function: 4,
        sub_function_name: 'force_listen_only_mode',
        exception_code: 11,
        exception: 'gateway_target_device_failed_to_respond',
      },
    });
  });

  it('read device identification: request codes and response objects', () => {
    expect(modbus('read-device-identification-request')).toMatchObject({
      mei_type: 14,
      read_device_id_code: 1,
      object_id: 0,
    });
    expect(modbus('read-device-identification-response')).toMatchObject({
      mei_type: 14,
      mei_type_name: 'read_device_identification',
      read_device_id_code: 1,
      read_device_id: 'basic',
      conformity_level: 1,
      more_follows: false,
      next_object_id: 0,
      object_count: 3,
      objects: [
        { id: 0, name: 'vendor_name', value: 'Company identification' },
        { id: 1, name: 'product_code', value: 'Product code XX' },
        { id: 2, name: 'major_minor_revision', value: 'V2.11' },
      ],
    });
  });

  it('read/write multiple registers: read range, write range and values; response values', () => {
    expect(modbus('read-write-multiple-registers-request')).toMatchObject({
      address: 3,
      quantity: 6,
      write_address: 14,
      write_quantity: 3,
      byte_count: 6,
      values: [255, 255, 255],
    });
    // The response holds only the registers read; it names both ranges of its request.
    expect(modbus('read-write-multiple-registers-response')).toMatchObject({
      address: 3,
      quantity: 6,
      write_address: 14,
      write_quantity: 3,
      byte_count: 12,
      values: [254, 2765, 1, 3, 13, 255],
    });
  });

  it("exceptions name the request's ranges and codes: 23 both ranges, 43/14 the object asked", () => {
    const s = session();
    s.parse(C, fixture('read-write-multiple-registers-request'));
    s.parse(
      S,
      hex(
        '0012' + // MBAP transaction id = 18
          '0000' + // MBAP protocol id = 0
          '0003' + // MBAP length = 3
          '01' + // unit id = 1
          '97' + // function code = 23 | 0x80 (exception)
          '02', // exception code = 2 (illegal data address)
      ),
    );
    // modbus_test_data_part1.pcap frame 32 asked for object 1 (extended stream); answered here
    // by the exception [AP] 6.21 gives for an object id that does not exist.
    s.parse(C, fixture('read-device-identification-trailing-byte'));
    s.parse(
      S,
      hex(
        '0022' + // MBAP transaction id = 34 (the fixture's)
          '0000' + // MBAP protocol id = 0
          '0003' + // MBAP length = 3
          '0a' + // unit id = 10
          'ab' + // function code = 43 | 0x80 (exception)
          '02', // exception code = 2 (illegal data address)
      ),
    );
    const { events } = s.sink.take();
    expect(events[1]?.modbus).toEqual({
      transaction_id: 18,
      unit_id: 1,
      function_code: 23,
      function: 'read_write_multiple_registers',
      is_response: true,
      length: 3,
      address: 3,
      quantity: 6,
      write_address: 14,
      write_quantity: 3,
      exception_code: 2,
      exception: 'illegal_data_address',
    });
    expect(events[3]?.modbus).toMatchObject({
      function_code: 43,
      mei_type: 14,
      mei_type_name: 'read_device_identification',
      read_device_id_code: 3,
      read_device_id: 'extended',
      object_id: 1,
      exception: 'illegal_data_address',
    });
  });

  it('read exception status: no request data, one byte of output data', () => {
    expect(got.get('read-exception-status-request')).toEqual({
      events: [
        {
          kind: 'modbus.request',
          modbus: {
            transaction_id: 64,
            unit_id: 1,
            function_code: 7,
            function: 'read_exception_status',
            is_response: false,
            length: 2,
          },
        },
      ],
      anomalies: [],
    });
    expect(modbus('read-exception-status-response')).toMatchObject({ output_data: 0x15 });
    expect(got.get('read-exception-status-response')?.anomalies).toEqual([]);
  });

  it('diagnostics: every sub-function is named and its data words listed, request and echo', () => {
    const cases: [string, number, string, number[]][] = [
      ['diagnostics-restart-communications', 1, 'restart_communications_option', [0]],
      ['diagnostics-clear-counters', 10, 'clear_counters_and_diagnostic_register', [0]],
      ['diagnostics-return-query-data', 0, 'return_query_data', [0xa537]],
    ];
    for (const [name, sub, subName, data] of cases) {
      for (const side of ['request', 'response']) {
        expect(got.get(`${name}-${side}`)?.anomalies).toEqual([]);
        expect(modbus(`${name}-${side}`)).toMatchObject({
          function_code: 8,
          sub_function: sub,
          sub_function_name: subName,
          data,
        });
      }
    }
    expect(modbus('diagnostics-server-message-count-request')).toMatchObject({
      sub_function_name: 'return_server_message_count',
      data: [0],
    });
    expect(modbus('diagnostics-server-message-count-response')).toMatchObject({
      sub_function: 14,
      data: [289],
    });
  });

  it('get comm event counter and log: status, counts and event bytes', () => {
    expect(modbus('get-comm-event-counter-response')).toMatchObject({
      function: 'get_comm_event_counter',
      status: 0xffff,
      event_count: 264,
    });
    expect(modbus('get-comm-event-log-response')).toMatchObject({
      function: 'get_comm_event_log',
      byte_count: 8,
      status: 0,
      event_count: 264,
      message_count: 289,
      events: [0x20, 0x00],
    });
    for (const n of ['counter', 'log']) {
      expect(got.get(`get-comm-event-${n}-request`)?.anomalies).toEqual([]);
      expect(got.get(`get-comm-event-${n}-response`)?.anomalies).toEqual([]);
    }
  });

  it('report server id: server id, run indicator, additional data as hex and text', () => {
    expect(modbus('report-server-id-response')).toMatchObject({
      byte_count: 18,
      server_id: '00',
      run_indicator: 'on',
      additional_data: '57696e6770617468204c696d69746564',
      additional_text: 'Wingpath Limited',
    });
  });

  it('read file record: sub-requests; the response names file and record from the request', () => {
    expect(modbus('read-file-record-request')).toMatchObject({
      byte_count: 14,
      file_records: [
        { reference_type: 6, file_number: 4, record_number: 1, record_length: 2 },
        { reference_type: 6, file_number: 3, record_number: 9, record_length: 2 },
      ],
    });
    expect(modbus('read-file-record-response')).toMatchObject({
      byte_count: 12,
      file_records: [
        {
          reference_type: 6,
          file_number: 4,
          record_number: 1,
          record_length: 2,
          values: [0x0dfe, 0x0020],
        },
        {
          reference_type: 6,
          file_number: 3,
          record_number: 9,
          record_length: 2,
          values: [0x33cd, 0x0040],
        },
      ],
    });
    expect(got.get('read-file-record-response')?.anomalies).toEqual([]);
  });

  it('write file record: sub-requests with their registers, echoed by the response', () => {
    const record = {
      reference_type: 6,
      file_number: 4,
      record_number: 7,
      record_length: 3,
      values: [0x06af, 0x04be, 0x100d],
    };
    for (const side of ['request', 'response']) {
      expect(modbus(`write-file-record-${side}`)).toMatchObject({
        function: 'write_file_record',
        byte_count: 13,
        file_records: [record],
      });
      expect(got.get(`write-file-record-${side}`)?.anomalies).toEqual([]);
    }
  });

  it('read fifo queue: pointer address, then byte count, FIFO count and values', () => {
    expect(modbus('read-fifo-queue-request')).toMatchObject({ address: 0x04de });
    expect(modbus('read-fifo-queue-response')).toMatchObject({
      address: 0x04de,
      byte_count: 6,
      fifo_count: 2,
      values: [440, 4740],
    });
    expect(got.get('read-fifo-queue-response')?.anomalies).toEqual([]);
  });

  it('CANopen general reference: MEI type named, its data kept as hex', () => {
    expect(modbus('canopen-general-reference-request')).toMatchObject({
      mei_type: 13,
      mei_type_name: 'canopen_general_reference',
      mei_data: '40181001',
    });
    expect(modbus('canopen-general-reference-response')).toMatchObject({
      mei_data: '4318100178563412',
    });
    expect(got.get('canopen-general-reference-request')?.anomalies).toEqual([]);
  });

  it('read device identification: regular objects with more follows, a private object', () => {
    expect(modbus('read-device-identification-regular-request')).toMatchObject({
      read_device_id_code: 2,
      read_device_id: 'regular',
      object_id: 3,
    });
    expect(modbus('read-device-identification-regular-response')).toMatchObject({
      conformity_level: 0x82,
      more_follows: true,
      next_object_id: 6,
      object_count: 3,
      objects: [
        { id: 3, name: 'vendor_url', value: 'www.modbus.org' },
        { id: 4, name: 'product_name', value: 'PLC1' },
        { id: 5, name: 'model_name', value: 'M1234' },
      ],
    });
    expect(modbus('read-device-identification-private-request')).toMatchObject({
      read_device_id: 'specific',
      object_id: 0x80,
    });
    expect(modbus('read-device-identification-private-response')).toMatchObject({
      conformity_level: 0x83,
      more_follows: false,
      objects: [{ id: 0x80, name: 'private', value: 'Line1' }],
    });
  });

  it('mask write register and reserved code 90 (UMAS)', () => {
    expect(modbus('mask-write-register-request')).toMatchObject({
      address: 4,
      and_mask: 0xf2,
      or_mask: 0x25,
    });
    expect(modbus('umas-reserved-function-90-request')).toMatchObject({
      function_code: 90,
      function: 'reserved',
      length: 5,
    });
    expect(got.get('umas-reserved-function-90-response')?.anomalies).toEqual([]);
  });

  it('an oversized UMAS ADU on a confirmed flow is decoded and flagged, as Wireshark shows it', () => {
    expect(got.get('umas-length-255-request')).toEqual({
      events: [
        expect.objectContaining({
          kind: 'modbus.request',
          modbus: expect.objectContaining({ length: 255, function_code: 90 }),
        }),
      ],
      anomalies: ['modbus.invalid_length'],
    });
    expect(got.get('umas-length-255-response')?.anomalies).toEqual(['modbus.invalid_length']);
  });

  it('malformed requests and responses raise their anomalies', () => {
    const anomalies = (name: string) => got.get(name)?.anomalies;
    expect(anomalies('read-coils-quantity-zero-request')).toEqual(['modbus.invalid_quantity']);
    expect(modbus('exception-illegal-data-value')).toMatchObject({
      function_code: 1,
      exception_code: 3,
      address: 0,
      quantity: 0,
    });
    expect(anomalies('unassigned-function-0-request')).toEqual(['modbus.unknown_function']);
    expect(modbus('unassigned-function-0-request')).toMatchObject({
      function_code: 0,
      function: 'unassigned',
    });
    // The exception to an unknown request is paired, so the unknown code is reported once.
    expect(anomalies('exception-illegal-function')).toEqual([]);
    expect(anomalies('read-device-identification-trailing-byte')).toEqual([
      'modbus.length_mismatch',
    ]);
    expect(anomalies('exception-trailing-byte-without-request')).toEqual([
      'modbus.response_without_request',
      'modbus.length_mismatch',
    ]);
    expect(anomalies('read-holding-registers-quantity-126-request')).toEqual([
      'modbus.invalid_quantity',
    ]);
    expect(anomalies('write-single-coil-invalid-value-request')).toEqual([
      'modbus.invalid_coil_value',
    ]);
    expect(anomalies('write-multiple-registers-byte-count-mismatch-request')).toEqual([
      'modbus.length_mismatch',
    ]);
    expect(modbus('write-multiple-registers-byte-count-mismatch-request')).toMatchObject({
      quantity: 3,
      values: [1, 2],
    });
    expect(anomalies('exception-in-request')).toEqual(['modbus.exception_in_request']);
    expect(got.get('exception-in-request')?.events[0]).toMatchObject({
      kind: 'modbus.request',
      modbus: { function_code: 3, exception_code: 2, is_response: false },
    });
    expect(anomalies('response-function-mismatch')).toEqual(['modbus.response_function_mismatch']);
    expect(modbus('response-function-mismatch')).not.toHaveProperty('address');
    expect(anomalies('exception-unknown-code')).toEqual([
      'modbus.response_without_request',
      'modbus.invalid_exception_code',
    ]);
    expect(modbus('exception-unknown-code')).toMatchObject({
      exception_code: 12,
      exception: 'unknown',
    });
    // Real scanner frames: request data where the function has none, a byte count of 0, a
    // reserved MEI type whose exception names it.
    expect(anomalies('get-comm-event-counter-with-data-request')).toEqual([
      'modbus.length_mismatch',
    ]);
    expect(modbus('get-comm-event-counter-exception')).toMatchObject({
      function_code: 11,
      exception: 'illegal_data_value',
    });
    expect(anomalies('read-file-record-byte-count-zero-request')).toEqual([
      'modbus.length_mismatch',
    ]);
    expect(modbus('read-file-record-byte-count-zero-request')).toMatchObject({
      byte_count: 0,
      file_records: [],
    });
    expect(anomalies('encapsulated-reserved-mei-type-request')).toEqual([
      'modbus.unknown_sub_function',
    ]);
    expect(modbus('encapsulated-reserved-mei-type-request')).toMatchObject({
      mei_type: 0,
      mei_type_name: 'reserved',
      mei_data: '000000',
    });
    expect(modbus('encapsulated-reserved-mei-type-exception')).toMatchObject({
      mei_type: 0,
      mei_type_name: 'reserved',
      exception: 'illegal_function',
    });
    expect(anomalies('diagnostics-reserved-sub-function-request')).toEqual([
      'modbus.unknown_sub_function',
    ]);
    expect(modbus('diagnostics-reserved-sub-function-request')).toMatchObject({
      sub_function: 19,
      sub_function_name: 'reserved',
    });
    expect(anomalies('write-file-record-invalid-reference-request')).toEqual([
      'modbus.invalid_file_reference',
    ]);
  });

  it('on a confirmed flow, a foreign protocol id skips the ADU and a bad length resynchronises', () => {
    expect(got.get('invalid-protocol-id')).toEqual({
      events: [],
      anomalies: ['modbus.invalid_protocol_id'],
    });
    expect(got.get('invalid-length-then-valid-request')).toEqual({
      events: [
        expect.objectContaining({
          modbus: expect.objectContaining({ transaction_id: 54, function_code: 3 }),
        }),
      ],
      anomalies: ['modbus.invalid_length'],
    });
  });

  it('every fixture yields at most its declared anomalies and events are plain JSON', () => {
    for (const [, r] of got) {
      for (const e of r.events) expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    }
  });
});

describe('modbus probe', () => {
  const readReq = fixture('read-holding-registers-request');

  it('matches a whole request and a whole response', () => {
    expect(modbusDecoder.probe(readReq, C)).toBe('match');
    expect(modbusDecoder.probe(fixture('read-holding-registers-response'), S)).toBe('match');
  });

  it('needs 8 bytes, but refuses as soon as the protocol id or the length is wrong', () => {
    expect(modbusDecoder.probe(readReq.subarray(0, 3), C)).toBe('need_more');
    expect(modbusDecoder.probe(readReq.subarray(0, 7), C)).toBe('need_more');
    expect(modbusDecoder.probe(hex('0001' + '0100'), C)).toBe('no_match');
    expect(modbusDecoder.probe(hex('0001' + '0000' + '0001'), C)).toBe('no_match');
    expect(modbusDecoder.probe(hex('0001' + '0000' + '00ff'), C)).toBe('no_match');
  });

  it('refuses the exception bit in a request, accepts it in a response', () => {
    const exc = fixture('exception-illegal-data-value');
    expect(modbusDecoder.probe(exc, C)).toBe('no_match');
    expect(modbusDecoder.probe(exc, S)).toBe('match');
  });

  it('accepts a partial ADU of an assigned function, wants the whole ADU for an unassigned one', () => {
    expect(modbusDecoder.probe(readReq.subarray(0, 9), C)).toBe('match');
    const fc0 = fixture('unassigned-function-0-request');
    expect(modbusDecoder.probe(fc0.subarray(0, 9), C)).toBe('need_more');
    expect(modbusDecoder.probe(fc0, C)).toBe('match');
  });

  it('refuses a header whose length the function code cannot have', () => {
    // A Windows LDAP bindResponse: `30 84 00 00 00 cd 02 01 ...` reads as transaction 0x3084,
    // protocol 0, length 205, unit 2, function 1; but a Read Coils request is 6 bytes long and
    // its response 3 plus the byte count (0x26 here).
    const ldap = hex('3084' + '0000' + '00cd' + '02' + '01' + '26' + '6184000000c4' + '0a0100');
    expect(modbusDecoder.probe(ldap, C)).toBe('no_match');
    expect(modbusDecoder.probe(ldap, S)).toBe('no_match');
    // A few bytes over is a malformed Modbus PDU, still taken: an exception padded by one byte.
    expect(modbusDecoder.probe(hex('0001' + '0000' + '0004' + '01' + '83' + '02' + '00'), S)).toBe(
      'match',
    );
  });

  it('checks the header of a following ADU', () => {
    expect(modbusDecoder.probe(fixture('pipelined-read-requests'), C)).toBe('match');
    expect(modbusDecoder.probe(concatBytes(readReq, hex('0002' + '0800')), C)).toBe('no_match');
    expect(modbusDecoder.probe(concatBytes(readReq, hex('0002' + '0000' + '0000')), C)).toBe(
      'no_match',
    );
    expect(modbusDecoder.probe(concatBytes(readReq, hex('0002' + '00')), C)).toBe('match');
  });
});

describe('modbus framing', () => {
  const req = adu(1, 1, 3, '0000' + '0001');

  it('asks for the MBAP header, then for the whole ADU', () => {
    const s = session();
    expect(s.parse(C, req.subarray(0, 5))).toEqual({ kind: 'incomplete', consumed: 0, needed: 8 });
    expect(s.parse(C, req.subarray(0, 10))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 12,
    });
    expect(s.parse(C, concatBytes(req, req, req.subarray(0, 3)))).toEqual({
      kind: 'incomplete',
      consumed: 24,
      needed: 8,
    });
    expect(s.sink.events).toHaveLength(2);
  });

  it('rejects a flow that does not start like Modbus', () => {
    for (const [bytes, anomaly] of [
      [new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), 'modbus.invalid_protocol_id'],
      [adu(1, 1, 3, '', 0, 0), 'modbus.invalid_length'],
      [adu(1, 1, 3, '00'.repeat(298)), 'modbus.invalid_length'],
    ] as const) {
      const s = session();
      expect(s.parse(C, bytes)).toEqual({ kind: 'reject', anomaly });
      expect(s.sink.anomalies).toEqual([anomaly]);
    }
  });

  it('confirms once, on the first paired response', () => {
    const s = session();
    s.parse(C, req);
    expect(s.sink.confirms).toBe(0);
    s.parse(S, adu(1, 1, 3, '02' + '0007'));
    s.parse(C, req);
    s.parse(S, adu(1, 1, 3, '02' + '0007'));
    expect(s.sink.confirms).toBe(1);
    expect(s.state.confirmed).toBe(true);
  });

  it('confirms after four well-formed PDUs of one direction', () => {
    const s = session();
    for (let i = 0; i < 3; i++) s.parse(C, adu(i, 1, 3, '0000' + '0001'));
    expect(s.sink.confirms).toBe(0);
    s.parse(C, adu(3, 1, 3, '0000' + '0001'));
    expect(s.sink.confirms).toBe(1);
  });

  it('on a confirmed flow, an ADU longer than maxPduBytes makes the parser resynchronise', () => {
    const txids = (s: ReturnType<typeof session>) =>
      s.sink.events.map((e) => e.modbus.transaction_id);
    // Oversized length (300) beyond a 200-byte limit.
    const s = session({ ...DEFAULT_LIMITS, maxPduBytes: 200 });
    s.state.confirmed = true;
    expect(s.parse(C, concatBytes(adu(9, 1, 16, '00'.repeat(298)), req))).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual(['modbus.invalid_length']);
    expect(txids(s)).toEqual([1]);
    // A valid length (200) that a 100-byte limit cannot hold.
    const t = session({ ...DEFAULT_LIMITS, maxPduBytes: 100 });
    t.state.confirmed = true;
    expect(t.parse(C, concatBytes(adu(9, 1, 16, '00'.repeat(198)), req))).toEqual({ kind: 'ok' });
    expect(t.sink.anomalies).toEqual(['modbus.invalid_length']);
    expect(txids(t)).toEqual([1]);
  });

  it('after a gap, skips to the next plausible header without anomalies', () => {
    const s = session();
    s.parse(C, req);
    modbusDecoder.onGap?.(s.state, C, 100);
    // The stream resumes in the middle of an ADU: the tail of one, then a whole one.
    const st = s.parse(C, concatBytes(hex('0102ff00'), adu(2, 1, 6, '0004' + '0010')));
    expect(st).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events.map((e) => e.modbus.transaction_id)).toEqual([1, 2]);
    // The other direction was not affected.
    expect(s.state.resync).toEqual([false, false]);
  });

  it('while resynchronising, keeps the last 7 bytes that may start a header', () => {
    const s = session();
    s.state.confirmed = true;
    modbusDecoder.onGap?.(s.state, S, 1);
    expect(s.parse(S, hex('ff'.repeat(20)))).toEqual({
      kind: 'incomplete',
      consumed: 13,
      needed: 8,
    });
    expect(s.parse(S, hex('ffff'))).toEqual({ kind: 'incomplete', consumed: 0, needed: 8 });
  });
});

describe('modbus resynchronisation (fuzz-72.pcap: a scanner behind a lossy capture)', () => {
  const req = adu(1, 1, 3, '0000' + '0001');
  it('after a gap, a plausible header on the first byte is taken whatever its function code', () => {
    const s = session();
    s.parse(C, req);
    modbusDecoder.onGap?.(s.state, C, 36);
    // fuzz-72.pcap frame 6: unassigned code 33, the first bytes after 36 lost ones; 7 bytes
    // first, so that the judgement waits for a whole header.
    const frame6 = hex('000000000004012100000000');
    expect(s.parse(C, frame6.subarray(0, 7))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 8,
    });
    expect(s.parse(C, frame6)).toEqual({ kind: 'incomplete', consumed: 10, needed: 8 });
    expect(s.sink.events.map((e) => e.modbus.function_code)).toEqual([3, 33]);
    expect(s.sink.anomalies).toEqual(['modbus.unknown_function']);
  });

  it('a scan takes an unassigned code only when another plausible header follows its ADU', () => {
    const s = session();
    s.state.confirmed = true;
    modbusDecoder.onGap?.(s.state, C, 5);
    const junk = hex('0102ff00'); // the tail of an ADU
    const unassigned = adu(7, 1, 34, '00000000'); // fuzz-72.pcap frame 7
    const next = adu(8, 1, 35, '00000000');
    // The evidence (the next header) is not there yet: wait at the candidate.
    expect(s.parse(C, concatBytes(junk, unassigned))).toEqual({
      kind: 'incomplete',
      consumed: 4,
      needed: 18,
    });
    expect(s.sink.events).toEqual([]);
    expect(s.parse(C, concatBytes(unassigned, next))).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => e.modbus.function_code)).toEqual([34, 35]);
    // Without a plausible header after it, an unassigned candidate is skipped.
    modbusDecoder.onGap?.(s.state, C, 5);
    s.sink.take();
    s.parse(C, concatBytes(junk, adu(9, 1, 36, '0000'), hex('ff'.repeat(6)), req));
    expect(s.sink.events.map((e) => e.modbus.transaction_id)).toEqual([1]);
  });

  it('after a gap, an unconfirmed flow resynchronises on a bad header instead of rejecting', () => {
    const s = session();
    s.parse(C, req);
    modbusDecoder.onGap?.(s.state, C, 36);
    // fuzz-72.pcap frames 6 and 7: a 10-byte ADU in a 12-byte segment, then the next one.
    const st = s.parse(
      C,
      concatBytes(hex('000000000004012100000000'), adu(7, 1, 34, '00000000'), req),
    );
    expect(st).toEqual({ kind: 'ok' });
    // The 2 bytes left of frame 6 and the next transaction id make a protocol id of 7.
    expect(s.sink.anomalies).toEqual([
      'modbus.unknown_function',
      'modbus.invalid_protocol_id',
      'modbus.unknown_function',
    ]);
    expect(s.sink.events.map((e) => e.modbus.function_code)).toEqual([3, 33, 34, 3]);
    // Without a gap, the same bad header rejects an unconfirmed flow.
    const t = session();
    expect(t.parse(C, concatBytes(req, hex('0000000000000000')))).toEqual({
      kind: 'reject',
      anomaly: 'modbus.invalid_length',
    });
  });
});

describe('modbus request/response pairing', () => {
  const readReq = (tid: number, unit = 1, addr = 0) =>
    adu(tid, unit, 3, addr.toString(16).padStart(4, '0') + '0001');
  const readRsp = (tid: number, unit = 1) => adu(tid, unit, 3, '02' + '002a');
  const address = (e: ModbusEvent | undefined) => e?.modbus.address;

  it('pairs by unit id and transaction id, in any order, through table growth', () => {
    const s = session();
    for (let t = 0; t < 40; t++) s.parse(C, readReq(t, 1, 100 + t));
    s.sink.take();
    for (let t = 39; t >= 0; t--) s.parse(S, readRsp(t));
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual([]);
    expect(events.map(address)).toEqual(Array.from({ length: 40 }, (_, i) => 139 - i));
    expect(s.state.pending.count).toBe(0);
  });

  it('a response from another unit does not pair', () => {
    const s = session();
    s.parse(C, readReq(5, 1));
    s.parse(S, readRsp(5, 2));
    expect(s.sink.anomalies).toEqual(['modbus.response_without_request']);
  });

  it('a repeated transaction id replaces the outstanding request', () => {
    const s = session();
    s.parse(C, readReq(0, 1, 10));
    s.parse(C, readReq(0, 1, 20));
    s.parse(S, readRsp(0));
    expect(address(s.sink.events[2])).toBe(20);
    s.parse(S, readRsp(0));
    expect(s.sink.anomalies).toEqual(['modbus.response_without_request']);
  });

  it('flags too many unanswered requests once the table is full', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 4 });
    for (let t = 0; t < 4; t++) s.parse(C, readReq(t));
    expect(s.sink.anomalies).toEqual([]);
    s.parse(C, readReq(4));
    expect(s.sink.anomalies).toEqual(['modbus.too_many_transactions']);
    expect(s.state.pending.count).toBe(4);
    // The oldest (transaction 0) was forgotten.
    s.parse(S, readRsp(0));
    expect(s.sink.anomalies.at(-1)).toBe('modbus.response_without_request');
  });

  it('forgets requests older than an answered one silently (a gateway polling dead units)', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 4 });
    for (let t = 0; t < 4; t++) s.parse(C, readReq(t, t === 3 ? 1 : 7));
    s.parse(S, readRsp(3, 1));
    for (let t = 4; t < 8; t++) s.parse(C, readReq(t, 7));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.state.pending.count).toBe(4);
  });

  it('treats maxPendingTransactions below 1 as 1', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 0 });
    s.parse(C, readReq(1));
    s.parse(S, readRsp(1));
    expect(s.sink.anomalies).toEqual([]);
  });
});

describe('modbus limits and length checks', () => {
  it('caps listed values at maxObjectsPerMessage and says so', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 10 });
    s.parse(C, adu(1, 1, 1, '0000' + '07d0')); // read 2000 coils
    s.parse(S, adu(1, 1, 1, 'fa' + 'ff'.repeat(250)));
    const m = s.sink.events[1]?.modbus;
    expect(m?.values).toEqual(new Array(10).fill(true));
    expect(m?.values_truncated).toBe(true);
    expect(m?.quantity).toBe(2000);
    expect(s.sink.anomalies).toEqual(['modbus.values_limit_reached']);
  });

  it('caps device identification objects and their strings', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 1, maxStringBytes: 4 });
    s.parse(C, fixture('read-device-identification-request'));
    s.parse(S, fixture('read-device-identification-response'));
    const m = s.sink.events[1]?.modbus;
    expect(m?.objects).toEqual([{ id: 0, name: 'vendor_name', value: 'Comp' }]);
    expect(m?.values_truncated).toBe(true);
    expect(s.sink.anomalies).toEqual(['modbus.values_limit_reached']);
  });

  it('flags a device identification response cut inside an object', () => {
    const s = session();
    s.parse(S, adu(3, 1, 43, '0e' + '01' + '01' + '00' + '00' + '02' + '00' + '05' + '4142'));
    expect(s.sink.anomalies).toEqual(['modbus.response_without_request', 'modbus.length_mismatch']);
    expect(s.sink.events[0]?.modbus.objects).toEqual([]);
  });

  it('takes answers to requests sent before the capture began as such on a connection caught mid-way', () => {
    // Frames 1-3 of modbus/modbus_test_2.pcap: two requests, then the answer to an older one.
    const t = session();
    t.sink.handshake = false;
    t.parse(C, adu(2743, 2, 4, '0000' + '0001'));
    t.parse(C, adu(2744, 1, 4, '0000' + '0001'));
    t.parse(S, adu(2741, 1, 4, '02' + '0001'));
    expect(t.sink.anomalies).toEqual([]);
    // A later transaction id answers nothing the capture could have missed.
    t.parse(S, adu(2750, 1, 4, '02' + '0001'));
    expect(t.sink.anomalies).toEqual(['modbus.response_without_request']);
    // Before any request, a few responses are taken; a flow of nothing but responses is not.
    const u = session();
    u.sink.handshake = false;
    for (let i = 1; i <= MIDSTREAM_RESPONSES + 2; i++) u.parse(S, adu(i, 1, 3, '02' + '0001'));
    expect(u.sink.anomalies).toEqual([
      'modbus.response_without_request',
      'modbus.response_without_request',
    ]);
    // With the handshake captured, the same older answer is unsolicited.
    const v = session();
    v.parse(C, adu(2743, 2, 4, '0000' + '0001'));
    v.parse(S, adu(2741, 1, 4, '02' + '0001'));
    expect(v.sink.anomalies).toEqual(['modbus.response_without_request']);
  });

  it('checks read response byte counts against the data and the request', () => {
    const s = session();
    s.parse(C, adu(1, 1, 3, '0000' + '0002'));
    s.parse(S, adu(1, 1, 3, '02' + '0001')); // 1 register for 2 requested
    s.parse(C, adu(2, 1, 1, '0000' + '0010'));
    s.parse(S, adu(2, 1, 1, '01' + 'ff')); // 1 byte for 16 coils
    s.parse(C, adu(3, 1, 4, '0000' + '0001'));
    s.parse(S, adu(3, 1, 4, '03' + '000100')); // odd byte count
    s.parse(S, adu(4, 1, 4, '05' + '0001')); // byte count beyond the data
    expect(s.sink.anomalies).toEqual([
      'modbus.length_mismatch',
      'modbus.length_mismatch',
      'modbus.length_mismatch',
      'modbus.response_without_request',
      'modbus.length_mismatch',
    ]);
    expect(s.sink.events.at(-1)?.modbus.values).toEqual([1]);
  });

  it('flags PDUs too short for their function without reading past them', () => {
    const s = session();
    const requests = [1, 3, 5, 6, 8, 15, 16, 20, 21, 22, 23, 24, 43];
    for (const fc of requests) s.parse(C, adu(fc, 1, fc));
    expect(s.sink.anomalies).toEqual(new Array(requests.length).fill('modbus.length_mismatch'));
    const responses = [1, 3, 5, 7, 8, 11, 12, 15, 17, 20, 21, 22, 24, 43];
    for (const fc of responses) s.parse(S, adu(fc, 1, fc));
    s.parse(S, adu(99, 1, 0x86)); // an exception without its code
    // Responses to 7, 11, 12 and 17 were never asked for: response_without_request too.
    expect(s.sink.anomalies.slice(requests.length)).toEqual(
      responses
        .flatMap((fc) =>
          requests.includes(fc)
            ? ['modbus.length_mismatch']
            : ['modbus.response_without_request', 'modbus.length_mismatch'],
        )
        .concat(['modbus.response_without_request', 'modbus.invalid_exception_code']),
    );
    for (const e of s.sink.events) expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('short mask write and read/write requests give the fields they hold, as Wireshark does', () => {
    // modbus_test_data_part2.pcap frames 62 and 64: a scanner sends 4 zero data bytes.
    const s = session();
    s.parse(C, adu(0x62, 1, 22, '00000000'));
    s.parse(C, adu(0x64, 1, 23, '00000000'));
    expect(s.sink.events.map((e) => e.modbus)).toMatchObject([
      { address: 0, and_mask: 0 },
      { address: 0, quantity: 0 },
    ]);
    expect(s.sink.events[0]?.modbus).not.toHaveProperty('or_mask');
    expect(s.sink.events[1]?.modbus).not.toHaveProperty('write_address');
    expect(s.sink.anomalies).toEqual(['modbus.length_mismatch', 'modbus.length_mismatch']);
  });

  it('checks the serial-line functions: request data, byte counts, event log size', () => {
    const s = session();
    s.parse(C, adu(1, 1, 7, '00')); // Read Exception Status has no request data
    s.parse(S, adu(1, 1, 7, '0102')); // one byte of output data, not two
    s.parse(S, adu(2, 1, 11, '000000')); // 3 of 4 bytes
    s.parse(S, adu(3, 1, 12, '09' + '0000' + '0001' + '0002' + '01')); // byte count beyond data
    s.parse(S, adu(4, 1, 12, '47' + '0000' + '0001' + '0002' + '00'.repeat(65))); // 65 events
    s.parse(S, adu(5, 1, 8, '0000' + 'a5')); // return query data of an odd length
    s.parse(S, adu(6, 1, 8, '0002' + '00000000')); // one word expected
    expect(s.sink.anomalies.filter((a) => a !== 'modbus.response_without_request')).toEqual(
      new Array(7).fill('modbus.length_mismatch'),
    );
    expect(s.sink.events[1]?.modbus.output_data).toBe(1);
    expect(s.sink.events[3]?.modbus).toMatchObject({ status: 0, event_count: 1, events: [1] });
    expect(s.sink.events[4]?.modbus.events).toHaveLength(65);
    expect(s.sink.events[6]?.modbus.data).toEqual([0, 0]);
    // A reserved sub-function is flagged in a request only, never length-checked.
    s.parse(S, adu(7, 1, 8, '0015' + '00'));
    expect(s.sink.anomalies.at(-1)).toBe('modbus.response_without_request');
  });

  it('report server id: the run indicator is the first 0x00/0xFF after the server id', () => {
    const s = session();
    s.parse(S, adu(1, 1, 17, '05' + '0a0b' + '00' + '0102')); // 2-byte id, OFF, binary data
    s.parse(S, adu(2, 1, 17, '02' + '0102')); // no run indicator at all
    s.parse(S, adu(3, 1, 17, '00')); // nothing
    s.parse(S, adu(4, 1, 17, '03' + '01ff')); // byte count beyond the data
    expect(s.sink.events.map((e) => e.modbus)).toMatchObject([
      { server_id: '0a0b', run_indicator: 'off', additional_data: '0102' },
      { server_id: '0102' },
      { byte_count: 0 },
      { server_id: '01', run_indicator: 'on' },
    ]);
    expect(s.sink.events[0]?.modbus).not.toHaveProperty('additional_text');
    expect(s.sink.events[1]?.modbus).not.toHaveProperty('run_indicator');
    expect(s.sink.events[3]?.modbus).not.toHaveProperty('additional_data');
    expect(s.sink.anomalies.filter((a) => a !== 'modbus.response_without_request')).toEqual([
      'modbus.length_mismatch',
    ]);
  });

  it('caps server id, additional data and MEI data at maxStringBytes hex digits', () => {
    const s = session({ ...DEFAULT_LIMITS, maxStringBytes: 6 });
    s.parse(S, adu(1, 1, 17, '0a' + '01' + 'ff' + '4142434445464748'));
    s.parse(C, adu(2, 1, 43, '0d' + '0102030405'));
    expect(s.sink.events[0]?.modbus).toMatchObject({
      server_id: '01',
      additional_data: '414243',
      additional_text: 'ABCDEF',
    });
    expect(s.sink.events[1]?.modbus.mei_data).toBe('010203');
  });

  it('read file record: checks the response against the request and caps the values', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 3 });
    s.parse(C, fixture('read-file-record-request'));
    s.parse(S, fixture('read-file-record-response'));
    expect(s.sink.events[1]?.modbus.file_records).toEqual([
      {
        reference_type: 6,
        file_number: 4,
        record_number: 1,
        record_length: 2,
        values: [0x0dfe, 0x20],
      },
      { reference_type: 6, file_number: 3, record_number: 9, record_length: 2, values: [0x33cd] },
    ]);
    expect(s.sink.events[1]?.modbus.values_truncated).toBe(true);
    expect(s.sink.anomalies).toEqual(['modbus.values_limit_reached']);
    s.sink.take();
    // Without a request the records have no file or record number.
    s.parse(S, adu(9, 1, 20, '04' + '03' + '06' + '0001'));
    expect(s.sink.events[0]?.modbus.file_records).toEqual([
      { reference_type: 6, record_length: 1, values: [1] },
    ]);
    // One register where the request asked for two; an even file response length.
    s.parse(C, adu(10, 1, 20, '07' + '06' + '0001' + '0000' + '0002'));
    s.parse(S, adu(10, 1, 20, '04' + '03' + '06' + '0001'));
    s.parse(C, adu(11, 1, 20, '07' + '06' + '0001' + '0000' + '0001'));
    s.parse(S, adu(11, 1, 20, '05' + '04' + '06' + '000100'));
    expect(s.sink.anomalies).toEqual([
      'modbus.response_without_request',
      'modbus.length_mismatch',
      'modbus.length_mismatch',
    ]);
  });

  it('read file record request: byte count range, reference checks, sub-request cap', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 1 });
    const sub = '06' + '0001' + '0002' + '0003';
    s.parse(C, adu(1, 1, 20, '0e' + sub + '06' + '0000' + '0000' + '0001'));
    expect(s.sink.events[0]?.modbus).toMatchObject({
      file_records: [{ reference_type: 6, file_number: 1, record_number: 2, record_length: 3 }],
      values_truncated: true,
    });
    expect(s.sink.anomalies).toEqual([
      'modbus.values_limit_reached',
      'modbus.invalid_file_reference', // file number 0 in the record that was not listed
    ]);
    s.parse(C, adu(2, 1, 20, '08' + sub + '00')); // not a multiple of 7
    expect(s.sink.anomalies.at(-1)).toBe('modbus.length_mismatch');
  });

  it('write file record: a record cut short and bytes left over are length mismatches', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    s.parse(C, adu(1, 1, 21, '0b' + '06' + '0001' + '0000' + '0003' + '00010002')); // 2 of 3
    s.parse(C, adu(2, 1, 21, '0a' + '06' + '0001' + '0000' + '0001' + '0001' + '00')); // 1 left
    s.parse(C, adu(3, 1, 21, '12' + ('06' + '0001' + '0000' + '0001' + '0005').repeat(2)));
    s.parse(C, adu(4, 1, 21, '1b' + ('06' + '0001' + '0000' + '0001' + '0005').repeat(3)));
    expect(s.sink.anomalies).toEqual([
      'modbus.length_mismatch',
      'modbus.length_mismatch',
      'modbus.values_limit_reached',
    ]);
    expect(s.sink.events[0]?.modbus.file_records?.[0]?.values).toEqual([1, 2]);
    expect(s.sink.events[2]?.modbus.file_records).toHaveLength(2);
    expect(s.sink.events[3]?.modbus.file_records).toHaveLength(2);
  });

  it('read fifo queue: FIFO count over 31 and byte counts that disagree', () => {
    const s = session();
    s.parse(S, adu(1, 1, 24, '0042' + '0020' + '0001'.repeat(32))); // 32 queued registers
    s.parse(S, adu(2, 1, 24, '0008' + '0002' + '00010002')); // byte count 8 for 2 registers
    s.parse(S, adu(3, 1, 24, '0006' + '0002' + '0001')); // data shorter than the byte count
    expect(s.sink.anomalies.filter((a) => a !== 'modbus.response_without_request')).toEqual([
      'modbus.invalid_quantity',
      'modbus.length_mismatch',
      'modbus.length_mismatch',
    ]);
    expect(s.sink.events[0]?.modbus.values).toHaveLength(32);
    expect(s.sink.events[2]?.modbus.values).toEqual([1]);
  });

  it('checks quantities of writes and read/write against the specification ranges', () => {
    const s = session();
    s.parse(C, adu(1, 1, 15, '0000' + '07b1' + 'f7' + '00'.repeat(247))); // 1969 coils
    s.parse(C, adu(2, 1, 23, '0000' + '007e' + '0000' + '007a' + '00')); // read 126, write 122
    expect(s.sink.anomalies).toEqual([
      'modbus.invalid_quantity',
      'modbus.values_limit_reached', // 1969 coils listed, 1000 by default
      'modbus.invalid_quantity',
      'modbus.invalid_quantity',
      'modbus.length_mismatch', // no byte for the 122 registers to write
    ]);
  });
});

describe('modbus anomaly catalogue', () => {
  it('every declared anomaly is raised by some input of this file', () => {
    const seen = new Set<string>();
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state: ModbusState = modbusDecoder.createState({
      ...DEFAULT_LIMITS,
      maxPendingTransactions: 2,
      maxObjectsPerMessage: 2,
    });
    const sink = new Sink();
    for (const f of fixtures) feeder.push(modbusDecoder, state, f.bytes, f.dir, sink);
    for (let t = 100; t < 103; t++)
      feeder.push(modbusDecoder, state, adu(t, 1, 3, '0000' + '0001'), C, sink);
    feeder.push(modbusDecoder, state, adu(200, 1, 3, '0000' + '0003'), C, sink);
    feeder.push(modbusDecoder, state, adu(200, 1, 3, '06' + '000100020003'), S, sink);
    for (const a of sink.anomalies) seen.add(a);
    expect([...seen].sort()).toEqual(Object.keys(MODBUS_ANOMALIES).sort());
  });
});
