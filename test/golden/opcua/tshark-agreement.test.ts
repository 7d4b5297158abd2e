// OPC UA end to end against tshark: the built CLI over every shared OPC UA capture, the message
// type of every frame compared with ../shared/tools/tshark-agree.mjs, and the deeper fields of
// scripts/field-agree/opcua.ts (service type id, security policy URI, status codes, ...) frame by
// frame, every difference pinned (docs/fidelity-opcua.md has the figures and the reasons).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { opcuaSpec } from '../../../scripts/field-agree/opcua.js';
import {
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
} from '../../helpers/shared.js';
import { agreePerCapture } from '../../helpers/tshark-agree.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

// OPC UA on TCP 12001: tshark-agree.mjs runs tshark without `-d tcp.port==12001,opcua`, so
// Wireshark shows no OPC UA there; the field comparison below covers it with that option.
const PORT_12001 = 'opcua/opc-ua-ap-method-wireshark-freeze.pcap';

// The server's CreateSessionResponse of the two capture-with-gaps files ends in frame 30, after
// segments that arrive out of order around a capture gap. Palisade's reassembly buffers them;
// tshark does too once its TCP reassembly of out-of-order segments is on (off by default in
// 4.0), which is how both sides are compared here.
const PREFS = { 'tcp.reassemble_out_of_order': 'TRUE' };

describe('OPC UA end to end against tshark', () => {
  it('agrees on the message type of every frame of every shared OPC UA capture', async () => {
    if (!ready()) return;
    const caps = manifest().filter((m) => m.path.startsWith('opcua/') && m.path !== PORT_12001);
    expect(caps.length).toBe(12);
    let agreeing = 0;
    let total = 0;
    for (const a of await agreePerCapture(caps, 'opcua', 'opcua', PREFS)) {
      expect(a.agree, a.path).toBe(a.total);
      agreeing += a.agree;
      total += a.total;
    }
    // Docs: docs/fidelity-opcua.md states these figures.
    expect(total).toBe(941);
    expect(agreeing).toBe(941);
  }, 120_000);

  it('agrees on the deeper fields, every difference pinned', async () => {
    if (!ready()) return;
    const caps = manifest().filter((m) => m.path.startsWith('opcua/'));
    expect(caps.length).toBe(13);
    const byField = new Map<string, { frames: number; agree: number; diffs: string[] }>();
    for (const m of caps) {
      for (const r of await compareFields(opcuaSpec, path.join(SHARED_PCAPS, m.path), 100)) {
        const acc = byField.get(r.field) ?? { frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs.map((d) => d.replace(/:.*/, '')));
        byField.set(r.field, acc);
      }
    }
    for (const [field, acc] of byField) {
      if (field === 'attribute id' || field === 'string node id') {
        // Wireshark also lists the AttributeIds and NodeIds inside CreateMonitoredItems event
        // filters (SelectClauses, WhereClause operands); ours those of the items monitored.
        expect(acc.diffs.sort(), field).toEqual([
          'open62541_create_monitored_items.pcap frame 133',
          'open62541_create_monitored_items.pcap frame 301',
        ]);
      } else if (['security policy URI', 'UA TCP error', 'Hello endpoint URL'].includes(field)) {
        expect(acc.diffs, field).toEqual([]);
      } else {
        expect(acc.diffs, field).toEqual([]);
      }
    }
    // Docs: docs/fidelity-opcua.md has the table.
    expect(byField.get('service type id')).toMatchObject({ frames: 898, agree: 898 });
  }, 120_000);
});
