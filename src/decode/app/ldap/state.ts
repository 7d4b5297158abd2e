/**
 * Per-flow LDAP state: the requests awaiting a response (bounded), the SASL mechanism of the
 * last successful bind, and the framing status of each direction.
 */
import type { DecoderLimits, Direction } from '../../decoder.js';

/** A request awaiting its response. */
export interface Pending {
  /** protocolOp tag of the request. */
  readonly op: number;
  /** SASL mechanism of a bind request ('' otherwise). */
  readonly mechanism: string;
  /** requestName of an ExtendedRequest ('' otherwise). */
  readonly oid: string;
  /** Search results counted so far. */
  entries: number;
  references: number;
}

/** Per-flow LDAP state. */
export class LdapState {
  readonly limits: DecoderLimits;
  /** True for UDP (CLDAP): each `parse` call is one whole datagram. */
  readonly datagram: boolean;
  /** Set once the flow is known to be LDAP (sink.confirm() was called). */
  confirmed = false;
  /** Requests awaiting a response, by messageID (insertion order = age). */
  readonly pending = new Map<number, Pending>();
  /** Mechanism of the last successful SASL bind ('' none or unknown). */
  saslMechanism = '';
  /** A StartTLS succeeded: the rest of the flow is TLS, not decoded here. */
  tls = false;
  /** Per direction: bytes of an oversized message or buffer still to skip. */
  readonly skip: [number, number] = [0, 0];
  /** Per direction: a capture gap happened; the next bytes must start a PDU. */
  readonly afterGap: [boolean, boolean] = [false, false];
  /** Per direction: framing lost; nothing more is decoded in that direction. */
  readonly lost: [boolean, boolean] = [false, false];

  constructor(limits: DecoderLimits, datagram: boolean) {
    this.limits = limits;
    this.datagram = datagram;
  }
}

/** Fresh per-flow state; `transport` is the flow's (stream form unless `udp`). */
export function createLdapState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): LdapState {
  return new LdapState(limits, transport === 'udp');
}

/** A capture gap: skipping continues past it, else the next bytes must start a PDU. */
export function onLdapGap(state: LdapState, dir: Direction, size: number): void {
  const skip = state.skip[dir];
  if (skip > size) {
    state.skip[dir] = skip - size;
    return;
  }
  state.skip[dir] = 0;
  state.afterGap[dir] = true;
}
