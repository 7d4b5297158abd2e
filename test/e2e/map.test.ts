// `palisade map` turns an analysis into a network map in each format, and says clearly when
// the directory is not an analysis.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/shared.js';

describe('palisade map', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-map-'));
  const capture = path.join(REPO_ROOT, 'samples', 'modbus_test_data_part1.pcap');

  it('exports the map of an analysis as JSON, GraphML and DOT', () => {
    expect(runCli(['analyze', capture, '--out', out]).status).toBe(0);
    const json = runCli(['map', out]);
    expect(json.status, json.stderr).toBe(0);
    const map = JSON.parse(json.stdout) as {
      nodes: { roles: string[] }[];
      edges: { protocol: string }[];
    };
    expect(map.nodes.some((n) => n.roles.includes('plc'))).toBe(true);
    expect(map.edges.some((e) => e.protocol === 'modbus')).toBe(true);
    const file = path.join(out, 'map.graphml');
    expect(runCli(['map', out, '--format', 'graphml', '--out', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('<graphml');
    const dot = runCli(['map', out, '-f', 'dot']);
    expect(dot.stdout).toMatch(/^digraph palisade \{/);
  });

  it('names the missing file and rejects an unknown format', () => {
    const r = runCli(['map', path.join(out, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('assets.jsonl');
    expect(runCli(['map', out, '--format', 'svg']).status).toBe(2);
  });
});
