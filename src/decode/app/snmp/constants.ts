/**
 * SNMP code tables.
 *
 * - [RFC1157] 4.1 Message (version-1 = 0, community), 4.1.1-4.1.6 PDUs, generic-trap codes.
 * - [RFC1901] 3 SNMPv2c message (version = 1); [RFC3416] 3 PDUs (tags [0]-[8]), error-status
 *   values, GetBulkRequest non-repeaters / max-repetitions, exceptions [0]-[2] in VarBind values.
 * - [RFC2578] 7.1 application types (IpAddress [APPLICATION 0] ... Counter64 [APPLICATION 6]).
 * - [RFC3412] 6 SNMPv3 message (msgVersion 3, msgGlobalData, msgFlags, msgSecurityModel),
 *   ScopedPDU; [RFC3411] 5 SnmpSecurityModel values; [RFC3414] 2.4 UsmSecurityParameters,
 *   usmStats counters (report OIDs).
 * - [RFC3418] SNMPv2-MIB (system group, snmpTrapOID, standard notifications), [RFC1213]
 *   MIB-II, [RFC2863] IF-MIB, for the names of the common variables.
 */

/** Ports, sizes and thresholds. */
export const SNMP = {
  /** Agent port (requests) and notification receiver port (traps, informs): [RFC3417] 3. */
  PORT: 161,
  TRAP_PORT: 162,
  /** SNMP over TCP where 161 is taken (Net-SNMP's example; [RFC3430] uses 161). */
  TCP_ALT_PORT: 1161,
  /** Versions as carried on the wire. */
  VERSION_1: 0,
  VERSION_2C: 1,
  VERSION_2U: 2,
  VERSION_3: 3,
  /** USM security model ([RFC3411] 5). */
  USM: 3,
  /** msgMaxSize lower bound, INTEGER (484..2147483647) ([RFC3412] 6). */
  MIN_MSG_MAX_SIZE: 484,
  /** Messages longer than this are flagged (`snmp.oversize_message`). */
  MAX_MESSAGE: 16_384,
  /** GetBulk max-repetitions above this is flagged (`snmp.large_max_repetitions`). */
  MAX_REPETITIONS: 500,
  /** Variable bindings listed per event; the rest are counted. */
  MAX_VARBINDS: 128,
  /** Characters of an OCTET STRING value shown as text, octets shown as hex. */
  MAX_VALUE_TEXT: 256,
  MAX_VALUE_HEX: 64,
  /** Contents octets of an OBJECT IDENTIFIER rendered (128 sub-ids of up to 5 octets...). */
  MAX_OID_BYTES: 256,
  /** Characters of a user name, context name or engine id (hex octets) shown. */
  MAX_NAME: 64,
} as const;

/** msgFlags bits ([RFC3412] 6.4). */
export const FLAG_AUTH = 0x01;
export const FLAG_PRIV = 0x02;
export const FLAG_REPORTABLE = 0x04;

/**
 * BER tags ([RFC1157] 4.1, [RFC3416] 3, [RFC2578] 7.1). Typed as plain numbers: a tag read
 * into a reused TLV record is compared with several of them in turn.
 */
const TAGS = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  IP_ADDRESS: 0x40,
  COUNTER32: 0x41,
  GAUGE32: 0x42,
  TIMETICKS: 0x43,
  OPAQUE: 0x44,
  NSAP: 0x45,
  COUNTER64: 0x46,
  UINTEGER32: 0x47,
  NO_SUCH_OBJECT: 0x80,
  NO_SUCH_INSTANCE: 0x81,
  END_OF_MIB_VIEW: 0x82,
  /** Context-specific constructed [0]..[8]: the PDU tags. */
  PDU_FIRST: 0xa0,
  PDU_LAST: 0xa8,
} as const;

/** BER tags by name. */
export const TAG: { readonly [K in keyof typeof TAGS]: number } = TAGS;

/** PDU types: the context tag number, as Wireshark's `snmp.data` shows it ([RFC3416] 3). */
export const PDU = {
  GET: 0,
  GET_NEXT: 1,
  RESPONSE: 2,
  SET: 3,
  TRAP_V1: 4,
  GET_BULK: 5,
  INFORM: 6,
  TRAP_V2: 7,
  REPORT: 8,
} as const;

/** PDU type names, indexed by type. */
export const PDU_NAMES: readonly string[] = [
  'get_request',
  'get_next_request',
  'response',
  'set_request',
  'trap',
  'get_bulk_request',
  'inform_request',
  'snmpv2_trap',
  'report',
];

/** Version names, indexed by the version field. */
export const VERSION_NAMES: readonly string[] = ['v1', 'v2c', 'v2u', 'v3'];

