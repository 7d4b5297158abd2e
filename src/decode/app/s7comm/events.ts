/**
 * S7comm events: one per S7 PDU, COTP connection TPDU, or S7comm-plus telegram.
 *
 * - `s7comm.cotp`: a COTP connection-management TPDU (CR, CC, DR, DC, ER, ...) carried by TPKT on
 *   TCP 102, with the TSAPs and, for S7 TSAPs, the rack and slot. It has a `cotp` object only,
 *   never an `s7comm` one: Wireshark shows no S7 fields on these frames.
 * - `s7comm.job`, `s7comm.ack`, `s7comm.ack_data`, `s7comm.userdata`: an S7comm PDU (protocol
 *   id 0x32), by ROSCTR; `s7comm.unknown` for ROSCTR 4-6 (which Wireshark still shows).
 * - `s7comm.plus`: an S7comm-plus telegram (protocol id 0x72) with an `s7comm_plus` object.
 *
 * References: [RFC1006], [X224], [S7], [S7P] as cited in `constants.ts`.
 */

/** A COTP TPDU that is not data (the `cotp` object of `s7comm.cotp`). */
export interface CotpFields {
  /** TPDU code (high nibble of the second header byte): 0xE0 CR, 0xD0 CC, 0x80 DR, ... ([X224] 13.2). */
  pdu_type: number;
  /** TPDU name: `cr`, `cc`, `dr`, `dc`, `er`, `ak`, `ed`, `ea`, `rj`, or `unknown`. */
  pdu: string;
  /** Destination reference (CR: 0). */
  dst_ref?: number;
  /** Source reference. */
  src_ref?: number;
  /** Protocol class (high nibble of the class/option byte; S7 uses class 0). */
  class?: number;
  /** Maximum TPDU size in bytes (parameter 0xC0: 2^value). */
  tpdu_size?: number;
  /** Calling TSAP (parameter 0xC1) as lower-case hex. */
  src_tsap?: string;
  /** Called TSAP (parameter 0xC2) as lower-case hex. */
  dst_tsap?: string;
  /** Called TSAP as text when it is printable (S7-1200/1500 use `SIMATIC-ROOT-HMI` and the like). */
  dst_tsap_text?: string;
  /** Calling TSAP as text when it is printable. */
  src_tsap_text?: string;
  /**
   * S7 connection type from the first byte of the PLC-side 2-byte TSAP, the called TSAP (a CC
   * repeats the CR's calling and called TSAPs, [X224] 13.4.4): `pg`, `op`, `s7_basic`, or
   * `other`.
   */
  connection_type?: string;
  /** Rack of the addressed CPU: bits 5-7 of the second byte of the PLC-side TSAP. */
  rack?: number;
  /** Slot of the addressed CPU: bits 0-4 of the second byte of the PLC-side TSAP. */
  slot?: number;
  /** Disconnect reason (DR), e.g. 128 normal ([X224] 13.5.3). */
  reason?: number;
  /** Disconnect reason name. */
  reason_name?: string;
  /** Reject cause (ER). */
  reject_cause?: number;
}

/** One item of a Read Var / Write Var parameter or data part. */
export interface S7Item {
  /** Variable specification type (0x12). */
  var_spec?: number;
  /** Syntax id: 0x10 S7ANY, 0xB0 DBREAD, 0xB2 1200 symbolic, 0x82-0x84 NCK, 0xA2 DriveES. */
  syntax_id?: number;
  /** Syntax id name (`s7any`, `dbread`, ...). */
  syntax?: string;
  /** Transport size of the address (S7ANY): 1 BIT, 2 BYTE, 4 WORD, ... */
  transport_size?: number;
  /** Transport size name (`bit`, `byte`, `word`, `real`, ...). */
  transport_size_name?: string;
  /** Number of elements of the transport size (S7ANY length). */
  count?: number;
  /** DB number (0 outside DB and DI areas). */
  db_number?: number;
  /** Area code: 0x81 inputs, 0x82 outputs, 0x83 flags, 0x84 DB, 0x1C counters, 0x1D timers ... */
  area?: number;
  /** Area name (`inputs`, `outputs`, `flags`, `db`, `counter`, `timer`, ...). */
  area_name?: string;
  /** The raw 24-bit address: byte address * 8 + bit address, or the timer/counter number. */
  address?: number;
  /** Byte address (not for timers and counters). */
  byte_address?: number;
  /** Bit address 0-7 (not for timers and counters). */
  bit_address?: number;
  /** DBREAD areas: bytes to read, DB number, start address. */
  dbread?: { length: number; db_number: number; start_address: number }[];
  /** 1200 symbolic address: DB number (area 0x8A0E) or IQMCT area, CRC, LID values. */
  sym_area?: number;
  sym_db_number?: number;
  sym_crc?: number;
  /** NCK address: area, unit, column, line, module, line count. */
  nck_area?: number;
  nck_unit?: number;
  nck_column?: number;
  nck_line?: number;
  nck_module?: number;
  nck_line_count?: number;
  /** Return code of a data item: 0xFF success, 0x0A object does not exist, 0x05 invalid address ... */
  return_code?: number;
  /** Return code name. */
  return_code_name?: string;
  /** Data transport size (0x03 BIT, 0x04 BYTE/WORD/DWORD, 0x05 INTEGER, 0x07 REAL, 0x09 OCTET STRING). */
  data_transport_size?: number;
  /** Data length in bytes (converted from bits where the transport size counts bits). */
  data_length?: number;
  /** The item value as lower-case hex, cut at the decoder's string limit. */
  data?: string;
  /** Present and true when `data` was cut. */
  data_truncated?: boolean;
}

