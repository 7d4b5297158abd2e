/** Telnet decoder: negotiation bursts, subnegotiations, the login dialogue, commands, anomalies. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import type { TelnetEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { telnetDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

class Sink implements DecodeSink {
  events: TelnetEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirmed = 0;
  emit(e: AppEvent): void {
    this.events.push(e as TelnetEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {
    this.confirmed++;
  }
}

function session() {
  const state = telnetDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    state,
    sink,
    /** Feeds `b`, one byte per call when `bytewise` (interactive clients, one key a segment). */
    parse: (dir: Direction, b: Uint8Array, bytewise = false): void => {
      if (!bytewise) telnetDecoder.parse(state, b, dir, sink);
      else
        for (let i = 0; i < b.length; i++)
          telnetDecoder.parse(state, b.subarray(i, i + 1), dir, sink);
    },
    kinds: (): string[] => sink.events.map((e) => e.kind),
  };
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

/** The inetutils exchange of the fixtures, in order, each piece fed `bytewise` or whole. */
function conversation(bytewise: boolean) {
  const t = session();
  for (const f of fixtures.slice(0, 10)) t.parse(f.dir, f.bytes, bytewise);
  return t;
}

describe('probe', () => {
  it('matches an opening IAC negotiation of an assigned option', () => {
    expect(telnetDecoder.probe(fx('server-negotiation'), S)).toBe('match');
    expect(telnetDecoder.probe(hex('fffa18'), C)).toBe('match');
    expect(telnetDecoder.probe(hex('fffd'), S)).toBe('need_more');
  });
  it('refuses text, lone commands and unassigned options', () => {
    expect(telnetDecoder.probe(ascii('login: '), S)).toBe('no_match');
    expect(telnetDecoder.probe(hex('fff6'), C)).toBe('no_match');
    expect(telnetDecoder.probe(hex('fffdc8'), S)).toBe('no_match');
    expect(telnetDecoder.probe(hex('ffff00'), S)).toBe('no_match');
  });
});

describe('negotiation', () => {
  it('summarises each burst in one event, with the values of the subnegotiations', () => {
    const t = conversation(false);
    const neg = t.sink.events.filter((e) => e.kind === 'telnet.negotiation').map((e) => e.telnet);
    expect(neg).toEqual([
      {
        command_count: 10,
        will: ['authentication', 'encryption'],
        do: ['terminal_type', 'terminal_speed', 'x_display_location', 'new_environ', 'environment'],
        subnegotiations: ['terminal_speed', 'new_environ', 'terminal_type'],
      },
      {
        command_count: 12,
        do: ['authentication', 'encryption'],
        subnegotiations: ['encryption', 'terminal_speed', 'new_environ', 'terminal_type', 'naws'],
        will: ['terminal_type', 'terminal_speed', 'new_environ'],
        wont: ['x_display_location', 'environment'],
        terminal_speed: '38400,38400',
        env_user: 'alice',
        env_vars: ['USER'],
        terminal_type: 'XTERM',
        window_width: 80,
        window_height: 24,
      },
    ]);
    expect(t.sink.confirmed).toBe(1);
  });

  it('gives the same events fed one byte at a time', () => {
    expect(conversation(true).sink.events).toEqual(conversation(false).sink.events);
  });

  it('cuts a burst of more than 64 commands', () => {
    const t = session();
    t.parse(S, hex('fffb01'.repeat(70)));
    t.parse(S, ascii('x'));
    expect(t.sink.events.map((e) => e.telnet.command_count)).toEqual([64, 6]);
  });

  it('reads IAC IAC as a data byte 255 and other commands by name', () => {
    const t = session();
    t.parse(C, concatBytes(hex('fff4'), hex('fff6'), ascii('a'), hex('ffff'), hex('0d0a')));
    expect(t.sink.events[0]?.telnet.commands).toEqual(['interrupt_process', 'are_you_there']);
    // Lines are read as UTF-8: the lone data byte 255 is no character there.
    expect(t.sink.events[1]?.telnet.line).toBe('a\ufffd');
  });
});

