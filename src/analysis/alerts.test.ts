import { describe, expect, it } from 'vitest';

import { AlertCollection, DEDUP_GAP_S, type AlertCandidate } from './alerts.js';

const T0 = Date.parse('2016-09-23T07:00:00.000Z');

/** A candidate of rule R between two fixed hosts, `s` seconds after 07:00, at frame `f`. */
function cand(s: number, f: number, rule = 'R', src = '10.0.0.66'): AlertCandidate {
  return {
    ts: new Date(T0 + s * 1000).toISOString(),
    frame: f,
    rule_id: rule,
    title: 'ARP binding changed',
    severity: 'high',
    source: 'rule',
    technique_ids: ['T0830'],
    src_ip: src,
    dst_ip: '10.0.0.222',
    proto: 'arp',
    flow: '',
    evidence: { frames: [f], events: [{ frame: f }] },
  };
}

function summary(c: AlertCollection): string[] {
  return c.list().map((a) => `${a.ts.slice(11, 19)}..${a.last_ts.slice(11, 19)} x${a.count}`);
}

describe('AlertCollection episodes', () => {
  it('counts repeats within the gap on one alert and opens another after a quiet gap', () => {
    const c = new AlertCollection();
    // Bursts at 07:09, 07:30 and 07:41: 21 and 11 minutes apart, both more than the gap.
    for (let i = 0; i < 5; i++) c.add(cand(9 * 60 + i, 100 + i), '');
    for (let i = 0; i < 3; i++) c.add(cand(30 * 60 + i, 200 + i), '');
    for (let i = 0; i < 2; i++) c.add(cand(41 * 60 + i, 300 + i), '');
    expect(summary(c)).toEqual([
      '07:09:00..07:09:04 x5',
      '07:30:00..07:30:02 x3',
      '07:41:00..07:41:01 x2',
    ]);
    expect(c.list()[1]?.evidence.frames).toEqual([200, 201, 202]);
  });

  it('joins two episodes when an occurrence falls between them', () => {
    const c = new AlertCollection();
    const gap = DEDUP_GAP_S;
    c.add(cand(0, 1), '');
    c.add(cand(2 * gap - 10, 3), '');
    expect(c.list()).toHaveLength(2);
    c.add(cand(gap - 5, 2), '');
    expect(summary(c)).toEqual([
      `07:00:00..${new Date(T0 + (2 * gap - 10) * 1000).toISOString().slice(11, 19)} x3`,
    ]);
    expect(c.list()[0]?.evidence.frames).toEqual([1, 2, 3]);
  });

  it('keeps hours and rules apart', () => {
    const c = new AlertCollection();
    c.add(cand(3590, 1), '');
    c.add(cand(3610, 2), '');
    c.add(cand(3611, 3, 'S'), '');
    expect(c.list().map((a) => `${a.rule_id}:${a.count}`)).toEqual(['R:1', 'R:1', 'S:1']);
  });

  it('gives the same alerts however the occurrences are split over engines', () => {
    // Occurrences of two rules with irregular gaps, some more than the gap apart.
    const times: number[] = [];
    let t = 0;
    for (let i = 0; i < 60; i++) {
      t += [5, 40, 700, 3, 590, 610, 120][i % 7] as number;
      times.push(t);
    }
    const one = new AlertCollection();
    times.forEach((s, i) => one.add(cand(s, i + 1, i % 3 === 0 ? 'S' : 'R'), ''));
    const expected = one.list();
    for (const shards of [2, 3, 5]) {
      const parts = Array.from({ length: shards }, () => new AlertCollection());
      // Out of time order inside each shard too: reversed.
      [...times.entries()]
        .reverse()
        .forEach(([i, s]) =>
          (parts[(i * 7) % shards] as AlertCollection).add(
            cand(s, i + 1, i % 3 === 0 ? 'S' : 'R'),
            '',
          ),
        );
      const all = new AlertCollection();
      for (const p of parts) all.mergeSnapshot(p.snapshot());
      expect(all.list()).toEqual(expected);
    }
  });

  it('adds counted repeats to the episode they belong to', () => {
    const c = new AlertCollection();
    c.add(cand(0, 1), '');
    c.add(cand(1800, 9), '');
    const key = `R|10.0.0.66|10.0.0.222||${Math.floor(T0 / 1000 / 3600)}`;
    expect(c.addRepeats(key, 4, new Date(T0 + 60_000).toISOString())).toBe(true);
    expect(c.addRepeats(key, 4, new Date(T0 + 900_000).toISOString())).toBe(false);
    expect(summary(c)).toEqual(['07:00:00..07:01:00 x5', '07:30:00..07:30:00 x1']);
  });
});
