/**
 * DCE/RPC connection-oriented over TCP ([C706] 12, [MS-RPCE] 2.1.1.1 ncacn_ip_tcp): the
 * endpoint mapper on port 135 and the dynamic ports it hands out (49152-65535 on Windows).
 *
 * Framing: each PDU carries its own length (frag_length at offset 8 of the common header), so
 * the stream is cut into whole PDUs; `pdu.ts` parses each one. There is no marker to find the
 * next PDU by, so a header that does not check out (version 5.0/5.1, connection-oriented PTYPE,
 * sane packed_drep and lengths) stops decoding the direction once the flow is confirmed, and
 * rejects the flow before. After a capture gap the next bytes must start a valid PDU.
 *
 * Recognition: the probe reads the 16-byte common header: rpc_vers 5, rpc_vers_minor 0 or 1,
 * a PTYPE the sending direction may send, a packed_drep with its reserved bytes zero, a
 * frag_length at least the type's fixed size and an auth_length that fits. That is specific
 * enough for any port; the connectionless DCE/RPC of PROFINET (rpc_vers 4, UDP) is never taken.
 */
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import { DCERPC, PTYPE_SENDER } from './constants.js';
import type { DcerpcEventKind, DcerpcFields } from './events.js';
import { DcerpcAssoc, HEADER_BAD, checkHeader, parsePdu, resetFragments } from './pdu.js';

/** Per-flow DCE/RPC state. */
export class DcerpcState {
  readonly assoc: DcerpcAssoc;
  /** Set once the flow is known to be DCE/RPC (sink.confirm() was called). */
  confirmed = false;
  /** Per direction: bytes of an oversized PDU still to skip. */
  readonly skip: [number, number] = [0, 0];
  /** Per direction: framing lost; the rest of that direction is not decoded. */
  readonly lost: [boolean, boolean] = [false, false];
  /** Per direction: a capture gap happened; the next bytes must start a valid PDU. */
  readonly afterGap: [boolean, boolean] = [false, false];

  constructor(limits: DecoderLimits) {
    this.assoc = new DcerpcAssoc(limits);
  }
}

/** Fresh per-flow state. */
export function createDcerpcState(limits: DecoderLimits): DcerpcState {
  return new DcerpcState(limits);
}

/** A gap shortens an oversized PDU's skip; otherwise the next bytes must be a PDU. */
export function onDcerpcGap(state: DcerpcState, dir: Direction, size: number): void {
  const skip = state.skip[dir];
  if (skip > size) {
    state.skip[dir] = skip - size;
    return;
  }
  state.skip[dir] = 0;
  state.afterGap[dir] = true;
  resetFragments(state.assoc, dir === Direction.TO_SERVER);
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is a DCE/RPC
 * connection-oriented PDU header of a type that direction sends.
 */
export function probeDcerpc(data: Uint8Array, dir: Direction): ProbeResult {
  const n = data.length;
  if (n < 1) return 'need_more';
  if (data[0] !== DCERPC.VERSION) return 'no_match';
  if (n >= 2 && (data[1] as number) > 1) return 'no_match';
  if (n >= 3) {
    const sender = PTYPE_SENDER[data[2] as number];
    if (sender === undefined || sender === 0) return 'no_match';
    if (sender !== (dir === Direction.TO_SERVER ? 1 : 2)) return 'no_match';
  }
  if (n < DCERPC.HEADER_LEN) return 'need_more';
  return checkHeader(data, 0) === HEADER_BAD ? 'no_match' : 'match';
}

const KIND: Readonly<Record<string, DcerpcEventKind>> = {
  request: 'dcerpc.request',
  response: 'dcerpc.response',
  fault: 'dcerpc.fault',
  bind: 'dcerpc.bind',
  bind_ack: 'dcerpc.bind_ack',
  bind_nak: 'dcerpc.bind_nak',
  alter_context: 'dcerpc.alter_context',
  alter_context_resp: 'dcerpc.alter_context_resp',
  auth3: 'dcerpc.auth3',
  shutdown: 'dcerpc.shutdown',
  co_cancel: 'dcerpc.co_cancel',
  orphaned: 'dcerpc.orphaned',
};

function emit(sink: DecodeSink, f: DcerpcFields, a: DcerpcAssoc): void {
  const kind = KIND[f.packet_type_name];
  if (kind === undefined) return;
  // The NTLMSSP message of the auth_value is a layer of its own (docs/adr/0002).
  if (a.ntlmssp !== null) sink.emit({ kind, dcerpc: f, ntlmssp: a.ntlmssp });
  else sink.emit({ kind, dcerpc: f });
}

/**
 * Decodes the next bytes of one direction: whole PDUs, each one event; a partial PDU is left
 * to the pipeline (`incomplete`).
 */
export function parseDcerpc(
  state: DcerpcState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (state.lost[dir]) return OK;
  let o = 0;
  const skip = state.skip[dir];
  if (skip > 0) {
    const k = Math.min(skip, n);
    state.skip[dir] = skip - k;
    o = k;
  }
  const toServer = dir === Direction.TO_SERVER;
  while (o < n) {
    if (n - o < DCERPC.HEADER_LEN) return incomplete(o, DCERPC.HEADER_LEN);
    const fragLen = checkHeader(data, o);
    if (fragLen === HEADER_BAD) {
      if (!state.confirmed) return reject('dcerpc.invalid_header');
      sink.anomaly(
        'dcerpc.invalid_header',
        state.afterGap[dir] ? 'after a capture gap' : 'PDU framing lost',
      );
      state.lost[dir] = true;
      return OK;
    }
    state.afterGap[dir] = false;
    if (fragLen > state.assoc.limits.maxPduBytes) {
      sink.anomaly('dcerpc.oversized_pdu', `frag_length ${fragLen}`);
      const k = Math.min(fragLen, n - o);
      state.skip[dir] = fragLen - k;
      o += k;
      continue;
    }
    if (n - o < fragLen) return incomplete(o, fragLen);
    const f = parsePdu(state.assoc, data, o, fragLen, toServer, sink);
    if (!state.confirmed) {
      state.confirmed = true;
      sink.confirm();
    }
    emit(sink, f, state.assoc);
    o += fragLen;
  }
  return OK;
}
