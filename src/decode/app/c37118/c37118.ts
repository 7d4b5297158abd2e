/**
 * IEEE C37.118 synchrophasor parser ([C37.118.2] 6; see constants.ts).
 *
 * Every frame starts with SYNC (0xAA, then the frame type in bits 6-4 and the version in bits
 * 3-0) and FRAMESIZE, and ends with a CRC-CCITT, so the same loop frames a TCP stream and the
 * one or more frames of a UDP datagram. Data frames carry no layout of their own: they are
 * decoded with the last configuration frame (CFG-2 or CFG-3, else CFG-1) seen on the flow, the
 * way a PDC does; a data frame before any configuration is reported and counted, not decoded.
 */
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  C37,
  CMD_TURN_OFF,
  COMMANDS,
  CONFIG_REQUESTS,
  DATA_ERRORS,
  FRAME_TYPE,
  FRAME_TYPES,
  TIME_QUALITY,
  TRIGGER_REASONS,
  UNLOCKED_TIME,
} from './constants.js';
import type { C37118Fields, C37118PmuConfig, C37118PmuData } from './events.js';

/** What a data frame needs to know of one PMU block. */
interface PmuLayout {
  readonly station: string;
  readonly idcode: number;
  readonly format: number;
  readonly phasors: number;
  readonly analogs: number;
  readonly digitals: number;
  readonly nominal: number;
  /** Magnitude scale of the first phasors (integer format), at most PHASOR_PREVIEW. */
  readonly scale: Float64Array;
}

/** Per-flow state. */
export interface C37118State {
  readonly limits: DecoderLimits;
  confirmed: boolean;
  /** PMU blocks of the configuration in force, or null before the first one. */
  layout: PmuLayout[] | null;
  /** Frame type of the configuration in force (CFG-3 and CFG-2 win over CFG-1). */
  layoutType: number;
  /** TIME_BASE of the configuration in force (0: unknown). */
  timeBase: number;
  /** Last IDCODE seen (-1: none yet). */
  idcode: number;
  /** Per PMU block: STAT alarm bits of the previous data frame (edge detection). */
  statSeen: Uint8Array;
  /** A data frame without configuration was already reported on this flow. */
  noConfigReported: boolean;
  /** After a bad frame start on a confirmed flow: looking for the next valid frame. */
  resyncing: boolean;
  /** CRCs of candidate frame starts checked in this resynchronisation. */
  resyncChecks: number;
}

/** Fresh per-flow state. */
export function createC37118State(limits: DecoderLimits): C37118State {
  return {
    limits,
    confirmed: false,
    layout: null,
    layoutType: -1,
    timeBase: 0,
    idcode: -1,
    statSeen: new Uint8Array(0),
    noConfigReported: false,
    resyncing: false,
    resyncChecks: 0,
  };
}

/** CRC-CCITT table (polynomial 0x1021, MSB first) for [C37.118.2] annex B. */
const CRC_TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

/** CRC-CCITT of `d[start..end)` with initial value 0xFFFF. */
export function crcCcitt(d: Uint8Array, start: number, end: number): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ (d[i] as number)) & 0xff] as number);
  }
  return crc;
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function i16(d: Uint8Array, p: number): number {
  return (u16(d, p) << 16) >> 16;
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

const SCRATCH = new DataView(new ArrayBuffer(4));

function f32(d: Uint8Array, p: number): number {
  SCRATCH.setUint32(0, u32(d, p));
  return SCRATCH.getFloat32(0);
}

/** A float rounded to 6 decimals, for readable events. */
function r6(x: number): number {
  // `+ 0` turns -0 into 0, which JSON could not tell apart anyway.
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 + 0 : 0;
}

/** ASCII text of `d[p..p+len)`, stopping at a NUL, trailing spaces removed. */
function ascii(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = d[p + i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s.trimEnd();
}

/** True when the two SYNC bytes at `p` are valid: 0xAA, reserved bit 0, known type, version 1-3. */
function syncOk(b0: number, b1: number): boolean {
  if (b0 !== C37.SYNC || (b1 & 0x80) !== 0) return false;
  const type = (b1 >> 4) & 0x07;
  const version = b1 & 0x0f;
  return type <= FRAME_TYPE.CFG3 && version >= 1 && version <= 3;
}

/**
 * Recognises a C37.118 frame: valid SYNC, a frame size of at least 16 bytes and, once the whole
 * frame is there, a matching CRC-CCITT.
 */
export function probeC37118(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] !== C37.SYNC) return 'no_match';
  if (n < 2) return 'need_more';
  if (!syncOk(data[0] as number, data[1] as number)) return 'no_match';
  if (n < 4) return 'need_more';
  const size = u16(data, 2);
  if (size < C37.MIN_FRAME) return 'no_match';
  if (n < size) return 'need_more';
  return crcCcitt(data, 0, size - 2) === u16(data, size - 2) ? 'match' : 'no_match';
}

