/**
 * Kerberos deeper fields against Wireshark's `kerberos` dissector (4.0, packet-kerberos.c,
 * generated from asn1/kerberos/KerberosV5Spec2.asn), which also dissects the messages kpasswd
 * carries.
 *
 * Wireshark lists a field once per occurrence anywhere in the frame, nested structures
 * included; ours puts the nested ones in named fields, pooled here the same way:
 * - `kerberos.msg_type` also holds 14 for the AP-REQ inside PA-TGS-REQ or FAST armor (ours:
 *   the request's `ap_options`, present when that AP-REQ was read).
 * - `kerberos.CNameString` / `kerberos.SNameString` hold one value per name component; ours
 *   joins them with `/` (escaping `/`, `@`, `\`), split back here. SNameString also covers the
 *   tickets' service names.
 * - `kerberos.realm` covers the request realm, the KRB-ERROR server realm and every ticket's
 *   realm; `kerberos.crealm` the client realm.
 * - `kerberos.etype` is the etype of every EncryptedData (tickets, authenticators,
 *   enc-authorization-data, PA-ENC-TIMESTAMP, FAST, enc-part) and of every ETYPE-INFO(2)
 *   entry; `kerberos.ENCTYPE` the etypes a request asks for.
 * - Only frames carried on the Kerberos and kpasswd ports are compared: Kerberos inside
 *   SMB/DCE-RPC/LDAP GSS-API tokens belongs to those decoders.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

type Ticket = { realm: string; sname: string; sname_type: number; etype: number };

const k = (e: EventLine, f: string): unknown => at(e, `kerberos.${f}`);
const defined = (a: unknown[]): unknown[] => a.filter((v) => v !== undefined);

/** Components of a name joined with `/`, escapes undone. */
function components(v: unknown): string[] {
  if (typeof v !== 'string') return [];
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (c === '\\' && i + 1 < v.length) cur += v[++i] as string;
    else if (c === '/') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function tickets(e: EventLine): Ticket[] {
  const t = k(e, 'ticket') as Ticket | undefined;
  const list = (k(e, 'tickets') as Ticket[] | undefined) ?? [];
  return t === undefined ? list : [t, ...list];
}

function msgTypes(e: EventLine): unknown[] {
  const mt = k(e, 'msg_type');
  if (mt === undefined) return [];
  return mt !== 14 && k(e, 'ap_options') !== undefined ? [mt, 14] : [mt];
}

function etypes(e: EventLine): unknown[] {
  const out: unknown[] = tickets(e).map((t) => t.etype);
  for (const f of [
    'authenticator_etype',
    'authorization_data_etype',
    'preauth_etype',
    'fast_etype',
    'enc_part_etype',
  ]) {
    const v = k(e, f);
    if (v !== undefined) out.push(v);
  }
  out.push(...((k(e, 'etype_info') as unknown[] | undefined) ?? []));
  return out;
}

/** KerberosTime: Wireshark's `Nov 27, 2026 05:45:30.000000000 UTC` and our ISO form as epoch seconds. */
function kerberosTime(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  const ms = Date.parse(t.replace(/\.\d+ UTC$/, ' UTC').replace(/\s+/g, ' '));
  return Number.isNaN(ms) ? t : String(ms / 1000);
}

/** The captures of the shared set that carry Kerberos on port 88 (tshark over MANIFEST.tsv). */
export const KERBEROS_CAPTURES: readonly string[] = [
  'it-attacks/pcap-attack/CredAccess/CA_kerbrute_passwordspray_kerberos_AS-REQ.pcapng',
  'it-attacks/pcap-attack/Lateral_Movement/lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng',
];

export const kerberosSpec: ProtoSpec = {
  proto: 'kerberos',
  filter: 'kerberos && (udp.port == 88 || tcp.port == 88 || udp.port == 464 || tcp.port == 464)',
  sharedCaptures: KERBEROS_CAPTURES,
  pinnedBy: 'test/golden/kerberos/tshark-agreement.test.ts',
  fields: [
    { name: 'message type', tshark: 'kerberos.msg_type', ours: msgTypes },
    {
      name: 'cname',
      tshark: 'kerberos.CNameString',
      ours: (e) => components(k(e, 'cname')),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'sname',
      tshark: 'kerberos.SNameString',
      ours: (e) => [
        ...components(k(e, 'sname')),
        ...tickets(e).flatMap((t) => components(t.sname)),
      ],
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'realm',
      tshark: 'kerberos.realm',
      ours: (e) => defined([k(e, 'realm'), ...tickets(e).map((t) => t.realm)]),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'crealm',
      tshark: 'kerberos.crealm',
      ours: (e) => k(e, 'crealm'),
      norm: (v) => (v === '' ? undefined : v),
    },
    { name: 'etype', tshark: 'kerberos.etype', ours: etypes },
    { name: 'requested etypes', tshark: 'kerberos.ENCTYPE', ours: (e) => k(e, 'etypes') },
    { name: 'error code', tshark: 'kerberos.error_code', ours: (e) => k(e, 'error_code') },
    { name: 'padata type', tshark: 'kerberos.padata_type', ours: (e) => k(e, 'padata_types') },
    {
      name: 'name type',
      tshark: 'kerberos.name_type',
      ours: (e) =>
        defined([k(e, 'cname_type'), k(e, 'sname_type'), ...tickets(e).map((t) => t.sname_type)]),
    },
    { name: 'nonce', tshark: 'kerberos.nonce', ours: (e) => k(e, 'nonce') },
    {
      name: 'kdc-options',
      tshark: 'kerberos.kdc_options',
      ours: (e) => {
        const v = k(e, 'kdc_options');
        return typeof v === 'number' ? v.toString(16).padStart(8, '0') : undefined;
      },
      norm: (v) => (v.trim() === '' ? undefined : v.trim().toLowerCase()),
    },
    { name: 'till', tshark: 'kerberos.till', ours: (e) => k(e, 'till'), norm: kerberosTime },
    {
      name: 'e-text',
      tshark: 'kerberos.e_text',
      ours: (e) => k(e, 'e_text'),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'pvno',
      tshark: 'kerberos.pvno',
      ours: (e) =>
        k(e, 'msg_type') === undefined ? undefined : msgTypes(e).map(() => k(e, 'pvno')),
      norm: normValue,
    },
  ],
};
