/**
 * Beacon detector: a host that opens many short connections to the same service at regular
 * intervals, the way an implant polls its command-and-control server (MITRE ATT&CK T1071
 * Application Layer Protocol, T1573 Encrypted Channel; "beaconing" as RITA and Zeek's
 * `ja3`-less C2 hunts describe it: a series of connections whose inter-arrival times have a
 * low dispersion).
 *
 * Sigma matches one event at a time and its correlations count, but cannot measure how regular
 * a series of times is; this observer does, and hands the rule engine a derived event line of
 * kind `behaviour.beacon` (`logsource: category: behaviour`), which `rules/it/beacon.yml` matches.
 *
 * Method, per series (client address, server address, server port, transport):
 *
 * - A series keeps the start times and byte totals of its last `maxTimes` flows (a ring).
 *   A flow is one observation however long it lasts, so an OT master polling a PLC over one
 *   long TCP connection is one point, never a series; many short flows at a steady rhythm are.
 * - Once it has `minConnections` flows, the gaps between consecutive starts (sorted: flows are
 *   reported when they end, not when they start) are compared with their median: the series is
 *   regular when at least `minRegularFraction` of the gaps lie within `tolerance` (a fraction)
 *   of the median. A median is robust to a missed beacon (one doubled gap) and to a burst of
 *   retries, where a mean and a standard deviation are not; the coefficient of variation of all
 *   the gaps (the `jitter` reported) must still stay under `maxJitter`, so that a series whose
 *   few odd gaps are wild (a device that talks when something changes) is not taken as regular.
 * - The median gap must lie in [`minIntervalS`, `maxIntervalS`]: sub-second bursts are page
 *   loads, scans and retries, not beacons.
 * - A regular series emits one event, and again at most every `reemitAfterS` seconds of
 *   capture time while it stays regular (alerts are deduplicated per hour anyway).
 *
 * Not counted: name resolution and time (DNS, mDNS, LLMNR, NTP), NetBIOS name and datagram
 * services, DHCP and SSDP, whose periodic traffic is the protocol's own design, and every flow to
 * a multicast or broadcast address.
 *
 * Bounded: at most `maxSeries` series (the least recently updated is forgotten first, counted as
 * `behaviour.beacon_series_evicted`) and `maxTimes` flows per series. Work per flow is
 * O(maxTimes log maxTimes) for a series with enough flows, O(1) otherwise.
 */
import type { Counters } from '../../core/counters.js';
import type { FlowRecord } from '../../events/envelope.js';
import type { EventMeta, Observer } from '../observer.js';
import type { AppEvent } from '../../decode/decoder.js';

/** Counters of the beacon detector (summary.json). */
export const BEACON_COUNTERS = Object.freeze({
  'behaviour.beacon_series_evicted': {
    description:
      'connection series forgotten because the detector kept as many as it may; a beacon among them starts its count again',
    severity: 'low',
  },
} satisfies Record<
  string,
  { description: string; severity: 'low' | 'medium' | 'high' | 'critical' }
>);

/** Tuning of {@link BeaconDetector}; every field has a default ({@link BEACON_DEFAULTS}). */
export interface BeaconOptions {
  /** Flows a series needs before it is judged. */
  readonly minConnections: number;
  /** Shortest median gap between flow starts, in seconds. */
  readonly minIntervalS: number;
  /** Longest median gap, in seconds. */
  readonly maxIntervalS: number;
  /** A gap is regular when within this fraction of the median gap (0.2 = ±20%). */
  readonly tolerance: number;
  /** Fraction of the gaps that must be regular. */
  readonly minRegularFraction: number;
  /** Largest coefficient of variation of all the gaps (outliers included). */
  readonly maxJitter: number;
  /** Series kept at once. */
  readonly maxSeries: number;
  /** Flows kept per series (the most recent). */
  readonly maxTimes: number;
  /** Capture seconds before a series that stays regular emits again. */
  readonly reemitAfterS: number;
  /** Server ports (UDP or TCP) that are never a series. */
  readonly excludePorts: readonly number[];
  /** Services (flow record `service`, decoder ids) that are never a series. */
  readonly excludeServices: readonly string[];
}

