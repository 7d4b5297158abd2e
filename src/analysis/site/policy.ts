/**
 * Checks traffic against the site model and raises `source: policy` alerts:
 *
 * | rule | when |
 * | --- | --- |
 * | `policy.no_conduit` | a connection between two zones that no conduit joins (in that direction) |
 * | `policy.purdue_skip` | the same, between zones more than one Purdue level apart (enterprise straight to a controller) |
 * | `policy.protocol_not_allowed` | a conduit joins the zones, but none of its rules allows the protocol (or port) |
 * | `policy.conduit_closed` | the protocol is allowed, outside every time window of the conduit |
 * | `policy.operation_not_allowed` | the protocol is allowed, not this operation (class, function code, or sending asset) |
 * | `policy.unknown_device` | a device in a zone that lists its assets, and is not one of them |
 * | `policy.remote_access_outside_window` | a remote-access source reaches its zone outside its windows |
 *
 * Flows are checked when they end (their record is complete then); operations as their events
 * arrive. Each alert names the conduit or entry concerned and says in words what the model
 * allows. Hosts the model places in no zone are not checked: model them (a zone for
 * `0.0.0.0/0` covers the outside world).
 */
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import { isoMicros } from '../../core/time.js';
import type { EventMeta, Observer } from '../observer.js';
import { operationOf, type OperationClass } from '../operations.js';
import { AlertCollection, type AlertCandidate, type Severity } from '../alerts.js';
import {
  CompiledSite,
  inWindows,
  parseCidr,
  type AllowRule,
  type Conduit,
  type SiteModel,
  type TimeWindow,
  type Zone,
} from './model.js';
import { BlockList } from 'node:net';

/** ATT&CK for ICS techniques of an operation the model does not allow. */
const OP_TECHNIQUES: Readonly<Record<OperationClass, string[]>> = {
  read: ['T0801'], // Monitor Process State
  write: ['T0836', 'T0855'], // Modify Parameter, Unauthorized Command Message
  control: ['T0855', 'T0858'], // Unauthorized Command Message, Change Operating Mode
  program: ['T0843'], // Program Download
  discovery: ['T0846', 'T0888'], // Remote System Discovery, Remote System Information Discovery
  diagnostic: ['T0855'],
  file: ['T0867'], // Lateral Tool Transfer
  report: ['T0830'], // Adversary-in-the-Middle (a report where none is expected)
};

const OP_SEVERITY: Readonly<Record<OperationClass, Severity>> = {
  read: 'medium',
  write: 'high',
  control: 'critical',
  program: 'critical',
  discovery: 'medium',
  diagnostic: 'high',
  file: 'high',
  report: 'medium',
};

/** The protocol's own function code of an event, for `function_codes` rules. */
function functionCode(proto: string, e: AppEvent): number | undefined {
  const layer = (name: string): Record<string, unknown> | undefined => {
    const v = e[name];
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  };
  let v: unknown;
  switch (proto) {
    case 'modbus':
    case 's7comm':
    case 'dnp3':
      v = layer(proto)?.function_code;
      break;
    case 'iec104':
      v = layer('iec104')?.type_id;
      break;
    case 'enip':
      v = layer('cip')?.service;
      break;
    case 'fins':
      v = layer('fins')?.command_code;
      break;
    case 'mms':
      v = layer('mms')?.service;
      break;
    case 'bacnet':
      v = layer('bacnet')?.service_choice;
      break;
    default:
      return undefined;
  }
  return typeof v === 'number' ? v : undefined;
}

interface RemoteEntry {
  id: string;
  list: BlockList;
  family: 'ipv4' | 'ipv6';
  to: string;
  protocols?: string[];
  windows: TimeWindow[];
}

export class PolicyChecker implements Observer {
  readonly site: CompiledSite;
  readonly alerts = new AlertCollection();
  private readonly remote: RemoteEntry[] = [];
  /** Hosts already reported as unknown in their zone. */
  private readonly unknownSeen = new Set<string>();

  constructor(model: SiteModel) {
    this.site = new CompiledSite(model);
    for (const r of model.remote_access ?? []) {
      const c = parseCidr(r.from);
      if (c === null) continue;
      const list = new BlockList();
      list.addSubnet(c.address, c.prefix, c.family);
      this.remote.push({
        id: r.id,
        list,
        family: c.family,
        to: r.to_zone,
        ...(r.protocols ? { protocols: r.protocols } : {}),
        windows: r.windows,
      });
    }
  }

