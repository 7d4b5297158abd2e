/**
 * The application layer of the pipeline: recognises the protocol of each flow (by port, then by
 * probe), feeds reassembled TCP bytes or UDP datagrams to the protocol decoder, and turns what
 * the decoder emits into event lines with the envelope (time, frame, addresses, flow id).
 *
 * Recognition: decoders whose well-known port is the responder's (or, failing that, the
 * initiator's) port are probed first; then every decoder of the transport is probed, so Modbus
 * on port 5020 is still Modbus. A flow that matches nothing within {@link DETECT_MAX_BYTES} of
 * payload is left undecoded, and the flow layer stops reassembling it.
 *
 * A decoder exception is a decoder bug: it is counted (`decoder_bug.<proto>`), reported once
 * per flow with its stack, and that decoder is switched off for the flow.
 */
import type { Counters } from '../core/counters.js';
import { ipv4ToString, ipv6ToString, macPartsToString, macToString } from '../core/net-format.js';
import type { EventMeta, Observer } from '../analysis/observer.js';
import {
  DEFAULT_LIMITS,
  Direction,
  type AppDecoder,
  type AppEvent,
  type DecodeSink,
  type DecoderLimits,
} from '../decode/decoder.js';
import { StreamFeeder } from '../decode/stream-feeder.js';
import { Flow } from '../flow/flow.js';
import { EventLineBuilder } from './event-line.js';
import { L2StreamTable } from './l2-streams.js';

/** 802.2 SNAP: DSAP = SSAP = 0xAA with a UI control octet (IEEE 802-2014 10.3). */
const SNAP_SAP = 0xaa;
const LLC_UI = 0x03;
/** Payload bytes per flow that recognition looks at before giving up. */
export const DETECT_MAX_BYTES = 4096;
/** Layer-2 streams with decoder state kept at once. */
export const MAX_L2_STREAMS = 65_536;
/** Payload chunks per flow that recognition looks at before giving up. */
const DETECT_MAX_TRIES = 8;

const DETECTING = 0;
const ATTACHED = 1;
const NONE = 2;

/** Per-decoder tallies for summary.json (STYLE.md section 8 rule 4). */
export interface DecoderStats {
  flows: number;
  pdus_bytes: number;
  events: number;
  anomalies: number;
  rejects: number;
  bugs: number;
}

/** Per-flow application state, kept in `flow.app`. */
export class FlowApp {
  status = DETECTING;
  decoder: AppDecoder<unknown> | null = null;
  state: unknown = null;
  /** True when the flow initiator is the server (the protocol's port was the initiator's). */
  serverIsOrig = false;
  feeder: StreamFeeder | null = null;
  detectBytes = 0;
  detectTries = 0;
  /** Cached envelope tails of events sent by the initiator and by the responder. */
  tailOrig = '';
  tailResp = '';
  confirmed = false;
  /** Text of the initiator's and responder's addresses, built once for observers. */
  origIp: string | null = null;
  respIp: string | null = null;
  origMac = '';
  respMac = '';
}

/** The reused envelope record handed to observers. */
class MetaRecord implements EventMeta {
  sec = 0;
  ns = 0;
  frame = 0;
  proto = '';
  transport: 'tcp' | 'udp' | 'ether' = 'tcp';
  srcIp: string | null = null;
  dstIp: string | null = null;
  srcPort = 0;
  dstPort = 0;
  srcMac = '';
  dstMac = '';
  flow = '';
  fromServer = false;
}

/** Where the app layer writes. */
export interface AppOutput {
  /** False to decode without building event lines (recognition and counters only). */
  readonly lines: boolean;
  /**
   * True to stop decoding a flow once its decoder confirms the protocol (its first valid PDU):
   * each flow gets its `service` and nothing more, the work of a flow classifier.
   */
  readonly recognizeOnly?: boolean;
  /** One event line about `flow`. */
  event(line: string, flow: Flow): void;
  /** Analysis stages that see every event object before it becomes a line. */
  readonly observer?: Observer | null;
}

