// EtherCAT end to end against tshark: the built CLI over the shared EtherCAT capture with no
// decoder bug, and the frame header and every datagram field of scripts/field-agree/ethercat.ts
// compared frame by frame with Wireshark's `ecatf`/`ecat` dissectors (docs/fidelity-ethercat.md).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { ethercatSpec } from '../../../scripts/field-agree/ethercat.js';
import { REQUIRE, haveSharedPcaps, haveTool, manifest, runCli } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const capture = () => manifest().find((m) => m.path === 'other-ics/EtherCAT.pcap');

describe('EtherCAT end to end against tshark', () => {
  it('decodes every frame of the shared capture with no decoder bug', () => {
    if (!ready()) return;
    const m = capture();
    expect(m).toBeDefined();
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-ethercat-'));
    const r = runCli(['analyze', m?.abs ?? '', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      bugs: string[];
      counters: Record<string, number>;
      decoders: Record<string, { events: number }>;
    };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.ethercat'] ?? 0).toBe(0);
  }, 60_000);

  it('agrees with tshark on the header and every datagram of every frame', async () => {
    if (!ready()) return;
    const rows = await compareFields(ethercatSpec, capture()?.abs ?? '', 100);
    // Docs: docs/fidelity-ethercat.md, one row per field.
    expect(rows.map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['frame length', 986, 986, []],
      ['frame type', 986, 986, []],
      ['command', 986, 986, []],
      ['index', 986, 986, []],
      ['ADP', 986, 986, []],
      ['ADO', 986, 986, []],
      ['logical address', 124, 124, []],
      ['length', 986, 986, []],
      ['circulating', 986, 986, []],
      ['more', 986, 986, []],
      ['IRQ', 986, 986, []],
      ['working counter', 986, 986, []],
    ]);
  }, 60_000);
});
