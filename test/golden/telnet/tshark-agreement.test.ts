// Telnet against tshark. We summarise a negotiation burst in one event at its end (the next data
// byte), where Wireshark shows each segment's commands, so the comparison is per flow and
// direction rather than per frame: the multiset of (command, option) pairs, the terminal type
// and speed strings, and the window sizes (docs/fidelity-telnet.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/pipeline/analyze.js';
import { OPTION_NAMES } from '../../../src/decode/app/telnet/constants.js';
import { REQUIRE, haveTool } from '../../helpers/shared.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CMD: Record<number, string> = { 251: 'will', 252: 'wont', 253: 'do', 254: 'dont', 250: 'sb' };
const TTYPE = 24;

/** Per `srcport>dstport`: sorted `cmd:option` pairs, strings, window sizes. */
type Summary = Map<string, { pairs: string[]; strings: string[]; naws: string[] }>;

function entry(m: Summary, key: string): { pairs: string[]; strings: string[]; naws: string[] } {
  let e = m.get(key);
  if (!e) m.set(key, (e = { pairs: [], strings: [], naws: [] }));
  return e;
}

/** Wireshark dissects only TCP 23 as Telnet: the malformed capture is on 2323. */
function theirs(capture: string): Summary {
  const out = spawnSync(
    'tshark',
    [
      '-n',
      '-r',
      capture,
      '-d',
      'tcp.port==2323,telnet',
      '-Y',
      'telnet',
      '-T',
      'fields',
      '-E',
      'occurrence=a',
      '-E',
      'aggregator=;',
    ]
      .concat(['-e', 'tcp.srcport', '-e', 'tcp.dstport', '-e', 'telnet.cmd', '-e', 'telnet.subcmd'])
      .concat(['-e', 'telnet.string_subopt.value', '-e', 'telnet.naws_subopt.width'])
      .concat(['-e', 'telnet.naws_subopt.height']),
    { encoding: 'utf8' },
  ).stdout;
  const m: Summary = new Map();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [sp, dp, cmds, subs, strs, w, h] = line.split('\t');
    const e = entry(m, `${sp}>${dp}`);
    const opts = (subs ?? '')
      .split(';')
      .filter((x) => x !== '')
      .map(Number);
    let k = 0;
    for (const c of (cmds ?? '')
      .split(';')
      .filter((x) => x !== '')
      .map(Number)) {
      const name = CMD[c];
      if (name === undefined) continue;
      const opt = opts[k++] as number;
      e.pairs.push(`${name}:${OPTION_NAMES.get(opt) ?? opt}`);
      // Wireshark lists the IS/SEND of a TERMINAL-TYPE subnegotiation as a subcommand too.
      if (c === 250 && opt === TTYPE) k++;
    }
    // The hostile client's 600-byte TERMINAL-TYPE is `telnet.subnegotiation_too_long` for us,
    // and the later TERMINAL-TYPE of the same burst is the one the event keeps: strings over
    // the 128 characters we copy are left out.
    for (const s of (strs ?? '').split(';')) if (s !== '' && s.length <= 128) e.strings.push(s);
    if (w) e.naws.push(`${w}x${h}`);
  }
  return m;
}

async function ours(capture: string): Promise<Summary> {
  const dir = mkdtempSync(path.join(tmpdir(), 'palisade-telnet-'));
  try {
    await analyze({ captures: [capture], outDir: dir });
    const m: Summary = new Map();
    for (const l of readFileSync(path.join(dir, 'events.jsonl'), 'utf8').split('\n')) {
      if (!l) continue;
      const e = JSON.parse(l) as {
        kind: string;
        src_port: number;
        dst_port: number;
        telnet?: Record<string, unknown>;
      };
      if (e.kind !== 'telnet.negotiation' || !e.telnet) continue;
      const s = entry(m, `${e.src_port}>${e.dst_port}`);
      const t = e.telnet;
      for (const [key, name] of [
        ['will', 'will'],
        ['wont', 'wont'],
        ['do', 'do'],
        ['dont', 'dont'],
        ['subnegotiations', 'sb'],
      ] as const) {
        for (const o of (t[key] as string[] | undefined) ?? []) s.pairs.push(`${name}:${o}`);
      }
      // Wireshark 4.0 shows no TERMINAL-SPEED value: that one is not compared.
      for (const k of ['terminal_type', 'x_display']) {
        if (typeof t[k] === 'string') s.strings.push(t[k]);
      }
      if (t.window_width !== undefined) s.naws.push(`${t.window_width}x${t.window_height}`);
    }
    return m;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sorted = (m: Summary): [string, string[], string[], string[]][] =>
  [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, v.pairs.slice().sort(), v.strings.slice().sort(), v.naws.slice().sort()]);

describe('Telnet against tshark', () => {
  it.each(['normal', 'malformed'])(
    '%s: the same commands, options, strings and window sizes per flow and direction',
    async (scenario) => {
      if (!haveTool('tshark')) {
        if (REQUIRE) throw new Error('tshark missing');
        return;
      }
      const capture = path.join(here, scenario, 'input.pcap');
      const t = sorted(theirs(capture));
      const o = sorted(await ours(capture));
      expect(t.length).toBeGreaterThan(0);
      expect(o).toEqual(t);
    },
    60_000,
  );
});
