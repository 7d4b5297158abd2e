/**
 * The site model: zones, conduits, declared assets and remote-access windows (IEC 62443-3-2
 * zones and conduits, as code). The YAML form is validated against
 * `schemas/site-model.schema.json` by `load.ts`; this module holds the types and the compiled
 * form that traffic is checked against: which zone an address or MAC belongs to, which
 * conduit joins two zones, whether a time falls in a window.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { OperationClass } from '../operations.js';

export type Criticality = 'low' | 'medium' | 'high' | 'critical';

export interface ZoneMember {
  cidr?: string;
  vlan?: number;
  mac?: string;
  asset?: string;
}

export interface Zone {
  id: string;
  name?: string;
  purdue_level?: number;
  security_level_target?: Partial<
    Record<'IAC' | 'UC' | 'SI' | 'DC' | 'RDF' | 'TRE' | 'RA', number>
  >;
  members: ZoneMember[];
  known_assets_only?: boolean;
}

export interface AssetDecl {
  id: string;
  name?: string;
  ip?: string;
  mac?: string;
  zone?: string;
  role?: string;
  purdue_level?: number;
  criticality?: Criticality;
  owner?: string;
}

export interface AllowRule {
  protocol: string;
  ports?: number[];
  operations?: OperationClass[];
  function_codes?: number[];
  from_assets?: string[];
}

/** A time window, UTC: absolute (`start`, `end`) or weekly (`days`, `from`, `to`). */
export interface TimeWindow {
  start?: string;
  end?: string;
  days?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
  from?: string;
  to?: string;
}

export interface Conduit {
  id: string;
  name?: string;
  from: string;
  to: string;
  bidirectional?: boolean;
  allow: AllowRule[];
  windows?: TimeWindow[];
}

export interface RemoteAccess {
  id: string;
  who?: string;
  from: string;
  to_zone: string;
  protocols?: string[];
  windows: TimeWindow[];
}

/** The site model as written (after validation). */
export interface SiteModel {
  version: 1;
  name?: string;
  zones: Zone[];
  assets?: AssetDecl[];
  conduits?: Conduit[];
  remote_access?: RemoteAccess[];
}

/** Splits `10.0.0.0/8` into address, prefix length and family; null when malformed. */
export function parseCidr(
  text: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (family === null) return null;
  const max = family === 'ipv4' ? 32 : 128;
  const prefix = slash < 0 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family };
}

interface Net {
  zone: Zone;
  prefix: number;
  list: BlockList;
  family: 'ipv4' | 'ipv6';
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** True when the time `iso` (UTC) falls in one of `windows` (no windows: always). */
export function inWindows(windows: readonly TimeWindow[] | undefined, iso: string): boolean {
  if (windows === undefined || windows.length === 0) return true;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return false;
  const d = new Date(t);
  const day = DAYS[d.getUTCDay()] as NonNullable<TimeWindow['days']>[number];
  const min = d.getUTCHours() * 60 + d.getUTCMinutes();
  for (const w of windows) {
    if (w.start !== undefined && t < Date.parse(w.start)) continue;
    if (w.end !== undefined && t >= Date.parse(w.end)) continue;
    if (w.days !== undefined && !w.days.includes(day)) continue;
    if (w.from !== undefined && min < minutes(w.from)) continue;
    if (w.to !== undefined && min >= minutes(w.to)) continue;
    return true;
  }
  return false;
}

/** The site model compiled for lookups. */
export class CompiledSite {
  readonly zones: ReadonlyMap<string, Zone>;
  readonly assets: ReadonlyMap<string, AssetDecl>;
  private readonly nets: Net[] = [];
  private readonly byVlan = new Map<number, Zone>();
  private readonly byMac = new Map<string, Zone>();
  private readonly assetByIp = new Map<string, AssetDecl>();
  private readonly assetByMac = new Map<string, AssetDecl>();
  private readonly conduitsByPair = new Map<string, Conduit[]>();
  private readonly cache = new Map<string, Zone | null>();
  /** Zones that list their assets: any other device in them is unknown. */
  readonly closedZones: ReadonlySet<string>;

  constructor(readonly model: SiteModel) {
    this.zones = new Map(model.zones.map((z) => [z.id, z]));
    this.assets = new Map((model.assets ?? []).map((a) => [a.id, a]));
    for (const a of model.assets ?? []) {
      if (a.ip !== undefined) this.assetByIp.set(a.ip, a);
      if (a.mac !== undefined) this.assetByMac.set(a.mac.toLowerCase(), a);
    }
    const withAssets = new Set<string>();
    for (const z of model.zones) {
      for (const m of z.members) {
        if (m.cidr !== undefined) {
          const c = parseCidr(m.cidr);
          if (c === null) continue;
          const list = new BlockList();
          list.addSubnet(c.address, c.prefix, c.family);
          this.nets.push({ zone: z, prefix: c.prefix, list, family: c.family });
        } else if (m.vlan !== undefined) this.byVlan.set(m.vlan, z);
        else if (m.mac !== undefined) this.byMac.set(m.mac.toLowerCase(), z);
        else if (m.asset !== undefined) {
          const a = this.assets.get(m.asset);
          if (a?.ip !== undefined) this.assetByIp.set(a.ip, { ...a, zone: z.id });
          if (a?.mac !== undefined) this.byMac.set(a.mac.toLowerCase(), z);
          withAssets.add(z.id);
        }
      }
    }
    for (const a of model.assets ?? []) if (a.zone !== undefined) withAssets.add(a.zone);
    // Most specific network first.
    this.nets.sort((a, b) => b.prefix - a.prefix);
    this.closedZones = new Set(
      model.zones.filter((z) => z.known_assets_only ?? withAssets.has(z.id)).map((z) => z.id),
    );
    for (const c of model.conduits ?? []) {
      const add = (a: string, b: string): void => {
        const k = `${a}>${b}`;
        const l = this.conduitsByPair.get(k);
        if (l) l.push(c);
        else this.conduitsByPair.set(k, [c]);
      };
      add(c.from, c.to);
      if (c.bidirectional === true) add(c.to, c.from);
    }
  }

  /** The declared asset with this IP or MAC address. */
  asset(ip: string | null, mac?: string): AssetDecl | undefined {
    return (
      (ip !== null ? this.assetByIp.get(ip) : undefined) ??
      (mac !== undefined && mac !== '' ? this.assetByMac.get(mac) : undefined)
    );
  }

  /**
   * The zone of a host: its declared asset's zone, else the most specific network holding its
   * address, else its MAC address or VLAN; null when the model does not place it.
   */
  zoneOf(ip: string | null, mac = '', vlan = -1): Zone | null {
    const a = this.asset(ip, mac);
    if (a?.zone !== undefined) {
      const z = this.zones.get(a.zone);
      if (z) return z;
    }
    if (ip !== null) {
      let z = this.cache.get(ip);
      if (z === undefined) {
        z = null;
        const family = ip.includes(':') ? 'ipv6' : 'ipv4';
        for (const n of this.nets) {
          if (n.family === family && n.list.check(ip, family)) {
            z = n.zone;
            break;
          }
        }
        if (this.cache.size < 100_000) this.cache.set(ip, z);
      }
      if (z !== null) return z;
    }
    if (mac !== '') {
      const z = this.byMac.get(mac);
      if (z) return z;
    }
    return vlan >= 0 ? (this.byVlan.get(vlan) ?? null) : null;
  }

  /** Conduits that let hosts of zone `from` open connections to zone `to`. */
  conduits(from: string, to: string): readonly Conduit[] {
    return this.conduitsByPair.get(`${from}>${to}`) ?? [];
  }
}