/**
 * Runs decoders over flows. One instance per engine; `setPacketContext` is called before each
 * packet's data is delivered so events get the right time and frame.
 */
export class AppLayer {
  private readonly byPortTcp = new Map<number, AppDecoder<unknown>[]>();
  private readonly byPortUdp = new Map<number, AppDecoder<unknown>[]>();
  private readonly tcpDecoders: AppDecoder<unknown>[] = [];
  private readonly udpDecoders: AppDecoder<unknown>[] = [];
  private readonly byEtherType = new Map<number, AppDecoder<unknown>[]>();
  /** Decoders of 802.2 LLC frames, by destination SAP. */
  private readonly byLlcSap = new Map<number, AppDecoder<unknown>>();
  /** Decoders of 802.2 SNAP frames whose OUI is not 0, by `OUI * 65536 + PID`. */
  private readonly byLlcSnap = new Map<number, AppDecoder<unknown>>();
  /** Layer-2 streams (publisher MAC, destination MAC, VLAN, EtherType) seen by an EtherType decoder. */
  private readonly l2Streams = new L2StreamTable<Flow>(MAX_L2_STREAMS);
  /** EtherTypes whose decoder takes the frame from the MAC header on (`etherHeader`). */
  private readonly headerTypes = new Set<number>();
  /** The one state of each `sharedState` decoder, by id, until the capture ends. */
  private readonly shared = new Map<string, unknown>();
  readonly stats = new Map<string, DecoderStats>();
  /** Decoders by id, for hand-overs between protocols. */
  private readonly byId = new Map<string, AppDecoder<unknown>>();
  private readonly line = new EventLineBuilder();
  private readonly meta = new MetaRecord();
  private readonly sink: DecodeSink;
  /** Context of the PDU being decoded. */
  private flow: Flow | null = null;
  private app: FlowApp | null = null;
  private fromOrig = true;
  private transport: 'tcp' | 'udp' | 'ether' = 'tcp';
  private frame = 0;
  private sec = 0;
  private ns = 0;
  /** Bug reports (first per flow), for the summary. */
  readonly bugReports: string[] = [];

  constructor(
    decoders: readonly AppDecoder<unknown>[],
    private readonly counters: Counters,
    private readonly out: AppOutput,
    private readonly limits: DecoderLimits = DEFAULT_LIMITS,
  ) {
    for (const d of decoders) {
      this.byId.set(d.id, d);
      this.stats.set(d.id, {
        flows: 0,
        pdus_bytes: 0,
        events: 0,
        anomalies: 0,
        rejects: 0,
        bugs: 0,
      });
      for (const sap of d.llc?.saps ?? []) if (!this.byLlcSap.has(sap)) this.byLlcSap.set(sap, d);
      for (const id of d.llc?.snap ?? []) if (!this.byLlcSnap.has(id)) this.byLlcSnap.set(id, d);
      if (d.transport === 'ether') {
        for (const t of d.etherTypes ?? []) {
          if (d.etherHeader === true) this.headerTypes.add(t);
          const l = this.byEtherType.get(t);
          if (l) l.push(d);
          else this.byEtherType.set(t, [d]);
        }
        continue;
      }
      const list = d.transport === 'tcp' ? this.tcpDecoders : this.udpDecoders;
      const byPort = d.transport === 'tcp' ? this.byPortTcp : this.byPortUdp;
      list.push(d);
      for (const p of d.defaultPorts) {
        const l = byPort.get(p);
        if (l) l.push(d);
        else byPort.set(p, [d]);
      }
      if (d.transport !== 'tcp' || d.udpPorts === undefined) continue;
      this.udpDecoders.push(d);
      for (const p of d.udpPorts) {
        const l = this.byPortUdp.get(p);
        if (l) l.push(d);
        else this.byPortUdp.set(p, [d]);
      }
    }
    this.sink = {
      emit: (event: AppEvent): void => this.emit(event),
      anomaly: (name: string, detail?: string): void => this.anomaly(name, detail),
      count: (name: string): void => this.counters.inc(name),
      confirm: (): void => this.confirm(),
      captureTime: (): number => this.sec + this.ns / 1e9,
      peerAddress: (dir: Direction): string => this.peerAddress(dir),
      handshakeSeen: (): boolean =>
        this.transport !== 'tcp' || this.flow === null || this.flow.sawSyn,
    };
  }

