/**
 * Code tables of the ISO/OSI stack under MMS and of MMS itself.
 *
 * References:
 * - [RFC1006] ISO transport service on top of TCP, section 6 (TPKT).
 * - [X224] ITU-T X.224 / ISO 8073: 13.2 TPDU codes, 13.3.4 parameters (TSAPs).
 * - [X225] ITU-T X.225 / ISO 8327-1: 8.3 SPDU identifiers (SI) and parameter codes (PI).
 * - [X226] ITU-T X.226 / ISO 8823-1: 8.2 CP-type, CPA-PPDU, User-data (fully-encoded-data).
 * - [X227] ITU-T X.227 / ISO 8650-1: ACSE APDUs (AARQ, AARE, RLRQ, RLRE, ABRT).
 * - [ISO9506-2] ISO 9506-2 (MMS protocol), ASN.1 module ISO-9506-MMS-1: MMSpdu, service
 *   choices, DataAccessError, ServiceError, RejectPDU, ObjectClass.
 * - [IEC61850-8-1] IEC 61850-8-1, 20 (control model over MMS: Oper, SBO, SBOw, Cancel).
 */

/** The TPKT header, shared with the other ISO-on-TCP decoder (`../../tpkt.ts`). */
export { TPKT } from '../../tpkt.js';

/** [X224] 13.2: TPDU codes (high nibble). */
export const COTP_TYPE = {
  ED: 0x10,
  EA: 0x20,
  RJ: 0x50,
  AK: 0x60,
  ER: 0x70,
  DR: 0x80,
  DC: 0xc0,
  CC: 0xd0,
  CR: 0xe0,
  DT: 0xf0,
} as const;

/** TPDU names by code. */
export const COTP_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x10: 'ED',
  0x20: 'EA',
  0x50: 'RJ',
  0x60: 'AK',
  0x70: 'ER',
  0x80: 'DR',
  0xc0: 'DC',
  0xd0: 'CC',
  0xe0: 'CR',
  0xf0: 'DT',
};

/** [X224] 13.3, 13.7: fixed parts and parameter codes. */
export const COTP = {
  /** Class 0 DT: length indicator 2 (code + EOT/TPDU-NR). */
  DT_LI: 2,
  EOT: 0x80,
  /** CR/CC fixed part after the code byte: DST-REF(2) SRC-REF(2) class/option(1). */
  CONNECT_FIXED: 5,
  PARAM_CALLING_TSAP: 0xc1,
  PARAM_CALLED_TSAP: 0xc2,
  PARAM_TPDU_SIZE: 0xc0,
} as const;

/** [X225] 8.3: SPDU identifiers (SI) used on an MMS association. */
export const SPDU = {
  /** GIVE-TOKENS and DATA TRANSFER share SI 1 ([X225] 8.3.12 / 8.3.15, "concatenated"). */
  DATA_TRANSFER: 0x01,
  FINISH: 0x09,
  DISCONNECT: 0x0a,
  NOT_FINISHED: 0x08,
  REFUSE: 0x0c,
  CONNECT: 0x0d,
  ACCEPT: 0x0e,
  ABORT: 0x19,
  ABORT_ACCEPT: 0x1a,
} as const;

/** SPDU names by SI ([X225] Table 7). */
export const SPDU_NAMES: Readonly<Record<number, string>> = {
  0x01: 'data_transfer',
  0x02: 'please_tokens',
  0x05: 'expedited',
  0x07: 'prepare',
  0x08: 'not_finished',
  0x09: 'finish',
  0x0a: 'disconnect',
  0x0c: 'refuse',
  0x0d: 'connect',
  0x0e: 'accept',
  0x0f: 'connect_data_overflow',
  0x10: 'overflow_accept',
  0x15: 'give_tokens_confirm',
  0x16: 'give_tokens_ack',
  0x19: 'abort',
  0x1a: 'abort_accept',
  0x29: 'activity_resume',
  0x30: 'typed_data',
  0x31: 'resynchronize_ack',
  0x32: 'major_sync_point',
  0x35: 'resynchronize',
  0x38: 'minor_sync_ack',
  0x3a: 'activity_discard',
  0x41: 'capability_data',
};

/** [X225] 8.3: parameter identifiers read by the decoder. */
export const SPDU_PI = {
  /** Transport disconnect (ABORT). */
  TRANSPORT_DISCONNECT: 0x11,
  /** Reason code (REFUSE). */
  REASON_CODE: 0x32,
  USER_DATA: 0xc1,
  EXTENDED_USER_DATA: 0xc2,
} as const;