/** Decodes the frames in `data` (the next bytes of a TCP stream, or one UDP datagram). */
export function parseC37118(
  state: C37118State,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  const max = state.limits.maxPduBytes;
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    const b0 = data[pos] as number;
    if (state.resyncing) {
      // Skip to the next frame start whose size is sane and whose CRC holds; the bytes seen so
      // far are kept (incomplete) so the verdict does not depend on how the stream was cut.
      // The CRC of a candidate is checked a bounded number of times per resynchronisation, so
      // a stream of fake frame starts cannot make the scan quadratic.
      const v = candidate(data, pos, n, max, state.resyncChecks < C37.RESYNC_CRC_CHECKS);
      if (v === 0 || v === -2) {
        if (v === -2) state.resyncChecks++;
        pos++;
        continue;
      }
      if (v > 0) return incomplete(pos, v);
      state.resyncing = false;
      state.resyncChecks = 0;
    }
    const badSync = b0 !== C37.SYNC || (avail >= 2 && !syncOk(b0, data[pos + 1] as number));
    const size = avail >= 4 ? u16(data, pos + 2) : 0;
    const badSize = !badSync && avail >= 4 && (size < C37.MIN_FRAME || size > max);
    if (badSync || badSize) {
      const anomaly = badSize ? 'c37118.invalid_frame_size' : 'c37118.invalid_sync';
      if (!state.confirmed) return reject(anomaly);
      sink.anomaly(
        anomaly,
        badSize ? `FRAMESIZE ${size}` : `0x${b0.toString(16)} at a frame start`,
      );
      state.resyncing = true;
      pos++;
      continue;
    }
    if (avail < 4) return incomplete(pos, avail + 1);
    if (avail < size) return incomplete(pos, size);
    frame(state, data, pos, pos + size, sink);
    pos += size;
  }
  return OK;
}

/**
 * Whether `d[p..n)` starts a plausible frame: valid SYNC and size, and a matching CRC when `crc`.
 * Returns 0 when it does not, -2 when only its CRC fails, -1 when it does, else the bytes needed
 * to tell.
 */
function candidate(d: Uint8Array, p: number, n: number, max: number, crc: boolean): number {
  const avail = n - p;
  if (d[p] !== C37.SYNC) return 0;
  if (avail < 2) return 2;
  if (!syncOk(C37.SYNC, d[p + 1] as number)) return 0;
  if (avail < 4) return 4;
  const size = u16(d, p + 2);
  if (size < C37.MIN_FRAME || size > max) return 0;
  if (avail < size) return size;
  if (!crc) return -1;
  return crcCcitt(d, p, p + size - 2) === u16(d, p + size - 2) ? -1 : -2;
}