  /** Text address of the client (`TO_SERVER`) or the server of the flow being decoded. */
  private peerAddress(dir: Direction): string {
    const flow = this.flow;
    const app = this.app;
    if (flow === null || app === null || this.transport === 'ether') return '';
    return flowAddress(flow, (dir === Direction.TO_SERVER) !== app.serverIsOrig);
  }

  /** Sets the time and frame that events emitted from now on carry. */
  setPacketContext(frame: number, sec: number, ns: number): void {
    this.frame = frame;
    this.sec = sec;
    this.ns = ns;
  }

  /** True when some decoder takes frames of EtherType `t` (0: 802.2 LLC frames). */
  wantsEtherType(t: number): boolean {
    return this.byEtherType.has(t) || (t === 0 && this.byLlcSap.size + this.byLlcSnap.size > 0);
  }

  /**
   * A frame carried directly over Ethernet (GOOSE, Sampled Values, PROFINET...), for the
   * decoders of its EtherType. Each (source MAC, destination MAC, VLAN, EtherType) is a stream
   * with its own decoder state, like a flow; events carry the MAC addresses (`src_mac`,
   * `dst_mac`) and no IP addresses or ports. At most {@link MAX_L2_STREAMS} streams are kept;
   * past that the oldest is forgotten (`l2.stream_evicted`).
   */
  ether(
    frame: Uint8Array,
    macOff: number,
    etherType: number,
    vlan: number,
    payOff: number,
    captureNo: number,
  ): void {
    // 802.2 LLC (etherType 0, `payOff` at the LLC header): the destination SAP names the decoder,
    // or for SNAP (AA AA 03) the OUI and protocol id.
    const llc = etherType === 0 ? this.llcDecoder(frame, payOff) : undefined;
    const cands = llc !== undefined ? undefined : this.byEtherType.get(etherType);
    if ((cands === undefined && llc === undefined) || macOff < 0 || frame.length < macOff + 12) {
      return;
    }
    let flow = this.l2Streams.find(frame, macOff, vlan, etherType)?.value;
    if (flow === undefined) {
      flow = new Flow();
      flow.id = `${captureNo}:${this.frame}`;
      flow.firstFrame = this.frame;
      flow.vlan = vlan;
      flow.respMacHi = ((frame[macOff] as number) << 8) | (frame[macOff + 1] as number);
      flow.respMacLo = readU32(frame, macOff + 2);
      flow.origMacHi = ((frame[macOff + 6] as number) << 8) | (frame[macOff + 7] as number);
      flow.origMacLo = readU32(frame, macOff + 8);
      const app = new FlowApp();
      const dst = macToString(frame, macOff);
      const src = macToString(frame, macOff + 6);
      app.tailOrig = EventLineBuilder.l2Tail(src, dst, vlan, flow.id);
      flow.app = app;
      if (this.l2Streams.add(frame, macOff, vlan, etherType, flow) !== undefined) {
        this.counters.inc('l2.stream_evicted');
      }
    }
    const app = flow.app as FlowApp;
    if (app.status === NONE) return;
    const data = frame.subarray(
      llc === undefined && this.headerTypes.has(etherType) ? macOff : payOff,
    );
    this.flow = flow;
    this.app = app;
    this.fromOrig = true;
    this.transport = 'ether';
    if (app.status === DETECTING) {
      if (llc !== undefined) this.attach(app, llc, false);
      // Every frame of a stream is one PDU: the first decoder whose probe does not refuse it.
      else if (!this.tryCandidates(app, cands ?? [], false, true, data, true)) {
        app.status = NONE;
        return;
      }
    }
    const decoder = app.decoder as AppDecoder<unknown>;
    (this.stats.get(decoder.id) as DecoderStats).pdus_bytes += data.length;
    try {
      const res =
        llc !== undefined && decoder.llc !== undefined
          ? decoder.llc.parse(app.state, data, this.sink)
          : decoder.parse(app.state, data, Direction.TO_SERVER, this.sink);
      if (res.kind === 'reject') this.rejectFlow(app, res.anomaly);
      else if (res.kind === 'incomplete') this.anomaly(`${decoder.id}.truncated_frame`);
    } catch (err) {
      this.bug(flow, app, decoder, err);
    }
  }