/** error-status names ([RFC3416] 3; 0-5 are also [RFC1157] 4.1.1). */
export const ERROR_STATUS: readonly string[] = [
  'no_error',
  'too_big',
  'no_such_name',
  'bad_value',
  'read_only',
  'gen_err',
  'no_access',
  'wrong_type',
  'wrong_length',
  'wrong_encoding',
  'wrong_value',
  'no_creation',
  'inconsistent_value',
  'resource_unavailable',
  'commit_failed',
  'undo_failed',
  'authorization_error',
  'not_writable',
  'inconsistent_name',
];

/** generic-trap names ([RFC1157] 4.1.6). */
export const GENERIC_TRAP: readonly string[] = [
  'cold_start',
  'warm_start',
  'link_down',
  'link_up',
  'authentication_failure',
  'egp_neighbor_loss',
  'enterprise_specific',
];

/** generic-trap authenticationFailure ([RFC1157] 4.1.6.5). */
export const GENERIC_AUTH_FAILURE = 4;

/** Security model names ([RFC3411] 5 SnmpSecurityModel). */
export const SECURITY_MODELS: ReadonlyMap<number, string> = new Map([
  [0, 'any'],
  [1, 'snmpv1'],
  [2, 'snmpv2c'],
  [3, 'usm'],
  [4, 'tsm'],
]);

/**
 * Community strings that ship as defaults or are the first guesses of scanners (Net-SNMP,
 * Cisco, HP, Wireshark/nmap snmp-brute lists): compared case-insensitively, never reported.
 */
export const DEFAULT_COMMUNITIES: readonly string[] = [
  'public',
  'private',
  'community',
  'snmp',
  'snmpd',
  'admin',
  'default',
  'manager',
  'monitor',
  'read',
  'write',
  'secret',
  'cisco',
  'ilmi',
  'all',
  'system',
  'security',
  'test',
  'guest',
  'internal',
  'netman',
  'mngt',
  'tivoli',
  'openview',
];

/** snmpTrapOID.0 ([RFC3416] 4.2.6: the second varbind of a trap or inform). */
export const SNMP_TRAP_OID_0 = '1.3.6.1.6.3.1.1.4.1.0';
/** authenticationFailure notification ([RFC3418]). */
export const AUTH_FAILURE_TRAP = '1.3.6.1.6.3.1.1.5.5';
/** usmStats counters reported on an unknown user or a wrong digest ([RFC3414] 3.2 steps 4, 6). */
export const USM_UNKNOWN_USER = '1.3.6.1.6.3.15.1.1.3.0';
export const USM_WRONG_DIGEST = '1.3.6.1.6.3.15.1.1.5.0';

/**
 * Names of common variables, by OID prefix: a variable is named after its longest known prefix
 * plus the rest of its OID (`1.3.6.1.2.1.2.2.1.8.3` is `ifOperStatus.3`).
 */
