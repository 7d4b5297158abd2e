/** PROFINET RT decoder: DCP services and blocks, cyclic summaries, alarms, PTCP, probe, anomalies. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { Prng } from '../../../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import type { ProfinetEvent } from './events.js';
import { PROFINET_EVENT_KINDS } from './events.js';
import { fixtures } from './fixtures.js';
import { PROFINET_ANOMALIES, profinetDecoder } from './index.js';

const D = Direction.TO_SERVER;

class Sink implements DecodeSink {
  events: ProfinetEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as unknown as ProfinetEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {}
}

function session() {
  const state = profinetDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return { sink, parse: (bytes: Uint8Array) => profinetDecoder.parse(state, bytes, D, sink) };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

const one = (name: string): { sink: Sink; e: ProfinetEvent['profinet'] } => {
  const s = session();
  s.parse(fixture(name));
  return { sink: s.sink, e: (s.sink.events[0] as ProfinetEvent).profinet };
};

describe('PROFINET DCP', () => {
  it('decodes an Identify-All request (multicast header, All selector)', () => {
    const { e, sink } = one('dcp-identify-all-request');
    expect(e).toMatchObject({
      frame_id: 0xfefe,
      frame_type: 'dcp_identify_request',
      service: 'identify',
      service_type_name: 'request',
      xid: 0x01000001,
      response_delay: 1,
      data_length: 4,
      blocks: [{ option: 255, suboption: 255, name: 'all/all' }],
    });
    expect(sink.anomalies).toEqual([]);
  });

  it('decodes an Identify response: name, vendor, device id, role, IP suite, options', () => {
    const { e, sink } = one('dcp-identify-response');
    expect(e).toMatchObject({
      service: 'identify',
      service_type_name: 'response_success',
      name_of_station: 'X208-BORD',
      device_vendor: 'INC',
      vendor_id: 0x002a,
      device_id: 0x0a01,
      device_role: 1,
      device_roles: ['io_device'],
      ip: '192.168.0.6',
      netmask: '255.255.255.0',
      gateway: '192.168.0.1',
      ip_block_info: 'ip_set',
    });
    expect(e.device_options).toHaveLength(13);
    expect(e.device_options?.[12]).toBe('all/all');
    expect(e.response_delay).toBeUndefined();
    expect(sink.anomalies).toEqual([]);
  });

  it('flags a Set of the IP suite with its BlockQualifier and the values', () => {
    const { e, sink } = one('dcp-set-ip-request');
    expect(e).toMatchObject({ service: 'set', block_qualifier: 'permanent', ip: '192.168.0.10' });
    expect(sink.anomalies).toEqual(['profinet.dcp_set_ip']);
    expect(sink.details[0]).toBe('IP set to 192.168.0.10 mask 255.255.255.0 gateway 192.168.0.1');
  });

  it('decodes the Set response BlockError', () => {
    const { e, sink } = one('dcp-set-response');
    expect(e.block_errors).toEqual([{ block: 'ip/ip_parameter', error: 0, error_name: 'ok' }]);
    expect(sink.anomalies).toEqual([]);
  });

  it('flags a Set of the NameOfStation, and keeps the name verbatim', () => {
    const { e, sink } = one('dcp-set-name-request');
    expect(e.name_of_station).toBe('%n%n%n ');
    expect(e.controls).toEqual(['end_transaction']);
    expect(sink.anomalies).toEqual(['profinet.dcp_set_name']);
  });

  it('flags Signal and Reset to Factory with the reset mode', () => {
    const { e, sink } = one('dcp-set-signal-reset-to-factory');
    expect(e.controls).toEqual(['signal', 'reset_to_factory']);
    expect(e.signal_value).toBe(0x0100);
    expect(e.reset_mode).toBe('reset_communication_parameter');
    expect(sink.anomalies).toEqual(['profinet.dcp_signal', 'profinet.dcp_factory_reset']);
  });

  it('reads DeviceInitiative in an Identify response', () => {
    const { e } = one('dcp-identify-response-device-initiative');
    expect(e).toMatchObject({
      name_of_station: 'versamax-pns11',
      vendor_id: 0x015a,
      device_initiative: 1,
    });
    expect(e.device_vendor).toBe('IC200PNS001');
  });

  it('names a block running past the DCP data and stops there', () => {
    const { e, sink } = one('dcp-block-past-data');
    expect(e.blocks).toEqual([]);
    expect(sink.anomalies).toEqual(['profinet.malformed_block']);
  });

  it('reports an address conflict the device states in its IP BlockInfo', () => {
    const bytes = fixture('dcp-identify-response').slice();
    // IP block BlockInfo at the end of the frame: 0x0081 = IP set, conflict detected.
    bytes[bytes.length - 13] = 0x81;
    const s = session();
    s.parse(bytes);
    expect(s.sink.events[0]?.profinet.ip_block_info).toBe('ip_set_conflict');
    expect(s.sink.anomalies).toEqual(['profinet.ip_conflict']);
  });

  it('reports every 64th Identify-All request from one source', () => {
    const s = session();
    for (let i = 0; i < 130; i++) s.parse(fixture('dcp-identify-all-request'));
    expect(s.sink.anomalies).toEqual([
      'profinet.dcp_identify_flood',
      'profinet.dcp_identify_flood',
    ]);
    expect(s.sink.events).toHaveLength(130);
  });

  it('reads BlockInfo in a Hello request and a Get response', () => {
    const s = session();
    s.parse(
      hex(
        'fefc' +
          '06' +
          '00' +
          '00000009' +
          '0000' +
          '001c' + // Hello.req, DCPDataLength 28
          '0202' +
          '0006' +
          '0000' +
          '696f2d31' + // NameOfStation "io-1" after BlockInfo
          '0102' +
          '000e' +
          '0002' +
          'c0a80105' +
          'ffffff00' +
          '00000000', // IP set by DHCP
      ),
    );
    s.parse(
      hex(
        'fefd' +
          '03' +
          '01' +
          '00000007' +
          '0000' +
          '000a' + // Get.res, DCPDataLength 10
          '0203' +
          '0006' +
          '0000' +
          '002a' +
          '0a01', // Device ID after BlockInfo
      ),
    );
    expect(s.sink.events[0]?.profinet).toMatchObject({
      service: 'hello',
      name_of_station: 'io-1',
      ip: '192.168.1.5',
      ip_block_info: 'ip_set_by_dhcp',
    });
    expect(s.sink.events[1]?.profinet).toMatchObject({
      service: 'get',
      vendor_id: 0x2a,
      device_id: 0xa01,
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes a Get request as bare option/suboption selectors', () => {
    const s = session();
    s.parse(hex('fefd' + '03' + '00' + '00000007' + '0000' + '0004' + '0202' + '0102'));
    expect(s.sink.events[0]?.profinet.blocks?.map((b) => b.name)).toEqual([
      'device/name_of_station',
      'ip/ip_parameter',
    ]);
  });
});

describe('PROFINET cyclic summaries', () => {
  it('summarises a FrameID: first frame, then silent until the status changes', () => {
    const s = session();
    s.parse(fixture('rt-cyclic-station-problem'));
    s.parse(fixture('rt-cyclic-next'));
    expect(s.sink.events).toHaveLength(1);
    expect(s.sink.events[0]?.profinet).toMatchObject({
      frame_id: 0xc002,
      frame_type: 'rtc1_unicast',
      reason: 'first',
      cycle_counter: 8192,
      data_status: 0x15,
      station_ok: false,
      provider_run: true,
      data_valid: true,
      io_data_length: 40,
    });
    expect(s.sink.anomalies).toEqual(['profinet.rt_status_problem']);
    const ok = fixture('rt-cyclic-next').slice();
    ok[ok.length - 2] = 0x35;
    ok[ok.length - 4] = 0x22;
    s.parse(ok);
    expect(s.sink.events[1]?.profinet).toMatchObject({
      reason: 'status_change',
      frames: 2,
      total_frames: 3,
      cycle_delta: 256,
      cycle_time_us: 8000,
      station_ok: true,
    });
  });

  it('emits a periodic summary every second of CycleCounter time', () => {
    const s = session();
    const f = fixture('rt-cyclic-ok').slice();
    for (let i = 0; i < 251; i++) {
      // 8 ms apart (256 ticks of 31.25 us): 125 frames make a second.
      const c = (i * 256) & 0xffff;
      f[f.length - 4] = c >> 8;
      f[f.length - 3] = c & 0xff;
      s.parse(f);
    }
    expect(s.sink.events.map((e) => [e.profinet.reason, e.profinet.frames])).toEqual([
      ['first', 1],
      ['periodic', 125],
      ['periodic', 125],
    ]);
    expect(s.sink.events[1]?.profinet.cycle_time_us).toBe(8000);
  });

  it('emits a periodic summary every 1000 frames of a FrameID', () => {
    const s = session();
    const f = fixture('rt-cyclic-ok');
    for (let i = 0; i < 2001; i++) s.parse(f);
    expect(s.sink.events.map((e) => e.profinet.reason)).toEqual(['first', 'periodic', 'periodic']);
    expect(s.sink.events[1]?.profinet.frames).toBe(1000);
    expect(s.sink.anomalies).toEqual([]);
  });
});

describe('PROFINET alarms, PTCP and other frames', () => {
  it('decodes an ERR-RTA-PDU with its PNIOStatus', () => {
    const { e } = one('alarm-low-err-rta');
    expect(e).toMatchObject({
      frame_type: 'alarm_low',
      alarm_dst_endpoint: 0x8001,
      pdu_type: 4,
      pdu_type_name: 'err',
      send_seq_num: 0xffff,
      ack_seq_num: 0xfffe,
      pnio_status: 'rta_error/pnio/253/2',
    });
  });

  it('decodes an AlarmNotification in a DATA-RTA-PDU', () => {
    const s = session();
    s.parse(
      hex(
        'fc01' +
          '0001' +
          '0002' +
          '11' +
          '01' +
          '0000' +
          'ffff' +
          '0014' + // RTA header, VarPartLen 20
          '0001' +
          '0010' +
          '0100' + // AlarmNotificationHigh, length 16
          '0001' +
          '00000000' +
          '0002' +
          '0001' +
          '000000000000', // diagnosis, API 0, slot 2/1
      ),
    );
    expect(s.sink.events[0]?.profinet).toMatchObject({
      block_type_name: 'AlarmNotificationHigh',
      alarm_type_name: 'diagnosis',
      slot: 2,
      subslot: 1,
    });
  });

  it('names PTCP frames and reads the SequenceID', () => {
    const { e } = one('ptcp-delay-request');
    expect(e).toEqual({ frame_id: 0xff40, frame_type: 'ptcp_delay_req', sequence_id: 28 });
  });

  it('reports a reserved FrameID and still emits the frame', () => {
    const { e, sink } = one('reserved-frame-id');
    expect(e).toEqual({ frame_id: 0x1234, frame_type: 'reserved' });
    expect(sink.anomalies).toEqual(['profinet.reserved_frame_id']);
  });
});

describe('PROFINET probe', () => {
  it('takes DCP, cyclic, alarm and PTCP frames and refuses reserved ids and short frames', () => {
    const p = (b: Uint8Array): string => profinetDecoder.probe(b, D);
    expect(p(fixture('dcp-identify-all-request'))).toBe('match');
    expect(p(fixture('rt-cyclic-ok'))).toBe('match');
    expect(p(fixture('alarm-low-err-rta'))).toBe('match');
    expect(p(fixture('ptcp-delay-request'))).toBe('match');
    expect(p(fixture('reserved-frame-id'))).toBe('no_match');
    expect(p(hex('fefe0500'))).toBe('no_match');
  });
});

describe('PROFINET whole-frame fuzzing', () => {
  it('10,000 mutated frames decode without throwing, with declared names only', () => {
    const rng = new Prng(0x9e3779b9);
    const kinds = new Set<string>(PROFINET_EVENT_KINDS);
    const s = session();
    for (let i = 0; i < 10_000; i++) {
      const base = (fixtures[rng.int(fixtures.length)] as (typeof fixtures)[number]).bytes;
      let b = rng.chance(0.1)
        ? rng.bytes(rng.int(120))
        : base.slice(0, rng.chance(0.3) ? rng.int(base.length + 1) : base.length);
      if (b === base) b = base.slice();
      for (let k = rng.range(1, 6); k > 0 && b.length > 0; k--) b[rng.int(b.length)] = rng.int(256);
      expect(() => s.parse(b)).not.toThrow();
    }
    expect(s.sink.events.every((e) => kinds.has(e.kind))).toBe(true);
    expect(s.sink.anomalies.every((a) => Object.hasOwn(PROFINET_ANOMALIES, a))).toBe(true);
    expect(JSON.parse(JSON.stringify(s.sink.events))).toEqual(s.sink.events);
  });
});
