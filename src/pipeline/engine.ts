/**
 * The engine: one capture's frames in, event and flow lines out. It wires the hot path in the
 * order of the design (DESIGN.md, "The pipeline"):
 *
 *   RawFrame ─► FrameDecoder (link/IP/TCP/UDP, fragments) ─► FlowTable ─► TcpReassembler
 *            ─► AppLayer (recognition, protocol decoders) ─► event lines
 *
 * Time inside the engine is capture time. Timeouts are checked once per capture second (a
 * "tick", taken before the first packet of a new second). What flows ending in one tick emit
 * (their last events and their flow lines) is written in order of the flows' first frames. So
 * every output line has a position, the frame being processed when it was emitted, and an
 * order within that position (0, or the first frame of the flow that ended in a tick): the
 * output depends only on the capture, which is what lets `--workers N` shard flows over
 * threads and merge their lines back into the same files as one thread.
 */
import { Counters } from '../core/counters.js';
import { macPartsToString } from '../core/net-format.js';
import { isoMicros, diffSeconds } from '../core/time.js';
import type { RawFrame } from '../capture/source.js';
import { DEFAULT_LIMITS, type AppDecoder, type DecoderLimits } from '../decode/decoder.js';
import { FrameDecoder } from '../decode/frame-decoder.js';
import { IpProto, Packet, PacketKind } from '../decode/packet.js';
import type { Flow, FlowEndReason } from '../flow/flow.js';
import { FlowTable, connState, type FlowTableOptions } from '../flow/flow-table.js';
import { TcpReassembler, type ReassemblyOptions } from '../flow/tcp-reassembly.js';
import { SenderFingerprints } from '../flow/sender-fingerprint.js';
import {
  ServiceFingerprints,
  mergeServiceFingerprints,
  type ServiceFingerprintSnapshot,
} from '../flow/service-fingerprint.js';
import type { FlowRecord } from '../events/envelope.js';
import type { Observer } from '../analysis/observer.js';
import { combineObservers } from '../analysis/observer.js';
import { AssetTracker, type AssetSnapshot } from '../analysis/assets/tracker.js';
import { AlertCollection } from '../analysis/alerts.js';
import { PolicyChecker } from '../analysis/site/policy.js';
import type { SiteModel } from '../analysis/site/model.js';
import { RuleEngine, type RuleReport } from '../analysis/rules/rule-engine.js';
import { mergeColumns } from '../analysis/rules/records.js';
import type { RulePack } from '../analysis/rules/loader.js';
import { BeaconDetector } from '../analysis/behaviour/beacon.js';
import { IntelMatcher } from '../analysis/intel/matcher.js';
import type { IntelIndicator } from '../analysis/intel/bundle.js';
import type { IntelReport } from '../analysis/intel/finish.js';
import { AppLayer, flowAddress, type DecoderStats } from './app-layer.js';
import { pairIdleSeconds } from './shard.js';

/** Engine settings (all optional; defaults suit one machine analysing files). */
export interface EngineOptions {
  decoders: readonly AppDecoder<unknown>[];
  limits?: DecoderLimits;
  flows?: Partial<FlowTableOptions>;
  reassembly?: Partial<ReassemblyOptions>;
  /** Verify IP/TCP/UDP/ICMP checksums (bad ones are counted, never dropped). Default true. */
  verifyChecksums?: boolean;
  /**
   * Build event lines (default true). False decodes every PDU and keeps the counters but
   * writes no events: protocol recognition and flows only.
   */
  eventLines?: boolean;
  /**
   * Stop decoding each flow once its protocol is confirmed (default false): flows and their
   * `service` only, as a flow classifier works. For measuring recognition; implies no events
   * after the first PDUs.
   */
  recognizeOnly?: boolean;
  /** Analysis stage fed with every event object and flow record (assets, policy, rules). */
  observer?: Observer | null;
  /** Keep the asset inventory's observations (reported in {@link EngineReport.assets}). */
  assets?: boolean;
  /** Check traffic against this site model (policy alerts in {@link EngineReport.alerts}). */
  site?: SiteModel | null;
  /**
   * Detection rules (checked by `loadRules`): rule alerts go to {@link EngineReport.alerts},
   * matches of correlated rules to {@link EngineReport.rules}. With rules, the behaviour
   * detectors (beaconing) run too and hand their derived events to the rules.
   */
  rules?: RulePack | null;
  /**
   * Threat-intelligence indicators (from `loadIntel`): intel alerts go to
   * {@link EngineReport.alerts}, matches of multi-observation patterns to
   * {@link EngineReport.intel}.
   */
  intel?: readonly IntelIndicator[] | null;
}

