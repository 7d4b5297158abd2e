/**
 * VNC / RFB parser: the handshake of both sides, then message framing without pixel decoding.
 *
 * References: [RFC6143] 7.1-7.7; [VeNCrypt]; [rfbproto] (details in constants.ts).
 *
 * ```
 *  server                                   client
 *  "RFB 003.008\n" ------------------------>
 *                  <------------------------ "RFB 003.008\n"
 *  u8 n, n x u8 security types ------------>            (3.3: u32 type chosen by the server)
 *                  <------------------------ u8 chosen type
 *  [VNC auth: 16-byte challenge] ---------->
 *                  <------------------------ [16-byte response]
 *  u32 SecurityResult (+ reason in 3.8) --->            (3.3/3.7 with None: no result)
 *                  <------------------------ u8 ClientInit shared-flag
 *  ServerInit: w, h, pixel format (16), u32 name length, name
 *  then server messages (FramebufferUpdate...) and client messages (SetEncodings, KeyEvent...)
 * ```
 *
 * Each direction is a state machine; the server's next step after the security types depends
 * on the client's choice, which the capture delivers first (the server waits for it). When it
 * is unknown (a missed segment) the direction is only counted. Large bodies (pixels, cut text,
 * long encoding lists) are skipped with a per-direction byte counter, never buffered, so a
 * full-screen raw update costs nothing but a subtraction. An encoding whose length cannot be
 * told without decoding it (TRLE, unknown ones) ends the framing of the server direction.
 */
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  CLIENT_MESSAGES,
  ClientMsg,
  Enc,
  Hextile,
  SECURITY_RESULTS,
  SERVER_MESSAGES,
  Sec,
  ServerMsg,
  VENCRYPT_PLAIN,
  VNC,
  encodingName,
  securityTypeName,
  vencryptName,
} from './constants.js';
import type { VncEvent, VncEventKind, VncFields } from './events.js';

/** Handshake and message phases of one direction. */
const P = {
  VERSION: 0,
  /** Server: security types (3.7+) or type (3.3). Client: its choice (3.7+). */
  SECURITY: 1,
  /** Server: waits for the client's choice to know what comes next. */
  AFTER_CHOICE: 2,
  CHALLENGE: 3,
  RESPONSE: 4,
  RESULT: 5,
  VENCRYPT_VERSION: 6,
  VENCRYPT_TYPES: 7,
  VENCRYPT_CHOICE: 8,
  VENCRYPT_STATUS: 9,
  PLAIN: 10,
  INIT: 11,
  MESSAGES: 12,
  COUNT: 13,
} as const;
type P = (typeof P)[keyof typeof P];

/** Per-direction state. */
class Side {
  phase: P = P.VERSION;
  /** Bytes still to skip (pixel data, cut text, the tail of a long list). */
  skip = 0;
  /** Rectangles left in the current FramebufferUpdate (server). */
  rects = 0;
  /** Hextile rectangle being walked: tiles across, tiles total, next tile, rect w/h. */
  hxCols = 0;
  hxTiles = 0;
  hxNext = 0;
  hxW = 0;
  hxH = 0;
  /** Messages after the initialisation, and per type. */
  messages = 0;
  readonly counts = new Uint32Array(256);
  /** Message events emitted (capped). */
  messageEvents = 0;
  /** Bytes counted once the direction is no longer framed. */
  counted = 0;
}

/** Per-flow VNC state. */
export class VncState {
  readonly limits: DecoderLimits;
  confirmed = false;
  readonly sides: [Side, Side] = [new Side(), new Side()];
  /** Protocol level from the versions: 3 (3.3 rules), 7 or 8; 0 until known. */
  serverLevel = 0;
  clientLevel = 0;
  /** Security type in use (-1 unknown). */
  secType = -1;
  /** VeNCrypt subtype chosen (-1 unknown). */
  subtype = -1;
  /** Bytes per pixel of the current pixel format (ServerInit, SetPixelFormat). */
  bpp = 4;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }

  /** The level that rules the handshake: the client's answer, else the server's offer. */
  level(): number {
    return this.clientLevel || this.serverLevel;
  }
}

/** Fresh per-flow state. */
export function createVncState(limits: DecoderLimits): VncState {
  return new VncState(limits);
}

/** A capture gap: message boundaries are lost, so the direction is only counted. */
export function onVncGap(state: VncState, dir: Direction): void {
  state.sides[dir].phase = P.COUNT;
}

