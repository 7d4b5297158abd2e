/** EtherNet/IP + CIP decoder: field values, pairing, connections, framing and limits, on annotated hex. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { StreamFeeder } from '../../stream-feeder.js';
import { attributeListIds } from './attributes.js';
import { serviceName } from './cip.js';
import { ByteCursor } from '../../cursor.js';
import { EPath, className } from './epath.js';
import type { CipFields, EnipFields } from './events.js';
import { fixtures } from './fixtures.js';
import { ENIP_ANOMALIES, enipDecoder } from './index.js';
import type { EnipState } from './enip.js';
import { MIDSTREAM_RESPONSES } from './enip.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface Ev {
  kind: string;
  enip?: EnipFields;
  cip?: CipFields;
}

class Sink implements DecodeSink {
  events: Ev[] = [];
  anomalies: string[] = [];
  confirms = 0;
  /** The connection's handshake was captured (false: the capture began mid-connection). */
  handshake = true;
  emit(e: AppEvent): void {
    this.events.push(JSON.parse(JSON.stringify(e)) as Ev);
  }
  handshakeSeen(): boolean {
    return this.handshake;
  }
  anomaly(name: string): void {
    expect(Object.hasOwn(ENIP_ANOMALIES, name), name).toBe(true);
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
  take(): { events: Ev[]; anomalies: string[] } {
    const out = { events: this.events, anomalies: this.anomalies };
    this.events = [];
    this.anomalies = [];
    return out;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state: EnipState = enipDecoder.createState(limits);
  const sink = new Sink();
  const feeder = new StreamFeeder(limits.maxPduBytes);
  return {
    state,
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return enipDecoder.parse(state, bytes, dir, sink);
    },
    feed(dir: Direction, bytes: Uint8Array): void {
      expect(feeder.push(enipDecoder, state, bytes, dir, sink)).toBeNull();
    },
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** The fixture conversation: what each fixture produced, fed in order into one state. */
function conversation(): Map<string, { events: Ev[]; anomalies: string[] }> {
  const s = session();
  const out = new Map<string, { events: Ev[]; anomalies: string[] }>();
  for (const f of fixtures) {
    s.parse(f.dir, f.bytes);
    out.set(f.name, s.sink.take());
  }
  return out;
}

const conv = conversation();
const got = (name: string): { events: Ev[]; anomalies: string[] } => {
  const r = conv.get(name);
  if (!r) throw new Error(`no result for ${name}`);
  return r;
};
const first = (name: string): Ev => got(name).events[0] as Ev;

/** A SendRRData message around the CIP bytes `cipHex` (sender context `ctx`). */
function rr(cipHex: string, ctx = '0100000000000000', session = '00000000'): Uint8Array {
  const cip = hex(cipHex);
  const body = concatBytes(
    hex('00000000' + '0000' + '0200' + '00000000' + 'b200'),
    new Uint8Array([cip.length & 0xff, cip.length >> 8]),
    cip,
  );
  return concatBytes(
    hex('6f00'),
    new Uint8Array([body.length & 0xff, body.length >> 8]),
    hex(session + '00000000' + ctx + '00000000'),
    body,
  );
}

describe('enip fixture conversation (real frames, tshark-checked)', () => {
  it('decodes every normal fixture without anomalies, in one event per message', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      const r = got(f.name);
      expect(r.anomalies, f.name).toEqual([]);
      expect(r.events.length, f.name).toBeGreaterThan(0);
    }
  });

  it('ListIdentity: the identity item, vendor and device type named', () => {
    expect(first('list-identity-request')).toMatchObject({
      kind: 'enip.request',
      enip: { command: 0x63, command_name: 'list_identity', length: 0, is_response: false },
    });
    const e = first('list-identity-response');
    expect(e.kind).toBe('enip.response');
    expect(e.enip?.identity).toEqual({
      encap_version: 1,
      socket: { family: 2, port: 44818, address: '10.1.1.164' },
      vendor_id: 1,
      vendor: 'Rockwell Automation/Allen-Bradley',
      device_type: 12,
      device_type_name: 'communications_adapter',
      product_code: 58,
      revision_major: 4,
      revision_minor: 3,
      revision: '4.03',
      status: 0x30,
      serial_number: 0x00524d8e,
      serial_hex: '00524d8e',
      product_name: '1756-ENBT/A',
      state: 3,
      state_name: 'operational',
    });
    expect(e.enip?.items).toEqual([{ type_id: 0x0c, type: 'cip_identity', length: 45 }]);
  });

  it('ListServices: the communications service and its capability flags', () => {
    expect(first('list-services-response').enip?.services).toEqual([
      { type_id: 0x100, version: 1, capability_flags: 0x120, name: 'Communications' },
    ]);
  });

  it('Unconnected Send: route, embedded request as its own event, unwrapped reply paired', () => {
    const req = got('unconnected-send-request').events;
    expect(req.map((e) => e.kind)).toEqual(['enip.request', 'enip.embedded']);
    expect(req[0]?.cip).toMatchObject({
      service: 0x52,
      service_name: 'unconnected_send',
      class_id: 6,
      class_name: 'connection_manager',
      instance_id: 1,
      path: 'class 0x6, instance 1',
      unconnected_send: {
        priority_time_tick: 7,
        timeout_ticks: 233,
        message_size: 8,
        route: '1/0',
      },
    });
    expect(req[1]?.cip).toMatchObject({
      service: 1,
      service_name: 'get_attributes_all',
      class_id: 0xac,
      class_name: 'vendor_specific',
      parent_service: 0x52,
      data_length: 2,
    });
    expect(req[1]?.enip).toEqual({ is_response: false, session_handle: 0x13020500 });
    const rsp = first('unconnected-send-reply');
    expect(rsp.cip).toMatchObject({
      service: 1,
      is_response: true,
      routed: true,
      class_id: 0xac,
      instance_id: 1,
      general_status: 0,
      general_status_name: 'success',
      data_length: 32,
    });
  });

  it('Forward Open: ids, serials, RPIs, connection parameters, transport and path', () => {
    const fo = first('forward-open-request').cip?.forward_open;
    expect(fo).toEqual({
      large: false,
      priority_time_tick: 7,
      timeout_ticks: 155,
      o_t_connection_id: 0x80000006,
      t_o_connection_id: 0x80fe0005,
      connection_serial: 6,
      originator_vendor_id: 0x4d,
      originator_serial: 0x3d2b31e0,
      timeout_multiplier: 2,
      o_t: {
        rpi_us: 1_250_000,
        size: 274,
        variable: true,
        type: 'point_to_point',
        priority: 'low',
        redundant_owner: false,
      },
      t_o: {
        rpi_us: 1_250_000,
        size: 274,
        variable: true,
        type: 'point_to_point',
        priority: 'low',
        redundant_owner: false,
      },
      transport_class: 3,
      trigger: 'application_object',
      server: true,
      connection_path: {
        path: 'class 0x2, instance 1',
        class_id: 2,
        class_name: 'message_router',
        instance_id: 1,
      },
    });
    const reply = first('forward-open-reply').cip?.forward_open;
    expect(reply).toMatchObject({
      o_t_connection_id: 0x0a24f36e,
      t_o_connection_id: 0x80fe0005,
      o_t_api_us: 1_250_000,
      t_o_api_us: 1_250_000,
      application_reply_size: 0,
      connection_path: { class_id: 2 },
    });
  });

  it('Forward Close: names the connection its Forward Open set up', () => {
    const fc = first('forward-close-request').cip?.forward_close;
    expect(fc).toMatchObject({
      connection_serial: 6,
      originator_vendor_id: 0x4d,
      originator_serial: 0x3d2b31e0,
      connection_path: { class_id: 2, instance_id: 1 },
      opened: { o_t_connection_id: 0x0a24f36e, t_o_connection_id: 0x80fe0005 },
    });
    expect(first('forward-close-reply').cip).toMatchObject({
      service: 0x4e,
      service_name: 'forward_close',
      forward_close: { connection_serial: 6, application_reply_size: 0 },
    });
  });

  it('Multiple Service Packet: one event per embedded service, symbols and masks', () => {
    const req = got('multiple-service-read-modify-write-request').events;
    expect(req.map((e) => e.cip?.service)).toEqual([0x0a, 0x4e, 0x4e, 0x4e, 0x4e]);
    expect(req[0]?.enip).toMatchObject({ connection_id: 0x008b0301, cip_sequence: 60529 });
    expect(req[0]?.cip).toMatchObject({
      service_name: 'multiple_service_packet',
      service_count: 4,
    });
    expect(req.slice(1).map((e) => e.cip?.symbol)).toEqual([
      'LMS_DISABLE_2DSCANNER1',
      'LMS_DISABLE_2DSCANNER2',
      'LMS_DISABLE_BARCODE_SCANNER',
      'LMS_SETPOINTCHANGE_RECEIVED',
    ]);
    expect(req[1]?.cip).toMatchObject({
      service_name: 'read_modify_write_tag',
      parent_service: 0x0a,
      index: 0,
      tag: { or_mask: '01', and_mask: 'ff' },
    });
    // The reply names each service after its request (paired by the CIP sequence count).
    const rsp = got('multiple-service-read-modify-write-reply').events;
    expect(rsp.map((e) => [e.cip?.service, e.cip?.symbol, e.cip?.general_status])).toEqual([
      [0x0a, undefined, 0],
      [0x4e, 'LMS_DISABLE_2DSCANNER1', 0],
      [0x4e, 'LMS_DISABLE_2DSCANNER2', 0],
      [0x4e, 'LMS_DISABLE_BARCODE_SCANNER', 0],
      [0x4e, 'LMS_SETPOINTCHANGE_RECEIVED', 0],
    ]);
  });

  it('Execute PCCC: requestor, command, TNS and function', () => {
    expect(first('execute-pccc-request').cip).toMatchObject({
      service_name: 'execute_pccc',
      pccc: {
        vendor_id: 0x4d,
        serial_number: 0x3d2b31e0,
        command: 6,
        status: 0,
        tns: 0xe69a,
        function_code: 3,
      },
    });
    expect(first('execute-pccc-reply').cip?.pccc).toMatchObject({ command: 0x46, tns: 0xe69a });
  });

  it('TCP/IP Interface: the IP configuration of a Get Attributes All reply', () => {
    const c = first('tcpip-get-attributes-all-reply').cip;
    expect(c?.tcpip).toEqual({
      status: 1,
      configuration_capability: 0x17,
      configuration_control: 0x10,
      physical_link_path: {
        path: 'class 0xf6, instance 1',
        class_id: 0xf6,
        class_name: 'ethernet_link',
        instance_id: 1,
      },
      ip_address: '192.168.10.121',
      subnet_mask: '255.255.255.0',
      gateway: '192.168.10.1',
      name_server: '0.0.0.0',
      name_server_2: '0.0.0.0',
      domain_name: '',
      host_name: '',
    });
    expect(c?.attributes).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('Ethernet Link: a Set Attribute Single forcing speed and duplex', () => {
    expect(first('ethernet-link-set-attribute-single-request').cip).toMatchObject({
      service_name: 'set_attribute_single',
      class_id: 0xf6,
      attribute_id: 6,
      value_hex: '02006400',
      ethernet_link: { control_bits: 2, forced_speed: 100 },
    });
  });

  it('Logix tags: Write Tag and Read Tag Fragmented with values, element index', () => {
    expect(first('write-tag-request').cip).toMatchObject({
      service_name: 'write_tag',
      symbol: 'Count',
      tag: { data_type: 0xc4, data_type_name: 'dint', elements: 1, values: [42] },
    });
    expect(first('write-tag-reply').cip).toMatchObject({
      service_name: 'write_tag',
      symbol: 'Count',
      general_status: 0,
    });
    expect(first('read-tag-fragmented-request').cip).toMatchObject({
      service_name: 'read_tag_fragmented',
      symbol: 'Arr[3]',
      member_id: 3,
      path: 'symbol Arr, member 3',
      tag: { elements: 2, offset: 0 },
    });
    expect(first('read-tag-fragmented-reply').cip).toMatchObject({
      service_name: 'read_tag_fragmented',
      symbol: 'Arr[3]',
      tag: { data_type: 0xc4, values: [1, -1] },
    });
  });

  it('Template object services are not tag services (Studio 5000 writing structure definitions)', () => {
    const req = got('msp-template-writes-request');
    expect(req.anomalies).toEqual([]);
    const inner = req.events.filter((e) => e.kind === 'enip.embedded');
    expect(inner.map((e) => e.cip)).toMatchObject([
      {
        service: 0x4d,
        service_name: 'object_specific',
        class_name: 'logix_template',
        instance_id: 0x866,
      },
      {
        service: 0x4d,
        service_name: 'object_specific',
        class_name: 'logix_template',
        instance_id: 0xb3b,
      },
    ]);
    for (const e of inner) expect(e.cip).not.toHaveProperty('tag');
    const reply = got('msp-template-writes-reply').events.filter((e) => e.kind === 'enip.embedded');
    expect(reply.map((e) => e.cip)).toMatchObject([
      { service: 0x4d, service_name: 'object_specific', general_status: 0, class_id: 0x6c },
      { service: 0x4d, service_name: 'object_specific', general_status: 0, class_id: 0x6c },
    ]);
  });

  it('connected I/O: connection id and sequence number, no encapsulation command', () => {
    const e = first('io-datagram');
    expect(e.kind).toBe('enip.io');
    expect(e.enip).toEqual({
      is_response: false,
      items: [
        { type_id: 0x8002, type: 'sequenced_address', length: 8 },
        { type_id: 0xb1, type: 'connected_data', length: 6 },
      ],
      connection_id: 0x004b0603,
      sequence_number: 4166875,
      data_length: 6,
    });
  });

  it('RegisterSession: the granted session; a request on another one is flagged', () => {
    expect(first('register-session-response').enip).toMatchObject({
      session_handle: 0x12020100,
      protocol_version: 1,
      session_options: 0,
    });
    expect(got('send-rr-data-foreign-session').anomalies).toEqual(['enip.session_mismatch']);
  });

  it('UnRegisterSession: the session it ends; no reply, and the session is forgotten', () => {
    const s = session();
    s.parse(C, fixture('register-session-request'));
    s.parse(S, fixture('register-session-response'));
    s.sink.take();
    expect(s.parse(C, fixture('unregister-session'))).toEqual({ kind: 'ok' });
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['enip.request']);
    expect(events[0]?.enip).toEqual({
      command: 0x66,
      command_name: 'unregister_session',
      length: 0,
      session_handle: 0x12020100,
      status: 0,
      status_name: 'success',
      sender_context: '0000000000000000',
      options: 0,
      is_response: false,
    });
    // A request on a new session is no mismatch once the old one is closed.
    s.parse(C, fixture('send-rr-data-foreign-session'));
    expect(s.sink.take().anomalies).toEqual([]);
    // Command data on UnRegisterSession ([V2] 2-4.5: none) is a length anomaly.
    const long = fixture('unregister-session').slice();
    long[2] = 4;
    s.parse(C, concatBytes(long, hex('00000000')));
    expect(s.sink.take().anomalies).toContain('enip.invalid_length');
  });

  it('malformed fixtures raise their anomalies and still emit the message', () => {
    expect(got('cpf-item-overrun').anomalies).toEqual(['enip.cpf_malformed']);
    expect(got('msp-offset-out-of-range').anomalies).toEqual([
      'enip.msp_offset_invalid',
      'enip.reserved_service',
    ]);
    expect(got('forward-open-truncated').anomalies).toEqual([
      'enip.epath_malformed',
      'enip.cip_truncated',
    ]);
    const unknown = got('unknown-command');
    expect(unknown.anomalies).toEqual(['enip.unknown_command', 'enip.invalid_options']);
    expect(unknown.events[0]?.enip).toMatchObject({ command: 0x99, command_name: 'unknown' });
  });
});

describe('enip framing', () => {
  it('rejects a new flow whose first command is unknown', () => {
    const s = session();
    expect(s.parse(C, fixture('unknown-command'))).toEqual({
      kind: 'reject',
      anomaly: 'enip.unknown_command',
    });
  });

  it('decodes several messages per segment and one message over many segments', () => {
    const s = session();
    const both = concatBytes(fixture('list-services-request'), fixture('forward-open-request'));
    for (const b of both) s.feed(C, new Uint8Array([b]));
    expect(s.sink.events.map((e) => e.enip?.command)).toEqual([4, 0x6f]);
  });

  it('confirms after a paired reply', () => {
    const s = session();
    s.parse(C, fixture('forward-open-request'));
    expect(s.sink.confirms).toBe(0);
    s.parse(S, fixture('forward-open-reply'));
    expect(s.sink.confirms).toBe(1);
  });

  it('after a gap, skips to the next plausible header', () => {
    const s = session();
    s.parse(C, fixture('list-services-request'));
    enipDecoder.onGap?.(s.state, C, 100);
    const r = s.parse(C, concatBytes(hex('deadbeef0102'), fixture('forward-open-request')));
    expect(r).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => e.enip?.command)).toEqual([4, 0x6f]);
  });

  it('keeps too short a buffer for later', () => {
    const s = session();
    expect(s.parse(C, fixture('forward-open-request').subarray(0, 30))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 86,
    });
  });

  it('a response without its request is named, a service mismatch too', () => {
    const s = session();
    s.parse(S, fixture('forward-open-reply'));
    expect(s.sink.take().anomalies).toEqual(['enip.response_without_request']);
    s.parse(C, rr('0e0320012401' + '3007', 'aa00000000000000'));
    s.parse(S, rr('81000000', 'aa00000000000000'));
    expect(s.sink.take().anomalies).toEqual(['enip.response_service_mismatch']);
  });

  it('on a connection caught mid-way, the first replies may answer requests never seen', () => {
    const s = session();
    s.sink.handshake = false;
    for (let i = 0; i < MIDSTREAM_RESPONSES; i++) s.parse(S, fixture('forward-open-reply'));
    expect(s.sink.take().anomalies).toEqual([]);
    s.parse(S, fixture('forward-open-reply'));
    expect(s.sink.take().anomalies).toEqual(['enip.response_without_request']);
  });

  it('a router error reply of an Unconnected Send keeps service 0x52', () => {
    const s = session();
    s.parse(C, fixture('unconnected-send-request'));
    s.sink.take();
    s.parse(S, rr('d2000102' + '0402' + '00', '6ac0be0000000000', '00050213'));
    const e = s.sink.take().events[0];
    expect(e?.cip).toMatchObject({
      service: 0x52,
      service_name: 'unconnected_send',
      general_status: 1,
      general_status_name: 'connection_failure',
      extended_status: [0x0204],
      extended_status_name: 'Unconnected request timed out',
      unconnected_send: { remaining_path_size: 0 },
    });
  });
});

