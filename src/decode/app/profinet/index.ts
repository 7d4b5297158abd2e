/**
 * The PROFINET real-time decoder descriptor: frames of EtherType 0x8892 (DCP, cyclic IO data,
 * RTA alarms, PTCP), one layer-2 stream per (source MAC, destination MAC, VLAN). The parser
 * lives in `profinet.ts`, the code tables in `constants.ts`, the event types in `events.ts`;
 * README.md has the coverage matrix. PN-IO context management over DCE/RPC is the `pnio`
 * decoder.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { PN } from './constants.js';
import { PROFINET_EVENT_KINDS } from './events.js';
import { createProfinetState, parseProfinet, probeProfinet } from './profinet.js';
import type { ProfinetState } from './profinet.js';

/**
 * Every anomaly the PROFINET decoder raises. `rules/anomalies/profinet.yml` has one default
 * Sigma rule per entry.
 */
export const PROFINET_ANOMALIES = {
  'profinet.truncated': {
    description:
      'A PROFINET RT frame shorter than its FrameID, DCP header, DCPDataLength, RTA header or ' +
      'cyclic APDU_Status: a cut capture or a malformed frame.',
    severity: 'low',
  },
  'profinet.truncated_frame': {
    description:
      'A PROFINET frame the decoder could not finish (counted by the pipeline); the decoder ' +
      'takes whole frames, so this means an internal framing fault.',
    severity: 'low',
  },
  'profinet.malformed_block': {
    description:
      'A DCP block whose length runs past the DCP data or is too short for its suboption, an ' +
      'undefined ServiceID/ServiceType, or an alarm block that does not fit its VarPartLen.',
    severity: 'medium',
  },
  'profinet.reserved_frame_id': {
    description:
      'A FrameID in a range IEC 61158-6-10 reserves: not PROFINET traffic any device should ' +
      'send; fuzzing, a scanner or a broken stack.',
    severity: 'medium',
  },
  'profinet.dcp_set_name': {
    description:
      'A DCP Set of the NameOfStation: the device takes a new name, which breaks or hijacks ' +
      'the IO controller relation that finds the device by name.',
    severity: 'high',
  },
  'profinet.dcp_set_ip': {
    description:
      'A DCP Set of the IP parameters: the device moves to another address; outside ' +
      'commissioning this is a configuration change that can cut or redirect IO traffic.',
    severity: 'high',
  },
  'profinet.dcp_set_other': {
    description:
      'A DCP Set of DHCP, device initiative or MAC parameters: a configuration change of the ' +
      'device network identity.',
    severity: 'medium',
  },
  'profinet.dcp_factory_reset': {
    description:
      'A DCP Set with Control/Factory Reset or Reset to Factory: the device drops its name, ' +
      'address and parameters, stopping its IO.',
    severity: 'critical',
  },
  'profinet.dcp_signal': {
    description:
      'A DCP Set with Control/Signal (flash the device LED): normally an engineer locating a ' +
      'device; from an unexpected host it shows reconnaissance.',
    severity: 'low',
  },
  'profinet.dcp_block_error': {
    description:
      'A DCP Set response with a non-zero BlockError: the device refused a configuration ' +
      'change (unsupported option, resource error, set not possible in operation).',
    severity: 'low',
  },
  'profinet.dcp_identify_flood': {
    description:
      'Many DCP Identify-All requests from one source (reported every 64th): device discovery ' +
      'across the segment, normal for an engineering tool, suspicious from anything else.',
    severity: 'medium',
  },
  'profinet.ip_conflict': {
    description:
      'A device reports an address conflict in the BlockInfo of its DCP IP block: another ' +
      'station answers on its address (misconfiguration or an impersonating station).',
    severity: 'high',
  },
  'profinet.rt_status_problem': {
    description:
      'Cyclic IO data whose DataStatus shows a station problem, a stopped provider or invalid ' +
      'data (reported once per status change): the process is not being fed valid IO.',
    severity: 'medium',
  },
  'profinet.objects_limit_reached': {
    description:
      'More DCP blocks in a frame than the objects-per-message limit, more cyclic FrameIDs on ' +
      'one stream or more announced IPs than the decoder tracks; the rest is counted, not listed.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a PROFINET anomaly. */
export type ProfinetAnomaly = keyof typeof PROFINET_ANOMALIES;

/**
 * The PROFINET RT decoder.
 *
 * @example
 * const state = profinetDecoder.createState(DEFAULT_LIMITS);
 * profinetDecoder.parse(state, frameFromFrameId, Direction.TO_SERVER, sink);
 */
export const profinetDecoder: AppDecoder<ProfinetState> = {
  id: 'profinet',
  transport: 'ether',
  defaultPorts: [],
  etherTypes: [PN.ETHER_TYPE],
  anomalies: PROFINET_ANOMALIES,
  eventKinds: PROFINET_EVENT_KINDS,
  probe: probeProfinet,
  createState: createProfinetState,
  parse: parseProfinet,
};
