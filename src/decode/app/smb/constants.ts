/**
 * SMB code tables: NetBIOS session service packet types, SMB1 commands and transaction
 * subcommands, SMB2/3 commands, dialects, negotiate contexts, FSCTL codes and NT status names.
 *
 * References:
 * - [RFC1002] NetBIOS on TCP/UDP, detailed specifications: 4.3 (session service packets).
 * - [MS-SMB2] Server Message Block Protocol Versions 2 and 3: 2.2.1 (headers), 2.2.3
 *   (NEGOTIATE, 2.2.3.1 negotiate contexts), 2.2.13 (CREATE), 2.2.31 (IOCTL), 2.2.41/2.2.42
 *   (transform and compression transform headers).
 * - [MS-CIFS] Common Internet File System: 2.2.2.1 (command codes), 2.2.6 (Trans2
 *   subcommands), 2.2.7 (NT Transact subcommands), 2.2.5 (Transaction subcommands).
 * - [MS-SMB] SMB protocol extensions: 2.2.4 (extended responses).
 * - [MS-ERREF] Windows error codes: 2.3.1 (NTSTATUS values).
 * - [MS-FSCC] File system control codes: 2.3 (FSCTL structures).
 */

/** Ports: 445 (direct TCP, [MS-SMB2] 2.1) and 139 (NetBIOS session service, [RFC1002]). */
export const SMB_PORTS = [445, 139] as const;

/** NetBIOS session service packet types ([RFC1002] 4.3.1). */
export const NbssType = {
  SESSION_MESSAGE: 0x00,
  SESSION_REQUEST: 0x81,
  POSITIVE_RESPONSE: 0x82,
  NEGATIVE_RESPONSE: 0x83,
  RETARGET_RESPONSE: 0x84,
  KEEP_ALIVE: 0x85,
} as const;

/** Names of the NBSS packet types ([RFC1002] 4.3.1). */
export const NBSS_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x81: 'session_request',
  0x82: 'positive_response',
  0x83: 'negative_response',
  0x84: 'retarget_response',
  0x85: 'keep_alive',
};

/** Protocol ids: the 4 bytes that open every SMB message ([MS-SMB2] 2.2.1, 2.2.41, 2.2.42). */
export const Magic = {
  SMB1: 0xff,
  SMB2: 0xfe,
  TRANSFORM: 0xfd,
  COMPRESSED: 0xfc,
} as const;

/** SMB1 command codes ([MS-CIFS] 2.2.2.1). */
export const Smb1Cmd = {
  CLOSE: 0x04,
  TRANSACTION: 0x25,
  TRANSACTION_SECONDARY: 0x26,
  READ_ANDX: 0x2e,
  WRITE_ANDX: 0x2f,
  TRANSACTION2: 0x32,
  TRANSACTION2_SECONDARY: 0x33,
  TREE_DISCONNECT: 0x71,
  NEGOTIATE: 0x72,
  SESSION_SETUP_ANDX: 0x73,
  LOGOFF_ANDX: 0x74,
  TREE_CONNECT_ANDX: 0x75,
  NT_TRANSACT: 0xa0,
  NT_TRANSACT_SECONDARY: 0xa1,
  NT_CREATE_ANDX: 0xa2,
  NO_ANDX: 0xff,
} as const;

