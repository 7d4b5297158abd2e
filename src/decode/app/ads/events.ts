/**
 * Beckhoff ADS/AMS events: one per AMS packet (an ADS request or response), one per AMS/TCP
 * router control frame, and one per UDP 48899 router service datagram (discovery, add route).
 *
 * Every event carries the `ads` object below; fields a packet does not have are absent.
 * References: [ADS], [TCADSDEF], [ROUTE] (see constants.ts).
 */

/** Event kinds. */
export const ADS_EVENT_KINDS = [
  'ads.request',
  'ads.response',
  'ads.router_control',
  'ads.route',
] as const;

/** An ADS event kind. */
export type AdsEventKind = (typeof ADS_EVENT_KINDS)[number];

/** The `ads` object of every ADS event. Field names are the public schema. */
export interface AdsFields {
  /** How the packet travelled: `tcp` (AMS/TCP framing) or `udp`. */
  framing: 'tcp' | 'udp';
  /** AMS/TCP header reserved word when not 0 (router control: port connect, close...). */
  tcp_command?: number;
  /** Name of `tcp_command` (`port_connect`, `port_close`, ... or `unknown`). */
  tcp_command_name?: string;
  /** Target AMS NetId, dotted (`5.13.117.96.1.1`). */
  target_net_id?: string;
  /** Target AMS port (851 TwinCAT 3 PLC, 10000 system service, 100 logger...). */
  target_port?: number;
  /** Source AMS NetId, dotted. */
  source_net_id?: string;
  /** Source AMS port. */
  source_port?: number;
  /** ADS command id (1 ReadDeviceInfo ... 9 ReadWrite). */
  command_id?: number;
  /** Name of `command_id` (`Read`, `WriteControl`, ... or `unknown`). */
  command?: string;
  /** AMS state flags: 0x0001 response, 0x0004 ADS command, 0x0040 UDP, 0x8000 broadcast. */
  state_flags?: number;
  /** AMS header data length (bytes of ADS data after the AMS header). */
  data_length?: number;
  /** AMS header error code (0: none). */
  error_code?: number;
  /** Name of `error_code` (`target_port_not_found`, ...), or `unknown`. */
  error?: string;
  /** Invoke id: pairs a response with its request. */
  invoke_id?: number;
  /** Read, Write, ReadWrite, AddDeviceNotification requests: index group. */
  index_group?: number;
  /** Name of `index_group` for the reserved groups (`sym_handle_by_name`, `sum_read`...). */
  index_group_name?: string;
  /** Read, Write, ReadWrite, AddDeviceNotification requests: index offset. */
  index_offset?: number;
  /**
   * Bytes to read (Read, AddDeviceNotification), written (Write, WriteControl data) or returned
   * (Read and ReadWrite responses).
   */
  length?: number;
  /** ReadWrite request: bytes to read back. */
  read_length?: number;
  /** ReadWrite request: bytes written. */
  write_length?: number;
  /** Response: ADS result (0: success). */
  result?: number;
  /** Name of `result`, or `unknown`. */
  result_name?: string;
  /** ReadState response, WriteControl request: ADS state (5 RUN, 6 STOP, 15 CONFIG...). */
  ads_state?: number;
  /** Name of `ads_state` (`RUN`, `STOP`, `CONFIG`, `RESET`...), or `unknown`. */
  ads_state_name?: string;
  /** ReadState response, WriteControl request: device state (device specific). */
  device_state?: number;
  /** ReadDeviceInfo response: device name (`PLC Server`, `TCatPlcCtrl`...). */
  device_name?: string;
  /** ReadDeviceInfo response: `version.revision.build`. */
  version?: string;
  /** Add/DeleteDeviceNotification: notification handle. */
  notification_handle?: number;
  /** AddDeviceNotification request: transmission mode (3 cyclic, 4 on change...). */
  transmission_mode?: number;
  /** AddDeviceNotification request: maximum delay (100 ns units). */
  max_delay?: number;
  /** AddDeviceNotification request: cycle time (100 ns units). */
  cycle_time?: number;
  /** DeviceNotification: stamp headers in the packet. */
  stamps?: number;
  /** DeviceNotification: samples over all stamps. */
  samples?: number;
  /** ReadWrite by name (handle, value, info by name): the symbol name, capped. */
  symbol_name?: string;
  /** Sum command request: number of sub-requests (the index offset). */
  sum_count?: number;
  /** Sum command request: index group of each sub-request (at most `maxObjectsPerMessage`). */
  sum_index_groups?: number[];
  /** Response whose request was seen: the request's index group. */
  request_index_group?: number;
  /** Router service (UDP 48899): service id without the response bit (1 discovery, 6 add route). */
  service_id?: number;
  /** Name of `service_id` (`discovery`, `add_route`), or `unknown`. */
  service?: string;
  /** Router service: response (bit 31 of the service id). */
  response?: boolean;
  /** Router service: number of tags. */
  tag_count?: number;
  /** Router service tag 5: host name (discovery reply) or address (add route request). */
  host?: string;
  /** Router service tag 12: route name. */
  route_name?: string;
  /** Router service tag 13: user name. */
  user_name?: string;
  /** Router service tag 2: a password is present (never its value). */
  password_present?: boolean;
  /** Router service tag 7: the NetId a route is added for. */
  route_net_id?: string;
  /** Router service tag 3: TwinCAT version `major.minor.build`. */
  tc_version?: string;
  /** Router service tag 4: operating system version `major.minor.build`. */
  os_version?: string;
  /** Router service tag 1: status of an add route response (0: success). */
  status?: number;
}

/** An ADS event. */
export type AdsEvent = {
  readonly kind: AdsEventKind;
  readonly ads: AdsFields;
};
