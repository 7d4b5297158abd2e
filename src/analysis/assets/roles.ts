/**
 * Roles and Purdue levels, inferred from what an asset did, each with the evidence that
 * supports it (services it answered, operations it sent or received, what it said of itself).
 *
 * - `plc`, `rtu`, `ied`: answers a control protocol or receives operations over one (RTU for
 *   DNP3 outstations and IEC 104 controlled stations; IED for MMS servers and GOOSE/SV or
 *   synchrophasor publishers); level 1. PROFINET IO devices and SV merging units: `io_device`,
 *   level 0.
 * - `engineering_workstation`: sends program operations, or device discovery and diagnostics,
 *   or configuration writes (DCP Set); level 2.
 * - `hmi_scada`: polls controllers (reads, writes, commands) without programming them; level 2.
 * - `historian`: reads from controllers and answers a database or historian port; level 3.
 * - `broker` (MQTT), `opcua_server`: level 2-3 middleware.
 * - `domain_controller`, `dns_server`, `dhcp_server`, `it_server`, `it_workstation`: IT;
 *   level 4, or 3 when the asset also takes part in control traffic (a site server).
 * - `scanner`: tried services of other hosts that mostly never answered, across several hosts
 *   or ports (a port scan, a ping-and-port sweep for controllers, a worm): the footprint of
 *   reconnaissance, which a workstation that only talks to the servers it uses never leaves.
 *   No level of its own.
 *
 * A site model overrides any of this (assets declared with their role and zone).
 */
import type { OperationClass } from '../operations.js';
import type { AssetRecord, AssetRole } from './record.js';

/** Control-system protocols: their servers are controllers, their clients HMIs and workstations. */
export const CONTROL_PROTOCOLS = new Set([
  'modbus',
  's7comm',
  'enip',
  'dnp3',
  'iec104',
  'bacnet',
  'mms',
  'fins',
  'melsec',
  'ads',
  'hartip',
  'fox',
  'sel',
  'opcua',
  'pnio',
  'profinet',
  'goose',
  'sv',
  'c37118',
  'ethercat',
]);

const RTU_PROTOCOLS = new Set(['dnp3', 'iec104']);
const IED_PROTOCOLS = new Set(['mms', 'goose', 'sv', 'c37118']);
/** Ports of databases and process historians (MS SQL, MySQL, PostgreSQL, OSIsoft PI). */
const HISTORIAN_PORTS = new Set([1433, 1434, 3306, 5432, 5450, 5457, 5459]);
const IT_SERVER_PROTOCOLS = new Set([
  'http',
  'tls',
  'smb',
  'ssh',
  'rdp',
  'ftp',
  'telnet',
  'vnc',
  'ldap',
  'kerberos',
  'dcerpc',
  'snmp',
]);
const IT_CLIENT_PROTOCOLS = new Set([
  'http',
  'tls',
  'dns',
  'smb',
  'kerberos',
  'ldap',
  'dcerpc',
  'ssh',
  'rdp',
  'ntp',
  'dhcp',
]);

/** What an asset sent or received, per protocol and operation class (from the edges). */
export interface OperationSummary {
  protocol: string;
  op: OperationClass;
  count: number;
  /** The other end: the receiver of what was sent, the sender of what was received. */
  peer: string;
  frame: number;
  flow: string;
}