  /** The decoder of the 802.2 LLC frame whose header starts at `frame[off]`, if any. */
  private llcDecoder(frame: Uint8Array, off: number): AppDecoder<unknown> | undefined {
    const dsap = frame[off] ?? -1;
    if (dsap !== SNAP_SAP || frame[off + 1] !== SNAP_SAP || frame[off + 2] !== LLC_UI) {
      return this.byLlcSap.get(dsap);
    }
    if (frame.length < off + 8 || this.byLlcSnap.size === 0) return undefined;
    const oui =
      ((frame[off + 3] as number) << 16) |
      ((frame[off + 4] as number) << 8) |
      (frame[off + 5] as number);
    const pid = ((frame[off + 6] as number) << 8) | (frame[off + 7] as number);
    return this.byLlcSnap.get(oui * 0x10000 + pid);
  }

  /** Forgets the layer-2 streams (at the end of a capture). */
  endCapture(): void {
    this.l2Streams.clear();
    this.shared.clear();
  }

  /** True while the flow may still need its payload (recognition pending or decoder attached). */
  wantsPayload(flow: Flow): boolean {
    const app = flow.app as FlowApp | null;
    return app === null || app.status !== NONE;
  }

  /** Reassembled TCP bytes (or one UDP datagram) sent by the initiator when `fromOrig`. */
  data(flow: Flow, fromOrig: boolean, bytes: Uint8Array, transport: 'tcp' | 'udp'): void {
    let app = flow.app as FlowApp | null;
    if (app === null) {
      app = new FlowApp();
      flow.app = app;
    }
    if (app.status === NONE) return;
    this.flow = flow;
    this.app = app;
    this.fromOrig = fromOrig;
    this.transport = transport;
    if (app.status === DETECTING && !this.detect(flow, app, fromOrig, bytes, transport)) return;
    const decoder = app.decoder as AppDecoder<unknown>;
    const dir = fromOrig === app.serverIsOrig ? Direction.TO_CLIENT : Direction.TO_SERVER;
    const st = this.stats.get(decoder.id) as DecoderStats;
    st.pdus_bytes += bytes.length;
    try {
      if (transport === 'udp') {
        const res = decoder.parse(app.state, bytes, dir, this.sink);
        if (res.kind === 'reject') this.rejectFlow(app, res.anomaly);
        else if (res.kind === 'incomplete') this.anomaly(`${decoder.id}.truncated_datagram`);
        return;
      }
      const feeder = app.feeder as StreamFeeder;
      const problem = feeder.push(decoder, app.state, bytes, dir, this.sink);
      if (problem !== null) {
        if (problem.kind === 'reject') this.rejectFlow(app, problem.anomaly);
        else if (problem.kind === 'upgrade') this.handOver(flow, app, decoder, problem, fromOrig);
        else if (problem.kind === 'overflow') this.counters.inc(`${decoder.id}.pdu_too_large`);
        else
          this.bug(
            flow,
            app,
            decoder,
            new Error(`${decoder.id}: parse returned an impossible status`),
          );
      }
    } catch (err) {
      this.bug(flow, app, decoder, err);
    }
  }

  /** `size` bytes of the TCP stream were lost in one direction. */
  gap(flow: Flow, fromOrig: boolean, size: number): void {
    const app = flow.app as FlowApp | null;
    if (app === null || app.status !== ATTACHED) return;
    const decoder = app.decoder as AppDecoder<unknown>;
    const dir = fromOrig === app.serverIsOrig ? Direction.TO_CLIENT : Direction.TO_SERVER;
    app.feeder?.gap(dir);
    try {
      decoder.onGap?.(app.state, dir, size);
    } catch (err) {
      this.bug(flow, app, decoder, err);
    }
  }

