/**
 * RDP code tables.
 *
 * References:
 * - [MS-RDPBCGR] Remote Desktop Protocol: Basic Connectivity and Graphics Remoting (v20240423):
 *   2.2.1.1 Client X.224 Connection Request PDU (routingToken / cookie, RDP_NEG_REQ),
 *   2.2.1.1.1 RDP_NEG_REQ, 2.2.1.1.2 RDP_NEG_CORRELATION_INFO, 2.2.1.2 Server X.224 Connection
 *   Confirm PDU, 2.2.1.2.1 RDP_NEG_RSP, 2.2.1.2.2 RDP_NEG_FAILURE, 2.2.1.3 MCS Connect Initial
 *   (GCC Conference Create Request), 2.2.1.3.2 TS_UD_CS_CORE, 2.2.1.3.3 TS_UD_CS_SEC,
 *   2.2.1.3.4 TS_UD_CS_NET, 2.2.1.3.5 TS_UD_CS_CLUSTER, 2.2.1.4 MCS Connect Response,
 *   2.2.1.4.2 TS_UD_SC_CORE, 2.2.1.4.3 TS_UD_SC_SEC1, 5.3 Standard RDP Security, 5.4 Enhanced
 *   RDP Security (TLS, CredSSP, RDSTLS).
 * - [MS-RDPBCGR] 2.2.15 / [MS-RDPEUDP] 2.2.2.1 RDPUDP_FEC_HEADER, 2.2.2.5 RDPUDP_SYNDATA_PAYLOAD.
 * - [X224] ITU-T X.224 / ISO 8073 13.3 (CR TPDU), 13.4 (CC TPDU), 13.7 (DT TPDU); [RFC1006] TPKT.
 * - [T125] ITU-T T.125 MCS (Connect-Initial [APPLICATION 101], Connect-Response [APPLICATION
 *   102], BER); [T124] ITU-T T.124 GCC (PER, H.221 keys "Duca" / "McDn").
 */

/** Ports: TCP 3389 (and UDP 3389 for the RDP-UDP transport, [MS-RDPEUDP]). */
export const RDP_PORTS: readonly number[] = [3389];

/** Framing constants. */
export const RDP = {
  /** TPKT version ([RFC1006] 6). */
  TPKT_VERSION: 3,
  /** X.224 CR/CC fixed part after the LI: code, DST-REF (2), SRC-REF (2), class (1). */
  CONNECT_FIXED: 6,
  /** Offset of the CR/CC variable part in a TPKT frame: TPKT (4) + LI (1) + fixed part (6). */
  CONNECT_VARIABLE_AT: 11,
  /** X.224 DT header: LI 2, code 0xF0, EOT/NR (ISO 8073 13.7), after the 4-byte TPKT header. */
  DT_LI: 2,
  /** RDP_NEG_REQ / RSP / FAILURE length ([MS-RDPBCGR] 2.2.1.1.1). */
  NEG_LENGTH: 8,
  /** RDP_NEG_CORRELATION_INFO length ([MS-RDPBCGR] 2.2.1.1.2). */
  CORRELATION_LENGTH: 36,
  /**
   * Longest routing token or cookie line kept. mstsc truncates the user name in the cookie to
   * 9 characters of the domain\\user it was given ("mstshash=" + name); load-balancer tokens
   * are "msts=IP.PORT.RESERVED": 64 bytes is generous for both, so a longer line is odd.
   */
  MAX_COOKIE: 64,
  /** Channels listed from TS_UD_CS_NET ([MS-RDPBCGR] 2.2.1.3.4: at most 31 are allowed). */
  MAX_CHANNELS: 31,
  /** Bytes of the GCC user data searched for the H.221 key. */
  H221_SEARCH: 32,
  /** RDP-UDP SYN datagrams are padded to 1232 bytes ([MS-RDPEUDP] 3.1.5.1.1). */
  UDP_SYN_SN_ACK: 0xffffffff,
} as const;

/** X.224 TPDU codes, high nibble of the code octet ([X224] 13.1). */
export const Tpdu = {
  CR: 0xe0,
  CC: 0xd0,
  DR: 0x80,
  DT: 0xf0,
  ER: 0x70,
} as const;

