/**
 * EPATH walker: the padded paths of CIP requests, Forward Open connection paths and Unconnected
 * Send route paths ([V1] Appendix C-1.4).
 *
 * ```
 *  segment byte: TTT FFFFF    T = type (bits 7-5), F = type-specific format
 *  port      000 E PPPP  [link size if E] [port u16 if P=15] link address...  pad to even
 *  logical   001 LLL ff  [pad if ff>0] value (8/16/32-bit, little-endian)
 *  network   010 ....    one byte (0x4X) or a word count and words (0x5X)
 *  symbolic  011 sssss   s ASCII bytes (s = 0: extended string, skipped)   pad to even
 *  data      100 ttttt   0x80 simple: word count + words; 0x91 ANSI symbol: length + bytes + pad
 * ```
 *
 * EtherNet/IP carries padded paths: 16- and 32-bit logical values are preceded by a pad byte and
 * odd-length symbols and port segments are padded to an even length ([V1] C-1.4.2, C-1.4.5.2).
 * The walker keeps the first class, instance, attribute and member, every connection point, the
 * electronic key, the route (port segments) and the symbolic tag name, and reports malformed
 * segments rather than guessing past them.
 */
import type { ByteCursor } from '../../cursor.js';
import {
  CLASSES,
  ELECTRONIC_KEY,
  LOGICAL,
  LOGICAL_FORMAT,
  LOGIX_CLASS_NAMES,
  MAX_PATH_SEGMENTS,
  SEGMENT,
} from './constants.js';
import type { PathFields } from './events.js';
import { CLASS_NAMES } from './tables.js';

/** "Not present" for the numeric parts of a path. */
export const NONE = -1;

/** Why a path walk stopped early ('' when it did not). */
export type PathProblem = '' | 'truncated' | 'reserved_segment' | 'too_many_segments';

/**
 * The parts of one EPATH, reused across calls (one instance per nesting level): reset by
 * {@link EPath.parse}, read by the caller, copied into an event by {@link EPath.toFields}.
 */
export class EPath {
  classId = NONE;
  instanceId = NONE;
  attributeId = NONE;
  memberId = NONE;
  /** Connection points, in path order (reused array). */
  readonly points: number[] = [];
  /** Tag name built from symbolic and member segments ('' when none). */
  symbol = '';
  /** Port segments as `port/link` pairs joined by ','. */
  route = '';
  keyVendor = NONE;
  keyDeviceType = NONE;
  keyProduct = NONE;
  keyMajor = NONE;
  keyMinor = NONE;
  keyCompat = false;
  /** Every segment, readable: `class 0x8e, instance 1, class 0x74, instance 1`. */
  text = '';
  /** Set when the walk stopped at a malformed segment. */
  problem: PathProblem = '';

  private reset(): void {
    this.classId = NONE;
    this.instanceId = NONE;
    this.attributeId = NONE;
    this.memberId = NONE;
    this.points.length = 0;
    this.symbol = '';
    this.route = '';
    this.keyVendor = NONE;
    this.keyDeviceType = NONE;
    this.keyProduct = NONE;
    this.keyMajor = NONE;
    this.keyMinor = NONE;
    this.keyCompat = false;
    this.text = '';
    this.problem = '';
  }

  private add(token: string): void {
    this.text = this.text === '' ? token : `${this.text}, ${token}`;
  }

  /** True when the path names a tag (a Logix symbolic path). */
  hasSymbol(): boolean {
    return this.symbol !== '';
  }

  /**
   * Walks the `len` path bytes at the cursor position; the cursor ends after them whatever
   * happens. `maxString` caps the tag name.
   */
  parse(c: ByteCursor, len: number, maxString: number): this {
    this.reset();
    const end = c.offset() + len;
    let segments = 0;
    while (c.offset() < end) {
      if (++segments > MAX_PATH_SEGMENTS) {
        this.problem = 'too_many_segments';
        break;
      }
      const seg = c.u8();
      const type = seg & SEGMENT.TYPE_MASK;
      const left = end - c.offset();
      let ok: boolean;
      if (type === SEGMENT.LOGICAL) ok = this.logical(c, seg, left);
      else if (type === SEGMENT.PORT) ok = this.port(c, seg, left);
      else if (type === SEGMENT.SYMBOLIC) ok = this.symbolic(c, seg, left, maxString);
      else if (type === SEGMENT.DATA) ok = this.data(c, seg, left, maxString);
      else if (type === SEGMENT.NETWORK) ok = this.network(c, seg, left);
      else {
        // Data type segments (0xA0, 0xC0) belong in data, not in request paths; 0xE0 is reserved.
        this.problem = 'reserved_segment';
        break;
      }
      if (!ok || c.offset() > end) {
        this.problem = 'truncated';
        break;
      }
    }
    c.seek(Math.min(end, c.offset() + c.remaining()));
    return this;
  }

