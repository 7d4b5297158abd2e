/**
 * IEC 60870-5-104 code tables.
 *
 * References:
 * - [104] IEC 60870-5-104:2006 (ed. 2) Transmission protocols - Network access for IEC
 *   60870-5-101 using standard transport profiles: 5.1 (APCI), 5.2-5.4 (I, S, U formats),
 *   5.5 (sequence numbers, k and w), 9 (ASDU field sizes: COT 2 octets, common address 2 octets,
 *   IOA 3 octets), 8 (selection of type identifications: which 101 types 104 uses).
 * - [101] IEC 60870-5-101:2003 (ed. 2) Companion standard for basic telecontrol tasks: 7.2.1
 *   (type identification, table 8 and 9), 7.2.2 (variable structure qualifier), 7.2.3 (cause of
 *   transmission, table 14), 7.2.6 (information elements), 7.3 (the ASDU of every type).
 * - [7] IEC 60870-5-7:2013 Security extensions (type ids 41 and 81-95, causes 14-16).
 * - [4] IEC 60870-5-4:1993 Definition and coding of application information elements
 *   (multi-octet values are sent least significant octet first).
 *
 * Names are event values (`iec104.type_name: C_SC_NA_1`, `iec104.cot_name: actcon`) that rules
 * match on; they follow the standard's own abbreviations and never change once published.
 */

/** APCI framing ([104] 5.1): start octet, length octet, four control octets. */
export const APCI = {
  /** START 68H ([104] 5.1, figure 4). */
  START: 0x68,
  /** Start octet + length octet: the length counts the octets after these two. */
  HEADER_BYTES: 2,
  /** The four control octets; the smallest legal APDU length. */
  CONTROL_BYTES: 4,
  /** Largest APDU length: 253 = 255 maximum APDU minus start and length octets ([104] 5.1). */
  MAX_LENGTH: 253,
  /** Registered TCP port ([104] 10.1: "port number 2404"). */
  PORT: 2404,
  /** Sequence numbers count modulo 32768 ([104] 5.5). */
  SEQ_MODULO: 0x8000,
} as const;

/** Control field format bits of the first control octet ([104] 5.2-5.4, figures 6-8). */
export const CONTROL = {
  /** Bit 1 = 0: I format (numbered information transfer). */
  I_MASK: 0x01,
  /** Bits 1-2 = 01: S format; 11: U format. */
  SU_MASK: 0x03,
  S_FORMAT: 0x01,
  U_FORMAT: 0x03,
  /** U format: the six function bits of the first control octet. */
  U_FUNCTION_MASK: 0xfc,
} as const;

/** U format functions ([104] 5.3, figure 8): exactly one bit of octet 1 bits 3-8 is set. */
export const U_FUNCTIONS: Readonly<Record<number, string>> = {
  0x04: 'startdt_act',
  0x08: 'startdt_con',
  0x10: 'stopdt_act',
  0x20: 'stopdt_con',
  0x40: 'testfr_act',
  0x80: 'testfr_con',
};

/** U function bits by name, for the connection state machine. */
export const U_BITS = {
  STARTDT_ACT: 0x04,
  STARTDT_CON: 0x08,
  STOPDT_ACT: 0x10,
  STOPDT_CON: 0x20,
  TESTFR_ACT: 0x40,
  TESTFR_CON: 0x80,
} as const;

/** The ASDU header with the field sizes [104] 9 fixes: type, VSQ, COT (2), common address (2). */
export const ASDU = {
  HEADER_BYTES: 6,
  /** Information object address: three octets in 104 ([104] 9). */
  IOA_BYTES: 3,
  /** VSQ bit 8: SQ = 1, a sequence of elements with consecutive addresses ([101] 7.2.2). */
  SQ_BIT: 0x80,
  /** VSQ bits 1-7: number of information objects or elements. */
  COUNT_MASK: 0x7f,
  /** COT bit 8: T (test) ([101] 7.2.3). */
  TEST_BIT: 0x80,
  /** COT bit 7: P/N (negative confirmation). */
  NEGATIVE_BIT: 0x40,
  /** COT bits 1-6: the cause. */
  CAUSE_MASK: 0x3f,
} as const;

