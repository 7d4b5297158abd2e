/**
 * Worker thread entry of a sharded analysis (`--workers N`): runs one {@link Engine} over its
 * share of the frames and sends back its output lines with their sort keys. A worker either
 * reads a capture file itself, keeping the frames of its shard, or is sent batches of frames
 * (standard input, live capture). See `parallel.ts` for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCapture } from '../capture/index.js';
import type { RawFrame } from '../capture/source.js';
import { DECODERS } from '../decode/registry.js';
import { Engine, type EngineOptions } from './engine.js';
import { LineBatch, readBatch } from './frame-batch.js';
import { shardOf } from './shard.js';
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

function sendOutput(watermark: number): void {
  const ev = events.take();
  const fl = flows.take();
  const msg: FromWorker = { type: 'out', events: ev, flows: fl, watermark, bytes: bytesRead };
  port.postMessage(msg, [
    ev.bytes,
    ev.keys.buffer as ArrayBuffer,
    fl.bytes,
    fl.keys.buffer as ArrayBuffer,
  ]);
}

/** Batches sent and not yet acknowledged by the merging thread (file mode flow control). */
let unacked = 0;
let bytesRead = 0;
let ackWaiter: (() => void) | null = null;
const MAX_UNACKED = 8;

/** Reads a capture file, keeping the frames of shard `shard` of `shards`. */
async function readShard(msg: Extract<ToWorker, { type: 'file' }>): Promise<void> {
  engine.beginCapture(msg.captureNo);
  let tickSec = -1;
  let last = 0;
  const onFrame = (f: RawFrame): void => {
    // Every worker sees every frame's time, so all take the same ticks at the same frames.
    if (f.tsSec > tickSec) {
      tickSec = f.tsSec;
      engine.tick(f.tsSec, f.frame);
    }
    last = f.frame;
    if (shardOf(f.linkType, f.data, msg.shards) === msg.shard) engine.frame(f, false);
  };
  const res = await openCapture(msg.path).read(onFrame, {
    progress: (b) => {
      bytesRead = b;
    },
    pause: () => {
      sendOutput(last);
      unacked++;
      if (unacked < MAX_UNACKED) return undefined;
      return new Promise<void>((resolve) => {
        ackWaiter = resolve;
      });
    },
  });
  engine.finishCapture();
  sendOutput(Infinity);
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
      unacked -= msg.count;
      const w = ackWaiter;
      if (w !== null && unacked < MAX_UNACKED) {
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
      sendOutput(msg.endPos);
      break;
    case 'finish':
      engine.finishCapture();
      sendOutput(Infinity);
      break;
    case 'report': {
      const reply: FromWorker = { type: 'report', report: engine.report() };
      port.postMessage(reply);
      break;
    }
  }
});
