/**
 * Telnet parser: IAC commands and option negotiation summarised per burst, subnegotiations
 * decoded (terminal type, window size, speed, X display, environment with the USER variable,
 * authentication), and the login dialogue followed in the data: the server's prompts and
 * outcome from its recent text, the client's keystrokes assembled into lines.
 *
 * References: see constants.ts ([RFC854], [RFC855] and the option RFCs).
 *
 * ```
 *  IAC WILL|WONT|DO|DONT option          ff fb 01       (WILL ECHO)
 *  IAC SB option ... IAC SE              ff fa 18 00 58 54 45 52 4d ff f0   (TTYPE IS "XTERM")
 *  IAC command                           ff f6          (AYT)
 *  data, with a data byte 255 sent as IAC IAC
 * ```
 *
 * Framing policy. Telnet has no length fields: every byte is read once through a per-direction
 * state machine, so any chunking (clients often send one keystroke per segment) gives the same
 * events and nothing is buffered by the pipeline. A subnegotiation keeps 512 bytes at most
 * (`telnet.subnegotiation_too_long`); a client line 256 (the rest is counted); the server's
 * text only its last 96 bytes, to match prompts (`login:`, `username:`, `password:`, case
 * insensitive) and outcomes (`Login incorrect`, a shell prompt, `Last login`).
 *
 * Quirks. Prompts and outcomes are recognised from text, as a person would: a server that
 * words them otherwise gives command events instead of login events. The password line is
 * never kept (only that there was one). Erase characters (BS, DEL, IAC EC) edit the line.
 */
import { Direction, OK } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  COMMAND_NAMES,
  Cmd,
  MIN_COMMAND,
  OPTION_NAMES,
  Opt,
  TELNET,
  optionName,
} from './constants.js';
import type { TelnetEvent, TelnetEventKind, TelnetFields } from './events.js';

/** Byte-level states of one direction. */
const S = { DATA: 0, IAC: 1, NEG: 2, SB_OPT: 3, SB_DATA: 4, SB_IAC: 5 } as const;
type S = (typeof S)[keyof typeof S];

/** Where the login dialogue is. */
const Login = { NONE: 0, USER: 1, PASS: 2, RESULT: 3, SHELL: 4 } as const;
type Login = (typeof Login)[keyof typeof Login];

/** Per-direction state. */
class Side {
  st: S = S.DATA;
  /** The negotiation command (WILL..DONT) waiting for its option byte. */
  neg = 0;
  /** Subnegotiation: option, bytes kept, and whether it overflowed. */
  sbOpt = 0;
  sbLen = 0;
  sbOver = false;
  sb: Uint8Array | null = null;
  /** The burst being summarised (null when none). */
  burst: TelnetFields | null = null;
  /** A CR was the last data byte (CR LF and CR NUL end one line). */
  lastCr = false;
  /** This side sent START-TLS FOLLOWS. */
  tlsFollows = false;
}

/** Per-flow Telnet state. */
export class TelnetState {
  readonly limits: DecoderLimits;
  confirmed = false;
  readonly sides: [Side, Side] = [new Side(), new Side()];
  login: Login = Login.NONE;
  /** The user name typed at the login prompt, or sent as NEW-ENVIRON USER. */
  user = '';
  /** Client line being typed. */
  readonly line = new Uint8Array(TELNET.MAX_LINE);
  lineLen = 0;
  lineOver = false;
  /** Last bytes of the server's text, lower case (a ring would save little: 96 bytes). */
  readonly tail = new Uint8Array(TELNET.MAX_SERVER_TAIL);
  tailLen = 0;
  commands = 0;
  /** Both sides sent START-TLS FOLLOWS: the rest of the connection is TLS. */
  tls = false;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createTelnetState(limits: DecoderLimits): TelnetState {
  return new TelnetState(limits);
}

/** A capture gap: the byte state is unknown, so the direction restarts in data mode. */
export function onTelnetGap(state: TelnetState, dir: Direction): void {
  const s = state.sides[dir];
  s.st = S.DATA;
  s.burst = null;
  if (dir === Direction.TO_SERVER) {
    state.lineLen = 0;
    state.lineOver = false;
  } else state.tailLen = 0;
}

/**
 * Says whether the first bytes of a direction are Telnet: IAC, then WILL/WONT/DO/DONT or SB,
 * then an assigned option. Servers (and most clients) open with such a negotiation; a session
 * that starts with plain text cannot be told from other text protocols and is not claimed.
 */
export function probeTelnet(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] !== Cmd.IAC) return 'no_match';
  if (n < 2) return 'need_more';
  const c = data[1] as number;
  if (c < Cmd.SB || c === Cmd.IAC) return 'no_match';
  if (n < 3) return 'need_more';
  return OPTION_NAMES.has(data[2] as number) ? 'match' : 'no_match';
}

