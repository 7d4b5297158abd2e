/**
 * `palisade site export`: the conduits of a site model as firewall rules, for the firewall
 * between the zones (nftables, or iptables-restore input). Everything not allowed is dropped;
 * replies of allowed connections pass (connection tracking). Zones are sets of their networks
 * and declared assets' addresses.
 *
 * A protocol rule opens its decoder's standard ports (or the rule's `ports`); what an IP
 * firewall cannot express is written as a comment: operations and function codes (a deep
 * packet inspection firewall's job), layer-2 protocols (GOOSE, PROFINET RT), VLAN and MAC
 * members, and absolute time windows. Weekly windows become nftables `meta day`/`meta hour`
 * matches and iptables `time` matches.
 */
import { BlockList } from 'node:net';
import type { SiteModel } from './model.js';
import { parseCidr } from './model.js';

/** How a protocol is carried: transport and ports (from the decoder registry). */
export interface ProtocolPorts {
  transport: 'tcp' | 'udp' | 'ether';
  tcp: readonly number[];
  udp: readonly number[];
}

type Family = 'ipv4' | 'ipv6';

function zoneAddresses(model: SiteModel, zoneId: string): Record<Family, string[]> {
  const out: Record<Family, Set<string>> = { ipv4: new Set(), ipv6: new Set() };
  const zone = model.zones.find((z) => z.id === zoneId);
  const assets = new Map((model.assets ?? []).map((a) => [a.id, a]));
  const add = (cidr: string): void => {
    const c = parseCidr(cidr);
    if (c !== null)
      out[c.family].add(
        c.prefix === (c.family === 'ipv4' ? 32 : 128) ? c.address : `${c.address}/${c.prefix}`,
      );
  };
  for (const m of zone?.members ?? []) {
    if (m.cidr !== undefined) add(m.cidr);
    if (m.asset !== undefined) {
      const ip = assets.get(m.asset)?.ip;
      if (ip !== undefined) add(ip);
    }
  }
  for (const a of model.assets ?? []) if (a.zone === zoneId && a.ip !== undefined) add(a.ip);
  // A host inside one of the zone's networks adds nothing (and nftables refuses overlapping
  // intervals in a set).
  const result = { ipv4: [] as string[], ipv6: [] as string[] };
  for (const family of ['ipv4', 'ipv6'] as const) {
    const nets = new BlockList();
    for (const e of out[family]) {
      if (!e.includes('/')) continue;
      const c = parseCidr(e);
      if (c !== null) nets.addSubnet(c.address, c.prefix, family);
    }
    result[family] = [...out[family]]
      .filter((e) => e.includes('/') || !nets.check(e, family))
      .sort();
  }
  return result;
}

function setName(zone: string, family: Family): string {
  return `zone_${zone.replace(/[^A-Za-z0-9_]/g, '_')}_${family === 'ipv4' ? 'v4' : 'v6'}`;
}

interface PortMatch {
  transport: 'tcp' | 'udp' | null;
  ports: number[];
  note?: string;
}

function matchesOf(
  rule: { protocol: string; ports?: number[] },
  protocols: ReadonlyMap<string, ProtocolPorts>,
): PortMatch[] {
  if (rule.protocol === 'tcp' || rule.protocol === 'udp') {
    return [{ transport: rule.protocol, ports: rule.ports ?? [] }];
  }
  if (rule.protocol === 'icmp') return [{ transport: null, ports: [], note: 'icmp' }];
  const p = protocols.get(rule.protocol);
  if (p === undefined)
    return [{ transport: null, ports: [], note: `unknown protocol ${rule.protocol}: not opened` }];
  if (p.transport === 'ether')
    return [
      {
        transport: null,
        ports: [],
        note: `${rule.protocol} is a layer-2 protocol: not filtered by an IP firewall`,
      },
    ];
  const out: PortMatch[] = [];
  const tcp = rule.ports ?? p.tcp;
  const udp = rule.ports ?? p.udp;
  if (p.transport === 'tcp' && tcp.length > 0) out.push({ transport: 'tcp', ports: [...tcp] });
  if (udp.length > 0 && (p.transport === 'udp' || p.udp.length > 0))
    out.push({ transport: 'udp', ports: [...udp] });
  return out;
}

