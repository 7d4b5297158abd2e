/**
 * `palisade site suggest`: a first site model drawn from observed traffic, for a person to
 * edit and commit.
 *
 * - Zones follow the Purdue levels of the inventory's roles (field, control, supervisory,
 *   operations, enterprise; hosts with no role in `unclassified`). Every host seen is
 *   declared as an asset of its zone, so the zones are closed: a new device shows up. Each
 *   /24 (IPv4) or /64 (IPv6) network joins the zone of its most critical host (the lowest
 *   level), so that a newcomer in it is placed and reported.
 * - Conduits join the zones that talked, in the direction connections were opened, with one
 *   rule per protocol: the operation classes seen and the assets that sent them. Traffic that
 *   no decoder named is allowed by transport and port.
 *
 * Checking the same traffic against the suggestion gives no violation; anything new does.
 */
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import type { AssetRecord } from '../assets/record.js';
import type { EventMeta, Observer } from '../observer.js';
import { operationOf, OPERATION_CLASSES, type OperationClass } from '../operations.js';
import type { AllowRule, AssetDecl, Conduit, SiteModel, Zone } from './model.js';

interface FlowFact {
  client: string;
  server: string;
  protocol: string;
  transport: string;
  port: number;
}

/** Collects who opened what to whom, and which operations were sent (an engine observer). */
export class TrafficFacts implements Observer {
  readonly flows = new Map<string, FlowFact>();
  /** `client|server|protocol` → operation classes sent. */
  readonly ops = new Map<string, Set<OperationClass>>();

  flow(rec: FlowRecord, serverIsOrig: boolean): void {
    const client = serverIsOrig ? rec.dst_ip : rec.src_ip;
    const server = serverIsOrig ? rec.src_ip : rec.dst_ip;
    const port = serverIsOrig ? rec.src_port : rec.dst_port;
    const protocol = rec.service ?? rec.transport;
    const key = `${client}|${server}|${protocol}|${rec.service === undefined ? port : ''}`;
    if (!this.flows.has(key) && this.flows.size < 1_000_000) {
      this.flows.set(key, { client, server, protocol, transport: rec.transport, port });
    }
  }

  event(meta: EventMeta, event: AppEvent): void {
    if (meta.fromServer || meta.srcIp === null || meta.dstIp === null) return;
    const op = operationOf(meta.proto, event);
    if (op === null) return;
    const key = `${meta.srcIp}|${meta.dstIp}|${meta.proto}`;
    let s = this.ops.get(key);
    if (!s) {
      if (this.ops.size >= 1_000_000) return;
      this.ops.set(key, (s = new Set()));
    }
    s.add(op);
  }
}

const ZONES: readonly { level: number | null; id: string; name: string }[] = [
  { level: 0, id: 'field', name: 'Field devices (Purdue level 0)' },
  { level: 1, id: 'control', name: 'Basic control (Purdue level 1)' },
  { level: 2, id: 'supervisory', name: 'Supervisory control (Purdue level 2)' },
  { level: 3, id: 'operations', name: 'Site operations (Purdue level 3)' },
  { level: 4, id: 'enterprise', name: 'Enterprise (Purdue level 4)' },
  { level: null, id: 'unclassified', name: 'Hosts with no inferred role' },
];

function subnetOf(ip: string): string {
  if (ip.includes(':')) {
    // /64: the first four groups of the expanded address.
    const [head = '', tail = ''] = ip.split('::');
    const h = head === '' ? [] : head.split(':');
    const t = tail === '' ? [] : tail.split(':');
    const full = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
    return `${full.slice(0, 4).join(':')}::/64`;
  }
  return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
}

/** A site model id from free text. */
function idFrom(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (s === '' ? 'x' : s).slice(0, 64);
}

