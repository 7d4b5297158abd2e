/**
 * SNMP fields against Wireshark's `snmp` dissector (4.0, packet-snmp.c, generated from
 * SNMPv2-PDU / SNMPv3 ASN.1).
 *
 * Where the two put a value differently, the spec compares like with like:
 * - Wireshark shows the version of v1/v2c messages as `snmp.version` and of v3 messages as
 *   `snmp.msgVersion`; ours is `snmp.version` for all three (the two are pooled).
 * - The community is compared for presence only (ours is masked): 1 when either side has one.
 * - `snmp.msgFlags` is an octet string (`04`); ours a number, written as two hex digits here.
 * - The PDU of the historic SNMPv2u is `snmp.plaintext` in Wireshark, `snmp.data` otherwise.
 * - Engine ids are hex on both sides; Wireshark writes an empty one (discovery) as `<missing>`.
 * - Wireshark puts Counter32 and Counter64 values in one field, `snmp.value.counter`.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

/** The captures of the shared set that carry SNMP (tshark over MANIFEST.tsv). */
export const SNMP_CAPTURES: readonly string[] = ['iec61850/Sample_File_MMS_and_GOOSE.pcap'];

/** The OIDs of every variable binding of the message. */
function names(e: EventLine): unknown {
  const v = at(e, 'snmp.varbinds');
  return Array.isArray(v) ? v.map((b) => (b as { oid: string }).oid) : undefined;
}

/** Values of the variable bindings of the given types. */
function values(e: EventLine, ...types: string[]): unknown {
  const v = at(e, 'snmp.varbinds');
  if (!Array.isArray(v)) return undefined;
  return (v as { type: string; value?: unknown }[])
    .filter((b) => types.includes(b.type))
    .map((b) => b.value);
}

/** Count of variable bindings with the given types. */
function count(e: EventLine, types: readonly string[]): unknown {
  const v = at(e, 'snmp.varbinds');
  if (!Array.isArray(v)) return undefined;
  return (v as { type: string }[]).filter((b) => types.includes(b.type)).map(() => 1);
}

/** Hex octets; Wireshark writes an empty octet string as `<missing>`. */
const octets = (v: string): string | undefined => {
  const t = v.trim().toLowerCase();
  return t === '' || t === '<missing>' ? undefined : t;
};

const present = (v: string): string | undefined => (v.trim() === '' ? undefined : '1');

export const snmpSpec: ProtoSpec = {
  proto: 'snmp',
  filter: 'snmp',
  sharedCaptures: SNMP_CAPTURES,
  // SNMP over TCP on Net-SNMP's alternative port (Wireshark knows 161 only).
  tsharkArgs: ['-d', 'tcp.port==1161,snmp'],
  fields: [
    {
      name: 'version',
      tshark: ['snmp.version', 'snmp.msgVersion'],
      ours: (e) => at(e, 'snmp.version'),
    },
    {
      name: 'community present',
      tshark: 'snmp.community',
      ours: (e) => (at(e, 'snmp.community_present') === true ? 'x' : undefined),
      norm: present,
    },
    {
      name: 'PDU type',
      tshark: ['snmp.data', 'snmp.plaintext'],
      ours: (e) => at(e, 'snmp.pdu_type'),
    },
    { name: 'request id', tshark: 'snmp.request_id', ours: (e) => at(e, 'snmp.request_id') },
    { name: 'error status', tshark: 'snmp.error_status', ours: (e) => at(e, 'snmp.error_status') },
    { name: 'error index', tshark: 'snmp.error_index', ours: (e) => at(e, 'snmp.error_index') },
    {
      name: 'non-repeaters',
      tshark: 'snmp.non_repeaters',
      ours: (e) => at(e, 'snmp.non_repeaters'),
    },
    {
      name: 'max-repetitions',
      tshark: 'snmp.max_repetitions',
      ours: (e) => at(e, 'snmp.max_repetitions'),
    },
    { name: 'variable names', tshark: 'snmp.name', ours: names },
    { name: 'enterprise', tshark: 'snmp.enterprise', ours: (e) => at(e, 'snmp.enterprise') },
    { name: 'agent address', tshark: 'snmp.agent_addr', ours: (e) => at(e, 'snmp.agent_addr') },
    { name: 'generic trap', tshark: 'snmp.generic_trap', ours: (e) => at(e, 'snmp.generic_trap') },
    {
      name: 'specific trap',
      tshark: 'snmp.specific_trap',
      ours: (e) => at(e, 'snmp.specific_trap'),
    },
    { name: 'time stamp', tshark: 'snmp.time_stamp', ours: (e) => at(e, 'snmp.time_stamp') },
    { name: 'integer values', tshark: 'snmp.value.int', ours: (e) => values(e, 'integer') },
    { name: 'OID values', tshark: 'snmp.value.oid', ours: (e) => values(e, 'oid') },
    { name: 'IpAddress values', tshark: 'snmp.value.ipv4', ours: (e) => values(e, 'ip_address') },
    {
      name: 'Counter32/64 values',
      tshark: 'snmp.value.counter',
      ours: (e) => values(e, 'counter32', 'counter64'),
    },
    { name: 'Gauge32 values', tshark: 'snmp.value.g32', ours: (e) => values(e, 'gauge32') },
    {
      name: 'TimeTicks values',
      tshark: 'snmp.value.timeticks',
      ours: (e) => values(e, 'timeticks'),
    },
    {
      name: 'exceptions',
      tshark: ['snmp.noSuchObject', 'snmp.noSuchInstance', 'snmp.endOfMibView'],
      ours: (e) => count(e, ['no_such_object', 'no_such_instance', 'end_of_mib_view']),
      norm: present,
    },
    { name: 'msgID', tshark: 'snmp.msgID', ours: (e) => at(e, 'snmp.msg_id') },
    { name: 'msgMaxSize', tshark: 'snmp.msgMaxSize', ours: (e) => at(e, 'snmp.msg_max_size') },
    {
      name: 'msgFlags',
      tshark: 'snmp.msgFlags',
      ours: (e) => {
        const f = at(e, 'snmp.msg_flags');
        return typeof f === 'number' ? f.toString(16).padStart(2, '0') : undefined;
      },
    },
    {
      name: 'security model',
      tshark: 'snmp.msgSecurityModel',
      ours: (e) => at(e, 'snmp.security_model'),
    },
    {
      name: 'engine id',
      tshark: 'snmp.msgAuthoritativeEngineID',
      ours: (e) => at(e, 'snmp.engine_id'),
      norm: octets,
    },
    {
      name: 'engine boots',
      tshark: 'snmp.msgAuthoritativeEngineBoots',
      ours: (e) => at(e, 'snmp.engine_boots'),
    },
    {
      name: 'engine time',
      tshark: 'snmp.msgAuthoritativeEngineTime',
      ours: (e) => at(e, 'snmp.engine_time'),
    },
    { name: 'user name', tshark: 'snmp.msgUserName', ours: (e) => at(e, 'snmp.user_name') },
    {
      name: 'encrypted PDU',
      tshark: 'snmp.encryptedPDU',
      ours: (e) => (at(e, 'snmp.encrypted') === true ? 'x' : undefined),
      norm: present,
    },
  ],
};
