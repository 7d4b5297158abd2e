// SNMP end to end against tshark: the pipeline over the shared capture carrying SNMP and the
// golden captures of real Net-SNMP traffic, the fields of scripts/field-agree/snmp.ts compared
// frame by frame (docs/fidelity-snmp.md has the figures), and the differences on the crafted
// frames of the malformed scenario pinned one by one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { SNMP_CAPTURES, snmpSpec } from '../../../scripts/field-agree/snmp.js';
import {
  REPO_ROOT,
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
} from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const golden = (s: string): string => path.join(REPO_ROOT, 'test/golden/snmp', s, 'input.pcap');

describe('SNMP end to end against tshark', () => {
  it('agrees on every field of every SNMP frame of the shared capture and the normal scenario', async () => {
    if (!ready()) return;
    expect(manifest().filter((m) => SNMP_CAPTURES.includes(m.path)).length).toBe(1);
    const sum = new Map<string, FieldResult>();
    const files = [...SNMP_CAPTURES.map((p) => path.join(SHARED_PCAPS, p)), golden('normal')];
    for (const f of files) {
      for (const r of await compareFields(snmpSpec, f, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-snmp.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['version', 137, 137, []],
      ['community present', 120, 120, []],
      ['PDU type', 132, 132, []],
      ['request id', 130, 130, []],
      ['error status', 128, 128, []],
      ['error index', 128, 128, []],
      ['non-repeaters', 2, 2, []],
      ['max-repetitions', 2, 2, []],
      ['variable names', 128, 128, []],
      ['enterprise', 2, 2, []],
      ['agent address', 2, 2, []],
      ['generic trap', 2, 2, []],
      ['specific trap', 2, 2, []],
      ['time stamp', 2, 2, []],
      ['integer values', 14, 14, []],
      ['OID values', 15, 15, []],
      ['IpAddress values', 1, 1, []],
      ['Counter32/64 values', 7, 7, []],
      ['Gauge32 values', 1, 1, []],
      ['TimeTicks values', 18, 18, []],
      ['exceptions', 2, 2, []],
      ['msgID', 17, 17, []],
      ['msgMaxSize', 17, 17, []],
      ['msgFlags', 17, 17, []],
      ['security model', 17, 17, []],
      ['engine id', 13, 13, []],
      ['engine boots', 17, 17, []],
      ['engine time', 17, 17, []],
      ['user name', 9, 9, []],
      ['encrypted PDU', 5, 5, []],
    ]);
  }, 120_000);

  it('pins the differences on the crafted frames of the malformed scenario', async () => {
    if (!ready()) return;
    const results = await compareFields(snmpSpec, golden('malformed'), 100);
    const differ = results.filter((r) => r.agree !== r.frames);
    const vb130 = Array.from({ length: 130 }, () => '1.3.6').join(',');
    const vb128 = Array.from({ length: 128 }, () => '1.3.6').join(',');
    expect(differ.map((r) => [r.field, r.diffs])).toEqual([
      // Frame 18 has PDU tag [9] and frame 19 an indefinite length, which RFC 3417 8 forbids:
      // Wireshark shows their version and community, we stop at the anomaly with no event.
      [
        'version',
        ['input.pcap frame 18: tshark [0] ours []', 'input.pcap frame 19: tshark [1] ours []'],
      ],
      [
        'community present',
        ['input.pcap frame 18: tshark [1] ours []', 'input.pcap frame 19: tshark [1] ours []'],
      ],
      // 130 variable bindings: we list the first 128 and count the rest.
      ['variable names', [`input.pcap frame 21: tshark [${vb130}] ours [${vb128}]`]],
    ]);
  }, 60_000);
});