/** What an ASDU type is for; it decides the event kind. */
export const TypeCategory = {
  /** Not defined (0), reserved or private range: not decodable. */
  UNKNOWN: 0,
  /** Process and system information in monitor direction ([101] table 8: 1-44, 70). */
  MONITOR: 1,
  /** Process and system information in control direction (45-69, 100-109). */
  COMMAND: 2,
  /** Parameters in control direction (110-113). */
  PARAMETER: 3,
  /** File transfer (120-127). */
  FILE: 4,
  /** Secure authentication ([7]: 81-95). */
  SECURITY: 5,
} as const;
export type TypeCategory = (typeof TypeCategory)[keyof typeof TypeCategory];

/**
 * Size of the information elements of one object, after its address, for a type whose objects
 * have no fixed size (file segments, secure authentication messages).
 */
export const VARIABLE_SIZE = -1;

/** One type identification. */
export interface TypeInfo {
  /** The standard's name, e.g. `M_SP_NA_1`. */
  readonly name: string;
  /** Octets of information elements per object, after the address; {@link VARIABLE_SIZE}. */
  readonly size: number;
  readonly category: TypeCategory;
  /**
   * False for the IEC 60870-5-101 types that [104] 8 leaves out: the CP24Time2a time-tagged
   * types (2, 4, 6, 8, 10, 12, 14, 16, 17, 18, 19) and C_TS_NA_1 (104), C_CD_NA_1 (106).
   */
  readonly in104: boolean;
}

const M = TypeCategory.MONITOR;
const C = TypeCategory.COMMAND;
const P = TypeCategory.PARAMETER;
const F = TypeCategory.FILE;
const S = TypeCategory.SECURITY;
const V = VARIABLE_SIZE;

/**
 * Every defined type identification ([101] 7.2.1.1 tables 8 and 9, [104] 8, [7] 8), with the
 * octet count of one object's elements ([101] 7.3).
 */
