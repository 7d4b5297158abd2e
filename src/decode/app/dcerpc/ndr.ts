/**
 * The little NDR ([C706] 14) this decoder reads inside stubs: UUIDs, aligned integers,
 * conformant varying UTF-16 strings and the protocol towers of the endpoint mapper
 * ([C706] Appendix I). Readers take `(data, offset, end)` and never read past `end`; a reader
 * that runs out returns -1 (or undefined) instead of throwing.
 */
import { DCERPC, TowerProto } from './constants.js';
import { INTERFACES } from './interfaces.js';
import type { DcerpcTower } from './events.js';

/** Little-endian 16-bit integer at `o` (caller checked bounds). */
export const le16 = (d: Uint8Array, o: number): number =>
  (d[o] as number) | ((d[o + 1] as number) << 8);
/** Little-endian 32-bit unsigned integer at `o` (caller checked bounds). */
export const le32 = (d: Uint8Array, o: number): number => le16(d, o) + le16(d, o + 2) * 0x10000;
/** Big-endian 16-bit integer at `o`. */
export const be16 = (d: Uint8Array, o: number): number =>
  ((d[o] as number) << 8) | (d[o + 1] as number);
/** Big-endian 32-bit unsigned integer at `o`. */
export const be32 = (d: Uint8Array, o: number): number => be16(d, o) * 0x10000 + be16(d, o + 2);
/** 16-bit integer in the byte order of the data representation. */
export const r16 = (d: Uint8Array, o: number, le: boolean): number =>
  le ? le16(d, o) : be16(d, o);
/** 32-bit unsigned integer in the byte order of the data representation. */
export const r32 = (d: Uint8Array, o: number, le: boolean): number =>
  le ? le32(d, o) : be32(d, o);

const HEX = '0123456789abcdef';

function hexByte(b: number): string {
  return (HEX[b >> 4] as string) + (HEX[b & 15] as string);
}

/** Byte order of the first three UUID fields per representation; -1 is a dash. */
const UUID_ORDER_LE = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1];
const UUID_ORDER_BE = [0, 1, 2, 3, -1, 4, 5, -1, 6, 7, -1];

/**
 * The UUID at `o` (16 bytes) as text: time_low, time_mid and time_hi in the representation's
 * byte order, the 8 clock/node bytes as they are ([C706] Appendix A).
 */

export function uuidAt(d: Uint8Array, o: number, le: boolean): string {
  let s = '';
  for (const i of le ? UUID_ORDER_LE : UUID_ORDER_BE)
    s += i < 0 ? '-' : hexByte(d[o + i] as number);
  for (let i = 8; i < 16; i++) {
    s += hexByte(d[o + i] as number);
    if (i === 9) s += '-';
  }
  return s;
}

/** Offset `o` rounded up to a multiple of `n`, relative to the stub start `base`. */
export function align(o: number, base: number, n: number): number {
  const r = (o - base) % n;
  return r === 0 ? o : o + n - r;
}

/** The string the last {@link ndrString} read. */
export let ndrText = '';

/**
 * Reads a conformant varying UTF-16 string (max_count, offset, actual_count, characters;
 * [C706] 14.3.4.2) at `o` (aligned to 4 from `base`), keeping at most `cap` characters in
 * {@link ndrText}. Returns the offset after it, or -1 when it runs past `end`.
 */
