/**
 * NetBIOS datagram service events: `nbdgm.datagram` (direct unique, direct group and broadcast
 * datagrams, with a `browser` or `netlogon` object when they carry an SMB mailslot message of
 * those protocols), `nbdgm.error` and `nbdgm.query` (query request and responses). Every event
 * carries the `nbdgm` object below. References: see constants.ts.
 */

/** Event kinds. */
export const NBDGM_EVENT_KINDS = ['nbdgm.datagram', 'nbdgm.error', 'nbdgm.query'] as const;

/** An NBDGM event kind. */
export type NbdgmEventKind = (typeof NBDGM_EVENT_KINDS)[number];

/** The `nbdgm` object of every event. Field names are the public schema. */
export interface NbdgmFields {
  /** MSG_TYPE (16-22) and its name (`direct_unique`, `direct_group`, `broadcast`, `error`...). */
  type: number;
  type_name: string;
  /** FLAGS: first fragment, more fragments, and the source node type (B, P, M, NBDD). */
  first: boolean;
  more: boolean;
  node_type: string;
  /** DGM_ID. */
  datagram_id: number;
  /** SOURCE_IP and SOURCE_PORT as carried (the original sender when an NBDD relays). */
  source_ip: string;
  source_port: number;
  /** Datagrams: DGM_LENGTH and PACKET_OFFSET. */
  length?: number;
  offset?: number;
  /** Datagrams: source name in display form (`HOST<00>`), its 15-character name, suffix and scope. */
  source_name?: string;
  source_netbios_name?: string;
  source_suffix?: number;
  source_scope?: string;
  /** Datagrams and queries: destination name (`WORKGROUP<1d>`), its name, suffix and scope. */
  destination_name?: string;
  destination_netbios_name?: string;
  destination_suffix?: number;
  destination_suffix_name?: string;
  destination_scope?: string;
  /** Error datagrams: ERROR_CODE and its name. */
  error_code?: number;
  error_name?: string;
  /** Datagrams carrying an SMB Transaction: the mailslot name (`\MAILSLOT\BROWSE`). */
  mailslot?: string;
}

/** The `browser` object ([MS-BRWS] 2.2) of datagrams to `\MAILSLOT\BROWSE` or `\MAILSLOT\LANMAN`. */
export interface BrowserFields {
  /** Opcode and its name (`host_announcement`, `request_election`, ...). */
  command: number;
  command_name: string;
  /** Announcements: update count and periodicity (milliseconds). */
  update_count?: number;
  periodicity?: number;
  /**
   * Announcements: server name (the domain or workgroup in a DomainAnnouncement); election
   * requests: the sender's name; BecomeBackup: the browser to promote; MasterAnnouncement: the
   * master browser.
   */
  server?: string;
  /** Announcements: OS version major and minor. */
  os_major?: number;
  os_minor?: number;
  /** Announcements: server type bits and their names. */
  server_type?: number;
  server_type_names?: string[];
  /** Host and local master announcements: browser protocol version and signature (0xaa55). */
  browser_version_major?: number;
  browser_version_minor?: number;
  signature?: number;
  /** Host and local master announcements: server comment (capped). */
  comment?: string;
  /** DomainAnnouncement: the master browser's name (carried where others carry the comment). */
  master_browser?: string;
  /** RequestElection: version, criteria word, its desire and OS bits named, uptime (ms). */
  election_version?: number;
  criteria?: number;
  desire?: string[];
  election_os?: string[];
  browser_revision?: number;
  uptime?: number;
  /** GetBackupList request and response: count and token. */
  count?: number;
  token?: number;
  /** GetBackupListResponse: the backup browsers (bounded). */
  backup_servers?: string[];
  /** AnnouncementRequest: the name to answer to. */
  response_name?: string;
}

/** The `netlogon` object of datagrams to `\MAILSLOT\NET\NETLOGON` and its variants. */
export interface NetlogonFields {
  /** Operation code and its name (`logon_primary_query`, `logon_sam_logon_request`, ...). */
  opcode: number;
  opcode_name: string;
  /** LOGON_PRIMARY_QUERY: the querying computer's name. */
  computer_name?: string;
}
