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
import type { Dnp3Anomaly } from './index.js';
import { libraryEntries, objectType } from './objects.js';
import { iinFlags, isoTime } from './application.js';
import { FUNCTION_NAMES } from './constants.js';
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

  it('recovers at the next valid header after garbage, with one anomaly', () => {
    const s = decode('resync-after-garbage', O);
    expect(s.anomalies).toEqual(['dnp3.invalid_start']);
    expect(s.details).toEqual(['octet ff where a frame should start']);
    expect(s.events.map((e) => [e.dnp3.transport_sequence, e.dnp3.function])).toEqual([
      [32, 'response'],
      [33, 'response'],
      [34, 'response'],
    ]);
  });

  it('recovers after an octet spliced in between two frames', () => {
    const s = decode('spliced-octet-between-frames', O);
    expect(s.anomalies).toEqual(['dnp3.invalid_start']);
    expect(s.details).toEqual(['octet 1e where a frame should start']);
    expect(s.events.map((e) => e.dnp3.transport_sequence)).toEqual([32, 33, 34]);
  });

  it('drops a frame with an octet spliced into its data, and decodes the next one', () => {
    const s = decode('spliced-octet-inside-frame', O);
    expect(s.anomalies).toEqual(['dnp3.data_crc_error']);
    expect(s.details).toEqual(['data block 1 of a 26 LENGTH frame']);
    expect(s.events.map((e) => e.dnp3.transport_sequence)).toEqual([33, 34]);
  });

  it('rescans inside a frame whose data CRC fails: an octet lost does not cost the next frame', () => {
    // The damaged frame's LENGTH reaches one octet into the next frame; jumping over it (as
    // Wireshark does) would lose sequence 33 too.
    const s = decode('octet-lost-inside-frame', O);
    expect(s.anomalies).toEqual(['dnp3.data_crc_error']);
    expect(s.events.map((e) => e.dnp3.transport_sequence)).toEqual([33, 34]);
  });

  it('loses a frame whose start octet was overwritten: its header CRC covers the start', () => {
    // The MITM capture's first-wins TCP stream: 0x1e 0x64 ... cannot be a frame ([1815]
    // 9.2.4.1.1, the CRC of 9.2.4.2 is computed over 05 64 and fails over 1e 64).
    const s = decode('start-octet-overwritten', O);
    expect(s.anomalies).toEqual(['dnp3.invalid_start']);
    expect(s.events.map((e) => e.dnp3.transport_sequence)).toEqual([32, 34]);
  });

  it('resynchronises the same way whatever the chunking', () => {
    for (const name of [
      'resync-after-garbage',
      'spliced-octet-between-frames',
      'spliced-octet-inside-frame',
      'octet-lost-inside-frame',
      'start-octet-overwritten',
    ]) {
      const whole = decode(name, O);
      const s = session();
      const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
      const bytes = fixture(name);
      for (let i = 0; i < bytes.length; i++) {
        feeder.push(dnp3Decoder, s.state, bytes.subarray(i, i + 1), O, s.sink);
      }
      expect(s.sink.events, name).toEqual(whole.events);
      expect(s.sink.anomalies, name).toEqual(whole.anomalies);
      expect(s.sink.details, name).toEqual(whole.details);
    }
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

  it('drops a stray segment but keeps the fragment in progress, as a receiver does', () => {
    const s = session();
    s.parse(M, linkFrame(0xc4, 10, 1, '45' + 'c201')); // FIR, sequence 5: AC, read
    s.parse(M, linkFrame(0xc4, 10, 1, '89' + '0c0107')); // FIN, sequence 9: stray
    s.parse(M, linkFrame(0xc4, 10, 1, '86' + '3c0206')); // FIN, sequence 6: g60v2, all
    expect(s.sink.details).toEqual(['segment 9 from 1 to 10, expected 6']);
    expect(s.sink.events.map((e) => [e.dnp3.function, e.dnp3.segments])).toEqual([['read', 2]]);
    expect(s.sink.events[0]?.dnp3.objects.map((o) => o.group)).toEqual([60]);
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

  it('counts sequence numbers modulo 64 ([1815] 8.2.1.3)', () => {
    const s = session();
    s.parse(M, linkFrame(0xc4, 10, 1, '7f' + 'c001')); // FIR, sequence 63; AC, read
    s.parse(M, linkFrame(0xc4, 10, 1, '80' + '3c0206')); // FIN, sequence 0; g60v2, all
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events[0]?.dnp3).toMatchObject({
      function: 'read',
      segments: 2,
      transport_sequence: 0,
    });
    expect(s.sink.events[0]?.dnp3.objects[0]).toMatchObject({ group: 60, variation: 2 });
    s.parse(M, linkFrame(0xc4, 10, 1, '7f' + 'c101')); // FIR, sequence 63
    s.parse(M, linkFrame(0xc4, 10, 1, '81' + '3c0206')); // FIN, sequence 1 (0 expected)
    expect(s.sink.details).toEqual(['segment 1 from 1 to 10, expected 0']);
  });

  it('bounds a fragment by maxPduBytes as well as by 60 segments', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPduBytes: 300 });
    s.parse(M, linkFrame(0xc4, 10, 1, '40' + 'c002' + '00'.repeat(198))); // FIR: 200 octets
    s.parse(M, linkFrame(0xc4, 10, 1, '81' + '00'.repeat(200))); // FIN: 200 more
    expect(s.sink.anomalies).toEqual(['dnp3.fragment_too_large']);
    expect(s.sink.events).toEqual([]);
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

describe('dnp3 function codes and internal indications', () => {
  it('names every function code of [1815] 4.2.2.5 and no other', () => {
    for (let fc = 0; fc < 256; fc++) {
      const defined = fc <= 0x21 || (fc >= 0x81 && fc <= 0x83);
      expect(FUNCTION_NAMES[fc] !== 'unknown', `function ${fc}`).toBe(defined);
    }
    expect(
      [0x05, 0x0d, 0x0e, 0x14, 0x15, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x82].map(
        (fc) => FUNCTION_NAMES[fc],
      ),
    ).toEqual([
      'direct_operate',
      'cold_restart',
      'warm_restart',
      'enable_unsolicited',
      'disable_unsolicited',
      'open_file',
      'close_file',
      'delete_file',
      'get_file_info',
      'authenticate_file',
      'abort_file',
      'unsolicited_response',
    ]);
  });

  it('names the 16 IIN bits, IIN1.7 first ([1815] 4.2.2.6)', () => {
    expect(iinFlags(0xffff)).toEqual([
      'device_restart', // IIN1.7
      'device_trouble', // IIN1.6
      'local_control', // IIN1.5
      'need_time', // IIN1.4
      'class_3_events', // IIN1.3
      'class_2_events', // IIN1.2
      'class_1_events', // IIN1.1
      'broadcast', // IIN1.0
      'reserved_1', // IIN2.7
      'reserved_2', // IIN2.6
      'config_corrupt', // IIN2.5
      'already_executing', // IIN2.4
      'event_buffer_overflow', // IIN2.3
      'parameter_error', // IIN2.2
      'object_unknown', // IIN2.1
      'no_func_code_support', // IIN2.0
    ]);
    const e = decode('counter-events-response', O).events[0];
    expect(e?.dnp3).toMatchObject({
      iin: 0x9800,
      iin_flags: ['device_restart', 'need_time', 'class_3_events'],
    });
  });
});

describe('dnp3 object headers: every qualifier ([1815] 4.2.2.7.3)', () => {
  // g30v4 (16-bit analog input without flag, 2 octets per object) in a response; the values
  // are 1, 2 in order.
  const values = '0100' + '0200';
  const cases = [
    // qualifier, range field, objects (prefix + value), expected header fields, point indices
    [0x00, '02' + '03', values, { start: 2, stop: 3, count: 2 }, [2, 3]],
    [0x01, '0001' + '0101', values, { start: 256, stop: 257, count: 2 }, [256, 257]],
    [0x02, '00000100' + '01000100', values, { start: 65536, stop: 65537 }, [65536, 65537]],
    [0x03, '07', '0100', { start: 7, stop: 7, count: 1 }, [7]], // 1-octet address
    [0x04, '0800', '0100', { start: 8, stop: 8, count: 1 }, [8]], // 2-octet address
    [0x05, '09000000', '0100', { start: 9, stop: 9, count: 1 }, [9]], // 4-octet address
    [0x07, '02', values, { count: 2 }, [0, 1]], // 1-octet count
    [0x08, '0200', values, { count: 2 }, [0, 1]], // 2-octet count
    [0x09, '02000000', values, { count: 2 }, [0, 1]], // 4-octet count
    [0x17, '02', '05' + '0100' + '09' + '0200', { count: 2 }, [5, 9]], // 1-octet index prefix
    [0x28, '0200', '0500' + '0100' + '0900' + '0200', { count: 2 }, [5, 9]], // 2-octet index
    [
      0x39, // 4-octet index prefix, 4-octet count
      '02000000',
      '05000000' + '0100' + '09000000' + '0200',
      { count: 2 },
      [5, 9],
    ],
  ] as const;
  it.each(cases.map((c) => ({ label: `0x${hex2(c[0])}`, c })))('qualifier $label', ({ c }) => {
    const [q, range, objects, header, indices] = c;
    const s = session();
    s.parse(O, response('81' + '0000' + '1e04' + hex2(q) + range + objects));
    expect(s.sink.anomalies).toEqual([]);
    const o = s.sink.events[0]?.dnp3.objects[0];
    expect(o).toMatchObject({
      group: 30,
      variation: 4,
      qualifier: q,
      prefix_code: q >> 4,
      range_code: q & 0x0f,
      ...header,
    });
    if (!('start' in header)) expect(o?.start).toBeUndefined();
    expect(points(s.sink.events[0]).map((p) => [p.index, p.value])).toEqual(
      indices.map((i, n) => [i, n + 1]),
    );
  });

  it('range code 6 (all) has no range field and no objects', () => {
    const s = session();
    s.parse(M, request('01' + '1e0006' + '3c0106')); // read g30v0 all, g60v1 all
    expect(s.sink.events[0]?.dnp3.objects.map((o) => [o.range_code, o.count, o.start])).toEqual([
      [6, 0, undefined],
      [6, 0, undefined],
    ]);
  });

  it('size prefixes of 1, 2 and 4 octets (free-format range code 11)', () => {
    const s = session();
    s.parse(
      O,
      response(
        '81' +
          '0000' +
          '46084b' + // g70v8 (file specification string), 1-octet size prefix, 8-bit count
          '01' + // count 1
          '05' + // size 5
          '2f746d702f' + // "/tmp/"
          '46085b' + // g70v8, 2-octet size prefix
          '01' +
          '0400' + // size 4
          '2f657463' + // "/etc"
          '46086b' + // g70v8, 4-octet size prefix
          '01' +
          '03000000' + // size 3
          '2f7573', // "/us"
      ),
    );
    expect(s.sink.anomalies).toEqual([]);
    const objs = s.sink.events[0]?.dnp3.objects ?? [];
    expect(objs.map((o) => o.prefix_code)).toEqual([4, 5, 6]);
    expect(objs.map((o) => o.points?.[0])).toEqual([
      { size: 5, file_name: '/tmp/' },
      { size: 4, file_name: '/etc' },
      { size: 3, file_name: '/us' },
    ]);
  });

  it.each([0x0a, 0x0c, 0x0f, 0x70, 0x80].map((q) => ({ label: `0x${hex2(q)}`, q })))(
    'reserved qualifier $label stops the walk',
    ({ q }) => {
      const s = session();
      s.parse(O, response('81' + '0000' + '1e04' + hex2(q) + '0000' + '1e040000000100'));
      expect(s.sink.anomalies).toEqual(['dnp3.invalid_qualifier']);
      expect(s.sink.events[0]?.dnp3).toMatchObject({
        object_error: 'invalid_qualifier',
        objects_truncated: true,
      });
      expect(s.sink.events[0]?.dnp3.objects.length).toBe(1);
    },
  );
});

describe('dnp3 point values of the common groups', () => {
  it('real frames: counter events (g22), analog output block (g41), time sync (g50), packed outputs (g10), unsolicited binary events (g2)', () => {
    expect(decode('counter-events-response', O).events[0]?.dnp3.objects[0]).toEqual({
      group: 22,
      variation: 1,
      name: 'counter_event_32bit_with_flag',
      qualifier: 0x28,
      prefix_code: 2,
      range_code: 8,
      count: 3,
      points: [
        { index: 41, flags: 1, value: 2 },
        { index: 41, flags: 1, value: 3 },
        { index: 41, flags: 1, value: 4 },
      ],
    });
    expect(points(decode('direct-operate-analog-output', M).events[0])).toEqual([
      { index: 1, value: 0, status: 0, status_name: 'success' },
    ]);
    const t = decode('write-time-and-date', M).events[0];
    expect(t?.dnp3.objects[0]?.name).toBe('time_and_date');
    expect(points(t)).toEqual([{ index: 0, time: '2004-10-11T09:39:01.483Z' }]);
    const w = decode('write-binary-output-packed', M).events[0];
    expect(w?.dnp3.objects[0]).toMatchObject({ group: 10, variation: 1, start: 2, stop: 2 });
    expect(points(w)).toEqual([{ index: 2, value: false }]);
    const u = decode('unsolicited-binary-input-event', O);
    expect(u.anomalies).toEqual([]);
    expect(u.events[0]?.kind).toBe('dnp3.unsolicited_response');
    expect(u.events[0]?.dnp3).toMatchObject({ uns: true, con: true, app_sequence: 12 });
    expect(points(u.events[0])).toEqual([{ index: 1, flags: 0x81, value: true }]);
  });

  it('monitoring values: binary events with time, counters, counter events, analogs, analog events, output status', () => {
    const s = session();
    s.parse(
      O,
      response(
        '81' +
          '0000' +
          '020217' + // g2v2 (binary input event with time), 1-octet index, 8-bit count
          '01' + // count 1
          '03' + // index 3
          '81' + // flags: online, state on
          'ebe45a87ff00' + // time 2004-10-11T09:39:01.483Z
          '140500' + // g20v5 (32-bit counter without flag), 8-bit start-stop
          '0000' + // start 0, stop 0
          '04030201' + // value 0x01020304
          '160517' + // g22v5 (32-bit counter event with flag and time)
          '01' +
          '02' + // index 2
          '01' + // flags: online
          '78563412' + // value 0x12345678
          'ebe45a87ff00' + // time
          '1e0200' + // g30v2 (16-bit analog input with flag)
          '0000' +
          '01' + // flags
          'feff' + // value -2
          '200317' + // g32v3 (32-bit analog input event with time)
          '01' +
          '04' + // index 4
          '01' + // flags
          '9cffffff' + // value -100
          'ebe45a87ff00' + // time
          '280300' + // g40v3 (float analog output status)
          '0101' + // start 1, stop 1
          '01' + // flags
          '0000c03f', // value 1.5
      ),
    );
    expect(s.sink.anomalies).toEqual([]);
    const e = s.sink.events[0];
    const time = '2004-10-11T09:39:01.483Z';
    expect(e?.dnp3.objects.map((o) => o.points)).toEqual([
      [{ index: 3, flags: 0x81, value: true, time }],
      [{ index: 0, value: 0x01020304 }],
      [{ index: 2, flags: 1, value: 0x12345678, time }],
      [{ index: 0, flags: 1, value: -2 }],
      [{ index: 4, flags: 1, value: -100, time }],
      [{ index: 1, flags: 1, value: 1.5 }],
    ]);
  });

  it('control values: pattern control block and mask (g12v2, g12v3), analog output blocks (g41v1, v3, v4), status names', () => {
    const s = session();
    s.parse(
      M,
      request(
        '03' + // function 3 (select)
          '0c0207' + // g12v2 (pattern control block), 8-bit count
          '01' +
          '41' + // control code: trip-close 1 (close), operation 1 (pulse on)
          '01' + // count 1
          '0a000000' + // on time 10 ms
          '14000000' + // off time 20 ms
          '00' + // status 0
          '0c0300' + // g12v3 (pattern mask), 8-bit start-stop
          '0007' + // points 0-7
          'a5' + // mask 1010 0101 (point 0 in bit 0)
          '290117' + // g41v1 (32-bit analog output block), 1-octet index
          '01' +
          '03' + // index 3
          'fbffffff' + // value -5
          '00' + // status 0
          '290317' + // g41v3 (float)
          '01' +
          '04' + // index 4
          '00002040' + // value 2.5
          '00' +
          '290417' + // g41v4 (double)
          '01' +
          '05' + // index 5
          '000000000000f83f' + // value 1.5
          '00',
      ),
    );
    expect(s.sink.anomalies).toEqual([]);
    const e = s.sink.events[0];
    expect(e?.dnp3.function).toBe('select');
    expect(points(e, 0)).toEqual([
      {
        index: 0,
        control_code: 0x41,
        operation: 'pulse_on',
        trip_close: 'close',
        queue: false,
        clear: false,
        count: 1,
        on_time_ms: 10,
        off_time_ms: 20,
        status: 0,
        status_name: 'success',
      },
    ]);
    expect(points(e, 1).map((p) => p.value)).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect([2, 3, 4].map((i) => points(e, i)[0])).toEqual([
      { index: 3, value: -5, status: 0, status_name: 'success' },
      { index: 4, value: 2.5, status: 0, status_name: 'success' },
      { index: 5, value: 1.5, status: 0, status_name: 'success' },
    ]);
    // The outstation's echo with status 4: the operation is not supported.
    s.parse(
      O,
      response('81' + '0000' + '0c0107' + '01' + '03' + '01' + '64000000' + '64000000' + '04'),
    );
    expect(points(s.sink.events[1])[0]).toMatchObject({
      operation: 'latch_on',
      status: 4,
      status_name: 'not_supported',
    });
  });
});

describe('dnp3 restart and file functions', () => {
  it('warm restart (warm_restart_and_response.pcap)', () => {
    const s = decode('warm-restart-request', M);
    expect(s.anomalies).toEqual([]);
    expect(s.events[0]?.dnp3).toMatchObject({ function_code: 14, function: 'warm_restart' });
  });

  it('delete file, file transport read and its status (real frames)', () => {
    expect(points(decode('delete-file-request', M).events[0])).toEqual([
      {
        size: 42,
        permissions: 0,
        auth_key: 0,
        file_size: 0,
        mode: 'null',
        max_block_size: 0,
        request_id: 18,
        file_name: './helloworld.txt',
      },
    ]);
    expect(points(decode('read-file-transport', M).events[0])).toEqual([
      { size: 8, file_handle: 0x12345678, block_number: 0, last_block: false, data_length: 0 },
    ]);
    expect(points(decode('file-transport-status-response', O).events[0])).toEqual([
      {
        size: 9,
        file_handle: 0x12345678,
        block_number: 0,
        last_block: true,
        status: 0,
        status_name: 'success',
        data_length: 0,
      },
    ]);
  });

  it('authenticate file: the user name and the password length, never the password', () => {
    const s = session();
    s.parse(
      M,
      request(
        '1d' + // function 29 (authenticate file)
          '46025b' + // g70v2 (file authentication), 2-octet size prefix
          '01' +
          '1700' + // size 23
          '0c00' + // user name offset 12
          '0500' + // user name size 5
          '1100' + // password offset 17
          '0600' + // password size 6
          '00000000' + // authentication key 0
          '61646d696e' + // "admin"
          '736563726574', // "secret"
      ),
    );
    const e = s.sink.events[0];
    expect(e?.dnp3.function).toBe('authenticate_file');
    expect(points(e)).toEqual([{ size: 23, username: 'admin', password_length: 6, auth_key: 0 }]);
    expect(JSON.stringify(e)).not.toMatch(/secret|736563726574/);
  });

  it('get file info and abort file: descriptor and command status objects', () => {
    const s = session();
    s.parse(
      O,
      response(
        '81' +
          '0000' +
          '46075b' + // g70v7 (file descriptor), 2-octet size prefix
          '01' +
          '1c00' + // size 28
          '1400' + // name offset 20
          '0800' + // name size 8
          '0100' + // file type 1 (simple file)
          '13000000' + // file size 19
          'ebe45a87ff00' + // time of creation
          'a401' + // permissions 0o644
          '0500' + // request id 5
          '746573742e747874', // "test.txt"
      ),
    );
    expect(points(s.sink.events[0])).toEqual([
      {
        size: 28,
        file_type: 1,
        file_size: 19,
        time: '2004-10-11T09:39:01.483Z',
        permissions: 0o644,
        request_id: 5,
        file_name: 'test.txt',
      },
    ]);
    s.parse(
      M,
      request(
        '1e' + // function 30 (abort file)
          '46045b' + // g70v4 (file command status), 2-octet size prefix
          '01' +
          '0d00' + // size 13
          '78563412' + // file handle
          '00000000' + // file size 0
          '0000' + // maximum block size 0
          '0700' + // request id 7
          '00', // status 0
      ),
    );
    expect(s.sink.events[1]?.dnp3.function).toBe('abort_file');
    expect(points(s.sink.events[1])).toEqual([
      {
        size: 13,
        file_handle: 0x12345678,
        file_size: 0,
        max_block_size: 0,
        request_id: 7,
        status: 0,
        status_name: 'success',
        data_length: 0,
      },
    ]);
  });
});

describe('dnp3 limits and anomalies', () => {
  it('copies at most maxStringBytes of a string', () => {
    const s = session({ ...DEFAULT_LIMITS, maxStringBytes: 4 });
    s.parse(O, response('81' + '0000' + '00fc0000000105' + '41636d6521')); // vstr "Acme!"
    s.parse(O, response('81' + '0000' + '46084b' + '01' + '05' + '2f746d702f')); // "/tmp/"
    expect(points(s.sink.events[0])[0]?.value).toBe('Acme');
    expect(points(s.sink.events[1])[0]?.file_name).toBe('/tmp');
  });

  it('raises every anomaly it declares (truncated_datagram: the pipeline, test/golden/dnp3 udp)', () => {
    const confirmed = (...frames: Uint8Array[]): Uint8Array =>
      concatBytes(fixture('cold-restart-request'), ...frames);
    const cases: Record<Exclude<Dnp3Anomaly, 'dnp3.truncated_datagram'>, () => Sink> = {
      'dnp3.invalid_start': () => decode('spliced-octet-between-frames', O),
      'dnp3.header_crc_error': () => decode('header-crc-error-then-frame', M),
      'dnp3.data_crc_error': () => decode('data-crc-error', M),
      'dnp3.invalid_length': () => run(M, linkFrame(0xc4, 10, 1)), // user data without octets
      'dnp3.unknown_link_function': () => run(M, linkFrame(0xc5, 10, 1)),
      'dnp3.unexpected_link_data': () => run(M, linkFrame(0xc9, 10, 1, 'aa')),
      'dnp3.transport_sequence_error': () => decode('transport-out-of-sequence', M),
      'dnp3.fragment_too_large': () =>
        run(
          M,
          [
            linkFrame(0xc4, 10, 1, '40' + '00'.repeat(200)),
            linkFrame(0xc4, 10, 1, '81' + '00'.repeat(200)),
          ],
          { ...DEFAULT_LIMITS, maxPduBytes: 300 },
        ),
      'dnp3.too_many_reassemblies': () =>
        run(
          M,
          Array.from({ length: MAX_REASSEMBLIES + 1 }, (_, i) =>
            linkFrame(0xc4, 10, i + 1, '40c001'),
          ),
        ),
      'dnp3.fragment_too_short': () => run(M, linkFrame(0xc4, 10, 1, 'c0c0')),
      'dnp3.unknown_function': () => decode('unknown-function-and-direction', M),
      'dnp3.direction_mismatch': () => run(M, confirmed(linkFrame(0x44, 10, 1, 'c0c00d'))),
      'dnp3.unsolicited_flag_mismatch': () => run(O, linkFrame(0x44, 1, 10, 'c0d1810000')),
      'dnp3.invalid_qualifier': () => decode('reserved-qualifier', M),
      'dnp3.invalid_range': () => run(O, response('81' + '0000' + '010200' + '0501' + '01')),
      'dnp3.unknown_object': () => run(O, response('81' + '0000' + 'fe0100' + '0000' + '00')),
      'dnp3.invalid_variation': () => run(M, request('02' + '7000010000ffff')),
      'dnp3.object_truncated': () => decode('direct-operate-crob-truncated', M),
      'dnp3.unexpected_confirm': () => talk([O, response('810000', 3)], [M, confirmFrame(0xc3)]),
      'dnp3.superseded_response': () =>
        talk([M, request('013c0206', 1)], [M, request('013c0306', 2)], [O, response('810000', 1)]),
      'dnp3.objects_limit_reached': () =>
        run(O, response('81' + '0000' + '010100000a' + 'ffff'), {
          ...DEFAULT_LIMITS,
          maxObjectsPerMessage: 4,
        }),
    };
    expect(Object.keys(cases).sort()).toEqual(
      Object.keys(DNP3_ANOMALIES)
        .filter((n) => n !== 'dnp3.truncated_datagram')
        .sort(),
    );
    for (const [name, make] of Object.entries(cases)) {
      expect(make().anomalies, name).toContain(name);
    }
  });
});

/** Parses each (direction, frame) in order on one fresh session. */
function talk(...steps: readonly (readonly [Direction, Uint8Array])[]): Sink {
  const s = session();
  for (const [dir, bytes] of steps) s.parse(dir, bytes);
  return s.sink;
}

/**
 * An application confirm from master 1 to outstation 10: transport header (FIR, FIN, sequence
 * 0), application control `ac` (FIR, FIN, UNS and SEQ bits), function 0.
 */
const confirmFrame = (ac: number): Uint8Array =>
  linkFrame(0xc4, 10, 1, 'c0' + ac.toString(16).padStart(2, '0') + '00');

describe('dnp3 conversation checks ([1815] 4.2.2.4 CON/UNS/SEQ, one outstanding request)', () => {
  const read = (seq: number): Uint8Array => request('013c0206', seq); // read g60v2 class 1
  // Application control octets: FIR 0x80, FIN 0x40, CON 0x20, UNS 0x10, SEQ 0-15.
  const solicited = (ac: number): Uint8Array =>
    linkFrame(0x44, 1, 10, 'c0' + ac.toString(16).padStart(2, '0') + '810000');
  const unsolicited = (ac: number): Uint8Array =>
    linkFrame(0x44, 1, 10, 'c0' + ac.toString(16).padStart(2, '0') + '820000');
  const session4 = (s: Sink): string[] =>
    s.anomalies.filter((a) => a === 'dnp3.unexpected_confirm' || a === 'dnp3.superseded_response');

  it('accepts the confirms a response and an unsolicited response ask for, each in its sequence', () => {
    const s = talk(
      [M, read(7)],
      [O, unsolicited(0xf3)], // FIR FIN CON UNS, seq 3
      [O, solicited(0xe7)], // FIR FIN CON, seq 7: answers the read
      [M, confirmFrame(0xc7)], // confirm 7
      [M, confirmFrame(0xd3)], // UNS confirm 3
    );
    expect(session4(s)).toEqual([]);
    expect(s.events.map((e) => e.dnp3.function)).toEqual([
      'read',
      'unsolicited_response',
      'response',
      'confirm',
      'confirm',
    ]);
  });

  it('flags a confirm for a response that did not set CON', () => {
    const s = talk([M, read(14)], [O, solicited(0xce)], [M, confirmFrame(0xce)]);
    expect(session4(s)).toEqual(['dnp3.unexpected_confirm']);
    expect(s.details.at(-1)).toBe('confirm 14 from 1 to 10, no response awaits confirmation');
  });

  it('flags an unsolicited confirm when no unsolicited response was sent, not a wrong SEQ', () => {
    const s = talk(
      [M, read(5)],
      [O, solicited(0xe5)], // CON, seq 5
      [M, confirmFrame(0xd0)], // UNS confirm 0: no unsolicited response awaits one
      [O, unsolicited(0xf9)], // CON UNS seq 9
      [M, confirmFrame(0xd8)], // UNS confirm 8 while 9 is awaited: ignored, the outstation retries
      [M, confirmFrame(0xd9)], // UNS confirm 9
      [M, confirmFrame(0xc5)], // confirm 5
    );
    expect(session4(s)).toEqual(['dnp3.unexpected_confirm']);
    expect(s.details.filter((d) => d.includes('confirm'))).toEqual([
      'unsolicited confirm 0 from 1 to 10, no response awaits confirmation',
    ]);
  });

  it('judges no confirm before a response was seen, nor after a capture gap', () => {
    expect(session4(talk([M, confirmFrame(0xd2)]))).toEqual([]);
    const s = session();
    s.parse(O, solicited(0xc1));
    dnp3Decoder.onGap?.(s.state, O, 100);
    s.parse(M, confirmFrame(0xd2));
    expect(session4(s.sink)).toEqual([]);
  });

  it('flags a response to a request the master had already followed with a newer one', () => {
    const s = talk(
      [M, read(11)],
      [M, read(12)], // sent before the answer to 11
      [O, solicited(0xcb)], // answers 11
      [O, solicited(0xcc)], // answers 12
    );
    expect(session4(s)).toEqual(['dnp3.superseded_response']);
    expect(s.details.at(-1)).toBe('response 11 from 10 to 1 after request 12 was sent');
  });

  it('accepts retries with the same SEQ, unanswered polls, requests without response, later fragments', () => {
    const retry = talk([M, read(5)], [M, read(5)], [O, solicited(0xc5)]);
    const dead = talk([M, read(5)], [M, read(6)], [M, read(7)]);
    const noAck = talk(
      [M, read(5)],
      [M, request('06' + '0c01170101' + '03' + '01' + '64000000' + '64000000' + '00', 6)], // direct operate NR, CROB latch on
      [M, linkFrame(0xc4, 0xffff, 1, 'c0c7' + '013c0206')], // broadcast read, seq 7
      [O, solicited(0xc5)],
    );
    const multi = talk(
      [M, read(2)],
      [M, read(3)],
      [O, solicited(0xc3)], // answers 3
      [O, solicited(0x02)], // later fragment of the same response: seq counts on, FIR clear
    );
    for (const s of [retry, dead, noAck, multi]) expect(session4(s)).toEqual([]);
  });

  it('keeps the (outstation, master) pairs of a flow apart', () => {
    const s = session();
    // Master 1 polls outstation 10 and master 2 polls outstation 11 on the same connection.
    s.parse(M, read(4));
    s.parse(M, linkFrame(0xc4, 11, 2, 'c0c9' + '013c0206'));
    s.parse(O, solicited(0xc4));
    s.parse(O, linkFrame(0x44, 2, 11, 'c0e9810000'));
    s.parse(M, linkFrame(0xc4, 11, 2, 'c0c900'));
    expect(session4(s.sink)).toEqual([]);
  });
});

/** Parses `inputs` in order on a fresh session with `limits`. */
function run(
  dir: Direction,
  inputs: Uint8Array | readonly Uint8Array[],
  limits: DecoderLimits = DEFAULT_LIMITS,
): Sink {
  const s = session(limits);
  for (const x of inputs instanceof Uint8Array ? [inputs] : inputs) s.parse(dir, x);
  return s.sink;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

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
