/**
 * The passive asset inventory: what is on the network, from flows and decoder events only.
 *
 * While traffic runs, the tracker keeps raw observations, keyed by what the wire shows:
 * - per IP address: the MAC addresses its packets came from, the services it offered
 *   (transport/port and recognised protocol), the protocols it used as a client, traffic
 *   totals, and identity attributes that its own messages or a server's replies revealed;
 * - per MAC address, for hosts that only speak over Ethernet (GOOSE publishers, PROFINET
 *   devices): the same attributes.
 *
 * Observations from several engines (the worker threads of a sharded run) merge by union, and
 * only then become assets ({@link AssetTracker.assets}): a MAC address seen with many IP
 * addresses is a router's (the addresses behind it are separate assets), the other MAC
 * addresses join the IP addresses they carried into one asset (a host whose address DHCP
 * changed, a multi-homed host), and layer-2 identities join the asset with their MAC.
 *
 * Every attribute value keeps its evidence: the event kind and frame that showed it, the flow,
 * first and last seen, how many times, and a confidence. Everything is bounded; what a bound
 * drops is counted (`assets.*` counters).
 */
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import { isoMicros } from '../../core/time.js';
import type { EventMeta, Observer } from '../observer.js';
import { IDENTITY_SOURCES, ntlm, type AddAttribute, type Side } from './sources.js';
import { macKind, ouiVendor } from './oui.js';
import { EdgeTracker, type EdgeObs } from './edges.js';
import { operationOf } from '../operations.js';
import type { AssetEdge, AssetRecord, AttributeEvidence, Confidence } from './record.js';
import { inferRoles, type OperationSummary } from './roles.js';
import type { OperationClass } from '../operations.js';

/** Bounds on what one tracker keeps. */
export const ASSET_LIMITS = {
  /** IP addresses and MAC-only hosts tracked. */
  maxHosts: 100_000,
  /** Distinct values kept per attribute of one host. */
  maxValuesPerAttribute: 16,
  /** MAC addresses kept per IP address. */
  maxMacsPerIp: 16,
  /** Services (transport/port) kept per host. */
  maxServices: 256,
  /** Client protocols kept per host. */
  maxClientProtocols: 64,
  /** Longest attribute value kept, in characters. */
  maxValueLength: 256,
  /** Services of other hosts (address, transport, port) one host is remembered trying. */
  maxProbeTargets: 1024,
} as const;

/**
 * A MAC address that carried more distinct IPv4/IPv6 source addresses than this is taken for
 * a router (or a NAT or proxy) and not for the identity of those addresses.
 */
export const ROUTER_MIN_IPS = 5;

/** Event kinds whose identity is the same in every event of a flow (read once a second). */
const THROTTLED = new Set([
  'goose.pdu',
  'dnp3.request',
  'dnp3.response',
  'dnp3.unsolicited_response',
  'dnp3.link',
  'iec104.monitor',
]);

/** Zeek connection states of a TCP flow whose responder accepted the connection. */
const ESTABLISHED = new Set(['S1', 'SF', 'S2', 'S3', 'RSTO', 'RSTR']);

const CONF_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** One attribute value with its evidence (serialisable: snapshots cross threads). */
interface Evidence {
  value: string | number | boolean;
  confidence: Confidence;
  source: string;
  frame: number;
  flow: string;
  first: string;
  last: string;
  count: number;
}

interface Seen {
  first: string;
  last: string;
  count: number;
}

interface ServiceObs {
  transport: string;
  port: number;
  protocol: string;
  flows: number;
  first: string;
  last: string;
}

/** A service of another host that a host tried: whether it ever answered, and the first try. */
interface ProbeObs {
  answered: boolean;
  ts: string;
  frame: number;
  flow: string;
}

interface HostObs {
  first: string;
  last: string;
  macs: Record<string, Seen>;
  /** attribute name → value key → evidence */
  attrs: Record<string, Record<string, Evidence>>;
  services: Record<string, ServiceObs>;
  /** protocol (or `transport/port` when unrecognised) → flows initiated */
  clients: Record<string, number>;
  /** `address|transport/port` → the tries of that service (bounded: maxProbeTargets). */
  probes: Record<string, ProbeObs>;
  /** Entries of `probes`. */
  probeCount: number;
  flowsInitiated: number;
  flowsAccepted: number;
  packetsSent: number;
  bytesSent: number;
  packetsReceived: number;
  bytesReceived: number;
}

