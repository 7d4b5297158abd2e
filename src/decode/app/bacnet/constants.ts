/**
 * BACnet code tables (ANSI/ASHRAE 135-2020): BVLL functions (Annex J.2), NPDU control and
 * network-layer message types (6.2, 6.4), APDU types (20.1), service choices, object types,
 * property identifiers, error classes and codes, reject and abort reasons (21, the ASN.1
 * productions BACnetConfirmedServiceChoice, BACnetUnconfirmedServiceChoice, BACnetObjectType,
 * BACnetPropertyIdentifier, BACnetRejectReason, BACnetAbortReason, Error).
 */

/** Fixed values of the encodings. */
export const BACNET = {
  /** BACnet/IP UDP port, 0xBAC0 (Annex J.1). */
  PORT: 47808,
  /** BVLL type of BACnet/IP (Annex J.2). */
  BVLC_TYPE_IP: 0x81,
  /** NPDU protocol version (6.2.1). */
  NPDU_VERSION: 1,
  /** 802.2 LLC DSAP/SSAP of BACnet over ISO 8802-2 (7.1) and the UI control octet. */
  LLC_SAP: 0x82,
  LLC_UI: 0x03,
  /** Largest BVLL the length field can state; BACnet/IP APDUs fit in 1497 octets. */
  MAX_BVLC_LENGTH: 0xffff,
} as const;

/** BVLC functions (Annex J.2.x). */
export const BVLC_FUNCTIONS: Readonly<Record<number, string>> = {
  0x00: 'bvlc-result', // J.2.1
  0x01: 'write-broadcast-distribution-table', // J.2.2
  0x02: 'read-broadcast-distribution-table', // J.2.3
  0x03: 'read-broadcast-distribution-table-ack', // J.2.4
  0x04: 'forwarded-npdu', // J.2.5
  0x05: 'register-foreign-device', // J.2.6
  0x06: 'read-foreign-device-table', // J.2.7
  0x07: 'read-foreign-device-table-ack', // J.2.8
  0x08: 'delete-foreign-device-table-entry', // J.2.9
  0x09: 'distribute-broadcast-to-network', // J.2.10
  0x0a: 'original-unicast-npdu', // J.2.11
  0x0b: 'original-broadcast-npdu', // J.2.12
  0x0c: 'secure-bvll', // J.2.13
};

/** BVLC-Result codes (J.2.1.1). */
export const BVLC_RESULTS: Readonly<Record<number, string>> = {
  0x0000: 'successful-completion',
  0x0010: 'write-broadcast-distribution-table-nak',
  0x0020: 'read-broadcast-distribution-table-nak',
  0x0030: 'register-foreign-device-nak',
  0x0040: 'read-foreign-device-table-nak',
  0x0050: 'delete-foreign-device-table-entry-nak',
  0x0060: 'distribute-broadcast-to-network-nak',
};

/** Network-layer message types (6.2.4); 0x80-0xFF are vendor proprietary. */
export const NETWORK_MESSAGES: Readonly<Record<number, string>> = {
  0x00: 'who-is-router-to-network',
  0x01: 'i-am-router-to-network',
  0x02: 'i-could-be-router-to-network',
  0x03: 'reject-message-to-network',
  0x04: 'router-busy-to-network',
  0x05: 'router-available-to-network',
  0x06: 'initialize-routing-table',
  0x07: 'initialize-routing-table-ack',
  0x08: 'establish-connection-to-network',
  0x09: 'disconnect-connection-to-network',
  0x0a: 'challenge-request',
  0x0b: 'security-payload',
  0x0c: 'security-response',
  0x0d: 'request-key-update',
  0x0e: 'update-key-set',
  0x0f: 'update-distribution-key',
  0x10: 'request-master-key',
  0x11: 'set-master-key',
  0x12: 'what-is-network-number',
  0x13: 'network-number-is',
};

/** APDU types (20.1.1, high nibble of the first APDU octet). */
export const PduType = {
  CONFIRMED_REQUEST: 0,
  UNCONFIRMED_REQUEST: 1,
  SIMPLE_ACK: 2,
  COMPLEX_ACK: 3,
  SEGMENT_ACK: 4,
  ERROR: 5,
  REJECT: 6,
  ABORT: 7,
} as const;

/** APDU type names (20.1.2 - 20.1.9). */
export const PDU_TYPE_NAMES: readonly string[] = [
  'confirmed-request',
  'unconfirmed-request',
  'simple-ack',
  'complex-ack',
  'segment-ack',
  'error',
  'reject',
  'abort',
];

