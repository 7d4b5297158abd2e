/**
 * Threat-intelligence matching in the pipeline: an {@link Observer} that looks every event and
 * flow record up in the compiled indicators (`compile.ts`) and raises `source: intel` alerts.
 *
 * Per event the work is a few hash-map lookups of the values the event carries (its
 * addresses, ports and protocols once per flow; DNS names, TLS server names and certificates,
 * HTTP hosts and URLs, SMB and FTP file names and accounts as they come) and a walk of the
 * CIDR tries; only when a lookup proposes an indicator (or unindexed indicators exist) are the
 * event's observables built and the candidate patterns evaluated in full. Nothing here grows
 * with the number of indicators.
 *
 * An alert is oriented client to server (the flow's initiator as `src_ip`), so the requests and
 * responses of one conversation count on one alert. Indicators are honoured only within their
 * `valid_from`/`valid_until` window, in capture time. Patterns that need several observations
 * are recorded as {@link SequenceHit}s (bounded by {@link MAX_SEQUENCE_HITS}) and decided when
 * the engines' reports merge (`sequence.ts`).
 */
import type { Counters } from '../../core/counters.js';
import { isoMicros } from '../../core/time.js';
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import { AlertCollection, DEDUP_GAP_S, alertKey, type AlertCandidate } from '../alerts.js';
import type { EventMeta, Observer } from '../observer.js';
import type { IntelIndicator } from './bundle.js';
import { IntelIndex, type Leaf } from './compile.js';
import { evaluate, normalise, normaliseUrl, type Observation } from './evaluate.js';
import { ipToBytes } from './ip.js';
import { alertTitle, explanation } from './matcher-text.js';
import { eventObservation, flowObservation, hostOnly, httpUrl } from './observation.js';
import type { SequenceHit } from './sequence.js';

/** Leaf matches of multi-observation patterns one engine keeps; more are counted. */
export const MAX_SEQUENCE_HITS = 100_000;

/**
 * Flows whose address, port and protocol candidates are cached (events of many flows
 * interleave; an entry goes when its flow record arrives); the cache starts over when full
 * (flows without records: layer-2 streams). Most flows have no candidate and share one empty
 * list.
 */
const FLOW_CACHE = 8192;
const NONE: readonly Leaf[] = Object.freeze([]);

/** What a matcher hands to the merge: its alerts and its sequence hits. */
export interface IntelSnapshot {
  alerts: ReturnType<AlertCollection['snapshot']>;
  hits: SequenceHit[];
}

type Obj = Record<string, unknown>;

/** Frames an alert keeps as evidence (AlertCollection keeps the first 10). */
const MAX_EVIDENCE_FRAMES = 10;

/**
 * What the matcher knows of one alert it added to its collection: once the alert holds its
 * evidence frames, later repeats are only counted (the common case of an indicator matching
 * every packet of a long conversation costs a map lookup, not an alert merge).
 */
const GAP_MS = DEDUP_GAP_S * 1000;

interface Tally {
  /** Occurrences added in full with rising frame numbers, and the highest frame. */
  distinct: number;
  maxFrame: number;
  firstTime: number;
  /** Repeats only counted, and the last occurrence's time. */
  extra: number;
  lastTime: number;
  lastTs: string | null;
  lastSec: number;
  lastNs: number;
}

/** The intel stage of one engine. */
export class IntelMatcher implements Observer {
  readonly alerts = new AlertCollection();
  private hits: SequenceHit[] = [];
  private index: IntelIndex;
  private gen = 0;
  private readonly cand: Leaf[] = [];
  private readonly flowCache = new Map<string, readonly Leaf[]>();
  private readonly tallies = new Map<string, Tally>();
  private readonly addr = new Uint8Array(16);
  private seq = 0;
  /** Entries of {@link cand} in use (the array is reused: no length writes per event). */
  private candN = 0;
  /** While a flow's candidates are collected: true, and the list once one is found. */
  private toFlow = false;
  private flowList: Leaf[] | null = null;
  private readonly visit = (list: readonly Leaf[]): void => {
    for (const l of list) this.add(l);
  };
  /**
   * Addresses in DNS answers serve only leaves that are evaluated (`resolves_to_refs`): a leaf
   * decided by its lookup (`ipv4-addr:value`) is about the event's own addresses.
   */
  private readonly visitAnswer = (list: readonly Leaf[]): void => {
    for (const l of list) if (l.expr !== null) this.add(l);
  };

  constructor(
    indicators: readonly IntelIndicator[],
    private readonly counters: Counters,
  ) {
    this.index = new IntelIndex(indicators);
  }

  /** Replaces the indicators (a TAXII refresh during live capture). */
  update(indicators: readonly IntelIndicator[]): void {
    this.index = new IntelIndex(indicators);
    this.flowCache.clear();
  }

