/**
 * Beckhoff ADS/AMS code tables.
 *
 * References:
 * - [ADS] Beckhoff Information System, "TwinCAT ADS" (TC3 ADS specification, document
 *   tc3_ads_intro): AMS/TCP header (2 reserved bytes, 4-byte length), AMS header (target and
 *   source AMS NetId and port, command id, state flags, data length, error code, invoke id),
 *   ADS commands 0x0001-0x0009 with their request and response layouts, ADS states
 *   (ADSSTATE_*), ADS return codes ("ADS Return Codes": global 0x0000-0x001C, router
 *   0x0500-0x050A, general ADS 0x0700-0x0736, RTime 0x1000-0x101A).
 * - [TCADSDEF] TcAdsDef.h / Beckhoff/ADS AdsDef.h (MIT): reserved index groups ADSIGRP_*
 *   (symbol table 0xF000-0xF010, I/O images 0xF020-0xF031, sum commands 0xF080-0xF086,
 *   device data 0xF100).
 * - Wireshark 4.0 epan/dissectors/packet-ams.c: field names (`ams.cmdid`, `ams.stateflags`,
 *   `ams.invokeid`, `ams.ads_indexgroup`) used by scripts/field-agree/ads.ts.
 * - [ROUTE] The UDP 48899 router service (TwinCAT "AddRoute" and broadcast search): 0x71146603
 *   magic (bytes 03 66 14 71), 4 reserved bytes, service id (bit 31: response), sender AMS
 *   NetId and port, tag count and (tag id, length, value) triples. Beckhoff does not publish it;
 *   the layout and tag ids are the ones open clients (pyads `add_route_to_plc`, Beckhoff/ADS
 *   `AddRemoteRoute`) write, checked byte by byte against the shared captures.
 */

/** Framing constants. */
export const ADS = {
  /** AMS/TCP port ([ADS] "AMS/TCP"). */
  TCP_PORT: 48898,
  /** AMS over UDP and the router service ([ADS], [ROUTE]). */
  UDP_PORT: 48899,
  /** AMS/TCP header: 2 reserved bytes and a 4-byte little-endian length. */
  TCP_HEADER: 6,
  /** AMS header: NetIds, ports, command id, flags, length, error code, invoke id. */
  AMS_HEADER: 32,
  /** The router service magic as the first four bytes of a UDP 48899 datagram. */
  ROUTE_MAGIC: [0x03, 0x66, 0x14, 0x71] as const,
  /** Router service header: magic, reserved, service id, NetId, port, tag count. */
  ROUTE_HEADER: 24,
} as const;

/** AMS/TCP header "reserved" values other than 0 (AMS command): router control frames. */
export const TCP_COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x0000, 'ams_cmd'],
  [0x0001, 'port_close'],
  [0x1000, 'port_connect'],
  [0x1001, 'router_notification'],
  [0x1002, 'get_local_netid'],
]);

/** ADS command ids ([ADS] "ADS Commands"). */
export const COMMANDS: readonly string[] = [
  'Invalid',
  'ReadDeviceInfo',
  'Read',
  'Write',
  'ReadState',
  'WriteControl',
  'AddDeviceNotification',
  'DeleteDeviceNotification',
  'DeviceNotification',
  'ReadWrite',
];

/** Command ids by name. */
export const CMD = {
  READ_DEVICE_INFO: 1,
  READ: 2,
  WRITE: 3,
  READ_STATE: 4,
  WRITE_CONTROL: 5,
  ADD_NOTIFICATION: 6,
  DEL_NOTIFICATION: 7,
  NOTIFICATION: 8,
  READ_WRITE: 9,
} as const;

/** AMS state flags ([ADS] "AMS Header", Wireshark `ams.state_*`). */
export const FLAGS = {
  RESPONSE: 0x0001,
  NO_RETURN: 0x0002,
  ADS_COMMAND: 0x0004,
  SYSTEM_COMMAND: 0x0008,
  HIGH_PRIORITY: 0x0010,
  TIMESTAMP_ADDED: 0x0020,
  UDP: 0x0040,
  INIT_COMMAND: 0x0080,
  BROADCAST: 0x8000,
} as const;

/** Flag bits no AMS implementation sets. */
export const FLAGS_UNDEFINED = 0x7f00;

/** ADS states ADSSTATE_* ([ADS] "ADSSTATE"). */
export const ADS_STATES: readonly string[] = [
  'INVALID',
  'IDLE',
  'RESET',
  'INIT',
  'START',
  'RUN',
  'STOP',
  'SAVECFG',
  'LOADCFG',
  'POWERFAILURE',
  'POWERGOOD',
  'ERROR',
  'SHUTDOWN',
  'SUSPEND',
  'RESUME',
  'CONFIG',
  'RECONFIG',
  'STOPPING',
  'INCOMPATIBLE',
  'EXCEPTION',
];

