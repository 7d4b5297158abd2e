/** IEC 104 decoder: field values, framing, sequence tracking, data transfer state and limits, on annotated hex. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { StreamFeeder } from '../../stream-feeder.js';
import type { Iec104Event, Iec104Fields, Iec104Object } from './events.js';
import { fixtures } from './fixtures.js';
import type { Iec104State } from './iec104.js';
import { iec104Decoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: Iec104Event[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as Iec104Event);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(`${name}: ${detail ?? ''}`);
  }
  confirm(): void {
    this.confirms++;
  }
  take(): { events: Iec104Event[]; anomalies: string[] } {
    const out = { events: this.events, anomalies: this.anomalies };
    this.events = [];
    this.anomalies = [];
    this.details = [];
    return out;
  }
}

/** A decoder instance: state + sink, fed whole buffers. */
function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state: Iec104State = iec104Decoder.createState(limits);
  const sink = new Sink();
  return {
    state,
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return iec104Decoder.parse(state, bytes, dir, sink);
    },
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** Decodes one fixture on a fresh state and returns the `iec104` fields of its events. */
function fieldsOf(name: string): Iec104Fields[] {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  const s = session();
  expect(s.parse(f.dir, f.bytes)).toEqual({ kind: 'ok' });
  return s.sink.events.map((e) => e.iec104);
}

const first = (name: string): Iec104Fields => fieldsOf(name)[0] as Iec104Fields;
const object = (f: Iec104Fields, i = 0): Iec104Object => (f.objects ?? [])[i] as Iec104Object;

/** An I format APDU: N(S), N(R), then the ASDU given as hex (the length octet is computed). */
function iFrame(ns: number, nr: number, asdu: string): Uint8Array {
  const body = hex(asdu);
  const out = new Uint8Array(6 + body.length);
  out[0] = 0x68;
  out[1] = 4 + body.length;
  out[2] = (ns << 1) & 0xff;
  out[3] = ns >> 7;
  out[4] = (nr << 1) & 0xff;
  out[5] = nr >> 7;
  out.set(body, 6);
  return out;
}

const sFrame = (nr: number): Uint8Array =>
  hex(
    '68' +
      '04' +
      '01' +
      '00' +
      ((nr << 1) & 0xff).toString(16).padStart(2, '0') +
      (nr >> 7).toString(16).padStart(2, '0'),
  );

const U = {
  startdtAct: hex('680407000000'),
  startdtCon: hex('68040b000000'),
  stopdtAct: hex('680413000000'),
  stopdtCon: hex('680423000000'),
  testfrAct: hex('680443000000'),
  testfrCon: hex('680483000000'),
};

/** ASDU of a single command C_SC_NA_1, act, CA 1, IOA 100, on. */
const SINGLE_COMMAND =
  '2d' + // type id 45 C_SC_NA_1
  '01' + // 1 object
  '06' + // act
  '00' + // originator 0
  '0100' + // common address 1
  '640000' + // IOA 100
  '01'; // SCO on, execute

/** ASDU of a single point M_SP_NA_1, spont, CA 1, IOA 1, on. */
const SINGLE_POINT = '01' + '01' + '03' + '00' + '0100' + '010000' + '01';

