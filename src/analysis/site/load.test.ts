import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers/shared.js';
import { MAX_SITE_BYTES, SiteModelError, loadSiteModel, parseSiteModel } from './load.js';

function problems(text: string): string[] {
  try {
    parseSiteModel(text, 'site.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(SiteModelError);
    return (err as SiteModelError).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  }
  return [];
}

describe('site model loading', () => {
  it('reads the example plant', () => {
    const m = loadSiteModel(path.join(REPO_ROOT, 'test/fixtures/site/plant.yml'));
    expect(m.zones.map((z) => z.id)).toEqual([
      'enterprise',
      'operations',
      'supervisory',
      'control',
    ]);
    expect(m.conduits?.[0]?.allow[0]).toEqual({
      protocol: 'modbus',
      operations: ['read'],
      function_codes: [3, 4],
      from_assets: ['hmi-1'],
    });
  });

  it('names line and column of schema errors, and what was expected', () => {
    const text = [
      'version: 1', // 1
      'zones:', // 2
      '  - id: control', // 3
      '    purdue_level: 7', // 4
      '    members:', // 5
      '      - cidr: 10.0.0.0/8', // 6
      '    colour: red', // 7
      '  - name: nameless', // 8
      '    members: []', // 9
    ].join('\n');
    expect(problems(text)).toEqual([
      "7:5 zones.0: unknown property 'colour'",
      '4:19 zones.0.purdue_level: expected one of 0, 1, 2, 3, 3.5, 4, 5',
      "8:5 zones.1: missing required property 'id'",
    ]);
  });

  it('checks references, duplicates, networks and windows', () => {
    const text = [
      'version: 1',
      'zones:',
      '  - { id: a, members: [{ cidr: 10.0.0.0/33 }] }',
      '  - { id: a, members: [{ asset: ghost }] }',
      'assets:',
      '  - { id: h1, ip: 10.0.0.1, zone: nowhere }',
      'conduits:',
      '  - id: c1',
      '    from: a',
      '    to: b',
      '    allow: [{ protocol: modbus, from_assets: [h2] }]',
      '    windows: [{ from: "18:00", to: "06:00" }]',
    ].join('\n');
    expect(problems(text)).toEqual([
      "4:11 duplicate zone id 'a'",
      "6:35 unknown zone 'nowhere'",
      "3:32 '10.0.0.0/33' is not an IPv4 or IPv6 network",
      "4:33 unknown asset 'ghost'",
      "10:9 unknown zone 'b'",
      "11:47 unknown asset 'h2'",
      "12:15 'from' must be earlier than 'to'",
    ]);
  });

  it('reports YAML syntax errors where they are', () => {
    expect(problems('version: 1\nzones: [\n  - id: x\n')[0]).toMatch(/^\d+:\d+ /);
    expect(problems('version: 1\nversion: 2\nzones: []\n')[0]).toMatch(
      /^2:1 .*[Uu]nique|^2:1 .*duplicate/i,
    );
  });

  it('refuses alias bombs and oversized files', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'version: 1',
      'zones: [*d]',
    ].join('\n');
    expect(problems(bomb).join()).toMatch(/alias/i);
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-site-'));
    const big = path.join(dir, 'big.yml');
    writeFileSync(big, '#'.repeat(MAX_SITE_BYTES + 1));
    expect(() => loadSiteModel(big)).toThrow(/larger than/);
    expect(() => loadSiteModel(path.join(dir, 'missing.yml'))).toThrow(/cannot read site model/);
  });
});
