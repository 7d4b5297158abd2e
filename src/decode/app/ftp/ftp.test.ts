/** FTP decoder: commands, replies and their pairing, logins, data addresses, TLS, anomalies. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { FtpEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { ftpDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;
const enc = new TextEncoder();
const line = (s: string): Uint8Array => enc.encode(`${s}\r\n`);

class Sink implements DecodeSink {
  events: FtpEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirmed = 0;
  constructor(private readonly client = '') {}
  emit(e: AppEvent): void {
    this.events.push(e as FtpEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {
    this.confirmed++;
  }
  peerAddress(dir: Direction): string {
    return dir === Direction.TO_SERVER ? this.client : '';
  }
}

function session(client = '') {
  const state = ftpDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink(client);
  return {
    state,
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => ftpDecoder.parse(state, b, dir, sink),
    kinds: (): string[] => sink.events.map((e) => e.kind),
  };
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

describe('probe', () => {
  it('matches a greeting naming FTP and FTP-only verbs', () => {
    expect(ftpDecoder.probe(fx('greeting'), S)).toBe('match');
    expect(ftpDecoder.probe(line('220 (vsFTPd 3.0.3)'), S)).toBe('match');
    expect(ftpDecoder.probe(line('EPSV'), C)).toBe('match');
    expect(ftpDecoder.probe(line('PORT 10,0,0,1,4,1'), C)).toBe('match');
  });
  it('is not sure of replies and verbs other protocols share', () => {
    expect(ftpDecoder.probe(line('220 mail.example.org ESMTP Postfix'), S)).toBe('need_more');
    expect(ftpDecoder.probe(line('331 Password required'), S)).toBe('need_more');
    expect(ftpDecoder.probe(line('USER alice'), C)).toBe('need_more');
    expect(ftpDecoder.probe(enc.encode('FE'), C)).toBe('need_more');
  });
  it('refuses what is not FTP', () => {
    expect(ftpDecoder.probe(line('GET / HTTP/1.1'), C)).toBe('no_match');
    expect(ftpDecoder.probe(line('SSH-2.0-OpenSSH_9.2'), S)).toBe('no_match');
    expect(ftpDecoder.probe(line('+OK POP3 ready'), S)).toBe('no_match');
    expect(ftpDecoder.probe(hex('160301'), C)).toBe('no_match');
  });
});

describe('login', () => {
  it('pairs USER/PASS with 331/230, masks the password, flags it, reports the login', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, fx('user'));
    t.parse(S, fx('user-ok'));
    t.parse(C, fx('pass'));
    t.parse(S, fx('logged-in'));
    expect(t.kinds()).toEqual([
      'ftp.reply',
      'ftp.request',
      'ftp.reply',
      'ftp.request',
      'ftp.reply',
      'ftp.login',
    ]);
    const [greet, , userOk, pass, ok, login] = t.sink.events;
    expect(greet?.ftp).toEqual({
      code: 220,
      text: 'pyftpdlib 1.5.7 FTP server ready.',
      banner: 'pyftpdlib 1.5.7 FTP server ready.',
      software: 'pyftpdlib 1.5.7',
    });
    expect(userOk?.ftp).toMatchObject({ code: 331, command: 'USER', arg: 'alice', user: 'alice' });
    expect(pass?.ftp).toEqual({
      command: 'PASS',
      category: 'access',
      arg: '****',
      password_present: true,
      user: 'alice',
    });
    expect(JSON.stringify(t.sink.events)).not.toContain('secret');
    expect(ok?.ftp).toMatchObject({ code: 230, command: 'PASS' });
    expect(login?.ftp).toEqual({ user: 'alice', success: true, anonymous: false, code: 230 });
    expect(t.sink.anomalies).toEqual(['ftp.cleartext_credentials']);
    expect(t.sink.details).toEqual(['user alice']);
    expect(t.sink.confirmed).toBe(1);
  });

  it('reports a failed login on 530 and an anonymous one without the credential anomaly', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, line('USER alice'));
    t.parse(S, line('331 Username ok, send password.'));
    t.parse(C, line('PASS wrong'));
    t.parse(S, line('530 Authentication failed.'));
    t.parse(C, line('USER anonymous'));
    t.parse(S, line('331 Username ok, send password.'));
    t.parse(C, line('PASS ftp@example.com'));
    t.parse(S, line('230 Login successful.'));
    const logins = t.sink.events.filter((e) => e.kind === 'ftp.login').map((e) => e.ftp);
    expect(logins).toEqual([
      { user: 'alice', success: false, anonymous: false, code: 530 },
      { user: 'anonymous', success: true, anonymous: true, code: 230 },
    ]);
    expect(t.sink.anomalies).toEqual(['ftp.cleartext_credentials']);
  });
});

describe('replies', () => {
  it.each([
    ['220 (vsFTPd 3.0.3)', 'vsFTPd 3.0.3'],
    ['220 ProFTPD 1.3.5e Server (Debian) [::ffff:10.0.0.1]', 'ProFTPD 1.3.5e'],
    ['220 Microsoft FTP Service', 'Microsoft FTP Service'],
    ['220 ftp.example FTP server (Version wu-2.6.2(1) Mon Jan 1) ready.', 'wu-ftpd 2.6.2(1)'],
    ['220 Operation successful', undefined],
  ])('names the server software of the greeting %s', (greeting, software) => {
    const t = session();
    t.parse(S, line(greeting));
    expect(t.sink.events[0]?.ftp.software).toBe(software);
  });

  it('assembles a multi-line FEAT reply into one event with its features', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, fx('feat'));
    t.parse(S, fx('feat-reply'));
    const r = t.sink.events[2]?.ftp;
    expect(r).toMatchObject({ code: 211, text: 'End FEAT.', command: 'FEAT', line_count: 10 });
    expect(r?.features).toEqual([
      'EPRT',
      'EPSV',
      'MDTM',
      'MLST type*;perm*;size*;modify*;unique*;unix.mode;unix.uid;unix.gid;',
      'REST STREAM',
      'SIZE',
      'TVFS',
      'UTF8',
    ]);
  });

  it('keeps a command waiting across its 1yz preliminary reply', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, fx('stor'));
    t.parse(S, fx('stor-replies'));
    t.parse(C, line('NOOP'));
    t.parse(S, line('200 NOOP ok.'));
    const replies = t.sink.events.filter((e) => e.kind === 'ftp.reply').slice(1);
    expect(replies.map((e) => [e.ftp.code, e.ftp.command, e.ftp.arg])).toEqual([
      [125, 'STOR', 'up.txt'],
      [226, 'STOR', 'up.txt'],
      [200, 'NOOP', undefined],
    ]);
  });

  it('reads SYST, the 257 path with doubled quotes, PASV and EPSV addresses', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, line('SYST'));
    t.parse(S, line('215 UNIX Type: L8'));
    t.parse(C, line('MKD a"b'));
    t.parse(S, line('257 "/a""b" directory created.'));
    t.parse(C, fx('pasv'));
    t.parse(S, fx('pasv-reply'));
    t.parse(C, fx('epsv'));
    t.parse(S, fx('epsv-reply'));
    const r = t.sink.events.filter((e) => e.kind === 'ftp.reply').map((e) => e.ftp);
    expect(r[1]?.system).toBe('UNIX Type: L8');
    expect(r[2]?.path).toBe('/a"b');
    expect(r[3]).toMatchObject({ data_ip: '127.0.0.1', data_port: 50006, data_mode: 'passive' });
    expect(r[4]).toMatchObject({ data_port: 50002, data_mode: 'passive' });
    expect(r[4]?.data_ip).toBeUndefined();
  });
});

describe('data connections and the bounce', () => {
  it('reads PORT and EPRT; the client itself on a high port is no bounce', () => {
    const t = session('127.0.0.1');
    t.parse(S, fx('greeting'));
    t.parse(C, fx('port'));
    t.parse(C, line('EPRT |2|::1|45477|'));
    const [, port, eprt] = t.sink.events;
    expect(port?.ftp).toMatchObject({
      data_ip: '127.0.0.1',
      data_port: 45721,
      data_mode: 'active',
      bounce: false,
    });
    expect(eprt?.ftp).toMatchObject({ data_ip: '::1', data_port: 45477, bounce: false });
    expect(t.sink.anomalies).toEqual([]);
  });

  it('flags PORT to a third host or a privileged port', () => {
    const t = session('127.0.0.1');
    t.parse(S, fx('greeting'));
    t.parse(C, fx('port-bounce'));
    t.parse(C, line('EPRT |1|127.0.0.1|25|'));
    t.parse(C, line('EPRT |1|192.168.7.7|8080|'));
    expect(t.sink.anomalies).toEqual(['ftp.bounce', 'ftp.bounce', 'ftp.bounce']);
    expect(t.sink.details).toEqual(['10.0.0.99:25', '127.0.0.1:25', '192.168.7.7:8080']);
  });

  it('names unreadable data addresses', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, line('PORT 999,1,2'));
    t.parse(C, line('EPRT |9|x|1|'));
    t.parse(S, line('227 Entering passive mode.'));
    expect(t.sink.anomalies).toEqual([
      'ftp.malformed_data_address',
      'ftp.malformed_data_address',
      'ftp.malformed_data_address',
    ]);
  });
});

describe('AUTH TLS', () => {
  it('stops parsing after 234: the rest of both directions is TLS', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, fx('auth-tls'));
    t.parse(S, concatBytes(fx('auth-tls-ok'), hex('160303002a02')));
    t.parse(C, fx('tls-client-hello'));
    t.parse(C, line('USER hidden'));
    expect(t.kinds()).toEqual(['ftp.reply', 'ftp.request', 'ftp.reply', 'ftp.tls_start']);
    expect(t.sink.events[3]?.ftp).toEqual({ mechanism: 'TLS', code: 234 });
    expect(t.sink.anomalies).toEqual([]);
  });
});

describe('malformed input', () => {
  it('names an unknown verb, a binary verb, an over-long line, and goes on', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    t.parse(C, fx('unknown-verb'));
    t.parse(C, fx('binary-verb'));
    t.parse(C, concatBytes(fx('line-too-long'), line('CWD /')));
    t.parse(C, line('SITE EXEC /bin/sh -c id'));
    expect(t.sink.anomalies).toEqual([
      'ftp.unknown_command',
      'ftp.malformed_command',
      'ftp.line_too_long',
      'ftp.site_exec',
    ]);
    const cmds = t.sink.events.filter((e) => e.kind === 'ftp.request').map((e) => e.ftp.command);
    expect(cmds).toEqual(['XYZZ', 'CWD', 'SITE']);
  });

  it('rejects a flow that starts with something else', () => {
    const t = session();
    expect(t.parse(C, line('GET / HTTP/1.1'))).toEqual({
      kind: 'reject',
      anomaly: 'ftp.unknown_command',
    });
    const u = session();
    expect(u.parse(S, line('HTTP/1.0 200 OK'))).toEqual({
      kind: 'reject',
      anomaly: 'ftp.malformed_reply',
    });
  });

  it('asks for the rest of a partial line, and skips IAC IP / DM before ABOR', () => {
    const t = session();
    expect(t.parse(S, enc.encode('220 FTP'))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 8,
    });
    t.parse(S, fx('greeting'));
    t.parse(C, concatBytes(hex('fff4fff2'), line('ABOR')));
    expect(t.sink.events[1]?.ftp.command).toBe('ABOR');
  });

  it('forgets the oldest of more than 32 unanswered commands', () => {
    const t = session();
    t.parse(S, fx('greeting'));
    for (let i = 0; i < 33; i++) t.parse(C, line('NOOP'));
    expect(t.sink.anomalies).toEqual(['ftp.too_many_pending']);
    expect(t.state.pending).toHaveLength(32);
  });
});