export function ndrString(
  d: Uint8Array,
  o: number,
  end: number,
  base: number,
  cap: number,
): number {
  o = align(o, base, 4);
  if (o + 12 > end) return -1;
  const actual = le32(d, o + 8);
  o += 12;
  if (actual > (end - o) / 2) return -1;
  let s = '';
  const n = Math.min(actual, cap);
  for (let i = 0; i < n; i++) {
    const c = le16(d, o + 2 * i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  ndrText = s;
  return o + actual * 2;
}

/**
 * Reads a unique pointer to a string: a referent id then, when not null, the string. Returns the
 * offset after it, or -1; {@link ndrText} is '' for a null pointer.
 */
export function ndrUniqueString(
  d: Uint8Array,
  o: number,
  end: number,
  base: number,
  cap: number,
): number {
  o = align(o, base, 4);
  if (o + 4 > end) return -1;
  const ref = le32(d, o);
  if (ref === 0) {
    ndrText = '';
    return o + 4;
  }
  return ndrString(d, o + 4, end, base, cap);
}

/** True when the `n` bytes at `o` are all zero. */
export function allZero(d: Uint8Array, o: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (d[o + i] !== 0) return false;
  return true;
}

/** NUL-terminated printable ASCII in `[o, end)`, at most `cap` characters. */
function cString(d: Uint8Array, o: number, end: number, cap: number): string {
  let s = '';
  for (let i = o; i < end && s.length < cap; i++) {
    const c = d[i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s;
}

/**
 * Reads the floors of a protocol tower in `[o, end)` ([C706] Appendix I: floor count, then per
 * floor LHS length, protocol id and data, RHS length and data, all lengths little-endian; the
 * port of a TCP/UDP/HTTP floor is big-endian). Returns undefined when it is malformed or names no
 * interface.
 */
export function readTower(d: Uint8Array, o: number, end: number): DcerpcTower | undefined {
  if (o + 2 > end) return undefined;
  const floors = le16(d, o);
  o += 2;
  if (floors === 0 || floors > DCERPC.MAX_FLOORS) return undefined;
  let uuid = '';
  let name: string | undefined;
  let rpc = 0;
  let protseq = '';
  let port: number | undefined;
  let ip: string | undefined;
  let endpoint: string | undefined;
  let host: string | undefined;
  for (let f = 0; f < floors; f++) {
    if (o + 2 > end) return undefined;
    const lhsLen = le16(d, o);
    o += 2;
    if (lhsLen < 1 || o + lhsLen + 2 > end) return undefined;
    const proto = d[o] as number;
    const lhs = o + 1;
    o += lhsLen;
    const rhsLen = le16(d, o);
    o += 2;
    if (o + rhsLen > end) return undefined;
    const rhs = o;
    o += rhsLen;
    if (proto === TowerProto.UUID && f === 0 && lhsLen >= 17) {
      uuid = uuidAt(d, lhs, true);
      name = INTERFACES.get(uuid)?.name;
    } else if (proto === TowerProto.RPC_CO || proto === TowerProto.RPC_CL) {
      rpc = proto;
    } else if (proto === TowerProto.TCP || proto === TowerProto.UDP || proto === TowerProto.HTTP) {
      if (rhsLen >= 2) port = be16(d, rhs);
      protseq =
        proto === TowerProto.HTTP
          ? 'ncacn_http'
          : proto === TowerProto.UDP || rpc === TowerProto.RPC_CL
            ? 'ncadg_ip_udp'
            : 'ncacn_ip_tcp';
    } else if (proto === TowerProto.IP) {
      if (rhsLen >= 4) {
        ip = `${d[rhs] as number}.${d[rhs + 1] as number}.${d[rhs + 2] as number}.${d[rhs + 3] as number}`;
      }
    } else if (proto === TowerProto.NAMED_PIPE) {
      protseq = 'ncacn_np';
      endpoint = cString(d, rhs, rhs + rhsLen, 128);
    } else if (proto === TowerProto.LRPC) {
      protseq = 'ncalrpc';
      endpoint = cString(d, rhs, rhs + rhsLen, 128);
    } else if (proto === TowerProto.NETBIOS) {
      host = cString(d, rhs, rhs + rhsLen, 128);
    }
  }
  if (uuid === '') return undefined;
  const t: {
    interface_uuid: string;
    interface_name?: string;
    protseq: string;
    port?: number;
    ip?: string;
    endpoint?: string;
    host?: string;
  } = { interface_uuid: uuid, protseq: protseq === '' ? 'unknown' : protseq };
  if (name !== undefined) t.interface_name = name;
  if (port !== undefined) t.port = port;
  if (ip !== undefined) t.ip = ip;
  if (endpoint !== undefined) t.endpoint = endpoint;
  if (host !== undefined) t.host = host;
  return t;
}
