// Threat intelligence end to end through the built CLI: a STIX bundle naming addresses, domains
// and a URL seen in two shared it-attacks captures (DNS TXT command and control, the Foudre
// backdoor) raises intel alerts that name the indicator and the malware and actor, identical
// with --workers 2; `intel check` lists bad patterns; `intel fetch` and `analyze --taxii` read a
// TAXII 2.1 server started on 127.0.0.1.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  readJsonl,
  runCli,
} from '../helpers/shared.js';
import { startTaxiiServer, type TaxiiServer } from '../helpers/taxii-server.js';

const DNS_C2 = path.join(
  SHARED_PCAPS,
  'it-attacks/pcap-attack/Command_and_Control/cmds_over_dns_txt_queries_and_reponses.pcap',
);
const FOUDRE = path.join(
  SHARED_PCAPS,
  'it-attacks/pcap-attack/Command_and_Control/C2_Foudre_Backdoor_DGA.pcapng',
);
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'palisade-intel-'));
const T = '2020-01-01T00:00:00.000Z';
const id = (type: string, k: number): string =>
  `${type}--6d1c2a3e-0000-4000-8000-${String(k).padStart(12, '0')}`;

function ind(
  k: number,
  name: string,
  pattern: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: id('indicator', k),
    created: T,
    modified: T,
    name,
    pattern,
    pattern_type: 'stix',
    valid_from: '2019-01-01T00:00:00Z',
    indicator_types: ['malicious-activity'],
    ...extra,
  };
}

function sdo(
  type: string,
  k: number,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type, spec_version: '2.1', id: id(type, k), created: T, modified: T, name, ...extra };
}

function rel(k: number, type: string, src: string, dst: string): Record<string, unknown> {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: id('relationship', k),
    created: T,
    modified: T,
    relationship_type: type,
    source_ref: src,
    target_ref: dst,
  };
}

const OBJECTS = [
  ind(1, 'DNS TXT C2 name server', "[domain-name:value = 'l.ns.ostrykebs.pl']"),
  ind(2, 'DNS TXT C2 subdomains', "[domain-name:value LIKE '%.ns.ostrykebs.pl']"),
  ind(3, 'Foudre C2 address', "[ipv4-addr:value = '185.56.137.0/24']"),
  ind(
    4,
    'Foudre signature download',
    "[url:value = 'http://db54a845.top/de/db54a845.top2020298.sig']",
  ),
  ind(5, 'Expired resolver indicator', "[ipv4-addr:value = '8.8.8.8']", {
    valid_until: '2019-06-01T00:00:00Z',
  }),
  ind(
    6,
    'DNS C2 staging',
    "([domain-name:value = 'l.ns.ostrykebs.pl'] FOLLOWEDBY [domain-name:value = 'l.1.ns.ostrykebs.pl']) WITHIN 60 SECONDS",
  ),
  ind(7, 'Revoked victim', "[ipv4-addr:value = '10.0.2.15']", { revoked: true }),
  ind(8, 'Broken', "[ipv4-addr:value = '10.0.2.15'"),
  sdo('malware', 1, 'Foudre', { is_family: true }),
  sdo('intrusion-set', 1, 'Infy'),
  sdo('malware', 2, 'DNS TXT backdoor', { is_family: true }),
  sdo('attack-pattern', 1, 'DNS', {
    external_references: [{ source_name: 'mitre-attack', external_id: 'T1071.004' }],
  }),
  rel(1, 'indicates', id('indicator', 3), id('malware', 1)),
  rel(2, 'indicates', id('indicator', 4), id('malware', 1)),
  rel(3, 'attributed-to', id('malware', 1), id('intrusion-set', 1)),
  rel(4, 'indicates', id('indicator', 1), id('malware', 2)),
  rel(5, 'indicates', id('indicator', 2), id('malware', 2)),
  rel(6, 'uses', id('malware', 2), id('attack-pattern', 1)),
];

const bundleText = JSON.stringify({ type: 'bundle', id: id('bundle', 1), objects: OBJECTS });

interface Alert {
  rule_id: string;
  title: string;
  source: string;
  severity: string;
  technique_ids: string[];
  src_ip: string;
  dst_ip: string;
  count: number;
  evidence: { frames: number[]; events: { frame: number }[]; explanation?: string };
}

