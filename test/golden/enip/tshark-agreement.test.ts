// EtherNet/IP end to end against tshark: the built CLI over every shared capture that carries
// EtherNet/IP, encapsulation commands and CIP services per frame compared with
// ../shared/tools/tshark-agree.mjs (docs/fidelity-enip.md has the figures and explains every
// difference).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { enipSpec } from '../../../scripts/field-agree/enip.js';
import {
  REPO_ROOT,
  haveSharedPcaps,
  haveTool,
  manifest,
  readJsonl,
  runCli,
  tshark,
} from '../../helpers/shared.js';

const run = promisify(execFile);
const TOOL = path.resolve(REPO_ROOT, '../shared/tools/tshark-agree.mjs');
/**
 * Wireshark gives TCP port 1102 (IDMP) precedence over 44818, so by default it shows the
 * EtherNet/IP session of this capture as IDMP; it is compared with `-d tcp.port==1102,enip`.
 */
const IDMP_PORT_CAPTURE = 'enip-cip/quickdraw/EIP-ControlProtocolChangeAttempt.pcap';

interface Agreement {
  agree: number;
  total: number;
  /** Frames where the two sides differ (tshark-agree lists the first 15). */
  diffs: number[];
  text: string;
}

/** tshark-agree for one key; a capture neither side finds EtherNet/IP in is 0/0. */
async function agree(capture: string, events: string, key: string): Promise<Agreement> {
  // The tool exits 1 when neither side has a frame; its summary line is still printed.
  const r = await run(process.execPath, [TOOL, capture, events, key], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const text = r.stdout;
  const got = /agreeing (\d+)\/(\d+)/.exec(text);
  expect(got, text).not.toBeNull();
  const diffs = [...text.matchAll(/^frame (\d+):/gm)].map((m) => Number(m[1]));
  return { agree: Number(got?.[1]), total: Number(got?.[2]), diffs, text };
}

/** Analyses `capture` into a fresh folder (extra CLI options), returns the events file. */
function analyze(capture: string, extra: string[] = []): string {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-enip-'));
  const r = runCli(['analyze', capture, '--out', out, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return path.join(out, 'events.jsonl');
}

/** The shared captures of the field-agree spec: enip-cip/ and modbus/mb2.pcap. */
const files = (): ReturnType<typeof manifest> =>
  manifest().filter((m) => enipSpec.sharedCaptures.some((p) => m.path.startsWith(p)));

/** Frames tshark finds a bad TCP checksum in. */
function badChecksumFrames(capture: string): Set<number> {
  const out = tshark([
    '-r',
    capture,
    '-o',
    'tcp.check_checksum:TRUE',
    '-Y',
    'tcp.checksum.status == 0',
    '-T',
    'fields',
    '-e',
    'frame.number',
  ]);
  return new Set(
    out
      .split('\n')
      .filter((l) => l.length > 0)
      .map(Number),
  );
}

describe('EtherNet/IP end to end against tshark', () => {
  it('agrees on the command and every CIP service of every frame of every shared capture', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const caps = files().filter((m) => m.path !== IDMP_PORT_CAPTURE);
    expect(caps.length).toBeGreaterThanOrEqual(20);
    const sum = { enipAgree: 0, enipTotal: 0, cipAgree: 0, cipTotal: 0 };
    const lines: string[] = [];
    // Two captures at a time: tshark is single-threaded and dominates the run time.
    for (let i = 0; i < caps.length; i += 2) {
      await Promise.all(
        caps.slice(i, i + 2).map(async (m) => {
          const events = analyze(m.abs);
          const [e, c] = await Promise.all([
            agree(m.abs, events, 'enip'),
            agree(m.abs, events, 'cip'),
          ]);
          sum.enipAgree += e.agree;
          sum.enipTotal += e.total;
          sum.cipAgree += c.agree;
          sum.cipTotal += c.total;
          lines.push(
            `${m.path}: enip ${e.agree}/${e.total} cip ${c.agree}/${c.total}\n${e.text}${c.text}`,
          );
        }),
      );
    }
    const report = lines.sort().join('\n');
    expect(sum.enipTotal).toBeGreaterThan(50_000);
    expect(sum.cipTotal).toBeGreaterThan(50_000);
    expect(sum.enipAgree / sum.enipTotal, report).toBeGreaterThanOrEqual(0.999);
    expect(sum.cipAgree / sum.cipTotal, report).toBeGreaterThanOrEqual(0.999);
  }, 120_000);

  it('with --checksum-policy auto differs only on segments sent with bad TCP checksums', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    // A Windows host sent a correct SYN, then every segment with an offloaded (unfinished)
    // checksum: `auto` takes those segments for inserted ones (docs/adr/0004-bad-checksums.md).
    const m = files().find((x) => x.path === 'enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap');
    expect(m).toBeDefined();
    if (!m) return;
    const d = await agree(m.abs, analyze(m.abs, ['--checksum-policy', 'auto']), 'enip');
    expect(d.total - d.agree, d.text).toBe(99);
    const bad = badChecksumFrames(m.abs);
    for (const f of d.diffs) expect(bad.has(f), `frame ${f}`).toBe(true);
  }, 60_000);

  it('decodes the session Wireshark shows as IDMP (TCP 1102 to 44818), as Wireshark does when told', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const m = files().find((x) => x.path === IDMP_PORT_CAPTURE);
    expect(m).toBeDefined();
    if (!m) return;
    // By default tshark shows no EtherNet/IP at all in this capture...
    expect(tshark(['-r', m.abs, '-Y', 'enip', '-T', 'fields', '-e', 'frame.number']).trim()).toBe(
      '',
    );
    // ...and with the session decoded as EtherNet/IP every command and CIP service agrees.
    const results = await compareFields(enipSpec, m.abs, 5);
    for (const name of ['command', 'cip service']) {
      const r = results.find((x) => x.field === name);
      expect(r?.frames, name).toBeGreaterThan(1_500);
      expect(r?.agree, `${name}: ${r?.diffs.join('; ')}`).toBe(r?.frames);
    }
  }, 60_000);
});

describe('EtherNet/IP over UDP', () => {
  it('decodes ListIdentity broadcasts on UDP 44818 and class 1 I/O on UDP 2222', () => {
    if (!haveSharedPcaps()) return;
    const pick = (p: string): string => files().find((x) => x.path === p)?.abs ?? '';
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-enip-udp-'));
    const r = runCli([
      'analyze',
      pick('enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap'),
      pick('enip-cip/enip_cip_example.pcap'),
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const events = readJsonl<{ kind: string; transport: string; enip?: { command?: number } }>(
      path.join(out, 'events.jsonl'),
    ).filter((e) => e.transport === 'udp');
    expect(events.filter((e) => e.enip?.command === 0x63).length).toBe(74);
    expect(events.filter((e) => e.kind === 'enip.io').length).toBe(398);
  });
});
