/**
 * BACnet parser: BACnet/IP BVLL (ANSI/ASHRAE 135-2020 Annex J), the 802.2 LLC header of BACnet
 * over Ethernet (clause 7), the NPDU (clause 6) and the APDU (clause 20) with the services of
 * clauses 13-17 and 21.
 *
 * ```
 *  BVLL  | 0x81 | function | length (2) | [forwarded-from 6] | NPDU
 *  LLC   | 0x82 | 0x82 | 0x03 |                                NPDU
 *  NPDU  | 0x01 | control | [DNET DLEN DADR] | [SNET SLEN SADR] | [hop] | APDU or net message
 *  APDU  | type<<4|flags | ... per type (20.1.2 - 20.1.9) | service data (BACnet tags)
 * ```
 *
 * Service data is a sequence of BACnet tags (20.2.1): an initial octet with the tag number
 * (high nibble, 15 = extended in the next octet), the class (bit 3: context specific) and the
 * length/value/type (low 3 bits; 5 = extended length, 6/7 = opening/closing tag of a context
 * constructed value). The walk below reads the fields of the services the issue lists by their
 * context tag numbers and nesting depth, as the ASN.1 productions of clause 21 define them.
 *
 * One datagram is one BVLL; `parse` frames by the BVLC length, so a datagram shorter than its
 * length field is `incomplete` (counted as `bacnet.truncated_datagram`). Segmented messages are
 * reported segment by segment and reassembled: the last segment's event carries the service fields
 * of the whole message (`reassembled`).
 */
import { OK, incomplete, reject } from '../../decoder.js';
import { isMstpSnap, parseMstpSnap } from './mstp.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  ABORT_REASONS,
  AppTag,
  BACNET,
  BVLC_FUNCTIONS,
  BVLC_RESULTS,
  CONFIRMED_SERVICES,
  Confirmed,
  DCC_STATES,
  ERROR_CLASSES,
  ERROR_CODES,
  NETWORK_MESSAGES,
  OBJECT_TYPES,
  PDU_TYPE_NAMES,
  PROPERTY_IDS,
  PduType,
  REINIT_STATES,
  REJECT_REASONS,
  SEGMENTATION,
  UNCONFIRMED_SERVICES,
  Unconfirmed,
  nameOf,
} from './constants.js';
import type { BacnetBbmdEntry, BacnetEventKind, BacnetFields, BacnetObjectRef } from './events.js';

/** Max APDU sizes of the 4-bit code in a confirmed request (20.1.2.5). */
const MAX_APDU_SIZES = [50, 128, 206, 480, 1024, 1476];

/** Deepest constructed-tag nesting walked; deeper data is skipped as a whole. */
const MAX_DEPTH = 32;

