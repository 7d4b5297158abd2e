/**
 * `npm run fuzz`: the long fuzz run of every application decoder (not part of CI, which runs
 * the 10,000-input fuzz of the conformance suite, `src/decode/decoder.case.test.ts`).
 *
 * For every decoder of the registry (`DECODERS`, so a new decoder is fuzzed without a change
 * here) it mutates real PDUs (fuzz-seeds.ts: the decoder's fixtures and what the pipeline feeds
 * it from the shared captures) with the edits of fuzz-mutate.ts, a fixed seed, and feeds each
 * mutant the way the pipeline does: whole through the StreamFeeder, or cut into random chunks
 * through it, or as one UDP datagram; sometimes as a view at a non-zero byteOffset; and `probe`
 * sees it too. State is kept per simulated flow: most flows carry one input, others replay a
 * real conversation with some of its pieces mutated or lost (capture gaps), run after the
 * fixture conversation, or carry thousands of mutants; one long-lived flow gets inputs for the
 * whole run. Flows end as the pipeline ends them: on `reject`, on an exception, or after their
 * planned length.
 *
 * What counts as a finding, each printed with its input and saved as a reproducer under
 * `.tmp/fuzz/` (replay one with `--replay FILE`):
 * - an exception out of `probe`, `parse` or `onGap` (the pipeline's `decoder_bug.<proto>`);
 * - an impossible `incomplete` status (the stream feeder's `bug`, also `decoder_bug`);
 * - a contract breach: an anomaly or event kind the decoder did not declare, an event that
 *   JSON.stringify cannot write;
 * - an input that took longer than `--hang-ms` (a hang candidate), confirmed when a replay of
 *   it still takes that long on the best of three runs;
 * - heap growth: the heap after a forced GC at the end of the run is compared with the heap
 *   after the first quarter; growth beyond `--heap-bound` MB means state leaks.
 *
 * Usage: npm run fuzz -- [--count N] [--seed S] [--only a,b] [--hang-ms MS] [--heap-bound MB]
 *        node dist/bench/fuzz.js --replay .tmp/fuzz/<file>.json
 * Exit code 1 when anything but an unconfirmed hang candidate was found.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Prng } from '../test/helpers/prng.js';
import {
  DEFAULT_LIMITS,
  Direction,
  type AppDecoder,
  type AppEvent,
  type DecodeSink,
  type DecoderLimits,
} from '../src/decode/decoder.js';
import { DECODERS } from '../src/decode/registry.js';
import { StreamFeeder } from '../src/decode/stream-feeder.js';
import { FIXUPS } from './fuzz-fixups.js';
import { Mutator } from './fuzz-mutate.js';
import { buildCorpora, type Corpus, type Piece } from './fuzz-seeds.js';
import { repoRoot } from './paths.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecoder = AppDecoder<any>;

/** Settings of a run. */
export interface FuzzOptions {
  /** Base seed; each decoder derives its own stream from it and its id. */
  seed: number;
  /** Mutated inputs per decoder. */
  count: number;
  /** Decoder ids to fuzz, or null for all. */
  only: ReadonlySet<string> | null;
  /** An input slower than this is a hang candidate, in milliseconds. */
  hangMs: number;
  /** Largest allowed growth of the post-GC heap between the first and the last quarter, MB. */
  heapBoundMb: number;
  /** Where reproducers and results.json go. */
  outDir: string;
  /** Memory is sampled every this many inputs. */
  sampleEvery: number;
  /** No progress or finding lines on stderr (the results still say everything). */
  quiet?: boolean;
}

export const DEFAULT_SEED = 0x5eed_f022;
export const DEFAULT_COUNT = 1_000_000;
const HISTORY = 256;
/** Reproducers written per decoder and kind (all findings are counted). */
const MAX_SAVED = 25;
/** Findings printed per decoder as they happen. */
const MAX_PRINTED = 10;
/** Hang candidates replayed for confirmation per decoder. */
const MAX_CONFIRM = 20;