/**
 * Where the engine writes its lines. `position` is the frame being processed when the line was
 * emitted (`Infinity` at the end of a capture) and `order` its rank within that position; lines
 * arrive in (position, order) order, lines with equal keys in emission order.
 */
export interface EngineSink {
  event(line: string, position: number, order: number): void;
  flow(line: string, position: number, order: number): void;
}

/** Packet and byte tallies of one engine. */
export interface EngineTotals {
  packets: number;
  bytes: number;
  ipPackets: number;
  fragments: number;
  arp: number;
  l2Only: number;
  undecoded: number;
  flows: number;
  events: number;
}

/**
 * Counters the pipeline itself raises around the decoders (`<proto>` stands for a decoder id).
 * A non-zero `*_bug` counter is a defect to report, never expected input.
 */
export const PIPELINE_COUNTERS = Object.freeze({
  pipeline_bug: {
    description:
      'an exception escaped the packet path outside a decoder; the frame was skipped (a bug)',
    severity: 'high',
  },
  'decoder_bug.<proto>': {
    description:
      'an exception escaped a protocol decoder; the decoder was switched off for that flow (a bug)',
    severity: 'high',
  },
  '<proto>.pdu_too_large': {
    description:
      'a decoder needed more bytes than DecoderLimits.maxPduBytes to complete a PDU; the bytes were dropped and the decoder resynchronised',
    severity: 'medium',
  },
  '<proto>.truncated_datagram': {
    description: 'a UDP datagram ended before the PDU it carries',
    severity: 'low',
  },
  '<proto>.truncated_frame': {
    description: 'an Ethernet frame ended before the PDU it carries (EtherType decoders)',
    severity: 'low',
  },
  '<proto>.upgrade.<proto>': {
    description:
      'a decoder handed the rest of its stream to another protocol (RDP, FTP, LDAP or Telnet negotiating TLS); counted per pair',
    severity: 'low',
  },
  '<proto>.upgrade_unknown': {
    description:
      'a decoder handed its stream to a protocol no registered TCP decoder handles; decoding of the flow stopped',
    severity: 'low',
  },
  'l2.stream_evicted': {
    description:
      'more layer-2 streams (MAC pair, VLAN, EtherType) than the application layer keeps; the oldest was forgotten',
    severity: 'low',
  },
} satisfies Record<
  string,
  { description: string; severity: 'low' | 'medium' | 'high' | 'critical' }
>);

/** What an engine counted, in a form that crosses threads and adds up. */
export interface EngineReport {
  totals: EngineTotals;
  counters: Record<string, number>;
  decoders: Record<string, DecoderStats>;
  bugs: string[];
  /** What the asset inventory observed, when the engine kept it. */
  assets?: AssetSnapshot;
  /** Alerts raised by the analysis stages (deduplicated, before ids are given). */
  alerts?: ReturnType<AlertCollection['snapshot']>;
  /** Matches of correlated rules, for correlation on the main thread. */
  rules?: RuleReport;
  /** Leaf matches of multi-observation intel patterns, decided on the main thread. */
  intel?: IntelReport;
  /** Fingerprints of server endpoints, decided on the main thread (`service-fingerprint.ts`). */
  services?: ServiceFingerprintSnapshot;
}