/** How a device known by a protocol identity relates to the addresses that carried it. */
interface DeviceLinks {
  /** `ip:<addr>` / `mac:<addr>` keys of senders that are the device. */
  is: string[];
  /** Keys of senders the device sits behind (routers). */
  behind: string[];
}

/** Most sender links kept per device. */
const MAX_DEVICE_LINKS = 8;

/** Everything a tracker observed, in a form that crosses threads and merges. */
export interface AssetSnapshot {
  ips: Record<string, HostObs>;
  macs: Record<string, HostObs>;
  /** Devices known by a protocol identity (`bacnet:<instance>`). */
  devices: Record<string, HostObs>;
  links: Record<string, DeviceLinks>;
  /** Communication edges between addresses, with their operations. */
  edges: EdgeObs[];
  /** Operations not counted because a bound was reached. */
  edgesDropped: number;
  /** Counters (`assets.hosts_dropped` ...). */
  counters: Record<string, number>;
}

/**
 * A host first addressed at `ts`. Its `last` stays empty until it is seen alive (it sent
 * something): an address that only ever received unanswered traffic was last seen when it was
 * first addressed, whichever thread saw which of its flows (maxTs of '' and a time is the time).
 */
function newHost(ts: string): HostObs {
  return {
    first: ts,
    last: '',
    macs: {},
    attrs: {},
    services: {},
    clients: {},
    probes: {},
    probeCount: 0,
    flowsInitiated: 0,
    flowsAccepted: 0,
    packetsSent: 0,
    bytesSent: 0,
    packetsReceived: 0,
    bytesReceived: 0,
  };
}

