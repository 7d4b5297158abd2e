/**
 * IEC 61850-9-2 Sampled Values parser: the Ethernet payload of EtherType 0x88BA from the APPID
 * on ([9-2] 8.2; VLAN tags are removed by the pipeline).
 *
 * ```
 *  APPID (2) | Length (2) | Reserved 1 (2, bit 15 Simulate) | Reserved 2 (2) | savPdu (BER)
 *  savPdu 0x60 { [0] noASDU, [1] security OPTIONAL, [2] seqASDU SEQUENCE OF ASDU }
 *  ASDU 0x30 { [0] svID, [1] datSet OPTIONAL, [2] smpCnt (2 octets), [3] confRev (4),
 *              [4] refrTm OPTIONAL (UtcTime), [5] smpSynch (1), [6] smpRate OPTIONAL (2),
 *              [7] seqData, [8] smpMod OPTIONAL (2), [9] gmIdentity OPTIONAL (8) }
 * ```
 *
 * The counters are OCTET STRINGs read as unsigned big-endian numbers, as [9-2] 8.6 encodes them.
 * A 64-octet seqData is the 9-2LE data set PhsMeas1 (eight INT32 values, each followed by its
 * quality) and is listed; other data sets are reported by length.
 *
 * Framing follows the GOOSE decoder (the same header, `../goose/ber.ts` for BER): one frame per
 * call in the pipeline with padding after Length ignored, frames back to back elsewhere; a bad
 * Length never rejects the stream. Per stream the state follows each svID: smpCnt must count up
 * by one (a drop to 0 is the counter wrapping), confRev must not change, and a merging unit
 * that loses its time synchronisation is reported.
 */
import { parseFramed, readFrameHeader, type FrameCodec } from '../goose/framing.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  BER_ERRORS,
  BER_LENGTH_OVERFLOW,
  BER_OK,
  Tlv,
  berText,
  berUint,
  hexOf,
  readTlv,
  utcTimeIso,
} from '../goose/ber.js';
import {
  ASDU_FIELD,
  LE,
  LIMITS,
  MANDATORY,
  MANDATORY_NAMES,
  PDU_FIELD,
  SMP_SYNCH,
  SV,
} from './constants.js';
import type { SvAsdu, SvFields } from './events.js';

/** What the stream remembers of one svID. */
interface SampledValue {
  smpCnt: number;
  confRev: number;
  /** Conditions already reported (raised when they start, not on every frame). */
  unsynchronised: boolean;
  simulated: boolean;
}

/** Per-stream state. */
export class SvState {
  /** svIDs seen on the stream (at most LIMITS.MAX_SV_IDS). */
  readonly streams = new Map<string, SampledValue>();
  /** Inside a run of headers whose Length cannot frame a PDU. */
  desync = false;
  /** The svID limit was reported. */
  streamsFull = false;
  constructor(
    readonly limits: DecoderLimits,
    /** One whole Ethernet frame per `parse` call (the pipeline), rather than a byte stream. */
    readonly perFrame: boolean,
  ) {}
}

/**
 * Fresh per-stream state. On `ether` (the pipeline) each `parse` call is one frame; without a
 * transport (test harnesses) the input is a stream of frames framed by their Length.
 */
export function createSvState(limits: DecoderLimits, transport?: 'tcp' | 'udp' | 'ether'): SvState {
  return new SvState(limits, transport === 'ether');
}

const T_PROBE = new Tlv();
const T_PDU = new Tlv();
const T_FIELD = new Tlv();
const T_ASDU = new Tlv();
const T_ITEM = new Tlv();

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function i32(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) << 24) |
    ((d[p + 1] as number) << 16) |
    ((d[p + 2] as number) << 8) |
    (d[p + 3] as number)
  );
}

/** A TLV read is good when whole, or when it runs past a frame the snap length `cut`. */
function good(err: number, cut: boolean): boolean {
  return err === BER_OK || (cut && err === BER_LENGTH_OVERFLOW);
}

