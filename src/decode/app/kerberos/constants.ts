/**
 * Kerberos V5 code tables.
 *
 * References:
 * - [RFC4120] The Kerberos Network Authentication Service (V5): 5 (messages, ASN.1 module in
 *   5.x and appendix A), 7.2 (transport), 7.5 (assigned numbers: 7.5.1 key usages, 7.5.2 PA-DATA,
 *   7.5.7 message types, 7.5.8 name types, 7.5.9 error codes).
 * - [RFC3961] 8, [RFC3962], [RFC4757], [RFC8009], [RFC6803] and the IANA "Kerberos Encryption
 *   Type Numbers" registry: encryption types.
 * - [RFC6649] (DES deprecated) and [RFC8429] (3DES and RC4 deprecated): the weak types.
 * - [RFC6113] (FAST), [RFC4556] (PKINIT), [RFC6806] (canonicalize), [RFC6112] (anonymity).
 * - [MS-KILE] 2.2 (PA-PAC-REQUEST 128, PA-SUPPORTED-ENCTYPES 165, PA-PAC-OPTIONS 167,
 *   KERB-ERROR-DATA), [MS-SFU] 2.2 (PA-FOR-USER 129, PA-S4U-X509-USER 130, cname-in-addl-tkt).
 * - [RFC3244] Microsoft Windows 2000 Kerberos Change Password and Set Password Protocols.
 */

/** Ports and framing. */
export const KRB = {
  /** Kerberos KDC, UDP and TCP ([RFC4120] 7.2.1, 7.2.2). */
  PORT: 88,
  /** kpasswd, UDP and TCP ([RFC3244] 1). */
  KPASSWD_PORT: 464,
  /** TCP record mark: 4 octets, the high bit reserved ([RFC4120] 7.2.2). */
  RECORD_MARK: 4,
  /** Protocol version number (pvno, tkt-vno). */
  PVNO: 5,
  /** Principal name components listed; more raise `kerberos.limit_reached`. */
  MAX_COMPONENTS: 16,
  /** Characters of one principal component, realm or salt copied into an event. */
  MAX_NAME_CHARS: 256,
  /** Characters of e-text copied into an event. */
  MAX_E_TEXT: 256,
  /** Requested encryption types, PA-DATA and ETYPE-INFO entries listed per message. */
  MAX_LIST: 32,
  /** Tickets of a KRB-CRED or additional-tickets counted before giving up. */
  MAX_TICKETS: 64,
  /** kpasswd versions ([RFC3244] 2): change password, and Microsoft's set password. */
  KPASSWD_CHANGE: 0x0001,
  KPASSWD_SET: 0xff80,
} as const;

/** Message types ([RFC4120] 7.5.7); the APPLICATION tag number is the message type. */
export const MSG = {
  AS_REQ: 10,
  AS_REP: 11,
  TGS_REQ: 12,
  TGS_REP: 13,
  AP_REQ: 14,
  AP_REP: 15,
  SAFE: 20,
  PRIV: 21,
  CRED: 22,
  ERROR: 30,
} as const;

/** Message type to the RFC name and our event kind. */
export const MSG_TYPES: ReadonlyMap<number, { readonly name: string; readonly kind: string }> =
  new Map([
    [MSG.AS_REQ, { name: 'AS-REQ', kind: 'kerberos.as_req' }],
    [MSG.AS_REP, { name: 'AS-REP', kind: 'kerberos.as_rep' }],
    [MSG.TGS_REQ, { name: 'TGS-REQ', kind: 'kerberos.tgs_req' }],
    [MSG.TGS_REP, { name: 'TGS-REP', kind: 'kerberos.tgs_rep' }],
    [MSG.AP_REQ, { name: 'AP-REQ', kind: 'kerberos.ap_req' }],
    [MSG.AP_REP, { name: 'AP-REP', kind: 'kerberos.ap_rep' }],
    [MSG.SAFE, { name: 'KRB-SAFE', kind: 'kerberos.safe' }],
    [MSG.PRIV, { name: 'KRB-PRIV', kind: 'kerberos.priv' }],
    [MSG.CRED, { name: 'KRB-CRED', kind: 'kerberos.cred' }],
    [MSG.ERROR, { name: 'KRB-ERROR', kind: 'kerberos.error' }],
  ]);

