/**
 * The FTP decoder descriptor (the control connection): registered in `decode/registry.ts`, run
 * first over TCP 21, recognised on any port by a greeting naming FTP or an FTP-only command.
 * The parser lives in `ftp.ts`, code tables in `constants.ts`, event types in `events.ts`;
 * README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { FTP_PORTS } from './constants.js';
import { FTP_EVENT_KINDS } from './events.js';
import { createFtpState, onFtpGap, parseFtp, probeFtp } from './ftp.js';
import type { FtpState } from './ftp.js';

/**
 * Every anomaly the FTP decoder raises. `rules/anomalies/ftp.yml` has one default Sigma rule
 * per entry.
 */
export const FTP_ANOMALIES = {
  'ftp.cleartext_credentials': {
    description:
      'A PASS command sent a password in clear text for a named (not anonymous) user: anyone ' +
      'on the path can read it. The detail names the user, never the password.',
    severity: 'medium',
  },
  'ftp.bounce': {
    description:
      'A PORT or EPRT command names a data address other than the client itself, or a ' +
      'privileged port below 1024: the FTP bounce (CERT CA-1997-27, RFC 2577 3), the server ' +
      'used as a proxy to scan or reach a third host.',
    severity: 'high',
  },
  'ftp.site_exec': {
    description:
      'A SITE EXEC command: runs a program on the server (wu-ftpd era exploitation, ' +
      'CVE-2000-0573 style format strings); legitimate uses are rare.',
    severity: 'high',
  },
  'ftp.line_too_long': {
    description:
      'A command or reply line over 1024 bytes without a line end: a buffer overflow ' +
      'attempt against the server (long USER, MKD, CWD) or a stream that is not FTP. The line ' +
      'is skipped to its end.',
    severity: 'medium',
  },
  'ftp.malformed_command': {
    description:
      'A client line that is not `VERB [SP arg]` with a 3 to 5 character alphanumeric verb ' +
      '(RFC 959 5.3): binary bytes, non-ASCII verbs, fuzzing or a protocol tunnelled over ' +
      'port 21. The detail has its first bytes, escaped.',
    severity: 'medium',
  },
  'ftp.unknown_command': {
    description:
      'A command verb that no FTP RFC nor common extension defines: scanners, custom ' +
      'clients, backdoor commands. The detail has the verb.',
    severity: 'low',
  },
  'ftp.malformed_reply': {
    description:
      'A server line outside a multi-line reply that does not start with a three-digit code ' +
      'and SP or `-` (RFC 959 4.2). The detail has its first bytes, escaped.',
    severity: 'low',
  },
  'ftp.malformed_data_address': {
    description:
      'A PORT/EPRT argument or a 227/229 reply whose address cannot be read (RFC 959 4.1.2, ' +
      'RFC 2428): broken clients or servers, or probing.',
    severity: 'low',
  },
  'ftp.too_many_pending': {
    description:
      'More than 32 commands wait for a reply: the oldest is forgotten (pipelining flood or ' +
      'a lost server direction).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an FTP anomaly. */
export type FtpAnomaly = keyof typeof FTP_ANOMALIES;

/**
 * The FTP decoder.
 *
 * @example
 * const state = ftpDecoder.createState(DEFAULT_LIMITS);
 * ftpDecoder.parse(state, tcpPayload, Direction.TO_CLIENT, sink); // "220 ... FTP ready\r\n"
 */
export const ftpDecoder: AppDecoder<FtpState> = {
  id: 'ftp',
  transport: 'tcp',
  defaultPorts: FTP_PORTS,
  anomalies: FTP_ANOMALIES,
  eventKinds: FTP_EVENT_KINDS,
  probe: probeFtp,
  createState: createFtpState,
  parse: parseFtp,
  onGap: onFtpGap,
};