const NFT_DAYS: Readonly<Record<string, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function comment(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

/** The model's conduits as an nftables ruleset (`nft -f`). */
export function toNftables(
  model: SiteModel,
  protocols: ReadonlyMap<string, ProtocolPorts>,
): string {
  const lines = [
    `# Palisade site model${model.name !== undefined ? ` "${comment(model.name)}"` : ''}: conduits as nftables rules`,
    'table inet palisade {',
  ];
  const zones = new Map(model.zones.map((z) => [z.id, zoneAddresses(model, z.id)]));
  for (const [id, addr] of zones) {
    for (const family of ['ipv4', 'ipv6'] as const) {
      if (addr[family].length === 0) continue;
      lines.push(
        `  set ${setName(id, family)} {`,
        `    type ${family === 'ipv4' ? 'ipv4_addr' : 'ipv6_addr'}`,
        '    flags interval',
        `    elements = { ${addr[family].join(', ')} }`,
        '  }',
      );
    }
  }
  lines.push(
    '  chain forward {',
    '    type filter hook forward priority filter; policy drop;',
    '    ct state established,related accept',
    '    ct state invalid drop',
  );
  for (const c of model.conduits ?? []) {
    const dirs: [string, string][] = [[c.from, c.to]];
    if (c.bidirectional === true) dirs.push([c.to, c.from]);
    lines.push(
      `    # conduit ${c.id}: ${c.from} -> ${c.to}${c.bidirectional ? ' (both ways)' : ''}`,
    );
    const weekly = (c.windows ?? []).filter((w) => w.start === undefined && w.end === undefined);
    if ((c.windows ?? []).some((w) => w.start !== undefined || w.end !== undefined)) {
      lines.push(
        '    # absolute time windows are not expressed here: enable the rules for them by hand',
      );
    }
    const timeMatches =
      weekly.length === 0
        ? ['']
        : weekly.map((w) => {
            let m = '';
            if (w.days)
              m += ` meta day { ${w.days.map((d) => `"${NFT_DAYS[d] ?? d}"`).join(', ')} }`;
            if (w.from !== undefined || w.to !== undefined)
              m += ` meta hour "${w.from ?? '00:00'}"-"${w.to === '24:00' || w.to === undefined ? '23:59' : w.to}"`;
            return m;
          });
    for (const r of c.allow) {
      const extras: string[] = [];
      if (r.operations) extras.push(`operations ${r.operations.join(',') || 'none'}`);
      if (r.function_codes) extras.push(`function codes ${r.function_codes.join(',')}`);
      if (r.from_assets) extras.push(`only from ${r.from_assets.join(',')}`);
      if (extras.length > 0)
        lines.push(
          `    # ${r.protocol}: ${comment(extras.join('; '))} (checked by Palisade, not by this firewall)`,
        );
      for (const m of matchesOf(r, protocols)) {
        if (m.transport === null && m.note !== 'icmp') {
          lines.push(`    # ${comment(m.note ?? '')}`);
          continue;
        }
        for (const [from, to] of dirs) {
          for (const family of ['ipv4', 'ipv6'] as const) {
            const a = zones.get(from)?.[family] ?? [];
            const b = zones.get(to)?.[family] ?? [];
            if (a.length === 0 || b.length === 0) continue;
            const ip = family === 'ipv4' ? 'ip' : 'ip6';
            let l4: string;
            if (m.note === 'icmp')
              l4 = family === 'ipv4' ? 'meta l4proto icmp' : 'meta l4proto ipv6-icmp';
            else if (m.ports.length === 0) l4 = `meta l4proto ${m.transport}`;
            else l4 = `${m.transport} dport { ${m.ports.join(', ')} }`;
            for (const t of timeMatches) {
              lines.push(
                `    ${ip} saddr @${setName(from, family)} ${ip} daddr @${setName(to, family)} ${l4}${t} accept comment "${comment(`${c.id} ${r.protocol}`).replace(/"/g, "'")}"`,
              );
            }
          }
        }
      }
    }
  }
  lines.push('  }', '}');
  return lines.join('\n') + '\n';
}

const IPT_DAYS: Readonly<Record<string, string>> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** The model's conduits as `iptables-restore` input (IPv4; `ip6tables` gets the IPv6 rules). */
export function toIptables(
  model: SiteModel,
  protocols: ReadonlyMap<string, ProtocolPorts>,
  family: Family = 'ipv4',
): string {
  const lines = [
    `# Palisade site model${model.name !== undefined ? ` "${comment(model.name)}"` : ''}: conduits as ${family === 'ipv4' ? 'iptables' : 'ip6tables'} rules`,
    '*filter',
    ':FORWARD DROP [0:0]',
    '-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
    '-A FORWARD -m conntrack --ctstate INVALID -j DROP',
  ];
  const zones = new Map(model.zones.map((z) => [z.id, zoneAddresses(model, z.id)[family]]));
  for (const c of model.conduits ?? []) {
    const dirs: [string, string][] = [[c.from, c.to]];
    if (c.bidirectional === true) dirs.push([c.to, c.from]);
    const weekly = (c.windows ?? []).filter((w) => w.start === undefined && w.end === undefined);
    const times =
      weekly.length === 0
        ? ['']
        : weekly.map((w) => {
            let m = ' -m time';
            if (w.days) m += ` --weekdays ${w.days.map((d) => IPT_DAYS[d] ?? d).join(',')}`;
            if (w.from !== undefined) m += ` --timestart ${w.from}`;
            if (w.to !== undefined) m += ` --timestop ${w.to === '24:00' ? '23:59' : w.to}`;
            return m;
          });
    for (const r of c.allow) {
      for (const m of matchesOf(r, protocols)) {
        if (m.transport === null && m.note !== 'icmp') {
          lines.push(`# ${c.id}: ${comment(m.note ?? '')}`);
          continue;
        }
        for (const [from, to] of dirs) {
          for (const s of zones.get(from) ?? []) {
            for (const d of zones.get(to) ?? []) {
              // multiport takes at most 15 ports: longer lists become several rules.
              const l4s: string[] = [];
              if (m.note === 'icmp') l4s.push(family === 'ipv4' ? ' -p icmp' : ' -p ipv6-icmp');
              else if (m.ports.length === 0) l4s.push(` -p ${m.transport}`);
              else {
                for (let i = 0; i < m.ports.length; i += 15) {
                  l4s.push(
                    ` -p ${m.transport} -m multiport --dports ${m.ports.slice(i, i + 15).join(',')}`,
                  );
                }
              }
              const note = comment(`${c.id} ${r.protocol}`).replace(/"/g, "'").slice(0, 200);
              for (const l4 of l4s) {
                for (const t of times) {
                  lines.push(
                    `-A FORWARD -s ${s} -d ${d}${l4}${t} -m comment --comment "${note}" -j ACCEPT`,
                  );
                }
              }
            }
          }
        }
      }
    }
  }
  lines.push('COMMIT');
  return lines.join('\n') + '\n';
}
