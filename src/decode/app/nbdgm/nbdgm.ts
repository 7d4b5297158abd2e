/**
 * NetBIOS datagram service parser ([RFC1002] 4.4, UDP 138): direct unique, direct group and
 * broadcast datagrams with their source and destination NetBIOS names, error datagrams, and
 * datagram name queries. The user data of Windows datagrams is an SMB Transaction
 * ([MS-CIFS] 2.2.4.33) writing to a mailslot ([MS-MAIL]): `\MAILSLOT\BROWSE` and
 * `\MAILSLOT\LANMAN` carry the Browser protocol ([MS-BRWS]: host, domain and local master
 * announcements with the server name, OS version, server type and comment; elections; backup
 * lists), `\MAILSLOT\NET\NETLOGON` the domain controller locator pings ([MS-ADTS] 6.3.1).
 *
 * The SMB header and Transaction request are read just far enough to find the mailslot name and
 * the data (a fixed layout, read here by index rather than through the SMB decoder). One
 * datagram per call; fields are read by index, strings built only for the event.
 */
import { ipv4ToString } from '../../../core/net-format.js';
import { OK, reject } from '../../decoder.js';
import type {
  AppEvent,
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  NAME_BAD_ENCODING,
  NAME_OK,
  isFirstLevel,
  nameResult,
  readNetbiosName,
  suffixName,
} from '../nbns/names.js';
import {
  BROWSER_COMMANDS,
  CMD_ANNOUNCEMENT_REQUEST,
  CMD_BECOME_BACKUP,
  CMD_DOMAIN_ANNOUNCEMENT,
  CMD_GET_BACKUP_LIST_REQUEST,
  CMD_GET_BACKUP_LIST_RESPONSE,
  CMD_HOST_ANNOUNCEMENT,
  CMD_LOCAL_MASTER_ANNOUNCEMENT,
  CMD_MASTER_ANNOUNCEMENT,
  CMD_REQUEST_ELECTION,
  CMD_RESET_STATE,
  ELECTION_DESIRE_BITS,
  ELECTION_OS_BITS,
  ERROR_CODES,
  MSG_TYPES,
  NBDGM,
  NETLOGON_OPCODES,
  NODE_TYPES,
  SERVER_TYPE_BITS,
  TYPE_ERROR,
} from './constants.js';
import type { BrowserFields, NbdgmFields, NetlogonFields } from './events.js';

/** Per-flow state. */
export interface NbdgmState {
  confirmed: boolean;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createNbdgmState(limits: DecoderLimits): NbdgmState {
  return { confirmed: false, limits };
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

function le16(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

function le32(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16)) +
    (d[p + 3] as number) * 0x1000000
  );
}

/**
 * A plausible datagram: a known type, the reserved flag bits clear, and first-level encoded
 * names where the type has them (two for datagrams, one for queries); an error datagram is
 * exactly 11 bytes with a known error code.
 */
function plausible(d: Uint8Array): boolean {
  const n = d.length;
  if (n < NBDGM.HEADER + 1) return false;
  const type = d[0] as number;
  if (!MSG_TYPES.has(type) || ((d[1] as number) & 0xf0) !== 0) return false;
  if (type === TYPE_ERROR) return n === NBDGM.HEADER + 1 && ERROR_CODES.has(d[10] as number);
  if (type > TYPE_ERROR) return isFirstLevel(d, NBDGM.HEADER, n);
  if (!isFirstLevel(d, 14, n)) return false;
  if (readNetbiosName(d, 14, n, false) !== NAME_OK) return false;
  return isFirstLevel(d, nameResult.next, n);
}

/** Recognises a NetBIOS datagram. */
export function probeNbdgm(data: Uint8Array, _dir: Direction): ProbeResult {
  return plausible(data) ? 'match' : 'no_match';
}

/** Decodes one datagram. */
export function parseNbdgm(
  state: NbdgmState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const d = data;
  const n = d.length;
  if (!plausible(d)) {
    if (!state.confirmed) return reject('nbdgm.not_nbdgm');
    if (n < NBDGM.HEADER + 1 || !MSG_TYPES.has(d[0] as number)) {
      sink.anomaly(
        n < NBDGM.HEADER + 1 ? 'nbdgm.truncated_message' : 'nbdgm.not_nbdgm',
        `${n}-byte datagram`,
      );
      return OK;
    }
  }
  datagram(d, dir, sink);
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  return OK;
}