const RFB = [0x52, 0x46, 0x42, 0x20]; // "RFB "
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** True when d[p, p+12) is `RFB ddd.ddd\n`. */
function versionLine(d: Uint8Array, p: number): boolean {
  for (let i = 0; i < 4; i++) if (d[p + i] !== RFB[i]) return false;
  for (const i of [4, 5, 6, 8, 9, 10]) if (!isDigit(d[p + i])) return false;
  return d[p + 7] === 0x2e && d[p + 11] === 0x0a;
}

/** Says whether the first bytes of a direction are an RFB ProtocolVersion (`RFB 003.008\n`). */
export function probeVnc(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = Math.min(data.length, VNC.VERSION_BYTES);
  for (let i = 0; i < n; i++) {
    const c = data[i] as number;
    const ok = i < 4 ? c === RFB[i] : i === 7 ? c === 0x2e : i === 11 ? c === 0x0a : isDigit(c);
    if (!ok) return 'no_match';
  }
  return n < VNC.VERSION_BYTES ? 'need_more' : 'match';
}

const u16 = (d: Uint8Array, p: number): number => ((d[p] as number) << 8) | (d[p + 1] as number);
const u32 = (d: Uint8Array, p: number): number =>
  (((d[p] as number) << 24) |
    ((d[p + 1] as number) << 16) |
    ((d[p + 2] as number) << 8) |
    (d[p + 3] as number)) >>>
  0;
const s32 = (d: Uint8Array, p: number): number => u32(d, p) | 0;

function text(d: Uint8Array, s: number, e: number): string {
  let out = '';
  const stop = Math.min(e, s + VNC.MAX_TEXT);
  for (let i = s; i < stop; i++) {
    const c = d[i] as number;
    out += c >= 0x20 && c !== 0x7f ? String.fromCharCode(c) : '.';
  }
  return out;
}

function emit(sink: DecodeSink, kind: VncEventKind, vnc: VncFields): void {
  const e: VncEvent = { kind, vnc };
  sink.emit(e);
}

/** Ends framing of both directions (TLS, an unknown security type, a failure). */
function countBoth(state: VncState): void {
  state.sides[0].phase = P.COUNT;
  state.sides[1].phase = P.COUNT;
}

/** A structure that makes no sense: rejects an unconfirmed flow, else named and counted. */
function malformed(
  state: VncState,
  s: Side,
  sink: DecodeSink,
  name: string,
  detail: string,
): ParseStatus | null {
  if (!state.confirmed) return reject(name);
  sink.anomaly(name, detail);
  s.phase = P.COUNT;
  return null;
}

/** Decodes the next bytes of one direction. */
export function parseVnc(
  state: VncState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const s = state.sides[dir];
  const n = data.length;
  let p = 0;
  while (p < n) {
    if (s.phase === P.COUNT) {
      s.counted += n - p;
      return OK;
    }
    if (s.skip > 0) {
      const take = Math.min(s.skip, n - p);
      s.skip -= take;
      p += take;
      continue;
    }
    const r =
      dir === Direction.TO_SERVER
        ? clientStep(state, s, data, p, n, sink)
        : serverStep(state, s, data, p, n, sink);
    if (r < 0) {
      // A status: incomplete (needs -r - 1 bytes from p) or a reject stored in `stop`.
      if (stop !== null) {
        const st = stop;
        stop = null;
        return st;
      }
      return incomplete(p, -r - 1);
    }
    p += r;
  }
  return OK;
}

/** A reject set by a step (steps return numbers to stay allocation-free on the common path). */
let stop: ParseStatus | null = null;
/** Step result: need `k` bytes in all from p. */
const need = (k: number): number => -k - 1;

/** Handles the outcome of {@link malformed} inside a step: a reject stops, else consume `len`. */
function bad(r: ParseStatus | null, len: number): number {
  if (r !== null) {
    stop = r;
    return -1;
  }
  return len;
}

function versionStep(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  dir: Direction,
  sink: DecodeSink,
): number {
  if (n - p < VNC.VERSION_BYTES) return need(VNC.VERSION_BYTES);
  if (!versionLine(d, p)) {
    return bad(
      malformed(state, s, sink, 'vnc.malformed_handshake', `version line ${text(d, p, p + 12)}`),
      VNC.VERSION_BYTES,
    );
  }
  const v = text(d, p + 4, p + 11);
  const major = Number(v.slice(0, 3));
  const minor = Number(v.slice(4));
  // 3.3 and 3.5 follow 3.3 rules, 3.7 its own, 3.8 and later (4.x, 5.x, Apple's 3.889) 3.8's.
  const level = major === 3 && minor < 7 ? 3 : major === 3 && minor === 7 ? 7 : 8;
  if (dir === Direction.TO_CLIENT) {
    state.serverLevel = level;
    emit(sink, 'vnc.version', { server_version: v });
  } else {
    state.clientLevel = level;
    emit(sink, 'vnc.version', { client_version: v });
  }
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  s.phase = P.SECURITY;
  return VNC.VERSION_BYTES;
}