/** Defaults, tuned so that a 60 s implant with 20% jitter is found after six check-ins. */
export const BEACON_DEFAULTS: BeaconOptions = {
  minConnections: 6,
  minIntervalS: 2,
  maxIntervalS: 86_400,
  tolerance: 0.2,
  minRegularFraction: 0.8,
  maxJitter: 0.5,
  maxSeries: 20_000,
  maxTimes: 32,
  reemitAfterS: 3_600,
  // DNS, NTP, NetBIOS name and datagram, DHCP server and client, SSDP, mDNS, LLMNR.
  excludePorts: [53, 67, 68, 123, 137, 138, 1900, 5353, 5355],
  excludeServices: ['dns', 'ntp', 'nbns', 'nbdgm', 'dhcp'],
};

/** The `beacon` object of a `behaviour.beacon` event line. */
export interface BeaconFields {
  /** Flows in the window the verdict is about (at most `maxTimes`). */
  connections: number;
  /** Flows of the series seen in all (the window holds the most recent). */
  total_connections: number;
  /** Median gap between flow starts, in seconds (3 decimals). */
  interval_s: number;
  /** Coefficient of variation of the gaps (standard deviation / mean, 3 decimals). */
  jitter: number;
  /** Fraction of the gaps within the tolerance of the median (3 decimals). */
  regular_fraction: number;
  /** Seconds from the first to the last flow start of the window (3 decimals). */
  duration_s: number;
  /** Mean bytes per flow, both directions (payload). */
  bytes_mean: number;
  /** Coefficient of variation of the bytes per flow (3 decimals); 0 when every flow is alike. */
  bytes_cv: number;
  /** Start time of the first flow of the window (ISO 8601). */
  first_ts: string;
  /** Application protocol recognised on the latest flow, when one was. */
  service?: string;
}

/** Receives each derived event line. */
export type BehaviourEmit = (line: Record<string, unknown>) => void;

interface Series {
  /** Ring of flow start times (ms since the epoch) and byte totals; `n` entries used. */
  readonly times: number[];
  readonly bytes: number[];
  /** ISO start time of each ring slot (to name the window's first flow). */
  readonly isos: string[];
  next: number;
  n: number;
  total: number;
  /** Capture time (ms) of the last emission; -Infinity before the first. */
  emittedAt: number;
}

/** Flow observer that finds regular series of short connections (see the module header). */
export class BeaconDetector implements Observer {
  private readonly opts: BeaconOptions;
  private readonly series = new Map<string, Series>();
  private readonly excludePorts: ReadonlySet<number>;
  private readonly excludeServices: ReadonlySet<string>;
  /** Scratch arrays for sorting a window, reused across calls. */
  private readonly order: number[] = [];
  private readonly gaps: number[] = [];

  /**
   * @param emit receives each `behaviour.beacon` line (the engine passes it to the rules).
   * @param counters where limit hits are counted (`behaviour.beacon_series_evicted`).
   * @param options overrides of {@link BEACON_DEFAULTS}.
   */
  constructor(
    private readonly emit: BehaviourEmit,
    private readonly counters: Counters | null = null,
    options: Partial<BeaconOptions> = {},
  ) {
    this.opts = { ...BEACON_DEFAULTS, ...options };
    this.excludePorts = new Set(this.opts.excludePorts);
    this.excludeServices = new Set(this.opts.excludeServices);
  }

  /** Events are not used: a beacon is a property of flows. */
  event(_meta: EventMeta, _event: AppEvent): void {}

  /** Adds a finished flow to its series and emits when the series is regular. */
  flow(record: FlowRecord, serverIsOrig: boolean): void {
    if (record.transport !== 'tcp' && record.transport !== 'udp') return;
    // The client is the initiator, unless the decoder found the server on the initiator's side.
    const client = serverIsOrig ? record.dst_ip : record.src_ip;
    const server = serverIsOrig ? record.src_ip : record.dst_ip;
    const port = serverIsOrig ? record.src_port : record.dst_port;
    if (this.excludePorts.has(port)) return;
    if (record.service !== undefined && this.excludeServices.has(record.service)) return;
    if (isGroupAddress(server)) return;
    const start = Date.parse(record.ts);
    if (Number.isNaN(start)) return;

    const key = `${client}|${server}|${port}|${record.transport}`;
    let s = this.series.get(key);
    if (s === undefined) {
      if (this.series.size >= this.opts.maxSeries) this.evictOldest();
      s = { times: [], bytes: [], isos: [], next: 0, n: 0, total: 0, emittedAt: -Infinity };
    } else {
      // Re-insert so the map's iteration order is least recently updated first.
      this.series.delete(key);
    }
    this.series.set(key, s);
    push(s, start, record.orig_bytes + record.resp_bytes, record.ts, this.opts.maxTimes);
    if (s.n < this.opts.minConnections) return;
    if (start - s.emittedAt < this.opts.reemitAfterS * 1000) return;

    const fields = this.judge(s);
    if (fields === null) return;
    s.emittedAt = start;
    if (record.service !== undefined) fields.service = record.service;
    this.emit({
      ts: record.ts,
      frame: record.first_frame,
      proto: 'behaviour',
      kind: 'behaviour.beacon',
      src_ip: client,
      src_port: null,
      dst_ip: server,
      dst_port: port,
      flow: record.id,
      transport: record.transport,
      beacon: fields,
    });
  }