function minTs(a: string, b: string): string {
  return a <= b ? a : b;
}
function maxTs(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Seconds → ISO, with the date part of the current second cached. */
class IsoClock {
  private sec = -1;
  private prefix = '';
  iso(sec: number, ns: number): string {
    if (sec !== this.sec) {
      this.sec = sec;
      const full = isoMicros(sec, 0);
      this.prefix = full.slice(0, full.length - 7);
    }
    return this.prefix + (Math.floor(ns / 1000) + 1_000_000).toString().slice(1) + 'Z';
  }
}

/** Adds timestamps given as a flow's first time and duration in seconds. */
function flowEnd(ts: string, duration: number): string {
  if (duration <= 0) return ts;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return ts;
  const us = Number(ts.slice(20, 26));
  const totalUs = Math.round((ms - (ms % 1000)) * 1000 + us + duration * 1e6);
  const sec = Math.floor(totalUs / 1e6);
  return isoMicros(sec, (totalUs - sec * 1e6) * 1000);
}

/** The asset inventory observer (one per engine). */
export class AssetTracker implements Observer {
  private ips = new Map<string, HostObs>();
  private macs = new Map<string, HostObs>();
  private devices = new Map<string, HostObs>();
  private readonly edges = new EdgeTracker();
  /** Flow id → event kind → the capture second its identity was last read. */
  private readonly identitySeen = new Map<string, Map<string, number>>();
  private links = new Map<string, DeviceLinks>();
  private readonly counters = new Map<string, number>();
  private readonly clock = new IsoClock();

  /** Flows: addresses, MACs, services, traffic. */
  flow(rec: FlowRecord, serverIsOrig = false): void {
    this.edges.flowEnded(rec.id);
    this.identitySeen.delete(rec.id);
    const first = rec.ts;
    const last = flowEnd(rec.ts, rec.duration);
    // Client and server: the initiator and the responder, unless the decoder found the
    // service on the initiator's side (a capture that began mid-connection).
    const c = serverIsOrig
      ? { ip: rec.dst_ip, mac: rec.dst_mac, pkts: rec.resp_pkts, bytes: rec.resp_ip_bytes }
      : { ip: rec.src_ip, mac: rec.src_mac, pkts: rec.orig_pkts, bytes: rec.orig_ip_bytes };
    const sv = serverIsOrig
      ? {
          ip: rec.src_ip,
          mac: rec.src_mac,
          pkts: rec.orig_pkts,
          bytes: rec.orig_ip_bytes,
          port: rec.src_port,
        }
      : {
          ip: rec.dst_ip,
          mac: rec.dst_mac,
          pkts: rec.resp_pkts,
          bytes: rec.resp_ip_bytes,
          port: rec.dst_port,
        };
    // Group and unspecified addresses (broadcast, multicast, 0.0.0.0) are no hosts.
    const client = isGroupIp(c.ip) ? null : this.host(this.ips, c.ip, first);
    const toGroup = isGroupIp(sv.ip) || (sv.mac !== undefined && macKind(sv.mac) === 'multicast');
    const server = toGroup ? null : this.host(this.ips, sv.ip, first);
    if (client) {
      if (c.pkts > 0) touch(client, first, last);
      client.flowsInitiated++;
      client.packetsSent += c.pkts;
      client.bytesSent += c.bytes;
      client.packetsReceived += sv.pkts;
      client.bytesReceived += sv.bytes;
      if (c.mac !== undefined) this.linkMac(client, c.mac, first, last);
      const key = rec.service ?? `${rec.transport}/${sv.port}`;
      if (
        key in client.clients ||
        Object.keys(client.clients).length < ASSET_LIMITS.maxClientProtocols
      )
        client.clients[key] = (client.clients[key] ?? 0) + 1;
      else this.count('assets.client_protocols_dropped');
    }
    // TCP: the handshake completed, or (picked up mid-stream) the server sent data.
    const serverBytes = serverIsOrig ? rec.orig_bytes : rec.resp_bytes;
    const answeredService =
      rec.transport === 'tcp' ? ESTABLISHED.has(rec.conn_state) || serverBytes > 0 : sv.pkts > 0;
    if (client && server && (rec.transport === 'tcp' || rec.transport === 'udp')) {
      this.probe(client, `${sv.ip}|${rec.transport}/${sv.port}`, answeredService, rec);
    }
    if (server) {
      // A server that never answered is still a destination, but not yet seen alive.
      const answered = sv.pkts > 0;
      if (answered) touch(server, first, last);
      server.flowsAccepted++;
      server.packetsSent += sv.pkts;
      server.bytesSent += sv.bytes;
      server.packetsReceived += c.pkts;
      server.bytesReceived += c.bytes;
      if (sv.mac !== undefined) this.linkMac(server, sv.mac, first, last);
      if (answeredService && (rec.transport === 'tcp' || rec.transport === 'udp')) {
        this.service(server, rec.transport, sv.port, rec.service ?? '', first, last);
      }
    }
  }

  /** Events: identity attributes from the protocols that reveal them. */
  event(meta: EventMeta, event: AppEvent): void {
    const op = operationOf(meta.proto, event);
    if (op !== null) this.edges.count(meta, op);
    const source = IDENTITY_SOURCES[event.kind];
    const hasNtlm = event.ntlmssp !== undefined;
    if (source === undefined && !hasNtlm) return;
    // Cyclic traffic (GOOSE, DNP3 and IEC 104 polling) repeats the same identity, taken from
    // the stream's addresses, many times a second: those events are read at most once per flow,
    // kind and capture second. Other kinds carry a different identity in each event (a BACnet
    // router relays the I-Am of every device behind it) and are always read.
    if (!THROTTLED.has(event.kind) || this.throttle(meta, event.kind)) {
      this.readIdentity(meta, event, source, hasNtlm);
    }
  }

  private throttle(meta: EventMeta, kind: string): boolean {
    let kinds = this.identitySeen.get(meta.flow);
    if (kinds === undefined) {
      if (this.identitySeen.size >= 200_000) this.identitySeen.clear();
      kinds = new Map();
      this.identitySeen.set(meta.flow, kinds);
    }
    if (kinds.get(kind) === meta.sec) return false;
    kinds.set(kind, meta.sec);
    return true;
  }

  private readIdentity(
    meta: EventMeta,
    event: AppEvent,
    source: ((meta: EventMeta, event: AppEvent, add: AddAttribute) => void) | undefined,
    ntlmLayer: boolean,
  ): void {
    this.meta = meta;
    this.kind = event.kind;
    if (source !== undefined) source(meta, event, this.add);
    if (ntlmLayer) ntlm(meta, event, this.add);
  }

  /** The event being read by an identity source (no closure per event). */
  private meta: EventMeta | null = null;
  private kind = '';
  private readonly add: AddAttribute = (side, name, value, confidence) => {
    if (this.meta !== null) this.attribute(this.meta, this.kind, side, name, value, confidence);
  };

  /** What was observed so far (merge with {@link merge}, turn into assets with {@link assets}). */
  /** Reads the sender of `meta` sent its receiver over this protocol so far (rule context). */
  readsBefore(meta: EventMeta): { count: number; first: number } {
    return this.edges.readsBefore(meta);
  }

  snapshot(): AssetSnapshot {
    return {
      ips: Object.fromEntries(this.ips),
      macs: Object.fromEntries(this.macs),
      devices: Object.fromEntries(this.devices),
      links: Object.fromEntries(this.links),
      ...(() => {
        const e = this.edges.snapshot();
        return { edges: e.edges, edgesDropped: e.dropped };
      })(),
      counters: Object.fromEntries(this.counters),
    };
  }

  /** Adds another tracker's observations (a worker's, in a sharded run). */
  merge(snap: AssetSnapshot): void {
    for (const [ip, h] of Object.entries(snap.ips)) this.mergeHost(this.ips, ip, h);
    for (const [mac, h] of Object.entries(snap.macs)) this.mergeHost(this.macs, mac, h);
    for (const [dev, h] of Object.entries(snap.devices)) this.mergeHost(this.devices, dev, h);
    for (const [dev, l] of Object.entries(snap.links)) {
      for (const k of l.is) this.link(dev, 'is', k);
      for (const k of l.behind) this.link(dev, 'behind', k);
    }
    this.edges.merge(snap.edges, snap.edgesDropped);
    for (const [k, v] of Object.entries(snap.counters)) this.count(k, v);
  }

  /** Counters of what the bounds dropped. */
  counterValues(): Record<string, number> {
    const all = new Map(this.counters);
    if (this.edges.droppedCount > 0) all.set('assets.operations_dropped', this.edges.droppedCount);
    return Object.fromEntries([...all].sort((a, b) => a[0].localeCompare(b[0])));
  }

  /**
   * The assets: IP addresses joined through their MAC addresses (routers' excepted), MAC-only
   * hosts joined by MAC, each with its evidence; sorted by id.
   */
  assets(): AssetRecord[] {
    // MAC → IP addresses that sent from it.
    const ipsOfMac = new Map<string, string[]>();
    for (const [ip, h] of this.ips) {
      for (const mac of Object.keys(h.macs)) {
        if (macKind(mac) === 'multicast') continue;
        let l = ipsOfMac.get(mac);
        if (!l) ipsOfMac.set(mac, (l = []));
        l.push(ip);
      }
    }
    const routers = new Set<string>();
    for (const [mac, ips] of ipsOfMac) if (ips.length >= ROUTER_MIN_IPS) routers.add(mac);

    // Union-find over IP addresses sharing a host MAC.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r) as string;
      let c = x;
      while (c !== r) {
        const n = parent.get(c) as string;
        parent.set(c, r);
        c = n;
      }
      return r;
    };
    for (const ip of this.ips.keys()) parent.set('ip:' + ip, 'ip:' + ip);
    for (const [mac, ips] of ipsOfMac) {
      if (routers.has(mac)) continue;
      const m = 'mac:' + mac;
      if (!parent.has(m)) parent.set(m, m);
      for (const ip of ips) {
        const a = find('ip:' + ip);
        const b = find(m);
        if (a !== b) parent.set(a, b);
      }
    }
    for (const mac of this.macs.keys()) {
      const m = 'mac:' + mac;
      if (!parent.has(m)) parent.set(m, m);
    }
    for (const mac of routers) {
      const m = 'mac:' + mac;
      if (!parent.has(m)) parent.set(m, m);
    }
    // A device that is its sender joins the sender's asset (unless the sender is a router's
    // MAC address); one behind a router stays an asset of its own.
    for (const dev of this.devices.keys()) {
      const d = 'dev:' + dev;
      parent.set(d, d);
      for (const k of this.links.get(dev)?.is ?? []) {
        if (k.startsWith('mac:') && routers.has(k.slice(4))) continue;
        if (!parent.has(k)) parent.set(k, k);
        const a = find(k);
        const b = find(d);
        if (a !== b) parent.set(b, a);
      }
    }

    const groups = new Map<string, { ips: string[]; macs: string[]; devices: string[] }>();
    for (const key of parent.keys()) {
      const root = find(key);
      let g = groups.get(root);
      if (!g) groups.set(root, (g = { ips: [], macs: [], devices: [] }));
      if (key.startsWith('ip:')) g.ips.push(key.slice(3));
      else if (key.startsWith('mac:')) g.macs.push(key.slice(4));
      else g.devices.push(key.slice(4));
    }

    const out: AssetRecord[] = [];
    for (const g of groups.values()) {
      g.ips.sort(compareAddresses);
      g.macs.sort();
      const parts: HostObs[] = [];
      for (const ip of g.ips) parts.push(this.ips.get(ip) as HostObs);
      for (const mac of g.macs) {
        const h = this.macs.get(mac);
        if (h) parts.push(h);
      }
      g.devices.sort();
      const via = new Set<string>();
      for (const dev of g.devices) {
        parts.push(this.devices.get(dev) as HostObs);
        for (const k of this.links.get(dev)?.behind ?? []) via.add(k.slice(k.indexOf(':') + 1));
      }
      const isRouter = g.macs.some((m) => routers.has(m));
      const rec = this.record(g.ips, g.macs, g.devices, parts, isRouter, ipsOfMac);
      if (via.size > 0) rec.via = [...via].sort();
      out.push(rec);
    }
    out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.lastEdges = this.assetEdges(out);
    return out;
  }

  /** The communication map between the assets of the last {@link assets} call. */
  communication(): AssetEdge[] {
    return this.lastEdges;
  }

  private lastEdges: AssetEdge[] = [];

  /** Maps the address edges to asset edges, and infers roles from them. */
  private assetEdges(assets: AssetRecord[]): AssetEdge[] {
    const idOf = new Map<string, string>();
    for (const a of assets) {
      for (const ip of a.ips) idOf.set(ip, a.id);
      for (const mac of a.macs) if (!a.router) idOf.set(mac, a.id);
    }
    const byKey = new Map<string, AssetEdge>();
    for (const e of this.edges.snapshot().edges) {
      const src = idOf.get(e.src) ?? e.src;
      const dst = idOf.get(e.dst) ?? e.dst;
      const key = `${src}|${dst}|${e.protocol}`;
      let out = byKey.get(key);
      if (!out) byKey.set(key, (out = { src, dst, protocol: e.protocol, operations: {} }));
      for (const [op, o] of Object.entries(e.operations)) {
        if (o === undefined) continue;
        const cur = out.operations[op];
        if (!cur) out.operations[op] = { ...o };
        else {
          if (
            o.first_seen < cur.first_seen ||
            (o.first_seen === cur.first_seen && o.frame < cur.frame)
          ) {
            cur.first_seen = o.first_seen;
            cur.frame = o.frame;
            cur.flow = o.flow;
          }
          if (o.last_seen > cur.last_seen) cur.last_seen = o.last_seen;
          cur.count += o.count;
        }
      }
    }
    const edges = [...byKey.values()].sort(
      (a, b) => cmp(a.src, b.src) || cmp(a.dst, b.dst) || cmp(a.protocol, b.protocol),
    );
    const sent = new Map<string, OperationSummary[]>();
    const received = new Map<string, OperationSummary[]>();
    for (const e of edges) {
      for (const [op, o] of Object.entries(e.operations)) {
        const base = {
          protocol: e.protocol,
          op: op as OperationClass,
          count: o.count,
          frame: o.frame,
          flow: o.flow,
        };
        push(sent, e.src, { ...base, peer: e.dst });
        push(received, e.dst, { ...base, peer: e.src });
      }
    }
    for (const a of assets) inferRoles(a, sent.get(a.id) ?? [], received.get(a.id) ?? []);
    return edges;
  }

  private record(
    ips: string[],
    macs: string[],
    devices: string[],
    parts: HostObs[],
    isRouter: boolean,
    ipsOfMac: Map<string, string[]>,
  ): AssetRecord {
    let first = '';
    let last = '';
    const attrs = new Map<string, Map<string, Evidence>>();
    const services = new Map<string, ServiceObs>();
    const clients = new Map<string, number>();
    const tally = {
      flows_initiated: 0,
      flows_accepted: 0,
      packets_sent: 0,
      bytes_sent: 0,
      packets_received: 0,
      bytes_received: 0,
    };
    const probes = new Map<string, ProbeObs>();
    for (const h of parts) {
      for (const [k, p] of Object.entries(h.probes)) {
        const c = probes.get(k);
        if (c === undefined) probes.set(k, { ...p });
        else c.answered ||= p.answered;
      }
      first = first === '' ? h.first : minTs(first, h.first);
      last = maxTs(last, h.last);
      for (const [name, values] of Object.entries(h.attrs)) {
        let m = attrs.get(name);
        if (!m) attrs.set(name, (m = new Map()));
        for (const [k, ev] of Object.entries(values)) mergeEvidence(m, k, ev);
      }
      for (const [k, s] of Object.entries(h.services)) {
        const cur = services.get(k);
        if (!cur) services.set(k, { ...s });
        else mergeService(cur, s);
      }
      for (const [k, n] of Object.entries(h.clients)) clients.set(k, (clients.get(k) ?? 0) + n);
      tally.flows_initiated += h.flowsInitiated;
      tally.flows_accepted += h.flowsAccepted;
      tally.packets_sent += h.packetsSent;
      tally.bytes_sent += h.bytesSent;
      tally.packets_received += h.packetsReceived;
      tally.bytes_received += h.bytesReceived;
    }
    const mac = macs[0];
    const id =
      mac !== undefined ? `mac:${mac}` : ips[0] !== undefined ? `ip:${ips[0]}` : (devices[0] ?? '');
    const identity: Record<string, AttributeEvidence[]> = {};
    for (const name of [...attrs.keys()].sort()) {
      identity[name] = [...(attrs.get(name) as Map<string, Evidence>).values()]
        .sort(
          (a, b) =>
            CONF_RANK[b.confidence] - CONF_RANK[a.confidence] ||
            b.count - a.count ||
            (a.first < b.first ? -1 : a.first > b.first ? 1 : 0),
        )
        .map(publicEvidence);
    }
    const vendor = mac !== undefined ? ouiVendor(mac) : undefined;
    const rec: AssetRecord = {
      id,
      ips,
      macs,
      first_seen: first,
      last_seen: last === '' ? first : last,
      identity,
      services: [...services.values()]
        .sort((a, b) => a.transport.localeCompare(b.transport) || a.port - b.port)
        .map((s) => ({
          transport: s.transport,
          port: s.port,
          ...(s.protocol !== '' ? { protocol: s.protocol } : {}),
          flows: s.flows,
          first_seen: s.first,
          last_seen: s.last,
        })),
      client_protocols: [...clients.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([protocol, flows]) => ({ protocol, flows })),
      ...tally,
    };
    if (vendor !== undefined) rec.mac_vendor = vendor;
    const footprint = probeFootprint(probes);
    if (footprint !== undefined) rec.probes = footprint;
    if (isRouter) {
      rec.router = true;
      rec.routed_ips = macs.reduce((n, m) => n + (ipsOfMac.get(m)?.length ?? 0), 0);
    }
    return rec;
  }

  private host(map: Map<string, HostObs>, key: string | null, ts: string): HostObs | null {
    if (key === null || key === '') return null;
    let h = map.get(key);
    if (h === undefined) {
      if (this.ips.size + this.macs.size >= ASSET_LIMITS.maxHosts) {
        this.count('assets.hosts_dropped');
        return null;
      }
      h = newHost(ts);
      map.set(key, h);
    }
    return h;
  }

  /** Records that `h` tried the service `target`, and whether it answered. */
  private probe(h: HostObs, target: string, answered: boolean, rec: FlowRecord): void {
    const cur = h.probes[target];
    if (cur !== undefined) {
      cur.answered ||= answered;
      return;
    }
    if (h.probeCount >= ASSET_LIMITS.maxProbeTargets) {
      this.count('assets.probe_targets_dropped');
      return;
    }
    h.probeCount++;
    h.probes[target] = { answered, ts: rec.ts, frame: rec.first_frame, flow: rec.id };
  }

  private linkMac(h: HostObs, mac: string, first: string, last: string): void {
    const s = h.macs[mac];
    if (s) {
      s.first = minTs(s.first, first);
      s.last = maxTs(s.last, last);
      s.count++;
    } else if (Object.keys(h.macs).length < ASSET_LIMITS.maxMacsPerIp) {
      h.macs[mac] = { first, last, count: 1 };
    } else this.count('assets.macs_dropped');
  }

  private service(
    h: HostObs,
    transport: string,
    port: number,
    protocol: string,
    first: string,
    last: string,
  ): void {
    const key = `${transport}/${port}`;
    const s = h.services[key];
    if (s) mergeService(s, { transport, port, protocol, flows: 1, first, last });
    else if (Object.keys(h.services).length < ASSET_LIMITS.maxServices) {
      h.services[key] = { transport, port, protocol, flows: 1, first, last };
    } else this.count('assets.services_dropped');
  }

  private attribute(
    meta: EventMeta,
    source: string,
    side: Side,
    name: string,
    value: string | number | boolean | undefined | null,
    confidence: Confidence,
  ): void {
    if (value === undefined || value === null || value === '') return;
    let v = value;
    if (typeof v === 'string') {
      v = v.trim();
      if (v === '') return;
      if (v.length > ASSET_LIMITS.maxValueLength) v = v.slice(0, ASSET_LIMITS.maxValueLength);
    }
    const ts = this.clock.iso(meta.sec, meta.ns);
    // Protocols over IP attach to the address; those over Ethernet to the MAC address.
    let ip: string | null;
    let mac: string;
    let link = false;
    if (typeof side === 'object' && 'device' in side) {
      const h = this.host(this.devices, side.device, ts);
      if (h === null) return;
      touch(h, ts, ts);
      const sender =
        meta.srcIp !== null ? 'ip:' + meta.srcIp : meta.srcMac !== '' ? 'mac:' + meta.srcMac : '';
      if (sender !== '') this.link(side.device, side.sender, sender);
      this.record1(h, meta, source, name, v, confidence, ts);
      return;
    }
    if (side === 'src' || side === 'dst') {
      ip = side === 'src' ? meta.srcIp : meta.dstIp;
      mac = side === 'src' ? meta.srcMac : meta.dstMac;
    } else {
      ip = side.ip ?? null;
      mac = side.mac ?? '';
      link = ip !== null && mac !== '';
    }
    if (ip !== null && isGroupIp(ip)) return;
    const h =
      ip !== null
        ? this.host(this.ips, ip, ts)
        : mac !== '' && macKind(mac) !== 'multicast'
          ? this.host(this.macs, mac, ts)
          : null;
    if (h === null) return;
    // An event that binds an address to a MAC address (a DHCP lease) links them.
    if (link) this.linkMac(h, mac, ts, ts);
    touch(h, ts, ts);
    this.record1(h, meta, source, name, v, confidence, ts);
  }

  /** Adds one attribute value to a host's observations. */
  private record1(
    h: HostObs,
    meta: EventMeta,
    source: string,
    name: string,
    v: string | number | boolean,
    confidence: Confidence,
    ts: string,
  ): void {
    let values = h.attrs[name];
    if (!values) values = h.attrs[name] = {};
    const key = typeof v + ':' + String(v);
    const ev = values[key];
    if (ev) {
      ev.last = maxTs(ev.last, ts);
      ev.count++;
      if (CONF_RANK[confidence] > CONF_RANK[ev.confidence]) ev.confidence = confidence;
      return;
    }
    if (Object.keys(values).length >= ASSET_LIMITS.maxValuesPerAttribute) {
      this.count('assets.values_dropped');
      return;
    }
    values[key] = {
      value: v,
      confidence,
      source,
      frame: meta.frame,
      flow: meta.flow,
      first: ts,
      last: ts,
      count: 1,
    };
  }

  private mergeHost(map: Map<string, HostObs>, key: string, h: HostObs): void {
    const cur = map.get(key);
    if (!cur) {
      map.set(key, h);
      return;
    }
    cur.first = minTs(cur.first, h.first);
    cur.last = maxTs(cur.last, h.last);
    for (const [mac, s] of Object.entries(h.macs)) {
      const c = cur.macs[mac];
      if (c) {
        c.first = minTs(c.first, s.first);
        c.last = maxTs(c.last, s.last);
        c.count += s.count;
      } else cur.macs[mac] = s;
    }
    for (const [name, values] of Object.entries(h.attrs)) {
      const m = new Map(Object.entries(cur.attrs[name] ?? {}));
      for (const [k, ev] of Object.entries(values)) mergeEvidence(m, k, ev);
      cur.attrs[name] = Object.fromEntries(m);
    }
    for (const [k, s] of Object.entries(h.services)) {
      const c = cur.services[k];
      if (c) mergeService(c, s);
      else cur.services[k] = s;
    }
    for (const [k, n] of Object.entries(h.clients)) cur.clients[k] = (cur.clients[k] ?? 0) + n;
    for (const [k, p] of Object.entries(h.probes)) {
      const c = cur.probes[k];
      if (c !== undefined) {
        c.answered ||= p.answered;
        if (p.ts < c.ts || (p.ts === c.ts && p.frame < c.frame))
          Object.assign(c, { ...p, answered: c.answered });
      } else if (cur.probeCount < ASSET_LIMITS.maxProbeTargets) {
        cur.probes[k] = { ...p };
        cur.probeCount++;
      } else this.count('assets.probe_targets_dropped');
    }
    cur.flowsInitiated += h.flowsInitiated;
    cur.flowsAccepted += h.flowsAccepted;
    cur.packetsSent += h.packetsSent;
    cur.bytesSent += h.bytesSent;
    cur.packetsReceived += h.packetsReceived;
    cur.bytesReceived += h.bytesReceived;
  }

  private link(device: string, how: 'is' | 'behind', sender: string): void {
    let l = this.links.get(device);
    if (!l) this.links.set(device, (l = { is: [], behind: [] }));
    const list = l[how];
    if (list.includes(sender)) return;
    if (list.length < MAX_DEVICE_LINKS) list.push(sender);
    else this.count('assets.device_links_dropped');
  }

  private count(name: string, n = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + n);
  }
}

