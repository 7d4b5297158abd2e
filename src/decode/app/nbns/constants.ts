/**
 * NBNS code tables.
 *
 * [RFC1001] Protocol standard for a NetBIOS service on a TCP/UDP transport: concepts and methods.
 * [RFC1002] Same: detailed specifications (4.2 name service packets).
 * [MS-NBTE] NetBIOS over TCP (NBT) Extensions (name suffixes, multi-homed registration).
 */

/** Fixed sizes and limits. */
export const NBNS = {
  /** UDP (and TCP) port of the name service ([RFC1002] 4.2). */
  PORT: 137,
  /** Header bytes ([RFC1002] 4.2.1.1). */
  HEADER: 12,
  /** Records listed per message; further ones are counted ([RFC1002] messages carry 1-2). */
  MAX_RECORDS: 64,
  /** Requests remembered per flow for response pairing. */
  MAX_PENDING: 64,
  /** Node status statistics bytes after the name table: unit id (6) + 40 ([RFC1002] 4.2.18). */
  STATISTICS: 46,
} as const;

/** OPCODE ([RFC1002] 4.2.1.1; 9 and 15 from [MS-NBTE] 2.2.1). */
export const OPCODES: ReadonlyMap<number, string> = new Map([
  [0, 'query'],
  [5, 'registration'],
  [6, 'release'],
  [7, 'wack'],
  [8, 'refresh'],
  [9, 'refresh_alt'],
  [15, 'multihomed_registration'],
]);

/** RCODE ([RFC1002] 4.2.6, 4.2.11...). */
export const RCODES: readonly string[] = [
  'no_error',
  'fmt_err',
  'srv_err',
  'nam_err',
  'imp_err',
  'rfs_err',
  'act_err',
  'cft_err',
];

/** RCODE of an active name elsewhere ([RFC1002] 4.2.6). */
export const RCODE_ACT_ERR = 6;
/** RCODE of a name in conflict ([RFC1002] 4.2.6, 4.2.8 name conflict demand). */
export const RCODE_CFT_ERR = 7;

/** RR_TYPE / QUESTION_TYPE ([RFC1002] 4.2.1.2-3). */
export const RR_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0001, 'A'],
  [0x0002, 'NS'],
  [0x000a, 'NULL'],
  [0x0020, 'NB'],
  [0x0021, 'NBSTAT'],
]);

export const TYPE_A = 0x0001;
export const TYPE_NS = 0x0002;
export const TYPE_NB = 0x0020;
export const TYPE_NBSTAT = 0x0021;

/** Owner node type, the ONT bits of NB_FLAGS and NAME_FLAGS ([RFC1002] 4.2.1.3; H from [MS-NBTE]). */
export const NODE_TYPES: readonly string[] = ['B', 'P', 'M', 'H'];

/**
 * The 16th byte of a NetBIOS name: the service it stands for ([MS-NBTE] 1.3 and Microsoft
 * KB 163409, the table Wireshark's packet-netbios.c also uses).
 */
export const NETBIOS_SUFFIXES: ReadonlyMap<number, string> = new Map([
  [0x00, 'workstation'],
  [0x01, 'browser'],
  [0x03, 'messenger'],
  [0x06, 'ras_server'],
  [0x1b, 'domain_master_browser'],
  [0x1c, 'domain_controllers'],
  [0x1d, 'master_browser'],
  [0x1e, 'browser_election'],
  [0x1f, 'netdde'],
  [0x20, 'server'],
  [0x21, 'ras_client'],
  [0x22, 'exchange_interchange'],
  [0x23, 'exchange_store'],
  [0x24, 'exchange_directory'],
  [0x30, 'modem_sharing_server'],
  [0x31, 'modem_sharing_client'],
  [0x43, 'sms_client_remote_control'],
  [0x44, 'sms_admin_remote_control'],
  [0x45, 'sms_client_remote_chat'],
  [0x46, 'sms_client_remote_transfer'],
  [0x4c, 'dec_pathworks'],
  [0x52, 'dec_pathworks'],
  [0x6a, 'exchange_imc'],
  [0x87, 'exchange_mta'],
  [0xbe, 'network_monitor_agent'],
  [0xbf, 'network_monitor_application'],
]);
