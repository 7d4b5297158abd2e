/**
 * Worker thread entry of a sharded analysis (`--workers N`): runs one {@link Engine} over its
 * share of the frames and sends back its output lines with their sort keys. A worker either
 * reads a capture file itself, keeping the frames of its shard, or is sent batches of frames
 * (standard input, live capture). See `parallel.ts` for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileSource } from '../capture/file-source.js';
import type { RawFrame } from '../capture/source.js';
import { DECODERS } from '../decode/registry.js';
import { Engine, type EngineOptions } from './engine.js';
import { LineBatch, readBatch } from './frame-batch.js';
import { pairIdleSeconds, Sharder } from './shard.js';
import { captureReport } from './summary.js';
import type { ToWorker, FromWorker } from './parallel.js';

if (parentPort === null) throw new Error('pipeline/worker.js must run as a worker thread');
const port = parentPort;

const settings = workerData as Omit<EngineOptions, 'decoders'>;
const events = new LineBatch();
const flows = new LineBatch();
const engine = new Engine(
  { ...settings, decoders: DECODERS },
  {
    event: (line, position, order) => events.add(line, position, order),
    flow: (line, position, order) => flows.add(line, position, order),
  },
);

/**
 * Output is sent in messages of about {@link SEND_BYTES}, so that a chunk of capture that
 * yields many events never piles up here; a worker keeps reading only while the merging thread
 * holds less than {@link MAX_UNACKED_BYTES} of its output. That is the slack between workers:
 * lines are written in capture order, so a worker ahead of the others waits for them. Traffic
 * is balanced over a capture but not over every stretch of it (a burst on one controller's
 * pairs loads one worker), and with 8 MiB of slack the workers of `--workers 2` were idle 45% of
 * the time on the benchmark capture; 32 MiB gives 1.4x one thread there, within the memory
 * target (64 MiB gives 1.5x at about 410 MB peak).
 */
const SEND_BYTES = 1 << 20;
const MAX_UNACKED_BYTES = 32 << 20;
/**
 * Read size of a worker reading a file itself: smaller than one thread's, so that the check
 * against {@link MAX_UNACKED_BYTES} between chunks comes often.
 */
const WORKER_CHUNK_BYTES = 2 << 20;
/** Sizes of the messages sent and not yet acknowledged, oldest first (file mode). */
const unacked: number[] = [];
let unackedBytes = 0;
let bytesRead = 0;
let ackWaiter: (() => void) | null = null;

/** Sends the lines so far; `tracked` when the merging thread will acknowledge them (file mode). */
function sendOutput(watermark: number, tracked: boolean): void {
  const ev = events.take();
  const fl = flows.take();
  if (tracked) {
    const size = ev.bytes.byteLength + fl.bytes.byteLength;
    unacked.push(size);
    unackedBytes += size;
  }
  const msg: FromWorker = { type: 'out', events: ev, flows: fl, watermark, bytes: bytesRead };
  port.postMessage(msg, [
    ev.bytes,
    ev.keys.buffer as ArrayBuffer,
    fl.bytes,
    fl.keys.buffer as ArrayBuffer,
  ]);
}

/** Reads a capture file, keeping the frames of shard `shard` of `shards`. */
async function readShard(msg: Extract<ToWorker, { type: 'file' }>): Promise<void> {
  engine.beginCapture(msg.captureNo);
  let tickSec = -1;
  let last = 0;
  const sharder = new Sharder(msg.shards, pairIdleSeconds(settings.flows));
  const onFrame = (f: RawFrame): void => {
    // Every worker sees every frame's time, so all take the same ticks at the same frames.
    if (f.tsSec > tickSec) {
      tickSec = f.tsSec;
      engine.tick(f.tsSec, f.frame);
    }
    last = f.frame;
    if (sharder.shard(f.linkType, f.data, f.capLen, f.tsSec) === msg.shard) {
      engine.frame(f, false);
      // Every line of this frame is out, and later lines sort after it.
      if (events.size + flows.size >= SEND_BYTES) sendOutput(f.frame, true);
    }
  };
  const res = await new FileSource(msg.path, { chunkBytes: WORKER_CHUNK_BYTES }).read(onFrame, {
    progress: (b) => {
      bytesRead = b;
    },
    pause: () => {
      sendOutput(last, true);
      if (unackedBytes < MAX_UNACKED_BYTES) return undefined;
      return new Promise<void>((resolve) => {
        ackWaiter = resolve;
      });
    },
  });
  engine.finishCapture();
  sendOutput(Infinity, false);
  const done: FromWorker = { type: 'done', capture: captureReport({ name: msg.path }, res) };
  port.postMessage(done);
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'file':
      readShard(msg).catch((err: unknown) => {
        const fail: FromWorker = {
          type: 'failed',
          message: err instanceof Error ? err.message : String(err),
        };
        port.postMessage(fail);
      });
      break;
    case 'ack': {
      for (let k = 0; k < msg.count; k++) unackedBytes -= unacked.shift() ?? 0;
      const w = ackWaiter;
      if (w !== null && unackedBytes < MAX_UNACKED_BYTES) {
        ackWaiter = null;
        w();
      }
      break;
    }
    case 'begin':
      engine.beginCapture(msg.captureNo);
      break;
    case 'batch':
      readBatch(
        msg.buf,
        msg.used,
        (f) => engine.frame(f, false),
        (sec, beforeFrame) => engine.tick(sec, beforeFrame),
      );
      sendOutput(msg.endPos, false);
      break;
    case 'finish':
      engine.finishCapture();
      sendOutput(Infinity, false);
      break;
    case 'report': {
      const reply: FromWorker = { type: 'report', report: engine.report() };
      port.postMessage(reply);
      break;
    }
  }
});
