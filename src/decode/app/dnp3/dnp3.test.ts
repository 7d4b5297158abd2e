/** DNP3 decoder: CRCs, link framing, transport reassembly and application objects, on annotated hex. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { StreamFeeder } from '../../stream-feeder.js';
import { dnp3Crc } from './crc.js';
import { frameBytes } from './dnp3.js';
import type { Dnp3State } from './dnp3.js';
import type { Dnp3AppFields, Dnp3LinkFields, Dnp3Point } from './events.js';
import { fixtures } from './fixtures.js';
import { DNP3_ANOMALIES, dnp3Decoder } from './index.js';
import { libraryEntries, objectType } from './objects.js';
import { isoTime } from './application.js';
import { MAX_REASSEMBLIES } from './transport.js';

const M = Direction.TO_SERVER; // master to outstation
const O = Direction.TO_CLIENT; // outstation to master

interface Ev {
  kind: string;
  dnp3: Dnp3AppFields & Dnp3LinkFields;
}

class Sink implements DecodeSink {
  events: Ev[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as Ev);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state: Dnp3State = dnp3Decoder.createState(limits);
  const sink = new Sink();
  return {
    state,
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return dnp3Decoder.parse(state, bytes, dir, sink);
    },
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** Decodes one fixture on a fresh state. */
function decode(name: string, dir: Direction): Sink {
  const s = session();
  s.parse(dir, fixture(name));
  return s.sink;
}

/**
 * A link frame: control, destination, source and user data (hex), with the header CRC and one
 * CRC after every 16 user data octets ([1815] 9.2.4.2). The CRC itself is checked against the
 * real frames of fixtures.ts below.
 */
function linkFrame(ctl: number, dst: number, src: number, user = ''): Uint8Array {
  const data = hex(user);
  const head = new Uint8Array([
    0x05,
    0x64,
    5 + data.length,
    ctl,
    dst & 0xff,
    dst >> 8,
    src & 0xff,
    src >> 8,
  ]);
  const parts: Uint8Array[] = [head, le16(dnp3Crc(head, 0, 8))];
  for (let i = 0; i < data.length; i += 16) {
    const block = data.subarray(i, Math.min(i + 16, data.length));
    parts.push(block, le16(dnp3Crc(block, 0, block.length)));
  }
  return concatBytes(...parts);
}

function le16(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, v >> 8]);
}

/**
 * A one-segment fragment from the master (DIR, PRM, unconfirmed user data) to outstation 10:
 * transport header (FIR, FIN, sequence 0), application control (FIR, FIN, `seq`), then `app`
 * (function code and objects, hex).
 */
const request = (app: string, seq = 0): Uint8Array =>
  linkFrame(0xc4, 10, 1, 'c0' + (0xc0 | seq).toString(16) + app);
/** The same from outstation 10 to master 1 (PRM, unconfirmed user data). */
const response = (app: string, seq = 0): Uint8Array =>
  linkFrame(0x44, 1, 10, 'c0' + (0xc0 | seq).toString(16) + app);

const points = (e: Ev | undefined, i = 0): Dnp3Point[] => e?.dnp3.objects[i]?.points ?? [];

