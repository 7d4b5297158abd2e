/**
 * EtherNet/IP and CIP events.
 *
 * - `enip.request`: an encapsulation message sent to the server (the side on TCP/UDP 44818).
 * - `enip.response`: an encapsulation message sent by the server.
 * - `enip.embedded`: a CIP message carried inside another one (an entry of a Multiple Service
 *   Packet, the request inside an Unconnected Send), in the frame of its parent; its `cip`
 *   describes the message and its `enip` only the context (session, connection), no command,
 *   so every CIP service of a frame is one event and every message one command.
 * - `enip.io`: a connected (implicit, class 0/1) I/O datagram on UDP 2222: common packet format
 *   items only, no encapsulation header.
 *
 * `enip.request`/`enip.response` carry the encapsulation header in `enip` and, for
 * SendRRData/SendUnitData, the CIP message of the data item in `cip`. A CIP response carries the
 * request path (class, instance, attribute, tag) of the request it answers: unconnected messages
 * are paired by sender context, connected ones by their sequence count.
 *
 * References: CIP Networks Library Vol. 1 ([V1]) and Vol. 2 ([V2]); Logix 5000 Data Access
 * 1756-PM020 ([PM020]). Numbers are as on the wire (little-endian decoded); ids that Wireshark
 * shows in hex are plain numbers here.
 */

/** One common packet format item ([V2] 2-6). */
export interface CpfItem {
  /** Item type id (0x00B2 unconnected data, 0x00A1 connected address, ...). */
  readonly type_id: number;
  /** Item name: `null_address`, `connected_address`, `connected_data`, `unconnected_data`, `cip_identity`, `sockaddr_o_t`, ..., or `unknown`. */
  readonly type: string;
  /** Item data length in bytes. */
  readonly length: number;
}

/** A socket address ([V2] 2-6.3.2: big-endian sin_family, sin_port, sin_addr). */
export interface SockAddr {
  /** Address family (2 = AF_INET). */
  readonly family: number;
  /** UDP/TCP port. */
  readonly port: number;
  /** IPv4 address in dotted form. */
  readonly address: string;
}

/** A Socket Address Info item of a Forward Open exchange ([V2] 2-6.3.2). */
export interface SockAddrItem extends SockAddr {
  /** `o_t` (originator to target, item 0x8000) or `t_o` (item 0x8001). */
  readonly direction: 'o_t' | 't_o';
}

/**
 * A device identity: the CIP Identity item of a ListIdentity response ([V2] table 2-4.4), or the
 * Identity object (class 1) attributes of a Get Attributes All response ([V1] 5-2).
 */
export interface Identity {
  /** Encapsulation protocol version (ListIdentity only). */
  encap_version?: number;
  /** Socket address the device listens on (ListIdentity only). */
  socket?: SockAddr;
  /** Vendor id (ODVA assigned; 1 = Rockwell Automation/Allen-Bradley). */
  vendor_id: number;
  /** Vendor name from the ODVA list, or `unknown`. */
  vendor: string;
  /** Device type (12 = communications adapter, 14 = PLC, ...). */
  device_type: number;
  /** Device type name (`programmable_logic_controller`, ...), or `unknown`. */
  device_type_name: string;
  /** Vendor-assigned product code. */
  product_code: number;
  /** Major revision. */
  revision_major: number;
  /** Minor revision. */
  revision_minor: number;
  /** Revision as Wireshark shows it: major, a dot, the minor on two digits (`4.03`). */
  revision: string;
  /** Identity status word ([V1] table 5-2.3: owned, configured, fault bits). */
  status: number;
  /** Serial number (Wireshark shows it in hex: 0x00524d8e). */
  serial_number: number;
  /** Serial number as 8 hex digits, as printed on device labels. */
  serial_hex: string;
  /** Product name (latin1, cut at the string limit). */
  product_name: string;
  /** State (ListIdentity byte after the name, Identity attribute 8), when present. */
  state?: number;
  /** State name (`operational`, `standby`, `major_recoverable_fault`, ...; [V1] table 5-2.4). */
  state_name?: string;
}