/** RDP_NEG_* type octets ([MS-RDPBCGR] 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2, 2.2.1.1.2). */
export const NegType = {
  REQ: 0x01,
  RSP: 0x02,
  FAILURE: 0x03,
  CORRELATION_INFO: 0x06,
} as const;

/** RDP_NEG_REQ flags ([MS-RDPBCGR] 2.2.1.1.1). */
export const NEG_REQ_FLAGS: readonly (readonly [number, string])[] = [
  [0x01, 'restricted_admin_mode_required'],
  [0x02, 'redirected_authentication_mode_required'],
  [0x08, 'correlation_info_present'],
];
/** RDP_NEG_REQ flag CORRELATION_INFO_PRESENT. */
export const CORRELATION_INFO_PRESENT = 0x08;

/** RDP_NEG_RSP flags ([MS-RDPBCGR] 2.2.1.2.1). */
export const NEG_RSP_FLAGS: readonly (readonly [number, string])[] = [
  [0x01, 'extended_client_data_supported'],
  [0x02, 'dynvc_gfx_protocol_supported'],
  [0x04, 'negrsp_flag_reserved'],
  [0x08, 'restricted_admin_mode_supported'],
  [0x10, 'redirected_authentication_mode_supported'],
];

/**
 * Security protocols of requestedProtocols / selectedProtocol ([MS-RDPBCGR] 2.2.1.1.1):
 * PROTOCOL_RDP is 0 (Standard RDP Security, 5.3), the others are bits.
 */
export const PROTOCOL_BITS: readonly (readonly [number, string])[] = [
  [0x01, 'tls'],
  [0x02, 'credssp'],
  [0x04, 'rdstls'],
  [0x08, 'credssp_early_user_auth'],
  [0x10, 'rdsaad'],
];
/** PROTOCOL_RDP: Standard RDP Security. */
export const PROTOCOL_RDP = 0;

/** Name of a selected protocol (a single value, [MS-RDPBCGR] 2.2.1.2.1). */
export function protocolName(v: number): string {
  if (v === PROTOCOL_RDP) return 'rdp';
  for (const [bit, name] of PROTOCOL_BITS) if (v === bit) return name;
  return `unknown_0x${v.toString(16)}`;
}

/** Names of the bits of a requestedProtocols value; `rdp` alone when it is 0. */
export function protocolNames(v: number): string[] {
  if (v === PROTOCOL_RDP) return ['rdp'];
  const out: string[] = [];
  let rest = v >>> 0;
  for (const [bit, name] of PROTOCOL_BITS) {
    if (v & bit) out.push(name);
    rest &= ~bit;
  }
  if (rest !== 0) out.push(`unknown_0x${rest.toString(16)}`);
  return out;
}

/** Names of the set bits of `v` from a flag table, plus the unknown rest in hex. */
export function flagNames(v: number, table: readonly (readonly [number, string])[]): string[] {
  const out: string[] = [];
  let rest = v;
  for (const [bit, name] of table) {
    if (v & bit) out.push(name);
    rest &= ~bit;
  }
  if (rest !== 0) out.push(`unknown_0x${rest.toString(16)}`);
  return out;
}

/** RDP_NEG_FAILURE failureCode ([MS-RDPBCGR] 2.2.1.2.2). */
export const FAILURE_CODES: ReadonlyMap<number, string> = new Map([
  [0x01, 'ssl_required_by_server'],
  [0x02, 'ssl_not_allowed_by_server'],
  [0x03, 'ssl_cert_not_on_server'],
  [0x04, 'inconsistent_flags'],
  [0x05, 'hybrid_required_by_server'],
  [0x06, 'ssl_with_user_auth_required_by_server'],
]);

/** TS_UD_HEADER types ([MS-RDPBCGR] 2.2.1.3.1, 2.2.1.4.1). */
export const UserData = {
  CS_CORE: 0xc001,
  CS_SECURITY: 0xc002,
  CS_NET: 0xc003,
  CS_CLUSTER: 0xc004,
  SC_CORE: 0x0c01,
  SC_SECURITY: 0x0c02,
  SC_NET: 0x0c03,
} as const;

