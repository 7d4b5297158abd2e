/**
 * The words of an intel alert: a title naming the indicator and what it relates to (the
 * malware, tool, threat actor, intrusion set or campaign), and an explanation citing the
 * indicator id and its pattern.
 */
import type { IntelIndicator } from './bundle.js';

/** Longest pattern text quoted in an explanation. */
const MAX_QUOTED_PATTERN = 300;

/** `Intel: Zeus C2 domain (malware Zeus, intrusion-set FIN7)`. */
export function alertTitle(spec: IntelIndicator): string {
  const rel = spec.related.slice(0, 2).map((r) => `${r.type} ${r.name}`);
  return rel.length > 0 ? `Intel: ${spec.name} (${rel.join(', ')})` : `Intel: ${spec.name}`;
}

/** What matched and why it matters, in one line. */
export function explanation(spec: IntelIndicator, what: string): string {
  const pattern =
    spec.patternText.length > MAX_QUOTED_PATTERN
      ? spec.patternText.slice(0, MAX_QUOTED_PATTERN) + '…'
      : spec.patternText;
  const rel =
    spec.related.length > 0
      ? `; relates to ${spec.related.map((r) => `${r.type} ${r.name} (${r.id})`).join(', ')}`
      : '';
  return `STIX indicator ${spec.id} matched ${what}: ${pattern}${rel}`;
}
