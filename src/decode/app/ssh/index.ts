/**
 * The SSH decoder descriptor (SSH-2, and SSH-1 identified by its banner): registered in
 * `decode/registry.ts`, run first over TCP 22 and 2222, recognised on any port by an `SSH-`
 * identification line. The parser lives in `ssh.ts`, code tables in `constants.ts`, event types
 * in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { SSH_PORTS } from './constants.js';
import { SSH_EVENT_KINDS } from './events.js';
import { createSshState, onSshGap, parseSsh, probeSsh } from './ssh.js';
import type { SshState } from './ssh.js';

/**
 * Every anomaly the SSH decoder raises. `rules/anomalies/ssh.yml` has one default Sigma rule
 * per entry.
 */
export const SSH_ANOMALIES = {
  'ssh.v1_protocol': {
    description:
      'An identification line announcing SSH protocol 1.x (not 1.99): SSH-1 has known ' +
      'session-hijack and CRC-32 compensation attacks and has no place on a network today.',
    severity: 'medium',
  },
  'ssh.nonstandard_banner': {
    description:
      'An identification line that does not follow RFC 4253 4.2 (no software version, ' +
      'characters outside printable US-ASCII, no CR LF, over 255 bytes): custom or scripted ' +
      'clients and servers, implants, scanners. The detail has its first 64 characters.',
    severity: 'low',
  },
  'ssh.not_ssh_client': {
    description:
      'The client answered the server identification with something that is not an SSH ' +
      'identification line: a port scanner or a banner grabber.',
    severity: 'low',
  },
  'ssh.malformed_packet': {
    description:
      'A cleartext binary packet with a length beyond 35000 or shorter than its padding, or a ' +
      'KEXINIT whose name-lists overrun it: the direction is not decoded further.',
    severity: 'medium',
  },
  'ssh.weak_algorithm_offered': {
    description:
      'A KEXINIT offers diffie-hellman-group1-sha1, ssh-dss, arcfour, CBC ciphers, hmac-md5 or ' +
      'none (RFC 9142, RFC 8758): an old or misconfigured implementation.',
    severity: 'low',
  },
  'ssh.weak_algorithm_negotiated': {
    description:
      'The key exchange settles on a weak algorithm (group1 SHA-1 key exchange, DSA host key, ' +
      'RC4, CBC, MD5 MAC or none): the session is weaker than it should be.',
    severity: 'medium',
  },
  'ssh.objects_limit_reached': {
    description: 'A KEXINIT name-list longer than 64 names: only the first ones are listed.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an SSH anomaly. */
export type SshAnomaly = keyof typeof SSH_ANOMALIES;

/**
 * The SSH decoder.
 *
 * @example
 * const state = sshDecoder.createState(DEFAULT_LIMITS);
 * sshDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const sshDecoder: AppDecoder<SshState> = {
  id: 'ssh',
  transport: 'tcp',
  defaultPorts: SSH_PORTS,
  anomalies: SSH_ANOMALIES,
  eventKinds: SSH_EVENT_KINDS,
  probe: probeSsh,
  createState: createSshState,
  parse: parseSsh,
  onGap: onSshGap,
};
