// S7comm Read Var / Write Var item values against tshark: data, return code and data length of
// every item of the read/write captures (WinCC, libnodave, snap7 and QUT HMI/master excerpts) with
// `s7commValueSpec` (scripts/field-agree/s7comm.ts). Every frame must agree; over all 76 shared S7
// captures the figure is in docs/fidelity-s7comm.md (the only differences there are the spurious
// retransmissions of s7comm_clean.pcap that tshark does not dissect).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { s7commValueSpec } from '../../../scripts/field-agree/s7comm.js';
import { SHARED_PCAPS, haveSharedPcaps, haveTool } from '../../helpers/shared.js';

const CAPTURES = [
  's7comm/wincc_s300_setup-alarm-read_2.pcapng',
  's7comm/wincc_s400_production.pcapng',
  's7comm/wincc_s300_setup-alarm-read-write.pcapng',
  's7comm/s7comm_varservice_libnodavedemo.pcap',
  's7comm/snap7_s300_readVar.pcapng',
  's7comm/snap7_s300_everything.pcapng',
  'datasets/qut-s7comm/20161215185758.ConveyorBeltGateChangeDirection_Flooding/20161215185758.ConveyorBeltGateChangeDirection_Flooding.hmi.pcap',
  'datasets/qut-s7comm/20161215185429.ChangeLowerThreshold/20161215185429.ChangeLowerThreshold.master.pcap',
];

describe('S7comm read/write item values against tshark', () => {
  it('item data, return codes and data lengths agree on every frame', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark', '-v')) return;
    const total = new Map<string, { frames: number; agree: number; diffs: string[] }>();
    for (const c of CAPTURES) {
      for (const r of await compareFields(s7commValueSpec, path.join(SHARED_PCAPS, c), 3)) {
        const t = total.get(r.field) ?? { frames: 0, agree: 0, diffs: [] };
        t.frames += r.frames;
        t.agree += r.agree;
        t.diffs.push(...r.diffs);
        total.set(r.field, t);
      }
    }
    expect([...total.keys()]).toEqual(['item data', 'item return code', 'item data length']);
    for (const [field, t] of total) {
      expect(t.frames, field).toBeGreaterThan(800);
      expect(t.agree, `${field}: ${t.diffs.join('; ')}`).toBe(t.frames);
    }
  }, 60_000);
});
