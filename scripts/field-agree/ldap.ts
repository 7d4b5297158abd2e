/**
 * LDAP deeper fields against Wireshark's `ldap` and `cldap` dissectors (4.0,
 * asn1/ldap/packet-ldap-template.c and ldap.cnf).
 *
 * Where the two put a value differently, the spec compares like with like:
 * - `ldap.filter` is the CHOICE number of the top-level filter (0 and, 1 or, 2 not, 3 equality,
 *   4 substrings, 5 >=, 6 <=, 7 present, 8 approx, 9 extensible); Wireshark's filter text is a
 *   tree label, not a field. Ours is the RFC 4515 text: its CHOICE is read back from it (values
 *   escape `*`, `(` and `)`, so the text says which item it is). The text itself is compared by
 *   test/golden/ldap/tshark-agreement.test.ts.
 * - Messages read from inside a signed SASL buffer (`sasl_layer`) are left out: Wireshark 4.0
 *   unwraps a buffer only when it saw the GSS-SPNEGO or GSSAPI bind of the flow, and the shared
 *   capture starts after it (its buffers are compared by length; the messages inside by the test
 *   above, on the capture with the bind put back).
 * - Wireshark decodes the Netlogon value of an LDAP ping only when the attribute type is spelled
 *   `netlogon` (ours: in any case, as RFC 4512 2.5 wants).
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

/** Our message events in clear (not unwrapped from a SASL buffer). */
const clear = (e: EventLine): boolean =>
  e.kind !== 'ldap.sasl_buffer' && at(e, 'ldap.sasl_layer') === undefined;

const field = (e: EventLine, k: string): unknown => (clear(e) ? at(e, `ldap.${k}`) : undefined);

/** The Filter CHOICE of RFC 4515 text (the first item). */
export function filterChoice(text: string): number | undefined {
  if (!text.startsWith('(') || text.length < 3) return undefined;
  const c = text[1];
  if (c === '&') return 0;
  if (c === '|') return 1;
  if (c === '!') return 2;
  const eq = text.indexOf('=');
  if (eq < 0) return undefined;
  const before = text[eq - 1];
  if (before === '~') return 8;
  if (before === '>') return 5;
  if (before === '<') return 6;
  if (before === ':') return 9;
  const close = text.indexOf(')', eq);
  const value = text.slice(eq + 1, close < 0 ? undefined : close);
  if (value === '*') return 7;
  return value.includes('*') ? 4 : 3;
}

export const ldapSpec: ProtoSpec = {
  proto: 'ldap',
  filter: 'ldap || cldap',
  sharedCaptures: [
    'it-attacks/pcap-attack/CredAccess/DCShadow_add_primarygroupid_512_to_std_account.pcapng',
  ],
  pinnedBy: 'test/golden/ldap/tshark-agreement.test.ts',
  fields: [
    { name: 'protocolOp', tshark: 'ldap.protocolOp', ours: (e) => field(e, 'protocol_op') },
    { name: 'messageID', tshark: 'ldap.messageID', ours: (e) => field(e, 'message_id') },
    { name: 'bind name', tshark: 'ldap.name', ours: (e) => field(e, 'name') },
    { name: 'SASL mechanism', tshark: 'ldap.mechanism', ours: (e) => field(e, 'mechanism') },
    { name: 'search base', tshark: 'ldap.baseObject', ours: (e) => field(e, 'base_object') },
    {
      name: 'search filter (top CHOICE)',
      tshark: 'ldap.filter',
      ours: (e) => {
        const f = field(e, 'filter');
        return typeof f === 'string' ? filterChoice(f) : undefined;
      },
    },
    {
      name: 'resultCode',
      tshark: 'ldap.resultCode',
      ours: (e) => field(e, 'result_code'),
    },
    {
      name: 'entry objectName',
      tshark: 'ldap.objectName',
      ours: (e) => (e.kind === 'ldap.search_result_entry' ? field(e, 'object_name') : undefined),
    },
    {
      name: 'SASL buffer length',
      tshark: 'ldap.sasl_buffer_length',
      ours: (e) => (e.kind === 'ldap.sasl_buffer' ? at(e, 'ldap.sasl_length') : undefined),
    },
    {
      name: 'LDAP ping DC host',
      tshark: 'mscldap.hostname',
      ours: (e) => field(e, 'netlogon.dns_host'),
    },
    {
      name: 'LDAP ping domain',
      tshark: 'mscldap.domain',
      ours: (e) => field(e, 'netlogon.dns_domain'),
    },
  ],
};