  private logical(c: ByteCursor, seg: number, left: number): boolean {
    const ltype = seg & SEGMENT.LOGICAL_TYPE_MASK;
    const format = seg & SEGMENT.LOGICAL_FORMAT_MASK;
    if (ltype === LOGICAL.SPECIAL) {
      // Electronic key: key format 4, then 8 bytes ([V1] C-1.4.2.4).
      if (seg !== ELECTRONIC_KEY.SEGMENT || left < ELECTRONIC_KEY.BYTES) return false;
      const keyFormat = c.u8();
      if (keyFormat !== ELECTRONIC_KEY.FORMAT_4) return false;
      this.keyVendor = c.u16le();
      this.keyDeviceType = c.u16le();
      this.keyProduct = c.u16le();
      const major = c.u8();
      this.keyMajor = major & ELECTRONIC_KEY.MAJOR_MASK;
      this.keyCompat = (major & ELECTRONIC_KEY.COMPATIBILITY_BIT) !== 0;
      this.keyMinor = c.u8();
      this.add(
        `key vendor ${this.keyVendor} type ${this.keyDeviceType} product ${this.keyProduct} rev ${this.keyMajor}.${this.keyMinor}`,
      );
      return true;
    }
    let value: number;
    if (format === LOGICAL_FORMAT.BITS_8) {
      if (left < 1) return false;
      value = c.u8();
    } else if (format === LOGICAL_FORMAT.BITS_16) {
      if (left < 3) return false;
      c.skip(1);
      value = c.u16le();
    } else if (format === LOGICAL_FORMAT.BITS_32) {
      if (left < 5) return false;
      c.skip(1);
      value = c.u32le();
    } else {
      return false;
    }
    switch (ltype) {
      case LOGICAL.CLASS:
        if (this.classId === NONE) this.classId = value;
        this.add(`class 0x${value.toString(16)}`);
        break;
      case LOGICAL.INSTANCE:
        if (this.instanceId === NONE) this.instanceId = value;
        this.add(`instance ${value}`);
        break;
      case LOGICAL.MEMBER:
        if (this.memberId === NONE) this.memberId = value;
        // Logix array indices follow the symbol they index ([PM020] "element" segments).
        if (this.symbol !== '') this.symbol += `[${value}]`;
        this.add(`member ${value}`);
        break;
      case LOGICAL.CONNECTION_POINT:
        if (this.points.length < MAX_PATH_SEGMENTS) this.points.push(value);
        this.add(`point ${value}`);
        break;
      case LOGICAL.ATTRIBUTE:
        if (this.attributeId === NONE) this.attributeId = value;
        this.add(`attribute ${value}`);
        break;
      case LOGICAL.SERVICE:
        this.add(`service 0x${value.toString(16)}`);
        break;
      default:
        this.add(`logical 0x${value.toString(16)}`);
        break;
    }
    return true;
  }

  private port(c: ByteCursor, seg: number, left: number): boolean {
    let port = seg & SEGMENT.PORT_ID_MASK;
    let used = 0;
    let linkSize = 1;
    if ((seg & SEGMENT.PORT_EXTENDED_LINK) !== 0) {
      if (left < 1) return false;
      linkSize = c.u8();
      used += 1;
    }
    if (port === SEGMENT.PORT_ID_EXTENDED) {
      if (left - used < 2) return false;
      port = c.u16le();
      used += 2;
    }
    if (left - used < linkSize) return false;
    let link: string;
    if (linkSize === 1) link = String(c.u8());
    else link = trimNul(c.latin1(linkSize, 64));
    used += linkSize;
    // The whole segment (segment byte included) is padded to an even length.
    if ((used + 1) % 2 !== 0 && left - used >= 1) c.skip(1);
    const pair = `${port}/${link}`;
    this.route = this.route === '' ? pair : `${this.route},${pair}`;
    this.add(`port ${pair}`);
    return true;
  }