/** Per-flow BACnet state: outstanding confirmed requests by invoke id, for pairing. */
export class BacnetState {
  readonly limits: DecoderLimits;
  /** Invoke id to service choice of the confirmed requests not answered yet. */
  readonly pending = new Map<number, number>();
  /** Set once a well-formed message was seen (sink.confirm() called). */
  confirmed = false;
  /** Inside a run of octets that are not a BVLL (after the flow was confirmed). */
  garbage = false;
  /**
   * Segmented messages being reassembled (20.1.2.7, 5.4.5), by invoke id * 2 + (1 for a
   * ComplexACK): the service data of each segment so far, copied, and the next sequence number.
   * At most maxPendingTransactions messages, each at most maxPduBytes.
   */
  readonly segments = new Map<number, { next: number; bytes: number; parts: Uint8Array[] }>();

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createBacnetState(limits: DecoderLimits): BacnetState {
  return new BacnetState(limits);
}

/**
 * BACnet/IP: a BVLL of type 0x81 with a known function whose length field is the datagram
 * length.
 */
export function probeBacnet(data: Uint8Array, _dir: Direction): ProbeResult {
  if (data.length === 0) return 'need_more';
  if (data[0] !== BACNET.BVLC_TYPE_IP) return 'no_match';
  if (data.length < 4) return 'need_more';
  const fn = data[1] as number;
  const len = ((data[2] as number) << 8) | (data[3] as number);
  if (fn > 0x0c || len < 4) return 'no_match';
  // One BVLL per datagram: the length field is the datagram length (J.2).
  return len === data.length ? 'match' : 'no_match';
}

// ---- tag reader (20.2.1); results in module variables, no allocation ----

/** Tag number of the last {@link readTag}. */
let tNum = 0;
/** Context-specific class. */
let tCtx = false;
/** 0 primitive, 1 opening, 2 closing. */
let tShape = 0;
/** Offset of the value and its length (for an application boolean, the value itself). */
let tVal = 0;
let tLen = 0;

/** Reads the tag at `p`; returns the offset after it (after its value if primitive), -1 if cut. */
function readTag(d: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  const b = d[p] as number;
  let q = p + 1;
  tNum = b >> 4;
  tCtx = (b & 0x08) !== 0;
  if (tNum === 15) {
    if (q >= end) return -1;
    tNum = d[q] as number;
    q++;
  }
  const lvt = b & 0x07;
  tShape = 0;
  if (tCtx && lvt === 6) {
    tShape = 1;
    tVal = q;
    tLen = 0;
    return q;
  }
  if (tCtx && lvt === 7) {
    tShape = 2;
    tVal = q;
    tLen = 0;
    return q;
  }
  if (!tCtx && tNum === AppTag.BOOLEAN) {
    tVal = q;
    tLen = lvt;
    return q;
  }
  let len = lvt;
  if (lvt === 5) {
    if (q >= end) return -1;
    len = d[q] as number;
    q++;
    if (len === 254) {
      if (q + 2 > end) return -1;
      len = ((d[q] as number) << 8) | (d[q + 1] as number);
      q += 2;
    } else if (len === 255) {
      if (q + 4 > end) return -1;
      len =
        (d[q] as number) * 0x1000000 +
        (((d[q + 1] as number) << 16) | ((d[q + 2] as number) << 8) | (d[q + 3] as number));
      q += 4;
    }
  }
  tVal = q;
  tLen = len;
  if (q + len > end) return -1;
  return q + len;
}

/** Unsigned big-endian integer of `len` octets at `p` (up to 6 octets exactly). */
function uint(d: Uint8Array, p: number, len: number): number {
  let v = 0;
  const n = len > 6 ? 6 : len;
  for (let i = 0; i < n; i++) v = v * 256 + (d[p + i] as number);
  return v;
}

/** Signed big-endian integer of `len` octets at `p`. */
function sint(d: Uint8Array, p: number, len: number): number {
  if (len === 0) return 0;
  const v = uint(d, p, len);
  const n = len > 6 ? 6 : len;
  const top = 2 ** (8 * n - 1);
  return v >= top ? v - 2 * top : v;
}

const F32 = new DataView(new ArrayBuffer(8));

/** Hex text of `len` octets (addresses only; bounded by the caller). */
function hexOf(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += ((d[p + i] as number) | 0x100).toString(16).slice(1);
  return s;
}

/** A character string value (20.2.9): charset octet, then text; UTF-8 and ISO 8859-1 read. */
function charString(d: Uint8Array, p: number, len: number, cap: number): string {
  if (len < 1) return '';
  const cs = d[p] as number;
  const n = Math.min(len - 1, cap);
  const v = d.subarray(p + 1, p + 1 + n);
  if (cs === 0) return UTF8.decode(v);
  let s = '';
  // UCS-2 (charset 4) and others: one char per code unit of the octets we can read.
  if (cs === 4)
    for (let i = 0; i + 1 < v.length; i += 2)
      s += String.fromCharCode(((v[i] as number) << 8) | (v[i + 1] as number));
  else for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i] as number);
  return s;
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** A REAL/Double for JSON: NaN and infinities as text, -0 as 0 (JSON cannot carry them). */
function jsonNumber(v: number): number | string {
  if (!Number.isFinite(v)) return String(v);
  return v === 0 ? 0 : v;
}

/** The application-tagged value at the last tag, as event text/number. */
function appValue(d: Uint8Array, cap: number): string | number | boolean | null {
  switch (tNum) {
    case AppTag.NULL:
      return null;
    case AppTag.BOOLEAN:
      return tLen !== 0;
    case AppTag.UNSIGNED:
    case AppTag.ENUMERATED:
      return uint(d, tVal, tLen);
    case AppTag.SIGNED:
      return sint(d, tVal, tLen);
    case AppTag.REAL:
      if (tLen !== 4) return null;
      for (let i = 0; i < 4; i++) F32.setUint8(i, d[tVal + i] as number);
      return jsonNumber(F32.getFloat32(0));
    case AppTag.DOUBLE:
      if (tLen !== 8) return null;
      for (let i = 0; i < 8; i++) F32.setUint8(i, d[tVal + i] as number);
      return jsonNumber(F32.getFloat64(0));
    case AppTag.CHARACTER_STRING:
      return charString(d, tVal, tLen, cap);
    case AppTag.OBJECT_ID: {
      const v = uint(d, tVal, tLen);
      return `${Math.floor(v / 0x400000)}:${v % 0x400000}`;
    }
    default:
      return hexOf(d, tVal, Math.min(tLen, 32));
  }
}

/** Sets the object identifier fields from the 4-octet value of the last tag. */
function setObject(f: BacnetFields, d: Uint8Array): void {
  const v = uint(d, tVal, tLen);
  const type = Math.floor(v / 0x400000);
  f.object_type = type;
  f.object_type_name = nameOf(OBJECT_TYPES, type);
  f.instance = v % 0x400000;
}

function setProperty(f: BacnetFields, id: number): void {
  f.property_id = id;
  f.property = nameOf(PROPERTY_IDS, id);
}

/** Service data selector for {@link walkService}. */
const Svc = {
  NONE: 0,
  RP_REQ: 1,
  RP_ACK: 2,
  WP: 3,
  RPM_REQ: 4,
  RPM_ACK: 5,
  WPM: 6,
  SUBSCRIBE_COV: 7,
  SUBSCRIBE_COV_PROPERTY: 8,
  COV_NOTIFICATION: 9,
  EVENT_NOTIFICATION: 10,
  ARF_REQ: 11,
  AWF_REQ: 12,
  DCC: 13,
  REINIT: 14,
  I_AM: 15,
  WHO_IS: 16,
  WHO_HAS: 17,
  I_HAVE: 18,
  ERROR: 19,
  ARF_ACK: 20,
  AWF_ACK: 21,
} as const;

