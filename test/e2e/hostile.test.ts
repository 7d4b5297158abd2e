// Whole-pipeline hostile input: 10,000 mutated copies of real captures through capture → decode → flows → reassembly → app decoders → event lines; nothing escapes, no bug is reported, output stays on contract and equal across shards, time and memory stay bounded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BytesSource } from '../../src/capture/index.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { loadCapture, mutate, type BaseCapture, type Mutant } from '../helpers/capture-mutator.js';
import { PipelineHarness, ShardedRun } from '../helpers/pipeline-run.js';
import { Prng } from '../helpers/prng.js';
import { SHARED_PCAPS, haveSharedPcaps } from '../helpers/shared.js';
import { OPEN_SHARDING_BUGS } from '../regress/open-bugs.js';

/**
 * Small real captures, chosen for variety: Modbus/TCP (clean, mixed with other traffic on port
 * 502, and a fuzzing trace), DNP3 over BSD loopback, OMRON FINS over raw IPv4, HART-IP in
 * pcapng with UDP and ICMP, MQTT over IPv6, MELSOFT over IPv6 UDP. At most
 * {@link RECORDS_PER_CAPTURE} records of each are used.
 */
const CAPTURES = [
  'modbus/modbus_test_data_part1.pcap',
  'modbus/modbus-and-non-modbus-p502.pcap',
  'modbus/fuzz-72.pcap',
  'modbus/modbusSmall.pcap',
  'dnp3/opendnp3-conformance/8.4.4.2_dump.pcap',
  'omron-fins/omron_fins_tcp_commands_responses.pcap',
  'hart-ip/hart_ip.pcap',
  'mqtt/mqtt31-pub-qos1.pcap',
  'melsec/melsoft_UDP_unclean_1.pcap',
];
const RECORDS_PER_CAPTURE = 80;
const MUTANTS = 10_000;
const SEED = 0x5eed_0001;
/** Every this many mutants go through an engine with tiny limits (evictions, caps, floods). */
const TIGHT_EVERY = 4;
/** Every this many mutants are read in small chunks (records split across reads). */
const CHUNKED_EVERY = 50;
/** Heap growth allowed from after warm-up to the end (after garbage collection). */
const HEAP_GROWTH_LIMIT = 32 << 20;
/** Heap allowed above the warm-up baseline at any sample during the run. */
const HEAP_PEAK_LIMIT = 256 << 20;
/** A single mutant taking longer than this is a hang or a quadratic path, not noise. */
const SLOW_MUTANT_MS = 2_000;
/** Mutants compared between one engine and 3 shards (`--workers 3` replayed on one thread). */
const SHARDED_MUTANTS = 3_000;

/** Limits far below the defaults, so that mutants hit every cap and eviction path. */
const TIGHT = {
  flows: { maxFlows: 8, tcpTimeout: 30, udpTimeout: 10, tcpClosedTimeout: 1 },
  reassembly: {
    maxBytesPerDirection: 2_048,
    maxSegmentsPerDirection: 8,
    memcap: 16_384,
    recentBytes: 64,
    recentMemcap: 4_096,
  },
  limits: {
    maxPduBytes: 300,
    maxPendingTransactions: 4,
    maxObjectsPerMessage: 8,
    maxStringBytes: 16,
  },
};

interface Failure {
  mutant: number;
  base: string;
  format: string;
  ops: string;
  problem: string;
}

