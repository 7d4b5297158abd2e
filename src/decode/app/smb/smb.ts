/**
 * SMB decoder framing: NetBIOS session service ([RFC1002] 4.3) on TCP 139 and direct TCP
 * ([MS-SMB2] 2.1) on TCP 445, then SMB1 (`smb1.ts`), SMB2/3 (`smb2.ts`), and the SMB 3.x
 * transform (encrypted, [MS-SMB2] 2.2.41) and compression transform ([MS-SMB2] 2.2.42)
 * headers.
 *
 * ```
 *  +------+----------------------+--------------------------------------+
 *  | type | length (17 or 24 bit) | 0xFF/0xFE/0xFD/0xFC 'SMB' message ... |
 *  +------+----------------------+--------------------------------------+
 * ```
 *
 * Type 0 is a session message: on 445 its length takes the three following bytes, on 139 the
 * 17 low bits (the seven bits between are reserved zero), so one reading serves both. Types
 * 0x81-0x85 are the session service's control packets (session request with the called and
 * calling NetBIOS names, positive/negative/retarget response, keep-alive).
 *
 * Framing policy. A message larger than `maxPduBytes` (SMB2 READ/WRITE carry up to 8 MiB) is
 * decoded from its first {@link PREFIX_BYTES} bytes, whatever the chunking, and its other bytes
 * are skipped as they arrive; its events are emitted with its last byte, where Wireshark shows
 * them. After a capture gap the next bytes are searched for a session header followed by an
 * SMB protocol id.
 */
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import { COMPRESSION_NAMES, Magic, NBSS_TYPE_NAMES, NbssType } from './constants.js';
import type { NetbiosFields, TransformFields } from './events.js';
import { parseSmb1 } from './smb1.js';
import { parseSmb2 } from './smb2.js';
import { SmbState, hex64, out, u16, u32 } from './state.js';

/** Bytes of an oversized message that are decoded (headers, names, the start of the data). */
export const PREFIX_BYTES = 2048;
/** Largest NBSS control packet (a session request is 72 bytes with two scope-less names). */
const MAX_CONTROL_BYTES = 512;
const TRANSFORM_HEADER = 52;
const COMPRESSION_HEADER = 16;

/** Creates the per-flow state. */
export function createSmbState(limits: DecoderLimits): SmbState {
  return new SmbState(limits);
}

function isMagic(d: Uint8Array, p: number): boolean {
  const m = d[p];
  return (
    (m === Magic.SMB1 || m === Magic.SMB2 || m === Magic.TRANSFORM || m === Magic.COMPRESSED) &&
    d[p + 1] === 0x53 &&
    d[p + 2] === 0x4d &&
    d[p + 3] === 0x42
  );
}

/** True when `d[p..]` starts a first-level encoded NetBIOS name (0x20 then 'A'..'P' pairs). */
function isEncodedName(d: Uint8Array, p: number, end: number): boolean {
  if (d[p] !== 0x20) return false;
  const stop = Math.min(end, p + 33);
  for (let i = p + 1; i < stop; i++) {
    const c = d[i] as number;
    if (c < 0x41 || c > 0x50) return false;
  }
  return true;
}

/**
 * Probe: a session message holding an SMB protocol id, or a session request with encoded
 * NetBIOS names (TCP 139), or a positive session response.
 */
export function probeSmb(d: Uint8Array, dir: Direction): ProbeResult {
  const n = d.length;
  if (n === 0) return 'need_more';
  const t = d[0] as number;
  if (t === NbssType.SESSION_MESSAGE) {
    if (n < 8) {
      // Bytes present so far must agree with a header and a protocol id.
      if (n > 4) {
        const m = d[4];
        if (m !== 0xff && m !== 0xfe && m !== 0xfd && m !== 0xfc) return 'no_match';
        const sig = [0x53, 0x4d, 0x42];
        for (let i = 5; i < n; i++) if (d[i] !== sig[i - 5]) return 'no_match';
      }
      return 'need_more';
    }
    const len = ((d[1] as number) << 16) | u16be(d, 2);
    if (len < 4) return 'no_match';
    return isMagic(d, 4) ? 'match' : 'no_match';
  }
  if (t === NbssType.SESSION_REQUEST && dir === Direction.TO_SERVER) {
    if (n < 4 + 33)
      return (d[1] as number) > 1 || (n > 4 && d[4] !== 0x20) ? 'no_match' : 'need_more';
    return (d[1] as number) <= 1 && isEncodedName(d, 4, n) ? 'match' : 'no_match';
  }
  if (t === NbssType.POSITIVE_RESPONSE && dir === Direction.TO_CLIENT) {
    if (n < 4) return d[1] === 0 && (n < 3 || d[2] === 0) ? 'need_more' : 'no_match';
    return n === 4 && d[1] === 0 && d[2] === 0 && d[3] === 0 ? 'match' : 'no_match';
  }
  return 'no_match';
}

