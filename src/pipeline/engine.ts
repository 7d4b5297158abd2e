/**
 * The engine: one capture's frames in, event and flow lines out. It wires the hot path in the
 * order of the design (DESIGN.md, "The pipeline"):
 *
 *   RawFrame ─► FrameDecoder (link/IP/TCP/UDP, fragments) ─► FlowTable ─► TcpReassembler
 *            ─► AppLayer (recognition, protocol decoders) ─► event lines
 *
 * Time inside the engine is capture time. Timeouts are checked once per capture second (a
 * "tick", taken before the first packet of a new second), and flows that end in one tick are
 * written in order of their first frame: the output depends only on the capture, which is what
 * lets `--workers N` produce the same files as one thread.
 */
import { Counters } from '../core/counters.js';
import { isoMicros, diffSeconds } from '../core/time.js';
import type { RawFrame } from '../capture/source.js';
import { DEFAULT_LIMITS, type AppDecoder, type DecoderLimits } from '../decode/decoder.js';
import { FrameDecoder } from '../decode/frame-decoder.js';
import { IpProto, Packet, PacketKind } from '../decode/packet.js';
import type { Flow, FlowEndReason } from '../flow/flow.js';
import { FlowTable, connState, type FlowTableOptions } from '../flow/flow-table.js';
import { TcpReassembler, type ReassemblyOptions } from '../flow/tcp-reassembly.js';
import type { FlowRecord } from '../events/envelope.js';
import { AppLayer, flowAddress } from './app-layer.js';

/** Engine settings (all optional; defaults suit one machine analysing files). */
export interface EngineOptions {
  decoders: readonly AppDecoder<unknown>[];
  limits?: DecoderLimits;
  flows?: Partial<FlowTableOptions>;
  reassembly?: Partial<ReassemblyOptions>;
  /** Verify IP/TCP/UDP/ICMP checksums (bad ones are counted, never dropped). Default true. */
  verifyChecksums?: boolean;
}

/** Where the engine writes its lines. */
export interface EngineSink {
  event(line: string): void;
  flow(line: string): void;
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
  private readonly pkt = new Packet();
  private readonly frames: FrameDecoder;
  private flowTable: FlowTable;
  private reassembler: TcpReassembler;
  private captureNo = 1;
  private tickSec = -1;
  private ended: Array<{ flow: Flow; reason: FlowEndReason }> = [];
  /** Pipeline errors outside decoders (should stay 0; reported in the summary). */
  readonly bugReports: string[] = [];

  constructor(
    private readonly opts: EngineOptions,
    private readonly sink: EngineSink,
  ) {
    this.frames = new FrameDecoder(this.counters, {
      verifyChecksums: opts.verifyChecksums ?? true,
    });
    this.app = new AppLayer(
      opts.decoders,
      this.counters,
      {
        event: (line) => {
          this.totals.events++;
          sink.event(line);
        },
      },
      opts.limits ?? DEFAULT_LIMITS,
    );
    this.flowTable = this.newFlowTable();
    this.reassembler = this.newReassembler();
  }

  /** Starts a new capture file: flows do not continue across files. */
  beginCapture(captureNo: number): void {
    this.finishCapture();
    this.captureNo = captureNo;
    this.tickSec = -1;
  }

  /** Processes one frame. Never throws. */
  frame(raw: RawFrame): void {
    const t = this.totals;
    t.packets++;
    t.bytes += raw.capLen;
    try {
      if (raw.tsSec > this.tickSec) this.tick(raw.tsSec);
      const pkt = this.pkt;
      const kind = this.frames.decode(raw, pkt);
      if (kind === PacketKind.IP) {
        t.ipPackets++;
        this.ip(pkt);
      } else if (kind === PacketKind.FRAGMENT) t.fragments++;
      else if (kind === PacketKind.ARP) t.arp++;
      else if (kind === PacketKind.L2) t.l2Only++;
      else t.undecoded++;
    } catch (err) {
      this.pipelineBug(raw.frame, err);
    }
    if (this.ended.length > 0) this.writeEnded();
  }

  /** Ends every flow of the current capture and writes them out. */
  finishCapture(): void {
    try {
      this.flowTable.flushAll('end_of_capture');
    } catch (err) {
      this.pipelineBug(-1, err);
    }
    this.writeEnded();
    this.flowTable = this.newFlowTable();
    this.reassembler = this.newReassembler();
  }

  private ip(pkt: Packet): void {
    const flow = this.flowTable.lookup(pkt, this.captureNo);
    const fromOrig = this.flowTable.lastFromOrig;
    if (pkt.payLen === 0 && pkt.ipProto !== IpProto.TCP) return;
    const app = this.app;
    app.setPacketContext(pkt.frame, pkt.tsSec, pkt.tsNs);
    if (pkt.ipProto === IpProto.TCP) {
      if (app.wantsPayload(flow)) this.reassembler.segment(flow, pkt, fromOrig);
    } else if (pkt.ipProto === IpProto.UDP) {
      if (app.wantsPayload(flow)) {
        app.data(flow, fromOrig, pkt.buf.subarray(pkt.payOff, pkt.payOff + pkt.payLen), 'udp');
      }
    }
  }

  private tick(sec: number): void {
    this.tickSec = sec;
    this.flowTable.expire(sec);
    this.frames.expire(sec);
  }

  private onFlowEnd(flow: Flow, reason: FlowEndReason): void {
    if (flow.ipProto === IpProto.TCP) {
      // Deliver what is still buffered: its events belong to the flow's last frame.
      this.app.setPacketContext(flow.lastFrame, flow.lastSec, flow.lastNs);
      this.reassembler.flush(flow);
    }
    this.ended.push({ flow, reason });
  }

  private writeEnded(): void {
    const ended = this.ended;
    if (ended.length === 0) return;
    if (ended.length > 1) ended.sort((a, b) => a.flow.firstFrame - b.flow.firstFrame);
    for (const { flow, reason } of ended) {
      this.totals.flows++;
      this.sink.flow(JSON.stringify(flowRecord(flow, reason)));
    }
    this.ended = [];
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
      data: (flow, fromOrig, bytes, frame) => {
        const pkt = this.pkt;
        if (frame === pkt.frame) this.app.setPacketContext(frame, pkt.tsSec, pkt.tsNs);
        else this.app.setPacketContext(frame, flow.lastSec, flow.lastNs);
        this.app.data(flow, fromOrig, bytes, 'tcp');
      },
      gap: (flow, fromOrig, size) => this.app.gap(flow, fromOrig, size),
    });
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
  if (flow.vlan >= 0) rec.vlan = flow.vlan;
  if (flow.vlanInner >= 0) rec.vlan_inner = flow.vlanInner;
  if (flow.service !== '') rec.service = flow.service;
  return rec;
}
