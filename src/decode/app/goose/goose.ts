/**
 * IEC 61850-8-1 GOOSE parser: the Ethernet payload of EtherType 0x88B8 (GOOSE) and 0x88B9 (GSE
 * management), from the APPID on ([8-1] Annex C; VLAN tags are removed by the pipeline).
 *
 * ```
 *  APPID (2) | Length (2) | Reserved 1 (2, bit 15 Simulate) | Reserved 2 (2) | APDU (BER)
 *  APDU: 0x61 goosePdu { [0] gocbRef, [1] timeAllowedtoLive, [2] datSet, [3] goID OPTIONAL,
 *                        [4] t, [5] stNum, [6] sqNum, [7] simulation DEFAULT FALSE, [8] confRev,
 *                        [9] ndsCom DEFAULT FALSE, [10] numDatSetEntries, [11] allData }
 *        0x60 gseMngtPdu { [0] stateID, [1] requests | [2] responses }
 * ```
 *
 * Length counts from APPID to the end of the APDU, so it frames the PDU: the pipeline hands one
 * frame per call, and a frame that ends before Length says is incomplete (counted by the
 * pipeline as `goose.truncated_frame`). A Length shorter than a header and an APDU cannot frame
 * anything: the 8 header octets are skipped and scanning goes on, with one anomaly per run of
 * bad headers, so a hostile frame can neither stop decoding of its stream (a reject would blind
 * the sensor to the publisher it spoofs) nor flood the event stream.
 *
 * Per stream (the pipeline's publisher MAC, destination MAC, VLAN, EtherType) the state follows
 * each GoCB by gocbRef: stNum and sqNum rules of [7-2] 18.2.3.5 and 18.2.3.7 (a new state starts
 * at sqNum 0, retransmissions count up, both wrap to 1), confRev, and the flags that should not
 * appear on a production bus (simulation, ndsCom).
 */
import { parseFramed, readFrameHeader, type FrameCodec } from './framing.js';
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
  TIME_QUALITY,
  Tlv,
  berBool,
  berInt,
  berText,
  berUint,
  readTlv,
  utcTimeIso,
} from './ber.js';
import {
  COUNTER_MAX,
  FIELD_TAG,
  GOOSE,
  GSE_REQUESTS,
  GSE_RESPONSES,
  LIMITS,
  MANDATORY,
  MANDATORY_NAMES,
  PDU_TAG,
} from './constants.js';
import { DataWalk, decodeData } from './data.js';
import type { GooseFields } from './events.js';

/** What the stream remembers of one GoCB. */
interface ControlBlock {
  stNum: number;
  sqNum: number;
  confRev: number;
  /** Conditions already reported for this GoCB (raised when they start, not on every frame). */
  simulation: boolean;
  ndsCom: boolean;
  badTtl: boolean;
}

/** Per-stream state. */
export class GooseState {
  /** GoCBs seen on the stream, by gocbRef (at most LIMITS.MAX_CONTROL_BLOCKS). */
  readonly blocks = new Map<string, ControlBlock>();
  /** Inside a run of headers whose Length cannot frame a PDU. */
  desync = false;
  /** The control-block limit was reported. */
  blocksFull = false;
  readonly walk = new DataWalk();
  constructor(
    readonly limits: DecoderLimits,
    /** One whole Ethernet frame per `parse` call (the pipeline), rather than a byte stream. */
    readonly perFrame: boolean,
  ) {}
}

/**
 * Fresh per-stream state. On `ether` (the pipeline) each `parse` call is one frame, and octets
 * after Length are Ethernet padding; without a transport (test harnesses that cut the input
 * anywhere) the input is a stream of frames framed by their Length.
 */
export function createGooseState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): GooseState {
  return new GooseState(limits, transport === 'ether');
}