/** Fills `roles` and `purdue_level` of an asset record. */
export function inferRoles(
  rec: AssetRecord,
  sent: readonly OperationSummary[],
  received: readonly OperationSummary[],
): void {
  const roles = new Map<string, AssetRole>();
  const add = (role: string, confidence: AssetRole['confidence'], evidence: string): void => {
    let r = roles.get(role);
    if (!r) roles.set(role, (r = { role, confidence, evidence: [] }));
    if (rank(confidence) > rank(r.confidence)) r.confidence = confidence;
    if (r.evidence.length < 8 && !r.evidence.includes(evidence)) r.evidence.push(evidence);
  };
  const op = (o: OperationSummary, verb: string): string =>
    `${verb} ${o.count} ${o.op} operation${o.count === 1 ? '' : 's'} over ${o.protocol} ${verb === 'sent' ? 'to' : 'from'} ${o.peer} (first in frame ${o.frame}, flow ${o.flow})`;

  // Controllers: they answer control protocols and receive operations.
  for (const s of rec.services) {
    if (s.protocol === undefined || !CONTROL_PROTOCOLS.has(s.protocol)) continue;
    const text = `answered ${s.protocol} on ${s.transport}/${s.port} (${s.flows} flow${s.flows === 1 ? '' : 's'})`;
    add(controllerRole(s.protocol), 'high', text);
  }
  for (const o of received) {
    if (!CONTROL_PROTOCOLS.has(o.protocol) || o.op === 'report') continue;
    add(controllerRole(o.protocol), 'medium', op(o, 'received'));
  }
  for (const o of sent) {
    if (o.op !== 'report') continue;
    if (o.protocol === 'sv') add('io_device', 'high', op(o, 'sent'));
    else if (IED_PROTOCOLS.has(o.protocol)) add('ied', 'high', op(o, 'sent'));
    else if (RTU_PROTOCOLS.has(o.protocol)) add('rtu', 'high', op(o, 'sent'));
    else add(controllerRole(o.protocol), 'medium', op(o, 'sent'));
  }
  for (const e of rec.identity.profinet_role ?? []) {
    if (e.value === 'io_device')
      add('io_device', 'high', `announced PROFINET role io_device (frame ${e.frame})`);
  }
  for (const e of rec.identity.device_type ?? []) {
    if (e.value === 'programmable_logic_controller') {
      add(
        'plc',
        'high',
        `identified itself as a programmable logic controller (${e.source}, frame ${e.frame})`,
      );
    }
  }

  // Clients of control protocols. An HMI or SCADA server polls: reads dominate, with the odd
  // write or command. A client whose writes and commands outnumber its reads is changing the
  // process by hand (an engineering workstation, or someone acting as one).
  let programs = false;
  let reads = 0;
  let changes = 0;
  for (const o of sent) {
    if (!CONTROL_PROTOCOLS.has(o.protocol) || o.op === 'report') continue;
    if (o.op === 'read') reads += o.count;
    else if (o.op === 'write' || o.op === 'control') changes += o.count;
  }
  const polls = reads + changes > 0;
  const pollRole = reads >= changes ? 'hmi_scada' : 'engineering_workstation';
  for (const o of sent) {
    if (!CONTROL_PROTOCOLS.has(o.protocol)) continue;
    if (o.op === 'program') {
      programs = true;
      add('engineering_workstation', 'high', op(o, 'sent'));
    } else if (o.op === 'discovery' || o.op === 'diagnostic') {
      add('engineering_workstation', 'medium', op(o, 'sent'));
    } else if (o.op === 'write' && o.protocol === 'profinet') {
      add('engineering_workstation', 'high', op(o, 'sent'));
    } else if (o.op === 'read' || o.op === 'write' || o.op === 'control') {
      add(pollRole, o.op === 'read' ? 'medium' : 'high', op(o, 'sent'));
    }
  }
  if (pollRole === 'engineering_workstation') {
    add(
      'engineering_workstation',
      'high',
      `sent ${changes} write and control operations against ${reads} reads`,
    );
  }
  if (programs && roles.has('hmi_scada')) {
    // A host that programs controllers is an engineering workstation even if it also polls.
    (roles.get('hmi_scada') as AssetRole).confidence = 'low';
  }
  if (polls) {
    for (const s of rec.services) {
      if (HISTORIAN_PORTS.has(s.port)) {
        add(
          'historian',
          'medium',
          `reads from controllers and answers ${s.transport}/${s.port} (${s.protocol ?? 'database port'})`,
        );
      }
    }
  }

  // Middleware and IT.
  for (const s of rec.services) {
    const p = s.protocol;
    if (p === 'mqtt') add('broker', 'high', `answered mqtt on ${s.transport}/${s.port}`);
    if (p === 'opcua') add('opcua_server', 'high', `answered opcua on ${s.transport}/${s.port}`);
    if (p === 'dns' || (s.port === 53 && p === undefined))
      add(
        'dns_server',
        p === 'dns' ? 'high' : 'low',
        `answered ${p ?? 'port'} ${s.transport}/${s.port}`,
      );
    if (p === 'kerberos' || s.port === 88)
      add(
        'domain_controller',
        p === 'kerberos' ? 'high' : 'medium',
        `answered ${p ?? 'kerberos port'} ${s.transport}/${s.port}`,
      );
    if (p !== undefined && IT_SERVER_PROTOCOLS.has(p))
      add('it_server', 'medium', `answered ${p} on ${s.transport}/${s.port}`);
  }
  for (const e of rec.identity.role_hint ?? []) {
    if (e.value === 'dhcp_server')
      add('dhcp_server', 'high', `sent DHCP replies (frame ${e.frame})`);
    if (e.value === 'domain_controller')
      add('domain_controller', 'high', `announced itself a domain controller (frame ${e.frame})`);
  }
  const controlClient = sent.some((o) => CONTROL_PROTOCOLS.has(o.protocol));
  const itClient = rec.client_protocols.some((c) => IT_CLIENT_PROTOCOLS.has(c.protocol));
  if (itClient && !controlClient && rec.services.length === 0 && !rec.router) {
    const used = rec.client_protocols
      .filter((c) => IT_CLIENT_PROTOCOLS.has(c.protocol))
      .map((c) => c.protocol);
    add('it_workstation', 'medium', `used ${used.join(', ')} as a client and answered nothing`);
  }
  if (rec.router)
    add('router', 'high', `its MAC address carried ${rec.routed_ips ?? 0} IP addresses`);
  const p = rec.probes;
  if (
    p !== undefined &&
    p.unanswered >= SCAN_MIN_UNANSWERED &&
    (p.hosts >= SCAN_MIN_SPREAD || p.ports >= SCAN_MIN_SPREAD) &&
    p.unanswered * 2 >= p.targets
  ) {
    const f = p.first_unanswered;
    add(
      'scanner',
      p.unanswered >= SCAN_HIGH_UNANSWERED ? 'high' : 'medium',
      `tried ${p.targets} services on ${p.hosts} host${p.hosts === 1 ? '' : 's'} (${p.ports} port${p.ports === 1 ? '' : 's'}); ${p.unanswered} never answered, the first in frame ${f.frame} (flow ${f.flow})`,
    );
  }

  const list = [...roles.values()].sort(
    (a, b) =>
      rank(b.confidence) - rank(a.confidence) ||
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role),
  );
  rec.roles = list;
  const level = purdueLevel(
    list,
    controlClient || received.some((o) => CONTROL_PROTOCOLS.has(o.protocol)),
  );
  if (level !== undefined) rec.purdue_level = level;
}

