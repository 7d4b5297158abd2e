/**
 * LDAP code tables.
 *
 * References:
 * - [RFC4511] LDAP: The Protocol (2006): 4.1.1 (LDAPMessage), 4.1.9 (LDAPResult codes),
 *   4.2 (Bind), 4.5.1 (SearchRequest, scope, derefAliases, Filter), 4.6 (Modify), 4.12
 *   (Extended), 4.13 (IntermediateResponse), 4.14.1 (StartTLS OID), Appendix A (result codes),
 *   Appendix B (ASN.1 module with the [APPLICATION n] tags).
 * - [RFC4515] LDAP: String Representation of Search Filters: 3 (escaping of `*`, `(`, `)`,
 *   `\`, NUL), 4 (examples).
 * - [RFC1798] Connection-less LDAP; [MS-ADTS] 6.3.3 (LDAP ping over UDP 389).
 * - [RFC3909] Cancel (result codes 118-121), [RFC4528] Assertion (122), [RFC4370] Proxied
 *   Authorization (123), [RFC4533] Content Synchronization (4096).
 * - [RFC4121] 4.2.6.2 (Kerberos v5 GSS-API CFX Wrap token), [RFC1964] 1.2.2 (Kerberos v5
 *   GSS-API Wrap token), [MS-NLMP] 2.2.2.9 (NTLMSSP_MESSAGE_SIGNATURE): the SASL security
 *   layers ([RFC4422] 3.7, [RFC4752] 3.3) of Active Directory LDAP signing and sealing.
 */

/** Framing constants. */
export const LDAP = {
  /** IANA port for LDAP over TCP, and CLDAP over UDP ([RFC1798], [MS-ADTS] 6.3.3). */
  PORT: 389,
  /** Active Directory Global Catalog over TCP ([MS-ADTS] 3.1.1.3.1.1). */
  GC_PORT: 3268,
  /** Deepest search filter rendered; past it the filter is cut (`ldap.filter_too_deep`). */
  MAX_FILTER_DEPTH: 16,
  /** Longest filter text emitted, in characters (`ldap.filter_too_long`). */
  MAX_FILTER_CHARS: 1024,
  /** Longest diagnostic message emitted, in characters. */
  MAX_DIAGNOSTIC_CHARS: 256,
  /** Attribute names, modifications, URIs or controls listed per message; the rest are counted. */
  MAX_LISTED: 32,
  /** Bytes of SASL credentials searched for an NTLMSSP message. */
  MAX_NTLMSSP_SCAN: 4096,
  /** Bytes of a SASL security layer header: the 4-byte length ([RFC4422] 3.7). */
  SASL_LENGTH_BYTES: 4,
  /** Kerberos CFX Wrap token header length ([RFC4121] 4.2.6.2). */
  CFX_HEADER: 16,
  /** NTLMSSP message signature length ([MS-NLMP] 2.2.2.9). */
  NTLM_SIGNATURE: 16,
} as const;

/** [APPLICATION n] tag numbers of the protocolOp CHOICE ([RFC4511] Appendix B). */
export const Op = {
  BIND_REQUEST: 0,
  BIND_RESPONSE: 1,
  UNBIND_REQUEST: 2,
  SEARCH_REQUEST: 3,
  SEARCH_RES_ENTRY: 4,
  SEARCH_RES_DONE: 5,
  MODIFY_REQUEST: 6,
  MODIFY_RESPONSE: 7,
  ADD_REQUEST: 8,
  ADD_RESPONSE: 9,
  DEL_REQUEST: 10,
  DEL_RESPONSE: 11,
  MODDN_REQUEST: 12,
  MODDN_RESPONSE: 13,
  COMPARE_REQUEST: 14,
  COMPARE_RESPONSE: 15,
  ABANDON_REQUEST: 16,
  SEARCH_RES_REF: 19,
  EXTENDED_REQUEST: 23,
  EXTENDED_RESPONSE: 24,
  INTERMEDIATE_RESPONSE: 25,
} as const;

/** One protocolOp: its ASN.1 name, event kind, whether a client sends it, its encoding. */
export interface OpInfo {
  /** The ASN.1 identifier of [RFC4511] Appendix B (`searchRequest`), as Wireshark names it. */
  readonly name: string;
  /** Event kind suffix (`search_request`). */
  readonly kind: string;
  /** Sent by the client (true) or the server (false). */
  readonly request: boolean;
  /** Encoded constructed (SEQUENCE), as opposed to primitive (unbind, del, abandon). */
  readonly constructed: boolean;
  /** A request the server answers (pending until its response); unbind and abandon are not. */
  readonly answered: boolean;
}