/** [X225] 8.3.5.17: REFUSE reason codes (first octet of the Reason Code parameter). */
export const SESSION_REFUSE_NAMES: Readonly<Record<number, string>> = {
  0: 'rejection_by_ssuser_no_reason',
  1: 'ssuser_congestion',
  2: 'rejection_by_ssuser',
  128: 'session_selector_unknown',
  129: 'ssuser_not_attached',
  130: 'spm_congestion',
  131: 'proposed_protocol_versions_not_supported',
  132: 'rejection_by_spm_no_reason',
  133: 'rejection_by_spm_implementation_restriction',
};

/** Abstract syntaxes of presentation contexts ([X227] 7, [ISO9506-2] 7). */
export const OID = {
  /** joint-iso-itu-t(2) association-control(2) abstract-syntax(1) apdus(0) version1(1) */
  ACSE: '2.2.1.0.1',
  /** iso(1) standard(0) iso9506(9506) part(2) mms-abstract-syntax-version1(1) */
  MMS: '1.0.9506.2.1',
  /** iso(1) standard(0) iso9506(9506) part(2) mms-annex-version1(3): MMS application context */
  MMS_CONTEXT: '1.0.9506.2.3',
} as const;

/** [X227] AARE result. */
export const ACSE_RESULT_NAMES: Readonly<Record<number, string>> = {
  0: 'accepted',
  1: 'rejected_permanent',
  2: 'rejected_transient',
};

/** [X227] ABRT abort-source. */
export const ACSE_ABORT_SOURCE_NAMES: Readonly<Record<number, string>> = {
  0: 'acse_service_user',
  1: 'acse_service_provider',
};

/** [X227] RLRQ / RLRE reason. */
export const ACSE_RELEASE_REASON_NAMES: Readonly<Record<number, string>> = {
  0: 'normal',
  1: 'urgent',
  30: 'user_defined',
};

/** [X227] APDU tags ([APPLICATION n], constructed). */
export const ACSE_PDU_NAMES: Readonly<Record<number, string>> = {
  0: 'aarq',
  1: 'aare',
  2: 'rlrq',
  3: 'rlre',
  4: 'abrt',
};

/** [ISO9506-2] MMSpdu CHOICE alternatives (context tag numbers). */
export const PDU = {
  CONFIRMED_REQUEST: 0,
  CONFIRMED_RESPONSE: 1,
  CONFIRMED_ERROR: 2,
  UNCONFIRMED: 3,
  REJECT: 4,
  CANCEL_REQUEST: 5,
  CANCEL_RESPONSE: 6,
  CANCEL_ERROR: 7,
  INITIATE_REQUEST: 8,
  INITIATE_RESPONSE: 9,
  INITIATE_ERROR: 10,
  CONCLUDE_REQUEST: 11,
  CONCLUDE_RESPONSE: 12,
  CONCLUDE_ERROR: 13,
} as const;

/** MMSpdu names (snake_case of the ASN.1 names). */
export const PDU_NAMES: readonly string[] = [
  'confirmed_request',
  'confirmed_response',
  'confirmed_error',
  'unconfirmed',
  'reject',
  'cancel_request',
  'cancel_response',
  'cancel_error',
  'initiate_request',
  'initiate_response',
  'initiate_error',
  'conclude_request',
  'conclude_response',
  'conclude_error',
];

/** [ISO9506-2] ConfirmedServiceRequest / ConfirmedServiceResponse choices used below. */
export const SVC = {
  STATUS: 0,
  GET_NAME_LIST: 1,
  IDENTIFY: 2,
  RENAME: 3,
  READ: 4,
  WRITE: 5,
  GET_VARIABLE_ACCESS_ATTRIBUTES: 6,
  DEFINE_NAMED_VARIABLE_LIST: 11,
  GET_NAMED_VARIABLE_LIST_ATTRIBUTES: 12,
  DELETE_NAMED_VARIABLE_LIST: 13,
  TAKE_CONTROL: 19,
  RELINQUISH_CONTROL: 20,
  INITIATE_DOWNLOAD_SEQUENCE: 26,
  DOWNLOAD_SEGMENT: 27,
  TERMINATE_DOWNLOAD_SEQUENCE: 28,
  INITIATE_UPLOAD_SEQUENCE: 29,
  UPLOAD_SEGMENT: 30,
  TERMINATE_UPLOAD_SEQUENCE: 31,
  REQUEST_DOMAIN_DOWNLOAD: 32,
  REQUEST_DOMAIN_UPLOAD: 33,
  LOAD_DOMAIN_CONTENT: 34,
  STORE_DOMAIN_CONTENT: 35,
  DELETE_DOMAIN: 36,
  GET_DOMAIN_ATTRIBUTES: 37,
  CREATE_PROGRAM_INVOCATION: 38,
  DELETE_PROGRAM_INVOCATION: 39,
  START: 40,
  STOP: 41,
  RESUME: 42,
  RESET: 43,
  KILL: 44,
  OBTAIN_FILE: 46,
  FILE_OPEN: 72,
  FILE_READ: 73,
  FILE_CLOSE: 74,
  FILE_RENAME: 75,
  FILE_DELETE: 76,
  FILE_DIRECTORY: 77,
} as const;

