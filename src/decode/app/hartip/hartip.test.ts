/** HART-IP decoder: header, sessions, token-passing PDU, identity and read data, anomalies. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { HartipEvent } from './events.js';
import { fixtures, messages } from './fixtures.js';
import { hartipDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: HartipEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as HartipEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session() {
  const state = hartipDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      hartipDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = messages[name];
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** A token-passing PDU message: header + frame from the delimiter, check byte computed. */
function tpMessage(type: number, seq: number, frame: string): Uint8Array {
  const f = hex(frame);
  const out = new Uint8Array(8 + f.length + 1);
  out.set([1, type, 3, 0, seq >> 8, seq & 0xff, out.length >> 8, out.length & 0xff]);
  out.set(f, 8);
  let x = 0;
  for (const b of f) x ^= b;
  out[out.length - 1] = x;
  return out;
}

describe('HART-IP header and sessions', () => {
  it('decodes a session initiate as tshark shows it (hart_ip.pcap frames 76, 78)', () => {
    const s = session();
    s.parse(C, fixture('session-initiate-request'));
    s.parse(S, fixture('session-initiate-response'));
    expect(s.sink.events).toEqual([
      {
        kind: 'hartip.request',
        hartip: {
          version: 1,
          message_type: 0,
          message_type_name: 'request',
          message_id: 0,
          message_id_name: 'session_initiate',
          status: 0,
          sequence: 2,
          byte_count: 13,
          host_type: 'primary',
          inactivity_close_timer: 30000,
        },
      },
      {
        kind: 'hartip.response',
        hartip: expect.objectContaining({ inactivity_close_timer: 60000, sequence: 2 }),
      },
    ]);
    // HART-IP 1.x has no session security.
    expect(s.sink.anomalies).toEqual(['hartip.unauthenticated_session']);
    expect(s.sink.confirms).toBe(1);
  });

  it('names keep alive and session close, and reads several messages from one buffer', () => {
    const s = session();
    const two = new Uint8Array([
      ...fixture('keep-alive-request'),
      ...fixture('session-close-request'),
    ]);
    expect(s.parse(C, two)).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => e.hartip.message_id_name)).toEqual([
      'keep_alive',
      'session_close',
    ]);
    expect(s.parse(C, two.subarray(0, 5))).toEqual({ kind: 'incomplete', consumed: 0, needed: 8 });
  });

  it('decodes error and NAK messages with their error code', () => {
    const s = session();
    s.parse(S, hex('01' + '03' + '00' + '00' + '0002' + '0009' + '01'));
    expect(s.sink.events[0]).toMatchObject({
      kind: 'hartip.error',
      hartip: {
        message_type_name: 'error',
        error_code: 1,
        error_name: 'primary_session_unavailable',
      },
    });
    expect(s.sink.anomalies).toEqual(['hartip.error_response']);
  });

  it('probes version, type, id and a consistent PDU', () => {
    const p = (b: Uint8Array) => hartipDecoder.probe(b, C);
    expect(p(fixture('session-initiate-request'))).toBe('match');
    expect(p(fixture('command-0-response'))).toBe('match');
    expect(p(fixture('command-0-response').subarray(0, 20))).toBe('need_more');
    expect(p(hex('03000000'))).toBe('no_match'); // version 3
    expect(p(hex('01050000'))).toBe('no_match'); // message type 5
    expect(p(hex('01000900'))).toBe('no_match'); // message id 9
    expect(p(hex('0100020000010009'))).toBe('no_match'); // keep alive with a body
    const bad = fixture('command-1-request').slice();
    bad[16] = 0x38; // check byte
    expect(p(bad)).toBe('no_match');
    expect(p(hex('474554202f20485454'))).toBe('no_match');
  });

  it('rejects a flow that is not HART-IP and an impossible byte count', () => {
    expect(session().parse(C, hex('474554'))).toEqual({
      kind: 'reject',
      anomaly: 'hartip.invalid_header',
    });
    expect(session().parse(C, hex('0100020000010004'))).toEqual({
      kind: 'reject',
      anomaly: 'hartip.invalid_length',
    });
  });
});

describe('HART-IP conversation', () => {
  it('decodes the fixtures as one session, the paired requests as two messages each', () => {
    const s = session();
    for (const f of fixtures) expect(s.parse(f.dir, f.bytes)).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => e.hartip.pdu?.command ?? e.hartip.message_id_name)).toEqual([
      'session_initiate',
      'session_initiate',
      0,
      1,
      0,
      1,
      'keep_alive',
      'session_close',
    ]);
    expect(s.sink.anomalies).toEqual(['hartip.unauthenticated_session']);
  });
});

