// Suppressions (validated, expiring, matched by rule and networks), severity raising, and the end-of-run merge that applies them.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { AlertCollection, type Alert, type AlertCandidate } from '../alerts.js';
import type { AssetRecord } from '../assets/record.js';
import { collectAlerts } from './finish.js';
import { raiseSeverity } from './severity.js';
import { parseSuppressions, Suppressor } from './suppress.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');

function candidate(over: Partial<AlertCandidate> = {}): AlertCandidate {
  return {
    ts: '2026-05-01T10:00:00.000000Z',
    frame: 1,
    rule_id: 'r-1',
    title: 't',
    severity: 'medium',
    source: 'rule',
    technique_ids: ['T0855'],
    src_ip: '10.0.0.5',
    dst_ip: '10.0.1.9',
    proto: 'modbus',
    flow: '1:1',
    evidence: { frames: [1], events: [] },
    ...over,
  };
}

describe('suppression files', () => {
  it('loads entries, ignores expired ones with a warning', () => {
    const text = `- rule_id: r-1
  reason: commissioning the new line (CHG-1)
  expires: 2026-12-31
- src: 10.0.0.0/24
  dst: 10.0.1.9
  reason: historian polling
  expires: 2026-05-31T12:00:00Z
`;
    const r = parseSuppressions(text, 's.yml', NOW);
    expect(r.entries.map((e) => e.reason)).toEqual(['commissioning the new line (CHG-1)']);
    expect(r.warnings).toEqual([
      's.yml:4:3: suppression expired on 2026-05-31T12:00:00Z, ignored (historian polling)',
    ]);
  });

  it('a date alone lasts to the end of that day', () => {
    const r = parseSuppressions(
      '- rule_id: r\n  reason: why not\n  expires: 2026-05-31\n',
      's.yml',
      Date.parse('2026-05-31T23:00:00Z'),
    );
    expect(r.entries).toHaveLength(1);
  });

  it.each([
    ['- rule_id: r\n  expires: 2026-12-31\n', /s\.yml:1:3: 0: missing required property 'reason'/],
    ['- reason: no target\n  expires: 2026-12-31\n', /missing required property 'rule_id'/],
    [
      '- rule_id: r\n  reason: why\n  expires: tomorrow\n',
      /s\.yml:3:12: 0\.expires: expected text matching/,
    ],
    [
      '- src: 10.0.0.0/40\n  reason: why\n  expires: 2026-12-31\n',
      /s\.yml:1:8: '10\.0\.0\.0\/40' is not an address or network/,
    ],
    [
      '- rule_id: r\n  reason: why\n  expires: 2026-12-31\n  colour: red\n',
      /unknown property 'colour'/,
    ],
    ['rule_id: r\n', /the file: expected array/],
    ['- [unclosed\n', /s\.yml:\d+:\d+:/],
  ])('refuses %j', (text, msg) => {
    expect(() => parseSuppressions(text, 's.yml', NOW)).toThrow(msg);
  });

  it('an entry covers alerts matching every field it sets', () => {
    const s = new Suppressor([
      { rule_id: 'R-1', reason: 'x', expires: '2099-01-01' },
      { src: '192.168.0.0/16', dst: '10.0.1.0/24', reason: 'y', expires: '2099-01-01' },
      { dst: '2001:db8::/32', reason: 'z', expires: '2099-01-01' },
    ]);
    expect(s.covers({ rule_id: 'r-1', src_ip: '1.2.3.4', dst_ip: null })).toBe(true);
    expect(s.covers({ rule_id: 'r-2', src_ip: '192.168.3.3', dst_ip: '10.0.1.200' })).toBe(true);
    expect(s.covers({ rule_id: 'r-2', src_ip: '192.168.3.3', dst_ip: '10.0.2.1' })).toBe(false);
    expect(s.covers({ rule_id: 'r-2', src_ip: null, dst_ip: '2001:db8::1' })).toBe(true);
    expect(s.covers({ rule_id: 'r-2', src_ip: '10.0.0.1', dst_ip: null })).toBe(false);
  });
});

describe('collectAlerts', () => {
  it('merges engine alerts, drops suppressed ones and counts their occurrences', () => {
    const c = new AlertCollection();
    c.add(candidate(), '');
    c.add(candidate({ frame: 2 }), '');
    c.add(candidate({ rule_id: 'r-2' }), '');
    const counters = new Counters();
    const out = collectAlerts(
      { alerts: c.snapshot() },
      {
        pack: null,
        suppressions: [{ rule_id: 'r-1', reason: 'known', expires: '2099-01-01' }],
        counters,
      },
    );
    expect(out.list().map((a) => a.rule_id)).toEqual(['r-2']);
    expect(counters.get('rules.suppressed')).toBe(2);
  });
});

describe('raiseSeverity', () => {
  const alert = (
    dst: string,
    severity: Alert['severity'] = 'medium',
    source: Alert['source'] = 'rule',
  ): Alert => ({
    ...candidate({ dst_ip: dst, severity, source }),
    id: 'A1',
    count: 1,
    last_ts: '2026-05-01T10:00:00.000000Z',
  });
  const site = {
    version: 1 as const,
    zones: [
      { id: 'cell', purdue_level: 1, members: [{ cidr: '10.0.1.0/24' }] },
      { id: 'ops', purdue_level: 3, members: [{ cidr: '10.0.3.0/24' }] },
    ],
    assets: [{ id: 'hist', ip: '10.0.3.7', criticality: 'critical' as const }],
  };

  it('raises one step for level 0-1 zones and critical assets of the site model', () => {
    const list = [
      alert('10.0.1.9'),
      alert('10.0.3.7', 'high'),
      alert('10.0.3.8'),
      alert('10.0.1.9', 'critical'),
    ];
    expect(raiseSeverity(list, { site })).toBe(2);
    expect(list.map((a) => a.severity)).toEqual(['high', 'critical', 'medium', 'critical']);
    expect(list[0]!.evidence.explanation).toBe(
      'severity raised from medium: destination 10.0.1.9 is in zone cell at Purdue level 1',
    );
    expect(list[1]!.evidence.explanation).toMatch(/critical asset hist/);
  });

  it('raises for assets the inventory inferred at level 0-1, rule and intel alerts only', () => {
    const assets = [{ ips: ['10.9.9.9'], purdue_level: 1 } as unknown as AssetRecord];
    const list = [
      alert('10.9.9.9'),
      alert('10.9.9.9', 'medium', 'policy'),
      alert('10.9.9.8', 'low'),
      alert('10.9.9.9', 'high', 'intel'),
    ];
    raiseSeverity(list, { assets });
    expect(list.map((a) => a.severity)).toEqual(['high', 'medium', 'low', 'critical']);
  });
});