  private symbolic(c: ByteCursor, seg: number, left: number, maxString: number): boolean {
    const size = seg & SEGMENT.SYMBOL_SIZE_MASK;
    if (size === 0) {
      // Extended string format (double-byte, triple-byte, numeric): format byte, then data.
      if (left < 1) return false;
      const fmt = c.u8();
      const n = (fmt & 0x1f) * ((fmt & 0xe0) === 0x20 ? 2 : (fmt & 0xe0) === 0x40 ? 3 : 1);
      if (left - 1 < n) return false;
      c.skip(n);
      if ((n + 2) % 2 !== 0 && left - 1 - n >= 1) c.skip(1);
      this.add('symbol (extended)');
      return true;
    }
    if (left < size) return false;
    this.addSymbol(c.latin1(size, maxString));
    if ((size + 1) % 2 !== 0 && left - size >= 1) c.skip(1);
    return true;
  }

  private data(c: ByteCursor, seg: number, left: number, maxString: number): boolean {
    if (seg === SEGMENT.DATA_ANSI_SYMBOL) {
      if (left < 1) return false;
      const n = c.u8();
      if (left - 1 < n) return false;
      this.addSymbol(c.latin1(n, maxString));
      if (n % 2 !== 0 && left - 1 - n >= 1) c.skip(1);
      return true;
    }
    if (seg === SEGMENT.DATA_SIMPLE) {
      if (left < 1) return false;
      const words = c.u8();
      if (left - 1 < words * 2) return false;
      c.skip(words * 2);
      this.add(`data ${words * 2} bytes`);
      return true;
    }
    return false;
  }

  private network(c: ByteCursor, seg: number, left: number): boolean {
    if ((seg & SEGMENT.NETWORK_EXTENDED_FLAG) !== 0) {
      // 0x50 safety, 0x5F extended: a word count, then data ([V1] C-1.4.3).
      if (left < 1) return false;
      const words = c.u8();
      if (left - 1 < words * 2) return false;
      c.skip(words * 2);
      this.add(`network 0x${seg.toString(16)}`);
      return true;
    }
    if (left < 1) return false;
    c.skip(1);
    this.add(`network 0x${seg.toString(16)}`);
    return true;
  }

  private addSymbol(name: string): void {
    this.symbol = this.symbol === '' ? name : `${this.symbol}.${name}`;
    this.add(`symbol ${name}`);
  }

  /** Copies the parts present into `out` (an event's `cip` object or a connection path). */
  toFields(out: PathFields): void {
    if (this.text !== '') out.path = this.text;
    if (this.classId !== NONE) {
      out.class_id = this.classId;
      out.class_name = className(this.classId);
    }
    if (this.instanceId !== NONE) out.instance_id = this.instanceId;
    if (this.attributeId !== NONE) out.attribute_id = this.attributeId;
    if (this.memberId !== NONE) out.member_id = this.memberId;
    if (this.points.length > 0) out.connection_points = this.points.slice();
    if (this.symbol !== '') out.symbol = this.symbol;
    if (this.route !== '') out.route = this.route;
    if (this.keyVendor !== NONE) {
      out.key = {
        vendor_id: this.keyVendor,
        device_type: this.keyDeviceType,
        product_code: this.keyProduct,
        major_revision: this.keyMajor,
        minor_revision: this.keyMinor,
        compatibility: this.keyCompat,
      };
    }
  }
}

/** Drops the NUL padding at the end of a link address string (`192.168.1.10\0`). */
function trimNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/**
 * Class name: the ODVA name, a Logix class, or by range `vendor_specific` (0x64-0xC7,
 * 0x300-0x4FF) and `unknown` ([V1] table 5-1.1).
 */
export function className(id: number): string {
  const n = CLASS_NAMES.get(id) ?? LOGIX_CLASS_NAMES.get(id);
  if (n !== undefined) return n;
  if ((id >= 0x64 && id <= 0xc7) || (id >= 0x300 && id <= 0x4ff)) return 'vendor_specific';
  return 'unknown';
}

/** True when `classId` is the Connection Manager. */
export function isConnectionManager(classId: number): boolean {
  return classId === CLASSES.CONNECTION_MANAGER;
}