/**
 * Tight limits, drawn for a fifth of the flows: they drive the limit branches (`*_limit_reached`,
 * `too_many_*`, the stream feeder's overflow) that the default limits leave out of reach of
 * real-sized PDUs (an IEC 104 ASDU holds at most 127 objects, the default cap is 1,000).
 */
function tightLimits(rng: Prng): DecoderLimits {
  return {
    maxPduBytes: rng.pick([64, 300, 2048]),
    maxPendingTransactions: rng.range(1, 4),
    maxObjectsPerMessage: rng.range(1, 8),
    maxStringBytes: rng.range(1, 16),
  };
}

/** One call of the pipeline into the decoder, as a reproducer records it. */
interface Delivery {
  readonly dir: Direction;
  readonly bytes: Uint8Array;
  /** Parsed whole (UDP datagram) rather than pushed through the stream feeder. */
  readonly datagram: boolean;
  /** byteOffset of the view handed over (0: the bytes' own buffer). */
  readonly offset: number;
  /** Chunk sizes pushed one after the other, or null for one push of the whole. */
  readonly cuts: readonly number[] | null;
  /** A capture gap of this many bytes instead of data (`bytes` is then empty). */
  readonly gap: number;
  /** The edits that made the bytes, empty when they are a seed as is. */
  readonly ops: readonly string[];
}

type Outcome = 'ok' | 'reject' | 'upgrade' | 'overflow' | 'bug';

const EMPTY = new Uint8Array(0);

/** A simulated flow: decoder state, the pipeline's stream feeder, and what it was given. */
class Session {
  state: unknown;
  readonly feeder: StreamFeeder;
  readonly history: Delivery[] = [];
  historyComplete = true;
  dead = false;
  /** Pieces fed clean before any mutant (the fixture conversation). */
  prefixPos = 0;
  convPos = 0;

  constructor(
    dec: AnyDecoder,
    readonly kind: 'single' | 'primed' | 'conversation' | 'mixed' | 'long-lived',
    readonly datagram: boolean,
    /** Mutated inputs still planned. */
    public left: number,
    readonly prefix: readonly Piece[],
    readonly conv: readonly Piece[] | null,
    readonly limits: DecoderLimits = DEFAULT_LIMITS,
  ) {
    // The flow's transport, as the pipeline passes it (DNS frames TCP and UDP differently).
    this.state = dec.createState(limits, datagram ? 'udp' : 'tcp');
    this.feeder = new StreamFeeder(limits.maxPduBytes);
  }

  record(d: Delivery): void {
    if (this.history.length >= HISTORY) {
      this.history.shift();
      this.historyComplete = false;
    }
    this.history.push(d);
  }
}

/** Counts what the decoder reports and checks it against its declarations. */
class FuzzSink implements DecodeSink {
  events = 0;
  readonly anomalies = new Map<string, number>();
  /** Contract breaches of the current input. */
  readonly breaches: string[] = [];
  private readonly kinds: ReadonlySet<string> | null;

  constructor(private readonly dec: AnyDecoder) {
    this.kinds = dec.eventKinds === undefined ? null : new Set(dec.eventKinds);
  }

  emit(event: AppEvent): void {
    this.events++;
    if (this.kinds !== null && !this.kinds.has(event.kind)) {
      this.breaches.push(`event kind ${String(event.kind)} is not declared`);
    }
    // The pipeline writes every event with JSON.stringify (event-line.ts): a BigInt or a cycle
    // there would be a pipeline_bug caused by the decoder.
    try {
      JSON.stringify(event);
    } catch (err) {
      this.breaches.push(`event ${String(event.kind)} cannot be serialised: ${String(err)}`);
    }
  }

  anomaly(name: string): void {
    this.anomalies.set(name, (this.anomalies.get(name) ?? 0) + 1);
    if (!Object.hasOwn(this.dec.anomalies, name)) {
      this.breaches.push(`anomaly ${name} is not declared`);
    }
  }

  confirm(): void {}

  count(name: string): void {
    this.anomalies.set(name, (this.anomalies.get(name) ?? 0) + 1);
  }
}