/**
 * ADS states whose request by WriteControl stops, resets or reconfigures the runtime: the
 * attack-relevant ones (a WriteControl to RUN restarts; every state change is flagged, these
 * are named in the detail).
 */
export const DISRUPTIVE_STATES: ReadonlySet<number> = new Set([2, 3, 6, 12, 15, 16, 17]);

/** Reserved index groups ADSIGRP_* ([TCADSDEF]). */
export const INDEX_GROUPS: ReadonlyMap<number, string> = new Map([
  [0x4020, 'plc_memory'],
  [0x4021, 'plc_memory_bit'],
  [0x4025, 'plc_memory_size'],
  [0x4030, 'plc_retain'],
  [0x4031, 'plc_retain_bit'],
  [0x4035, 'plc_retain_size'],
  [0x4040, 'plc_data'],
  [0x4041, 'plc_data_bit'],
  [0x4045, 'plc_data_size'],
  [0xf000, 'symtab'],
  [0xf001, 'symname'],
  [0xf002, 'symval'],
  [0xf003, 'sym_handle_by_name'],
  [0xf004, 'sym_value_by_name'],
  [0xf005, 'sym_value_by_handle'],
  [0xf006, 'sym_release_handle'],
  [0xf007, 'sym_info_by_name'],
  [0xf008, 'sym_version'],
  [0xf009, 'sym_info_by_name_ex'],
  [0xf00a, 'sym_download'],
  [0xf00b, 'sym_upload'],
  [0xf00c, 'sym_upload_info'],
  [0xf00d, 'sym_download2'],
  [0xf00e, 'sym_dt_upload'],
  [0xf00f, 'sym_upload_info2'],
  [0xf010, 'sym_notify'],
  [0xf020, 'io_image_input'],
  [0xf021, 'io_image_input_bit'],
  [0xf025, 'io_image_input_size'],
  [0xf030, 'io_image_output'],
  [0xf031, 'io_image_output_bit'],
  [0xf035, 'io_image_output_size'],
  [0xf040, 'io_image_clear_inputs'],
  [0xf050, 'io_image_clear_outputs'],
  [0xf060, 'io_image_read_write'],
  [0xf080, 'sum_read'],
  [0xf081, 'sum_write'],
  [0xf082, 'sum_read_write'],
  [0xf083, 'sum_read_ex'],
  [0xf084, 'sum_read_ex2'],
  [0xf085, 'sum_add_notification'],
  [0xf086, 'sum_delete_notification'],
  [0xf100, 'device_data'],
]);

/** Index groups whose ReadWrite write data is a symbol name ([TCADSDEF]). */
export const BY_NAME_GROUPS: ReadonlySet<number> = new Set([0xf003, 0xf004, 0xf007, 0xf009]);

/** Index groups that upload the symbol table or its data types: reconnaissance of the PLC. */
export const SYMBOL_UPLOAD_GROUPS: ReadonlySet<number> = new Set([0xf00b, 0xf00c, 0xf00e, 0xf00f]);

/** Sum command index groups and the size of one sub-request header in the write data. */
export const SUM_ENTRY_BYTES: ReadonlyMap<number, number> = new Map([
  [0xf080, 12],
  [0xf081, 12],
  [0xf082, 16],
  [0xf083, 12],
  [0xf084, 12],
  [0xf085, 40],
  [0xf086, 4],
]);

/** Sum commands that write (sum write, sum read/write). */
export const SUM_WRITE_GROUPS: ReadonlySet<number> = new Set([0xf081, 0xf082]);

