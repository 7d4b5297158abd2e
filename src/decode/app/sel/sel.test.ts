/** SEL Fast Message decoder: polls, framing, checksums, CRC, operate commands, probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { SelEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { selDecoder } from './index.js';
import { selCrc16 } from './sel.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: SelEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as SelEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {}
}

function session() {
  const state = selDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => selDecoder.parse(state, b, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('SEL Fast Meter', () => {
  it('reads 2-byte polls from the master and the relay definition reply', () => {
    const s = session();
    expect(s.parse(C, fixture('configuration-polls'))).toEqual({ kind: 'ok' });
    expect(s.parse(S, fixture('relay-definition'))).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => [e.sel.message_type_name, e.sel.poll])).toEqual([
      ['relay_definition', true],
      ['fast_meter_configuration', true],
      ['fast_operate_configuration', true],
      ['fast_meter_data', true],
      ['relay_definition', false],
    ]);
    expect(s.sink.events[4]?.sel).toEqual({
      message_type: 0xa5c0,
      message_type_name: 'relay_definition',
      family: 'fast_meter',
      poll: false,
      length: 13,
      checksum: 0x53,
      checksum_ok: true,
      fast_meter_messages: 1,
      status_flags: 0,
      protocols: ['fast_meter_fast_operate_fast_ser'],
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags a wrong checksum', () => {
    const s = session();
    s.parse(S, fixture('relay-definition-bad-checksum'));
    expect(s.sink.events[0]?.sel.checksum_ok).toBe(false);
    expect(s.sink.anomalies).toEqual(['sel.checksum_error']);
  });

  it('skips ASCII text between binary messages once the flow is SEL', () => {
    const s = session();
    s.parse(S, fixture('relay-definition'));
    expect(s.parse(S, new TextEncoder().encode('\r\n=>ID\r\n'))).toEqual({ kind: 'ok' });
    s.parse(S, fixture('relay-definition'));
    expect(s.sink.events).toHaveLength(2);
  });
});

describe('SEL Fast Operate', () => {
  it('names and flags remote bit and breaker operations', () => {
    const s = session();
    s.parse(C, fixture('remote-bit-set'));
    s.parse(C, fixture('breaker-open'));
    expect(s.sink.events.map((e) => [e.sel.family, e.sel.operate_code, e.sel.operation])).toEqual([
      ['fast_operate', 0x22, 'RB03 set'],
      ['fast_operate', 0x31, 'breaker 1 open'],
    ]);
    expect(s.sink.anomalies).toEqual(['sel.remote_bit_operation', 'sel.breaker_operation']);
    expect(s.sink.details).toEqual(['RB03 set', 'breaker 1 open']);
  });
});

describe('SEL Fast Message', () => {
  it('decodes the header, checks the CRC and flags writes', () => {
    const s = session();
    s.parse(C, fixture('fast-message-read-request'));
    s.parse(C, fixture('fast-message-unsolicited-write'));
    expect(s.sink.events[0]?.sel).toMatchObject({
      family: 'fast_message',
      function_code: 0x10,
      function_name: 'read_request',
      first: true,
      final: true,
      sequence: 0,
      crc_ok: true,
      base_address: 0x1000,
    });
    expect(s.sink.events[1]?.sel).toMatchObject({
      function_name: 'unsolicited_write',
      response_number: 1,
      write_address: 0x10,
      register_count: 1,
    });
    expect(s.sink.anomalies).toEqual(['sel.write']);
  });

  it('computes the CRC-16 Wireshark checks (0x8005 reflected, seed 0xFFFF)', () => {
    const m = fixture('fast-message-read-request');
    expect(selCrc16(m, 0, m.length - 2)).toBe(0xe75a);
    const bad = m.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    const s = session();
    s.parse(C, bad);
    expect(s.sink.anomalies).toEqual(['sel.crc_error']);
  });
});

describe('framing and verdicts', () => {
  it('waits for a whole message', () => {
    const m = fixture('relay-definition');
    expect(session().parse(S, m.subarray(0, 2))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 3,
    });
    expect(session().parse(S, m.subarray(0, 5))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 13,
    });
  });

  it('rejects a flow that is not SEL and names short lengths', () => {
    expect(session().parse(S, new TextEncoder().encode('login: '))).toEqual({
      kind: 'reject',
      anomaly: 'sel.invalid_header',
    });
    expect(session().parse(S, hex('a5c102'))).toEqual({
      kind: 'reject',
      anomaly: 'sel.invalid_length',
    });
    const s = session();
    s.parse(S, fixture('relay-definition'));
    s.parse(S, hex('a5c102'));
    s.parse(S, hex('a5ff'));
    expect(s.sink.anomalies).toEqual(['sel.invalid_length', 'sel.unknown_message_type']);
  });
});

describe('probe', () => {
  it('matches SEL binary messages and refuses the rest', () => {
    expect(selDecoder.probe(hex('a5c0'), C)).toBe('match');
    expect(selDecoder.probe(fixture('relay-definition'), S)).toBe('match');
    expect(selDecoder.probe(hex('a5'), C)).toBe('need_more');
    expect(selDecoder.probe(hex('a5e0'), C)).toBe('need_more');
    expect(selDecoder.probe(hex('a5ff01'), C)).toBe('no_match');
    expect(selDecoder.probe(hex('a5c002'), C)).toBe('no_match');
    expect(selDecoder.probe(hex('fffb01'), C)).toBe('no_match');
  });
});