function confirmedSvc(service: number, ack: boolean): number {
  switch (service) {
    case Confirmed.READ_PROPERTY:
      return ack ? Svc.RP_ACK : Svc.RP_REQ;
    case Confirmed.WRITE_PROPERTY:
      return ack ? Svc.NONE : Svc.WP;
    case Confirmed.READ_PROPERTY_MULTIPLE:
      return ack ? Svc.RPM_ACK : Svc.RPM_REQ;
    case Confirmed.WRITE_PROPERTY_MULTIPLE:
      return ack ? Svc.NONE : Svc.WPM;
    case Confirmed.SUBSCRIBE_COV:
      return ack ? Svc.NONE : Svc.SUBSCRIBE_COV;
    case Confirmed.SUBSCRIBE_COV_PROPERTY:
      return ack ? Svc.NONE : Svc.SUBSCRIBE_COV_PROPERTY;
    case Confirmed.CONFIRMED_COV_NOTIFICATION:
      return ack ? Svc.NONE : Svc.COV_NOTIFICATION;
    case Confirmed.CONFIRMED_EVENT_NOTIFICATION:
      return ack ? Svc.NONE : Svc.EVENT_NOTIFICATION;
    case Confirmed.ATOMIC_READ_FILE:
      return ack ? Svc.ARF_ACK : Svc.ARF_REQ;
    case Confirmed.ATOMIC_WRITE_FILE:
      return ack ? Svc.AWF_ACK : Svc.AWF_REQ;
    case Confirmed.DEVICE_COMMUNICATION_CONTROL:
      return ack ? Svc.NONE : Svc.DCC;
    case Confirmed.REINITIALIZE_DEVICE:
      return ack ? Svc.NONE : Svc.REINIT;
    default:
      return Svc.NONE;
  }
}

function unconfirmedSvc(service: number): number {
  switch (service) {
    case Unconfirmed.I_AM:
      return Svc.I_AM;
    case Unconfirmed.I_HAVE:
      return Svc.I_HAVE;
    case Unconfirmed.UNCONFIRMED_COV_NOTIFICATION:
      return Svc.COV_NOTIFICATION;
    case Unconfirmed.UNCONFIRMED_EVENT_NOTIFICATION:
      return Svc.EVENT_NOTIFICATION;
    case Unconfirmed.WHO_HAS:
      return Svc.WHO_HAS;
    case Unconfirmed.WHO_IS:
      return Svc.WHO_IS;
    default:
      return Svc.NONE;
  }
}

/** Walk outcome: 0 ok, 1 cut (a tag runs past the data), 2 objects limit reached. */
let walkLimited = false;

/**
 * Reads the fields of service `svc` from the tags in `d[p, end)` into `f`. Returns false when a
 * tag runs past the end of the data (truncated or malformed).
 */