/**
 * Hands one delivery to the decoder as the pipeline would (app-layer.ts): `probe`, then the
 * stream feeder for TCP (whole or chunk by chunk) or `parse` for a datagram; a gap goes to
 * the feeder and `onGap`.
 */
function deliver(dec: AnyDecoder, s: Session, d: Delivery, sink: FuzzSink): Outcome {
  if (d.gap > 0) {
    s.feeder.gap(d.dir);
    dec.onGap?.(s.state, d.dir, d.gap);
    return 'ok';
  }
  let view = d.bytes;
  if (d.offset > 0) {
    const buf = new Uint8Array(d.offset + d.bytes.length + 7);
    buf.set(d.bytes, d.offset);
    view = buf.subarray(d.offset, d.offset + d.bytes.length);
  }
  dec.probe(view, d.dir);
  if (d.datagram) {
    const st = dec.parse(s.state, view, d.dir, sink);
    if (st.kind === 'incomplete') sink.count(`${dec.id}.truncated_datagram`);
    return st.kind === 'reject' ? 'reject' : 'ok';
  }
  if (d.cuts === null) {
    const p = s.feeder.push(dec, s.state, view, d.dir, sink);
    return p === null ? 'ok' : p.kind;
  }
  let off = 0;
  let overflow = false;
  for (const c of d.cuts) {
    const p = s.feeder.push(dec, s.state, view.subarray(off, off + c), d.dir, sink);
    off += c;
    if (p === null) continue;
    if (p.kind !== 'overflow') return p.kind;
    overflow = true;
  }
  return overflow ? 'overflow' : 'ok';
}

/** FNV-1a of a string: mixes the decoder id into the seed. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A forced full GC (through `--expose-gc`, turned on at run time when node was not given it). */
function forcedGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

/** What one finding says, in results.json. */
export interface Finding {
  decoder: string;
  kind: 'exception' | 'impossible_status' | 'contract' | 'hang_candidate';
  seed: number;
  /** Number of the mutated input (0-based) within the decoder's run. */
  iteration: number;
  message: string;
  input: string;
  file: string | null;
  /** For hang candidates: the replayed time (best of 3) and whether it confirmed. */
  replayMs?: number;
  confirmed?: boolean;
}

/** One decoder's row of the results. */
export interface DecoderResult {
  id: string;
  seeds: { fixtures: number; captures: number; conversations: number };
  inputs: number;
  /** Every call into the decoder, clean context pieces and gaps included. */
  deliveries: number;
  chunked: number;
  datagrams: number;
  atOffset: number;
  sessions: number;
  longLivedRestarts: number;
  exceptions: number;
  impossibleStatus: number;
  /** decoder_bug as the pipeline would count it: exceptions plus impossible statuses. */
  decoderBug: number;
  contractBreaches: number;
  hangCandidates: number;
  hangsConfirmed: number;
  slowestMs: number;
  rejects: number;
  overflows: number;
  events: number;
  anomalies: Record<string, number>;
  /** Declared anomalies that the run raised at least once, and those it never raised. */
  anomaliesReached: number;
  anomaliesDeclared: number;
  anomaliesUnreached: string[];
  seconds: number;
  inputsPerSec: number;
  peakRssMb: number;
  peakHeapMb: number;
  heapStartMb: number;
  heapEndMb: number;
  /** Post-GC heap after the first quarter and at the end, and the difference. */
  heapQ1Mb: number;
  heapQ4Mb: number;
  heapGrowthMb: number;
  findings: Finding[];
}

/** A reproducer file (.tmp/fuzz/*.json). */
export interface Reproducer {
  decoder: string;
  kind: Finding['kind'];
  seed: number;
  iteration: number;
  message: string;
  session: string;
  limits: DecoderLimits;
  /** True when the history below is the whole flow (else its last deliveries only). */
  historyComplete: boolean;
  history: SavedDelivery[];
  input: SavedDelivery;
}

interface SavedDelivery {
  dir: number;
  hex: string;
  datagram: boolean;
  offset: number;
  cuts: number[] | null;
  gap: number;
  ops: string[];
}