/** BER identifiers used in the parse ([RFC4120] 5; X.690 8.1.2). */
export const TAG = {
  /** [APPLICATION n] constructed: 0x60 | n. */
  APPLICATION: 0x60,
  /** [n] context-specific constructed: 0xa0 | n. */
  CONTEXT: 0xa0,
  SEQUENCE: 0x30,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  BOOLEAN: 0x01,
  GENERAL_STRING: 0x1b,
  GENERALIZED_TIME: 0x18,
  /** Ticket ::= [APPLICATION 1]. */
  TICKET: 0x61,
} as const;

/** PA-DATA types ([RFC4120] 7.5.2, IANA "Pre-authentication and Typed Data"; MS-KILE, MS-SFU). */
export const PA = {
  TGS_REQ: 1,
  ENC_TIMESTAMP: 2,
  PW_SALT: 3,
  ETYPE_INFO: 11,
  PK_AS_REQ_OLD: 14,
  PK_AS_REQ: 16,
  ETYPE_INFO2: 19,
  PAC_REQUEST: 128,
  FOR_USER: 129,
  FX_FAST: 136,
  ENCRYPTED_CHALLENGE: 138,
  PAC_OPTIONS: 167,
} as const;

export const PADATA_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'PA-TGS-REQ'],
  [2, 'PA-ENC-TIMESTAMP'],
  [3, 'PA-PW-SALT'],
  [5, 'PA-ENC-UNIX-TIME'],
  [6, 'PA-SANDIA-SECUREID'],
  [7, 'PA-SESAME'],
  [8, 'PA-OSF-DCE'],
  [9, 'PA-CYBERSAFE-SECUREID'],
  [10, 'PA-AFS3-SALT'],
  [11, 'PA-ETYPE-INFO'],
  [12, 'PA-SAM-CHALLENGE'],
  [13, 'PA-SAM-RESPONSE'],
  [14, 'PA-PK-AS-REQ-OLD'],
  [15, 'PA-PK-AS-REP-OLD'],
  [16, 'PA-PK-AS-REQ'],
  [17, 'PA-PK-AS-REP'],
  [19, 'PA-ETYPE-INFO2'],
  [20, 'PA-SVR-REFERRAL-INFO'],
  [21, 'PA-SAM-REDIRECT'],
  [22, 'PA-GET-FROM-TYPED-DATA'],
  [25, 'PA-SERVER-REFERRAL'],
  [30, 'PA-SAM-CHALLENGE-2'],
  [31, 'PA-SAM-RESPONSE-2'],
  [41, 'PA-EXTRA-TGT'],
  [102, 'TD-PKINIT-CMS-CERTIFICATES'],
  [103, 'TD-KRB-PRINCIPAL'],
  [104, 'TD-KRB-REALM'],
  [105, 'TD-TRUSTED-CERTIFIERS'],
  [106, 'TD-CERTIFICATE-INDEX'],
  [107, 'TD-APP-DEFINED-ERROR'],
  [108, 'TD-REQ-NONCE'],
  [109, 'TD-REQ-SEQ'],
  [110, 'TD-DH-PARAMETERS'],
  [111, 'TD-CMS-DIGEST-ALGORITHMS'],
  [112, 'TD-CERT-DIGEST-ALGORITHMS'],
  [128, 'PA-PAC-REQUEST'],
  [129, 'PA-FOR-USER'],
  [130, 'PA-S4U-X509-USER'],
  [131, 'PA-FOR-CHECK-DUPS'],
  [132, 'PA-AS-CHECKSUM'],
  [133, 'PA-FX-COOKIE'],
  [134, 'PA-AUTHENTICATION-SET'],
  [135, 'PA-AUTH-SET-SELECTED'],
  [136, 'PA-FX-FAST'],
  [137, 'PA-FX-ERROR'],
  [138, 'PA-ENCRYPTED-CHALLENGE'],
  [141, 'PA-OTP-CHALLENGE'],
  [142, 'PA-OTP-REQUEST'],
  [144, 'PA-OTP-PIN-CHANGE'],
  [145, 'PA-EPAK-AS-REQ'],
  [146, 'PA-EPAK-AS-REP'],
  [147, 'PA-PKINIT-KX'],
  [148, 'PA-PKU2U-NAME'],
  [149, 'PA-REQ-ENC-PA-REP'],
  [150, 'PA-AS-FRESHNESS'],
  [151, 'PA-SPAKE'],
  [161, 'PA-KERB-KEY-LIST-REQ'],
  [162, 'PA-KERB-KEY-LIST-REP'],
  [165, 'PA-SUPPORTED-ENCTYPES'],
  [166, 'PA-EXTENDED-ERROR'],
  [167, 'PA-PAC-OPTIONS'],
]);

