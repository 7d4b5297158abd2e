/**
 * DCE/RPC over SMB named pipes ([MS-RPCE] 2.1.1.2 ncacn_np): the entry point the SMB decoder
 * calls with the data of each pipe read, write or transceive. The PDUs are the same as over TCP
 * and go through the same code (`pdu.ts`), with one association per pipe (per SMB file id).
 *
 * A PDU may span several SMB reads or writes (a fragment larger than the SMB maximum read or
 * write size): the pipe keeps the partial PDU of each direction, bounded by `maxPduBytes`, and
 * completes it with the next payload.
 */
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import type { DecodeSink, DecoderLimits } from '../../decoder.js';
import { DCERPC } from './constants.js';
import type { DcerpcLayer } from './events.js';
import { DcerpcAssoc, HEADER_BAD, checkHeader, parsePdu } from './pdu.js';

/** Partial PDU bytes of one direction of a pipe. */
class PipeBuffer {
  buf: Uint8Array | null = null;
  len = 0;
  /** The direction lost PDU framing (a payload that is not DCE/RPC): skipped until reset. */
  lost = false;
}

/**
 * The DCE/RPC state of one SMB named pipe: its bound contexts, calls in flight, fragment
 * reassembly, and the partial PDU of each direction. Bounded by the limits it is made with.
 *
 * @example
 * const pipe = new DcerpcPipe(limits);
 * const layer = dcerpcPipeMessage(pipe, writeData, 0, writeData.length, true, sink);
 * if (layer) event.dcerpc = layer;
 */
export class DcerpcPipe {
  /** @internal */
  readonly assoc: DcerpcAssoc;
  /**
   * The NTLMSSP message (`ntlmssp` layer, src/decode/auth/ntlmssp.ts) in the auth_value of the
   * PDU the last {@link dcerpcPipeMessage} call returned, or null: the SMB event may carry it
   * beside the `dcerpc` layer.
   */
  ntlmssp: NtlmsspLayer | null = null;
  /** @internal [to server, to client]. */
  readonly pending: [PipeBuffer, PipeBuffer] = [new PipeBuffer(), new PipeBuffer()];

  constructor(limits: DecoderLimits) {
    this.assoc = new DcerpcAssoc(limits);
  }
}

/** Parses the PDUs of `d[start, end)`; returns the layer of the first one. */
function parseRun(
  pipe: DcerpcPipe,
  d: Uint8Array,
  start: number,
  end: number,
  toServer: boolean,
  sink: DecodeSink,
  pb: PipeBuffer,
  first: DcerpcLayer | null,
): { first: DcerpcLayer | null; rest: number } {
  let o = start;
  while (end - o >= DCERPC.HEADER_LEN) {
    const fragLen = checkHeader(d, o);
    if (fragLen === HEADER_BAD) {
      sink.anomaly('dcerpc.invalid_header', 'named pipe data is not a DCE/RPC PDU');
      pb.lost = true;
      return { first, rest: end };
    }
    if (end - o < fragLen) break;
    const layer = parsePdu(pipe.assoc, d, o, fragLen, toServer, sink);
    if (first === null) {
      first = layer;
      pipe.ntlmssp = pipe.assoc.ntlmssp;
    }
    o += fragLen;
  }
  return { first, rest: o };
}

/**
 * Decodes the DCE/RPC PDU(s) carried by one named-pipe payload `d[start, end)` (an SMB write,
 * read or transceive data block) in direction `toServer`, and returns the `dcerpc` layer object
 * of the first PDU it completes, or null when the payload only starts or continues a PDU (or is
 * not DCE/RPC). Anomalies go to `sink` under the names of `DCERPC_ANOMALIES`; no event is
 * emitted: the caller puts the layer into its own event.
 *
 * Pitfall: `d` is not kept; a partial PDU is copied into the pipe's buffer (at most
 * `maxPduBytes` per direction).
 */
export function dcerpcPipeMessage(
  pipe: DcerpcPipe,
  d: Uint8Array,
  start: number,
  end: number,
  toServer: boolean,
  sink: DecodeSink,
): DcerpcLayer | null {
  const pb = pipe.pending[toServer ? 0 : 1];
  pipe.ntlmssp = null;
  if (start < 0) start = 0;
  if (end > d.length) end = d.length;
  if (end <= start) return null;
  if (pb.lost) {
    // A new payload starting with a valid header resynchronises the direction.
    if (end - start < DCERPC.HEADER_LEN || checkHeader(d, start) === HEADER_BAD) return null;
    pb.lost = false;
    pb.len = 0;
  }
  const limit = pipe.assoc.limits.maxPduBytes;
  let first: DcerpcLayer | null = null;
  if (pb.len > 0) {
    // Complete the pending PDU from the head of this payload.
    const buf = pb.buf as Uint8Array;
    let need = pb.len < DCERPC.HEADER_LEN ? DCERPC.HEADER_LEN : 0;
    if (need === 0) need = checkHeader(buf, 0);
    let take = Math.min(end - start, Math.max(0, need - pb.len));
    buf.set(d.subarray(start, start + take), pb.len);
    pb.len += take;
    start += take;
    if (pb.len === DCERPC.HEADER_LEN && need === DCERPC.HEADER_LEN) {
      const fragLen = checkHeader(buf, 0);
      if (fragLen === HEADER_BAD || fragLen > limit) {
        sink.anomaly(
          fragLen === HEADER_BAD ? 'dcerpc.invalid_header' : 'dcerpc.oversized_pdu',
          'named pipe PDU',
        );
        pb.len = 0;
        pb.lost = true;
        return null;
      }
      take = Math.min(end - start, fragLen - pb.len);
      buf.set(d.subarray(start, start + take), pb.len);
      pb.len += take;
      start += take;
      need = fragLen;
    }
    if (pb.len < need) return null;
    first = parsePdu(pipe.assoc, buf, 0, pb.len, toServer, sink);
    pipe.ntlmssp = pipe.assoc.ntlmssp;
    pb.len = 0;
  }
  const run = parseRun(pipe, d, start, end, toServer, sink, pb, first);
  first = run.first;
  const rest = end - run.rest;
  if (rest > 0 && !pb.lost) {
    if (rest >= DCERPC.HEADER_LEN && checkHeader(d, run.rest) > limit) {
      sink.anomaly('dcerpc.oversized_pdu', 'named pipe PDU');
      pb.lost = true;
      return first;
    }
    if (pb.buf === null) pb.buf = new Uint8Array(limit);
    pb.buf.set(d.subarray(run.rest, end), 0);
    pb.len = rest;
  }
  return first;
}