/** A garbage collector handle (the worker runs without --expose-gc). */
function gcHandle(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const have = haveSharedPcaps();

describe.skipIf(!have)('hostile input through the whole pipeline', () => {
  const bases: BaseCapture[] = have
    ? CAPTURES.map((rel) =>
        loadCapture(rel, readFileSync(path.join(SHARED_PCAPS, rel)), RECORDS_PER_CAPTURE),
      )
    : [];

  it(`${MUTANTS} mutants: no exception, no bug report, lines on contract, bounded time and heap`, () => {
    for (const b of bases) expect(b.records.length, b.name).toBeGreaterThan(0);
    const gc = gcHandle();
    const rng = new Prng(SEED);
    const normal = new PipelineHarness();
    const tight = new PipelineHarness(TIGHT);
    const failures: Failure[] = [];
    let frames = 0;
    let events = 0;
    let slowest = { ms: 0, mutant: -1 };
    let baseline = 0;
    let peak = 0;
    const started = performance.now();
    for (let i = 0; i < MUTANTS; i++) {
      if (i === 500) baseline = heapAfterGc(gc);
      const m: Mutant = mutate(bases[i % bases.length] as BaseCapture, rng);
      const h = i % TIGHT_EVERY === TIGHT_EVERY - 1 ? tight : normal;
      const chunk = i % CHUNKED_EVERY === CHUNKED_EVERY - 1 ? 1 + rng.int(64) : undefined;
      const t0 = performance.now();
      let problem: string | null = null;
      try {
        const run = h.run(`mutant-${i}`, m.bytes, chunk);
        frames += run.frames;
        events += run.events;
        if (run.bugs.length > 0) problem = run.bugs[0] as string;
        else if (run.violations.length > 0) problem = run.violations[0] as string;
      } catch (err) {
        problem = `escaped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, mutant: i };
      if (ms > SLOW_MUTANT_MS) problem ??= `took ${Math.round(ms)} ms`;
      if (problem !== null && failures.length < 10) {
        failures.push({
          mutant: i,
          base: m.base,
          format: m.format,
          ops: m.ops.join('; '),
          problem,
        });
      }
      if (i % 250 === 0 && baseline > 0) {
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    const elapsed = performance.now() - started;
    const growth = heapAfterGc(gc) - baseline;

    expect(failures, `seed ${SEED}: mutants with a problem`).toEqual([]);
    for (const h of [normal, tight]) {
      const report = h.engine.report();
      expect(report.bugs).toEqual([]);
      expect(h.bugCount()).toBe(0);
      expect(report.counters['pipeline_bug'] ?? 0).toBe(0);
    }
    expect(peak, 'heap above baseline during the run').toBeLessThan(HEAP_PEAK_LIMIT);
    expect(growth, 'heap growth over the run, after GC').toBeLessThan(HEAP_GROWTH_LIMIT);

    // The mutations reached every layer (so the test cannot pass by decoding nothing).
    const c = normal.engine.report().counters;
    const t = tight.engine.report().counters;
    for (const name of [
      'ipv4.trunc_pkt',
      'ipv4.frag_overlap_conflict',
      'tcp.overlap_conflict',
      'tcp.gap',
      'modbus.invalid_length',
      'modbus.length_mismatch',
    ]) {
      expect(c[name] ?? 0, name).toBeGreaterThan(0);
    }
    expect(t['flow.evicted_table_full'] ?? 0).toBeGreaterThan(0);
    expect(t['tcp.ooo_segment_limit'] ?? 0).toBeGreaterThan(0);
    expect(normal.engine.report().decoders['modbus']?.events ?? 0).toBeGreaterThan(1_000);
    expect(frames).toBeGreaterThan(MUTANTS * 40);
    expect(events).toBeGreaterThan(MUTANTS);
    // Measured numbers, for the report and for noticing a slowdown.
    console.log(
      `hostile: ${MUTANTS} mutants, ${frames} frames, ${events} events in ${Math.round(elapsed)} ms; ` +
        `slowest mutant ${slowest.mutant} ${slowest.ms.toFixed(1)} ms; ` +
        `heap peak +${(peak / 2 ** 20).toFixed(1)} MiB, growth ${(growth / 2 ** 20).toFixed(1)} MiB`,
    );
  }, 180_000);

  // `--workers N` promises the lines of one thread. While a sharding bug is open (see
  // test/regress/open-bugs.ts) this check is expected to find differences; once the fixes land
  // it passes, `it.fails` reports that, and the open entries must go.
  const shardedCheck = OPEN_SHARDING_BUGS.length > 0 ? it.fails : it;
  shardedCheck(
    `${SHARDED_MUTANTS} mutants give the same lines with one engine and with 3 shards` +
      (OPEN_SHARDING_BUGS.length > 0 ? ` (open: ${OPEN_SHARDING_BUGS.join(', ')})` : ''),
    () => {
      const rng = new Prng(SEED ^ 0x5a5a);
      const single = new PipelineHarness();
      single.checkLines = false;
      single.lines = [];
      const sharded = new ShardedRun(3);
      const differ: string[] = [];
      for (let i = 0; i < SHARDED_MUTANTS; i++) {
        const m = mutate(bases[i % bases.length] as BaseCapture, rng);
        single.run(`mutant-${i}`, m.bytes);
        const lines = sharded.run(`mutant-${i}`, m.bytes);
        if (differ.length < 5 && lines.join('\n') !== single.lines.join('\n')) {
          differ.push(`mutant ${i} of ${m.base} (${m.format}): ${m.ops.join('; ')}`);
        }
      }
      expect(sharded.bugs()).toEqual([]);
      expect(differ, `seed ${SEED ^ 0x5a5a}: sharded output differs`).toEqual([]);
    },
    120_000,
  );

  it('analyze() writes a summary with no bugs for a batch of mutants in one run', async () => {
    const rng = new Prng(SEED ^ 0xa5a5);
    const mutants = Array.from({ length: 40 }, (_, i) =>
      mutate(bases[i % bases.length] as BaseCapture, rng),
    );
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-hostile-'));
    try {
      const summary = await analyze({
        captures: mutants.map((_, i) => `mutant-${i}`),
        outDir: out,
        open: (name) => new BytesSource(name, (mutants[Number(name.slice(7))] as Mutant).bytes),
      });
      expect(summary.bugs).toEqual([]);
      expect(Object.keys(summary.counters).filter((k) => k.includes('bug'))).toEqual([]);
      expect(summary.captures).toHaveLength(mutants.length);
      expect(summary.packets).toBe(summary.captures.reduce((a, x) => a + x.frames, 0));
      const written = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
        bugs: string[];
      };
      expect(written.bugs).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
