/**
 * Builds one `events.jsonl` line: the envelope by string concatenation (its field set is fixed),
 * the protocol objects with JSON.stringify. The ISO date of the current second is cached, so
 * consecutive events of one second format only their microseconds.
 */
import { isoMicros } from '../core/time.js';

export class EventLineBuilder {
  private cachedSec = -1;
  private cachedPrefix = '';
  private head = '';

  /** Starts a line with the envelope fields (in contract order). */
  start(
    sec: number,
    ns: number,
    frame: number,
    proto: string,
    kind: string,
    transport: string,
    srcIp: string,
    srcPort: number,
    dstIp: string,
    dstPort: number,
    flow: string,
  ): this {
    this.head =
      '{"ts":"' +
      this.ts(sec, ns) +
      '","frame":' +
      frame +
      ',"proto":"' +
      proto +
      '","kind":' +
      JSON.stringify(kind) +
      ',"transport":"' +
      transport +
      '","src_ip":"' +
      srcIp +
      '","src_port":' +
      srcPort +
      ',"dst_ip":"' +
      dstIp +
      '","dst_port":' +
      dstPort +
      ',"flow":"' +
      flow +
      '"';
    return this;
  }

  /** Appends every layer object of `event` (all keys but `kind`) and closes the line. */
  finish(event: { readonly kind: string; readonly [k: string]: unknown }): string {
    let line = this.head;
    for (const k in event) {
      if (k === 'kind') continue;
      const v = event[k];
      if (v === undefined) continue;
      line += ',' + JSON.stringify(k) + ':' + JSON.stringify(v);
    }
    return line + '}';
  }

  private ts(sec: number, ns: number): string {
    if (sec !== this.cachedSec) {
      this.cachedSec = sec;
      const full = isoMicros(sec, 0);
      this.cachedPrefix = full.slice(0, full.length - 7);
    }
    const us = Math.floor(ns / 1000);
    return this.cachedPrefix + (us + 1_000_000).toString().slice(1) + 'Z';
  }
}