export const TYPES: Readonly<Record<number, TypeInfo>> = {
  /** [101] 7.3.1.1 single-point information: SIQ */
  1: { name: 'M_SP_NA_1', size: 1, category: M, in104: true },
  /** [101] 7.3.1.2 single-point with CP24Time2a: SIQ + CP24 */
  2: { name: 'M_SP_TA_1', size: 4, category: M, in104: false },
  /** [101] 7.3.1.3 double-point information: DIQ */
  3: { name: 'M_DP_NA_1', size: 1, category: M, in104: true },
  /** [101] 7.3.1.4 double-point with CP24Time2a */
  4: { name: 'M_DP_TA_1', size: 4, category: M, in104: false },
  /** [101] 7.3.1.5 step position: VTI + QDS */
  5: { name: 'M_ST_NA_1', size: 2, category: M, in104: true },
  /** [101] 7.3.1.6 step position with CP24Time2a */
  6: { name: 'M_ST_TA_1', size: 5, category: M, in104: false },
  /** [101] 7.3.1.7 bitstring of 32 bits: BSI + QDS */
  7: { name: 'M_BO_NA_1', size: 5, category: M, in104: true },
  /** [101] 7.3.1.8 bitstring with CP24Time2a */
  8: { name: 'M_BO_TA_1', size: 8, category: M, in104: false },
  /** [101] 7.3.1.9 measured value, normalized: NVA + QDS */
  9: { name: 'M_ME_NA_1', size: 3, category: M, in104: true },
  /** [101] 7.3.1.10 normalized with CP24Time2a */
  10: { name: 'M_ME_TA_1', size: 6, category: M, in104: false },
  /** [101] 7.3.1.11 measured value, scaled: SVA + QDS */
  11: { name: 'M_ME_NB_1', size: 3, category: M, in104: true },
  /** [101] 7.3.1.12 scaled with CP24Time2a */
  12: { name: 'M_ME_TB_1', size: 6, category: M, in104: false },
  /** [101] 7.3.1.13 measured value, short floating point: R32 + QDS */
  13: { name: 'M_ME_NC_1', size: 5, category: M, in104: true },
  /** [101] 7.3.1.14 short float with CP24Time2a */
  14: { name: 'M_ME_TC_1', size: 8, category: M, in104: false },
  /** [101] 7.3.1.15 integrated totals: BCR */
  15: { name: 'M_IT_NA_1', size: 5, category: M, in104: true },
  /** [101] 7.3.1.16 integrated totals with CP24Time2a */
  16: { name: 'M_IT_TA_1', size: 8, category: M, in104: false },
  /** [101] 7.3.1.17 event of protection equipment with CP24Time2a: SEP + CP16 + CP24 */
  17: { name: 'M_EP_TA_1', size: 6, category: M, in104: false },
  /** [101] 7.3.1.18 packed start events with CP24Time2a: SPE + QDP + CP16 + CP24 */
  18: { name: 'M_EP_TB_1', size: 7, category: M, in104: false },
  /** [101] 7.3.1.19 packed output circuit information with CP24Time2a: OCI + QDP + CP16 + CP24 */
  19: { name: 'M_EP_TC_1', size: 7, category: M, in104: false },
  /** [101] 7.3.1.20 packed single-point with status change detection: SCD + QDS */
  20: { name: 'M_PS_NA_1', size: 5, category: M, in104: true },
  /** [101] 7.3.1.21 normalized value without quality descriptor: NVA */
  21: { name: 'M_ME_ND_1', size: 2, category: M, in104: true },
  /** [101] 7.3.1.22 single-point with CP56Time2a: SIQ + CP56 */
  30: { name: 'M_SP_TB_1', size: 8, category: M, in104: true },
  /** [101] 7.3.1.23 double-point with CP56Time2a: DIQ + CP56 */
  31: { name: 'M_DP_TB_1', size: 8, category: M, in104: true },
  /** [101] 7.3.1.24 step position with CP56Time2a: VTI + QDS + CP56 */
  32: { name: 'M_ST_TB_1', size: 9, category: M, in104: true },
  /** [101] 7.3.1.25 bitstring with CP56Time2a: BSI + QDS + CP56 */
  33: { name: 'M_BO_TB_1', size: 12, category: M, in104: true },
  /** [101] 7.3.1.26 normalized with CP56Time2a: NVA + QDS + CP56 */
  34: { name: 'M_ME_TD_1', size: 10, category: M, in104: true },
  /** [101] 7.3.1.27 scaled with CP56Time2a: SVA + QDS + CP56 */
  35: { name: 'M_ME_TE_1', size: 10, category: M, in104: true },
  /** [101] 7.3.1.28 short float with CP56Time2a: R32 + QDS + CP56 */
  36: { name: 'M_ME_TF_1', size: 12, category: M, in104: true },
  /** [101] 7.3.1.29 integrated totals with CP56Time2a: BCR + CP56 */
  37: { name: 'M_IT_TB_1', size: 12, category: M, in104: true },
  /** [101] 7.3.1.30 event of protection equipment with CP56Time2a: SEP + CP16 + CP56 */
  38: { name: 'M_EP_TD_1', size: 10, category: M, in104: true },
  /** [101] 7.3.1.31 packed start events with CP56Time2a: SPE + QDP + CP16 + CP56 */
  39: { name: 'M_EP_TE_1', size: 11, category: M, in104: true },
  /** [101] 7.3.1.32 packed output circuit information with CP56Time2a: OCI + QDP + CP16 + CP56 */
  40: { name: 'M_EP_TF_1', size: 11, category: M, in104: true },
  /** [7] 8.2 integrated totals of security statistics: AID (2) + BCR + CP56 */
  41: { name: 'S_IT_TC_1', size: 14, category: M, in104: true },
  /** [101] 7.3.2.1 single command: SCO */
  45: { name: 'C_SC_NA_1', size: 1, category: C, in104: true },
  /** [101] 7.3.2.2 double command: DCO */
  46: { name: 'C_DC_NA_1', size: 1, category: C, in104: true },
  /** [101] 7.3.2.3 regulating step command: RCO */
  47: { name: 'C_RC_NA_1', size: 1, category: C, in104: true },
  /** [101] 7.3.2.4 set-point command, normalized value: NVA + QOS */
  48: { name: 'C_SE_NA_1', size: 3, category: C, in104: true },
  /** [101] 7.3.2.5 set-point command, scaled value: SVA + QOS */
  49: { name: 'C_SE_NB_1', size: 3, category: C, in104: true },
  /** [101] 7.3.2.6 set-point command, short floating point: R32 + QOS */
  50: { name: 'C_SE_NC_1', size: 5, category: C, in104: true },
  /** [101] 7.3.2.7 bitstring of 32 bits: BSI */
  51: { name: 'C_BO_NA_1', size: 4, category: C, in104: true },
  /** [104] 8.1 single command with CP56Time2a: SCO + CP56 */
  58: { name: 'C_SC_TA_1', size: 8, category: C, in104: true },
  /** [104] 8.2 double command with CP56Time2a: DCO + CP56 */
  59: { name: 'C_DC_TA_1', size: 8, category: C, in104: true },
  /** [104] 8.3 regulating step command with CP56Time2a: RCO + CP56 */
  60: { name: 'C_RC_TA_1', size: 8, category: C, in104: true },
  /** [104] 8.4 set-point, normalized, with CP56Time2a: NVA + QOS + CP56 */
  61: { name: 'C_SE_TA_1', size: 10, category: C, in104: true },
  /** [104] 8.5 set-point, scaled, with CP56Time2a: SVA + QOS + CP56 */
  62: { name: 'C_SE_TB_1', size: 10, category: C, in104: true },
  /** [104] 8.6 set-point, short float, with CP56Time2a: R32 + QOS + CP56 */
  63: { name: 'C_SE_TC_1', size: 12, category: C, in104: true },
  /** [104] 8.7 bitstring of 32 bits with CP56Time2a: BSI + CP56 */
  64: { name: 'C_BO_TA_1', size: 11, category: C, in104: true },
  /** [101] 7.3.3 end of initialization: COI */
  70: { name: 'M_EI_NA_1', size: 1, category: M, in104: true },
  /** [7] 8.3 authentication challenge */
  81: { name: 'S_CH_NA_1', size: V, category: S, in104: true },
  /** [7] 8.4 authentication reply */
  82: { name: 'S_RP_NA_1', size: V, category: S, in104: true },
  /** [7] 8.5 aggressive mode authentication request */
  83: { name: 'S_AR_NA_1', size: V, category: S, in104: true },
  /** [7] 8.6 session key status request */
  84: { name: 'S_KR_NA_1', size: V, category: S, in104: true },
  /** [7] 8.7 session key status */
  85: { name: 'S_KS_NA_1', size: V, category: S, in104: true },
  /** [7] 8.8 session key change */
  86: { name: 'S_KC_NA_1', size: V, category: S, in104: true },
  /** [7] 8.9 authentication error */
  87: { name: 'S_ER_NA_1', size: V, category: S, in104: true },
  /** [7] 8.10 user status change */
  90: { name: 'S_US_NA_1', size: V, category: S, in104: true },
  /** [7] 8.11 update key change request */
  91: { name: 'S_UQ_NA_1', size: V, category: S, in104: true },
  /** [7] 8.12 update key change reply */
  92: { name: 'S_UR_NA_1', size: V, category: S, in104: true },
  /** [7] 8.13 update key change, symmetric */
  93: { name: 'S_UK_NA_1', size: V, category: S, in104: true },
  /** [7] 8.14 update key change, asymmetric */
  94: { name: 'S_UA_NA_1', size: V, category: S, in104: true },
  /** [7] 8.15 update key change confirmation */
  95: { name: 'S_UC_NA_1', size: V, category: S, in104: true },
  /** [101] 7.3.4.1 interrogation command: QOI */
  100: { name: 'C_IC_NA_1', size: 1, category: C, in104: true },
  /** [101] 7.3.4.2 counter interrogation command: QCC */
  101: { name: 'C_CI_NA_1', size: 1, category: C, in104: true },
  /** [101] 7.3.4.3 read command: address only */
  102: { name: 'C_RD_NA_1', size: 0, category: C, in104: true },
  /** [101] 7.3.4.4 clock synchronization command: CP56 */
  103: { name: 'C_CS_NA_1', size: 7, category: C, in104: true },
  /** [101] 7.3.4.5 test command: FBP (fixed test bit pattern) */
  104: { name: 'C_TS_NA_1', size: 2, category: C, in104: false },
  /** [101] 7.3.4.6 reset process command: QRP */
  105: { name: 'C_RP_NA_1', size: 1, category: C, in104: true },
  /** [101] 7.3.4.7 delay acquisition command: CP16 */
  106: { name: 'C_CD_NA_1', size: 2, category: C, in104: false },
  /** [104] 8.8 test command with CP56Time2a: TSC + CP56 */
  107: { name: 'C_TS_TA_1', size: 9, category: C, in104: true },
  /** [101] 7.3.5.1 parameter of measured value, normalized: NVA + QPM */
  110: { name: 'P_ME_NA_1', size: 3, category: P, in104: true },
  /** [101] 7.3.5.2 parameter of measured value, scaled: SVA + QPM */
  111: { name: 'P_ME_NB_1', size: 3, category: P, in104: true },
  /** [101] 7.3.5.3 parameter of measured value, short float: R32 + QPM */
  112: { name: 'P_ME_NC_1', size: 5, category: P, in104: true },
  /** [101] 7.3.5.4 parameter activation: QPA */
  113: { name: 'P_AC_NA_1', size: 1, category: P, in104: true },
  /** [101] 7.3.6.1 file ready: NOF + LOF + FRQ */
  120: { name: 'F_FR_NA_1', size: 6, category: F, in104: true },
  /** [101] 7.3.6.2 section ready: NOF + NOS + LOF + SRQ */
  121: { name: 'F_SR_NA_1', size: 7, category: F, in104: true },
  /** [101] 7.3.6.3 call directory, select file, call file, call section: NOF + NOS + SCQ */
  122: { name: 'F_SC_NA_1', size: 4, category: F, in104: true },
  /** [101] 7.3.6.4 last section, last segment: NOF + NOS + LSQ + CHS */
  123: { name: 'F_LS_NA_1', size: 5, category: F, in104: true },
  /** [101] 7.3.6.5 ack file, ack section: NOF + NOS + AFQ */
  124: { name: 'F_AF_NA_1', size: 4, category: F, in104: true },
  /** [101] 7.3.6.6 segment: NOF + NOS + LOS + segment (LOS octets) */
  125: { name: 'F_SG_NA_1', size: V, category: F, in104: true },
  /** [101] 7.3.6.7 directory: NOF + LOF + SOF + CP56 */
  126: { name: 'F_DR_TA_1', size: 13, category: F, in104: true },
  /** [104] 8.9 query log, request archive file: NOF + CP56 (start) + CP56 (stop) */
  127: { name: 'F_SC_NB_1', size: 16, category: F, in104: true },
};

