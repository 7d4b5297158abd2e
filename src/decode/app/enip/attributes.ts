/**
 * Attribute lists: Get Attribute List replies and Set Attribute List requests carry
 * `(attribute id, [status,] value)` entries whose values have no length of their own
 * ([V1] 4-1.4.4, 4-1.4.5): only the attribute's definition in its class tells how far to skip.
 * The decoder knows the sizes of the attributes of the objects EtherNet/IP devices are
 * inventoried by (Identity [V1] 5-2, Message Router [V1] 5-3, Connection Manager [V1] 3-5,
 * Port [V1] 3-7, TCP/IP Interface [V2] 5-4, Ethernet Link [V2] 5-5) and of every class's
 * class-level attributes ([V1] 4-4.1); at the first successful entry whose size it does not
 * know, it stops listing, as Wireshark does.
 */
import type { ByteCursor } from '../../cursor.js';
import { CLASSES } from './constants.js';

/** Size of a STRING (UINT length + bytes, padded to even) at the cursor, or -1. */
function paddedString(c: ByteCursor, at: number): number {
  if (c.remaining() < at + 2) return -1;
  const len = c.peek(at) | (c.peek(at + 1) << 8);
  return 2 + len + (len & 1);
}

/** Size of a SHORT_STRING (USINT length + bytes) at the cursor, or -1. */
function shortString(c: ByteCursor, at: number): number {
  if (c.remaining() < at + 1) return -1;
  return 1 + c.peek(at);
}

/** Size of a padded EPATH preceded by its UINT size in words at the cursor, or -1. */
function sizedPath(c: ByteCursor, at: number): number {
  if (c.remaining() < at + 2) return -1;
  return 2 + 2 * (c.peek(at) | (c.peek(at + 1) << 8));
}

/** Size of a UINT count followed by that many UINTs, or -1. */
function uintList(c: ByteCursor, at: number): number {
  if (c.remaining() < at + 2) return -1;
  return 2 + 2 * (c.peek(at) | (c.peek(at + 1) << 8));
}

/**
 * Bytes of the value of attribute `attr` of `classId` (`instance` 0: the class attributes) at
 * the cursor, or -1 when the decoder does not know the attribute.
 */
export function attributeSize(
  classId: number,
  instance: number,
  attr: number,
  c: ByteCursor,
): number {
  if (instance === 0) {
    // Class attributes common to every class ([V1] table 4-4.2).
    if (attr === 1 || attr === 2 || attr === 3 || attr === 6 || attr === 7) return 2;
    if (attr === 4 || attr === 5) return uintList(c, 0);
    return -1;
  }
  switch (classId) {
    case CLASSES.IDENTITY:
      if (attr === 1 || attr === 2 || attr === 3 || attr === 4 || attr === 5 || attr === 9)
        return 2;
      if (attr === 6) return 4;
      if (attr === 7) return shortString(c, 0);
      if (attr === 8 || attr === 10) return 1;
      return -1;
    case CLASSES.MESSAGE_ROUTER:
      if (attr === 1) return uintList(c, 0);
      if (attr === 2 || attr === 3) return 2;
      return -1;
    case CLASSES.CONNECTION_MANAGER:
      if (attr >= 1 && attr <= 8) return 2;
      if (attr === 11) return 2;
      if (attr === 12 || attr === 13) return 4;
      return -1;
    case CLASSES.PORT:
      if (attr === 1 || attr === 2) return 2;
      if (attr === 3 || attr === 7) return sizedPath(c, 0);
      if (attr === 4 || attr === 5 || attr === 6) return shortString(c, 0);
      if (attr === 8) return 4;
      return -1;
    case CLASSES.TCPIP:
      if (attr === 1 || attr === 2 || attr === 3) return 4;
      if (attr === 4) return sizedPath(c, 0);
      if (attr === 5) {
        const s = paddedString(c, 20);
        return s < 0 ? -1 : 20 + s;
      }
      if (attr === 6) return paddedString(c, 0);
      if (attr === 7) return 6;
      if (attr === 8 || attr === 10 || attr === 12) return 1;
      if (attr === 9) return 8;
      if (attr === 11) return 35;
      if (attr === 13) return 2;
      return -1;
    case CLASSES.ETHERNET_LINK:
      if (attr === 1 || attr === 2 || attr === 6) return 4;
      if (attr === 3) return 6;
      if (attr === 4) return 44;
      if (attr === 5) return 48;
      if (attr === 7 || attr === 8 || attr === 9) return 1;
      if (attr === 10) return shortString(c, 0);
      return -1;
    default:
      return -1;
  }
}

/**
 * Walks the entries of a Get Attribute List reply (`withStatus`) or a Set Attribute List
 * request, returning the attribute ids up to and including the first one whose value the
 * decoder cannot size. At most `max` ids.
 */
export function attributeListIds(
  c: ByteCursor,
  classId: number,
  instance: number,
  withStatus: boolean,
  max: number,
): number[] {
  const ids: number[] = [];
  if (c.remaining() < 2) return ids;
  const count = c.u16le();
  for (let i = 0; i < count && ids.length < max; i++) {
    if (c.remaining() < (withStatus ? 4 : 2)) break;
    const id = c.u16le();
    ids.push(id);
    if (withStatus && c.u16le() !== 0) continue;
    const size = attributeSize(classId, instance, id, c);
    if (size < 0 || size > c.remaining()) break;
    c.skip(size);
  }
  c.skip(c.remaining());
  return ids;
}

/** The attribute ids of a Set Attribute List reply: `(id, status)` pairs ([V1] 4-1.4.5). */
export function attributeStatusIds(c: ByteCursor, max: number): number[] {
  const ids: number[] = [];
  const count = c.u16le();
  for (let i = 0; i < count && ids.length < max && c.remaining() >= 4; i++) {
    ids.push(c.u16le());
    c.skip(2);
  }
  c.skip(c.remaining());
  return ids;
}
