/**
 * Sharded analysis (`palisade analyze --workers N`): frames are dealt to N worker threads by IP
 * address pair (`shard.ts`), so every flow lives in exactly one worker; each worker runs a full
 * {@link Engine}. Output is the same as one thread's, line for line:
 *
 * - Timeout ticks happen at the first frame of each capture second, in every worker, at the
 *   same place in its frame stream, so flows end at the same frames whichever worker holds them.
 * - Every output line carries its (position, order) key (see `engine.ts`). Each worker's lines
 *   arrive sorted; this thread merges them, writing a line once every worker has reported past
 *   its position (the watermark sent with each batch of lines).
 *
 * Frames reach the workers in one of two ways:
 * - A capture file: every worker reads the file itself (the second read comes from the page
 *   cache) and keeps the frames of its shard. Nothing is copied between threads; the workers
 *   pause reading while this thread has not written out their earlier batches (acks).
 * - Standard input or a live capture, which can be read once: this thread reads it and posts
 *   frames in transferred batches (`frame-batch.ts`); reading pauses while workers have a few
 *   batches in hand.
 *
 * One difference remains by design: when the flow table is full, each worker evicts from its
 * own table, not from one global table.
 */
import { Worker } from 'node:worker_threads';
import { FileSource } from '../capture/file-source.js';
import type { CaptureSource, RawFrame } from '../capture/source.js';
import { PlatformError } from '../core/errors.js';
import type { EngineOptions, EngineReport } from './engine.js';
import { mergeReports } from './engine.js';
import { BatchWriter, type EncodedLines } from './frame-batch.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { pairIdleSeconds, Sharder } from './shard.js';
import { captureReport, type CaptureReport } from './summary.js';

/** Messages to a worker. */
export type ToWorker =
  | { type: 'file'; path: string; captureNo: number; shard: number; shards: number }
  | { type: 'ack'; count: number }
  | { type: 'begin'; captureNo: number }
  | { type: 'batch'; buf: ArrayBuffer; used: number; endPos: number }
  | { type: 'finish' }
  | { type: 'report' };

/** Messages from a worker. */
export type FromWorker =
  | { type: 'out'; events: EncodedLines; flows: EncodedLines; watermark: number; bytes: number }
  | { type: 'done'; capture: CaptureReport }
  | { type: 'failed'; message: string }
  | { type: 'report'; report: EngineReport };

/** Young generation size of each worker's heap. */
const WORKER_YOUNG_GENERATION_MB = 8;

/** Batches in flight per worker before reading pauses. */
const MAX_IN_FLIGHT = 4;

interface Chunk {
  bytes: Uint8Array;
  keys: Float64Array;
  count: number;
  /** Next line to write, and where it starts in `bytes`. */
  i: number;
  start: number;
}

/**
 * K-way merge of the workers' sorted, keyed line streams, released up to the lowest watermark.
 * Consecutive lines of one worker are copied out as one run of bytes.
 */
class KeyedMerge {
  private readonly queues: Chunk[][];

  constructor(
    n: number,
    private readonly out: JsonlWriter,
  ) {
    this.queues = Array.from({ length: n }, () => []);
  }

  push(w: number, lines: EncodedLines): void {
    if (lines.count === 0) return;
    (this.queues[w] as Chunk[]).push({
      bytes: new Uint8Array(lines.bytes),
      keys: lines.keys,
      count: lines.count,
      i: 0,
      start: 0,
    });
  }