describe('dnp3 CRC and framing', () => {
  it('computes the header CRC of a real frame (DNP3-ReadRequest.pcap frame 6: bd 71)', () => {
    expect(dnp3Crc(hex('056405c903000400'), 0, 8)).toBe(0x71bd);
  });

  it('builds the real frames of the fixtures, header and block CRCs included', () => {
    expect(linkFrame(0xc4, 10, 1, 'c0c00d')).toEqual(fixture('cold-restart-request'));
    expect(linkFrame(0x8b, 1, 100)).toEqual(fixture('link-status'));
    expect(linkFrame(0xc4, 10, 1, 'c0c0050c0128010000000301640000006400000000')).toEqual(
      fixture('direct-operate-crob-request'),
    );
  });

  it('sizes frames: header, user data and one CRC per 16-octet block', () => {
    expect(frameBytes(5)).toBe(10);
    expect(frameBytes(6)).toBe(13);
    expect(frameBytes(21)).toBe(28);
    expect(frameBytes(22)).toBe(31);
    expect(frameBytes(255)).toBe(292);
  });

  it('probes: start octets, LENGTH and header CRC', () => {
    const f = fixture('cold-restart-request');
    expect(dnp3Decoder.probe(f, M)).toBe('match');
    expect(dnp3Decoder.probe(f, O)).toBe('match');
    expect(dnp3Decoder.probe(f.subarray(0, 1), M)).toBe('need_more');
    expect(dnp3Decoder.probe(f.subarray(0, 9), M)).toBe('need_more');
    expect(dnp3Decoder.probe(hex('0565'), M)).toBe('no_match');
    expect(dnp3Decoder.probe(hex('056404'), M)).toBe('no_match');
    const bad = f.slice();
    bad[8] = (bad[8] as number) ^ 1;
    expect(dnp3Decoder.probe(bad, M)).toBe('no_match');
  });

  it('confirms the flow on the first frame with a valid header', () => {
    const s = session();
    s.parse(M, fixture('cold-restart-request'));
    expect(s.sink.confirms).toBe(1);
    expect(s.state.confirmed).toBe(true);
  });

  it('decodes several frames in one segment and a frame split across segments', () => {
    const both = concatBytes(fixture('cold-restart-request'), fixture('read-class-data-request'));
    const s = session();
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    expect(feeder.push(dnp3Decoder, s.state, both.subarray(0, 7), M, s.sink)).toBeNull();
    expect(s.sink.events).toEqual([]);
    expect(feeder.push(dnp3Decoder, s.state, both.subarray(7, 20), M, s.sink)).toBeNull();
    expect(s.sink.events.map((e) => e.dnp3.function)).toEqual(['cold_restart']);
    expect(feeder.push(dnp3Decoder, s.state, both.subarray(20), M, s.sink)).toBeNull();
    expect(s.sink.events.map((e) => e.dnp3.function)).toEqual(['cold_restart', 'read']);
  });

  it('rejects a new flow that does not start with 0x05 0x64 or has a bad header CRC', () => {
    expect(session().parse(M, hex('0505'))).toEqual({
      kind: 'reject',
      anomaly: 'dnp3.invalid_start',
    });
    const bad = fixture('cold-restart-request').slice();
    bad[9] = (bad[9] as number) ^ 0xff;
    const s = session();
    expect(s.parse(M, bad)).toEqual({ kind: 'reject', anomaly: 'dnp3.header_crc_error' });
    expect(s.sink.anomalies).toEqual(['dnp3.header_crc_error']);
  });

  it('on a confirmed flow, resynchronises on the next valid header after a bad one', () => {
    const s = session();
    s.parse(M, fixture('read-class-data-request'));
    s.parse(M, fixture('header-crc-error-then-frame'));
    expect(s.sink.anomalies).toEqual(['dnp3.header_crc_error']);
    expect(s.sink.events.map((e) => e.dnp3.function)).toEqual(['read', 'cold_restart']);
  });

  it('discards a frame whose data block CRC fails, and goes on with the next one', () => {
    const s = session();
    s.parse(M, concatBytes(fixture('data-crc-error'), fixture('cold-restart-request')));
    expect(s.sink.anomalies).toEqual(['dnp3.data_crc_error']);
    expect(s.sink.details[0]).toBe('data block 0 of a 8 LENGTH frame');
    expect(s.sink.events.map((e) => e.dnp3.function)).toEqual(['cold_restart']);
  });

  it('scans past junk after a capture gap', () => {
    const s = session();
    s.parse(M, fixture('read-class-data-request'));
    dnp3Decoder.onGap?.(s.state, M, 100);
    const f = fixture('cold-restart-request');
    expect(s.parse(M, concatBytes(hex('64ff0005'), f))).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events.map((e) => e.dnp3.function)).toEqual(['read', 'cold_restart']);
  });

  it('names an invalid LENGTH', () => {
    const s = session();
    s.parse(M, fixture('cold-restart-request'));
    const head = new Uint8Array([0x05, 0x64, 0x02, 0xc4, 0x0a, 0x00, 0x01, 0x00]);
    s.parse(M, concatBytes(head, le16(dnp3Crc(head, 0, 8))));
    expect(s.sink.anomalies).toEqual(['dnp3.invalid_length']);
  });
});

