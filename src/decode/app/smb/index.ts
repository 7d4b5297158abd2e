/**
 * The SMB decoder descriptor: SMB1 (CIFS) and SMB2/3 over direct TCP (445) and the NetBIOS
 * session service (139), recognised on any port by its probe. Framing lives in `smb.ts`, the
 * SMB1 and SMB2 readers in `smb1.ts` and `smb2.ts`, shared per-flow tables in `state.ts`, code
 * tables in `constants.ts`, the event types in `events.ts`; README.md has the coverage matrix.
 * NTLMSSP and SPNEGO tokens are read by `decode/auth/`.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { DCERPC_ANOMALIES } from '../dcerpc/index.js';
import { SMB_PORTS } from './constants.js';
import { SMB_EVENT_KINDS } from './events.js';
import { createSmbState, onSmbGap, parseSmb, probeSmb } from './smb.js';
import type { SmbState } from './state.js';

/**
 * The anomalies of the DCE/RPC reader that runs over SMB named pipes, under the SMB prefix:
 * `dcerpc.<what>` becomes `smb.dcerpc_<what>` (a decoder declares only its own names).
 */
const SMB_DCERPC_ANOMALIES: AnomalyCatalog = Object.fromEntries(
  Object.entries(DCERPC_ANOMALIES).map(([name, info]) => [
    `smb.${name.replace('.', '_')}`,
    { description: `Over an SMB named pipe: ${info.description}`, severity: info.severity },
  ]),
);

/**
 * Every anomaly the SMB decoder raises, including those of the DCE/RPC reader it runs over
 * named pipes. `rules/anomalies/smb.yml` has one default Sigma rule per entry.
 */
export const SMB_ANOMALIES = {
  ...SMB_DCERPC_ANOMALIES,
  'smb.invalid_framing': {
    description:
      'A NetBIOS session service packet of an unknown type or an oversized control packet ' +
      '(RFC 1002 4.3): on a new flow the traffic is not SMB; on an SMB flow the decoder ' +
      'resynchronises on the next message header.',
    severity: 'medium',
  },
  'smb.invalid_header': {
    description:
      'A session message that does not start with an SMB protocol id (0xFF/0xFE/0xFD/0xFC ' +
      "'SMB'), or an SMB2 header whose StructureSize is not 64.",
    severity: 'medium',
  },
  'smb.malformed_message': {
    description:
      'An SMB message whose words, byte count, offsets, NextCommand, AndX offset or negotiate ' +
      'contexts run outside it: a broken implementation, fuzzing, or an exploit attempt.',
    severity: 'medium',
  },
  'smb.unknown_command': {
    description: 'An SMB1 or SMB2 command code that the specifications do not define.',
    severity: 'low',
  },
  'smb.unexpected_direction': {
    description:
      'A response sent by the client or a request by the server (the reply flag does not ' +
      'match the direction), or a session request from the server.',
    severity: 'low',
  },
  'smb.oversized_message': {
    description:
      'A message larger than the decoder buffers (maxPduBytes, usually a large READ or WRITE): ' +
      'it is decoded from its first 2 KiB and the rest is skipped.',
    severity: 'low',
  },
  'smb.too_many_pending': {
    description:
      'More outstanding requests than the pairing table holds (maxPendingTransactions): the ' +
      'oldest is forgotten, its response will not be named.',
    severity: 'low',
  },
  'smb.limit_reached': {
    description:
      'More connected trees, open files or compound commands than the per-flow tables hold; ' +
      'the oldest entry is forgotten.',
    severity: 'low',
  },
  'smb.smb1_session': {
    description:
      'SMB1 (CIFS) in use beyond the initial negotiate: deprecated, disabled by default since ' +
      'Windows 10 1709, and the protocol of EternalBlue/WannaCry/NotPetya.',
    severity: 'low',
  },
  'smb.trans2_session_setup': {
    description:
      'An SMB1 Trans2 SESSION_SETUP request: an obsolete subcommand that only the DoublePulsar ' +
      'implant answers; EternalBlue and DoublePulsar scanners send it.',
    severity: 'high',
  },
  'smb.doublepulsar_reply': {
    description:
      'A Trans2 reply whose MID is the Trans2 SESSION_SETUP request MID plus 16: the ' +
      'DoublePulsar implant is installed on the server.',
    severity: 'critical',
  },
  'smb.transaction_mismatch': {
    description:
      'A secondary transaction request that continues a primary of another type (NT_TRANSACT ' +
      'continued by TRANSACTION2_SECONDARY): the EternalBlue type confusion (CVE-2017-0144).',
    severity: 'critical',
  },
  'smb.compression_size_overflow': {
    description:
      'An SMB 3.1.1 compression transform header whose original size plus offset overflows 32 ' +
      'bits or whose offset runs past the message: the SMBGhost exploit (CVE-2020-0796).',
    severity: 'critical',
  },
  'smb.admin_share': {
    description:
      'A tree connect to an administrative share (ADMIN$ or a drive share such as C$): remote ' +
      'administration or lateral movement (PsExec, smbexec, file staging).',
    severity: 'medium',
  },
  'smb.anonymous_session': {
    description:
      'An anonymous (null) session setup: NTLM anonymous authentication or an SMB1 setup ' +
      'without user and password, used for enumeration and by EternalBlue.',
    severity: 'low',
  },
  'smb.ntlmv1': {
    description:
      'NTLMv1 authentication (a 24-byte NT response): crackable offline and relayable; the ' +
      'domain should require NTLMv2.',
    severity: 'medium',
  },
  'smb.cleartext_password': {
    description:
      'An SMB1 session setup carrying a cleartext password (plaintext authentication); the ' +
      'event only says a password was present.',
    severity: 'high',
  },
  'smb.logon_failure': {
    description:
      'A session setup rejected for bad credentials, a locked, disabled or expired account: ' +
      'repeated failures suggest password guessing or spraying.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an SMB anomaly. */
export type SmbAnomaly = keyof typeof SMB_ANOMALIES;

/**
 * The SMB decoder.
 *
 * @example
 * const state = smbDecoder.createState(DEFAULT_LIMITS);
 * smbDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const smbDecoder: AppDecoder<SmbState> = {
  id: 'smb',
  transport: 'tcp',
  defaultPorts: SMB_PORTS,
  anomalies: SMB_ANOMALIES,
  eventKinds: SMB_EVENT_KINDS,
  probe: probeSmb,
  createState: createSmbState,
  parse: parseSmb,
  onGap: onSmbGap,
};
