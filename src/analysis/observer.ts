/**
 * How analysis stages (asset inventory, site model checks, detection) see the traffic: every
 * event the decoders emit, as the object they built (before it becomes a line of
 * `events.jsonl`), and every finished flow, as its `flows.jsonl` record.
 *
 * The pipeline calls observers on the hot path, so an observer does what it can with numbers
 * and the strings already in the event, keeps bounded state, and never throws on odd input.
 * One observer instance serves one engine (one thread); observers whose state spans flows
 * (assets) expose a snapshot that a sharded run merges on the main thread.
 */
import type { AppEvent } from '../decode/decoder.js';
import type { FlowRecord } from '../events/envelope.js';

/**
 * Where and when an event happened: the envelope fields, read from a record the pipeline
 * reuses. Valid only during the {@link Observer.event} call; copy what must outlive it.
 */
export interface EventMeta {
  /** Capture time of the frame that completed the PDU: seconds and nanoseconds. */
  readonly sec: number;
  readonly ns: number;
  /** 1-based frame number. */
  readonly frame: number;
  /** Decoder id (`modbus`). */
  readonly proto: string;
  readonly transport: 'tcp' | 'udp' | 'ether';
  /** Sender and receiver addresses; null for protocols carried directly over Ethernet. */
  readonly srcIp: string | null;
  readonly dstIp: string | null;
  readonly srcPort: number;
  readonly dstPort: number;
  /** Sender and receiver MAC addresses when known ('' otherwise). */
  readonly srcMac: string;
  readonly dstMac: string;
  /** Flow (or layer-2 stream) id. */
  readonly flow: string;
  /** True when the sender is the side offering the service (a response). */
  readonly fromServer: boolean;
}

/** An analysis stage fed by the engine. */
export interface Observer {
  /** An event, before it is written. */
  event(meta: EventMeta, event: AppEvent): void;
  /**
   * A finished flow, before its record is written. `serverIsOrig` is true when the decoder
   * that recognised the flow found the service on the initiator's side (a capture that began
   * mid-connection, with the server's packet first).
   */
  flow(record: FlowRecord, serverIsOrig: boolean): void;
}

/** One observer feeding several (null entries skipped); null when there are none. */
export function combineObservers(list: readonly (Observer | null)[]): Observer | null {
  const obs = list.filter((o): o is Observer => o !== null);
  if (obs.length === 0) return null;
  if (obs.length === 1) return obs[0] as Observer;
  return {
    event(meta, event): void {
      for (const o of obs) o.event(meta, event);
    },
    flow(record, serverIsOrig): void {
      for (const o of obs) o.flow(record, serverIsOrig);
    },
  };
}
