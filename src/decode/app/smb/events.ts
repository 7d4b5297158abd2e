/**
 * SMB event types: the public schema of the `smb.*` events (docs/adr/0002-event-schema.md).
 * An event carries the `smb` layer, plus `ntlmssp` when the message holds an NTLMSSP token
 * (`src/decode/auth/ntlmssp.ts`) and `dcerpc` when a named-pipe payload holds DCE/RPC.
 */
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';

/** Every event kind of the SMB decoder. */
export const SMB_EVENT_KINDS = [
  'smb.request',
  'smb.response',
  'smb.netbios',
  'smb.encrypted',
  'smb.compressed',
] as const;

/** An SMB event kind. */
export type SmbEventKind = (typeof SMB_EVENT_KINDS)[number];

/** The `smb` layer: one SMB1 or SMB2/3 command (one element of a compound or AndX chain head). */
export interface SmbFields {
  /** 1 for SMB1 (CIFS), 2 for SMB2/3 (the dialect says which of 2.x/3.x). */
  version?: 1 | 2;
  /** Command code ([MS-CIFS] 2.2.2.1 or [MS-SMB2] 2.2.1.2). */
  command?: number;
  /** Command name in snake case (`tree_connect`, `session_setup_andx`). */
  command_name?: string;
  /** SMB1 AndX chain: the AndXCommand of each block after the head, 0xff ending the chain. */
  andx_commands?: number[];
  /** Names of the chained commands (without the 0xff terminator). */
  andx_names?: string[];
  /** True for a server response. */
  is_response?: boolean;
  /** NTSTATUS of the message (responses; SMB1 DOS errors as class << 16 | code). */
  status?: number;
  /** NTSTATUS name ([MS-ERREF] 2.3.1) when known. */
  status_name?: string;
  /** SMB2 MessageId or SMB1 MID: pairs a response with its request. */
  message_id?: number;
  /** SMB2 SessionId as 16 hex digits. */
  session_id?: string;
  /** SMB1 user id (UID), the SMB1 counterpart of the session id. */
  uid?: number;
  /** SMB2 TreeId or SMB1 TID. */
  tree_id?: number;
  /** SMB1 process id (PID low). */
  pid?: number;
  /** SMB2 AsyncId (16 hex digits) of an async message. */
  async_id?: string;
  /** SMB2: position of this command in a compound message (0 for the first). */
  compound_index?: number;
  /** SMB2: the message is part of a related compound (SMB2_FLAGS_RELATED_OPERATIONS). */
  related?: boolean;
  /** The message is signed. */
  signed?: boolean;
  /** Share path of the tree the message addresses (`\\server\IPC$`), when its connect was seen. */
  tree?: string;
  /** The tree is an administrative share (ADMIN$, IPC$ or a drive share such as C$). */
  admin_share?: boolean;
  /** Share type of a TREE_CONNECT response (`disk`, `pipe`, `print`). */
  share_type?: string;
  /** Dialects offered by a NEGOTIATE request (`NT LM 0.12`, `2.0.2`, `3.1.1`). */
  dialects?: string[];
  /** Dialect chosen by the server. */
  dialect?: string;
  /** SMB 3.1.1 negotiate contexts present (by name). */
  negotiate_contexts?: string[];
  /** Compression algorithms of a COMPRESSION_CAPABILITIES context. */
  compression_algorithms?: string[];
  /** Authentication carried by a session setup: `ntlmssp`, `kerberos`, or a mechanism name. */
  auth?: string;
  /** SPNEGO mechanisms offered by the client (`kerberos`, `ms_kerberos`, `ntlmssp`, `negoex`). */
  mech_types?: string[];
  /** SMB1 session setup without extended security: account name. */
  user?: string;
  /** SMB1 session setup without extended security: primary domain. */
  domain?: string;
  /** SMB1 session setup: native OS string of the client or server. */
  native_os?: string;
  /** A cleartext password was sent (the password itself is never reported). */
  password_present?: boolean;
  /** SMB2 SESSION_SETUP response: session is guest (1), null (2), encrypted (4) flags. */
  session_flags?: number;
  /** File or pipe name of a create/open, or the name a file id was opened with. */
  filename?: string;
  /** The file is a named pipe. */
  is_pipe?: boolean;
  /** SMB2 FileId (persistent and volatile parts) as 32 hex digits, in wire order. */
  file_id?: string;
  /** SMB1 file id (FID). */
  fid?: number;
  /** CREATE disposition (`open`, `create`, `overwrite_if`...). */
  disposition?: string;
  /** CREATE desired access mask. */
  desired_access?: number;
  /** CREATE options. */
  create_options?: number;
  /** Read/write length in bytes (requested in a request, transferred in a response). */
  length?: number;
  /** Read/write file offset. */
  offset?: number;
  /** IOCTL/FSCTL control code. */
  ctl_code?: number;
  /** IOCTL/FSCTL name (`fsctl_pipe_transceive`). */
  ctl_name?: string;
  /** SMB1 Transaction name (`\PIPE\`, `\MAILSLOT\BROWSE`). */
  transaction_name?: string;
  /** Transaction subcommand: Trans2 (setup word 0), NT Transact function, pipe function. */
  subcommand?: number;
  /** Subcommand name (`session_setup`, `transact_nmpipe`, `ioctl`). */
  subcommand_name?: string;
  /** Transaction total parameter and data counts (EternalBlue sends huge ones). */
  total_parameter_count?: number;
  total_data_count?: number;
  /** Transaction data bytes in this message. */
  data_count?: number;
  /** SMB1 Trans2 request timeout field (DoublePulsar encodes its opcode in it). */
  timeout?: number;
}

/** NetBIOS session service control packet (RFC 1002 4.3). */
export interface NetbiosFields {
  /** Packet type name (`session_request`, `positive_response`, `negative_response`...). */
  nbss_type: string;
  /** Called NetBIOS name of a session request (first-level decoded, trimmed). */
  called_name?: string;
  /** Calling NetBIOS name of a session request. */
  calling_name?: string;
  /** Error code of a negative response. */
  error_code?: number;
}

/** Transform (0xFD) and compression transform (0xFC) header facts ([MS-SMB2] 2.2.41, 2.2.42). */
export interface TransformFields {
  /** SessionId of an encrypted message, 16 hex digits. */
  session_id?: string;
  /** Size of the message once decrypted or decompressed. */
  original_size?: number;
  /** Encryption algorithm / flags field of the transform header. */
  flags?: number;
  /** Compression algorithm name. */
  compression_algorithm?: string;
  /** Compression transform: chained (1) or unchained (0). */
  chained?: boolean;
  /** Unchained compression: bytes not compressed at the start of the message. */
  offset?: number;
}

/** An SMB event. */
export type SmbEvent = {
  readonly kind: SmbEventKind;
  readonly smb: SmbFields | NetbiosFields | TransformFields;
  readonly ntlmssp?: NtlmsspLayer;
  readonly dcerpc?: unknown;
};
