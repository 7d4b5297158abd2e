/**
 * Sharded analysis (`palisade analyze --workers N`): the main thread reads the captures and
 * deals frames to N worker threads by IP address pair (`shard.ts`), so every flow lives in
 * exactly one worker; each worker runs a full {@link Engine}. Output is the same as one
 * thread's, line for line:
 *
 * - Timeout ticks are decided by the reading thread (at the first frame of each capture second)
 *   and sent to every worker at the same place in its frame stream, so flows end at the same
 *   frames whichever worker holds them.
 * - Every output line carries its (position, order) key (see `engine.ts`). Each worker's lines
 *   arrive sorted; the main thread merges them, writing a line once every worker has reported
 *   past its position (the batch's `endPos` is that watermark).
 *
 * One difference remains by design: when the flow table is full, each worker evicts from its
 * own table (of `maxFlows / N` flows), not from one global table.
 *
 * Frames travel in transferred ArrayBuffers (`frame-batch.ts`); at most a few batches per
 * worker are in flight, and reading pauses between chunks until workers catch up.
 */
import { Worker } from 'node:worker_threads';
import type { CaptureSource, RawFrame } from '../capture/source.js';
import type { EngineOptions, EngineReport } from './engine.js';
import { mergeReports } from './engine.js';
import { BatchWriter, type EncodedLines } from './frame-batch.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { shardOf } from './shard.js';
import { captureReport, type CaptureReport } from './summary.js';

/** Messages to a worker. */
export type ToWorker =
  | { type: 'begin'; captureNo: number }
  | { type: 'batch'; buf: ArrayBuffer; used: number; endPos: number }
  | { type: 'finish' }
  | { type: 'report' };

/** Messages from a worker. */
export type FromWorker =
  | { type: 'out'; events: EncodedLines; flows: EncodedLines; watermark: number }
  | { type: 'report'; report: EngineReport };

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
  const workers = Array.from({ length: n }, () => new Worker(url, { workerData: settings }));
  const events = new KeyedMerge(n, out.events);
  const flows = new KeyedMerge(n, out.flows);
  const watermarks = new Array<number>(n).fill(0);
  const inFlight = new Array<number>(n).fill(0);
  let waiter: (() => void) | null = null;
  let failure: Error | null = null;
  const reports: Array<EngineReport | null> = new Array<EngineReport | null>(n).fill(null);
  let reportWaiter: (() => void) | null = null;
  let finishWaiter: (() => void) | null = null;

  const wake = (): void => {
    const w = waiter;
    waiter = null;
    w?.();
  };
  workers.forEach((worker, w) => {
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'out') {
        events.push(w, msg.events);
        flows.push(w, msg.flows);
        watermarks[w] = msg.watermark;
        if (msg.watermark !== Infinity) inFlight[w] = (inFlight[w] as number) - 1;
        const limit = Math.min(...watermarks);
        events.drain(limit);
        flows.drain(limit);
        if (limit === Infinity) finishWaiter?.();
        wake();
      } else {
        reports[w] = msg.report;
        if (reports.every((r) => r !== null)) reportWaiter?.();
      }
    });
    worker.on('error', (err) => {
      failure = err;
      wake();
      finishWaiter?.();
      reportWaiter?.();
    });
  });

  const post = (w: number, msg: ToWorker, transfer?: ArrayBuffer[]): void =>
    (workers[w] as Worker).postMessage(msg, transfer ?? []);

  const captures: CaptureReport[] = [];
  let packets = 0;
  try {
    for (let c = 0; c < sources.length; c++) {
      const src = sources[c] as CaptureSource;
      for (let w = 0; w < n; w++) post(w, { type: 'begin', captureNo: c + 1 });
      watermarks.fill(0);
      const batches = Array.from({ length: n }, () => new BatchWriter());
      let tickSec = -1;
      let lastFrame = 0;
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
        const w = n === 1 ? 0 : shardOf(f.linkType, f.data.subarray(0, f.capLen), n);
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
          return new Promise<void>((resolve) => {
            waiter = () => {
              if (failure || inFlight.every((k) => k < MAX_IN_FLIGHT)) resolve();
              else waiter = wakeAgain(resolve);
            };
          });
        },
      });
      flush(lastFrame);
      const finished = new Promise<void>((resolve) => {
        finishWaiter = resolve;
      });
      for (let w = 0; w < n; w++) post(w, { type: 'finish' });
      await finished;
      finishWaiter = null;
      if (failure) throw failure;
      captures.push(captureReport(src, res));
    }
    const gotReports = new Promise<void>((resolve) => {
      reportWaiter = resolve;
    });
    for (let w = 0; w < n; w++) post(w, { type: 'report' });
    await gotReports;
    if (failure) throw failure;
    return { captures, report: mergeReports(reports as EngineReport[]) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  function wakeAgain(resolve: () => void): () => void {
    return () => {
      if (failure || inFlight.every((k) => k < MAX_IN_FLIGHT)) resolve();
      else waiter = wakeAgain(resolve);
    };
  }
}
