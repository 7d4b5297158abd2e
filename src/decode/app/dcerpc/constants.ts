/**
 * DCE/RPC connection-oriented code tables.
 *
 * References:
 * - [C706] The Open Group, DCE 1.1: Remote Procedure Call (C706, 1997): 12.6.3 (common header,
 *   PTYPE, pfc_flags, packed_drep), 12.6.4 (the PDUs), 13.2.6 (sec_trailer), Appendix E (fault
 *   status codes), Appendix I (protocol tower encoding), Appendix O (endpoint mapper).
 * - [MS-RPCE] Remote Procedure Call Protocol Extensions: 2.2.1.1.7 (security providers),
 *   2.2.1.1.8 (authentication levels), 2.2.2.11 (sec_trailer), 2.2.2.13 (AUTH3),
 *   2.2.2.14 (p_cont_def_result_t and negotiate_ack), 3.3.1.5.3 (bind time feature negotiation).
 * Interface UUIDs and operation names are in `interfaces.ts`.
 */

/** Protocol constants. */
export const DCERPC = {
  /** The endpoint mapper's well-known TCP port ([MS-RPCE] 2.1.1.1). */
  PORT: 135,
  /** rpc_vers of every connection-oriented PDU ([C706] 12.6.3.1). */
  VERSION: 5,
  /** Common header length ([C706] 12.6.3.1). */
  HEADER_LEN: 16,
  /** sec_trailer length before auth_value ([C706] 13.2.6.1). */
  SEC_TRAILER_LEN: 8,
  /** Contexts remembered per association (bind and alter_context add to them). */
  MAX_CONTEXTS: 64,
  /**
   * Towers read from one ept_map or ept_lookup response (also capped by maxObjectsPerMessage):
   * a Windows server lists a few hundred endpoints.
   */
  MAX_TOWERS: 1024,
  /** Floors read from one tower ([C706] Appendix I: a TCP tower has 5). */
  MAX_FLOORS: 8,
} as const;

/** PTYPE values of the connection-oriented protocol ([C706] 12.6.3.1, [MS-RPCE] 2.2.2.13). */
export const PType = {
  REQUEST: 0,
  RESPONSE: 2,
  FAULT: 3,
  BIND: 11,
  BIND_ACK: 12,
  BIND_NAK: 13,
  ALTER_CONTEXT: 14,
  ALTER_CONTEXT_RESP: 15,
  AUTH3: 16,
  SHUTDOWN: 17,
  CO_CANCEL: 18,
  ORPHANED: 19,
} as const;

/**
 * Packet type names by PTYPE; '' for the connectionless types (1, 4-10), which never appear
 * on a connection ([C706] 12.6.3.1).
 */
export const PTYPE_NAMES: readonly string[] = [
  'request',
  '',
  'response',
  'fault',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  'bind',
  'bind_ack',
  'bind_nak',
  'alter_context',
  'alter_context_resp',
  'auth3',
  'shutdown',
  'co_cancel',
  'orphaned',
];

/**
 * Which side sends each PTYPE: 1 the client, 2 the server, 0 not connection-oriented
 * ([C706] 12.6.4: shutdown is sent by the server).
 */
export const PTYPE_SENDER: readonly number[] = [
  1, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 1, 2, 1, 2, 1, 1,
];

/** Smallest frag_length of each PTYPE: header plus its fixed body ([C706] 12.6.4). */
export const PTYPE_MIN_LEN: readonly number[] = [
  24, 0, 24, 32, 0, 0, 0, 0, 0, 0, 0, 28, 28, 18, 28, 28, 16, 16, 16, 16,
];

/** pfc_flags bits ([C706] 12.6.3.1; [MS-RPCE] 2.2.2.3 gives 0x04 a second meaning in binds). */
export const PfcFlag = {
  FIRST_FRAG: 0x01,
  LAST_FRAG: 0x02,
  /** PFC_PENDING_CANCEL; in bind and alter_context PFC_SUPPORT_HEADER_SIGN ([MS-RPCE] 2.2.2.3). */
  PENDING_CANCEL: 0x04,
  CONC_MPX: 0x10,
  DID_NOT_EXECUTE: 0x20,
  MAYBE: 0x40,
  OBJECT_UUID: 0x80,
} as const;

