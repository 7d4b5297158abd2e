/**
 * MMS events. One event per MMS PDU (`mms.request`, `mms.response`, `mms.unconfirmed`,
 * `mms.reject`), one per session SPDU that carries no MMS PDU (`mms.session`: release, abort,
 * refuse, or a connect whose user data is not MMS) and one per COTP connection TPDU (`mms.cotp`).
 *
 * Every event carries the `mms` object below; fields a PDU does not have are absent. The layers
 * under MMS (COTP, session, presentation, ACSE) are described by the `cotp_*`, `spdu*`,
 * `presentation_*` and `acse_*` fields of the same object. References: see constants.ts.
 */

/** Event kinds. */
export const MMS_EVENT_KINDS = [
  'mms.request',
  'mms.response',
  'mms.unconfirmed',
  'mms.reject',
  'mms.session',
  'mms.cotp',
] as const;

/** An MMS event kind. */
export type MmsEventKind = (typeof MMS_EVENT_KINDS)[number];

/** An MMS object name ([ISO9506-2] ObjectName). */
export interface MmsObjectName {
  /** `vmd` (vmd-specific), `domain` (domain-specific) or `aa` (association-specific). */
  scope: 'vmd' | 'domain' | 'aa';
  /** Domain (IEC 61850: logical device) of a domain-specific name. */
  domain_id?: string;
  /** The item (IEC 61850: `LLN0$ST$Mod$stVal`...), or the vmd/aa-specific identifier. */
  item_id: string;
}

/** One access result of a read response or information report, or one written value. */
export interface MmsValue {
  /** False for a failure ([ISO9506-2] AccessResult failure). */
  success: boolean;
  /** Failure: the DataAccessError name (`object_access_denied`, ...) or `unknown`. */
  error?: string;
  /** Success: the Data alternative (`boolean`, `integer`, `structure`, ...) or `unknown`. */
  type?: string;
  /** Success: a capped text summary of the value (structures and arrays as `{a,b,...}`). */
  value?: string;
}

/** The `mms` object of every MMS event. Field names are the public schema. */
export interface MmsFields {
  // COTP (mms.cotp)
  /** COTP TPDU code (0xe0 CR, 0xd0 CC, 0x80 DR, ...). */
  cotp_type?: number;
  /** Name of `cotp_type` (`CR`, `CC`, `DR`, `DC`, `ER`...). */
  cotp_pdu?: string;
  /** CR/CC: calling TSAP in hex. */
  calling_tsap?: string;
  /** CR/CC: called TSAP in hex. */
  called_tsap?: string;
  /** DR: disconnect reason code. */
  disconnect_reason?: number;

  // Session ([X225])
  /** SPDU identifier of the session SPDU that carried this PDU. */
  spdu_type?: number;
  /** Name of `spdu_type` (`connect`, `accept`, `data_transfer`, `finish`, `abort`...). */
  spdu?: string;
  /** REFUSE: reason code and its name. */
  refuse_reason?: number;
  refuse_reason_name?: string;

  // Presentation ([X226])
  /** Presentation context id of the PDV that held the PDU. */
  presentation_context?: number;
  /** CP: abstract syntax name of every proposed context (`<id>=<oid>`), capped. */
  presentation_contexts?: string[];
  /** CPA: the result of every context definition (0 acceptance, 1 user, 2 provider rejection). */
  presentation_results?: number[];

  // ACSE ([X227])
  /** ACSE APDU carried with this PDU: `aarq`, `aare`, `rlrq`, `rlre` or `abrt`. */
  acse_pdu?: string;
  /** AARQ/AARE: application context name (MMS: 1.0.9506.2.3). */
  application_context?: string;
  /** AARQ: called AP title (object identifier form) and AE qualifier. */
  called_ap_title?: string;
  called_ae_qualifier?: number;
  /** AARQ: calling AP title and AE qualifier. */
  calling_ap_title?: string;
  calling_ae_qualifier?: number;
  /** AARE: responding AP title and AE qualifier. */
  responding_ap_title?: string;
  responding_ae_qualifier?: number;
  /** AARE: result (0 accepted, 1 rejected permanent, 2 rejected transient) and its name. */
  acse_result?: number;
  acse_result_name?: string;
  /** AARE: result source diagnostic value. */
  acse_diagnostic?: number;
  /** AARQ: authentication mechanism name (OID), when present. */
  authentication_mechanism?: string;
  /** AARQ: the kind of authentication value (`password`, `bitstring`, `external`, `other`); never the value. */
  authentication?: string;
  /** RLRQ/RLRE: release reason and name. */
  release_reason?: number;
  release_reason_name?: string;
  /** ABRT: abort source name. */
  abort_source?: string;

