/**
 * The site model's word on the inventory: declared assets give their name, role, Purdue
 * level, criticality and owner (overriding what traffic suggested, and saying so), and every
 * asset gets the zone the model places it in.
 */
import type { AssetRecord } from '../assets/record.js';
import { CompiledSite, type SiteModel } from './model.js';

/** Annotates `assets` (in place) with what `model` declares about them. */
export function applySite(assets: AssetRecord[], model: SiteModel): void {
  const site = new CompiledSite(model);
  for (const a of assets) {
    let decl = undefined;
    for (const ip of a.ips) decl ??= site.asset(ip);
    for (const mac of a.macs) decl ??= site.asset(null, mac);
    const zone = site.zoneOf(a.ips[0] ?? null, a.macs[0] ?? '');
    if (zone !== null) a.zone = zone.id;
    if (decl === undefined) continue;
    a.site_asset = decl.id;
    if (decl.name !== undefined) a.name = decl.name;
    if (decl.criticality !== undefined) a.criticality = decl.criticality;
    if (decl.owner !== undefined) a.owner = decl.owner;
    if (decl.purdue_level !== undefined) a.purdue_level = decl.purdue_level;
    else if (zone?.purdue_level !== undefined) a.purdue_level = zone.purdue_level;
    if (decl.role !== undefined) {
      const inferred = a.roles ?? [];
      const same = inferred.find((r) => r.role === decl.role);
      a.roles = [
        {
          role: decl.role,
          confidence: 'high',
          evidence: [
            `declared in the site model as asset '${decl.id}'`,
            ...(same?.evidence ?? []),
          ].slice(0, 8),
        },
        ...inferred.filter((r) => r.role !== decl.role),
      ];
    }
  }
}