/** Category of each type id 0..255 (UNKNOWN where not defined), for the hot path. */
export const TYPE_CATEGORY: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const [id, info] of Object.entries(TYPES)) t[Number(id)] = info.category;
  return t;
})();

/** Element octets per object of each type id 0..255 (-1 variable or unknown). */
export const TYPE_SIZE: Int16Array = (() => {
  const t = new Int16Array(256).fill(VARIABLE_SIZE);
  for (const [id, info] of Object.entries(TYPES)) t[Number(id)] = info.size;
  return t;
})();

/** `type_name` of a type id: its standard name, or `not_defined` (0), `reserved`, `private`. */
export const TYPE_NAMES: readonly string[] = Array.from({ length: 256 }, (_, id) => {
  const info = TYPES[id];
  if (info) return info.name;
  if (id === 0) return 'not_defined';
  // [101] 7.2.1.1: <128..255> "for special use (private range)".
  return id >= 128 ? 'private' : 'reserved';
});

/**
 * Cause of transmission names ([101] 7.2.3 table 14, [7] for 14-16), the standard's
 * abbreviations in lower case. 0 is "not used"; 17-19 and 42-43 are reserved; 48-63 are for
 * special use (private range).
 */
export const COT_NAMES: readonly string[] = (() => {
  const names: string[] = new Array<string>(64).fill('reserved');
  const fixed: Record<number, string> = {
    0: 'not_used',
    1: 'per_cyc',
    2: 'back',
    3: 'spont',
    4: 'init',
    5: 'req',
    6: 'act',
    7: 'actcon',
    8: 'deact',
    9: 'deactcon',
    10: 'actterm',
    11: 'retrem',
    12: 'retloc',
    13: 'file',
    14: 'auth',
    15: 'seskey',
    16: 'usrkey',
    20: 'inrogen',
    37: 'reqcogen',
    44: 'unknown_type_id',
    45: 'unknown_cause',
    46: 'unknown_common_address',
    47: 'unknown_ioa',
  };
  for (const [k, v] of Object.entries(fixed)) names[Number(k)] = v;
  for (let g = 1; g <= 16; g++) names[20 + g] = `inro${g}`;
  for (let g = 1; g <= 4; g++) names[37 + g] = `reqco${g}`;
  for (let c = 48; c <= 63; c++) names[c] = 'private';
  return names;
})();