/** Decodes the whole frame `d[start..end)`. */
function frame(
  state: C37118State,
  d: Uint8Array,
  start: number,
  end: number,
  sink: DecodeSink,
): void {
  const b1 = d[start + 1] as number;
  const type = (b1 >> 4) & 0x07;
  const crcOk = crcCcitt(d, start, end - 2) === u16(d, end - 2);
  const tq = d[start + 10] as number;
  const soc = u32(d, start + 6);
  const fracsec = u32(d, start + 10) & 0xffffff;
  const idcode = u16(d, start + 4);
  const f: C37118Fields = {
    frame_type: type,
    frame_type_name: FRAME_TYPES[type] ?? 'unknown',
    version: b1 & 0x0f,
    frame_size: end - start,
    idcode,
    soc,
    fracsec,
    time_quality_flags: tq,
    time_quality: TIME_QUALITY.get(tq & 0x0f) ?? `code_${tq & 0x0f}`,
    leap_second_pending: (tq & 0x10) !== 0,
    leap_second_occurred: (tq & 0x20) !== 0,
    timestamp: '',
    crc_ok: crcOk,
  };
  if (!crcOk) sink.anomaly('c37118.crc_error', `CHK 0x${u16(d, end - 2).toString(16)}`);
  if (state.idcode >= 0 && idcode !== state.idcode) {
    sink.anomaly('c37118.idcode_change', `IDCODE ${state.idcode} -> ${idcode}`);
  }
  state.idcode = idcode;
  const body = start + C37.HEADER;
  const bodyEnd = end - 2;
  let kind: 'c37118.data' | 'c37118.header' | 'c37118.config' | 'c37118.command';
  if (type === FRAME_TYPE.COMMAND) {
    kind = 'c37118.command';
    command(d, body, bodyEnd, f, sink);
  } else if (type === FRAME_TYPE.HEADER) {
    kind = 'c37118.header';
    f.header_text = ascii(d, body, Math.min(bodyEnd - body, C37.HEADER_TEXT));
  } else if (type === FRAME_TYPE.DATA) {
    kind = 'c37118.data';
    dataFrame(state, d, body, bodyEnd, f, sink);
  } else {
    kind = 'c37118.config';
    config(state, d, body, bodyEnd, type, f, crcOk, sink);
  }
  f.timestamp = isoTime(soc, fracsec, f.time_base ?? state.timeBase);
  sink.emit({ kind, c37118: f });
  if (!state.confirmed && crcOk) {
    state.confirmed = true;
    sink.confirm();
  }
}

/** SOC plus FRACSEC / time base as ISO 8601 (whole seconds when the time base is unknown). */
function isoTime(soc: number, fracsec: number, timeBase: number): string {
  const ms = timeBase > 0 && fracsec < timeBase ? (fracsec * 1000) / timeBase : 0;
  const t = new Date(soc * 1000 + ms);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}

function command(d: Uint8Array, p: number, end: number, f: C37118Fields, sink: DecodeSink): void {
  if (end - p < 2) {
    sink.anomaly('c37118.truncated_frame', 'command frame without a command word');
    return;
  }
  const cmd = u16(d, p);
  const name = COMMANDS.get(cmd);
  f.command = cmd;
  f.command_name = name ?? 'unknown';
  if (end - p > 2) f.extended_length = end - p - 2;
  if (name === undefined) sink.anomaly('c37118.unknown_command', `command ${cmd}`);
  else if (cmd === CMD_TURN_OFF) sink.anomaly('c37118.transmission_off', name);
  else if (CONFIG_REQUESTS.has(cmd)) sink.anomaly('c37118.config_request', name);
}