/** packed_drep byte 0: integer representation in the high nibble ([C706] 14.1). */
export const DREP_INT_LITTLE_ENDIAN = 0x10;

/** p_cont_def_result_t values ([C706] 12.6.3.1, [MS-RPCE] 2.2.2.14 adds negotiate_ack). */
export const ACK_RESULTS: readonly string[] = [
  'acceptance',
  'user_rejection',
  'provider_rejection',
  'negotiate_ack',
];

/** p_provider_reason_t of a context result ([C706] 12.6.3.1). */
export const ACK_REASONS: readonly string[] = [
  'reason_not_specified',
  'abstract_syntax_not_supported',
  'proposed_transfer_syntaxes_not_supported',
  'local_limit_exceeded',
];

/** p_reject_reason_t of a bind_nak ([C706] 12.6.3.1). */
export const NAK_REASONS: readonly string[] = [
  'reason_not_specified',
  'temporary_congestion',
  'local_limit_exceeded',
  'called_paddr_unknown',
  'protocol_version_not_supported',
  'default_context_not_supported',
  'user_data_not_readable',
  'no_psap_available',
  'authentication_type_not_recognized',
  'invalid_checksum',
];

/** Security providers (auth_type, [MS-RPCE] 2.2.1.1.7; 1 is DCE Kerberos, [C706] 13.1). */
export const AUTH_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'none'],
  [1, 'kerberos_dce'],
  [9, 'spnego'],
  [10, 'ntlmssp'],
  [14, 'schannel'],
  [16, 'kerberos'],
  [17, 'dpa'],
  [18, 'msn'],
  [21, 'digest'],
  [68, 'netlogon'],
  [100, 'msmq'],
  [255, 'default'],
]);

/** Authentication levels ([MS-RPCE] 2.2.1.1.8). */
export const AUTH_LEVELS: readonly string[] = [
  'default',
  'none',
  'connect',
  'call',
  'packet',
  'packet_integrity',
  'packet_privacy',
];

/** auth_level at which the stub data is encrypted ([MS-RPCE] 2.2.1.1.8, 3.3.1.5.2). */
export const AUTH_LEVEL_PRIVACY = 6;