function emit(sink: DecodeSink, kind: TelnetEventKind, telnet: TelnetFields): void {
  const e: TelnetEvent = { kind, telnet };
  sink.emit(e);
}

function burstOf(s: Side): TelnetFields {
  if (s.burst === null) s.burst = { command_count: 0 };
  return s.burst;
}

function push(
  f: TelnetFields,
  key: 'will' | 'wont' | 'do' | 'dont' | 'subnegotiations' | 'commands',
  v: string,
): void {
  const a = f[key];
  if (a === undefined) f[key] = [v];
  else a.push(v);
}

/** Ends the burst of `s`: one negotiation event. */
function flush(s: Side, sink: DecodeSink): void {
  const b = s.burst;
  if (b === null) return;
  s.burst = null;
  emit(sink, 'telnet.negotiation', b);
}

/** Counts a command into the burst; flushes at the cap. */
function counted(state: TelnetState, s: Side, sink: DecodeSink): void {
  const b = burstOf(s);
  b.command_count = (b.command_count ?? 0) + 1;
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  if ((b.command_count ?? 0) >= TELNET.MAX_BURST) flush(s, sink);
}

/** Decodes the next bytes of one direction. */
export function parseTelnet(
  state: TelnetState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  if (state.tls) return OK;
  const s = state.sides[dir];
  const n = data.length;
  for (let i = 0; i < n && !state.tls; i++) {
    const b = data[i] as number;
    switch (s.st) {
      case S.DATA:
        if (b === Cmd.IAC) s.st = S.IAC;
        else dataByte(state, s, b, dir, sink);
        break;
      case S.IAC:
        s.st = S.DATA;
        if (b === Cmd.IAC) dataByte(state, s, b, dir, sink);
        else if (b >= Cmd.WILL) {
          s.neg = b;
          s.st = S.NEG;
        } else if (b === Cmd.SB) s.st = S.SB_OPT;
        else if (b >= MIN_COMMAND) {
          push(burstOf(s), 'commands', COMMAND_NAMES.get(b) as string);
          counted(state, s, sink);
          if (b === Cmd.EC && dir === Direction.TO_SERVER && state.lineLen > 0) state.lineLen--;
          else if (b === Cmd.EL && dir === Direction.TO_SERVER) state.lineLen = 0;
        } else {
          sink.anomaly('telnet.malformed_command', `IAC followed by ${b}`);
        }
        break;
      case S.NEG: {
        const f = burstOf(s);
        const name = optionName(b);
        push(
          f,
          s.neg === Cmd.WILL
            ? 'will'
            : s.neg === Cmd.WONT
              ? 'wont'
              : s.neg === Cmd.DO
                ? 'do'
                : 'dont',
          name,
        );
        s.st = S.DATA;
        counted(state, s, sink);
        break;
      }
      case S.SB_OPT:
        s.sbOpt = b;
        s.sbLen = 0;
        s.sbOver = false;
        s.st = S.SB_DATA;
        break;
      case S.SB_DATA:
        if (b === Cmd.IAC) s.st = S.SB_IAC;
        else sbByte(s, b);
        break;
      default: // S.SB_IAC
        if (b === Cmd.IAC) {
          sbByte(s, b);
          s.st = S.SB_DATA;
        } else if (b === Cmd.SE) {
          s.st = S.DATA;
          subnegotiation(state, s, sink);
        } else {
          // [RFC855]: inside SB a data 255 is doubled; IAC then anything but SE or IAC is broken.
          sink.anomaly('telnet.malformed_subnegotiation', `IAC ${b} inside SB ${s.sbOpt}`);
          subnegotiation(state, s, sink);
          s.st = S.IAC;
          i--; // the byte is read again as the command after IAC
        }
    }
  }
  return OK;
}

function sbByte(s: Side, b: number): void {
  if (s.sbLen >= TELNET.MAX_SB) {
    s.sbOver = true;
    return;
  }
  if (s.sb === null) s.sb = new Uint8Array(TELNET.MAX_SB);
  s.sb[s.sbLen++] = b;
}

function latin1(d: Uint8Array, start: number, end: number): string {
  let out = '';
  const e = Math.min(end, start + TELNET.MAX_TEXT);
  for (let i = start; i < e; i++) out += String.fromCharCode(d[i] as number);
  return out;
}

