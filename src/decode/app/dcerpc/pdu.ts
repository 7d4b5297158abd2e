/**
 * One DCE/RPC connection-oriented PDU to its `dcerpc` layer object, with the association state
 * that gives requests their interface and responses their operation. Shared by the TCP decoder
 * (`dcerpc.ts`) and the SMB named-pipe entry point (`pipe.ts`), so both paths agree.
 *
 * References: [C706] 12.6 (PDU formats), 13.2.6 (sec_trailer); [MS-RPCE] 2.2.2; stubs read:
 * [C706] Appendix O (ept_map), [MS-NRPC] 3.5.4.4 (NetrServerReqChallenge,
 * NetrServerAuthenticate3, NetrServerPasswordSet2).
 *
 * Common header ([C706] 12.6.3.1), 16 bytes:
 *
 * ```
 *  0       1       2       3       4               8          10          12            16
 *  +-------+-------+-------+-------+---------------+-----------+-----------+-------------+
 *  | vers 5| minor | PTYPE | flags | packed_drep   | frag_len  | auth_len  |  call_id    |
 *  +-------+-------+-------+-------+---------------+-----------+-----------+-------------+
 *  ... PDU body ...  [auth padding] [sec_trailer (8) + auth_value (auth_len)]
 * ```
 *
 * The integers of the header after packed_drep, of the body and of the stub follow the byte
 * order packed_drep names (byte 0 high nibble: 1 little-endian). The sec_trailer sits at
 * frag_length - auth_length - 8; auth_pad_length bytes of padding precede it ([MS-RPCE]
 * 2.2.2.11).
 *
 * State is bounded: at most DCERPC.MAX_CONTEXTS presentation contexts, at most
 * `maxPendingTransactions` outstanding calls (oldest dropped, `dcerpc.too_many_calls`), and a
 * stub reassembly buffer of at most `maxPduBytes` per direction, filled only for the calls whose
 * stub is read (epmapper, netlogon); other calls are only counted.
 */
import { ntlmsspAt, parseNtlmssp, type NtlmsspLayer } from '../../auth/ntlmssp.js';
import type { DecodeSink, DecoderLimits } from '../../decoder.js';
import {
  ACK_REASONS,
  ACK_RESULTS,
  AUTH_LEVELS,
  AUTH_LEVEL_PRIVACY,
  AUTH_TYPES,
  BTFN_PREFIX,
  DCERPC,
  DREP_INT_LITTLE_ENDIAN,
  FAULT_STATUS,
  NAK_REASONS,
  NDR64_UUID,
  NDR_UUID,
  PTYPE_MIN_LEN,
  PTYPE_NAMES,
  PType,
  PfcFlag,
} from './constants.js';
import { INTERFACES, type InterfaceInfo } from './interfaces.js';
import { readRequestStub, readsRequestStub } from './stubs.js';
import {
  INFER_AMBIGUOUS,
  INFER_OK,
  INFER_REJECTED,
  inferInterface,
  inferredNdr64,
  inferredUuid,
  readKnownRequest,
  readsKnownRequest,
} from './infer.js';
import type { DcerpcContext, DcerpcFields, DcerpcResult, DcerpcTower } from './events.js';
import {
  align,
  allZero,
  le32,
  ndrString,
  ndrText,
  ndrUniqueString,
  r16,
  r32,
  readTower,
  uuidAt,
} from './ndr.js';

/** A bound presentation context. */
interface BoundContext {
  readonly uuid: string;
  readonly info: InterfaceInfo | undefined;
  /** The accepted transfer syntax is NDR64 ([MS-RPCE] 2.2.5.3): 8-byte pointers and counts. */
  ndr64: boolean;
  /** Inferred from a request's stub (infer.ts), not bound by a bind in the capture. */
  readonly inferred: boolean;
}

/** An outstanding call: what the response needs to be named. */
interface PendingCall {
  readonly opnum: number;
  readonly context: BoundContext | undefined;
}

/** Stub reassembly of one direction ([C706] 12.6.3.1 fragments of one call). */
class FragmentBuffer {
  /** Call being reassembled, -1 when none. */
  callId = -1;
  fragments = 0;
  /** Stub bytes of the call so far. */
  total = 0;
  /** Copy of the stub, only for calls whose stub is read; null otherwise. */
  buf: Uint8Array | null = null;
  len = 0;
  /** The stub exceeded the buffer: it is counted, not kept. */
  overflow = false;

