/**
 * The Kerberos decoder descriptor: Kerberos V5 ([RFC4120]) over UDP and TCP 88 and kpasswd
 * ([RFC3244]) over UDP and TCP 464, recognised on any port by its probe. The framing lives in
 * `kerberos.ts`, the message bodies in `messages.ts` (PA-DATA in `padata.ts`, shared structures
 * in `asn1.ts`), the code tables in `constants.ts`, the event types in `events.ts`; README.md
 * has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { KRB } from './constants.js';
import { KERBEROS_EVENT_KINDS } from './events.js';
import { createKerberosState, kerberosGap, parseKerberos, probeKerberos } from './kerberos.js';
import type { KerberosState } from './kerberos.js';

/**
 * Every anomaly the Kerberos decoder raises. `rules/anomalies/kerberos.yml` has one default
 * Sigma rule per entry.
 */
export const KERBEROS_ANOMALIES = {
  'kerberos.not_kerberos': {
    description:
      'The first message of a flow on a Kerberos or kpasswd port is not a Kerberos message ' +
      '(no [APPLICATION] message tag with pvno 5 and a matching msg-type, no kpasswd header): ' +
      'another protocol on the port; decoding of the flow stops.',
    severity: 'medium',
  },
  'kerberos.malformed': {
    description:
      'A Kerberos message whose DER encoding or structure is broken (truncated or overlong ' +
      'element, unexpected tag, msg-type differing from the message tag, bytes after the ' +
      'message): crafted traffic or a fuzzer against the KDC; the event carries what was read.',
    severity: 'medium',
  },
  'kerberos.invalid_record_mark': {
    description:
      'A TCP record mark with the reserved high bit set (RFC 4120 7.2.2): no implementation ' +
      'sends it; the stream cannot be framed any more in that direction.',
    severity: 'medium',
  },
  'kerberos.oversize': {
    description:
      'A TCP record longer than the largest PDU accepted (64 KiB by default): skipped unread. ' +
      'Real tickets with large PACs stay well below; oversized records aim at KDC parsers.',
    severity: 'medium',
  },
  'kerberos.bad_pvno': {
    description: 'A message or ticket whose protocol version (pvno, tkt-vno) is not 5.',
    severity: 'low',
  },
  'kerberos.limit_reached': {
    description:
      'A principal name with more than 16 components, a name or realm over 256 characters, or ' +
      'more than 32 encryption types, PA-DATA or ETYPE-INFO entries: only the first are ' +
      'listed in the event.',
    severity: 'low',
  },
  'kerberos.weak_etype_requested': {
    description:
      'A request that offers only weak encryption types (DES, 3DES or RC4; RFC 6649, RFC 8429): ' +
      'a downgrade so the ticket or reply can be cracked offline (Kerberoasting with RC4, ' +
      'overpass-the-hash with an NT hash).',
    severity: 'medium',
  },
  'kerberos.weak_etype_used': {
    description:
      'A ticket, reply, authenticator or pre-authentication timestamp encrypted with DES, 3DES ' +
      'or RC4, or a KDC that offers only such keys in its ETYPE-INFO2 hints: offline-crackable ' +
      'material (Kerberoasting, AS-REP roasting), or a Skeleton Key backdoor that forces RC4 on ' +
      'a domain controller.',
    severity: 'medium',
  },
  'kerberos.asrep_without_preauth': {
    description:
      'An AS-REP answering an AS-REQ that carried no pre-authentication: the account does not ' +
      'require it, so anyone can ask for its AS-REP and crack the reply offline (AS-REP ' +
      'roasting).',
    severity: 'high',
  },
  'kerberos.pac_excluded': {
    description:
      'A request with PA-PAC-REQUEST include-pac FALSE: a ticket without PAC, which forged-PAC ' +
      'exploits (MS14-068, PyKEK) and some ticket-forging tools request.',
    severity: 'low',
  },
  'kerberos.cleartext_credentials': {
    description:
      'A KRB-CRED whose enc-part uses encryption type 0 (none): the forwarded tickets travel ' +
      'with their session keys in clear, usable by anyone on the path (pass-the-ticket).',
    severity: 'high',
  },
} as const satisfies AnomalyCatalog;

/** Name of a Kerberos anomaly. */
export type KerberosAnomaly = keyof typeof KERBEROS_ANOMALIES;

/**
 * The Kerberos decoder (also kpasswd). A TCP flow carries record-marked messages, a UDP flow
 * one message per datagram; the pipeline tells `createState` which.
 *
 * @example
 * const state = kerberosDecoder.createState(DEFAULT_LIMITS, 'udp');
 * kerberosDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const kerberosDecoder: AppDecoder<KerberosState> = {
  id: 'kerberos',
  transport: 'tcp',
  defaultPorts: [KRB.PORT, KRB.KPASSWD_PORT],
  udpPorts: [KRB.PORT, KRB.KPASSWD_PORT],
  anomalies: KERBEROS_ANOMALIES,
  eventKinds: KERBEROS_EVENT_KINDS,
  probe: probeKerberos,
  createState: createKerberosState,
  parse: parseKerberos,
  onGap: kerberosGap,
};