function walkService(
  svc: number,
  d: Uint8Array,
  p: number,
  end: number,
  f: BacnetFields,
  st: BacnetState,
): boolean {
  walkLimited = false;
  const cap = st.limits.maxStringBytes;
  const maxObjects = st.limits.maxObjectsPerMessage;
  let depth = 0;
  /** Context tag number of the opening tag at depth 1 (the enclosing list or value). */
  let outer = -1;
  /** Position of the application tags of I-Am / I-Have / AtomicRead/WriteFile (order matters). */
  let appIndex = 0;
  let current: BacnetObjectRef | null = null;
  let objectCount = 0;
  let propCount = 0;
  let valueSeen = false;
  while (p < end) {
    const next = readTag(d, p, end);
    if (next < 0) return false;
    p = next;
    if (tShape === 1) {
      if (depth === 0) outer = tNum;
      if (depth < MAX_DEPTH) depth++;
      continue;
    }
    if (tShape === 2) {
      if (depth > 0) depth--;
      if (depth === 0) outer = -1;
      continue;
    }
    if (!tCtx) {
      // Application tagged: positional fields and values.
      if (svc === Svc.ERROR && tNum === AppTag.ENUMERATED) {
        if (f.error_class === undefined) {
          f.error_class = uint(d, tVal, tLen);
          f.error_class_name = nameOf(ERROR_CLASSES, f.error_class);
        } else if (f.error_code === undefined) {
          f.error_code = uint(d, tVal, tLen);
          f.error_code_name = nameOf(ERROR_CODES, f.error_code);
        }
        continue;
      }
      if (depth === 0) {
        const i = appIndex++;
        if (svc === Svc.I_AM) {
          if (i === 0 && tNum === AppTag.OBJECT_ID && tLen === 4) {
            setObject(f, d);
            f.device_instance = f.instance as number;
          } else if (i === 1 && tNum === AppTag.UNSIGNED) f.max_apdu = uint(d, tVal, tLen);
          else if (i === 2 && tNum === AppTag.ENUMERATED)
            f.segmentation = nameOf(SEGMENTATION, uint(d, tVal, tLen));
          else if (i === 3 && tNum === AppTag.UNSIGNED) f.vendor_id = uint(d, tVal, tLen);
        } else if (svc === Svc.I_HAVE) {
          if (i === 0 && tNum === AppTag.OBJECT_ID && tLen === 4)
            f.device_instance = uint(d, tVal, tLen) % 0x400000;
          else if (i === 1 && tNum === AppTag.OBJECT_ID && tLen === 4) setObject(f, d);
          else if (i === 2 && tNum === AppTag.CHARACTER_STRING)
            f.object_name = charString(d, tVal, tLen, cap);
        } else if (
          (svc === Svc.ARF_REQ || svc === Svc.AWF_REQ) &&
          i === 0 &&
          tNum === AppTag.OBJECT_ID &&
          tLen === 4
        ) {
          setObject(f, d);
        } else if (svc === Svc.ARF_ACK && i === 0 && tNum === AppTag.BOOLEAN) {
          f.value = tLen !== 0;
        }
        continue;
      }
      // Inside a constructed value: the first value written or returned, file access fields.
      if (depth === 1 && (svc === Svc.ARF_REQ || svc === Svc.AWF_REQ || svc === Svc.ARF_ACK)) {
        if (tNum === AppTag.SIGNED && f.file_start === undefined)
          f.file_start = sint(d, tVal, tLen);
        else if (tNum === AppTag.UNSIGNED && f.file_count === undefined)
          f.file_count = uint(d, tVal, tLen);
        else if (tNum === AppTag.OCTET_STRING && f.file_count === undefined) f.file_count = tLen;
        continue;
      }
      if (
        !valueSeen &&
        (svc === Svc.RP_ACK || svc === Svc.WP || svc === Svc.WPM || svc === Svc.RPM_ACK)
      ) {
        valueSeen = true;
        f.value = appValue(d, cap);
      }
      continue;
    }
    // Context tagged primitive.
    const v = tLen <= 6 ? uint(d, tVal, tLen) : 0;
    if (depth === 0) {
      switch (svc) {
        case Svc.RP_REQ:
        case Svc.RP_ACK:
        case Svc.WP:
          if (tNum === 0 && tLen === 4) setObject(f, d);
          else if (tNum === 1) setProperty(f, v);
          else if (tNum === 2) f.array_index = v;
          else if (tNum === 4 && svc === Svc.WP) f.write_priority = v;
          break;
        case Svc.RPM_REQ:
        case Svc.RPM_ACK:
        case Svc.WPM:
          if (tNum === 0 && tLen === 4) {
            if (objectCount === 0) setObject(f, d);
            if (objectCount < maxObjects) {
              current = {
                object_type: Math.floor(v / 0x400000),
                instance: v % 0x400000,
                properties: [],
              };
              (f.objects ??= []).push(current);
            } else {
              current = null;
              walkLimited = true;
            }
            objectCount++;
          }
          break;
        case Svc.SUBSCRIBE_COV:
        case Svc.SUBSCRIBE_COV_PROPERTY:
          if (tNum === 0) f.process_id = v;
          else if (tNum === 1 && tLen === 4) setObject(f, d);
          else if (tNum === 3) f.lifetime = v;
          break;
        case Svc.COV_NOTIFICATION:
        case Svc.EVENT_NOTIFICATION:
          if (tNum === 0) f.process_id = v;
          else if (tNum === 1 && tLen === 4) f.device_instance = v % 0x400000;
          else if (tNum === 2 && tLen === 4) setObject(f, d);
          else if (tNum === 3 && svc === Svc.COV_NOTIFICATION) f.lifetime = v;
          break;
        case Svc.DCC:
          if (tNum === 0) f.duration = v;
          else if (tNum === 1) f.dcc_state = nameOf(DCC_STATES, v);
          else if (tNum === 2) f.password_present = true;
          break;
        case Svc.REINIT:
          if (tNum === 0) f.reinit_state = nameOf(REINIT_STATES, v);
          else if (tNum === 1) f.password_present = true;
          break;
        case Svc.WHO_IS:
        case Svc.WHO_HAS:
          if (tNum === 0) f.low_limit = v;
          else if (tNum === 1) f.high_limit = v;
          else if (tNum === 2 && svc === Svc.WHO_HAS && tLen === 4) setObject(f, d);
          else if (tNum === 3 && svc === Svc.WHO_HAS)
            f.object_name = charString(d, tVal, tLen, cap);
          break;
        case Svc.AWF_ACK:
          if (tNum === 0 || tNum === 1) f.file_start = sint(d, tVal, tLen);
          break;
        default:
          break;
      }
      continue;
    }
    if (depth === 1) {
      // Property references inside the lists of the multiple services and COV property.
      const isProp =
        ((svc === Svc.RPM_REQ || svc === Svc.WPM) && outer === 1 && tNum === 0) ||
        (svc === Svc.RPM_ACK && outer === 1 && tNum === 2) ||
        (svc === Svc.SUBSCRIBE_COV_PROPERTY && outer === 4 && tNum === 0) ||
        (svc === Svc.COV_NOTIFICATION && outer === 4 && tNum === 0);
      if (isProp) {
        if (f.property_id === undefined) setProperty(f, v);
        if (current !== null) {
          if (propCount < maxObjects) current.properties.push(v);
          else walkLimited = true;
          propCount++;
        }
      }
    }
  }
  return true;
}

