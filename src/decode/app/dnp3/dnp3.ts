/**
 * DNP3 over TCP and UDP: data link framing with CRC checks, transport reassembly, and the
 * application layer (in `application.ts`).
 *
 * References:
 * - [1815] IEEE Std 1815-2012: 9.2.4 (link frame format, CRC), 9.2.4.1.3 (control octet),
 *   8 (transport function), 4.2.2 (application layer).
 * - [IP] DNP3 IP networking: the link frames are carried unchanged over TCP or UDP port 20000;
 *   several frames may share a segment or datagram and a frame may span TCP segments.
 *
 * Link frame ([1815] 9.2.4), CRCs little-endian over the 8 header octets and over each block
 * of up to 16 user data octets:
 *
 * ```
 *  0    2     3     4     6     8     10            26   28
 *  +----+-----+-----+-----+-----+-----+-------------+----+---------
 *  |0564| LEN | CTL | DST | SRC | CRC | 16 data     | CRC| ... last block (1-16) | CRC |
 *  +----+-----+-----+-----+-----+-----+-------------+----+---------
 * ```
 *
 * LEN counts CTL, DST, SRC and the user data (5 + 0..250), CRCs excluded. User data frames
 * (primary functions 3 and 4) carry one transport segment: a header octet, then application
 * octets.
 *
 * Framing policy. Before the flow is confirmed, a frame that does not start with 0x05 0x64,
 * has a bad header CRC or a LENGTH below 5 rejects the flow (it is not DNP3). After
 * confirmation these are anomalies and the parser scans for the next 0x05 0x64 whose header
 * CRC checks, from the octet after the bad start. A frame whose header is good but one of
 * whose data blocks fails its CRC is discarded whole ([1815] 9.2.4.2: the receiver discards
 * frames with CRC errors) and the scan resumes at its second octet, not at the end its LENGTH
 * gives: an octet inserted into the frame or lost from it (a spliced stream, a capture that
 * lost an octet) would otherwise misplace the next start and cost a good frame. This is what
 * opendnp3's link parser does (`LinkLayerParser::FailFrame` advances one octet and resyncs);
 * Wireshark trusts the LENGTH. One anomaly per loss of synchronisation: the octets skipped
 * while scanning are not reported one by one. The scan depends only on the bytes, so any
 * chunking of the input yields the same events, and it allocates nothing (it indexes the
 * input; a candidate header costs one 8-octet CRC).
 *
 * Quirks seen in real traffic: link status requests and their answers between polls
 * (`dnp3/bro_dnp3_link_only.pcap`); outstations that answer with a zero header CRC
 * (`dnp3/DNP3-ReadRequest.pcap`); crafted requests with DIR clear (QUT injection dataset).
 */
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { decodeFragment, isResponseFunction } from './application.js';
import {
  FUNCTION_CODES as FC,
  LINK,
  LINK_CONTROL,
  LINK_PRIMARY,
  LINK_PRIMARY_NAMES,
  LINK_SECONDARY_NAMES,
  TRANSPORT,
} from './constants.js';
import { crcMatches } from './crc.js';
import type { Dnp3LinkFields } from './events.js';
import type { Dnp3Anomaly } from './index.js';
import { Dnp3Session } from './session.js';
import { AddResult, Reassembler } from './transport.js';

/** Per-flow DNP3 state: confirmation, per-direction resynchronisation, reassembly. */
export class Dnp3State {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be DNP3 (a frame with a valid header CRC was seen). */
  confirmed = false;
  /** Per direction: the frame boundary is lost, scan for the next valid header. */
  readonly resync: [boolean, boolean] = [false, false];
  /** Application fragments in progress. */
  readonly reassembly: Reassembler;
  /** Confirms and solicited responses checked against the conversation (`session.ts`). */
  readonly session = new Dnp3Session();

  constructor(limits: DecoderLimits) {
    this.limits = limits;
    this.reassembly = new Reassembler(
      Math.min(limits.maxPduBytes, TRANSPORT.MAX_SEGMENTS * TRANSPORT.MAX_SEGMENT_PAYLOAD),
      TRANSPORT.MAX_SEGMENTS,
    );
  }
}

/** Fresh per-flow state. */
export function createDnp3State(limits: DecoderLimits): Dnp3State {
  return new Dnp3State(limits);
}

/**
 * After a capture gap the next byte is anywhere in a frame, and fragments in progress of that
 * direction can no longer complete: scan for a header again and drop them.
 */
export function onDnp3Gap(state: Dnp3State, dir: Direction, _size: number): void {
  state.resync[dir] = true;
  state.reassembly.dropDirection(dir);
  // Lost bytes may hold the fragment a confirm or a response answers.
  state.session.reset();
}