/** A block named in a PI service, up/download file name, or block function. */
export interface S7Block {
  /** Block type (`OB`, `DB`, `FC`, `FB`, `SDB`, `SFC`, `SFB`, `CMod`) or the raw two characters. */
  block_type: string;
  /** Block number (NaN-free: -1 when the digits do not parse). */
  block_number: number;
  /** Destination file system: `P` passive, `A` active, `B` both. */
  filesystem?: string;
}

/** One record of SZL xy11 (module identification). */
export interface SzlModuleRecord {
  /** Record index: 1 module, 6 basic hardware, 7 basic firmware, 0x81 firmware extension. */
  index: number;
  /** MLFB, the order number (trimmed). */
  order_number: string;
  /** BGTyp, module type id. */
  module_type_id: number;
  /** Ausbg (version / release). */
  ausbg: number;
  /** Ausbe (release of the PG description file). */
  ausbe: number;
  /** Version text `V<major>.<minor>.<patch>` when Ausbg carries the 'V' mark (firmware records). */
  version?: string;
}

/** One record of SZL xy1C (component identification). */
export interface SzlComponentRecord {
  /** Record index: 1 PLC name, 2 module name, 3 plant designation, 4 copyright, 5 serial ... */
  index: number;
  /** Field the index names (`plc_name`, `serial_number`, ...), or `unknown`. */
  field: string;
  /** The text (trimmed of NULs and spaces), or hex ids for indexes 9 and 10. */
  value: string;
}