/**
 * PA-DATA types that pre-authenticate an AS-REQ: encrypted timestamp ([RFC4120] 5.2.7.2),
 * PKINIT ([RFC4556] 3.2.1, and its draft-19 form), FAST ([RFC6113] 5.4.2, whose armored request
 * carries the real pre-authentication), encrypted challenge ([RFC6113] 6.5), SPAKE
 * (draft-ietf-kitten-krb-spake-preauth, MIT krb5 1.17+).
 */
export const PREAUTH_TYPES: ReadonlySet<number> = new Set([2, 14, 16, 136, 138, 151]);

/** Encryption types (IANA registry; the negative ones are Microsoft's private types). */
export const ETYPES: ReadonlyMap<number, string> = new Map([
  [0, 'null'],
  [1, 'des-cbc-crc'],
  [2, 'des-cbc-md4'],
  [3, 'des-cbc-md5'],
  [5, 'des3-cbc-md5'],
  [7, 'des3-cbc-sha1'],
  [9, 'dsaWithSHA1-CmsOID'],
  [10, 'md5WithRSAEncryption-CmsOID'],
  [11, 'sha1WithRSAEncryption-CmsOID'],
  [12, 'rc2CBC-EnvOID'],
  [13, 'rsaEncryption-EnvOID'],
  [14, 'rsaES-OAEP-ENV-OID'],
  [15, 'des-ede3-cbc-Env-OID'],
  [16, 'des3-cbc-sha1-kd'],
  [17, 'aes128-cts-hmac-sha1-96'],
  [18, 'aes256-cts-hmac-sha1-96'],
  [19, 'aes128-cts-hmac-sha256-128'],
  [20, 'aes256-cts-hmac-sha384-192'],
  [23, 'rc4-hmac'],
  [24, 'rc4-hmac-exp'],
  [25, 'camellia128-cts-cmac'],
  [26, 'camellia256-cts-cmac'],
  [65, 'subkey-keymaterial'],
  [-128, 'rc4-md4'],
  [-129, 'rc4-plain2'],
  [-130, 'rc4-lm'],
  [-131, 'rc4-sha'],
  [-132, 'des-plain'],
  [-133, 'rc4-hmac-old'],
  [-134, 'rc4-plain-old'],
  [-135, 'rc4-hmac-old-exp'],
  [-136, 'rc4-plain-old-exp'],
  [-140, 'rc4-plain'],
  [-141, 'rc4-plain-exp'],
]);

/**
 * Weak encryption types: single DES ([RFC6649]), triple DES and RC4 ([RFC8429]), and
 * Microsoft's private RC4/DES variants. RC4 keys are the NT hash itself, so tickets and
 * pre-authentication under RC4 are what Kerberoasting, AS-REP roasting, overpass-the-hash and
 * the Skeleton Key backdoor (which forces RC4) rely on.
 */
export function weakEtype(e: number): boolean {
  return (e >= 1 && e <= 7) || e === 16 || e === 23 || e === 24 || (e <= -128 && e >= -141);
}

/** Name of an encryption type (`etype-<n>` when unassigned). */
export function etypeName(e: number): string {
  return ETYPES.get(e) ?? `etype-${e}`;
}