/** Emits the event and, after the first well-formed message, confirms the flow. */
function emit(kind: BacnetEventKind, f: BacnetFields, st: BacnetState, sink: DecodeSink): void {
  sink.emit({ kind, bacnet: f });
  if (!st.confirmed) {
    st.confirmed = true;
    sink.confirm();
  }
}

function ipv4(d: Uint8Array, p: number): string {
  return `${d[p] as number}.${d[p + 1] as number}.${d[p + 2] as number}.${d[p + 3] as number}`;
}

/** BDT (10-octet) or FDT (10-octet) entries of a BVLL, bounded by the objects limit. */
function bbmdEntries(
  d: Uint8Array,
  p: number,
  end: number,
  fdt: boolean,
  st: BacnetState,
  sink: DecodeSink,
): BacnetBbmdEntry[] {
  const out: BacnetBbmdEntry[] = [];
  for (; p + 10 <= end; p += 10) {
    if (out.length >= st.limits.maxObjectsPerMessage) {
      sink.anomaly('bacnet.objects_limit_reached', 'bbmd table');
      break;
    }
    const e: BacnetBbmdEntry = {
      address: ipv4(d, p),
      port: ((d[p + 4] as number) << 8) | (d[p + 5] as number),
    };
    if (fdt) {
      e.ttl = ((d[p + 6] as number) << 8) | (d[p + 7] as number);
      e.remaining = ((d[p + 8] as number) << 8) | (d[p + 9] as number);
    } else e.mask = ipv4(d, p + 6);
    out.push(e);
  }
  if (p !== end) sink.anomaly('bacnet.truncated', 'bbmd table not a multiple of 10 octets');
  return out;
}

/**
 * Decodes BACnet/IP BVLLs: one per UDP datagram, framed by the BVLC length (J.2), so that the
 * same bytes given in pieces decode the same way.
 */
export function parseBacnet(
  st: BacnetState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  let p = 0;
  const n = data.length;
  while (p < n) {
    if (data[p] !== BACNET.BVLC_TYPE_IP) {
      if (!st.confirmed) return reject('bacnet.invalid_bvlc');
      p = resync(st, data, p, 'BVLL type not 0x81', sink);
      continue;
    }
    if (n - p < 4) return incomplete(p, 4);
    const len = ((data[p + 2] as number) << 8) | (data[p + 3] as number);
    if (len < 4 || (data[p + 1] as number) > 0x0c) {
      if (!st.confirmed) return reject('bacnet.invalid_bvlc');
      p = resync(st, data, p, len < 4 ? `length ${len}` : 'unknown function', sink);
      continue;
    }
    if (n - p < len) return incomplete(p, len);
    st.garbage = false;
    parseBvll(st, data, p, p + len, sink);
    p += len;
  }
  return OK;
}

/**
 * Skips to the next octet that may start a BVLL (0x81) after bytes that are not one, reporting
 * the first bad octet of a run only: the same bytes in any chunking give the same anomalies.
 */
function resync(st: BacnetState, d: Uint8Array, p: number, why: string, sink: DecodeSink): number {
  if (!st.garbage) {
    st.garbage = true;
    sink.anomaly('bacnet.invalid_bvlc', why);
  }
  const next = d.indexOf(BACNET.BVLC_TYPE_IP, p + 1);
  return next < 0 ? d.length : next;
}

/** The NPDU range of the last tunnelled MS/TP data frame (scratch, never kept). */
const MSTP_RANGE: [number, number] = [0, 0];

/**
 * Decodes a BACnet over 802.2 LLC payload (clause 7: DSAP 0x82, SSAP 0x82, UI 0x03, then the
 * NPDU), or an MS/TP frame tunnelled in SNAP (`mstp.ts`), as a layer-2 frame from the LLC header
 * on. Returns false when it is neither.
 */
export function parseBacnetLlc(st: BacnetState, data: Uint8Array, sink: DecodeSink): boolean {
  if (isMstpSnap(data)) {
    const f = parseMstpSnap(data, sink, MSTP_RANGE);
    if (f !== null) parseNpdu(st, data, MSTP_RANGE[0], MSTP_RANGE[1], f, sink);
    return true;
  }
  if (
    data.length < 5 ||
    data[0] !== BACNET.LLC_SAP ||
    data[1] !== BACNET.LLC_SAP ||
    data[2] !== BACNET.LLC_UI
  ) {
    return false;
  }
  const f: BacnetFields = { llc: true };
  parseNpdu(st, data, 3, data.length, f, sink);
  return true;
}