/** The `s7comm` object of every S7comm PDU event. Field names are the public schema. */
export interface S7Fields {
  /** ROSCTR, the PDU type: 1 job, 2 ack, 3 ack-data, 7 userdata. */
  rosctr: number;
  /** ROSCTR name (`job`, `ack`, `ack_data`, `userdata`, `unknown`). */
  rosctr_name: string;
  /** Redundancy identification (reserved, 0). */
  redundancy_id: number;
  /** PDU reference, copied by the responder: pairs a job with its ack-data. */
  pdu_ref: number;
  /** Parameter part length. */
  param_length: number;
  /** Data part length. */
  data_length: number;
  /** Error class of an ack / ack-data header (0 no error, 0x81..0x87). */
  error_class?: number;
  /** Error class name. */
  error_class_name?: string;
  /** Error code of an ack / ack-data header. */
  error_code?: number;
  /** Error class and code combined (class * 256 + code) when not zero, and its name. */
  error?: number;
  error_name?: string;
  /**
   * Parameter function code of a job or ack-data (0x04 Read Var, 0x05 Write Var, 0xF0 Setup
   * communication, 0x1A-0x1F block up/download, 0x28 PI service, 0x29 PLC stop). Absent on
   * userdata, ack, and PDUs without a parameter part, as in Wireshark.
   */
  function_code?: number;
  /** Function name (`read_var`, `write_var`, `plc_stop`, ...), or `unknown`. */
  function?: string;
  /** Item count of Read Var / Write Var. */
  item_count?: number;
  /** Items: addresses (job), values (write job, read ack-data), return codes (ack-data). */
  items?: S7Item[];
  /** Present and true when `items` was cut at the objects-per-message limit. */
  items_truncated?: boolean;
  /** Setup communication: maximum parallel jobs of the caller and the callee, PDU length. */
  max_amq_calling?: number;
  max_amq_called?: number;
  pdu_length?: number;
  /** Block up/download: function status (bit 0 more data, bit 1 error). */
  function_status?: number;
  /**
   * Block up/download file name as sent (`_0A00001P`). The ack-data of a block function
   * carries its job's, and upload and end upload (which carry only an upload id) that of the
   * start upload the PLC gave the id to.
   */
  filename?: string;
  /**
   * The block of a PLC file name (with `filename`), a block-info request, or a
   * list-blocks-of-type request.
   */
  block?: S7Block;
  /** Upload id of start upload / upload / end upload (an upload answer: its job's). */
  upload_id?: number;
  /** Request download: load memory length and MC7 code length (ASCII digits in the PDU). */
  load_memory_length?: number;
  mc7_length?: number;
  /** Start upload response: complete length of the block to upload. */
  block_length?: number;
  /** Download ended / end upload job: error code (0 success). */
  block_error_code?: number;
  /** Upload / download block data: bytes of block data carried. */
  block_data_length?: number;
  /**
   * PI service name (`_INSE`, `_DELE`, `P_PROGRAM`, `_MODU`, `_GARB`, `_N_...`) of a PI service
   * or PLC stop job, and of its ack-data (with the meaning, blocks and arguments of the job).
   */
  pi_service?: string;
  /**
   * PI service meaning (`activate_module`, `plc_start_stop`, `copy_ram_to_rom`, NC services such
   * as `select_program` or `delete_file`, `nc_service` for other `_N_` names), or `unknown`.
   */
  pi_service_meaning?: string;
  /** PI service argument strings (P_PROGRAM argument, NC parameters). */
  pi_arguments?: string[];
  /** Blocks named by `_INSE` / `_DELE`, or listed by block functions. */
  blocks?: S7Block[];
  /** Userdata: method byte (0x11 request, 0x12 response). */
  ud_method?: number;
  /** Userdata type: 0 push, 4 request, 8 response (3/7/11 NC variants). */
  ud_type?: number;
  /** Userdata type name. */
  ud_type_name?: string;
  /** Userdata function group: 0 mode transition, 1 programmer, 2 cyclic, 3 block, 4 CPU, 5 security, 7 time. */
  function_group?: number;
  /** Function group name. */
  function_group_name?: string;
  /** Userdata subfunction (for mode transition: the new CPU mode). */
  subfunction?: number;
  /** Subfunction name (`read_szl`, `plc_password`, `list_blocks`, `stop`, ...), or `unknown`. */
  subfunction_name?: string;
  /** Userdata sequence number. */
  sequence_number?: number;
  /** Userdata data unit reference (fragments of one answer share it). */
  data_unit_ref?: number;
  /** Userdata: false when more fragments of this answer follow. */
  last_data_unit?: boolean;
  /** Userdata parameter error code and its name. */
  param_error_code?: number;
  param_error_name?: string;
  /** Userdata data part: return code, transport size, length. */
  return_code?: number;
  return_code_name?: string;
  transport_size?: number;
  ud_data_length?: number;
  /** Userdata fragments reassembled into this PDU (present when more than one). */
  fragments?: number;
  /** SZL id and index of a Read SZL request or (reassembled) response. */
  szl_id?: number;
  szl_index?: number;
  /** SZL response: record length and record count. */
  szl_record_length?: number;
  szl_record_count?: number;
  /** SZL xy11: module identification records, order number and firmware version. */
  module_identification?: {
    records: SzlModuleRecord[];
    order_number?: string;
    firmware_version?: string;
  };
  /** SZL xy1C: component identification records and the main fields. */
  component_identification?: {
    records: SzlComponentRecord[];
    plc_name?: string;
    module_name?: string;
    serial_number?: string;
    module_type_name?: string;
    plant_designation?: string;
    copyright?: string;
  };
  /** SZL 0x0132 index 4: protection levels and mode switch. */
  protection?: {
    key_switch_level: number;
    assigned_level: number;
    effective_level: number;
    mode_switch: number;
    mode_switch_name: string;
  };
  /** Mode transition push: the CPU mode name. */
  cpu_mode?: string;
  /** CPU diagnostic message: event id. */
  event_id?: number;
  /** Security: length of the (obfuscated) password sent; the password itself is not kept. */
  password_length?: number;
  /** Time functions: the clock value (ISO 8601, as the PLC sent it, no time zone). */
  clock?: string;
  /** Block info response fields. */
  block_info?: {
    block_type?: string;
    block_number: number;
    language: number;
    language_name: string;
    flags: number;
    load_memory_length: number;
    mc7_length: number;
    author: string;
    family: string;
    name: string;
    version: string;
    checksum: number;
  };
  /** Cyclic services request: interval time base (0 100 ms, 1 s, 2 10 s) and factor. */
  cyclic_timebase?: number;
  cyclic_factor?: number;
  /** Cyclic services unsubscribe request: the job id. */
  cyclic_job_id?: number;
  /** Programmer commands (variable status, modify variable): item count of the TIS data. */
  tis_item_count?: number;
  /** Programmer commands: the addresses monitored or modified (memory area, DB, start address). */
  tis_items?: {
    memory_area: number;
    memory_area_name: string;
    repetition_or_bit: number;
    db_number: number;
    start_address: number;
  }[];
  /** List blocks response: block count per block type. */
  block_counts?: { block_type: string; count: number }[];
  /** List blocks of type request: the block type asked for. */
  list_block_type?: string;
  /** List blocks of type response: the blocks of that type. */
  block_list?: { block_number: number; flags: number; language: number; language_name: string }[];
}

