/**
 * Worker thread entry of a sharded analysis (`--workers N`): runs one {@link Engine} over the
 * frames the reading thread sends it, and sends back its output lines with their sort keys.
 * See `parallel.ts` for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DECODERS } from '../decode/registry.js';
import { Engine, type EngineOptions } from './engine.js';
import { LineBatch, readBatch } from './frame-batch.js';
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
  const msg: FromWorker = { type: 'out', events: ev, flows: fl, watermark };
  port.postMessage(msg, [
    ev.bytes,
    ev.keys.buffer as ArrayBuffer,
    fl.bytes,
    fl.keys.buffer as ArrayBuffer,
  ]);
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
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
