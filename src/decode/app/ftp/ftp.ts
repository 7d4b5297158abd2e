/**
 * FTP parser: the control connection, line by line. Commands from the client, replies from the
 * server (multi-line replies assembled), each reply paired with the oldest command still
 * waiting for one; logins, data connection negotiation and the switch to TLS followed.
 *
 * References: see constants.ts ([RFC959] 4-5, [RFC2228], [RFC2389], [RFC2428], [RFC3659]).
 *
 * ```
 *  client: VERB [SP argument] CRLF             USER alice / PORT 10,0,0,5,195,80 / RETR a.txt
 *  server: ddd SP text CRLF                    single-line reply
 *          ddd-text CRLF ... ddd SP text CRLF  multi-line reply ([RFC959] 4.2)
 * ```
 *
 * Framing policy. A line is at most 1024 bytes; a longer one is named (`ftp.line_too_long`)
 * and skipped to its line feed, so the buffer the pipeline keeps for a partial line is bounded.
 * Before the flow is confirmed (a well-formed reply or a known command) a line that is neither
 * rejects the flow; after, it is named and skipped. After a 234 reply to AUTH the connection
 * carries TLS ([RFC4217] 4): both directions are then only counted.
 *
 * Quirks. Clients may send Telnet IAC IP / IAC DM before ABOR ([RFC959] 4.1.3): leading IAC
 * pairs are skipped. A bare LF ends a line as CRLF does (many servers accept it). Verbs are
 * case-insensitive ([RFC959] 5.3) and reported upper case.
 */
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import { ANONYMOUS_USERS, COMMANDS, FTP, Reply, SHARED_VERBS, SOFTWARE_RE } from './constants.js';
import type { FtpEvent, FtpEventKind, FtpFields } from './events.js';

/** Per-direction state. */
class Side {
  /** Skipping an over-long line (or the rest of one after a gap) up to its line feed. */
  discarding = false;
  /**
   * Bytes at the start of the next data already known to hold no line feed: the pipeline hands
   * back what `incomplete` left, so a line arriving a byte at a time is scanned once, not again
   * from its start on every byte.
   */
  scanned = 0;
}

/** A command waiting for its reply. */
interface Pending {
  readonly command: string;
  readonly arg: string | undefined;
}

/** Per-flow FTP state. */
export class FtpState {
  readonly limits: DecoderLimits;
  confirmed = false;
  /** Longest line: 1024 bytes, or less when the pipeline buffers less per direction. */
  readonly maxLine: number;
  readonly sides: [Side, Side] = [new Side(), new Side()];
  /** Commands waiting for a reply, oldest first (at most {@link FTP.MAX_PENDING}). */
  readonly pending: Pending[] = [];
  /** The last USER argument ('' until one). */
  user = '';
  /** Code of the multi-line reply being assembled, -1 when none. */
  replyCode = -1;
  /** Its first line's text. */
  replyFirst = '';
  /** Its continuation lines (capped) and line count. */
  replyLines: string[] = [];
  replyLineCount = 0;
  /** The control connection carries TLS (after 234). */
  tls = false;
  /** Bytes seen after TLS started. */
  tlsBytes = 0;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
    this.maxLine = Math.max(8, Math.min(FTP.MAX_LINE, limits.maxPduBytes));
  }
}

/** Fresh per-flow state. */
export function createFtpState(limits: DecoderLimits): FtpState {
  return new FtpState(limits);
}

