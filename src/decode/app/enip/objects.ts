/**
 * Object data the events describe beyond the message router: the device identity (the CIP
 * Identity item of ListIdentity, [V2] table 2-4.4, which repeats the Identity object's
 * attributes 1-7 and 8 of [V1] 5-2; and the Identity object's Get Attributes All reply) and the
 * PCCC command carried by Execute PCCC to class 0x67 ([PCCC]).
 *
 * ```
 *  identity: vendor(2) device type(2) product code(2) revision major(1) minor(1) status(2)
 *            serial(4) product name (SHORT_STRING: length(1) chars) [state(1)]
 *  ListIdentity item adds before it: encapsulation version(2) socket address(16, big-endian)
 *  Execute PCCC: requestor id: length(1) vendor(2) serial(4) [...]; then CMD(1) STS(1) TNS(2)
 *                [FNC(1)] data
 *  TCP/IP Interface (0xF5) and Ethernet Link (0xF6) attributes: see decodeTcpIp and
 *  decodeEthernetLink ([V2] 5-4, 5-5): the device's IP configuration and port settings.
 * ```
 */
import type { ByteCursor } from '../../cursor.js';
import { IDENTITY_STATES, PCCC } from './constants.js';
import type { CipDecoder } from './cip.js';
import type { EPath } from './epath.js';
import type {
  CipFields,
  EthernetLinkFields,
  Identity,
  PathFields,
  SockAddr,
  TcpIpFields,
} from './events.js';
import { DEVICE_TYPE_NAMES, VENDOR_NAMES } from './tables.js';

/** Bytes of the identity attributes before the product name length. */
const IDENTITY_FIXED = 14;

/** A socket address structure ([V2] 2-6.3.2): fields big-endian, 8 bytes of zero padding. */
export function decodeSockAddr(c: ByteCursor): SockAddr {
  const family = c.u16be();
  const port = c.u16be();
  const a = c.u8();
  const b = c.u8();
  const d = c.u8();
  const e = c.u8();
  c.skip(8);
  return { family, port, address: `${a}.${b}.${d}.${e}` };
}

/** Vendor name from the ODVA list, or `unknown`. */
export function vendorName(id: number): string {
  return VENDOR_NAMES.get(id) ?? 'unknown';
}

/**
 * Decodes identity attributes at the cursor (after the version and socket address of a
 * ListIdentity item); null when fewer bytes than the fixed part remain.
 */
export function decodeIdentity(
  c: ByteCursor,
  maxString: number,
  withState: boolean,
): Identity | undefined {
  if (c.remaining() < IDENTITY_FIXED + 1) return undefined;
  const vendorId = c.u16le();
  const deviceType = c.u16le();
  const productCode = c.u16le();
  const major = c.u8();
  const minor = c.u8();
  const status = c.u16le();
  const serial = c.u32le();
  const nameLen = c.u8();
  const name = c.latin1(Math.min(nameLen, c.remaining()), maxString);
  const id: Identity = {
    vendor_id: vendorId,
    vendor: vendorName(vendorId),
    device_type: deviceType,
    device_type_name: DEVICE_TYPE_NAMES.get(deviceType) ?? 'unknown',
    product_code: productCode,
    revision_major: major,
    revision_minor: minor,
    revision: `${major}.${minor < 10 ? '0' : ''}${minor}`,
    status,
    serial_number: serial,
    serial_hex: serial.toString(16).padStart(8, '0'),
    product_name: name,
  };
  if (withState && c.remaining() >= 1) {
    const state = c.u8();
    id.state = state;
    id.state_name = IDENTITY_STATES.get(state) ?? 'reserved';
  }
  return id;
}