/** Where both sides go once the security type is known. */
function afterSecurityType(state: VncState, sink: DecodeSink, t: number): void {
  state.secType = t;
  if (t === Sec.NONE) sink.anomaly('vnc.no_authentication', securityTypeName(t));
  if (t === Sec.TLS) {
    emit(sink, 'vnc.tls_start', { security_type: t, security_type_name: securityTypeName(t) });
    countBoth(state);
  } else if (t !== Sec.NONE && t !== Sec.VNC_AUTH && t !== Sec.VENCRYPT) {
    // Tight, RA2, Apple ARD...: their own sub-protocols, not followed.
    countBoth(state);
  }
}

function serverStep(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  sink: DecodeSink,
): number {
  const left = n - p;
  switch (s.phase) {
    case P.VERSION:
      return versionStep(state, s, d, p, n, Direction.TO_CLIENT, sink);
    case P.SECURITY: {
      if (state.level() === 3) {
        if (left < 4) return need(4);
        const t = u32(d, p);
        if (t === Sec.INVALID) return refused(state, s, d, p, n, 4, sink);
        emit(sink, 'vnc.security_types', {
          security_type: t,
          security_type_name: securityTypeName(t),
        });
        if (t > 255)
          return bad(malformed(state, s, sink, 'vnc.malformed_handshake', `security type ${t}`), 4);
        s.phase = t === Sec.VNC_AUTH ? P.CHALLENGE : P.INIT;
        state.sides[Direction.TO_SERVER].phase = t === Sec.VNC_AUTH ? P.RESPONSE : P.INIT;
        afterSecurityType(state, sink, t);
        return 4;
      }
      if (left < 1) return need(1);
      const count = d[p] as number;
      if (count === 0) return refused(state, s, d, p, n, 1, sink);
      if (left < 1 + count) return need(1 + count);
      const types: number[] = [];
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const t = d[p + 1 + i] as number;
        types.push(t);
        names.push(securityTypeName(t));
      }
      emit(sink, 'vnc.security_types', { security_types: types, security_type_names: names });
      s.phase = P.AFTER_CHOICE;
      return 1 + count;
    }
    case P.AFTER_CHOICE: {
      const t = state.secType;
      if (t === Sec.VNC_AUTH) s.phase = P.CHALLENGE;
      else if (t === Sec.NONE) s.phase = state.level() >= 8 ? P.RESULT : P.INIT;
      else if (t === Sec.VENCRYPT) s.phase = P.VENCRYPT_VERSION;
      else s.phase = P.COUNT;
      return 0;
    }
    case P.CHALLENGE:
      if (left < VNC.CHALLENGE_BYTES) return need(VNC.CHALLENGE_BYTES);
      emit(sink, 'vnc.auth', { auth_step: 'challenge' });
      s.phase = P.RESULT;
      return VNC.CHALLENGE_BYTES;
    case P.RESULT: {
      if (left < 4) return need(4);
      const res = u32(d, p);
      const f: VncFields = { result: res, auth_ok: res === 0 };
      let len = 4;
      // The reason string follows a failure from 3.8 on ([RFC6143] 7.1.3).
      if (res !== 0 && state.level() >= 8) {
        if (left < 8) return need(8);
        const rl = u32(d, p + 4);
        if (rl > VNC.MAX_TEXT_LENGTH) {
          emit(sink, 'vnc.security_result', f);
          return bad(
            malformed(state, s, sink, 'vnc.malformed_handshake', `reason length ${rl}`),
            8,
          );
        }
        // Only the kept part is waited for; the rest is skipped (no buffering of long text).
        const keep = Math.min(rl, VNC.MAX_TEXT);
        if (left < 8 + keep) return need(8 + keep);
        f.reason = text(d, p + 8, p + 8 + keep);
        s.skip = rl - keep;
        len = 8 + keep;
      }
      emit(sink, 'vnc.security_result', f);
      if (res !== 0) {
        sink.anomaly('vnc.auth_failed', f.reason ?? SECURITY_RESULTS[res] ?? `result ${res}`);
        countBoth(state);
      } else {
        s.phase = P.INIT;
      }
      return len;
    }
    case P.VENCRYPT_VERSION:
      if (left < 2) return need(2);
      emit(sink, 'vnc.vencrypt', { vencrypt_version: `${d[p] as number}.${d[p + 1] as number}` });
      s.phase = P.VENCRYPT_TYPES;
      return 2;
    case P.VENCRYPT_TYPES: {
      // Status of the client's version (0 = accepted), then u8 count and u32 subtypes.
      if (left < 2) return need(2);
      const status = d[p] as number;
      if (status !== 0) {
        emit(sink, 'vnc.vencrypt', { vencrypt_status: status });
        sink.anomaly('vnc.auth_failed', 'VeNCrypt version refused');
        countBoth(state);
        return 1;
      }
      const count = d[p + 1] as number;
      if (left < 2 + 4 * count) return need(2 + 4 * count);
      const subtypes: number[] = [];
      const names: string[] = [];
      for (let i = 0; i < count && i < VNC.MAX_SUBTYPES; i++) {
        const t = u32(d, p + 2 + 4 * i);
        subtypes.push(t);
        names.push(vencryptName(t));
      }
      emit(sink, 'vnc.vencrypt', {
        vencrypt_status: status,
        vencrypt_subtypes: subtypes,
        vencrypt_subtype_names: names,
      });
      s.phase = P.VENCRYPT_STATUS;
      return 2 + 4 * count;
    }
    case P.VENCRYPT_STATUS: {
      // TLS and X.509 subtypes get a status octet (1 = accepted) before the TLS handshake;
      // TigerVNC sends none for Plain, None and VNC authentication, whose next bytes are the
      // SecurityResult or the challenge (test/golden/vnc).
      const t = state.subtype;
      if (t < 257) {
        if (t === Sec.VNC_AUTH) s.phase = P.CHALLENGE;
        else if (t === VENCRYPT_PLAIN || t === 0 || t === Sec.NONE) s.phase = P.RESULT;
        else s.phase = P.COUNT;
        return 0;
      }
      if (left < 1) return need(1);
      const status = d[p] as number;
      emit(sink, 'vnc.vencrypt', { vencrypt_status: status });
      if (status !== 1) {
        sink.anomaly('vnc.auth_failed', `VeNCrypt subtype ${vencryptName(t)} refused`);
        countBoth(state);
        return 1;
      }
      emit(sink, 'vnc.tls_start', {
        security_type: Sec.VENCRYPT,
        security_type_name: 'vencrypt',
        vencrypt_subtype: t,
        vencrypt_subtype_name: vencryptName(t),
      });
      countBoth(state);
      return 1;
    }
    case P.INIT:
      return serverInit(state, s, d, p, n, sink);
    default:
      return serverMessage(state, s, d, p, n, sink);
  }
}

