/**
 * IEC 60870-5-101/104 information elements ([101] 7.2.6, coded per IEC 60870-5-4: multi-octet
 * values least significant octet first): the values, qualifiers, quality descriptors and time
 * tags of one information object, by type id ([101] 7.3).
 *
 * The caller gates the cursor (the type's element size is available) and passes an object that
 * already holds the address; the decoders fill the element fields in place and return flags
 * naming what was out of the standard (a reserved qualifier, a command state that is not
 * permitted, an impossible time), which the ASDU decoder turns into one anomaly each.
 */
import type { ByteCursor } from '../../cursor.js';
import {
  BCR,
  COI,
  COMMAND,
  DOUBLE_COMMAND_NAMES,
  DOUBLE_POINT_NAMES,
  FRZ_NAMES,
  NVA_SCALE,
  QCC,
  QPM,
  QUALITY,
  STATE,
  STEP_COMMAND_NAMES,
  TIME,
  VTI,
  coiName,
  kpaName,
  qoiName,
  qrpName,
  quName,
  rqtName,
} from './constants.js';
import type { Iec104Object, Iec104Quality } from './events.js';

/** An element value outside what the standard allows; one anomaly per ASDU and flag. */
export const ElementFlag = {
  /** A time tag whose fields are out of range while its IV bit says it is valid. */
  INVALID_TIME: 1,
  /** A qualifier value the standard reserves (QOI, QCC RQT, QRP, QU, COI, KPA). */
  RESERVED_QUALIFIER: 2,
  /** A double or regulating step command with state 0 or 3 ([101] 7.2.6.16-17). */
  COMMAND_NOT_PERMITTED: 4,
} as const;

function qualityOf(q: number): Iec104Quality {
  return {
    invalid: (q & QUALITY.IV) !== 0,
    not_topical: (q & QUALITY.NT) !== 0,
    substituted: (q & QUALITY.SB) !== 0,
    blocked: (q & QUALITY.BL) !== 0,
  };
}

/** QDS ([101] 7.2.6.3): the four flags plus OV. */
function qds(q: number): Iec104Quality {
  const out = qualityOf(q);
  out.overflow = (q & QUALITY.OV) !== 0;
  return out;
}

/** QDP and the quality bits of SEP ([101] 7.2.6.4, 7.2.6.10): the four flags plus EI. */
function qdp(q: number): Iec104Quality {
  const out = qualityOf(q);
  out.elapsed_time_invalid = (q & QUALITY.EI) !== 0;
  return out;
}

function pad(n: number, width: number): string {
  return n.toString().padStart(width, '0');
}

/** Days of `month` (1-12) in `year`. */
function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * CP56Time2a ([101] 7.2.6.18): ms (2), minute + RES1/GEN + IV, hour + SU, day + day of week,
 * month, year (0-99, read as 2000-2099; 100-127 as 2000-2027). Sets `time` (or `stop_time` when `stop`), and the IV,
 * SU and GEN bits; returns INVALID_TIME when the fields cannot be a date and IV is clear.
 */
export function readCp56(c: ByteCursor, o: Iec104Object, stop = false): number {
  const ms = c.u16le();
  const mi = c.u8();
  const ho = c.u8();
  const da = c.u8();
  const mo = c.u8();
  const ye = c.u8();
  const minute = mi & TIME.MINUTE_MASK;
  const hour = ho & TIME.HOUR_MASK;
  const day = da & TIME.DAY_MASK;
  const month = mo & TIME.MONTH_MASK;
  // [101] years 0-99 of the century; some stacks send a struct tm year (years since 1900,
  // 090813_diverse.pcap: 109 for 2009), which 100-127 can only be.
  const y7 = ye & TIME.YEAR_MASK;
  const year = y7 < 100 ? 2000 + y7 : 1900 + y7;
  const invalid = (mi & TIME.INVALID_BIT) !== 0;
  const ok =
    ms <= TIME.MAX_MS &&
    minute <= 59 &&
    hour <= 23 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(month, year);
  if (stop) {
    if (ok) o.stop_time = isoTime(year, month, day, hour, minute, ms);
    return ok || invalid ? 0 : ElementFlag.INVALID_TIME;
  }
  if (ok) o.time = isoTime(year, month, day, hour, minute, ms);
  o.time_invalid = invalid;
  o.time_summer = (ho & TIME.SUMMER_BIT) !== 0;
  o.time_substituted = (mi & TIME.SUBSTITUTED_BIT) !== 0;
  return ok || invalid ? 0 : ElementFlag.INVALID_TIME;
}