/** Runs the CLI without blocking this process (the TAXII server answers from here). */
function runAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, TZ: 'UTC', ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.runIf(haveSharedPcaps())('palisade analyze --intel', () => {
  it('raises intel alerts naming the indicator, malware and actor, the same with --workers 2', () => {
    const dir = tmp();
    const bundle = path.join(dir, 'intel.json');
    writeFileSync(bundle, bundleText);
    const outs = [1, 2].map((w) => {
      const out = path.join(dir, `out${w}`);
      const r = runCli([
        'analyze',
        DNS_C2,
        FOUDRE,
        '--out',
        out,
        '--no-builtin-rules',
        '--intel',
        bundle,
        '--workers',
        String(w),
        '--json',
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/6 STIX indicators loaded, 1 skipped/);
      return out;
    });
    const [a1, a2] = outs.map((o) => readFileSync(path.join(o as string, 'alerts.jsonl'), 'utf8'));
    expect(a2).toBe(a1);
    const alerts = readJsonl<Alert>(path.join(outs[0] as string, 'alerts.jsonl'));
    const byRule = (k: number): Alert[] => alerts.filter((a) => a.rule_id === id('indicator', k));
    for (const a of alerts) {
      expect(a.source).toBe('intel');
      expect(a.technique_ids.length).toBeGreaterThan(0);
    }
    // Exact name: the query of l.ns.ostrykebs.pl and its response count on one alert.
    expect(byRule(1).map((a) => `${a.src_ip}>${a.dst_ip} ${a.count}`)).toEqual([
      '192.168.100.121>8.8.8.8 2',
    ]);
    expect(byRule(1)[0]).toMatchObject({
      title: 'Intel: DNS TXT C2 name server (malware DNS TXT backdoor)',
      technique_ids: ['T1071.004'],
      severity: 'high',
    });
    // The LIKE pattern (scanned) sees every subdomain query, many more occurrences.
    const like = byRule(2).reduce((n, a) => n + a.count, 0);
    expect(like).toBeGreaterThan(90);
    // The Foudre address block: HTTP events and flows to 185.56.137.138, named with the actor.
    const foudre = byRule(3);
    expect(foudre).toHaveLength(1);
    expect(foudre[0]).toMatchObject({
      src_ip: '10.0.2.15',
      dst_ip: '185.56.137.138',
      title: 'Intel: Foudre C2 address (malware Foudre, intrusion-set Infy)',
      technique_ids: ['T1071'],
    });
    expect(foudre[0]?.evidence.explanation).toContain(id('intrusion-set', 1));
    const url = byRule(4);
    expect(url).toHaveLength(1);
    expect(url[0]?.evidence.frames).toEqual([8]);
    expect(byRule(5)).toEqual([]);
    expect(byRule(6)).toHaveLength(1);
    expect(byRule(6)[0]?.evidence.frames.length).toBeGreaterThanOrEqual(2);
    expect(byRule(7)).toEqual([]);
    const summary = JSON.parse(
      readFileSync(path.join(outs[0] as string, 'summary.json'), 'utf8'),
    ) as { counters: Record<string, number> };
    expect(summary.counters).toMatchObject({
      'intel.indicators': 6,
      'intel.indicators_pattern_invalid': 1,
      'intel.objects_revoked': 1,
      'intel.sequence_alerts': 2,
    });
    expect(summary.counters['intel.outside_validity']).toBeGreaterThan(0);
  });

  it('stops before reading captures when a bundle cannot be used', () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"type": "bundle", "objects": [');
    const r = runCli([
      'analyze',
      DNS_C2,
      '--out',
      path.join(dir, 'o'),
      '--no-builtin-rules',
      '--intel',
      bad,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad.json: not JSON.*ERR_INTEL_BUNDLE/);
  });
});

describe('palisade intel check', () => {
  it('lists each unusable indicator with its column and exits 1', () => {
    const dir = tmp();
    const bundle = path.join(dir, 'intel.json');
    writeFileSync(bundle, bundleText);
    const r = runCli(['intel', 'check', bundle]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `${bundle}: ${id('indicator', 8)}: column 31: Expected "AND", "OR", or "]" but end of input found.`,
    );
    expect(r.stdout).toMatch(/6 indicators usable \(.*objects_revoked 1/);
    const good = path.join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ type: 'bundle', id: id('bundle', 2), objects: OBJECTS.slice(0, 4) }),
    );
    expect(runCli(['intel', 'check', good]).status).toBe(0);
  });
});