/** No security types / type 0: a reason string follows, then the server closes. */
function refused(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  head: number,
  sink: DecodeSink,
): number {
  if (n - p < head + 4) return need(head + 4);
  const rl = u32(d, p + head);
  if (rl > VNC.MAX_TEXT_LENGTH) {
    return bad(
      malformed(state, s, sink, 'vnc.malformed_handshake', `reason length ${rl}`),
      head + 4,
    );
  }
  const keep = Math.min(rl, VNC.MAX_TEXT);
  if (n - p < head + 4 + keep) return need(head + 4 + keep);
  const reason = text(d, p + head + 4, p + head + 4 + keep);
  emit(sink, 'vnc.security_types', { security_types: [], security_type_names: [], reason });
  sink.anomaly('vnc.connection_refused', reason);
  countBoth(state);
  return head + 4 + keep;
}

function pixelFormat(d: Uint8Array, q: number, f: VncFields): void {
  f.bits_per_pixel = d[q] as number;
  f.depth = d[q + 1] as number;
  f.big_endian = d[q + 2] !== 0;
  f.true_colour = d[q + 3] !== 0;
}

function setBpp(state: VncState, bits: number): void {
  state.bpp = bits >= 8 ? bits >> 3 : 1;
}

function serverInit(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  sink: DecodeSink,
): number {
  if (n - p < 24) return need(24);
  const nl = u32(d, p + 20);
  if (nl > VNC.MAX_TEXT_LENGTH) {
    return bad(malformed(state, s, sink, 'vnc.malformed_handshake', `name length ${nl}`), 24);
  }
  const keep = Math.min(nl, VNC.MAX_TEXT);
  if (n - p < 24 + keep) return need(24 + keep);
  const f: VncFields = { width: u16(d, p), height: u16(d, p + 2) };
  pixelFormat(d, p + 4, f);
  f.red_max = u16(d, p + 8);
  f.green_max = u16(d, p + 10);
  f.blue_max = u16(d, p + 12);
  f.red_shift = d[p + 14] as number;
  f.green_shift = d[p + 15] as number;
  f.blue_shift = d[p + 16] as number;
  f.desktop_name = text(d, p + 24, p + 24 + keep);
  s.skip = nl - keep;
  setBpp(state, f.bits_per_pixel as number);
  emit(sink, 'vnc.server_init', f);
  s.phase = P.MESSAGES;
  return 24 + keep;
}