function u16be(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

/** Flushes the events of a skipped oversized message. */
function flushDeferred(state: SmbState, dir: Direction, sink: DecodeSink): void {
  const list = state.deferred[dir];
  state.deferred[dir] = null;
  if (list) for (const ev of list) sink.emit(ev);
}

/** Finds the next `00 len len len` + protocol id at or after `p`; -1 when none. */
function findHeader(d: Uint8Array, p: number, n: number): number {
  for (let i = p; i + 8 <= n; i++) {
    if (d[i] === 0 && isMagic(d, i + 4)) return i;
  }
  return -1;
}

/** Decodes the next bytes of one direction of an SMB flow. */
export function parseSmb(
  state: SmbState,
  d: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = d.length;
  let p = 0;
  const skip = state.skip[dir];
  if (skip > 0) {
    const k = Math.min(skip, n);
    state.skip[dir] = skip - k;
    p = k;
    if (state.skip[dir] === 0) flushDeferred(state, dir, sink);
  }
  const toServer = dir === Direction.TO_SERVER;
  while (p < n) {
    if (state.resync[dir]) {
      const at = findHeader(d, p, n);
      if (at < 0) {
        // Keep the last 7 bytes: a header may start among them.
        const keep = Math.min(7, n - p);
        return keep > 0 && n - keep > p ? incomplete(n - keep, keep + 1) : incomplete(p, 8);
      }
      p = at;
      state.resync[dir] = false;
    }
    if (n - p < 4) return incomplete(p, 4);
    const t = d[p] as number;
    if (t !== NbssType.SESSION_MESSAGE) {
      if (t < NbssType.SESSION_REQUEST || t > NbssType.KEEP_ALIVE || (d[p + 1] as number) > 1) {
        if (!state.confirmed) return reject('smb.invalid_framing');
        sink.anomaly('smb.invalid_framing', `NBSS type 0x${t.toString(16)}`);
        state.resync[dir] = true;
        p++;
        continue;
      }
      const len = (((d[p + 1] as number) & 1) << 16) | u16be(d, p + 2);
      if (len > MAX_CONTROL_BYTES) {
        if (!state.confirmed) return reject('smb.invalid_framing');
        sink.anomaly('smb.invalid_framing', `NBSS control packet of ${len} bytes`);
        state.resync[dir] = true;
        p++;
        continue;
      }
      if (n - p < 4 + len) return incomplete(p, 4 + len);
      control(state, d, p, t, len, toServer, sink);
      p += 4 + len;
      continue;
    }
    const len = ((d[p + 1] as number) << 16) | u16be(d, p + 2);
    if (len === 0) {
      p += 4;
      continue;
    }
    const total = 4 + len;
    if (total > state.limits.maxPduBytes) {
      const prefix = Math.min(PREFIX_BYTES, state.limits.maxPduBytes);
      if (n - p < prefix) return incomplete(p, prefix);
      sink.anomaly('smb.oversized_message', `${len} bytes`);
      state.deferDir = dir;
      message(state, d, p + 4, p + prefix, toServer, true, sink);
      state.deferDir = -1;
      const avail = n - p;
      if (avail >= total) {
        flushDeferred(state, dir, sink);
        p += total;
      } else {
        state.skip[dir] = total - avail;
        return OK;
      }
      continue;
    }
    if (n - p < total) return incomplete(p, total);
    if (!message(state, d, p + 4, p + total, toServer, false, sink)) {
      if (!state.confirmed) return reject('smb.invalid_header');
    }
    p += total;
  }
  return OK;
}

/** Decodes one message `d[s, e)`; false when it does not start with an SMB protocol id. */
function message(
  state: SmbState,
  d: Uint8Array,
  s: number,
  e: number,
  toServer: boolean,
  cut: boolean,
  sink: DecodeSink,
): boolean {
  if (e - s < 4 || !isMagic(d, s)) {
    sink.anomaly('smb.invalid_header', 'session message without an SMB protocol id');
    return false;
  }
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  const m = d[s] as number;
  if (m === Magic.SMB2) parseSmb2(state, d, s, e, toServer, cut, sink);
  else if (m === Magic.SMB1) parseSmb1(state, d, s, e, toServer, cut, sink);
  else if (m === Magic.TRANSFORM) transform(state, d, s, e, sink);
  else compressed(state, d, s, e, sink);
  return true;
}

/** The transform header of an encrypted message ([MS-SMB2] 2.2.41): only the header is readable. */
function transform(state: SmbState, d: Uint8Array, s: number, e: number, sink: DecodeSink): void {
  if (e - s < TRANSFORM_HEADER) {
    sink.anomaly('smb.malformed_message', 'transform header cut short');
    return;
  }
  const f: TransformFields = {
    session_id: hex64(d, s + 44),
    original_size: u32(d, s + 36),
    flags: u16(d, s + 42),
  };
  out(state, sink, { kind: 'smb.encrypted', smb: f });
}

/**
 * The compression transform header ([MS-SMB2] 2.2.42). An unchained header whose
 * OriginalCompressedSegmentSize plus Offset overflows 32 bits, or whose Offset runs past the
 * message, is CVE-2020-0796 (SMBGhost): srv2.sys added the two without a check.
 */
function compressed(state: SmbState, d: Uint8Array, s: number, e: number, sink: DecodeSink): void {
  if (e - s < COMPRESSION_HEADER) {
    sink.anomaly('smb.malformed_message', 'compression transform header cut short');
    return;
  }
  const orig = u32(d, s + 4);
  const alg = u16(d, s + 8);
  const chained = (u16(d, s + 10) & 1) !== 0;
  const f: TransformFields = {
    original_size: orig,
    compression_algorithm: COMPRESSION_NAMES[alg] ?? `0x${alg.toString(16).padStart(4, '0')}`,
    chained,
  };
  if (!chained) {
    const offset = u32(d, s + 12);
    f.offset = offset;
    if (orig + offset > 0xffff_ffff || offset > e - s - COMPRESSION_HEADER) {
      sink.anomaly('smb.compression_size_overflow', `original size ${orig}, offset ${offset}`);
    }
  }
  out(state, sink, { kind: 'smb.compressed', smb: f });
}

/** First-level decoded NetBIOS name at `p` (RFC 1001 14.1) as `NAME<xx>`; '' when malformed. */
function netbiosName(d: Uint8Array, p: number, end: number): string {
  if (p + 33 > end || d[p] !== 0x20) return '';
  let name = '';
  for (let i = 0; i < 15; i++) {
    const c = (((d[p + 1 + 2 * i] as number) - 0x41) << 4) | ((d[p + 2 + 2 * i] as number) - 0x41);
    name += String.fromCharCode(c & 0xff);
  }
  const suffix = ((((d[p + 31] as number) - 0x41) << 4) | ((d[p + 32] as number) - 0x41)) & 0xff;
  return `${name.trimEnd()}<${suffix.toString(16).padStart(2, '0')}>`;
}

/** An NBSS control packet ([RFC1002] 4.3.2-4.3.7). */
function control(
  state: SmbState,
  d: Uint8Array,
  p: number,
  t: number,
  len: number,
  toServer: boolean,
  sink: DecodeSink,
): void {
  if (t === NbssType.KEEP_ALIVE) return;
  const f: NetbiosFields = { nbss_type: NBSS_TYPE_NAMES[t] ?? String(t) };
  const b = p + 4;
  const e = b + len;
  if (t === NbssType.SESSION_REQUEST) {
    if (!toServer) sink.anomaly('smb.unexpected_direction', 'session_request');
    const called = netbiosName(d, b, e);
    // Each name is 34 bytes with an empty scope (length byte, 32 letters, terminating 0).
    const calling = netbiosName(d, b + 34, e);
    if (called === '' || calling === '')
      sink.anomaly('smb.malformed_message', 'session request names');
    if (called !== '') f.called_name = called;
    if (calling !== '') f.calling_name = calling;
  } else if (t === NbssType.NEGATIVE_RESPONSE && len >= 1) f.error_code = d[b] as number;
  if (!state.confirmed && t === NbssType.POSITIVE_RESPONSE) {
    state.confirmed = true;
    sink.confirm();
  }
  out(state, sink, { kind: 'smb.netbios', smb: f });
}

/** A capture gap: an oversized message being skipped absorbs it; otherwise resynchronise. */
export function onSmbGap(state: SmbState, dir: Direction, size: number): void {
  const skip = state.skip[dir];
  if (skip > size) {
    state.skip[dir] = skip - size;
    return;
  }
  state.skip[dir] = 0;
  state.deferred[dir] = null;
  state.resync[dir] = true;
}
