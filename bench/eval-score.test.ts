// Scoring of the detection evaluation: instances hit by frame and by time window (with slack),
// detection only with an expected technique, false alerts outside every instance, benign time.
import { describe, expect, it } from 'vitest';
import {
  alertHits,
  attackIntervals,
  MAX_GAP_S,
  scoreDataset,
  splitTime,
  totalScore,
  WINDOW_SLACK_AFTER_S,
  WINDOW_SLACK_BEFORE_S,
  type CaptureRun,
  type Dataset,
  type ScoredAlert,
} from './eval-score.js';

const T0 = 1_700_000_000;

/** Frame times: frame i + 1 at T0 + start + i seconds. */
function oneHertz(frames: number, start = 0): Float64Array {
  return Float64Array.from({ length: frames }, (_, i) => T0 + start + i);
}

function iso(t: number): string {
  const whole = Math.floor(t);
  const us = Math.round((t - whole) * 1e6);
  return new Date(whole * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, `.${String(us).padStart(6, '0')}Z`);
}

let seq = 0;
function alert(
  frame: number,
  t: number,
  techniques: string[],
  evidence: number[] = [],
): ScoredAlert {
  seq++;
  return {
    id: `A${seq}`,
    ts: iso(t),
    frame,
    rule_id: `rule-${techniques.join('-') || 'none'}`,
    title: 'test',
    technique_ids: techniques,
    evidence: { frames: evidence },
  };
}

describe('alertHits', () => {
  const times = oneHertz(100);

  it('matches per-packet labels by the alert frame or an evidence frame', () => {
    const span = [
      { capture: 'c', kind: 'frames' as const, ranges: [[10, 12] as const, [40, 40] as const] },
    ];
    expect(alertHits(alert(11, T0 + 10, []), span, times)).toBe(true);
    expect(alertHits(alert(40, T0 + 39, []), span, times)).toBe(true);
    expect(alertHits(alert(5, T0 + 4, [], [5, 12]), span, times)).toBe(true);
    expect(alertHits(alert(13, T0 + 12, [], [13, 39]), span, times)).toBe(false);
  });

  it('matches time windows by frame time or alert time, with the slack at each end', () => {
    const span = [{ capture: 'c', kind: 'window' as const, from: T0 + 50, to: T0 + 60 }];
    const before = 50 - WINDOW_SLACK_BEFORE_S;
    const after = 60 + WINDOW_SLACK_AFTER_S;
    expect(alertHits(alert(before + 1, T0 + before, []), span, times)).toBe(true);
    expect(alertHits(alert(before, T0 + before - 1, []), span, times)).toBe(false);
    expect(alertHits(alert(after + 1, T0 + after, []), span, times)).toBe(true);
    expect(alertHits(alert(after + 2, T0 + after + 1, []), span, times)).toBe(false);
    // A frame number past the capture has no time; the alert's own time still counts.
    expect(alertHits(alert(1000, T0 + 55, []), span, times)).toBe(true);
    // An evidence frame inside the window is enough.
    expect(alertHits(alert(1, T0, [], [1, 56]), span, times)).toBe(true);
  });

  it('matches by the time of the last repeat counted on the alert', () => {
    const span = [{ capture: 'c', kind: 'window' as const, from: T0 + 50, to: T0 + 60 }];
    const a = alert(2, T0 + 1, [], [2, 3]);
    expect(alertHits(a, span, times)).toBe(false);
    expect(alertHits({ ...a, last_ts: iso(T0 + 58) }, span, times)).toBe(true);
    expect(alertHits({ ...a, last_ts: iso(T0 + 90) }, span, times)).toBe(false);
  });

  it('matches anything for a whole-file instance and nothing without spans', () => {
    expect(alertHits(alert(1, T0, []), [{ capture: 'c', kind: 'whole' }], times)).toBe(true);
    expect(alertHits(alert(1, T0, []), [], times)).toBe(false);
  });
});

describe('benign time', () => {
  it('merges and clips attack intervals', () => {
    const times = oneHertz(100);
    expect(
      attackIntervals(
        [
          { capture: 'c', kind: 'window', from: T0 - 10, to: T0 + 5 },
          { capture: 'c', kind: 'frames', ranges: [[4, 10]] },
          { capture: 'c', kind: 'window', from: T0 + 90, to: T0 + 500 },
        ],
        times,
      ),
    ).toEqual([
      [T0, T0 + 9],
      [T0 + 90, T0 + 99],
    ]);
    expect(attackIntervals([{ capture: 'c', kind: 'whole' }], times)).toEqual([[T0, T0 + 99]]);
  });

  it('counts gaps between frames up to MAX_GAP_S and leaves out longer ones', () => {
    // 0..10 s, then a jump of a year (merged traces), then 20 s more; frames out of order.
    const year = 365 * 86400;
    const times = Float64Array.from([T0 + 10, T0, T0 + 5, T0 + year, T0 + year + 20]);
    expect(splitTime(times, [])).toEqual({ attack: 0, benign: 30 });
    expect(splitTime(times, [[T0 + 2, T0 + 7]])).toEqual({ attack: 5, benign: 25 });
    const slow = Float64Array.from([T0, T0 + MAX_GAP_S, T0 + 2 * MAX_GAP_S + 1]);
    expect(splitTime(slow, [])).toEqual({ attack: 0, benign: MAX_GAP_S });
  });
});

