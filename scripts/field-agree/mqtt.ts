/**
 * MQTT deeper fields against Wireshark's `mqtt` dissector (4.0).
 *
 * Where the two put a value differs, the spec compares like with like:
 * - Wireshark's `mqtt.topic` holds the topic of a PUBLISH and the filters of a SUBSCRIBE or
 *   UNSUBSCRIBE; ours has them in `topic` and `filters[].filter`.
 * - `mqtt.qos` is the fixed-header QoS of a PUBLISH only; the requested QoS of a subscription is
 *   `mqtt.sub.qos` (3.x) or `mqtt.subscription_options_qos` (5.0).
 * - Wireshark also shows the flags of a PUBREL as DUP and QoS when it saw the CONNECT.
 * - Wireshark shows booleans as 0/1 (True/False in some builds): both map to 1/0.
 * - Wireshark shows a user name and password; ours only says whether they are present.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

/** Booleans as 1/0 whichever way either side writes them. */
function bool(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  if (t === '') return undefined;
  return t === 'true' || t === '1' ? '1' : '0';
}

/** The filters of a SUBSCRIBE or UNSUBSCRIBE. */
function filters(e: EventLine): Record<string, unknown>[] {
  const f = at(e, 'mqtt.filters');
  return Array.isArray(f) ? (f as Record<string, unknown>[]) : [];
}

/**
 * Wireshark reads the fixed-header flags of a PUBREL as DUP and QoS too (0010: QoS 1): the
 * bits `mask` of our `flags`, shifted right by `shift`.
 */
function pubrel(e: EventLine, mask: number, shift: number): number | undefined {
  const f = at(e, 'mqtt.flags');
  // Only once it knows the version (it saw the CONNECT).
  const known = at(e, 'mqtt.version') !== undefined;
  return at(e, 'mqtt.msg_type') === 6 && known && typeof f === 'number'
    ? (f & mask) >> shift
    : undefined;
}

const isConnect = (e: EventLine): boolean => e.kind === 'mqtt.connect';

export const mqttSpec: ProtoSpec = {
  proto: 'mqtt',
  filter: 'mqtt',
  // Every MQTT capture but mqtt5-excessiveproplen.pcap, whose CONNECT declares a 4351-byte
  // property block in a 47-byte packet: Wireshark reads a property id 0 there, we stop at the
  // block length (test/golden/mqtt/tshark-agreement.test.ts pins that frame).
  sharedCaptures: [
    'mqtt/mqtt-',
    'mqtt/mqtt31',
    'mqtt/mqtt5-pub',
    'mqtt/mqtt5-sub',
    'mqtt/mqtt5-unsub',
    'mqtt/mqtt5_pub',
  ],
  fields: [
    { name: 'message type', tshark: 'mqtt.msgtype', ours: (e) => at(e, 'mqtt.msg_type') },
    {
      name: 'topic',
      tshark: 'mqtt.topic',
      ours: (e) =>
        e.kind === 'mqtt.publish' ? at(e, 'mqtt.topic') : filters(e).map((f) => f.filter),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'QoS',
      tshark: 'mqtt.qos',
      ours: (e) => (e.kind === 'mqtt.publish' ? at(e, 'mqtt.qos') : pubrel(e, 0x06, 1)),
    },
    {
      name: 'retain',
      tshark: 'mqtt.retain',
      ours: (e) => (e.kind === 'mqtt.publish' ? at(e, 'mqtt.retain') : undefined),
      norm: bool,
    },
    {
      name: 'dup',
      tshark: 'mqtt.dupflag',
      ours: (e) => (e.kind === 'mqtt.publish' ? at(e, 'mqtt.dup') : pubrel(e, 0x08, 3)),
      norm: bool,
    },
    {
      name: 'requested QoS',
      tshark: ['mqtt.sub.qos', 'mqtt.subscription_options_qos'],
      ours: (e) => (e.kind === 'mqtt.subscribe' ? filters(e).map((f) => f.qos) : undefined),
    },
    { name: 'packet id', tshark: 'mqtt.msgid', ours: (e) => at(e, 'mqtt.packet_id') },
    {
      name: 'protocol version',
      tshark: 'mqtt.ver',
      ours: (e) => (isConnect(e) ? at(e, 'mqtt.version') : undefined),
    },
    {
      name: 'client id',
      tshark: 'mqtt.clientid',
      ours: (e) => at(e, 'mqtt.client_id'),
      norm: (v) => (v === '' ? undefined : v),
    },
    { name: 'keep alive', tshark: 'mqtt.kalive', ours: (e) => at(e, 'mqtt.keep_alive') },
    {
      name: 'user name flag',
      tshark: 'mqtt.conflag.uname',
      ours: (e) => at(e, 'mqtt.username_present'),
      norm: bool,
    },
    {
      name: 'password flag',
      tshark: 'mqtt.conflag.passwd',
      ours: (e) => at(e, 'mqtt.password_present'),
      norm: bool,
    },
    {
      name: 'clean session',
      tshark: 'mqtt.conflag.cleansess',
      ours: (e) => at(e, 'mqtt.clean_session'),
      norm: bool,
    },
    { name: 'will topic', tshark: 'mqtt.willtopic', ours: (e) => at(e, 'mqtt.will_topic') },
    {
      name: 'CONNACK return code',
      tshark: ['mqtt.conack.val', 'mqtt.connack.reason_code'],
      ours: (e) => (e.kind === 'mqtt.connack' ? at(e, 'mqtt.reason_code') : undefined),
    },
    {
      name: 'property id',
      tshark: 'mqtt.property_id',
      ours: (e) => {
        const ids: unknown[] = [];
        for (const key of ['mqtt.properties', 'mqtt.will_properties']) {
          const p = at(e, key);
          if (Array.isArray(p)) for (const x of p as { id: number }[]) ids.push(x.id);
        }
        return ids;
      },
      norm: normValue,
    },
  ],
};