/** One List Services item ([V2] table 2-4.5). */
export interface ServiceInfo {
  /** Item type id (0x0100 for the communications service). */
  readonly type_id: number;
  /** Encapsulation protocol version. */
  readonly version: number;
  /** Capability flags (bit 5: CIP over TCP, bit 8: class 0/1 over UDP). */
  readonly capability_flags: number;
  /** Service name (`Communications`). */
  readonly name: string;
}

/** The `enip` object. Encapsulation fields are absent on `enip.io` events. */
export interface EnipFields {
  /** Encapsulation command (0x0063 ListIdentity, 0x006F SendRRData, 0x0070 SendUnitData, ...). */
  command?: number;
  /** Command name (`list_identity`, `send_rr_data`, `send_unit_data`, ...), or `unknown`. */
  command_name?: string;
  /** Encapsulation length: bytes after the 24-byte header. */
  length?: number;
  /** Session handle (set by RegisterSession; 0 for List* commands). */
  session_handle?: number;
  /** Encapsulation status (0 = success; [V2] table 2-3.3). */
  status?: number;
  /** Status name (`success`, `invalid_session_handle`, ...), or `unknown`. */
  status_name?: string;
  /** Sender context: 8 bytes chosen by the sender, echoed in the reply, as 16 hex digits. */
  sender_context?: string;
  /** Options word (must be 0). */
  options?: number;
  /**
   * True when sent by the server (the 44818 side). On UDP 2222, where both ends use the port,
   * false for datagrams of the flow's first sender.
   */
  is_response: boolean;
  /** Interface handle (0 = CIP) of SendRRData/SendUnitData. */
  interface_handle?: number;
  /** Timeout of SendRRData/SendUnitData in seconds (0 in SendUnitData). */
  timeout?: number;
  /** Common packet format items, at most the objects-per-message limit. */
  items?: CpfItem[];
  /** Connection id of the connected or sequenced address item. */
  connection_id?: number;
  /** Encapsulation sequence number of the sequenced address item (I/O). */
  sequence_number?: number;
  /** CIP sequence count of a connected data item (SendUnitData, class 3). */
  cip_sequence?: number;
  /** Bytes of connected or unconnected data carried. */
  data_length?: number;
  /**
   * SendUnitData: the connection the connection id belongs to, when its Forward Open was seen
   * on this flow (connection path, both ids, the connection triad).
   */
  connection?: ConnectionFields;
  /** Socket address info items (Forward Open over EtherNet/IP). */
  sockaddr?: SockAddrItem[];
  /** RegisterSession protocol version (1). */
  protocol_version?: number;
  /** RegisterSession options flags (0). */
  session_options?: number;
  /** ListIdentity response: the first CIP Identity item. */
  identity?: Identity;
  /** ListServices response items. */
  services?: ServiceInfo[];
}

/** Network connection parameters of one direction of a Forward Open ([V1] 3-5.5.1.1). */
export interface ConnectionParams {
  /** Requested packet interval in microseconds. */
  rpi_us: number;
  /** Connection size in bytes. */
  size: number;
  /** Variable (true) or fixed (false) size. */
  variable: boolean;
  /** `null`, `multicast`, `point_to_point` or `reserved`. */
  type: string;
  /** `low`, `high`, `scheduled` or `urgent`. */
  priority: string;
  /** Redundant owner bit. */
  redundant_owner: boolean;
}