/** One BVLL in `d[b, end)` (type and length already checked). */
function parseBvll(st: BacnetState, d: Uint8Array, b: number, end: number, sink: DecodeSink): void {
  const f: BacnetFields = {};
  const fn = d[b + 1] as number;
  f.bvlc_function = fn;
  f.bvlc_function_name = nameOf(BVLC_FUNCTIONS, fn);
  f.bvlc_length = end - b;
  const len = end - b;
  switch (fn) {
    case 0x04: // Forwarded-NPDU (J.2.5): original B/IP address then the NPDU.
      if (len < 10) {
        sink.anomaly('bacnet.truncated', 'forwarded-npdu address');
        emit('bacnet.bvlc', f, st, sink);
        return;
      }
      f.forwarded_from = `${ipv4(d, b + 4)}:${((d[b + 8] as number) << 8) | (d[b + 9] as number)}`;
      parseNpdu(st, d, b + 10, end, f, sink);
      return;
    case 0x09: // Distribute-Broadcast-To-Network, Original-Unicast/Broadcast-NPDU: the NPDU.
    case 0x0a:
    case 0x0b:
      parseNpdu(st, d, b + 4, end, f, sink);
      return;
    case 0x00: // BVLC-Result (J.2.1)
      if (len >= 6) {
        f.bvlc_result = ((d[b + 4] as number) << 8) | (d[b + 5] as number);
        f.bvlc_result_name = nameOf(BVLC_RESULTS, f.bvlc_result);
      } else sink.anomaly('bacnet.truncated', 'bvlc-result code');
      break;
    case 0x01: // Write-BDT (J.2.2): a BBMD's broadcast table replaced.
      f.bbmd_entries = bbmdEntries(d, b + 4, end, false, st, sink);
      sink.anomaly('bacnet.bdt_write', `${f.bbmd_entries.length} entries`);
      break;
    case 0x03: // Read-BDT-Ack (J.2.4)
      f.bbmd_entries = bbmdEntries(d, b + 4, end, false, st, sink);
      break;
    case 0x07: // Read-FDT-Ack (J.2.8)
      f.bbmd_entries = bbmdEntries(d, b + 4, end, true, st, sink);
      break;
    case 0x05: // Register-Foreign-Device (J.2.6): TTL.
      if (len >= 6) f.ttl = ((d[b + 4] as number) << 8) | (d[b + 5] as number);
      else sink.anomaly('bacnet.truncated', 'register-foreign-device ttl');
      break;
    case 0x08: // Delete-FDT-Entry (J.2.9): one 6-octet B/IP address.
      if (len >= 10) {
        f.bbmd_entries = [
          { address: ipv4(d, b + 4), port: ((d[b + 8] as number) << 8) | (d[b + 9] as number) },
        ];
      } else sink.anomaly('bacnet.truncated', 'delete-foreign-device-table-entry address');
      break;
    default: // Read-BDT, Read-FDT, Secure-BVLL: nothing more to decode.
      break;
  }
  emit('bacnet.bvlc', f, st, sink);
}

/** NPDU (6.2) at `p`, then the network message or the APDU. */
function parseNpdu(
  st: BacnetState,
  d: Uint8Array,
  p: number,
  end: number,
  f: BacnetFields,
  sink: DecodeSink,
): ParseStatus {
  if (end - p < 2) {
    sink.anomaly('bacnet.truncated', 'npdu header');
    emit('bacnet.bvlc', f, st, sink);
    return OK;
  }
  // Wireshark decodes the rest of an NPDU of another version as version 1; so do we, flagged.
  if (d[p] !== BACNET.NPDU_VERSION)
    sink.anomaly('bacnet.invalid_npdu', `version ${d[p] as number}`);
  const ctl = d[p + 1] as number;
  p += 2;
  f.npdu_control = ctl;
  f.expecting_reply = (ctl & 0x04) !== 0;
  f.priority = ctl & 0x03;
  if ((ctl & 0x50) !== 0) sink.anomaly('bacnet.invalid_npdu', 'reserved control bits set');
  if ((ctl & 0x20) !== 0) {
    if (end - p < 3 || end - p < 3 + (d[p + 2] as number)) return cutNpdu(f, st, sink);
    f.dnet = ((d[p] as number) << 8) | (d[p + 1] as number);
    const dlen = d[p + 2] as number;
    f.dadr = hexOf(d, p + 3, dlen);
    p += 3 + dlen;
  }
  if ((ctl & 0x08) !== 0) {
    if (end - p < 3 || end - p < 3 + (d[p + 2] as number)) return cutNpdu(f, st, sink);
    f.snet = ((d[p] as number) << 8) | (d[p + 1] as number);
    const slen = d[p + 2] as number;
    f.sadr = hexOf(d, p + 3, slen);
    p += 3 + slen;
  }
  if ((ctl & 0x20) !== 0) {
    if (p >= end) return cutNpdu(f, st, sink);
    f.hop_count = d[p] as number;
    p++;
  }
  if ((ctl & 0x80) !== 0) {
    if (p >= end) return cutNpdu(f, st, sink);
    const mt = d[p] as number;
    p++;
    f.network_message = mt;
    f.network_message_name = mt >= 0x80 ? 'proprietary' : nameOf(NETWORK_MESSAGES, mt);
    if (mt >= 0x80) {
      if (end - p >= 2) f.network_vendor_id = ((d[p] as number) << 8) | (d[p + 1] as number);
    } else if (mt <= 0x05 || mt === 0x09 || mt === 0x12 || mt === 0x13) {
      // Who-Is/I-Am/I-Could-Be/Reject/Busy/Available-Router-To-Network carry network numbers
      // (6.4.1 - 6.4.6); reject carries a reason octet first, I-Could-Be a performance index last.
      let q = mt === 0x03 ? p + 1 : p;
      const nets: number[] = [];
      const stop = mt === 0x02 ? Math.min(end, q + 2) : end;
      while (q + 2 <= stop && nets.length < st.limits.maxObjectsPerMessage) {
        nets.push(((d[q] as number) << 8) | (d[q + 1] as number));
        q += 2;
      }
      if (nets.length > 0) f.networks = nets;
    }
    emit('bacnet.network', f, st, sink);
    return OK;
  }
  return parseApdu(st, d, p, end, f, sink);
}

