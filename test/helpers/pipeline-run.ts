/**
 * Runs capture bytes through the whole in-process pipeline (capture reader → frame decoder →
 * flow table → TCP reassembly → application decoders → event and flow lines) and checks what
 * comes out: every line is JSON on contract, lines arrive in the order the engine promises
 * (`EngineSink`: non-decreasing position, then order), and no decoder or pipeline bug was
 * reported. {@link ShardedRun} replays what `--workers N` does (same shard choice, timeout ticks
 * broadcast by the reading thread, lines merged by their keys) on one thread, so that sharded and
 * single-engine output can be compared on any input. Used by the hostile-input test and the
 * regression tests in test/regress/.
 */
import { BytesSource } from '../../src/capture/index.js';
import { DECODERS } from '../../src/decode/registry.js';
import { Engine, type EngineOptions } from '../../src/pipeline/engine.js';
import { pairIdleSeconds, Sharder } from '../../src/pipeline/shard.js';

const ISO_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const FLOW_ID = /^\d+:\d+$/;

/** What one capture did to the engine. */
export interface CaptureRun {
  /** Frames the reader delivered. */
  frames: number;
  /** The reader's verdict on the container (truncated or corrupt file), or null. */
  error: string | null;
  events: number;
  flows: number;
  /** Bug reports (decoder and pipeline, with stacks) this capture added. */
  bugs: string[];
  /** Contract violations in the output lines (first few). */
  violations: string[];
}

const isPort = (v: unknown): boolean =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65_535;

/**
 * One long-lived engine fed capture after capture, as `palisade analyze a.pcap b.pcap ...` does
 * (so state that leaks from one capture to the next shows up too).
 */
export class PipelineHarness {
  readonly engine: Engine;
  private captureNo = 0;
  private frames = 0;
  private lastPos = -Infinity;
  private lastOrder = -Infinity;
  private events = 0;
  private flows = 0;
  private violations: string[] = [];
  /** Also parse every line as JSON and check its fields (the expensive part). */
  checkLines = true;
  /** Output lines of the last capture, `E <event line>` and `F <flow line>`, when set. */
  lines: string[] | null = null;

  constructor(opts: Partial<EngineOptions> = {}) {
    this.engine = new Engine(
      { decoders: DECODERS, ...opts },
      {
        event: (line, pos, order) => {
          this.events++;
          this.lines?.push(`E ${line}`);
          this.order(pos, order, line);
          if (this.checkLines) this.checkEvent(line);
        },
        flow: (line, pos, order) => {
          this.flows++;
          this.lines?.push(`F ${line}`);
          this.order(pos, order, line);
          if (this.checkLines) this.checkFlow(line);
        },
      },
    );
  }

  /** Total bug reports so far (engine and app layer) and the bug counters' sum. */
  bugCount(): number {
    const c = this.engine.report().counters;
    let n = 0;
    for (const [k, v] of Object.entries(c))
      if (k === 'pipeline_bug' || k.startsWith('decoder_bug.')) n += v;
    return n;
  }

  /** Reads `bytes` (pcap or pcapng) through the engine as the next capture. */
  run(name: string, bytes: Uint8Array, chunkBytes?: number): CaptureRun {
    const e = this.engine;
    const bugsBefore = e.bugReports.length + e.app.bugReports.length;
    this.captureNo++;
    this.frames = 0;
    this.lastPos = -Infinity;
    this.lastOrder = -Infinity;
    this.events = 0;
    this.flows = 0;
    this.violations = [];
    if (this.lines !== null) this.lines = [];
    e.beginCapture(this.captureNo);
    const src = new BytesSource(name, bytes, chunkBytes === undefined ? {} : { chunkBytes });
    const res = src.readSync((f) => {
      this.frames = f.frame;
      e.frame(f);
    });
    e.finishCapture();
    const bugs = [...e.bugReports, ...e.app.bugReports].slice(bugsBefore);
    return {
      frames: res.frames,
      error: res.error ? res.error.message : null,
      events: this.events,
      flows: this.flows,
      bugs,
      violations: this.violations,
    };
  }

  private violation(text: string): void {
    if (this.violations.length < 5) this.violations.push(text);
  }

  private order(pos: number, order: number, line: string): void {
    if (pos < this.lastPos || (pos === this.lastPos && order < this.lastOrder)) {
      this.violation(
        `line out of order: (${pos}, ${order}) after (${this.lastPos}, ${this.lastOrder}): ${line.slice(0, 200)}`,
      );
    }
    this.lastPos = pos;
    this.lastOrder = order;
  }

  private parse(line: string): Record<string, unknown> | null {
    try {
      const v = JSON.parse(line) as unknown;
      if (typeof v === 'object' && v !== null && !Array.isArray(v))
        return v as Record<string, unknown>;
    } catch {
      // reported below
    }
    this.violation(`not a JSON object: ${line.slice(0, 200)}`);
    return null;
  }