/** Octets of a whole frame with LENGTH `len` (>= 5): header, user data, one CRC per block. */
export function frameBytes(len: number): number {
  const user = len - LINK.MIN_LENGTH;
  return LINK.HEADER_BYTES + user + LINK.CRC_BYTES * Math.ceil(user / LINK.BLOCK_BYTES);
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is DNP3: the start octets
 * 0x05 0x64, a LENGTH of at least 5 and, once ten octets are there, a valid header CRC (one
 * chance in 65536 for other data). Either station may speak first (unsolicited responses).
 */
export function probeDnp3(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] !== LINK.START_0) return 'no_match';
  if (n >= 2 && data[1] !== LINK.START_1) return 'no_match';
  if (n >= 3 && (data[2] as number) < LINK.MIN_LENGTH) return 'no_match';
  if (n < LINK.HEADER_BYTES) return 'need_more';
  return crcMatches(data, 0, LINK.HEADER_CRC_COVERS) ? 'match' : 'no_match';
}

/** De-chunked user data of the current frame (at most 250 octets; decoding is synchronous). */
const USER = new Uint8Array(250);

/**
 * Decodes the next bytes of one direction (or one datagram): every complete link frame is
 * checked and handed to the transport layer; a partial frame at the end is left unconsumed
 * (`incomplete`) for the caller to hand back with more data.
 */
export function parseDnp3(
  state: Dnp3State,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (state.resync[dir]) {
      const at = scanForHeader(data, pos);
      if (at === -1) return OK;
      if (at < -1) return incomplete(-at - 2, LINK.HEADER_BYTES);
      state.resync[dir] = false;
      pos = at;
    }
    const rem = n - pos;
    let problem: Dnp3Anomaly | null = null;
    let detail = '';
    if (rem === 1 && data[pos] === LINK.START_0) {
      // The second start octet decides whether this is a frame: ask for it alone.
      return incomplete(pos, 2);
    }
    if (data[pos] !== LINK.START_0 || data[pos + 1] !== LINK.START_1) {
      problem = 'dnp3.invalid_start';
      // Name only the octets that decided it, so that the detail is the same under any chunking.
      detail =
        data[pos] !== LINK.START_0
          ? `octet ${hex2(data[pos] as number)} where a frame should start`
          : `octets 05${hex2(data[pos + 1] as number)} where a frame should start`;
    } else if (rem < LINK.HEADER_BYTES) {
      return incomplete(pos, LINK.HEADER_BYTES);
    } else if (!crcMatches(data, pos, pos + LINK.HEADER_CRC_COVERS)) {
      problem = 'dnp3.header_crc_error';
      detail = `header CRC ${hex2(data[pos + 8] as number)}${hex2(data[pos + 9] as number)}`;
    } else if ((data[pos + 2] as number) < LINK.MIN_LENGTH) {
      problem = 'dnp3.invalid_length';
      detail = `LENGTH ${data[pos + 2] as number}`;
    }
    if (problem !== null) {
      sink.anomaly(problem, detail);
      if (!state.confirmed) return reject(problem);
      state.resync[dir] = true;
      pos += 1;
      continue;
    }
    const total = frameBytes(data[pos + 2] as number);
    if (rem < total) return incomplete(pos, total);
    if (!state.confirmed) {
      state.confirmed = true;
      sink.confirm();
    }
    if (frame(state, data, pos, dir, sink)) {
      pos += total;
    } else {
      // A data block failed its CRC: the LENGTH that delimits the frame is not to be trusted
      // either (an octet inserted into or lost from the frame moves the next start), so scan
      // again from the octet after this start, as opendnp3's link parser does (FailFrame).
      state.resync[dir] = true;
      pos += 1;
    }
  }
  return OK;
}

/**
 * First offset at or after `from` where a link header with a valid CRC and LENGTH starts; -1
 * when none can start in `data` (all of it may be dropped); -(p + 2) when a candidate at `p`
 * needs more octets to be checked. Direct indexing: this loop runs per byte while
 * resynchronising.
 */
function scanForHeader(data: Uint8Array, from: number): number {
  const n = data.length;
  for (let p = from; p < n; p++) {
    if (data[p] !== LINK.START_0) continue;
    if (p + 1 < n && data[p + 1] !== LINK.START_1) continue;
    if (p + LINK.HEADER_BYTES > n) return -(p + 2);
    if ((data[p + 2] as number) < LINK.MIN_LENGTH) continue;
    if (crcMatches(data, p, p + LINK.HEADER_CRC_COVERS)) return p;
  }
  return -1;
}

/**
 * One whole frame with a valid header at `data[pos]`; false when a data block fails its CRC
 * (the frame is discarded, [1815] 9.2.4.2).
 */