const T_PROBE = new Tlv();
const T_PDU = new Tlv();
const T_FIELD = new Tlv();
const T_INNER = new Tlv();
const T_PARAM = new Tlv();
/** Longest GSE management reference shown (ObjectReferences are at most 129 characters). */
const IDENT_CAP = 256;

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

/**
 * Recognises a GOOSE or GSE management frame: a Length that covers a header and an APDU, and a
 * goosePdu starting with its gocbRef, or a gseMngtPdu whose stateID is followed by requests or
 * responses holding a management service (which tells it from a Sampled Values savPdu, also
 * tagged 0x60, whose [2] holds ASDU SEQUENCEs). A goosePdu cut by the capture's snap length is
 * still recognised from what is there (only the first frame of a stream is probed, and a refusal
 * ignores the stream); a frame never grows, so too little data is `no_match`.
 */
export function probeGoose(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n < GOOSE.MIN_LENGTH) return 'no_match';
  const len = u16(data, 2);
  if (len < GOOSE.MIN_LENGTH) return 'no_match';
  const cut = len > n;
  const end = cut ? n : len;
  const t = T_PROBE;
  const err = readTlv(data, GOOSE.HEADER, end, t);
  if (err === BER_OK ? t.end !== len : !cut || err !== BER_LENGTH_OVERFLOW) return 'no_match';
  const tag = data[GOOSE.HEADER] as number;
  if (tag === PDU_TAG.GOOSE) return data[t.start] === FIELD_TAG.GOCB_REF ? 'match' : 'no_match';
  // GSE management frames are short: only whole ones are recognised.
  if (cut || tag !== PDU_TAG.GSE_MNGT || data[t.start] !== 0x80) return 'no_match';
  const pduEnd = t.end;
  if (readTlv(data, t.start, pduEnd, t) !== BER_OK) return 'no_match';
  const rr = data[t.end] as number;
  if ((rr !== 0xa1 && rr !== 0xa2) || readTlv(data, t.end, pduEnd, t) !== BER_OK) {
    return 'no_match';
  }
  const svc = data[t.start] as number;
  return svc === 0x80 || (svc >= 0xa1 && svc <= 0xa4) ? 'match' : 'no_match';
}

/** GOOSE and SV share the Ethernet framing (`../goose/framing.ts`). */
const CODEC: FrameCodec<GooseState> = {
  invalidLength: 'goose.invalid_length',
  truncatedFrame: 'goose.truncated_frame',
  headerOnly: (h, sink) => sink.emit({ kind: 'goose.pdu', goose: h }),
  frame,
};

/** Decodes the GOOSE / GSE management frames in `data`. */
export function parseGoose(
  state: GooseState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  return parseFramed(CODEC, state, data, sink);
}

/** One frame `d[start..end)`, Length octets long. */
function frame(state: GooseState, d: Uint8Array, start: number, end: number, sink: DecodeSink) {
  const f: GooseFields = readFrameHeader(d, start);
  const p = start + GOOSE.HEADER;
  const t = T_PDU;
  const err = readTlv(d, p, end, t);
  if (err !== BER_OK) {
    sink.anomaly('goose.malformed_ber', `APDU: ${BER_ERRORS[err] ?? 'bad TLV'}`);
    // An APDU longer than the frame is decoded as far as it goes, as Wireshark does.
    if (err !== BER_LENGTH_OVERFLOW) {
      sink.emit({ kind: 'goose.pdu', goose: f });
      return;
    }
  } else if (t.end !== end) {
    sink.anomaly('goose.malformed_ber', `${end - t.end} octets after the APDU within Length`);
  }
  // After an overflowing APDU, what is cut off is not reported again field by field.
  const quiet = err !== BER_OK;
  if (t.tag === PDU_TAG.GOOSE) {
    goosePdu(state, d, t.start, t.end, f, quiet, sink);
    return;
  }
  if (t.tag === PDU_TAG.GSE_MNGT) {
    management(d, t.start, t.end, f, quiet, sink);
    return;
  }
  sink.anomaly('goose.unknown_pdu', `APDU tag 0x${t.tag.toString(16)}`);
  sink.emit({ kind: 'goose.pdu', goose: f });
}