  /** Number of indicators and of scanned (unindexed) leaves. */
  get size(): { indicators: number; scanned: number } {
    return { indicators: this.index.indicators.length, scanned: this.index.scanned.length };
  }

  snapshot(): IntelSnapshot {
    for (const [k, t] of this.tallies) this.settle(k, t);
    return { alerts: this.alerts.snapshot(), hits: this.hits };
  }

  /** Adds the repeats a tally only counted to their alert. */
  private settle(key: string, t: Tally): void {
    if (t.extra === 0) return;
    this.alerts.addRepeats(key, t.extra, t.lastTs ?? isoMicros(t.lastSec, t.lastNs));
    t.extra = 0;
  }

  event(meta: EventMeta, e: AppEvent): void {
    const idx = this.index;
    if (idx.indicators.length === 0) return;
    this.gen++;
    this.candN = 0;
    let flowCand = this.flowCache.get(meta.flow);
    if (flowCand === undefined) flowCand = this.flowCandidates(meta);
    for (let i = 0; i < flowCand.length; i++) this.add(flowCand[i] as Leaf);
    this.protocolCandidates(meta.proto, e);
    const n = this.candN;
    const scanned = idx.scanned;
    if (n === 0 && scanned.length === 0) return;
    const cand = this.cand;
    const time = meta.sec * 1000 + meta.ns / 1e6;
    let obs: Observation | null = null;
    for (let i = 0; i < n + scanned.length; i++) {
      const leaf = (i < n ? cand[i] : scanned[i - n]) as Leaf;
      const spec = leaf.indicator.spec;
      if (time < spec.validFrom || time >= spec.validUntil) {
        this.counters.inc('intel.outside_validity');
        continue;
      }
      if (leaf.expr !== null) {
        obs ??= eventObservation(meta, e);
        if (!evaluate(leaf.expr, obs)) continue;
      }
      const client = meta.fromServer ? meta.dstIp : meta.srcIp;
      const server = meta.fromServer ? meta.srcIp : meta.dstIp;
      this.matched(
        leaf,
        time,
        meta.frame,
        meta.flow,
        null,
        meta.sec,
        meta.ns,
        client,
        server,
        () => ({
          proto: meta.proto,
          ts: isoMicros(meta.sec, meta.ns),
          evidence: eventLine(meta, e),
        }),
      );
    }
  }

  flow(r: FlowRecord, serverIsOrig: boolean): void {
    const idx = this.index;
    if (idx.indicators.length === 0) return;
    this.gen++;
    this.candN = 0;
    // The flow's events found its address, port and protocol candidates already (a flow
    // record ends the flow: its cache entry goes with it).
    const cached = this.flowCache.get(r.id);
    if (cached !== undefined) {
      this.flowCache.delete(r.id);
      for (let i = 0; i < cached.length; i++) this.add(cached[i] as Leaf);
    } else {
      this.ipCandidates(r.src_ip);
      this.ipCandidates(r.dst_ip);
      this.portCandidates(r.src_port, r.dst_port);
      this.macCandidates(r.src_mac ?? '', r.dst_mac ?? '');
      this.protocolNameCandidates(r.transport, r.service ?? '', r.src_ip);
    }
    const n = this.candN;
    const scanned = idx.scanned;
    if (n === 0 && scanned.length === 0) return;
    const cand = this.cand;
    const time = Date.parse(r.ts);
    let obs: Observation | null = null;
    for (let i = 0; i < n + scanned.length; i++) {
      const leaf = (i < n ? cand[i] : scanned[i - n]) as Leaf;
      const spec = leaf.indicator.spec;
      if (time < spec.validFrom || time >= spec.validUntil) {
        this.counters.inc('intel.outside_validity');
        continue;
      }
      if (leaf.expr !== null) {
        obs ??= flowObservation(r);
        if (!evaluate(leaf.expr, obs)) continue;
      }
      const client = serverIsOrig ? r.dst_ip : r.src_ip;
      const server = serverIsOrig ? r.src_ip : r.dst_ip;
      this.matched(leaf, time, r.first_frame, r.id, r.ts, 0, 0, client, server, () => ({
        proto: r.service ?? r.transport,
        ts: r.ts,
        evidence: { ...r, frame: r.first_frame },
      }));
    }
  }

  private add(l: Leaf): void {
    if (l.stamp === this.gen) return;
    l.stamp = this.gen;
    if (this.toFlow) (this.flowList ??= []).push(l);
    else this.cand[this.candN++] = l;
  }

