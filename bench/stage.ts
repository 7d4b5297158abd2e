/**
 * Stage runner: runs one of our pipeline stages on a capture inside its own process, so that the
 * parent (bench.ts) can time it and read its peak RSS in isolation. Prints one JSON line
 * ({@link StageReport}) on standard output.
 *
 *   node dist/bench/stage.js read FILE      openCapture(FILE).read(), counting frames
 *   node dist/bench/stage.js decode FILE    ... -> FrameDecoder.decode()
 *   node dist/bench/stage.js flows FILE     ... -> FlowTable.lookup() -> TcpReassembler.segment()
 *   node dist/bench/stage.js flows-1m       1,000,000 distinct TCP SYNs (generated in memory)
 *                                           -> FrameDecoder -> FlowTable; reports the RSS held
 *   node dist/bench/stage.js rules-N FILE   the assets stage plus N detection rules (0, 100,
 *                                           1000: the built-in pack and variations of it)
 *
 * The product modules are imported dynamically from the compiled tree (dist/src/...), so this
 * runner builds and runs whatever parts exist: a stage whose module is missing reports
 * `status: 'na'` with "not built" instead of failing. The shapes it relies on are declared
 * below (the calls named in docs/benchmarks.md).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CaptureResult, CaptureSource, RawFrame } from '../src/capture/source.js';
import { Counters } from '../src/core/counters.js';
import { IpProto, Packet, PacketKind } from '../src/decode/packet.js';
import type { Flow, FlowEndReason } from '../src/flow/flow.js';
import { generateSynFrames, SYN_FLOWS } from './syn-flows.js';

/** What a stage reports to the parent. */
export interface StageReport {
  stage: string;
  status: 'ok' | 'na';
  /** Why the stage could not run (`not built: ...`). */
  note?: string;
  frames: number;
  bytes: number;
  /** Time of the work itself, measured inside the process (module loading excluded). */
  seconds: number;
  /** process.resourceUsage().maxRSS at the end, kB. */
  maxRssKb: number;
  /** Stage-specific numbers (flows, stream bytes, counters). */
  extra: Record<string, unknown>;
}

interface CaptureModule {
  openCapture(path: string): CaptureSource;
}
interface FrameDecoderLike {
  decode(raw: RawFrame, pkt: Packet): number;
  expire(sec: number): void;
}
interface FrameDecoderModule {
  FrameDecoder: new (counters: Counters, opts?: { verifyChecksums?: boolean }) => FrameDecoderLike;
}
interface FlowTableLike {
  lookup(pkt: Packet, captureNo: number): Flow;
  readonly lastFromOrig: boolean;
  expire(sec: number): void;
  flushAll(reason: FlowEndReason): void;
  readonly size?: number;
}
interface FlowTableModule {
  FlowTable: new (
    opts: Record<string, unknown>,
    counters: Counters,
    onEnd: (flow: Flow, reason: FlowEndReason) => void,
  ) => FlowTableLike;
}
interface ReassemblySink {
  data(flow: Flow, fromOrig: boolean, bytes: Uint8Array, frame: number): void;
  gap(flow: Flow, fromOrig: boolean, size: number): void;
}
interface TcpReassemblerLike {
  segment(flow: Flow, pkt: Packet, fromOrig: boolean): void;
  flush(flow: Flow): void;
}
interface TcpReassemblerModule {
  TcpReassembler: new (
    opts: Record<string, unknown>,
    counters: Counters,
    sink: ReassemblySink,
  ) => TcpReassemblerLike;
}

/** Thrown (outside any hot path) when a product module is not there yet. */
class NotBuilt extends Error {}

