/**
 * PROFINET real-time (EtherType 0x8892) code tables: FrameID ranges, DCP services and block
 * options, cyclic data status bits, RTA alarm PDU types, PTCP frame names.
 *
 * References:
 * - [61158-6-10] IEC 61158-6-10:2014 (PROFINET IO application layer protocol), 4.2 (RT frames,
 *   FrameID table 4.2.2.x, APDU_Status with CycleCounter, DataStatus and TransferStatus),
 *   4.3 (DCP: DCP-UC/MC headers, ServiceID, ServiceType, Option/Suboption blocks, BlockInfo,
 *   BlockQualifier, BlockError), 4.11 (PTCP), 5.2.2 (RTA-PDU for alarms).
 * - PROFINET IO specification V2.3 (PI order 2.712), same clauses.
 * - Wireshark 4.0 plugins/epan/profinet/packet-pn-rt.c, packet-pn-dcp.c, packet-pn-ptcp.c
 *   (names and ranges cross-checked against tshark 4.0.17).
 */

/** Framing constants. */
export const PN = {
  /** EtherType of PROFINET RT ([61158-6-10] 4.2.1). */
  ETHER_TYPE: 0x8892,
  /** DCP header after the FrameID: ServiceID, ServiceType, Xid(4), ResponseDelay(2), DCPDataLength(2). */
  DCP_HEADER: 10,
  /** Cyclic APDU_Status at the end of a cyclic frame: CycleCounter(2), DataStatus, TransferStatus. */
  APDU_STATUS: 4,
  /** CycleCounter unit: 1/32 ms ([61158-6-10] 4.2.2.3, SendClockFactor base 31.25 us). */
  CYCLE_TICK_NS: 31_250,
  /** RTA-PDU header after the FrameID: endpoints(4), PDUType, AddFlags, seq numbers(4), VarPartLen. */
  RTA_HEADER: 12,
  /** PTCP header after the FrameID: 12 bytes padding/delay, SequenceID(2), padding(2), Delay1ns(4). */
  PTCP_HEADER: 20,
} as const;

/** FrameIDs of DCP ([61158-6-10] 4.3.1.2). */
export const FRAME_DCP = {
  HELLO: 0xfefc,
  GET_SET: 0xfefd,
  IDENTIFY_REQ: 0xfefe,
  IDENTIFY_RES: 0xfeff,
} as const;

/** FrameIDs of the RTA alarm channels ([61158-6-10] 4.2.2.4 table). */
export const FRAME_ALARM_HIGH = 0xfc01;
export const FRAME_ALARM_LOW = 0xfe01;

/** What a FrameID range carries; `kind` selects the parser. */
export interface FrameRange {
  readonly from: number;
  readonly to: number;
  readonly kind: 'cyclic' | 'dcp' | 'alarm' | 'ptcp' | 'other' | 'reserved';
  /** Our name of the range, for events. */
  readonly name: string;
}

/**
 * FrameID table ([61158-6-10] 4.2.2.x; the ranges as Wireshark 4.0 dissects them). RT_CLASS_2
 * (0x8000-0xBFFF) is called RT_CLASS_1 in later editions; its frames carry the same APDU_Status.
 */
export const FRAME_RANGES: readonly FrameRange[] = [
  { from: 0x0000, to: 0x001f, kind: 'reserved', name: 'reserved' },
  { from: 0x0020, to: 0x0021, kind: 'ptcp', name: 'ptcp_rt_sync_fu' },
  { from: 0x0022, to: 0x007f, kind: 'reserved', name: 'reserved' },
  { from: 0x0080, to: 0x0081, kind: 'ptcp', name: 'ptcp_rt_sync' },
  { from: 0x0082, to: 0x00ff, kind: 'reserved', name: 'reserved' },
  { from: 0x0100, to: 0x06ff, kind: 'cyclic', name: 'rtc3' },
  { from: 0x0700, to: 0x0fff, kind: 'cyclic', name: 'rtc3_redundant' },
  { from: 0x1000, to: 0x7fff, kind: 'reserved', name: 'reserved' },
  { from: 0x8000, to: 0xbbff, kind: 'cyclic', name: 'rtc2_unicast' },
  { from: 0xbc00, to: 0xbfff, kind: 'cyclic', name: 'rtc2_multicast' },
  { from: 0xc000, to: 0xf7ff, kind: 'cyclic', name: 'rtc1_unicast' },
  { from: 0xf800, to: 0xfbff, kind: 'cyclic', name: 'rtc1_multicast' },
  { from: 0xfc00, to: 0xfc00, kind: 'reserved', name: 'reserved' },
  { from: 0xfc01, to: 0xfc01, kind: 'alarm', name: 'alarm_high' },
  { from: 0xfc02, to: 0xfdff, kind: 'reserved', name: 'reserved' },
  { from: 0xfe00, to: 0xfe00, kind: 'reserved', name: 'reserved' },
  { from: 0xfe01, to: 0xfe01, kind: 'alarm', name: 'alarm_low' },
  { from: 0xfe02, to: 0xfe02, kind: 'other', name: 'rsi' },
  { from: 0xfe03, to: 0xfefb, kind: 'reserved', name: 'reserved' },
  { from: 0xfefc, to: 0xfefc, kind: 'dcp', name: 'dcp_hello' },
  { from: 0xfefd, to: 0xfefd, kind: 'dcp', name: 'dcp_get_set' },
  { from: 0xfefe, to: 0xfefe, kind: 'dcp', name: 'dcp_identify_request' },
  { from: 0xfeff, to: 0xfeff, kind: 'dcp', name: 'dcp_identify_response' },
  { from: 0xff00, to: 0xff01, kind: 'ptcp', name: 'ptcp_announce' },
  { from: 0xff02, to: 0xff1f, kind: 'reserved', name: 'reserved' },
  { from: 0xff20, to: 0xff21, kind: 'ptcp', name: 'ptcp_follow_up' },
  { from: 0xff22, to: 0xff3f, kind: 'reserved', name: 'reserved' },
  { from: 0xff40, to: 0xff40, kind: 'ptcp', name: 'ptcp_delay_req' },
  { from: 0xff41, to: 0xff41, kind: 'ptcp', name: 'ptcp_delay_res' },
  { from: 0xff42, to: 0xff42, kind: 'ptcp', name: 'ptcp_delay_fu_res' },
  { from: 0xff43, to: 0xff43, kind: 'ptcp', name: 'ptcp_delay_res_no_fu' },
  { from: 0xff44, to: 0xff7f, kind: 'reserved', name: 'reserved' },
  { from: 0xff80, to: 0xff8f, kind: 'other', name: 'fragmentation' },
  { from: 0xff90, to: 0xffff, kind: 'reserved', name: 'reserved' },
];

