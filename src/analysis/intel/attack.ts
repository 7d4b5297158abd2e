/**
 * ATT&CK technique ids for intel alerts (MITRE ATT&CK for ICS and Enterprise v18.1, the ids of
 * `src/analysis/rules/attack-ids.ts`): from attack-patterns' external references, from
 * kill-chain phases (a technique id written as the phase name, or one representative technique
 * per tactic), and the defaults by observable type when a bundle names none.
 */
import { ATTACK_TECHNIQUES } from '../rules/attack-ids.js';

type Obj = Record<string, unknown>;

/** `T0843`, `T1021.002`. */
export const TECHNIQUE_RE = /^T\d{4}(\.\d{3})?$/;

/**
 * One technique per tactic, for indicators that name only kill-chain phases: the technique
 * through which a network monitor most often sees that tactic. Keys are
 * `<kill_chain_name>/<phase_name>`.
 */
export const TACTIC_TECHNIQUES: Readonly<Record<string, string>> = {
  'mitre-attack/reconnaissance': 'T1595', // Active Scanning
  'mitre-attack/resource-development': 'T1583', // Acquire Infrastructure
  'mitre-attack/initial-access': 'T1190', // Exploit Public-Facing Application
  'mitre-attack/execution': 'T1059', // Command and Scripting Interpreter
  'mitre-attack/persistence': 'T1543', // Create or Modify System Process
  'mitre-attack/privilege-escalation': 'T1068', // Exploitation for Privilege Escalation
  'mitre-attack/defense-evasion': 'T1070', // Indicator Removal
  'mitre-attack/credential-access': 'T1110', // Brute Force
  'mitre-attack/discovery': 'T1046', // Network Service Discovery
  'mitre-attack/lateral-movement': 'T1021', // Remote Services
  'mitre-attack/collection': 'T1005', // Data from Local System
  'mitre-attack/command-and-control': 'T1071', // Application Layer Protocol
  'mitre-attack/exfiltration': 'T1041', // Exfiltration Over C2 Channel
  'mitre-attack/impact': 'T1485', // Data Destruction
  'mitre-ics-attack/initial-access': 'T0883', // Internet Accessible Device
  'mitre-ics-attack/execution': 'T0871', // Execution through API
  'mitre-ics-attack/persistence': 'T0859', // Valid Accounts
  'mitre-ics-attack/privilege-escalation': 'T0890', // Exploitation for Privilege Escalation
  'mitre-ics-attack/evasion': 'T0849', // Masquerading
  'mitre-ics-attack/discovery': 'T0846', // Remote System Discovery
  'mitre-ics-attack/lateral-movement': 'T0812', // Default Credentials
  'mitre-ics-attack/collection': 'T0802', // Automated Collection
  'mitre-ics-attack/command-and-control': 'T0869', // Standard Application Layer Protocol
  'mitre-ics-attack/inhibit-response-function': 'T0804', // Block Reporting Message
  'mitre-ics-attack/impair-process-control': 'T0855', // Unauthorized Command Message
  'mitre-ics-attack/impact': 'T0826', // Loss of Availability
};

/**
 * Techniques of an indicator that names none: Ingress Tool Transfer (T1105) for file hashes,
 * Encrypted Channel (T1573) for certificates, Application Layer Protocol (T1071) for network
 * observables (addresses, domains, URLs, traffic) and anything else: the contact with known
 * bad infrastructure is a command-and-control observation.
 */
export function defaultTechniques(patternText: string): string[] {
  if (/\bfile:hashes\b/.test(patternText)) return ['T1105'];
  if (/\bx509-certificate:/.test(patternText)) return ['T1573'];
  return ['T1071'];
}

/**
 * True for an ATT&CK technique id of the ICS or Enterprise matrix (v18.1, `attack-ids.ts`): a
 * feed's typo or a revoked id never reaches an alert.
 */
export function isKnownTechnique(t: string): boolean {
  return TECHNIQUE_RE.test(t) && Object.hasOwn(ATTACK_TECHNIQUES, t);
}

/** ATT&CK ids of an attack-pattern's external references. */
export function attackIds(o: Obj): string[] {
  const out: string[] = [];
  if (!Array.isArray(o.external_references)) return out;
  for (const r of o.external_references as unknown[]) {
    if (typeof r !== 'object' || r === null) continue;
    const ref = r as Obj;
    if (ref.source_name !== 'mitre-attack' && ref.source_name !== 'mitre-ics-attack') continue;
    const t = typeof ref.external_id === 'string' ? ref.external_id.toUpperCase() : '';
    if (TECHNIQUE_RE.test(t)) out.push(t);
  }
  return out;
}

export function killChain(o: Obj): { chain: string; phase: string }[] {
  if (!Array.isArray(o.kill_chain_phases)) return [];
  const out: { chain: string; phase: string }[] = [];
  for (const p of o.kill_chain_phases as unknown[]) {
    if (typeof p !== 'object' || p === null) continue;
    const { kill_chain_name: chain, phase_name: phase } = p as Obj;
    if (typeof chain === 'string' && typeof phase === 'string')
      out.push({ chain, phase: phase.toLowerCase() });
  }
  return out;
}
