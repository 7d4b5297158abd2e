/** MQTT decoder: field values of every packet type, versions, masking, framing and limits. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import type { MqttEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { mqttDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: MqttEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as MqttEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
  take(): { events: MqttEvent[]; anomalies: string[] } {
    const out = { events: this.events, anomalies: this.anomalies };
    this.events = [];
    this.anomalies = [];
    return out;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = mqttDecoder.createState(limits);
  const sink = new Sink();
  return {
    state,
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return mqttDecoder.parse(state, bytes, dir, sink);
    },
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('MQTT 3.1.1', () => {
  it('decodes a CONNECT, masks the credentials and flags them', () => {
    const s = session();
    expect(s.parse(C, fixture('connect-v311-userpass'))).toEqual({ kind: 'ok' });
    const { events, anomalies } = s.sink.take();
    expect(events).toEqual([
      {
        kind: 'mqtt.connect',
        mqtt: {
          msg_type: 1,
          msg_type_name: 'connect',
          flags: 0,
          length: 43,
          version: 4,
          protocol_name: 'MQTT',
          clean_session: true,
          keep_alive: 60,
          will: false,
          will_qos: 0,
          will_retain: false,
          username_present: true,
          password_present: true,
          client_id: 'myvoiceismypassport',
          username_masked: 'u***',
          password_length: 4,
        },
      },
    ]);
    expect(anomalies).toEqual(['mqtt.cleartext_credentials']);
    expect(JSON.stringify(events)).not.toContain('pass"');
    expect(JSON.stringify(events)).not.toContain('"user"');
    expect(s.sink.confirms).toBe(1);
  });

  it('decodes SUBSCRIBE filters, CONNACK and SUBACK codes, PINGREQ and DISCONNECT', () => {
    const s = session();
    s.parse(C, fixture('connect-v311-userpass'));
    s.parse(C, fixture('subscribe-v311'));
    s.parse(S, fixture('connack-suback-v311'));
    s.parse(C, fixture('pingreq-disconnect-v311'));
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual(['mqtt.cleartext_credentials']);
    expect(events.map((e) => e.kind)).toEqual([
      'mqtt.connect',
      'mqtt.subscribe',
      'mqtt.connack',
      'mqtt.suback',
      'mqtt.ping',
      'mqtt.disconnect',
    ]);
    expect(events[1]?.mqtt).toMatchObject({
      msg_type: 8,
      flags: 2,
      packet_id: 1,
      filters: [
        { filter: 'topicX', wildcard: false, qos: 0 },
        { filter: 'topicY', wildcard: false, qos: 0 },
      ],
    });
    expect(events[2]?.mqtt).toMatchObject({
      session_present: false,
      reason_code: 0,
      reason: 'accepted',
    });
    expect(events[3]?.mqtt).toMatchObject({ packet_id: 1, reason_codes: [0, 0] });
    expect(events[4]?.mqtt.msg_type).toBe(12);
    expect(events[5]?.mqtt.msg_type).toBe(14);
  });

  it('flags wildcard subscriptions to everything', () => {
    const s = session();
    s.parse(C, fixture('connect-v311-userpass'));
    s.sink.take();
    s.parse(C, fixture('subscribe-everything'));
    const { events, anomalies } = s.sink.take();
    expect(events[0]?.mqtt.filters).toEqual([{ filter: '#', wildcard: true, qos: 1 }]);
    expect(anomalies).toEqual(['mqtt.wildcard_subscription']);
  });
});

describe('MQTT 5.0', () => {
  it('decodes CONNECT properties, will properties and the will', () => {
    const s = session();
    s.parse(C, fixture('connect-v5-will-properties'));
    const { events } = s.sink.take();
    const m = events[0]?.mqtt;
    expect(m).toMatchObject({
      version: 5,
      length: 204,
      will: true,
      will_topic: 'willtopic',
      will_payload_length: 11,
      username_masked: 'u***',
      password_length: 4,
    });
    expect(m?.properties).toEqual([
      { id: 0x27, name: 'maximum_packet_size', value: 11111 },
      { id: 0x21, name: 'receive_maximum', value: 222 },
      { id: 0x11, name: 'session_expiry_interval', value: 555 },
      { id: 0x22, name: 'topic_alias_maximum', value: 666 },
      { id: 0x26, name: 'user_property', value: 'userprop1=userval1' },
      { id: 0x26, name: 'user_property', value: 'userprop2=userval2' },
    ]);
    expect(m?.will_properties?.map((p) => p.name)).toEqual([
      'content_type',
      'correlation_data',
      'message_expiry_interval',
      'payload_format_indicator',
      'response_topic',
      'user_property',
      'will_delay_interval',
    ]);
    expect(m?.will_properties?.[1]?.value).toBe('binary[7]');
  });

  it('decodes a PUBLISH with properties, a preview and its PUBACK reason', () => {
    const s = session();
    s.parse(C, fixture('connect-v5-will-properties'));
    s.parse(S, fixture('connack-v5-properties'));
    s.parse(C, fixture('publish-v5-qos1-properties'));
    s.parse(S, fixture('puback-v5-no-subscribers'));
    const { events } = s.sink.take();
    expect(events[1]?.mqtt).toMatchObject({
      reason_code: 0,
      reason: 'success',
      properties: [{ id: 0x22, name: 'topic_alias_maximum', value: 10 }],
    });
    expect(events[2]?.mqtt).toMatchObject({
      topic: 'topicX',
      qos: 1,
      retain: false,
      dup: false,
      packet_id: 1,
      payload_length: 16,
      payload_preview: 'baabaablacksheep',
    });
    expect(events[2]?.mqtt.properties).toHaveLength(7);
    expect(events[3]?.mqtt).toMatchObject({
      msg_type: 4,
      packet_id: 1,
      reason_code: 0x10,
      reason: 'no_matching_subscribers',
    });
  });

  it('decodes SUBSCRIBE options, UNSUBSCRIBE, UNSUBACK reasons and DISCONNECT properties', () => {
    const s = session();
    s.parse(C, fixture('connect-v5-will-properties'));
    s.parse(C, fixture('subscribe-v5'));
    s.parse(S, fixture('suback-v5'));
    s.parse(C, fixture('unsubscribe-v5-two-packets'));
    s.parse(S, fixture('unsuback-v5-no-subscription'));
    s.parse(C, fixture('disconnect-v5-properties'));
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual(['mqtt.cleartext_credentials']);
    expect(events[1]?.mqtt.filters?.[0]).toEqual({
      filter: 'topicX',
      wildcard: false,
      qos: 0,
      no_local: false,
      retain_as_published: false,
      retain_handling: 0,
    });
    expect(events[2]?.mqtt.reason_codes).toEqual([0, 0]);
    expect(events.slice(3, 5).map((e) => [e.kind, e.mqtt.packet_id, e.mqtt.filters])).toEqual([
      ['mqtt.unsubscribe', 2, [{ filter: 'topicX', wildcard: false }]],
      ['mqtt.unsubscribe', 3, [{ filter: 'topicY', wildcard: false }]],
    ]);
    expect(events[5]?.mqtt.reason_codes).toEqual([0x11]);
    expect(events[6]?.mqtt).toMatchObject({
      reason_code: 4,
      reason: 'disconnect_with_will_message',
      properties: [
        { id: 0x11, name: 'session_expiry_interval', value: 122 },
        { id: 0x26, name: 'user_property', value: 'userprop4=userval4' },
      ],
    });
  });

  it('reports a refused connection and authentication properties', () => {
    const s = session();
    s.parse(C, fixture('connect-v5-auth-method'));
    s.parse(S, fixture('connack-v5-bad-auth-method'));
    const { events, anomalies } = s.sink.take();
    expect(events[0]?.mqtt.properties?.slice(0, 2)).toEqual([
      { id: 0x15, name: 'authentication_method', value: 'foo' },
      { id: 0x16, name: 'authentication_data', value: 'binary[4]' },
    ]);
    expect(events[1]?.mqtt).toMatchObject({
      reason_code: 0x8c,
      reason: 'bad_authentication_method',
    });
    expect(anomalies).toEqual(['mqtt.connection_refused']);
  });

  it('reports a property length beyond the packet and still emits the CONNECT', () => {
    const s = session();
    s.parse(C, fixture('connect-v5-excessive-property-length'));
    const { events, anomalies } = s.sink.take();
    expect(events).toHaveLength(1);
    expect(events[0]?.mqtt.msg_type).toBe(1);
    expect(anomalies).toContain('mqtt.invalid_property');
    expect(anomalies).toContain('mqtt.malformed_packet');
  });
});

describe('MQTT 3.1 and malformed packets', () => {
  it('decodes the QoS 2 exchange of a 3.1 session', () => {
    const s = session();
    s.parse(C, fixture('connect-v31-userpass'));
    s.parse(C, fixture('publish-v31-qos2'));
    s.parse(S, fixture('pubrec-v31'));
    s.parse(C, fixture('pubrel-v31'));
    s.parse(S, fixture('pubcomp-pingresp-v31'));
    const { events } = s.sink.take();
    expect(events[0]?.mqtt).toMatchObject({ version: 3, protocol_name: 'MQIsdp' });
    expect(events[1]?.mqtt).toMatchObject({ topic: 'topicX', qos: 2, packet_id: 1, version: 3 });
    expect(events.slice(2).map((e) => [e.mqtt.msg_type_name, e.mqtt.packet_id])).toEqual([
      ['pubrec', 1],
      ['pubrel', 1],
      ['pubcomp', 1],
      ['pingresp', undefined],
    ]);
  });

  it('flags QoS 3, wrong flags and a SUBSCRIBE without filters on a confirmed flow', () => {
    const s = session();
    s.parse(C, fixture('connect-v311-userpass'));
    s.sink.take();
    s.parse(C, fixture('publish-qos3'));
    s.parse(C, fixture('subscribe-bad-flags-no-filter'));
    const { events, anomalies } = s.sink.take();
    expect(events.map((e) => e.mqtt.msg_type)).toEqual([3, 8]);
    expect(events[0]?.mqtt.qos).toBe(3);
    expect(anomalies).toEqual(['mqtt.invalid_qos', 'mqtt.invalid_flags', 'mqtt.malformed_packet']);
  });

  it('rejects a new flow that starts with a reserved type or an unknown protocol', () => {
    expect(session().parse(C, hex('00' + '00'))).toEqual({
      kind: 'reject',
      anomaly: 'mqtt.invalid_packet_type',
    });
    const bad = hex('10' + '0c' + '0004' + '4d515858' + '04' + '02' + '003c' + '0000');
    expect(session().parse(C, bad)).toEqual({ kind: 'reject', anomaly: 'mqtt.invalid_protocol' });
    expect(session().parse(C, hex('30' + 'ffffffff' + '01'))).toEqual({
      kind: 'reject',
      anomaly: 'mqtt.invalid_length',
    });
  });

  it('raises missing_connect once on a capture that starts mid-session, then confirms', () => {
    const s = session();
    s.parse(C, fixture('publish-v31-qos2'));
    s.parse(S, fixture('pubrec-v31'));
    s.parse(C, fixture('pubrel-v31'));
    const { events, anomalies } = s.sink.take();
    expect(events).toHaveLength(3);
    expect(events[0]?.mqtt.version).toBeUndefined();
    expect(anomalies).toEqual(['mqtt.missing_connect']);
    expect(s.sink.confirms).toBe(1);
  });

  it('waits for a whole packet, and reports an oversized PUBLISH then skips its bytes', () => {
    const s = session();
    const pub = fixture('publish-v31-qos2');
    expect(s.parse(C, pub.subarray(0, 1))).toEqual({ kind: 'incomplete', consumed: 0, needed: 2 });
    expect(s.parse(C, pub.subarray(0, 10))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 28,
    });
    const small = session({ ...DEFAULT_LIMITS, maxPduBytes: 16 });
    const both = concatBytes(pub, fixture('pubrel-v31'));
    expect(small.parse(C, both.subarray(0, 11))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 12,
    });
    expect(small.parse(C, both.subarray(0, 12))).toEqual({ kind: 'ok' });
    // The event comes with the packet's last byte, as Wireshark shows it.
    expect(small.sink.events).toEqual([]);
    expect(small.parse(C, both.subarray(12))).toEqual({ kind: 'ok' });
    const { events, anomalies } = small.sink.take();
    expect(anomalies).toContain('mqtt.oversized_packet');
    expect(
      events.map((e) => [
        e.mqtt.msg_type,
        e.mqtt.length,
        e.mqtt.qos,
        e.mqtt.topic,
        e.mqtt.payload_length,
      ]),
    ).toEqual([
      [3, 26, 2, 'topicX', 16],
      [6, 2, undefined, undefined, undefined],
    ]);
  });

  it('resumes after a capture gap on a whole packet, and gives up on one that is not', () => {
    const s = session();
    mqttDecoder.onGap?.(s.state, C, 16);
    s.parse(C, fixture('subscribe-v311'));
    expect(s.sink.take().events.map((e) => e.kind)).toEqual(['mqtt.subscribe']);
    mqttDecoder.onGap?.(s.state, C, 7);
    expect(s.parse(C, hex('0006' + '746f70696358' + '00'))).toEqual({ kind: 'ok' });
    s.parse(C, fixture('pingreq-disconnect-v311'));
    expect(s.sink.take().events).toEqual([]);
    s.parse(S, fixture('connack-suback-v311'));
    expect(s.sink.take().events).toHaveLength(2);
  });

  it('caps topic filters at the objects limit', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    const filter = '0001' + '61' + '00'; // filter "a", QoS 0
    s.parse(C, hex('82' + '0e' + '0001' + filter + filter + filter));
    const { events, anomalies } = s.sink.take();
    expect(events[0]?.mqtt.filters).toHaveLength(2);
    expect(anomalies).toContain('mqtt.objects_limit_reached');
  });

  it('probes CONNECTs of every version and mid-session packets, refuses TLS and HTTP', () => {
    expect(mqttDecoder.probe(fixture('connect-v31-userpass'), C)).toBe('match');
    expect(mqttDecoder.probe(fixture('connect-v5-auth-method'), C)).toBe('match');
    expect(mqttDecoder.probe(fixture('publish-v31-qos2'), C)).toBe('match');
    expect(mqttDecoder.probe(fixture('connack-suback-v311'), S)).toBe('match');
    expect(mqttDecoder.probe(fixture('connack-suback-v311'), C)).toBe('no_match');
    expect(mqttDecoder.probe(hex('160301020001'), C)).toBe('no_match');
    expect(mqttDecoder.probe(new TextEncoder().encode('POST / HTTP/1.1\r\n'), C)).toBe('no_match');
  });
});