/** BACnetConfirmedServiceChoice (21). */
export const CONFIRMED_SERVICES: Readonly<Record<number, string>> = {
  0: 'acknowledge-alarm',
  1: 'confirmed-cov-notification',
  2: 'confirmed-event-notification',
  3: 'get-alarm-summary',
  4: 'get-enrollment-summary',
  5: 'subscribe-cov',
  6: 'atomic-read-file',
  7: 'atomic-write-file',
  8: 'add-list-element',
  9: 'remove-list-element',
  10: 'create-object',
  11: 'delete-object',
  12: 'read-property',
  13: 'read-property-conditional',
  14: 'read-property-multiple',
  15: 'write-property',
  16: 'write-property-multiple',
  17: 'device-communication-control',
  18: 'confirmed-private-transfer',
  19: 'confirmed-text-message',
  20: 'reinitialize-device',
  21: 'vt-open',
  22: 'vt-close',
  23: 'vt-data',
  24: 'authenticate',
  25: 'request-key',
  26: 'read-range',
  27: 'life-safety-operation',
  28: 'subscribe-cov-property',
  29: 'get-event-information',
  30: 'subscribe-cov-property-multiple',
  31: 'confirmed-cov-notification-multiple',
  32: 'confirmed-audit-notification',
  33: 'audit-log-query',
};

/** Confirmed service choices by name (the ones the decoder reads fields of). */
export const Confirmed = {
  CONFIRMED_COV_NOTIFICATION: 1,
  CONFIRMED_EVENT_NOTIFICATION: 2,
  SUBSCRIBE_COV: 5,
  ATOMIC_READ_FILE: 6,
  ATOMIC_WRITE_FILE: 7,
  READ_PROPERTY: 12,
  READ_PROPERTY_MULTIPLE: 14,
  WRITE_PROPERTY: 15,
  WRITE_PROPERTY_MULTIPLE: 16,
  DEVICE_COMMUNICATION_CONTROL: 17,
  REINITIALIZE_DEVICE: 20,
  SUBSCRIBE_COV_PROPERTY: 28,
} as const;

/** BACnetUnconfirmedServiceChoice (21). */
export const UNCONFIRMED_SERVICES: Readonly<Record<number, string>> = {
  0: 'i-am',
  1: 'i-have',
  2: 'unconfirmed-cov-notification',
  3: 'unconfirmed-event-notification',
  4: 'unconfirmed-private-transfer',
  5: 'unconfirmed-text-message',
  6: 'time-synchronization',
  7: 'who-has',
  8: 'who-is',
  9: 'utc-time-synchronization',
  10: 'write-group',
  11: 'unconfirmed-cov-notification-multiple',
  12: 'unconfirmed-audit-notification',
  13: 'who-am-i',
  14: 'you-are',
};

/** Unconfirmed service choices by name (the ones the decoder reads fields of). */
export const Unconfirmed = {
  I_AM: 0,
  I_HAVE: 1,
  UNCONFIRMED_COV_NOTIFICATION: 2,
  UNCONFIRMED_EVENT_NOTIFICATION: 3,
  WHO_HAS: 7,
  WHO_IS: 8,
} as const;

/** BACnetObjectType (21), standard types 0-63; 128-1023 are proprietary. */
export const OBJECT_TYPES: readonly string[] = [
  'analog-input',
  'analog-output',
  'analog-value',
  'binary-input',
  'binary-output',
  'binary-value',
  'calendar',
  'command',
  'device',
  'event-enrollment',
  'file',
  'group',
  'loop',
  'multi-state-input',
  'multi-state-output',
  'notification-class',
  'program',
  'schedule',
  'averaging',
  'multi-state-value',
  'trend-log',
  'life-safety-point',
  'life-safety-zone',
  'accumulator',
  'pulse-converter',
  'event-log',
  'global-group',
  'trend-log-multiple',
  'load-control',
  'structured-view',
  'access-door',
  'timer',
  'access-credential',
  'access-point',
  'access-rights',
  'access-user',
  'access-zone',
  'credential-data-input',
  'network-security',
  'bitstring-value',
  'characterstring-value',
  'date-pattern-value',
  'date-value',
  'datetime-pattern-value',
  'datetime-value',
  'integer-value',
  'large-analog-value',
  'octetstring-value',
  'positive-integer-value',
  'time-pattern-value',
  'time-value',
  'notification-forwarder',
  'alert-enrollment',
  'channel',
  'lighting-output',
  'binary-lighting-output',
  'network-port',
  'elevator-group',
  'escalator',
  'lift',
  'staging',
  'audit-log',
  'audit-reporter',
  'color',
  'color-temperature',
];

