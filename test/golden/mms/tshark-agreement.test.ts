// MMS end to end against tshark: every shared IEC 61850 capture that carries MMS, each field of
// scripts/field-agree/mms.ts compared frame by frame with Wireshark's `mms` dissector
// (docs/fidelity-mms.md has the figures and explains the one disagreement).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { mmsSpec } from '../../../scripts/field-agree/mms.js';
import { REQUIRE, haveSharedPcaps, haveTool, manifest } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

// The GOOSE captures (no TCP) and the MMSE-over-HTTP one (not ISO 9506: the negative golden
// scenario) carry no MMS.
const captures = () =>
  manifest().filter(
    (m) =>
      m.path.startsWith('iec61850/') &&
      !m.path.startsWith('iec61850/goose/') &&
      !m.path.endsWith('m-send-req.mms.pcap'),
  );

describe('MMS end to end against tshark', () => {
  it('agrees with tshark on PDU type, invoke id, services, names and errors of every frame', async () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(24);
    const sum = new Map<string, FieldResult>();
    for (const m of caps) {
      for (const r of await compareFields(mmsSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-mms.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames])).toEqual([
      ['PDU confirmed_RequestPDU', 52, 52],
      ['PDU confirmed_ResponsePDU', 34, 34],
      ['PDU confirmed_ErrorPDU', 1, 1],
      ['PDU unconfirmed_PDU', 136, 136],
      ['PDU rejectPDU', 0, 0],
      ['PDU cancel_ErrorPDU', 0, 0],
      ['PDU initiate_RequestPDU', 24, 24],
      ['PDU initiate_ResponsePDU', 3, 3],
      ['PDU initiate_ErrorPDU', 0, 0],
      ['PDU conclude_RequestPDU', 6, 21],
      ['PDU conclude_ResponsePDU', 1, 1],
      ['PDU conclude_ErrorPDU', 0, 0],
      ['cancel request/response invoke id', 1, 1],
      ['invoke id', 87, 87],
      ['confirmed service request', 51, 51],
      ['confirmed service response', 27, 27],
      ['unconfirmed service', 136, 136],
      ['domain id', 135, 135],
      ['item id', 135, 135],
      ['vmd-specific name', 37, 37],
      ['getNameList object class', 3, 3],
      ['getNameList identifiers', 2, 2],
      ['initiate max PDU size', 27, 27],
      ['initiate max outstanding calls', 27, 27],
      ['initiate nesting level', 27, 27],
      ['initiate version', 27, 27],
      ['identify vendor, model, revision', 8, 8],
      ['data access error', 1, 1],
      ['error class', 1, 1],
      ['reject reason', 0, 0],
    ]);
    // The only disagreement: a conclude-RequestPDU (NULL, zero-length contents) sent straight
    // over COTP, which Wireshark's MMS heuristic refuses for its zero length; one per test
    // capture of the MMS command set.
    const diffs = sum.get('PDU conclude_RequestPDU')?.diffs ?? [];
    expect(diffs).toHaveLength(15);
    for (const d of diffs) {
      expect(d).toMatch(/^mms-[A-Za-z]+\.pcap frame (16|20): tshark \[\] ours \[1\]$/);
      expect(path.basename(d.split(' ')[0] ?? '')).toMatch(/^mms-/);
    }
  }, 90_000);
});