/**
 * Recognises a Sampled Values frame: a Length that covers a header and an APDU, and a savPdu
 * whose noASDU is followed (after an optional security field) by seqASDU holding an ASDU
 * SEQUENCE, which tells it from a GSE management PDU, also tagged 0x60. A frame cut by the
 * capture's snap length is still recognised from what is there (only the first frame of a
 * stream is probed); a frame never grows, so too little data is `no_match`.
 */
export function probeSv(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n < SV.MIN_LENGTH) return 'no_match';
  const len = u16(data, 2);
  if (len < SV.MIN_LENGTH) return 'no_match';
  const cut = len > n;
  const end = cut ? n : len;
  const t = T_PROBE;
  if (data[SV.HEADER] !== SV.PDU_TAG || !good(readTlv(data, SV.HEADER, end, t), cut)) {
    return 'no_match';
  }
  const pduEnd = t.end;
  if ((!cut && pduEnd !== len) || data[t.start] !== PDU_FIELD.NO_ASDU) return 'no_match';
  if (!good(readTlv(data, t.start, pduEnd, t), cut)) return 'no_match';
  if (data[t.end] === PDU_FIELD.SECURITY && !good(readTlv(data, t.end, pduEnd, t), cut)) {
    return 'no_match';
  }
  if (data[t.end] !== PDU_FIELD.SEQ_ASDU || !good(readTlv(data, t.end, pduEnd, t), cut)) {
    return 'no_match';
  }
  return data[t.start] === SV.ASDU_TAG ? 'match' : 'no_match';
}

/** GOOSE and SV share the Ethernet framing (`../goose/framing.ts`). */
const CODEC: FrameCodec<SvState> = {
  invalidLength: 'sv.invalid_length',
  truncatedFrame: 'sv.truncated_frame',
  headerOnly: (h, sink) => sink.emit({ kind: 'sv.pdu', sv: h }),
  frame,
};

/** Decodes the Sampled Values frames in `data`. */
export function parseSv(
  state: SvState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  return parseFramed(CODEC, state, data, sink);
}

/** One frame `d[start..end)`. */
function frame(state: SvState, d: Uint8Array, start: number, end: number, sink: DecodeSink) {
  const f: SvFields = readFrameHeader(d, start);
  const t = T_PDU;
  const err = readTlv(d, start + SV.HEADER, end, t);
  if (err !== BER_OK) {
    sink.anomaly('sv.malformed_ber', `savPdu: ${BER_ERRORS[err] ?? 'bad TLV'}`);
    if (err !== BER_LENGTH_OVERFLOW) {
      sink.emit({ kind: 'sv.pdu', sv: f });
      return;
    }
  } else if (t.end !== end) {
    sink.anomaly('sv.malformed_ber', `${end - t.end} octets after the savPdu within Length`);
  }
  if (t.tag !== SV.PDU_TAG) {
    sink.anomaly('sv.unknown_pdu', `APDU tag 0x${t.tag.toString(16)}`);
    sink.emit({ kind: 'sv.pdu', sv: f });
    return;
  }
  savPdu(state, d, t.start, t.end, f, err !== BER_OK, sink);
}

function savPdu(
  state: SvState,
  d: Uint8Array,
  start: number,
  end: number,
  f: SvFields,
  quiet: boolean,
  sink: DecodeSink,
): void {
  const t = T_FIELD;
  let malformed = '';
  let p = start;
  while (p < end) {
    const err = readTlv(d, p, end, t);
    if (err !== BER_OK) {
      malformed = `savPdu: ${BER_ERRORS[err] ?? 'bad TLV'}`;
      if (err !== BER_LENGTH_OVERFLOW) break;
    }
    p = t.end;
    if (t.tag === PDU_FIELD.NO_ASDU) f.no_asdu = berUint(d, t.start, t.end);
    else if (t.tag === PDU_FIELD.SECURITY) f.security = true;
    else if (t.tag === PDU_FIELD.SEQ_ASDU) {
      const m = seqAsdu(state, d, t.start, t.end, f, sink);
      if (malformed === '') malformed = m;
    }
  }
  if (malformed === '' && (f.no_asdu === undefined || f.asdus === undefined)) {
    malformed = 'savPdu without noASDU or seqASDU';
  }
  if (malformed !== '' && !quiet) sink.anomaly('sv.malformed_ber', malformed);
  if (f.no_asdu !== undefined && f.asdu_count !== undefined && f.no_asdu !== f.asdu_count) {
    sink.anomaly('sv.asdu_count_mismatch', `noASDU ${f.no_asdu}, seqASDU has ${f.asdu_count}`);
  }
  simulated(state, f, sink);
  sink.emit({ kind: 'sv.pdu', sv: f });
  // A whole, well-formed savPdu: the stream is Sampled Values.
  if (malformed === '') sink.confirm();
}

