/**
 * The Telnet decoder descriptor: registered in `decode/registry.ts`, run first over TCP 23 and
 * 2323, recognised on any port by an opening IAC negotiation. The parser lives in `telnet.ts`,
 * code tables in `constants.ts`, event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { TELNET_PORTS } from './constants.js';
import { TELNET_EVENT_KINDS } from './events.js';
import { createTelnetState, onTelnetGap, parseTelnet, probeTelnet } from './telnet.js';
import type { TelnetState } from './telnet.js';

/**
 * Every anomaly the Telnet decoder raises. `rules/anomalies/telnet.yml` has one default Sigma
 * rule per entry.
 */
export const TELNET_ANOMALIES = {
  'telnet.cleartext_credentials': {
    description:
      'A password typed at a Telnet password prompt crossed the network in clear text: anyone ' +
      'on the path can read it. The detail names the user, never the password.',
    severity: 'medium',
  },
  'telnet.malformed_command': {
    description:
      'IAC followed by a byte that is no Telnet command (below 236, RFC 854): a broken ' +
      'implementation, binary data not escaped, or fuzzing of the Telnet server.',
    severity: 'low',
  },
  'telnet.malformed_subnegotiation': {
    description:
      'A subnegotiation with an IAC not followed by SE or IAC inside it (RFC 855), or a NAWS ' +
      'that is not 4 bytes (RFC 1073): broken or hostile option handling (Telnet option ' +
      'parsing has a long CVE history, e.g. CVE-2011-4862, CVE-2020-10188).',
    severity: 'medium',
  },
  'telnet.subnegotiation_too_long': {
    description:
      'A subnegotiation over 512 bytes (terminal types, environment variables and window ' +
      'sizes are a few bytes): an overflow attempt against the option parser ' +
      '(CVE-2011-4862 ENCRYPT, CVE-2020-10188 netkit-telnetd); only the first 512 bytes are read.',
    severity: 'high',
  },
  'telnet.too_many_commands': {
    description:
      'More than 256 command lines in one Telnet session: the rest are not reported one by ' +
      'one (a script driving the session, or a paste).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a Telnet anomaly. */
export type TelnetAnomaly = keyof typeof TELNET_ANOMALIES;

/**
 * The Telnet decoder.
 *
 * @example
 * const state = telnetDecoder.createState(DEFAULT_LIMITS);
 * telnetDecoder.parse(state, tcpPayload, Direction.TO_CLIENT, sink); // ff fd 18 ... "login: "
 */
export const telnetDecoder: AppDecoder<TelnetState> = {
  id: 'telnet',
  transport: 'tcp',
  defaultPorts: TELNET_PORTS,
  anomalies: TELNET_ANOMALIES,
  eventKinds: TELNET_EVENT_KINDS,
  probe: probeTelnet,
  createState: createTelnetState,
  parse: parseTelnet,
  onGap: onTelnetGap,
};