  /** Candidates from what is constant over a flow: addresses, ports, MACs, protocols. */
  private flowCandidates(meta: EventMeta): readonly Leaf[] {
    this.toFlow = true;
    this.flowList = null;
    if (meta.srcIp !== null) this.ipCandidates(meta.srcIp);
    if (meta.dstIp !== null) this.ipCandidates(meta.dstIp);
    if (meta.transport !== 'ether') this.portCandidates(meta.srcPort, meta.dstPort);
    this.macCandidates(meta.srcMac, meta.dstMac);
    this.protocolNameCandidates(meta.transport, meta.proto, meta.srcIp);
    // Stamps of this generation now mark the flow's leaves: copy them into the event's list.
    this.toFlow = false;
    this.gen++;
    const list = this.flowList ?? NONE;
    this.flowList = null;
    if (this.flowCache.size >= FLOW_CACHE) this.flowCache.clear();
    this.flowCache.set(meta.flow, list);
    return list;
  }

  private ipCandidates(ip: string, answer = false): void {
    const idx = this.index;
    const visit = answer ? this.visitAnswer : this.visit;
    const exact = idx.ipExact.get(ip);
    if (exact !== undefined) visit(exact);
    if (idx.trie4.size === 0 && idx.trie6.size === 0) return;
    const fam = ipToBytes(ip, this.addr);
    if (fam === 4) idx.trie4.lookup(this.addr, visit);
    else if (fam === 6) idx.trie6.lookup(this.addr, visit);
  }

  private portCandidates(a: number, b: number): void {
    const ports = this.index.ports;
    if (ports.size === 0) return;
    const x = ports.get(a);
    if (x !== undefined) for (const l of x) this.add(l);
    const y = ports.get(b);
    if (y !== undefined) for (const l of y) this.add(l);
  }

  private macCandidates(a: string, b: string): void {
    const m = this.index.map('mac');
    if (m === undefined) return;
    if (a !== '') this.lookup(m, normalise('mac', a));
    if (b !== '') this.lookup(m, normalise('mac', b));
  }

  private protocolNameCandidates(transport: string, proto: string, ip: string | null): void {
    const m = this.index.map('network-traffic:protocols[*]');
    if (m === undefined) return;
    this.lookup(m, transport);
    if (proto !== '') this.lookup(m, proto);
    if (ip !== null) this.lookup(m, ip.indexOf(':') >= 0 ? 'ipv6' : 'ipv4');
  }

  private lookup(m: Map<string, Leaf[]> | undefined, key: string): void {
    if (m === undefined) return;
    const list = m.get(key);
    if (list !== undefined) for (const l of list) this.add(l);
  }

  /** Candidates from the fields of the protocols that carry names, URLs, files, certificates. */
  private protocolCandidates(proto: string, e: AppEvent): void {
    const idx = this.index;
    switch (proto) {
      case 'dns': {
        const d = e.dns as Obj | undefined;
        const q = d?.qname;
        if (typeof q === 'string') this.lookup(idx.map('domain'), normalise('domain', q));
        const answers = d?.answers;
        if (
          Array.isArray(answers) &&
          (idx.ipExact.size > 0 || idx.trie4.size > 0 || idx.trie6.size > 0)
        ) {
          for (const a of answers as Obj[]) {
            if ((a.type === 1 || a.type === 28) && typeof a.data === 'string')
              this.ipCandidates(a.data, true);
          }
        }
        break;
      }
      case 'tls': {
        const t = e.tls as Obj | undefined;
        const sni = t?.sni;
        const domains = idx.map('domain');
        if (typeof sni === 'string') this.lookup(domains, normalise('domain', sni));
        const certs = t?.certificates;
        if (!Array.isArray(certs)) break;
        for (const c of certs as Obj[]) {
          if (typeof c.sha1 === 'string') this.lookup(idx.map('hash'), c.sha1.toLowerCase());
          if (typeof c.serial === 'string')
            this.lookup(idx.map('serial'), normalise('serial', c.serial));
          const dn = idx.map('dn');
          if (dn !== undefined) {
            for (const k of ['subject_cn', 'issuer_cn']) {
              if (typeof c[k] === 'string') this.lookup(dn, 'cn=' + (c[k] as string).toLowerCase());
            }
            for (const k of ['subject_o', 'issuer_o']) {
              if (typeof c[k] === 'string') this.lookup(dn, 'o=' + (c[k] as string).toLowerCase());
            }
          }
          if (domains !== undefined && Array.isArray(c.san_dns)) {
            for (const n of c.san_dns)
              if (typeof n === 'string') this.lookup(domains, normalise('domain', n));
          }
        }
        break;
      }
      case 'http': {
        const h = e.http as Obj | undefined;
        const host = h?.host;
        if (typeof host === 'string')
          this.lookup(idx.map('domain'), normalise('domain', hostOnly(host)));
        const urls = idx.map('url');
        if (urls !== undefined) {
          const u = httpUrl(h);
          if (u !== undefined) this.lookup(urls, normaliseUrl(u));
        }
        const user = h?.auth_user;
        if (typeof user === 'string') this.lookup(idx.map('user-account:account_login'), user);
        break;
      }
      case 'smb':
      case 'ftp': {
        const o = e[proto] as Obj | undefined;
        const f = proto === 'smb' ? o?.filename : o?.path;
        if (typeof f === 'string') {
          const cut = Math.max(f.lastIndexOf('\\'), f.lastIndexOf('/'));
          this.lookup(idx.map('file:name'), cut < 0 ? f : f.slice(cut + 1));
          if (cut > 0) this.lookup(idx.map('file:parent_directory_ref.path'), f.slice(0, cut));
        }
        const user = o?.user;
        if (typeof user === 'string') this.lookup(idx.map('user-account:account_login'), user);
        break;
      }
    }
  }

