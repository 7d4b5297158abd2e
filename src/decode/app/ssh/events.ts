/**
 * SSH events: one per identification line (`ssh.banner`), one per cleartext binary packet of the
 * key exchange (`ssh.kexinit` for SSH_MSG_KEXINIT, `ssh.message` for the others: DH/ECDH
 * messages, NEWKEYS, IGNORE, DISCONNECT...), and one `ssh.encrypted` per direction at the first
 * bytes after NEWKEYS; later encrypted bytes are counted in the flow state.
 *
 * Every event carries the `ssh` object below; fields a message does not have are absent.
 * References: see constants.ts.
 */

/** Event kinds. */
export const SSH_EVENT_KINDS = [
  'ssh.banner',
  'ssh.kexinit',
  'ssh.message',
  'ssh.encrypted',
] as const;

/** An SSH event kind. */
export type SshEventKind = (typeof SSH_EVENT_KINDS)[number];

/** The `ssh` object of every SSH event. Field names are the public schema. */
export interface SshFields {
  /** Banner: the whole identification line without CR LF, cut at 255 bytes. */
  banner?: string;
  /** Banner: protocol version (`2.0`, `1.99`, `1.5`). */
  proto_version?: string;
  /** Banner: software version (`OpenSSH_8.9p1`). */
  software?: string;
  /** Banner: comments after the software version. */
  comments?: string;
  /** Binary packet: packet_length field. */
  packet_length?: number;
  /** Binary packet: padding_length field. */
  padding_length?: number;
  /** Binary packet: message number. */
  message_code?: number;
  /** Binary packet: message name (`kexinit`, `kex_ecdh_reply`, `newkeys` ...). */
  message?: string;
  /** KEXINIT: key exchange methods. */
  kex_algorithms?: string[];
  /** KEXINIT: server host key algorithms. */
  host_key_algorithms?: string[];
  /** KEXINIT: ciphers client to server. */
  encryption_c2s?: string[];
  /** KEXINIT: ciphers server to client. */
  encryption_s2c?: string[];
  /** KEXINIT: MACs client to server. */
  mac_c2s?: string[];
  /** KEXINIT: MACs server to client. */
  mac_s2c?: string[];
  /** KEXINIT: compression client to server. */
  compression_c2s?: string[];
  /** KEXINIT: compression server to client. */
  compression_s2c?: string[];
  /** KEXINIT: first_kex_packet_follows. */
  first_kex_follows?: boolean;
  /** Client KEXINIT: the HASSH algorithms string (kex;enc;mac;comp, client to server) ([HASSH]). */
  hassh_algorithms?: string;
  /** Client KEXINIT: MD5 of `hassh_algorithms`. */
  hassh?: string;
  /** Server KEXINIT: the HASSHServer algorithms string (server to client lists). */
  hassh_server_algorithms?: string;
  /** Server KEXINIT: MD5 of `hassh_server_algorithms`. */
  hassh_server?: string;
  /** Second KEXINIT of the exchange: the algorithms both sides will use ([RFC4253] 7.1). */
  negotiated?: SshNegotiated;
  /** KEX reply: type of the server host key (`ssh-ed25519`, `rsa-sha2-512` ...). */
  host_key_type?: string;
  /** Disconnect: reason code ([RFC4253] 11.1). */
  reason_code?: number;
  /** Disconnect: description, cut at the string limit. */
  description?: string;
}

/** The algorithms a key exchange negotiates: the first client choice the server also offers. */
export interface SshNegotiated {
  kex?: string;
  host_key?: string;
  encryption_c2s?: string;
  encryption_s2c?: string;
  mac_c2s?: string;
  mac_s2c?: string;
  compression_c2s?: string;
  compression_s2c?: string;
}

/** An SSH event. */
export type SshEvent = {
  readonly kind: SshEventKind;
  readonly ssh: SshFields;
};