describe('enip limits', () => {
  const small: DecoderLimits = {
    ...DEFAULT_LIMITS,
    maxObjectsPerMessage: 2,
    maxPendingTransactions: 2,
  };

  it('lists at most maxObjectsPerMessage embedded services', () => {
    const s = session(small);
    s.parse(C, fixture('multiple-service-read-modify-write-request'));
    const r = s.sink.take();
    expect(r.events.length).toBe(3);
    expect(r.anomalies).toEqual(['enip.values_limit_reached']);
  });

  it('forgets the oldest request when too many are outstanding', () => {
    const s = session(small);
    for (const ctx of ['01', '02', '03'])
      s.parse(C, rr('0e0320012401' + '3007', `${ctx}00000000000000`));
    expect(s.sink.take().anomalies).toEqual(['enip.too_many_transactions']);
  });

  it('stops nesting at four levels', () => {
    // Unconnected Send inside Unconnected Send, five deep, around a Get Attributes All.
    let inner = '01022001' + '2401';
    for (let i = 0; i < 5; i++) {
      const size = inner.length / 2;
      const pad = size % 2 === 1 ? '00' : '';
      inner = '52022006' + '2401' + '07e9' + hexLe16(size) + inner + pad + '0100' + '0100';
    }
    const s = session();
    s.parse(C, rr(inner));
    const r = s.sink.take();
    expect(r.anomalies).toEqual(['enip.nesting_too_deep']);
    expect(r.events.length).toBe(5);
  });

  it('caps Logix values and lists of attributes', () => {
    const s = session(small);
    s.parse(C, rr('4d03' + '9103417272' + '00' + 'c400' + '0300' + '010000000200000003000000'));
    const r = s.sink.take();
    expect(r.events[0]?.cip?.tag).toMatchObject({ values: [1, 2], values_truncated: true });
    expect(r.anomalies).toEqual(['enip.values_limit_reached']);
    s.parse(C, rr('030220012401' + '0400' + '0100020003000400', '0900000000000000'));
    const r2 = s.sink.take();
    expect(r2.events[0]?.cip?.attributes).toEqual([1, 2]);
    expect(r2.anomalies).toEqual(['enip.values_limit_reached']);
  });
});

