/**
 * IEC 61850-8-1 GOOSE code tables and limits.
 *
 * References:
 * - [8-1] IEC 61850-8-1:2011 (Ed.2) 8.1.2 / Annex C: Ethernet frame (APPID, Length, Reserved 1
 *   with the Simulate bit, Reserved 2), Annex A GOOSE/GSE management ASN.1 (GOOSEpdu,
 *   IECGoosePdu, GSEMngtPdu), 8.1.3 MMS Data encoding of allData.
 * - [7-2] IEC 61850-7-2:2010 18.2.3.5-18.2.3.8: StNum, SqNum (0 on the first message after a
 *   state change, wrap to 1), TimeAllowedtoLive, Simulation/Test, ConfRev, NdsCom.
 * - [9506] ISO 9506-2 (MMS) Data CHOICE tags (array [1] ... utc-time [17]).
 * - Wireshark 4.0 epan/dissectors/packet-goose.c (asn1/goose/goose.asn), names cross-checked.
 */

/** Framing constants ([8-1] Annex C). */
export const GOOSE = {
  /** EtherType of GOOSE ([8-1] Table C.2). */
  ETHERTYPE: 0x88b8,
  /** EtherType of GSE management ([8-1] Table C.2). */
  ETHERTYPE_GSE: 0x88b9,
  /** APPID, Length, Reserved 1, Reserved 2. */
  HEADER: 8,
  /** Header plus the smallest APDU (tag and length octets). */
  MIN_LENGTH: 10,
  /** Reserved 1 bit 15: Simulate ([8-1] Ed.2 C.2.3.1). */
  SIMULATE_BIT: 0x8000,
} as const;

/** APDU tags: GOOSEpdu CHOICE ([8-1] A.3). */
export const PDU_TAG = {
  /** gseMngtPdu [APPLICATION 0] IMPLICIT SEQUENCE. */
  GSE_MNGT: 0x60,
  /** goosePdu [APPLICATION 1] IMPLICIT SEQUENCE (IECGoosePdu). */
  GOOSE: 0x61,
} as const;

/** IECGoosePdu fields, context tags [0]..[11] primitive, allData constructed ([8-1] A.3). */
export const FIELD_TAG = {
  GOCB_REF: 0x80,
  TIME_ALLOWED_TO_LIVE: 0x81,
  DAT_SET: 0x82,
  GO_ID: 0x83,
  T: 0x84,
  ST_NUM: 0x85,
  SQ_NUM: 0x86,
  SIMULATION: 0x87,
  CONF_REV: 0x88,
  NDS_COM: 0x89,
  NUM_DAT_SET_ENTRIES: 0x8a,
  ALL_DATA: 0xab,
} as const;

/** Bit of each mandatory IECGoosePdu field, for the "missing field" check. */
export const MANDATORY = {
  GOCB_REF: 1 << 0,
  TIME_ALLOWED_TO_LIVE: 1 << 1,
  DAT_SET: 1 << 2,
  T: 1 << 3,
  ST_NUM: 1 << 4,
  SQ_NUM: 1 << 5,
  CONF_REV: 1 << 6,
  NUM_DAT_SET_ENTRIES: 1 << 7,
  ALL_DATA: 1 << 8,
  ALL: 0x1ff,
} as const;

/** Names of the mandatory fields, by bit index (anomaly details). */
export const MANDATORY_NAMES: readonly string[] = [
  'gocbRef',
  'timeAllowedtoLive',
  'datSet',
  't',
  'stNum',
  'sqNum',
  'confRev',
  'numDatSetEntries',
  'allData',
];

/** MMS Data CHOICE tag numbers as used in allData ([9506] / [8-1] 8.1.3, Table 3). */
export const DATA_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'array'],
  [2, 'structure'],
  [3, 'boolean'],
  [4, 'bit-string'],
  [5, 'integer'],
  [6, 'unsigned'],
  [7, 'floating-point'],
  [8, 'real'],
  [9, 'octet-string'],
  [10, 'visible-string'],
  [12, 'binary-time'],
  [13, 'bcd'],
  [14, 'boolean-array'],
  [15, 'obj-id'],
  [16, 'mms-string'],
  [17, 'utc-time'],
]);

/** GSEMngtPdu requestResp CHOICE ([8-1] A.2): [1] requests, [2] responses. */
export const GSE_REQUESTS: ReadonlyMap<number, string> = new Map([
  [1, 'get_go_reference'],
  [2, 'get_goose_element_number'],
  [3, 'get_gs_reference'],
  [4, 'get_gsse_data_offset'],
]);

/** GSEMngtResponses CHOICE ([8-1] A.2). */
export const GSE_RESPONSES: ReadonlyMap<number, string> = new Map([
  [0, 'gse_mngt_not_supported'],
  ...GSE_REQUESTS,
]);

/**
 * Bounds on what one frame may make the decoder do or list, and on the state kept per stream.
 * Each is counted by a named anomaly when reached.
 */
export const LIMITS = {
  /** Nesting of structure/array in allData (real data sets nest 2-4 deep). */
  MAX_DEPTH: 8,
  /** allData values listed in one event (nested ones included); the rest are counted. */
  MAX_VALUES: 256,
  /** Octets of an octet-string or bit-string shown; text characters of a string. */
  MAX_VALUE_OCTETS: 64,
  /** GOOSE control blocks tracked per layer-2 stream (publisher MAC, destination, VLAN). */
  MAX_CONTROL_BLOCKS: 64,
  /**
   * Largest timeAllowedtoLive taken as sane, ms. [7-2] 18.2.3.6 leaves it to the publisher; real
   * ones send 1 s to 60 s (the shared captures: 1,000-40,000). Above 10 minutes a subscriber
   * would not notice a dead publisher for that long.
   */
  MAX_TIME_ALLOWED_TO_LIVE: 600_000,
} as const;

/** stNum and sqNum wrap after 2^32 - 1 to 1 ([7-2] 18.2.3.5, 18.2.3.7). */
export const COUNTER_MAX = 0xffffffff;
