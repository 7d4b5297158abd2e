/**
 * The Ethernet framing GOOSE and Sampled Values share (IEC 61850-8-1 C.2.3, 61850-9-2 5.3.3):
 * APPID, Length (from APPID on), Reserved 1 (bit 15: Simulate, Ed.2), Reserved 2, then the APDU.
 *
 * In the pipeline (`transport: 'ether'`) each `parse` call is one whole frame and octets after
 * Length are Ethernet padding; without a transport (harnesses that cut the input anywhere) the
 * input is a stream of frames framed by their Length.
 */
import { OK, incomplete } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';

/** APPID, Length, Reserved 1, Reserved 2. */
export const FRAME_HEADER = 8;
/** Header plus the smallest APDU (tag and length octets). */
export const FRAME_MIN_LENGTH = 10;
/** Reserved 1 bit 15: Simulate. */
const SIMULATE_BIT = 0x8000;

/** The header fields every GOOSE and SV event carries. */
export interface FrameHeader {
  appid: number;
  length: number;
  reserved1: number;
  reserved2: number;
  simulated: boolean;
}

/** What the framing needs of a decoder's per-stream state. */
export interface FramedState {
  readonly limits: DecoderLimits;
  /** One whole Ethernet frame per `parse` call (the pipeline), rather than a byte stream. */
  readonly perFrame: boolean;
  /** Inside a run of headers whose Length cannot frame a PDU. */
  desync: boolean;
}

/** What differs between GOOSE and SV around the shared framing. */
export interface FrameCodec<S extends FramedState> {
  readonly invalidLength: string;
  readonly truncatedFrame: string;
  /** Emits the event of a frame whose Length is too small for an APDU (header only). */
  headerOnly(h: FrameHeader, sink: DecodeSink): void;
  /** Decodes one frame `d[start, end)`. */
  frame(state: S, d: Uint8Array, start: number, end: number, sink: DecodeSink): void;
}

const u16 = (d: Uint8Array, p: number): number => ((d[p] as number) << 8) | (d[p + 1] as number);

/** The header at `d[p]` (8 octets present). */
export function readFrameHeader(d: Uint8Array, p: number): FrameHeader {
  const reserved1 = u16(d, p + 4);
  return {
    appid: u16(d, p),
    length: u16(d, p + 2),
    reserved1,
    reserved2: u16(d, p + 6),
    simulated: (reserved1 & SIMULATE_BIT) !== 0,
  };
}

/** Decodes the frames in `data` with `codec`. */
export function parseFramed<S extends FramedState>(
  codec: FrameCodec<S>,
  state: S,
  data: Uint8Array,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (state.perFrame) {
    oneFrame(codec, state, data, sink);
    return OK;
  }
  let pos = 0;
  while (pos < n) {
    if (n - pos < FRAME_HEADER) return incomplete(pos, FRAME_HEADER);
    const len = u16(data, pos + 2);
    if (len < FRAME_MIN_LENGTH || len > state.limits.maxPduBytes) {
      if (!state.desync) sink.anomaly(codec.invalidLength, `Length ${len}`);
      state.desync = true;
      pos += FRAME_HEADER;
      continue;
    }
    if (n - pos < len) return incomplete(pos, len);
    state.desync = false;
    codec.frame(state, data, pos, pos + len, sink);
    pos += len;
  }
  return OK;
}

/** One whole Ethernet frame: padding after Length is ignored, a cut frame decoded as far as it goes. */
function oneFrame<S extends FramedState>(
  codec: FrameCodec<S>,
  state: S,
  data: Uint8Array,
  sink: DecodeSink,
): void {
  const n = data.length;
  if (n < FRAME_HEADER) {
    sink.anomaly(codec.truncatedFrame, `${n}-octet frame`);
    return;
  }
  const len = u16(data, 2);
  if (len < FRAME_MIN_LENGTH) {
    // The header is still shown, as Wireshark does.
    sink.anomaly(codec.invalidLength, `Length ${len}`);
    codec.headerOnly(readFrameHeader(data, 0), sink);
    return;
  }
  if (len > n) sink.anomaly(codec.truncatedFrame, `Length ${len}, frame ${n} octets`);
  codec.frame(state, data, 0, Math.min(len, n), sink);
}
