/**
 * The TCP connection state machine behind Zeek's `conn_state`, one endpoint state per side.
 *
 * References:
 * - RFC 9293 (TCP), section 3.3.2 (state machine), 3.4 (sequence numbers, SYN and FIN each
 *   occupy one sequence number).
 * - Zeek `src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc`: `UpdateInactiveState`,
 *   `UpdateSYN_SentState`, `UpdateEstablishedState`, `UpdateClosedState`; endpoint states
 *   TCP_INACTIVE, TCP_SYN_SENT, TCP_SYN_ACK_SENT, TCP_PARTIAL, TCP_ESTABLISHED, TCP_CLOSED,
 *   TCP_RESET.
 * - Zeek `base/protocols/conn/main.zeek`, `function conn_state`: maps the two endpoint states
 *   (and for RSTOS0 the history) to S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR,
 *   OTH. {@link connState} is a line-by-line port of it.
 *
 * Packing (`Flow.tcpState`, a small integer so the field never boxes):
 *
 * ```
 *  bit  10         9         8         7        6        5..3           2..0
 *      last pkt   resp      orig      resp seq orig seq resp endpoint  orig endpoint
 *      corrupt    csum ok   csum ok   known    known    state          state
 * ```
 *
 * Bits 8-10 are used for every protocol (checksum policy); the rest only for TCP.
 *
 * Simplifications against Zeek, all in rare corner cases: a FIN from one side after the other
 * side's FIN+RST stays RSTO/RSTR (Zeek turns it back into SF), a SYN after a mid-stream pickup
 * does not move the endpoint back to SYN_SENT (the flow table treats it as port reuse instead),
 * and sizes for REJ are payload bytes rather than sequence-space sizes.
 */
import type { Flow } from './flow.js';
import { IpProto, TcpFlag } from '../decode/packet.js';

/** Endpoint states (Zeek `TCP_ENDPOINT_*`). */
export const TcpEndpoint = {
  INACTIVE: 0,
  SYN_SENT: 1,
  SYN_ACK_SENT: 2,
  /** Seen mid-stream: data or ACKs without a SYN. */
  PARTIAL: 3,
  ESTABLISHED: 4,
  /** Sent a FIN. */
  CLOSED: 5,
  /** Sent a RST. */
  RESET: 6,
} as const;
export type TcpEndpoint = (typeof TcpEndpoint)[keyof typeof TcpEndpoint];

const EP_MASK = 7;
const RESP_SHIFT = 3;
/** `Flow.tcpState` bits: the side's `Isn`/`SeqEnd` fields are valid. */
export const ORIG_SEQ_KNOWN = 1 << 6;
export const RESP_SEQ_KNOWN = 1 << 7;
/**
 * `Flow.tcpState` bits kept for every protocol (flow-table.ts, checksum policy): the side sent a
 * packet whose checksums were not found bad, and the last packet looked up was judged corrupt
 * (not analysed; the reassembler skips it).
 */
export const ORIG_CSUM_OK = 1 << 8;
export const RESP_CSUM_OK = 1 << 9;
export const LAST_CORRUPT = 1 << 10;

const { INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET } = TcpEndpoint;
const { SYN, ACK, FIN, RST } = TcpFlag;

/** The initiator's endpoint state. */
export function origEndpoint(tcpState: number): TcpEndpoint {
  return (tcpState & EP_MASK) as TcpEndpoint;
}

/** The responder's endpoint state. */
export function respEndpoint(tcpState: number): TcpEndpoint {
  return ((tcpState >> RESP_SHIFT) & EP_MASK) as TcpEndpoint;
}

/**
 * True when the connection is over: both sides sent a FIN, or either side sent a RST. Such a
 * flow moves to the short `tcpClosedTimeout` list, and a new SYN on its key starts a new flow.
 */