function clientStep(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  sink: DecodeSink,
): number {
  const left = n - p;
  switch (s.phase) {
    case P.VERSION:
      return versionStep(state, s, d, p, n, Direction.TO_SERVER, sink);
    case P.SECURITY: {
      // 3.3: the server decided; the client's next bytes depend on it (set by serverStep).
      if (state.level() === 3) {
        s.phase = P.COUNT;
        return 0;
      }
      if (left < 1) return need(1);
      const t = d[p] as number;
      emit(sink, 'vnc.security_choice', {
        security_type: t,
        security_type_name: securityTypeName(t),
      });
      s.phase = t === Sec.VNC_AUTH ? P.RESPONSE : t === Sec.VENCRYPT ? P.VENCRYPT_VERSION : P.INIT;
      afterSecurityType(state, sink, t);
      return 1;
    }
    case P.RESPONSE:
      if (left < VNC.CHALLENGE_BYTES) return need(VNC.CHALLENGE_BYTES);
      emit(sink, 'vnc.auth', { auth_step: 'response' });
      s.phase = P.INIT;
      return VNC.CHALLENGE_BYTES;
    case P.VENCRYPT_VERSION:
      if (left < 2) return need(2);
      emit(sink, 'vnc.vencrypt', { vencrypt_version: `${d[p] as number}.${d[p + 1] as number}` });
      s.phase = P.VENCRYPT_CHOICE;
      return 2;
    case P.VENCRYPT_CHOICE: {
      if (left < 4) return need(4);
      const t = u32(d, p);
      state.subtype = t;
      emit(sink, 'vnc.vencrypt', { vencrypt_subtype: t, vencrypt_subtype_name: vencryptName(t) });
      // TLS and X.509 subtypes (257 and up): the TLS handshake follows the server's status.
      if (t >= 257) s.phase = P.COUNT;
      else if (t === VENCRYPT_PLAIN) s.phase = P.PLAIN;
      else if (t === Sec.VNC_AUTH) s.phase = P.RESPONSE;
      else if (t === 0 || t === Sec.NONE) {
        s.phase = P.INIT;
        sink.anomaly('vnc.no_authentication', vencryptName(t));
      } else s.phase = P.COUNT;
      return 4;
    }
    case P.PLAIN: {
      if (left < 8) return need(8);
      const ul = u32(d, p);
      const pl = u32(d, p + 4);
      if (ul > VNC.MAX_TEXT_LENGTH || pl > VNC.MAX_TEXT_LENGTH) {
        return bad(malformed(state, s, sink, 'vnc.malformed_handshake', 'Plain lengths'), 8);
      }
      // The password bytes are skipped, never read.
      const keep = Math.min(ul, VNC.MAX_TEXT);
      if (left < 8 + keep) return need(8 + keep);
      emit(sink, 'vnc.vencrypt', {
        username: text(d, p + 8, p + 8 + keep),
        password_present: pl > 0,
      });
      s.skip = ul - keep + pl;
      sink.anomaly('vnc.cleartext_credentials', 'VeNCrypt Plain without TLS');
      s.phase = P.INIT;
      return 8 + keep;
    }
    case P.INIT:
      if (left < 1) return need(1);
      emit(sink, 'vnc.client_init', { shared: d[p] !== 0 });
      s.phase = P.MESSAGES;
      return 1;
    default:
      return clientMessage(state, s, d, p, n, sink);
  }
}

