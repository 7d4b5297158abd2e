/**
 * Worker thread entry of a sharded analysis (`--workers N`): runs one {@link Engine} over the
 * frames the reading thread sends it, and sends back its output lines with their sort keys.
 * See `parallel.ts` for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DECODERS } from '../decode/registry.js';
import { Engine, type EngineOptions } from './engine.js';
import { readBatch } from './frame-batch.js';
import type { ToWorker, FromWorker } from './parallel.js';

if (parentPort === null) throw new Error('pipeline/worker.js must run as a worker thread');
const port = parentPort;

const settings = workerData as Omit<EngineOptions, 'decoders'>;
let events: string[] = [];
let eventKeys: number[] = [];
let flows: string[] = [];
let flowKeys: number[] = [];
const engine = new Engine(
  { ...settings, decoders: DECODERS },
  {
    event(line, position, order) {
      events.push(line);
      eventKeys.push(position, order);
    },
    flow(line, position, order) {
      flows.push(line);
      flowKeys.push(position, order);
    },
  },
);

function sendOutput(watermark: number): void {
  const ek = Float64Array.from(eventKeys);
  const fk = Float64Array.from(flowKeys);
  const msg: FromWorker = { type: 'out', events, eventKeys: ek, flows, flowKeys: fk, watermark };
  events = [];
  eventKeys = [];
  flows = [];
  flowKeys = [];
  port.postMessage(msg, [ek.buffer as ArrayBuffer, fk.buffer as ArrayBuffer]);
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