/** SMB1 command names ([MS-CIFS] 2.2.2.1). */
export const SMB1_COMMAND_NAMES: Readonly<Record<number, string>> = {
  0x00: 'create_directory',
  0x01: 'delete_directory',
  0x02: 'open',
  0x03: 'create',
  0x04: 'close',
  0x05: 'flush',
  0x06: 'delete',
  0x07: 'rename',
  0x08: 'query_information',
  0x09: 'set_information',
  0x0a: 'read',
  0x0b: 'write',
  0x0c: 'lock_byte_range',
  0x0d: 'unlock_byte_range',
  0x0e: 'create_temporary',
  0x0f: 'create_new',
  0x10: 'check_directory',
  0x11: 'process_exit',
  0x12: 'seek',
  0x13: 'lock_and_read',
  0x14: 'write_and_unlock',
  0x1a: 'read_raw',
  0x1b: 'read_mpx',
  0x1c: 'read_mpx_secondary',
  0x1d: 'write_raw',
  0x1e: 'write_mpx',
  0x1f: 'write_mpx_secondary',
  0x20: 'write_complete',
  0x21: 'query_server',
  0x22: 'set_information2',
  0x23: 'query_information2',
  0x24: 'locking_andx',
  0x25: 'transaction',
  0x26: 'transaction_secondary',
  0x27: 'ioctl',
  0x28: 'ioctl_secondary',
  0x29: 'copy',
  0x2a: 'move',
  0x2b: 'echo',
  0x2c: 'write_and_close',
  0x2d: 'open_andx',
  0x2e: 'read_andx',
  0x2f: 'write_andx',
  0x30: 'new_file_size',
  0x31: 'close_and_tree_disc',
  0x32: 'transaction2',
  0x33: 'transaction2_secondary',
  0x34: 'find_close2',
  0x35: 'find_notify_close',
  0x70: 'tree_connect',
  0x71: 'tree_disconnect',
  0x72: 'negotiate',
  0x73: 'session_setup_andx',
  0x74: 'logoff_andx',
  0x75: 'tree_connect_andx',
  0x7e: 'security_package_andx',
  0x80: 'query_information_disk',
  0x81: 'search',
  0x82: 'find',
  0x83: 'find_unique',
  0x84: 'find_close',
  0xa0: 'nt_transact',
  0xa1: 'nt_transact_secondary',
  0xa2: 'nt_create_andx',
  0xa4: 'nt_cancel',
  0xa5: 'nt_rename',
  0xc0: 'open_print_file',
  0xc1: 'write_print_file',
  0xc2: 'close_print_file',
  0xc3: 'get_print_queue',
  0xd8: 'read_bulk',
  0xd9: 'write_bulk',
  0xda: 'write_bulk_data',
  0xfe: 'invalid',
  0xff: 'no_andx_command',
};

/** SMB1 commands whose parameter words open with an AndX block ([MS-CIFS] 2.2.3.4). */
export const SMB1_ANDX: ReadonlySet<number> = new Set([
  0x24, 0x2d, 0x2e, 0x2f, 0x73, 0x74, 0x75, 0x7e, 0xa2,
]);

/** Trans2 subcommands ([MS-CIFS] 2.2.6). */
export const TRANS2_NAMES: Readonly<Record<number, string>> = {
  0x00: 'open2',
  0x01: 'find_first2',
  0x02: 'find_next2',
  0x03: 'query_fs_information',
  0x04: 'set_fs_information',
  0x05: 'query_path_information',
  0x06: 'set_path_information',
  0x07: 'query_file_information',
  0x08: 'set_file_information',
  0x09: 'fsctl',
  0x0a: 'ioctl2',
  0x0b: 'find_notify_first',
  0x0c: 'find_notify_next',
  0x0d: 'create_directory',
  // Reserved since LAN Manager; EternalBlue and the DoublePulsar implant use it ([MS-CIFS]
  // 2.2.6.13: "this subcommand is obsolete"; Windows before MS17-010 still dispatched it).
  0x0e: 'session_setup',
  0x10: 'get_dfs_referral',
  0x11: 'report_dfs_inconsistency',
};

/** Trans2 SESSION_SETUP subcommand. */
export const TRANS2_SESSION_SETUP = 0x0e;

/** NT Transact subcommands ([MS-CIFS] 2.2.7). */
export const NT_TRANSACT_NAMES: Readonly<Record<number, string>> = {
  0x01: 'create',
  0x02: 'ioctl',
  0x03: 'set_security_desc',
  0x04: 'notify_change',
  0x05: 'rename',
  0x06: 'query_security_desc',
  0x07: 'get_user_quota',
  0x08: 'set_user_quota',
};

