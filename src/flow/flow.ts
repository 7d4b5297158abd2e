/**
 * A flow: one bidirectional conversation, keyed by VLAN, IP protocol, and both (address, port)
 * endpoints. The side that sent the first packet (or the SYN) is the initiator, `orig`; the
 * other is the responder, `resp` (Zeek's conn.log vocabulary).
 *
 * Flow objects are allocated once per flow, never per packet. Addresses are kept as numbers
 * (IPv4) or four 32-bit words (IPv6) and formatted only when the flow is written out.
 */

/** Why a flow ended. */
export type FlowEndReason = 'timeout' | 'closed' | 'evicted' | 'end_of_capture' | 'reused';

/** Index of a side in per-direction arrays: 0 the initiator, 1 the responder. */
export const ORIG = 0;
export const RESP = 1;

/** Per-direction state of a TCP stream, owned by `tcp-reassembly.ts`. */
export interface TcpDirState {
  readonly __tcpDir: true;
}

/** An address pair's entry in the sender-fingerprint table, owned by `sender-fingerprint.ts`. */
export interface SenderPairState {
  readonly __senderPair: true;
}

export class Flow {
  /** Stable id: `<capture number>:<frame number of the first packet>` (e.g. `1:15`). */
  id = '';
  /** Frame of the first and of the last packet. */
  firstFrame = 0;
  lastFrame = 0;
  firstSec = 0;
  firstNs = 0;
  lastSec = 0;
  lastNs = 0;
  /**
   * Capture second of the flow's last activity on the table's clock, which never goes back:
   * max(table clock, packet time). Timeouts and the LRU order use it, so a capture whose time
   * steps backwards cannot leave an idle flow hidden behind a newer list head.
   */
  activeSec = 0;
  /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6...). */
  ipProto = 0;
  /** 4 or 6. */
  ipVersion = 0;
  /** Outer and inner VLAN ids (-1 when absent); part of the key. */
  vlan = -1;
  vlanInner = -1;
  /**
   * Initiator and responder addresses. IPv4: `a0` holds the address, `a1..a3` are 0. IPv6: the
   * four big-endian 32-bit words of the address. Words are stored as signed 32-bit integers
   * (`word | 0`) so that V8 keeps them as small integers inside the object instead of boxing
   * them; `>>> 0` gives the unsigned value, and `flowAddress()` (flow-address.ts) formats them.
   */
  origA0 = 0;
  origA1 = 0;
  origA2 = 0;
  origA3 = 0;
  respA0 = 0;
  respA1 = 0;
  respA2 = 0;
  respA3 = 0;
  origPort = 0;
  respPort = 0;
  /**
   * Source MAC address of the first packet each side sent, as a 16-bit high part and a 32-bit
   * low part (no string per flow); `*MacHi` is -1 until known or when the link has no MACs.
   * Behind a router this is the router's address, which the asset inventory accounts for.
   */
  origMacHi = -1;
  origMacLo = 0;
  respMacHi = -1;
  respMacLo = 0;
  /** Packets and bytes each way: `ip` = IP-level bytes, `pay` = transport payload bytes. */
  origPkts = 0;
  respPkts = 0;
  origIpBytes = 0;
  respIpBytes = 0;
  origPayBytes = 0;
  respPayBytes = 0;
  /** Bytes of TCP stream lost to capture gaps (Zeek `missed_bytes`). */
  missedBytes = 0;
  /** Zeek-style history letters seen so far (uppercase initiator, lowercase responder). */
  history = '';
  /** Bit set of history letters already recorded (see flow-table.ts). */
  historyBits = 0;
  /**
   * TCP connection state machine and sequence flags (tcp-state.ts), plus checksum-policy flags
   * for every protocol (bits 8-10); the TCP part is 0 for non-TCP flows.
   */
  tcpState = 0;
  /** True when the initiator was inferred from a SYN, false when from the first packet seen. */
  sawSyn = false;
  /** Application protocol id once recognised (`modbus`), '' before. */
  service = '';
  /**
   * TCP sequence tracking (flow-table.ts), signed 32-bit: the first sequence number each side
   * used (its SYN's, or the first one seen mid-stream) and one past the highest sequence number
   * it sent. Valid once the side's `SEQ_KNOWN` bit is set in `tcpState` (see tcp-state.ts).
   * Port reuse (a SYN with a new ISN) and retransmissions are detected from these.
   */
  origIsn = 0;
  respIsn = 0;
  origSeqEnd = 0;
  respSeqEnd = 0;
  /** Per-direction TCP reassembly state (null until the first segment, or for non-TCP). */
  tcp: [TcpDirState | null, TcpDirState | null] = [null, null];
  /**
   * IP sender fingerprint of each direction (initial-TTL class and DF, `sender-fingerprint.ts`):
   * 0 until the direction's first TCP or UDP packet; and the flow's address-pair entry.
   */
  origFp = 0;
  respFp = 0;
  fpPair: SenderPairState | null = null;
  /** Application-layer state owned by the pipeline (decoder, its state, pending bytes). */
  app: unknown = null;
  /** Hash-chain and timeout-list links, owned by the flow table. */
  hash = 0;
  chainNext: Flow | null = null;
  lruPrev: Flow | null = null;
  lruNext: Flow | null = null;
  lruList = -1;
  /** Set when the flow has ended and was handed to the end callback. */
  ended = false;
}
