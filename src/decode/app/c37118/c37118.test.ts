/** C37.118 decoder: framing, CRC, configuration, data decoded with it, commands, anomalies. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import { crcCcitt } from './c37118.js';
import type { C37118Event } from './events.js';
import { fixtures } from './fixtures.js';
import { c37118Decoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: C37118Event[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as C37118Event);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session() {
  const state = c37118Decoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      c37118Decoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** A frame from SYNC to the end of its body, with FRAMESIZE and CHK filled in. */
function frame(sync: string, idcode: string, body: string): Uint8Array {
  const b = hex(sync + '0000' + idcode + '4893344a' + '00000000' + body + '0000');
  b[2] = b.length >> 8;
  b[3] = b.length & 0xff;
  const crc = crcCcitt(b, 0, b.length - 2);
  b[b.length - 2] = crc >> 8;
  b[b.length - 1] = crc & 0xff;
  return b;
}

describe('C37.118 framing', () => {
  it('checks the CRC-CCITT of real frames', () => {
    for (const f of fixtures) {
      const b = f.bytes;
      expect(crcCcitt(b, 0, b.length - 2)).toBe((b[b.length - 2]! << 8) | b[b.length - 1]!);
    }
  });

  it('probes SYNC, type, version, size and CRC', () => {
    const p = (b: Uint8Array) => c37118Decoder.probe(b, S);
    expect(p(fixture('cfg2'))).toBe('match');
    expect(p(fixture('cfg2').subarray(0, 20))).toBe('need_more');
    expect(p(hex('aa71'))).toBe('no_match'); // frame type 7 undefined
    expect(p(hex('aa30'))).toBe('no_match'); // version 0
    expect(p(hex('aa01000f'))).toBe('no_match'); // FRAMESIZE 15
    const bad = fixture('data').slice();
    bad[20] = (bad[20] as number) ^ 1;
    expect(p(bad)).toBe('no_match');
    expect(p(hex('474554202f'))).toBe('no_match');
  });

  it('reads several frames from one datagram and asks for the rest of a cut one', () => {
    const s = session();
    const two = new Uint8Array([...fixture('command-send-cfg2'), ...fixture('command-turn-on')]);
    expect(s.parse(C, two)).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => e.c37118.command_name)).toEqual([
      'send_cfg2',
      'turn_on_transmission',
    ]);
    expect(s.parse(S, fixture('cfg2').subarray(0, 50))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 134,
    });
  });

  it('rejects a new flow that does not start with SYNC, resynchronises a known one', () => {
    expect(session().parse(S, hex('0102030405'))).toEqual({
      kind: 'reject',
      anomaly: 'c37118.invalid_sync',
    });
    const s = session();
    s.parse(C, fixture('command-send-cfg2'));
    const junk = new Uint8Array([0x00, 0xaa, 0x77, ...fixture('command-turn-on')]);
    expect(s.parse(C, junk)).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toContain('c37118.invalid_sync');
    expect(s.sink.events.at(-1)?.c37118.command_name).toBe('turn_on_transmission');
  });
});

