/**
 * LDAP events: one per LDAPMessage, of kind `ldap.<operation>` (`ldap.bind_request`,
 * `ldap.search_result_done`, ...), plus one `ldap.sasl_buffer` per SASL security layer buffer
 * (signed or sealed traffic after a GSSAPI, GSS-SPNEGO or NTLM bind). The messages a signed
 * (integrity only) buffer carries are decoded and emitted as well, marked with `sasl_layer`.
 *
 * DNs, attribute names and values are shown as sent (UTF-8 read as latin1 bytes, control
 * characters as `.`), cut at the decoder's string limit. Passwords never appear: a simple bind
 * says `password_present`. References: see constants.ts.
 */
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import type { NetlogonInfo } from './netlogon.js';

/** Event kinds. */
export const LDAP_EVENT_KINDS = [
  'ldap.bind_request',
  'ldap.bind_response',
  'ldap.unbind_request',
  'ldap.search_request',
  'ldap.search_result_entry',
  'ldap.search_result_done',
  'ldap.search_result_reference',
  'ldap.modify_request',
  'ldap.modify_response',
  'ldap.add_request',
  'ldap.add_response',
  'ldap.del_request',
  'ldap.del_response',
  'ldap.moddn_request',
  'ldap.moddn_response',
  'ldap.compare_request',
  'ldap.compare_response',
  'ldap.abandon_request',
  'ldap.extended_request',
  'ldap.extended_response',
  'ldap.intermediate_response',
  'ldap.unknown_operation',
  'ldap.sasl_buffer',
] as const;

/** An LDAP event kind. */
export type LdapEventKind = (typeof LDAP_EVENT_KINDS)[number];

/** One change of a ModifyRequest ([RFC4511] 4.6). */
export interface LdapModification {
  /** `add`, `delete`, `replace` or `increment` (or `unknown`). */
  operation: string;
  /** Attribute description changed. */
  type: string;
  /** Number of values given. */
  values: number;
}

/** The `ldap` object of every LDAP event. Field names are the public schema. */
export interface LdapFields {
  /** LDAPMessage messageID ([RFC4511] 4.1.1.1); absent on `ldap.sasl_buffer`. */
  message_id?: number;
  /** protocolOp [APPLICATION n] tag number, as Wireshark's `ldap.protocolOp`. */
  protocol_op?: number;
  /** Its ASN.1 name (`bindRequest`, `searchResEntry`, ...; `unknown` when not in RFC 4511). */
  protocol_op_name?: string;
  /**
   * Set on messages read from inside a signed SASL buffer: the security layer token
   * (`krb5_cfx`, `gssapi`, `ntlmssp` or `sasl`).
   */
  sasl_layer?: string;
  /** Controls attached to the message: their OIDs (at most 32 listed) and count. */
  controls?: string[];
  control_count?: number;

  /** BindRequest: LDAP version (3; 2 is obsolete). */
  version?: number;
  /** BindRequest: the bind DN (empty for anonymous). */
  name?: string;
  /**
   * BindRequest: `simple`, `sasl`, or Microsoft's `sicily_package_discovery`,
   * `sicily_negotiate`, `sicily_response` (NTLM without SASL); `unknown` otherwise.
   */
  auth_type?: string;
  /** BindRequest simple: a password was sent (its value is never reported). */
  password_present?: boolean;
  /** BindRequest simple: anonymous bind (no DN, no password, [RFC4513] 5.1.1). */
  anonymous?: boolean;
  /** BindRequest simple: unauthenticated bind (a DN without password, [RFC4513] 5.1.2). */
  unauthenticated?: boolean;
  /** BindRequest sasl: the mechanism (`GSS-SPNEGO`, `GSSAPI`, `DIGEST-MD5`, `EXTERNAL`...). */
  mechanism?: string;
  /** BindRequest sasl / sicily: length of the credentials, when present. */
  credentials_length?: number;
  /** BindResponse: length of serverSaslCreds, when present. */
  server_sasl_creds_length?: number;

