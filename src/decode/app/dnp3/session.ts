/**
 * DNP3 application-layer conversation checks: confirmations and solicited responses checked
 * against what the other station actually sent on the same flow.
 *
 * References:
 * - [1815] IEEE Std 1815-2012, 4.2.2.4 (application control: FIR, FIN, CON, UNS, SEQ). A
 *   fragment with CON set asks its peer for an application confirm (function 0) carrying the
 *   same SEQ, with UNS set when it confirms an unsolicited response; solicited and unsolicited
 *   responses number their fragments in two separate sequences. A solicited response takes
 *   the SEQ of the request it answers (later fragments of a multi-fragment response count on
 *   from it).
 * - [1815] master procedures (clause 6 and the master state machine of 5.1): a master has at
 *   most one solicited request outstanding per outstation and waits for its response, or its
 *   response timeout, before it sends the next one; a response to an earlier request is then
 *   discarded.
 *
 * Two anomalies follow from these rules, both needing only what the decoder saw on the flow:
 * - `dnp3.unexpected_confirm`: a confirm while no fragment of its kind (solicited, or
 *   unsolicited with UNS) awaits confirmation: a confirm for a response that did not set CON,
 *   or for an unsolicited response never sent. A station that sends it is not following the
 *   conversation: a rogue or replaying master, or injected frames. A confirm with another SEQ
 *   while one is awaited is not flagged: the outstation ignores it and retries, the recovery
 *   the protocol provides (and what conformance test harnesses exercise).
 * - `dnp3.superseded_response`: the outstation answers a request after the master sent a newer
 *   one with another SEQ, so several requests were in flight at once: requests replayed or
 *   flooded without waiting for the answers, or two masters on one association.
 *
 * Bounds and losses. State is a fixed table of {@link SESSION_SLOTS} (outstation, master)
 * address pairs per flow, in typed arrays allocated with the flow state; an extra pair reuses
 * the oldest slot. A confirm is judged only once a response or unsolicited response of the
 * pair was seen since the flow was picked up or since the last capture gap, so a capture that
 * starts mid-conversation or loses bytes (`onGap` resets everything) raises nothing. Retries
 * and duplicate requests with the same SEQ are the protocol's own recovery and raise nothing.
 */
import type { DecodeSink } from '../../decoder.js';
import { FUNCTION_CODES as FC } from './constants.js';
import type { Dnp3AppFields } from './events.js';

/** (outstation, master) address pairs tracked per flow. */
export const SESSION_SLOTS = 4;

/** No SEQ awaits confirmation. */
const NONE = -1;

/** Link destinations 0xFFFD-0xFFFF are broadcasts ([1815] 9.2.5.2): no station responds. */
const FIRST_BROADCAST = 0xfffd;

/**
 * Per-flow conversation state, one slot per (outstation, master) pair. Plain typed arrays:
 * nothing is allocated per fragment.
 */
export class Dnp3Session {
  /** Pair key `outstation * 65536 + master`, or -1 for a free slot. */
  private readonly key = new Int32Array(SESSION_SLOTS).fill(-1);
  /** SEQ of the solicited response fragment awaiting a confirm, or NONE. */
  private readonly confirmSol = new Int8Array(SESSION_SLOTS).fill(NONE);
  /** SEQ of the unsolicited response awaiting a confirm, or NONE. */
  private readonly confirmUns = new Int8Array(SESSION_SLOTS).fill(NONE);
  /** 1 once a response of the pair was seen since pickup or the last gap. */
  private readonly synced = new Uint8Array(SESSION_SLOTS);
  /** Bit n: a request with SEQ n was sent and not answered yet. */
  private readonly outstanding = new Uint16Array(SESSION_SLOTS);
  /** SEQ of the master's latest request expecting a response. */
  private readonly latest = new Int8Array(SESSION_SLOTS).fill(NONE);
  /** Next slot to reuse when all are taken. */
  private victim = 0;

