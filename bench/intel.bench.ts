/**
 * Intel stage: what 100,000 STIX indicators cost the pipeline (issue 7 target: at most 5% of
 * throughput). The same captures run through the engine (every PDU decoded, event lines built,
 * the asset inventory on, as `palisade analyze` runs) with no indicators and with generated
 * indicators, in child processes of their own (so the run without indicators does not carry
 * their heap), alternately, `--rounds` processes each of 3 timed passes; the ratio of the least
 * CPU times is the cost (CPU time, not wall time: the machine may be busy with other work). Loading (parse every pattern, resolve, compile the index) is timed apart: it is paid
 * once per run, not per packet.
 *
 * Indicators are a mix a feed carries: 40% IPv4 addresses, 10% IPv4 CIDR blocks, 5% IPv6
 * addresses, 25% domain names, 15% URLs, 5% file hashes, seeded for repeatability; a few name
 * hosts of the captures so the matching path is exercised (the alerts raised are reported).
 *
 *   node dist/bench/intel.bench.js [--indicators N] [--rounds N] [--captures a.pcap,b.pcap] [--json]
 *
 * Captures default to the shared it-attacks set and a few OT captures (`../shared/data/pcaps`),
 * read into memory first so the disk does not time.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BytesSource } from '../src/capture/index.js';
import { DECODERS } from '../src/decode/registry.js';
import { Engine } from '../src/pipeline/engine.js';
import { readBundles, type IntelIndicator } from '../src/analysis/intel/bundle.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, existsSync(path.join(here, '../package.json')) ? '..' : '../..');
const PCAPS = path.resolve(REPO, '../shared/data/pcaps');

interface Options {
  indicators: number;
  rounds: number;
  captures: string[];
  json: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { indicators: 100_000, rounds: 4, captures: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--indicators') o.indicators = Number(argv[++i]);
    else if (a === '--rounds') o.rounds = Number(argv[++i]);
    else if (a === '--captures') o.captures = (argv[++i] ?? '').split(',').filter((s) => s !== '');
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(pcap|pcapng|cap)$/.test(f) ? [p] : [];
  });
}

function defaultCaptures(): string[] {
  return [
    ...walk(path.join(PCAPS, 'it-attacks')),
    path.join(PCAPS, 'modbus/ModbusTCP.pcap'),
    path.join(PCAPS, 'enip-cip/cip_only.pcap'),
    path.join(PCAPS, 'datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap'),
    path.join(
      PCAPS,
      'datasets/qut-s7comm/20161215190548.WaterTankOnManu_Flooding/20161215190548.WaterTankOnManu_Flooding.master.pcap',
    ),
  ].filter((p) => existsSync(p));
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of a bundle of `n` generated indicators (plus a few naming hosts of the captures). */
export function generateBundle(n: number, seed = 7): string {
  const r = rng(seed);
  const byte = (): number => Math.floor(r() * 256);
  const hex = (len: number): string =>
    Array.from({ length: len }, () => Math.floor(r() * 16).toString(16)).join('');
  const word = (): string =>
    Array.from({ length: 4 + Math.floor(r() * 8) }, () =>
      String.fromCharCode(97 + Math.floor(r() * 26)),
    ).join('');
  const tlds = ['com', 'net', 'org', 'ru', 'top', 'xyz', 'info', 'pl'];
  const patterns: string[] = [
    // Hosts of the default captures: the matching path runs, and alerts are counted.
    "[ipv4-addr:value = '185.56.137.138']",
    "[domain-name:value = 'l.ns.ostrykebs.pl']",
    "[ipv4-addr:value = '192.168.100.0/24']",
  ];
  while (patterns.length < n) {
    const x = r();
    if (x < 0.4)
      patterns.push(
        `[ipv4-addr:value = '${1 + Math.floor(r() * 222)}.${byte()}.${byte()}.${byte()}']`,
      );
    else if (x < 0.5) {
      const p = 16 + Math.floor(r() * 13);
      patterns.push(
        `[ipv4-addr:value = '${1 + Math.floor(r() * 222)}.${byte()}.${byte()}.0/${p}']`,
      );
    } else if (x < 0.55) patterns.push(`[ipv6-addr:value = '2001:db8:${hex(4)}::${hex(4)}']`);
    else if (x < 0.8)
      patterns.push(
        `[domain-name:value = '${word()}.${word()}.${tlds[Math.floor(r() * tlds.length)]}']`,
      );
    else if (x < 0.95)
      patterns.push(
        `[url:value = 'http://${word()}.${tlds[Math.floor(r() * tlds.length)]}/${word()}/${word()}.php']`,
      );
    else patterns.push(`[file:hashes.'SHA-256' = '${hex(64)}']`);
  }
  const objects = patterns.map((pattern, i) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${String(i).padStart(12, '0')}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: `generated ${i}`,
    pattern,
    pattern_type: 'stix',
    valid_from: '2000-01-01T00:00:00Z',
    indicator_types: ['malicious-activity'],
  }));
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--00000000-0000-4000-8000-000000000000',
    objects,
  });
}

interface Pass {
  seconds: number;
  cpu: number;
  packets: number;
  events: number;
  alerts: number;
}

/** An engine as `palisade analyze` builds it, with or without indicators. */
function engineFor(intel: readonly IntelIndicator[] | null): Engine {
  return new Engine(
    { decoders: DECODERS, assets: true, ...(intel ? { intel } : {}) },
    { event: () => undefined, flow: () => undefined },
  );
}