export function tcpClosed(tcpState: number): boolean {
  const o = tcpState & EP_MASK;
  const r = (tcpState >> RESP_SHIFT) & EP_MASK;
  return o === RESET || r === RESET || (o === CLOSED && r === CLOSED);
}

/**
 * Applies one packet with TCP `flags`, sent by the initiator (`fromOrig`) or the responder, to
 * the packed state and returns the new packed state. Pure; a few branches per packet.
 */
export function tcpTransition(tcpState: number, fromOrig: boolean, flags: number): number {
  const o = tcpState & EP_MASK;
  const r = (tcpState >> RESP_SHIFT) & EP_MASK;
  let e = fromOrig ? o : r;
  let p = fromOrig ? r : o;
  const syn = (flags & SYN) !== 0;
  const ack = (flags & ACK) !== 0;
  const fin = (flags & FIN) !== 0;
  const rst = (flags & RST) !== 0;

  switch (e) {
    case INACTIVE:
      if (syn) {
        if (fromOrig) {
          // A SYN reordered behind its SYN-ACK joins the established handshake (Zeek's
          // "SYN/SYN-ACK reversal").
          e = ack ? SYN_ACK_SENT : p === ESTABLISHED ? ESTABLISHED : SYN_SENT;
        } else {
          // The responder's SYN-ACK (or a simultaneous-open SYN) establishes both sides.
          if (p === SYN_SENT) p = ESTABLISHED;
          e = ESTABLISHED;
        }
      }
      if (rst) e = RESET;
      else if (fin) e = CLOSED;
      else if (!syn) e = PARTIAL;
      break;
    case SYN_SENT:
    case SYN_ACK_SENT:
    case PARTIAL:
    case ESTABLISHED:
      if (rst) e = RESET;
      else if (fin) e = CLOSED;
      break;
    case CLOSED:
      if (rst) e = RESET;
      break;
    default:
      break;
  }
  const no = fromOrig ? e : p;
  const nr = fromOrig ? p : e;
  return (tcpState & ~((EP_MASK << RESP_SHIFT) | EP_MASK)) | no | (nr << RESP_SHIFT);
}

// Zeek: `/\^?S[^HAFGIQ]*R.*/ == c$history` (a whole-string match).
const RSTOS0_HISTORY = /^\^?S[^HAFGIQ]*R/;

/**
 * Zeek's `conn_state` for a flow: the TCP values from the endpoint states; for UDP `SF` when
 * both sides sent, `S0` when only the initiator did; `OTH` for everything else.
 */
export function connState(flow: Flow): string {
  if (flow.ipProto === IpProto.TCP) return tcpConnState(flow);
  if (flow.ipProto === IpProto.UDP) {
    const o = flow.origPkts > 0;
    const r = flow.respPkts > 0;
    if (o) return r ? 'SF' : 'S0';
    return r ? 'SHR' : 'OTH';
  }
  return 'OTH';
}

function tcpConnState(flow: Flow): string {
  const os = flow.tcpState & EP_MASK;
  const rs = (flow.tcpState >> RESP_SHIFT) & EP_MASK;
  const oInactive = os === INACTIVE || os === PARTIAL;
  const rInactive = rs === INACTIVE || rs === PARTIAL;
  if (rs === RESET) {
    if (
      os === SYN_SENT ||
      os === SYN_ACK_SENT ||
      (os === RESET && flow.origPayBytes === 0 && flow.respPayBytes === 0)
    ) {
      return 'REJ';
    }
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (os === RESET) {
    if (rInactive) return RSTOS0_HISTORY.test(flow.history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (rs === CLOSED && os === CLOSED) return 'SF';
  if (os === CLOSED) return rInactive ? 'SH' : 'S2';
  if (rs === CLOSED) return oInactive ? 'SHR' : 'S3';
  if (os === SYN_SENT && rs === INACTIVE) return 'S0';
  if (os === ESTABLISHED && rs === ESTABLISHED) return 'S1';
  return 'OTH';
}