/** The suggested model for an inventory and the traffic facts of the same captures. */
export function suggestModel(
  assets: readonly AssetRecord[],
  facts: TrafficFacts,
  name?: string,
): SiteModel {
  const zoneOfLevel = (l: number | undefined): string =>
    (ZONES.find((z) => z.level === (l ?? null)) ?? ZONES[ZONES.length - 1])?.id ?? 'unclassified';
  const zoneOfIp = new Map<string, string>();
  const assetOfIp = new Map<string, string>();
  const decls: AssetDecl[] = [];
  const used = new Set<string>();
  const subnetLevel = new Map<string, number>();
  for (const a of assets) {
    const zone = zoneOfLevel(a.purdue_level);
    const role = a.roles?.[0]?.role;
    a.ips.forEach((ip, i) => {
      let id = idFrom(`${role ?? 'host'}-${ip}`);
      while (used.has(id)) id = idFrom(`${id}-${i}`);
      used.add(id);
      zoneOfIp.set(ip, zone);
      assetOfIp.set(ip, id);
      const d: AssetDecl = { id, ip, zone };
      if (i === 0 && a.macs[0] !== undefined) d.mac = a.macs[0];
      if (role !== undefined) d.role = role;
      if (a.purdue_level !== undefined) d.purdue_level = a.purdue_level;
      const product = a.identity.product?.[0]?.value ?? a.identity.order_number?.[0]?.value;
      d.name = product !== undefined ? `${String(product)} (${ip})` : ip;
      decls.push(d);
      const net = subnetOf(ip);
      const level = a.purdue_level ?? 99;
      if (!subnetLevel.has(net) || level < (subnetLevel.get(net) as number))
        subnetLevel.set(net, level);
    });
  }
  const zones: Zone[] = [];
  for (const z of ZONES) {
    const members = [...subnetLevel]
      .filter(([, l]) => zoneOfLevel(l === 99 ? undefined : l) === z.id)
      .map(([cidr]) => ({ cidr }))
      .sort((a, b) => (a.cidr < b.cidr ? -1 : 1));
    if (!decls.some((d) => d.zone === z.id) && members.length === 0) continue;
    zones.push({
      id: z.id,
      name: z.name,
      ...(z.level !== null ? { purdue_level: z.level } : {}),
      members,
    });
  }

  // Conduits: zone pair → protocol → rule.
  const conduits = new Map<
    string,
    Map<
      string,
      { rule: AllowRule; ops: Set<OperationClass>; from: Set<string>; ports: Set<number> }
    >
  >();
  for (const f of facts.flows.values()) {
    const zc = zoneOfIp.get(f.client);
    const zs = zoneOfIp.get(f.server);
    if (zc === undefined || zs === undefined || zc === zs) continue;
    const pair = `${zc}>${zs}`;
    let rules = conduits.get(pair);
    if (!rules) conduits.set(pair, (rules = new Map()));
    const named = f.protocol !== f.transport;
    const key = named ? f.protocol : f.transport;
    let r = rules.get(key);
    if (!r)
      rules.set(
        key,
        (r = { rule: { protocol: key }, ops: new Set(), from: new Set(), ports: new Set() }),
      );
    if (!named) r.ports.add(f.port);
    const ops = facts.ops.get(`${f.client}|${f.server}|${f.protocol}`);
    if (ops) for (const o of ops) r.ops.add(o);
    const who = assetOfIp.get(f.client);
    if (who !== undefined && named) r.from.add(who);
  }
  const conduitList: Conduit[] = [...conduits]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([pair, rules]) => {
      const [from = '', to = ''] = pair.split('>');
      const allow = [...rules.values()]
        .sort((a, b) => (a.rule.protocol < b.rule.protocol ? -1 : 1))
        .map((r) => {
          const rule: AllowRule = { protocol: r.rule.protocol };
          // Unnamed traffic is allowed by port; more than 64 ports (a scan, a port range) is
          // left open to the whole transport for the editor to narrow.
          if (r.ports.size > 0 && r.ports.size <= 64)
            rule.ports = [...r.ports].sort((a, b) => a - b);
          if (r.ports.size === 0) {
            rule.operations = OPERATION_CLASSES.filter((o) => r.ops.has(o));
            if (r.from.size > 0) rule.from_assets = [...r.from].sort();
          }
          return rule;
        });
      return { id: idFrom(`${from}-to-${to}`), from, to, allow };
    });

  const model: SiteModel = { version: 1, ...(name !== undefined ? { name } : {}), zones };
  if (decls.length > 0) model.assets = decls;
  if (conduitList.length > 0) model.conduits = conduitList;
  return model;
}