/** A complete subnegotiation of side `s`: decoded into the burst. */
function subnegotiation(state: TelnetState, s: Side, sink: DecodeSink): void {
  const f = burstOf(s);
  const opt = s.sbOpt;
  push(f, 'subnegotiations', optionName(opt));
  counted(state, s, sink);
  if (s.sbOver)
    sink.anomaly(
      'telnet.subnegotiation_too_long',
      `SB ${optionName(opt)} over ${TELNET.MAX_SB} bytes`,
    );
  const d = s.sb;
  const len = s.sbLen;
  if (d === null || len === 0) return;
  const sub = d[0] as number;
  switch (opt) {
    case Opt.TTYPE:
      if (sub === 0) f.terminal_type = latin1(d, 1, len);
      break;
    case Opt.NAWS:
      if (len !== 4) {
        sink.anomaly('telnet.malformed_subnegotiation', `NAWS of ${len} bytes`);
        break;
      }
      f.window_width = ((d[0] as number) << 8) | (d[1] as number);
      f.window_height = ((d[2] as number) << 8) | (d[3] as number);
      break;
    case Opt.TSPEED:
      if (sub === 0) f.terminal_speed = latin1(d, 1, len);
      break;
    case Opt.XDISPLOC:
      if (sub === 0) f.x_display = latin1(d, 1, len);
      break;
    case Opt.ENVIRON:
    case Opt.NEW_ENVIRON:
      if (sub === 0 || sub === 2) environ(state, f, d, len);
      break;
    case Opt.START_TLS:
      // FOLLOWS (1) from both sides: TLS starts right after the client's (draft-altman-telnet-
      // starttls 2); what follows is not Telnet any more, so both bursts end here.
      if (sub === 1) {
        s.tlsFollows = true;
        const [a, b] = state.sides;
        if (a.tlsFollows && b.tlsFollows) {
          state.tls = true;
          flush(b, sink);
          flush(a, sink);
        }
      }
      break;
    case Opt.AUTHENTICATION: {
      const names = ['is', 'send', 'reply', 'name'];
      f.auth_command = names[sub] ?? `auth_${sub}`;
      if (sub === 3) f.auth_name = latin1(d, 1, len);
      break;
    }
    default:
  }
}

/**
 * NEW-ENVIRON IS/INFO: `VAR|USERVAR name [VALUE value]`... with ESC quoting ([RFC1572] 4);
 * the old ENVIRON ([RFC1408]) has the same layout (some implementations swap VAR and VALUE,
 * which only changes which strings are names: USER is still found).
 */
function environ(state: TelnetState, f: TelnetFields, d: Uint8Array, len: number): void {
  let i = 1;
  const vars: string[] = [];
  while (i < len) {
    const type = d[i] as number;
    i++;
    if (type !== 0 && type !== 3) continue;
    let name = '';
    while (i < len && (d[i] as number) > 3) {
      if (name.length < TELNET.MAX_TEXT) name += String.fromCharCode(d[i] as number);
      i++;
    }
    let value: string | undefined;
    if (i < len && d[i] === 1) {
      i++;
      value = '';
      while (i < len && ((d[i] as number) > 3 || d[i] === 2)) {
        if (d[i] === 2 && i + 1 < len) i++; // ESC: the next byte is literal
        if (value.length < TELNET.MAX_TEXT) value += String.fromCharCode(d[i] as number);
        i++;
      }
    }
    if (vars.length < TELNET.MAX_VARS) vars.push(name);
    if (name === 'USER' && value !== undefined && value !== '') {
      f.env_user = value;
      state.user = value;
    }
  }
  if (vars.length > 0) f.env_vars = vars;
}

/** One data byte of direction `dir` (after IAC unescaping). */
function dataByte(state: TelnetState, s: Side, b: number, dir: Direction, sink: DecodeSink): void {
  if (s.burst !== null) flush(s, sink);
  if (dir === Direction.TO_SERVER) clientByte(state, s, b, sink);
  else serverByte(state, b, sink);
}

function clientByte(state: TelnetState, s: Side, b: number, sink: DecodeSink): void {
  if (b === 0x0d || b === 0x0a) {
    // CR LF and CR NUL are one line end ([RFC854] NVT); a lone LF ends a line too.
    if (b === 0x0a && s.lastCr) {
      s.lastCr = false;
      return;
    }
    s.lastCr = b === 0x0d;
    clientLine(state, sink);
    return;
  }
  if (b === 0 && s.lastCr) {
    s.lastCr = false;
    return;
  }
  s.lastCr = false;
  if (b === 0x08 || b === 0x7f) {
    if (state.lineLen > 0) state.lineLen--;
    return;
  }
  if (b === 0x15) {
    state.lineLen = 0; // ^U: erase line
    return;
  }
  if (b < 0x20) return;
  if (state.lineLen < TELNET.MAX_LINE) state.line[state.lineLen++] = b;
  else state.lineOver = true;
}

const UTF8 = new TextDecoder('utf-8');

