/**
 * PN-IO context management events: one per DCE/RPC connectionless PDU of a PNIO interface
 * (request, response, fault or another RPC control PDU), with the PN-IO blocks of its body.
 * Every event carries the `pnio` object below; fields a PDU does not have are absent.
 * References: [C706], [61158-6-10] (see constants.ts).
 */

/** Event kinds. */
export const PNIO_EVENT_KINDS = [
  'pnio.request',
  'pnio.response',
  'pnio.fault',
  'pnio.rpc',
] as const;

/** A PN-IO event kind. */
export type PnioEventKind = (typeof PNIO_EVENT_KINDS)[number];

/** An IOCR of a Connect (IOCRBlockReq/Res). */
export interface PnioIocr {
  /** IOCRType (1 input, 2 output, 3 multicast provider, 4 multicast consumer). */
  type: number;
  /** Name of `type`. */
  type_name: string;
  /** IOCRReference. */
  reference: number;
  /** FrameID of the cyclic frames of this IOCR (the `profinet.rt_cyclic` frame_id). */
  frame_id: number;
  /** Request: C_SDU data length. */
  data_length?: number;
  /** Request: SendClockFactor (units of 31.25 us). */
  send_clock_factor?: number;
  /** Request: ReductionRatio. */
  reduction_ratio?: number;
  /** Request: send interval SendClockFactor x ReductionRatio x 31.25 us, in microseconds. */
  cycle_time_us?: number;
}

/** A record read or write (IODReadReq/Res, IODWriteReq/Res header). */
export interface PnioRecord {
  /** BlockType name of the header (`IODWriteReqHeader`...). */
  block: string;
  /** SeqNumber. */
  seq_number: number;
  /** API, slot and subslot addressed. */
  api: number;
  slot: number;
  subslot: number;
  /** Record index. */
  index: number;
  /** Name of `index` when it is a standard record (`MultipleWrite`, `PDRealData`...). */
  index_name?: string;
  /** RecordDataLength. */
  record_data_length: number;
  /** Write response: PNIOStatus by name. */
  status?: string;
}

/** The `pnio` object of every PN-IO event. Field names are the public schema. */
export interface PnioFields {
  /** DCE/RPC packet type (0 request, 2 response, 3 fault, ...). */
  packet_type: number;
  /** Name of `packet_type`. */
  packet_type_name: string;
  /** flags1 byte. */
  flags1: number;
  /** Names of the set flags1 bits (`last_frag`, `frag`, `no_fack`, `idempotent`...). */
  flags: string[];
  /** flags2 byte. */
  flags2: number;
  /** Integer byte order of the data representation: `little` or `big`. */
  drep: 'little' | 'big';
  /** Object UUID. */
  object_uuid: string;
  /** Interface UUID. */
  interface_uuid: string;
  /** Interface name: `pnio_device`, `pnio_controller`, `pnio_supervisor`, `pnio_parameter_server`. */
  interface: string;
  /** Activity UUID (one per client call sequence). */
  activity_uuid: string;
  /** Server boot time. */
  server_boot: number;
  /** Interface version. */
  interface_version: number;
  /** Sequence number of the call. */
  sequence_number: number;
  /** Operation number. */
  opnum: number;
  /** Name of `opnum`: `connect`, `release`, `read`, `write`, `control`, `read_implicit`. */
  operation: string;
  /** Fragment number. */
  fragment_number: number;
  /** Body length. */
  body_length: number;
  /** Response: PNIOStatus of the NDR header by name (`ok` or code/decode/code1/code2). */
  pnio_status?: string;
  /** NDR ArgsLength. */
  args_length?: number;
  /** BlockTypes of the body, nested ones included, in order (bounded). */
  block_types?: number[];
  /** Names of `block_types`. */
  blocks?: string[];
  /** Connect: ARType. */
  ar_type?: number;
  /** Connect: name of `ar_type`. */
  ar_type_name?: string;
  /** ARUUID of the application relation. */
  ar_uuid?: string;
  /** SessionKey. */
  session_key?: number;
  /** Connect request: CMInitiatorStationName (the IO controller's NameOfStation). */
  station_name?: string;
  /** Connect: CMInitiatorMacAdd or CMResponderMacAdd. */
  cm_mac?: string;
  /** Connect: the IOCRs. */
  iocrs?: PnioIocr[];
  /** Control: ControlCommand bit field. */
  control_command?: number;
  /** Control: names of the ControlCommand bits (`prm_end`, `application_ready`, `release`, `done`). */
  control_commands?: string[];
  /** Read/Write: the records addressed. */
  records?: PnioRecord[];
  /** Fault: the DCE/RPC status code. */
  fault_status?: number;
}

/** A PN-IO event. */
export interface PnioEvent {
  readonly kind: PnioEventKind;
  readonly pnio: PnioFields;
}
