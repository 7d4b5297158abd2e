/**
 * The TLS decoder descriptor (SSL 2.0 CLIENT-HELLO, SSL 3.0, TLS 1.0-1.3): registered in
 * `decode/registry.ts`, run first over TCP 443 and the TLS ports of a plant (OPC UA 4843, MQTT
 * 8883, Niagara Fox 4911, LDAPS, IMAPS...), and recognised on any port by its record-header
 * probe. The parser lives in `tls.ts`, fingerprints in `fingerprint.ts`, the certificate reader
 * in `x509.ts`, code tables in `constants.ts` and `tables.ts`, event types in `events.ts`;
 * README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { TLS_PORTS } from './constants.js';
import { TLS_EVENT_KINDS } from './events.js';
import { createTlsState, onTlsGap, parseTls, probeTls } from './tls.js';
import type { TlsState } from './tls.js';

/**
 * Every anomaly the TLS decoder raises. `rules/anomalies/tls.yml` has one default Sigma rule
 * per entry.
 */
export const TLS_ANOMALIES = {
  'tls.malformed_record': {
    description:
      'A record header with a content type outside 20-24, a version other than 3.x or a length ' +
      'beyond 2^14 + 2048 (RFC 5246 6.2): on a new flow it is not TLS; later the direction ' +
      'resynchronises on the next plausible record.',
    severity: 'medium',
  },
  'tls.malformed_handshake': {
    description:
      'A handshake message whose fields run past its length (hello lists, extensions, ' +
      'certificate list), an unknown handshake type after the hellos, or a certificate whose ' +
      'DER does not parse.',
    severity: 'medium',
  },
  'tls.handshake_too_large': {
    description:
      'A handshake message longer than the 64 KiB the decoder reassembles: it is skipped.',
    severity: 'low',
  },
  'tls.sslv2_client_hello': {
    description:
      'A ClientHello in the SSL 2.0 record format: an old client or a scanner probing for SSLv2 ' +
      '(RFC 6176 prohibits SSL 2.0).',
    severity: 'medium',
  },
  'tls.weak_version_offered': {
    description:
      'A client whose highest offered version is SSL 2.0, SSL 3.0 (RFC 7568) or TLS 1.0 ' +
      '(RFC 8996 deprecates it).',
    severity: 'low',
  },
  'tls.weak_version_negotiated': {
    description: 'A server selected SSL 3.0 or TLS 1.0 for the session (RFC 7568, RFC 8996).',
    severity: 'medium',
  },
  'tls.weak_cipher_offered': {
    description: 'A ClientHello offers NULL, EXPORT, RC4 (RFC 7465) or anonymous cipher suites.',
    severity: 'low',
  },
  'tls.weak_cipher_negotiated': {
    description:
      'A server selected a NULL, EXPORT, RC4 or anonymous cipher suite: the session is readable ' +
      'or unauthenticated.',
    severity: 'high',
  },
  'tls.self_signed_certificate': {
    description:
      'The server certificate (the leaf) is self-signed (issuer equals subject): common on PLC ' +
      'and HMI web servers, also on attacker infrastructure.',
    severity: 'low',
  },
  'tls.expired_certificate': {
    description: 'A certificate of the chain is expired or not yet valid at the capture time.',
    severity: 'low',
  },
  'tls.missing_sni': {
    description:
      'A ClientHello without server_name to a server that then presents a certificate: a ' +
      'client that connects by IP address (tools, malware, scripted access).',
    severity: 'low',
  },
  'tls.fatal_alert': {
    description:
      'A cleartext fatal alert (handshake_failure, bad_certificate, protocol_version...): a ' +
      'failed negotiation, or a scanner enumerating versions and suites.',
    severity: 'low',
  },
  'tls.heartbleed': {
    description:
      'A heartbeat message whose payload_length exceeds the record (RFC 6520 4): the shape of a ' +
      'CVE-2014-0160 (Heartbleed) memory disclosure attempt.',
    severity: 'high',
  },
  'tls.objects_limit_reached': {
    description:
      'More cipher suites, extensions or certificates than the decoder lists: only the first ' +
      'ones are in the event, the counts are complete.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a TLS anomaly. */
export type TlsAnomaly = keyof typeof TLS_ANOMALIES;

/**
 * The TLS decoder.
 *
 * @example
 * const state = tlsDecoder.createState(DEFAULT_LIMITS);
 * tlsDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const tlsDecoder: AppDecoder<TlsState> = {
  id: 'tls',
  transport: 'tcp',
  defaultPorts: TLS_PORTS,
  anomalies: TLS_ANOMALIES,
  eventKinds: TLS_EVENT_KINDS,
  probe: probeTls,
  createState: createTlsState,
  parse: parseTls,
  onGap: onTlsGap,
};
