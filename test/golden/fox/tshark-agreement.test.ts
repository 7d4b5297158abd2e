// Fox end to end against the raw payload (Wireshark has no Fox dissector): the built CLI over the
// shared Fox capture with no decoder bug, and every header and hello field of
// scripts/field-agree/fox.ts read independently from tshark's `tcp.payload` (docs/fidelity-fox.md).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { foxSpec } from '../../../scripts/field-agree/fox.js';
import { REQUIRE, haveSharedPcaps, haveTool, manifest, runCli } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const capture = () => manifest().find((m) => m.path === 'other-ics/fox_info.pcap');

describe('Fox end to end against the payload', () => {
  it('decodes the shared capture with no decoder bug', () => {
    if (!ready()) return;
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-fox-'));
    const r = runCli(['analyze', capture()?.abs ?? '', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.fox'] ?? 0).toBe(0);
  }, 60_000);

  it('agrees with the payload on every header and hello field', async () => {
    if (!ready()) return;
    const rows = await compareFields(foxSpec, capture()?.abs ?? '', 100);
    // Docs: docs/fidelity-fox.md, one row per field.
    const hello = (n: string, frames = 2): [string, number, number, string[]] => [
      n,
      frames,
      frames,
      [],
    ];
    expect(rows.map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['message type', 3, 3, []],
      ['number', 3, 3, []],
      ['reply to', 3, 3, []],
      ['channel', 3, 3, []],
      ['command', 3, 3, []],
      ...['fox.version', 'id', 'hostName', 'hostAddress', 'app.name', 'app.version'].map((n) =>
        hello(n),
      ),
      ...['vm.name', 'vm.version', 'os.name', 'os.version'].map((n) => hello(n)),
      hello('station.name', 1),
      ...['lang', 'timeZone', 'hostId', 'vmUuid', 'brandId'].map((n) => hello(n)),
      hello('method', 1),
    ]);
  }, 60_000);
});