describe('login dialogue', () => {
  it('captures the user, masks the password, sees the shell prompt, then reports commands', () => {
    const t = conversation(true);
    const rest = t.sink.events.filter((e) => e.kind !== 'telnet.negotiation');
    expect(rest).toEqual([
      { kind: 'telnet.login', telnet: { user: 'alice', password_present: true } },
      {
        kind: 'telnet.login_result',
        telnet: { user: 'alice', success: true, evidence: 'last login:' },
      },
      { kind: 'telnet.command', telnet: { line: 'id' } },
    ]);
    expect(JSON.stringify(t.sink.events)).not.toContain('Secr3t');
    expect(t.sink.anomalies).toEqual(['telnet.cleartext_credentials']);
    expect(t.sink.details).toEqual(['user alice']);
  });

  it('reports a failed attempt on Login incorrect and the next prompt starts over', () => {
    const t = session();
    t.parse(S, ascii('vm login: '));
    t.parse(C, ascii('root\r\n'), true);
    t.parse(S, ascii('Password: '));
    t.parse(C, ascii('toor\r\n'), true);
    t.parse(S, ascii('\r\n\r\nLogin incorrect\r\nvm login: '));
    t.parse(C, ascii('admin\r\n'));
    t.parse(S, ascii('Password: '));
    t.parse(C, ascii('admin\r\n'));
    t.parse(S, ascii('\r\nvm login: '));
    expect(t.sink.events).toEqual([
      { kind: 'telnet.login', telnet: { user: 'root', password_present: true } },
      {
        kind: 'telnet.login_result',
        telnet: { user: 'root', success: false, evidence: 'login incorrect' },
      },
      { kind: 'telnet.login', telnet: { user: 'admin', password_present: true } },
      {
        kind: 'telnet.login_result',
        telnet: { user: 'admin', success: false, evidence: 'vm login:' },
      },
    ]);
  });

  it('caps command lines per flow and their length', () => {
    const t = session();
    t.parse(C, ascii(`${'x'.repeat(300)}\r\n`));
    for (let i = 0; i < 256; i++) t.parse(C, ascii('ls\r\n'));
    const cmds = t.sink.events.filter((e) => e.kind === 'telnet.command');
    expect(cmds).toHaveLength(256);
    expect(cmds[0]?.telnet).toEqual({ line: 'x'.repeat(256), truncated: true });
    expect(t.sink.anomalies).toEqual(['telnet.too_many_commands']);
  });
});

describe('START-TLS', () => {
  it('ends both bursts and stops decoding once both sides sent FOLLOWS', () => {
    const t = session();
    t.parse(S, hex('fffd2e')); // IAC DO START_TLS
    t.parse(C, hex('fffb2e')); // IAC WILL START_TLS
    t.parse(S, hex('fffa2e01fff0')); // IAC SB START_TLS FOLLOWS IAC SE
    t.parse(C, concatBytes(hex('fffa2e01fff0'), hex('160301020001'), ascii('not telnet\r\n')));
    t.parse(S, hex('160303007a02'));
    expect(
      t.sink.events.map((e) => [e.telnet.do, e.telnet.will, e.telnet.subnegotiations]),
    ).toEqual([
      [['start_tls'], undefined, ['start_tls']],
      [undefined, ['start_tls'], ['start_tls']],
    ]);
    expect(t.sink.anomalies).toEqual([]);
  });
});

describe('malformed input', () => {
  it('names IAC without a command, bad NAWS, over-long and unterminated subnegotiations', () => {
    const t = session();
    t.parse(C, fx('iac-non-command'));
    t.parse(C, fx('naws-wrong-length'));
    t.parse(C, fx('subnegotiation-too-long'));
    t.parse(C, fx('iac-inside-subnegotiation'));
    expect(t.sink.anomalies).toEqual([
      'telnet.malformed_command',
      'telnet.malformed_subnegotiation',
      'telnet.subnegotiation_too_long',
      'telnet.malformed_subnegotiation',
      'telnet.malformed_command',
    ]);
    t.parse(C, ascii('z'));
    const neg = t.sink.events[0]?.telnet;
    expect(neg?.subnegotiations).toEqual(['naws', 'terminal_type', 'terminal_type']);
    expect(neg?.terminal_type).toBe('vt100');
  });
});