  /** Forgets everything: bytes were lost, so what was awaited is unknown. */
  reset(): void {
    this.confirmSol.fill(NONE);
    this.confirmUns.fill(NONE);
    this.synced.fill(0);
    this.outstanding.fill(0);
    this.latest.fill(NONE);
  }

  /**
   * Checks one decoded application fragment against the conversation so far and records it.
   * Anomalies go to `sink`; the fragment's own event is emitted by the caller.
   */
  observe(f: Dnp3AppFields, sink: DecodeSink): void {
    const fc = f.function_code;
    const seq = f.app_sequence;
    if (fc === FC.RESPONSE || fc === FC.UNSOLICITED_RESPONSE) {
      const s = this.slot(f.source, f.destination);
      this.synced[s] = 1;
      if (fc === FC.UNSOLICITED_RESPONSE) {
        if (f.con) this.confirmUns[s] = seq;
        return;
      }
      if (f.con) this.confirmSol[s] = seq;
      if (!f.fir) return;
      const bit = 1 << seq;
      const pending = this.outstanding[s] as number;
      if ((pending & bit) === 0) return;
      const latest = this.latest[s] as number;
      if (seq === latest) {
        this.outstanding[s] = 0;
        return;
      }
      this.outstanding[s] = pending & ~bit;
      sink.anomaly(
        'dnp3.superseded_response',
        `response ${seq} from ${f.source} to ${f.destination} after request ${latest} was sent`,
      );
      return;
    }
    if (fc === FC.CONFIRM) {
      const s = this.slot(f.destination, f.source);
      const awaited = f.uns ? this.confirmUns : this.confirmSol;
      const want = awaited[s] as number;
      if (want === seq) {
        awaited[s] = NONE;
        return;
      }
      // A confirm with the wrong SEQ while one is awaited is the case the protocol recovers
      // from itself (the outstation ignores it and retries; IEEE 1815.1 conformance tests send
      // such confirms on purpose): only a confirm when nothing awaits one is flagged.
      if (want !== NONE || this.synced[s] === 0) return;
      sink.anomaly(
        'dnp3.unexpected_confirm',
        `${f.uns ? 'unsolicited ' : ''}confirm ${seq} from ${f.source} to ${f.destination}, ` +
          'no response awaits confirmation',
      );
      return;
    }
    if (f.from_master && f.destination < FIRST_BROADCAST && expectsResponse(fc)) {
      const s = this.slot(f.destination, f.source);
      this.outstanding[s] = (this.outstanding[s] as number) | (1 << seq);
      this.latest[s] = seq;
    }
  }

  /** Slot of the pair, taking a free or the oldest one for a new pair. */
  private slot(outstation: number, master: number): number {
    const k = outstation * 0x10000 + master;
    for (let i = 0; i < SESSION_SLOTS; i++) if (this.key[i] === k) return i;
    let s = this.key.indexOf(-1);
    if (s === -1) {
      s = this.victim;
      this.victim = (this.victim + 1) % SESSION_SLOTS;
    }
    this.key[s] = k;
    this.confirmSol[s] = NONE;
    this.confirmUns[s] = NONE;
    this.synced[s] = 0;
    this.outstanding[s] = 0;
    this.latest[s] = NONE;
    return s;
  }
}

/**
 * True for request functions an outstation answers. The "no acknowledgement" variants
 * ([1815] 4.2.2.5: 6, 8, 10, 12) and confirms get no response; responses are not requests.
 */
function expectsResponse(fc: number): boolean {
  return (
    fc !== FC.CONFIRM &&
    fc !== FC.DIRECT_OPERATE_NR &&
    fc !== FC.IMMED_FREEZE_NR &&
    fc !== FC.FREEZE_CLEAR_NR &&
    fc !== FC.FREEZE_AT_TIME_NR &&
    fc < FC.RESPONSE
  );
}
