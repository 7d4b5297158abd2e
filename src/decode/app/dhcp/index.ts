/**
 * The DHCPv4 / BOOTP decoder descriptor: UDP 67 (server) and 68 (client), recognised on any
 * port by its probe. The parser lives in `dhcp.ts`, the code tables in `constants.ts`, the event
 * types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { DHCP } from './constants.js';
import { createDhcpState, parseDhcp, probeDhcp } from './dhcp.js';
import type { DhcpState } from './dhcp.js';
import { DHCP_EVENT_KINDS } from './events.js';

/**
 * Every anomaly the DHCP decoder raises. `rules/anomalies/dhcp.yml` has one default Sigma rule
 * per entry.
 */
export const DHCP_ANOMALIES = {
  'dhcp.not_bootp': {
    description:
      'A datagram on a DHCP flow that is not a BOOTP message (bad op, hardware address length ' +
      'or hop count, no magic cookie in a short message): another protocol on UDP 67/68.',
    severity: 'medium',
  },
  'dhcp.truncated_message': {
    description: 'A datagram on a DHCP flow shorter than the 236-byte fixed BOOTP part.',
    severity: 'low',
  },
  'dhcp.malformed_option': {
    description:
      'An option that runs past the end of its field, or whose length is wrong for its type ' +
      '(a 4-byte address, a 1-byte message type...): a crafted message aimed at DHCP parsers.',
    severity: 'medium',
  },
  'dhcp.missing_end': {
    description: 'An options field without the end option (RFC 2131 4.1 requires it).',
    severity: 'low',
  },
  'dhcp.unknown_message_type': {
    description: 'A message type (option 53) that the IANA registry does not assign.',
    severity: 'low',
  },
  'dhcp.multiple_servers': {
    description:
      'Two different server identifiers offered or acknowledged the same transaction on one ' +
      'flow (through the same relay or path): a rogue DHCP server (man-in-the-middle through a ' +
      'forged gateway or DNS server) or an unmanaged second server.',
    severity: 'high',
  },
  'dhcp.options_limit_reached': {
    description:
      'A message with more than 255 options: only the first 255 codes are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a DHCP anomaly. */
export type DhcpAnomaly = keyof typeof DHCP_ANOMALIES;

/**
 * The DHCPv4 / BOOTP decoder.
 *
 * @example
 * const state = dhcpDecoder.createState(DEFAULT_LIMITS);
 * dhcpDecoder.parse(state, udpPayload, Direction.TO_SERVER, sink);
 */
export const dhcpDecoder: AppDecoder<DhcpState> = {
  id: 'dhcp',
  transport: 'udp',
  defaultPorts: [DHCP.SERVER_PORT, DHCP.CLIENT_PORT],
  anomalies: DHCP_ANOMALIES,
  eventKinds: DHCP_EVENT_KINDS,
  probe: probeDhcp,
  createState: createDhcpState,
  parse: parseDhcp,
};
