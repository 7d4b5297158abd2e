// Roles of the hosts of the labelled datasets (datasets/README in the shared captures): the
// controllers, the HMIs and the attackers' workstations come out with the right role and the
// evidence for it, and the Purdue level that follows.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '../../src/analysis/assets/record.js';
import { SHARED_PCAPS, haveSharedPcaps, readJsonl, runCli } from '../helpers/shared.js';

/** The captures of a dataset folder whose path matches `re`. */
function analyze(dataset: string, re: RegExp): AssetRecord[] {
  const root = path.join(SHARED_PCAPS, 'datasets', dataset);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => re.test(f))
    .map((f) => path.join(root, f))
    .sort();
  expect(files.length).toBeGreaterThan(0);
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-roles-'));
  const r = runCli(['analyze', ...files, '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  return readJsonl<AssetRecord>(path.join(out, 'assets.jsonl'));
}

function rolesOf(assets: AssetRecord[], ip: string): string[] {
  const a = assets.find((x) => x.ips.includes(ip));
  expect(a, `no asset for ${ip}`).toBeDefined();
  for (const r of a?.roles ?? []) expect(r.evidence.length).toBeGreaterThan(0);
  return (a?.roles ?? []).map((r) => r.role);
}

function levelOf(assets: AssetRecord[], ip: string): number | undefined {
  return assets.find((x) => x.ips.includes(ip))?.purdue_level;
}

describe.skipIf(!haveSharedPcaps())('roles of the labelled datasets', () => {
  it('QUT S7comm: the PLC, the HMI and the attacker writing set-points', () => {
    const a = analyze('qut-s7comm', /\.pcap$/);
    expect(rolesOf(a, '10.10.10.10')).toEqual(['plc']);
    expect(levelOf(a, '10.10.10.10')).toBe(1);
    expect(rolesOf(a, '10.10.10.20')).toEqual(['hmi_scada']);
    expect(levelOf(a, '10.10.10.20')).toBe(2);
    // 17,666 Write Var against 6 reads: someone changing the process by hand.
    expect(rolesOf(a, '10.10.10.66')).toEqual(['engineering_workstation']);
  }, 120_000);

  it('Lemay Modbus: the master polls six RTUs; the compromised one writes a coil', () => {
    const a = analyze('lemay-modbus', /^send_a_fake_command_.*\.pcap$/);
    for (const rtu of [
      '192.168.1.102',
      '192.168.1.103',
      '192.168.1.104',
      '192.168.1.105',
      '192.168.1.106',
    ])
      expect(rolesOf(a, rtu)).toEqual(['plc']);
    expect(rolesOf(a, '192.168.1.100')[0]).toBe('hmi_scada');
    expect(rolesOf(a, '192.168.1.101')).toEqual(['plc', 'engineering_workstation']);
  }, 120_000);

  it('QUT DNP3: the master, the outstation, the GOOSE publisher and the attacker', () => {
    const a = analyze('qut-dnp3', /\.pcap$/);
    expect(rolesOf(a, '192.168.10.221')).toEqual(['hmi_scada']);
    // The attacker polls and commands the outstation like a second master, and swept the
    // subnet for DNP3 first (nmap): the sweep's footprint is what sets it apart.
    const attacker = a.find((x) => x.ips.includes('192.168.10.66'));
    expect(rolesOf(a, '192.168.10.66')).toEqual(expect.arrayContaining(['scanner', 'hmi_scada']));
    expect(attacker?.probes?.ports).toBe(2);
    expect(attacker?.roles?.find((r) => r.role === 'scanner')?.evidence[0]).toMatch(
      /never answered, the first in frame \d+/,
    );
    expect(rolesOf(a, '192.168.10.222')).toEqual(['rtu']);
    expect(levelOf(a, '192.168.10.222')).toBe(1);
    expect(rolesOf(a, '192.168.10.185')).toEqual(['ied']);
  }, 120_000);
});