/** Frequently seen BACnetPropertyIdentifier values (21); the rest are reported by number. */
export const PROPERTY_IDS: Readonly<Record<number, string>> = {
  8: 'all',
  28: 'description',
  36: 'event-state',
  44: 'firmware-revision',
  62: 'max-apdu-length-accepted',
  70: 'model-name',
  75: 'object-identifier',
  76: 'object-list',
  77: 'object-name',
  79: 'object-type',
  80: 'optional',
  81: 'out-of-service',
  85: 'present-value',
  87: 'priority-array',
  96: 'protocol-object-types-supported',
  97: 'protocol-services-supported',
  98: 'protocol-version',
  103: 'reliability',
  104: 'relinquish-default',
  105: 'required',
  107: 'segmentation-supported',
  111: 'status-flags',
  112: 'system-status',
  117: 'units',
  120: 'vendor-identifier',
  121: 'vendor-name',
  139: 'protocol-revision',
};

/** Error classes (18). */
export const ERROR_CLASSES: readonly string[] = [
  'device',
  'object',
  'property',
  'resources',
  'security',
  'services',
  'vt',
  'communication',
];

/** The most frequent error codes (18, Error ::= SEQUENCE { error-class, error-code }). */
export const ERROR_CODES: Readonly<Record<number, string>> = {
  0: 'other',
  2: 'configuration-in-progress',
  3: 'device-busy',
  5: 'file-access-denied',
  9: 'invalid-data-type',
  25: 'operational-problem',
  26: 'password-failure',
  31: 'unknown-object',
  32: 'unknown-property',
  37: 'value-out-of-range',
  40: 'write-access-denied',
  42: 'invalid-array-index',
  45: 'optional-functionality-not-supported',
  47: 'datatype-not-supported',
  50: 'property-is-not-an-array',
};

/** BACnetRejectReason (18.8). */
export const REJECT_REASONS: readonly string[] = [
  'other',
  'buffer-overflow',
  'inconsistent-parameters',
  'invalid-parameter-data-type',
  'invalid-tag',
  'missing-required-parameter',
  'parameter-out-of-range',
  'too-many-arguments',
  'undefined-enumeration',
  'unrecognized-service',
];

/** BACnetAbortReason (18.9). */
export const ABORT_REASONS: readonly string[] = [
  'other',
  'buffer-overflow',
  'invalid-apdu-in-this-state',
  'preempted-by-higher-priority-task',
  'segmentation-not-supported',
  'security-error',
  'insufficient-security',
  'window-size-out-of-range',
  'application-exceeded-reply-time',
  'out-of-resources',
  'tsm-timeout',
  'apdu-too-long',
];

/** BACnetDeviceCommunicationControl enable-disable (21, 16.1.1.1.2). */
export const DCC_STATES: readonly string[] = ['enable', 'disable', 'disable-initiation'];

/** BACnetReinitializedStateOfDevice (16.4.1.1.1). */
export const REINIT_STATES: readonly string[] = [
  'coldstart',
  'warmstart',
  'start-backup',
  'end-backup',
  'start-restore',
  'end-restore',
  'abort-restore',
  'activate-changes',
];

/** BACnetSegmentation (21). */
export const SEGMENTATION: readonly string[] = [
  'segmented-both',
  'segmented-transmit',
  'segmented-receive',
  'no-segmentation',
];

/** Application tag numbers (20.2.1.4). */
export const AppTag = {
  NULL: 0,
  BOOLEAN: 1,
  UNSIGNED: 2,
  SIGNED: 3,
  REAL: 4,
  DOUBLE: 5,
  OCTET_STRING: 6,
  CHARACTER_STRING: 7,
  BIT_STRING: 8,
  ENUMERATED: 9,
  DATE: 10,
  TIME: 11,
  OBJECT_ID: 12,
} as const;

/** Name of a table entry, or the number as text when the table has none. */
export function nameOf(
  table: Readonly<Record<number, string>> | readonly string[],
  v: number,
): string {
  const n = (table as Readonly<Record<number, string>>)[v];
  return n ?? String(v);
}