/** CFG-1, CFG-2 ([C37.118.2] table 8) and CFG-3 (table 10) frames. */
function config(
  state: C37118State,
  d: Uint8Array,
  p: number,
  end: number,
  type: number,
  f: C37118Fields,
  crcOk: boolean,
  sink: DecodeSink,
): void {
  const cfg3 = type === FRAME_TYPE.CFG3;
  if (cfg3) {
    if (end - p < 2) return truncated(sink, 'CFG-3 without CONT_IDX');
    const cont = u16(d, p);
    f.continuation_index = cont;
    p += 2;
    // A fragment after the first continues the previous frame's PMU list: not decodable alone.
    if (cont !== 0 && cont !== 1) return;
  }
  if (end - p < 6) return truncated(sink, 'configuration without TIME_BASE and NUM_PMU');
  f.time_base = u32(d, p) & 0xffffff;
  const numPmu = u16(d, p + 4);
  f.num_pmu = numPmu;
  p += 6;
  const max = state.limits.maxObjectsPerMessage;
  const pmus: C37118PmuConfig[] = [];
  const layout: PmuLayout[] = [];
  for (let i = 0; i < numPmu; i++) {
    const q = cfg3 ? pmuCfg3(d, p, end, pmus, layout, max) : pmuCfg12(d, p, end, pmus, layout, max);
    if (q < 0) return truncated(sink, `PMU block ${i + 1} of ${numPmu} cut short`);
    p = q;
  }
  if (numPmu > max) sink.anomaly('c37118.objects_limit_reached', `${numPmu} PMUs`);
  if (end - p >= 2) f.data_rate = i16(d, p);
  f.pmus = pmus;
  // Only a well-formed, complete configuration replaces the one data frames are decoded with.
  const rank = type === FRAME_TYPE.CFG1 ? 0 : 1;
  const have = state.layoutType === FRAME_TYPE.CFG1 ? 0 : state.layoutType < 0 ? -1 : 1;
  if (crcOk && rank >= have && layout.length === numPmu) {
    state.layout = layout;
    state.layoutType = type;
    state.timeBase = f.time_base;
    if (state.statSeen.length < layout.length) state.statSeen = new Uint8Array(layout.length);
    state.statSeen.fill(0);
    state.noConfigReported = false;
  }
}

function truncated(sink: DecodeSink, detail: string): void {
  sink.anomaly('c37118.truncated_frame', detail);
}

function formatFields(
  station: string,
  idcode: number,
  format: number,
  ph: number,
  an: number,
  dg: number,
): C37118PmuConfig {
  return {
    station,
    idcode,
    format,
    phasor_float: (format & 0x02) !== 0,
    phasor_polar: (format & 0x01) !== 0,
    analog_float: (format & 0x04) !== 0,
    freq_float: (format & 0x08) !== 0,
    phasors: ph,
    analogs: an,
    digitals: dg,
    channel_names: [],
    nominal_frequency: 60,
    config_count: 0,
  };
}

/** One CFG-1/CFG-2 PMU block from `p`; returns the offset after it, or -1 when cut short. */
function pmuCfg12(
  d: Uint8Array,
  p: number,
  end: number,
  pmus: C37118PmuConfig[],
  layout: PmuLayout[],
  max: number,
): number {
  if (end - p < 26) return -1;
  const station = ascii(d, p, C37.NAME_LEN);
  const idcode = u16(d, p + 16);
  const format = u16(d, p + 18);
  const ph = u16(d, p + 20);
  const an = u16(d, p + 22);
  const dg = u16(d, p + 24);
  p += 26;
  const names = ph + an + 16 * dg;
  const need = C37.NAME_LEN * names + 4 * (ph + an + dg) + 4;
  if (end - p < need) return -1;
  const pmu = formatFields(station, idcode, format, ph, an, dg);
  for (let i = 0; i < names && i < C37.CHANNEL_NAMES; i++) {
    pmu.channel_names.push(ascii(d, p + C37.NAME_LEN * i, C37.NAME_LEN));
  }
  p += C37.NAME_LEN * names;
  // PHUNIT: byte 0 voltage/current, bits 23-0 the scale in 10^-5 V or A per bit.
  const scale = new Float64Array(Math.min(ph, C37.PHASOR_PREVIEW));
  for (let i = 0; i < scale.length; i++) scale[i] = (u32(d, p + 4 * i) & 0xffffff) * 1e-5;
  p += 4 * (ph + an + dg);
  pmu.nominal_frequency = ((d[p + 1] as number) & 1) !== 0 ? 50 : 60;
  pmu.config_count = u16(d, p + 2);
  p += 4;
  if (pmus.length < max) pmus.push(pmu);
  layout.push({
    station,
    idcode,
    format,
    phasors: ph,
    analogs: an,
    digitals: dg,
    nominal: pmu.nominal_frequency,
    scale,
  });
  return p;
}