/** Adds engine reports (of the workers of a sharded run) into one. */
export function mergeReports(reports: readonly EngineReport[]): EngineReport {
  const totals: EngineTotals = {
    packets: 0,
    bytes: 0,
    ipPackets: 0,
    fragments: 0,
    arp: 0,
    l2Only: 0,
    undecoded: 0,
    flows: 0,
    events: 0,
  };
  const counters = new Counters();
  const decoders: Record<string, DecoderStats> = {};
  const bugs: string[] = [];
  for (const r of reports) {
    for (const k of Object.keys(totals) as (keyof EngineTotals)[]) totals[k] += r.totals[k];
    for (const [k, v] of Object.entries(r.counters)) counters.inc(k, v);
    for (const [id, st] of Object.entries(r.decoders)) {
      const acc = (decoders[id] ??= {
        flows: 0,
        pdus_bytes: 0,
        events: 0,
        anomalies: 0,
        rejects: 0,
        bugs: 0,
      });
      for (const k of Object.keys(acc) as (keyof DecoderStats)[]) acc[k] += st[k];
    }
    bugs.push(...r.bugs);
  }
  const merged: EngineReport = { totals, counters: counters.toJSON(), decoders, bugs };
  const snaps = reports.map((r) => r.assets).filter((a) => a !== undefined);
  if (snaps.length > 0) {
    const tracker = new AssetTracker();
    for (const s of snaps) tracker.merge(s);
    merged.assets = tracker.snapshot();
  }
  const ruleReports = reports.map((r) => r.rules).filter((r) => r !== undefined);
  if (ruleReports.length > 0) {
    merged.rules = { records: mergeColumns(ruleReports.map((r) => r.records)) };
  }
  const intelReports = reports.map((r) => r.intel).filter((r) => r !== undefined);
  if (intelReports.length > 0) merged.intel = { hits: intelReports.flatMap((r) => r.hits) };
  const services = reports.map((r) => r.services).filter((s) => s !== undefined);
  if (services.length > 0) merged.services = mergeServiceFingerprints(services);
  const alertSnaps = reports.map((r) => r.alerts).filter((a) => a !== undefined);
  if (alertSnaps.length > 0) {
    const all = new AlertCollection();
    for (const s of alertSnaps) all.mergeSnapshot(s);
    merged.alerts = all.snapshot();
  }
  return merged;
}

const TRANSPORT_NAMES: Record<number, string> = {
  [IpProto.TCP]: 'tcp',
  [IpProto.UDP]: 'udp',
  [IpProto.ICMP]: 'icmp',
  [IpProto.ICMPV6]: 'icmpv6',
};

export class Engine {
  readonly counters = new Counters();
  readonly totals: EngineTotals = {
    packets: 0,
    bytes: 0,
    ipPackets: 0,
    fragments: 0,
    arp: 0,
    l2Only: 0,
    undecoded: 0,
    flows: 0,
    events: 0,
  };
  readonly app: AppLayer;
  /** The asset inventory's observer, when {@link EngineOptions.assets} is set. */
  readonly assets: AssetTracker | null;
  /** The site model check, when {@link EngineOptions.site} is given. */
  readonly policy: PolicyChecker | null;
  /** The detection rules, when {@link EngineOptions.rules} is given. */
  readonly rules: RuleEngine | null;
  /** Threat-intelligence matching, when {@link EngineOptions.intel} is given. */
  readonly intel: IntelMatcher | null;
  private readonly observer: Observer | null;
  private readonly pkt = new Packet();
  private readonly frames: FrameDecoder;
  private flowTable: FlowTable;
  private reassembler: TcpReassembler;
  private fingerprints: SenderFingerprints;
  /** Server endpoints' fingerprints across captures, when rules run (decided at the end). */
  private readonly services: ServiceFingerprints | null;
  private captureNo = 1;
  private tickSec = -1;
  /** Frame being processed (the position of output lines). */
  private position = 0;
  /** True while a tick or the end of capture ends flows: output is collected, then sorted. */
  private deferring = false;
  private deferred: Array<{ order: number; flow: boolean; line: string }> = [];
  /** Pipeline errors outside decoders (should stay 0; reported in the summary). */
  readonly bugReports: string[] = [];