function touch(h: HostObs, first: string, last: string): void {
  h.first = minTs(h.first, first);
  h.last = maxTs(h.last, last);
}

function mergeService(cur: ServiceObs, s: ServiceObs): void {
  cur.flows += s.flows;
  cur.first = minTs(cur.first, s.first);
  cur.last = maxTs(cur.last, s.last);
  if (cur.protocol === '') cur.protocol = s.protocol;
}

/** Merges one value's evidence, keeping the earliest sighting as the evidence shown. */
function mergeEvidence(m: Map<string, Evidence>, key: string, ev: Evidence): void {
  const cur = m.get(key);
  if (!cur) {
    m.set(key, { ...ev });
    return;
  }
  if (ev.first < cur.first || (ev.first === cur.first && ev.frame < cur.frame)) {
    cur.source = ev.source;
    cur.frame = ev.frame;
    cur.flow = ev.flow;
  }
  cur.first = minTs(cur.first, ev.first);
  cur.last = maxTs(cur.last, ev.last);
  cur.count += ev.count;
  if (CONF_RANK[ev.confidence] > CONF_RANK[cur.confidence]) cur.confidence = ev.confidence;
}

function publicEvidence(ev: Evidence): AttributeEvidence {
  return {
    value: ev.value,
    confidence: ev.confidence,
    source: ev.source,
    frame: ev.frame,
    flow: ev.flow,
    first_seen: ev.first,
    last_seen: ev.last,
    count: ev.count,
  };
}