  reset(): void {
    this.callId = -1;
    this.fragments = 0;
    this.total = 0;
    this.len = 0;
    this.overflow = false;
  }
}

/**
 * Per-association state: the contexts bound on a connection (or a named pipe), the calls in
 * flight, and the stub reassembly of each direction.
 */
export class DcerpcAssoc {
  readonly limits: DecoderLimits;
  readonly contexts = new Map<number, BoundContext>();
  /** Context ids proposed by a bind / alter_context, by call id, for the ack's results. */
  readonly proposals = new Map<number, number[]>();
  readonly calls = new Map<number, PendingCall>();
  /** NTLMSSP message of the last PDU's auth_value, null when it had none. */
  ntlmssp: NtlmsspLayer | null = null;
  /** A bind or alter_context was seen: unknown context ids are then an anomaly. */
  bindSeen = false;
  /** [to server, to client]. */
  readonly frags: [FragmentBuffer, FragmentBuffer] = [new FragmentBuffer(), new FragmentBuffer()];

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Verdict of {@link checkHeader}: the frag_length, or a negative reason. */
export const HEADER_BAD = -1;

/**
 * Checks the 16-byte common header at `o` (caller guarantees 16 bytes): version 5.0/5.1, a
 * connection-oriented PTYPE, a packed_drep with ASCII/EBCDIC, IEEE/VAX/Cray/IBM floats and
 * zero reserved bytes, a frag_length that holds the type's fixed body and the auth trailer.
 * Returns the frag_length, or {@link HEADER_BAD}.
 */
export function checkHeader(d: Uint8Array, o: number): number {
  if (d[o] !== DCERPC.VERSION || (d[o + 1] as number) > 1) return HEADER_BAD;
  const ptype = d[o + 2] as number;
  const min = PTYPE_MIN_LEN[ptype];
  if (min === undefined || min === 0) return HEADER_BAD;
  const drep0 = d[o + 4] as number;
  if ((drep0 & 0xee) !== 0 || (d[o + 5] as number) > 3 || d[o + 6] !== 0 || d[o + 7] !== 0) {
    return HEADER_BAD;
  }
  const le = (drep0 & DREP_INT_LITTLE_ENDIAN) !== 0;
  const fragLen = r16(d, o + 8, le);
  const authLen = r16(d, o + 10, le);
  if (fragLen < min) return HEADER_BAD;
  if (authLen > 0 && authLen + DCERPC.SEC_TRAILER_LEN + DCERPC.HEADER_LEN > fragLen) {
    return HEADER_BAD;
  }
  return fragLen;
}

const NAMES_NDR = 'ndr';

function syntaxName(uuid: string): string {
  if (uuid === NDR_UUID) return NAMES_NDR;
  if (uuid === NDR64_UUID) return 'ndr64';
  if (uuid.startsWith(BTFN_PREFIX)) return 'bind_time_feature_negotiation';
  return 'unknown';
}

/** Operation name of `opnum` in `info`, or undefined. */
function opName(info: InterfaceInfo | undefined, opnum: number): string | undefined {
  const n = info?.ops[opnum];
  return n === undefined || n === '' ? undefined : n;
}

/** Records a call, dropping the oldest when the table is full. */
function rememberCall(a: DcerpcAssoc, callId: number, call: PendingCall, sink: DecodeSink): void {
  if (!a.calls.has(callId) && a.calls.size >= a.limits.maxPendingTransactions) {
    const oldest = a.calls.keys().next();
    if (oldest.done !== true) a.calls.delete(oldest.value);
    sink.anomaly('dcerpc.too_many_calls');
  }
  a.calls.set(callId, call);
}

/**
 * Parses the sec_trailer and auth_value of the PDU at `[o, end)` into `f`. Returns the offset
 * where the stub (or body) ends: the start of the auth padding.
 */
function parseAuth(
  a: DcerpcAssoc,
  d: Uint8Array,
  o: number,
  end: number,
  bodyStart: number,
  authLen: number,
  le: boolean,
  f: DcerpcFields,
  sink: DecodeSink,
): number {
  if (authLen === 0) return end;
  const t = end - authLen - DCERPC.SEC_TRAILER_LEN;
  if (t < bodyStart) {
    sink.anomaly('dcerpc.invalid_auth_length', `auth_length ${authLen} frag_length ${end - o}`);
    return end;
  }
  const type = d[t] as number;
  const level = d[t + 1] as number;
  const pad = d[t + 2] as number;
  f.auth_type = type;
  f.auth_type_name = AUTH_TYPES.get(type) ?? 'unknown';
  f.auth_level = level;
  f.auth_level_name = AUTH_LEVELS[level] ?? 'unknown';
  f.auth_context_id = r32(d, t + 4, le);
  readNtlmssp(a, d, t + DCERPC.SEC_TRAILER_LEN, end, type);
  return t - pad >= bodyStart ? t - pad : t;
}

/** How far into an SPNEGO token the NTLMSSP signature is looked for. */
const SPNEGO_SCAN = 128;

/**
 * The NTLMSSP message of an NTLMSSP (10) or SPNEGO (9) auth_value ([MS-NLMP] 2.2.1), read by
 * the shared reader into `a.ntlmssp`.
 */
function readNtlmssp(a: DcerpcAssoc, d: Uint8Array, o: number, end: number, type: number): void {
  if (type !== 10 && type !== 9) return;
  const s = type === 10 ? o : ntlmsspAt(d, o, Math.min(end, o + SPNEGO_SCAN));
  if (s < 0) return;
  a.ntlmssp = parseNtlmssp(d, s, end);
}

/** Reads the p_cont_list of a bind / alter_context at `o`. */
function parseContexts(
  a: DcerpcAssoc,
  d: Uint8Array,
  o: number,
  end: number,
  le: boolean,
  callId: number,
  f: DcerpcFields,
  sink: DecodeSink,
): void {
  if (o + 4 > end) {
    sink.anomaly('dcerpc.malformed_pdu', 'p_cont_list past frag_length');
    return;
  }
  const n = d[o] as number;
  o += 4;
  const list: DcerpcContext[] = [];
  const ids: number[] = [];
  let features = -1;
  for (let i = 0; i < n; i++) {
    if (o + 24 > end) {
      sink.anomaly('dcerpc.malformed_pdu', `context ${i} of ${n} past frag_length`);
      break;
    }
    const ctxId = r16(d, o, le);
    const nts = d[o + 2] as number;
    const uuid = uuidAt(d, o + 4, le);
    const major = r16(d, o + 20, le);
    const minor = r16(d, o + 22, le);
    o += 24;
    if (o + nts * 20 > end) {
      sink.anomaly(
        'dcerpc.malformed_pdu',
        `transfer syntaxes of context ${ctxId} past frag_length`,
      );
      break;
    }
    const ts: string[] = [];
    const tsNames: string[] = [];
    for (let k = 0; k < nts; k++) {
      const t = uuidAt(d, o, le);
      const name = syntaxName(t);
      ts.push(t);
      tsNames.push(name);
      if (name === 'bind_time_feature_negotiation') features = d[o + 8] as number;
      o += 20;
    }
    const info = INTERFACES.get(uuid);
    ids.push(ctxId);
    if (a.contexts.size >= DCERPC.MAX_CONTEXTS && !a.contexts.has(ctxId)) {
      sink.anomaly('dcerpc.too_many_contexts');
    } else {
      a.contexts.set(ctxId, { uuid, info, ndr64: false, inferred: false });
    }
    if (list.length < a.limits.maxObjectsPerMessage) {
      const c: {
        context_id: number;
        interface_uuid: string;
        interface_version: string;
        interface_name?: string;
        transfer_syntaxes: string[];
        transfer_syntax_names: string[];
      } = {
        context_id: ctxId,
        interface_uuid: uuid,
        interface_version: `${major}.${minor}`,
        transfer_syntaxes: ts,
        transfer_syntax_names: tsNames,
      };
      if (info !== undefined) c.interface_name = info.name;
      list.push(c);
    }
    if (i === 0) {
      f.interface_uuid = uuid;
      if (info !== undefined) f.interface_name = info.name;
    }
  }
  f.contexts = list;
  if (features >= 0) f.bind_time_features = features;
  if (a.proposals.size >= 16) {
    const oldest = a.proposals.keys().next();
    if (oldest.done !== true) a.proposals.delete(oldest.value);
  }
  a.proposals.set(callId, ids);
}

/** Reads the body of a bind_ack / alter_context_resp after the assoc group id, at `o`. */
function parseResults(
  a: DcerpcAssoc,
  d: Uint8Array,
  pdu: number,
  o: number,
  end: number,
  le: boolean,
  callId: number,
  f: DcerpcFields,
  sink: DecodeSink,
): void {
  if (o + 2 > end) {
    sink.anomaly('dcerpc.malformed_pdu', 'sec_addr past frag_length');
    return;
  }
  const addrLen = r16(d, o, le);
  o += 2;
  if (o + addrLen > end) {
    sink.anomaly('dcerpc.malformed_pdu', 'sec_addr past frag_length');
    return;
  }
  let addr = '';
  for (let i = 0; i < addrLen && addr.length < a.limits.maxStringBytes; i++) {
    const c = d[o + i] as number;
    if (c === 0) break;
    addr += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  if (addrLen > 0) f.secondary_address = addr;
  o = align(o + addrLen, pdu, 4);
  if (o + 4 > end) {
    sink.anomaly('dcerpc.malformed_pdu', 'p_result_list past frag_length');
    return;
  }
  const n = d[o] as number;
  o += 4;
  const ids = a.proposals.get(callId);
  a.proposals.delete(callId);
  const results: DcerpcResult[] = [];
  let rejected = false;
  for (let i = 0; i < n; i++) {
    if (o + 24 > end) {
      sink.anomaly('dcerpc.malformed_pdu', `result ${i} of ${n} past frag_length`);
      break;
    }
    const result = r16(d, o, le);
    const reason = r16(d, o + 2, le);
    const ts = uuidAt(d, o + 4, le);
    o += 24;
    const ctxId = ids?.[i];
    const ctx = ctxId === undefined ? undefined : a.contexts.get(ctxId);
    if (ctx !== undefined && result === 0) ctx.ndr64 = ts === NDR64_UUID;
    if (result === 1 || result === 2) {
      rejected = true;
      // A refused proposal binds nothing: a request naming it is then unknown.
      if (ctxId !== undefined) a.contexts.delete(ctxId);
    }
    if (results.length >= a.limits.maxObjectsPerMessage) continue;
    const r: {
      result: number;
      result_name: string;
      reason: number;
      transfer_syntax: string;
      context_id?: number;
      interface_name?: string;
    } = {
      result,
      result_name: ACK_RESULTS[result] ?? 'unknown',
      reason,
      transfer_syntax: ts,
    };
    if (ctxId !== undefined) r.context_id = ctxId;
    if (ctx?.info !== undefined) r.interface_name = ctx.info.name;
    results.push(r);
  }
  f.results = results;
  if (rejected) {
    const why = results.find((r) => r.result === 1 || r.result === 2);
    sink.anomaly(
      'dcerpc.bind_rejected',
      why === undefined
        ? undefined
        : `${why.result_name}: ${ACK_REASONS[why.reason] ?? why.reason}`,
    );
  }
}

/**
 * A pointer, conformance or count of the transfer syntax: 4 bytes in NDR, 8 in NDR64
 * ([MS-RPCE] 2.2.5.3.2); only the low 32 bits are read (counts beyond them are absurd here).
 */
function ptrAt(d: Uint8Array, o: number): number {
  return le32(d, o);
}

/**
 * Stub of an ept_map request ([C706] Appendix O): the interface asked for. `p` is the pointer
 * and conformance size: 4 (NDR) or 8 (NDR64).
 */
function epmMapRequest(d: Uint8Array, o: number, end: number, p: number, f: DcerpcFields): void {
  const base = o;
  // [in, ptr] uuid_p_t object
  if (o + p > end) return;
  const objRef = ptrAt(d, o);
  o += p + (objRef !== 0 ? 16 : 0);
  // [in, ptr] twr_p_t map_tower: referent, then the conformant twr_t (conformance, length, octets)
  o = align(o, base, p);
  if (o + 2 * p + 4 > end || ptrAt(d, o) === 0) return;
  o = align(o + p, base, p) + p;
  const len = le32(d, o);
  o += 4;
  if (len > end - o) return;
  const t = readTower(d, o, o + len);
  if (t !== undefined) {
    f.epm_interface_uuid = t.interface_uuid;
    if (t.interface_name !== undefined) f.epm_interface_name = t.interface_name;
    f.epm_towers = [t];
  }
}

/**
 * Reads the deferred twr_t pointees at `o` for each non-null referent in `refs` (offsets of the
 * referent ids), appending towers to `towers`. Returns the offset after them, or -1.
 */
function epmTowers(
  d: Uint8Array,
  o: number,
  end: number,
  base: number,
  p: number,
  refs: number[],
  towers: DcerpcTower[],
  max: number,
  sink: DecodeSink,
): number {
  for (const r of refs) {
    if (ptrAt(d, r) === 0) continue;
    o = align(o, base, p);
    if (o + p + 4 > end) {
      sink.anomaly('dcerpc.malformed_tower', 'tower past the stub');
      return -1;
    }
    const len = le32(d, o + p);
    o += p + 4;
    if (len > end - o) {
      sink.anomaly('dcerpc.malformed_tower', `tower_length ${len}`);
      return -1;
    }
    if (towers.length < max) {
      const t = readTower(d, o, o + len);
      if (t === undefined) sink.anomaly('dcerpc.malformed_tower', 'floors');
      else towers.push(t);
    }
    o += len;
  }
  return o;
}

/**
 * Stub of an ept_map (opnum 3) or ept_lookup (opnum 2) response: the towers and the status.
 * ept_map returns an array of tower pointers; ept_lookup an array of ept_entry_t (object UUID,
 * tower pointer, annotation string), the towers deferred after the array ([C706] Appendix O,
 * [C706] 14.3.12 for the order of deferred pointees).
 */
function epmResponse(
  d: Uint8Array,
  o: number,
  end: number,
  p: number,
  lookup: boolean,
  max: number,
  f: DcerpcFields,
  sink: DecodeSink,
): void {
  const base = o;
  // entry_handle (20), num_towers / num_ents, then the varying array header
  o = align(o + 24, base, p);
  if (o + 3 * p > end) return;
  const actual = ptrAt(d, o + 2 * p);
  o += 3 * p;
  const entry = lookup ? -1 : p;
  if (actual > (end - o) / (lookup ? 16 + 3 * p : p)) {
    sink.anomaly('dcerpc.malformed_tower', `actual_count ${actual}`);
    return;
  }
  const refs: number[] = [];
  for (let i = 0; i < actual; i++) {
    if (entry > 0) {
      refs.push(o);
      o += p;
      continue;
    }
    // ept_entry_t: object UUID, tower pointer, [string] annotation (offset, actual, chars)
    o = align(o, base, p);
    if (o + 16 + 3 * p > end) {
      sink.anomaly('dcerpc.malformed_tower', `entry ${i} past the stub`);
      return;
    }
    o = align(o + 16, base, p);
    refs.push(o);
    o += p;
    const chars = ptrAt(d, o + p);
    o += 2 * p + chars;
    if (o > end) {
      sink.anomaly('dcerpc.malformed_tower', `annotation of entry ${i}`);
      return;
    }
  }
  const towers: DcerpcTower[] = [];
  o = epmTowers(d, o, end, base, p, refs, towers, max, sink);
  f.epm_towers = towers;
  if (towers.length >= max && actual > max)
    sink.anomaly('dcerpc.objects_limit_reached', `${actual} towers`);
  if (o < 0) return;
  o = align(o, base, 4);
  if (o + 4 <= end) f.epm_status = le32(d, o);
}

/** Netlogon stubs that carry the Zerologon tells ([MS-NRPC] 3.5.4.4.1, 3.5.4.4.2, 3.5.4.4.5). */
function netlogonRequest(
  d: Uint8Array,
  o: number,
  end: number,
  opnum: number,
  f: DcerpcFields,
  sink: DecodeSink,
  cap: number,
): void {
  const base = o;
  // PrimaryName: [in, unique, string] LOGONSRV_HANDLE
  o = ndrUniqueString(d, o, end, base, cap);
  if (o < 0) return;
  if (opnum === 4) {
    // NetrServerReqChallenge: ComputerName, ClientChallenge (8)
    o = ndrString(d, o, end, base, cap);
    if (o < 0 || o + 8 > end) return;
    f.netlogon_computer = ndrText;
    f.netlogon_zero_credential = allZero(d, o, 8);
  } else {
    // AccountName, SecureChannelType (enum, 2 bytes), ComputerName
    o = ndrString(d, o, end, base, cap);
    if (o < 0) return;
    const account = ndrText;
    o = align(o, base, 2) + 2;
    o = ndrString(d, o, end, base, cap);
    if (o < 0) return;
    f.netlogon_account = account;
    f.netlogon_computer = ndrText;
    if (o + 8 > end) return;
    // ClientCredential (Authenticate*) or Authenticator.Credential (PasswordSet2)
    f.netlogon_zero_credential = allZero(d, o, 8);
    if ((opnum === 15 || opnum === 26) && o + 12 <= end) {
      f.netlogon_negotiate_flags = le32(d, align(o + 8, base, 4));
    }
  }
  if (f.netlogon_zero_credential === true)
    sink.anomaly('dcerpc.netlogon_zero_credential', f.operation);
}

/** Netlogon operations whose stub is read. */
function isNetlogonRead(opnum: number): boolean {
  return opnum === 4 || opnum === 5 || opnum === 15 || opnum === 26 || opnum === 30;
}

/**
 * A request on a context no bind defined, in an association that showed no bind (the capture
 * began after it): names the interface from exact evidence in the stub (infer.ts), remembers
 * it for the context (bounded like bound contexts), and counts the verdict. Only single-fragment,
 * cleartext, little-endian stubs are read; an encrypted one is counted as unreadable.
 */
function infer(
  a: DcerpcAssoc,
  d: Uint8Array,
  s: number,
  e: number,
  flags: number,
  opnum: number,
  ctxId: number,
  f: DcerpcFields,
  sink: DecodeSink,
): BoundContext | undefined {
  if (f.auth_level === AUTH_LEVEL_PRIVACY && f.auth_length > 0) {
    sink.count?.('dcerpc.inference_unreadable');
    return undefined;
  }
  const whole = PfcFlag.FIRST_FRAG | PfcFlag.LAST_FRAG;
  if ((flags & whole) !== whole || !f.little_endian) return undefined;
  const verdict = inferInterface(
    d,
    s,
    e,
    opnum,
    f.object_uuid !== undefined,
    f,
    a.limits.maxStringBytes,
  );
  if (verdict === INFER_REJECTED) sink.count?.('dcerpc.inference_rejected');
  else if (verdict === INFER_AMBIGUOUS) sink.count?.('dcerpc.inference_ambiguous');
  if (verdict !== INFER_OK) return undefined;
  sink.count?.('dcerpc.interface_inferred');
  const ctx: BoundContext = {
    uuid: inferredUuid,
    info: INTERFACES.get(inferredUuid),
    ndr64: inferredNdr64,
    inferred: true,
  };
  if (a.contexts.size < DCERPC.MAX_CONTEXTS) a.contexts.set(ctxId, ctx);
  return ctx;
}

/** Which calls get their stub read (and so reassembled when fragmented). */
function readsStub(info: InterfaceInfo | undefined, opnum: number, toServer: boolean): boolean {
  if (info === undefined) return false;
  if (info.name === 'epmapper') return opnum === 3 || (opnum === 2 && !toServer);
  if (info.name === 'netlogon') return toServer && isNetlogonRead(opnum);
  return toServer && (readsRequestStub(info.name, opnum) || readsKnownRequest(info.name, opnum));
}

/** Reads the stub of a call whose interface and operation we decode. */
function readStub(
  limits: DecoderLimits,
  ctx: BoundContext,
  opnum: number,
  toServer: boolean,
  d: Uint8Array,
  o: number,
  end: number,
  f: DcerpcFields,
  sink: DecodeSink,
  cap: number,
): void {
  const p = ctx.ndr64 ? 8 : 4;
  const max = Math.min(DCERPC.MAX_TOWERS, limits.maxObjectsPerMessage);
  if (ctx.info?.name === 'epmapper') {
    if (toServer) epmMapRequest(d, o, end, p, f);
    else epmResponse(d, o, end, p, opnum === 2, max, f, sink);
  } else if (ctx.info?.name === 'netlogon' && !ctx.ndr64) {
    netlogonRequest(d, o, end, opnum, f, sink, cap);
  } else if (ctx.info !== undefined && toServer && readsKnownRequest(ctx.info.name, opnum)) {
    readKnownRequest(ctx.info.name, opnum, ctx.ndr64, d, o, end, f, cap);
  } else if (ctx.info !== undefined && toServer && !ctx.ndr64) {
    readRequestStub(ctx.info.name, opnum, d, o, end, f, cap, limits.maxPduBytes >> 1);
  }
}

/**
 * Follows the fragments of a call in one direction; on the last, gives the fragment count and
 * total, and reads the stub when the call is one we decode. `[s, e)` is this fragment's stub.
 */
function reassemble(
  a: DcerpcAssoc,
  d: Uint8Array,
  s: number,
  e: number,
  flags: number,
  callId: number,
  toServer: boolean,
  read: boolean,
  f: DcerpcFields,
  sink: DecodeSink,
): { data: Uint8Array; start: number; end: number } | null {
  const fb = a.frags[toServer ? 0 : 1];
  const first = (flags & PfcFlag.FIRST_FRAG) !== 0;
  const last = (flags & PfcFlag.LAST_FRAG) !== 0;
  if (first && last) {
    if (fb.callId >= 0 && fb.callId !== callId) fb.reset();
    return read ? { data: d, start: s, end: e } : null;
  }
  if (first) {
    if (fb.callId >= 0)
      sink.anomaly('dcerpc.fragment_out_of_order', `call ${fb.callId} unfinished`);
    fb.reset();
    fb.callId = callId;
  } else if (fb.callId !== callId) {
    // A middle or last fragment whose first was not seen (capture start, gap, or forged).
    sink.anomaly('dcerpc.fragment_out_of_order', `call ${callId} without its first fragment`);
    fb.reset();
    return null;
  }
  fb.fragments++;
  fb.total += e - s;
  if (read && !fb.overflow) {
    const need = fb.len + (e - s);
    if (need > a.limits.maxPduBytes) {
      fb.overflow = true;
      sink.anomaly(
        'dcerpc.reassembly_limit',
        `stub of call ${callId} over ${a.limits.maxPduBytes} bytes`,
      );
    } else {
      if (fb.buf === null || fb.buf.length < need) {
        const nb = new Uint8Array(
          Math.min(a.limits.maxPduBytes, Math.max(need, 2 * (fb.buf?.length ?? 2048))),
        );
        if (fb.buf !== null) nb.set(fb.buf.subarray(0, fb.len));
        fb.buf = nb;
      }
      fb.buf.set(d.subarray(s, e), fb.len);
      fb.len = need;
    }
  }
  if (!last) return null;
  f.fragment_count = fb.fragments;
  f.reassembled_length = fb.total;
  const buf = fb.buf;
  const ok = read && !fb.overflow && buf !== null;
  const len = fb.len;
  fb.reset();
  return ok ? { data: buf, start: 0, end: len } : null;
}

/**
 * Parses the whole PDU at `[o, o + fragLen)` (its header already checked by
 * {@link checkHeader}), updates the association, raises anomalies, and returns its layer.
 */
export function parsePdu(
  a: DcerpcAssoc,
  d: Uint8Array,
  o: number,
  fragLen: number,
  toServer: boolean,
  sink: DecodeSink,
): DcerpcFields {
  const end = o + fragLen;
  const ptype = d[o + 2] as number;
  const flags = d[o + 3] as number;
  const le = ((d[o + 4] as number) & DREP_INT_LITTLE_ENDIAN) !== 0;
  const authLen = r16(d, o + 10, le);
  const callId = r32(d, o + 12, le);
  const cap = a.limits.maxStringBytes;
  a.ntlmssp = null;
  const f: DcerpcFields = {
    version_minor: d[o + 1] as number,
    packet_type: ptype,
    packet_type_name: PTYPE_NAMES[ptype] ?? 'unknown',
    flags,
    first_frag: (flags & PfcFlag.FIRST_FRAG) !== 0,
    last_frag: (flags & PfcFlag.LAST_FRAG) !== 0,
    little_endian: le,
    frag_length: fragLen,
    auth_length: authLen,
    call_id: callId,
  };
  const body = o + DCERPC.HEADER_LEN;
  switch (ptype) {
    case PType.BIND:
    case PType.ALTER_CONTEXT: {
      const stop = parseAuth(a, d, o, end, body + 8, authLen, le, f, sink);
      f.max_xmit_frag = r16(d, body, le);
      f.max_recv_frag = r16(d, body + 2, le);
      f.assoc_group_id = r32(d, body + 4, le);
      a.bindSeen = true;
      parseContexts(a, d, body + 8, stop, le, callId, f, sink);
      break;
    }
    case PType.BIND_ACK:
    case PType.ALTER_CONTEXT_RESP: {
      const stop = parseAuth(a, d, o, end, body + 8, authLen, le, f, sink);
      f.max_xmit_frag = r16(d, body, le);
      f.max_recv_frag = r16(d, body + 2, le);
      f.assoc_group_id = r32(d, body + 4, le);
      parseResults(a, d, o, body + 8, stop, le, callId, f, sink);
      break;
    }
    case PType.BIND_NAK: {
      const reason = r16(d, body, le);
      f.reject_reason = reason;
      f.reject_reason_name = NAK_REASONS[reason] ?? 'unknown';
      a.proposals.delete(callId);
      sink.anomaly('dcerpc.bind_rejected', f.reject_reason_name);
      break;
    }
    case PType.REQUEST:
    case PType.RESPONSE:
    case PType.FAULT: {
      const hasObject = ptype === PType.REQUEST && (flags & PfcFlag.OBJECT_UUID) !== 0;
      let s = body + (ptype === PType.FAULT ? 16 : 8) + (hasObject ? 16 : 0);
      if (s > end) {
        sink.anomaly('dcerpc.malformed_pdu', 'object UUID past frag_length');
        s = end;
      }
      const stop = parseAuth(a, d, o, end, s, authLen, le, f, sink);
      const ctxId = r16(d, body + 4, le);
      f.alloc_hint = r32(d, body, le);
      f.context_id = ctxId;
      let bound: BoundContext | undefined;
      let opnum = -1;
      if (ptype === PType.REQUEST) {
        opnum = r16(d, body + 6, le);
        if (hasObject && body + 24 <= end) f.object_uuid = uuidAt(d, body + 8, le);
        let ctx = a.contexts.get(ctxId);
        if (ctx === undefined && a.bindSeen)
          sink.anomaly('dcerpc.unknown_context', `context ${ctxId}`);
        else if (ctx === undefined)
          ctx = infer(a, d, s, Math.max(s, stop), flags, opnum, ctxId, f, sink);
        bound = ctx;
        if (ctx !== undefined) f.interface_uuid = ctx.uuid;
        if (ctx?.inferred === true) f.interface_inferred = true;
        if ((flags & PfcFlag.FIRST_FRAG) !== 0 || !a.calls.has(callId)) {
          rememberCall(a, callId, { opnum, context: ctx }, sink);
        }
      } else {
        f.cancel_count = d[body + 6] as number;
        const call = a.calls.get(callId);
        if (call !== undefined) {
          opnum = call.opnum;
          bound = call.context;
          if (call.context !== undefined) f.interface_uuid = call.context.uuid;
          if (call.context?.inferred === true) f.interface_inferred = true;
          if ((flags & PfcFlag.LAST_FRAG) !== 0 || ptype === PType.FAULT) a.calls.delete(callId);
        }
        if (ptype === PType.FAULT) {
          const status = r32(d, body + 8, le);
          f.status = status;
          const name = FAULT_STATUS.get(status);
          if (name !== undefined) f.status_name = name;
          sink.anomaly('dcerpc.fault', name ?? `0x${status.toString(16).padStart(8, '0')}`);
        }
      }
      const info = bound?.info;
      if (info !== undefined) f.interface_name = info.name;
      if (opnum >= 0) {
        f.opnum = opnum;
        const name = opName(info, opnum);
        if (name !== undefined) f.operation = name;
      }
      const stubEnd = Math.max(s, stop);
      f.stub_length = stubEnd - s;
      const encrypted = authLen > 0 && f.auth_level === AUTH_LEVEL_PRIVACY;
      if (encrypted) f.stub_encrypted = true;
      if (ptype !== PType.FAULT) {
        const read = !encrypted && le && info !== undefined && readsStub(info, opnum, toServer);
        const whole = reassemble(a, d, s, stubEnd, flags, callId, toServer, read, f, sink);
        if (whole !== null && bound !== undefined) {
          readStub(
            a.limits,
            bound,
            opnum,
            toServer,
            whole.data,
            whole.start,
            whole.end,
            f,
            sink,
            cap,
          );
        }
      }
      break;
    }
    case PType.AUTH3:
    case PType.SHUTDOWN:
    case PType.CO_CANCEL:
    case PType.ORPHANED:
      parseAuth(a, d, o, end, body, authLen, le, f, sink);
      break;
    default:
      break;
  }
  return f;
}

/** Forgets a direction's partial stub (after a capture gap). */
export function resetFragments(a: DcerpcAssoc, toServer: boolean): void {
  a.frags[toServer ? 0 : 1].reset();
}