/** [ISO9506-2] ConfirmedServiceRequest CHOICE: names by context tag (0..77). */
export const CONFIRMED_SERVICE_NAMES: readonly string[] = [
  'status',
  'get_name_list',
  'identify',
  'rename',
  'read',
  'write',
  'get_variable_access_attributes',
  'define_named_variable',
  'define_scattered_access',
  'get_scattered_access_attributes',
  'delete_variable_access',
  'define_named_variable_list',
  'get_named_variable_list_attributes',
  'delete_named_variable_list',
  'define_named_type',
  'get_named_type_attributes',
  'delete_named_type',
  'input',
  'output',
  'take_control',
  'relinquish_control',
  'define_semaphore',
  'delete_semaphore',
  'report_semaphore_status',
  'report_pool_semaphore_status',
  'report_semaphore_entry_status',
  'initiate_download_sequence',
  'download_segment',
  'terminate_download_sequence',
  'initiate_upload_sequence',
  'upload_segment',
  'terminate_upload_sequence',
  'request_domain_download',
  'request_domain_upload',
  'load_domain_content',
  'store_domain_content',
  'delete_domain',
  'get_domain_attributes',
  'create_program_invocation',
  'delete_program_invocation',
  'start',
  'stop',
  'resume',
  'reset',
  'kill',
  'get_program_invocation_attributes',
  'obtain_file',
  'define_event_condition',
  'delete_event_condition',
  'get_event_condition_attributes',
  'report_event_condition_status',
  'alter_event_condition_monitoring',
  'trigger_event',
  'define_event_action',
  'delete_event_action',
  'get_event_action_attributes',
  'report_event_action_status',
  'define_event_enrollment',
  'delete_event_enrollment',
  'alter_event_enrollment',
  'report_event_enrollment_status',
  'get_event_enrollment_attributes',
  'acknowledge_event_notification',
  'get_alarm_summary',
  'get_alarm_enrollment_summary',
  'read_journal',
  'write_journal',
  'initialize_journal',
  'report_journal_status',
  'create_journal',
  'delete_journal',
  'get_capability_list',
  'file_open',
  'file_read',
  'file_close',
  'file_rename',
  'file_delete',
  'file_directory',
];

/** [ISO9506-2] UnconfirmedService CHOICE. */
export const UNCONFIRMED_SERVICE_NAMES: readonly string[] = [
  'information_report',
  'unsolicited_status',
  'event_notification',
];

/** Services that move a file or a domain (program) image between the peers. */
export const FILE_TRANSFER_SERVICES: ReadonlySet<number> = new Set([
  SVC.FILE_OPEN,
  SVC.FILE_READ,
  SVC.INITIATE_DOWNLOAD_SEQUENCE,
  SVC.DOWNLOAD_SEGMENT,
  SVC.INITIATE_UPLOAD_SEQUENCE,
  SVC.UPLOAD_SEGMENT,
  SVC.REQUEST_DOMAIN_DOWNLOAD,
  SVC.REQUEST_DOMAIN_UPLOAD,
  SVC.LOAD_DOMAIN_CONTENT,
  SVC.STORE_DOMAIN_CONTENT,
]);

/** Services that change the server's file store (obtainFile makes the server fetch a file). */
export const FILE_CHANGE_SERVICES: ReadonlySet<number> = new Set([
  SVC.FILE_DELETE,
  SVC.FILE_RENAME,
  SVC.OBTAIN_FILE,
]);

/** Services that control program invocations or delete domains. */
export const PROGRAM_SERVICES: ReadonlySet<number> = new Set([
  SVC.DELETE_DOMAIN,
  SVC.CREATE_PROGRAM_INVOCATION,
  SVC.DELETE_PROGRAM_INVOCATION,
  SVC.START,
  SVC.STOP,
  SVC.RESUME,
  SVC.RESET,
  SVC.KILL,
]);

/** [ISO9506-2] DataAccessError. */
export const DATA_ACCESS_ERROR_NAMES: readonly string[] = [
  'object_invalidated',
  'hardware_fault',
  'temporarily_unavailable',
  'object_access_denied',
  'object_undefined',
  'invalid_address',
  'type_unsupported',
  'type_inconsistent',
  'object_attribute_inconsistent',
  'object_access_unsupported',
  'object_non_existent',
  'object_value_invalid',
];