async function load<T>(rel: string): Promise<T> {
  const url = new URL(rel, import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    throw new NotBuilt(`not built: ${rel.replace(/^\.\.\//, '')}`);
  try {
    return (await import(url.href)) as T;
  } catch (err) {
    throw new NotBuilt(`${rel.replace(/^\.\.\//, '')} failed to load: ${(err as Error).message}`);
  }
}

function maxRssKb(): number {
  return process.resourceUsage().maxRSS;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function captureNote(res: CaptureResult): Record<string, unknown> {
  return res.error ? { captureError: res.error.message } : {};
}

async function stageRead(file: string): Promise<StageReport> {
  const { openCapture } = await load<CaptureModule>('../src/capture/index.js');
  let frames = 0;
  const t0 = process.hrtime.bigint();
  const res = await openCapture(file).read(() => {
    frames++;
  });
  const s = seconds(t0);
  return {
    stage: 'read',
    status: 'ok',
    frames,
    bytes: res.bytes,
    seconds: s,
    maxRssKb: maxRssKb(),
    extra: { format: res.format, ...captureNote(res) },
  };
}

async function stageDecode(file: string): Promise<StageReport> {
  const { openCapture } = await load<CaptureModule>('../src/capture/index.js');
  const { FrameDecoder } = await load<FrameDecoderModule>('../src/decode/frame-decoder.js');
  const counters = new Counters();
  const decoder = new FrameDecoder(counters, { verifyChecksums: true });
  const pkt = new Packet();
  const kinds = [0, 0, 0, 0, 0];
  let tick = -1;
  const t0 = process.hrtime.bigint();
  const res = await openCapture(file).read((raw) => {
    if (raw.tsSec > tick) {
      tick = raw.tsSec;
      decoder.expire(tick);
    }
    const k = decoder.decode(raw, pkt);
    kinds[k] = (kinds[k] ?? 0) + 1;
  });
  const s = seconds(t0);
  return {
    stage: 'decode',
    status: 'ok',
    frames: res.frames,
    bytes: res.bytes,
    seconds: s,
    maxRssKb: maxRssKb(),
    extra: {
      ip: kinds[PacketKind.IP],
      fragment: kinds[PacketKind.FRAGMENT],
      arp: kinds[PacketKind.ARP],
      l2: kinds[PacketKind.L2],
      undecoded: kinds[PacketKind.NONE],
      counters: counters.toJSON(),
      ...captureNote(res),
    },
  };
}

async function stageFlows(file: string): Promise<StageReport> {
  const { openCapture } = await load<CaptureModule>('../src/capture/index.js');
  const { FrameDecoder } = await load<FrameDecoderModule>('../src/decode/frame-decoder.js');
  const { FlowTable } = await load<FlowTableModule>('../src/flow/flow-table.js');
  const { TcpReassembler } = await load<TcpReassemblerModule>('../src/flow/tcp-reassembly.js');
  const counters = new Counters();
  const decoder = new FrameDecoder(counters, { verifyChecksums: true });
  const pkt = new Packet();
  let streamBytes = 0;
  let gapBytes = 0;
  let flowsEnded = 0;
  // Every TCP flow is reassembled (the full analyze only reassembles flows a decoder wants), so
  // this is the upper bound of the reassembly cost; the delivered bytes are only counted.
  const reassembler = new TcpReassembler({}, counters, {
    data: (_flow, _fromOrig, bytes) => {
      streamBytes += bytes.length;
    },
    gap: (_flow, _fromOrig, size) => {
      gapBytes += size;
    },
  });
  const table = new FlowTable({}, counters, (flow) => {
    if (flow.ipProto === IpProto.TCP) reassembler.flush(flow);
    flowsEnded++;
  });
  let tick = -1;
  let ip = 0;
  const t0 = process.hrtime.bigint();
  const res = await openCapture(file).read((raw) => {
    if (raw.tsSec > tick) {
      tick = raw.tsSec;
      table.expire(tick);
      decoder.expire(tick);
    }
    if (decoder.decode(raw, pkt) !== PacketKind.IP) return;
    ip++;
    const flow = table.lookup(pkt, 1);
    if (pkt.ipProto === IpProto.TCP) reassembler.segment(flow, pkt, table.lastFromOrig);
  });
  table.flushAll('end_of_capture');
  const s = seconds(t0);
  return {
    stage: 'flows',
    status: 'ok',
    frames: res.frames,
    bytes: res.bytes,
    seconds: s,
    maxRssKb: maxRssKb(),
    extra: {
      ip,
      flows: flowsEnded,
      streamBytes,
      gapBytes,
      counters: counters.toJSON(),
      ...captureNote(res),
    },
  };
}

/**
 * `classify`: flows plus protocol recognition, the work nDPI's ndpiReader does: the whole engine
 * with every registered decoder, each flow decoded only until its protocol is confirmed, no
 * event lines. `pdus`: the same, with every PDU of every flow decoded (all the decoding of a
 * full analyze, without building or writing the lines).
 */
async function stageClassify(file: string, every: boolean, assets = false): Promise<StageReport> {
  const { openCapture } = await load<CaptureModule>('../src/capture/index.js');
  const { Engine } = await import('../src/pipeline/engine.js');
  const { DECODERS } = await import('../src/decode/registry.js');
  let flowLines = 0;
  const recognized = new Map<string, number>();
  const engine = new Engine(
    { decoders: DECODERS, eventLines: false, recognizeOnly: !every, assets },
    {
      event: () => undefined,
      flow: (line) => {
        flowLines++;
        const m = /"service":"([^"]+)"/.exec(line);
        if (m) recognized.set(m[1] as string, (recognized.get(m[1] as string) ?? 0) + 1);
      },
    },
  );
  const t0 = process.hrtime.bigint();
  const res = await openCapture(file).read((raw) => engine.frame(raw));
  engine.finishCapture();
  const s = seconds(t0);
  const report = engine.report();
  // The inventory is built from the observations, as `analyze` does when it writes it.
  let assetCount: number | null = null;
  if (assets && engine.assets) assetCount = engine.assets.assets().length;
  return {
    stage: assets ? 'assets' : every ? 'pdus' : 'classify',
    status: 'ok',
    frames: res.frames,
    bytes: res.bytes,
    seconds: s,
    maxRssKb: maxRssKb(),
    extra: {
      flows: flowLines,
      recognized: Object.fromEntries(recognized),
      decoders: report.decoders,
      ...(assetCount !== null ? { assets: assetCount } : {}),
      ...captureNote(res),
    },
  };
}