/** A decoded EPATH (class, instance, attribute, tag...), every part optional. */
export interface PathFields {
  /**
   * Every segment of the path, readable and in order: `class 0x6b, instance 42`,
   * `symbol Program:Main, symbol Speed, member 3`, `port 1/0, class 0x2, instance 1`,
   * `key vendor 1 type 14 product 54 rev 20.11`. The fields below keep the first of each kind.
   */
  path?: string;
  /** Class id of the first class segment. */
  class_id?: number;
  /** Class name (`identity`, `connection_manager`, `logix_symbol`, ...), or `vendor_specific`, `unknown`. */
  class_name?: string;
  /** Instance id of the first instance segment. */
  instance_id?: number;
  /** Attribute id of the first attribute segment. */
  attribute_id?: number;
  /** Member id of the first member segment (Logix: the first array index). */
  member_id?: number;
  /** Connection points (Forward Open application paths: configuration, consumed, produced). */
  connection_points?: number[];
  /**
   * Symbolic tag name: ANSI extended symbol segments joined by `.`, member segments after a
   * symbol as `[n]` (`Program:Main.Recipe[3].Speed`).
   */
  symbol?: string;
  /** Route: port segments as `port/link` pairs joined by `,` (`1/0` = backplane slot 0). */
  route?: string;
  /** Electronic key of a connection path ([V1] C-1.4.2.4). */
  key?: {
    vendor_id: number;
    device_type: number;
    product_code: number;
    major_revision: number;
    minor_revision: number;
    compatibility: boolean;
  };
}

/** Forward Open / Large Forward Open fields ([V1] 3-5.5.2, 3-5.5.6). */
export interface ForwardOpenFields {
  /** Large Forward Open (32-bit connection parameters). */
  large: boolean;
  /** Priority/time tick byte (request). */
  priority_time_tick?: number;
  /** Time-out ticks (request). */
  timeout_ticks?: number;
  /** O->T network connection id (chosen by the target in the reply). */
  o_t_connection_id?: number;
  /** T->O network connection id (chosen by the originator). */
  t_o_connection_id?: number;
  /** Connection serial number. */
  connection_serial: number;
  /** Originator vendor id. */
  originator_vendor_id: number;
  /** Originator serial number. */
  originator_serial: number;
  /** Connection timeout multiplier code (request; x4 << code). */
  timeout_multiplier?: number;
  /** O->T parameters (request). */
  o_t?: ConnectionParams;
  /** T->O parameters (request). */
  t_o?: ConnectionParams;
  /** Transport class (0, 1, 3) (request). */
  transport_class?: number;
  /** Production trigger (`cyclic`, `change_of_state`, `application_object`) (request). */
  trigger?: string;
  /** Direction bit set: the originator is the server of the connection (request). */
  server?: boolean;
  /**
   * Connection path: target route, electronic key, class, instance, connection points (the
   * request's; on a reply, copied from the request it answers).
   */
  connection_path?: PathFields;
  /** Actual packet intervals in microseconds (successful reply). */
  o_t_api_us?: number;
  t_o_api_us?: number;
  /** Application reply size in words (successful reply). */
  application_reply_size?: number;
  /** Remaining path size in words (unsuccessful reply, routing errors). */
  remaining_path_size?: number;
}

/** A connection set up by a Forward Open seen on the same flow. */
export interface ConnectionFields {
  /** O->T network connection id (from the Forward Open reply). */
  o_t_connection_id: number;
  /** T->O network connection id. */
  t_o_connection_id: number;
  /** Connection serial number. */
  connection_serial: number;
  /** Originator vendor id. */
  originator_vendor_id: number;
  /** Originator serial number. */
  originator_serial: number;
  /** Connection path of the Forward Open. */
  connection_path?: PathFields;
}

/** Forward Close fields ([V1] 3-5.5.3). */
export interface ForwardCloseFields {
  priority_time_tick?: number;
  timeout_ticks?: number;
  connection_serial: number;
  originator_vendor_id: number;
  originator_serial: number;
  /** Connection path of the request (on a reply, copied from the request it answers). */
  connection_path?: PathFields;
  /**
   * The connection being closed, when its Forward Open was seen on this flow (matched by
   * connection serial, vendor and originator serial): its connection path and ids.
   */
  opened?: ConnectionFields;
  /** Application reply size in words (successful reply). */
  application_reply_size?: number;
  /** Remaining path size in words (unsuccessful reply). */
  remaining_path_size?: number;
}