function goosePdu(
  state: GooseState,
  d: Uint8Array,
  start: number,
  end: number,
  f: GooseFields,
  quiet: boolean,
  sink: DecodeSink,
): void {
  const t = T_FIELD;
  const cap = state.limits.maxStringBytes;
  const w = state.walk;
  w.reset();
  let seen = 0;
  let malformed = '';
  let p = start;
  while (p < end) {
    const err = readTlv(d, p, end, t);
    if (err !== BER_OK) {
      malformed = `goosePdu: ${BER_ERRORS[err] ?? 'bad TLV'}`;
      break;
    }
    const s = t.start;
    const e = t.end;
    p = e;
    switch (t.tag) {
      case FIELD_TAG.GOCB_REF:
        f.gocb_ref = berText(d, s, e, cap);
        seen |= MANDATORY.GOCB_REF;
        break;
      case FIELD_TAG.TIME_ALLOWED_TO_LIVE:
        f.time_allowed_to_live = berInt(d, s, e);
        seen |= MANDATORY.TIME_ALLOWED_TO_LIVE;
        break;
      case FIELD_TAG.DAT_SET:
        f.dat_set = berText(d, s, e, cap);
        seen |= MANDATORY.DAT_SET;
        break;
      case FIELD_TAG.GO_ID:
        f.go_id = berText(d, s, e, cap);
        break;
      case FIELD_TAG.T:
        seen |= MANDATORY.T;
        if (e - s !== 8) {
          malformed = `t of ${e - s} octets, not 8`;
          break;
        }
        f.t = utcTimeIso(d, s);
        f.t_quality = d[s + 7] as number;
        f.t_clock_failure = (f.t_quality & TIME_QUALITY.CLOCK_FAILURE) !== 0;
        f.t_clock_not_synchronized = (f.t_quality & TIME_QUALITY.CLOCK_NOT_SYNCHRONIZED) !== 0;
        break;
      case FIELD_TAG.ST_NUM:
        f.st_num = berUint(d, s, e);
        seen |= MANDATORY.ST_NUM;
        break;
      case FIELD_TAG.SQ_NUM:
        f.sq_num = berUint(d, s, e);
        seen |= MANDATORY.SQ_NUM;
        break;
      case FIELD_TAG.SIMULATION:
        f.simulation = berBool(d, s, e);
        break;
      case FIELD_TAG.CONF_REV:
        f.conf_rev = berUint(d, s, e);
        seen |= MANDATORY.CONF_REV;
        break;
      case FIELD_TAG.NDS_COM:
        f.nds_com = berBool(d, s, e);
        break;
      case FIELD_TAG.NUM_DAT_SET_ENTRIES:
        f.num_dat_set_entries = berInt(d, s, e);
        seen |= MANDATORY.NUM_DAT_SET_ENTRIES;
        break;
      case FIELD_TAG.ALL_DATA:
        f.data = decodeData(d, s, e, 0, w);
        f.data_entries = w.entries;
        seen |= MANDATORY.ALL_DATA;
        break;
      default:
        // [12] security (62351-6) and later additions are skipped.
        break;
    }
  }
  // Absent means the DEFAULT FALSE, but only in a goosePdu seen to its end (not cut short).
  if (!quiet && malformed === '') {
    f.simulation ??= false;
    f.nds_com ??= false;
  }
  if (malformed === '' && w.malformed !== '') malformed = w.malformed;
  if (malformed === '' && seen !== MANDATORY.ALL) malformed = `goosePdu without ${missing(seen)}`;
  if (malformed !== '' && !quiet) sink.anomaly('goose.malformed_ber', malformed);
  if (w.depthHit) {
    sink.anomaly('goose.nesting_limit_reached', `allData nested deeper than ${LIMITS.MAX_DEPTH}`);
  }
  if (w.valuesHit) {
    sink.anomaly('goose.values_limit_reached', `more than ${LIMITS.MAX_VALUES} allData values`);
  }
  if (
    f.num_dat_set_entries !== undefined &&
    f.data_entries !== undefined &&
    f.num_dat_set_entries !== f.data_entries
  ) {
    sink.anomaly(
      'goose.entries_mismatch',
      `numDatSetEntries ${f.num_dat_set_entries}, allData has ${f.data_entries}`,
    );
  }
  track(state, f, sink);
  sink.emit({ kind: 'goose.pdu', goose: f });
  // A whole, well-formed goosePdu: the stream is GOOSE.
  if (malformed === '') sink.confirm();
}