/** Orders IPv4 addresses numerically, then IPv6 addresses as text. */
function compareAddresses(a: string, b: string): number {
  const a4 = !a.includes(':');
  const b4 = !b.includes(':');
  if (a4 !== b4) return a4 ? -1 : 1;
  if (a4) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < 4; i++) {
      const d = (pa[i] ?? 0) - (pb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * Broadcast, multicast and unspecified IP addresses (a directed broadcast such as
 * 192.168.1.255 is recognised by its group destination MAC address instead).
 */
function isGroupIp(ip: string): boolean {
  if (ip.includes(':')) return ip.startsWith('ff') || ip === '::';
  const first = Number(ip.slice(0, ip.indexOf('.')));
  return ip === '255.255.255.255' || ip === '0.0.0.0' || (first >= 224 && first <= 239);
}

/**
 * What a host tried of other hosts' services, when something it tried never answered: the
 * footprint a scan or a sweep leaves (distinct services, hosts and ports tried, how many never
 * answered, and the first of those).
 */
function probeFootprint(probes: ReadonlyMap<string, ProbeObs>): AssetRecord['probes'] {
  const hosts = new Set<string>();
  const ports = new Set<string>();
  let unanswered = 0;
  let first: ProbeObs | undefined;
  for (const [k, p] of probes) {
    const bar = k.lastIndexOf('|');
    hosts.add(k.slice(0, bar));
    ports.add(k.slice(bar + 1));
    if (p.answered) continue;
    unanswered++;
    if (first === undefined || p.ts < first.ts || (p.ts === first.ts && p.frame < first.frame))
      first = p;
  }
  if (first === undefined) return undefined;
  return {
    targets: probes.size,
    hosts: hosts.size,
    ports: ports.size,
    unanswered,
    first_unanswered: { ts: first.ts, frame: first.frame, flow: first.flow },
  };
}
