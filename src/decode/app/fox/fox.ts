/**
 * Niagara Fox parser: messages on a TCP 1911 stream ([NMAP], [REDPOINT]; syntax in
 * constants.ts). A message is a header line, an optional `{` ... `}` body of `key=type:value`
 * lines, and `;;`. Blob and object values carry their byte length (`b:44[...]`), which the
 * scanner honours, so binary nonces and embedded documents never break the framing. A message
 * is decoded only when it is complete; until then the parser asks for more bytes, so the events
 * do not depend on how the stream is cut.
 */
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { FOX, HELLO_KEYS, MESSAGE_TYPES, SECRET_KEYS, USER_KEYS } from './constants.js';
import type { FoxFields } from './events.js';

/** Per-flow state. */
export interface FoxState {
  confirmed: boolean;
  /** After a broken message on a confirmed flow: skipping to the next `fox ` line. */
  resync: boolean;
  /** While resynchronising: the previous byte was a line end. */
  atLineStart: boolean;
  /**
   * Per direction, a message still incomplete: offset, from its start, of the first body line not yet seen
   * whole (0: none). The next call resumes the end search there, so a message that arrives a
   * byte at a time is scanned once, not once per byte.
   */
  readonly resumeAt: Int32Array;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createFoxState(limits: DecoderLimits): FoxState {
  return {
    confirmed: false,
    resync: false,
    atLineStart: false,
    resumeAt: new Int32Array(2),
    limits,
  };
}

const MAGIC = [0x66, 0x6f, 0x78, 0x20]; // 'fox '
const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const INCOMPLETE = -1;
const MALFORMED = -2;

/** Recognises the header `fox <type letter> `. */
export function probeFox(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  for (let i = 0; i < 4; i++) {
    if (i >= n) return 'need_more';
    if (data[i] !== MAGIC[i]) return 'no_match';
  }
  if (n < 6) return 'need_more';
  return MESSAGE_TYPES.has(data[4] as number) && data[5] === SP ? 'match' : 'no_match';
}

/** Lost bytes: a message in progress cannot be resumed. */
export function gapFox(state: FoxState, dir: Direction): void {
  state.resumeAt[dir] = 0;
}

/** Decodes the Fox messages of a stream. */
export function parseFox(
  state: FoxState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (state.resync) {
      // Skip to a line that starts with 'fox ': the next message header.
      for (; pos < n; pos++) {
        if (state.atLineStart && data[pos] === MAGIC[0]) {
          if (n - pos < 4) return incomplete(pos, 4);
          if (data[pos + 1] === MAGIC[1] && data[pos + 2] === MAGIC[2] && data[pos + 3] === SP) {
            state.resync = false;
            break;
          }
        }
        state.atLineStart = data[pos] === LF;
      }
      continue;
    }
    const b = data[pos] as number;
    // Line ends between messages.
    if (b === LF || b === CR) {
      pos++;
      continue;
    }
    let bad = false;
    for (let i = 0; i < 4 && pos + i < n; i++) if (data[pos + i] !== MAGIC[i]) bad = true;
    const r = bad ? MALFORMED : message(state, data, pos, n, sink, dir);
    if (r === INCOMPLETE && n - pos < state.limits.maxPduBytes) return incomplete(pos, n - pos + 1);
    if (r < 0) {
      const name = bad
        ? 'fox.invalid_header'
        : r === INCOMPLETE
          ? 'fox.invalid_length'
          : 'fox.malformed_message';
      // A flow not yet known to be Fox stops here; on a Fox flow the message is skipped.
      if (!state.confirmed) return reject(name);
      sink.anomaly(
        name,
        bad ? 'no Fox header' : r === INCOMPLETE ? 'message too long' : 'bad body',
      );
      state.resync = true;
      state.atLineStart = false;
      pos++;
      continue;
    }
    pos = r;
  }
  return OK;
}

/** Index of the first `c` in `d[p..end)`, or -1. */
function find(d: Uint8Array, p: number, end: number, c: number): number {
  for (let i = p; i < end; i++) if (d[i] === c) return i;
  return -1;
}

