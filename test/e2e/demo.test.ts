// `palisade demo` (what `npm start` runs): the bundled samples analysed with the built-in
// detection rules, so the first run already shows alerts (the S7 program download sample, the
// nmap scan) next to the inventory.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/analysis/alerts.js';
import { readJsonl, runCli } from '../helpers/shared.js';

describe('palisade demo', () => {
  it('analyses the samples with the built-in rules', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-demo-'));
    const r = runCli(['demo', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      alerts: number;
      assets: number;
      counters: Record<string, number>;
    };
    expect(summary.counters['rules.loaded']).toBeGreaterThan(600);
    const alerts = readJsonl<Alert>(path.join(out, 'alerts.jsonl'));
    expect(alerts.length).toBe(summary.alerts);
    const titles = new Set(alerts.map((a) => a.title));
    expect(titles).toContain('S7 program block download');
    for (const a of alerts) {
      expect(a.technique_ids.length).toBeGreaterThan(0);
      expect(a.source).toMatch(/^(rule|anomaly|policy|intel)$/);
    }
  }, 120_000);
});
