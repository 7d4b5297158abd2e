/**
 * The `intel.*` counters of summary.json: what loading the STIX bundles and TAXII collections
 * kept and skipped, and what matching did. Rendered into docs/anomalies.md by `npm run docs`.
 */
type Info = { description: string; severity: 'low' | 'medium' | 'high' | 'critical' };

export const INTEL_COUNTERS = Object.freeze({
  'intel.bundles': { description: 'STIX bundles (files, TAXII collections) read', severity: 'low' },
  'intel.bundles_refused': {
    description: 'bundles refused whole: too large, nested too deeply, not JSON or not a bundle',
    severity: 'high',
  },
  'intel.objects': { description: 'STIX objects read (every version)', severity: 'low' },
  'intel.objects_invalid': {
    description: 'objects skipped: not an object, or no valid `type` and `id`',
    severity: 'medium',
  },
  'intel.objects_revoked': {
    description: 'objects whose latest version is revoked (ignored, with their relationships)',
    severity: 'low',
  },
  'intel.relationships_dangling': {
    description: 'indicates, uses or attributed-to relationships naming an object not loaded',
    severity: 'low',
  },
  'intel.indicators': { description: 'indicators compiled and matched', severity: 'low' },
  'intel.indicators_invalid': {
    description: 'indicators skipped: spec_version not 2.1, no pattern, bad valid_from/valid_until',
    severity: 'medium',
  },
  'intel.indicators_pattern_invalid': {
    description:
      'indicators whose STIX pattern does not parse or is refused (palisade intel check lists them)',
    severity: 'medium',
  },
  'intel.indicators_pattern_type_unsupported': {
    description:
      'indicators with a pattern_type other than stix (pcre, sigma, snort, suricata, yara)',
    severity: 'low',
  },
  'intel.indicators_benign': {
    description: 'indicators typed only `benign`: known good, nothing to alert on',
    severity: 'low',
  },
  'intel.techniques_unknown': {
    description:
      'ATT&CK ids in a bundle that name no ICS or Enterprise technique (left off the alerts)',
    severity: 'low',
  },
  'intel.matches': {
    description: 'observation expressions of indicators that matched an event or flow record',
    severity: 'low',
  },
  'intel.outside_validity': {
    description:
      'candidate indicators not evaluated: the capture time is outside valid_from/valid_until',
    severity: 'low',
  },
  'intel.sequence_alerts': {
    description: 'completions of multi-observation patterns (FOLLOWEDBY, REPEATS, WITHIN...)',
    severity: 'low',
  },
  'intel.sequence_hits_dropped': {
    description:
      'matches of multi-observation patterns beyond what an engine keeps; sequences may be missed',
    severity: 'medium',
  },
} satisfies Record<string, Info>);