  flow(rec: FlowRecord, serverIsOrig: boolean): void {
    const c = serverIsOrig
      ? { ip: rec.dst_ip, mac: rec.dst_mac ?? '', port: rec.dst_port }
      : { ip: rec.src_ip, mac: rec.src_mac ?? '', port: rec.src_port };
    const s = serverIsOrig
      ? { ip: rec.src_ip, mac: rec.src_mac ?? '', port: rec.src_port }
      : { ip: rec.dst_ip, mac: rec.dst_mac ?? '', port: rec.dst_port };
    const vlan = rec.vlan ?? -1;
    const zc = this.site.zoneOf(c.ip, c.mac, vlan);
    const zs = this.site.zoneOf(s.ip, s.mac, vlan);
    const proto = rec.service ?? rec.transport;
    const base = {
      ts: rec.ts,
      frame: rec.first_frame,
      src_ip: c.ip,
      dst_ip: s.ip,
      proto,
      flow: rec.id,
    };
    const flowEvidence = {
      frame: rec.first_frame,
      flow: rec.id,
      transport: rec.transport,
      src_ip: c.ip,
      src_port: c.port,
      dst_ip: s.ip,
      dst_port: s.port,
      service: rec.service ?? null,
      conn_state: rec.conn_state,
    };
    this.unknownDevice(c.ip, c.mac, zc, base, flowEvidence);
    if (rec.resp_pkts > 0 || serverIsOrig)
      this.unknownDevice(s.ip, s.mac, zs, { ...base, src_ip: s.ip, dst_ip: c.ip }, flowEvidence);
    if (zs === null || zc?.id === zs.id) return;
    const zone = { ...(zc !== null ? { src: zc.id } : {}), dst: zs.id };
    const asset = this.assets(c.ip, c.mac, s.ip, s.mac);

    // Remote access: its source usually sits outside every zone.
    const remote = this.remote.find(
      (r) =>
        r.to === zs.id &&
        isIp(c.ip) &&
        r.list.check(c.ip, r.family) &&
        (r.protocols === undefined || r.protocols.includes(proto)),
    );
    if (remote) {
      if (!inWindows(remote.windows, rec.ts)) {
        this.raise(
          {
            ...base,
            rule_id: 'policy.remote_access_outside_window',
            title: `Remote access ${remote.id} from ${c.ip} into zone ${zs.id} outside its windows`,
            severity: 'high',
            technique_ids: ['T0822'], // External Remote Services
            zone,
            asset,
            policy: { remote_access: remote.id },
            explanation: `remote access '${remote.id}' is allowed only in its time windows`,
          },
          flowEvidence,
          remote.id,
        );
      }
      return;
    }
    if (zc === null) return;

    const conduits = this.site.conduits(zc.id, zs.id);
    if (conduits.length === 0) {
      const skip =
        zc.purdue_level !== undefined &&
        zs.purdue_level !== undefined &&
        Math.abs(zc.purdue_level - zs.purdue_level) > 1;
      this.raise(
        {
          ...base,
          rule_id: skip ? 'policy.purdue_skip' : 'policy.no_conduit',
          title: skip
            ? `${proto} from zone ${zc.id} (level ${zc.purdue_level}) straight to zone ${zs.id} (level ${zs.purdue_level})`
            : `${proto} from zone ${zc.id} to zone ${zs.id}, which no conduit joins`,
          severity: skip ? 'critical' : 'high',
          technique_ids: ['T0886'], // Remote Services
          zone,
          asset,
          explanation: `no conduit lets zone '${zc.id}' open connections to zone '${zs.id}'`,
        },
        flowEvidence,
        proto,
      );
      return;
    }
    const port = s.port;
    const matching = conduits.filter((cd) =>
      cd.allow.some((r) => protocolMatches(r, proto, rec.transport, port)),
    );
    if (matching.length === 0) {
      this.raise(
        {
          ...base,
          rule_id: 'policy.protocol_not_allowed',
          title: `${proto} from zone ${zc.id} to zone ${zs.id} is not allowed by conduit ${conduits.map((x) => x.id).join(', ')}`,
          severity: 'high',
          technique_ids: ['T0869', 'T0886'], // Standard Application Layer Protocol, Remote Services
          zone,
          asset,
          policy: { conduit: conduits[0]?.id ?? '' },
          explanation: `conduit '${conduits[0]?.id ?? ''}' allows ${describeAllowed(conduits)}`,
        },
        flowEvidence,
        `${proto}/${port}`,
      );
      return;
    }
    if (!matching.some((cd) => inWindows(cd.windows, rec.ts))) {
      this.raise(
        {
          ...base,
          rule_id: 'policy.conduit_closed',
          title: `${proto} through conduit ${matching[0]?.id ?? ''} outside its time windows`,
          severity: 'high',
          technique_ids: ['T0886'],
          zone,
          asset,
          policy: { conduit: matching[0]?.id ?? '' },
          explanation: `conduit '${matching[0]?.id ?? ''}' is open only in its time windows`,
        },
        flowEvidence,
        proto,
      );
    }
  }

