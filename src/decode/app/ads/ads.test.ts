/** ADS decoder: AMS/TCP framing, ADS payloads, pairing, router service, anomalies and probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { AdsEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { adsDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: AdsEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as AdsEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(limits = DEFAULT_LIMITS) {
  const state = adsDecoder.createState(limits);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      adsDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

// addroute1.pcapng frame 10 (UDP 48899): add route request, password '1'.
const ADD_ROUTE = hex(
  '03661471' + // magic
    '00000000' + // reserved
    '06000000' + // service 6 add route, request
    'c0a801c70101' + // sender NetId 192.168.1.199.1.1
    '1027' + // sender port 10000
    '05000000' + // 5 tags
    '0c00' +
    '0d00' +
    '5348454e4855414a362d504300' + // route name 'SHENHUAJ6-PC'
    '0700' +
    '0600' +
    'c0a801c70101' + // NetId
    '0d00' +
    '0e00' +
    '41646d696e6973747261746f7200' + // user 'Administrator'
    '0200' +
    '0200' +
    '3100' + // password '1'
    '0500' +
    '0d00' +
    '5348454e4855414a362d504300', // host
);

// addroute.pcapng frame 128: discovery reply of the CX (OS version tag cut to its 20 bytes).
const DISCOVERY_REPLY = hex(
  '03661471' + // magic
    '00000000' + // reserved
    '01000080' + // service 1 discovery, response bit
    '050d75600101' + // NetId 5.13.117.96.1.1
    '1027' + // port 10000
    '03000000' + // 3 tags
    '0500' +
    '0a00' +
    '43585f304437353630' +
    '00' + // host 'CX_0D7560' NUL
    '0400' +
    '1400' +
    '14010000' +
    '06000000' +
    '00000000' +
    '00000000' +
    '03000000' + // OS 6.0.0
    '0300' +
    '0400' +
    '020bb408', // TwinCAT 2.11.2228
);

describe('AMS/TCP', () => {
  it('decodes ReadState, pairs the response and confirms the flow', () => {
    const s = session();
    expect(s.parse(C, fixture('read-state-request'))).toEqual({ kind: 'ok' });
    expect(s.parse(S, fixture('read-state-response'))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'ads.request',
        ads: {
          framing: 'tcp',
          target_net_id: '5.13.117.96.1.1',
          target_port: 10000,
          source_net_id: '192.168.1.99.1.1',
          source_port: 32771,
          command_id: 4,
          command: 'ReadState',
          state_flags: 4,
          data_length: 0,
          error_code: 0,
          error: 'no_error',
          invoke_id: 5,
        },
      },
      {
        kind: 'ads.response',
        ads: {
          framing: 'tcp',
          target_net_id: '192.168.1.99.1.1',
          target_port: 32771,
          source_net_id: '5.13.117.96.1.1',
          source_port: 10000,
          command_id: 4,
          command: 'ReadState',
          state_flags: 5,
          data_length: 8,
          error_code: 0,
          error: 'no_error',
          invoke_id: 5,
          result: 0,
          result_name: 'no_error',
          ads_state: 5,
          ads_state_name: 'RUN',
          device_state: 2,
        },
      },
    ]);
    expect(s.sink.confirms).toBe(1);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes Read with index group, offset and length and pairs the response', () => {
    const s = session();
    s.parse(C, fixture('read-request'));
    s.parse(S, fixture('read-response'));
    expect(s.sink.events[0]?.ads).toMatchObject({
      command: 'Read',
      invoke_id: 0xe3,
      index_group: 3,
      index_offset: 2,
      length: 4,
    });
    expect(s.sink.events[1]?.ads).toMatchObject({ result: 0, length: 4, request_index_group: 3 });
  });

  it('decodes notifications, device info and an AMS error', () => {
    const s = session();
    for (const n of [
      'add-notification-request',
      'add-notification-response',
      'delete-notification-request',
      'read-device-info-request',
      'read-device-info-port-not-found',
      'read-device-info-response',
      'device-notification',
    ]) {
      s.parse(
        n.includes('response') || n.includes('found') || n.startsWith('device') ? S : C,
        fixture(n),
      );
    }
    const a = s.sink.events.map((e) => e.ads);
    expect(a[0]).toMatchObject({
      index_group: 1,
      index_offset: 0xffff,
      length: 1024,
      transmission_mode: 3,
      max_delay: 0,
      cycle_time: 0,
    });
    expect(a[1]).toMatchObject({ notification_handle: 1, request_index_group: 1 });
    expect(a[2]).toMatchObject({ notification_handle: 1 });
    expect(a[4]).toMatchObject({ error_code: 6, error: 'target_port_not_found' });
    expect(a[5]).toMatchObject({ device_name: 'PLC Server', version: '2.11.2103', result: 0 });
    expect(a[6]).toMatchObject({
      command: 'DeviceNotification',
      length: 26,
      stamps: 1,
      samples: 1,
    });
    expect(s.sink.anomalies).toEqual(['ads.error_response']);
  });

  it('names the symbol of a by-name request and the sub-requests of a sum read', () => {
    const s = session();
    s.parse(C, fixture('handle-by-name-request'));
    s.parse(C, fixture('sum-read-request'));
    expect(s.sink.events[0]?.ads).toMatchObject({
      index_group: 0xf003,
      index_group_name: 'sym_handle_by_name',
      read_length: 4,
      write_length: 12,
      symbol_name: 'MAIN.bStart',
    });
    expect(s.sink.events[1]?.ads).toMatchObject({
      index_group_name: 'sum_read',
      sum_count: 2,
      sum_index_groups: [0x4020, 0xf020],
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags a WriteControl to STOP and a Write', () => {
    const s = session();
    s.parse(C, fixture('write-control-stop'));
    s.parse(C, fixture('write-request'));
    expect(s.sink.events[0]?.ads).toMatchObject({ ads_state: 6, ads_state_name: 'STOP' });
    expect(s.sink.events[1]?.ads).toMatchObject({ index_group_name: 'plc_memory', length: 2 });
    expect(s.sink.anomalies).toEqual(['ads.state_change', 'ads.write']);
    expect(s.sink.details[0]).toBe('disruptive ADS state STOP');
  });

  it('flags a symbol table upload', () => {
    const s = session();
    const req = fixture('read-request').slice();
    req.set([0x0b, 0xf0, 0, 0], 38); // index group 0xf00b: symbol upload
    s.parse(C, req);
    expect(s.sink.anomalies).toEqual(['ads.symbol_upload']);
    expect(s.sink.events[0]?.ads.index_group_name).toBe('sym_upload');
  });

  it('names a data length that disagrees with the frame', () => {
    const s = session();
    s.parse(C, fixture('read-state-request'));
    s.parse(C, fixture('data-length-mismatch'));
    expect(s.sink.anomalies).toEqual(['ads.length_mismatch']);
    expect(s.sink.events).toHaveLength(2);
  });

  it('waits for whole frames and reads frames split anywhere', () => {
    const whole = fixture('read-write-request');
    const s = session();
    expect(s.parse(C, whole.subarray(0, 4))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 6,
    });
    expect(s.parse(C, whole.subarray(0, 10))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: whole.length,
    });
    expect(s.parse(C, whole)).toEqual({ kind: 'ok' });
    expect(s.sink.events[0]?.ads).toMatchObject({
      index_group: 0xc8,
      read_length: 1000,
      write_length: 42,
    });
  });

  it('rejects a stream that is not AMS/TCP', () => {
    expect(session().parse(C, hex('0000' + '10000000' + '00'.repeat(16)))).toEqual({
      kind: 'reject',
      anomaly: 'ads.invalid_length',
    });
    const bad = fixture('read-state-request').slice();
    bad[22] = 0x63; // command id 99
    expect(session().parse(C, bad)).toEqual({ kind: 'reject', anomaly: 'ads.invalid_header' });
  });

  it('bounds the pending table', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 2 });
    for (let i = 0; i < 3; i++) {
      const req = fixture('read-state-request').slice();
      req[34] = i + 10; // invoke id
      s.parse(C, req);
    }
    expect(s.sink.anomalies).toEqual(['ads.too_many_pending']);
  });
});

describe('AMS over UDP and router control', () => {
  it('decodes an AMS packet carried directly in a UDP datagram', () => {
    const ams = fixture('read-state-request').slice(6);
    ams[18] = 0x44; // state flags: ADS command, UDP
    const s = session();
    expect(s.parse(C, ams)).toEqual({ kind: 'ok' });
    expect(s.sink.events[0]?.ads).toMatchObject({
      framing: 'udp',
      command: 'ReadState',
      state_flags: 0x44,
    });
    expect(adsDecoder.probe(ams, C)).toBe('match');
  });

  it('reports AMS/TCP router control frames on a confirmed flow', () => {
    const s = session();
    s.parse(C, fixture('read-state-request'));
    s.parse(S, hex('0010' + '08000000' + 'c0a801630101' + '0f80')); // port connect
    expect(s.sink.events[1]).toEqual({
      kind: 'ads.router_control',
      ads: {
        framing: 'tcp',
        tcp_command: 0x1000,
        tcp_command_name: 'port_connect',
        source_net_id: '192.168.1.99.1.1',
        source_port: 32783,
      },
    });
  });
});

describe('UDP 48899 router service', () => {
  it('decodes an add route request without the password and flags it', () => {
    const s = session();
    expect(s.parse(C, ADD_ROUTE)).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'ads.route',
        ads: {
          framing: 'udp',
          service_id: 6,
          service: 'add_route',
          response: false,
          source_net_id: '192.168.1.199.1.1',
          source_port: 10000,
          tag_count: 5,
          route_name: 'SHENHUAJ6-PC',
          route_net_id: '192.168.1.199.1.1',
          user_name: 'Administrator',
          password_present: true,
          host: 'SHENHUAJ6-PC',
        },
      },
    ]);
    expect(JSON.stringify(s.sink.events)).not.toContain('"1"');
    expect(s.sink.anomalies).toEqual(['ads.route_add']);
  });

  it('decodes a discovery reply with host, OS and TwinCAT versions', () => {
    const s = session();
    s.parse(S, DISCOVERY_REPLY);
    expect(s.sink.events[0]?.ads).toMatchObject({
      service: 'discovery',
      response: true,
      host: 'CX_0D7560',
      os_version: '6.0.0',
      tc_version: '2.11.2228',
    });
  });

  it('asks for the rest of a short datagram and rejects a foreign one', () => {
    expect(session().parse(C, ADD_ROUTE.subarray(0, 30))).toMatchObject({ kind: 'incomplete' });
    expect(session().parse(C, hex('0366147200000000'))).toEqual({
      kind: 'reject',
      anomaly: 'ads.invalid_header',
    });
  });
});

describe('probe', () => {
  it('recognises AMS/TCP, the router service and refuses the rest', () => {
    expect(adsDecoder.probe(fixture('read-state-request'), C)).toBe('match');
    expect(adsDecoder.probe(ADD_ROUTE, C)).toBe('match');
    expect(adsDecoder.probe(fixture('read-state-request').subarray(0, 10), C)).toBe('need_more');
    expect(adsDecoder.probe(hex('0000000600010103'), C)).toBe('no_match');
    expect(adsDecoder.probe(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), C)).toBe(
      'no_match',
    );
  });
});