  constructor(
    private readonly opts: EngineOptions,
    private readonly sink: EngineSink,
  ) {
    this.frames = new FrameDecoder(this.counters, {
      verifyChecksums: opts.verifyChecksums ?? true,
    });
    this.assets = opts.assets === true ? new AssetTracker() : null;
    this.policy = opts.site ? new PolicyChecker(opts.site) : null;
    const rules = opts.rules
      ? new RuleEngine({
          pack: opts.rules,
          counters: this.counters,
          site: this.policy?.site ?? null,
          learned: this.assets,
          ...(this.policy ? { alerts: this.policy.alerts } : {}),
        })
      : null;
    this.rules = rules;
    this.intel = opts.intel ? new IntelMatcher(opts.intel, this.counters) : null;
    const beacon = rules
      ? new BeaconDetector((line) => rules.evaluateLine(line), this.counters)
      : null;
    this.observer = combineObservers([
      opts.observer ?? null,
      this.assets,
      this.policy,
      rules,
      beacon,
      this.intel,
    ]);
    this.app = new AppLayer(
      opts.decoders,
      this.counters,
      {
        lines: opts.eventLines ?? true,
        recognizeOnly: opts.recognizeOnly ?? false,
        observer: this.observer,
        event: (line, flow) => {
          this.totals.events++;
          if (this.deferring) this.deferred.push({ order: flow.firstFrame, flow: false, line });
          else sink.event(line, this.position, 0);
        },
      },
      opts.limits ?? DEFAULT_LIMITS,
    );
    this.flowTable = this.newFlowTable();
    this.reassembler = this.newReassembler();
    this.fingerprints = this.newFingerprints();
    this.services = this.rules !== null ? new ServiceFingerprints({}, this.counters) : null;
  }