function missing(seen: number): string {
  const names: string[] = [];
  MANDATORY_NAMES.forEach((name, i) => {
    if ((seen & (1 << i)) === 0) names.push(name);
  });
  return names.join(', ');
}

/** The next value of a counter that wraps from 2^32 - 1 to 1. */
function next(v: number): number {
  return v >= COUNTER_MAX ? 1 : v + 1;
}

/** Follows the GoCB of `f` on the stream: sequence, revision and flag anomalies. */
function track(state: GooseState, f: GooseFields, sink: DecodeSink): void {
  const ref = f.gocb_ref;
  const st = f.st_num;
  const sq = f.sq_num;
  const tal = f.time_allowed_to_live;
  const simulated = f.simulation === true || f.simulated;
  let b = ref === undefined ? undefined : state.blocks.get(ref);
  const known = b !== undefined;
  if (b === undefined && ref !== undefined && st !== undefined && sq !== undefined) {
    if (state.blocks.size < LIMITS.MAX_CONTROL_BLOCKS) {
      b = {
        stNum: st,
        sqNum: sq,
        confRev: f.conf_rev ?? 0,
        simulation: false,
        ndsCom: false,
        badTtl: false,
      };
      state.blocks.set(ref, b);
    } else if (!state.blocksFull) {
      state.blocksFull = true;
      sink.anomaly(
        'goose.control_blocks_limit_reached',
        `more than ${LIMITS.MAX_CONTROL_BLOCKS} GoCBs on one stream; ${ref} is not followed`,
      );
    }
  }
  if (b !== undefined && known && st !== undefined && sq !== undefined) {
    sequence(b, st, sq, f, sink);
    if (f.conf_rev !== undefined && f.conf_rev !== b.confRev) {
      sink.anomaly('goose.confrev_change', `${ref ?? ''}: confRev ${b.confRev} -> ${f.conf_rev}`);
      b.confRev = f.conf_rev;
    }
  }
  // Conditions of the publisher: reported when they start (every frame when not followed).
  const badTtl = tal !== undefined && (tal <= 0 || tal > LIMITS.MAX_TIME_ALLOWED_TO_LIVE);
  if (badTtl && b?.badTtl !== true) {
    sink.anomaly('goose.invalid_time_allowed_to_live', `timeAllowedtoLive ${tal} ms`);
  }
  if (simulated && b?.simulation !== true) {
    const how =
      f.simulated && f.simulation !== true
        ? 'Simulate bit set but simulation attribute FALSE'
        : f.simulated
          ? 'Simulate bit and simulation attribute set'
          : 'simulation/test attribute set';
    sink.anomaly('goose.simulation', `${ref ?? ''}: ${how}`);
  }
  if (f.nds_com === true && b?.ndsCom !== true) {
    sink.anomaly('goose.needs_commissioning', `${ref ?? ''}: ndsCom TRUE`);
  }
  if (b !== undefined) {
    b.badTtl = badTtl;
    b.simulation = simulated;
    b.ndsCom = f.nds_com === true;
  }
}

