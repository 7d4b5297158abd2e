/**
 * PROFINET real-time events: one per DCP PDU, alarm (RTA) frame, PTCP frame and other acyclic
 * frame, and a bounded summary of cyclic (RT_CLASS_1/2/3) traffic per FrameID (see README.md,
 * "Cyclic summaries"). Every event carries the `profinet` object below; fields a frame does not
 * have are absent. References: [61158-6-10] (see constants.ts).
 */

/** Event kinds. */
export const PROFINET_EVENT_KINDS = [
  'profinet.dcp',
  'profinet.rt_cyclic',
  'profinet.alarm',
  'profinet.ptcp',
  'profinet.frame',
] as const;

/** A PROFINET event kind. */
export type ProfinetEventKind = (typeof PROFINET_EVENT_KINDS)[number];

/** One DCP block (option/suboption), as listed in `blocks`. */
export interface DcpBlock {
  /** Option (1 IP, 2 device, 3 DHCP, 5 control, 6 device initiative, 255 all). */
  option: number;
  /** Suboption within the option. */
  suboption: number;
  /** `<option>/<suboption>` by name (`ip/ip_parameter`, `device/name_of_station`...). */
  name: string;
}

/** One BlockError of a DCP Set response (Control/Response block). */
export interface DcpBlockError {
  /** Option/suboption the error is about, by name. */
  block: string;
  /** BlockError code (0: ok). */
  error: number;
  /** Name of `error` (`ok`, `option_unsupported`, `set_not_possible_in_operation`...). */
  error_name: string;
}

/** The `profinet` object of every PROFINET event. Field names are the public schema. */
export interface ProfinetFields {
  /** FrameID, the first two bytes after the EtherType. */
  frame_id: number;
  /** Name of the FrameID range (`dcp_identify_request`, `rtc1_unicast`, `alarm_low`...). */
  frame_type: string;
  /** DCP ServiceID (3 Get, 4 Set, 5 Identify, 6 Hello). */
  service_id?: number;
  /** Name of `service_id` (`get`, `set`, `identify`, `hello`, or `unknown`). */
  service?: string;
  /** DCP ServiceType (0 request, 1 response success, 5 response unsupported). */
  service_type?: number;
  /** Name of `service_type`. */
  service_type_name?: string;
  /** DCP transaction id. */
  xid?: number;
  /** ResponseDelay factor of an Identify request (multicast header). */
  response_delay?: number;
  /** DCPDataLength. */
  data_length?: number;
  /** The DCP blocks, in order (at most the objects-per-message limit). */
  blocks?: DcpBlock[];
  /** NameOfStation (Identify filter, response, Set or Hello). */
  name_of_station?: string;
  /** DeviceVendorValue (type of station). */
  device_vendor?: string;
  /** AliasName. */
  alias_name?: string;
  /** VendorID of the Device ID block. */
  vendor_id?: number;
  /** DeviceID of the Device ID block. */
  device_id?: number;
  /** DeviceRoleDetails bit field. */
  device_role?: number;
  /** Names of the set `device_role` bits (`io_device`, `io_controller`...). */
  device_roles?: string[];
  /** IP address of the IP parameter or full IP suite block. */
  ip?: string;
  /** Subnet mask of the IP block. */
  netmask?: string;
  /** Standard gateway of the IP block. */
  gateway?: string;
  /** DNS servers of a full IP suite block. */
  dns_servers?: string[];
  /** BlockInfo of the IP block (responses): `ip_set`, `ip_set_by_dhcp`, `..._conflict`... */
  ip_block_info?: string;
  /** MAC address block value. */
  mac?: string;
  /** BlockQualifier of a Set request block (`temporary`, `permanent`), the last one given. */
  block_qualifier?: string;
  /** Control operations of a Set request (`start_transaction`, `signal`, `factory_reset`...). */
  controls?: string[];
  /** SignalValue of Control/Signal (0x0100: flash once). */
  signal_value?: number;
  /** Reset to Factory BlockQualifier, by name (`reset_communication_parameter`...). */
  reset_mode?: string;
  /** DHCP suboption (DHCP option code) of a DHCP block. */
  dhcp_option?: number;
  /** DeviceInitiativeValue (1: the device sends Hello after power on). */
  device_initiative?: number;
  /** Options a device supports (Device Options block), `<option>/<suboption>` names. */
  device_options?: string[];
  /** BlockErrors of a Set response. */
  block_errors?: DcpBlockError[];
  /** Cyclic: frames of this FrameID counted since the previous summary, this one included. */
  frames?: number;
  /** Cyclic: frames of this FrameID seen on the stream so far. */
  total_frames?: number;
  /** Cyclic: CycleCounter of this frame (1/32 ms units). */
  cycle_counter?: number;
  /** Cyclic: CycleCounter difference to the previous frame of the FrameID (0 when first). */
  cycle_delta?: number;
  /** Cyclic: send interval from `cycle_delta`, in microseconds. */
  cycle_time_us?: number;
  /** Cyclic: IO data length (frame without FrameID and APDU_Status). */
  io_data_length?: number;
  /** Cyclic: DataStatus byte. */
  data_status?: number;
  /** Cyclic: DataStatus.DataValid. */
  data_valid?: boolean;
  /** Cyclic: DataStatus.State (primary, else backup). */
  primary?: boolean;
  /** Cyclic: DataStatus.ProviderState run (else stop). */
  provider_run?: boolean;
  /** Cyclic: DataStatus.StationProblemIndicator ok (else problem). */
  station_ok?: boolean;
  /** Cyclic: DataStatus.Ignore. */
  ignore?: boolean;
  /** Cyclic: TransferStatus (0: ok). */
  transfer_status?: number;
  /** Cyclic: why this summary was emitted (`first`, `status_change`, `periodic`). */
  reason?: string;
  /** Alarm: AlarmDstEndpoint. */
  alarm_dst_endpoint?: number;
  /** Alarm: AlarmSrcEndpoint. */
  alarm_src_endpoint?: number;
  /** Alarm: PDUType.Type (1 data, 2 nack, 3 ack, 4 err). */
  pdu_type?: number;
  /** Alarm: name of `pdu_type`. */
  pdu_type_name?: string;
  /** Alarm: SendSeqNum. */
  send_seq_num?: number;
  /** Alarm: AckSeqNum. */
  ack_seq_num?: number;
  /** Alarm: VarPartLen. */
  var_part_len?: number;
  /** Alarm: BlockType of the alarm notification or ack. */
  block_type?: number;
  /** Alarm: name of `block_type`. */
  block_type_name?: string;
  /** Alarm: AlarmType. */
  alarm_type?: number;
  /** Alarm: name of `alarm_type`. */
  alarm_type_name?: string;
  /** Alarm: API, slot and subslot the alarm is about. */
  api?: number;
  slot?: number;
  subslot?: number;
  /** Alarm: PNIOStatus of an ERR-RTA-PDU or alarm ack, by name (`ok` or code/decode/c1/c2). */
  pnio_status?: string;
  /** PTCP: SequenceID. */
  sequence_id?: number;
}

/** A PROFINET event. */
export interface ProfinetEvent {
  readonly kind: ProfinetEventKind;
  readonly profinet: ProfinetFields;
}