/** Fault status codes ([C706] Appendix E; [MS-RPCE] 2.2.2.5 and Win32/HRESULT values). */
export const FAULT_STATUS: ReadonlyMap<number, string> = new Map([
  [0x00000000, 'stub_defined_exception'],
  [0x00000001, 'nca_s_fault_other'],
  [0x00000005, 'nca_s_fault_access_denied'],
  [0x000006d1, 'rpc_s_procnum_out_of_range'],
  [0x000006d8, 'nca_s_fault_cant_perform'],
  [0x000006f7, 'nca_s_fault_ndr'],
  [0x00000721, 'nca_s_fault_sec_pkg_error'],
  [0x1c000001, 'nca_s_fault_int_div_by_zero'],
  [0x1c000002, 'nca_s_fault_addr_error'],
  [0x1c000003, 'nca_s_fault_fp_div_zero'],
  [0x1c000004, 'nca_s_fault_fp_underflow'],
  [0x1c000005, 'nca_s_fault_fp_overflow'],
  [0x1c000006, 'nca_s_fault_invalid_tag'],
  [0x1c000007, 'nca_s_fault_invalid_bound'],
  [0x1c000008, 'nca_rpc_version_mismatch'],
  [0x1c000009, 'nca_unspec_reject'],
  [0x1c00000a, 'nca_s_bad_actid'],
  [0x1c00000b, 'nca_who_are_you_failed'],
  [0x1c00000c, 'nca_manager_not_entered'],
  [0x1c00000d, 'nca_s_fault_cancel'],
  [0x1c00000e, 'nca_s_fault_ill_inst'],
  [0x1c00000f, 'nca_s_fault_fp_error'],
  [0x1c000010, 'nca_s_fault_int_overflow'],
  [0x1c000012, 'nca_s_fault_unspec'],
  [0x1c000013, 'nca_s_fault_remote_comm_failure'],
  [0x1c000014, 'nca_s_fault_pipe_empty'],
  [0x1c000015, 'nca_s_fault_pipe_closed'],
  [0x1c000016, 'nca_s_fault_pipe_order'],
  [0x1c000017, 'nca_s_fault_pipe_discipline'],
  [0x1c000018, 'nca_s_fault_pipe_comm_error'],
  [0x1c000019, 'nca_s_fault_pipe_memory'],
  [0x1c00001a, 'nca_s_fault_context_mismatch'],
  [0x1c00001b, 'nca_s_fault_remote_no_memory'],
  [0x1c00001c, 'nca_invalid_pres_context_id'],
  [0x1c00001d, 'nca_unsupported_authn_level'],
  [0x1c00001f, 'nca_invalid_checksum'],
  [0x1c000020, 'nca_invalid_crc'],
  [0x1c000021, 'nca_s_fault_user_defined'],
  [0x1c000022, 'nca_s_fault_tx_open_failed'],
  [0x1c000023, 'nca_s_fault_codeset_conv_error'],
  [0x1c000024, 'nca_s_fault_object_not_found'],
  [0x1c000025, 'nca_s_fault_no_client_stub'],
  [0x1c010002, 'nca_op_rng_error'],
  [0x1c010003, 'nca_unk_if'],
  [0x1c010006, 'nca_wrong_boot_time'],
  [0x1c010009, 'nca_s_you_crashed'],
  [0x1c01000b, 'nca_proto_error'],
  [0x1c010013, 'nca_out_args_too_big'],
  [0x1c010014, 'nca_server_too_busy'],
  [0x1c010017, 'nca_unsupported_type'],
  [0x80004001, 'e_notimpl'],
  [0x80004003, 'e_pointer'],
  [0x80004004, 'e_abort'],
  [0x80004005, 'e_fail'],
  [0x80070005, 'e_accessdenied'],
  [0x8000ffff, 'e_unexpected'],
  [0x80010105, 'rpc_e_serverfault'],
  [0x80010108, 'rpc_e_disconnected'],
  [0x80010113, 'rpc_e_invalid_ipid'],
  [0x8001011f, 'rpc_e_timeout'],
  [0x8007000e, 'e_outofmemory'],
  [0x80070057, 'e_invalidarg'],
  [0x800706d1, 'rpc_s_procnum_out_of_range'],
  [0x80070776, 'or_invalid_oxid'],
]);

/** Transfer syntaxes ([C706] 14 NDR, [MS-RPCE] 2.2.5.2 NDR64, 3.3.1.5.3 feature negotiation). */
export const NDR_UUID = '8a885d04-1ceb-11c9-9fe8-08002b104860';
export const NDR64_UUID = '71710533-beba-4937-8319-b5dbef9ccc36';
/** Bind time feature negotiation: the first 8 bytes of this UUID, then the feature bitmask. */
export const BTFN_PREFIX = '6cb71c2c-9812-4540-';

/** Bind time feature bits ([MS-RPCE] 3.3.1.5.3). */
export const BtfnFlag = {
  SECURITY_CONTEXT_MULTIPLEXING: 0x01,
  KEEP_CONNECTION_ON_ORPHAN: 0x02,
} as const;

/** Protocol identifiers of tower floors ([C706] Appendix I, [MS-RPCE] 2.2.1.1.x). */
export const TowerProto = {
  RPC_CO: 0x0b,
  UUID: 0x0d,
  TCP: 0x07,
  UDP: 0x08,
  IP: 0x09,
  RPC_CL: 0x0a,
  NAMED_PIPE: 0x0f,
  NETBIOS: 0x11,
  HTTP: 0x1f,
  /** Local RPC endpoint (ncalrpc). */
  LRPC: 0x10,
} as const;

/** Return value of ept_map / ept_lookup: ept_s_not_registered ([C706] Appendix O). */
export const EPT_S_NOT_REGISTERED = 0x16c9a0d6;