  /** SearchRequest: base DN (empty for the root DSE). */
  base_object?: string;
  /** SearchRequest: scope code and name (`baseObject`, `singleLevel`, `wholeSubtree`). */
  scope?: number;
  scope_name?: string;
  /** SearchRequest: derefAliases code and name. */
  deref_aliases?: number;
  deref_aliases_name?: string;
  /** SearchRequest: size limit (entries) and time limit (seconds); 0 = none. */
  size_limit?: number;
  time_limit?: number;
  /** SearchRequest: return attribute types only. */
  types_only?: boolean;
  /**
   * SearchRequest: the filter in [RFC4515] string form, `(&(objectClass=user)(cn=a*))`; levels
   * past the 16th are shown as `...`, and text past 1024 characters is cut (ending with `...`).
   */
  filter?: string;
  /**
   * SearchRequest: attributes requested; SearchResultEntry and AddRequest: attribute types
   * present (at most 32 listed) and their count.
   */
  attributes?: string[];
  attribute_count?: number;

  /**
   * The entry a message is about: SearchResultEntry objectName, ModifyRequest object,
   * AddRequest entry, DelRequest, ModifyDNRequest entry, CompareRequest entry.
   */
  object_name?: string;
  /**
   * SearchResultEntry with a `Netlogon` attribute (the answer of an Active Directory LDAP ping
   * over CLDAP): the domain controller, domain, forest and sites it names ([MS-ADTS] 6.3.1.9).
   */
  netlogon?: NetlogonInfo;
  /** ModifyRequest: the changes (at most 32 listed) and their count. */
  modifications?: LdapModification[];
  modification_count?: number;
  /** ModifyDNRequest: new RDN, deleteoldrdn, new superior (when given). */
  new_rdn?: string;
  delete_old_rdn?: boolean;
  new_superior?: string;
  /** CompareRequest: attribute description of the assertion (the value is not reported). */
  attribute?: string;
  /** AbandonRequest: the messageID abandoned. */
  abandon_id?: number;
  /** SearchResultReference and LDAPResult referral: the URIs (at most 32) and count. */
  uris?: string[];
  uri_count?: number;

  /** ExtendedRequest requestName, or ExtendedResponse / IntermediateResponse responseName. */
  oid?: string;
  /** Name of `oid` (`StartTLS`, `Password Modify`, `Who am I`, ...), when known. */
  oid_name?: string;
  /** Length of requestValue / responseValue, when present. */
  value_length?: number;

  /** LDAPResult ([RFC4511] 4.1.9): resultCode and its name. */
  result_code?: number;
  result_name?: string;
  /** LDAPResult matchedDN (when not empty). */
  matched_dn?: string;
  /** LDAPResult diagnosticMessage (when not empty), at most 256 characters. */
  diagnostic_message?: string;

  /**
   * Responses: the operation of the request with the same messageID seen on the flow
   * (`searchRequest`, ...), and for a bind response its SASL mechanism.
   */
  request_op?: string;
  request_mechanism?: string;
  /** ExtendedResponse: the requestName of its request (`1.3.6.1.4.1.1466.20037`: StartTLS). */
  request_oid?: string;
  /** SearchResultDone: entries and references returned for the request. */
  entries?: number;
  references?: number;

  /** `ldap.sasl_buffer`: length of the buffer after its 4-byte length ([RFC4422] 3.7). */
  sasl_length?: number;
  /**
   * `ldap.sasl_buffer`: the token type (`krb5_cfx`, `gssapi`, `ntlmssp`; `sasl` for the layer of
   * another mechanism the flow's bind negotiated, such as DIGEST-MD5; `unknown`).
   */
  sasl_token?: string;
  /** `ldap.sasl_buffer`: confidentiality (sealed, encrypted) as the token says. */
  sealed?: boolean;
  /** `ldap.sasl_buffer`: LDAP messages decoded from a signed (not sealed) buffer. */
  messages?: number;
  /** `ldap.sasl_buffer`: the mechanism of the bind that started the layer, when seen. */
  sasl_mechanism?: string;

  /** Present when the message could not be decoded to its end: where it stopped. */
  error?: string;
}

/** An LDAP event: the `ldap` fields, and `ntlmssp` when a bind carries an NTLM message. */
export type LdapEvent = {
  readonly kind: LdapEventKind;
  readonly ldap: LdapFields;
  readonly ntlmssp?: NtlmsspLayer;
};