  /** Recognition; returns true when a decoder was attached and should get `bytes`. */
  private detect(
    flow: Flow,
    app: FlowApp,
    fromOrig: boolean,
    bytes: Uint8Array,
    transport: 'tcp' | 'udp',
  ): boolean {
    const byPort = transport === 'tcp' ? this.byPortTcp : this.byPortUdp;
    // The protocol's port on the responder is the usual case; on the initiator it means the
    // capture started mid-conversation or the server initiated (as DNP3 outstations may).
    const respCands = byPort.get(flow.respPort);
    if (respCands && this.tryCandidates(app, respCands, false, fromOrig, bytes, true)) return true;
    const origCands = byPort.get(flow.origPort);
    if (origCands && this.tryCandidates(app, origCands, true, fromOrig, bytes, true)) return true;
    const all = transport === 'tcp' ? this.tcpDecoders : this.udpDecoders;
    if (this.tryCandidates(app, all, false, fromOrig, bytes, false)) return true;
    if (this.tryCandidates(app, all, true, fromOrig, bytes, false)) return true;
    app.detectBytes += bytes.length;
    app.detectTries++;
    if (app.detectBytes >= DETECT_MAX_BYTES || app.detectTries >= DETECT_MAX_TRIES) {
      app.status = NONE;
    }
    return false;
  }

  private tryCandidates(
    app: FlowApp,
    cands: readonly AppDecoder<unknown>[],
    serverIsOrig: boolean,
    fromOrig: boolean,
    bytes: Uint8Array,
    byPort: boolean,
  ): boolean {
    const dir = fromOrig === serverIsOrig ? Direction.TO_CLIENT : Direction.TO_SERVER;
    for (const d of cands) {
      let verdict;
      try {
        verdict = d.probe(bytes, dir);
      } catch (err) {
        this.counters.inc(`decoder_bug.${d.id}`);
        this.noteBug(d, err);
        continue;
      }
      // On its own port a decoder that cannot decide yet is given the flow; elsewhere it must
      // be sure.
      if (verdict === 'match' || (byPort && verdict === 'need_more')) {
        this.attach(app, d, serverIsOrig);
        return true;
      }
    }
    return false;
  }

  private attach(app: FlowApp, d: AppDecoder<unknown>, serverIsOrig: boolean): void {
    app.status = ATTACHED;
    app.decoder = d;
    app.serverIsOrig = serverIsOrig;
    app.state =
      d.sharedState === true ? this.sharedState(d) : d.createState(this.limits, this.transport);
    // The flow's transport, not the decoder's: a tcp decoder with `udpPorts` gets datagrams.
    app.feeder = this.transport === 'tcp' ? new StreamFeeder(this.limits.maxPduBytes) : null;
    (this.stats.get(d.id) as DecoderStats).flows++;
  }

  /** The state every stream of a `sharedState` decoder uses, created at its first frame. */
  private sharedState(d: AppDecoder<unknown>): unknown {
    let st = this.shared.get(d.id);
    if (st === undefined) {
      st = d.createState(this.limits, this.transport);
      this.shared.set(d.id, st);
    }
    return st;
  }

  /**
   * The decoder handed the rest of the stream to another protocol (TLS after an RDP, FTP,
   * LDAP or Telnet negotiation): the flow keeps its service and continues with that decoder,
   * starting with the bytes that followed in this direction. A protocol that is not registered
   * ends decoding (`<proto>.upgrade_unknown`); a hand-over to a decoder that hands over again is
   * not followed twice in one call.
   */
  private handOver(
    flow: Flow,
    app: FlowApp,
    from: AppDecoder<unknown>,
    problem: { readonly protocol: string; readonly rest: Uint8Array },
    fromOrig: boolean,
  ): void {
    const to = this.byId.get(problem.protocol);
    if (to === undefined || to === from || to.transport !== 'tcp') {
      this.counters.inc(`${from.id}.upgrade_unknown`);
      app.status = NONE;
      app.feeder = null;
      app.state = null;
      return;
    }
    this.counters.inc(`${from.id}.upgrade.${to.id}`);
    app.decoder = to;
    app.state = to.createState(this.limits, 'tcp');
    app.feeder = new StreamFeeder(this.limits.maxPduBytes);
    app.tailOrig = '';
    app.tailResp = '';
    (this.stats.get(to.id) as DecoderStats).flows++;
    if (problem.rest.length > 0) this.data(flow, fromOrig, problem.rest, 'tcp');
  }

