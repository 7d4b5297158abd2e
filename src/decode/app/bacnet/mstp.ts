/**
 * BACnet MS/TP frames (ANSI/ASHRAE 135 clause 9) tunnelled over Ethernet in 802.2 SNAP frames
 * under Cimetrics' OUI 00-10-90, protocol id 1 ("U+4"), as RS-485 sniffers forward them:
 *
 * ```
 *  | AA AA 03 | 00 10 90 | 00 01 | delta time (2) | port/flags (1) |
 *  | frame type | dest | source | length (2, BE) | header CRC | data (length) | data CRC (2) |
 * ```
 *
 * The MS/TP frame follows without its 55 FF preamble (9.3). The header CRC is CRC-8 over frame
 * type, addresses and length (Annex G.1); the data CRC is CRC-16 over the data, sent low octet
 * first (G.2); both are sent as ones' complements, so a good frame's CRC run over the protected
 * octets and the CRC itself ends at 0x55 (header) and 0xF0B8 (data).
 *
 * Data frames (types 5 and 6: BACnet Data Expecting / Not Expecting Reply) carry an NPDU, which
 * goes through the same NPDU/APDU code as BACnet/IP; token passing (token, poll for master,
 * reply to poll, reply postponed...) is the data link at work and emits no event.
 */
import type { DecodeSink } from '../../decoder.js';
import type { BacnetFields } from './events.js';

/** Cimetrics' OUI and the protocol id of tunnelled MS/TP, as `OUI * 65536 + PID`. */
export const MSTP_SNAP_ID = 0x001090 * 0x10000 + 0x0001;

/** Octets before the MS/TP frame type: LLC (3), OUI (3), PID (2), delta time (2), flags (1). */
const MSTP_START = 11;
/** Frame type, destination, source, length (2), header CRC. */
const MSTP_HEADER = 6;
const DATA_CRC = 2;
const HEADER_CRC_GOOD = 0x55;
const DATA_CRC_GOOD = 0xf0b8;

/** MS/TP frame types (9.3, Table 9-1 in 135-2020). */
export const MSTP_FRAME_TYPES: Readonly<Record<number, string>> = {
  0: 'token',
  1: 'poll-for-master',
  2: 'reply-to-poll-for-master',
  3: 'test-request',
  4: 'test-response',
  5: 'bacnet-data-expecting-reply',
  6: 'bacnet-data-not-expecting-reply',
  7: 'reply-postponed',
  32: 'bacnet-extended-data-expecting-reply',
  33: 'bacnet-extended-data-not-expecting-reply',
};

/** True when `data` starts with the SNAP header of tunnelled MS/TP: AA AA 03, 00 10 90, 00 01. */
export function isMstpSnap(data: Uint8Array): boolean {
  return (
    data.length >= 8 &&
    data[0] === 0xaa &&
    data[1] === 0xaa &&
    data[2] === 0x03 &&
    data[3] === 0x00 &&
    data[4] === 0x10 &&
    data[5] === 0x90 &&
    data[6] === 0x00 &&
    data[7] === 0x01
  );
}

/** CRC-8 of the MS/TP header, one octet (Annex G.1). */
function headerCrc(octet: number, crc: number): number {
  let c = (crc ^ octet) & 0xff;
  c = c ^ (c << 1) ^ (c << 2) ^ (c << 3) ^ (c << 4) ^ (c << 5) ^ (c << 6) ^ (c << 7);
  return ((c & 0xfe) ^ ((c >> 8) & 1)) & 0xff;
}

/** CRC-16 of the MS/TP data, one octet (Annex G.2). */
function dataCrc(octet: number, crc: number): number {
  const low = (crc & 0xff) ^ octet;
  return (
    ((crc >> 8) ^
      (low << 8) ^
      (low << 3) ^
      (low << 12) ^
      (low >> 4) ^
      (low & 0x0f) ^
      ((low & 0x0f) << 7)) &
    0xffff
  );
}

/**
 * One tunnelled MS/TP frame, `data` from the LLC header on. Returns the fields of a data frame
 * with `[npduStart, npduEnd)` in `range` for the caller to decode, or null (token passing, a
 * bad frame: anomalies raised here).
 */
export function parseMstpSnap(
  data: Uint8Array,
  sink: DecodeSink,
  range: [number, number],
): BacnetFields | null {
  const n = data.length;
  if (n < MSTP_START + MSTP_HEADER) {
    sink.anomaly('bacnet.truncated', `tunnelled MS/TP frame of ${n} octets`);
    return null;
  }
  const h = MSTP_START;
  let crc = 0xff;
  for (let i = h; i < h + MSTP_HEADER; i++) crc = headerCrc(data[i] as number, crc);
  if (crc !== HEADER_CRC_GOOD) {
    sink.anomaly('bacnet.mstp_bad_crc', 'MS/TP header CRC');
    return null;
  }
  const type = data[h] as number;
  const len = ((data[h + 3] as number) << 8) | (data[h + 4] as number);
  const dataAt = h + MSTP_HEADER;
  if (len === 0) return null;
  if (dataAt + len + DATA_CRC > n) {
    sink.anomaly('bacnet.truncated', `MS/TP data of ${len} octets, ${n - dataAt} captured`);
    return null;
  }
  let dcrc = 0xffff;
  for (let i = dataAt; i < dataAt + len + DATA_CRC; i++) dcrc = dataCrc(data[i] as number, dcrc);
  if (dcrc !== DATA_CRC_GOOD) {
    sink.anomaly('bacnet.mstp_bad_crc', 'MS/TP data CRC');
    return null;
  }
  // Only the two BACnet data frame types carry an NPDU; extended (COBS-encoded) data frames
  // and test frames are not decoded further.
  if (type !== 5 && type !== 6) return null;
  range[0] = dataAt;
  range[1] = dataAt + len;
  return {
    llc: true,
    mstp_frame_type: type,
    mstp_frame_type_name: MSTP_FRAME_TYPES[type] ?? 'proprietary',
    mstp_dst: data[h + 1] as number,
    mstp_src: data[h + 2] as number,
  };
}