describe('scoreDataset', () => {
  const ds: Dataset = {
    id: 'fixture',
    title: 'fixture',
    captures: ['a.pcap', 'b.pcap'],
    instances: [
      {
        id: 'fixture/write',
        attack: 'write',
        expected: ['T0855', 'T0836'],
        reason: 'r',
        spans: [{ capture: 'a.pcap', kind: 'frames', ranges: [[20, 29]] }],
      },
      {
        id: 'fixture/scan',
        attack: 'scan',
        expected: ['T1046'],
        reason: 'r',
        spans: [{ capture: 'a.pcap', kind: 'window', from: T0 + 60, to: T0 + 69 }],
      },
      {
        id: 'fixture/replay',
        attack: 'replay',
        expected: ['T0855'],
        reason: 'r',
        spans: [{ capture: 'b.pcap', kind: 'window', from: T0 + 1100, to: T0 + 1109 }],
      },
    ],
  };
  const runs: CaptureRun[] = [
    {
      capture: 'a.pcap',
      times: oneHertz(3601),
      alerts: [
        alert(21, T0 + 20, ['T0855', 'T0831']), // the write, expected technique
        alert(25, T0 + 24, ['T0855']), // the write again (another rule)
        alert(63, T0 + 62, ['T0846']), // during the scan, other technique only
        alert(300, T0 + 299, ['T0855']), // benign traffic
        alert(301, T0 + 300, ['T0855']), // benign traffic
        alert(3000, T0 + 2999, ['T1046'], [3000]), // benign traffic with the scan technique
      ],
    },
    {
      capture: 'b.pcap',
      times: oneHertz(1801, 1000),
      // Inside a.pcap's write frames by number, but on b.pcap: only b's spans count.
      alerts: [alert(22, T0 + 1021, ['T0855'])],
    },
  ];
  const s = scoreDataset(ds, runs);

  it('counts detected instances only with an expected technique', () => {
    expect([s.instances, s.detected, s.missed, s.unobservable]).toEqual([3, 1, 2, 0]);
    const byId = new Map(s.results.map((r) => [r.id, r]));
    expect(byId.get('fixture/write')?.detected).toBe(true);
    expect(byId.get('fixture/write')?.detectedBy).toHaveLength(2);
    expect(byId.get('fixture/scan')?.detected).toBe(false);
    expect(byId.get('fixture/scan')?.otherAlerts).toEqual(['rule-T0846 [T0846] test']);
    expect(byId.get('fixture/replay')?.detected).toBe(false);
    expect(byId.get('fixture/replay')?.otherAlerts).toEqual([]);
  });

  it('counts alerts outside every instance of their capture as false, by rule', () => {
    expect(s.alerts).toBe(7);
    expect(s.falseAlerts).toBe(4);
    expect(s.falseByRule).toEqual({ 'rule-T0855: test': 3, 'rule-T1046: test': 1 });
    expect(s.falseBySeverity).toEqual({ unknown: 4 });
    expect(
      s.captureScores.map((c) => [c.capture, c.alerts, c.falseAlerts.map((f) => f.frame)]),
    ).toEqual([
      ['a.pcap', 6, [300, 301, 3000]],
      ['b.pcap', 1, [22]],
    ]);
  });

  it('measures benign time outside the attacks and the false alert rate', () => {
    // a.pcap: 3600 s, attacks 9 s (frames 20-29) + 9 s (window); b.pcap: 1800 s, 9 s attack.
    expect(s.attackSeconds).toBeCloseTo(27, 6);
    expect(s.benignSeconds).toBeCloseTo(3600 + 1800 - 27, 6);
    expect(s.falsePerBenignHour).toBeCloseTo(4 / ((5400 - 27) / 3600), 6);
  });

  it('lists an unobservable instance without counting it, and its time stays attack time', () => {
    const hidden: Dataset = {
      ...ds,
      instances: [
        ...ds.instances,
        {
          id: 'fixture/absent',
          attack: 'absent',
          expected: ['T0843'],
          reason: 'r',
          spans: [{ capture: 'a.pcap', kind: 'window', from: T0 + 295, to: T0 + 305 }],
          unobservable: 'the attacker is not in the capture',
        },
      ],
    };
    const h = scoreDataset(hidden, runs);
    expect([h.instances, h.detected, h.missed, h.unobservable]).toEqual([3, 1, 2, 1]);
    expect(h.results.find((r) => r.id === 'fixture/absent')?.unobservable).toBe(
      'the attacker is not in the capture',
    );
    // The two alerts at 300 s fall in its window: no longer false alerts.
    expect(h.falseAlerts).toBe(2);
    expect(h.attackSeconds).toBeCloseTo(37, 6);
  });

  it('adds datasets up in the total', () => {
    const t = totalScore([s, s]);
    expect([t.instances, t.detected, t.falseAlerts, t.alerts]).toEqual([6, 2, 8, 14]);
    expect(t.falseByRule['rule-T0855: test']).toBe(6);
    expect(t.falsePerBenignHour).toBeCloseTo(s.falsePerBenignHour ?? NaN, 6);
    expect(totalScore([]).falsePerBenignHour).toBeNull();
  });
});
