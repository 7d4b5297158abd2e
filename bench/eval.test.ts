// The evaluation end to end on a small fixture set: two real S7 captures analysed in process with
// a two-rule pack written here, scored against whole-file, time-window and frame labels; the
// frame times the run takes on the way agree with the capture, and the report prints the result.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSource } from '../src/capture/file-source.js';
import { loadRulesOrThrow, type RulePack } from '../src/analysis/rules/loader.js';
import {
  evaluateDataset,
  formatMarkdown,
  formatReport,
  formatTechniquesMarkdown,
  runCapture,
  type EvalReport,
} from './eval.js';
import { byRecording, totalScore, type Dataset, type DatasetScore } from './eval-score.js';
import { haveSharedPcaps, SHARED_PCAPS } from '../test/helpers/shared.js';

const work = mkdtempSync(path.join(tmpdir(), 'palisade-eval-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RULES = `title: S7 PLC stop
id: 6f0e61a2-2a43-4f57-9d0b-5c36c64f1a01
status: test
description: The PLC was told to stop.
author: Palisade
date: 2026-11-26
logsource:
  product: palisade
  service: s7comm
detection:
  selection:
    kind: s7comm.job
    s7comm.function_code: 41
  condition: selection
falsepositives:
  - maintenance
level: high
tags:
  - attack.inhibit-response-function
  - attack.t0858
---
title: S7 variable read
id: 0b4f3c8e-7d2b-4e69-a1f4-2f5d9e3c7b02
status: test
description: Any read of PLC variables (noisy on purpose, for the false alert count).
author: Palisade
date: 2026-11-26
logsource:
  product: palisade
  service: s7comm
detection:
  selection:
    kind: s7comm.job
    s7comm.function_code: 4
  condition: selection
falsepositives:
  - every HMI
level: low
tags:
  - attack.collection
  - attack.t0801
`;

describe.runIf(haveSharedPcaps())('the evaluation on a fixture set', () => {
  const stop = path.join(SHARED_PCAPS, 's7comm/snap7_s300_stop.pcapng');
  const clean = path.join(SHARED_PCAPS, 's7comm/s7comm_clean.pcap');
  // s7comm_clean runs from 07:58:06 to 08:12:40 UTC, reading variables all along: the read rule
  // alerts once per hour of capture time: at 07:58:06 (frame 1, repeats counted until 07:59:59)
  // and just after 08:00:00 (repeats counted until the last read, 08:12:41.504657).
  const last = Date.parse('2017-06-09T08:12:41Z') / 1000 + 0.504657;
  let pack: RulePack;
  let score: DatasetScore;

  beforeAll(async () => {
    writeFileSync(path.join(work, 'fixture.yml'), RULES);
    pack = loadRulesOrThrow([path.join(work, 'fixture.yml')]).pack;
    const ds: Dataset = {
      id: 'fixture',
      title: 'fixture',
      captures: [stop, clean],
      instances: [
        {
          id: 'fixture/stop',
          attack: 'stop',
          expected: ['T0858', 'T0881'],
          reason: 'r',
          spans: [{ capture: stop, kind: 'whole' }],
        },
        {
          id: 'fixture/poll',
          attack: 'poll',
          expected: ['T0801'],
          reason: 'r',
          spans: [{ capture: clean, kind: 'window', from: last - 3, to: last }],
        },
        {
          id: 'fixture/download',
          attack: 'download',
          expected: ['T0843'],
          reason: 'r',
          spans: [{ capture: clean, kind: 'frames', ranges: [[3000, 3010]] }],
        },
      ],
    };
    score = await evaluateDataset(ds, work, pack);
  });

  it('detects by whole file and by time window (the last repeat), and misses what no rule sees', () => {
    const by = new Map(score.results.map((r) => [r.id, r]));
    expect(by.get('fixture/stop')?.detected).toBe(true);
    expect(by.get('fixture/stop')?.detectedBy[0]).toMatch(/\[T0858\] S7 PLC stop$/);
    expect(by.get('fixture/poll')?.detected).toBe(true);
    expect(by.get('fixture/download')).toMatchObject({ detected: false, otherAlerts: [] });
    expect([score.instances, score.detected, score.missed]).toEqual([3, 2, 1]);
  });

  it('counts the alert outside every instance as false, against the benign time', () => {
    expect(score.alerts).toBe(3);
    expect(score.falseAlerts).toBe(1);
    expect(score.falseByRule).toEqual({
      '0b4f3c8e-7d2b-4e69-a1f4-2f5d9e3c7b02: S7 variable read': 1,
    });
    // The stop capture is all attack; s7comm_clean is benign but for the 3 s window and frames
    // 3000-3010.
    expect(score.benignSeconds).toBeGreaterThan(860);
    expect(score.benignSeconds).toBeLessThan(874);
    expect(score.falsePerBenignHour).toBeCloseTo(3600 / score.benignSeconds, 6);
    // s7comm_clean is a quarter of an hour of a running PLC (5,447 frames): an operational
    // recording; the stop capture is a protocol sample.
    const kinds = Object.fromEntries(
      score.captureScores.map((c) => [path.basename(c.capture), c.recording]),
    );
    expect(kinds).toMatchObject({ 's7comm_clean.pcap': 'operational' });
    expect(Object.values(kinds).filter((k) => k === 'sample')).toHaveLength(1);
    const [operational, samples] = byRecording(score.captureScores);
    expect(operational).toMatchObject({ kind: 'operational', captures: 1, falseAlerts: 1 });
    expect(operational?.benignSeconds).toBe(score.benignSeconds);
    expect(samples).toMatchObject({
      kind: 'sample',
      captures: 1,
      falseAlerts: 0,
      benignSeconds: 0,
    });
  });

  it('takes every frame time of the capture on the way into the engine', async () => {
    const run = await runCapture(clean, path.join(work, 'times'), pack);
    const times: number[] = [];
    await new FileSource(clean).read((f) => times.push(f.tsSec + f.tsNs / 1e9));
    expect(run.times.length).toBe(times.length);
    expect([...run.times]).toEqual(times);
  });

  it('prints the table, the misses and the false alerts', () => {
    const report: EvalReport = {
      generator: 'test',
      generated: '2026-11-26T00:00:00.000Z',
      commit: null,
      method: {
        window_slack_before_s: 2,
        window_slack_after_s: 5,
        merge_gap_s: 30,
        operational_min_benign_s: 600,
        operational_min_frames: 1000,
      },
      elapsed_s: 1,
      datasets: [score],
      total: totalScore([score]),
      recordings: byRecording(score.captureScores),
    };
    const text = formatReport(report);
    expect(text).toMatch(/^dataset\s+captures\s+instances\s+detected\s+missed/);
    expect(text).toMatch(/\nfixture\s+2\s+3\s+2\s+1\s+0\s+3\s+1\s/);
    expect(text).toMatch(
      /missed instances \(1\):\n {2}fixture\/download \(download; expected T0843\): no alert/,
    );
    expect(text).toMatch(
      /false alerts by rule \(1: (low|medium) 1\):\n\s+1 {2}0b4f3c8e-7d2b-4e69-a1f4-2f5d9e3c7b02: S7 variable read/,
    );
    const table = formatTechniquesMarkdown();
    expect(table).toMatch(/^\| attack \(label or file name\) \| accepted techniques \| why \|\n/);
    expect(table).toMatch(/\n\| `\^cip_stop_plc\$` \| T0858, T0881, T0816, T0855, T0813 \| /);
    expect(formatMarkdown(report)).toMatch(/\| fixture \| 2 \| 3 \| 2 \| 1 \| 0 \| 3 \| 1 \|/);
    expect(formatMarkdown(report)).toMatch(
      /\n\| operational \| 1 \| 0\.24 \| 1 \| 4\.1\d \| 1 \|\n/,
    );
    expect(text).toMatch(
      /false alerts by kind of recording[^\n]*\n.*\n\s+operational\s+1\s+0\.24\s+1\s/,
    );
  });
});
