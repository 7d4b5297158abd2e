// MQTT end to end against tshark: the built CLI over every shared MQTT capture, packet types per
// frame compared with ../shared/tools/tshark-agree.mjs, and the deeper-field difference of the
// capture scripts/field-agree/mqtt.ts leaves out pinned frame by frame (docs/fidelity-mqtt.md
// has the figures).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { mqttSpec } from '../../../scripts/field-agree/mqtt.js';
import {
  REPO_ROOT,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
  runCli,
} from '../../helpers/shared.js';

const run = promisify(execFile);
const TOOL = path.resolve(REPO_ROOT, '../shared/tools/tshark-agree.mjs');
const PROPLEN = 'mqtt/mqtt5-excessiveproplen.pcap';

async function agree(capture: string, events: string): Promise<{ agree: number; total: number }> {
  const r = await run(process.execPath, [TOOL, capture, events, 'mqtt'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const got = /agreeing (\d+)\/(\d+)/.exec(r.stdout);
  expect(got, r.stdout).not.toBeNull();
  return { agree: Number(got?.[1]), total: Number(got?.[2]) };
}

describe('MQTT end to end against tshark', () => {
  it('agrees on the packet type of every frame of every shared MQTT capture', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const caps = manifest().filter((m) => m.path.startsWith('mqtt/'));
    expect(caps.length).toBe(16);
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-mqtt-'));
    const r = runCli(['analyze', ...caps.map((m) => m.abs), '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.mqtt'] ?? 0).toBe(0);
    // Flow ids are `<capture number>:<first frame>`: split the events per capture.
    const perCapture = caps.map(() => [] as string[]);
    for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
      const n = /"flow":"(\d+):/.exec(line);
      if (n) perCapture[Number(n[1]) - 1]?.push(line);
    }
    let agreeing = 0;
    let total = 0;
    for (const [i, m] of caps.entries()) {
      const events = path.join(out, `events-${i + 1}.jsonl`);
      writeFileSync(events, (perCapture[i] ?? []).map((l) => `${l}\n`).join(''));
      const a = await agree(m.abs, events);
      expect(a.agree, m.path).toBe(a.total);
      agreeing += a.agree;
      total += a.total;
    }
    // Docs: docs/fidelity-mqtt.md states these figures.
    expect(total).toBe(97);
    expect(agreeing).toBe(97);
  }, 120_000);

  it('pins the one deeper-field difference of the capture the field spec leaves out', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    expect(mqttSpec.sharedCaptures.some((p) => PROPLEN.startsWith(p))).toBe(false);
    const results = await compareFields(mqttSpec, path.join(SHARED_PCAPS, PROPLEN), 100);
    const differ = results.filter((r) => r.agree !== r.frames);
    expect(differ.map((r) => [r.field, r.diffs])).toEqual([
      // The CONNECT declares a 4351-byte property block in a 47-byte packet: Wireshark reads
      // the next octet as property id 0, we stop at the overlong block.
      ['property id', ['mqtt5-excessiveproplen.pcap frame 4: tshark [0] ours []']],
    ]);
  }, 60_000);
});