function cutNpdu(f: BacnetFields, st: BacnetState, sink: DecodeSink): ParseStatus {
  sink.anomaly('bacnet.truncated', 'npdu addresses');
  emit('bacnet.bvlc', f, st, sink);
  return OK;
}

/** APDU (20.1) at `p`. */
function parseApdu(
  st: BacnetState,
  d: Uint8Array,
  p: number,
  end: number,
  f: BacnetFields,
  sink: DecodeSink,
): ParseStatus {
  if (p >= end) {
    sink.anomaly('bacnet.truncated', 'no apdu');
    emit('bacnet.bvlc', f, st, sink);
    return OK;
  }
  const b0 = d[p] as number;
  const type = b0 >> 4;
  f.pdu_type = type;
  f.pdu_type_name = PDU_TYPE_NAMES[type] ?? String(type);
  let svc: number = Svc.NONE;
  let q = p + 1;
  let firstSegment = true;
  let cut = false;
  switch (type) {
    case PduType.CONFIRMED_REQUEST: {
      // 20.1.2: flags, max segs/max APDU, invoke id, [sequence, window], service choice.
      const seg = (b0 & 0x08) !== 0;
      if (end - q < (seg ? 5 : 3)) {
        cut = true;
        break;
      }
      f.segmented = seg;
      f.more_follows = (b0 & 0x04) !== 0;
      f.segmented_response_accepted = (b0 & 0x02) !== 0;
      f.max_apdu_accepted = MAX_APDU_SIZES[(d[q] as number) & 0x0f] ?? 0;
      f.invoke_id = d[q + 1] as number;
      q += 2;
      if (seg) {
        f.sequence_number = d[q] as number;
        f.window_size = d[q + 1] as number;
        firstSegment = f.sequence_number === 0;
        q += 2;
      }
      const sc = d[q] as number;
      q++;
      f.service_choice = sc;
      f.service = nameOf(CONFIRMED_SERVICES, sc);
      if (firstSegment) svc = confirmedSvc(sc, false);
      remember(st, f.invoke_id, sc, sink);
      if (seg && reassemble(st, f, f.invoke_id * 2, d, q, end, sink)) {
        svc = confirmedSvc(sc, false);
        d = REASSEMBLED.buf;
        q = 0;
        end = d.length;
      }
      break;
    }
    case PduType.UNCONFIRMED_REQUEST: {
      if (end - q < 1) {
        cut = true;
        break;
      }
      const sc = d[q] as number;
      q++;
      f.service_choice = sc;
      f.service = nameOf(UNCONFIRMED_SERVICES, sc);
      svc = unconfirmedSvc(sc);
      break;
    }
    case PduType.SIMPLE_ACK: {
      if (end - q < 2) {
        cut = true;
        break;
      }
      f.invoke_id = d[q] as number;
      f.service_choice = d[q + 1] as number;
      f.service = nameOf(CONFIRMED_SERVICES, f.service_choice);
      st.pending.delete(f.invoke_id);
      q += 2;
      break;
    }
    case PduType.COMPLEX_ACK: {
      const seg = (b0 & 0x08) !== 0;
      if (end - q < (seg ? 4 : 2)) {
        cut = true;
        break;
      }
      f.segmented = seg;
      f.more_follows = (b0 & 0x04) !== 0;
      f.invoke_id = d[q] as number;
      q++;
      if (seg) {
        f.sequence_number = d[q] as number;
        f.window_size = d[q + 1] as number;
        firstSegment = f.sequence_number === 0;
        q += 2;
      }
      const sc = d[q] as number;
      q++;
      f.service_choice = sc;
      f.service = nameOf(CONFIRMED_SERVICES, sc);
      if (firstSegment) svc = confirmedSvc(sc, true);
      if (!f.more_follows) st.pending.delete(f.invoke_id);
      if (seg && reassemble(st, f, f.invoke_id * 2 + 1, d, q, end, sink)) {
        svc = confirmedSvc(sc, true);
        d = REASSEMBLED.buf;
        q = 0;
        end = d.length;
      }
      break;
    }
    case PduType.SEGMENT_ACK:
      if (end - q < 3) {
        cut = true;
        break;
      }
      f.nak = (b0 & 0x02) !== 0;
      f.server = (b0 & 0x01) !== 0;
      f.invoke_id = d[q] as number;
      f.sequence_number = d[q + 1] as number;
      f.window_size = d[q + 2] as number;
      pair(st, f);
      q += 3;
      break;
    case PduType.ERROR:
      if (end - q < 2) {
        cut = true;
        break;
      }
      f.invoke_id = d[q] as number;
      f.service_choice = d[q + 1] as number;
      f.service = nameOf(CONFIRMED_SERVICES, f.service_choice);
      st.pending.delete(f.invoke_id);
      q += 2;
      svc = Svc.ERROR;
      break;
    case PduType.REJECT:
    case PduType.ABORT: {
      if (end - q < 2) {
        cut = true;
        break;
      }
      f.invoke_id = d[q] as number;
      const reason = d[q + 1] as number;
      if (type === PduType.REJECT) {
        f.reject_reason = reason;
        f.reject_reason_name = nameOf(REJECT_REASONS, reason);
      } else {
        f.server = (b0 & 0x01) !== 0;
        f.abort_reason = reason;
        f.abort_reason_name = reason >= 64 ? 'proprietary' : nameOf(ABORT_REASONS, reason);
      }
      pair(st, f);
      st.pending.delete(f.invoke_id);
      q += 2;
      break;
    }
    default:
      sink.anomaly('bacnet.unknown_pdu_type', `apdu type ${type}`);
      emit('bacnet.apdu', f, st, sink);
      return OK;
  }
  if (cut) {
    sink.anomaly('bacnet.truncated', `${f.pdu_type_name} header`);
    emit('bacnet.apdu', f, st, sink);
    return OK;
  }
  if (svc !== Svc.NONE) {
    const whole = walkService(svc, d, q, end, f, st);
    // A first segment that is cut mid-tag is expected: the rest comes in the next segments.
    if (!whole && f.more_follows !== true)
      sink.anomaly('bacnet.truncated', `${f.service ?? 'service'} data`);
    if (walkLimited) sink.anomaly('bacnet.objects_limit_reached', f.service ?? 'service');
  }
  if (svc === Svc.DCC && f.dcc_state !== undefined && f.dcc_state !== 'enable') {
    sink.anomaly('bacnet.communication_disabled', `${f.dcc_state} for ${f.duration ?? 'ever'} min`);
  }
  if (svc === Svc.REINIT) sink.anomaly('bacnet.device_reinitialized', f.reinit_state ?? '');
  emit('bacnet.apdu', f, st, sink);
  return OK;
}

