/**
 * MQTT events: one per control packet.
 *
 * Every event carries the `mqtt` object below; the fields a packet type does not have are
 * absent. Credentials are never copied: a CONNECT says whether a user name and a password are
 * present, gives the user name masked (first character, then `***`) and the password length.
 *
 * References: MQTT V3.1 ([V3]), OASIS MQTT 3.1.1 ([V4]) and 5.0 ([V5]); see constants.ts.
 */

/** Event kinds, one per packet type (PUBACK, PUBREC, PUBREL, PUBCOMP share `mqtt.publish_ack`). */
export const MQTT_EVENT_KINDS = [
  'mqtt.connect',
  'mqtt.connack',
  'mqtt.publish',
  'mqtt.publish_ack',
  'mqtt.subscribe',
  'mqtt.suback',
  'mqtt.unsubscribe',
  'mqtt.unsuback',
  'mqtt.ping',
  'mqtt.disconnect',
  'mqtt.auth',
  'mqtt.reserved',
] as const;

/** An MQTT event kind. */
export type MqttEventKind = (typeof MQTT_EVENT_KINDS)[number];

/** One MQTT 5.0 property ([V5] 2.2.2.2). */
export interface MqttProperty {
  /** Property identifier (0x01 payload format indicator ... 0x2A shared subscription available). */
  readonly id: number;
  /** Property name in snake_case, or `unknown`. */
  readonly name: string;
  /**
   * Value: a number (byte, two/four byte integer, variable byte integer), a string (UTF-8
   * string, cut at the string limit), the length of binary data as `binary[N]`, or `key=value`
   * for a user property.
   */
  readonly value: number | string;
}

/** One topic filter of a SUBSCRIBE or UNSUBSCRIBE. */
export interface MqttFilter {
  /** Topic filter, UTF-8, cut at the string limit. */
  readonly filter: string;
  /** Whether it holds a wildcard: `+` (one level) or `#` (every level below) ([V4] 4.7.1). */
  readonly wildcard: boolean;
  /** Requested maximum QoS (SUBSCRIBE only). */
  readonly qos?: number;
  /** MQTT 5.0 subscription options: No Local ([V5] 3.8.3.1). */
  readonly no_local?: boolean;
  /** MQTT 5.0 subscription options: Retain As Published. */
  readonly retain_as_published?: boolean;
  /** MQTT 5.0 subscription options: Retain Handling (0-2). */
  readonly retain_handling?: number;
}

/** The `mqtt` object of every MQTT event. Field names are the public schema. */
export interface MqttFields {
  /** Control packet type, 0-15 ([V5] 2.1.2): 1 CONNECT, 3 PUBLISH, 8 SUBSCRIBE, ... */
  msg_type: number;
  /** Packet type name: `connect`, `connack`, `publish`, `puback`, ..., `auth`, `reserved`. */
  msg_type_name: string;
  /** The four flag bits of the fixed header. */
  flags: number;
  /** Remaining length: bytes after the fixed header ([V4] 2.2.3). */
  length: number;
  /**
   * Protocol level the flow negotiated in its CONNECT: 3 (3.1), 4 (3.1.1), 5 (5.0); absent while
   * unknown (a capture that starts after the CONNECT is decoded as 3.1.1).
   */
  version?: number;
  /** CONNECT: protocol name (`MQTT`, or `MQIsdp` in 3.1). */
  protocol_name?: string;
  /** CONNECT: Clean Session (3.x) / Clean Start (5.0) flag. */
  clean_session?: boolean;
  /** CONNECT: keep alive, seconds. */
  keep_alive?: number;
  /** CONNECT: client identifier (may be empty), cut at the string limit. */
  client_id?: string;
  /** CONNECT: user name flag. */
  username_present?: boolean;
  /** CONNECT: the user name masked: its first character then `***`. */
  username_masked?: string;
  /** CONNECT: password flag. */
  password_present?: boolean;
  /** CONNECT: password length in bytes (the password itself is never copied). */
  password_length?: number;
  /** CONNECT: will flag. */
  will?: boolean;
  /** CONNECT: will QoS. */
  will_qos?: number;
  /** CONNECT: will retain. */
  will_retain?: boolean;
  /** CONNECT: will topic. */
  will_topic?: string;
  /** CONNECT: will message length in bytes. */
  will_payload_length?: number;
  /** CONNECT (5.0): will properties. */
  will_properties?: MqttProperty[];
  /** CONNACK: session present flag. */
  session_present?: boolean;
  /**
   * CONNACK return code (3.x) or reason code (5.0, every packet that has one); SUBACK and
   * UNSUBACK have `reason_codes` instead.
   */
  reason_code?: number;
  /** Name of `reason_code`: `accepted`, `not_authorized`, `success`, `bad_user_name_or_password`... */
  reason?: string;
  /** SUBACK, UNSUBACK (5.0): one return / reason code per filter, in order. */
  reason_codes?: number[];
  /** PUBLISH: topic name, cut at the string limit (empty with a 5.0 topic alias). */
  topic?: string;
  /** PUBLISH: QoS (0-3; 3 is invalid). */
  qos?: number;
  /** PUBLISH: retain flag. */
  retain?: boolean;
  /** PUBLISH: duplicate delivery flag. */
  dup?: boolean;
  /** PUBLISH with QoS > 0, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK. */
  packet_id?: number;
  /** PUBLISH: application message length in bytes. */
  payload_length?: number;
  /** PUBLISH: the first 64 bytes of the message as text, non-printable bytes as `.`. */
  payload_preview?: string;
  /** SUBSCRIBE, UNSUBSCRIBE: topic filters (at most `maxObjectsPerMessage`). */
  filters?: MqttFilter[];
  /** MQTT 5.0: the packet's properties (at most `maxObjectsPerMessage`). */
  properties?: MqttProperty[];
}

/** An MQTT event. */
export type MqttEvent = {
  readonly kind: MqttEventKind;
  readonly mqtt: MqttFields;
};