export const OID_NAMES: ReadonlyMap<string, string> = new Map([
  ['1.3.6.1.2.1', 'mib-2'],
  // [RFC3418] / [RFC1213] system group
  ['1.3.6.1.2.1.1', 'system'],
  ['1.3.6.1.2.1.1.1', 'sysDescr'],
  ['1.3.6.1.2.1.1.2', 'sysObjectID'],
  ['1.3.6.1.2.1.1.3', 'sysUpTime'],
  ['1.3.6.1.2.1.1.4', 'sysContact'],
  ['1.3.6.1.2.1.1.5', 'sysName'],
  ['1.3.6.1.2.1.1.6', 'sysLocation'],
  ['1.3.6.1.2.1.1.7', 'sysServices'],
  ['1.3.6.1.2.1.1.8', 'sysORLastChange'],
  ['1.3.6.1.2.1.1.9', 'sysORTable'],
  ['1.3.6.1.2.1.1.9.1.2', 'sysORID'],
  ['1.3.6.1.2.1.1.9.1.3', 'sysORDescr'],
  ['1.3.6.1.2.1.1.9.1.4', 'sysORUpTime'],
  // [RFC2863] / [RFC1213] interfaces group
  ['1.3.6.1.2.1.2', 'interfaces'],
  ['1.3.6.1.2.1.2.1', 'ifNumber'],
  ['1.3.6.1.2.1.2.2', 'ifTable'],
  ['1.3.6.1.2.1.2.2.1', 'ifEntry'],
  ['1.3.6.1.2.1.2.2.1.1', 'ifIndex'],
  ['1.3.6.1.2.1.2.2.1.2', 'ifDescr'],
  ['1.3.6.1.2.1.2.2.1.3', 'ifType'],
  ['1.3.6.1.2.1.2.2.1.4', 'ifMtu'],
  ['1.3.6.1.2.1.2.2.1.5', 'ifSpeed'],
  ['1.3.6.1.2.1.2.2.1.6', 'ifPhysAddress'],
  ['1.3.6.1.2.1.2.2.1.7', 'ifAdminStatus'],
  ['1.3.6.1.2.1.2.2.1.8', 'ifOperStatus'],
  ['1.3.6.1.2.1.2.2.1.9', 'ifLastChange'],
  ['1.3.6.1.2.1.2.2.1.10', 'ifInOctets'],
  ['1.3.6.1.2.1.2.2.1.11', 'ifInUcastPkts'],
  ['1.3.6.1.2.1.2.2.1.13', 'ifInDiscards'],
  ['1.3.6.1.2.1.2.2.1.14', 'ifInErrors'],
  ['1.3.6.1.2.1.2.2.1.16', 'ifOutOctets'],
  ['1.3.6.1.2.1.2.2.1.17', 'ifOutUcastPkts'],
  ['1.3.6.1.2.1.2.2.1.19', 'ifOutDiscards'],
  ['1.3.6.1.2.1.2.2.1.20', 'ifOutErrors'],
  ['1.3.6.1.2.1.31.1.1', 'ifXTable'],
  ['1.3.6.1.2.1.31.1.1.1.1', 'ifName'],
  ['1.3.6.1.2.1.31.1.1.1.6', 'ifHCInOctets'],
  ['1.3.6.1.2.1.31.1.1.1.10', 'ifHCOutOctets'],
  ['1.3.6.1.2.1.31.1.1.1.15', 'ifHighSpeed'],
  ['1.3.6.1.2.1.31.1.1.1.18', 'ifAlias'],
  // [RFC1213] other MIB-II groups
  ['1.3.6.1.2.1.3', 'at'],
  ['1.3.6.1.2.1.4', 'ip'],
  ['1.3.6.1.2.1.4.20', 'ipAddrTable'],
  ['1.3.6.1.2.1.4.20.1.1', 'ipAdEntAddr'],
  ['1.3.6.1.2.1.4.21', 'ipRouteTable'],
  ['1.3.6.1.2.1.4.22', 'ipNetToMediaTable'],
  ['1.3.6.1.2.1.5', 'icmp'],
  ['1.3.6.1.2.1.6', 'tcp'],
  ['1.3.6.1.2.1.6.13', 'tcpConnTable'],
  ['1.3.6.1.2.1.7', 'udp'],
  ['1.3.6.1.2.1.11', 'snmp'],
  ['1.3.6.1.2.1.25', 'host'],
  ['1.3.6.1.2.1.47', 'entityMIB'],
  ['1.3.6.1.4.1', 'enterprises'],
  // [RFC3418] SNMPv2-MIB notifications and trap objects
  ['1.3.6.1.6.3', 'snmpModules'],
  ['1.3.6.1.6.3.1.1.4.1', 'snmpTrapOID'],
  ['1.3.6.1.6.3.1.1.4.3', 'snmpTrapEnterprise'],
  ['1.3.6.1.6.3.1.1.5.1', 'coldStart'],
  ['1.3.6.1.6.3.1.1.5.2', 'warmStart'],
  ['1.3.6.1.6.3.1.1.5.3', 'linkDown'],
  ['1.3.6.1.6.3.1.1.5.4', 'linkUp'],
  ['1.3.6.1.6.3.1.1.5.5', 'authenticationFailure'],
  // [RFC3411] SNMP-FRAMEWORK-MIB snmpEngine group, [RFC3412] snmpMPDStats
  ['1.3.6.1.6.3.10.2.1.1', 'snmpEngineID'],
  ['1.3.6.1.6.3.10.2.1.2', 'snmpEngineBoots'],
  ['1.3.6.1.6.3.10.2.1.3', 'snmpEngineTime'],
  ['1.3.6.1.6.3.11.2.1.1', 'snmpUnknownSecurityModels'],
  ['1.3.6.1.6.3.11.2.1.2', 'snmpInvalidMsgs'],
  ['1.3.6.1.6.3.11.2.1.3', 'snmpUnknownPDUHandlers'],
  // [RFC3414] usmStats and usmUserTable
  ['1.3.6.1.6.3.15.1.1.1', 'usmStatsUnsupportedSecLevels'],
  ['1.3.6.1.6.3.15.1.1.2', 'usmStatsNotInTimeWindows'],
  ['1.3.6.1.6.3.15.1.1.3', 'usmStatsUnknownUserNames'],
  ['1.3.6.1.6.3.15.1.1.4', 'usmStatsUnknownEngineIDs'],
  ['1.3.6.1.6.3.15.1.1.5', 'usmStatsWrongDigests'],
  ['1.3.6.1.6.3.15.1.1.6', 'usmStatsDecryptionErrors'],
  ['1.3.6.1.6.3.15.1.2.2', 'usmUserTable'],
  ['1.3.6.1.6.3.16', 'snmpVacmMIB'],
  ['1.3.6.1.6.3.18.1.1', 'snmpCommunityTable'],
]);

/** Deepest prefix in {@link OID_NAMES}, in sub-identifiers (bounds the lookup). */
export const OID_NAME_MAX_DEPTH = 11;