/**
 * `rules-N`: the pipeline of `analyze` (every PDU decoded, event and flow lines built, the asset
 * inventory) with N detection rules matched against every event and flow (`rule-packs.ts`);
 * `rules-0` is the same engine without rules. The difference between them is the cost of the
 * rules; alerts are deduplicated as in `analyze`, and the lines are counted, not written.
 */
async function stageRules(file: string, n: number): Promise<StageReport> {
  const { openCapture } = await load<CaptureModule>('../src/capture/index.js');
  const { Engine } = await import('../src/pipeline/engine.js');
  const { DECODERS } = await import('../src/decode/registry.js');
  const { syntheticPack } = await import('./rule-packs.js');
  const { repoRoot } = await import('./paths.js');
  const { join } = await import('node:path');
  const pack = n > 0 ? syntheticPack(join(repoRoot(), 'rules'), n) : null;
  let lines = 0;
  const engine = new Engine(
    { decoders: DECODERS, assets: true, rules: pack },
    {
      event: () => {
        lines++;
      },
      flow: () => {
        lines++;
      },
    },
  );
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const res = await openCapture(file).read((raw) => engine.frame(raw));
  engine.finishCapture();
  const report = engine.report();
  const cpu = process.cpuUsage(cpu0);
  const s = seconds(t0);
  return {
    stage: `rules-${n}`,
    status: 'ok',
    frames: res.frames,
    bytes: res.bytes,
    seconds: s,
    maxRssKb: maxRssKb(),
    extra: {
      rules: pack?.docs.length ?? 0,
      // CPU time of the process: what the rules cost, less disturbed by other work than wall time.
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      events: report.totals.events,
      lines,
      matches: report.counters['rules.matches'] ?? 0,
      alerts: report.alerts?.alerts.length ?? 0,
      ...captureNote(res),
    },
  };
}

async function stageFlows1m(): Promise<StageReport> {
  const { FrameDecoder } = await load<FrameDecoderModule>('../src/decode/frame-decoder.js');
  const { FlowTable } = await load<FlowTableModule>('../src/flow/flow-table.js');
  const counters = new Counters();
  const decoder = new FrameDecoder(counters, { verifyChecksums: true });
  // Room for every flow: the point is the memory of 1M live flows, not the eviction policy.
  const table = new FlowTable({ maxFlows: SYN_FLOWS + 1024 }, counters, () => undefined);
  const pkt = new Packet();
  const rssBefore = process.memoryUsage().rss;
  let ip = 0;
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  generateSynFrames((raw) => {
    bytes += raw.capLen;
    if (decoder.decode(raw, pkt) !== PacketKind.IP) return;
    ip++;
    table.lookup(pkt, 1);
  });
  const s = seconds(t0);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const mem = process.memoryUsage();
  const report: StageReport = {
    stage: 'flows-1m',
    status: 'ok',
    frames: SYN_FLOWS,
    bytes,
    seconds: s,
    maxRssKb: maxRssKb(),
    extra: {
      ip,
      liveFlows: table.size ?? null,
      rssBeforeMb: rssBefore / 2 ** 20,
      rssAfterMb: mem.rss / 2 ** 20,
      heapUsedMb: mem.heapUsed / 2 ** 20,
      counters: counters.toJSON(),
    },
  };
  // Keep the table reachable until the numbers above were read.
  table.flushAll('end_of_capture');
  return report;
}

/** Runs `stage` and returns its report; a missing module gives an `na` report. */
export async function runStage(stage: string, file: string | undefined): Promise<StageReport> {
  const needFile = (): string => {
    if (file === undefined) throw new Error(`stage ${stage} needs a capture file`);
    return file;
  };
  try {
    switch (stage) {
      case 'read':
        return await stageRead(needFile());
      case 'decode':
        return await stageDecode(needFile());
      case 'flows':
        return await stageFlows(needFile());
      case 'classify':
        return await stageClassify(needFile(), false);
      case 'pdus':
        return await stageClassify(needFile(), true);
      case 'assets':
        return await stageClassify(needFile(), true, true);
      case 'flows-1m':
        return await stageFlows1m();
      case 'rules-0':
      case 'rules-100':
      case 'rules-1000':
        return await stageRules(needFile(), Number(stage.slice('rules-'.length)));
      default:
        throw new Error(
          `unknown stage ${stage} (read, decode, flows, classify, pdus, assets, rules-0, rules-100, rules-1000, flows-1m)`,
        );
    }
  } catch (err) {
    if (!(err instanceof NotBuilt)) throw err;
    return {
      stage,
      status: 'na',
      note: err.message,
      frames: 0,
      bytes: 0,
      seconds: 0,
      maxRssKb: maxRssKb(),
      extra: {},
    };
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [stage, file] = process.argv.slice(2);
  runStage(stage ?? '', file).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (err: unknown) => {
      process.stderr.write(
        `stage ${stage ?? ''}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