/** [ISO9506-2] Data CHOICE alternatives (context tags 1..17). */
export const DATA_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'array',
  2: 'structure',
  3: 'boolean',
  4: 'bit_string',
  5: 'integer',
  6: 'unsigned',
  7: 'floating_point',
  9: 'octet_string',
  10: 'visible_string',
  11: 'generalized_time',
  12: 'binary_time',
  13: 'bcd',
  14: 'boolean_array',
  15: 'obj_id',
  16: 'mms_string',
  17: 'utc_time',
};

/** [ISO9506-2] ServiceError errorClass CHOICE. */
export const ERROR_CLASS_NAMES: readonly string[] = [
  'vmd_state',
  'application_reference',
  'definition',
  'resource',
  'service',
  'service_preempt',
  'time_resolution',
  'access',
  'initiate',
  'conclude',
  'cancel',
  'file',
  'others',
];

/** [ISO9506-2] ServiceError error codes by class (time-resolution and others have none). */
export const ERROR_CODE_NAMES: Readonly<Record<number, readonly string[]>> = {
  0: [
    'other',
    'vmd_state_conflict',
    'vmd_operational_problem',
    'domain_transfer_problem',
    'state_machine_id_invalid',
  ],
  1: [
    'other',
    'application_unreachable',
    'connection_lost',
    'application_reference_invalid',
    'context_unsupported',
  ],
  2: [
    'other',
    'object_undefined',
    'invalid_address',
    'type_unsupported',
    'type_inconsistent',
    'object_exists',
    'object_attribute_inconsistent',
  ],
  3: [
    'other',
    'memory_unavailable',
    'processor_resource_unavailable',
    'mass_storage_unavailable',
    'capability_unavailable',
    'capability_unknown',
  ],
  4: [
    'other',
    'primitives_out_of_sequence',
    'object_state_conflict',
    'pdu_size',
    'continuation_invalid',
    'object_constraint_conflict',
  ],
  7: [
    'other',
    'object_access_unsupported',
    'object_non_existent',
    'object_access_denied',
    'object_invalidated',
  ],
  8: [
    'other',
    'version_incompatible',
    'max_segment_insufficient',
    'max_services_outstanding_calling_insufficient',
    'max_services_outstanding_called_insufficient',
    'service_cbb_insufficient',
    'parameter_cbb_insufficient',
    'nesting_level_insufficient',
  ],
  9: ['other', 'further_communication_required'],
  10: ['other', 'invoke_id_unknown', 'cancel_not_possible'],
  11: [
    'other',
    'filename_ambiguous',
    'file_busy',
    'filename_syntax_error',
    'content_type_invalid',
    'position_invalid',
    'file_access_denied',
    'file_non_existent',
    'duplicate_filename',
    'insufficient_space_in_filestore',
  ],
};

/** [ISO9506-2] RejectPDU rejectReason CHOICE (context tags 1..11). */
export const REJECT_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'confirmed_request',
  2: 'confirmed_response',
  3: 'confirmed_error',
  4: 'unconfirmed',
  5: 'pdu_error',
  6: 'cancel_request',
  7: 'cancel_response',
  8: 'cancel_error',
  9: 'conclude_request',
  10: 'conclude_response',
  11: 'conclude_error',
};

/** [ISO9506-2] reject codes of the two reasons that are not per-PDU bookkeeping. */
export const REJECT_CODE_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: [
    'other',
    'unrecognized_service',
    'unrecognized_modifier',
    'invalid_invoke_id',
    'invalid_argument',
    'invalid_modifier',
    'max_serv_outstanding_exceeded',
    'reserved',
    'max_recursion_exceeded',
    'value_out_of_range',
  ],
  5: ['unknown_pdu_type', 'invalid_pdu', 'illegal_acse_mapping'],
};

/** [ISO9506-2] ObjectClass basicObjectClass. */
export const OBJECT_CLASS_NAMES: readonly string[] = [
  'named_variable',
  'scattered_access',
  'named_variable_list',
  'named_type',
  'semaphore',
  'event_condition',
  'event_action',
  'event_enrollment',
  'journal',
  'domain',
  'program_invocation',
  'operator_station',
  'data_exchange',
  'access_control_list',
];

/** [ISO9506-2] ParameterSupportOptions bits (bit 0 first). */
export const PARAMETER_CBB_NAMES: readonly string[] = [
  'str1',
  'str2',
  'vnam',
  'valt',
  'vadr',
  'vsca',
  'tpy',
  'vlis',
  'real',
  'spare_9',
  'cei',
];

/**
 * [IEC61850-8-1] 20: the control model maps onto writes of these components of a controllable
 * data object (`<LN>$CO$<DO>$Oper`, `...$SBOw`, `...$Cancel`) and a read of `$SBO`.
 */
export const CONTROL_SUFFIXES: readonly (readonly [string, string])[] = [
  ['$Oper', 'operate'],
  ['$SBOw', 'select_with_value'],
  ['$SBO', 'select'],
  ['$Cancel', 'cancel'],
];
