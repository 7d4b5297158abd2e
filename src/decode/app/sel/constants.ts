/**
 * SEL (Schweitzer Engineering Laboratories) Fast Message code tables.
 *
 * References:
 * - [AG95-10] SEL Application Guide AG95-10 "Configuration and Fast Meter Messages": the 0xA5
 *   binary messages embedded in the ASCII (Telnet/serial) stream, the relay definition block,
 *   Fast Meter configuration and data blocks, the 1-byte checksum (sum of the preceding bytes)
 *   that ends each of them, Fast Operate remote bit and breaker bit control.
 * - [AG2002-14] SEL Application Guide AG2002-14 "Fast SER": the 0xA546 Fast Message frame
 *   (length, 5-byte routing address, status, function code, sequence byte FIR/FIN/count,
 *   response number, data, CRC-16).
 * - Wireshark 4.0 epan/dissectors/packet-selfm.c (Chris Bontje): message type and function
 *   code tables, the remote bit and breaker bit operate code tables, the frame layouts, and the
 *   CRC-16 it checks (`crc16_plain` seeded 0xFFFF, big-endian in the frame). Field names
 *   (`selfm.msgtype`, `selfm.fastmsg.funccode`...) are compared by scripts/field-agree/sel.ts.
 */

/** Framing constants. */
export const SEL = {
  /** First byte of every binary message. */
  SYNC: 0xa5,
  /** Fast Message (Fast SER) header: A5 46, length, routing (5), status, function, seq, resp. */
  FAST_MESSAGE_HEADER: 12,
  /** Smallest message with a length byte: A5 XX, length, checksum. */
  MIN_LENGTH: 4,
} as const;

/** Message types (the two sync bytes as one number) and their names ([AG95-10], packet-selfm.c). */
export const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [0xa546, 'fast_message'],
  [0xa5b9, 'clear_status_bits'],
  [0xa5c0, 'relay_definition'],
  [0xa5c1, 'fast_meter_configuration'],
  [0xa5c2, 'demand_fast_meter_configuration'],
  [0xa5c3, 'peak_demand_fast_meter_configuration'],
  [0xa5cd, 'fast_operate_reset_definition'],
  [0xa5ce, 'fast_operate_configuration'],
  [0xa5cf, 'alternate_fast_operate_configuration'],
  [0xa5d1, 'fast_meter_data'],
  [0xa5d2, 'demand_fast_meter_data'],
  [0xa5d3, 'peak_demand_fast_meter_data'],
  [0xa5e0, 'fast_operate_remote_bit'],
  [0xa5e3, 'fast_operate_breaker_bit'],
  [0xa5e5, 'alternate_fast_operate_open_breaker'],
  [0xa5e6, 'alternate_fast_operate_close_breaker'],
  [0xa5e7, 'alternate_fast_operate_set_remote_bit'],
  [0xa5e8, 'alternate_fast_operate_clear_remote_bit'],
  [0xa5e9, 'alternate_fast_operate_pulse_remote_bit'],
  [0xa5ed, 'fast_operate_reset'],
]);

/**
 * Types a master sends as a bare 2-byte request (the relay answers with the same type and a
 * length byte): the configuration and data polls ([AG95-10]).
 */
export const POLLS: ReadonlySet<number> = new Set([
  0xa5b9, 0xa5c0, 0xa5c1, 0xa5c2, 0xa5c3, 0xa5cd, 0xa5ce, 0xa5cf, 0xa5d1, 0xa5d2, 0xa5d3,
]);

/** Fast Operate commands: they operate breakers or remote bits of the relay. */
export const OPERATE: ReadonlySet<number> = new Set([
  0xa5e0, 0xa5e3, 0xa5e5, 0xa5e6, 0xa5e7, 0xa5e8, 0xa5e9,
]);

/** Fast Message function codes ([AG2002-14]); bit 7 set is the response/acknowledgement. */
export const FUNCTION_CODES: ReadonlyMap<number, string> = new Map([
  [0x00, 'message_definition'],
  [0x01, 'enable_unsolicited_data'],
  [0x02, 'disable_unsolicited_data'],
  [0x05, 'ping'],
  [0x10, 'read_request'],
  [0x12, 'generic_unsolicited_data'],
  [0x16, 'soe_present_state_request'],
  [0x18, 'unsolicited_ser_response'],
  [0x20, 'unsolicited_write'],
  [0x21, 'unsolicited_write_request'],
  [0x30, 'device_description_request'],
  [0x31, 'data_format_request'],
  [0x32, 'unsolicited_data_format_response'],
  [0x33, 'bit_label_request'],
  [0x40, 'management_request'],
  [0x80, 'message_definition_ack'],
  [0x81, 'enable_unsolicited_data_ack'],
  [0x82, 'disable_unsolicited_data_ack'],
  [0x85, 'ping_ack'],
  [0x90, 'read_response'],
  [0x96, 'soe_present_state_response'],
  [0x98, 'unsolicited_ser_response_ack'],
  [0xb0, 'device_description_response'],
  [0xb1, 'data_format_response'],
  [0xb3, 'bit_label_response'],
]);

/** Fast Message function codes that write to the device. */
export const WRITE_FUNCTIONS: ReadonlySet<number> = new Set([0x20, 0x21]);

/** Relay definition protocol codes ([AG95-10], packet-selfm.c). */
export const PROTOCOLS: ReadonlyMap<number, string> = new Map([
  [0x0000, 'fast_meter'],
  [0x0001, 'lmd'],
  [0x0002, 'modbus'],
  [0x0003, 'sy_max'],
  [0x0004, 'relay_to_relay'],
  [0x0005, 'dnp3'],
  [0x0006, 'mirrored_bits'],
  [0x0007, 'c37118'],
  [0x0008, 'iec61850'],
  [0x0100, 'fast_meter_fast_operate'],
  [0x0101, 'lmd_fast_operate'],
  [0x0200, 'fast_meter_fast_ser'],
  [0x0300, 'fast_meter_fast_operate_fast_ser'],
  [0x0301, 'lmd_fast_operate_fast_ser'],
]);

/**
 * Remote bit operate code ([AG95-10]): bits 0-4 the remote bit (RB01-RB32), bits 5-6 the
 * operation (0 clear, 1 set, 2 pulse).
 */
export function remoteBitName(code: number): string {
  const op = code >> 5;
  if (op > 2) return `unknown_0x${code.toString(16)}`;
  const rb = String((code & 0x1f) + 1).padStart(2, '0');
  return `RB${rb} ${op === 0 ? 'clear' : op === 1 ? 'set' : 'pulse'}`;
}

/** Breaker bit operate code ([AG95-10]): 0x31-0x42 open breaker 1-18, 0x11-0x22 close. */
export function breakerName(code: number): string {
  if (code >= 0x31 && code <= 0x42) return `breaker ${code - 0x30} open`;
  if (code >= 0x11 && code <= 0x22) return `breaker ${code - 0x10} close`;
  return `unknown_0x${code.toString(16)}`;
}
