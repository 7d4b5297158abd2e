// FTP golden scenarios: real pyftpdlib sessions driven by curl and lftp (logins, passive and
// active data connections, FEAT, file operations), a hostile session (bounce, SITE EXEC, long
// and binary lines), AUTH TLS, FTP on port 2121, and HTTP / SMTP that are not FTP, through the
// built CLI, event for event against the reviewed expected.jsonl.
import { describe, expect, it } from 'vitest';
import {
  goldenBasics,
  goldenScenarios,
  runGolden,
  scenarioNamed,
  type GoldenScenario,
} from '../../helpers/golden.js';

interface Line {
  kind: string;
  anomaly?: { name: string };
  ftp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('ftp');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['ftp'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const of = (events: Line[], kind: string): Record<string, unknown>[] =>
  events.filter((e) => e.kind === kind).map((e) => e.ftp ?? {});

describe('FTP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: ten sessions, logins, data connections in all four modes, file operations', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(of(events, 'ftp.login').map((l) => [l.user, l.success, l.anonymous])).toEqual([
      ['alice', true, false],
      ['alice', true, false],
      ['alice', true, false],
      ['alice', true, false],
      ['anonymous', true, true],
      ['alice', false, false],
      ['alice', true, false],
      ['alice', true, false],
      ['anonymous', true, true],
    ]);
    const modes = [...of(events, 'ftp.request'), ...of(events, 'ftp.reply')]
      .filter((f) => f.data_mode !== undefined)
      .map((f) => `${f.command as string}:${f.data_mode as string}`);
    expect(new Set(modes)).toEqual(
      new Set(['EPSV:passive', 'PASV:passive', 'EPRT:active', 'PORT:active']),
    );
    const files = of(events, 'ftp.request')
      .filter((f) =>
        ['RETR', 'STOR', 'MKD', 'RNFR', 'RNTO', 'DELE', 'RMD', 'SITE'].includes(
          f.command as string,
        ),
      )
      .map((f) => `${f.command as string} ${f.arg as string}`);
    expect(files).toEqual([
      'RETR readme.txt',
      'STOR up.txt',
      'RETR readme.txt',
      'RETR pub.txt',
      'MKD newdir',
      'RNFR up.txt',
      'RNTO moved.txt',
      'DELE moved.txt',
      'RMD newdir',
      'SITE CHMOD 644 readme.txt',
      'RETR pub.txt',
    ]);
    const names = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    // Eight PASS for alice (anonymous is not a credential); the AUTH SSL session's is encrypted.
    expect(names).toEqual(Array<string>(8).fill('ftp.cleartext_credentials'));
    expect(JSON.stringify(events)).not.toContain('secret');
    const feat = of(events, 'ftp.reply').find((f) => f.features !== undefined);
    expect(feat?.features).toContain('EPSV');
    expect(of(events, 'ftp.reply').find((f) => f.system !== undefined)?.system).toBe(
      'UNIX Type: L8',
    );
  });

  it('malformed: bounce, SITE EXEC, unknown and binary verbs, an over-long line are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'ftp.cleartext_credentials',
      'ftp.bounce',
      'ftp.bounce',
      'ftp.site_exec',
      'ftp.unknown_command',
      'ftp.malformed_command',
      'ftp.line_too_long',
      'ftp.malformed_data_address',
    ]);
    expect(of(events, 'ftp.request').at(-1)?.command).toBe('QUIT');
  });

  it('normal (auth-tls session): decoding stops at the 234 reply', () => {
    const events = parse(run(scenario('normal')).actual);
    const i = events.findIndex((e) => e.kind === 'ftp.tls_start');
    expect(events[i]?.ftp).toEqual({ mechanism: 'SSL', code: 234 });
    expect(events[i - 1]?.ftp).toMatchObject({ code: 234, command: 'AUTH', arg: 'SSL' });
    // Nothing more from that flow: the rest is TLS.
    const flow = (events[i] as Line & { flow: string }).flow;
    const after = events.slice(i + 1) as (Line & { flow: string })[];
    expect(after.filter((e) => e.flow === flow)).toEqual([]);
  });

  it('normal (off-port sessions): FTP on TCP 2121 is recognised by its greeting', () => {
    const lines = run(scenario('normal')).actual.map(
      (l) => JSON.parse(l) as Line & { dst_port: number; src_port: number },
    );
    const offPort = lines.filter((e) => e.src_port === 2121 || e.dst_port === 2121);
    // The second session's 530 came 3 s later, after the capture ended: a PASS, no outcome.
    expect(of(offPort, 'ftp.login').map((l) => [l.user, l.success])).toEqual([['anonymous', true]]);
    expect(offPort.at(-1)?.anomaly?.name).toBe('ftp.cleartext_credentials');
  });

  it('negative: HTTP on port 21 and an SMTP greeting on 2525 are not taken for FTP', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