describe('C37.118 frames', () => {
  it('decodes CFG-2 as tshark shows it (1PMU_TCP frame 6)', () => {
    const s = session();
    s.parse(S, fixture('cfg2'));
    const f = s.sink.events[0]!.c37118;
    expect(s.sink.events[0]!.kind).toBe('c37118.config');
    expect(f).toMatchObject({
      frame_type: 3,
      frame_type_name: 'cfg2',
      version: 1,
      frame_size: 134,
      idcode: 241,
      soc: 1217606730,
      fracsec: 1677722,
      time_quality: 'locked',
      timestamp: '2008-08-01T16:05:30.100Z',
      crc_ok: true,
      time_base: 16777215,
      num_pmu: 1,
      data_rate: 50,
    });
    expect(f.pmus).toEqual([
      {
        station: 'Blue PMU',
        idcode: 241,
        format: 6,
        phasor_float: true,
        phasor_polar: false,
        analog_float: true,
        freq_float: false,
        phasors: 4,
        analogs: 0,
        digitals: 0,
        channel_names: ['V1LPM', 'VALPM', 'VBLPM', 'VCLPM'],
        nominal_frequency: 50,
        config_count: 89,
      },
    ]);
    expect(s.sink.confirms).toBe(1);
  });

  it('decodes a data frame with the configuration of the flow (1PMU_TCP frame 10)', () => {
    const s = session();
    s.parse(S, fixture('cfg2'));
    s.parse(S, fixture('data'));
    const f = s.sink.events[1]!.c37118;
    expect(f.timestamp).toBe('2008-08-01T16:05:30.120Z');
    const pmu = f.data![0]!;
    expect(pmu).toMatchObject({
      station: 'Blue PMU',
      idcode: 241,
      stat: 0x0800,
      data_error: 'good',
      pmu_sync: true,
      trigger: true,
      trigger_reason: 'manual',
      unlocked_time: 'locked',
      frequency: 50,
      rocof: 0,
      phasor_count: 4,
    });
    // tshark: 100044.349V ∠-89.929°, 100038.474V ∠-89.926°, 100044.419V ∠150.069°, ∠30.069°
    expect(pmu.phasors!.map((p) => [p.magnitude.toFixed(3), p.angle.toFixed(3)])).toEqual([
      ['100044.349', '-89.929'],
      ['100038.474', '-89.926'],
      ['100044.419', '150.069'],
      ['100050.144', '30.069'],
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('reports data before any configuration once and does not decode it', () => {
    const s = session();
    s.parse(S, fixture('data'));
    s.parse(S, fixture('data'));
    expect(s.sink.events.map((e) => e.c37118.no_config)).toEqual([true, true]);
    expect(s.sink.anomalies).toEqual(['c37118.data_before_config']);
  });

  it('names commands and flags turning transmission off and configuration requests', () => {
    const s = session();
    for (const cmd of ['0001', '0002', '0003', '0004', '0005', '0006', '0008', '0009']) {
      s.parse(C, frame('aa41', '00f1', cmd));
    }
    expect(s.sink.events.map((e) => e.c37118.command_name)).toEqual([
      'turn_off_transmission',
      'turn_on_transmission',
      'send_header',
      'send_cfg1',
      'send_cfg2',
      'send_cfg3',
      'extended_frame',
      'unknown',
    ]);
    expect(s.sink.anomalies).toEqual([
      'c37118.transmission_off',
      'c37118.config_request',
      'c37118.config_request',
      'c37118.config_request',
      'c37118.config_request',
      'c37118.unknown_command',
    ]);
  });

  it('flags a bad CRC and an IDCODE change', () => {
    const s = session();
    s.parse(C, fixture('command-send-cfg2'));
    const bad = fixture('command-turn-on').slice();
    bad[5] = 0xf2; // IDCODE 242, CHK left as is
    s.parse(C, bad);
    expect(s.sink.events[1]!.c37118.crc_ok).toBe(false);
    expect(s.sink.anomalies).toEqual([
      'c37118.config_request',
      'c37118.crc_error',
      'c37118.idcode_change',
    ]);
  });

  it('raises the STAT anomalies when a condition starts, not while it lasts', () => {
    const s = session();
    s.parse(S, fixture('cfg2'));
    const data = (stat: string): Uint8Array =>
      frame('aa01', '00f1', stat + '00'.repeat(32) + '0000' + '0000');
    s.parse(S, data('0000'));
    s.parse(S, data('e400')); // do not use, not synchronised, config change
    s.parse(S, data('e400'));
    s.parse(S, data('0000'));
    s.parse(S, data('2000'));
    expect(s.sink.anomalies).toEqual([
      'c37118.stat_data_error',
      'c37118.sync_loss',
      'c37118.config_change',
      'c37118.sync_loss',
    ]);
    expect(s.sink.events[2]!.c37118.data![0]).toMatchObject({
      data_error: 'pmu_error_do_not_use',
      pmu_sync: false,
      config_change: true,
    });
  });

  it('flags a data frame whose size does not match the configuration', () => {
    const s = session();
    s.parse(S, fixture('cfg2'));
    s.parse(S, frame('aa01', '00f1', '0000' + '00'.repeat(10)));
    expect(s.sink.anomalies).toEqual(['c37118.config_mismatch']);
    expect(s.sink.events[1]!.c37118.data).toEqual([]);
  });

  it('decodes a CFG-3 frame and integer polar data with its scale', () => {
    const s = session();
    const cfg3 = frame(
      'aa52', // CFG-3, version 2
      '0007',
      '0000' + // CONT_IDX 0
        '000f4240' + // TIME_BASE 1000000
        '0001' + // NUM_PMU 1
        '03' +
        '534231' + // STN 'SB1'
        '0007' + // IDCODE 7
        '00'.repeat(16) + // G_PMU_ID
        '0001' + // FORMAT: integer, polar
        '0001' + // PHNMR 1
        '0000' + // ANNMR
        '0000' + // DGNMR
        '02' +
        '5641' + // CHNAM 'VA'
        '00000000' +
        '3c23d70a' + // scale 0.01
        '00000000' + // PHSCALE: flags, scale factor, angle offset
        '00'.repeat(12) + // LAT, LON, ELEV
        '4d' + // SVC_CLASS 'M'
        '00000000' +
        '00000000' + // WINDOW, GRP_DLY
        '0000' + // FNOM 60 Hz
        '0003' + // CFGCNT 3
        'fffe', // DATA_RATE -2 (one frame every 2 s)
    );
    s.parse(S, cfg3);
    expect(s.sink.events[0]!.c37118).toMatchObject({
      frame_type_name: 'cfg3',
      version: 2,
      continuation_index: 0,
      time_base: 1000000,
      data_rate: -2,
      pmus: [
        {
          station: 'SB1',
          idcode: 7,
          phasor_polar: true,
          phasor_float: false,
          channel_names: ['VA'],
          nominal_frequency: 60,
          config_count: 3,
        },
      ],
    });
    // STAT 0, phasor magnitude 10000 x 0.01, angle 15708 / 10^4 rad, FREQ -50 mHz, DFREQ 25.
    s.parse(S, frame('aa02', '0007', '0000' + '2710' + '3d5c' + 'ffce' + '0019'));
    const pmu = s.sink.events[1]!.c37118.data![0]!;
    expect(pmu.phasors![0]!.magnitude).toBeCloseTo(100, 3);
    expect(pmu.phasors![0]!.angle).toBeCloseTo(90, 2);
    expect(pmu.frequency).toBe(59.95);
    expect(pmu.rocof).toBe(0.25);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('keeps a header frame text', () => {
    const s = session();
    s.parse(S, frame('aa11', '00f1', '504d552031'));
    expect(s.sink.events[0]!.kind).toBe('c37118.header');
    expect(s.sink.events[0]!.c37118.header_text).toBe('PMU 1');
  });
});