/** Causes with which a controlled station refuses an ASDU it does not know ([101] 7.2.3). */
export const COT_UNKNOWN_FIRST = 44;
export const COT_UNKNOWN_LAST = 47;

/** True for a cause value [101] table 14 leaves undefined (0, 17-19, 42-43). */
export function isReservedCause(cause: number): boolean {
  return cause === 0 || (cause >= 17 && cause <= 19) || cause === 42 || cause === 43;
}

/** Quality descriptor bits ([101] 7.2.6.1 SIQ, 7.2.6.2 DIQ, 7.2.6.3 QDS, 7.2.6.4 QDP). */
export const QUALITY = {
  /** OV overflow (QDS bit 1). */
  OV: 0x01,
  /** EI elapsed time invalid (QDP bit 4, SEP bit 4). */
  EI: 0x08,
  /** BL blocked. */
  BL: 0x10,
  /** SB substituted. */
  SB: 0x20,
  /** NT not topical. */
  NT: 0x40,
  /** IV invalid. */
  IV: 0x80,
} as const;

/** State bits of the elements that carry one ([101] 7.2.6.1-2, 7.2.6.10-17). */
export const STATE = {
  /** SPI of SIQ, SCS of SCO. */
  SINGLE_MASK: 0x01,
  /** DPI of DIQ, ES of SEP, DCS of DCO, RCS of RCO. */
  DOUBLE_MASK: 0x03,
  /** SPE: GS, SL1, SL2, SL3, SIE, SRD. */
  SPE_MASK: 0x3f,
  /** OCI: GC, CL1, CL2, CL3. */
  OCI_MASK: 0x0f,
} as const;