/** Counts one message; emits it while under the cap, and counts at 10, 100, 1000... */
function counted(
  s: Side,
  type: number,
  client: boolean,
  f: VncFields | null,
  sink: DecodeSink,
): void {
  s.messages++;
  s.counts[type] = (s.counts[type] as number) + 1;
  if (f !== null && s.messageEvents < VNC.MAX_MESSAGE_EVENTS) {
    s.messageEvents++;
    emit(sink, client ? 'vnc.client_message' : 'vnc.server_message', f);
  }
  let m = s.messages;
  while (m % 10 === 0 && m > 1) m /= 10;
  if (m !== 1 || s.messages < 10) return;
  const names = client ? CLIENT_MESSAGES : SERVER_MESSAGES;
  const counts: Record<string, number> = {};
  for (let t = 0; t < 256; t++) {
    const c = s.counts[t] as number;
    if (c > 0) counts[names.get(t) ?? `unknown_${t}`] = c;
  }
  emit(sink, 'vnc.message_counts', {
    side: client ? 'client' : 'server',
    messages: s.messages,
    counts,
  });
}

/** Builds the event fields of a message only while events are still emitted. */
function fields(s: Side, type: number, client: boolean): VncFields | null {
  if (s.messageEvents >= VNC.MAX_MESSAGE_EVENTS) return null;
  const name = (client ? CLIENT_MESSAGES : SERVER_MESSAGES).get(type) ?? `unknown_${type}`;
  return { message_type: type, message: name };
}

/** Fixed sizes of client messages ([RFC6143] 7.5, [rfbproto]); 0 when variable. */
function clientFixed(t: number): number {
  switch (t) {
    case ClientMsg.SET_PIXEL_FORMAT:
      return 20;
    case ClientMsg.FRAMEBUFFER_UPDATE_REQUEST:
      return 10;
    case ClientMsg.KEY_EVENT:
      return 8;
    case ClientMsg.POINTER_EVENT:
      return 6;
    case ClientMsg.ENABLE_CONTINUOUS_UPDATES:
      return 10;
    case ClientMsg.XVP:
      return 4;
    default:
      return 0;
  }
}

function clientMessage(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  sink: DecodeSink,
): number {
  const left = n - p;
  const t = d[p] as number;
  const fixed = clientFixed(t);
  if (fixed > 0) {
    if (left < fixed) return need(fixed);
    const f = fields(s, t, true);
    if (t === ClientMsg.SET_PIXEL_FORMAT) {
      setBpp(state, d[p + 4] as number);
      if (f !== null) pixelFormat(d, p + 4, f);
    }
    counted(s, t, true, f, sink);
    return fixed;
  }
  switch (t) {
    case ClientMsg.SET_ENCODINGS: {
      if (left < 4) return need(4);
      const count = u16(d, p + 2);
      const listed = Math.min(count, VNC.MAX_ENCODINGS);
      if (left < 4 + 4 * listed) return need(4 + 4 * listed);
      const f = fields(s, t, true);
      if (f !== null) {
        const encodings: number[] = [];
        const names: string[] = [];
        for (let i = 0; i < listed; i++) {
          const e = s32(d, p + 4 + 4 * i);
          encodings.push(e);
          names.push(encodingName(e));
        }
        f.encodings = encodings;
        f.encoding_names = names;
      }
      counted(s, t, true, f, sink);
      if (count > listed) sink.anomaly('vnc.objects_limit_reached', `${count} encodings`);
      s.skip = 4 * (count - listed);
      return 4 + 4 * listed;
    }
    case ClientMsg.CLIENT_CUT_TEXT: {
      if (left < 8) return need(8);
      // A negative length is the Extended Clipboard pseudo-encoding's form ([rfbproto]).
      const len = Math.abs(s32(d, p + 4));
      const f = fields(s, t, true);
      if (f !== null) f.text_length = len;
      counted(s, t, true, f, sink);
      s.skip = len;
      return 8;
    }
    case ClientMsg.CLIENT_FENCE: {
      if (left < 9) return need(9);
      counted(s, t, true, fields(s, t, true), sink);
      s.skip = d[p + 8] as number;
      return 9;
    }
    case ClientMsg.SET_DESKTOP_SIZE: {
      if (left < 8) return need(8);
      counted(s, t, true, fields(s, t, true), sink);
      s.skip = 16 * (d[p + 6] as number);
      return 8;
    }
    case ClientMsg.QEMU: {
      if (left < 4) return need(4);
      const sub = d[p + 1] as number;
      const op = u16(d, p + 2);
      // 0 extended key event (12), 1 audio (4, or 10 for set-format op 2).
      const len = sub === 0 ? 12 : sub === 1 ? (op === 2 ? 10 : 4) : 0;
      if (len === 0) return unknownMessage(s, t, true, sink);
      if (left < len) return need(len);
      counted(s, t, true, fields(s, t, true), sink);
      return len;
    }
    default:
      return unknownMessage(s, t, true, sink);
  }
}