/** Transaction subcommands on named pipes (setup word 0; [MS-CIFS] 2.2.5). */
export const TRANS_PIPE_NAMES: Readonly<Record<number, string>> = {
  0x01: 'set_nmpipe_state',
  0x11: 'raw_read_nmpipe',
  0x21: 'query_nmpipe_state',
  0x22: 'query_nmpipe_info',
  0x23: 'peek_nmpipe',
  0x26: 'transact_nmpipe',
  0x31: 'raw_write_nmpipe',
  0x36: 'read_nmpipe',
  0x37: 'write_nmpipe',
  0x53: 'wait_nmpipe',
  0x54: 'call_nmpipe',
};

/** SMB2 command codes ([MS-SMB2] 2.2.1.2). */
export const Smb2Cmd = {
  NEGOTIATE: 0,
  SESSION_SETUP: 1,
  LOGOFF: 2,
  TREE_CONNECT: 3,
  TREE_DISCONNECT: 4,
  CREATE: 5,
  CLOSE: 6,
  FLUSH: 7,
  READ: 8,
  WRITE: 9,
  LOCK: 10,
  IOCTL: 11,
  CANCEL: 12,
  ECHO: 13,
  QUERY_DIRECTORY: 14,
  CHANGE_NOTIFY: 15,
  QUERY_INFO: 16,
  SET_INFO: 17,
  OPLOCK_BREAK: 18,
} as const;

/** SMB2 command names ([MS-SMB2] 2.2.1.2). */
export const SMB2_COMMAND_NAMES: readonly string[] = [
  'negotiate',
  'session_setup',
  'logoff',
  'tree_connect',
  'tree_disconnect',
  'create',
  'close',
  'flush',
  'read',
  'write',
  'lock',
  'ioctl',
  'cancel',
  'echo',
  'query_directory',
  'change_notify',
  'query_info',
  'set_info',
  'oplock_break',
];

/** SMB2 header flags ([MS-SMB2] 2.2.1.1). */
export const Smb2Flag = {
  SERVER_TO_REDIR: 0x0000_0001,
  ASYNC_COMMAND: 0x0000_0002,
  RELATED_OPERATIONS: 0x0000_0004,
  SIGNED: 0x0000_0008,
} as const;

/** SMB2 dialect revisions ([MS-SMB2] 2.2.3, 2.2.4). */
export const SMB2_DIALECT_NAMES: Readonly<Record<number, string>> = {
  0x0202: '2.0.2',
  0x0210: '2.1',
  0x0222: '2.2.2',
  0x0224: '2.2.4',
  0x0300: '3.0',
  0x0302: '3.0.2',
  0x0310: '3.1',
  0x0311: '3.1.1',
  0x02ff: '2.???',
};

/** SMB 3.1.1 negotiate context types ([MS-SMB2] 2.2.3.1). */
export const NEGOTIATE_CONTEXT_NAMES: Readonly<Record<number, string>> = {
  0x0001: 'preauth_integrity_capabilities',
  0x0002: 'encryption_capabilities',
  0x0003: 'compression_capabilities',
  0x0005: 'netname_negotiate_context_id',
  0x0006: 'transport_capabilities',
  0x0007: 'rdma_transform_capabilities',
  0x0008: 'signing_capabilities',
};

/** The COMPRESSION_CAPABILITIES negotiate context ([MS-SMB2] 2.2.3.1.3). */
export const NEGOTIATE_CONTEXT_COMPRESSION = 0x0003;

/** Compression algorithms ([MS-SMB2] 2.2.3.1.3). */
export const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  0x0000: 'none',
  0x0001: 'lznt1',
  0x0002: 'lz77',
  0x0003: 'lz77_huffman',
  0x0004: 'pattern_v1',
  0x0005: 'lz4',
};

/** CREATE dispositions ([MS-SMB2] 2.2.13; the same values as NT Create AndX, [MS-CIFS] 2.2.4.64.1). */
export const CREATE_DISPOSITION_NAMES: readonly string[] = [
  'supersede',
  'open',
  'create',
  'open_if',
  'overwrite',
  'overwrite_if',
];

/** TREE_CONNECT response share types ([MS-SMB2] 2.2.10). */
export const SHARE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'disk',
  2: 'pipe',
  3: 'print',
};