/** TS_UD_CS_CORE field offsets from the start of the block header ([MS-RDPBCGR] 2.2.1.3.2). */
export const CsCore = {
  VERSION: 4,
  DESKTOP_WIDTH: 8,
  DESKTOP_HEIGHT: 10,
  KEYBOARD_LAYOUT: 16,
  CLIENT_BUILD: 20,
  CLIENT_NAME: 24,
  CLIENT_NAME_BYTES: 32,
  KEYBOARD_TYPE: 56,
  /** Fixed part up to imeFileName included; optional fields follow. */
  FIXED_END: 132,
  HIGH_COLOR_DEPTH: 140,
  EARLY_CAPABILITY_FLAGS: 144,
  SERVER_SELECTED_PROTOCOL: 212,
} as const;

/** RDP versions of TS_UD_CS_CORE / TS_UD_SC_CORE `version` ([MS-RDPBCGR] 2.2.1.3.2). */
export const RDP_VERSIONS: ReadonlyMap<number, string> = new Map([
  [0x00080001, '4.0'],
  [0x00080004, '5.0-8.1'],
  [0x00080005, '10.0'],
  [0x00080006, '10.1'],
  [0x00080007, '10.2'],
  [0x00080008, '10.3'],
  [0x00080009, '10.4'],
  [0x0008000a, '10.5'],
  [0x0008000b, '10.6'],
  [0x0008000c, '10.7'],
  [0x0008000d, '10.8'],
  [0x0008000e, '10.9'],
  [0x0008000f, '10.10'],
  [0x00080010, '10.11'],
  [0x00080011, '10.12'],
]);

/** Encryption method bits of TS_UD_CS_SEC / TS_UD_SC_SEC1 ([MS-RDPBCGR] 2.2.1.3.3). */
export const ENCRYPTION_METHOD_BITS: readonly (readonly [number, string])[] = [
  [0x01, '40bit'],
  [0x02, '128bit'],
  [0x08, '56bit'],
  [0x10, 'fips'],
];

/** Name of the server's single encryptionMethod ([MS-RDPBCGR] 2.2.1.4.3). */
export function encryptionMethodName(v: number): string {
  if (v === 0) return 'none';
  for (const [bit, name] of ENCRYPTION_METHOD_BITS) if (v === bit) return name;
  return `unknown_0x${v.toString(16)}`;
}

/** encryptionLevel of TS_UD_SC_SEC1 ([MS-RDPBCGR] 2.2.1.4.3). */
export const ENCRYPTION_LEVELS: readonly string[] = [
  'none',
  'low',
  'client_compatible',
  'high',
  'fips',
];

/** MCS BER tags ([T125] 7, application tags 101 and 102 in the two-octet form 7F 65 / 7F 66). */
export const Mcs = {
  APPLICATION: 0x7f,
  CONNECT_INITIAL: 0x65,
  CONNECT_RESPONSE: 0x66,
  OCTET_STRING: 0x04,
} as const;

/** H.221 non-standard keys of the GCC user data ([MS-RDPBCGR] 2.2.1.3, 2.2.1.4). */
export const H221_CLIENT = [0x44, 0x75, 0x63, 0x61] as const; // "Duca"
export const H221_SERVER = [0x4d, 0x63, 0x44, 0x6e] as const; // "McDn"

/** "Cookie: " that starts a routing token or cookie ([MS-RDPBCGR] 2.2.1.1). */
export const COOKIE_PREFIX = [0x43, 0x6f, 0x6f, 0x6b, 0x69, 0x65, 0x3a, 0x20] as const;

/** RDPUDP_FEC_HEADER uFlags ([MS-RDPEUDP] 2.2.2.1). */
export const UDP_FLAGS: readonly (readonly [number, string])[] = [
  [0x0001, 'syn'],
  [0x0002, 'fin'],
  [0x0004, 'ack'],
  [0x0008, 'data'],
  [0x0010, 'fec'],
  [0x0020, 'cn'],
  [0x0040, 'cwr'],
  [0x0080, 'sack_option'],
  [0x0100, 'ack_of_acks'],
  [0x0200, 'synlossy'],
  [0x0400, 'ackdelayed'],
  [0x0800, 'correlation_id'],
  [0x1000, 'synex'],
];
/** RDPUDP_FEC_HEADER flag RDPUDP_FLAG_SYN. */
export const UDP_FLAG_SYN = 0x0001;
/** Smallest and largest MTU of RDPUDP_SYNDATA_PAYLOAD ([MS-RDPEUDP] 2.2.2.5). */
export const UDP_MTU_MIN = 1132;
export const UDP_MTU_MAX = 1232;