function isoTime(y: number, mo: number, d: number, h: number, mi: number, ms: number): string {
  const sec = Math.floor(ms / 1000);
  return (
    `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:` +
    `${pad(sec, 2)}.${pad(ms - sec * 1000, 3)}`
  );
}

/** CP24Time2a ([101] 7.2.6.19): ms (2), minute + IV: `MM:SS.mmm`. */
function readCp24(c: ByteCursor, o: Iec104Object): number {
  const ms = c.u16le();
  const mi = c.u8();
  const minute = mi & TIME.MINUTE_MASK;
  const invalid = (mi & TIME.INVALID_BIT) !== 0;
  const ok = ms <= TIME.MAX_MS && minute <= 59;
  if (ok) {
    const sec = Math.floor(ms / 1000);
    o.time = `${pad(minute, 2)}:${pad(sec, 2)}.${pad(ms - sec * 1000, 3)}`;
  }
  o.time_invalid = invalid;
  o.time_substituted = (mi & TIME.SUBSTITUTED_BIT) !== 0;
  return ok || invalid ? 0 : ElementFlag.INVALID_TIME;
}

/** Normalized value NVA ([101] 7.2.6.6). */
function readNva(c: ByteCursor, o: Iec104Object): void {
  const raw = c.i16le();
  o.value = raw / NVA_SCALE;
  o.raw = raw;
}

/**
 * Short float R32-IEEE STD 754 ([101] 7.2.6.8), as the shortest decimal that reads back as the
 * same single-precision value (3.14, not 3.140000104904175: what the sender meant, and what
 * Wireshark shows). NaN and infinities go to `value_special`; -0 becomes 0 (JSON has no -0).
 */
function readR32(c: ByteCursor, o: Iec104Object): void {
  const v = c.f32le();
  if (!Number.isFinite(v)) {
    o.value_special = Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    return;
  }
  if (v === 0) {
    o.value = 0;
    return;
  }
  // 7 significant digits identify most single-precision values; 9 identify every one.
  for (let p = FLOAT_DIGITS_FIRST; p < FLOAT_DIGITS_ALL; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) {
      o.value = d;
      return;
    }
  }
  o.value = v;
}

const FLOAT_DIGITS_FIRST = 7;
const FLOAT_DIGITS_ALL = 9;

/** Binary counter reading BCR ([101] 7.2.6.9): I32 counter + SQ, CY, CA, IV. */
function readBcr(c: ByteCursor, o: Iec104Object): void {
  o.value = c.i32le();
  const s = c.u8();
  o.sequence = s & BCR.SEQ_MASK;
  o.carry = (s & BCR.CY) !== 0;
  o.adjusted = (s & BCR.CA) !== 0;
  o.invalid = (s & BCR.IV) !== 0;
}

/** SIQ ([101] 7.2.6.1). */
function readSiq(c: ByteCursor, o: Iec104Object): void {
  const b = c.u8();
  o.value = (b & STATE.SINGLE_MASK) !== 0;
  o.quality = qualityOf(b);
}

/** DIQ ([101] 7.2.6.2). */
function readDiq(c: ByteCursor, o: Iec104Object): void {
  const b = c.u8();
  o.value = b & STATE.DOUBLE_MASK;
  o.state = DOUBLE_POINT_NAMES[b & STATE.DOUBLE_MASK] as string;
  o.quality = qualityOf(b);
}

/** VTI + QDS ([101] 7.2.6.5, 7.2.6.3). */
function readVtiQds(c: ByteCursor, o: Iec104Object): void {
  const v = c.u8();
  const raw = v & VTI.VALUE_MASK;
  o.value = (raw & VTI.SIGN_BIT) !== 0 ? raw - 0x80 : raw;
  o.transient = (v & VTI.TRANSIENT_BIT) !== 0;
  o.quality = qds(c.u8());
}

