// The site model as code, end to end on the shared captures: a suggested model passes its own
// traffic with no violation, traffic it does not allow is reported with the rule it broke, the
// firewall export is accepted by nftables, and a broken model file is refused with positions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/analysis/alerts.js';
import { REPO_ROOT, SHARED_PCAPS, haveSharedPcaps, haveTool, runCli } from '../helpers/shared.js';

function captures(dir: string, re: RegExp): string[] {
  const root = path.join(SHARED_PCAPS, dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => re.test(f))
    .map((f) => path.join(root, f))
    .sort();
}

function suggest(files: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-site-')), 'site.yml');
  const r = runCli(['site', 'suggest', ...files, '--out', file]);
  expect(r.status, r.stderr).toBe(0);
  return file;
}

function check(site: string, files: string[]): { status: number | null; alerts: Alert[] } {
  const r = runCli(['site', 'check', '--site', site, '--json', ...files]);
  expect(r.stderr).toBe('');
  return {
    status: r.status,
    alerts: r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Alert),
  };
}

const nft = haveTool('nft', '--version');

describe.skipIf(!haveSharedPcaps())('site model on real traffic', () => {
  it.each([
    ['qut-s7comm', () => captures('datasets/qut-s7comm', /\.pcap$/)],
    ['lemay-modbus', () => captures('datasets/lemay-modbus', /^send_a_fake_command.*\.pcap$/)],
    ['IT lateral movement', () => captures('it-attacks/pcap-attack/Lateral_Movement', /\.pcapng$/)],
    ['EtherNet/IP', () => captures('enip-cip', /^[^/]*\.pcap$/)],
  ])(
    '%s: suggest then check the same traffic gives no violation',
    (_name, files) => {
      const f = files();
      expect(f.length).toBeGreaterThan(0);
      const site = suggest(f);
      const res = check(site, f);
      expect(res.alerts.map((a) => `${a.rule_id}: ${a.title}`)).toEqual([]);
      expect(res.status).toBe(0);
      if (nft) {
        const rules = path.join(path.dirname(site), 'site.nft');
        expect(runCli(['site', 'export', '--site', site, '--out', rules]).status).toBe(0);
        const n = spawnSync('nft', ['-c', '-f', rules], { encoding: 'utf8' });
        expect(n.stderr).toBe('');
        expect(n.status).toBe(0);
      }
    },
    180_000,
  );

  it('reports the attacker writing to the PLC against a model learnt from the HMI', () => {
    const hmi = captures('datasets/qut-s7comm', /\.hmi\.pcap$/);
    const attacker = captures('datasets/qut-s7comm', /\.attacker\.pcap$/);
    const site = suggest(hmi);
    const res = check(site, attacker);
    expect(res.status).toBe(1);
    const writes = res.alerts.filter((a) => a.rule_id === 'policy.operation_not_allowed');
    expect(writes.length).toBeGreaterThan(0);
    for (const a of writes) {
      expect(a).toMatchObject({
        src_ip: '10.10.10.66',
        dst_ip: '10.10.10.10',
        proto: 's7comm',
        source: 'policy',
      });
      expect(a.technique_ids.length).toBeGreaterThan(0);
      expect(a.policy?.conduit).toBeDefined();
      expect(a.evidence.explanation).toMatch(/^conduit '/);
    }
  }, 180_000);
});

describe('site model files', () => {
  it('exports the example plant to rules nftables accepts, and iptables-restore input', () => {
    const plant = path.join(REPO_ROOT, 'test/fixtures/site/plant.yml');
    const out = runCli(['site', 'export', '--site', plant]);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('tcp dport { 502 }');
    expect(out.stdout).toContain(
      'meta day { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" } meta hour "06:00"-"22:00"',
    );
    if (nft) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-nft-')), 'plant.nft');
      writeFileSync(file, out.stdout);
      const n = spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8' });
      expect(n.stderr).toBe('');
      expect(n.status).toBe(0);
    }
    const ipt = runCli(['site', 'export', '--site', plant, '--format', 'iptables']);
    expect(ipt.stdout).toMatch(
      /^-A FORWARD -s 10\.20\.0\.0\/24 -d 10\.30\.0\.0\/24 -p tcp -m multiport --dports 502 -m time --weekdays Mon,Tue,Wed,Thu,Fri --timestart 06:00 --timestop 22:00/m,
    );
    expect(ipt.stdout.trim().endsWith('COMMIT')).toBe(true);
  });

  it('refuses a broken model with file, line and column', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-site-')), 'bad.yml');
    writeFileSync(
      file,
      'version: 1\nzones:\n  - id: a\n    members: [{ cidr: 10.0.0.0/8 }]\nconduits:\n  - { id: c, from: a, to: b, allow: [] }\n',
    );
    const r = runCli(['site', 'validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:6:27: unknown zone 'b'`);
    const ok = runCli(['site', 'validate', path.join(REPO_ROOT, 'test/fixtures/site/plant.yml')]);
    expect(ok.stdout).toContain('valid (4 zones');
  });
});