  /** Totals, counters, per-decoder tallies and bug reports so far. */
  report(): EngineReport {
    // The rule engine hands its gathered alerts and counts over first.
    const rules = this.rules?.report();
    const decoders: Record<string, DecoderStats> = {};
    for (const [id, st] of [...this.app.stats.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      decoders[id] = { ...st };
    }
    const report: EngineReport = {
      totals: { ...this.totals },
      counters: this.counters.toJSON(),
      decoders,
      bugs: [...this.bugReports, ...this.app.bugReports],
    };
    if (this.assets) report.assets = this.assets.snapshot();
    if (rules) report.rules = rules;
    if (this.services) report.services = this.services.snapshot();
    const alerts = this.policy?.alerts ?? this.rules?.alerts;
    if (alerts) report.alerts = alerts.snapshot();
    if (this.intel) {
      const s = this.intel.snapshot();
      const all = new AlertCollection();
      if (report.alerts) all.mergeSnapshot(report.alerts);
      all.mergeSnapshot(s.alerts);
      report.alerts = all.snapshot();
      report.intel = { hits: s.hits };
    }
    return report;
  }

  /** Starts a new capture file: flows do not continue across files. */
  beginCapture(captureNo: number): void {
    this.captureNo = captureNo;
    this.tickSec = -1;
    this.position = 0;
  }

  /**
   * Processes one frame. Never throws. With `autoTick` (the default) the engine checks
   * timeouts itself when a new capture second starts; sharded engines get {@link tick} calls
   * from the thread that reads the capture instead, at the same places.
   */
  frame(raw: RawFrame, autoTick = true): void {
    const t = this.totals;
    t.packets++;
    t.bytes += raw.capLen;
    if (autoTick && raw.tsSec > this.tickSec) this.tick(raw.tsSec, raw.frame);
    this.position = raw.frame;
    try {
      const pkt = this.pkt;
      const kind = this.frames.decode(raw, pkt);
      if (kind === PacketKind.IP) {
        t.ipPackets++;
        this.ip(pkt);
      } else if (kind === PacketKind.FRAGMENT) t.fragments++;
      else if (kind === PacketKind.ARP) {
        t.arp++;
        // The link layer keeps counting ARP and feeding assets; the ARP decoder adds events.
        if (this.app.wantsEtherType(pkt.etherType)) {
          this.app.setPacketContext(pkt.frame, pkt.tsSec, pkt.tsNs);
          this.app.ether(pkt.data, pkt.macOff, pkt.etherType, pkt.vlan, pkt.l3Off, this.captureNo);
        }
      } else if (kind === PacketKind.L2) {
        t.l2Only++;
        if (this.app.wantsEtherType(pkt.etherType)) {
          this.app.setPacketContext(pkt.frame, pkt.tsSec, pkt.tsNs);
          this.app.ether(pkt.data, pkt.macOff, pkt.etherType, pkt.vlan, pkt.l3Off, this.captureNo);
        }
      } else t.undecoded++;
    } catch (err) {
      this.pipelineBug(raw.frame, err);
    }
  }

  /**
   * Checks timeouts at capture second `sec`, just before frame `beforeFrame` (flows and IP
   * fragments that went quiet end here).
   */
  tick(sec: number, beforeFrame: number): void {
    this.tickSec = sec;
    // Half a frame before the frame that follows, so tick output sorts ahead of that frame's.
    this.position = beforeFrame - 0.5;
    this.deferring = true;
    try {
      this.flowTable.expire(sec);
      this.frames.expire(sec);
    } catch (err) {
      this.pipelineBug(beforeFrame, err);
    }
    this.writeDeferred();
  }

  /** Ends every flow of the current capture and writes them out. */
  finishCapture(): void {
    this.position = Infinity;
    this.deferring = true;
    try {
      this.flowTable.flushAll('end_of_capture');
      this.frames.flush();
    } catch (err) {
      this.pipelineBug(-1, err);
    }
    this.writeDeferred();
    this.app.endCapture();
    this.flowTable = this.newFlowTable();
    this.reassembler = this.newReassembler();
    this.fingerprints = this.newFingerprints();
  }

  private ip(pkt: Packet): void {
    const flow = this.flowTable.lookup(pkt, this.captureNo);
    const fromOrig = this.flowTable.lastFromOrig;
    if (pkt.payLen !== 0 || pkt.ipProto === IpProto.TCP) this.payload(pkt, flow, fromOrig);
    // After the payload, so that an anomaly names the protocol this packet's data revealed.
    this.fingerprints.packet(flow, fromOrig, pkt);
  }

  private payload(pkt: Packet, flow: Flow, fromOrig: boolean): void {
    const app = this.app;
    app.setPacketContext(pkt.frame, pkt.tsSec, pkt.tsNs);
    if (pkt.ipProto === IpProto.TCP) {
      if (app.wantsPayload(flow)) this.reassembler.segment(flow, pkt, fromOrig);
    } else if (pkt.ipProto === IpProto.UDP) {
      // A datagram the flow table judged corrupt (bad checksum from a sender that sends good
      // ones) is counted but not decoded; TCP segments get the same treatment in reassembly.
      if (!this.flowTable.lastCorrupt && app.wantsPayload(flow)) {
        app.data(flow, fromOrig, pkt.buf.subarray(pkt.payOff, pkt.payOff + pkt.payLen), 'udp');
      }
    }
  }

  private onFlowEnd(flow: Flow, reason: FlowEndReason): void {
    if (flow.ipProto === IpProto.TCP) {
      // Deliver what is still buffered: its events belong to the flow's last frame.
      this.app.setPacketContext(flow.lastFrame, flow.lastSec, flow.lastNs);
      this.reassembler.flush(flow);
    }
    this.fingerprints.flowEnd(flow);
    this.totals.flows++;
    const record = flowRecord(flow, reason);
    const serverIsOrig = this.app.serverIsOrig(flow);
    this.services?.flowEnd(
      flow,
      this.captureNo,
      flow.service !== '',
      serverIsOrig,
      record.src_ip,
      record.dst_ip,
    );
    this.observer?.flow(record, serverIsOrig);
    const line = JSON.stringify(record);
    if (this.deferring) this.deferred.push({ order: flow.firstFrame, flow: true, line });
    else this.sink.flow(line, this.position, 0);
  }

  /** Writes what a tick or the end of capture collected, ordered by the flows' first frames. */
  private writeDeferred(): void {
    this.deferring = false;
    const d = this.deferred;
    if (d.length === 0) return;
    this.deferred = [];
    // Array.prototype.sort is stable: a flow's own lines keep their emission order.
    d.sort((a, b) => a.order - b.order);
    for (const x of d) {
      if (x.flow) this.sink.flow(x.line, this.position, x.order);
      else this.sink.event(x.line, this.position, x.order);
    }
  }

  private pipelineBug(frame: number, err: unknown): void {
    this.counters.inc('pipeline_bug');
    if (this.bugReports.length < 100) {
      const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
      this.bugReports.push(`pipeline bug at frame ${frame}: ${stack}`);
    }
  }

  private newFlowTable(): FlowTable {
    return new FlowTable(this.opts.flows ?? {}, this.counters, (flow, reason) =>
      this.onFlowEnd(flow, reason),
    );
  }

  private newReassembler(): TcpReassembler {
    return new TcpReassembler(this.opts.reassembly ?? {}, this.counters, {
      data: (flow, fromOrig, bytes, frame, sec, ns) => {
        this.app.setPacketContext(frame, sec, ns);
        this.app.data(flow, fromOrig, bytes, 'tcp');
      },
      gap: (flow, fromOrig, size) => this.app.gap(flow, fromOrig, size),
      anomaly: (flow, fromOrig, name, frame) => this.flowAnomaly(flow, fromOrig, name, frame),
    });
  }

  private newFingerprints(): SenderFingerprints {
    // Forget a pair when a sharded run may move it to another worker (shard.ts).
    const opts = { forgetAfterSec: pairIdleSeconds(this.opts.flows) };
    return new SenderFingerprints(opts, this.counters, (flow, fromOrig, name, detail) => {
      const pkt = this.pkt;
      this.app.setPacketContext(pkt.frame, pkt.tsSec, pkt.tsNs);
      this.app.flowAnomaly(
        flow,
        fromOrig,
        flow.ipProto === IpProto.UDP ? 'udp' : 'tcp',
        name,
        detail,
      );
    });
  }

  /**
   * A stream anomaly of the reassembler (`tcp.overlap_conflict`, `tcp.second_path`) as an
   * anomaly line, at the frame that showed it. It goes out through the app layer like a
   * decoder's anomaly, so it takes the same (position, order) place in a sharded run.
   */
  private flowAnomaly(flow: Flow, fromOrig: boolean, name: string, frame: number): void {
    const pkt = this.pkt;
    if (frame === pkt.frame) this.app.setPacketContext(frame, pkt.tsSec, pkt.tsNs);
    else this.app.setPacketContext(flow.lastFrame, flow.lastSec, flow.lastNs);
    this.app.flowAnomaly(flow, fromOrig, 'tcp', name);
  }
}

/** The `flows.jsonl` row of a finished flow. */
export function flowRecord(flow: Flow, reason: FlowEndReason): FlowRecord {
  const rec: FlowRecord = {
    id: flow.id,
    ts: isoMicros(flow.firstSec, flow.firstNs),
    duration:
      Math.round(diffSeconds(flow.firstSec, flow.firstNs, flow.lastSec, flow.lastNs) * 1e6) / 1e6,
    transport: TRANSPORT_NAMES[flow.ipProto] ?? String(flow.ipProto),
    src_ip: flowAddress(flow, true),
    src_port: flow.origPort,
    dst_ip: flowAddress(flow, false),
    dst_port: flow.respPort,
    orig_pkts: flow.origPkts,
    orig_ip_bytes: flow.origIpBytes,
    orig_bytes: flow.origPayBytes,
    resp_pkts: flow.respPkts,
    resp_ip_bytes: flow.respIpBytes,
    resp_bytes: flow.respPayBytes,
    conn_state: connState(flow),
    history: flow.history,
    missed_bytes: flow.missedBytes,
    first_frame: flow.firstFrame,
    last_frame: flow.lastFrame,
    end_reason: reason,
  };
  if (flow.origMacHi >= 0) rec.src_mac = macPartsToString(flow.origMacHi, flow.origMacLo);
  if (flow.respMacHi >= 0) rec.dst_mac = macPartsToString(flow.respMacHi, flow.respMacLo);
  if (flow.vlan >= 0) rec.vlan = flow.vlan;
  if (flow.vlanInner >= 0) rec.vlan_inner = flow.vlanInner;
  if (flow.service !== '') rec.service = flow.service;
  return rec;
}