/** Named-pipe share type of a TREE_CONNECT response. */
export const SHARE_TYPE_PIPE = 2;

/** FSCTL_PIPE_TRANSCEIVE: one write-then-read on a named pipe ([MS-FSCC] 2.3.49). */
export const FSCTL_PIPE_TRANSCEIVE = 0x0011_c017;

/** FSCTL and IOCTL codes seen over SMB ([MS-FSCC] 2.3, [MS-SMB2] 2.2.31). */
export const FSCTL_NAMES: Readonly<Record<number, string>> = {
  0x0006_0194: 'fsctl_dfs_get_referrals',
  0x0006_01b0: 'fsctl_dfs_get_referrals_ex',
  0x0009_0000: 'fsctl_request_oplock_level_1',
  0x0009_0018: 'fsctl_lock_volume',
  0x0009_0064: 'fsctl_get_object_id',
  0x0009_0073: 'fsctl_get_reparse_point',
  0x0009_00a4: 'fsctl_set_reparse_point',
  0x0009_00a8: 'fsctl_get_reparse_point',
  0x0009_00c0: 'fsctl_create_or_get_object_id',
  0x0009_00c4: 'fsctl_set_sparse',
  0x0009_00d4: 'fsctl_set_zero_data',
  0x0009_00ef: 'fsctl_query_allocated_ranges',
  0x0009_0100: 'fsctl_get_compression',
  0x0009_0300: 'fsctl_query_file_regions',
  0x0009_4264: 'fsctl_offload_read',
  0x0009_8268: 'fsctl_offload_write',
  0x0009_8344: 'fsctl_duplicate_extents_to_file',
  0x0009_c040: 'fsctl_set_compression',
  0x0011_0018: 'fsctl_pipe_wait',
  0x0011_400c: 'fsctl_pipe_peek',
  0x0011_c017: 'fsctl_pipe_transceive',
  0x0014_0078: 'fsctl_srv_request_resume_key',
  0x0014_0190: 'fsctl_get_ntlmssp_session_key',
  0x0014_01d4: 'fsctl_lmr_request_resiliency',
  0x0014_01fc: 'fsctl_query_network_interface_info',
  0x0014_0200: 'fsctl_validate_negotiate_info_1',
  0x0014_0204: 'fsctl_validate_negotiate_info',
  0x0014_4064: 'fsctl_srv_enumerate_snapshots',
  0x0014_40f2: 'fsctl_srv_copychunk',
  0x0014_41bb: 'fsctl_srv_read_hash',
  0x0014_c0f2: 'fsctl_srv_copychunk_write',
  0x0009_0290: 'fsctl_file_level_trim',
};