/** Double-point / event state names (DPI of [101] 7.2.6.2, ES of SEP 7.2.6.10). */
export const DOUBLE_POINT_NAMES: readonly string[] = [
  'indeterminate_or_intermediate',
  'off',
  'on',
  'indeterminate',
];

/** Double command state names (DCS of [101] 7.2.6.16): 0 and 3 are not permitted. */
export const DOUBLE_COMMAND_NAMES: readonly string[] = [
  'not_permitted',
  'off',
  'on',
  'not_permitted',
];

/** Regulating step command state names (RCS of [101] 7.2.6.17): 0 and 3 are not permitted. */
export const STEP_COMMAND_NAMES: readonly string[] = [
  'not_permitted',
  'lower',
  'higher',
  'not_permitted',
];

/** Command qualifier octet layout (SCO, DCO, RCO [101] 7.2.6.15-17; QOS 7.2.6.39). */
export const COMMAND = {
  /** S/E bit 8: 1 select, 0 execute. */
  SELECT_BIT: 0x80,
  /** QU of SCO/DCO/RCO: bits 3-7. */
  QU_SHIFT: 2,
  QU_MASK: 0x1f,
  /** QL of QOS: bits 1-7. */
  QL_MASK: 0x7f,
} as const;

/**
 * QU: qualifier of command ([101] 7.2.6.26): 0 no additional definition, 1 short pulse, 2 long
 * pulse, 3 persistent output; 4-15 reserved for the standard; 16-31 special use.
 */
export function quName(q: number): string {
  if (q === 0) return 'no_additional_definition';
  if (q === 1) return 'short_pulse';
  if (q === 2) return 'long_pulse';
  if (q === 3) return 'persistent';
  return q >= 16 ? 'private' : 'reserved';
}

