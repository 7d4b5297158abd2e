/**
 * MQTT code tables.
 *
 * References:
 * - [V3] MQTT V3.1 Protocol Specification (IBM/Eurotech, 2010): 2.1 (fixed header), 3.1-3.14.
 * - [V4] MQTT Version 3.1.1, OASIS Standard (2014): 2.2 (fixed header), 2.2.3 (remaining
 *   length), 3.1-3.14 (control packets), 3.2.2.3 (CONNACK return codes).
 * - [V5] MQTT Version 5.0, OASIS Standard (2019): 1.5.5 (variable byte integer), 2.1.3 (flags),
 *   2.2.2.2 (properties), 2.4 (reason codes), 3.1-3.15.
 */

/** Framing constants. */
export const MQTT = {
  /** IANA port for MQTT over TCP ([V5] 4.2; 8883 is MQTT over TLS, not decoded here). */
  PORT: 1883,
  /** A variable byte integer has at most 4 bytes ([V4] 2.2.3, [V5] 1.5.5). */
  MAX_VARINT_BYTES: 4,
  /** Largest remaining length a 4-byte variable byte integer encodes (256 MB). */
  MAX_REMAINING_LENGTH: 268_435_455,
  /** Bytes of a PUBLISH payload copied into `payload_preview`. */
  PREVIEW_BYTES: 64,
} as const;

/** Control packet types, the high nibble of the first fixed header byte ([V5] 2.1.2). */
export const PacketType = {
  RESERVED: 0,
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
  /** AUTH in MQTT 5.0 only; reserved in 3.1 and 3.1.1. */
  AUTH: 15,
} as const;

/** Packet type names, indexed by type ([V5] 2.1.2 table 2-1). */
export const PACKET_TYPE_NAMES: readonly string[] = [
  'reserved',
  'connect',
  'connack',
  'publish',
  'puback',
  'pubrec',
  'pubrel',
  'pubcomp',
  'subscribe',
  'suback',
  'unsubscribe',
  'unsuback',
  'pingreq',
  'pingresp',
  'disconnect',
  'auth',
];

/**
 * Required fixed header flags per packet type, -1 for PUBLISH whose flags are DUP, QoS and
 * RETAIN ([V4] 2.2.2 table 2.2, [V5] 2.1.3 table 2-2): PUBREL, SUBSCRIBE and UNSUBSCRIBE carry
 * 0b0010, every other type 0.
 */
export const REQUIRED_FLAGS: readonly number[] = [0, 0, 0, -1, 0, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0];

/**
 * Who may send each type: 1 client only, 2 server only, 3 either ([V5] 2.1.2 table 2-1).
 */
export const SENDER: readonly number[] = [0, 1, 2, 3, 3, 3, 3, 3, 1, 2, 1, 2, 1, 2, 3, 3];

/** Protocol levels of the CONNECT variable header ([V3] 3.1, [V4] 3.1.2.2, [V5] 3.1.2.2). */
export const ProtocolLevel = { V31: 3, V311: 4, V5: 5 } as const;

/** Version names by protocol level. */
export const VERSION_NAMES: Readonly<Record<number, string>> = {
  3: '3.1',
  4: '3.1.1',
  5: '5.0',
};

/** CONNACK return codes of MQTT 3.1 and 3.1.1 ([V4] 3.2.2.3 table 3.1). */
export const CONNACK_V3_NAMES: readonly string[] = [
  'accepted',
  'unacceptable_protocol_version',
  'identifier_rejected',
  'server_unavailable',
  'bad_username_or_password',
  'not_authorized',
];