function op(
  name: string,
  kind: string,
  request: boolean,
  constructed = true,
  answered = request,
): OpInfo {
  return { name, kind, request, constructed, answered };
}

/** Operations by [APPLICATION n] tag number ([RFC4511] 4.2-4.13, Appendix B). */
export const OPS: ReadonlyMap<number, OpInfo> = new Map([
  [Op.BIND_REQUEST, op('bindRequest', 'bind_request', true)],
  [Op.BIND_RESPONSE, op('bindResponse', 'bind_response', false)],
  [Op.UNBIND_REQUEST, op('unbindRequest', 'unbind_request', true, false, false)],
  [Op.SEARCH_REQUEST, op('searchRequest', 'search_request', true)],
  [Op.SEARCH_RES_ENTRY, op('searchResEntry', 'search_result_entry', false)],
  [Op.SEARCH_RES_DONE, op('searchResDone', 'search_result_done', false)],
  [Op.MODIFY_REQUEST, op('modifyRequest', 'modify_request', true)],
  [Op.MODIFY_RESPONSE, op('modifyResponse', 'modify_response', false)],
  [Op.ADD_REQUEST, op('addRequest', 'add_request', true)],
  [Op.ADD_RESPONSE, op('addResponse', 'add_response', false)],
  [Op.DEL_REQUEST, op('delRequest', 'del_request', true, false)],
  [Op.DEL_RESPONSE, op('delResponse', 'del_response', false)],
  [Op.MODDN_REQUEST, op('modDNRequest', 'moddn_request', true)],
  [Op.MODDN_RESPONSE, op('modDNResponse', 'moddn_response', false)],
  [Op.COMPARE_REQUEST, op('compareRequest', 'compare_request', true)],
  [Op.COMPARE_RESPONSE, op('compareResponse', 'compare_response', false)],
  [Op.ABANDON_REQUEST, op('abandonRequest', 'abandon_request', true, false, false)],
  [Op.SEARCH_RES_REF, op('searchResRef', 'search_result_reference', false)],
  [Op.EXTENDED_REQUEST, op('extendedReq', 'extended_request', true)],
  [Op.EXTENDED_RESPONSE, op('extendedResp', 'extended_response', false)],
  [Op.INTERMEDIATE_RESPONSE, op('intermediateResponse', 'intermediate_response', false)],
]);

/** BER identifier octet of an operation: APPLICATION class, constructed unless noted. */
export function opTagByte(tag: number, constructed: boolean): number {
  return 0x40 | (constructed ? 0x20 : 0) | tag;
}

/** resultCode names ([RFC4511] 4.1.9 and Appendix A, with the later RFCs cited above). */
export const RESULT_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'success'],
  [1, 'operationsError'],
  [2, 'protocolError'],
  [3, 'timeLimitExceeded'],
  [4, 'sizeLimitExceeded'],
  [5, 'compareFalse'],
  [6, 'compareTrue'],
  [7, 'authMethodNotSupported'],
  [8, 'strongerAuthRequired'],
  [10, 'referral'],
  [11, 'adminLimitExceeded'],
  [12, 'unavailableCriticalExtension'],
  [13, 'confidentialityRequired'],
  [14, 'saslBindInProgress'],
  [16, 'noSuchAttribute'],
  [17, 'undefinedAttributeType'],
  [18, 'inappropriateMatching'],
  [19, 'constraintViolation'],
  [20, 'attributeOrValueExists'],
  [21, 'invalidAttributeSyntax'],
  [32, 'noSuchObject'],
  [33, 'aliasProblem'],
  [34, 'invalidDNSyntax'],
  [36, 'aliasDereferencingProblem'],
  [48, 'inappropriateAuthentication'],
  [49, 'invalidCredentials'],
  [50, 'insufficientAccessRights'],
  [51, 'busy'],
  [52, 'unavailable'],
  [53, 'unwillingToPerform'],
  [54, 'loopDetect'],
  [64, 'namingViolation'],
  [65, 'objectClassViolation'],
  [66, 'notAllowedOnNonLeaf'],
  [67, 'notAllowedOnRDN'],
  [68, 'entryAlreadyExists'],
  [69, 'objectClassModsProhibited'],
  [71, 'affectsMultipleDSAs'],
  [80, 'other'],
  [118, 'canceled'],
  [119, 'noSuchOperation'],
  [120, 'tooLate'],
  [121, 'cannotCancel'],
  [122, 'assertionFailed'],
  [123, 'authorizationDenied'],
  [4096, 'e-syncRefreshRequired'],
]);

