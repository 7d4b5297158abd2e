/**
 * Service sender fingerprints: notices when one server endpoint (address and port) answers with
 * two IP stacks, across all of its clients. This completes the per-pair check of
 * `sender-fingerprint.ts`, which cannot see a forger who speaks "as" a server to a client that
 * server never talked to before in the capture (an injected unsolicited report to a second
 * master, say): the server's genuine packets go to other hosts.
 *
 * References: RFC 791 section 3.1 (TTL, DF); p0f v3 (initial TTL class and DF as per-stack
 * signals); [MS-TCP] / Linux `ip_default_ttl` (Windows 128 with DF, Linux 64 with DF).
 *
 * A server process answers every client from the same stack, so per (transport, VLAN, server
 * address, server port) the set of fingerprints its flows started with is one, and a second one
 * means packets of another machine carry its address and port. Flows of different address
 * pairs may run on different workers of a sharded run (`--workers N` deals flows by pair), so
 * no worker can decide this alone; each worker keeps, per endpoint and fingerprint, what
 * partitions cannot change (the earliest flow, the latest packet time, the sums of flows and
 * packets), and the main thread merges the workers' rows and decides
 * ({@link serviceFingerprintChanges}): one thread or N, the result is the same.
 *
 * Scope, so that the check stays quiet where one address legitimately hides several stacks:
 * - the server side only, known from the handshake (SYN) or from the decoder that recognised
 *   the flow; ephemeral client ports carry no identity;
 * - addresses that are not globally routable (RFC 1918, RFC 6598 shared space, link-local,
 *   IPv6 unique-local and link-local): public servers sit behind load balancers and anycast
 *   with mixed operating systems, while a control network's outstation is one device;
 * - a flow side's first fingerprint (`Flow.origFp`/`respFp` as `sender-fingerprint.ts` set it),
 *   so TCP resets, empty UDP datagrams and broadcast flows are left out the same way.
 *
 * Cost: nothing per packet; one map lookup per flow end of a private server endpoint. The table
 * is bounded (`maxEndpoints`): past it new endpoints are not tracked
 * (`ip.fingerprint_service_dropped`).
 */
import type { Counters } from '../core/counters.js';
import { isoMicros } from '../core/time.js';
import type { AnomalyCatalog } from '../decode/decoder.js';
import { IpProto } from '../decode/packet.js';
import { describeFingerprint } from './sender-fingerprint.js';
import type { Flow } from './flow.js';

/** Counters of the service check, for docs/anomalies.md. */
export const SERVICE_FINGERPRINT_COUNTERS: AnomalyCatalog = Object.freeze({
  'ip.service_fingerprint_changed': {
    description:
      'a server endpoint (private address and port) answered a flow with another initial-TTL class or DF bit than its earlier flows with any client; decided over all flows after the run and raised as an `ip.sender_fingerprint_changed` anomaly through the rules (alerts.jsonl, not events.jsonl)',
    severity: 'medium',
  },
  'ip.fingerprint_service_dropped': {
    description:
      'the service sender-fingerprint table held its maximum of server endpoints; a new endpoint was not tracked',
    severity: 'low',
  },
});

/** Settings of {@link ServiceFingerprints} and {@link serviceFingerprintChanges}. */
export interface ServiceFingerprintOptions {
  /** Server endpoints tracked per engine (default 65,536). */
  readonly maxEndpoints?: number;
  /** Packets with the first fingerprint needed before another one is reported (default 3). */
  readonly minPackets?: number;
  /**
   * Seconds: the first fingerprint must have been seen this close before the other one
   * appeared, or at any time after it (default 3,600).
   */
  readonly withinSec?: number;
}

export const SERVICE_FINGERPRINT_DEFAULTS = Object.freeze({
  maxEndpoints: 65_536,
  minPackets: 3,
  withinSec: 3_600,
});

/**
 * What one server endpoint sent with one fingerprint: the earliest flow that started with it,
 * and sums over all such flows. Plain data: it crosses worker threads in the engine report.
 */
export interface ServiceFingerprintRow {
  /** `capture:transport.vlan.innerVlan|address|port` of the server endpoint in one capture. */
  key: string;
  /** Fingerprint code (1..8, `senderFingerprint`). */
  code: number;
  /** Capture number, capture second, nanoseconds and frame of the earliest such flow. */
  capture: number;
  sec: number;
  ns: number;
  frame: number;
  /** That flow: id, decoder (or ''), transport, server and client endpoints. */
  flow: string;
  service: string;
  transport: 'tcp' | 'udp';
  serverIp: string;
  serverPort: number;
  clientIp: string;
  clientPort: number;
  /** Capture second of the latest packet of any such flow. */
  lastSec: number;
  /** Flows and server packets with this fingerprint. */
  flows: number;
  pkts: number;
}

