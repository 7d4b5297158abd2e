/**
 * Per-connection IEC 104 state that spans APDUs: the send and receive sequence numbers of each
 * direction and the data transfer state (STARTDT/STOPDT).
 *
 * Sequence numbers ([104] 5.5): each side numbers its I format APDUs N(S) = 0, 1, 2, ... modulo
 * 32768 from the start of the TCP connection, and acknowledges the other side's with N(R), the
 * next N(S) it expects (in I and S format APDUs). A passive observer of a complete connection
 * can therefore check that
 * - every I format APDU carries the next N(S) of its direction: a jump means APDUs were lost or
 *   dropped, a repeat means a duplicate or a replayed or injected APDU (an injected frame with
 *   a correct N(S) makes the genuine sender's next frame a repeat: the two streams desynchronise);
 * - N(R) never goes back, and never acknowledges an N(S) the other side has not sent yet.
 *
 * Numbers are only checked once they are known: from 0 when STARTDT act comes before any I or
 * S format APDU and any STOPDT (the capture holds the connection from its start; TESTFR may
 * come first), otherwise from the first I format APDU of each direction. A capture gap forgets what the direction had.
 *
 * Data transfer ([104] 5.3): after the TCP connection is set up, the controlling station sends
 * STARTDT act and the controlled station answers STARTDT con before either sends I format
 * APDUs; STOPDT act / con stops them again (the controlled station may still send until it
 * confirms the stop). An I format APDU outside that is flagged when the state is known.
 */
import { Direction } from '../../decoder.js';
import type { DecodeSink } from '../../decoder.js';
import { APCI, U_BITS } from './constants.js';

const SEQ_MASK = APCI.SEQ_MODULO - 1;
/** Half the sequence space: a difference below this is "ahead", above it "behind". */
const HALF = APCI.SEQ_MODULO / 2;
const UNKNOWN = -1;

/** Data transfer state of the connection ([104] 5.3). */
const Link = { UNKNOWN: 0, STOPPED: 1, STARTING: 2, STARTED: 3, STOPPING: 4 } as const;
type Link = (typeof Link)[keyof typeof Link];

/** Sequence and data transfer tracking of one connection. */
export class Session {
  /** Per direction: N(S) the next I format APDU should carry, or -1 when not known. */
  readonly nextSend: [number, number] = [UNKNOWN, UNKNOWN];
  /** Per direction: the last N(R) sent, or -1. */
  readonly lastAck: [number, number] = [UNKNOWN, UNKNOWN];
  private link: Link = Link.UNKNOWN;
  /** Direction of the controlling station (the one that sent STARTDT act). */
  private controller: Direction = Direction.TO_SERVER;
  /**
   * Nothing yet says the connection was already transferring data: no I or S format APDU and
   * no STOPDT seen. A connection starts with data transfer stopped, and only STOPDT stops it
   * again, so a STARTDT act while fresh is the start of the connection's data transfer.
   */
  private fresh = true;

  /** An I format APDU with N(S) `ns` and N(R) `nr` sent in direction `dir`. */
  onInformation(dir: Direction, ns: number, nr: number, sink: DecodeSink): void {
    this.fresh = false;
    const l = this.link;
    const fromController = dir === this.controller;
    if (l === Link.STOPPED || l === Link.STARTING || (l === Link.STOPPING && fromController)) {
      const state = l === Link.STOPPED ? 'stopped' : l === Link.STARTING ? 'starting' : 'stopping';
      sink.anomaly(
        'iec104.data_while_stopped',
        `I format APDU from the ${fromController ? 'controlling' : 'controlled'} station while data transfer is ${state}`,
      );
    }
    const exp = this.nextSend[dir];
    if (exp !== UNKNOWN && ns !== exp) {
      const behind = (exp - ns) & SEQ_MASK;
      if (behind <= HALF) {
        sink.anomaly('iec104.sequence_duplicate', `N(S) ${ns} repeats, expected ${exp}`);
      } else {
        const missing = (ns - exp) & SEQ_MASK;
        sink.anomaly('iec104.sequence_gap', `N(S) ${ns}, expected ${exp}: ${missing} missing`);
      }
    }
    this.nextSend[dir] = (ns + 1) & SEQ_MASK;
    this.onAck(dir, nr, sink);
  }

  /** An acknowledgement N(R) = `nr` (I or S format) sent in direction `dir`. */
  onAck(dir: Direction, nr: number, sink: DecodeSink): void {
    this.fresh = false;
    const peerNext = this.nextSend[dir === Direction.TO_SERVER ? 1 : 0];
    const last = this.lastAck[dir];
    if (last !== UNKNOWN && nr !== last && ((last - nr) & SEQ_MASK) < HALF) {
      sink.anomaly('iec104.invalid_ack', `N(R) went back from ${last} to ${nr}`);
    } else if (peerNext !== UNKNOWN && nr !== peerNext && ((nr - peerNext) & SEQ_MASK) < HALF) {
      sink.anomaly(
        'iec104.invalid_ack',
        `N(R) ${nr} acknowledges I format APDUs the peer has not sent (next N(S) ${peerNext})`,
      );
    }
    this.lastAck[dir] = nr;
  }

  /** A U format APDU with function bit `fn` (one of {@link U_BITS}) sent in direction `dir`. */
  onUnnumbered(dir: Direction, fn: number): void {
    if (fn === U_BITS.STOPDT_ACT || fn === U_BITS.STOPDT_CON) this.fresh = false;
    switch (fn) {
      case U_BITS.STARTDT_ACT:
        if (this.fresh) {
          // The capture holds the connection from its start: both sides count from 0.
          this.nextSend[0] = 0;
          this.nextSend[1] = 0;
          this.lastAck[0] = 0;
          this.lastAck[1] = 0;
        }
        this.controller = dir;
        this.link = Link.STARTING;
        break;
      case U_BITS.STARTDT_CON:
        this.link = Link.STARTED;
        break;
      case U_BITS.STOPDT_ACT:
        this.controller = dir;
        this.link = Link.STOPPING;
        break;
      case U_BITS.STOPDT_CON:
        this.link = Link.STOPPED;
        break;
      default:
        break;
    }
  }

  /** Bytes of direction `dir` were lost: what it sent and acknowledged is no longer known. */
  onGap(dir: Direction): void {
    this.nextSend[dir] = UNKNOWN;
    this.lastAck[dir] = UNKNOWN;
  }
}