/** Principal name types ([RFC4120] 6.2, 7.5.8; [RFC6111]; MS-KILE 2.2.1). */
export const NAME_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'NT-UNKNOWN'],
  [1, 'NT-PRINCIPAL'],
  [2, 'NT-SRV-INST'],
  [3, 'NT-SRV-HST'],
  [4, 'NT-SRV-XHST'],
  [5, 'NT-UID'],
  [6, 'NT-X500-PRINCIPAL'],
  [7, 'NT-SMTP-NAME'],
  [10, 'NT-ENTERPRISE'],
  [11, 'NT-WELLKNOWN'],
  [12, 'NT-SRV-HST-DOMAIN'],
  [-128, 'NT-MS-PRINCIPAL'],
  [-129, 'NT-MS-PRINCIPAL-AND-ID'],
  [-130, 'NT-ENT-PRINCIPAL-AND-ID'],
]);

/**
 * KDCOptions bit names, bit 0 being the most significant bit of the first octet
 * ([RFC4120] 5.4.1; bit 14 [MS-SFU] 2.2.3, 15 [RFC6806], 16 [RFC6112]).
 */
export const KDC_OPTIONS: readonly (string | null)[] = [
  'reserved',
  'forwardable',
  'forwarded',
  'proxiable',
  'proxy',
  'allow-postdate',
  'postdated',
  null,
  'renewable',
  null,
  null,
  'opt-hardware-auth',
  null,
  null,
  'cname-in-addl-tkt',
  'canonicalize',
  'request-anonymous',
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  'disable-transited-check',
  'renewable-ok',
  'enc-tkt-in-skey',
  null,
  'renew',
  'validate',
];

/** APOptions bit names ([RFC4120] 5.5.1). */
export const AP_OPTIONS: readonly (string | null)[] = [
  'reserved',
  'use-session-key',
  'mutual-required',
];

/** PA-PAC-OPTIONS flag names ([MS-KILE] 2.2.10). */
export const PAC_OPTIONS: readonly (string | null)[] = [
  'claims',
  'branch-aware',
  'forward-to-full-dc',
  'resource-based-constrained-delegation',
];