/** The `s7comm_plus` object of `s7comm.plus`. */
export interface S7PlusFields {
  /** Protocol version byte: 1, 2, 3, 0xFE, 0xFF. */
  version: number;
  /** Version name (`v1`, `v2`, `v3`, `keep_alive`, ...). */
  version_name: string;
  /** Data length from the header. */
  data_length: number;
  /** True when the 4-byte trailer (0x72, version, length 0) closes the telegram in this frame. */
  trailer: boolean;
  /** Opcode: 0x31 request, 0x32 response, 0x33 notification, 0x02 response2. */
  opcode?: number;
  /** Opcode name. */
  opcode_name?: string;
  /** Function code (not in notifications), e.g. 0x054C GetMultiVariables. */
  function_code?: number;
  /** Function name (`get_multi_variables`, `create_object`, ...), or `unknown`. */
  function?: string;
  /** Sequence number, copied by the response. */
  sequence_number?: number;
  /**
   * Session id of a request (0x120 before a session exists), and of the response with the
   * request's sequence number.
   */
  session_id?: number;
  /** Subscription object id of a notification. */
  subscription_id?: number;
  /** Length of the V3 integrity digest (opaque). */
  integrity_length?: number;
  /**
   * Part of a telegram sent in several fragments: `first` (no trailer; the next telegrams of
   * this direction continue it), `inner`, `last` (with the trailer). Inner and last fragments
   * are data only and carry the first fragment's opcode, function, sequence number and session
   * id. Absent for a telegram sent whole.
   */
  fragment?: 'first' | 'inner' | 'last';
}

/** A COTP connection-management TPDU. */
export type S7CotpEvent = { readonly kind: 's7comm.cotp'; readonly cotp: CotpFields };

/** An S7comm PDU. */
export type S7PduEvent = {
  readonly kind:
    's7comm.job' | 's7comm.ack' | 's7comm.ack_data' | 's7comm.userdata' | 's7comm.unknown';
  readonly s7comm: S7Fields;
};

/** An S7comm-plus telegram. */
export type S7PlusEvent = { readonly kind: 's7comm.plus'; readonly s7comm_plus: S7PlusFields };

/** Every event the S7comm decoder emits. */
export type S7Event = S7CotpEvent | S7PduEvent | S7PlusEvent;

/** The kinds of {@link S7Event}, for the descriptor and the schema. */
export const S7_EVENT_KINDS = [
  's7comm.cotp',
  's7comm.job',
  's7comm.ack',
  's7comm.ack_data',
  's7comm.userdata',
  's7comm.unknown',
  's7comm.plus',
] as const;

/** Event kind per ROSCTR. */
export const ROSCTR_KINDS: Readonly<Record<number, S7PduEvent['kind']>> = {
  1: 's7comm.job',
  2: 's7comm.ack',
  3: 's7comm.ack_data',
  7: 's7comm.userdata',
};