  private matched(
    leaf: Leaf,
    time: number,
    frame: number,
    flow: string,
    /** A flow record's `ts` (events give their time as `sec`, `ns`). */
    recordTs: string | null,
    sec: number,
    ns: number,
    client: string | null,
    server: string | null,
    describe: () => { proto: string; ts: string; evidence: unknown },
  ): void {
    const ind = leaf.indicator;
    const record = recordTs !== null;
    this.counters.inc('intel.matches');
    if (ind.immediate) {
      for (const w of ind.windows) if (time < w.start || time >= w.stop) return;
      // The key AlertCollection deduplicates by (rule, source, destination, subject, hour).
      const key = alertKey(ind.spec.id, client, server, '', time);
      let t = this.tallies.get(key);
      if (
        t !== undefined &&
        t.distinct >= MAX_EVIDENCE_FRAMES &&
        frame >= t.maxFrame &&
        time >= t.firstTime &&
        time <= t.lastTime + GAP_MS
      ) {
        // A repeat that cannot change the alert's first occurrence or evidence: counted here,
        // added to the alert's count and last_ts when the snapshot is taken.
        t.extra++;
        if (time >= t.lastTime) {
          t.lastTime = time;
          t.lastTs = recordTs;
          t.lastSec = sec;
          t.lastNs = ns;
        }
        return;
      }
      const d = describe();
      const c: AlertCandidate = {
        ts: d.ts,
        frame,
        rule_id: ind.spec.id,
        title: alertTitle(ind.spec),
        severity: ind.spec.severity,
        source: 'intel',
        technique_ids: [...ind.spec.techniqueIds],
        src_ip: client,
        dst_ip: server,
        proto: d.proto,
        flow,
        evidence: {
          frames: [frame],
          events: [d.evidence],
          explanation: explanation(ind.spec, record ? `flow ${flow}` : `frame ${frame}`),
        },
      };
      this.alerts.add(c, '');
      if (t !== undefined && (time > t.lastTime + GAP_MS || time < t.firstTime - GAP_MS)) {
        // Another episode of the alert: the tally follows the new one.
        this.settle(key, t);
        this.tallies.delete(key);
        t = undefined;
      }
      if (t === undefined) {
        this.tallies.set(key, {
          distinct: 1,
          maxFrame: frame,
          firstTime: time,
          extra: 0,
          lastTime: time,
          lastTs: d.ts,
          lastSec: sec,
          lastNs: ns,
        });
      } else {
        if (frame > t.maxFrame) {
          t.distinct++;
          t.maxFrame = frame;
        }
        if (time < t.firstTime) t.firstTime = time;
        if (time >= t.lastTime) {
          t.lastTime = time;
          t.lastTs = d.ts;
        }
      }
      return;
    }
    if (this.hits.length >= MAX_SEQUENCE_HITS) {
      this.counters.inc('intel.sequence_hits_dropped');
      return;
    }
    const d = describe();
    const colon = flow.indexOf(':');
    this.hits.push({
      indicator: ind.spec.id,
      leaf: leaf.index,
      time,
      ts: d.ts,
      capture: colon > 0 ? Number(flow.slice(0, colon)) : 1,
      frame,
      record: record ? 1 : 0,
      seq: this.seq++,
      src_ip: client,
      dst_ip: server,
      proto: d.proto,
      flow,
      evidence: d.evidence,
    });
  }
}

/** The `events.jsonl` form of an event (envelope and protocol objects), for evidence. */
function eventLine(meta: EventMeta, e: AppEvent): Obj {
  const line: Obj = {
    ts: isoMicros(meta.sec, meta.ns),
    frame: meta.frame,
    proto: meta.proto,
    kind: e.kind,
    transport: meta.transport,
    src_ip: meta.srcIp,
    src_port: meta.transport === 'ether' ? null : meta.srcPort,
    dst_ip: meta.dstIp,
    dst_port: meta.transport === 'ether' ? null : meta.dstPort,
    flow: meta.flow,
  };
  for (const k in e) if (k !== 'kind' && e[k] !== undefined) line[k] = e[k];
  return line;
}