/**
 * A scan: at least this many services tried that never answered, over at least this many
 * hosts or ports, and no fewer unanswered than answered (an HMI retrying one PLC that is
 * switched off, or a client trying a server's two addresses, stays below).
 */
const SCAN_MIN_UNANSWERED = 4;
const SCAN_MIN_SPREAD = 4;
const SCAN_HIGH_UNANSWERED = 16;

/** Role order when confidences tie: the most specific first (reconnaissance before all). */
const ROLE_ORDER = [
  'scanner',
  'plc',
  'rtu',
  'ied',
  'io_device',
  'engineering_workstation',
  'hmi_scada',
  'historian',
  'opcua_server',
  'broker',
  'domain_controller',
  'dns_server',
  'dhcp_server',
  'it_server',
  'it_workstation',
  'router',
];

function controllerRole(protocol: string): string {
  if (RTU_PROTOCOLS.has(protocol)) return 'rtu';
  if (IED_PROTOCOLS.has(protocol)) return 'ied';
  if (protocol === 'opcua') return 'opcua_server';
  return 'plc';
}

function rank(c: AssetRole['confidence']): number {
  return c === 'high' ? 2 : c === 'medium' ? 1 : 0;
}

const LEVEL: Readonly<Record<string, number>> = {
  io_device: 0,
  plc: 1,
  rtu: 1,
  ied: 1,
  engineering_workstation: 2,
  hmi_scada: 2,
  opcua_server: 2,
  broker: 2,
  historian: 3,
  domain_controller: 4,
  dns_server: 4,
  dhcp_server: 4,
  it_server: 4,
  it_workstation: 4,
};

/**
 * The Purdue level of the first (best) role that has one; IT roles of an asset that also
 * takes part in control traffic sit at level 3 (site operations).
 */
function purdueLevel(roles: readonly AssetRole[], inControl: boolean): number | undefined {
  for (const r of roles) {
    const l = LEVEL[r.role];
    if (l === undefined) continue;
    return l === 4 && inControl ? 3 : l;
  }
  return undefined;
}