  /** Writes every line whose position is at or below `limit`, in key order. */
  drain(limit: number): void {
    const qs = this.queues;
    for (;;) {
      // The worker with the smallest head key, and the second smallest head key.
      let best = -1;
      let bestPos = Infinity;
      let bestOrder = Infinity;
      let nextPos = Infinity;
      let nextOrder = Infinity;
      for (let w = 0; w < qs.length; w++) {
        const head = (qs[w] as Chunk[])[0];
        if (head === undefined) continue;
        const pos = head.keys[3 * head.i] as number;
        const order = head.keys[3 * head.i + 1] as number;
        if (best < 0 || pos < bestPos || (pos === bestPos && order < bestOrder)) {
          nextPos = bestPos;
          nextOrder = bestOrder;
          best = w;
          bestPos = pos;
          bestOrder = order;
        } else if (pos < nextPos || (pos === nextPos && order < nextOrder)) {
          nextPos = pos;
          nextOrder = order;
        }
      }
      if (best < 0 || bestPos > limit) return;
      // Take the run of lines of this chunk that sort before every other worker's head.
      const q = qs[best] as Chunk[];
      const head = q[0] as Chunk;
      const keys = head.keys;
      let i = head.i;
      let end = 0;
      do {
        end = keys[3 * i + 2] as number;
        i++;
        if (i >= head.count) break;
        const pos = keys[3 * i] as number;
        const order = keys[3 * i + 1] as number;
        if (pos > limit || pos > nextPos || (pos === nextPos && order > nextOrder)) break;
      } while (true);
      this.out.writeBytes(head.bytes.subarray(head.start, end), i - head.i);
      head.i = i;
      head.start = end;
      if (head.i >= head.count) q.shift();
    }
  }
}