describe('dnp3 link frames', () => {
  it('emits link events for frames without user data', () => {
    const req = decode('request-link-status', O).events[0];
    expect(req).toEqual({
      kind: 'dnp3.link',
      dnp3: {
        source: 1,
        destination: 100,
        from_master: false,
        primary: true,
        link_function_code: 9,
        link_function: 'request_link_status',
        length: 5,
        fcb: false,
        fcv: false,
      },
    });
    const st = decode('link-status', M).events[0];
    expect(st?.dnp3).toMatchObject({
      from_master: true,
      primary: false,
      link_function: 'link_status',
      link_function_code: 11,
      dfc: false,
    });
  });

  it('names reserved link functions and data on control frames', () => {
    const s = session();
    s.parse(M, linkFrame(0xc5, 10, 1)); // primary function 5: reserved
    s.parse(M, linkFrame(0xc9, 10, 1, 'aa')); // request link status with a data octet
    expect(s.sink.anomalies).toEqual(['dnp3.unknown_link_function', 'dnp3.unexpected_link_data']);
    expect(s.sink.events.map((e) => e.dnp3.link_function)).toEqual([
      'reserved',
      'request_link_status',
    ]);
  });
});

describe('dnp3 transport reassembly', () => {
  it('completes a fragment in its last segment (read_and_response.pcap frames 6 and 8)', () => {
    const both = fixture('read-response-two-segments');
    const first = frameBytes(both[2] as number);
    const s = session();
    s.parse(O, both.subarray(0, first));
    expect(s.sink.events).toEqual([]);
    s.parse(O, both.subarray(first));
    const e = s.sink.events[0];
    expect(e?.kind).toBe('dnp3.response');
    expect(e?.dnp3).toMatchObject({ segments: 2, transport_sequence: 20, fragment_length: 269 });
    expect(e?.dnp3.objects.map((o) => [o.group, o.variation, o.count])).toEqual([
      [1, 2, 10],
      [3, 2, 10],
      [20, 1, 10],
      [21, 1, 10],
      [30, 1, 10],
      [10, 2, 10],
      [40, 1, 10],
    ]);
    expect(points(e, 0)[9]).toEqual({ index: 9, flags: 2, value: false });
    expect(points(e, 6)[9]).toEqual({ index: 9, flags: 2, value: 0 });
  });

  it('drops out-of-sequence segments and segments without a first one', () => {
    const s = session();
    s.parse(M, fixture('transport-out-of-sequence'));
    expect(s.sink.anomalies).toEqual(['dnp3.transport_sequence_error']);
    expect(s.sink.details[0]).toBe('segment 7 from 1 to 10, expected 6');
    expect(s.sink.events).toEqual([]);
  });

  it('replaces a fragment in progress by a new first segment', () => {
    const s = session();
    s.parse(M, linkFrame(0xc4, 10, 1, '45' + 'c001')); // FIR only, sequence 5
    s.parse(M, linkFrame(0xc4, 10, 1, 'c9' + 'c10d')); // FIR+FIN, sequence 9
    expect(s.sink.anomalies).toEqual(['dnp3.transport_sequence_error']);
    expect(s.sink.events.map((e) => e.dnp3.function)).toEqual(['cold_restart']);
  });

  it('reassembles fragments of different address pairs apart', () => {
    const s = session();
    s.parse(O, linkFrame(0x44, 1, 10, '41' + 'c181')); // from 10: FIR, seq 1, AC + FC
    s.parse(O, linkFrame(0x44, 1, 11, '41' + 'c281')); // from 11: FIR, seq 1
    s.parse(O, linkFrame(0x44, 1, 10, '82' + '0000')); // from 10: FIN, seq 2, IIN
    s.parse(O, linkFrame(0x44, 1, 11, '82' + '1000')); // from 11: FIN, seq 2, IIN1.4
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events.map((e) => [e.dnp3.source, e.dnp3.app_sequence, e.dnp3.iin])).toEqual([
      [10, 1, 0],
      [11, 2, 0x1000],
    ]);
    expect(s.sink.events[1]?.dnp3.iin_flags).toEqual(['need_time']);
  });

  it('drops a fragment past 60 segments', () => {
    const s = session();
    s.parse(M, linkFrame(0xc4, 10, 1, '40' + 'c002' + '00'.repeat(200)));
    for (let i = 1; i <= 60; i++) {
      s.parse(
        M,
        linkFrame(0xc4, 10, 1, (i & 0x3f).toString(16).padStart(2, '0') + '00'.repeat(200)),
      );
    }
    expect(s.sink.anomalies).toEqual(['dnp3.fragment_too_large']);
  });

  it(`keeps at most ${MAX_REASSEMBLIES} fragments in progress`, () => {
    const s = session();
    for (let src = 1; src <= MAX_REASSEMBLIES + 1; src++) {
      s.parse(M, linkFrame(0xc4, 10, src, '40' + 'c001'));
    }
    expect(s.sink.anomalies).toEqual(['dnp3.too_many_reassemblies']);
    expect(s.state.reassembly.size).toBe(MAX_REASSEMBLIES);
  });
});

