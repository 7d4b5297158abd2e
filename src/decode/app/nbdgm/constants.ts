/**
 * NetBIOS datagram service, SMB mailslot and Browser protocol code tables.
 *
 * [RFC1002] 4.4 NetBIOS datagram service packets.
 * [MS-SMB] / [MS-CIFS] 2.2.4.33 SMB_COM_TRANSACTION; [MS-MAIL] Remote Mailslot Protocol.
 * [MS-BRWS] Common Internet File System (CIFS) Browser Protocol, 2.2.
 * [MS-ADTS] 6.3.1 NETLOGON mailslot ping operation codes.
 */

/** Fixed sizes and limits. */
export const NBDGM = {
  /** UDP port of the datagram service ([RFC1002] 4.4). */
  PORT: 138,
  /** Header common to all types: type, flags, id, source IP and port. */
  HEADER: 10,
  /** SMB header ([MS-CIFS] 2.2.3.1). */
  SMB_HEADER: 32,
  /** SMB_COM_TRANSACTION ([MS-CIFS] 2.2.4.33). */
  SMB_COM_TRANSACTION: 0x25,
  /** Longest comment or name copied into an event. */
  MAX_TEXT: 64,
  /** Backup servers listed from a GetBackupListResponse. */
  MAX_BACKUP_SERVERS: 32,
} as const;

/** MSG_TYPE ([RFC1002] 4.4.1). */
export const MSG_TYPES: ReadonlyMap<number, string> = new Map([
  [0x10, 'direct_unique'],
  [0x11, 'direct_group'],
  [0x12, 'broadcast'],
  [0x13, 'error'],
  [0x14, 'query_request'],
  [0x15, 'positive_query_response'],
  [0x16, 'negative_query_response'],
]);

export const TYPE_ERROR = 0x13;

/** SNT, the source node type in the FLAGS byte ([RFC1002] 4.4.1; 3 is the NBDD). */
export const NODE_TYPES: readonly string[] = ['B', 'P', 'M', 'NBDD'];

/** ERROR_CODE ([RFC1002] 4.4.3). */
export const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [0x82, 'destination_name_not_present'],
  [0x83, 'invalid_source_name_format'],
  [0x84, 'invalid_destination_name_format'],
]);

/** Browser protocol opcodes ([MS-BRWS] 2.2). */
export const BROWSER_COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x01, 'host_announcement'],
  [0x02, 'announcement_request'],
  [0x08, 'request_election'],
  [0x09, 'get_backup_list_request'],
  [0x0a, 'get_backup_list_response'],
  [0x0b, 'become_backup'],
  [0x0c, 'domain_announcement'],
  [0x0d, 'master_announcement'],
  [0x0e, 'reset_state_request'],
  [0x0f, 'local_master_announcement'],
]);

export const CMD_HOST_ANNOUNCEMENT = 0x01;
export const CMD_ANNOUNCEMENT_REQUEST = 0x02;
export const CMD_REQUEST_ELECTION = 0x08;
export const CMD_GET_BACKUP_LIST_REQUEST = 0x09;
export const CMD_GET_BACKUP_LIST_RESPONSE = 0x0a;
export const CMD_BECOME_BACKUP = 0x0b;
export const CMD_DOMAIN_ANNOUNCEMENT = 0x0c;
export const CMD_MASTER_ANNOUNCEMENT = 0x0d;
export const CMD_RESET_STATE = 0x0e;
export const CMD_LOCAL_MASTER_ANNOUNCEMENT = 0x0f;

/** Server type bits, SV_TYPE_* ([MS-BRWS] 2.2.1.1 / [MS-RAP] 5.1.1), bit 0 first. */
export const SERVER_TYPE_BITS: readonly string[] = [
  'workstation',
  'server',
  'sql_server',
  'domain_controller',
  'backup_controller',
  'time_source',
  'apple',
  'novell',
  'domain_member',
  'print_queue',
  'dialin',
  'xenix',
  'nt',
  'wfw',
  'mfpn',
  'nt_server',
  'potential_browser',
  'backup_browser',
  'master_browser',
  'domain_master_browser',
  'osf',
  'vms',
  'windows',
  'dfs',
  'cluster_nt',
  'terminal_server',
  'cluster_vs_nt',
  'bit27',
  'dce',
  'alternate_transport',
  'local_list_only',
  'domain_enum',
];

/** SV_TYPE_NT: a Windows NT-family workstation or server. */
export const SV_TYPE_NT = 0x00001000;
/** SV_TYPE_DOMAIN_CTRL. */
export const SV_TYPE_DOMAIN_CTRL = 0x00000008;

/** Election criteria desire bits ([MS-BRWS] 2.2.6), bit 0 first. */
export const ELECTION_DESIRE_BITS: readonly string[] = [
  'backup',
  'standby',
  'master',
  'domain_master',
  'bit4',
  'wins',
  'bit6',
  'nt',
];

/** Election criteria OS bits ([MS-BRWS] 2.2.6), bit 0 first. */
export const ELECTION_OS_BITS: readonly string[] = [
  'wfw',
  'bit1',
  'bit2',
  'bit3',
  'nt_workstation',
  'nt_server',
  'bit6',
  'bit7',
];

/** NETLOGON mailslot operation codes ([MS-ADTS] 6.3.1.2, plus the LAN Manager ones). */
export const NETLOGON_OPCODES: ReadonlyMap<number, string> = new Map([
  [0x00, 'lm_logon_request'],
  [0x01, 'lm_logon_response'],
  [0x06, 'lm_logon_response_2'],
  [0x07, 'logon_primary_query'],
  [0x0a, 'logon_uas_change'],
  [0x0c, 'logon_primary_response'],
  [0x12, 'logon_sam_logon_request'],
  [0x13, 'logon_sam_logon_response'],
  [0x14, 'logon_sam_pause_response'],
  [0x15, 'logon_sam_user_unknown'],
  [0x17, 'logon_sam_logon_response_ex'],
  [0x18, 'logon_sam_pause_response_ex'],
  [0x19, 'logon_sam_user_unknown_ex'],
]);
