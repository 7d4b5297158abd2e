/**
 * The LDAP decoder descriptor: LDAPv3 over TCP 389 and 3268 (Active Directory Global Catalog),
 * and connection-less LDAP over UDP 389 (the Active Directory "LDAP ping" that locates domain
 * controllers), recognised on any port by its probe. LDAPS (636) is TLS and belongs to the TLS
 * decoder. The parser lives in `ldap.ts`, the code tables in `constants.ts`, the event types in
 * `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { LDAP } from './constants.js';
import { LDAP_EVENT_KINDS } from './events.js';
import { createLdapState, onLdapGap, parseLdap, probeLdap } from './ldap.js';
import type { LdapState } from './ldap.js';

/**
 * Every anomaly the LDAP decoder raises. `rules/anomalies/ldap.yml` has one default Sigma rule
 * per entry.
 */
export const LDAP_ANOMALIES = {
  'ldap.not_ldap': {
    description:
      'The first PDU of a flow on an LDAP port is neither a well-formed LDAPMessage nor a SASL ' +
      'buffer: another protocol on the port (a tunnel, a scanner); decoding of the flow stops.',
    severity: 'medium',
  },
  'ldap.malformed_message': {
    description:
      'An LDAPMessage whose BER encoding is broken (bad tag, length past its container, ' +
      'indefinite length, missing or extra elements) on an LDAP flow: a fuzzer, a crafted ' +
      'exploit against the directory server, or a corrupted stream.',
    severity: 'medium',
  },
  'ldap.unknown_operation': {
    description:
      'A protocolOp whose [APPLICATION n] tag RFC 4511 does not define: a crafted message or a ' +
      'non-standard client.',
    severity: 'medium',
  },
  'ldap.invalid_message_id': {
    description:
      'A request with messageID 0 (reserved for unsolicited notifications) or a messageID ' +
      'outside 0..2^31-1 (RFC 4511 4.1.1.1).',
    severity: 'low',
  },
  'ldap.oversized_message': {
    description:
      'An LDAPMessage or SASL buffer larger than the decoder buffers (maxPduBytes): its bytes ' +
      'are skipped; large attribute values, or an attempt to exhaust server memory.',
    severity: 'low',
  },
  'ldap.cleartext_password': {
    description:
      'A password sent in clear: a simple bind with a password, a SASL PLAIN or LOGIN bind, ' +
      'or a Password Modify extended operation, over LDAP without TLS (the event masks it).',
    severity: 'medium',
  },
  'ldap.anonymous_bind': {
    description:
      'An anonymous simple bind (no DN, no password): directory enumeration without an ' +
      'account, the first step of reconnaissance tools.',
    severity: 'low',
  },
  'ldap.unauthenticated_bind': {
    description:
      'A simple bind with a DN and an empty password (RFC 4513 5.1.2): servers treat it as ' +
      'anonymous, and applications that take its success as a login are bypassed.',
    severity: 'medium',
  },
  'ldap.bind_failed': {
    description:
      'A bind refused with invalidCredentials: a wrong password; many of them mean password ' +
      'guessing or spraying against the directory.',
    severity: 'low',
  },
  'ldap.filter_too_deep': {
    description:
      `A search filter nested deeper than ${LDAP.MAX_FILTER_DEPTH} levels: the filter is cut; ` +
      'crafted filters exhaust server stacks (denial of service).',
    severity: 'medium',
  },
  'ldap.filter_too_long': {
    description:
      `A search filter longer than ${LDAP.MAX_FILTER_CHARS} characters once rendered: the ` +
      'event carries its beginning; huge filters are used for denial of service or injection.',
    severity: 'low',
  },
  'ldap.objects_limit_reached': {
    description:
      `More than ${LDAP.MAX_LISTED} attributes or modifications in one message: only the ` +
      'first ones are listed in the event, the count covers all.',
    severity: 'low',
  },
  'ldap.too_many_pending': {
    description:
      'More requests awaiting a response than the pending-request limit: the oldest is ' +
      'forgotten (its response is not paired); a flood of requests.',
    severity: 'low',
  },
  'ldap.malformed_sasl_buffer': {
    description:
      'A SASL security layer buffer that opens with no known token (Kerberos Wrap, NTLMSSP ' +
      'signature) on a flow where no SASL bind succeeded, or a signed buffer without an ' +
      'LDAPMessage in it.',
    severity: 'medium',
  },
} as const satisfies AnomalyCatalog;

/** Name of an LDAP anomaly. */
export type LdapAnomaly = keyof typeof LDAP_ANOMALIES;

/**
 * The LDAP decoder (also CLDAP over UDP). A TCP flow carries a stream of BER messages, a UDP
 * flow one or more messages per datagram; the pipeline tells `createState` which.
 *
 * @example
 * const state = ldapDecoder.createState(DEFAULT_LIMITS, 'tcp');
 * ldapDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const ldapDecoder: AppDecoder<LdapState> = {
  id: 'ldap',
  transport: 'tcp',
  defaultPorts: [LDAP.PORT, LDAP.GC_PORT],
  udpPorts: [LDAP.PORT],
  anomalies: LDAP_ANOMALIES,
  eventKinds: LDAP_EVENT_KINDS,
  probe: probeLdap,
  createState: createLdapState,
  parse: parseLdap,
  onGap: onLdapGap,
};