describe('dnp3 application layer', () => {
  it('read request: function, control bits, class objects without points', () => {
    const e = decode('read-class-data-request', M).events[0];
    expect(e?.kind).toBe('dnp3.request');
    expect(e?.dnp3).toMatchObject({
      source: 1,
      destination: 10,
      from_master: true,
      primary: true,
      link_function: 'unconfirmed_user_data',
      function_code: 1,
      function: 'read',
      app_sequence: 0,
      fir: true,
      fin: true,
      con: false,
      uns: false,
      segments: 1,
      fragment_length: 14,
    });
    expect(e?.dnp3.iin).toBeUndefined();
    expect(e?.dnp3.objects).toEqual([
      {
        group: 60,
        variation: 2,
        name: 'class_1_data',
        qualifier: 6,
        prefix_code: 0,
        range_code: 6,
        count: 0,
      },
      {
        group: 60,
        variation: 3,
        name: 'class_2_data',
        qualifier: 6,
        prefix_code: 0,
        range_code: 6,
        count: 0,
      },
      {
        group: 60,
        variation: 4,
        name: 'class_3_data',
        qualifier: 6,
        prefix_code: 0,
        range_code: 6,
        count: 0,
      },
      {
        group: 60,
        variation: 1,
        name: 'class_0_data',
        qualifier: 6,
        prefix_code: 0,
        range_code: 6,
        count: 0,
      },
    ]);
  });

  it('direct operate: the CROB fields', () => {
    const e = decode('direct-operate-crob-request', M).events[0];
    expect(e?.dnp3.function).toBe('direct_operate');
    expect(e?.dnp3.objects[0]).toMatchObject({
      group: 12,
      variation: 1,
      name: 'crob',
      qualifier: 0x28,
      prefix_code: 2,
      range_code: 8,
      count: 1,
    });
    expect(points(e)).toEqual([
      {
        index: 0,
        control_code: 3,
        operation: 'latch_on',
        trip_close: 'nul',
        queue: false,
        clear: false,
        count: 1,
        on_time_ms: 100,
        off_time_ms: 100,
        status: 0,
        status_name: 'success',
      },
    ]);
    const r = decode('direct-operate-crob-response', O).events[0];
    expect(r?.kind).toBe('dnp3.response');
    expect(r?.dnp3).toMatchObject({ iin: 0, iin_flags: [], transport_sequence: 9 });
    expect(points(r)[0]).toMatchObject({ operation: 'latch_on', status_name: 'success' });
  });

  it('cold restart and its response with IIN2.0 (function not supported)', () => {
    expect(decode('cold-restart-request', M).events[0]?.dnp3.function).toBe('cold_restart');
    const r = decode('cold-restart-response', O).events[0];
    expect(r?.dnp3).toMatchObject({ iin: 1, iin_flags: ['no_func_code_support'], objects: [] });
  });

  it('restart delay and time functions', () => {
    const r = decode('cold-restart-response-with-delay', O).events[0];
    expect(r?.dnp3.objects[0]).toMatchObject({
      group: 52,
      variation: 2,
      name: 'time_delay_fine',
      count: 1,
    });
    expect(points(r)).toEqual([{ index: 0, value: 5000 }]);
    expect(decode('record-current-time-request', M).events[0]?.dnp3.function).toBe(
      'record_current_time',
    );
    const w = decode('write-last-recorded-time', M).events[0];
    expect(w?.dnp3.objects[0]?.name).toBe('time_and_date_last_recorded');
    expect(points(w)).toEqual([{ index: 0, time: '2015-03-25T19:57:42.687Z' }]);
  });

  it('open file: the file command object', () => {
    const e = decode('open-file-request', M).events[0];
    expect(e?.dnp3).toMatchObject({ function_code: 0x19, function: 'open_file', app_sequence: 1 });
    expect(e?.dnp3.objects[0]).toMatchObject({
      group: 70,
      variation: 3,
      name: 'file_command',
      prefix_code: 5,
      range_code: 11,
      count: 1,
    });
    expect(points(e)).toEqual([
      {
        size: 40,
        permissions: 0,
        auth_key: 0,
        file_size: 0,
        mode: 'read',
        max_block_size: 1024,
        request_id: 4,
        file_name: './testfile.txt',
      },
    ]);
    const r = decode('file-command-status-response', O).events[0];
    expect(points(r)).toEqual([
      {
        size: 13,
        file_handle: 0x12345678,
        file_size: 19,
        max_block_size: 1024,
        request_id: 4,
        status: 0,
        status_name: 'success',
        data_length: 0,
      },
    ]);
  });

  it('unsolicited response: CTO, relative times, analog events', () => {
    const e = decode('unsolicited-response-with-cto', O).events[0];
    expect(e?.kind).toBe('dnp3.unsolicited_response');
    expect(e?.dnp3).toMatchObject({ function_code: 0x82, con: true, uns: true, app_sequence: 3 });
    expect(points(e, 0)).toEqual([{ index: 0, time: '2004-10-11T10:16:34.018Z' }]);
    expect(points(e, 1)[3]).toEqual({
      index: 0,
      flags: 0x81,
      value: true,
      relative_time_ms: 1011,
      time: '2004-10-11T10:16:35.029Z',
    });
    expect(points(e, 2)).toEqual([
      { index: 0, flags: 1, value: 0 },
      { index: 1, flags: 1, value: 0 },
      { index: 2, flags: 1, value: 0 },
    ]);
    const c = decode('confirm-unsolicited', M);
    expect(c.events[0]?.dnp3).toMatchObject({ function: 'confirm', uns: true });
    expect(c.anomalies).toEqual([]);
  });

  it('write: clears IIN1.7 with group 80', () => {
    const e = decode('write-iin-request', M).events[0];
    expect(e?.dnp3.objects[0]).toMatchObject({
      group: 80,
      variation: 1,
      start: 7,
      stop: 7,
      count: 1,
    });
    expect(points(e)).toEqual([{ index: 7, value: false, name: 'device_restart' }]);
  });

  it('packed binary and double-bit inputs, floats, index-prefixed reads', () => {
    const s = session();
    s.parse(
      O,
      response(
        '81' +
          '0000' +
          '010100000a' +
          'a502' + // g1v1 points 0-10: 1010 0101, 010
          '0301000003' + // g3v1 (double-bit packed), qualifier 0x00, start 0, stop 3
          '1b' + // 0b00011011: points 0-3 = 3, 2, 1, 0 (two bits each from bit 0)
          '1e05170105' +
          '01' +
          '0000c03f', // g30v5 (float) index 5: flags 1, 1.5
      ),
    );
    const e = s.sink.events[0];
    expect(s.sink.anomalies).toEqual([]);
    expect(points(e, 0).map((p) => p.value)).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(points(e, 1).map((p) => p.value)).toEqual([3, 2, 1, 0]);
    expect(points(e, 2)).toEqual([{ index: 5, flags: 1, value: 1.5 }]);
    s.parse(M, request('01' + '1e0017020305')); // read g30v0, indices 3 and 5
    expect(points(s.sink.events[1])).toEqual([{ index: 3 }, { index: 5 }]);
  });

  it('device attributes (group 0): strings and integers', () => {
    const s = session();
    s.parse(
      O,
      response(
        '81' +
          '0000' +
          '00fc0000000105' +
          '4163 6d65 21'.replace(/ /g, '') + // g0v252 manufacturer: vstr "Acme!"
          '00f0000000' +
          '0202' +
          '0008', // g0v240 max tx fragment: uint 2048
      ),
    );
    expect(points(s.sink.events[0], 0)).toEqual([
      { index: 0, name: 'manufacturer_name', data_type: 'vstr', value: 'Acme!' },
    ]);
    expect(points(s.sink.events[0], 1)).toEqual([
      { index: 0, name: 'max_transmit_fragment_size', data_type: 'uint', value: 2048 },
    ]);
  });

  it('names application anomalies', () => {
    const bad = decode('unknown-function-and-direction', M);
    expect(bad.anomalies).toEqual(['dnp3.unknown_function']);
    expect(bad.events[0]?.dnp3).toMatchObject({ function: 'unknown', objects: [] });

    const dir = session();
    dir.parse(M, linkFrame(0x44, 10, 1, 'c0' + 'c00d')); // cold restart with DIR clear
    expect(dir.sink.anomalies).toEqual(['dnp3.direction_mismatch']);

    const uns = session();
    uns.parse(O, linkFrame(0x44, 1, 10, 'c0' + 'd1' + '81' + '0000')); // response with UNS set
    expect(uns.sink.anomalies).toEqual(['dnp3.unsolicited_flag_mismatch']);

    const short = session();
    short.parse(M, linkFrame(0xc4, 10, 1, 'c0c0'));
    expect(short.sink.anomalies).toEqual(['dnp3.fragment_too_short']);
    expect(short.sink.events).toEqual([]);
  });

  it('stops at objects it cannot delimit, and says why', () => {
    const cut = decode('direct-operate-crob-truncated', M);
    expect(cut.anomalies).toEqual(['dnp3.object_truncated']);
    expect(cut.events[0]?.dnp3).toMatchObject({
      objects_truncated: true,
      object_error: 'object_truncated',
    });
    expect(cut.events[0]?.dnp3.objects[0]?.points_truncated).toBe(true);

    const q = decode('reserved-qualifier', M);
    expect(q.anomalies).toEqual(['dnp3.invalid_qualifier']);
    expect(q.events[0]?.dnp3.objects.map((o) => o.qualifier)).toEqual([6, 6, 0xed]);
    expect(q.events[0]?.dnp3).toMatchObject({ object_error: 'invalid_qualifier' });
    expect(q.events[0]?.dnp3.objects_truncated).toBeUndefined();

    const s = session();
    s.parse(O, response('81' + '0000' + '010200' + '0501' + '01')); // stop 1 < start 5
    expect(s.sink.anomalies).toEqual(['dnp3.invalid_range']);
    s.parse(O, response('81' + '0000' + 'fe0100' + '0000' + '00')); // group 254: unknown
    expect(s.sink.anomalies).toEqual(['dnp3.invalid_range', 'dnp3.unknown_object']);
    expect(s.sink.events[1]?.dnp3.object_error).toBe('unknown_object');
  });

  it('names writes of objects without values (write_vto_empty_string.pcap)', () => {
    const s = session();
    s.parse(M, request('02' + '7000010000ffff'.repeat(3)));
    expect(s.sink.anomalies).toEqual(['dnp3.invalid_variation']);
    expect(s.sink.events[0]?.dnp3.objects.length).toBe(3);
    expect(s.sink.events[0]?.dnp3.object_error).toBe('invalid_variation');
  });

  it('lists at most maxObjectsPerMessage points and headers, and walks the rest', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 4 });
    s.parse(O, response('81' + '0000' + '010100000a' + 'ffff' + '1e04000001' + '01000200'));
    const e = s.sink.events[0];
    expect(s.sink.anomalies).toEqual(['dnp3.objects_limit_reached']);
    expect(points(e, 0).length).toBe(4);
    expect(e?.dnp3.objects[1]).toMatchObject({ group: 30, count: 2 });
    expect(e?.dnp3.objects[1]?.points).toBeUndefined();
    expect(e?.dnp3).toMatchObject({ objects_truncated: true });
    expect(e?.dnp3.object_error).toBeUndefined();
  });
});

