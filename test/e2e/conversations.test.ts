// Acceptance: for every shared capture, our TCP and UDP flow counts agree with tshark's
// conversation tables once the documented differences (timeouts, close delay, ICMP quotes,
// dissector-made conversations) are accounted for by scripts/conv-agree.ts.
import { describe, expect, it } from 'vitest';
import { compareCapture, type ConvRow } from '../../scripts/conv-agree.js';
import { haveSharedPcaps, haveTool, manifest } from '../helpers/shared.js';

describe('conversation counts against tshark', () => {
  it('agree on every shared capture after joining timeout splits', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const rows: ConvRow[] = [];
    for (const m of manifest()) rows.push(...(await compareCapture(m.abs)));
    const off = rows.filter((r) => r.tshark !== r.oursJoined);
    expect(
      off.map((r) => `${r.capture} ${r.transport}: tshark ${r.tshark}, ours ${r.oursJoined}`),
    ).toEqual([]);
    // The comparison has teeth: real conversations on both transports, and real splits.
    const total = (t: string, k: 'tshark' | 'timeoutSplits'): number =>
      rows.filter((r) => r.transport === t).reduce((a, r) => a + r[k], 0);
    expect(total('tcp', 'tshark')).toBeGreaterThan(4000);
    expect(total('udp', 'tshark')).toBeGreaterThan(3000);
    expect(total('udp', 'timeoutSplits')).toBeGreaterThan(0);
  }, 600_000);
});
