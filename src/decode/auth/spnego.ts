/**
 * SPNEGO token reader: which mechanisms a client offers and which one the server picks, and
 * where the inner mechanism token (NTLMSSP or Kerberos) sits.
 *
 * References:
 * - [RFC4178] SPNEGO: 4.2.1 (NegTokenInit), 4.2.2 (NegTokenResp); [RFC2743] 3.1 (the
 *   initial-context token framing `[APPLICATION 0] { thisMech OID, innerToken }`).
 * - [MS-SPNG] 2.2 (Microsoft's NegTokenInit2 with negHints, the same first fields).
 *
 * ```
 *  60 len  06 06 2b0601050502          GSS framing + SPNEGO OID 1.3.6.1.5.5.2
 *    a0 len 30 len                      NegTokenInit SEQUENCE
 *      a0 len 30 len 06.. 06..          [0] mechTypes
 *      a2 len 04 len <mechToken>        [2] mechToken
 *  a1 len 30 len                        NegTokenResp SEQUENCE
 *    a0 03 0a 01 <state>                [0] negState
 *    a1 len 06 ..                       [1] supportedMech
 *    a2 len 04 len <responseToken>      [2] responseToken
 * ```
 */
import { BER_OK, Tlv, berOid, readTlv } from '../ber.js';

/** Mechanism OIDs and their names ([RFC4121], [MS-KILE] 3.1.5.1, [MS-NLMP], [MS-NEGOEX]). */
const MECH_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113554.1.2.2': 'kerberos',
  '1.2.840.48018.1.2.2': 'ms_kerberos',
  '1.2.840.113554.1.2.2.3': 'kerberos_user_to_user',
  '1.3.6.1.4.1.311.2.2.10': 'ntlmssp',
  '1.3.6.1.4.1.311.2.2.30': 'negoex',
};

/** negState values ([RFC4178] 4.2.2). */
const NEG_STATES: readonly string[] = [
  'accept_completed',
  'accept_incomplete',
  'reject',
  'request_mic',
];

/** Mechanisms listed at most (a NegTokenInit offers a handful). */
const MAX_MECHS = 8;

/** The `spnego` facts of a security blob. */
export interface SpnegoInfo {
  /** `init` (NegTokenInit) or `response` (NegTokenResp). */
  token: 'init' | 'response';
  /** Mechanisms offered, by name (dotted OID when unknown), NegTokenInit only. */
  mech_types?: string[];
  /** Mechanism the server selected, NegTokenResp only. */
  supported_mech?: string;
  /** negState of a NegTokenResp. */
  neg_state?: string;
  /** First and one-past-last byte of the inner mechanism token; -1 when absent. */
  mech_token_start: number;
  mech_token_end: number;
}

function mechName(d: Uint8Array, s: number, e: number): string {
  const oid = berOid(d, s, e);
  return MECH_NAMES[oid] ?? oid;
}

const t = new Tlv();
const u = new Tlv();

/** The tag of a reused record (a call, so that type narrowing does not outlive a readTlv). */
function tagOf(x: Tlv): number {
  return x.tag;
}

/**
 * Reads the SPNEGO token in `d[start, end)`.
 *
 * @returns the facts, or null when the bytes are not a SPNEGO token.
 */
export function parseSpnego(d: Uint8Array, start: number, end: number): SpnegoInfo | null {
  if (readTlv(d, start, end, t) !== BER_OK) return null;
  let init: boolean;
  if (tagOf(t) === 0x60) {
    // GSS initial-context token: the OID must be SPNEGO's, then [0] NegTokenInit.
    const outerEnd = t.end;
    if (readTlv(d, t.start, outerEnd, u) !== BER_OK || tagOf(u) !== 0x06) return null;
    if (berOid(d, u.start, u.end) !== '1.3.6.1.5.5.2') return null;
    if (readTlv(d, u.end, outerEnd, u) !== BER_OK || tagOf(u) !== 0xa0) return null;
    init = true;
    if (readTlv(d, u.start, u.end, u) !== BER_OK || tagOf(u) !== 0x30) return null;
  } else if (tagOf(t) === 0xa1) {
    init = false;
    if (readTlv(d, t.start, t.end, u) !== BER_OK || tagOf(u) !== 0x30) return null;
  } else return null;
  const seqStart = u.start;
  const seqEnd = u.end;
  const info: SpnegoInfo = {
    token: init ? 'init' : 'response',
    mech_token_start: -1,
    mech_token_end: -1,
  };
  let p = seqStart;
  while (p < seqEnd) {
    if (readTlv(d, p, seqEnd, t) !== BER_OK) break;
    const next = t.end;
    const tag = tagOf(t);
    const cs = t.start;
    const ce = t.end;
    if (init && tag === 0xa0) {
      if (readTlv(d, cs, ce, u) === BER_OK && tagOf(u) === 0x30) {
        const mechs: string[] = [];
        let q = u.start;
        const qe = u.end;
        while (q < qe && mechs.length < MAX_MECHS) {
          if (readTlv(d, q, qe, u) !== BER_OK) break;
          if (tagOf(u) === 0x06) mechs.push(mechName(d, u.start, u.end));
          q = u.end;
        }
        info.mech_types = mechs;
      }
    } else if (!init && tag === 0xa0) {
      if (readTlv(d, cs, ce, u) === BER_OK && tagOf(u) === 0x0a && u.end > u.start) {
        const st = d[u.start] as number;
        info.neg_state = NEG_STATES[st] ?? String(st);
      }
    } else if (!init && tag === 0xa1) {
      if (readTlv(d, cs, ce, u) === BER_OK && tagOf(u) === 0x06)
        info.supported_mech = mechName(d, u.start, u.end);
    } else if (tag === 0xa2) {
      if (readTlv(d, cs, ce, u) === BER_OK && tagOf(u) === 0x04) {
        info.mech_token_start = u.start;
        info.mech_token_end = u.end;
      }
    }
    p = next;
  }
  return info;
}