/** Execute PCCC request or reply: the requestor id, then the PCCC header. */
export function decodePccc(
  dec: CipDecoder,
  c: ByteCursor,
  f: CipFields,
  isResponse: boolean,
): void {
  if (c.remaining() < PCCC.MIN_REQUESTOR_ID) {
    if (!isResponse || f.general_status === 0) {
      dec.anomaly('enip.cip_truncated', `execute pccc: ${c.remaining()} bytes`);
    }
    return;
  }
  const idLen = c.u8();
  const vendor = c.u16le();
  const serial = c.u32le();
  // The requestor id length counts itself; anything beyond vendor and serial is opaque.
  if (idLen > PCCC.MIN_REQUESTOR_ID) c.skip(Math.min(idLen - PCCC.MIN_REQUESTOR_ID, c.remaining()));
  if (c.remaining() < 4) {
    dec.anomaly('enip.cip_truncated', `execute pccc: no command after the requestor id`);
    return;
  }
  const command = c.u8();
  const status = c.u8();
  const tns = c.u16le();
  f.pccc = { vendor_id: vendor, serial_number: serial, command, status, tns };
  // The diagnostic and typed command sets carry a function code ([PCCC] 7-1, 10-1).
  if (!isResponse && c.remaining() >= 1 && PCCC.FUNCTION_COMMANDS.includes(command)) {
    f.pccc.function_code = c.u8();
  }
}

/** An IPv4 address held as a UDINT ([V2] 5-4.3.2.5: little-endian, most significant octet first). */
function ipv4(c: ByteCursor): string {
  const v = c.u32le();
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

/** A STRING (UINT length, bytes, pad to even) at the cursor. */
function paddedString(c: ByteCursor, maxString: number): string {
  const len = c.u16le();
  const s = c.latin1(Math.min(len, c.remaining()), maxString);
  if ((len & 1) !== 0 && c.remaining() > 0) c.skip(1);
  return s;
}

/**
 * Decodes TCP/IP Interface object (class 0xF5) attribute values ([V2] 5-4.3): one attribute
 * (`attr` > 0: a Get Attribute Single reply or a Set Attribute Single request) or attributes 1
 * to 6 in order (`attr` 0: a Get Attributes All reply). Stops quietly when the data ends.
 */
export function decodeTcpIp(
  dec: CipDecoder,
  c: ByteCursor,
  attr: number,
  depth: number,
): TcpIpFields {
  const t: TcpIpFields = {};
  const max = dec.limits.maxStringBytes;
  const first = attr === 0 ? 1 : attr;
  const last = attr === 0 ? 6 : attr;
  for (let a = first; a <= last; a++) {
    switch (a) {
      case 1:
        if (c.remaining() < 4) return t;
        t.status = c.u32le();
        break;
      case 2:
        if (c.remaining() < 4) return t;
        t.configuration_capability = c.u32le();
        break;
      case 3:
        if (c.remaining() < 4) return t;
        t.configuration_control = c.u32le();
        break;
      case 4: {
        if (c.remaining() < 2) return t;
        const words = c.u16le();
        const len = Math.min(words * 2, c.remaining());
        const p = (dec.connPaths[depth] as EPath).parse(c, len, max);
        const out: PathFields = {};
        p.toFields(out);
        t.physical_link_path = out;
        break;
      }
      case 5:
        if (c.remaining() < 22) return t;
        t.ip_address = ipv4(c);
        t.subnet_mask = ipv4(c);
        t.gateway = ipv4(c);
        t.name_server = ipv4(c);
        t.name_server_2 = ipv4(c);
        t.domain_name = paddedString(c, max);
        break;
      case 6:
        if (c.remaining() < 2) return t;
        t.host_name = paddedString(c, max);
        break;
      default:
        return t;
    }
  }
  return t;
}

/** A MAC address as six hex pairs. */
function mac(c: ByteCursor): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += (i > 0 ? ':' : '') + c.u8().toString(16).padStart(2, '0');
  return s;
}

/**
 * Decodes Ethernet Link object (class 0xF6) attribute values ([V2] 5-5.3): speed, flags and
 * MAC address (attributes 1-3, also the start of a Get Attributes All reply) and the interface
 * control (attribute 6: forcing speed and duplex, what a port reconfiguration writes).
 */
export function decodeEthernetLink(c: ByteCursor, attr: number): EthernetLinkFields {
  const l: EthernetLinkFields = {};
  if ((attr === 0 || attr === 1) && c.remaining() >= 4) l.interface_speed = c.u32le();
  if ((attr === 0 || attr === 2) && c.remaining() >= 4) l.interface_flags = c.u32le();
  if ((attr === 0 || attr === 3) && c.remaining() >= 6) l.mac_address = mac(c);
  if (attr === 6 && c.remaining() >= 4) {
    l.control_bits = c.u16le();
    l.forced_speed = c.u16le();
  }
  return l;
}