function datagram(d: Uint8Array, dir: Direction, sink: DecodeSink): void {
  const n = d.length;
  const type = d[0] as number;
  const flags = d[1] as number;
  const f: NbdgmFields = {
    type,
    type_name: MSG_TYPES.get(type) ?? 'unknown',
    first: (flags & 0x02) !== 0,
    more: (flags & 0x01) !== 0,
    node_type: NODE_TYPES[(flags >> 2) & 3] as string,
    datagram_id: u16(d, 2),
    source_ip: ipv4ToString(u32(d, 4)),
    source_port: u16(d, 8),
  };
  const sender = sink.peerAddress?.(dir) ?? '';
  // An NBDD relays datagrams with the original sender's header ([RFC1002] 4.4.1), but SNT 3
  // cannot tell a relay: Windows H-nodes send SNT 3 themselves.
  if (sender !== '' && sender !== f.source_ip)
    sink.anomaly('nbdgm.source_address_mismatch', `carried ${f.source_ip}, sent by ${sender}`);
  if (type === TYPE_ERROR) {
    f.error_code = d[10] as number;
    f.error_name = ERROR_CODES.get(f.error_code) ?? 'unknown';
    sink.anomaly('nbdgm.error_datagram', f.error_name);
    sink.emit({ kind: 'nbdgm.error', nbdgm: f });
    return;
  }
  if (type > TYPE_ERROR) {
    if (destination(d, NBDGM.HEADER, n, f, sink) < 0) return;
    sink.emit({ kind: 'nbdgm.query', nbdgm: f });
    return;
  }
  if (n < 14) {
    sink.anomaly('nbdgm.truncated_message', 'datagram header');
    return;
  }
  f.length = u16(d, 10);
  f.offset = u16(d, 12);
  // DGM_LENGTH counts the names and the user data ([RFC1002] 4.4.2).
  if (14 + f.length > n)
    sink.anomaly('nbdgm.truncated_message', `length ${f.length}, ${n - 14} bytes`);
  else if (14 + f.length < n)
    sink.anomaly('nbdgm.length_mismatch', `length ${f.length}, ${n - 14} bytes`);
  const end = Math.min(n, 14 + f.length);
  const st = readNetbiosName(d, 14, end, false);
  if (st !== NAME_OK && st !== NAME_BAD_ENCODING) {
    sink.anomaly('nbdgm.truncated_message', 'source name');
    return;
  }
  if (st === NAME_BAD_ENCODING) sink.anomaly('nbdgm.bad_name_encoding', nameResult.display);
  f.source_name = nameResult.display;
  f.source_netbios_name = nameResult.name;
  f.source_suffix = nameResult.suffix;
  if (nameResult.scope !== '') f.source_scope = nameResult.scope;
  const u = destination(d, nameResult.next, end, f, sink);
  if (u < 0) return;
  const event: {
    kind: string;
    nbdgm: NbdgmFields;
    browser?: BrowserFields;
    netlogon?: NetlogonFields;
  } = {
    kind: 'nbdgm.datagram',
    nbdgm: f,
  };
  // Only a first (or whole) datagram starts with the SMB header.
  if (u < end && f.offset === 0) smb(d, u, end, event, sink);
  sink.emit(event as AppEvent);
}

/** Reads the destination name at `p`; returns the offset after it, or -1. */
function destination(
  d: Uint8Array,
  p: number,
  end: number,
  f: NbdgmFields,
  sink: DecodeSink,
): number {
  const st = readNetbiosName(d, p, end, false);
  if (st !== NAME_OK && st !== NAME_BAD_ENCODING) {
    sink.anomaly('nbdgm.truncated_message', 'destination name');
    return -1;
  }
  if (st === NAME_BAD_ENCODING) sink.anomaly('nbdgm.bad_name_encoding', nameResult.display);
  f.destination_name = nameResult.display;
  f.destination_netbios_name = nameResult.name;
  f.destination_suffix = nameResult.suffix;
  f.destination_suffix_name = suffixName(nameResult.suffix);
  if (nameResult.scope !== '') f.destination_scope = nameResult.scope;
  return nameResult.next;
}