/** MQTT 5.0 reason codes ([V5] 2.4 table 2-6); meaning of 0 depends on the packet. */
export const REASON_NAMES: Readonly<Record<number, string>> = {
  0x00: 'success',
  0x01: 'granted_qos_1',
  0x02: 'granted_qos_2',
  0x04: 'disconnect_with_will_message',
  0x10: 'no_matching_subscribers',
  0x11: 'no_subscription_existed',
  0x18: 'continue_authentication',
  0x19: 're_authenticate',
  0x80: 'unspecified_error',
  0x81: 'malformed_packet',
  0x82: 'protocol_error',
  0x83: 'implementation_specific_error',
  0x84: 'unsupported_protocol_version',
  0x85: 'client_identifier_not_valid',
  0x86: 'bad_user_name_or_password',
  0x87: 'not_authorized',
  0x88: 'server_unavailable',
  0x89: 'server_busy',
  0x8a: 'banned',
  0x8b: 'server_shutting_down',
  0x8c: 'bad_authentication_method',
  0x8d: 'keep_alive_timeout',
  0x8e: 'session_taken_over',
  0x8f: 'topic_filter_invalid',
  0x90: 'topic_name_invalid',
  0x91: 'packet_identifier_in_use',
  0x92: 'packet_identifier_not_found',
  0x93: 'receive_maximum_exceeded',
  0x94: 'topic_alias_invalid',
  0x95: 'packet_too_large',
  0x96: 'message_rate_too_high',
  0x97: 'quota_exceeded',
  0x98: 'administrative_action',
  0x99: 'payload_format_invalid',
  0x9a: 'retain_not_supported',
  0x9b: 'qos_not_supported',
  0x9c: 'use_another_server',
  0x9d: 'server_moved',
  0x9e: 'shared_subscriptions_not_supported',
  0x9f: 'connection_rate_exceeded',
  0xa0: 'maximum_connect_time',
  0xa1: 'subscription_identifiers_not_supported',
  0xa2: 'wildcard_subscriptions_not_supported',
};

/** Name of an MQTT 5.0 reason code, `granted_qos_0` for 0 in a SUBACK. */
export function reasonName(code: number, type: number): string {
  if (code === 0 && type === PacketType.SUBACK) return 'granted_qos_0';
  if (code === 0 && type === PacketType.DISCONNECT) return 'normal_disconnection';
  return REASON_NAMES[code] ?? 'unknown';
}

/** Value encodings of MQTT 5.0 properties ([V5] 2.2.2.2, 1.5). */
export const PropType = {
  BYTE: 1,
  U16: 2,
  U32: 3,
  VARINT: 4,
  STRING: 5,
  BINARY: 6,
  PAIR: 7,
} as const;

/** One MQTT 5.0 property definition: name and encoding ([V5] 2.2.2.2 table 2-4). */
export interface PropertyDef {
  readonly name: string;
  readonly type: number;
}

/** MQTT 5.0 properties by identifier ([V5] 2.2.2.2 table 2-4). */
export const PROPERTIES: Readonly<Record<number, PropertyDef>> = {
  0x01: { name: 'payload_format_indicator', type: PropType.BYTE },
  0x02: { name: 'message_expiry_interval', type: PropType.U32 },
  0x03: { name: 'content_type', type: PropType.STRING },
  0x08: { name: 'response_topic', type: PropType.STRING },
  0x09: { name: 'correlation_data', type: PropType.BINARY },
  0x0b: { name: 'subscription_identifier', type: PropType.VARINT },
  0x11: { name: 'session_expiry_interval', type: PropType.U32 },
  0x12: { name: 'assigned_client_identifier', type: PropType.STRING },
  0x13: { name: 'server_keep_alive', type: PropType.U16 },
  0x15: { name: 'authentication_method', type: PropType.STRING },
  0x16: { name: 'authentication_data', type: PropType.BINARY },
  0x17: { name: 'request_problem_information', type: PropType.BYTE },
  0x18: { name: 'will_delay_interval', type: PropType.U32 },
  0x19: { name: 'request_response_information', type: PropType.BYTE },
  0x1a: { name: 'response_information', type: PropType.STRING },
  0x1c: { name: 'server_reference', type: PropType.STRING },
  0x1f: { name: 'reason_string', type: PropType.STRING },
  0x21: { name: 'receive_maximum', type: PropType.U16 },
  0x22: { name: 'topic_alias_maximum', type: PropType.U16 },
  0x23: { name: 'topic_alias', type: PropType.U16 },
  0x24: { name: 'maximum_qos', type: PropType.BYTE },
  0x25: { name: 'retain_available', type: PropType.BYTE },
  0x26: { name: 'user_property', type: PropType.PAIR },
  0x27: { name: 'maximum_packet_size', type: PropType.U32 },
  0x28: { name: 'wildcard_subscription_available', type: PropType.BYTE },
  0x29: { name: 'subscription_identifier_available', type: PropType.BYTE },
  0x2a: { name: 'shared_subscription_available', type: PropType.BYTE },
};
