/**
 * NetBIOS names as NBNS and the datagram service carry them: a 16-byte name (15 characters
 * padded with spaces, then the suffix byte naming the service) in first-level encoding, each
 * byte split into two nibbles written as 'A' + nibble ([RFC1001] 14.1, [RFC1002] 4.1), the
 * 32-character result being the first label of a domain-style name whose further labels are the
 * NetBIOS scope ([RFC1001] 14.2). NBNS may compress names with DNS label pointers ([RFC1002]
 * 4.1, [RFC1035] 4.1.4); the datagram service does not.
 *
 * The reader walks the name by index and fills one module-level result (no allocation but the
 * strings the event needs). Display form as Wireshark's: printable characters kept, others as
 * `<xx>`, trailing spaces removed, then `<suffix>` in hex, then `.scope`.
 */
import { NETBIOS_SUFFIXES } from './constants.js';

/** Name read. */
export const NAME_OK = 0;
/** The name runs past the end of the message. */
export const NAME_TRUNCATED = 1;
/** The first label is not 32 characters 'A'-'P' (not first-level encoded). */
export const NAME_BAD_ENCODING = 2;
/** A bad label: reserved length bits, a pointer loop or forward pointer, or a name over 255 bytes. */
export const NAME_BAD_LABEL = 3;

/** Longest encoded name ([RFC1002] 4.1 keeps the DNS limit of 255 bytes). */
const MAX_NAME_BYTES = 255;
/** Compression pointers followed per name; more is a loop. */
const MAX_JUMPS = 16;

/** The last name read by {@link readNetbiosName}. */
export const nameResult = {
  /** One of the NAME_* codes. */
  status: NAME_OK,
  /** Offset just past the name where it started (past the first pointer, if any). */
  next: 0,
  /** Display form: `WORKGROUP<1e>`, `<01><02>__MSBROWSE__<02><01>`, `HOST<20>.scope`. */
  display: '',
  /** The 15-character name, trailing spaces removed, non-printables as `<xx>`. */
  name: '',
  /** The 16th byte (the service the name stands for). */
  suffix: 0,
  /** The scope id ('' when none). */
  scope: '',
};

const HEX = '0123456789abcdef';

function hex2(b: number): string {
  return `<${HEX[b >> 4] as string}${HEX[b & 15] as string}>`;
}

/** Name of a suffix ([MS-NBTE] / Wireshark's table); `unknown` for others. */
export function suffixName(suffix: number): string {
  return NETBIOS_SUFFIXES.get(suffix) ?? 'unknown';
}

/**
 * Reads the name at `p` of `d` (message end `n`); `pointers` allows DNS compression pointers.
 * Fills {@link nameResult} and returns its status. On NAME_BAD_ENCODING the first label is
 * shown as its raw characters and the rest of the name is still read.
 */
export function readNetbiosName(d: Uint8Array, p: number, n: number, pointers: boolean): number {
  const r = nameResult;
  r.display = '';
  r.name = '';
  r.suffix = 0;
  r.scope = '';
  r.next = -1;
  let status = NAME_OK;
  let jumps = 0;
  let total = 0;
  let first = true;
  for (;;) {
    if (p >= n) return (r.status = NAME_TRUNCATED);
    const len = d[p] as number;
    if ((len & 0xc0) === 0xc0) {
      if (!pointers || p + 1 >= n) return (r.status = p + 1 >= n ? NAME_TRUNCATED : NAME_BAD_LABEL);
      const target = ((len & 0x3f) << 8) | (d[p + 1] as number);
      if (r.next < 0) r.next = p + 2;
      // Pointers only go backwards ([RFC1035] 4.1.4: to a prior occurrence).
      if (target >= p || ++jumps > MAX_JUMPS) return (r.status = NAME_BAD_LABEL);
      p = target;
      continue;
    }
    if ((len & 0xc0) !== 0) return (r.status = NAME_BAD_LABEL);
    if (len === 0) {
      if (r.next < 0) r.next = p + 1;
      break;
    }
    total += len + 1;
    if (total > MAX_NAME_BYTES) return (r.status = NAME_BAD_LABEL);
    if (p + 1 + len > n) return (r.status = NAME_TRUNCATED);
    if (first) {
      first = false;
      if (!decodeFirstLevel(d, p + 1, len)) {
        status = NAME_BAD_ENCODING;
        r.name = rawLabel(d, p + 1, len);
      }
    } else {
      const label = rawLabel(d, p + 1, len);
      r.scope = r.scope === '' ? label : `${r.scope}.${label}`;
    }
    p += 1 + len;
  }
  r.display = status === NAME_OK ? `${r.name}${hex2(r.suffix)}` : r.name;
  if (r.scope !== '') r.display += `.${r.scope}`;
  return (r.status = status);
}

/** Decodes 32 characters 'A'-'P' at `p` into name and suffix; false when not first-level encoded. */
function decodeFirstLevel(d: Uint8Array, p: number, len: number): boolean {
  if (len !== 32) return false;
  for (let i = 0; i < 32; i++) {
    const c = d[p + i] as number;
    if (c < 0x41 || c > 0x50) return false;
  }
  // Trailing spaces go, so find the last byte of the 15 that is not one.
  let end = 15;
  while (end > 0 && byteAt(d, p, end - 1) === 0x20) end--;
  let s = '';
  for (let i = 0; i < end; i++) {
    const b = byteAt(d, p, i);
    s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : hex2(b);
  }
  nameResult.name = s;
  nameResult.suffix = byteAt(d, p, 15);
  return true;
}

function byteAt(d: Uint8Array, p: number, i: number): number {
  return ((((d[p + 2 * i] as number) - 0x41) << 4) | ((d[p + 2 * i + 1] as number) - 0x41)) & 0xff;
}

function rawLabel(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const b = d[p + i] as number;
    s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : hex2(b);
  }
  return s;
}

/** True when `len` bytes at `p` are a first-level encoded name label (32 of 'A'-'P'). */
export function isFirstLevel(d: Uint8Array, p: number, n: number): boolean {
  if (p + 33 > n || d[p] !== 32) return false;
  for (let i = 1; i <= 32; i++) {
    const c = d[p + i] as number;
    if (c < 0x41 || c > 0x50) return false;
  }
  return true;
}