/** The range of `frameId` (the table covers 0x0000-0xFFFF without gaps). */
export function frameRange(frameId: number): FrameRange {
  let lo = 0;
  let hi = FRAME_RANGES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((FRAME_RANGES[mid] as FrameRange).from <= frameId) lo = mid;
    else hi = mid - 1;
  }
  return FRAME_RANGES[lo] as FrameRange;
}

/** DCP ServiceID ([61158-6-10] 4.3.1.3.1). */
export const DCP_SERVICES: ReadonlyMap<number, string> = new Map([
  [3, 'get'],
  [4, 'set'],
  [5, 'identify'],
  [6, 'hello'],
]);
export const DCP_GET = 3;
export const DCP_SET = 4;
export const DCP_IDENTIFY = 5;
export const DCP_HELLO = 6;

/** DCP ServiceType ([61158-6-10] 4.3.1.3.2); all other values reserved. */
export const DCP_SERVICE_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'request'],
  [1, 'response_success'],
  [5, 'response_unsupported'],
]);

/** DCP Option ([61158-6-10] 4.3.1.3.4). 0x80-0xFE are manufacturer specific. */
export const OPT = {
  IP: 1,
  DEVICE: 2,
  DHCP: 3,
  CONTROL: 5,
  DEVICE_INITIATIVE: 6,
  ALL: 0xff,
} as const;

/** Option names. */
export const DCP_OPTIONS: ReadonlyMap<number, string> = new Map([
  [1, 'ip'],
  [2, 'device'],
  [3, 'dhcp'],
  [5, 'control'],
  [6, 'device_initiative'],
  [0xff, 'all'],
]);

/**
 * Suboption names by option << 8 | suboption ([61158-6-10] 4.3.1.3.5 to 4.3.1.3.10).
 * DHCP suboptions are the DHCP option codes of RFC 2132.
 */
export const DCP_SUBOPTIONS: ReadonlyMap<number, string> = new Map([
  [0x0101, 'mac_address'],
  [0x0102, 'ip_parameter'],
  [0x0103, 'full_ip_suite'],
  [0x0201, 'device_vendor'],
  [0x0202, 'name_of_station'],
  [0x0203, 'device_id'],
  [0x0204, 'device_role'],
  [0x0205, 'device_options'],
  [0x0206, 'alias_name'],
  [0x0207, 'device_instance'],
  [0x0208, 'oem_device_id'],
  [0x020a, 'rsi_properties'],
  [0x030c, 'host_name'],
  [0x032b, 'vendor_specific'],
  [0x0336, 'server_identifier'],
  [0x0337, 'parameter_request_list'],
  [0x033c, 'class_identifier'],
  [0x033d, 'client_identifier'],
  [0x0351, 'fqdn'],
  [0x0361, 'uuid_client_identifier'],
  [0x03ff, 'control_dhcp'],
  [0x0501, 'start_transaction'],
  [0x0502, 'end_transaction'],
  [0x0503, 'signal'],
  [0x0504, 'response'],
  [0x0505, 'factory_reset'],
  [0x0506, 'reset_to_factory'],
  [0x0601, 'device_initiative'],
  [0xffff, 'all'],
]);

/** Control suboptions that matter to the analyst ([61158-6-10] 4.3.1.3.9). */
export const CTRL = {
  START: 1,
  END: 2,
  SIGNAL: 3,
  RESPONSE: 4,
  FACTORY_RESET: 5,
  RESET_TO_FACTORY: 6,
} as const;