function unknownMessage(s: Side, t: number, client: boolean, sink: DecodeSink): number {
  sink.anomaly('vnc.unknown_message', `${client ? 'client' : 'server'} message type ${t}`);
  s.phase = P.COUNT;
  return 0;
}

function serverMessage(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  sink: DecodeSink,
): number {
  if (s.hxTiles > 0) return hextileTile(state, s, d, p, n);
  if (s.rects > 0) return rectangle(state, s, d, p, n);
  const left = n - p;
  const t = d[p] as number;
  switch (t) {
    case ServerMsg.FRAMEBUFFER_UPDATE: {
      if (left < 4) return need(4);
      const rects = u16(d, p + 2);
      const f = fields(s, t, false);
      if (f !== null) f.rectangles = rects;
      counted(s, t, false, f, sink);
      s.rects = rects;
      return 4;
    }
    case ServerMsg.SET_COLOUR_MAP_ENTRIES: {
      if (left < 6) return need(6);
      counted(s, t, false, fields(s, t, false), sink);
      s.skip = 6 * u16(d, p + 4);
      return 6;
    }
    case ServerMsg.BELL:
    case ServerMsg.END_OF_CONTINUOUS_UPDATES:
      counted(s, t, false, fields(s, t, false), sink);
      return 1;
    case ServerMsg.SERVER_CUT_TEXT: {
      if (left < 8) return need(8);
      const len = Math.abs(s32(d, p + 4));
      const f = fields(s, t, false);
      if (f !== null) f.text_length = len;
      counted(s, t, false, f, sink);
      s.skip = len;
      return 8;
    }
    case ServerMsg.SERVER_FENCE: {
      if (left < 9) return need(9);
      counted(s, t, false, fields(s, t, false), sink);
      s.skip = d[p + 8] as number;
      return 9;
    }
    case ServerMsg.XVP:
      if (left < 4) return need(4);
      counted(s, t, false, fields(s, t, false), sink);
      return 4;
    default:
      return unknownMessage(s, t, false, sink);
  }
}

/** One rectangle header of a FramebufferUpdate and what its encoding needs ([RFC6143] 7.7). */
function rectangle(state: VncState, s: Side, d: Uint8Array, p: number, n: number): number {
  const left = n - p;
  if (left < 12) return need(12);
  const w = u16(d, p + 4);
  const h = u16(d, p + 6);
  const e = s32(d, p + 8);
  const bpp = state.bpp;
  const px = w * h;
  s.rects--;
  switch (e) {
    case Enc.RAW:
      s.skip = px * bpp;
      return 12;
    case Enc.COPY_RECT:
      s.skip = 4;
      return 12;
    case Enc.RRE:
    case Enc.CORRE: {
      if (left < 16 + bpp) {
        s.rects++;
        return need(16 + bpp);
      }
      s.skip = u32(d, p + 12) * (bpp + (e === Enc.RRE ? 8 : 4));
      return 16 + bpp;
    }
    case Enc.HEXTILE:
      s.hxCols = Math.ceil(w / VNC.TILE);
      s.hxTiles = s.hxCols * Math.ceil(h / VNC.TILE);
      s.hxNext = 0;
      s.hxW = w;
      s.hxH = h;
      return 12;
    case Enc.ZLIB:
    case Enc.ZRLE:
    case Enc.DESKTOP_NAME:
      if (left < 16) {
        s.rects++;
        return need(16);
      }
      s.skip = u32(d, p + 12);
      return 16;
    case Enc.TIGHT:
      return tight(state, s, d, p, n, w, h);
    case Enc.CURSOR:
      s.skip = px * bpp + Math.floor((w + 7) / 8) * h;
      return 12;
    case Enc.X_CURSOR:
      s.skip = px > 0 ? 6 + 2 * Math.floor((w + 7) / 8) * h : 0;
      return 12;
    case Enc.CURSOR_WITH_ALPHA: {
      if (left < 16) {
        s.rects++;
        return need(16);
      }
      if (s32(d, p + 12) !== Enc.RAW) {
        s.phase = P.COUNT;
        return 16;
      }
      s.skip = px * 4;
      return 16;
    }
    case Enc.EXTENDED_DESKTOP_SIZE: {
      if (left < 16) {
        s.rects++;
        return need(16);
      }
      s.skip = 16 * (d[p + 12] as number);
      return 16;
    }
    case Enc.LED_STATE:
      s.skip = 1;
      return 12;
    case Enc.LAST_RECT:
      s.rects = 0;
      return 12;
    case Enc.DESKTOP_SIZE:
    case Enc.POINTER_POS:
    case Enc.FENCE:
    case Enc.CONTINUOUS_UPDATES:
    case Enc.QEMU_EXTENDED_KEY:
    case Enc.QEMU_AUDIO:
      return 12;
    default:
      // TRLE, JPEG, H.264 and unknown encodings: no length without decoding; stop framing.
      s.phase = P.COUNT;
      return 12;
  }
}