  event(meta: EventMeta, event: AppEvent): void {
    if (meta.fromServer || meta.srcIp === null || meta.dstIp === null) return;
    const op = operationOf(meta.proto, event);
    if (op === null) return;
    const zc = this.site.zoneOf(meta.srcIp, meta.srcMac);
    const zs = this.site.zoneOf(meta.dstIp, meta.dstMac);
    if (zc === null || zs === null || zc.id === zs.id) return;
    const conduits = this.site
      .conduits(zc.id, zs.id)
      .filter((cd) =>
        cd.allow.some((r) => protocolMatches(r, meta.proto, meta.transport, meta.dstPort)),
      );
    // No conduit or no rule for the protocol: the flow check reports it.
    if (conduits.length === 0) return;
    const code = functionCode(meta.proto, event);
    const client = this.site.asset(meta.srcIp, meta.srcMac);
    const allowed = conduits.some((cd) =>
      cd.allow.some(
        (r) =>
          protocolMatches(r, meta.proto, meta.transport, meta.dstPort) &&
          (r.operations === undefined || r.operations.includes(op)) &&
          (r.function_codes === undefined ||
            (code !== undefined && r.function_codes.includes(code))) &&
          (r.from_assets === undefined ||
            (client !== undefined && r.from_assets.includes(client.id))),
      ),
    );
    if (allowed) return;
    const ts = isoMicros(meta.sec, meta.ns);
    const what = code !== undefined ? `${op} (function ${code})` : op;
    this.raise(
      {
        ts,
        frame: meta.frame,
        src_ip: meta.srcIp,
        dst_ip: meta.dstIp,
        proto: meta.proto,
        flow: meta.flow,
        rule_id: 'policy.operation_not_allowed',
        title: `${meta.proto} ${what} from zone ${zc.id} to zone ${zs.id} is not allowed by conduit ${conduits[0]?.id ?? ''}`,
        severity: OP_SEVERITY[op],
        technique_ids: OP_TECHNIQUES[op],
        zone: { src: zc.id, dst: zs.id },
        asset: this.assets(meta.srcIp, meta.srcMac, meta.dstIp, meta.dstMac),
        policy: { conduit: conduits[0]?.id ?? '' },
        explanation: `conduit '${conduits[0]?.id ?? ''}' allows ${describeAllowed(conduits, meta.proto)}`,
      },
      { frame: meta.frame, ...event },
      `${op}/${code ?? ''}`,
    );
  }

  private unknownDevice(
    ip: string,
    mac: string,
    zone: Zone | null,
    base: {
      ts: string;
      frame: number;
      src_ip: string;
      dst_ip: string;
      proto: string;
      flow: string;
    },
    evidence: object,
  ): void {
    if (zone === null || !this.site.closedZones.has(zone.id) || !isIp(ip)) return;
    if (this.site.asset(ip, mac) !== undefined || this.unknownSeen.has(ip)) return;
    this.unknownSeen.add(ip);
    this.raise(
      {
        ...base,
        src_ip: ip,
        rule_id: 'policy.unknown_device',
        title: `Device ${ip}${mac !== '' ? ` (${mac})` : ''} in zone ${zone.id} is not in the site model`,
        severity: 'high',
        technique_ids: ['T0864'], // Transient Cyber Asset
        zone: { src: zone.id },
        explanation: `zone '${zone.id}' lists its assets and ${ip} is not one of them`,
      },
      evidence,
      ip,
    );
  }

  private assets(
    cIp: string,
    cMac: string,
    sIp: string,
    sMac: string,
  ): { src?: string; dst?: string } {
    const a = this.site.asset(cIp, cMac)?.id;
    const b = this.site.asset(sIp, sMac)?.id;
    return { ...(a !== undefined ? { src: a } : {}), ...(b !== undefined ? { dst: b } : {}) };
  }

  private raise(
    c: Omit<AlertCandidate, 'source' | 'evidence'> & { explanation: string },
    evidence: object,
    subject: string,
  ): void {
    const { explanation, ...rest } = c;
    this.alerts.add(
      {
        ...rest,
        source: 'policy',
        evidence: { frames: [c.frame], events: [evidence], explanation },
      },
      subject,
    );
  }
}

function isIp(s: string): boolean {
  return s.includes('.') || s.includes(':');
}

function protocolMatches(r: AllowRule, proto: string, transport: string, port: number): boolean {
  if (r.protocol === proto) return r.ports === undefined || r.ports.includes(port);
  // A transport rule (`tcp` with ports) covers any protocol on those ports.
  return r.protocol === transport && (r.ports === undefined || r.ports.includes(port));
}

function describeAllowed(conduits: readonly Conduit[], proto?: string): string {
  const parts: string[] = [];
  for (const c of conduits) {
    for (const r of c.allow) {
      if (proto !== undefined && r.protocol !== proto) continue;
      let s = r.protocol;
      if (r.ports) s += ` on ports ${r.ports.join(', ')}`;
      if (r.operations)
        s += r.operations.length > 0 ? ` (${r.operations.join(', ')})` : ' (no operations)';
      if (r.function_codes) s += ` with function codes ${r.function_codes.join(', ')}`;
      if (r.from_assets) s += ` from ${r.from_assets.join(', ')}`;
      parts.push(s);
    }
  }
  return parts.length > 0 ? parts.join('; ') : 'nothing for this protocol';
}