  private confirm(): void {
    const app = this.app;
    if (app && !app.confirmed) {
      app.confirmed = true;
      if (this.flow && app.decoder) this.flow.service = app.decoder.id;
      // Recognised: no more payload for this flow (the rest of the data already handed over
      // is still parsed).
      if (this.out.recognizeOnly === true) app.status = NONE;
    }
  }

  private rejectFlow(app: FlowApp, anomaly: string): void {
    const d = app.decoder as AppDecoder<unknown>;
    (this.stats.get(d.id) as DecoderStats).rejects++;
    this.counters.inc(anomaly);
    app.status = NONE;
    app.feeder = null;
    app.state = null;
  }

  private bug(flow: Flow, app: FlowApp, decoder: AppDecoder<unknown>, err: unknown): void {
    (this.stats.get(decoder.id) as DecoderStats).bugs++;
    this.counters.inc(`decoder_bug.${decoder.id}`);
    this.noteBug(decoder, err, flow);
    app.status = NONE;
    app.feeder = null;
    app.state = null;
  }

  private noteBug(decoder: AppDecoder<unknown>, err: unknown, flow?: Flow): void {
    if (this.bugReports.length >= 100) return;
    const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
    this.bugReports.push(
      `decoder bug in ${decoder.id}${flow ? ` (flow ${flow.id}, frame ${this.frame})` : ''}: ${stack}`,
    );
  }

  private emit(event: AppEvent): void {
    const flow = this.flow as Flow;
    const app = this.app as FlowApp;
    const decoder = app.decoder as AppDecoder<unknown>;
    (this.stats.get(decoder.id) as DecoderStats).events++;
    if (flow.service === '') flow.service = decoder.id;
    const observer = this.out.observer;
    if (observer) observer.event(this.describe(flow, app, decoder.id), event);
    if (!this.out.lines) return;
    this.out.event(this.envelope(flow, app, decoder.id, event.kind).finish(event), flow);
  }

  private anomaly(name: string, detail?: string): void {
    this.counters.inc(name);
    const flow = this.flow;
    const app = this.app;
    if (flow === null || app === null || app.decoder === null) return;
    (this.stats.get(app.decoder.id) as DecoderStats).anomalies++;
    const observer = this.out.observer;
    if (!this.out.lines && !observer) return;
    const obj = detail === undefined ? { name } : { name, detail };
    if (observer) {
      observer.event(this.describe(flow, app, app.decoder.id), { kind: 'anomaly', anomaly: obj });
    }
    if (!this.out.lines) return;
    this.out.event(
      this.envelope(flow, app, app.decoder.id, 'anomaly').finish({ kind: 'anomaly', anomaly: obj }),
      flow,
    );
  }

  /**
   * An anomaly line about `flow` found below the application layer (TCP reassembly, the IP
   * sender check), sent by the initiator when `fromOrig`, at the current packet context. Same
   * line and observer record as a decoder anomaly; `proto` is the flow's decoder if one is
   * attached, else the transport. The caller has counted it already.
   */
  flowAnomaly(
    flow: Flow,
    fromOrig: boolean,
    transport: 'tcp' | 'udp',
    name: string,
    detail?: string,
  ): void {
    const observer = this.out.observer;
    if (!this.out.lines && !observer) return;
    let app = flow.app as FlowApp | null;
    if (app === null) {
      app = new FlowApp();
      flow.app = app;
    }
    this.flow = flow;
    this.app = app;
    this.fromOrig = fromOrig;
    this.transport = transport;
    const proto = app.decoder !== null ? app.decoder.id : transport;
    const obj = detail === undefined ? { name } : { name, detail };
    if (observer)
      observer.event(this.describe(flow, app, proto), { kind: 'anomaly', anomaly: obj });
    if (!this.out.lines) return;
    this.out.event(
      this.envelope(flow, app, proto, 'anomaly').finish({ kind: 'anomaly', anomaly: obj }),
      flow,
    );
  }

