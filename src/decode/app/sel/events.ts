/**
 * SEL Fast Message events: one per binary message (0xA5 ...) on the stream. ASCII text between
 * binary messages (Telnet prompts and commands) produces no event.
 *
 * Every event carries the `sel` object below; fields a message does not have are absent.
 * References: [AG95-10], [AG2002-14] (see constants.ts).
 */

/** Event kinds. */
export const SEL_EVENT_KINDS = ['sel.message'] as const;

/** A SEL event kind. */
export type SelEventKind = (typeof SEL_EVENT_KINDS)[number];

/** The `sel` object of every SEL event. Field names are the public schema. */
export interface SelFields {
  /** Message type: the two sync bytes as one number (0xA5C0 relay definition...). */
  message_type: number;
  /** Name of `message_type` (`relay_definition`, `fast_operate_breaker_bit`...), or `unknown`. */
  message_type_name: string;
  /** `fast_meter`, `fast_operate` or `fast_message`: the family of the message type. */
  family: 'fast_meter' | 'fast_operate' | 'fast_message' | 'other';
  /** A bare 2-byte request (poll) from the master. */
  poll: boolean;
  /** Length byte (the whole message, sync bytes and checksum included). */
  length?: number;
  /** Fast Meter / Fast Operate: the checksum byte (the message's last). */
  checksum?: number;
  /** Fast Meter / Fast Operate: the checksum byte matches the sum of the preceding bytes. */
  checksum_ok?: boolean;
  /** Relay definition: protocols the relay supports (names). */
  protocols?: string[];
  /** Relay definition: Fast Meter message pairs it offers. */
  fast_meter_messages?: number;
  /** Relay definition, Fast Meter configuration: status flag count. */
  status_flags?: number;
  /** Fast Operate configuration: breakers. */
  breakers?: number;
  /** Fast Operate configuration: remote bits. */
  remote_bits?: number;
  /** Fast Operate: operate code. */
  operate_code?: number;
  /** Fast Operate: what the code does (`RB03 set`, `breaker 1 open`...). */
  operation?: string;
  /** Fast Operate: operate validation byte. */
  validation?: number;
  /** Fast Message: status byte. */
  status?: number;
  /** Fast Message: function code (bit 7: response). */
  function_code?: number;
  /** Name of `function_code`, or `unknown`. */
  function_name?: string;
  /** Fast Message: sequence count (bits 0-5 of the sequence byte). */
  sequence?: number;
  /** Fast Message: first frame of a sequence (FIR). */
  first?: boolean;
  /** Fast Message: final frame of a sequence (FIN). */
  final?: boolean;
  /** Fast Message: response number. */
  response_number?: number;
  /** Fast Message: the CRC-16 matches. */
  crc_ok?: boolean;
  /** Fast Message read, data format, bit label requests: base address. */
  base_address?: number;
  /** Fast Message unsolicited write: first register address. */
  write_address?: number;
  /** Fast Message unsolicited write: registers written. */
  register_count?: number;
}

/** A SEL event. */
export type SelEvent = {
  readonly kind: SelEventKind;
  readonly sel: SelFields;
};
