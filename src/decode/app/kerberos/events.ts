/**
 * Kerberos events: one per Kerberos message, of kind `kerberos.<message>` (`kerberos.as_req`,
 * `kerberos.as_rep`, `kerberos.tgs_req`, `kerberos.tgs_rep`, `kerberos.error`,
 * `kerberos.ap_req`, `kerberos.ap_rep`, `kerberos.safe`, `kerberos.priv`, `kerberos.cred`).
 * Messages carried by kpasswd ([RFC3244]) also have a `kpasswd` object.
 *
 * Nothing encrypted is copied: of every EncryptedData only the encryption type and key version
 * are shown, never the cipher text (of tickets, authenticators, replies, pre-authentication
 * timestamps or KRB-PRIV data), and KRB-SAFE user data is counted, not copied.
 *
 * Principal names are shown as MIT `krb5_unparse_name` writes them without the realm:
 * components joined by `/`, with `/`, `@` and `\` inside a component escaped by a backslash.
 * References: see constants.ts.
 */

/** Event kinds. */
export const KERBEROS_EVENT_KINDS = [
  'kerberos.as_req',
  'kerberos.as_rep',
  'kerberos.tgs_req',
  'kerberos.tgs_rep',
  'kerberos.error',
  'kerberos.ap_req',
  'kerberos.ap_rep',
  'kerberos.safe',
  'kerberos.priv',
  'kerberos.cred',
] as const;

/** A Kerberos event kind. */
export type KerberosEventKind = (typeof KERBEROS_EVENT_KINDS)[number];

/** A Ticket ([RFC4120] 5.3): its clear part and how its encrypted part is encrypted. */
export interface KerberosTicket {
  /** Realm of the service the ticket is for. */
  realm: string;
  /** Service principal (components joined by `/`) and its name type. */
  sname: string;
  sname_type: number;
  /** Encryption type of the ticket's enc-part (the service key's type) and its name. */
  etype: number;
  etype_name: string;
  /** Key version number of the service key, when given. */
  kvno?: number;
}

/** The `kerberos` object of every Kerberos event. Field names are the public schema. */
export interface KerberosFields {
  /** How the message travelled: `udp`, or `tcp` with the 4-byte record mark ([RFC4120] 7.2.2). */
  transport: 'udp' | 'tcp';
  /** msg-type ([RFC4120] 7.5.7) and its name (`AS-REQ`, `KRB-ERROR`, ...). */
  msg_type: number;
  msg_type_name: string;
  /** Protocol version (5). */
  pvno: number;
  /**
   * Realm: of the request body (requests), of the server (KRB-ERROR `realm`). Replies carry
   * the client's realm in `crealm` and the service's in `ticket.realm`.
   */
  realm?: string;
  /** Client realm (replies, KRB-ERROR). */
  crealm?: string;
  /** Client principal (AS-REQ, replies, KRB-ERROR) and its name type. */
  cname?: string;
  cname_type?: number;
  /** Service principal asked for (requests, KRB-ERROR) and its name type. */
  sname?: string;
  sname_type?: number;
  /** Requests: KDCOptions as a 32-bit number and the names of the bits set. */
  kdc_options?: number;
  kdc_option_names?: string[];
  /** Requests: from, till and rtime as ISO 8601 UTC (KerberosTime, [RFC4120] 5.2.3). */
  from?: string;
  till?: string;
  rtime?: string;
  /** Requests: the nonce. */
  nonce?: number;
  /** Requests: the encryption types asked for, in the client's order, and their names. */
  etypes?: number[];
  etype_names?: string[];
  /**
   * PA-DATA types present and their names: of the message's padata, or for a KRB-ERROR of
   * its e-data METHOD-DATA (the pre-authentication methods the KDC accepts).
   */
  padata_types?: number[];
  padata_names?: string[];
  /** AS-REQ: true when it carries pre-authentication (encrypted timestamp, PKINIT, FAST, ...). */
  preauth?: boolean;
  /** Encryption type of the PA-ENC-TIMESTAMP (the client key's type); never its cipher text. */
  preauth_etype?: number;
  /** PA-PAC-REQUEST include-pac ([MS-KILE] 2.2.3). */
  include_pac?: boolean;
  /** PA-PAC-OPTIONS flag names ([MS-KILE] 2.2.10). */
  pac_options?: string[];
  /** PA-FOR-USER ([MS-SFU] 2.2.1): the user a service asks a ticket for (S4U2self), and its realm. */
  for_user?: string;
  for_user_realm?: string;
  /**
   * The ticket: of the AP-REQ (in PA-TGS-REQ for a TGS-REQ, in the FAST armor for an AS-REQ),
   * of the reply, or the first of a KRB-CRED.
   */
  ticket?: KerberosTicket;
  /** AP-REQ (also inside PA-TGS-REQ and FAST armor): APOptions bit names. */
  ap_options?: string[];
  /** AP-REQ: encryption type of the authenticator. */
  authenticator_etype?: number;
  /** FAST ([RFC6113]): encryption type of the armored request or reply (enc-fast-req/rep). */
  fast_etype?: number;
  /** TGS-REQ: encryption type of enc-authorization-data. */
  authorization_data_etype?: number;
  /** TGS-REQ additional-tickets (S4U2proxy, user-to-user) or KRB-CRED tickets: the first 32 ... */
  tickets?: KerberosTicket[];
  /** ... and how many there are. */
  ticket_count?: number;
  /** Replies, AP-REP, KRB-PRIV, KRB-CRED: encryption type and key version of enc-part. */
  enc_part_etype?: number;
  enc_part_etype_name?: string;
  enc_part_kvno?: number;
  /**
   * ETYPE-INFO2 / ETYPE-INFO entries (of reply padata or KRB-ERROR e-data): the encryption
   * types the KDC holds keys of for the client, in its order of preference.
   */
  etype_info?: number[];
  /** KRB-ERROR: error-code ([RFC4120] 7.5.9) and its name. */
  error_code?: number;
  error_name?: string;
  /** KRB-ERROR: server time (ISO 8601 UTC) and, when present, the client time. */
  stime?: string;
  ctime?: string;
  /** KRB-ERROR: e-text, at most 256 characters. */
  e_text?: string;
  /** KRB-ERROR: KERB-ERROR-DATA data-type and, for an extended error, the NTSTATUS ([MS-KILE] 2.2.1). */
  e_data_type?: number;
  nt_status?: string;
  /** KRB-SAFE: checksum type, and the length of the (clear) user data, which is not copied. */
  cksum_type?: number;
  user_data_length?: number;
  /** True when one of the encryption types of the message is weak (DES, 3DES, RC4). */
  weak_etype?: boolean;
  /** Present when the message could not be decoded to its end: where it stopped. */
  error?: string;
}

/** The `kpasswd` object of messages carried by kpasswd ([RFC3244] 2). */
export interface KpasswdFields {
  /** Protocol version: 1 (change password, and every reply) or 0xff80 (set password). */
  version: number;
  /** `change_password`, `set_password` or `reply`. */
  operation: 'change_password' | 'set_password' | 'reply';
  /** Length of the AP-REQ or AP-REP (0 in a reply carrying a KRB-ERROR). */
  ap_length: number;
}