/** stNum / sqNum rules of [7-2] 18.2.3.5 and 18.2.3.7 against the previous message. */
function sequence(b: ControlBlock, st: number, sq: number, f: GooseFields, sink: DecodeSink) {
  const ref = f.gocb_ref ?? '';
  if (st === b.stNum) {
    f.state_change = false;
    if (sq === next(b.sqNum)) {
      // In order.
    } else if (sq > b.sqNum) {
      sink.anomaly('goose.sqnum_gap', `${ref}: sqNum ${b.sqNum} -> ${sq} in stNum ${st}`);
    } else {
      sink.anomaly('goose.sqnum_backwards', `${ref}: sqNum ${b.sqNum} -> ${sq} in stNum ${st}`);
    }
  } else {
    f.state_change = true;
    if (st === next(b.stNum)) {
      if (sq !== 0) {
        sink.anomaly('goose.new_state_sqnum_nonzero', `${ref}: stNum ${st} starts at sqNum ${sq}`);
      }
    } else if (st > b.stNum) {
      sink.anomaly('goose.stnum_jump', `${ref}: stNum ${b.stNum} -> ${st}`);
    } else {
      sink.anomaly('goose.stnum_backwards', `${ref}: stNum ${b.stNum} -> ${st}`);
    }
  }
  b.stNum = st;
  b.sqNum = sq;
}

/** A GSE management APDU ([8-1] A.2): stateID, then a request or a response. */
function management(
  d: Uint8Array,
  start: number,
  end: number,
  f: GooseFields,
  quiet: boolean,
  sink: DecodeSink,
) {
  const t = T_FIELD;
  let malformed = '';
  let p = start;
  while (p < end) {
    const err = readTlv(d, p, end, t);
    if (err !== BER_OK) {
      malformed = `gseMngtPdu: ${BER_ERRORS[err] ?? 'bad TLV'}`;
      break;
    }
    p = t.end;
    if (t.tag === 0x80) {
      f.state_id = berInt(d, t.start, t.end);
    } else if (t.tag === 0xa1 || t.tag === 0xa2) {
      const request = t.tag === 0xa1;
      f.mngt_type = request ? 'request' : 'response';
      malformed = service(d, t.start, t.end, request, f);
    }
    if (malformed !== '') break;
  }
  if (malformed === '' && (f.state_id === undefined || f.mngt_type === undefined)) {
    malformed = 'gseMngtPdu without stateID or requestResp';
  }
  if (malformed !== '' && !quiet) sink.anomaly('goose.malformed_ber', malformed);
  sink.emit({ kind: 'goose.management', goose: f });
}

/** The service CHOICE of a request or response, with its ident and (response) datSet. */
function service(d: Uint8Array, start: number, end: number, request: boolean, f: GooseFields) {
  const t = T_INNER;
  const err = readTlv(d, start, end, t);
  if (err !== BER_OK) return `gseMngtPdu service: ${BER_ERRORS[err] ?? 'bad TLV'}`;
  const no = t.tag & 0x1f;
  f.mngt_service = (request ? GSE_REQUESTS : GSE_RESPONSES).get(no) ?? `unknown_${no}`;
  // gseMngtNotSupported is a NULL; the others hold [0] ident, then request parameters or
  // [1] confRev and [2] responsePositive { [0] datSet OPTIONAL, [1] result }.
  if ((t.tag & 0x20) === 0) return '';
  const e = t.end;
  const q = T_PARAM;
  let p = t.start;
  while (p < e) {
    if (readTlv(d, p, e, q) !== BER_OK) return 'gseMngtPdu service parameters: bad TLV';
    p = q.end;
    if (q.tag === 0x80) {
      f.ident = berText(d, q.start, q.end, IDENT_CAP);
    } else if (!request && q.tag === 0xa2 && d[q.start] === 0x80) {
      if (readTlv(d, q.start, q.end, q) === BER_OK)
        f.dat_set = berText(d, q.start, q.end, IDENT_CAP);
      break;
    }
  }
  return '';
}