/** The rows an engine gathered (what {@link mergeServiceFingerprints} adds up). */
export interface ServiceFingerprintSnapshot {
  rows: ServiceFingerprintRow[];
}

/** A server endpoint that answered with a second stack: what the main thread reports. */
export interface ServiceFingerprintChange {
  /** The first flow with the new fingerprint. */
  row: ServiceFingerprintRow;
  /** What the endpoint sent before. */
  established: ServiceFingerprintRow;
  /** Anomaly detail text. */
  detail: string;
}

/** Fingerprint code of a flow side the sender check left out (`sender-fingerprint.ts`). */
const EXEMPT = 32;
const CODE_MASK = 15;

/**
 * Gathers, per server endpoint and fingerprint, the rows of {@link ServiceFingerprintRow}.
 *
 * @example
 * const sf = new ServiceFingerprints({}, counters);
 * sf.flowEnd(flow, serverIsOrig, srcIp, dstIp); // at each flow end
 * report.services = sf.snapshot();
 */
export class ServiceFingerprints {
  private readonly rows = new Map<string, ServiceFingerprintRow[]>();
  private readonly maxEndpoints: number;

  constructor(
    opts: ServiceFingerprintOptions,
    private readonly counters: Counters,
  ) {
    this.maxEndpoints = Math.max(1, opts.maxEndpoints ?? SERVICE_FINGERPRINT_DEFAULTS.maxEndpoints);
  }

  /** Endpoints tracked. */
  get size(): number {
    return this.rows.size;
  }

  /**
   * Records a finished flow's server side. `serverIsOrig` comes from the decoder that
   * recognised the flow; `recognised` says whether one did (without a decoder only a TCP
   * handshake tells the server). `origIp`/`respIp` are the flow's addresses as text.
   */
  flowEnd(
    flow: Flow,
    capture: number,
    recognised: boolean,
    serverIsOrig: boolean,
    origIp: string,
    respIp: string,
  ): void {
    const proto = flow.ipProto;
    if (proto !== IpProto.TCP && proto !== IpProto.UDP) return;
    if (!recognised && !(proto === IpProto.TCP && flow.sawSyn)) return;
    const orig = recognised && serverIsOrig;
    const fp = orig ? flow.origFp : flow.respFp;
    if (fp === 0 || fp === EXEMPT) return;
    const pkts = orig ? flow.origPkts : flow.respPkts;
    if (!localServer(flow, orig)) return;
    const code = fp & CODE_MASK;
    const port = orig ? flow.origPort : flow.respPort;
    const ip = orig ? origIp : respIp;
    // Per capture file: flows do not continue across files, nor are their clocks comparable.
    const key = `${capture}:${proto === IpProto.TCP ? 'tcp' : 'udp'}.${flow.vlan}.${flow.vlanInner}|${ip}|${port}`;
    let list = this.rows.get(key);
    if (list === undefined) {
      if (this.rows.size >= this.maxEndpoints) {
        this.counters.inc('ip.fingerprint_service_dropped');
        return;
      }
      list = [];
      this.rows.set(key, list);
    }
    const row = newRow(key, code, flow, capture, orig, origIp, respIp, pkts);
    const i = list.findIndex((r) => r.code === code);
    if (i < 0) list.push(row);
    else list[i] = combine(list[i] as ServiceFingerprintRow, row);
  }

  /** The rows so far, in key order (for the engine report). */
  snapshot(): ServiceFingerprintSnapshot {
    const rows: ServiceFingerprintRow[] = [];
    for (const key of [...this.rows.keys()].sort()) {
      for (const r of this.rows.get(key) as ServiceFingerprintRow[]) rows.push({ ...r });
    }
    return { rows };
  }
}

/**
 * Adds up the snapshots of several engines: per endpoint and fingerprint the earliest flow,
 * the latest packet, the sums. The result does not depend on how flows were dealt.
 */
export function mergeServiceFingerprints(
  snaps: readonly ServiceFingerprintSnapshot[],
): ServiceFingerprintSnapshot {
  const byKey = new Map<string, ServiceFingerprintRow>();
  for (const s of snaps) {
    for (const r of s.rows) {
      const k = `${r.key}#${r.code}`;
      const have = byKey.get(k);
      byKey.set(k, have === undefined ? { ...r } : combine(have, r));
    }
  }
  const rows = [...byKey.values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.code - b.code,
  );
  return { rows };
}

/**
 * The endpoints that answered with a second fingerprint: per endpoint, the fingerprint of its
 * earliest flow is the established one; every other fingerprint whose first flow came after
 * it, while the established one had at least `minPackets` packets and was seen within
 * `withinSec` before (or at any time after), is reported once, at its first flow.
 */