/** One CFG-3 PMU block from `p`; returns the offset after it, or -1 when cut short. */
function pmuCfg3(
  d: Uint8Array,
  p: number,
  end: number,
  pmus: C37118PmuConfig[],
  layout: PmuLayout[],
  max: number,
): number {
  if (end - p < 1) return -1;
  const stnLen = d[p] as number;
  if (end - p < 1 + stnLen + 2 + 16 + 8) return -1;
  const station = ascii(d, p + 1, stnLen);
  p += 1 + stnLen;
  const idcode = u16(d, p);
  p += 2 + 16; // IDCODE, G_PMU_ID
  const format = u16(d, p);
  const ph = u16(d, p + 2);
  const an = u16(d, p + 4);
  const dg = u16(d, p + 6);
  p += 8;
  const pmu = formatFields(station, idcode, format, ph, an, dg);
  const names = ph + an + 16 * dg;
  for (let i = 0; i < names; i++) {
    if (end - p < 1) return -1;
    const len = d[p] as number;
    if (end - p < 1 + len) return -1;
    if (i < C37.CHANNEL_NAMES) pmu.channel_names.push(ascii(d, p + 1, len));
    p += 1 + len;
  }
  // PHSCALE: flags (4), magnitude scale factor (float), angle offset (float) per phasor.
  const need = 12 * ph + 8 * an + 4 * dg + 12 + 1 + 8 + 4;
  if (end - p < need) return -1;
  const scale = new Float64Array(Math.min(ph, C37.PHASOR_PREVIEW));
  for (let i = 0; i < scale.length; i++) scale[i] = f32(d, p + 12 * i + 4);
  p += 12 * ph + 8 * an + 4 * dg + 12 + 1 + 8; // ..., LAT, LON, ELEV, SVC_CLASS, WINDOW, GRP_DLY
  pmu.nominal_frequency = ((d[p + 1] as number) & 1) !== 0 ? 50 : 60;
  pmu.config_count = u16(d, p + 2);
  p += 4;
  if (pmus.length < max) pmus.push(pmu);
  layout.push({
    station,
    idcode,
    format,
    phasors: ph,
    analogs: an,
    digitals: dg,
    nominal: pmu.nominal_frequency,
    scale,
  });
  return p;
}

/** Size of a PMU block of a data frame ([C37.118.2] table 5). */
function blockSize(l: PmuLayout): number {
  const fl = l.format;
  return (
    2 +
    l.phasors * (fl & 0x02 ? 8 : 4) +
    (fl & 0x08 ? 8 : 4) +
    l.analogs * (fl & 0x04 ? 4 : 2) +
    2 * l.digitals
  );
}

const STAT_ERROR = 1;
const STAT_UNSYNC = 2;
const STAT_CFG = 4;

/** A data frame, decoded with the configuration in force. */
function dataFrame(
  state: C37118State,
  d: Uint8Array,
  p: number,
  end: number,
  f: C37118Fields,
  sink: DecodeSink,
): void {
  const layout = state.layout;
  if (layout === null) {
    f.no_config = true;
    if (!state.noConfigReported) {
      state.noConfigReported = true;
      sink.anomaly('c37118.data_before_config', `IDCODE ${f.idcode}`);
    }
    return;
  }
  f.num_pmu = layout.length;
  let total = 0;
  for (const l of layout) total += blockSize(l);
  if (total !== end - p) {
    sink.anomaly('c37118.config_mismatch', `${end - p} data bytes, configuration says ${total}`);
  }
  const max = state.limits.maxObjectsPerMessage;
  const out: C37118PmuData[] = [];
  for (let i = 0; i < layout.length; i++) {
    const l = layout[i] as PmuLayout;
    const size = blockSize(l);
    if (end - p < size) break;
    const blk = pmuData(l, d, p);
    p += size;
    statEdges(state, i, blk, sink);
    if (out.length < max) out.push(blk);
  }
  if (layout.length > max) {
    sink.anomaly('c37118.objects_limit_reached', `${layout.length} PMU blocks`);
  }
  f.data = out;
}