/** Text of at most `max` bytes at `p` up to a NUL or `end` (control bytes as `\xNN`). */
function text(d: Uint8Array, p: number, end: number, max: number): string {
  let s = '';
  const stop = Math.min(end, p + max);
  for (let i = p; i < stop; i++) {
    const b = d[i] as number;
    if (b === 0) break;
    s +=
      b >= 0x20 && b !== 0x7f ? String.fromCharCode(b) : `\\x${b < 16 ? '0' : ''}${b.toString(16)}`;
  }
  return s;
}

/** Offset just past the NUL ending the string at `p`, or -1 when none before `end`. */
function afterNul(d: Uint8Array, p: number, end: number): number {
  for (let i = p; i < end; i++) if (d[i] === 0) return i + 1;
  return -1;
}

/** Case-insensitive ASCII comparison of `len` bytes at `p` with `s` (upper case). */
function startsWith(d: Uint8Array, p: number, end: number, s: string): boolean {
  if (p + s.length > end) return false;
  for (let i = 0; i < s.length; i++) {
    let b = d[p + i] as number;
    if (b >= 0x61 && b <= 0x7a) b -= 0x20;
    if (b !== s.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The SMB Transaction at `u` ([MS-CIFS] 2.2.3.1 header, 2.2.4.33.1 request): word count at 32,
 * DataCount and DataOffset (from the SMB header) in words 11 and 12, the setup words, the byte
 * count, then the mailslot name.
 */
function smb(
  d: Uint8Array,
  u: number,
  end: number,
  event: { nbdgm: NbdgmFields; browser?: BrowserFields; netlogon?: NetlogonFields },
  sink: DecodeSink,
): void {
  if (
    u + NBDGM.SMB_HEADER + 1 > end ||
    d[u] !== 0xff ||
    d[u + 1] !== 0x53 ||
    d[u + 2] !== 0x4d ||
    d[u + 3] !== 0x42
  )
    return;
  if (d[u + 4] !== NBDGM.SMB_COM_TRANSACTION) return;
  const wc = d[u + NBDGM.SMB_HEADER] as number;
  const words = u + NBDGM.SMB_HEADER + 1;
  const nameAt = words + 2 * wc + 2;
  if (wc < 14 || nameAt > end) {
    sink.anomaly('nbdgm.malformed_mailslot', `transaction of ${wc} words`);
    return;
  }
  const dataCount = le16(d, words + 22);
  const dataAt = u + le16(d, words + 24);
  const slotEnd = afterNul(d, nameAt, end);
  if (slotEnd < 0 || dataAt < slotEnd - 1 || dataAt + dataCount > end) {
    sink.anomaly('nbdgm.malformed_mailslot', 'mailslot name or data outside the datagram');
    return;
  }
  event.nbdgm.mailslot = text(d, nameAt, slotEnd, NBDGM.MAX_TEXT);
  const dataEnd = dataAt + dataCount;
  if (dataCount === 0) return;
  if (
    startsWith(d, nameAt, slotEnd, '\\MAILSLOT\\BROWSE\0') ||
    startsWith(d, nameAt, slotEnd, '\\MAILSLOT\\LANMAN\0')
  ) {
    const b = browser(d, dataAt, dataEnd);
    if (b) event.browser = b;
    else
      sink.anomaly(
        'nbdgm.malformed_mailslot',
        `browser command 0x${(d[dataAt] as number).toString(16)} truncated`,
      );
  } else if (startsWith(d, nameAt, slotEnd, '\\MAILSLOT\\NET\\')) {
    const op = d[dataAt] as number;
    const nl: NetlogonFields = { opcode: op, opcode_name: NETLOGON_OPCODES.get(op) ?? 'unknown' };
    // LOGON_PRIMARY_QUERY ([MS-ADTS] 6.3.1.3): a 16-bit opcode, then the computer name (OEM).
    if (op === 0x07 && dataAt + 2 < dataEnd)
      nl.computer_name = text(d, dataAt + 2, dataEnd, NBDGM.MAX_TEXT);
    event.netlogon = nl;
  }
}

function bitNames(v: number, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i++)
    if ((v & (2 ** i)) !== 0 && v >= 0) out.push(names[i] as string);
  return out;
}

function serverTypeNames(v: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 32; i++)
    if (Math.floor(v / 2 ** i) % 2 === 1) out.push(SERVER_TYPE_BITS[i] as string);
  return out;
}

/** A Browser protocol message at `p` ([MS-BRWS] 2.2); undefined when truncated. */
function browser(d: Uint8Array, p: number, end: number): BrowserFields | undefined {
  const cmd = d[p] as number;
  const b: BrowserFields = { command: cmd, command_name: BROWSER_COMMANDS.get(cmd) ?? 'unknown' };
  const q = p + 1;
  switch (cmd) {
    case CMD_HOST_ANNOUNCEMENT:
    case CMD_DOMAIN_ANNOUNCEMENT:
    case CMD_LOCAL_MASTER_ANNOUNCEMENT: {
      // 2.2.1: update count, periodicity, 16-byte name, OS major/minor, server type, browser
      // version (or, in a DomainAnnouncement, an unused word), signature, then the comment
      // (the master browser's name in a DomainAnnouncement).
      if (q + 27 > end) return undefined;
      b.update_count = d[q] as number;
      b.periodicity = le32(d, q + 1);
      b.server = text(d, q + 5, end, 16);
      b.os_major = d[q + 21] as number;
      b.os_minor = d[q + 22] as number;
      b.server_type = le32(d, q + 23);
      b.server_type_names = serverTypeNames(b.server_type);
      if (q + 31 > end) return b;
      if (cmd !== CMD_DOMAIN_ANNOUNCEMENT) {
        b.browser_version_major = d[q + 27] as number;
        b.browser_version_minor = d[q + 28] as number;
        b.signature = le16(d, q + 29);
        b.comment = text(d, q + 31, end, NBDGM.MAX_TEXT);
      } else b.master_browser = text(d, q + 31, end, NBDGM.MAX_TEXT);
      return b;
    }
    case CMD_REQUEST_ELECTION: {
      // 2.2.6: version, criteria (desire, browser revision, OS), uptime, reserved, name.
      if (q + 13 > end) return undefined;
      b.election_version = d[q] as number;
      b.criteria = le32(d, q + 1);
      b.desire = bitNames(d[q + 1] as number, ELECTION_DESIRE_BITS);
      b.browser_revision = le16(d, q + 2);
      b.election_os = bitNames(d[q + 4] as number, ELECTION_OS_BITS);
      b.uptime = le32(d, q + 5);
      if (q + 13 < end) b.server = text(d, q + 13, end, NBDGM.MAX_TEXT);
      return b;
    }
    case CMD_GET_BACKUP_LIST_REQUEST: {
      if (q + 5 > end) return undefined;
      b.count = d[q] as number;
      b.token = le32(d, q + 1);
      return b;
    }
    case CMD_GET_BACKUP_LIST_RESPONSE: {
      if (q + 5 > end) return undefined;
      b.count = d[q] as number;
      b.token = le32(d, q + 1);
      const list: string[] = [];
      let s = q + 5;
      while (s < end && list.length < Math.min(b.count, NBDGM.MAX_BACKUP_SERVERS)) {
        list.push(text(d, s, end, NBDGM.MAX_TEXT));
        const next = afterNul(d, s, end);
        if (next < 0) break;
        s = next;
      }
      b.backup_servers = list;
      return b;
    }
    case CMD_ANNOUNCEMENT_REQUEST: {
      if (q + 1 > end) return undefined;
      if (q + 1 < end) b.response_name = text(d, q + 1, end, NBDGM.MAX_TEXT);
      return b;
    }
    case CMD_BECOME_BACKUP:
    case CMD_MASTER_ANNOUNCEMENT: {
      if (q >= end) return undefined;
      b.server = text(d, q, end, NBDGM.MAX_TEXT);
      return b;
    }
    case CMD_RESET_STATE:
    default:
      return b;
  }
}
