/**
 * Annotated hex fixtures (STYLE.md section 10): write bytes one field per line with a comment,
 * and turn them into a Uint8Array.
 *
 * @example
 * const readHolding = hex(
 *   '0001' + // MBAP transaction id = 1
 *   '0000' + // MBAP protocol id = 0 (Modbus)
 *   '0006' + // MBAP length = 6 (unit id + PDU)
 *   '01' +   // unit id = 1
 *   '03' +   // function code = 3 (Read Holding Registers)
 *   '006b' + // starting address = 107
 *   '0003',  // quantity = 3
 * );
 */

/**
 * Parses hex digits into bytes. Whitespace, `:` and `_` separators are ignored so that dumps
 * can be pasted as they are (`00 01`, `00:01`). Throws on anything else or on an odd digit
 * count: a broken fixture must fail loudly, not decode as something else.
 */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/[\s:_]/g, '');
  if (digits.length % 2 !== 0) throw new Error(`hex: odd number of digits (${digits.length})`);
  if (!/^[0-9a-fA-F]*$/.test(digits)) throw new Error(`hex: not a hex string: ${text}`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Lowercase hex of `bytes`, no separators (the inverse of {@link hex}). */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Concatenates byte arrays (fixtures made of several PDUs). */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Copies `bytes` into a larger buffer at a non-zero offset and returns the view, to prove that
 * code honours `byteOffset` (a Node Buffer from the pool is exactly such a view).
 */
export function atOffset(bytes: Uint8Array, offset = 13): Uint8Array {
  const backing = new Uint8Array(offset + bytes.length + 7).fill(0xa5);
  backing.set(bytes, offset);
  return backing.subarray(offset, offset + bytes.length);
}
