/**
 * Zeek conn.log `history` letters (Zeek `base/protocols/conn/main.zeek`, field `history`, and
 * `update_history()` in the TCP session adapter). Uppercase letters are packets from the
 * initiator, lowercase from the responder; `^` opens the string when the direction was flipped
 * because the first packet seen was a SYN-ACK.
 *
 * Unlike Zeek, each letter is recorded once per direction: Zeek repeats S/H/F/R when the
 * sequence number changes and repeats C/G/T/W logarithmically (1, 10, 100...). The once-only
 * rule keeps `history` bounded at 25 characters whatever the traffic.
 *
 * Letters are tracked in `Flow.historyBits` so the per-packet check is one AND; the string only
 * grows when a new letter appears (a handful of times per flow, never per packet).
 */
import type { Flow } from './flow.js';

/** Letter index of each history letter (bit position for the initiator; +12 for the responder). */
export const Hist = {
  /** SYN without ACK. */
  S: 0,
  /** SYN with ACK (handshake). */
  H: 1,
  /** Pure ACK (no payload, no SYN/FIN/RST). */
  A: 2,
  /** Packet with payload. */
  D: 3,
  /** FIN. */
  F: 4,
  /** RST. */
  R: 5,
  /** Packet with a bad checksum (verified by the decoder and wrong). */
  C: 6,
  /** Retransmitted payload. */
  T: 7,
  /** Content gap: stream bytes that were never seen. */
  G: 8,
  /** Multi-flag packet (SYN with FIN or RST). */
  Q: 9,
  /** Inconsistent packet (FIN with RST). */
  I: 10,
  /** Zero window advertisement. */
  W: 11,
} as const;
export type Hist = (typeof Hist)[keyof typeof Hist];

const UPPER = ['S', 'H', 'A', 'D', 'F', 'R', 'C', 'T', 'G', 'Q', 'I', 'W'];
const LOWER = UPPER.map((c) => c.toLowerCase());
const RESP_SHIFT = 12;
const FLIP_BIT = 1 << 24;

/** Records `letter` for the given direction unless it was already recorded. */
export function addHistory(flow: Flow, letter: Hist, fromOrig: boolean): void {
  const bit = 1 << (fromOrig ? letter : letter + RESP_SHIFT);
  if ((flow.historyBits & bit) !== 0) return;
  flow.historyBits |= bit;
  flow.history += (fromOrig ? UPPER[letter] : LOWER[letter]) as string;
}

/** True when `letter` was recorded for the given direction. */
export function hasHistory(flow: Flow, letter: Hist, fromOrig: boolean): boolean {
  return (flow.historyBits & (1 << (fromOrig ? letter : letter + RESP_SHIFT))) !== 0;
}

/** Marks the flow as flipped (`^` first): the initiator was inferred from a SYN-ACK. */
export function markFlipped(flow: Flow): void {
  if ((flow.historyBits & FLIP_BIT) !== 0) return;
  flow.historyBits |= FLIP_BIT;
  flow.history = '^' + flow.history;
}
