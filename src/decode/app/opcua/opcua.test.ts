/** OPC UA decoder: UA TCP messages, secure channels, chunk reassembly, services, limits, probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { statusName } from './constants.js';
import type { OpcuaEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { OPCUA_ANOMALIES, opcuaDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: OpcuaEvent[] = [];
  anomalies: string[] = [];
  /** `opcua.sequence_break`, kept apart: the hand-built chunks below number freely. */
  breaks: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as OpcuaEvent);
  }
  anomaly(name: string): void {
    expect(OPCUA_ANOMALIES).toHaveProperty([name]);
    if (name === 'opcua.sequence_break') this.breaks.push(name);
    else this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = opcuaDecoder.createState(limits);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      opcuaDecoder.parse(state, bytes, dir, sink),
    last: () => sink.events[sink.events.length - 1]?.opcua,
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** Little-endian UInt32 as hex. */
const u32 = (v: number): string =>
  [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

/** An OPC UA String as hex. */
const str = (s: string): string => u32(s.length) + Buffer.from(s, 'latin1').toString('hex');

/** A MSG chunk: header, channel 6, token 6, sequence header, body. */
function msg(chunk: 'F' | 'C' | 'A', seq: number, req: number, body: string, scid = 6): Uint8Array {
  const size = 24 + body.length / 2;
  return hex(
    '4d5347' +
      Buffer.from(chunk).toString('hex') +
      u32(size) +
      u32(scid) +
      u32(6) +
      u32(seq) +
      u32(req) +
      body,
  );
}

/** A RequestHeader with a null token and RequestHandle `h` ([P4] 7.37). */
const reqHeader = (h: number): string =>
  '0000' + '0000000000000000' + u32(h) + '00000000' + 'ffffffff' + '00000000' + '000000';

/** A ResponseHeader with RequestHandle `h` and ServiceResult `r` ([P4] 7.38). */
const resHeader = (h: number, r: number): string =>
  '0000000000000000' + u32(h) + u32(r) + '00' + 'ffffffff' + '000000';

/** The service NodeId of `id` (four-byte encoding). */
const svc = (id: number): string => '0100' + u32(id).slice(0, 4);

/** Opens channel 6 with policy None (the fixtures' OPN request and response). */
function opened() {
  const s = session();
  s.parse(C, fixture('hello'));
  s.parse(S, fixture('acknowledge'));
  s.parse(C, fixture('open-secure-channel-request-none'));
  s.parse(S, fixture('open-secure-channel-response'));
  s.sink.events.length = 0;
  s.sink.anomalies.length = 0;
  return s;
}

describe('UA TCP messages', () => {
  it('decodes Hello and Acknowledge and confirms the flow', () => {
    const s = session();
    expect(s.parse(C, fixture('hello'))).toEqual({ kind: 'ok' });
    expect(s.sink.confirms).toBe(1);
    expect(s.last()).toEqual({
      msg_type: 'HEL',
      chunk_type: 'F',
      message_size: 56,
      protocol_version: 0,
      receive_buffer_size: 65535,
      send_buffer_size: 65535,
      max_message_size: 0,
      max_chunk_count: 0,
      endpoint_url: 'opc.tcp://localhost:4840',
    });
    s.parse(S, fixture('acknowledge'));
    expect(s.sink.events[1]?.kind).toBe('opcua.acknowledge');
    expect(s.last()?.receive_buffer_size).toBe(65535);
  });

  it('names the error code of an ERR message and flags it', () => {
    const s = session();
    s.parse(S, fixture('error'));
    expect(s.sink.events[0]?.kind).toBe('opcua.error');
    expect(s.last()).toMatchObject({ error_code: 0x80070000, error_name: 'BadDecodingError' });
    expect(s.sink.anomalies).toEqual(['opcua.error_message']);
  });

  it('decodes a ReverseHello', () => {
    const s = session();
    const body = str('urn:server') + str('opc.tcp://plc:4840');
    s.parse(S, hex('524845' + '46' + u32(8 + body.length / 2) + body));
    expect(s.sink.events[0]?.kind).toBe('opcua.reverse_hello');
    expect(s.last()).toMatchObject({
      server_uri: 'urn:server',
      endpoint_url: 'opc.tcp://plc:4840',
    });
  });

  it('flags a Hello shorter than its endpoint URL', () => {
    const s = session();
    s.parse(C, hex('48454c46' + '20000000' + '00'.repeat(20) + u32(100)));
    expect(s.last()?.truncated).toBe(true);
    expect(s.sink.anomalies).toEqual(['opcua.malformed_message']);
  });
});

describe('secure channels', () => {
  it('decodes OpenSecureChannel with policy None and flags it', () => {
    const s = session();
    s.parse(C, fixture('open-secure-channel-request-none'));
    expect(s.last()).toMatchObject({
      msg_type: 'OPN',
      secure_channel_id: 0,
      security_policy_uri: 'http://opcfoundation.org/UA/SecurityPolicy#None',
      policy_none: true,
      sender_certificate_present: false,
      receiver_thumbprint_present: false,
      encrypted: false,
      sequence_number: 1,
      request_id: 1,
      service_id: 446,
      service_name: 'OpenSecureChannelRequest',
      request_type: 'Issue',
      security_mode: 1,
      security_mode_name: 'None',
      lifetime: 600000,
    });
    expect(s.sink.anomalies).toEqual(['opcua.security_none']);
    s.parse(S, fixture('open-secure-channel-response'));
    expect(s.last()).toMatchObject({
      secure_channel_id: 6,
      service_name: 'OpenSecureChannelResponse',
      service_result_name: 'Good',
      token_id: 6,
    });
  });

  it('reports a signed/encrypted OPN with its metadata only', () => {
    const s = session();
    const policy = str('http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256');
    const rest = policy + u32(3) + 'aabbcc' + u32(20) + '11'.repeat(20) + 'ee'.repeat(40);
    s.parse(C, hex('4f504e46' + u32(12 + rest.length / 2) + u32(0) + rest));
    expect(s.last()).toEqual({
      msg_type: 'OPN',
      chunk_type: 'F',
      message_size: 12 + rest.length / 2,
      secure_channel_id: 0,
      security_policy_uri: 'http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256',
      policy_none: false,
      sender_certificate_present: true,
      sender_certificate_length: 3,
      receiver_thumbprint_present: true,
      encrypted: true,
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('reports an encrypted MSG without sequence header or service', () => {
    const s = session();
    s.parse(C, fixture('encrypted-message'));
    expect(s.last()).toEqual({
      msg_type: 'MSG',
      chunk_type: 'F',
      message_size: 80,
      secure_channel_id: 2,
      token_id: 2,
      encrypted: true,
    });
  });

  it('decodes a cleartext body on a channel whose OPN was not captured (signed only)', () => {
    const s = session();
    s.parse(C, msg('F', 9, 9, svc(826) + reqHeader(7) + 'ffffffff', 44));
    expect(s.last()).toMatchObject({
      secure_channel_id: 44,
      encrypted: false,
      sequence_number: 9,
      service_name: 'PublishRequest',
      request_handle: 7,
      acknowledgements: 0,
    });
  });

  it('decodes CloseSecureChannel', () => {
    const s = opened();
    s.parse(C, fixture('close-secure-channel'));
    expect(s.sink.events[0]?.kind).toBe('opcua.close_secure_channel');
    expect(s.last()).toMatchObject({ service_id: 452, request_handle: 1 });
  });
});

describe('services on a None channel', () => {
  it('ActivateSession with a user name never copies the password and flags it', () => {
    const s = opened();
    s.parse(C, fixture('activate-session-username'));
    const f = s.last();
    expect(f).toMatchObject({
      service_name: 'ActivateSessionRequest',
      identity_token: 'username',
      identity_policy_id: 'open62541-username-policy',
      username_present: true,
      password_present: true,
      password_encrypted: false,
    });
    expect(JSON.stringify(s.sink.events)).not.toContain('password"');
    expect(JSON.stringify(s.sink.events)).not.toContain('user1');
    expect(s.sink.anomalies).toEqual(['opcua.cleartext_password']);
  });

  it('ActivateSession with an anonymous token', () => {
    const s = opened();
    const token = '01004101' + '01' + u32(4 + 9) + str('anonymous');
    const body =
      svc(467) +
      reqHeader(3) +
      'ffffffff' +
      'ffffffff' +
      'ffffffff' +
      'ffffffff' +
      token +
      'ffffffffffffffff';
    s.parse(C, msg('F', 5, 5, body));
    expect(s.last()).toMatchObject({
      identity_token: 'anonymous',
      identity_policy_id: 'anonymous',
    });
    expect(s.sink.anomalies).toEqual(['opcua.anonymous_session']);
  });

  it('Write request and response: node, attribute, value and status names', () => {
    const s = opened();
    s.parse(C, fixture('write-request'));
    expect(s.last()).toMatchObject({
      service_id: 673,
      service_name: 'WriteRequest',
      request_handle: 22,
      attributes: [
        {
          node_id: 'ns=1;s=the.answer',
          attribute_id: 13,
          attribute: 'Value',
          value: { type: 'Int32', value: 1 },
        },
      ],
    });
    expect(s.sink.anomalies).toEqual(['opcua.write_request']);
    s.parse(S, fixture('write-response'));
    expect(s.last()).toMatchObject({
      service_name: 'WriteResponse',
      service_result: 0,
      service_result_name: 'Good',
      results: ['BadNodeIdUnknown'],
    });
  });

  it('Call request and response: object, method and arguments', () => {
    const s = opened();
    s.parse(C, fixture('call-request'));
    expect(s.last()?.methods).toEqual([
      {
        object_id: 'i=85',
        method_id: 'ns=1;i=62541',
        input_arguments: [{ type: 'String', value: 'Hello Server' }],
      },
    ]);
    expect(s.sink.anomalies).toEqual(['opcua.call_request']);
    s.parse(S, fixture('call-response'));
    expect(s.last()?.results).toEqual(['BadNodeIdUnknown']);
  });

  it('Read request and response', () => {
    const s = opened();
    const node = '03' + '0100' + str('Temp');
    const rvid = node + u32(13) + 'ffffffff' + '0000' + 'ffffffff';
    const body =
      svc(631) +
      reqHeader(9) +
      '0000000000000000' +
      u32(2) +
      u32(2) +
      rvid +
      ('0055' + u32(4) + 'ffffffff0000ffffffff');
    s.parse(C, msg('F', 7, 7, body));
    expect(s.last()).toMatchObject({
      service_name: 'ReadRequest',
      max_age: 0,
      attributes: [
        { node_id: 'ns=1;s=Temp', attribute_id: 13, attribute: 'Value' },
        { node_id: 'i=85', attribute_id: 4, attribute: 'DisplayName' },
      ],
    });
    // Double 21.5 with a status; then a Bad status without a value.
    const values =
      u32(2) + '03' + '0b' + '0000000000803540' + u32(0) + '02' + u32(0x803a0000) + 'ffffffff';
    s.parse(S, msg('F', 7, 7, svc(634) + resHeader(9, 0) + values));
    expect(s.last()?.values).toEqual([
      { type: 'Double', value: 21.5, status: 'Good' },
      { type: 'Null', status: 'BadNotReadable' },
    ]);
  });

  it('GetEndpoints request and response: URLs, policies, modes, token types', () => {
    const s = opened();
    s.parse(
      C,
      msg('F', 3, 3, svc(428) + reqHeader(2) + str('opc.tcp://plc:4840') + 'ffffffffffffffff'),
    );
    expect(s.last()).toMatchObject({
      service_name: 'GetEndpointsRequest',
      endpoint_url: 'opc.tcp://plc:4840',
    });
    const app =
      str('urn:plc') +
      str('urn:vendor') +
      '02' +
      str('PLC') +
      u32(0) +
      'ffffffff' +
      'ffffffff' +
      u32(1) +
      str('opc.tcp://plc:4840');
    const tokens =
      u32(2) +
      (str('anon') + u32(0) + 'ffffffff'.repeat(3)) +
      (str('user') + u32(1) + 'ffffffff'.repeat(3));
    const ep =
      str('opc.tcp://plc:4840') +
      app +
      'ffffffff' +
      u32(1) +
      str('http://opcfoundation.org/UA/SecurityPolicy#None') +
      tokens +
      str('tcp') +
      '00';
    s.parse(S, msg('F', 3, 3, svc(431) + resHeader(2, 0) + u32(1) + ep));
    expect(s.last()?.endpoints).toEqual([
      {
        endpoint_url: 'opc.tcp://plc:4840',
        security_mode: 1,
        security_mode_name: 'None',
        security_policy_uri: 'http://opcfoundation.org/UA/SecurityPolicy#None',
        user_token_types: ['anonymous', 'username'],
        security_level: 0,
        server_uri: 'urn:plc',
      },
    ]);
    s.parse(S, msg('F', 4, 4, svc(425) + resHeader(3, 0) + u32(1) + app));
    expect(s.last()?.servers).toEqual([
      {
        application_uri: 'urn:plc',
        product_uri: 'urn:vendor',
        application_name: 'PLC',
        application_type: 'Server',
        discovery_urls: ['opc.tcp://plc:4840'],
      },
    ]);
  });

  it('Browse request: the nodes browsed; response: results and reference count', () => {
    const s = opened();
    const desc = '0055' + u32(0) + '0021' + '01' + u32(0) + u32(63);
    s.parse(
      C,
      msg('F', 3, 3, svc(527) + reqHeader(4) + '0000' + '00'.repeat(12) + u32(0) + u32(1) + desc),
    );
    expect(s.last()?.nodes).toEqual(['i=85']);
    const ref =
      '0023' + '01' + '0002' + '0000' + str('Server') + '02' + str('Server') + u32(1) + '003d';
    s.parse(
      S,
      msg(
        'F',
        3,
        3,
        svc(530) + resHeader(4, 0) + u32(1) + u32(0) + 'ffffffff' + u32(1) + ref + 'ffffffff',
      ),
    );
    expect(s.last()).toMatchObject({ results: ['Good'], reference_count: 1 });
  });

  it('subscriptions: CreateSubscription, CreateMonitoredItems, Publish, Republish', () => {
    const s = opened();
    s.parse(
      C,
      msg(
        'F',
        3,
        3,
        svc(787) + reqHeader(5) + '0000000000408f40' + u32(60) + u32(10) + u32(0) + '01' + '00',
      ),
    );
    expect(s.last()).toMatchObject({
      publishing_interval: 1000,
      lifetime_count: 60,
      max_keep_alive_count: 10,
      publishing_enabled: true,
      priority: 0,
    });
    s.parse(
      S,
      msg('F', 3, 3, svc(790) + resHeader(5, 0) + u32(77) + '0000000000408f40' + u32(60) + u32(10)),
    );
    expect(s.last()).toMatchObject({ subscription_id: 77 });
    const item =
      '0055' +
      u32(12) +
      'ffffffff' +
      '0000ffffffff' +
      u32(2) +
      u32(1) +
      '0000000000407f40' +
      '000000' +
      u32(10) +
      '01';
    s.parse(C, msg('F', 4, 4, svc(751) + reqHeader(6) + u32(77) + u32(2) + u32(1) + item));
    expect(s.last()?.attributes).toEqual([
      {
        node_id: 'i=85',
        attribute_id: 12,
        attribute: 'EventNotifier',
        monitoring_mode: 'Reporting',
        sampling_interval: 500,
        queue_size: 10,
      },
    ]);
    s.parse(
      S,
      msg(
        'F',
        4,
        4,
        svc(754) +
          resHeader(6, 0) +
          u32(1) +
          u32(0) +
          u32(3) +
          '00'.repeat(12) +
          '000000' +
          'ffffffff',
      ),
    );
    expect(s.last()).toMatchObject({ results: ['Good'], monitored_item_ids: [3] });
    s.parse(C, msg('F', 5, 5, svc(826) + reqHeader(7) + u32(1) + u32(77) + u32(1)));
    expect(s.last()).toMatchObject({ service_name: 'PublishRequest', acknowledgements: 1 });
    const note = u32(2) + '0000000000000000' + u32(1) + '0000' + '00';
    s.parse(
      S,
      msg(
        'F',
        5,
        5,
        svc(829) + resHeader(7, 0) + u32(77) + u32(0) + '00' + note + u32(0) + 'ffffffff',
      ),
    );
    expect(s.last()).toMatchObject({
      subscription_id: 77,
      notification_sequence_number: 2,
      notification_count: 1,
      more_notifications: false,
    });
    s.parse(C, msg('F', 6, 6, svc(832) + reqHeader(8) + u32(77) + u32(2)));
    expect(s.last()).toMatchObject({
      service_name: 'RepublishRequest',
      subscription_id: 77,
      notification_sequence_number: 2,
    });
  });

  it('a Bad ServiceResult and a ServiceFault are named and flagged', () => {
    const s = opened();
    s.parse(S, msg('F', 3, 3, svc(397) + resHeader(4, 0x801f0000)));
    expect(s.last()).toMatchObject({
      service_name: 'ServiceFault',
      service_result_name: 'BadUserAccessDenied',
    });
    expect(s.sink.anomalies).toEqual(['opcua.bad_service_result']);
  });

  it('a truncated service body is decoded as far as it goes and flagged', () => {
    const s = opened();
    s.parse(C, fixture('truncated-read-request'));
    expect(s.last()).toMatchObject({
      service_name: 'ReadRequest',
      request_handle: 35,
      truncated: true,
    });
    expect(s.sink.anomalies).toEqual(['opcua.malformed_message']);
  });
});

describe('chunks', () => {
  it('reassembles intermediate and final chunks of one request', () => {
    const s = opened();
    s.parse(C, fixture('write-request-chunked'));
    expect(s.sink.events.map((e) => e.kind)).toEqual(['opcua.chunk', 'opcua.message']);
    expect(s.sink.events[0]?.opcua).toMatchObject({
      chunk_type: 'C',
      request_id: 30,
      chunk_count: 1,
    });
    expect(s.last()).toMatchObject({
      chunk_type: 'F',
      chunk_count: 2,
      body_length: 85,
      service_name: 'WriteRequest',
      attributes: [{ node_id: 'ns=1;s=the.answer', value: { type: 'Int32', value: 1 } }],
    });
  });

  it('an abort chunk discards the message and names its error', () => {
    const s = opened();
    s.parse(C, fixture('aborted-message'));
    expect(s.state.partial[C]).toHaveLength(0);
    expect(s.last()).toMatchObject({
      chunk_type: 'A',
      error_name: 'BadTcpMessageTooLarge',
      reason: 'size',
    });
    expect(s.sink.anomalies).toEqual(['opcua.aborted_message']);
  });

  it('keeps chunks of interleaved requests apart', () => {
    const s = opened();
    const body = svc(826) + reqHeader(7) + 'ffffffff';
    s.parse(C, msg('C', 1, 100, body.slice(0, 10)));
    s.parse(C, msg('C', 2, 101, body.slice(0, 20)));
    s.parse(C, msg('F', 3, 100, body.slice(10)));
    s.parse(C, msg('F', 4, 101, body.slice(20)));
    const done = s.sink.events.filter((e) => e.kind === 'opcua.message').map((e) => e.opcua);
    expect(done.map((f) => [f.request_id, f.service_name, f.request_handle])).toEqual([
      [100, 'PublishRequest', 7],
      [101, 'PublishRequest', 7],
    ]);
  });

  it('bounds the messages in reassembly and their size', () => {
    const s = opened();
    for (let r = 0; r < 5; r++) s.parse(C, msg('C', r, 200 + r, '00'));
    expect(s.sink.anomalies).toEqual(['opcua.reassembly_limit']);
    expect(s.state.partial[C]).toHaveLength(4);
    const small = session({ ...DEFAULT_LIMITS, maxPduBytes: 100 });
    small.parse(C, msg('C', 1, 1, svc(826) + '00'.repeat(66)));
    small.parse(C, msg('F', 2, 1, '00'.repeat(70)));
    expect(small.sink.anomalies).toEqual(['opcua.message_too_large']);
    expect(small.last()).toMatchObject({ chunk_count: 2, body_length: 140 });
    expect(small.last()?.service_id).toBeUndefined();
  });

  it('skips a chunk larger than maxPduBytes and reports it at its end', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPduBytes: 64 });
    s.parse(C, fixture('hello'));
    const big = msg('F', 1, 1, '00'.repeat(100));
    expect(s.parse(C, big.subarray(0, 50))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toHaveLength(1);
    s.parse(C, big.subarray(50));
    expect(s.last()).toMatchObject({
      msg_type: 'MSG',
      message_size: 124,
      secure_channel_id: 6,
      token_id: 6,
    });
    expect(s.sink.anomalies).toEqual(['opcua.oversized_chunk']);
    s.parse(C, fixture('error'));
    expect(s.last()?.msg_type).toBe('ERR');
    // A Hello of 100 bytes: its header only, no secure channel read from it.
    s.parse(C, hex('48454c46' + u32(100) + '00'.repeat(92)));
    expect(s.sink.events[s.sink.events.length - 1]).toEqual({
      kind: 'opcua.hello',
      opcua: { msg_type: 'HEL', chunk_type: 'F', message_size: 100 },
    });
  });
});

describe('sequence numbers', () => {
  it('flags a chunk that is not the previous sequence number plus one, per direction', () => {
    const s = opened();
    const body = svc(826) + reqHeader(7) + 'ffffffff';
    s.parse(C, msg('F', 2, 2, body));
    s.parse(C, msg('F', 3, 3, body));
    s.parse(S, msg('F', 2, 2, svc(829).slice(0, 8)));
    expect(s.sink.breaks).toEqual([]);
    s.parse(C, msg('F', 3, 4, body)); // replayed number
    expect(s.sink.breaks).toEqual(['opcua.sequence_break']);
    s.parse(C, msg('F', 4, 5, body));
    s.parse(C, msg('F', 9, 6, body)); // five numbers missing
    expect(s.sink.breaks).toHaveLength(2);
  });

  it('accepts the wrap after 4294966271 and forgets the number after a capture gap', () => {
    const s = opened();
    const body = svc(826) + reqHeader(7) + 'ffffffff';
    s.parse(C, msg('F', 4294966280, 2, body)); // first on channel 6 in this direction
    s.parse(C, msg('F', 1, 3, body)); // wrapped
    expect(s.sink.breaks).toEqual([]);
    s.parse(C, msg('F', 5, 4, body)); // 2 expected
    expect(s.sink.breaks).toEqual(['opcua.sequence_break']);
    opcuaDecoder.onGap?.(s.state, C, 10);
    s.parse(C, msg('F', 50, 5, body));
    expect(s.sink.breaks).toHaveLength(1);
  });
});

describe('limits, gaps and malformed input', () => {
  it('lists at most maxObjectsPerMessage results', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    s.parse(C, fixture('hello'));
    s.parse(
      S,
      msg(
        'F',
        1,
        1,
        svc(676) + resHeader(1, 0) + u32(3) + u32(0) + u32(0) + u32(0) + 'ffffffff',
        9,
      ),
    );
    expect(s.last()).toMatchObject({ results: ['Good', 'Good'], results_omitted: 1 });
    expect(s.sink.anomalies).toEqual(['opcua.objects_limit_reached']);
  });

  it('stops walking Variants nested deeper than the limit', () => {
    const s = opened();
    // A Call argument: Variant of type Variant (24), nested 12 times.
    const nested = '18'.repeat(12) + '06' + u32(1);
    s.parse(
      C,
      msg('F', 3, 3, svc(712) + reqHeader(1) + u32(1) + '0055' + '0055' + u32(1) + nested),
    );
    expect(s.sink.anomalies).toContain('opcua.nesting_limit');
  });

  it('resynchronises on the next header after a capture gap', () => {
    const s = opened();
    opcuaDecoder.onGap?.(s.state, C, 100);
    const junk = hex('00112233445566778899');
    const bytes = new Uint8Array(junk.length + 57);
    bytes.set(junk);
    bytes.set(fixture('close-secure-channel'), junk.length);
    s.parse(C, bytes);
    expect(s.sink.anomalies).toEqual(['opcua.lost_sync']);
    expect(s.last()?.msg_type).toBe('CLO');
  });

  it('rejects a new flow whose first header is not OPC UA', () => {
    const s = session();
    expect(s.parse(C, fixture('unknown-message-type'))).toEqual({
      kind: 'reject',
      anomaly: 'opcua.invalid_header',
    });
  });

  it('after confirmation, a broken header is an anomaly and decoding goes on', () => {
    const s = opened();
    const bytes = new Uint8Array(12 + 57);
    bytes.set(fixture('unknown-message-type'));
    bytes.set(fixture('close-secure-channel'), 12);
    s.parse(C, bytes);
    expect(s.sink.anomalies).toEqual(['opcua.invalid_header', 'opcua.lost_sync']);
    expect(s.last()?.msg_type).toBe('CLO');
  });
});

describe('probe and tables', () => {
  it('recognises each message type with a sane size', () => {
    expect(opcuaDecoder.probe(fixture('hello'), C)).toBe('match');
    expect(opcuaDecoder.probe(fixture('error'), S)).toBe('match');
    expect(opcuaDecoder.probe(hex('48'), C)).toBe('need_more');
    expect(opcuaDecoder.probe(hex('4845'), C)).toBe('need_more');
    expect(opcuaDecoder.probe(hex('48454c46'), C)).toBe('need_more');
    expect(opcuaDecoder.probe(hex('48454c43' + '38000000'), C)).toBe('no_match'); // HEL must be final
    expect(opcuaDecoder.probe(hex('4d534743' + '20000000'), C)).toBe('match'); // MSG intermediate
    expect(opcuaDecoder.probe(hex('4d534746' + '04000000'), C)).toBe('no_match'); // size < header
    expect(opcuaDecoder.probe(hex('4d534746' + '00000002'), C)).toBe('no_match'); // 32 MiB
    expect(opcuaDecoder.probe(hex('474554202f20485454'), C)).toBe('no_match'); // "GET / HTT"
  });

  it('names status codes from the spec table, and unknown ones by severity', () => {
    expect(statusName(0)).toBe('Good');
    expect(statusName(0x80340000)).toBe('BadNodeIdUnknown');
    expect(statusName(0x803b0400)).toBe('BadNotWritable');
    expect(statusName(0x40a40000)).toBe('UncertainDataSubNormal');
    expect(statusName(0x8fff0000)).toBe('Bad_0x8fff0000');
  });
});