/** A capture gap: skip to the next line; pairing starts over (the lost lines are unknown). */
export function onFtpGap(state: FtpState, dir: Direction): void {
  state.sides[dir].discarding = true;
  state.sides[dir].scanned = 0;
  state.pending.length = 0;
  if (dir === Direction.TO_CLIENT) state.replyCode = -1;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * Says whether the first bytes of a direction are FTP. From the server: a reply line `ddd ` or
 * `ddd-`; a 220 (or 120) greeting naming FTP in its first line is a match, any other reply is
 * `need_more` (plausible on port 21, not proof elsewhere: SMTP greets with 220 too). From the
 * client: a known command verb then SP or CRLF; verbs POP3 and SMTP share (USER, PASS, QUIT,
 * RETR ...) are `need_more`.
 */
export function probeFtp(data: Uint8Array, dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  return dir === Direction.TO_CLIENT ? probeReply(data, n) : probeCommand(data, n);
}

function probeReply(d: Uint8Array, n: number): ProbeResult {
  const c0 = d[0] as number;
  if (c0 < 0x31 || c0 > 0x35) return 'no_match';
  if (n > 1 && ((d[1] as number) < 0x30 || (d[1] as number) > 0x35)) return 'no_match';
  if (n > 2 && !isDigit(d[2])) return 'no_match';
  if (n < 4) return 'need_more';
  if (d[3] !== 0x20 && d[3] !== 0x2d) return 'no_match';
  const code = (c0 - 0x30) * 100 + ((d[1] as number) - 0x30) * 10 + ((d[2] as number) - 0x30);
  if (code !== Reply.READY && code !== 120) return 'need_more';
  // "FTP" anywhere in the greeting line (vsFTPd, ProFTPD, "Microsoft FTP Service", pyftpdlib).
  const lim = Math.min(n, 256);
  for (let i = 4; i + 2 < lim; i++) {
    const c = d[i] as number;
    if (c === 0x0a) return 'need_more';
    if ((c | 0x20) === 0x66 && ((d[i + 1] as number) | 0x20) === 0x74) {
      if (((d[i + 2] as number) | 0x20) === 0x70) return 'match';
    }
  }
  return 'need_more';
}

function probeCommand(d: Uint8Array, n: number): ProbeResult {
  let i = 0;
  while (i < n && i < 6 && isAlnumVerb(d[i] as number, i)) i++;
  if (i === n) return i <= 5 ? 'need_more' : 'no_match';
  if (i < 3 || i > 5) return 'no_match';
  const c = d[i] as number;
  if (c !== 0x20 && c !== 0x0d && c !== 0x0a) return 'no_match';
  const verb = verbOf(d, 0, i);
  if (!COMMANDS.has(verb)) return 'no_match';
  return SHARED_VERBS.has(verb) ? 'need_more' : 'match';
}

/** A verb character: a letter, or a digit after the first (XSHA1). */
function isAlnumVerb(c: number, i: number): boolean {
  return isAlpha(c) || (i > 0 && c >= 0x30 && c <= 0x39);
}

function verbOf(d: Uint8Array, s: number, e: number): string {
  let v = '';
  for (let i = s; i < e; i++) {
    const c = d[i] as number;
    v += String.fromCharCode(c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
  }
  return v;
}

const UTF8 = new TextDecoder('utf-8');

/** Text of `d[s, e)`, cut at {@link FTP.MAX_TEXT} characters (paths may be UTF-8, [RFC2640]). */
function text(d: Uint8Array, s: number, e: number): string {
  const t = UTF8.decode(d.subarray(s, Math.min(e, s + FTP.MAX_TEXT * 4)));
  return t.length > FTP.MAX_TEXT ? t.slice(0, FTP.MAX_TEXT) : t;
}

/** Printable, escaped form of the first bytes of a line, for anomaly details. */
function detail(d: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e && i < s + 48; i++) {
    const c = d[i] as number;
    out += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function emit(sink: DecodeSink, kind: FtpEventKind, ftp: FtpFields): void {
  const e: FtpEvent = { kind, ftp };
  sink.emit(e);
}

function confirm(state: FtpState, sink: DecodeSink): void {
  if (state.confirmed) return;
  state.confirmed = true;
  sink.confirm();
}

/** Decodes the next bytes of one direction. */
export function parseFtp(
  state: FtpState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (state.tls) {
    state.tlsBytes += n;
    return OK;
  }
  const side = state.sides[dir];
  const maxLine = state.maxLine;
  let p = 0;
  while (p < n) {
    let nl = -1;
    const lim = side.discarding ? n : Math.min(n, p + maxLine);
    for (let i = p + side.scanned; i < lim; i++) {
      if (data[i] === 0x0a) {
        nl = i;
        break;
      }
    }
    side.scanned = 0;
    if (nl < 0) {
      if (side.discarding) return OK;
      if (n - p < maxLine) {
        side.scanned = n - p;
        return incomplete(p, n - p + 1);
      }
      if (!state.confirmed) return reject('ftp.line_too_long');
      sink.anomaly('ftp.line_too_long', detail(data, p, n));
      side.discarding = true;
      continue;
    }
    if (side.discarding) {
      side.discarding = false;
      p = nl + 1;
      continue;
    }
    const end = nl > p && data[nl - 1] === 0x0d ? nl - 1 : nl;
    const status =
      dir === Direction.TO_SERVER
        ? command(state, data, p, end, sink)
        : reply(state, data, p, end, sink);
    if (status !== null) return status;
    p = nl + 1;
    if (state.tls) {
      state.tlsBytes += n - p;
      return OK;
    }
  }
  return OK;
}

/** One command line `d[s, e)` (no CRLF); a status when decoding stops. */
function command(
  state: FtpState,
  d: Uint8Array,
  s: number,
  e: number,
  sink: DecodeSink,
): ParseStatus | null {
  // Telnet IAC IP / IAC DM ahead of ABOR ([RFC959] 4.1.3, "Synch").
  while (s + 1 < e && d[s] === 0xff) s += 2;
  if (s === e) return null; // an empty line: ignored, as servers do
  let v = s;
  while (v < e && v - s < 6 && isAlnumVerb(d[v] as number, v - s)) v++;
  if (v - s < 3 || v - s > 5 || (v < e && d[v] !== 0x20)) {
    if (!state.confirmed) return reject('ftp.malformed_command');
    sink.anomaly('ftp.malformed_command', detail(d, s, e));
    return null;
  }
  const verb = verbOf(d, s, v);
  const category = COMMANDS.get(verb);
  if (category === undefined) {
    if (!state.confirmed) return reject('ftp.unknown_command');
    sink.anomaly('ftp.unknown_command', verb);
  }
  const f: FtpFields = { command: verb };
  if (category !== undefined) f.category = category;
  let arg: string | undefined;
  if (v < e) arg = text(d, v + 1, e);
  if (verb === 'PASS') {
    f.arg = FTP.MASK;
    f.password_present = true;
    if (state.user !== '') f.user = state.user;
  } else if (arg !== undefined) {
    f.arg = arg;
  }
  if (verb === 'USER') state.user = arg ?? '';
  else if (verb === 'PORT' || verb === 'EPRT') dataAddress(f, arg ?? '', verb === 'EPRT', sink);
  emit(sink, 'ftp.request', f);
  if (category !== undefined) confirm(state, sink);
  if (verb === 'PASS' && !ANONYMOUS_USERS.has(state.user.toLowerCase())) {
    sink.anomaly('ftp.cleartext_credentials', `user ${state.user}`);
  } else if (verb === 'SITE' && arg !== undefined && /^exec\b/i.test(arg)) {
    sink.anomaly('ftp.site_exec', arg.slice(0, 64));
  }
  if (f.bounce === true) sink.anomaly('ftp.bounce', `${f.data_ip ?? ''}:${f.data_port ?? ''}`);
  if (state.pending.length >= FTP.MAX_PENDING) {
    state.pending.shift();
    sink.anomaly('ftp.too_many_pending', `more than ${FTP.MAX_PENDING} commands unanswered`);
  }
  state.pending.push({ command: verb, arg: f.arg });
  return null;
}

/**
 * PORT h1,h2,h3,h4,p1,p2 ([RFC959] 4.1.2) or EPRT |af|addr|port| ([RFC2428] 2): the data
 * address, with the bounce check against the client's address when the pipeline tells it.
 */
function dataAddress(f: FtpFields, arg: string, extended: boolean, sink: DecodeSink): void {
  const ok = extended ? eprt(f, arg) : hostPort(f, arg);
  if (!ok) {
    sink.anomaly('ftp.malformed_data_address', arg.slice(0, 64));
    return;
  }
  f.data_mode = 'active';
  const port = f.data_port as number;
  const client = sink.peerAddress?.(Direction.TO_SERVER) ?? '';
  // A client listens on an ephemeral port; a port below 1024 or another host is the FTP bounce.
  // IPv6 text forms vary (zero compression), so only IPv4 addresses are compared.
  const ip = f.data_ip ?? '';
  f.bounce = port < 1024 || (client !== '' && !ip.includes(':') && ip !== client);
}

/** Six comma-separated decimal bytes, first found in `t` (PORT argument, 227 reply text). */
function hostPort(f: FtpFields, t: string): boolean {
  const m = /(\d{1,3}) *, *(\d{1,3}) *, *(\d{1,3}) *, *(\d{1,3}) *, *(\d{1,3}) *, *(\d{1,3})/.exec(
    t,
  );
  if (m === null) return false;
  const b = m.slice(1, 7).map(Number);
  if (b.some((x) => x > 255)) return false;
  f.data_ip = `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  f.data_port = (b[4] as number) * 256 + (b[5] as number);
  return true;
}

/** EPRT |1|a.b.c.d|port| or |2|ipv6|port| with any delimiter in 33-126 ([RFC2428] 2). */
function eprt(f: FtpFields, t: string): boolean {
  const dl = t.charCodeAt(0);
  if (!(dl >= 33 && dl <= 126)) return false;
  const parts = t.split(t.charAt(0));
  if (parts.length < 5) return false;
  const af = parts[1];
  const addr = parts[2] as string;
  const port = Number(parts[3]);
  if (!/^\d{1,5}$/.test(parts[3] as string) || port > 65535) return false;
  if (af === '1' && /^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) f.data_ip = addr;
  else if (af === '2' && /^[0-9a-fA-F:.]+$/.test(addr) && addr.includes(':'))
    f.data_ip = addr.toLowerCase();
  else return false;
  f.data_port = port;
  return true;
}

/** 229 text `(|||port|)` ([RFC2428] 3): the port, the address being the control connection's. */
function epsv(f: FtpFields, t: string): boolean {
  const o = t.indexOf('(');
  if (o < 0 || o + 5 > t.length) return false;
  const dl = t.charAt(o + 1);
  if (t.charAt(o + 2) !== dl || t.charAt(o + 3) !== dl) return false;
  const close = t.indexOf(dl, o + 4);
  if (close < 0) return false;
  const ps = t.slice(o + 4, close);
  if (!/^\d{1,5}$/.test(ps) || Number(ps) > 65535) return false;
  f.data_port = Number(ps);
  return true;
}

/** One reply line `d[s, e)` (no CRLF); a status when decoding stops. */
function reply(
  state: FtpState,
  d: Uint8Array,
  s: number,
  e: number,
  sink: DecodeSink,
): ParseStatus | null {
  const c0 = d[s] as number;
  const valid =
    e - s >= 3 &&
    c0 >= 0x31 &&
    c0 <= 0x36 &&
    isDigit(d[s + 1]) &&
    isDigit(d[s + 2]) &&
    (e - s === 3 || d[s + 3] === 0x20 || d[s + 3] === 0x2d);
  const code = valid
    ? (c0 - 0x30) * 100 + ((d[s + 1] as number) - 0x30) * 10 + ((d[s + 2] as number) - 0x30)
    : -1;
  if (state.replyCode >= 0) {
    // Inside a multi-line reply: only `ddd SP` with the same code ends it ([RFC959] 4.2).
    if (code === state.replyCode && (e - s === 3 || d[s + 3] === 0x20)) {
      finish(state, code, e - s > 4 ? text(d, s + 4, e) : '', sink);
      state.replyCode = -1;
      return null;
    }
    state.replyLineCount++;
    if (state.replyLines.length < FTP.MAX_REPLY_LINES) state.replyLines.push(text(d, s, e));
    return null;
  }
  if (!valid) {
    if (!state.confirmed) return reject('ftp.malformed_reply');
    sink.anomaly('ftp.malformed_reply', detail(d, s, e));
    return null;
  }
  const rest = e - s > 4 ? text(d, s + 4, e) : '';
  if (d[s + 3] === 0x2d) {
    state.replyCode = code;
    state.replyFirst = rest;
    state.replyLines = [];
    state.replyLineCount = 1;
    return null;
  }
  state.replyFirst = rest;
  state.replyLineCount = 0;
  finish(state, code, rest, sink);
  return null;
}

/** A complete reply: pair it, derive what it tells, emit. */
function finish(state: FtpState, code: number, last: string, sink: DecodeSink): void {
  confirm(state, sink);
  // A preliminary (1yz) reply leaves the command waiting for its completion reply ([RFC959] 4.2).
  const cmd = code < 200 ? state.pending[0] : state.pending.shift();
  const f: FtpFields = { code, text: last };
  if (cmd !== undefined) {
    f.command = cmd.command;
    if (cmd.arg !== undefined) f.arg = cmd.arg;
  }
  const multi = state.replyLineCount > 0;
  if (multi) {
    f.line_count = state.replyLineCount + 1;
    f.lines = state.replyLines;
  }
  const verb = cmd?.command;
  if (cmd === undefined && code === Reply.READY) {
    f.banner = state.replyFirst;
    const m = SOFTWARE_RE.exec(state.replyFirst);
    if (m !== null) {
      const name = (m[1] as string).toLowerCase() === 'wu-' ? 'wu-ftpd' : (m[1] as string);
      f.software = m[2] !== undefined ? `${name} ${m[2].replace(/\.$/, '')}` : name;
    }
  }
  if (verb === 'FEAT' && code === Reply.STATUS && multi) {
    f.features = state.replyLines.map((l) => l.trim()).filter((l) => l !== '');
  } else if (verb === 'SYST' && code === Reply.SYSTEM) {
    f.system = last;
  } else if (code === 257) {
    const q = quoted(state.replyFirst);
    if (q !== undefined) f.path = q;
  } else if (code === Reply.PASV || code === Reply.EPSV) {
    const ok = code === Reply.PASV ? hostPort(f, last) : epsv(f, last);
    if (ok) f.data_mode = 'passive';
    else sink.anomaly('ftp.malformed_data_address', last.slice(0, 64));
  }
  const login =
    (verb === 'PASS' || verb === 'USER' || verb === 'ACCT') &&
    (code === Reply.LOGGED_IN || code === 202 || code >= 400);
  if (login || verb === 'USER') f.user = state.user;
  emit(sink, 'ftp.reply', f);
  if (login) {
    emit(sink, 'ftp.login', {
      user: state.user,
      success: code < 400,
      anonymous: ANONYMOUS_USERS.has(state.user.toLowerCase()),
      code,
    });
  }
  if (verb === 'AUTH' && (code === Reply.AUTH_OK || code === Reply.AUTH_OK_ADAT)) {
    state.tls = true;
    emit(sink, 'ftp.tls_start', { mechanism: (cmd?.arg ?? '').toUpperCase(), code });
  }
}

/** The path of a 257 reply: text between the first quote and its closing one, `""` for `"`. */
function quoted(t: string): string | undefined {
  const o = t.indexOf('"');
  if (o < 0) return undefined;
  let out = '';
  for (let i = o + 1; i < t.length; i++) {
    const c = t.charAt(i);
    if (c !== '"') out += c;
    else if (t.charAt(i + 1) === '"') {
      out += '"';
      i++;
    } else return out;
  }
  return undefined;
}