/** SCO/DCO/RCO qualifier bits: QU and S/E ([101] 7.2.6.15-17). */
function commandQualifier(b: number, o: Iec104Object): number {
  const qu = (b >> COMMAND.QU_SHIFT) & COMMAND.QU_MASK;
  o.qualifier = qu;
  o.qualifier_name = quName(qu);
  o.select = (b & COMMAND.SELECT_BIT) !== 0;
  return qu > 3 && qu < 16 ? ElementFlag.RESERVED_QUALIFIER : 0;
}

/** QOS ([101] 7.2.6.39): QL and S/E. */
function readQos(c: ByteCursor, o: Iec104Object): void {
  const b = c.u8();
  o.qualifier = b & COMMAND.QL_MASK;
  o.select = (b & COMMAND.SELECT_BIT) !== 0;
}

/** QPM ([101] 7.2.6.24). */
function readQpm(c: ByteCursor, o: Iec104Object): number {
  const b = c.u8();
  const kpa = b & QPM.KPA_MASK;
  o.qualifier = b;
  o.parameter_kind = kpa;
  o.parameter_kind_name = kpaName(kpa);
  o.local_change = (b & QPM.LPC_BIT) !== 0;
  o.not_in_operation = (b & QPM.POP_BIT) !== 0;
  return kpa === 0 || (kpa > 4 && kpa < 32) ? ElementFlag.RESERVED_QUALIFIER : 0;
}

/** SEP + QDP-style quality ([101] 7.2.6.10): ES state bits 1-2, EI BL SB NT IV. */
function readSep(c: ByteCursor, o: Iec104Object): void {
  const b = c.u8();
  o.value = b & STATE.DOUBLE_MASK;
  o.state = DOUBLE_POINT_NAMES[b & STATE.DOUBLE_MASK] as string;
  o.quality = qdp(b);
}

/**
 * Decodes the elements of one object of type `typeId` (the cursor holds at least the type's
 * element size) into `o`. Returns {@link ElementFlag} bits. Types without fixed elements are
 * not passed here.
 */