describe('IEC 104: APCI formats', () => {
  it('decodes the six U format functions', () => {
    const s = session();
    for (const b of [
      U.testfrAct,
      U.testfrCon,
      U.startdtAct,
      U.startdtCon,
      U.stopdtAct,
      U.stopdtCon,
    ])
      s.parse(C, b);
    expect(s.sink.events.map((e) => [e.kind, e.iec104.format, e.iec104.u_function])).toEqual([
      ['iec104.unnumbered', 'U', 'testfr_act'],
      ['iec104.unnumbered', 'U', 'testfr_con'],
      ['iec104.unnumbered', 'U', 'startdt_act'],
      ['iec104.unnumbered', 'U', 'startdt_con'],
      ['iec104.unnumbered', 'U', 'stopdt_act'],
      ['iec104.unnumbered', 'U', 'stopdt_con'],
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags a U format with two function bits or non-zero octets, and an S format with reserved bits', () => {
    const s = session();
    s.parse(C, U.startdtAct);
    s.parse(S, U.startdtCon);
    s.sink.take();
    s.parse(C, hex('68' + '04' + '0f' + '000000')); // STARTDT act + con at once
    s.parse(C, hex('68' + '04' + '43' + '000100')); // TESTFR act, octet 3 not 0
    s.parse(C, hex('68' + '04' + '05' + '000000')); // S format with bit 3 set
    const { events, anomalies } = s.sink.take();
    expect(events.map((e) => e.iec104.u_function ?? e.iec104.format)).toEqual([
      'invalid',
      'testfr_act',
      'S',
    ]);
    expect(anomalies).toEqual([
      'iec104.invalid_control_field',
      'iec104.invalid_control_field',
      'iec104.invalid_control_field',
    ]);
  });

  it('reads N(R) of an S format APDU (iec104.pcap frame 15)', () => {
    expect(first('supervisory-ack')).toEqual({ format: 'S', apdu_length: 4, recv_seq: 13 });
  });

  it('reads N(S) and N(R) over both control octets (values above 127)', () => {
    const s = session();
    s.parse(S, iFrame(32767, 300, SINGLE_POINT));
    expect(s.sink.events[0]?.iec104).toMatchObject({ send_seq: 32767, recv_seq: 300 });
  });
});

describe('IEC 104: ASDU header', () => {
  it('decodes an interrogation command (iec104.pcap frame 9)', () => {
    const s = session();
    s.parse(C, fixture('interrogation-act'));
    expect(s.sink.events).toEqual([
      {
        kind: 'iec104.command',
        iec104: {
          format: 'I',
          apdu_length: 14,
          send_seq: 0,
          recv_seq: 0,
          type_id: 100,
          type_name: 'C_IC_NA_1',
          sq: false,
          num_objects: 1,
          cot: 6,
          cot_name: 'act',
          negative: false,
          test: false,
          originator_address: 0,
          common_address: 10,
          objects: [{ ioa: 0, qualifier: 20, qualifier_name: 'station' }],
        },
      },
    ]);
  });

  it('reads the P/N and T bits, the originator and a 2-octet common address', () => {
    const s = session();
    // TestDissectIec104.pcap frame 134: C_SC_NA_1 actcon, negative, test, CA 37133
    s.parse(S, iFrame(10, 5, '2d' + '01' + 'c7' + '00' + '0d91' + 'ce5600' + '81'));
    expect(s.sink.events[0]?.iec104).toMatchObject({
      cot: 7,
      cot_name: 'actcon',
      negative: true,
      test: true,
      originator_address: 0,
      common_address: 37133,
    });
    expect(object(s.sink.events[0]!.iec104)).toMatchObject({
      ioa: 22222,
      value: true,
      select: true,
    });
  });

  it('decodes several APDUs of one segment (iec104.pcap frame 12)', () => {
    const all = fieldsOf('interrogation-points');
    expect(all.map((f) => [f.type_name, f.cot_name, f.send_seq, f.num_objects])).toEqual([
      ['C_IC_NA_1', 'actcon', 1, 1],
      ['M_SP_NA_1', 'inrogen', 2, 4],
      ['M_DP_NA_1', 'inrogen', 3, 4],
    ]);
    expect(all[1]?.objects?.map((o) => o.ioa)).toEqual([1, 2, 3, 4]);
    expect(object(all[2]!)).toEqual({
      ioa: 1,
      value: 0,
      state: 'indeterminate_or_intermediate',
      quality: { invalid: false, not_topical: false, substituted: false, blocked: false },
    });
  });

  it('counts the addresses of an SQ=1 sequence up from the first', () => {
    const f = first('normalized-sequence');
    expect(f.sq).toBe(true);
    expect(f.objects).toEqual([
      { ioa: 100, value: 0.5, raw: 16384 },
      { ioa: 101, value: -0.5, raw: -16384 },
      { ioa: 102, value: 32767 / 32768, raw: 32767 },
    ]);
  });

  it('names causes with the standard abbreviations', () => {
    const s = session();
    const causes = [1, 2, 3, 5, 10, 11, 12, 13, 20, 21, 36, 37, 38, 41, 48];
    for (const cot of causes) {
      s.parse(
        S,
        iFrame(
          0,
          0,
          '01' + '01' + cot.toString(16).padStart(2, '0') + '00' + '0100' + '010000' + '00',
        ),
      );
    }
    expect(s.sink.events.map((e) => e.iec104.cot_name)).toEqual([
      'per_cyc',
      'back',
      'spont',
      'req',
      'actterm',
      'retrem',
      'retloc',
      'file',
      'inrogen',
      'inro1',
      'inro16',
      'reqcogen',
      'reqco1',
      'reqco4',
      'private',
    ]);
  });
});

describe('IEC 104: monitor direction values', () => {
  it('decodes the nine types of an interrogation answer (iec104.pcap frame 14)', () => {
    const all = fieldsOf('interrogation-measurements');
    expect(all.map((f) => f.type_name)).toEqual([
      'M_ST_NA_1',
      'M_BO_NA_1',
      'M_ME_NA_1',
      'M_ME_NB_1',
      'M_ME_NC_1',
      'M_SP_TB_1',
      'M_DP_TB_1',
      'M_ST_TB_1',
      'M_BO_TB_1',
    ]);
    expect(all.every((f) => f.objects?.length === 4)).toBe(true);
    expect(object(all[0]!)).toMatchObject({ ioa: 1, value: 0, transient: false });
    expect(object(all[0]!).quality?.overflow).toBe(false);
    expect(object(all[5]!)).toMatchObject({
      ioa: 11,
      value: false,
      time: '2013-07-04T08:23:04.145',
      time_invalid: false,
      time_summer: false,
    });
  });

  it('decodes a single point with CP56Time2a (iec104.pcap frame 25)', () => {
    expect(object(first('single-point-with-time'))).toEqual({
      ioa: 13,
      value: true,
      quality: { invalid: false, not_topical: false, substituted: false, blocked: false },
      time: '2013-07-04T08:23:24.007',
      time_invalid: false,
      time_summer: false,
      time_substituted: false,
    });
  });

  it('decodes short floats as the value the sender wrote (090813_diverse.pcap frame 1)', () => {
    const f = first('measured-float-periodic');
    expect(f.objects?.map((o) => [o.ioa, o.value])).toEqual([
      [1300, 30],
      [1301, 708],
    ]);
    const s = session();
    s.parse(C, fixture('setpoint-float-act'));
    expect(object(s.sink.events[0]!.iec104).value).toBe(3.14);
  });

  it('gives NaN and infinite floats as value_special, -0 as 0', () => {
    const s = session();
    const asdu = (r32: string): string =>
      '0d' + '01' + '03' + '00' + '0100' + '010000' + r32 + '00';
    s.parse(S, iFrame(0, 0, asdu('0000c07f'))); // NaN
    s.parse(S, iFrame(1, 0, asdu('0000807f'))); // +inf
    s.parse(S, iFrame(2, 0, asdu('000080ff'))); // -inf
    s.parse(S, iFrame(3, 0, asdu('00000080'))); // -0
    expect(s.sink.events.map((e) => object(e.iec104))).toMatchObject([
      { value_special: 'nan' },
      { value_special: 'inf' },
      { value_special: '-inf' },
      { value: 0 },
    ]);
    expect(s.sink.events.every((e) => JSON.stringify(e).includes('null') === false)).toBe(true);
  });

  it('decodes integrated totals with the BCR flags', () => {
    expect(object(first('integrated-totals'))).toEqual({
      ioa: 1000,
      value: 1000,
      sequence: 2,
      carry: true,
      adjusted: true,
      invalid: false,
    });
  });

  it('decodes quality descriptor bits, a step position below zero and a bitstring', () => {
    const s = session();
    s.parse(
      S,
      iFrame(
        0,
        0,
        '05' +
          '01' +
          '03' +
          '00' +
          '0100' + // M_ST_NA_1, spont
          '0a0000' + // IOA 10
          'fe' + // VTI: transient, value -2 (0x7e as 7-bit two's complement)
          'f1', // QDS: IV NT SB BL OV
      ),
    );
    s.parse(S, iFrame(1, 0, '07' + '01' + '03' + '00' + '0100' + '0b0000' + '78563412' + '00')); // BSI
    const st = object(s.sink.events[0]!.iec104);
    expect(st).toEqual({
      ioa: 10,
      value: -2,
      transient: true,
      quality: {
        invalid: true,
        not_topical: true,
        substituted: true,
        blocked: true,
        overflow: true,
      },
    });
    expect(object(s.sink.events[1]!.iec104).value).toBe(0x12345678);
  });

  it('decodes packed single points and protection events', () => {
    const s = session();
    s.parse(
      S,
      iFrame(0, 0, '14' + '01' + '03' + '00' + '0100' + '010000' + '0300' + '0100' + '00'),
    ); // M_PS_NA_1
    s.parse(
      S,
      iFrame(
        1,
        0,
        '26' +
          '01' +
          '03' +
          '00' +
          '0100' +
          '020000' + // M_EP_TD_1
          '0a' + // SEP: ES 2 (on), EI
          'e803' + // elapsed 1000 ms
          T_2019,
      ),
    );
    expect(object(s.sink.events[0]!.iec104)).toMatchObject({ status: 3, changes: 1 });
    expect(object(s.sink.events[1]!.iec104)).toMatchObject({
      value: 2,
      state: 'on',
      elapsed_ms: 1000,
      quality: { elapsed_time_invalid: true, invalid: false },
      time: '2019-01-01T00:00:00.000',
    });
  });

  it('decodes end of initialization with its cause', () => {
    expect(object(first('end-of-initialization'))).toEqual({
      ioa: 0,
      cause: 0,
      cause_name: 'local_power_on',
      after_parameter_change: false,
    });
  });
});

/** CP56Time2a 2019-01-01 00:00:00.000. */
const T_2019 = '0000' + '00' + '00' + '01' + '01' + '13';

describe('IEC 104: commands', () => {
  it('decodes single, double and regulating step commands', () => {
    expect(object(first('single-command-act'))).toEqual({
      ioa: 2,
      value: true,
      qualifier: 0,
      qualifier_name: 'no_additional_definition',
      select: false,
    });
    expect(object(first('double-command-act'))).toMatchObject({
      value: 1,
      state: 'off',
      select: false,
    });
    expect(object(first('regulating-step-act'))).toMatchObject({ value: 2, state: 'higher' });
  });

  it('decodes select with a pulse qualifier and a CP56Time2a tag', () => {
    const f = first('single-command-with-time-act');
    expect(f.type_name).toBe('C_SC_TA_1');
    // Year octet 109: a struct tm year, 2009 (the capture is from 2009-08-13).
    expect(object(f)).toMatchObject({
      ioa: 4501,
      value: true,
      select: true,
      time: '2009-08-13T19:23:00.008',
    });
    const s = session();
    s.parse(C, iFrame(0, 0, '2e' + '01' + '06' + '00' + '0100' + '010000' + '8a')); // DCO on, QU 2, select
    expect(object(s.sink.events[0]!.iec104)).toMatchObject({
      value: 2,
      state: 'on',
      qualifier: 2,
      qualifier_name: 'long_pulse',
      select: true,
    });
  });

  it('decodes set-points (normalized, scaled, float) with QOS', () => {
    expect(object(first('setpoint-normalized-act'))).toEqual({
      ioa: 1,
      value: 0.03125,
      raw: 1024,
      qualifier: 0,
      select: false,
    });
    expect(object(first('setpoint-scaled-act'))).toEqual({
      ioa: 3,
      value: 123,
      qualifier: 0,
      select: false,
    });
    expect(object(first('setpoint-float-with-time-act'))).toMatchObject({
      value: 123,
      select: true,
    });
    expect(object(first('bitstring-command-act'))).toEqual({ ioa: 3, value: 2 });
  });

  it('decodes counter interrogation, read, reset process and the test command', () => {
    expect(object(first('counter-interrogation-act'))).toEqual({
      ioa: 0,
      qualifier: 5,
      request: 5,
      request_name: 'general',
      freeze: 0,
      freeze_name: 'read',
    });
    expect(first('read-command')).toMatchObject({
      type_name: 'C_RD_NA_1',
      cot_name: 'req',
      objects: [{ ioa: 1000 }],
    });
    expect(object(first('reset-process-act'))).toEqual({
      ioa: 0,
      qualifier: 1,
      qualifier_name: 'general_reset',
    });
    expect(object(first('test-command-with-time'))).toMatchObject({
      test_counter: 0x1234,
      time: '2013-07-04T08:23:04.145',
    });
  });

  it('decodes clock synchronization to ISO time (TestDissectIec104.pcap frames 139, 140)', () => {
    const f = first('clock-sync-act');
    expect(f).toMatchObject({
      type_name: 'C_CS_NA_1',
      originator_address: 4,
      common_address: 37133,
    });
    expect(object(f)).toEqual({
      ioa: 0,
      time: '2008-08-29T08:57:13.000',
      time_invalid: false,
      time_summer: false,
      time_substituted: false,
    });
    const both = fieldsOf('clock-sync-actcon');
    expect(both.map((x) => x.format)).toEqual(['S', 'I']);
    expect(both[1]?.cot_name).toBe('actcon');
  });

  it('decodes parameters of measured values', () => {
    const f = first('parameter-scaled-act');
    expect(f.type_name).toBe('P_ME_NB_1');
    expect(object(f)).toEqual({
      ioa: 1000,
      value: 100,
      qualifier: 1,
      parameter_kind: 1,
      parameter_kind_name: 'threshold',
      local_change: false,
      not_in_operation: false,
    });
  });

  it('decodes file transfer objects', () => {
    const s = session();
    s.parse(
      S,
      iFrame(0, 0, '78' + '01' + '0d' + '00' + '0100' + '000000' + '0100' + '000100' + '00'),
    ); // F_FR_NA_1
    s.parse(
      S,
      iFrame(1, 0, '7d' + '01' + '0d' + '00' + '0100' + '000000' + '0100' + '01' + '03' + 'aabbcc'),
    ); // F_SG_NA_1
    expect(s.sink.events.map((e) => e.kind)).toEqual(['iec104.file', 'iec104.file']);
    expect(object(s.sink.events[0]!.iec104)).toEqual({
      ioa: 0,
      file_name: 1,
      file_length: 256,
      qualifier: 0,
    });
    expect(object(s.sink.events[1]!.iec104)).toEqual({
      ioa: 0,
      file_name: 1,
      section: 1,
      segment_length: 3,
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags a refusal with cause 47, unknown IOA (similator.pcap frame 658)', () => {
    const s = session();
    s.parse(S, fixture('setpoint-unknown-ioa'));
    expect(s.sink.events[0]?.iec104).toMatchObject({
      cot: 47,
      cot_name: 'unknown_ioa',
      negative: true,
    });
    expect(object(s.sink.events[0]!.iec104).value).toBe(-98.78);
    expect(s.sink.anomalies).toEqual(['iec104.rejected_asdu']);
  });
});

describe('IEC 104: ASDU anomalies', () => {
  it('flags reserved, private and 101-only types', () => {
    const s = session();
    s.parse(S, iFrame(0, 0, '16' + '01' + '03' + '00' + '0100' + '010000' + '00')); // 22 reserved
    s.parse(S, iFrame(1, 0, 'c8' + '01' + '03' + '00' + '0100' + '010000' + '00')); // 200 private
    s.parse(S, iFrame(2, 0, '02' + '01' + '03' + '00' + '0100' + '010000' + '01' + '3075' + '05')); // M_SP_TA_1
    const { events, anomalies } = s.sink.take();
    expect(events.map((e) => [e.kind, e.iec104.type_name, e.iec104.objects])).toEqual([
      ['iec104.asdu', 'reserved', undefined],
      ['iec104.asdu', 'private', undefined],
      [
        'iec104.monitor',
        'M_SP_TA_1',
        [expect.objectContaining({ value: true, time: '05:30.000' })],
      ],
    ]);
    expect(anomalies).toEqual([
      'iec104.unknown_type',
      'iec104.unknown_type',
      'iec104.type_not_in_104',
    ]);
  });

  it('flags truncated headers and objects, and octets left over', () => {
    const s = session();
    s.parse(S, iFrame(0, 0, '01' + '01' + '03')); // header cut after COT
    s.parse(S, iFrame(1, 0, '01' + '02' + '03' + '00' + '0100' + '010000' + '01' + '0200')); // 2nd IOA cut
    s.parse(S, iFrame(2, 0, SINGLE_POINT + 'ff')); // one octet too many
    const { events, anomalies } = s.sink.take();
    expect(events[0]?.iec104).toMatchObject({ type_id: 1, num_objects: 1, cot: 3 });
    expect(events[0]?.iec104.common_address).toBeUndefined();
    expect(events[1]?.iec104.objects).toHaveLength(1);
    expect(anomalies).toEqual([
      'iec104.truncated_asdu',
      'iec104.truncated_asdu',
      'iec104.length_mismatch',
    ]);
  });

  it('flags cause 0, commands with several objects, an empty ASDU, reserved qualifiers', () => {
    const s = session();
    s.parse(S, iFrame(0, 0, '01' + '01' + '00' + '00' + '0100' + '010000' + '00')); // cause 0
    s.parse(
      C,
      iFrame(0, 1, '2d' + '02' + '06' + '00' + '0100' + '010000' + '01' + '020000' + '01'),
    );
    s.parse(S, iFrame(1, 1, '01' + '00' + '14' + '00' + '0100')); // no objects
    s.parse(C, iFrame(1, 2, '64' + '01' + '06' + '00' + '0100' + '000000' + '05')); // QOI 5
    expect(s.sink.anomalies).toEqual([
      'iec104.invalid_cause',
      'iec104.invalid_vsq',
      'iec104.no_objects',
      'iec104.reserved_qualifier',
    ]);
    expect(s.sink.events[1]?.iec104.objects).toHaveLength(2);
    expect(object(s.sink.events[3]!.iec104).qualifier_name).toBe('reserved');
  });

  it('flags a double command with state 3 and an impossible time (one anomaly per ASDU)', () => {
    const s = session();
    s.parse(C, fixture('double-command-not-permitted'));
    expect(s.sink.anomalies).toEqual([
      'iec104.invalid_vsq',
      'iec104.invalid_time',
      'iec104.invalid_command_state',
    ]);
    const f = s.sink.events[0]!.iec104;
    expect(object(f, 0).time).toBeUndefined();
    expect(object(f, 0).state).toBe('not_permitted');
    expect(object(f, 1).time).toBe('2019-01-01T00:00:00.000');
  });

  it('does not flag an impossible time whose IV bit is set', () => {
    const s = session();
    s.parse(
      S,
      iFrame(
        0,
        0,
        '1e' + '01' + '03' + '00' + '0100' + '010000' + '01' + '0000' + '80' + '000000' + '00',
      ),
    );
    expect(s.sink.anomalies).toEqual([]);
    expect(object(s.sink.events[0]!.iec104)).toMatchObject({ time_invalid: true });
    expect(object(s.sink.events[0]!.iec104).time).toBeUndefined();
  });

  it('lists at most maxObjectsPerMessage objects', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    s.parse(S, fixture('interrogation-points'));
    const sp = s.sink.events[1]!.iec104;
    expect(sp.objects?.map((o) => o.ioa)).toEqual([1, 2]);
    expect(sp.objects_truncated).toBe(true);
    expect(s.sink.anomalies).toEqual([
      'iec104.objects_limit_reached',
      'iec104.objects_limit_reached',
    ]);
  });

  it('recognises secure authentication ASDUs without decoding them', () => {
    const s = session();
    s.parse(S, iFrame(0, 0, '51' + '01' + '0e' + '00' + '0100' + '0102030405060708'));
    expect(s.sink.events[0]).toMatchObject({
      kind: 'iec104.security',
      iec104: { type_name: 'S_CH_NA_1', cot_name: 'auth' },
    });
    expect(s.sink.events[0]?.iec104.objects).toBeUndefined();
    expect(s.sink.anomalies).toEqual([]);
  });
});

describe('IEC 104: sequence numbers', () => {
  /** A connection from its start: STARTDT act/con. */
  function started() {
    const s = session();
    s.parse(C, U.startdtAct);
    s.parse(S, U.startdtCon);
    return s;
  }

  it('accepts a well-numbered exchange from the connection start', () => {
    const s = started();
    s.parse(C, iFrame(0, 0, SINGLE_COMMAND));
    s.parse(S, iFrame(0, 1, SINGLE_POINT));
    s.parse(S, iFrame(1, 1, SINGLE_POINT));
    s.parse(C, sFrame(2));
    s.parse(C, iFrame(1, 2, SINGLE_COMMAND));
    expect(s.sink.anomalies).toEqual([]);
  });

  it('expects N(S) 0 after STARTDT act at the connection start', () => {
    const s = started();
    s.parse(S, iFrame(5, 0, SINGLE_POINT));
    expect(s.sink.details).toEqual(['iec104.sequence_gap: N(S) 5, expected 0: 5 missing']);
  });

  it('flags a gap, then follows the new numbering', () => {
    const s = started();
    s.parse(S, iFrame(0, 0, SINGLE_POINT));
    s.parse(S, iFrame(3, 0, SINGLE_POINT));
    s.parse(S, iFrame(4, 0, SINGLE_POINT));
    expect(s.sink.anomalies).toEqual(['iec104.sequence_gap']);
  });

  it("flags an injected command that takes the genuine sender's number", () => {
    const s = started();
    s.parse(C, iFrame(0, 0, SINGLE_COMMAND));
    // An attacker injects N(S) 1; then the genuine master sends its own N(S) 1.
    s.parse(C, iFrame(1, 0, SINGLE_COMMAND));
    s.parse(C, iFrame(1, 0, SINGLE_COMMAND));
    expect(s.sink.details).toEqual(['iec104.sequence_duplicate: N(S) 1 repeats, expected 2']);
  });

  it('flags an N(R) acknowledging unsent APDUs and an N(R) going back', () => {
    const s = started();
    s.parse(S, iFrame(0, 0, SINGLE_POINT));
    s.parse(C, sFrame(4)); // only N(S) 0 was sent: N(R) may be at most 1
    s.parse(C, sFrame(1)); // back from 4
    expect(s.sink.anomalies).toEqual(['iec104.invalid_ack', 'iec104.invalid_ack']);
  });

  it('learns the numbers mid-connection from the first I format APDU of each side', () => {
    const s = session();
    s.parse(S, iFrame(1000, 77, SINGLE_POINT));
    s.parse(C, sFrame(1001));
    s.parse(S, iFrame(1001, 77, SINGLE_POINT));
    s.parse(C, iFrame(77, 1002, SINGLE_COMMAND));
    expect(s.sink.anomalies).toEqual([]);
  });

  it('wraps N(S) modulo 32768', () => {
    const s = session();
    s.parse(S, iFrame(32767, 0, SINGLE_POINT));
    s.parse(S, iFrame(0, 0, SINGLE_POINT));
    s.parse(C, sFrame(1));
    expect(s.sink.anomalies).toEqual([]);
  });

  it("forgets a direction's numbers after a capture gap", () => {
    const s = session();
    s.parse(S, iFrame(10, 0, SINGLE_POINT));
    iec104Decoder.onGap?.(s.state, S, 100);
    s.parse(S, iFrame(20, 0, SINGLE_POINT));
    s.parse(C, sFrame(21));
    expect(s.sink.anomalies).toEqual([]);
  });
});

describe('IEC 104: data transfer state', () => {
  it('flags I format APDUs before STARTDT con and after STOPDT con', () => {
    const s = session();
    s.parse(C, U.startdtAct);
    s.parse(S, iFrame(0, 0, SINGLE_POINT)); // before STARTDT con
    s.parse(S, U.startdtCon);
    s.parse(C, iFrame(0, 1, SINGLE_COMMAND)); // fine
    s.parse(C, U.stopdtAct);
    s.parse(S, iFrame(1, 1, SINGLE_POINT)); // the controlled station may still send
    s.parse(C, iFrame(1, 2, SINGLE_COMMAND)); // the controlling station may not
    s.parse(S, U.stopdtCon);
    s.parse(S, iFrame(2, 2, SINGLE_POINT)); // stopped
    expect(s.sink.details.filter((d) => d.startsWith('iec104.data_while_stopped'))).toEqual([
      'iec104.data_while_stopped: I format APDU from the controlled station while data transfer is starting',
      'iec104.data_while_stopped: I format APDU from the controlling station while data transfer is stopping',
      'iec104.data_while_stopped: I format APDU from the controlled station while data transfer is stopped',
    ]);
  });

  it('does not judge a connection whose start it did not see', () => {
    const s = session();
    s.parse(S, iFrame(0, 0, SINGLE_POINT));
    s.parse(C, U.testfrAct);
    expect(s.sink.anomalies).toEqual([]);
  });
});

describe('IEC 104: framing', () => {
  it('leaves a partial APDU unconsumed and asks for the rest', () => {
    const s = session();
    const b = fixture('interrogation-act');
    expect(s.parse(C, b.subarray(0, 1))).toEqual({ kind: 'incomplete', consumed: 0, needed: 2 });
    expect(s.parse(C, b.subarray(0, 5))).toEqual({ kind: 'incomplete', consumed: 0, needed: 16 });
    expect(s.parse(C, concatBytes(U.testfrAct, b.subarray(0, 3)))).toEqual({
      kind: 'incomplete',
      consumed: 6,
      needed: 16,
    });
  });

  it('confirms on a well-formed U format APDU or after two well-formed APDUs', () => {
    const a = session();
    a.parse(C, hex('680407000100')); // STARTDT act with a non-zero octet: not proof
    expect(a.sink.confirms).toBe(0);
    a.parse(C, U.startdtAct);
    expect(a.sink.confirms).toBe(1);
    const b = session();
    b.parse(S, iFrame(0, 0, SINGLE_POINT));
    expect(b.sink.confirms).toBe(0);
    b.parse(S, iFrame(1, 0, SINGLE_POINT));
    expect(b.sink.confirms).toBe(1);
  });

  it('rejects a flow that does not start with an APCI', () => {
    const s = session();
    expect(s.parse(C, hex('474554202f20485454502f312e310d0a'))).toEqual({
      kind: 'reject',
      anomaly: 'iec104.invalid_start',
    });
    const t = session();
    expect(t.parse(C, hex('680201000000'))).toEqual({
      kind: 'reject',
      anomaly: 'iec104.invalid_length',
    });
  });

  it('skips stray octets on a confirmed flow (TestDissectIec104.pcap frame 41)', () => {
    const s = session();
    s.parse(C, U.startdtAct);
    s.parse(S, U.startdtCon);
    s.sink.take();
    expect(
      s.parse(C, concatBytes(fixture('stray-octets-and-truncated-asdu'), U.testfrAct)),
    ).toEqual({
      kind: 'ok',
    });
    const { events, anomalies } = s.sink.take();
    expect(events.map((e) => [e.kind, e.iec104.type_id, e.iec104.u_function])).toEqual([
      ['iec104.asdu', 24, undefined],
      ['iec104.unnumbered', undefined, 'testfr_act'],
    ]);
    expect(anomalies[0]).toBe('iec104.invalid_start');
    expect(anomalies).toContain('iec104.truncated_asdu');
  });

  it('decodes an APDU longer than 253 on a confirmed flow, as Wireshark does', () => {
    const s = session();
    s.parse(C, U.startdtAct);
    s.parse(S, U.startdtCon);
    const asdu = '0d' + '9f' + '01' + '00' + '0100' + '000000' + '0000803f00'.repeat(31); // SQ=1, 31 floats: 164 octets
    const big = iFrame(0, 0, asdu + '00'.repeat(250 - 164));
    expect(big[1]).toBe(254);
    s.parse(S, big);
    expect(s.sink.anomalies).toEqual(['iec104.invalid_length', 'iec104.length_mismatch']);
    expect(s.sink.events[2]?.iec104.objects).toHaveLength(31);
  });

  it('resynchronises after a capture gap on the next APCI', () => {
    const s = session();
    s.parse(S, iFrame(0, 0, SINGLE_POINT));
    iec104Decoder.onGap?.(s.state, S, 7);
    // The tail of a lost APDU, then a whole one.
    s.parse(S, concatBytes(hex('0100000100'), iFrame(1, 0, SINGLE_POINT)));
    expect(s.sink.events.map((e) => e.iec104.send_seq)).toEqual([0, 1]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('gives the same events fed one byte at a time through the StreamFeeder', () => {
    const whole = session();
    const bytes = concatBytes(
      fixture('interrogation-points'),
      fixture('interrogation-measurements'),
    );
    whole.parse(S, bytes);
    const split = session();
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    for (let i = 0; i < bytes.length; i++)
      feeder.push(iec104Decoder, split.state, bytes.subarray(i, i + 1), S, split.sink);
    expect(split.sink.events).toEqual(whole.sink.events);
  });
});

describe('IEC 104: probe', () => {
  const probe = (b: Uint8Array, dir: Direction = C) => iec104Decoder.probe(b, dir);

  it('matches every normal fixture and waits on a short prefix', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal'))
      expect(probe(f.bytes, f.dir)).toBe('match');
    expect(probe(hex(''))).toBe('need_more');
    expect(probe(hex('68'))).toBe('need_more');
    expect(probe(fixture('interrogation-act').subarray(0, 8))).toBe('need_more');
  });

  it('refuses other protocols and implausible APCIs', () => {
    expect(probe(hex('474554202f'))).toBe('no_match'); // "GET /"
    expect(probe(hex('680301000000'))).toBe('no_match'); // length 3
    expect(probe(hex('680401010000'))).toBe('no_match'); // S format, octet 2 not 0
    expect(probe(hex('68040f000000'))).toBe('no_match'); // two U functions
    expect(probe(hex('680443000000ff'))).toBe('no_match'); // something else follows
    // I format with a reserved type, with cause 0, with a length that does not fit its objects
    expect(probe(iFrame(0, 0, '16' + '01' + '03' + '00' + '0100' + '010000' + '00'))).toBe(
      'no_match',
    );
    expect(probe(iFrame(0, 0, '01' + '01' + '00' + '00' + '0100' + '010000' + '00'))).toBe(
      'no_match',
    );
    expect(probe(iFrame(0, 0, SINGLE_POINT + '00'))).toBe('no_match');
  });
});