  // MMS ([ISO9506-2])
  /** MMSpdu choice (0 confirmed-Request ... 13 conclude-Error). */
  pdu_type?: number;
  /** Name of `pdu_type` (`confirmed_request`, `initiate_response`...). */
  pdu?: string;
  /** Invoke id of a confirmed PDU, cancel or reject (original invoke id). */
  invoke_id?: number;
  /** Confirmed service choice (of the request, or of the request an error answers). */
  service?: number;
  /** Name of `service` (`read`, `write`, `get_name_list`, `file_open`...), or `unknown`. */
  service_name?: string;
  /** Unconfirmed service choice (0 informationReport, 1 unsolicitedStatus, 2 eventNotification). */
  unconfirmed_service?: number;
  /** Name of `unconfirmed_service`. */
  unconfirmed_service_name?: string;
  /** Responses and errors: whether the request with this invoke id was seen on the flow. */
  paired?: boolean;
  /** Variables named by the PDU (read, write, attributes, variable lists, reports), capped. */
  variables?: MmsObjectName[];
  /** Number of variables, including the ones not listed. */
  variable_count?: number;
  /** Named variable list (read/write/report by list, define/get/delete list). */
  variable_list_name?: MmsObjectName;
  /** Delete named variable list: the lists named, capped. */
  variable_list_names?: MmsObjectName[];
  /** IEC 61850-8-1 control operation of a write (`operate`, `select_with_value`, `cancel`) or read of SBO (`select`). */
  control?: string;
  /** Read responses and information reports: access results; write requests: the values; capped. */
  results?: MmsValue[];
  /** Number of access results or values, including the ones not listed. */
  result_count?: number;
  /** Number of failed access results (read, report) or failed writes (write response). */
  failure_count?: number;
  /** Write response: outcome of each write, `success` or the DataAccessError name, capped. */
  write_results?: string[];
  /** GetNameList request: object class and its name. */
  object_class?: number;
  object_class_name?: string;
  /** GetNameList request: scope (`vmd`, `domain`, `aa`) and the domain of a domain scope. */
  object_scope?: string;
  scope_domain?: string;
  /** GetNameList request: continueAfter identifier. */
  continue_after?: string;
  /** GetNameList response: the returned identifiers, capped. */
  identifiers?: string[];
  /** GetNameList response: number of identifiers, including the ones not listed. */
  identifier_count?: number;
  /** GetNameList / fileDirectory response: more follows. */
  more_follows?: boolean;
  /** Identify response. */
  vendor_name?: string;
  model_name?: string;
  revision?: string;
  /** Domain name of domain services (download, upload, delete, attributes) and program invocation names. */
  domain_name?: string;
  /** File services: file names (fileOpen, fileDelete, fileRename old and new, obtainFile source and destination, fileDirectory), capped. */
  file_names?: string[];
  /** fileRead / fileClose request, fileOpen response: file read state machine id. */
  frsm_id?: number;
  /** Initiate: local detail (max PDU size). */
  max_pdu_size?: number;
  /** Initiate: max services outstanding calling / called. */
  max_serv_outstanding_calling?: number;
  max_serv_outstanding_called?: number;
  /** Initiate: data structure nesting level. */
  nesting_level?: number;
  /** Initiate: MMS version number. */
  version?: number;
  /** Initiate: parameter CBBs offered (`str1`, `vnam`, `vlis`...). */
  parameter_cbb?: string[];
  /** Initiate: services supported bitmap in hex (ServiceSupportOptions, bit 0 = status). */
  services_supported?: string;
  /** Initiate: number of services the bitmap says are supported. */
  services_supported_count?: number;
  /** Errors: error class and its name, error code and its name (when known). */
  error_class?: number;
  error_class_name?: string;
  error_code?: number;
  error_code_name?: string;
  /** Reject: reason type (`confirmed_request`, `pdu_error`...), code and its name. */
  reject_type?: string;
  reject_code?: number;
  reject_reason?: string;
}

/** An MMS event as emitted. */
export interface MmsEvent {
  kind: MmsEventKind;
  mms: MmsFields;
}