function save(d: Delivery): SavedDelivery {
  return {
    dir: d.dir,
    hex: hex(d.bytes),
    datagram: d.datagram,
    offset: d.offset,
    cuts: d.cuts === null ? null : [...d.cuts],
    gap: d.gap,
    ops: [...d.ops],
  };
}

function load(d: SavedDelivery): Delivery {
  return {
    dir: d.dir === 1 ? Direction.TO_CLIENT : Direction.TO_SERVER,
    bytes: Uint8Array.from(Buffer.from(d.hex, 'hex')),
    datagram: d.datagram,
    offset: d.offset,
    cuts: d.cuts,
    gap: d.gap,
    ops: d.ops,
  };
}

/** Replays a reproducer: a fresh flow gets the history, then the input (timed). */
export function replay(
  dec: AnyDecoder,
  r: Reproducer,
): { error: string | null; ms: number; outcome: Outcome | 'throw' } {
  const s = new Session(dec, 'single', r.input.datagram, 1, [], null, r.limits);
  const sink = new FuzzSink(dec);
  try {
    for (const h of r.history) {
      const outcome = deliver(dec, s, load(h), sink);
      // A reject or a hand-over to another protocol ends the stream for this decoder.
      if (outcome === 'reject' || outcome === 'upgrade') break;
    }
  } catch (err) {
    return { error: `in history: ${errText(err)}`, ms: 0, outcome: 'throw' };
  }
  const t0 = performance.now();
  try {
    const outcome = deliver(dec, s, load(r.input), sink);
    return { error: null, ms: performance.now() - t0, outcome };
  } catch (err) {
    return { error: errText(err), ms: performance.now() - t0, outcome: 'throw' };
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Fuzzes one decoder over its corpus. */
export function fuzzDecoder(dec: AnyDecoder, corpus: Corpus, opts: FuzzOptions): DecoderResult {
  const seed = (opts.seed ^ fnv1a(dec.id)) >>> 0;
  const rng = new Prng(seed);
  const seeds = corpus.seeds.length > 0 ? corpus.seeds : corpus.fixtures;
  const mut = new Mutator(
    rng,
    seeds.map((p) => p.bytes),
  );
  const gc = forcedGc();
  const sink = new FuzzSink(dec);
  const fixup = FIXUPS[dec.id];
  const stream = dec.transport === 'tcp';
  const udp = dec.transport !== 'tcp' || dec.udpPorts !== undefined;
  const res: DecoderResult = {
    id: dec.id,
    seeds: {
      fixtures: corpus.fromFixtures,
      captures: corpus.fromCaptures,
      conversations: corpus.conversations.length,
    },
    inputs: 0,
    deliveries: 0,
    chunked: 0,
    datagrams: 0,
    atOffset: 0,
    sessions: 0,
    longLivedRestarts: 0,
    exceptions: 0,
    impossibleStatus: 0,
    decoderBug: 0,
    contractBreaches: 0,
    hangCandidates: 0,
    hangsConfirmed: 0,
    slowestMs: 0,
    rejects: 0,
    overflows: 0,
    events: 0,
    anomalies: {},
    anomaliesReached: 0,
    anomaliesDeclared: 0,
    anomaliesUnreached: [],
    seconds: 0,
    inputsPerSec: 0,
    peakRssMb: 0,
    peakHeapMb: 0,
    heapStartMb: 0,
    heapEndMb: 0,
    heapQ1Mb: 0,
    heapQ4Mb: 0,
    heapGrowthMb: 0,
    findings: [],
  };
  const saved = new Map<string, number>();
  const seenBreach = new Set<string>();
  let printed = 0;

  const finding = (
    kind: Finding['kind'],
    s: Session,
    d: Delivery,
    message: string,
    iteration: number,
  ): Finding => {
    const n = saved.get(kind) ?? 0;
    let file: string | null = null;
    if (n < MAX_SAVED) {
      saved.set(kind, n + 1);
      file = path.join(opts.outDir, `${dec.id}-${kind}-${iteration}.json`);
      const repro: Reproducer = {
        decoder: dec.id,
        kind,
        seed: opts.seed,
        iteration,
        message,
        session: s.kind,
        limits: s.limits,
        historyComplete: s.historyComplete,
        history: s.history.map(save),
        input: save(d),
      };
      writeFileSync(file, `${JSON.stringify(repro, null, 1)}\n`);
    }
    const f: Finding = {
      decoder: dec.id,
      kind,
      seed: opts.seed,
      iteration,
      message: message.split('\n').slice(0, 4).join(' | '),
      input: hex(d.bytes),
      file,
    };
    if (kind !== 'hang_candidate' && printed < MAX_PRINTED && opts.quiet !== true) {
      printed++;
      process.stderr.write(
        `\n[fuzz] ${dec.id}: ${kind} at input ${iteration} (seed ${opts.seed}, ${s.kind} flow, ` +
          `${d.datagram ? 'datagram' : d.cuts === null ? 'whole' : `${d.cuts.length} chunks`}, ` +
          `offset ${d.offset}, ops ${d.ops.join(' ')})\n  ${message.split('\n').slice(0, 3).join('\n  ')}\n` +
          `  input ${f.input}\n  reproducer ${file ?? '(not saved: limit reached)'}\n`,
      );
    }
    if (res.findings.length < 200) res.findings.push(f);
    return f;
  };

  const pickStreamOrDatagram = (): boolean => (stream && udp ? rng.chance(0.25) : !stream);

  const newSession = (): Session => {
    res.sessions++;
    const r = rng.float();
    const limits = rng.chance(0.2) ? tightLimits(rng) : DEFAULT_LIMITS;
    const convs = corpus.conversations;
    if (r < 0.4) return new Session(dec, 'single', pickStreamOrDatagram(), 1, [], null, limits);
    if (r < 0.55) {
      const left = rng.range(1, 32);
      return new Session(
        dec,
        'primed',
        pickStreamOrDatagram(),
        left,
        corpus.fixtures,
        null,
        limits,
      );
    }
    if (r < 0.85 && convs.length > 0) {
      const conv = rng.pick(convs);
      const datagram = conv[0]?.datagram ?? false;
      const s = new Session(dec, 'conversation', datagram, rng.range(1, 256), [], conv, limits);
      if (rng.chance(0.3)) s.convPos = rng.int(conv.length);
      return s;
    }
    const left = rng.range(32, 2000);
    return new Session(dec, 'mixed', pickStreamOrDatagram(), left, [], null, limits);
  };

  const newLongLived = (): Session =>
    new Session(dec, 'long-lived', !stream, Infinity, corpus.fixtures, null);

  /** The next delivery of session `s`: a clean piece of context, a gap, or a mutant. */
  const next = (s: Session): { d: Delivery; mutated: boolean } => {
    const offset = rng.chance(0.25) ? rng.range(1, 15) : 0;
    let piece: Piece;
    let mutate: boolean;
    if (s.prefixPos < s.prefix.length) {
      piece = s.prefix[s.prefixPos++] as Piece;
      mutate = false;
    } else if (s.conv !== null) {
      piece = s.conv[s.convPos++ % s.conv.length] as Piece;
      if (s.convPos >= s.conv.length) s.convPos = 0;
      const r = rng.float();
      if (r < 0.02) {
        // A lost segment or datagram: the pipeline reports it as a gap.
        const d: Delivery = {
          dir: piece.dir,
          bytes: EMPTY,
          datagram: s.datagram,
          offset: 0,
          cuts: null,
          gap: piece.bytes.length,
          ops: [],
        };
        return { d, mutated: false };
      }
      mutate = r < 0.4;
    } else {
      piece = rng.pick(seeds);
      mutate = s.kind !== 'long-lived' || rng.chance(0.85);
    }
    const ops: string[] = [];
    let bytes = piece.bytes;
    let dir = piece.dir;
    if (mutate) {
      if (rng.chance(0.03)) {
        bytes = mut.random(rng.int(300));
        ops.push('random');
      } else bytes = mut.mutate(piece.bytes, ops);
      if (fixup !== undefined && rng.chance(0.6)) {
        fixup(bytes);
        ops.push('fixup');
      }
      if (rng.chance(0.1))
        dir = dir === Direction.TO_SERVER ? Direction.TO_CLIENT : Direction.TO_SERVER;
    }
    let cuts: number[] | null = null;
    if (!s.datagram && bytes.length > 1 && rng.chance(0.3)) {
      cuts = [];
      const style = rng.int(3);
      if (style === 0) {
        const k = rng.range(1, bytes.length - 1);
        cuts.push(k, bytes.length - k);
      } else if (style === 1 && bytes.length <= 512) {
        for (let i = 0; i < bytes.length; i++) cuts.push(1);
      } else {
        let left = bytes.length;
        while (left > 0) {
          const c = Math.min(left, rng.chance(0.3) ? 1 : rng.range(1, 64));
          cuts.push(c);
          left -= c;
        }
      }
    }
    return {
      d: { dir, bytes, datagram: s.datagram, offset, cuts, gap: 0, ops },
      mutated: mutate,
    };
  };

  gc();
  const startMem = process.memoryUsage();
  res.heapStartMb = mb(startMem.heapUsed);
  let peakRss = startMem.rss;
  let peakHeap = startMem.heapUsed;
  const quarters = [1, 2, 3, 4].map((q) => Math.floor((opts.count * q) / 4));
  const heapAfterGc: number[] = [];
  const hangs: { f: Finding; file: string | null }[] = [];

  let current: Session | null = null;
  let longLived = newLongLived();
  let inputs = 0;
  const t0 = performance.now();
  let nextProgress = performance.now() + 10_000;
  while (inputs < opts.count) {
    let s: Session;
    if (rng.chance(0.05)) s = longLived;
    else {
      if (current === null || current.dead || current.left <= 0) current = newSession();
      s = current;
    }
    const { d, mutated } = next(s);
    res.deliveries++;
    if (d.cuts !== null) res.chunked++;
    if (d.datagram) res.datagrams++;
    if (d.offset > 0) res.atOffset++;
    const iteration = inputs;
    let outcome: Outcome;
    const ta = performance.now();
    try {
      outcome = deliver(dec, s, d, sink);
    } catch (err) {
      res.exceptions++;
      finding('exception', s, d, errText(err), iteration);
      outcome = 'reject';
    }
    const ms = performance.now() - ta;
    if (ms > res.slowestMs) res.slowestMs = ms;
    if (sink.breaches.length > 0) {
      res.contractBreaches += sink.breaches.length;
      for (const b of sink.breaches) {
        if (seenBreach.has(b)) continue;
        seenBreach.add(b);
        finding('contract', s, d, b, iteration);
      }
      sink.breaches.length = 0;
    }
    if (ms > opts.hangMs) {
      res.hangCandidates++;
      const f = finding('hang_candidate', s, d, `input took ${ms.toFixed(1)} ms`, iteration);
      hangs.push({ f, file: f.file });
    }
    if (outcome === 'reject') {
      res.rejects++;
      s.dead = true;
    } else if (outcome === 'overflow') res.overflows++;
    else if (outcome === 'bug') {
      res.impossibleStatus++;
      finding(
        'impossible_status',
        s,
        d,
        'parse returned an impossible incomplete status',
        iteration,
      );
      s.dead = true;
    }
    s.record(d);
    if (s.dead && s === longLived) {
      res.longLivedRestarts++;
      longLived = newLongLived();
    }
    if (!mutated) continue;
    inputs++;
    s.left--;
    if (inputs % opts.sampleEvery === 0) {
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
      const now = performance.now();
      if (now >= nextProgress && opts.quiet !== true) {
        nextProgress = now + 10_000;
        process.stderr.write(
          `[fuzz] ${dec.id}: ${inputs.toLocaleString('en-US')} / ${opts.count.toLocaleString('en-US')}` +
            ` (${Math.round(inputs / ((now - t0) / 1000)).toLocaleString('en-US')}/s)\n`,
        );
      }
    }
    if (inputs === quarters[heapAfterGc.length]) {
      // The live flows stay referenced across the GC: what they hold is part of the measure.
      gc();
      const h = process.memoryUsage().heapUsed;
      heapAfterGc.push(h);
      if (h > peakHeap) peakHeap = h;
    }
  }
  const secs = (performance.now() - t0) / 1000;
  res.inputs = inputs;
  res.seconds = Math.round(secs * 10) / 10;
  res.inputsPerSec = secs > 0 ? Math.round(inputs / secs) : 0;
  res.peakRssMb = mb(peakRss);
  res.peakHeapMb = mb(peakHeap);
  const q1 = heapAfterGc[0] ?? 0;
  const q4 = heapAfterGc[heapAfterGc.length - 1] ?? 0;
  res.heapQ1Mb = mb(q1);
  res.heapQ4Mb = mb(q4);
  res.heapGrowthMb = mb(q4 - q1);
  // Keep the flows alive up to the measure above, then let them go.
  current = null;
  longLived = newLongLived();
  gc();
  res.heapEndMb = mb(process.memoryUsage().heapUsed);
  res.decoderBug = res.exceptions + res.impossibleStatus;
  res.events = sink.events;
  res.anomalies = Object.fromEntries([...sink.anomalies.entries()].sort((a, b) => b[1] - a[1]));
  const declared = Object.keys(dec.anomalies);
  res.anomaliesDeclared = declared.length;
  res.anomaliesUnreached = declared.filter((a) => !sink.anomalies.has(a));
  res.anomaliesReached = declared.length - res.anomaliesUnreached.length;

  for (const h of hangs.slice(0, MAX_CONFIRM)) {
    if (h.file === null) continue;
    const repro = JSON.parse(readFileSync(h.file, 'utf8')) as Reproducer;
    let best = Infinity;
    for (let i = 0; i < 3; i++) best = Math.min(best, replay(dec, repro).ms);
    h.f.replayMs = Math.round(best * 100) / 100;
    h.f.confirmed = best > opts.hangMs;
    if (h.f.confirmed) {
      res.hangsConfirmed++;
      if (opts.quiet !== true)
        process.stderr.write(
          `\n[fuzz] ${dec.id}: hang at input ${h.f.iteration}: ${best.toFixed(1)} ms on replay\n` +
            `  input ${h.f.input}\n  reproducer ${h.file}\n`,
        );
    }
  }
  return res;
}

/** True when the decoder's row shows a failure. */
export function failed(r: DecoderResult, opts: FuzzOptions): boolean {
  return (
    r.decoderBug > 0 ||
    r.contractBreaches > 0 ||
    r.hangsConfirmed > 0 ||
    r.heapGrowthMb > opts.heapBoundMb
  );
}

const num = (v: number): string => v.toLocaleString('en-US');

/** The results as a plain-text table (and the anomaly tallies below it). */
export function formatTable(rows: readonly DecoderResult[], opts: FuzzOptions): string {
  const head = [
    'decoder',
    'seeds',
    'inputs',
    'exceptions',
    'decoder_bug',
    'contract',
    'hang cand.',
    'hangs',
    'anomalies hit',
    'inputs/s',
    'peak RSS MB',
    'heap MB start/end',
    'heap growth MB',
    'verdict',
  ];
  const body = rows.map((r) => [
    r.id,
    num(r.seeds.fixtures + r.seeds.captures),
    num(r.inputs),
    num(r.exceptions),
    num(r.decoderBug),
    num(r.contractBreaches),
    num(r.hangCandidates),
    num(r.hangsConfirmed),
    `${r.anomaliesReached}/${r.anomaliesDeclared}`,
    num(r.inputsPerSec),
    r.peakRssMb.toFixed(0),
    `${r.heapStartMb.toFixed(1)} / ${r.heapEndMb.toFixed(1)}`,
    r.heapGrowthMb.toFixed(1),
    failed(r, opts) ? 'FAIL' : 'ok',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (c: readonly string[]): string =>
    c
      .map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(w[i]!) : x.padStart(w[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...body.map(line), ''];
  for (const r of rows) {
    const top = Object.entries(r.anomalies)
      .slice(0, 5)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', ');
    out.push(
      `${r.id}: ${num(r.events)} events, ${num(r.rejects)} flows rejected, ` +
        `${num(r.overflows)} pdu_too_large, slowest input ${r.slowestMs.toFixed(1)} ms; ` +
        `top anomalies: ${top || 'none'}` +
        (r.anomaliesUnreached.length > 0
          ? `; never raised: ${r.anomaliesUnreached.join(', ')}`
          : ''),
    );
  }
  return out.join('\n');
}

function parseArgs(argv: readonly string[]): { opts: FuzzOptions; replayFile: string | null } {
  const val = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, def: number): number => {
    const v = val(name);
    if (v === undefined) return def;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: not a number: ${v}`);
    return Math.floor(n);
  };
  const only = val('--only');
  return {
    opts: {
      seed: int('--seed', DEFAULT_SEED) >>> 0,
      count: Math.max(4, int('--count', DEFAULT_COUNT)),
      only: only === undefined ? null : new Set(only.split(',').filter((x) => x !== '')),
      hangMs: int('--hang-ms', 50),
      heapBoundMb: int('--heap-bound', 64),
      outDir: path.resolve(val('--out') ?? path.join(repoRoot(), '.tmp', 'fuzz')),
      sampleEvery: 1024,
    },
    replayFile: val('--replay') ?? null,
  };
}

/** Runs the whole fuzz campaign; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const { opts, replayFile } = parseArgs(argv);
  if (replayFile !== null) {
    const r = JSON.parse(readFileSync(replayFile, 'utf8')) as Reproducer;
    const dec = DECODERS.find((d) => d.id === r.decoder);
    if (dec === undefined) throw new Error(`${replayFile}: no decoder ${r.decoder}`);
    const out = replay(dec, r);
    process.stdout.write(
      `${r.decoder} ${r.kind} input ${r.iteration}: ${out.outcome}, ${out.ms.toFixed(2)} ms` +
        `${r.historyComplete ? '' : ' (history incomplete)'}\n${out.error ?? ''}\n`,
    );
    return out.error === null ? 0 : 1;
  }
  const decoders = DECODERS.filter((d) => opts.only === null || opts.only.has(d.id));
  if (decoders.length === 0) throw new Error(`no decoder matches --only ${[...(opts.only ?? [])]}`);
  mkdirSync(opts.outDir, { recursive: true });
  process.stderr.write(
    `[fuzz] seed ${opts.seed} (0x${opts.seed.toString(16)}), ${num(opts.count)} inputs per decoder; ` +
      `building the seed corpus from the fixtures and the shared captures...\n`,
  );
  const tc = performance.now();
  // Every decoder is tapped whatever --only says: recognition then attaches each flow as a full
  // run does, so a decoder's corpus, and its reproducers, do not depend on --only.
  const corpora = await buildCorpora(DECODERS);
  const captures = [...corpora.values()][0]?.captures ?? 0;
  process.stderr.write(
    `[fuzz] ${captures} captures read in ${((performance.now() - tc) / 1000).toFixed(1)} s: ` +
      decoders
        .map((d) => {
          const c = corpora.get(d.id) as Corpus;
          return `${d.id} ${c.fromFixtures}+${c.fromCaptures} seeds, ${c.conversations.length} flows`;
        })
        .join('; ') +
      '\n',
  );
  const rows: DecoderResult[] = [];
  for (const d of decoders) {
    process.stderr.write(`[fuzz] ${d.id}...\n`);
    rows.push(fuzzDecoder(d, corpora.get(d.id) as Corpus, opts));
  }
  const text = formatTable(rows, opts);
  process.stdout.write(`\n${text}\n`);
  const ok = rows.every((r) => !failed(r, opts));
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}`,
    seed: opts.seed,
    count: opts.count,
    hangMs: opts.hangMs,
    heapBoundMb: opts.heapBoundMb,
    captures,
    ok,
    decoders: rows,
  };
  const file = path.join(opts.outDir, 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${ok ? 'PASS' : 'FAIL'}; results in ${file}\n`);
  return ok ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`fuzz: ${errText(err)}\n`);
      process.exitCode = 2;
    },
  );
}