/** One pass over the captures through `engine` (flows end with each capture). */
async function pass(
  engine: Engine,
  captures: readonly { name: string; bytes: Uint8Array }[],
): Promise<Pass> {
  const before = engine.report();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < captures.length; i++) {
    const c = captures[i] as { name: string; bytes: Uint8Array };
    engine.beginCapture(i + 1);
    await new BytesSource(c.name, c.bytes).read((f) => engine.frame(f));
    engine.finishCapture();
  }
  const cpu = process.cpuUsage(c0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const report = engine.report();
  return {
    seconds,
    cpu: (cpu.user + cpu.system) / 1e6,
    packets: report.totals.packets - before.totals.packets,
    events: report.totals.events - before.totals.events,
    alerts: report.alerts?.alerts.length ?? 0,
  };
}

/** What one child process measured (best of its passes). */
interface ChildResult extends Pass {
  loadSeconds: number;
  compileSeconds: number;
  indicators: number;
  heapMb: number;
}

/**
 * Child mode: loads the captures (and the bundle file when given), warms up, then times
 * `passes` passes. Each configuration runs in processes of its own, so the run without
 * indicators does not pay for the indicators' heap in its garbage collections.
 */
async function child(files: string[], bundle: string | null, passes: number): Promise<ChildResult> {
  const captures = files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(f)) }));
  let indicators: IntelIndicator[] | null = null;
  let loadSeconds = 0;
  if (bundle !== null) {
    const l0 = process.hrtime.bigint();
    indicators = readBundles([{ text: readFileSync(bundle, 'utf8'), source: bundle }]).indicators;
    loadSeconds = Number(process.hrtime.bigint() - l0) / 1e9;
  }
  // One engine for every pass, as one run builds one: its index is compiled once, here.
  const c0 = process.hrtime.bigint();
  const engine = engineFor(indicators);
  const compileSeconds = Number(process.hrtime.bigint() - c0) / 1e9;
  await pass(engine, captures);
  // Start the timed passes from a collected heap (the bundle text and the load's garbage
  // gone), in both configurations alike.
  (globalThis as { gc?: () => void }).gc?.();
  let best: Pass | null = null;
  for (let i = 0; i < passes; i++) {
    const p = await pass(engine, captures);
    if (best === null || p.cpu < best.cpu) best = p;
  }
  if (best === null) throw new Error('no passes');
  return {
    ...best,
    loadSeconds,
    compileSeconds,
    indicators: indicators?.length ?? 0,
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

function runChild(files: string[], bundle: string | null, passes: number): ChildResult {
  const args = [
    '--expose-gc',
    fileURLToPath(import.meta.url),
    '--child',
    '--passes',
    String(passes),
    '--captures',
    files.join(','),
  ];
  if (bundle !== null) args.push('--bundle', bundle);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--child')) {
    const at = (k: string): string | undefined => argv[argv.indexOf(k) + 1];
    const files = (at('--captures') ?? '').split(',').filter((f) => f !== '');
    const bundle = argv.includes('--bundle') ? (at('--bundle') ?? null) : null;
    const res = await child(files, bundle, Number(at('--passes') ?? 3));
    process.stdout.write(JSON.stringify(res) + '\n');
    return;
  }
  const o = parseArgs(argv);
  const files = o.captures.length > 0 ? o.captures : defaultCaptures();
  if (files.length === 0) throw new Error(`no captures (looked in ${PCAPS})`);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const dir = mkdtempSync(path.join(tmpdir(), 'palisade-intel-bench-'));
  const bundle = path.join(dir, 'bundle.json');
  const text = generateBundle(o.indicators);
  writeFileSync(bundle, text);
  // Alternate the configurations so that drift in the machine's load hits both alike; keep
  // the least CPU time of each (the run least disturbed by other work).
  let base: ChildResult | null = null;
  let withIntel: ChildResult | null = null;
  try {
    for (let i = 0; i < o.rounds; i++) {
      const b = runChild(files, null, 3);
      const w = runChild(files, bundle, 3);
      if (base === null || b.cpu < base.cpu) base = b;
      if (withIntel === null || w.cpu < withIntel.cpu) withIntel = w;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (base === null || withIntel === null) throw new Error('no rounds');
  const cost = withIntel.cpu / base.cpu - 1;
  const result = {
    captures: files.length,
    megabytes: Math.round((bytes / 1e6) * 10) / 10,
    packets: base.packets,
    events: base.events,
    indicators: withIntel.indicators,
    bundle_megabytes: Math.round((text.length / 1e6) * 10) / 10,
    load_seconds: Math.round(withIntel.loadSeconds * 100) / 100,
    compile_seconds: Math.round(withIntel.compileSeconds * 100) / 100,
    heap_mb_without: base.heapMb,
    heap_mb_with: withIntel.heapMb,
    base_cpu_seconds: Math.round(base.cpu * 1000) / 1000,
    intel_cpu_seconds: Math.round(withIntel.cpu * 1000) / 1000,
    base_wall_seconds: Math.round(base.seconds * 1000) / 1000,
    intel_wall_seconds: Math.round(withIntel.seconds * 1000) / 1000,
    intel_alerts: withIntel.alerts - base.alerts,
    cost_percent: Math.round(cost * 1000) / 10,
    target_percent: 5,
  };
  if (o.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  process.stdout.write(
    `intel stage: ${result.captures} captures, ${result.megabytes} MB, ${result.packets} packets, ${result.events} events\n` +
      `  ${result.indicators} indicators (${result.bundle_megabytes} MB bundle): load ${result.load_seconds} s, compile ${result.compile_seconds} s, heap ${result.heap_mb_without} -> ${result.heap_mb_with} MB\n` +
      `  pipeline CPU, best of ${o.rounds} processes x 3 passes: ${result.base_cpu_seconds} s without, ${result.intel_cpu_seconds} s with (${result.intel_alerts} intel alerts)\n` +
      `  cost ${result.cost_percent}% of pipeline time (target <= ${result.target_percent}%)\n`,
  );
}

if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
