// DNP3 end to end against tshark: the built CLI over every shared capture that carries DNP3,
// application function codes per frame compared with ../shared/tools/tshark-agree.mjs, and the
// deeper fields of the three captures left out of scripts/field-agree/dnp3.ts pinned frame by
// frame (docs/fidelity-dnp3.md has the figures and explains every difference).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { dnp3Spec } from '../../../scripts/field-agree/dnp3.js';
import {
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
  runCli,
  tshark,
} from '../../helpers/shared.js';
import { agreePerCapture } from '../../helpers/tshark-agree.js';

const P20001 = 'dnp3/bro_dnp3_read_p20001.pcap';
const MITM = 'datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap';

/**
 * The frames where tshark and we disagree on the function codes, per capture (every other
 * capture agrees on every frame):
 * - DNP3 on TCP port 20001: Wireshark's DNP3 heuristics are off by default, so tshark shows none;
 *   our probe recognises it (with `--enable-heuristic dnp3_tcp` tshark agrees, checked below).
 * - The QUT MITM capture holds both legs of a rewriting proxy on one TCP connection, each from
 *   its own Ethernet source: the forwarded copies are longer, so the same sequence numbers
 *   carry two different byte strings. Our TCP reassembly follows the path of each direction's
 *   first payload (`tcp.second_path`) and decodes every response the outstation sent. From
 *   frame 15088 the forwarded copies run two octets ahead of the originals; Wireshark, with one
 *   sequence space for both legs, takes the next original for a retransmission and dissects
 *   neither (15088, 15096, 15148, 15157, 15168). It also dissects the attacker's identical copy
 *   of a response once more (3421).
 */
const KNOWN: Readonly<Record<string, readonly number[]>> = {
  [P20001]: [4, 6],
  [MITM]: [3421, 15088, 15096, 15148, 15157, 15168],
};

/** Deeper-field disagreements of the captures scripts/field-agree/dnp3.ts leaves out. */
const KNOWN_FIELDS: Readonly<Record<string, readonly number[]>> = {
  // Fuzz frames: an object with a 6.5 MB size prefix (we stop, Wireshark reads on).
  'dnp3/DNP3-Malformed.pcap': [157, 160, 170],
  // Wireshark 4.0 throws on this valid 253-octet response (every CRC checks) and shows no IIN
  // nor objects; we decode it.
  'dnp3/dataset_exchange.pcap': [6],
  [MITM]: [3421, 15088, 15096, 15148, 15157, 15168],
};

/** Every shared capture with DNP3 in it, the mislabelled EtherNet/IP one included. */
const files = (): ReturnType<typeof manifest> =>
  manifest().filter(
    (m) =>
      m.path.startsWith('dnp3/') ||
      m.path.startsWith('datasets/qut-dnp3/') ||
      m.path === 'enip-cip/quickdraw/EIP-ViewDeviceStatus.pcap',
  );

describe('DNP3 end to end against tshark', () => {
  it('agrees on the function code of every application fragment of every shared capture', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const caps = files();
    expect(caps.length).toBeGreaterThanOrEqual(60);
    const results = await agreePerCapture(caps, 'dnp3', 'dnp3');
    let agreeing = 0;
    let total = 0;
    for (const a of results) {
      agreeing += a.agree;
      total += a.total;
      expect(a.diffs, a.path).toEqual(KNOWN[a.path] ?? []);
      expect(a.total - a.agree, a.path).toBe((KNOWN[a.path] ?? []).length);
    }
    // Docs: docs/fidelity-dnp3.md states these figures.
    expect(total).toBe(1329);
    expect(agreeing).toBe(1321);
    expect(agreeing / total).toBeGreaterThan(0.9939);
  }, 120_000);

  it('matches tshark on port 20001 once its DNP3 heuristics are on', () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const capture = path.join(SHARED_PCAPS, P20001);
    const theirs = tshark([
      '-r',
      capture,
      '-n',
      '--enable-heuristic',
      'dnp3_tcp',
      '-Y',
      'dnp3.al.func',
      '-T',
      'fields',
      '-e',
      'frame.number',
      '-e',
      'dnp3.al.func',
    ]);
    expect(theirs.trim().split('\n')).toEqual(['4\t1', '6\t129']);
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-dnp3-'));
    expect(runCli(['analyze', capture, '--out', out]).status).toBe(0);
    const ours = readFileSync(path.join(out, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"proto":"dnp3"'))
      .map((l) => JSON.parse(l) as { frame: number; dnp3: { function_code: number } })
      .map((e) => `${e.frame}\t${e.dnp3.function_code}`);
    expect(ours).toEqual(['4\t1', '6\t129']);
  });

  it('pins the deeper-field disagreements of the captures the field spec leaves out', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    for (const [file, frames] of Object.entries(KNOWN_FIELDS)) {
      expect(
        dnp3Spec.sharedCaptures.some((p) => file.startsWith(p)),
        file,
      ).toBe(false);
      const results = await compareFields(dnp3Spec, path.join(SHARED_PCAPS, file), 1000);
      const differ = new Set<number>();
      for (const res of results) {
        for (const d of res.diffs) differ.add(Number(/ frame (\d+):/.exec(d)?.[1]));
      }
      expect(
        [...differ].sort((a, b) => a - b),
        file,
      ).toEqual([...frames]);
    }
  }, 120_000);
});