/** The service data of the message {@link reassemble} completed last (scratch, never kept). */
const REASSEMBLED: { buf: Uint8Array } = { buf: new Uint8Array(0) };

/**
 * Adds the service data `d[q, end)` of one segment (f: its header fields) to the message of
 * `key`. Returns true when this segment completes the message: its whole service data is then in
 * `REASSEMBLED.buf` and `f` says how many segments it took. A segment out of sequence drops the
 * message (the sender retransmits from the window, 5.4.5.3); sizes and counts are bounded.
 */
function reassemble(
  st: BacnetState,
  f: BacnetFields,
  key: number,
  d: Uint8Array,
  q: number,
  end: number,
  sink: DecodeSink,
): boolean {
  const seq = f.sequence_number ?? 0;
  let m = st.segments.get(key);
  if (seq === 0) {
    if (m === undefined && st.segments.size >= st.limits.maxPendingTransactions) {
      const oldest = st.segments.keys().next().value as number;
      st.segments.delete(oldest);
      sink.anomaly('bacnet.transactions_limit_reached', 'segmented messages');
    }
    m = { next: 0, bytes: 0, parts: [] };
    st.segments.set(key, m);
  } else if (m === undefined || seq !== m.next) {
    if (m !== undefined) st.segments.delete(key);
    sink.anomaly(
      'bacnet.truncated',
      `segment ${seq} of invoke id ${f.invoke_id ?? 0} out of sequence`,
    );
    return false;
  }
  const len = Math.max(0, end - q);
  if (m.bytes + len > st.limits.maxPduBytes) {
    st.segments.delete(key);
    sink.anomaly(
      'bacnet.objects_limit_reached',
      `segmented message over ${st.limits.maxPduBytes} octets`,
    );
    return false;
  }
  // Copied: the segment's bytes do not outlive this datagram.
  m.parts.push(d.slice(q, q + len));
  m.bytes += len;
  m.next = (seq + 1) & 0xff;
  if (f.more_follows === true) return false;
  st.segments.delete(key);
  const whole = new Uint8Array(m.bytes);
  let at = 0;
  for (const part of m.parts) {
    whole.set(part, at);
    at += part.length;
  }
  REASSEMBLED.buf = whole;
  f.reassembled = true;
  f.segments = m.parts.length;
  return true;
}

/** Records an outstanding confirmed request, bounded by maxPendingTransactions. */
function remember(st: BacnetState, invokeId: number, service: number, sink: DecodeSink): void {
  if (!st.pending.has(invokeId) && st.pending.size >= st.limits.maxPendingTransactions) {
    sink.anomaly('bacnet.transactions_limit_reached');
    return;
  }
  st.pending.set(invokeId, service);
}

/** Reject, Abort and SegmentACK carry no service choice: take it from the request (pairing). */
function pair(st: BacnetState, f: BacnetFields): void {
  const sc = st.pending.get(f.invoke_id as number);
  if (sc === undefined) return;
  f.service_choice = sc;
  f.service = nameOf(CONFIRMED_SERVICES, sc);
}
