/**
 * The answer of an Active Directory "LDAP ping" ([MS-ADTS] 6.3.3): the value of the `Netlogon`
 * attribute a domain controller returns over CLDAP (or LDAP), a NETLOGON_SAM_LOGON_RESPONSE_EX
 * ([MS-ADTS] 6.3.1.9), which names the forest, domain, controller and sites a client will use.
 *
 * ```
 *  Opcode (2, LE) | Sbz (2) | Flags (4, LE) | DomainGuid (16) | DnsForestName | DnsDomainName |
 *  DnsHostName | NetbiosDomainName | NetbiosComputerName | UserName | DcSiteName |
 *  ClientSiteName | [DcSockAddrSize, DcSockAddr] | [NextClosestSiteName] | NtVersion (4, LE) |
 *  LmNtToken (2) | Lm20Token (2)
 * ```
 *
 * The names are RFC 1035 names with compression pointers relative to the start of the
 * structure; pointers are followed at most 16 times and names cut at 255 characters. Opcodes
 * 23 (LOGON_SAM_LOGON_RESPONSE_EX) and 25 (LOGON_SAM_USER_UNKNOWN_EX) share this layout; the
 * older UTF-16 responses (19, 21) are reported by opcode only.
 */

/** What the event reports of a Netlogon response. */
export interface NetlogonInfo {
  /** Opcode and its name ([MS-ADTS] 6.3.1.9: 23 LOGON_SAM_LOGON_RESPONSE_EX...). */
  opcode: number;
  opcode_name: string;
  /** DS_FLAG bits of the domain controller ([MS-ADTS] 6.3.1.2: PDC, GC, LDAP, DS, KDC...). */
  flags?: number;
  /** Domain GUID, in the usual text form. */
  domain_guid?: string;
  dns_forest?: string;
  dns_domain?: string;
  dns_host?: string;
  netbios_domain?: string;
  netbios_host?: string;
  /** The user name of the ping's `User` filter, when there was one. */
  user?: string;
  dc_site?: string;
  client_site?: string;
}

/** Netlogon opcodes ([MS-ADTS] 6.3.1.9, 6.3.1.8, Wireshark `netlogon_opcode_vals`). */
const OPCODES: ReadonlyMap<number, string> = new Map([
  [7, 'LOGON_PRIMARY_QUERY'],
  [12, 'LOGON_PRIMARY_RESPONSE'],
  [18, 'LOGON_SAM_LOGON_REQUEST'],
  [19, 'LOGON_SAM_LOGON_RESPONSE'],
  [20, 'LOGON_SAM_PAUSE_RESPONSE'],
  [21, 'LOGON_SAM_USER_UNKNOWN'],
  [23, 'LOGON_SAM_LOGON_RESPONSE_EX'],
  [24, 'LOGON_SAM_PAUSE_RESPONSE_EX'],
  [25, 'LOGON_SAM_USER_UNKNOWN_EX'],
]);

/** The names of the structure, in order. */
const NAME_FIELDS = [
  'dns_forest',
  'dns_domain',
  'dns_host',
  'netbios_domain',
  'netbios_host',
  'user',
  'dc_site',
  'client_site',
] as const;

const MAX_JUMPS = 16;
const MAX_NAME = 255;

/** Offset after the last name read by {@link dnsName}; -1 when it was malformed. */
let after = 0;

/** The compressed name at `base + off` of the structure `[base, end)`. */
function dnsName(d: Uint8Array, base: number, end: number, off: number): string {
  let p = base + off;
  let name = '';
  let jumps = 0;
  after = -1;
  while (p < end) {
    const len = d[p] as number;
    if (len === 0) {
      if (jumps === 0) after = p + 1 - base;
      return name;
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= end || ++jumps > MAX_JUMPS) return name;
      if (jumps === 1) after = p + 2 - base;
      p = base + (((len & 0x3f) << 8) | (d[p + 1] as number));
      continue;
    }
    if ((len & 0xc0) !== 0 || p + 1 + len > end) return name;
    if (name.length < MAX_NAME) {
      if (name !== '') name += '.';
      for (let i = p + 1; i <= p + len; i++) {
        const c = d[i] as number;
        name += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
      }
    }
    p += 1 + len;
  }
  after = -1;
  return name;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** A GUID as Windows prints it: the first three fields little endian. */
function guid(d: Uint8Array, p: number): string {
  const h = (i: number): string => hex2(d[p + i] as number);
  return (
    `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-` +
    `${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`
  );
}

/**
 * Decodes the Netlogon attribute value `d[s, e)`; null when it is too short to hold an opcode.
 * Names that run past the value are left out.
 */
export function parseNetlogon(d: Uint8Array, s: number, e: number): NetlogonInfo | null {
  if (e - s < 2) return null;
  const opcode = (d[s] as number) | ((d[s + 1] as number) << 8);
  const info: NetlogonInfo = { opcode, opcode_name: OPCODES.get(opcode) ?? 'unknown' };
  if ((opcode !== 23 && opcode !== 25) || e - s < 24) return info;
  info.flags =
    ((d[s + 4] as number) |
      ((d[s + 5] as number) << 8) |
      ((d[s + 6] as number) << 16) |
      ((d[s + 7] as number) << 24)) >>>
    0;
  info.domain_guid = guid(d, s + 8);
  let off = 24;
  for (const k of NAME_FIELDS) {
    const name = dnsName(d, s, e, off);
    if (after < 0) break;
    if (name !== '') info[k] = name;
    off = after;
  }
  return info;
}