/** NTSTATUS values ([MS-ERREF] 2.3.1) that SMB servers return. */
export const NT_STATUS_NAMES: Readonly<Record<number, string>> = {
  0x0000_0000: 'STATUS_SUCCESS',
  0x0000_0103: 'STATUS_PENDING',
  0x0000_010b: 'STATUS_NOTIFY_CLEANUP',
  0x0000_010c: 'STATUS_NOTIFY_ENUM_DIR',
  0x8000_0005: 'STATUS_BUFFER_OVERFLOW',
  0x8000_0006: 'STATUS_NO_MORE_FILES',
  0x8000_001a: 'STATUS_NO_MORE_ENTRIES',
  0xc000_0001: 'STATUS_UNSUCCESSFUL',
  0xc000_0002: 'STATUS_NOT_IMPLEMENTED',
  0xc000_0003: 'STATUS_INVALID_INFO_CLASS',
  0xc000_0004: 'STATUS_INFO_LENGTH_MISMATCH',
  0xc000_0005: 'STATUS_ACCESS_VIOLATION',
  0xc000_0008: 'STATUS_INVALID_HANDLE',
  0xc000_000d: 'STATUS_INVALID_PARAMETER',
  0xc000_000f: 'STATUS_NO_SUCH_FILE',
  0xc000_0010: 'STATUS_INVALID_DEVICE_REQUEST',
  0xc000_0011: 'STATUS_END_OF_FILE',
  0xc000_0016: 'STATUS_MORE_PROCESSING_REQUIRED',
  0xc000_0022: 'STATUS_ACCESS_DENIED',
  0xc000_0023: 'STATUS_BUFFER_TOO_SMALL',
  0xc000_0033: 'STATUS_OBJECT_NAME_INVALID',
  0xc000_0034: 'STATUS_OBJECT_NAME_NOT_FOUND',
  0xc000_0035: 'STATUS_OBJECT_NAME_COLLISION',
  0xc000_003a: 'STATUS_OBJECT_PATH_NOT_FOUND',
  0xc000_0043: 'STATUS_SHARING_VIOLATION',
  0xc000_0054: 'STATUS_FILE_LOCK_CONFLICT',
  0xc000_0055: 'STATUS_LOCK_NOT_GRANTED',
  0xc000_0061: 'STATUS_PRIVILEGE_NOT_HELD',
  0xc000_006a: 'STATUS_WRONG_PASSWORD',
  0xc000_006d: 'STATUS_LOGON_FAILURE',
  0xc000_006e: 'STATUS_ACCOUNT_RESTRICTION',
  0xc000_006f: 'STATUS_INVALID_LOGON_HOURS',
  0xc000_0070: 'STATUS_INVALID_WORKSTATION',
  0xc000_0071: 'STATUS_PASSWORD_EXPIRED',
  0xc000_0072: 'STATUS_ACCOUNT_DISABLED',
  0xc000_009a: 'STATUS_INSUFFICIENT_RESOURCES',
  0xc000_00ac: 'STATUS_PIPE_NOT_AVAILABLE',
  0xc000_00ad: 'STATUS_INVALID_PIPE_STATE',
  0xc000_00ae: 'STATUS_PIPE_BUSY',
  0xc000_00b0: 'STATUS_PIPE_DISCONNECTED',
  0xc000_00b1: 'STATUS_PIPE_CLOSING',
  0xc000_00b5: 'STATUS_IO_TIMEOUT',
  0xc000_00ba: 'STATUS_FILE_IS_A_DIRECTORY',
  0xc000_00bb: 'STATUS_NOT_SUPPORTED',
  0xc000_00c9: 'STATUS_NETWORK_NAME_DELETED',
  0xc000_00cc: 'STATUS_BAD_NETWORK_NAME',
  0xc000_00d4: 'STATUS_NOT_SAME_DEVICE',
  0xc000_0101: 'STATUS_DIRECTORY_NOT_EMPTY',
  0xc000_0103: 'STATUS_NOT_A_DIRECTORY',
  0xc000_0120: 'STATUS_CANCELLED',
  0xc000_0128: 'STATUS_FILE_CLOSED',
  0xc000_0184: 'STATUS_INVALID_DEVICE_STATE',
  0xc000_0193: 'STATUS_ACCOUNT_EXPIRED',
  0xc000_0203: 'STATUS_USER_SESSION_DELETED',
  0xc000_0224: 'STATUS_PASSWORD_MUST_CHANGE',
  0xc000_0225: 'STATUS_NOT_FOUND',
  0xc000_0234: 'STATUS_ACCOUNT_LOCKED_OUT',
  0xc000_0257: 'STATUS_PATH_NOT_COVERED',
  0xc000_035c: 'STATUS_NETWORK_SESSION_EXPIRED',
  0xc000_205b: 'STATUS_SMB_BAD_UID',
  0xc000_a100: 'STATUS_HASH_NOT_SUPPORTED',
};

/** Logon failures of a session setup ([MS-ERREF] 2.3.1). */
export const LOGON_FAILURES: ReadonlySet<number> = new Set([
  0xc000_006a, 0xc000_006d, 0xc000_006e, 0xc000_006f, 0xc000_0070, 0xc000_0071, 0xc000_0072,
  0xc000_0193, 0xc000_0224, 0xc000_0234,
]);

/** STATUS_PENDING: an interim async response ([MS-SMB2] 3.3.4.2). */
export const STATUS_PENDING = 0x0000_0103;