  /** True when the decoder attached to `flow` found the server on the initiator's side. */
  serverIsOrig(flow: Flow): boolean {
    const app = flow.app as FlowApp | null;
    return app !== null && app.decoder !== null && app.serverIsOrig;
  }

  /** Fills the observers' envelope record for the PDU being decoded. */
  private describe(flow: Flow, app: FlowApp, proto: string): EventMeta {
    const m = this.meta;
    const t = this.transport;
    const fromOrig = this.fromOrig;
    m.sec = this.sec;
    m.ns = this.ns;
    m.frame = this.frame;
    m.proto = proto;
    m.transport = t;
    m.flow = flow.id;
    if (t === 'ether') {
      // Layer-2 streams keep the publisher's MAC as the initiator's and the destination's as
      // the responder's.
      if (app.origMac === '') {
        app.origMac = macPartsToString(flow.origMacHi, flow.origMacLo);
        app.respMac = macPartsToString(flow.respMacHi, flow.respMacLo);
      }
      m.srcIp = m.dstIp = null;
      m.srcPort = m.dstPort = 0;
      m.srcMac = app.origMac;
      m.dstMac = app.respMac;
      m.fromServer = true;
      return m;
    }
    if (app.origIp === null) {
      app.origIp = flowAddress(flow, true);
      app.respIp = flowAddress(flow, false);
    }
    if (app.origMac === '' && flow.origMacHi >= 0) {
      app.origMac = macPartsToString(flow.origMacHi, flow.origMacLo);
    }
    if (app.respMac === '' && flow.respMacHi >= 0) {
      app.respMac = macPartsToString(flow.respMacHi, flow.respMacLo);
    }
    m.srcIp = fromOrig ? app.origIp : app.respIp;
    m.dstIp = fromOrig ? app.respIp : app.origIp;
    m.srcPort = fromOrig ? flow.origPort : flow.respPort;
    m.dstPort = fromOrig ? flow.respPort : flow.origPort;
    m.srcMac = fromOrig ? app.origMac : app.respMac;
    m.dstMac = fromOrig ? app.respMac : app.origMac;
    m.fromServer = fromOrig === app.serverIsOrig;
    return m;
  }

  private envelope(flow: Flow, app: FlowApp, proto: string, kind: string): EventLineBuilder {
    if (app.tailOrig === '') {
      const orig = flowAddress(flow, true);
      const resp = flowAddress(flow, false);
      const t = this.transport;
      app.tailOrig = EventLineBuilder.tail(t, orig, flow.origPort, resp, flow.respPort, flow.id);
      app.tailResp = EventLineBuilder.tail(t, resp, flow.respPort, orig, flow.origPort, flow.id);
    }
    const tail = this.fromOrig ? app.tailOrig : app.tailResp;
    return this.line.start(this.sec, this.ns, this.frame, proto, kind, tail);
  }
}

const V6 = new Uint8Array(16);
const V6W = new DataView(V6.buffer);

/** Text form of a flow endpoint address. */
export function flowAddress(flow: Flow, orig: boolean): string {
  if (flow.ipVersion !== 6) return ipv4ToString(orig ? flow.origA0 : flow.respA0);
  V6W.setUint32(0, orig ? flow.origA0 : flow.respA0);
  V6W.setUint32(4, orig ? flow.origA1 : flow.respA1);
  V6W.setUint32(8, orig ? flow.origA2 : flow.respA2);
  V6W.setUint32(12, orig ? flow.origA3 : flow.respA3);
  return ipv6ToString(V6, 0);
}

/** Big-endian unsigned 32-bit value at `d[p..p+4)`. */
function readU32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) |
      ((d[p + 1] as number) << 16) |
      ((d[p + 2] as number) << 8) |
      (d[p + 3] as number)) >>>
    0
  );
}
