// STIX bundles as hostile input: caps on size, depth and objects, per-object validation, and
// relationships resolved into the names and techniques an intel alert carries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACK_TECHNIQUES } from '../rules/attack-ids.js';
import { defaultTechniques, isKnownTechnique, TACTIC_TECHNIQUES } from './attack.js';
import { BundleReader, jsonDepth, MAX_JSON_DEPTH, readBundles } from './bundle.js';

const T0 = '2020-01-01T00:00:00.000Z';
const T1 = '2021-01-01T00:00:00.000Z';
const id = (type: string, k: number): string =>
  `${type}--00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;

function indicator(k: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: id('indicator', k),
    created: T0,
    modified: T0,
    name: `indicator ${k}`,
    pattern: `[ipv4-addr:value = '198.51.100.${k}']`,
    pattern_type: 'stix',
    valid_from: '2020-01-01T00:00:00Z',
    ...extra,
  };
}

function sdo(
  type: string,
  k: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type,
    spec_version: '2.1',
    id: id(type, k),
    created: T0,
    modified: T0,
    name: `${type} ${k}`,
    ...extra,
  };
}

function rel(k: number, type: string, src: string, dst: string): Record<string, unknown> {
  return sdo('relationship', k, {
    relationship_type: type,
    source_ref: src,
    target_ref: dst,
    name: undefined,
  });
}

const bundle = (objects: unknown[]): string =>
  JSON.stringify({ type: 'bundle', id: id('bundle', 1), objects });

describe('BundleReader', () => {
  it('resolves indicates, attributed-to and uses into related objects and techniques', () => {
    const ap = sdo('attack-pattern', 1, {
      name: 'Application Layer Protocol',
      external_references: [{ source_name: 'mitre-attack', external_id: 't1071.001' }],
    });
    const ap2 = sdo('attack-pattern', 2, {
      external_references: [{ source_name: 'mitre-ics-attack', external_id: 'T0869' }],
    });
    const objects = [
      indicator(1),
      sdo('malware', 1, { name: 'Industroyer', is_family: true }),
      sdo('intrusion-set', 1, { name: 'Sandworm' }),
      sdo('campaign', 1, { name: 'Kyiv 2016' }),
      ap,
      ap2,
      rel(1, 'indicates', id('indicator', 1), id('malware', 1)),
      rel(2, 'uses', id('intrusion-set', 1), id('malware', 1)),
      rel(3, 'uses', id('malware', 1), id('attack-pattern', 2)),
      rel(4, 'indicates', id('indicator', 1), id('attack-pattern', 1)),
      rel(5, 'attributed-to', id('campaign', 1), id('intrusion-set', 1)),
      rel(6, 'indicates', id('indicator', 2), id('campaign', 1)),
      indicator(2, {
        kill_chain_phases: [
          { kill_chain_name: 'mitre-ics-attack', phase_name: 'impair-process-control' },
        ],
      }),
      indicator(3, {
        kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'T1571' }],
      }),
      indicator(4, { pattern: "[file:hashes.MD5 = 'aa']" }),
      indicator(5, {
        kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'T9999' }],
      }),
    ];
    const d = readBundles([{ text: bundle(objects), source: 'b.json' }]);
    expect(d.errors).toEqual([]);
    const [i1, i2, i3, i4] = d.indicators;
    expect(i1?.related.map((r) => `${r.type} ${r.name}`)).toEqual([
      'malware Industroyer',
      'intrusion-set Sandworm',
    ]);
    expect(i1?.techniqueIds).toEqual(['T1071.001', 'T0869']);
    expect(i2?.related.map((r) => r.name)).toEqual(['Kyiv 2016', 'Sandworm']);
    expect(i2?.techniqueIds).toEqual(['T0855']);
    expect(i3?.techniqueIds).toEqual(['T1571']);
    expect(i4?.techniqueIds).toEqual(['T1105']);
    expect(d.indicators[4]?.techniqueIds).toEqual(['T1071']);
    expect(d.counters['intel.techniques_unknown']).toBe(1);
    expect(d.counters['intel.indicators']).toBe(5);
  });

  it('keeps the latest version of an object and drops revoked ones', () => {
    const r = new BundleReader();
    r.addText(bundle([indicator(1, { name: 'old' }), indicator(2)]), 'a');
    r.addText(
      bundle([
        indicator(1, { name: 'new', modified: T1 }),
        indicator(2, { modified: T1, revoked: true }),
      ]),
      'b',
    );
    r.addText(bundle([indicator(1, { name: 'older', modified: '2019-01-01T00:00:00Z' })]), 'c');
    const d = r.build();
    expect(d.indicators.map((i) => i.name)).toEqual(['new']);
    expect(d.counters['intel.objects_revoked']).toBe(1);
  });

  it('skips and counts invalid indicators, never throws', () => {
    const objects = [
      indicator(1, { pattern: "[ipv4-addr:value = '1.2.3.4'" }),
      indicator(2, { pattern_type: 'snort', pattern: 'alert tcp any any -> any any' }),
      indicator(3, { valid_from: 'yesterday' }),
      indicator(4, { valid_until: '2019-01-01T00:00:00Z' }),
      indicator(5, { pattern: 42 }),
      indicator(6, { indicator_types: ['benign'] }),
      indicator(7, { spec_version: '2.0' }),
      { type: 'indicator', id: 'indicator--not-a-uuid' },
      { type: 'malware', id: id('indicator', 9) },
      'a string',
      null,
      [1, 2],
      indicator(10, { name: 'x'.repeat(5000), confidence: 20 }),
    ];
    const d = readBundles([{ text: bundle(objects), source: 'bad.json' }]);
    expect(d.indicators.map((i) => i.id)).toEqual([id('indicator', 10)]);
    expect(d.indicators[0]?.name.length).toBeLessThanOrEqual(201);
    expect(d.indicators[0]?.severity).toBe('low');
    expect(d.counters).toMatchObject({
      'intel.indicators_pattern_invalid': 1,
      'intel.indicators_pattern_type_unsupported': 1,
      'intel.indicators_invalid': 4,
      'intel.indicators_benign': 1,
      'intel.objects_invalid': 5,
    });
    expect(d.problems.find((p) => p.id === id('indicator', 1))).toMatchObject({
      column: 29,
      source: 'bad.json',
    });
  });

  it('refuses texts that are not bundles, too deep, or not JSON', () => {
    const deep = '{"type":"bundle","objects":[' + '['.repeat(200) + ']'.repeat(200) + ']}';
    const d = readBundles([
      { text: deep, source: 'deep.json' },
      { text: '{"type":"bundle",', source: 'cut.json' },
      { text: '[]', source: 'list.json' },
      { text: '{"type":"indicator"}', source: 'single.json' },
      { text: '{"type":"bundle","objects":{}}', source: 'obj.json' },
    ]);
    expect(d.errors).toHaveLength(5);
    expect(d.errors[0]).toMatch(/deep.json: JSON nested deeper than 64/);
    expect(d.errors[1]).toMatch(/cut.json: not JSON/);
    expect(d.counters['intel.bundles_refused']).toBe(5);
  });

  it('never throws on arbitrary JSON values in place of objects and properties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }),
        fc.jsonValue({ maxDepth: 3 }),
        (junk, v) => {
          const r = new BundleReader();
          r.addDocument(
            {
              type: 'bundle',
              objects: [
                ...junk,
                indicator(1, { pattern: v, valid_until: v, name: v, kill_chain_phases: v }),
                rel(1, 'indicates', id('indicator', 1), String(v)),
              ],
            },
            'fuzz',
          );
          r.addDocument(v, 'fuzz');
          const d = r.build();
          return d.indicators.every((i) => i.techniqueIds.length > 0);
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });

  it('maps every tactic to a technique of that tactic, and defaults to real techniques', () => {
    for (const [key, t] of Object.entries(TACTIC_TECHNIQUES)) {
      const [chain, tactic] = key.split('/') as [string, string];
      const entry = ATTACK_TECHNIQUES[t];
      expect(entry?.[1], key).toBe(chain === 'mitre-ics-attack' ? 'ics' : 'enterprise');
      expect(entry?.[2], key).toContain(tactic);
    }
    for (const p of [
      "[file:hashes.MD5 = 'a']",
      "[x509-certificate:serial_number = '1']",
      "[url:value = 'x']",
    ]) {
      for (const t of defaultTechniques(p)) expect(isKnownTechnique(t)).toBe(true);
    }
  });

  it('measures JSON depth outside strings', () => {
    expect(jsonDepth('{"a":"[[[[{{{{","b":[1,{"c":2}]}', MAX_JSON_DEPTH)).toBe(3);
    expect(jsonDepth('"\\"[[["', MAX_JSON_DEPTH)).toBe(0);
  });

  it('reads a TAXII envelope as a bundle', () => {
    const d = readBundles([
      { text: JSON.stringify({ more: false, objects: [indicator(1)] }), source: 'env' },
    ]);
    expect(d.indicators).toHaveLength(1);
  });
});