function frame(
  state: Dnp3State,
  data: Uint8Array,
  pos: number,
  dir: Direction,
  sink: DecodeSink,
): boolean {
  const len = data[pos + 2] as number;
  const ctl = data[pos + 3] as number;
  const user = len - LINK.MIN_LENGTH;
  // Check every data block's CRC while copying the user data out of the blocks.
  let off = pos + LINK.HEADER_BYTES;
  let copied = 0;
  for (let block = 0; copied < user; block++) {
    const chunk = Math.min(LINK.BLOCK_BYTES, user - copied);
    if (!crcMatches(data, off, off + chunk)) {
      sink.anomaly('dnp3.data_crc_error', `data block ${block} of a ${len} LENGTH frame`);
      return false;
    }
    // Octet by octet: a subarray per block would allocate a view object per 16 octets.
    for (let i = 0; i < chunk; i++) USER[copied + i] = data[off + i] as number;
    copied += chunk;
    off += chunk + LINK.CRC_BYTES;
  }
  const primary = (ctl & LINK_CONTROL.PRM) !== 0;
  const fn = ctl & LINK_CONTROL.FUNCTION;
  const userData =
    primary &&
    (fn === LINK_PRIMARY.CONFIRMED_USER_DATA || fn === LINK_PRIMARY.UNCONFIRMED_USER_DATA);
  if (!userData) {
    const link = linkFields(data, pos);
    if (link.link_function === 'reserved') {
      sink.anomaly(
        'dnp3.unknown_link_function',
        `${primary ? 'primary' : 'secondary'} function ${fn}`,
      );
    }
    if (user > 0)
      sink.anomaly('dnp3.unexpected_link_data', `${link.link_function} with ${user} data octets`);
    sink.emit({ kind: 'dnp3.link', dnp3: link });
    return true;
  }
  if (user < 1) {
    sink.anomaly('dnp3.invalid_length', 'user data frame without a transport header');
    return true;
  }
  segment(state, data, pos, dir, user, sink);
  return true;
}

/** The transport segment in `USER[0, user)` of the frame at `data[pos]`. */
function segment(
  state: Dnp3State,
  data: Uint8Array,
  pos: number,
  dir: Direction,
  user: number,
  sink: DecodeSink,
): void {
  const th = USER[0] as number;
  const seq = th & TRANSPORT.SEQUENCE;
  const src = (data[pos + 6] as number) | ((data[pos + 7] as number) << 8);
  const dst = (data[pos + 4] as number) | ((data[pos + 5] as number) << 8);
  const r = state.reassembly;
  const key = Reassembler.key(dir, src, dst);
  let frag: Uint8Array;
  let from: number;
  let to: number;
  let segments: number;
  if ((th & TRANSPORT.FIR) !== 0 && (th & TRANSPORT.FIN) !== 0) {
    if (r.drop(key)) {
      sink.anomaly(
        'dnp3.transport_sequence_error',
        `fragment in progress from ${src} to ${dst} replaced by a new first segment`,
      );
    }
    frag = USER;
    from = 1;
    to = user;
    segments = 1;
  } else {
    const res = r.add(key, th, USER, 1, user);
    if (r.replaced) {
      sink.anomaly(
        'dnp3.transport_sequence_error',
        `fragment in progress from ${src} to ${dst} replaced by a new first segment`,
      );
    }
    if (r.evicted) {
      sink.anomaly('dnp3.too_many_reassemblies', `more than ${r.size} fragments in progress`);
    }
    switch (res) {
      case AddResult.PENDING:
        return;
      case AddResult.NO_FIRST:
        sink.anomaly(
          'dnp3.transport_sequence_error',
          `segment ${seq} from ${src} to ${dst} without a first segment`,
        );
        return;
      case AddResult.OUT_OF_SEQUENCE:
        sink.anomaly(
          'dnp3.transport_sequence_error',
          `segment ${seq} from ${src} to ${dst}, expected ${r.expected}`,
        );
        return;
      case AddResult.TOO_LARGE:
        sink.anomaly(
          'dnp3.fragment_too_large',
          `fragment from ${src} to ${dst} exceeds the reassembly limit`,
        );
        return;
      default:
        break;
    }
    frag = r.fragment();
    from = 0;
    to = frag.length;
    segments = r.fragmentSegments();
  }
  const fields = decodeFragment(
    frag,
    from,
    to,
    linkFields(data, pos),
    seq,
    segments,
    state.limits,
    sink,
  );
  if (fields === null) return;
  state.session.observe(fields, sink);
  const fc = fields.function_code;
  sink.emit({
    kind:
      fc === FC.UNSOLICITED_RESPONSE
        ? 'dnp3.unsolicited_response'
        : isResponseFunction(fc)
          ? 'dnp3.response'
          : 'dnp3.request',
    dnp3: fields,
  });
}

/** The link fields of the frame at `data[pos]` (allocated only for frames that emit). */
function linkFields(data: Uint8Array, pos: number): Dnp3LinkFields {
  const ctl = data[pos + 3] as number;
  const primary = (ctl & LINK_CONTROL.PRM) !== 0;
  const fn = ctl & LINK_CONTROL.FUNCTION;
  const link: Dnp3LinkFields = {
    source: (data[pos + 6] as number) | ((data[pos + 7] as number) << 8),
    destination: (data[pos + 4] as number) | ((data[pos + 5] as number) << 8),
    from_master: (ctl & LINK_CONTROL.DIR) !== 0,
    primary,
    link_function_code: fn,
    link_function: (primary ? LINK_PRIMARY_NAMES : LINK_SECONDARY_NAMES)[fn] as string,
    length: data[pos + 2] as number,
  };
  if (primary) {
    link.fcb = (ctl & LINK_CONTROL.FCB) !== 0;
    link.fcv = (ctl & LINK_CONTROL.FCV) !== 0;
  } else {
    link.dfc = (ctl & LINK_CONTROL.DFC) !== 0;
  }
  return link;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