  private checkEvent(line: string): void {
    const e = this.parse(line);
    if (e === null) return;
    const frame = e['frame'];
    const ok =
      typeof e['ts'] === 'string' &&
      ISO_US.test(e['ts']) &&
      Number.isInteger(frame) &&
      (frame as number) >= 1 &&
      (frame as number) <= this.frames &&
      typeof e['proto'] === 'string' &&
      typeof e['kind'] === 'string' &&
      // Protocols straight over Ethernet (ARP, GOOSE, DCP) carry MAC addresses, no IP or port.
      (e['transport'] === 'ether'
        ? e['src_ip'] === null &&
          e['dst_ip'] === null &&
          e['src_port'] === null &&
          e['dst_port'] === null &&
          typeof e['src_mac'] === 'string' &&
          typeof e['dst_mac'] === 'string'
        : typeof e['src_ip'] === 'string' &&
          typeof e['dst_ip'] === 'string' &&
          isPort(e['src_port']) &&
          isPort(e['dst_port'])) &&
      typeof e['flow'] === 'string' &&
      FLOW_ID.test(e['flow']) &&
      (e['kind'] === 'anomaly'
        ? typeof (e['anomaly'] as { name?: unknown } | undefined)?.name === 'string'
        : typeof e[e['proto']] === 'object');
    if (!ok) this.violation(`event off contract: ${line.slice(0, 300)}`);
  }

  private checkFlow(line: string): void {
    const f = this.parse(line);
    if (f === null) return;
    const first = f['first_frame'];
    const last = f['last_frame'];
    const ok =
      typeof f['id'] === 'string' &&
      FLOW_ID.test(f['id']) &&
      typeof f['ts'] === 'string' &&
      ISO_US.test(f['ts']) &&
      typeof f['duration'] === 'number' &&
      Number.isFinite(f['duration']) &&
      Number.isInteger(first) &&
      Number.isInteger(last) &&
      (first as number) >= 1 &&
      (first as number) <= (last as number) &&
      (last as number) <= this.frames &&
      isPort(f['src_port']) &&
      isPort(f['dst_port']) &&
      typeof f['conn_state'] === 'string' &&
      typeof f['history'] === 'string';
    if (!ok) this.violation(`flow off contract: ${line.slice(0, 300)}`);
  }
}

/**
 * `--workers N` on one thread: frames go to the engine a {@link Sharder} picks, every engine gets the
 * reading thread's timeout ticks (at the first frame of each new capture second), and the lines
 * are merged by their (position, order) keys, as `src/pipeline/parallel.ts` does with threads.
 */
export class ShardedRun {
  private readonly engines: Engine[];
  private keyed: Array<{ pos: number; order: number; shard: number; seq: number; text: string }> =
    [];
  private captureNo = 0;

  private readonly flows: Partial<EngineOptions>['flows'];

  constructor(
    readonly shards: number,
    opts: Partial<EngineOptions> = {},
  ) {
    this.flows = opts.flows;
    this.engines = Array.from({ length: shards }, (_, shard) => {
      const add = (text: string, pos: number, order: number): void => {
        this.keyed.push({ pos, order, shard, seq: this.keyed.length, text });
      };
      return new Engine(
        { decoders: DECODERS, ...opts },
        {
          event: (line, pos, order) => add(`E ${line}`, pos, order),
          flow: (line, pos, order) => add(`F ${line}`, pos, order),
        },
      );
    });
  }

  /** Reads `bytes` as the next capture; returns the merged lines (`E ...`, `F ...`). */
  run(name: string, bytes: Uint8Array): string[] {
    this.captureNo++;
    this.keyed = [];
    for (const e of this.engines) e.beginCapture(this.captureNo);
    let tickSec = -1;
    const sharder = new Sharder(this.shards, pairIdleSeconds(this.flows));
    new BytesSource(name, bytes).readSync((f) => {
      if (f.tsSec > tickSec) {
        tickSec = f.tsSec;
        for (const e of this.engines) e.tick(f.tsSec, f.frame);
      }
      const w = sharder.shard(f.linkType, f.data.subarray(0, f.capLen), f.capLen, f.tsSec);
      (this.engines[w] as Engine).frame(f, false);
    });
    for (const e of this.engines) e.finishCapture();
    // Each shard's lines are already in key order; a stable sort by key is the k-way merge.
    this.keyed.sort(
      (a, b) => a.pos - b.pos || a.order - b.order || a.shard - b.shard || a.seq - b.seq,
    );
    return this.keyed.map((k) => k.text);
  }

  /** Bug reports of all shards so far. */
  bugs(): string[] {
    return this.engines.flatMap((e) => e.report().bugs);
  }
}
