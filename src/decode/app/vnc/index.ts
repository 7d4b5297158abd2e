/**
 * The VNC decoder descriptor (RFB 3.3, 3.7, 3.8 and the 4.x/5.x/Apple variants that follow
 * 3.8): registered in `decode/registry.ts`, run first over TCP 5900-5906 and recognised on any
 * port by the `RFB xxx.yyy\n` ProtocolVersion. The parser lives in `vnc.ts`, code tables in
 * `constants.ts`, event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { VNC_PORTS } from './constants.js';
import { VNC_EVENT_KINDS } from './events.js';
import { createVncState, onVncGap, parseVnc, probeVnc } from './vnc.js';
import type { VncState } from './vnc.js';

/**
 * Every anomaly the VNC decoder raises. `rules/anomalies/vnc.yml` has one default Sigma rule
 * per entry.
 */
export const VNC_ANOMALIES = {
  'vnc.malformed_handshake': {
    description:
      'A ProtocolVersion that is not `RFB ddd.ddd\\n`, or a reason, desktop name or VeNCrypt ' +
      'Plain length over 64 KiB: on a new flow the traffic is not VNC; on a confirmed one the ' +
      'direction is only counted.',
    severity: 'medium',
  },
  'vnc.no_authentication': {
    description:
      'Security type None (or VeNCrypt None) was chosen: anyone reaching the port gets the ' +
      'desktop, keyboard and mouse of the machine (on an HMI, the process).',
    severity: 'high',
  },
  'vnc.auth_failed': {
    description:
      'SecurityResult failed (wrong password, too many attempts) or a VeNCrypt version or ' +
      'subtype refused: a mistyped password, or password guessing when repeated. The detail ' +
      "has the server's reason.",
    severity: 'low',
  },
  'vnc.connection_refused': {
    description:
      'The server offered no security type and sent a reason instead (3.7+: zero types; 3.3: ' +
      'type 0), typically "Too many security failures" after password guessing.',
    severity: 'low',
  },
  'vnc.cleartext_credentials': {
    description:
      'VeNCrypt Plain without TLS: the user name and password cross the network in clear. ' +
      'The event keeps the user name and only says a password was present.',
    severity: 'high',
  },
  'vnc.unknown_message': {
    description:
      'A client or server message type this decoder does not know (a vendor extension, or a ' +
      'desynchronised stream): the direction is only counted from there.',
    severity: 'low',
  },
  'vnc.objects_limit_reached': {
    description: 'A SetEncodings with more than 64 encodings: only the first 64 are listed.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a VNC anomaly. */
export type VncAnomaly = keyof typeof VNC_ANOMALIES;

/**
 * The VNC decoder.
 *
 * @example
 * const state = vncDecoder.createState(DEFAULT_LIMITS);
 * vncDecoder.parse(state, tcpPayload, Direction.TO_CLIENT, sink);
 */
export const vncDecoder: AppDecoder<VncState> = {
  id: 'vnc',
  transport: 'tcp',
  defaultPorts: VNC_PORTS,
  anomalies: VNC_ANOMALIES,
  eventKinds: VNC_EVENT_KINDS,
  probe: probeVnc,
  createState: createVncState,
  parse: parseVnc,
  onGap: onVncGap,
};