export function serviceFingerprintChanges(
  snap: ServiceFingerprintSnapshot,
  opts: ServiceFingerprintOptions = {},
): ServiceFingerprintChange[] {
  const minPackets = opts.minPackets ?? SERVICE_FINGERPRINT_DEFAULTS.minPackets;
  const withinSec = opts.withinSec ?? SERVICE_FINGERPRINT_DEFAULTS.withinSec;
  const byKey = new Map<string, ServiceFingerprintRow[]>();
  for (const r of snap.rows) {
    const list = byKey.get(r.key);
    if (list === undefined) byKey.set(r.key, [r]);
    else list.push(r);
  }
  const out: ServiceFingerprintChange[] = [];
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (earlier(a.capture, a.sec, a.ns, a.frame, b) ? -1 : 1));
    const first = list[0] as ServiceFingerprintRow;
    if (first.pkts < minPackets) continue;
    for (let i = 1; i < list.length; i++) {
      const r = list[i] as ServiceFingerprintRow;
      if (first.lastSec < r.sec - withinSec) continue;
      out.push({
        row: r,
        established: first,
        detail:
          `${describeFingerprint(r.code)} from ${r.serverIp} port ${r.serverPort} to ${r.clientIp}; ` +
          `this endpoint answered ${first.flows} flow${first.flows === 1 ? '' : 's'} with ` +
          `${describeFingerprint(first.code)} (${first.pkts} packets since frame ${first.frame}, ` +
          `to ${first.clientIp} first)`,
      });
    }
  }
  out.sort((a, b) => (earlier(a.row.capture, a.row.sec, a.row.ns, a.row.frame, b.row) ? -1 : 1));
  return out;
}

/**
 * The anomaly event line of a change, as a decoder's anomaly would read: the server endpoint
 * as source, at the first frame of the flow with the new fingerprint.
 */
export function serviceChangeEvent(c: ServiceFingerprintChange): Record<string, unknown> {
  const r = c.row;
  return {
    ts: isoMicros(r.sec, r.ns),
    frame: r.frame,
    proto: r.service === '' ? r.transport : r.service,
    kind: 'anomaly',
    transport: r.transport,
    src_ip: r.serverIp,
    src_port: r.serverPort,
    dst_ip: r.clientIp,
    dst_port: r.clientPort,
    flow: r.flow,
    anomaly: { name: 'ip.sender_fingerprint_changed', detail: c.detail },
  };
}

/**
 * Two rows of one endpoint and fingerprint as one: the earlier flow's, with the latest packet
 * and the sums of both (what one flow adds, and what engines' snapshots add up to).
 */
function combine(a: ServiceFingerprintRow, b: ServiceFingerprintRow): ServiceFingerprintRow {
  const out = earlier(b.capture, b.sec, b.ns, b.frame, a) ? { ...b } : { ...a };
  out.lastSec = Math.max(a.lastSec, b.lastSec);
  out.flows = a.flows + b.flows;
  out.pkts = a.pkts + b.pkts;
  return out;
}

function newRow(
  key: string,
  code: number,
  flow: Flow,
  capture: number,
  orig: boolean,
  origIp: string,
  respIp: string,
  pkts: number,
): ServiceFingerprintRow {
  return {
    key,
    code,
    capture,
    sec: flow.firstSec,
    ns: flow.firstNs,
    frame: flow.firstFrame,
    flow: flow.id,
    service: flow.service,
    transport: flow.ipProto === IpProto.TCP ? 'tcp' : 'udp',
    serverIp: orig ? origIp : respIp,
    serverPort: orig ? flow.origPort : flow.respPort,
    clientIp: orig ? respIp : origIp,
    clientPort: orig ? flow.respPort : flow.origPort,
    lastSec: flow.lastSec,
    flows: 1,
    pkts,
  };
}

/** True when (capture, sec, ns, frame) comes before the row's earliest flow. */
function earlier(
  capture: number,
  sec: number,
  ns: number,
  frame: number,
  r: ServiceFingerprintRow,
): boolean {
  if (capture !== r.capture) return capture < r.capture;
  if (sec !== r.sec) return sec < r.sec;
  if (ns !== r.ns) return ns < r.ns;
  return frame < r.frame;
}

/** True when the server side's address is not globally routable (see the header). */
function localServer(f: Flow, orig: boolean): boolean {
  const a0 = (orig ? f.origA0 : f.respA0) >>> 0;
  if (f.ipVersion === 6) {
    const top = a0 >>> 16;
    // fc00::/7 unique local, fe80::/10 link-local.
    return (top & 0xfe00) === 0xfc00 || (top & 0xffc0) === 0xfe80;
  }
  const b0 = a0 >>> 24;
  const b1 = (a0 >>> 16) & 0xff;
  return (
    b0 === 10 ||
    (b0 === 172 && (b1 & 0xf0) === 16) ||
    (b0 === 192 && b1 === 168) ||
    (b0 === 100 && (b1 & 0xc0) === 64) ||
    (b0 === 169 && b1 === 254)
  );
}