/** The ASDUs of seqASDU; returns the first BER problem, or ''. */
function seqAsdu(
  state: SvState,
  d: Uint8Array,
  start: number,
  end: number,
  f: SvFields,
  sink: DecodeSink,
): string {
  const t = T_ASDU;
  const asdus: SvAsdu[] = [];
  let count = 0;
  let malformed = '';
  let p = start;
  while (p < end) {
    const err = readTlv(d, p, end, t);
    if (err !== BER_OK) {
      malformed = `seqASDU: ${BER_ERRORS[err] ?? 'bad TLV'}`;
      if (err !== BER_LENGTH_OVERFLOW) break;
    }
    p = t.end;
    if (t.tag !== SV.ASDU_TAG) {
      if (malformed === '') malformed = `seqASDU element tagged 0x${t.tag.toString(16)}`;
      continue;
    }
    count++;
    const a: SvAsdu = {};
    const m = asdu(d, t.start, t.end, a);
    if (malformed === '' && m !== '') malformed = m;
    follow(state, a, sink);
    if (asdus.length < LIMITS.MAX_ASDUS) asdus.push(a);
  }
  if (count > LIMITS.MAX_ASDUS) {
    sink.anomaly('sv.asdus_limit_reached', `${count} ASDUs, ${LIMITS.MAX_ASDUS} listed`);
  }
  f.asdu_count = count;
  f.asdus = asdus;
  return malformed;
}

/** One ASDU into `a`; returns the first BER problem, or ''. */
function asdu(d: Uint8Array, start: number, end: number, a: SvAsdu): string {
  const t = T_ITEM;
  let seen = 0;
  let p = start;
  while (p < end) {
    const err = readTlv(d, p, end, t);
    if (err !== BER_OK) return `ASDU: ${BER_ERRORS[err] ?? 'bad TLV'}`;
    const s = t.start;
    const e = t.end;
    p = e;
    switch (t.tag) {
      case ASDU_FIELD.SV_ID:
        a.sv_id = berText(d, s, e, LIMITS.MAX_TEXT);
        seen |= MANDATORY.SV_ID;
        break;
      case ASDU_FIELD.DAT_SET:
        a.dat_set = berText(d, s, e, LIMITS.MAX_TEXT);
        break;
      case ASDU_FIELD.SMP_CNT:
        a.smp_cnt = berUint(d, s, e);
        seen |= MANDATORY.SMP_CNT;
        break;
      case ASDU_FIELD.CONF_REV:
        a.conf_rev = berUint(d, s, e);
        seen |= MANDATORY.CONF_REV;
        break;
      case ASDU_FIELD.REFR_TM:
        if (e - s === 8) a.refr_tm = utcTimeIso(d, s);
        else return `refrTm of ${e - s} octets, not 8`;
        break;
      case ASDU_FIELD.SMP_SYNCH: {
        const v = berUint(d, s, e);
        a.smp_synch = v;
        a.smp_synch_name = SMP_SYNCH.get(v) ?? `source_${v}`;
        seen |= MANDATORY.SMP_SYNCH;
        break;
      }
      case ASDU_FIELD.SMP_RATE:
        a.smp_rate = berUint(d, s, e);
        break;
      case ASDU_FIELD.SEQ_DATA:
        a.sample_length = e - s;
        if (e - s === LE.SEQ_DATA_BYTES) phsMeas(d, s, a);
        seen |= MANDATORY.SEQ_DATA;
        break;
      case ASDU_FIELD.SMP_MOD:
        a.smp_mod = berUint(d, s, e);
        break;
      case ASDU_FIELD.GM_IDENTITY:
        a.gm_identity = hexOf(d, s, e, 8);
        break;
      default:
        break;
    }
  }
  if (seen === MANDATORY.ALL) return '';
  const names: string[] = [];
  MANDATORY_NAMES.forEach((name, i) => {
    if ((seen & (1 << i)) === 0) names.push(name);
  });
  return `ASDU without ${names.join(', ')}`;
}