/** Printable text of `d[p..q)`, at most `cap` characters, a trailing CR dropped. */
function text(d: Uint8Array, p: number, q: number, cap: number): string {
  if (q > p && d[q - 1] === CR) q--;
  let s = '';
  const end = Math.min(q, p + cap);
  for (let i = p; i < end; i++) {
    const c = d[i] as number;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s;
}

/** Decimal integer of `d[p..q)` (sign allowed), or NaN. */
function int(d: Uint8Array, p: number, q: number): number {
  let neg = false;
  if (p < q && d[p] === 0x2d) {
    neg = true;
    p++;
  }
  if (p >= q || q - p > 10) return NaN;
  let v = 0;
  for (let i = p; i < q; i++) {
    const c = (d[i] as number) - 0x30;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  // No negative zero: `-0` is 0 in JSON.
  return neg && v !== 0 ? -v : v;
}

/**
 * One message from `start`: returns the offset after it, INCOMPLETE, or MALFORMED; emits the
 * event when it is complete.
 */
function message(
  state: FoxState,
  d: Uint8Array,
  start: number,
  n: number,
  sink: DecodeSink,
  dir: Direction,
): number {
  // First pass: find the end without building anything, so a message that arrives in many
  // pieces is rescanned cheaply; the second pass reads the fields once it is whole.
  const end = scan(state, d, start, n, null, sink, dir);
  if (end < 0) {
    if (end === MALFORMED) state.resumeAt[dir] = 0;
    return end;
  }
  state.resumeAt[dir] = 0;
  const f = header(d, start) as FoxFields;
  scan(state, d, start, n, f, sink, dir);
  if (f.command === 'challenge' || f.secret_present === true) {
    sink.anomaly(
      'fox.cleartext_authentication',
      f.command === 'challenge' ? `challenge ${f.auth_method ?? ''}`.trimEnd() : 'credentials sent',
    );
  }
  sink.emit({ kind: 'fox.message', fox: f });
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  return end;
}

/** Offset after the message at `start`, INCOMPLETE or MALFORMED; fills `f` when given. */
function scan(
  state: FoxState,
  d: Uint8Array,
  start: number,
  n: number,
  f: FoxFields | null,
  sink: DecodeSink,
  dir: Direction,
): number {
  const eol = find(d, start, Math.min(n, start + FOX.MAX_HEADER), LF);
  if (eol < 0) return n - start >= FOX.MAX_HEADER ? MALFORMED : INCOMPLETE;
  if (!tokens(d, start, eol)) return MALFORMED;
  let p = eol + 1;
  if (p >= n) return INCOMPLETE;
  if (d[p] === 0x7b) {
    // The end search resumes at the first line a previous call did not see whole; the field
    // pass (f given) always reads the body from its start.
    const resume = f === null ? (state.resumeAt[dir] as number) : 0;
    const from = resume > p + 1 - start && start + resume <= n ? start + resume : p + 1;
    p = body(state, d, from, n, f, sink, start, dir);
    if (p < 0) return p;
  }
  if (n - p < 2) return INCOMPLETE;
  if (d[p] !== 0x3b || d[p + 1] !== 0x3b) return MALFORMED;
  return p + 2;
}

/** Token boundaries of the last header line read by {@link tokens}; line end in TOK_END[6]. */
const TOK_START = new Int32Array(7);
const TOK_END = new Int32Array(7);

/**
 * Splits the header line `d[p..eol)` into `fox <type> <number> <reply-to> <channel>
 * <command>`; false when a token is missing, the type is not one letter or a number is not a
 * number.
 */
function tokens(d: Uint8Array, p: number, eol: number): boolean {
  const end = eol > p && d[eol - 1] === CR ? eol - 1 : eol;
  let t = 0;
  let i = p;
  while (t < 6 && i < end) {
    while (i < end && d[i] === SP) i++;
    if (i >= end) break;
    TOK_START[t] = i;
    while (i < end && d[i] !== SP) i++;
    TOK_END[t] = i;
    t++;
  }
  TOK_END[6] = end;
  if (t < 6 || (TOK_END[1] as number) - (TOK_START[1] as number) !== 1) return false;
  return (
    !Number.isNaN(int(d, TOK_START[2] as number, TOK_END[2] as number)) &&
    !Number.isNaN(int(d, TOK_START[3] as number, TOK_END[3] as number))
  );
}

/** The header fields of the message at `p` (a header {@link tokens} accepted). */
function header(d: Uint8Array, p: number): FoxFields | null {
  const eol = find(d, p, d.length, LF);
  if (eol < 0 || !tokens(d, p, eol)) return null;
  const type = d[TOK_START[1] as number] as number;
  return {
    message_type: String.fromCharCode(type),
    message_type_name: MESSAGE_TYPES.get(type) ?? 'unknown',
    number: int(d, TOK_START[2] as number, TOK_END[2] as number),
    reply_to: int(d, TOK_START[3] as number, TOK_END[3] as number),
    channel: text(d, TOK_START[4] as number, TOK_END[4] as number, 64),
    // The command is the rest of the line (`hello`, `challenge`, or a service call).
    command: text(d, TOK_START[5] as number, TOK_END[6] as number, 128),
    field_count: 0,
  };
}

/**
 * The body after `{`: `key=type:value` lines up to the closing `}` at a line start. Returns
 * the offset after `}`, INCOMPLETE or MALFORMED.
 */
function body(
  state: FoxState,
  d: Uint8Array,
  p: number,
  n: number,
  f: FoxFields | null,
  sink: DecodeSink,
  start: number,
  dir: Direction,
): number {
  const cap = state.limits.maxStringBytes;
  const max = state.limits.maxObjectsPerMessage;
  let count = 0;
  for (;;) {
    // Every line before `p` is whole: a later call may resume here.
    if (f === null) state.resumeAt[dir] = p - start;
    while (p < n && (d[p] === LF || d[p] === CR || d[p] === SP || d[p] === 0x09)) p++;
    if (p >= n) return INCOMPLETE;
    if (d[p] === 0x7d) {
      if (f !== null) f.field_count = count;
      return p + 1;
    }
    const nl = find(d, p, n, LF);
    const lineEnd = nl < 0 ? n : nl;
    const eq = find(d, p, lineEnd, 0x3d);
    if (eq < 0) {
      // A line without '=': not a field; skip it.
      if (nl < 0) return INCOMPLETE;
      p = nl + 1;
      continue;
    }
    const keyStart = p;
    const keyEnd = eq;
    const colon = find(d, eq + 1, lineEnd, 0x3a);
    let valStart: number;
    let valEnd: number;
    if (colon === eq + 2 && (d[eq + 1] === 0x62 || d[eq + 1] === 0x6f)) {
      // Blob (`b:<n>[...]`) or object (`o:<format> <n>[...]`): skip exactly n raw bytes.
      const open = find(d, colon + 1, Math.min(n, colon + 65), 0x5b);
      if (open < 0) return n - colon > 64 ? MALFORMED : INCOMPLETE;
      let ds = open;
      while (ds > colon + 1 && (d[ds - 1] as number) >= 0x30 && (d[ds - 1] as number) <= 0x39) ds--;
      const len = int(d, ds, open);
      if (Number.isNaN(len) || len < 0) return MALFORMED;
      valStart = open + 1;
      valEnd = valStart + len;
      if (valEnd >= n) return INCOMPLETE;
      if (d[valEnd] !== 0x5d) return MALFORMED;
      const lineEnd = find(d, valEnd + 1, n, LF);
      if (lineEnd < 0) return INCOMPLETE;
      p = lineEnd + 1;
    } else {
      if (nl < 0) return INCOMPLETE;
      valStart = colon < 0 ? eq + 1 : colon + 1;
      valEnd = nl;
      p = nl + 1;
    }
    if (f !== null) {
      if (count < max) field(d, keyStart, keyEnd, valStart, valEnd, cap, f);
      else if (count === max) sink.anomaly('fox.objects_limit_reached', `more than ${max} fields`);
    }
    count++;
  }
}

/** Records the value of a known key. */
function field(
  d: Uint8Array,
  ks: number,
  ke: number,
  vs: number,
  ve: number,
  cap: number,
  f: FoxFields,
): void {
  if (ke - ks > 32) return;
  const key = text(d, ks, ke, 32);
  const name = HELLO_KEYS.get(key);
  if (name !== undefined) {
    (f as unknown as Record<string, string>)[name] = text(d, vs, ve, cap);
  } else if (USER_KEYS.has(key)) {
    f.user_name_present = true;
    f.user_name_masked = ve > vs ? `${String.fromCharCode(d[vs] as number)}***` : '';
  } else if (SECRET_KEYS.has(key)) {
    f.secret_present = true;
  }
}
