/**
 * The NTP decoder descriptor: UDP 123, recognised on any port by its probe. The parser lives in
 * `ntp.ts`, the code tables in `constants.ts`, the event types in `events.ts`; README.md has the
 * coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { NTP } from './constants.js';
import { NTP_EVENT_KINDS } from './events.js';
import { createNtpState, parseNtp, probeNtp } from './ntp.js';
import type { NtpState } from './ntp.js';

/**
 * Every anomaly the NTP decoder raises. `rules/anomalies/ntp.yml` has one default Sigma rule
 * per entry.
 */
export const NTP_ANOMALIES = {
  'ntp.not_ntp': {
    description:
      'A datagram on an NTP flow that is not NTP (version 0 or above 4, mode 0, impossible ' +
      'stratum, poll or precision): another protocol on UDP 123.',
    severity: 'medium',
  },
  'ntp.truncated_message': {
    description: 'An NTP datagram shorter than the header of its mode.',
    severity: 'low',
  },
  'ntp.control_request': {
    description:
      'A mode 6 control request (ntpq: read variables, read MRU list, configure...): ' +
      'reconnaissance of the time server, or the amplification vector of mode 6 reflection.',
    severity: 'medium',
  },
  'ntp.private_request': {
    description:
      'A mode 7 private request (ntpdc) other than monlist: server reconnaissance or ' +
      'configuration over the network.',
    severity: 'medium',
  },
  'ntp.monlist_request': {
    description:
      'A mode 7 MON_GETLIST request (ntpdc monlist): the NTP amplification attack ' +
      '(CVE-2013-5211) or a scan for amplifiers.',
    severity: 'high',
  },
  'ntp.kiss_of_death': {
    description:
      "A reply with stratum 0: a kiss-o'-death (RATE, DENY, RSTR...) telling the client to " +
      'back off or stop; also forged to knock clients off their time source.',
    severity: 'medium',
  },
  'ntp.unsynchronized_server': {
    description:
      'A reply with stratum 16: the server is not synchronised, so clients relying on it drift ' +
      '(time-based protection and logs in OT networks depend on it).',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an NTP anomaly. */
export type NtpAnomaly = keyof typeof NTP_ANOMALIES;

/**
 * The NTP decoder.
 *
 * @example
 * const state = ntpDecoder.createState(DEFAULT_LIMITS);
 * ntpDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const ntpDecoder: AppDecoder<NtpState> = {
  id: 'ntp',
  transport: 'udp',
  defaultPorts: [NTP.PORT],
  anomalies: NTP_ANOMALIES,
  eventKinds: NTP_EVENT_KINDS,
  probe: probeNtp,
  createState: createNtpState,
  parse: parseNtp,
};