/** Unconnected Send fields ([V1] 3-5.5.4). */
export interface UnconnectedSendFields {
  /** Priority/time tick byte. */
  priority_time_tick?: number;
  /** Time-out ticks. */
  timeout_ticks?: number;
  /** Size of the embedded message request in bytes. */
  message_size?: number;
  /** Route path to the target (`1/0`: backplane, slot 0). */
  route?: string;
  /** Remaining path size in words (unsuccessful reply from a router). */
  remaining_path_size?: number;
}

/** Logix tag service fields ([PM020]). */
export interface TagFields {
  /** Data type code (0xC4 DINT, 0xCA REAL, 0x02A0 structure, ...). */
  data_type?: number;
  /** Data type name (`dint`, `real`, `struct`, ...), or `unknown`. */
  data_type_name?: string;
  /** Structure handle (data type 0x02A0). */
  struct_handle?: number;
  /** Number of elements read or written. */
  elements?: number;
  /** Byte offset of a fragmented read or write. */
  offset?: number;
  /**
   * Values of atomic types (numbers; booleans for BOOL; 64-bit integers as decimal strings), at
   * most the objects-per-message limit.
   */
  values?: (number | string | boolean)[];
  /** Present and true when `values` was cut at the objects-per-message limit. */
  values_truncated?: boolean;
  /** Raw data bytes of non-atomic types, hex, first 64 bytes. */
  data_hex?: string;
  /** OR and AND masks of Read Modify Write Tag, hex. */
  or_mask?: string;
  and_mask?: string;
}

/** PCCC command carried by Execute PCCC (class 0x67) ([PCCC]). */
export interface PcccFields {
  /** Requestor vendor id. */
  vendor_id: number;
  /** Requestor serial number. */
  serial_number: number;
  /** PCCC command byte (0x0F = typed commands). */
  command: number;
  /** PCCC status byte (0 = success). */
  status: number;
  /** Transaction number. */
  tns: number;
  /** Function code of the command, when it has one. */
  function_code?: number;
}

/** TCP/IP Interface object (class 0xF5) attributes ([V2] 5-4.3). */
export interface TcpIpFields {
  /** Attribute 1: interface status (bits 0-3 configuration status). */
  status?: number;
  /** Attribute 2: configuration capability (BOOTP, DNS, DHCP, settable...). */
  configuration_capability?: number;
  /** Attribute 3: configuration control (bits 0-3: 0 static, 1 BOOTP, 2 DHCP). */
  configuration_control?: number;
  /** Attribute 4: path to the physical link object (usually Ethernet Link instance 1). */
  physical_link_path?: PathFields;
  /** Attribute 5: interface configuration. */
  ip_address?: string;
  subnet_mask?: string;
  gateway?: string;
  name_server?: string;
  name_server_2?: string;
  domain_name?: string;
  /** Attribute 6: host name. */
  host_name?: string;
}

/** Ethernet Link object (class 0xF6) attributes ([V2] 5-5.3). */
export interface EthernetLinkFields {
  /** Attribute 1: interface speed in Mbit/s. */
  interface_speed?: number;
  /** Attribute 2: interface flags (link status, duplex, negotiation status). */
  interface_flags?: number;
  /** Attribute 3: MAC address. */
  mac_address?: string;
  /** Attribute 6: interface control bits (auto-negotiate, forced duplex). */
  control_bits?: number;
  /** Attribute 6: forced interface speed in Mbit/s. */
  forced_speed?: number;
}