/** The client ended a line: user name, password, or command by where the dialogue is. */
function clientLine(state: TelnetState, sink: DecodeSink): void {
  const len = state.lineLen;
  const over = state.lineOver;
  state.lineLen = 0;
  state.lineOver = false;
  switch (state.login) {
    case Login.USER:
      // The password prompt comes next; an empty line only asks for a new login prompt.
      if (len > 0) state.user = UTF8.decode(state.line.subarray(0, len));
      return;
    case Login.PASS:
      state.login = Login.RESULT;
      emit(sink, 'telnet.login', { user: state.user, password_present: len > 0 });
      if (len > 0) sink.anomaly('telnet.cleartext_credentials', `user ${state.user}`);
      return;
    default:
  }
  if (len === 0) return;
  if (state.commands >= TELNET.MAX_COMMANDS) {
    if (state.commands === TELNET.MAX_COMMANDS) {
      state.commands++;
      sink.anomaly('telnet.too_many_commands', `more than ${TELNET.MAX_COMMANDS} command lines`);
    }
    return;
  }
  state.commands++;
  const f: TelnetFields = { line: UTF8.decode(state.line.subarray(0, len)) };
  if (over) f.truncated = true;
  emit(sink, 'telnet.command', f);
}

/** Lower-cased ASCII letter, other bytes as they are. */
const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

function endsWith(state: TelnetState, word: string): boolean {
  const t = state.tail;
  let k = state.tailLen;
  // Ignore trailing spaces (prompts are `login: `).
  while (k > 0 && t[k - 1] === 0x20) k--;
  if (k < word.length) return false;
  for (let j = 0; j < word.length; j++) {
    if (t[k - word.length + j] !== word.charCodeAt(j)) return false;
  }
  return true;
}

function contains(state: TelnetState, word: string): boolean {
  const t = state.tail;
  const m = word.length;
  for (let i = 0; i + m <= state.tailLen; i++) {
    let j = 0;
    while (j < m && t[i + j] === word.charCodeAt(j)) j++;
    if (j === m) return true;
  }
  return false;
}

/** The last line of the server's recent text (trailing CR LF dropped), printable ASCII only. */
function tailText(state: TelnetState): string {
  const t = state.tail;
  let e = state.tailLen;
  while (e > 0 && (t[e - 1] === 0x0a || t[e - 1] === 0x0d || t[e - 1] === 0x20)) e--;
  let b = e;
  while (b > 0 && t[b - 1] !== 0x0a) b--;
  let out = '';
  for (let i = b; i < e; i++) {
    const c = t[i] as number;
    if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
  }
  return out.trim();
}

function result(state: TelnetState, success: boolean, sink: DecodeSink): void {
  emit(sink, 'telnet.login_result', { user: state.user, success, evidence: tailText(state) });
  state.login = success ? Login.SHELL : Login.NONE;
}

/** One byte of server text: kept in the tail; prompts and outcomes checked at telling bytes. */
function serverByte(state: TelnetState, b: number, sink: DecodeSink): void {
  // Once logged in, the server's output says nothing more about the login.
  if (state.login === Login.SHELL) return;
  const t = state.tail;
  if (state.tailLen === t.length) {
    // Full: keep the newer half (enough for the longest word looked for), one move per 48 bytes.
    const half = t.length >> 1;
    t.copyWithin(0, half);
    state.tailLen -= half;
  }
  t[state.tailLen++] = lower(b);
  // Checks run only on the bytes that end what they look for: ':' ends prompts, LF ends
  // outcome lines, SP ends shell prompts.
  if (b === 0x3a) {
    if (endsWith(state, 'last login:')) {
      if (state.login === Login.RESULT) result(state, true, sink);
    } else if (endsWith(state, 'password:') || endsWith(state, 'passcode:')) {
      state.login = Login.PASS;
    } else if (
      endsWith(state, 'login:') ||
      endsWith(state, 'username:') ||
      endsWith(state, 'user name:')
    ) {
      // A new login prompt right after a password: that attempt failed.
      if (state.login === Login.RESULT) result(state, false, sink);
      state.login = Login.USER;
    }
  } else if (state.login === Login.RESULT) {
    if (b === 0x0a) {
      if (
        contains(state, 'incorrect') ||
        contains(state, 'fail') ||
        contains(state, 'denied') ||
        contains(state, 'invalid')
      ) {
        result(state, false, sink);
        state.tailLen = 0;
      } else if (contains(state, 'last login')) result(state, true, sink);
    } else if (b === 0x20 && state.tailLen >= 2) {
      // A shell prompt: `$ `, `# `, `> ` or `% `.
      const c = t[state.tailLen - 2];
      if (c === 0x24 || c === 0x23 || c === 0x3e || c === 0x25) result(state, true, sink);
    }
  }
  if (b === 0x0a && state.login !== Login.RESULT) state.tailLen = 0;
}