/** ADS return codes ([ADS] "ADS Return Codes"). */
export const ERRORS: ReadonlyMap<number, string> = new Map([
  [0x0000, 'no_error'],
  [0x0001, 'internal_error'],
  [0x0002, 'no_realtime'],
  [0x0003, 'allocation_locked_memory_error'],
  [0x0004, 'mailbox_full'],
  [0x0005, 'wrong_receive_hmsg'],
  [0x0006, 'target_port_not_found'],
  [0x0007, 'target_machine_not_found'],
  [0x0008, 'unknown_command_id'],
  [0x0009, 'invalid_task_id'],
  [0x000a, 'no_io'],
  [0x000b, 'unknown_ams_command'],
  [0x000c, 'win32_error'],
  [0x000d, 'port_not_connected'],
  [0x000e, 'invalid_ams_length'],
  [0x000f, 'invalid_ams_netid'],
  [0x0010, 'installation_level_too_low'],
  [0x0011, 'no_debugging_available'],
  [0x0012, 'port_disabled'],
  [0x0013, 'port_already_connected'],
  [0x0014, 'ams_sync_win32_error'],
  [0x0015, 'ams_sync_timeout'],
  [0x0016, 'ams_sync_ams_error'],
  [0x0017, 'ams_sync_no_index_map'],
  [0x0018, 'invalid_ams_port'],
  [0x0019, 'no_memory'],
  [0x001a, 'tcp_send_error'],
  [0x001b, 'host_unreachable'],
  [0x001c, 'invalid_ams_fragment'],
  [0x0500, 'router_no_locked_memory'],
  [0x0501, 'router_memory_size_not_changed'],
  [0x0502, 'router_mailbox_full'],
  [0x0503, 'router_debug_mailbox_full'],
  [0x0504, 'router_unknown_port_type'],
  [0x0505, 'router_not_initialized'],
  [0x0506, 'router_port_in_use'],
  [0x0507, 'router_port_not_registered'],
  [0x0508, 'router_max_ports_reached'],
  [0x0509, 'router_invalid_port'],
  [0x050a, 'router_not_active'],
  [0x0700, 'device_error'],
  [0x0701, 'service_not_supported'],
  [0x0702, 'invalid_index_group'],
  [0x0703, 'invalid_index_offset'],
  [0x0704, 'access_denied'],
  [0x0705, 'invalid_size'],
  [0x0706, 'invalid_data'],
  [0x0707, 'device_not_ready'],
  [0x0708, 'device_busy'],
  [0x0709, 'invalid_context'],
  [0x070a, 'out_of_memory'],
  [0x070b, 'invalid_parameter'],
  [0x070c, 'not_found'],
  [0x070d, 'syntax_error'],
  [0x070e, 'incompatible'],
  [0x070f, 'already_exists'],
  [0x0710, 'symbol_not_found'],
  [0x0711, 'symbol_version_invalid'],
  [0x0712, 'invalid_state'],
  [0x0713, 'trans_mode_not_supported'],
  [0x0714, 'invalid_notification_handle'],
  [0x0715, 'notification_client_not_registered'],
  [0x0716, 'no_more_notification_handles'],
  [0x0717, 'notification_size_too_large'],
  [0x0718, 'not_initialized'],
  [0x0719, 'timeout'],
  [0x071a, 'no_interface'],
  [0x071b, 'invalid_interface'],
  [0x071c, 'invalid_class_id'],
  [0x071d, 'invalid_object_id'],
  [0x071e, 'pending'],
  [0x071f, 'aborted'],
  [0x0720, 'warning'],
  [0x0721, 'invalid_array_index'],
  [0x0722, 'symbol_not_active'],
  [0x0723, 'access_denied_2'],
  [0x0724, 'license_not_found'],
  [0x0725, 'license_expired'],
  [0x0726, 'license_exceeded'],
  [0x0727, 'license_invalid'],
  [0x0728, 'license_system_id'],
  [0x0729, 'license_no_time_limit'],
  [0x072a, 'license_future_issue'],
  [0x072b, 'license_time_too_long'],
  [0x072c, 'exception'],
  [0x072d, 'license_duplicated'],
  [0x072e, 'signature_invalid'],
  [0x072f, 'certificate_invalid'],
  [0x0740, 'client_error'],
  [0x0741, 'client_invalid_parameter'],
  [0x0742, 'client_list_empty'],
  [0x0743, 'client_variable_in_use'],
  [0x0744, 'client_invoke_id_in_use'],
  [0x0745, 'client_timeout'],
  [0x0746, 'client_win32_error'],
  [0x0747, 'client_invalid_timeout'],
  [0x0748, 'client_port_not_open'],
  [0x0749, 'client_no_ams_address'],
  [0x0750, 'client_sync_internal'],
  [0x0751, 'client_add_hash'],
  [0x0752, 'client_remove_hash'],
  [0x0753, 'client_no_more_symbols'],
  [0x0754, 'client_sync_response_invalid'],
  [0x0755, 'client_sync_port_locked'],
]);

/** Router service ids ([ROUTE]); bit 31 marks the response. */
export const ROUTE_SERVICES: ReadonlyMap<number, string> = new Map([
  [1, 'discovery'],
  [6, 'add_route'],
]);

/** Router service tag ids ([ROUTE]). */
export const ROUTE_TAG = {
  STATUS: 1,
  PASSWORD: 2,
  TC_VERSION: 3,
  OS_VERSION: 4,
  HOST: 5,
  NET_ID: 7,
  ROUTE_NAME: 12,
  USER_NAME: 13,
} as const;