  /** Series currently kept (for tests and the summary). */
  get size(): number {
    return this.series.size;
  }

  private evictOldest(): void {
    const first = this.series.keys().next();
    if (first.done === true) return;
    this.series.delete(first.value);
    this.counters?.inc('behaviour.beacon_series_evicted');
  }

  /** The verdict on a series' window: its fields when regular, else null. */
  private judge(s: Series): BeaconFields | null {
    const n = s.n;
    const order = this.order;
    order.length = n;
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (s.times[a] as number) - (s.times[b] as number));
    const gaps = this.gaps;
    gaps.length = n - 1;
    let sum = 0;
    for (let i = 1; i < n; i++) {
      const g =
        ((s.times[order[i] as number] as number) - (s.times[order[i - 1] as number] as number)) /
        1000;
      gaps[i - 1] = g;
      sum += g;
    }
    const sorted = gaps.slice().sort((a, b) => a - b);
    const median = medianOf(sorted);
    if (median < this.opts.minIntervalS || median > this.opts.maxIntervalS) return null;
    const lo = median * (1 - this.opts.tolerance);
    const hi = median * (1 + this.opts.tolerance);
    let regular = 0;
    for (const g of gaps) if (g >= lo && g <= hi) regular++;
    const fraction = regular / gaps.length;
    if (fraction < this.opts.minRegularFraction) return null;

    const mean = sum / gaps.length;
    const jitter = mean > 0 ? stddev(gaps, mean) / mean : 0;
    if (jitter > this.opts.maxJitter) return null;
    let bytesSum = 0;
    for (let i = 0; i < n; i++) bytesSum += s.bytes[i] as number;
    const bytesMean = bytesSum / n;
    const firstSlot = order[0] as number;
    const lastSlot = order[n - 1] as number;
    return {
      connections: n,
      total_connections: s.total,
      interval_s: round3(median),
      jitter: round3(jitter),
      regular_fraction: round3(fraction),
      duration_s: round3(((s.times[lastSlot] as number) - (s.times[firstSlot] as number)) / 1000),
      bytes_mean: Math.round(bytesMean),
      bytes_cv: round3(bytesMean > 0 ? stddev(s.bytes, bytesMean, n) / bytesMean : 0),
      first_ts: s.isos[firstSlot] as string,
    };
  }
}

function push(s: Series, t: number, bytes: number, iso: string, max: number): void {
  s.total++;
  if (s.n < max) {
    s.times.push(t);
    s.bytes.push(bytes);
    s.isos.push(iso);
    s.n++;
    return;
  }
  s.times[s.next] = t;
  s.bytes[s.next] = bytes;
  s.isos[s.next] = iso;
  s.next = (s.next + 1) % max;
}

/** Multicast (224.0.0.0/4, ff00::/8) and broadcast (255.255.255.255, a last octet of 255). */
function isGroupAddress(ip: string): boolean {
  if (ip.includes(':'))
    return ip.length >= 2 && (ip[0] === 'f' || ip[0] === 'F') && (ip[1] === 'f' || ip[1] === 'F');
  const dot = ip.indexOf('.');
  const first = Number(ip.slice(0, dot));
  if (first >= 224 && first <= 239) return true;
  return ip.endsWith('.255');
}

function medianOf(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[m] as number)
    : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}

function stddev(xs: readonly number[], mean: number, n = xs.length): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - mean;
    v += d * d;
  }
  return Math.sqrt(v / n);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
