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

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: ModbusEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as ModbusEvent);
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
    });
    expect(got.get('diagnostics-exception-gateway-target')?.events[0]).toEqual({
      kind: 'modbus.exception',
      modbus: {
        transaction_id: 0,
        unit_id: 10,
        function_code: 8,
        function: 'diagnostics',
        is_response: true,
        length: 3,
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
      read_device_id_code: 1,
      conformity_level: 1,
      more_follows: false,
      next_object_id: 0,
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
    expect(modbus('read-write-multiple-registers-response')).toMatchObject({
      address: 3,
      quantity: 6,
      byte_count: 12,
      values: [254, 2765, 1, 3, 13, 255],
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
    for (const fc of [1, 3, 5, 6, 8, 15, 16, 22, 23, 24, 43]) s.parse(C, adu(fc, 1, fc));
    expect(s.sink.anomalies).toEqual(new Array(11).fill('modbus.length_mismatch'));
    for (const fc of [1, 3, 5, 15, 22, 43]) s.parse(S, adu(fc, 1, fc));
    s.parse(S, adu(8, 1, 0x88));
    expect(s.sink.anomalies.slice(11)).toEqual([
      ...new Array(6).fill('modbus.length_mismatch'),
      'modbus.invalid_exception_code',
    ]);
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