describe('enip probe', () => {
  it('recognises encapsulation headers and I/O datagrams, refuses the rest', () => {
    expect(enipDecoder.probe(fixture('io-datagram'), C)).toBe('match');
    expect(enipDecoder.probe(fixture('forward-open-request').subarray(0, 30), C)).toBe('match');
    expect(enipDecoder.probe(fixture('list-identity-request').subarray(0, 10), C)).toBe(
      'need_more',
    );
    expect(enipDecoder.probe(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), C)).toBe(
      'no_match',
    );
    // A ListIdentity reply is not a request: the probe tells the direction.
    expect(enipDecoder.probe(fixture('list-identity-response'), C)).toBe('no_match');
    expect(enipDecoder.probe(fixture('list-identity-response'), S)).toBe('match');
    // A NOP, or zeros that read as one, is no evidence.
    expect(enipDecoder.probe(hex('0000000000'), C)).toBe('no_match');
    expect(enipDecoder.probe(new Uint8Array(96), S)).toBe('no_match');
  });
});

describe('enip tables and helpers', () => {
  it('names services by the class they address', () => {
    expect(serviceName(0x4e, 6, false)).toBe('forward_close');
    expect(serviceName(0x4e, 0x72, true)).toBe('read_modify_write_tag');
    expect(serviceName(0x4b, 0x67, false)).toBe('execute_pccc');
    expect(serviceName(0x4c, 0x72, false)).toBe('object_specific');
    expect(serviceName(0x33, 1, false)).toBe('reserved');
    expect(serviceName(0x0e, 1, false)).toBe('get_attribute_single');
  });

  it('names classes, vendor-specific ranges included', () => {
    expect(className(1)).toBe('identity');
    expect(className(0x6b)).toBe('logix_symbol');
    expect(className(0x8e)).toBe('vendor_specific');
    expect(className(0x1ff)).toBe('unknown');
  });

  it('walks padded paths: 16/32-bit logical values, ports with IP links, keys', () => {
    const p = new EPath();
    const c = new ByteCursor(
      hex(
        '12' +
          '0d' +
          '3139322e3136382e312e313000' +
          '00' + // port 2, 13-byte link, pad
          '34' +
          '04' +
          '0100' +
          '0e00' +
          '3600' +
          '94' +
          '0b' + // electronic key
          '21' +
          '00' +
          'ff03' + // 16-bit class 0x3ff
          '26' +
          '00' +
          '01000100' + // 32-bit instance 0x10001
          '2c' +
          '65', // connection point 101
      ),
    );
    p.parse(c, c.remaining(), 64);
    expect(p.problem).toBe('');
    const out = {};
    p.toFields(out);
    expect(out).toEqual({
      path:
        'port 2/192.168.1.10, key vendor 1 type 14 product 54 rev 20.11, class 0x3ff, ' +
        'instance 65537, point 101',
      class_id: 0x3ff,
      class_name: 'vendor_specific',
      instance_id: 0x10001,
      connection_points: [101],
      route: '2/192.168.1.10',
      key: {
        vendor_id: 1,
        device_type: 14,
        product_code: 54,
        major_revision: 20,
        minor_revision: 11,
        compatibility: true,
      },
    });
  });

  it('reports reserved and truncated segments', () => {
    const p = new EPath();
    expect(p.parse(new ByteCursor(hex('e0')), 1, 64).problem).toBe('reserved_segment');
    expect(p.parse(new ByteCursor(hex('21')), 1, 64).problem).toBe('truncated');
  });

  it('sizes attribute lists only as far as it knows the attributes', () => {
    // Identity attributes 1 (UINT), 7 (SHORT_STRING), then an unknown one: listed, walk stops.
    const c = new ByteCursor(
      hex('0300' + '01000000' + '0100' + '07000000' + '0241' + '42' + '63000000' + 'ff'),
    );
    expect(attributeListIds(c, 1, 1, true, 10)).toEqual([1, 7, 0x63]);
  });
});

function hexLe16(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0') + (n >> 8).toString(16).padStart(2, '0');
}