/**
 * Qualifier of interrogation ([101] 7.2.6.22): 20 station, 21-36 groups 1-16; 0 not used;
 * 1-19 and 37-63 reserved for the standard; 64-255 special use.
 */
export function qoiName(q: number): string {
  if (q === 20) return 'station';
  if (q >= 21 && q <= 36) return `group_${q - 20}`;
  if (q === 0) return 'not_used';
  return q >= 64 ? 'private' : 'reserved';
}

/** QCC ([101] 7.2.6.23): RQT bits 1-6, FRZ bits 7-8. */
export const QCC = { RQT_MASK: 0x3f, FRZ_SHIFT: 6 } as const;

/** RQT: 1-4 counter groups, 5 general request; 0 none; 6-31 reserved; 32-63 private. */
export function rqtName(r: number): string {
  if (r >= 1 && r <= 4) return `group_${r}`;
  if (r === 5) return 'general';
  if (r === 0) return 'none';
  return r >= 32 ? 'private' : 'reserved';
}

/** FRZ ([101] 7.2.6.23). */
export const FRZ_NAMES: readonly string[] = ['read', 'freeze', 'freeze_and_reset', 'reset'];

/** Qualifier of reset process ([101] 7.2.6.27): 1 general, 2 event buffer; 3-127 reserved. */
export function qrpName(q: number): string {
  if (q === 1) return 'general_reset';
  if (q === 2) return 'reset_event_buffer';
  if (q === 0) return 'not_used';
  return q >= 128 ? 'private' : 'reserved';
}

/** Cause of initialization ([101] 7.2.6.21): bits 1-7 cause, bit 8 after a parameter change. */
export const COI = { CAUSE_MASK: 0x7f, CHANGE_BIT: 0x80 } as const;

/** COI causes. */
export function coiName(c: number): string {
  if (c === 0) return 'local_power_on';
  if (c === 1) return 'local_manual_reset';
  if (c === 2) return 'remote_reset';
  return c >= 32 ? 'private' : 'reserved';
}

/** QPM ([101] 7.2.6.24): KPA bits 1-6, LPC bit 7, POP bit 8. */
export const QPM = { KPA_MASK: 0x3f, LPC_BIT: 0x40, POP_BIT: 0x80 } as const;

/** KPA: kind of parameter. */
export function kpaName(k: number): string {
  if (k === 1) return 'threshold';
  if (k === 2) return 'smoothing_factor';
  if (k === 3) return 'low_limit';
  if (k === 4) return 'high_limit';
  if (k === 0) return 'not_used';
  return k >= 32 ? 'private' : 'reserved';
}

/** BCR status octet ([101] 7.2.6.9): SQ bits 1-5, CY, CA, IV. */
export const BCR = { SEQ_MASK: 0x1f, CY: 0x20, CA: 0x40, IV: 0x80 } as const;

/** CP56Time2a / CP24Time2a field masks ([101] 7.2.6.18, 7.2.6.19). */
export const TIME = {
  MINUTE_MASK: 0x3f,
  /** Minute octet bit 7: substituted time (GEN, "genuine or substituted", in ed. 2). */
  SUBSTITUTED_BIT: 0x40,
  /** Minute octet bit 8: IV. */
  INVALID_BIT: 0x80,
  HOUR_MASK: 0x1f,
  /** Hour octet bit 8: SU, summer time. */
  SUMMER_BIT: 0x80,
  DAY_MASK: 0x1f,
  DOW_SHIFT: 5,
  MONTH_MASK: 0x0f,
  YEAR_MASK: 0x7f,
  /** Milliseconds within a minute: 0..59999. */
  MAX_MS: 59_999,
} as const;

/** VTI ([101] 7.2.6.5): value bits 1-7 (signed), transient bit 8. */
export const VTI = { VALUE_MASK: 0x7f, SIGN_BIT: 0x40, TRANSIENT_BIT: 0x80 } as const;

/** Normalized value NVA ([101] 7.2.6.6): F16, value = raw / 2^15. */
export const NVA_SCALE = 32_768;
