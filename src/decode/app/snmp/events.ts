/**
 * SNMP events: `snmp.request` (get, get-next, get-bulk, set), `snmp.response` (response,
 * report), `snmp.notification` (v1 trap, SNMPv2 trap, inform) and `snmp.encrypted` (an SNMPv3
 * message whose scoped PDU is encrypted, so its PDU type is unknown). Every event carries the
 * `snmp` object below; fields a message does not have are absent. References: see constants.ts.
 *
 * Credentials never appear: a community string is reported as present, masked, with its length
 * and whether it is a well-known default; USM authentication and privacy parameters as present.
 */

/** Event kinds. */
export const SNMP_EVENT_KINDS = [
  'snmp.request',
  'snmp.response',
  'snmp.notification',
  'snmp.encrypted',
] as const;

/** An SNMP event kind. */
export type SnmpEventKind = (typeof SNMP_EVENT_KINDS)[number];

/** One variable binding. */
export interface SnmpVarbind {
  /** Variable name, dotted (`1.3.6.1.2.1.1.5.0`); '' when malformed. */
  oid: string;
  /** Its name after the longest known prefix (`sysName.0`, `ifOperStatus.3`), when one is known. */
  name?: string;
  /**
   * Value type: `integer`, `octet_string`, `null`, `oid`, `ip_address`, `counter32`, `gauge32`,
   * `timeticks`, `opaque`, `nsap`, `counter64`, `uinteger32`, the exceptions `no_such_object`,
   * `no_such_instance`, `end_of_mib_view`, or `unknown`.
   */
  type: string;
  /**
   * The value: a number for the integer types (Counter64 as decimal text when beyond 2^53); an
   * OCTET STRING as text when printable ASCII, else as hex (`hex` is then true); a dotted OID;
   * an IPv4 address; Opaque, NSAP and unknown types as hex. Absent for NULL and exceptions.
   */
  value?: number | string;
  /** The OCTET STRING value is shown as hex. */
  hex?: boolean;
  /** The value was longer than shown (256 characters of text, 64 octets of hex). */
  truncated?: boolean;
}

/** The `snmp` object of every SNMP event. Field names are the public schema. */
export interface SnmpFields {
  /** Version as on the wire (0 v1, 1 v2c, 3 v3) and its name (`v1`, `v2c`, `v3`). */
  version: number;
  version_name: string;
  /** v1/v2c: a community string is present; it is never shown (`community` is `****`). */
  community_present?: boolean;
  community?: string;
  /** v1/v2c: length of the community in octets. */
  community_length?: number;
  /** v1/v2c: the community is a well-known default (`public`, `private`...; case-insensitive). */
  community_default?: boolean;
  /** v3: msgID, msgMaxSize, msgFlags and their bits (auth, priv, reportable). */
  msg_id?: number;
  msg_max_size?: number;
  msg_flags?: number;
  auth?: boolean;
  priv?: boolean;
  reportable?: boolean;
  /** v3: msgSecurityModel and its name (`usm`). */
  security_model?: number;
  security_model_name?: string;
  /** v3 USM: authoritative engine id (hex), boots and time. */
  engine_id?: string;
  engine_boots?: number;
  engine_time?: number;
  /** v3 USM: user name ('' in discovery). */
  user_name?: string;
  /** v3 USM: authentication / privacy parameters are present (their octets are never shown). */
  auth_params_present?: boolean;
  priv_params_present?: boolean;
  /** v3: the scoped PDU is encrypted (`snmp.encrypted`), and its length in octets. */
  encrypted?: boolean;
  encrypted_length?: number;
  /** v3 plaintext scoped PDU: contextEngineID (hex) and contextName. */
  context_engine_id?: string;
  context_name?: string;
  /** PDU type (the context tag: 0 get ... 8 report, as Wireshark's `snmp.data`) and its name. */
  pdu_type?: number;
  pdu_name?: string;
  /** request-id (all PDUs but the v1 trap). */
  request_id?: number;
  /** error-status and its name (`no_such_name`, `not_writable`...), error-index. */
  error_status?: number;
  error_status_name?: string;
  error_index?: number;
  /** GetBulkRequest: non-repeaters and max-repetitions (in place of error-status and -index). */
  non_repeaters?: number;
  max_repetitions?: number;
  /** v1 trap: enterprise OID, agent address, generic trap and its name, specific trap, time stamp. */
  enterprise?: string;
  agent_addr?: string;
  generic_trap?: number;
  generic_trap_name?: string;
  specific_trap?: number;
  time_stamp?: number;
  /** SNMPv2 trap and inform: the value of snmpTrapOID.0 and its name (`linkDown`). */
  trap_oid?: string;
  trap_name?: string;
  /** Variable bindings in the message. */
  varbind_count?: number;
  /** The first 128 variable bindings. */
  varbinds?: SnmpVarbind[];
  /** A response or report: the PDU type of the request with the same request-id on this flow. */
  request_pdu_name?: string;
}
