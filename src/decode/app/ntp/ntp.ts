/**
 * NTP parser: the time packet of modes 1-5 ([RFC5905] 7.3), control messages of mode 6
 * ([RFC1305] appendix B) and the private messages of mode 7 (ntpd ntp_request.h), the channel
 * of the `monlist` amplification (CVE-2013-5211) and of reconnaissance with ntpq and ntpdc.
 *
 * One datagram per call: NTP has no length field (mode 6 has a data count, modes 1-5 a fixed
 * header followed by optional extension fields and a MAC). Fields are read by index; strings
 * are built only for the event.
 */
import { ipv4ToString } from '../../../core/net-format.js';
import { OK, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  CONTROL_OPCODES,
  IMPLEMENTATIONS,
  KISS_CODES,
  LEAP,
  MODES,
  MODE_BROADCAST,
  MODE_CONTROL,
  MODE_PRIVATE,
  MODE_SERVER,
  MODE_SYMMETRIC_PASSIVE,
  MONLIST,
  NTP,
  PRIVATE_REQUESTS,
} from './constants.js';
import type { NtpFields } from './events.js';

/** Per-flow state. */
export interface NtpState {
  confirmed: boolean;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createNtpState(limits: DecoderLimits): NtpState {
  return { confirmed: false, limits };
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

/**
 * A plausible NTP datagram: version 1-4; modes 1-5 with the full 48-byte header, stratum at
 * most 16, a poll between -6 and 17 and a precision of 0 or -1 to -64 (log2 seconds; GPS
 * clocks announce -34); mode 6
 * (version 2-4, leap indicator 0) with a known opcode and its data count inside the datagram; mode 7 (version 2-4) from a known
 * implementation with a known request code, a zero MBZ nibble, items that fit the datagram and,
 * in a request, the more bit clear.
 */
function plausible(d: Uint8Array): boolean {
  const n = d.length;
  if (n < NTP.PRIVATE_HEADER) return false;
  const b0 = d[0] as number;
  const vn = (b0 >> 3) & 7;
  const mode = b0 & 7;
  if (vn < 1 || vn > 4 || mode === 0) return false;
  if (mode === MODE_CONTROL) {
    if (vn < 2 || b0 >> 6 !== 0 || n < NTP.CONTROL_HEADER) return false;
    if (!CONTROL_OPCODES.has((d[1] as number) & 0x1f)) return false;
    const count = u16(d, 10);
    return count <= NTP.MAX_CONTROL_DATA && NTP.CONTROL_HEADER + count <= n;
  }
  if (mode === MODE_PRIVATE) {
    // Requests never set the more bit; the MBZ nibble is zero; the items fit the datagram.
    if ((b0 & 0xc0) === 0x40 || (d[6] as number) >> 4 !== 0) return false;
    const items = u16(d, 4) & 0x0fff;
    const size = u16(d, 6) & 0x0fff;
    if (items * size > n - NTP.PRIVATE_HEADER) return false;
    return vn >= 2 && IMPLEMENTATIONS.has(d[2] as number) && PRIVATE_REQUESTS.has(d[3] as number);
  }
  if (n < NTP.HEADER) return false;
  const stratum = d[1] as number;
  const poll = d[2] as number;
  const precision = d[3] as number;
  // Root delay and dispersion (16.16 s) below 256 s (a real stratum-1 server reported 107 s): a
  // NetBIOS datagram (UDP 138), whose first byte also reads as a mode, has its source address
  // there.
  return (
    stratum <= 16 &&
    (poll <= 17 || poll >= 0xfa) &&
    (precision === 0 || precision >= 0xc0) &&
    u32(d, 4) < NTP.MAX_ROOT &&
    u32(d, 8) < NTP.MAX_ROOT
  );
}

/** Recognises an NTP datagram. */
export function probeNtp(data: Uint8Array, _dir: Direction): ProbeResult {
  return plausible(data) ? 'match' : 'no_match';
}

/** Decodes one NTP datagram. */
export function parseNtp(
  state: NtpState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  if (!plausible(data)) {
    if (!state.confirmed) return reject('ntp.not_ntp');
    const n = data.length;
    const mode = n > 0 ? (data[0] as number) & 7 : -1;
    const short = n < NTP.PRIVATE_HEADER || (mode > 0 && mode < MODE_CONTROL && n < NTP.HEADER);
    sink.anomaly(short ? 'ntp.truncated_message' : 'ntp.not_ntp', `${n}-byte datagram`);
    return OK;
  }
  const b0 = data[0] as number;
  const mode = b0 & 7;
  const f: NtpFields = {
    li: b0 >> 6,
    li_name: LEAP[b0 >> 6] ?? 'unknown',
    version: (b0 >> 3) & 7,
    mode,
    mode_name: MODES[mode] ?? 'unknown',
  };
  if (mode === MODE_CONTROL) control(data, f, sink);
  else if (mode === MODE_PRIVATE) privateMessage(data, f, sink);
  else time(data, f, sink);
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  return OK;
}

function time(d: Uint8Array, f: NtpFields, sink: DecodeSink): void {
  const stratum = d[1] as number;
  f.stratum = stratum;
  f.poll = ((d[2] as number) << 24) >> 24;
  f.precision = ((d[3] as number) << 24) >> 24;
  f.root_delay = u32(d, 4) / 65536;
  f.root_dispersion = u32(d, 8) / 65536;
  f.ref_id = stratum <= 1 ? ascii(d, 12) : ipv4ToString(u32(d, 12));
  const ts = (key: 'ref_time' | 'org_time' | 'rec_time' | 'xmt_time', p: number): void => {
    const s = timestamp(d, p);
    if (s !== '') f[key] = s;
  };
  ts('ref_time', 16);
  ts('org_time', 24);
  ts('rec_time', 32);
  ts('xmt_time', 40);
  if (d.length > NTP.HEADER) f.extra_bytes = d.length - NTP.HEADER;
  const reply =
    f.mode === MODE_SERVER || f.mode === MODE_BROADCAST || f.mode === MODE_SYMMETRIC_PASSIVE;
  if (reply && stratum === 0) {
    f.kiss_code = f.ref_id;
    const known = KISS_CODES.has(f.ref_id);
    sink.anomaly('ntp.kiss_of_death', known ? f.ref_id : `unregistered code '${f.ref_id}'`);
  } else if (reply && stratum === 16) {
    sink.anomaly('ntp.unsynchronized_server', `stratum 16, leap indicator ${f.li}`);
  }
  sink.emit({ kind: 'ntp.message', ntp: f });
}

function control(d: Uint8Array, f: NtpFields, sink: DecodeSink): void {
  const b1 = d[1] as number;
  f.response = (b1 & 0x80) !== 0;
  f.error = (b1 & 0x40) !== 0;
  f.more = (b1 & 0x20) !== 0;
  f.opcode = b1 & 0x1f;
  f.opcode_name = CONTROL_OPCODES.get(f.opcode) ?? 'unknown';
  f.sequence = u16(d, 2);
  f.status = u16(d, 4);
  f.association_id = u16(d, 6);
  f.offset = u16(d, 8);
  f.count = u16(d, 10);
  if (!f.response) sink.anomaly('ntp.control_request', f.opcode_name);
  sink.emit({ kind: 'ntp.control', ntp: f });
}

function privateMessage(d: Uint8Array, f: NtpFields, sink: DecodeSink): void {
  const b0 = d[0] as number;
  const b1 = d[1] as number;
  f.response = (b0 & 0x80) !== 0;
  f.more = (b0 & 0x40) !== 0;
  f.auth = (b1 & 0x80) !== 0;
  f.sequence = b1 & 0x7f;
  f.implementation = d[2] as number;
  f.request_code = d[3] as number;
  f.request_name = PRIVATE_REQUESTS.get(f.request_code) ?? 'unknown';
  f.err = (d[4] as number) >> 4;
  f.items = u16(d, 4) & 0x0fff;
  f.item_size = u16(d, 6) & 0x0fff;
  if (!f.response) {
    if (MONLIST.has(f.request_code)) sink.anomaly('ntp.monlist_request', f.request_name);
    else sink.anomaly('ntp.private_request', f.request_name);
  }
  sink.emit({ kind: 'ntp.private', ntp: f });
}

/** Four bytes of a reference ID as text: printable ASCII up to the first NUL. */
function ascii(d: Uint8Array, p: number): string {
  let s = '';
  for (let i = p; i < p + 4; i++) {
    const c = d[i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return s;
}

/**
 * A 64-bit NTP timestamp as ISO 8601 UTC with nanoseconds; '' when zero. Seconds with the top
 * bit clear are taken to be in era 1 (from 2036-02-07), as [RFC4330] 3 advises and Wireshark does.
 */
function timestamp(d: Uint8Array, p: number): string {
  const sec = u32(d, p);
  const frac = u32(d, p + 4);
  if (sec === 0 && frac === 0) return '';
  const era = sec < 0x80000000 ? NTP.ERA : 0;
  const unix = sec + era - NTP.UNIX_OFFSET;
  // frac * 10^9 / 2^32 = frac * 1953125 / 2^23, exact in a double (below 2^53); truncated, as
  // Wireshark shows it.
  const ns = Math.floor((frac * 1953125) / 8388608);
  const iso = new Date(unix * 1000).toISOString();
  return `${iso.slice(0, 19)}.${String(ns).padStart(9, '0')}Z`;
}
