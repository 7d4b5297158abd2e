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
  /** JSON text of event kinds and of `,"key":` prefixes, by name (a few dozen entries). */
  private readonly kinds = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  /**
   * The envelope fields that stay the same for every event of one flow direction
   * (`,"transport":...,"flow":"1:5"`); callers cache it per flow and direction.
   */
  static tail(
    transport: string,
    srcIp: string,
    srcPort: number,
    dstIp: string,
    dstPort: number,
    flow: string,
  ): string {
    return (
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
      '"'
    );
  }

  /** The envelope tail of a layer-2 stream's events: MAC addresses, no IP addresses or ports. */
  static l2Tail(srcMac: string, dstMac: string, vlan: number, flow: string): string {
    return (
      ',"transport":"ether","src_ip":null,"src_port":null,"dst_ip":null,"dst_port":null,"src_mac":"' +
      srcMac +
      '","dst_mac":"' +
      dstMac +
      '"' +
      (vlan >= 0 ? ',"vlan":' + vlan : '') +
      ',"flow":"' +
      flow +
      '"'
    );
  }

  /** Starts a line with the envelope fields (in contract order); `tail` from {@link tail}. */
  start(sec: number, ns: number, frame: number, proto: string, kind: string, tail: string): this {
    let k = this.kinds.get(kind);
    if (k === undefined) {
      k = JSON.stringify(kind);
      this.kinds.set(kind, k);
    }
    this.head =
      '{"ts":"' +
      this.ts(sec, ns) +
      '","frame":' +
      frame +
      ',"proto":"' +
      proto +
      '","kind":' +
      k +
      tail;
    return this;
  }

  /** Appends every layer object of `event` (all keys but `kind`) and closes the line. */
  finish(event: { readonly kind: string; readonly [k: string]: unknown }): string {
    let line = this.head;
    for (const k in event) {
      if (k === 'kind') continue;
      const v = event[k];
      if (v === undefined) continue;
      let prefix = this.keys.get(k);
      if (prefix === undefined) {
        prefix = ',' + JSON.stringify(k) + ':';
        this.keys.set(k, prefix);
      }
      line += prefix + JSON.stringify(v);
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