describe('TAXII through the CLI', () => {
  let server: TaxiiServer;
  beforeAll(async () => {
    server = await startTaxiiServer({
      collections: [
        {
          id: 'c2f5e1d0-0000-4000-8000-000000000001',
          title: 'C2 infrastructure',
          alias: 'c2',
          objects: OBJECTS.map((object, i) => ({
            object,
            date_added: new Date(Date.parse('2024-03-01T00:00:00Z') + i * 1000).toISOString(),
          })),
        },
      ],
      users: { soc: 'pa55' },
      maxPage: 5,
    });
  });
  afterAll(async () => server.close());

  it('intel fetch writes the whole collection as a bundle; a wrong password is a clear error', async () => {
    const dir = tmp();
    const out = path.join(dir, 'fetched.json');
    const ok = await runAsync(
      [
        'intel',
        'fetch',
        '--taxii',
        server.url,
        '--collection',
        'c2',
        '--user',
        'soc',
        '--password-env',
        'TAXII_PW',
        '--out',
        out,
      ],
      { TAXII_PW: 'pa55' },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /18 objects in 4 pages from .*\/api1\/ collection c2 written to .*; next --added-after 2024-03-01T00:00:17.000Z/,
    );
    expect((JSON.parse(readFileSync(out, 'utf8')) as { objects: unknown[] }).objects).toHaveLength(
      18,
    );
    const bad = await runAsync(
      [
        'intel',
        'fetch',
        '--taxii',
        server.url,
        '--collection',
        'c2',
        '--user',
        'soc',
        '--password-env',
        'TAXII_PW',
        '--out',
        out,
      ],
      { TAXII_PW: 'nope' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/HTTP 401: Unauthorized .*\(ERR_TAXII_REQUEST\)/);
    expect(bad.stderr).not.toContain('nope');
  });

  it.runIf(haveSharedPcaps())(
    'analyze --taxii matches the collection and keeps added_after in the output directory',
    async () => {
      const out = tmp();
      const r = await runAsync(
        [
          'analyze',
          FOUDRE,
          '--out',
          out,
          '--no-builtin-rules',
          '--taxii',
          server.url,
          '--taxii-collection',
          'c2',
          '--taxii-user',
          'soc',
          '--taxii-password-env',
          'TAXII_PW',
          '--json',
        ],
        { TAXII_PW: 'pa55' },
      );
      expect(r.status, r.stderr).toBe(0);
      const alerts = readJsonl<Alert>(path.join(out, 'alerts.jsonl'));
      expect(alerts.map((a) => a.rule_id).sort()).toEqual([id('indicator', 3), id('indicator', 4)]);
      const state = JSON.parse(readFileSync(path.join(out, 'taxii-state.json'), 'utf8')) as {
        collections: Record<string, { added_after: string }>;
      };
      expect(Object.values(state.collections)[0]?.added_after).toBe('2024-03-01T00:00:17.000Z');
    },
  );
});

const canCapture = (): boolean => {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root && REQUIRE)
    throw new Error('live capture tests need root (PALISADE_REQUIRE_SERVICES=1)');
  return root && haveTool('tcpdump', '--version');
};

describe('palisade watch --taxii', () => {
  it('polls the collection during capture and matches what was added', async () => {
    if (!canCapture()) return;
    const p1 = 40_000 + Math.floor(Math.random() * 10_000);
    const p2 = p1 + 10_000;
    const portIndicator = (k: number, port: number): Record<string, unknown> =>
      ind(
        k,
        `port ${port}`,
        `[network-traffic:dst_port = ${port} AND ipv4-addr:value = '127.0.0.1']`,
      );
    const coll = {
      id: 'c2f5e1d0-0000-4000-8000-000000000002',
      title: 'live',
      objects: [{ object: portIndicator(21, p1), date_added: '2024-03-01T00:00:00.000Z' }],
    };
    const server = await startTaxiiServer({ collections: [coll], tokens: ['t0k'] });
    const out = tmp();
    try {
      const child = spawn(
        process.execPath,
        [
          CLI,
          'watch',
          '-i',
          'lo',
          '--bpf',
          `udp and (port ${p1} or port ${p2})`,
          '--duration',
          '6',
          '--out',
          out,
          '--no-builtin-rules',
          '--taxii',
          server.url,
          '--taxii-collection',
          coll.id,
          '--taxii-token-env',
          'TAXII_TOKEN',
          '--intel-refresh',
          '0.01',
          '--json',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TAXII_TOKEN: 't0k' } },
      );
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`watch did not start: ${stderr}`)), 15_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('listening on lo')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const sock = createSocket('udp4');
      const send = async (port: number): Promise<void> => {
        for (let i = 0; i < 5; i++) {
          await new Promise<void>((r) => sock.send(`intel ${i}`, port, '127.0.0.1', () => r()));
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await send(p1);
      // A new indicator appears on the server; the next refresh (0.6 s) picks it up.
      coll.objects.push({ object: portIndicator(22, p2), date_added: '2024-03-02T00:00:00.000Z' });
      await new Promise((r) => setTimeout(r, 2000));
      await send(p2);
      sock.close();
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect(code, stderr).toBe(0);
      const alerts = readJsonl<Alert>(path.join(out, 'alerts.jsonl'));
      expect(alerts.map((a) => a.rule_id).sort()).toEqual([
        id('indicator', 21),
        id('indicator', 22),
      ]);
      const polls = server.requests.filter((r) => r.includes('/objects/'));
      expect(polls.length).toBeGreaterThan(2);
      expect(polls.some((r) => r.includes('added_after=2024-03-01T00%3A00%3A00.000Z'))).toBe(true);
      const state = JSON.parse(readFileSync(path.join(out, 'taxii-state.json'), 'utf8')) as {
        collections: Record<string, { added_after: string; objects: number }>;
      };
      expect(Object.values(state.collections)[0]).toMatchObject({
        added_after: '2024-03-02T00:00:00.000Z',
        objects: 2,
      });
    } finally {
      await server.close();
    }
  }, 40_000);
});