describe('dnp3 times', () => {
  it('writes 48-bit times exactly as Date.toISOString does', () => {
    let x = 0x12345;
    const samples = [
      0, 1, 999, 86_399_999, 951_782_400_000, 1_097_489_794_018, 253_402_300_799_999,
    ];
    for (let i = 0; i < 2000; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      samples.push(Math.floor((x / 2 ** 31) * 2 ** 48));
    }
    samples.push(2 ** 48 - 1);
    for (const ms of samples) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('dnp3 descriptor', () => {
  it('runs on TCP and UDP port 20000 and declares its anomalies', () => {
    expect(dnp3Decoder.defaultPorts).toEqual([20000]);
    expect(dnp3Decoder.udpPorts).toEqual([20000]);
    expect(Object.keys(DNP3_ANOMALIES).length).toBeGreaterThan(15);
  });

  it('knows the common object groups of IEEE 1815-2012 Annex A', () => {
    expect(libraryEntries()).toBeGreaterThan(150);
    for (const [g, v] of [
      [1, 2],
      [2, 2],
      [10, 2],
      [12, 1],
      [20, 1],
      [22, 5],
      [30, 5],
      [32, 7],
      [40, 3],
      [41, 2],
      [50, 1],
      [51, 1],
      [60, 1],
      [70, 5],
      [80, 1],
    ] as const) {
      expect(objectType(g, v), `g${g}v${v}`).toBeDefined();
    }
    expect(objectType(0, 242)?.name).toBe('device_attribute');
    expect(objectType(110, 8)?.size).toBe(8);
    expect(objectType(200, 1)).toBeUndefined();
  });
});
