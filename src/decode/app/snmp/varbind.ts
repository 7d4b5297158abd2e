/**
 * SNMP variable bindings ([RFC3416] 3 VarBindList, [RFC1157] 4.1.1): a SEQUENCE of SEQUENCE
 * { name OBJECT IDENTIFIER, value ObjectSyntax | NULL | noSuchObject | noSuchInstance |
 * endOfMibView }, values typed by the SMIv2 application tags of [RFC2578] 7.1.
 *
 * ```
 * 30 len                                  VarBindList
 *   30 len  06 len <name>  <tag> len <value>   VarBind, repeated
 * ```
 *
 * Only emitted varbinds become objects: the first {@link SNMP.MAX_VARBINDS} of a message; the
 * rest are walked, counted and checked for BER errors without building anything.
 */
import { ipv4ToString } from '../../../core/net-format.js';
import {
  BER_LENGTH_OVERFLOW,
  BER_OK,
  Tlv,
  berInt,
  berOid,
  berUint,
  berUintText,
  hexOf,
  readTlv,
} from '../../ber.js';
import {
  OID_NAMES,
  OID_NAME_MAX_DEPTH,
  SNMP,
  SNMP_TRAP_OID_0,
  TAG,
  USM_UNKNOWN_USER,
  USM_WRONG_DIGEST,
} from './constants.js';
import type { SnmpVarbind } from './events.js';

/** Result of {@link readVarbinds}: the count, and where and why the walk stopped early. */
export class VarbindWalk {
  /** Variable bindings seen (listed or not). */
  count = 0;
  /** BER error code (`BER_*`) that stopped the walk, or BER_OK; `-1` for a wrong tag. */
  error = BER_OK;
  /** Offset of the element that failed. */
  errorAt = 0;
  /** snmpTrapOID.0's value when a varbind carries it ('' otherwise). */
  trapOid = '';
  /** Name of a usmStats counter telling of an unknown user or a wrong digest ('' otherwise). */
  usmFailure = '';
  reset(): void {
    this.count = 0;
    this.error = BER_OK;
    this.errorAt = 0;
    this.trapOid = '';
    this.usmFailure = '';
  }
}

/** Reused TLV records (parse is not re-entrant). */
const LIST = new Tlv();
const BIND = new Tlv();
const NAME = new Tlv();
const VALUE = new Tlv();

/** Error code for an element whose tag is not the one required. */
export const WRONG_TAG = -1;

/**
 * Walks the VarBindList whose TLV header is at `d[pos]` inside `[pos, end)`, appending the first
 * {@link SNMP.MAX_VARBINDS} to `out` and counting all of them in `walk`.
 */
export function readVarbinds(
  d: Uint8Array,
  pos: number,
  end: number,
  out: SnmpVarbind[],
  walk: VarbindWalk,
): void {
  let rc = readTlv(d, pos, end, LIST);
  if (rc === BER_OK && LIST.tag !== TAG.SEQUENCE) rc = WRONG_TAG;
  if (rc !== BER_OK && !(rc === BER_LENGTH_OVERFLOW && LIST.tag === TAG.SEQUENCE)) {
    walk.error = rc;
    walk.errorAt = pos;
    return;
  }
  // A list cut by the end of the datagram (length overflow) is still walked up to the cut.
  if (rc !== BER_OK) {
    walk.error = rc;
    walk.errorAt = pos;
  }
  let p = LIST.start;
  const stop = LIST.end;
  while (p < stop) {
    rc = readTlv(d, p, stop, BIND);
    if (rc === BER_OK && BIND.tag !== TAG.SEQUENCE) rc = WRONG_TAG;
    if (rc !== BER_OK) return fail(walk, rc, p);
    const next = BIND.end;
    rc = readTlv(d, BIND.start, next, NAME);
    if (rc === BER_OK && NAME.tag !== TAG.OID) rc = WRONG_TAG;
    if (rc !== BER_OK) return fail(walk, rc, BIND.start);
    rc = readTlv(d, NAME.end, next, VALUE);
    if (rc !== BER_OK) return fail(walk, rc, NAME.end);
    walk.count++;
    if (walk.count <= SNMP.MAX_VARBINDS) {
      const oid = berOid(d, NAME.start, NAME.end, SNMP.MAX_OID_BYTES);
      const name = oidName(oid);
      const vb: SnmpVarbind =
        name === undefined ? { oid, type: 'unknown' } : { oid, name, type: 'unknown' };
      value(d, vb);
      if (oid === SNMP_TRAP_OID_0 && vb.type === 'oid') walk.trapOid = vb.value as string;
      else if (oid === USM_UNKNOWN_USER || oid === USM_WRONG_DIGEST) walk.usmFailure = name ?? oid;
      out.push(vb);
    }
    p = next;
  }
}