/** resultCode values. */
export const Result = {
  SUCCESS: 0,
  SASL_BIND_IN_PROGRESS: 14,
  INVALID_CREDENTIALS: 49,
} as const;

/** SearchRequest scope ([RFC4511] 4.5.1.2; 3 is the subordinate-subtree draft, as OpenLDAP). */
export const SCOPES: readonly string[] = [
  'baseObject',
  'singleLevel',
  'wholeSubtree',
  'subordinate',
];

/** SearchRequest derefAliases ([RFC4511] 4.5.1.3). */
export const DEREF: readonly string[] = [
  'neverDerefAliases',
  'derefInSearching',
  'derefFindingBaseObj',
  'derefAlways',
];

/** ModifyRequest change operation ([RFC4511] 4.6; 3 is increment, [RFC4525]). */
export const MOD_OPS: readonly string[] = ['add', 'delete', 'replace', 'increment'];

/**
 * BindRequest AuthenticationChoice context tags ([RFC4511] 4.2; 9-11 are Microsoft's
 * "sicily" NTLM binds, as Wireshark's ldap.cnf names them).
 */
export const AUTH_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'simple'],
  [3, 'sasl'],
  [9, 'sicily_package_discovery'],
  [10, 'sicily_negotiate'],
  [11, 'sicily_response'],
]);

/** AuthenticationChoice tag numbers. */
export const Auth = { SIMPLE: 0, SASL: 3 } as const;

/** SASL mechanisms that carry a password in clear ([RFC4616] PLAIN, LOGIN draft). */
export const CLEARTEXT_MECHANISMS: ReadonlySet<string> = new Set(['PLAIN', 'LOGIN']);

/** Filter CHOICE context tags ([RFC4511] 4.5.1.7). */
export const Filter = {
  AND: 0,
  OR: 1,
  NOT: 2,
  EQUALITY: 3,
  SUBSTRINGS: 4,
  GREATER_OR_EQUAL: 5,
  LESS_OR_EQUAL: 6,
  PRESENT: 7,
  APPROX: 8,
  EXTENSIBLE: 9,
} as const;

/** Extended operation names by OID (IANA LDAP OIDs; [MS-ADTS] 3.1.1.3.4.2 for Microsoft's). */
export const EXTENDED_OPS: ReadonlyMap<string, string> = new Map([
  ['1.3.6.1.4.1.1466.20037', 'StartTLS'],
  ['1.3.6.1.4.1.1466.20036', 'Notice of Disconnection'],
  ['1.3.6.1.4.1.4203.1.11.1', 'Password Modify'],
  ['1.3.6.1.4.1.4203.1.11.3', 'Who am I'],
  ['1.3.6.1.1.8', 'Cancel'],
  ['1.3.6.1.1.21.1', 'Start Transaction'],
  ['1.3.6.1.1.21.3', 'End Transaction'],
  ['1.3.6.1.4.1.1466.101.119.1', 'Dynamic Refresh'],
  ['1.2.840.113556.1.4.1781', 'Fast Concurrent Bind'],
  ['1.2.840.113556.1.4.2212', 'Batch Request'],
  ['1.3.6.1.4.1.4203.1.9.1.4', 'Sync Info'],
]);

/** The StartTLS extended operation ([RFC4511] 4.14.1). */
export const START_TLS_OID = '1.3.6.1.4.1.1466.20037';
/** The Password Modify extended operation: carries passwords in clear ([RFC3062]). */
export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/** Kinds of SASL security layer buffers, by the token that opens them. */
export const SaslToken = {
  /** Kerberos v5 CFX Wrap token, TOK_ID 05 04 ([RFC4121] 4.2.6.2). */
  KRB5_CFX: 'krb5_cfx',
  /** RFC 1964 GSS-API Wrap token inside an [APPLICATION 0] InitialContextToken frame. */
  GSSAPI: 'gssapi',
  /** NTLMSSP message signature, version 1 ([MS-NLMP] 2.2.2.9). */
  NTLMSSP: 'ntlmssp',
  /**
   * The layer of another SASL mechanism negotiated by a bind seen on the flow (DIGEST-MD5,
   * [RFC2831] 2.3 and 2.4): no token of its own.
   */
  OTHER: 'sasl',
} as const;

/** CFX Wrap token flags ([RFC4121] 4.2.6.2). */
export const CfxFlag = { SENT_BY_ACCEPTOR: 0x01, SEALED: 0x02, ACCEPTOR_SUBKEY: 0x04 } as const;