/** 9-2LE PhsMeas1: eight (INT32 value, 32-bit quality) pairs. */
function phsMeas(d: Uint8Array, s: number, a: SvAsdu): void {
  const values: number[] = [];
  const qualities: number[] = [];
  for (let i = 0; i < LE.CHANNELS; i++) {
    values.push(i32(d, s + 8 * i));
    qualities.push(i32(d, s + 8 * i + 4) >>> 0);
  }
  a.values = values;
  a.qualities = qualities;
}

/** Follows the svID of `a` on the stream: smpCnt sequence, confRev and synchronisation. */
function follow(state: SvState, a: SvAsdu, sink: DecodeSink): void {
  const id = a.sv_id;
  const cnt = a.smp_cnt;
  if (id === undefined || cnt === undefined) return;
  let v = state.streams.get(id);
  const synced = a.smp_synch === undefined || a.smp_synch !== 0;
  if (v === undefined) {
    if (state.streams.size >= LIMITS.MAX_SV_IDS) {
      if (!state.streamsFull) {
        state.streamsFull = true;
        sink.anomaly(
          'sv.streams_limit_reached',
          `more than ${LIMITS.MAX_SV_IDS} svIDs on one stream; ${id} is not followed`,
        );
      }
      return;
    }
    v = { smpCnt: cnt, confRev: a.conf_rev ?? 0, unsynchronised: false, simulated: false };
    state.streams.set(id, v);
  } else {
    const expected = (v.smpCnt + 1) % SV.SMPCNT_MODULO;
    // A drop to 0 is the counter wrapping at the sampling rate ([9-2LE] 0..3999 or 0..4799).
    if (cnt !== expected && cnt !== 0) {
      if (cnt > v.smpCnt) {
        sink.anomaly('sv.smpcnt_gap', `${id}: smpCnt ${v.smpCnt} -> ${cnt}`);
      } else {
        sink.anomaly('sv.smpcnt_backwards', `${id}: smpCnt ${v.smpCnt} -> ${cnt}`);
      }
    }
    v.smpCnt = cnt;
    if (a.conf_rev !== undefined && a.conf_rev !== v.confRev) {
      sink.anomaly('sv.confrev_change', `${id}: confRev ${v.confRev} -> ${a.conf_rev}`);
      v.confRev = a.conf_rev;
    }
  }
  if (!synced && !v.unsynchronised) {
    sink.anomaly('sv.not_synchronized', `${id}: smpSynch 0`);
  }
  v.unsynchronised = !synced;
}

/** The Simulate bit, reported when it starts on a followed svID of the frame (or always on others). */
function simulated(state: SvState, f: SvFields, sink: DecodeSink): void {
  let starts = false;
  let id = '';
  for (const a of f.asdus ?? []) {
    const v = a.sv_id === undefined ? undefined : state.streams.get(a.sv_id);
    if (f.simulated && v?.simulated !== true && !starts) {
      starts = true;
      id = a.sv_id ?? '';
    }
    if (v !== undefined) v.simulated = f.simulated;
  }
  if (starts) sink.anomaly('sv.simulation', `${id}: Simulate bit set`);
}