describe('HART token-passing PDU', () => {
  it('decodes command 0 and its identity reply (hart_ip.pcap frames 80, 81)', () => {
    const s = session();
    s.parse(C, fixture('command-0-request'));
    s.parse(S, fixture('command-0-response'));
    expect(s.sink.events[0]!.hartip.pdu).toEqual({
      preambles: 0,
      delimiter: 0x02,
      frame_type: 'stx',
      address_type: 'polling',
      expansion_bytes: 0,
      primary_master: false,
      burst_mode: false,
      polling_address: 0,
      command: 0,
      command_name: 'read_unique_identifier',
      byte_count: 0,
      checksum_ok: true,
      data_length: 0,
    });
    const reply = s.sink.events[1]!.hartip.pdu!;
    expect(reply).toMatchObject({
      frame_type: 'ack',
      command: 0,
      byte_count: 24,
      response_code: 0,
      device_status: 0xd0,
      checksum_ok: true,
      data_length: 22,
    });
    expect(reply.identity).toEqual({
      expanded_device_type: 0x264e,
      request_preambles: 5,
      hart_revision: 7,
      device_revision: 4,
      software_revision: 1,
      hardware_revision: 1,
      physical_signaling: 6,
      flags: 0x0c,
      device_id: 210,
      response_preambles: 5,
      max_device_variables: 2,
      config_change_counter: 2,
      extended_device_status: 0xd0,
      manufacturer_id: 0x26,
      private_label: 0x26,
      device_profile: 0x84,
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes a unique address and the PV of command 1 (frames 83, 84)', () => {
    const s = session();
    s.parse(C, fixture('command-1-request'));
    s.parse(S, fixture('command-1-response'));
    expect(s.sink.events[0]!.hartip.pdu).toMatchObject({
      address_type: 'unique',
      device_type: 0x264e,
      device_id: 210,
      command_name: 'read_primary_variable',
    });
    expect(s.sink.events[1]!.hartip.pdu).toMatchObject({ pv_units: 251, pv: 0 });
  });

  it('reads a long tag reply (hart_ip.pcap frame 102) and packed-ASCII tags', () => {
    const s = session();
    s.parse(
      S,
      hex(
        '01010300000a0033' +
          '86264e0000d2' + // delimiter, unique address
          '14' + // command 20: read long tag
          '22' + // byte count 34
          '00d0' + // response code, device status
          '7769686172746777' + // 'wihartgw'
          '00'.repeat(24) +
          'db',
      ),
    );
    expect(s.sink.events[0]!.hartip.pdu).toMatchObject({
      command_name: 'read_long_tag',
      long_tag: 'wihartgw',
      checksum_ok: true,
    });
    // Command 13 reply: tag 'TT-101', descriptor 'BOILER FEED', date 1 Feb 2024.
    const packed = (t: string): string => {
      const c = [...t].map((ch) => ch.charCodeAt(0) & 0x3f);
      let h = '';
      for (let i = 0; i < c.length; i += 4) {
        const v = (c[i]! << 18) | (c[i + 1]! << 12) | (c[i + 2]! << 6) | c[i + 3]!;
        h += v.toString(16).padStart(6, '0');
      }
      return h;
    };
    s.parse(
      S,
      tpMessage(
        1,
        11,
        '0600' + '0d' + '17' + '0000' + packed('TT-101  ') + packed('BOILER FEED     ') + '01027c',
      ),
    );
    expect(s.sink.events[1]!.hartip.pdu).toMatchObject({
      tag: 'TT-101',
      descriptor: 'BOILER FEED',
      date: '2024-02-01',
    });
  });

  it('flags writes, fixed output and device reset requests', () => {
    const s = session();
    s.parse(C, tpMessage(0, 1, '8280000000d2' + '06' + '01' + '05')); // write polling address 5
    s.parse(C, tpMessage(0, 2, '8280000000d2' + '28' + '04' + '41a00000')); // fixed current 20 mA
    s.parse(C, tpMessage(0, 3, '8280000000d2' + '2a' + '00')); // device reset
    s.parse(C, tpMessage(0, 4, '8280000000d2' + '03' + '00')); // read: no anomaly
    expect(s.sink.events[0]!.hartip.pdu).toMatchObject({
      command_name: 'write_polling_address',
      new_polling_address: 5,
      primary_master: true,
    });
    expect(s.sink.anomalies).toEqual([
      'hartip.write_command',
      'hartip.fixed_output',
      'hartip.device_reset',
    ]);
  });

  it('reads an extended command number from the data of command 31', () => {
    const s = session();
    s.parse(C, tpMessage(0, 1, '0280' + '1f' + '02' + '021b')); // 31 -> 539
    expect(s.sink.events[0]!.hartip.pdu).toMatchObject({
      command: 31,
      extended_command: 539,
      command_name: 'write_hart_ip_udp_port',
    });
    expect(s.sink.anomalies).toEqual(['hartip.write_command']);
  });

  it('flags a bad check byte, an error response code and a short PDU', () => {
    const s = session();
    const bad = fixture('command-1-response').slice();
    bad[23] = 0x12;
    s.parse(S, bad);
    s.parse(S, tpMessage(1, 5, '0600' + '01' + '02' + '4000')); // response code 64
    s.parse(S, hex('0101030000060009' + '86'));
    expect(s.sink.anomalies).toEqual([
      'hartip.checksum_error',
      'hartip.command_error',
      'hartip.truncated_pdu',
    ]);
    expect(s.sink.events[0]!.hartip.pdu!.checksum_ok).toBe(false);
    expect(s.sink.events[2]!.hartip.pdu).toBeUndefined();
  });
});