function fail(walk: VarbindWalk, rc: number, at: number): void {
  walk.error = rc;
  walk.errorAt = at;
}

/** Decodes the value in {@link VALUE} into `vb`. */
function value(d: Uint8Array, vb: SnmpVarbind): void {
  const s = VALUE.start;
  const e = VALUE.end;
  switch (VALUE.tag) {
    case TAG.INTEGER:
      vb.type = 'integer';
      vb.value = berInt(d, s, e);
      return;
    case TAG.OCTET_STRING:
      vb.type = 'octet_string';
      octets(d, s, e, vb);
      return;
    case TAG.NULL:
      vb.type = 'null';
      return;
    case TAG.OID:
      vb.type = 'oid';
      vb.value = berOid(d, s, e, SNMP.MAX_OID_BYTES);
      return;
    case TAG.IP_ADDRESS:
      vb.type = 'ip_address';
      vb.value = e - s === 4 ? ipv4ToString(berUint(d, s, e)) : hexOf(d, s, e, SNMP.MAX_VALUE_HEX);
      return;
    case TAG.COUNTER32:
      vb.type = 'counter32';
      vb.value = berUint(d, s, e);
      return;
    case TAG.GAUGE32:
      vb.type = 'gauge32';
      vb.value = berUint(d, s, e);
      return;
    case TAG.TIMETICKS:
      vb.type = 'timeticks';
      vb.value = berUint(d, s, e);
      return;
    case TAG.UINTEGER32:
      vb.type = 'uinteger32';
      vb.value = berUint(d, s, e);
      return;
    case TAG.COUNTER64:
      vb.type = 'counter64';
      vb.value = counter64(d, s, e);
      return;
    case TAG.OPAQUE:
      vb.type = 'opaque';
      hex(d, s, e, vb);
      return;
    case TAG.NSAP:
      vb.type = 'nsap';
      hex(d, s, e, vb);
      return;
    case TAG.NO_SUCH_OBJECT:
      vb.type = 'no_such_object';
      return;
    case TAG.NO_SUCH_INSTANCE:
      vb.type = 'no_such_instance';
      return;
    case TAG.END_OF_MIB_VIEW:
      vb.type = 'end_of_mib_view';
      return;
    default:
      hex(d, s, e, vb);
  }
}

/** Counter64 as a number up to 2^53, as decimal text beyond. */
function counter64(d: Uint8Array, s: number, e: number): number | string {
  if (e - s <= 6) return berUint(d, s, e);
  const text = berUintText(d, s, e);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function hex(d: Uint8Array, s: number, e: number, vb: SnmpVarbind): void {
  vb.value = hexOf(d, s, e, SNMP.MAX_VALUE_HEX);
  if (e - s > SNMP.MAX_VALUE_HEX) vb.truncated = true;
}

/** An OCTET STRING: text when every octet is printable ASCII (tab, CR, LF allowed), else hex. */
function octets(d: Uint8Array, s: number, e: number, vb: SnmpVarbind): void {
  for (let i = s; i < e; i++) {
    const c = d[i] as number;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c > 0x7e) {
      vb.hex = true;
      hex(d, s, e, vb);
      return;
    }
  }
  const stop = Math.min(e, s + SNMP.MAX_VALUE_TEXT);
  // One call builds the string, without a string per character.
  vb.value = String.fromCharCode.apply(null, d.subarray(s, stop) as unknown as number[]);
  if (e > stop) vb.truncated = true;
}

/**
 * The name of a variable after its longest prefix in {@link OID_NAMES} plus the rest of its OID
 * (`ifOperStatus.3`); undefined when no prefix is known. At most {@link OID_NAME_MAX_DEPTH}
 * lookups.
 */
export function oidName(oid: string): string | undefined {
  if (!oid.startsWith('1.3.6.1.')) return undefined;
  // Start from the deepest prefix the table can hold, then shorten one sub-id at a time.
  let p = 0;
  for (let n = 0; n < OID_NAME_MAX_DEPTH && p !== -1; n++) p = oid.indexOf('.', p + 1);
  if (p === -1) p = oid.length;
  while (p > 0) {
    const known = OID_NAMES.get(p === oid.length ? oid : oid.slice(0, p));
    if (known !== undefined) return p === oid.length ? known : known + oid.slice(p);
    p = oid.lastIndexOf('.', p - 1);
  }
  return undefined;
}