/** Error codes ([RFC4120] 7.5.9; [RFC4556] 3.1.3; [RFC6113] 5.4.3; [RFC6806] 8). */
export const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'KDC_ERR_NONE'],
  [1, 'KDC_ERR_NAME_EXP'],
  [2, 'KDC_ERR_SERVICE_EXP'],
  [3, 'KDC_ERR_BAD_PVNO'],
  [4, 'KDC_ERR_C_OLD_MAST_KVNO'],
  [5, 'KDC_ERR_S_OLD_MAST_KVNO'],
  [6, 'KDC_ERR_C_PRINCIPAL_UNKNOWN'],
  [7, 'KDC_ERR_S_PRINCIPAL_UNKNOWN'],
  [8, 'KDC_ERR_PRINCIPAL_NOT_UNIQUE'],
  [9, 'KDC_ERR_NULL_KEY'],
  [10, 'KDC_ERR_CANNOT_POSTDATE'],
  [11, 'KDC_ERR_NEVER_VALID'],
  [12, 'KDC_ERR_POLICY'],
  [13, 'KDC_ERR_BADOPTION'],
  [14, 'KDC_ERR_ETYPE_NOSUPP'],
  [15, 'KDC_ERR_SUMTYPE_NOSUPP'],
  [16, 'KDC_ERR_PADATA_TYPE_NOSUPP'],
  [17, 'KDC_ERR_TRTYPE_NOSUPP'],
  [18, 'KDC_ERR_CLIENT_REVOKED'],
  [19, 'KDC_ERR_SERVICE_REVOKED'],
  [20, 'KDC_ERR_TGT_REVOKED'],
  [21, 'KDC_ERR_CLIENT_NOTYET'],
  [22, 'KDC_ERR_SERVICE_NOTYET'],
  [23, 'KDC_ERR_KEY_EXPIRED'],
  [24, 'KDC_ERR_PREAUTH_FAILED'],
  [25, 'KDC_ERR_PREAUTH_REQUIRED'],
  [26, 'KDC_ERR_SERVER_NOMATCH'],
  [27, 'KDC_ERR_MUST_USE_USER2USER'],
  [28, 'KDC_ERR_PATH_NOT_ACCEPTED'],
  [29, 'KDC_ERR_SVC_UNAVAILABLE'],
  [31, 'KRB_AP_ERR_BAD_INTEGRITY'],
  [32, 'KRB_AP_ERR_TKT_EXPIRED'],
  [33, 'KRB_AP_ERR_TKT_NYV'],
  [34, 'KRB_AP_ERR_REPEAT'],
  [35, 'KRB_AP_ERR_NOT_US'],
  [36, 'KRB_AP_ERR_BADMATCH'],
  [37, 'KRB_AP_ERR_SKEW'],
  [38, 'KRB_AP_ERR_BADADDR'],
  [39, 'KRB_AP_ERR_BADVERSION'],
  [40, 'KRB_AP_ERR_MSG_TYPE'],
  [41, 'KRB_AP_ERR_MODIFIED'],
  [42, 'KRB_AP_ERR_BADORDER'],
  [44, 'KRB_AP_ERR_BADKEYVER'],
  [45, 'KRB_AP_ERR_NOKEY'],
  [46, 'KRB_AP_ERR_MUT_FAIL'],
  [47, 'KRB_AP_ERR_BADDIRECTION'],
  [48, 'KRB_AP_ERR_METHOD'],
  [49, 'KRB_AP_ERR_BADSEQ'],
  [50, 'KRB_AP_ERR_INAPP_CKSUM'],
  [51, 'KRB_AP_PATH_NOT_ACCEPTED'],
  [52, 'KRB_ERR_RESPONSE_TOO_BIG'],
  [60, 'KRB_ERR_GENERIC'],
  [61, 'KRB_ERR_FIELD_TOOLONG'],
  [62, 'KDC_ERR_CLIENT_NOT_TRUSTED'],
  [63, 'KDC_ERR_KDC_NOT_TRUSTED'],
  [64, 'KDC_ERR_INVALID_SIG'],
  [65, 'KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED'],
  [66, 'KDC_ERR_CERTIFICATE_MISMATCH'],
  [67, 'KRB_AP_ERR_NO_TGT'],
  [68, 'KDC_ERR_WRONG_REALM'],
  [69, 'KRB_AP_ERR_USER_TO_USER_REQUIRED'],
  [70, 'KDC_ERR_CANT_VERIFY_CERTIFICATE'],
  [71, 'KDC_ERR_INVALID_CERTIFICATE'],
  [72, 'KDC_ERR_REVOKED_CERTIFICATE'],
  [73, 'KDC_ERR_REVOCATION_STATUS_UNKNOWN'],
  [74, 'KDC_ERR_REVOCATION_STATUS_UNAVAILABLE'],
  [75, 'KDC_ERR_CLIENT_NAME_MISMATCH'],
  [76, 'KDC_ERR_KDC_NAME_MISMATCH'],
  [77, 'KDC_ERR_INCONSISTENT_KEY_PURPOSE'],
  [78, 'KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED'],
  [79, 'KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED'],
  [80, 'KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED'],
  [81, 'KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED'],
  [90, 'KDC_ERR_PREAUTH_EXPIRED'],
  [91, 'KDC_ERR_MORE_PREAUTH_DATA_REQUIRED'],
  [93, 'KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS'],
  [100, 'KDC_ERR_NO_ACCEPTABLE_KDF'],
]);

/** Error codes whose e-data is METHOD-DATA, the PA-DATA the KDC accepts ([RFC4120] 5.9.1). */
export const ERR_PREAUTH_REQUIRED = 25;

/** [MS-KILE] 2.2.1 KERB-ERROR-DATA data-type carrying a KERB-EXT-ERROR (NTSTATUS). */
export const KERB_AP_ERR_EXTENDED_ERROR = 3;