/** BlockError of a Set response ([61158-6-10] 4.3.1.4.7). */
export const DCP_BLOCK_ERRORS: ReadonlyMap<number, string> = new Map([
  [0, 'ok'],
  [1, 'option_unsupported'],
  [2, 'suboption_unsupported'],
  [3, 'suboption_not_set'],
  [4, 'resource_error'],
  [5, 'set_not_possible_local_reasons'],
  [6, 'set_not_possible_in_operation'],
]);

/** BlockInfo of the IP parameter block ([61158-6-10] 4.3.1.4.13); bit 7 = address conflict. */
export const IP_BLOCK_INFO: ReadonlyMap<number, string> = new Map([
  [0x0000, 'ip_not_set'],
  [0x0001, 'ip_set'],
  [0x0002, 'ip_set_by_dhcp'],
  [0x0080, 'ip_not_set_conflict'],
  [0x0081, 'ip_set_conflict'],
  [0x0082, 'ip_set_by_dhcp_conflict'],
]);
/** BlockInfo bit: the device detected an address conflict. */
export const IP_CONFLICT_BIT = 0x0080;

/** BlockQualifier of Set blocks ([61158-6-10] 4.3.1.4.5). */
export const BLOCK_QUALIFIERS: ReadonlyMap<number, string> = new Map([
  [0, 'temporary'],
  [1, 'permanent'],
]);

/** BlockQualifier of Reset to Factory ([61158-6-10] 4.3.1.4.6), bit 0 = permanent. */
export const RESET_QUALIFIERS: ReadonlyMap<number, string> = new Map([
  [0x0002, 'reset_application_data'],
  [0x0004, 'reset_communication_parameter'],
  [0x0006, 'reset_engineering_parameter'],
  [0x0008, 'reset_all_stored_data'],
  [0x000a, 'reset_engineering_parameter'],
  [0x0010, 'reset_device_to_factory'],
  [0x0012, 'reset_and_restore_data'],
]);

/** SignalValue of Control/Signal ([61158-6-10] 4.3.1.4.9). */
export const SIGNAL_FLASH_ONCE = 0x0100;

/** DeviceRoleDetails bits ([61158-6-10] 4.3.1.4.17). */
export const DEVICE_ROLES: readonly (readonly [number, string])[] = [
  [0x01, 'io_device'],
  [0x02, 'io_controller'],
  [0x04, 'io_multidevice'],
  [0x08, 'io_supervisor'],
];

/** DataStatus bits of the cyclic APDU_Status ([61158-6-10] 4.2.2.3.x). */
export const DS = {
  PRIMARY: 0x01,
  REDUNDANCY: 0x02,
  DATA_VALID: 0x04,
  PROVIDER_RUN: 0x10,
  STATION_OK: 0x20,
  IGNORE: 0x80,
} as const;

/** RTA PDUType.Type ([61158-6-10] 5.2.2.x). */
export const RTA_PDU_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'data'],
  [2, 'nack'],
  [3, 'ack'],
  [4, 'err'],
]);
export const RTA_DATA = 1;
export const RTA_ERR = 4;

/** Block types carried in alarm DATA-RTA-PDUs ([61158-6-10] 5.2.3.1 BlockType). */
export const ALARM_BLOCKS: ReadonlyMap<number, string> = new Map([
  [0x0001, 'AlarmNotificationHigh'],
  [0x0002, 'AlarmNotificationLow'],
  [0x8001, 'AlarmAckHigh'],
  [0x8002, 'AlarmAckLow'],
]);

/** AlarmType ([61158-6-10] 5.2.7.x). */
export const ALARM_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0001, 'diagnosis'],
  [0x0002, 'process'],
  [0x0003, 'pull'],
  [0x0004, 'plug'],
  [0x0005, 'status'],
  [0x0006, 'update'],
  [0x0007, 'redundancy'],
  [0x0008, 'controlled_by_supervisor'],
  [0x0009, 'released'],
  [0x000a, 'plug_wrong_submodule'],
  [0x000b, 'return_of_submodule'],
  [0x000c, 'diagnosis_disappears'],
  [0x000d, 'multicast_communication_mismatch'],
  [0x000e, 'port_data_change'],
  [0x000f, 'sync_data_changed'],
  [0x0010, 'isochronous_mode_problem'],
  [0x0011, 'network_component_problem'],
  [0x0012, 'time_data_changed'],
  [0x0013, 'dynamic_frame_packing_problem'],
  [0x001e, 'upload_and_retrieval'],
  [0x001f, 'pull_module'],
]);

/** Identify-All requests from one source between two `profinet.dcp_identify_flood` reports. */
export const IDENTIFY_FLOOD_EVERY = 64;
/** Cyclic frames of one FrameID between two periodic `profinet.rt_cyclic` summaries. */
export const CYCLIC_SUMMARY_EVERY = 1000;
/** CycleCounter ticks (1/32 ms) between two periodic `profinet.rt_cyclic` summaries: one second. */
export const CYCLIC_SUMMARY_TICKS = 32_000;
/** FrameIDs tracked per layer-2 stream (a stream normally carries one or two). */
export const MAX_CYCLIC_IDS = 64;
