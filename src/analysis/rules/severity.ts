/**
 * Severity raising: a rule or intel alert is raised one step (low → medium → high → critical) when what
 * it targets matters most to the process (IEC 62443-3-2 consequence; NIST SP 800-82r3 5.2):
 *
 * - the destination is an asset the site model declares `criticality: critical`;
 * - the site model places the destination in a zone at Purdue level 0 or 1 (field devices and
 *   controllers);
 * - the asset inventory inferred level 0 or 1 for the destination (a PLC answering S7comm,
 *   Modbus...), with or without a site model.
 *
 * It runs on the main thread after alerts from every thread are merged, once per alert, and says
 * why in the alert's `evidence.explanation`. Policy alerts keep the severity the site model's
 * check gave them (it already weighs the zones), and anomaly-model alerts their score's.
 */
import type { Alert, Severity } from '../alerts.js';
import type { AssetRecord } from '../assets/record.js';
import { CompiledSite, type SiteModel } from '../site/model.js';

const ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** Context for {@link raiseSeverity}. */
export interface SeverityContext {
  site?: SiteModel | null;
  /** The asset inventory (after the site model was applied). */
  assets?: readonly AssetRecord[];
}

/** Raises rule and intel alerts aimed at critical or level 0-1 targets; returns how many were raised. */
export function raiseSeverity(alerts: Alert[], ctx: SeverityContext): number {
  const site = ctx.site ? new CompiledSite(ctx.site) : null;
  const byIp = new Map<string, AssetRecord>();
  for (const a of ctx.assets ?? []) for (const ip of a.ips) if (!byIp.has(ip)) byIp.set(ip, a);
  let raised = 0;
  for (const alert of alerts) {
    if ((alert.source !== 'rule' && alert.source !== 'intel') || alert.dst_ip === null) continue;
    const why = reason(alert.dst_ip, site, byIp);
    if (why === null) continue;
    const i = ORDER.indexOf(alert.severity);
    if (i < 0 || i >= ORDER.length - 1) continue;
    const from = alert.severity;
    alert.severity = ORDER[i + 1] as Severity;
    const note = `severity raised from ${from}: ${why}`;
    alert.evidence.explanation =
      alert.evidence.explanation !== undefined ? `${alert.evidence.explanation}; ${note}` : note;
    raised++;
  }
  return raised;
}

function reason(
  ip: string,
  site: CompiledSite | null,
  byIp: ReadonlyMap<string, AssetRecord>,
): string | null {
  if (site !== null) {
    const declared = site.asset(ip);
    if (declared?.criticality === 'critical')
      return `destination ${ip} is the critical asset ${declared.id}`;
    const zone = site.zoneOf(ip);
    if (zone?.purdue_level !== undefined && zone.purdue_level <= 1) {
      return `destination ${ip} is in zone ${zone.id} at Purdue level ${zone.purdue_level}`;
    }
  }
  const asset = byIp.get(ip);
  if (asset?.criticality === 'critical') return `destination ${ip} is a critical asset`;
  if (asset?.purdue_level !== undefined && asset.purdue_level <= 1) {
    return `destination ${ip} is inferred to be at Purdue level ${asset.purdue_level}`;
  }
  return null;
}
