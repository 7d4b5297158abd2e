/**
 * IEC 61850-9-2 Sampled Values code tables and limits.
 *
 * References:
 * - [9-2] IEC 61850-9-2:2011 (Ed.2) 8.2 / Annex A: Ethernet frame (APPID, Length, Reserved 1
 *   with the Simulate bit, Reserved 2), 8.5 savPdu ASN.1 (noASDU, security, seqASDU; ASDU svID,
 *   datSet, smpCnt, confRev, refrTm, smpSynch, smpRate, seqData, smpMod, gmIdentity).
 * - [9-2LE] UCA International Users Group, Implementation Guideline for Digital Interface to
 *   Instrument Transformers using IEC 61850-9-2 (9-2 "Light Edition"), 2004: data set PhsMeas1,
 *   four currents and four voltages, each INT32 value followed by a 32-bit quality.
 * - [7-2] IEC 61850-7-2:2010 19.2 (MSVCB: SmpCnt, SmpSynch, SmpRate, SmpMod).
 * - Wireshark 4.0 epan/dissectors/packet-sv.c (asn1/sv/sv.asn), names cross-checked.
 */

/** Framing constants ([9-2] 8.2, Annex A). */
export const SV = {
  /** EtherType of Sampled Values. */
  ETHERTYPE: 0x88ba,
  /** APPID, Length, Reserved 1, Reserved 2. */
  HEADER: 8,
  /** Header plus the smallest APDU (tag and length octets). */
  MIN_LENGTH: 10,
  /** Reserved 1 bit 15: Simulate ([9-2] Ed.2 8.2.2). */
  SIMULATE_BIT: 0x8000,
  /** savPdu [APPLICATION 0] IMPLICIT SEQUENCE. */
  PDU_TAG: 0x60,
  /** ASDU ::= SEQUENCE. */
  ASDU_TAG: 0x30,
  /** smpCnt is an INT16U: it wraps at 65536, or earlier at the sampling rate (9-2LE: 0..3999). */
  SMPCNT_MODULO: 0x10000,
} as const;

/** savPdu fields ([9-2] 8.5.2). */
export const PDU_FIELD = {
  NO_ASDU: 0x80,
  SECURITY: 0x81,
  SEQ_ASDU: 0xa2,
} as const;

/** ASDU fields ([9-2] 8.5.2), context tags [0]..[9], all primitive. */
export const ASDU_FIELD = {
  SV_ID: 0x80,
  DAT_SET: 0x81,
  SMP_CNT: 0x82,
  CONF_REV: 0x83,
  REFR_TM: 0x84,
  SMP_SYNCH: 0x85,
  SMP_RATE: 0x86,
  SEQ_DATA: 0x87,
  SMP_MOD: 0x88,
  GM_IDENTITY: 0x89,
} as const;

/** Bits of the mandatory ASDU fields, for the "missing field" check. */
export const MANDATORY = {
  SV_ID: 1 << 0,
  SMP_CNT: 1 << 1,
  CONF_REV: 1 << 2,
  SMP_SYNCH: 1 << 3,
  SEQ_DATA: 1 << 4,
  ALL: 0x1f,
} as const;

/** Names of the mandatory fields, by bit index (anomaly details). */
export const MANDATORY_NAMES: readonly string[] = [
  'svID',
  'smpCnt',
  'confRev',
  'smpSynch',
  'seqData',
];

/** smpSynch ([9-2] Ed.2 8.5.2 / [7-2] 19.2.2): 0 none, 1 local clock, 2 global (GPS/PTP). */
export const SMP_SYNCH: ReadonlyMap<number, string> = new Map([
  [0, 'none'],
  [1, 'local'],
  [2, 'global'],
]);

/** smpMod ([7-2] 19.2.2): unit of smpRate. */
export const SMP_MOD: ReadonlyMap<number, string> = new Map([
  [0, 'samples_per_period'],
  [1, 'samples_per_second'],
  [2, 'seconds_per_sample'],
]);

/** 9-2LE PhsMeas1: 8 channels (Ia, Ib, Ic, In in mA; Va, Vb, Vc, Vn in 10 mV) of value + quality. */
export const LE = {
  CHANNELS: 8,
  /** seqData length of a 9-2LE ASDU. */
  SEQ_DATA_BYTES: 64,
} as const;

/** Bounds on what one frame may make the decoder list, and on the state kept per stream. */
export const LIMITS = {
  /** ASDUs listed per event (9-2LE sends 1 or 8); the rest are counted and sequence-checked. */
  MAX_ASDUS: 16,
  /** svIDs followed per layer-2 stream. */
  MAX_SV_IDS: 64,
  /** Characters of svID / datSet kept. */
  MAX_TEXT: 129,
} as const;