/** One Hextile tile ([RFC6143] 7.7.4): its subencoding header, then its bytes are skipped. */
function hextileTile(state: VncState, s: Side, d: Uint8Array, p: number, n: number): number {
  const bpp = state.bpp;
  const col = s.hxNext % s.hxCols;
  const row = Math.floor(s.hxNext / s.hxCols);
  const tw = Math.min(VNC.TILE, s.hxW - col * VNC.TILE);
  const th = Math.min(VNC.TILE, s.hxH - row * VNC.TILE);
  const sub = d[p] as number;
  let head = 1;
  if (sub & Hextile.RAW) {
    s.skip = tw * th * bpp;
  } else {
    if (sub & Hextile.BACKGROUND) head += bpp;
    if (sub & Hextile.FOREGROUND) head += bpp;
    if (sub & Hextile.ANY_SUBRECTS) head += 1;
    if (n - p < head) return need(head);
    if (sub & Hextile.ANY_SUBRECTS) {
      const count = d[p + head - 1] as number;
      s.skip = count * ((sub & Hextile.SUBRECTS_COLOURED ? bpp : 0) + 2);
    }
  }
  s.hxNext++;
  if (s.hxNext >= s.hxTiles) s.hxTiles = 0;
  return head;
}

/** Tight's compact length ([rfbproto] Tight): 1 to 3 bytes, 7 bits each; -1 if short. */
let compactBytes = 0;
function compactLength(d: Uint8Array, q: number, n: number): number {
  let v = 0;
  for (let i = 0; i < 3; i++) {
    if (q + i >= n) return -1;
    const b = d[q + i] as number;
    v |= (i === 2 ? b : b & 0x7f) << (7 * i);
    if (i === 2 || (b & 0x80) === 0) {
      compactBytes = i + 1;
      return v;
    }
  }
  return -1;
}

/**
 * A Tight rectangle ([rfbproto] Tight encoding): control byte, then fill colour, a JPEG, or
 * basic compression with an optional filter (copy, palette, gradient) and data that is raw
 * under 12 bytes and zlib with a compact length otherwise. TPIXEL is 3 bytes for 32-bit
 * true colour of depth 24, else the pixel size.
 */
function tight(
  state: VncState,
  s: Side,
  d: Uint8Array,
  p: number,
  n: number,
  w: number,
  h: number,
): number {
  const retry = (k: number): number => {
    s.rects++;
    return need(k);
  };
  let q = p + 12;
  if (q >= n) return retry(13);
  const ctl = d[q++] as number;
  const tp = state.bpp === 4 ? 3 : state.bpp;
  const kind = ctl >> 4;
  if (kind === 0x08) {
    s.skip = tp;
    return q - p;
  }
  if (kind === 0x09) {
    const len = compactLength(d, q, n);
    if (len < 0) return retry(q - p + 3);
    s.skip = len;
    return q - p + compactBytes;
  }
  if (kind > 0x09) {
    s.phase = P.COUNT;
    return q - p;
  }
  let bitsPerPixel = tp * 8;
  if (ctl & 0x40) {
    if (q >= n) return retry(q - p + 1);
    const filter = d[q++] as number;
    if (filter === 1) {
      if (q >= n) return retry(q - p + 1);
      const colours = (d[q++] as number) + 1;
      q += colours * tp;
      if (q > n) return retry(q - p);
      bitsPerPixel = colours <= 2 ? 1 : 8;
    } else if (filter > 2) {
      s.phase = P.COUNT;
      return q - p;
    }
  }
  const size = bitsPerPixel === 1 ? Math.floor((w + 7) / 8) * h : (w * h * bitsPerPixel) >> 3;
  if (size < 12) {
    s.skip = size;
    return q - p;
  }
  const len = compactLength(d, q, n);
  if (len < 0) return retry(q - p + 3);
  s.skip = len;
  return q - p + compactBytes;
}