function pmuData(l: PmuLayout, d: Uint8Array, p: number): C37118PmuData {
  const stat = u16(d, p);
  const reason = stat & 0x0f;
  const blk: C37118PmuData = {
    idcode: l.idcode,
    station: l.station,
    stat,
    data_error: DATA_ERRORS[stat >> 14] as string,
    pmu_sync: (stat & 0x2000) === 0,
    sorting_by_arrival: (stat & 0x1000) !== 0,
    trigger: (stat & 0x0800) !== 0,
    config_change: (stat & 0x0400) !== 0,
    data_modified: (stat & 0x0200) !== 0,
    pmu_time_quality: (stat >> 6) & 0x07,
    unlocked_time: UNLOCKED_TIME[(stat >> 4) & 0x03] as string,
    trigger_reason: TRIGGER_REASONS.get(reason) ?? (reason >= 8 ? `user_${reason}` : 'reserved'),
    phasor_count: l.phasors,
    analog_count: l.analogs,
    digital_count: l.digitals,
  };
  p += 2;
  const fl = l.format;
  const phFloat = (fl & 0x02) !== 0;
  const polar = (fl & 0x01) !== 0;
  const n = Math.min(l.phasors, C37.PHASOR_PREVIEW);
  if (n > 0) {
    const list: { magnitude: number; angle: number }[] = [];
    for (let i = 0; i < n; i++) {
      const q = p + i * (phFloat ? 8 : 4);
      let mag: number;
      let ang: number;
      if (phFloat) {
        const a = f32(d, q);
        const b = f32(d, q + 4);
        mag = polar ? a : Math.hypot(a, b);
        ang = polar ? b : Math.atan2(b, a);
      } else {
        const s = l.scale[i] ?? 1;
        if (polar) {
          mag = u16(d, q) * s;
          ang = i16(d, q + 2) / 10_000;
        } else {
          const re = i16(d, q) * s;
          const im = i16(d, q + 2) * s;
          mag = Math.hypot(re, im);
          ang = Math.atan2(im, re);
        }
      }
      list.push({ magnitude: r6(mag), angle: r6((ang * 180) / Math.PI) });
    }
    blk.phasors = list;
  }
  p += l.phasors * (phFloat ? 8 : 4);
  if ((fl & 0x08) !== 0) {
    blk.frequency = r6(f32(d, p));
    blk.rocof = r6(f32(d, p + 4));
  } else {
    // Deviation from nominal in mHz; ROCOF times 100.
    blk.frequency = r6(l.nominal + i16(d, p) / 1000);
    blk.rocof = r6(i16(d, p + 2) / 100);
  }
  return blk;
}

/** Raises the STAT anomalies when a condition starts, not on every frame while it lasts. */
function statEdges(state: C37118State, i: number, blk: C37118PmuData, sink: DecodeSink): void {
  const now =
    (blk.data_error !== 'good' ? STAT_ERROR : 0) |
    (blk.pmu_sync ? 0 : STAT_UNSYNC) |
    (blk.config_change ? STAT_CFG : 0);
  const before = i < state.statSeen.length ? (state.statSeen[i] as number) : 0;
  const rising = now & ~before;
  if (i < state.statSeen.length) state.statSeen[i] = now;
  if (rising === 0) return;
  if (rising & STAT_ERROR)
    sink.anomaly('c37118.stat_data_error', `${blk.station}: ${blk.data_error}`);
  if (rising & STAT_UNSYNC)
    sink.anomaly('c37118.sync_loss', `${blk.station}: PMU not synchronised`);
  if (rising & STAT_CFG) sink.anomaly('c37118.config_change', `${blk.station}: STAT config change`);
}