export function readElements(c: ByteCursor, typeId: number, o: Iec104Object): number {
  let flags = 0;
  switch (typeId) {
    case 1: // M_SP_NA_1
      readSiq(c, o);
      break;
    case 2: // M_SP_TA_1
      readSiq(c, o);
      flags |= readCp24(c, o);
      break;
    case 3: // M_DP_NA_1
      readDiq(c, o);
      break;
    case 4: // M_DP_TA_1
      readDiq(c, o);
      flags |= readCp24(c, o);
      break;
    case 5: // M_ST_NA_1
      readVtiQds(c, o);
      break;
    case 6: // M_ST_TA_1
      readVtiQds(c, o);
      flags |= readCp24(c, o);
      break;
    case 7: // M_BO_NA_1
      o.value = c.u32le();
      o.quality = qds(c.u8());
      break;
    case 8: // M_BO_TA_1
      o.value = c.u32le();
      o.quality = qds(c.u8());
      flags |= readCp24(c, o);
      break;
    case 9: // M_ME_NA_1
      readNva(c, o);
      o.quality = qds(c.u8());
      break;
    case 10: // M_ME_TA_1
      readNva(c, o);
      o.quality = qds(c.u8());
      flags |= readCp24(c, o);
      break;
    case 11: // M_ME_NB_1
      o.value = c.i16le();
      o.quality = qds(c.u8());
      break;
    case 12: // M_ME_TB_1
      o.value = c.i16le();
      o.quality = qds(c.u8());
      flags |= readCp24(c, o);
      break;
    case 13: // M_ME_NC_1
      readR32(c, o);
      o.quality = qds(c.u8());
      break;
    case 14: // M_ME_TC_1
      readR32(c, o);
      o.quality = qds(c.u8());
      flags |= readCp24(c, o);
      break;
    case 15: // M_IT_NA_1
      readBcr(c, o);
      break;
    case 16: // M_IT_TA_1
      readBcr(c, o);
      flags |= readCp24(c, o);
      break;
    case 17: // M_EP_TA_1
      readSep(c, o);
      o.elapsed_ms = c.u16le();
      flags |= readCp24(c, o);
      break;
    case 18: // M_EP_TB_1
      o.start_events = c.u8() & STATE.SPE_MASK;
      o.quality = qdp(c.u8());
      o.elapsed_ms = c.u16le();
      flags |= readCp24(c, o);
      break;
    case 19: // M_EP_TC_1
      o.output_circuits = c.u8() & STATE.OCI_MASK;
      o.quality = qdp(c.u8());
      o.elapsed_ms = c.u16le();
      flags |= readCp24(c, o);
      break;
    case 20: // M_PS_NA_1
      o.status = c.u16le();
      o.changes = c.u16le();
      o.quality = qds(c.u8());
      break;
    case 21: // M_ME_ND_1
      readNva(c, o);
      break;
    case 30: // M_SP_TB_1
      readSiq(c, o);
      flags |= readCp56(c, o);
      break;
    case 31: // M_DP_TB_1
      readDiq(c, o);
      flags |= readCp56(c, o);
      break;
    case 32: // M_ST_TB_1
      readVtiQds(c, o);
      flags |= readCp56(c, o);
      break;
    case 33: // M_BO_TB_1
      o.value = c.u32le();
      o.quality = qds(c.u8());
      flags |= readCp56(c, o);
      break;
    case 34: // M_ME_TD_1
      readNva(c, o);
      o.quality = qds(c.u8());
      flags |= readCp56(c, o);
      break;
    case 35: // M_ME_TE_1
      o.value = c.i16le();
      o.quality = qds(c.u8());
      flags |= readCp56(c, o);
      break;
    case 36: // M_ME_TF_1
      readR32(c, o);
      o.quality = qds(c.u8());
      flags |= readCp56(c, o);
      break;
    case 37: // M_IT_TB_1
      readBcr(c, o);
      flags |= readCp56(c, o);
      break;
    case 38: // M_EP_TD_1
      readSep(c, o);
      o.elapsed_ms = c.u16le();
      flags |= readCp56(c, o);
      break;
    case 39: // M_EP_TE_1
      o.start_events = c.u8() & STATE.SPE_MASK;
      o.quality = qdp(c.u8());
      o.elapsed_ms = c.u16le();
      flags |= readCp56(c, o);
      break;
    case 40: // M_EP_TF_1
      o.output_circuits = c.u8() & STATE.OCI_MASK;
      o.quality = qdp(c.u8());
      o.elapsed_ms = c.u16le();
      flags |= readCp56(c, o);
      break;
    case 41: // S_IT_TC_1
      o.association_id = c.u16le();
      readBcr(c, o);
      flags |= readCp56(c, o);
      break;
    case 45: // C_SC_NA_1
    case 58: {
      // C_SC_TA_1
      const b = c.u8();
      o.value = (b & STATE.SINGLE_MASK) !== 0;
      flags |= commandQualifier(b, o);
      if (typeId === 58) flags |= readCp56(c, o);
      break;
    }
    case 46: // C_DC_NA_1
    case 59: {
      // C_DC_TA_1
      const b = c.u8();
      o.value = b & STATE.DOUBLE_MASK;
      o.state = DOUBLE_COMMAND_NAMES[b & STATE.DOUBLE_MASK] as string;
      if ((b & STATE.DOUBLE_MASK) === 0 || (b & STATE.DOUBLE_MASK) === 3)
        flags |= ElementFlag.COMMAND_NOT_PERMITTED;
      flags |= commandQualifier(b, o);
      if (typeId === 59) flags |= readCp56(c, o);
      break;
    }
    case 47: // C_RC_NA_1
    case 60: {
      // C_RC_TA_1
      const b = c.u8();
      o.value = b & STATE.DOUBLE_MASK;
      o.state = STEP_COMMAND_NAMES[b & STATE.DOUBLE_MASK] as string;
      if ((b & STATE.DOUBLE_MASK) === 0 || (b & STATE.DOUBLE_MASK) === 3)
        flags |= ElementFlag.COMMAND_NOT_PERMITTED;
      flags |= commandQualifier(b, o);
      if (typeId === 60) flags |= readCp56(c, o);
      break;
    }
    case 48: // C_SE_NA_1
    case 61: // C_SE_TA_1
      readNva(c, o);
      readQos(c, o);
      if (typeId === 61) flags |= readCp56(c, o);
      break;
    case 49: // C_SE_NB_1
    case 62: // C_SE_TB_1
      o.value = c.i16le();
      readQos(c, o);
      if (typeId === 62) flags |= readCp56(c, o);
      break;
    case 50: // C_SE_NC_1
    case 63: // C_SE_TC_1
      readR32(c, o);
      readQos(c, o);
      if (typeId === 63) flags |= readCp56(c, o);
      break;
    case 51: // C_BO_NA_1
    case 64: // C_BO_TA_1
      o.value = c.u32le();
      if (typeId === 64) flags |= readCp56(c, o);
      break;
    case 70: {
      // M_EI_NA_1
      const b = c.u8();
      const cause = b & COI.CAUSE_MASK;
      o.cause = cause;
      o.cause_name = coiName(cause);
      o.after_parameter_change = (b & COI.CHANGE_BIT) !== 0;
      if (cause > 2 && cause < 32) flags |= ElementFlag.RESERVED_QUALIFIER;
      break;
    }
    case 100: {
      // C_IC_NA_1
      const q = c.u8();
      o.qualifier = q;
      o.qualifier_name = qoiName(q);
      if (q < 64 && (q < 20 || q > 36)) flags |= ElementFlag.RESERVED_QUALIFIER;
      break;
    }
    case 101: {
      // C_CI_NA_1
      const q = c.u8();
      const rqt = q & QCC.RQT_MASK;
      const frz = q >> QCC.FRZ_SHIFT;
      o.qualifier = q;
      o.request = rqt;
      o.request_name = rqtName(rqt);
      o.freeze = frz;
      o.freeze_name = FRZ_NAMES[frz] as string;
      if (rqt === 0 || (rqt > 5 && rqt < 32)) flags |= ElementFlag.RESERVED_QUALIFIER;
      break;
    }
    case 102: // C_RD_NA_1: the address is the whole object
      break;
    case 103: // C_CS_NA_1
      flags |= readCp56(c, o);
      break;
    case 104: // C_TS_NA_1: FBP, 0x55AA
      o.value = c.u16le();
      break;
    case 105: {
      // C_RP_NA_1
      const q = c.u8();
      o.qualifier = q;
      o.qualifier_name = qrpName(q);
      if (q === 0 || (q > 2 && q < 128)) flags |= ElementFlag.RESERVED_QUALIFIER;
      break;
    }
    case 106: // C_CD_NA_1
      o.elapsed_ms = c.u16le();
      break;
    case 107: // C_TS_TA_1
      o.test_counter = c.u16le();
      flags |= readCp56(c, o);
      break;
    case 110: // P_ME_NA_1
      readNva(c, o);
      flags |= readQpm(c, o);
      break;
    case 111: // P_ME_NB_1
      o.value = c.i16le();
      flags |= readQpm(c, o);
      break;
    case 112: // P_ME_NC_1
      readR32(c, o);
      flags |= readQpm(c, o);
      break;
    case 113: // P_AC_NA_1: QPA
      o.qualifier = c.u8();
      break;
    case 120: // F_FR_NA_1: NOF, LOF, FRQ
      o.file_name = c.u16le();
      o.file_length = c.u24le();
      o.qualifier = c.u8();
      break;
    case 121: // F_SR_NA_1: NOF, NOS, LOF, SRQ
      o.file_name = c.u16le();
      o.section = c.u8();
      o.file_length = c.u24le();
      o.qualifier = c.u8();
      break;
    case 122: // F_SC_NA_1: NOF, NOS, SCQ
    case 124: // F_AF_NA_1: NOF, NOS, AFQ
      o.file_name = c.u16le();
      o.section = c.u8();
      o.qualifier = c.u8();
      break;
    case 123: // F_LS_NA_1: NOF, NOS, LSQ, CHS
      o.file_name = c.u16le();
      o.section = c.u8();
      o.qualifier = c.u8();
      o.checksum = c.u8();
      break;
    case 126: // F_DR_TA_1: NOF, LOF, SOF, CP56
      o.file_name = c.u16le();
      o.file_length = c.u24le();
      o.file_status = c.u8();
      flags |= readCp56(c, o);
      break;
    case 127: // F_SC_NB_1: NOF, CP56 start, CP56 stop
      o.file_name = c.u16le();
      flags |= readCp56(c, o);
      flags |= readCp56(c, o, true);
      break;
    default:
      break;
  }
  return flags;
}