/** Runs the captures through `n` worker engines; returns the capture reports and the merged engine report. */
export async function runSharded(
  sources: readonly CaptureSource[],
  n: number,
  settings: Omit<EngineOptions, 'decoders'>,
  out: { events: JsonlWriter; flows: JsonlWriter },
  onProgress: ((bytes: number, src: CaptureSource, packets: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<{ captures: CaptureReport[]; report: EngineReport }> {
  const url = new URL('./worker.js', import.meta.url);
  // A young generation of 8 MiB per worker (V8 sizes it from the machine otherwise) costs no
  // speed here and keeps N heaps within the memory target.
  const workers = Array.from(
    { length: n },
    () =>
      new Worker(url, {
        workerData: settings,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      }),
  );
  const events = new KeyedMerge(n, out.events);
  const flows = new KeyedMerge(n, out.flows);
  const watermarks = new Array<number>(n).fill(0);
  /** Batch mode: frame batches posted and not yet answered, per worker. */
  const inFlight = new Array<number>(n).fill(0);
  /** File mode: watermarks of output batches received and not yet acknowledged, per worker. */
  const pendingAcks: number[][] = Array.from({ length: n }, () => []);
  const reports: Array<EngineReport | null> = new Array<EngineReport | null>(n).fill(null);
  const done: Array<CaptureReport | null> = new Array<CaptureReport | null>(n).fill(null);
  let failure: Error | null = null;
  let fileMode = false;
  let currentSrc: CaptureSource | null = null;
  // One waiter at a time: resolved on every message, it re-checks its own condition.
  let wakeup: (() => void) | null = null;
  const wake = (): void => {
    const w = wakeup;
    wakeup = null;
    w?.();
  };
  const until = async (cond: () => boolean): Promise<void> => {
    while (!failure && !cond()) {
      await new Promise<void>((resolve) => {
        wakeup = resolve;
      });
    }
    if (failure) throw failure;
  };

  workers.forEach((worker, w) => {
    worker.on('message', (msg: FromWorker) => {
      switch (msg.type) {
        case 'out': {
          events.push(w, msg.events);
          flows.push(w, msg.flows);
          watermarks[w] = msg.watermark;
          const limit = Math.min(...watermarks);
          events.drain(limit);
          flows.drain(limit);
          if (fileMode) {
            if (msg.watermark !== Infinity) (pendingAcks[w] as number[]).push(msg.watermark);
            // A batch is consumed once everything up to its watermark has been written.
            for (let k = 0; k < n; k++) {
              const q = pendingAcks[k] as number[];
              let count = 0;
              while (q.length > 0 && (q[0] as number) <= limit) {
                q.shift();
                count++;
              }
              if (count > 0) post(k, { type: 'ack', count });
            }
            if (w === 0 && onProgress && currentSrc) onProgress(msg.bytes, currentSrc, 0);
          } else if (msg.watermark !== Infinity) {
            inFlight[w] = (inFlight[w] as number) - 1;
          }
          break;
        }
        case 'done':
          done[w] = msg.capture;
          break;
        case 'report':
          reports[w] = msg.report;
          break;
        case 'failed':
          failure ??= new PlatformError('ERR_CAPTURE_OPEN', msg.message);
          break;
      }
      wake();
    });
    worker.on('error', (err) => {
      failure ??= err;
      wake();
    });
  });

  const post = (w: number, msg: ToWorker, transfer?: ArrayBuffer[]): void =>
    (workers[w] as Worker).postMessage(msg, transfer ?? []);
  const allFinished = (): boolean => watermarks.every((m) => m === Infinity);

  const captures: CaptureReport[] = [];
  try {
    for (let c = 0; c < sources.length; c++) {
      const src = sources[c] as CaptureSource;
      currentSrc = src;
      watermarks.fill(0);
      if (src instanceof FileSource && !signal) {
        // Each worker reads the file itself (the page cache makes the second read cheap) and
        // keeps its shard: no frame is copied between threads.
        fileMode = true;
        done.fill(null);
        for (let w = 0; w < n; w++) {
          post(w, { type: 'file', path: src.name, captureNo: c + 1, shard: w, shards: n });
        }
        await until(() => allFinished() && done.every((d) => d !== null));
        captures.push(done[0] as CaptureReport);
      } else {
        fileMode = false;
        captures.push(await dealFrames(src, c + 1));
      }
    }
    for (let w = 0; w < n; w++) post(w, { type: 'report' });
    await until(() => reports.every((r) => r !== null));
    return { captures, report: mergeReports(reports as EngineReport[]) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Batch mode: this thread reads the capture and deals frames to the workers. */
  async function dealFrames(src: CaptureSource, captureNo: number): Promise<CaptureReport> {
    for (let w = 0; w < n; w++) post(w, { type: 'begin', captureNo });
    const batches = Array.from({ length: n }, () => new BatchWriter());
    const sharder = new Sharder(n, pairIdleSeconds(settings.flows));
    let tickSec = -1;
    let lastFrame = 0;
    let packets = 0;
    const flush = (endPos: number): void => {
      for (let w = 0; w < n; w++) {
        const { buf, used } = (batches[w] as BatchWriter).take();
        inFlight[w] = (inFlight[w] as number) + 1;
        post(w, { type: 'batch', buf, used, endPos }, [buf]);
      }
    };
    const onFrame = (f: RawFrame): void => {
      packets++;
      if (f.tsSec > tickSec) {
        tickSec = f.tsSec;
        for (const b of batches) b.tick(f.tsSec, f.frame);
      }
      const w = sharder.shard(f.linkType, f.data.subarray(0, f.capLen), f.capLen, f.tsSec);
      const b = batches[w] as BatchWriter;
      if (!b.fits(f.capLen)) flush(f.frame - 1);
      b.frame(f);
      lastFrame = f.frame;
    };
    const res = await src.read(onFrame, {
      ...(onProgress ? { progress: (bytes: number) => onProgress(bytes, src, packets) } : {}),
      ...(signal ? { signal } : {}),
      pause: () => {
        if (failure) return undefined;
        flush(lastFrame);
        if (inFlight.every((k) => k < MAX_IN_FLIGHT)) return undefined;
        return until(() => inFlight.every((k) => k < MAX_IN_FLIGHT)).catch(() => undefined);
      },
    });
    flush(lastFrame);
    for (let w = 0; w < n; w++) post(w, { type: 'finish' });
    await until(allFinished);
    return captureReport(src, res);
  }
}