/** The `cip` object: one CIP message. */
export interface CipFields extends PathFields {
  /** Service code without the response bit (0x0E Get Attribute Single, 0x4C Read Tag, ...). */
  service: number;
  /**
   * Service name: a common service (`get_attribute_single`), or an object-specific one named by
   * the class of the request path (`forward_open`, `unconnected_send`, `read_tag`,
   * `execute_pccc`), else `object_specific` or `reserved`.
   */
  service_name: string;
  /** True for a response (service code bit 0x80 set). */
  is_response: boolean;
  /** Request path size in words (requests). */
  path_size?: number;
  /** General status of a response (0 = success; [V1] table B-1.1). */
  general_status?: number;
  /** General status name (`success`, `partial_transfer`, `path_destination_unknown`, ...). */
  general_status_name?: string;
  /** Additional (extended) status words of a response. */
  extended_status?: number[];
  /** Meaning of the first extended status word of a Connection Manager error. */
  extended_status_name?: string;
  /** Bytes of request or response data after the header and path. */
  data_length: number;
  /** True when the response answers an Unconnected Send (the request path is the embedded one). */
  routed?: boolean;
  /** Service of the enclosing message (`enip.embedded` only: 0x0A or 0x52). */
  parent_service?: number;
  /** Position inside a Multiple Service Packet (`enip.embedded` only, from 0). */
  index?: number;
  /** Number of services of a Multiple Service Packet. */
  service_count?: number;
  /**
   * Attribute ids: asked for (Get Attribute List request), written (Set Attribute List
   * request, as far as the values can be sized), answered (Get/Set Attribute List replies), or
   * decoded from a Get Attributes All reply of a known object.
   */
  attributes?: number[];
  /** Unconnected Send details. */
  unconnected_send?: UnconnectedSendFields;
  /** Forward Open / Large Forward Open details. */
  forward_open?: ForwardOpenFields;
  /** Forward Close details. */
  forward_close?: ForwardCloseFields;
  /** Logix tag service details. */
  tag?: TagFields;
  /** Identity object attributes (Get Attributes All response of class 1). */
  identity?: Identity;
  /** PCCC command (Execute PCCC). */
  pccc?: PcccFields;
  /** TCP/IP Interface attributes read (Get Attribute(s)) or written (Set Attribute Single). */
  tcpip?: TcpIpFields;
  /** Ethernet Link attributes read or written. */
  ethernet_link?: EthernetLinkFields;
  /**
   * The attribute value of a Set Attribute Single request or a Get Attribute Single reply,
   * hex, first 64 bytes.
   */
  value_hex?: string;
}

/** An encapsulation message sent to the server. */
export type EnipRequestEvent = {
  readonly kind: 'enip.request';
  readonly enip: EnipFields;
  readonly cip?: CipFields;
};

/** An encapsulation message sent by the server. */
export type EnipResponseEvent = {
  readonly kind: 'enip.response';
  readonly enip: EnipFields;
  readonly cip?: CipFields;
};

/**
 * A CIP message embedded in another (Multiple Service Packet entry, Unconnected Send). Its
 * `enip` holds the context of the encapsulation message that carried it (`is_response`,
 * `session_handle`, `connection_id`, `cip_sequence`), never `command`.
 */
export type EnipEmbeddedEvent = {
  readonly kind: 'enip.embedded';
  readonly enip: EnipFields;
  readonly cip: CipFields;
};

/** A connected I/O datagram (UDP 2222). */
export type EnipIoEvent = {
  readonly kind: 'enip.io';
  readonly enip: EnipFields;
};

/** Every event the EtherNet/IP decoder emits. */
export type EnipEvent = EnipRequestEvent | EnipResponseEvent | EnipEmbeddedEvent | EnipIoEvent;

/** The kinds of {@link EnipEvent}, for the descriptor and the schema. */
export const ENIP_EVENT_KINDS = [
  'enip.request',
  'enip.response',
  'enip.embedded',
  'enip.io',
] as const;
