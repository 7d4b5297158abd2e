/**
 * The MMS PDU ([ISO9506-2] ISO-9506-MMS-1 MMSpdu): PDU type, invoke id and request/response
 * pairing, the confirmed services by name with the arguments an analyst needs (variable
 * specifications, data values, name lists, identify, file and domain services, initiate
 * parameters), information reports, errors and rejects.
 *
 * The decoder reads the BER in place (`ber.ts`): no copy of the PDU, strings only for what goes
 * into the event, every list capped at `maxObjectsPerMessage` (`mms.objects_limit_reached`),
 * values summarised to {@link VALUE_CHARS} characters at most {@link MAX_VALUE_DEPTH} levels deep.
 */
import type { DecodeSink } from '../../decoder.js';
import { CLS, T, berInt, berOid, berText, berUint, hexOf, readTlv } from './ber.js';
import {
  CONFIRMED_SERVICE_NAMES,
  CONTROL_SUFFIXES,
  DATA_ACCESS_ERROR_NAMES,
  DATA_TYPE_NAMES,
  ERROR_CLASS_NAMES,
  ERROR_CODE_NAMES,
  FILE_CHANGE_SERVICES,
  FILE_TRANSFER_SERVICES,
  OBJECT_CLASS_NAMES,
  PARAMETER_CBB_NAMES,
  PDU,
  PDU_NAMES,
  PROGRAM_SERVICES,
  REJECT_CODE_NAMES,
  REJECT_TYPE_NAMES,
  SVC,
  UNCONFIRMED_SERVICE_NAMES,
} from './constants.js';
import type { MmsEventKind, MmsFields, MmsObjectName, MmsValue } from './events.js';
import type { MmsState } from './mms.js';

/** Longest value summary in an event, in characters. */
export const VALUE_CHARS = 96;
/** Deepest structure or array level summarised. */
export const MAX_VALUE_DEPTH = 4;
/** Longest octet string or bit string shown in a value, in bytes. */
const VALUE_BYTES = 32;

/** The event kind of each PDU type. */
const KIND_OF_PDU: readonly MmsEventKind[] = [
  'mms.request',
  'mms.response',
  'mms.response',
  'mms.unconfirmed',
  'mms.reject',
  'mms.request',
  'mms.response',
  'mms.response',
  'mms.request',
  'mms.response',
  'mms.response',
  'mms.request',
  'mms.response',
  'mms.response',
];

/**
 * Decodes the MMS PDU in data[s, e) into `f` (which may already hold the fields of the layers
 * below) and emits its event. Returns false when the PDU is not well-formed MMS.
 */
export function decodeMmsPdu(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.CONTEXT || T().tag > PDU.CONCLUDE_ERROR) {
    sink.anomaly('mms.invalid_pdu', `PDU tag 0x${(data[s] ?? 0).toString(16)}`);
    return false;
  }
  const type = T().tag;
  const cons = T().cons;
  const vs = T().vs;
  const ve = T().ve;
  f.pdu_type = type;
  f.pdu = PDU_NAMES[type] as string;
  let ok = true;
  switch (type) {
    case PDU.CONFIRMED_REQUEST:
      ok = cons && confirmedRequest(state, data, vs, ve, f, sink);
      break;
    case PDU.CONFIRMED_RESPONSE:
      ok = cons && confirmedResponse(state, data, vs, ve, f, sink);
      break;
    case PDU.CONFIRMED_ERROR:
      ok = cons && confirmedError(state, data, vs, ve, f, sink);
      break;
    case PDU.UNCONFIRMED:
      ok = cons && unconfirmed(state, data, vs, ve, f, sink);
      break;
    case PDU.REJECT:
      ok = cons && rejectPdu(data, vs, ve, f, sink);
      break;
    case PDU.CANCEL_REQUEST:
    case PDU.CANCEL_RESPONSE:
      f.invoke_id = berUint(data, vs, ve);
      ok = !cons && !Number.isNaN(f.invoke_id);
      if (ok && type === PDU.CANCEL_RESPONSE) pairResponse(state, f, -1);
      break;
    case PDU.CANCEL_ERROR:
      ok = cons && cancelError(state, data, vs, ve, f, sink);
      break;
    case PDU.INITIATE_REQUEST:
    case PDU.INITIATE_RESPONSE:
      ok = cons && initiate(data, vs, ve, f);
      if (ok) state.associated = true;
      break;
    case PDU.INITIATE_ERROR:
      ok = cons && serviceError(data, vs, ve, f);
      if (ok) sink.anomaly('mms.association_rejected', describeError(f));
      break;
    case PDU.CONCLUDE_REQUEST:
    case PDU.CONCLUDE_RESPONSE:
      ok = !cons;
      break;
    case PDU.CONCLUDE_ERROR:
      ok = cons && serviceError(data, vs, ve, f);
      if (ok) sink.anomaly('mms.error_response', `conclude refused: ${describeError(f)}`);
      break;
  }
  if (!ok) {
    sink.anomaly('mms.invalid_pdu', `malformed ${f.pdu}`);
    // The PDU header was sound: report what was decoded (as Wireshark shows a truncated PDU's
    // leading fields), but only on a flow already known to be MMS.
    if (!state.confirmed) return false;
  }
  sink.emit({ kind: KIND_OF_PDU[type] as MmsEventKind, mms: f });
  return true;
}

/** `class/code` of a service error for anomaly details. */
function describeError(f: MmsFields): string {
  return `${f.error_class_name ?? 'unknown'}/${f.error_code_name ?? f.error_code ?? '?'}`;
}

// ---------------------------------------------------------------- confirmed PDUs

function confirmedRequest(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.UNIVERSAL || T().tag !== 2) return false;
  const id = berUint(data, T().vs, T().ve);
  if (Number.isNaN(id)) return false;
  f.invoke_id = id;
  let p = T().ve;
  // listOfModifier (SEQUENCE OF Modifier), optional: skipped.
  if (!readTlv(data, p, e)) return false;
  if (T().cls === CLS.UNIVERSAL && T().tag === 16) {
    p = T().ve;
    if (!readTlv(data, p, e)) return false;
  }
  if (T().cls !== CLS.CONTEXT) return false;
  const svc = T().tag;
  f.service = svc;
  f.service_name = CONFIRMED_SERVICE_NAMES[svc] ?? 'unknown';
  rememberRequest(state, id, svc, sink);
  const ok = requestService(state, data, svc, T().cons, T().vs, T().ve, f, sink);
  if (ok) flagRequest(svc, f, sink);
  return ok;
}

/** Remembers an outstanding request for pairing; the oldest is forgotten at the limit. */
function rememberRequest(state: MmsState, id: number, svc: number, sink: DecodeSink): void {
  const pending = state.pending;
  // Both peers may issue requests (ICCP, reports with confirmations): keys are per requester.
  const key = id * 2 + state.dir;
  if (!pending.has(key) && pending.size >= state.limits.maxPendingTransactions) {
    const oldest = pending.keys().next().value as number;
    pending.delete(oldest);
    sink.anomaly('mms.too_many_transactions', `more than ${state.limits.maxPendingTransactions}`);
  }
  pending.delete(key);
  pending.set(key, svc);
}

/**
 * Marks a response or error as paired with its request (and names the service of an error);
 * `svc` is the service the response itself names, or -1.
 */
function pairResponse(state: MmsState, f: MmsFields, svc: number): void {
  const key = (f.invoke_id as number) * 2 + (1 - state.dir);
  const req = state.pending.get(key);
  f.paired = req !== undefined;
  if (req !== undefined) {
    state.pending.delete(key);
    if (svc < 0 && f.pdu_type === PDU.CONFIRMED_ERROR) {
      f.service = req;
      f.service_name = CONFIRMED_SERVICE_NAMES[req] ?? 'unknown';
    }
  }
}

function confirmedResponse(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.UNIVERSAL || T().tag !== 2) return false;
  const id = berUint(data, T().vs, T().ve);
  if (Number.isNaN(id)) return false;
  f.invoke_id = id;
  if (!readTlv(data, T().ve, e) || T().cls !== CLS.CONTEXT) return false;
  const svc = T().tag;
  f.service = svc;
  f.service_name = CONFIRMED_SERVICE_NAMES[svc] ?? 'unknown';
  pairResponse(state, f, svc);
  if (!f.paired && state.associated) {
    sink.anomaly('mms.unsolicited_response', `invoke id ${id} (${f.service_name}) not requested`);
  }
  return responseService(state, data, svc, T().cons, T().vs, T().ve, f, sink);
}

function confirmedError(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  let p = s;
  let ok = false;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    if (T().tag === 0) f.invoke_id = berUint(data, T().vs, T().ve);
    else if (T().tag === 2 && T().cons) ok = serviceError(data, T().vs, T().ve, f);
  }
  if (!ok || f.invoke_id === undefined || Number.isNaN(f.invoke_id)) return false;
  pairResponse(state, f, -1);
  sink.anomaly('mms.error_response', `${f.service_name ?? 'service'}: ${describeError(f)}`);
  return true;
}

function cancelError(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  let p = s;
  let ok = false;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    if (T().tag === 0) f.invoke_id = berUint(data, T().vs, T().ve);
    else if (T().tag === 1 && T().cons) ok = serviceError(data, T().vs, T().ve, f);
  }
  if (!ok) return false;
  if (f.invoke_id !== undefined) pairResponse(state, f, -1);
  sink.anomaly('mms.error_response', `cancel refused: ${describeError(f)}`);
  return true;
}

/** ServiceError contents: errorClass [0] (a CHOICE of INTEGERs), additionalCode [1]. */
function serviceError(data: Uint8Array, s: number, e: number, f: MmsFields): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.CONTEXT || T().tag !== 0 || !T().cons) return false;
  if (!readTlv(data, T().vs, T().ve) || T().cls !== CLS.CONTEXT) return false;
  const cls = T().tag;
  const code = berInt(data, T().vs, T().ve);
  f.error_class = cls;
  f.error_class_name = ERROR_CLASS_NAMES[cls] ?? 'unknown';
  if (!Number.isNaN(code)) {
    f.error_code = code;
    const name = ERROR_CODE_NAMES[cls]?.[code];
    if (name !== undefined) f.error_code_name = name;
  }
  return true;
}

function rejectPdu(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  let p = s;
  let ok = false;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    if (T().tag === 0) f.invoke_id = berUint(data, T().vs, T().ve);
    else {
      const code = berInt(data, T().vs, T().ve);
      f.reject_type = REJECT_TYPE_NAMES[T().tag] ?? 'unknown';
      if (!Number.isNaN(code)) {
        f.reject_code = code;
        const name = REJECT_CODE_NAMES[T().tag]?.[code];
        if (name !== undefined) f.reject_reason = name;
      }
      ok = true;
    }
  }
  if (ok) sink.anomaly('mms.reject', `${f.reject_type}: ${f.reject_reason ?? f.reject_code}`);
  return ok;
}

// ---------------------------------------------------------------- initiate

function initiate(data: Uint8Array, s: number, e: number, f: MmsFields): boolean {
  let p = s;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    const v = berInt(data, T().vs, T().ve);
    switch (T().tag) {
      case 0:
        if (!Number.isNaN(v)) f.max_pdu_size = v;
        break;
      case 1:
        if (!Number.isNaN(v)) f.max_serv_outstanding_calling = v;
        break;
      case 2:
        if (!Number.isNaN(v)) f.max_serv_outstanding_called = v;
        break;
      case 3:
        if (!Number.isNaN(v)) f.nesting_level = v;
        break;
      case 4:
        if (T().cons && !initDetail(data, T().vs, T().ve, f)) return false;
        break;
    }
  }
  return true;
}

/** mmsInitRequestDetail / mmsInitResponseDetail: version, parameter CBBs, services supported. */
function initDetail(data: Uint8Array, s: number, e: number, f: MmsFields): boolean {
  let p = s;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    if (T().tag === 0) {
      const v = berInt(data, T().vs, T().ve);
      if (!Number.isNaN(v)) f.version = v;
    } else if (T().tag === 1 && T().ve > T().vs) {
      const names: string[] = [];
      const bits = (T().ve - T().vs - 1) * 8;
      for (let i = 0; i < bits && i < PARAMETER_CBB_NAMES.length; i++) {
        if (((data[T().vs + 1 + (i >> 3)] as number) >> (7 - (i & 7))) & 1) {
          names.push(PARAMETER_CBB_NAMES[i] as string);
        }
      }
      f.parameter_cbb = names;
    } else if (T().tag === 2 && T().ve > T().vs) {
      f.services_supported = hexOf(data, T().vs + 1, T().ve, 16);
      let count = 0;
      for (let i = T().vs + 1; i < T().ve; i++) {
        let b = data[i] as number;
        while (b) {
          count += b & 1;
          b >>= 1;
        }
      }
      f.services_supported_count = count;
    }
  }
  return true;
}

// ---------------------------------------------------------------- requests

function requestService(
  state: MmsState,
  data: Uint8Array,
  svc: number,
  cons: boolean,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  const lim = state.limits.maxObjectsPerMessage;
  const cap = state.limits.maxStringBytes;
  switch (svc) {
    case SVC.GET_NAME_LIST:
      return cons && getNameListRequest(data, s, e, f, cap);
    case SVC.READ: {
      if (!cons) return false;
      let p = s;
      while (p < e) {
        if (!readTlv(data, p, e)) return false;
        p = T().ve;
        if (T().cls === CLS.CONTEXT && T().tag === 1 && T().cons) {
          if (!varAccessSpec(data, T().vs, T().ve, f, lim, cap, sink)) return false;
        }
      }
      if (f.variables !== undefined) {
        for (const v of f.variables) {
          if (v.item_id.endsWith('$SBO')) f.control = 'select';
        }
      }
      return true;
    }
    case SVC.WRITE: {
      if (!cons) return false;
      if (!varAccessSpec(data, s, e, f, lim, cap, sink)) return false;
      const after = T().ve;
      if (!readTlv(data, after, e) || T().cls !== CLS.CONTEXT || T().tag !== 0) return false;
      const vals = valueList(data, T().vs, T().ve, lim, false, f, sink);
      return vals;
    }
    case SVC.GET_VARIABLE_ACCESS_ATTRIBUTES:
      // CHOICE { name [0] ObjectName, address [1] Address }
      if (!cons || !readTlv(data, s, e)) return false;
      if (T().cls === CLS.CONTEXT && T().tag === 0 && T().cons) {
        return objectNameInto(data, T().vs, T().ve, f, lim, cap, sink);
      }
      return true;
    case SVC.DEFINE_NAMED_VARIABLE_LIST: {
      if (!cons || !readTlv(data, s, e)) return false;
      const name = objectName(data, T().vs, T().ve, T().tag, T().cls, T().cons, cap);
      if (name === null) return false;
      f.variable_list_name = name;
      if (!readTlv(data, T().ve, e) || T().cls !== CLS.CONTEXT || T().tag !== 0) return false;
      return listOfVariable(data, T().vs, T().ve, f, lim, cap, sink);
    }
    case SVC.GET_NAMED_VARIABLE_LIST_ATTRIBUTES: {
      if (!cons || !readTlv(data, s, e)) return false;
      const name = objectName(data, T().vs, T().ve, T().tag, T().cls, T().cons, cap);
      if (name === null) return false;
      f.variable_list_name = name;
      return true;
    }
    case SVC.DELETE_NAMED_VARIABLE_LIST:
      return cons && deleteListRequest(data, s, e, f, lim, cap, sink);
    case SVC.TAKE_CONTROL:
    case SVC.RELINQUISH_CONTROL: {
      // semaphoreName [0] ObjectName first (explicit: ObjectName is a CHOICE).
      if (!cons || !readTlv(data, s, e)) return false;
      if (T().cls === CLS.CONTEXT && T().tag === 0 && T().cons) {
        return objectNameInto(data, T().vs, T().ve, f, lim, cap, sink);
      }
      return true;
    }
    case SVC.FILE_OPEN:
    case SVC.FILE_RENAME:
    case SVC.FILE_DELETE:
    case SVC.FILE_DIRECTORY:
    case SVC.OBTAIN_FILE:
      if (cons) collectStrings(data, s, e, f, lim, cap, 0);
      return true;
    case SVC.FILE_READ:
    case SVC.FILE_CLOSE: {
      const id = berInt(data, s, e);
      if (cons || Number.isNaN(id)) return false;
      f.frsm_id = id;
      return true;
    }
    default:
      if (
        PROGRAM_SERVICES.has(svc) ||
        (svc >= SVC.INITIATE_DOWNLOAD_SEQUENCE && svc <= SVC.GET_DOMAIN_ATTRIBUTES)
      ) {
        domainName(data, cons, s, e, f, cap);
      }
      return true;
  }
}

/** The domain or program invocation name: the Identifier itself, or the first [0] component. */
function domainName(
  data: Uint8Array,
  cons: boolean,
  s: number,
  e: number,
  f: MmsFields,
  cap: number,
): void {
  if (!cons) {
    if (isText(data, s, e)) f.domain_name = berText(data, s, e, cap);
    return;
  }
  if (readTlv(data, s, e) && T().cls === CLS.CONTEXT && T().tag === 0 && !T().cons) {
    f.domain_name = berText(data, T().vs, T().ve, cap);
  }
}

/** True when data[s, e) is printable ASCII (an Identifier rather than an integer). */
function isText(data: Uint8Array, s: number, e: number): boolean {
  if (e <= s) return false;
  for (let i = s; i < e; i++) {
    const c = data[i] as number;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Anomalies of the requests an analyst wants to see. */
function flagRequest(svc: number, f: MmsFields, sink: DecodeSink): void {
  if (svc === SVC.WRITE) {
    const names = f.variables ?? [];
    for (const v of names) {
      for (const [suffix, op] of CONTROL_SUFFIXES) {
        if (v.item_id.endsWith(suffix)) {
          f.control = op;
          break;
        }
      }
    }
    const target = nameText(names[0] ?? f.variable_list_name);
    if (f.control !== undefined) sink.anomaly('mms.control_operation', `${f.control} ${target}`);
    else sink.anomaly('mms.variable_write', target);
  } else if (FILE_CHANGE_SERVICES.has(svc)) {
    sink.anomaly('mms.file_change', `${f.service_name} ${(f.file_names ?? []).join(' -> ')}`);
  } else if (FILE_TRANSFER_SERVICES.has(svc)) {
    sink.anomaly(
      'mms.file_transfer',
      `${f.service_name} ${f.file_names?.[0] ?? f.domain_name ?? ''}`.trim(),
    );
  } else if (PROGRAM_SERVICES.has(svc)) {
    sink.anomaly('mms.program_control', `${f.service_name} ${f.domain_name ?? ''}`.trim());
  } else if (svc === SVC.DEFINE_NAMED_VARIABLE_LIST || svc === SVC.DELETE_NAMED_VARIABLE_LIST) {
    const list = f.variable_list_name ?? f.variable_list_names?.[0];
    sink.anomaly('mms.variable_list_change', `${f.service_name} ${nameText(list)}`.trim());
  }
}

/** `domain/item` text of an object name for anomaly details. */
function nameText(n: MmsObjectName | undefined): string {
  if (n === undefined) return '';
  return n.domain_id !== undefined ? `${n.domain_id}/${n.item_id}` : n.item_id;
}

function getNameListRequest(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  cap: number,
): boolean {
  let p = s;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    if (T().tag === 0 && T().cons) {
      // objectClass: basicObjectClass [0] INTEGER or csObjectClass [1].
      if (!readTlv(data, T().vs, T().ve)) return false;
      const c = berInt(data, T().vs, T().ve);
      if (!Number.isNaN(c)) {
        f.object_class = c;
        f.object_class_name =
          T().tag === 0 ? (OBJECT_CLASS_NAMES[c] ?? 'unknown') : `cs_object_class_${c}`;
      }
    } else if (T().tag === 1 && T().cons) {
      if (!readTlv(data, T().vs, T().ve)) return false;
      if (T().tag === 0) f.object_scope = 'vmd';
      else if (T().tag === 1) {
        f.object_scope = 'domain';
        f.scope_domain = berText(data, T().vs, T().ve, cap);
      } else if (T().tag === 2) f.object_scope = 'aa';
    } else if (T().tag === 2) f.continue_after = berText(data, T().vs, T().ve, cap);
  }
  return true;
}

function deleteListRequest(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  lim: number,
  cap: number,
  sink: DecodeSink,
): boolean {
  let p = s;
  while (p < e) {
    if (!readTlv(data, p, e)) return false;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    if (T().tag === 1 && T().cons) {
      const names: MmsObjectName[] = [];
      let q = T().vs;
      const end = T().ve;
      let n = 0;
      while (q < end) {
        if (!readTlv(data, q, end)) return false;
        q = T().ve;
        const name = objectName(data, T().vs, T().ve, T().tag, T().cls, T().cons, cap);
        if (name === null) return false;
        if (n++ < lim) names.push(name);
      }
      if (n > lim) sink.anomaly('mms.objects_limit_reached', `${n} variable lists`);
      f.variable_list_names = names;
    } else if (T().tag === 2) f.domain_name = berText(data, T().vs, T().ve, cap);
  }
  return true;
}

// ---------------------------------------------------------------- responses

function responseService(
  state: MmsState,
  data: Uint8Array,
  svc: number,
  cons: boolean,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  const lim = state.limits.maxObjectsPerMessage;
  const cap = state.limits.maxStringBytes;
  switch (svc) {
    case SVC.GET_NAME_LIST: {
      if (!cons) return false;
      let p = s;
      while (p < e) {
        if (!readTlv(data, p, e)) return false;
        p = T().ve;
        if (T().cls !== CLS.CONTEXT) continue;
        if (T().tag === 0 && T().cons) {
          const ids: string[] = [];
          let q = T().vs;
          const end = T().ve;
          let n = 0;
          while (q < end) {
            if (!readTlv(data, q, end)) return false;
            q = T().ve;
            if (n++ < lim) ids.push(berText(data, T().vs, T().ve, cap));
          }
          if (n > lim) sink.anomaly('mms.objects_limit_reached', `${n} identifiers`);
          f.identifiers = ids;
          f.identifier_count = n;
        } else if (T().tag === 1) f.more_follows = data[T().vs] !== 0 && T().ve > T().vs;
      }
      return true;
    }
    case SVC.IDENTIFY: {
      if (!cons) return false;
      let p = s;
      while (p < e) {
        if (!readTlv(data, p, e)) return false;
        p = T().ve;
        if (T().cls !== CLS.CONTEXT) continue;
        if (T().tag === 0) f.vendor_name = berText(data, T().vs, T().ve, cap);
        else if (T().tag === 1) f.model_name = berText(data, T().vs, T().ve, cap);
        else if (T().tag === 2) f.revision = berText(data, T().vs, T().ve, cap);
      }
      return true;
    }
    case SVC.READ: {
      if (!cons) return false;
      let p = s;
      while (p < e) {
        if (!readTlv(data, p, e)) return false;
        p = T().ve;
        if (T().cls !== CLS.CONTEXT) continue;
        if (T().tag === 0 && T().cons) {
          if (!varAccessSpec(data, T().vs, T().ve, f, lim, cap, sink)) return false;
        } else if (T().tag === 1 && T().cons) {
          if (!valueList(data, T().vs, T().ve, lim, true, f, sink)) return false;
        }
      }
      return true;
    }
    case SVC.WRITE: {
      if (!cons) return false;
      const out: string[] = [];
      let p = s;
      let n = 0;
      let failed = 0;
      while (p < e) {
        if (!readTlv(data, p, e) || T().cls !== CLS.CONTEXT) return false;
        p = T().ve;
        let r = 'success';
        if (T().tag === 0) {
          failed++;
          r = DATA_ACCESS_ERROR_NAMES[berInt(data, T().vs, T().ve)] ?? 'unknown';
        }
        if (n++ < lim) out.push(r);
      }
      if (n > lim) sink.anomaly('mms.objects_limit_reached', `${n} write results`);
      f.write_results = out;
      f.result_count = n;
      f.failure_count = failed;
      return true;
    }
    case SVC.GET_NAMED_VARIABLE_LIST_ATTRIBUTES: {
      if (!cons) return false;
      let p = s;
      while (p < e) {
        if (!readTlv(data, p, e)) return false;
        p = T().ve;
        if (T().cls === CLS.CONTEXT && T().tag === 1 && T().cons) {
          if (!listOfVariable(data, T().vs, T().ve, f, lim, cap, sink)) return false;
        }
      }
      return true;
    }
    case SVC.FILE_OPEN: {
      if (!cons) return false;
      if (readTlv(data, s, e) && T().cls === CLS.CONTEXT && T().tag === 0) {
        const id = berInt(data, T().vs, T().ve);
        if (!Number.isNaN(id)) f.frsm_id = id;
      }
      return true;
    }
    case SVC.FILE_DIRECTORY: {
      if (!cons) return false;
      collectStrings(data, s, e, f, lim, cap, 0);
      let p = s;
      while (p < e && readTlv(data, p, e)) {
        p = T().ve;
        if (T().cls === CLS.CONTEXT && T().tag === 1)
          f.more_follows = data[T().vs] !== 0 && T().ve > T().vs;
      }
      return true;
    }
    case SVC.FILE_READ: {
      if (!cons) return false;
      let p = s;
      while (p < e && readTlv(data, p, e)) {
        p = T().ve;
        if (T().cls === CLS.CONTEXT && T().tag === 1)
          f.more_follows = data[T().vs] !== 0 && T().ve > T().vs;
      }
      return true;
    }
    default:
      return true;
  }
}

// ---------------------------------------------------------------- unconfirmed

function unconfirmed(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.CONTEXT) return false;
  const svc = T().tag;
  f.unconfirmed_service = svc;
  f.unconfirmed_service_name = UNCONFIRMED_SERVICE_NAMES[svc] ?? 'unknown';
  if (svc !== 0) return true;
  // InformationReport: VariableAccessSpecification, listOfAccessResult [0].
  if (!T().cons) return false;
  const re = T().ve;
  const lim = state.limits.maxObjectsPerMessage;
  if (!varAccessSpec(data, T().vs, re, f, lim, state.limits.maxStringBytes, sink)) return false;
  if (!readTlv(data, T().ve, re) || T().cls !== CLS.CONTEXT || T().tag !== 0 || !T().cons)
    return false;
  return valueList(data, T().vs, T().ve, lim, true, f, sink);
}

// ---------------------------------------------------------------- variables and values

/**
 * A VariableAccessSpecification TLV at data[s]: listOfVariable [0] or variableListName [1].
 * Leaves T on the TLV read (callers use T().ve to go on).
 */
function varAccessSpec(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  lim: number,
  cap: number,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.CONTEXT || !T().cons) return false;
  const tag = T().tag;
  const vs = T().vs;
  const ve = T().ve;
  let ok = false;
  if (tag === 0) ok = listOfVariable(data, vs, ve, f, lim, cap, sink);
  else if (tag === 1 && readTlv(data, vs, ve)) {
    const name = objectName(data, T().vs, T().ve, T().tag, T().cls, T().cons, cap);
    if (name !== null) {
      f.variable_list_name = name;
      ok = true;
    }
  }
  // Restore T to the whole specification for the caller.
  T().cls = CLS.CONTEXT;
  T().cons = true;
  T().tag = tag;
  T().vs = vs;
  T().ve = ve;
  return ok;
}

/** SEQUENCE OF SEQUENCE { variableSpecification, alternateAccess [5] OPTIONAL }. */
function listOfVariable(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  lim: number,
  cap: number,
  sink: DecodeSink,
): boolean {
  let p = s;
  while (p < e) {
    if (!readTlv(data, p, e) || T().tag !== 16 || !T().cons) return false;
    p = T().ve;
    // VariableSpecification: name [0] ObjectName (explicit: ObjectName is a CHOICE).
    if (!readTlv(data, T().vs, T().ve)) return false;
    if (T().cls === CLS.CONTEXT && T().tag === 0 && T().cons) {
      if (!objectNameInto(data, T().vs, T().ve, f, lim, cap, sink)) return false;
    } else {
      f.variable_count = (f.variable_count ?? 0) + 1;
    }
  }
  if (f.variable_count === undefined) f.variable_count = 0;
  return true;
}

/** Reads the ObjectName TLV at data[s] and appends it to `f.variables`. */
function objectNameInto(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  lim: number,
  cap: number,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e)) return false;
  const name = objectName(data, T().vs, T().ve, T().tag, T().cls, T().cons, cap);
  if (name === null) return false;
  pushName(f, name, lim, sink);
  return true;
}

function pushName(f: MmsFields, name: MmsObjectName, lim: number, sink: DecodeSink): void {
  const n = f.variable_count ?? 0;
  f.variable_count = n + 1;
  if (n < lim) (f.variables ??= []).push(name);
  else if (n === lim) sink.anomaly('mms.objects_limit_reached', `more than ${lim} variables`);
}

/**
 * An ObjectName whose TLV header was just read (tag, class, constructed, contents [vs, ve)):
 * vmd-specific [0], domain-specific [1] { domainId, itemId }, aa-specific [2]; null otherwise.
 */
function objectName(
  data: Uint8Array,
  vs: number,
  ve: number,
  tag: number,
  cls: number,
  cons: boolean,
  cap: number,
): MmsObjectName | null {
  if (cls !== CLS.CONTEXT) return null;
  if (tag === 0 && !cons) return { scope: 'vmd', item_id: berText(data, vs, ve, cap) };
  if (tag === 2 && !cons) return { scope: 'aa', item_id: berText(data, vs, ve, cap) };
  if (tag !== 1 || !cons) return null;
  if (!readTlv(data, vs, ve)) return null;
  const domain = berText(data, T().vs, T().ve, cap);
  if (!readTlv(data, T().ve, ve)) return null;
  return { scope: 'domain', domain_id: domain, item_id: berText(data, T().vs, T().ve, cap) };
}

/**
 * A list of AccessResult (`results`: failure [0] or Data) or of Data (write request values),
 * summarised into `f.results`, `f.result_count` and `f.failure_count`.
 */
function valueList(
  data: Uint8Array,
  s: number,
  e: number,
  lim: number,
  accessResults: boolean,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  const out: MmsValue[] = [];
  let p = s;
  let n = 0;
  let failed = 0;
  while (p < e) {
    if (!readTlv(data, p, e) || T().cls !== CLS.CONTEXT) return false;
    p = T().ve;
    let v: MmsValue | null = null;
    if (accessResults && T().tag === 0 && !T().cons) {
      failed++;
      if (n < lim) {
        v = {
          success: false,
          error: DATA_ACCESS_ERROR_NAMES[berInt(data, T().vs, T().ve)] ?? 'unknown',
        };
      }
    } else if (n < lim) {
      const type = DATA_TYPE_NAMES[T().tag] ?? 'unknown';
      v = { success: true, type, value: summariseData(data, T().tag, T().cons, T().vs, T().ve, 0) };
    }
    if (v !== null) out.push(v);
    n++;
  }
  if (n > lim) sink.anomaly('mms.objects_limit_reached', `${n} values`);
  f.results = out;
  f.result_count = n;
  f.failure_count = failed;
  return true;
}

/** A text summary of one Data value ([ISO9506-2] Data), capped at {@link VALUE_CHARS}. */
function summariseData(
  data: Uint8Array,
  tag: number,
  cons: boolean,
  s: number,
  e: number,
  depth: number,
): string {
  if (cons) {
    if (depth >= MAX_VALUE_DEPTH) return '{...}';
    let out = '{';
    let p = s;
    let first = true;
    while (p < e && out.length < VALUE_CHARS) {
      if (!readTlv(data, p, e)) return out + '?}';
      p = T().ve;
      const part = summariseData(data, T().tag, T().cons, T().vs, T().ve, depth + 1);
      out += (first ? '' : ',') + part;
      first = false;
    }
    if (p < e) out += ',...';
    out += '}';
    return out.length > VALUE_CHARS ? out.slice(0, VALUE_CHARS - 4) + '...}' : out;
  }
  switch (tag) {
    case 3:
      return e > s && data[s] !== 0 ? 'true' : 'false';
    case 5: {
      const v = berInt(data, s, e);
      return Number.isNaN(v) ? hexOf(data, s, e, VALUE_BYTES) : String(v);
    }
    case 6: {
      const v = berUint(data, s, e);
      return Number.isNaN(v) ? hexOf(data, s, e, VALUE_BYTES) : String(v);
    }
    case 7:
      return floatValue(data, s, e);
    case 10:
    case 16:
      return berText(data, s, e, VALUE_CHARS);
    case 17:
      return utcTime(data, s, e);
    case 4:
      // Bit string: unused-bits octet, then the bits.
      return e > s ? hexOf(data, s + 1, e, VALUE_BYTES) : '';
    default:
      return hexOf(data, s, e, VALUE_BYTES);
  }
}

const F32 = new DataView(new ArrayBuffer(8));

/** FloatingPoint: exponent width octet, then an IEEE 754 single (5 octets) or double (9). */
function floatValue(data: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n === 5) {
    for (let i = 0; i < 4; i++) F32.setUint8(i, data[s + 1 + i] as number);
    return String(F32.getFloat32(0));
  }
  if (n === 9) {
    for (let i = 0; i < 8; i++) F32.setUint8(i, data[s + 1 + i] as number);
    return String(F32.getFloat64(0));
  }
  return hexOf(data, s, e, VALUE_BYTES);
}

/** UtcTime ([IEC61850-8-1] 8.1.3.7): seconds since 1970 (4), fraction (3), quality (1). */
function utcTime(data: Uint8Array, s: number, e: number): string {
  if (e - s !== 8) return hexOf(data, s, e, VALUE_BYTES);
  const secs =
    (data[s] as number) * 0x1000000 +
    (((data[s + 1] as number) << 16) | ((data[s + 2] as number) << 8) | (data[s + 3] as number));
  const frac =
    (((data[s + 4] as number) << 16) | ((data[s + 5] as number) << 8) | (data[s + 6] as number)) /
    0x1000000;
  const d = new Date(Math.floor((secs + frac) * 1000));
  return Number.isNaN(d.getTime()) ? hexOf(data, s, e, VALUE_BYTES) : d.toISOString();
}

/** Every VisibleString / GraphicString under data[s, e) into `f.file_names` (file services). */
function collectStrings(
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  lim: number,
  cap: number,
  depth: number,
): void {
  let p = s;
  while (p < e && readTlv(data, p, e)) {
    p = T().ve;
    if (T().cons) {
      if (depth < MAX_VALUE_DEPTH) collectStrings(data, T().vs, T().ve, f, lim, cap, depth + 1);
    } else if (T().cls === CLS.UNIVERSAL && (T().tag === 25 || T().tag === 26)) {
      const names = (f.file_names ??= []);
      if (names.length < lim) names.push(berText(data, T().vs, T().ve, cap));
    }
  }
}

/** An OBJECT IDENTIFIER TLV's dotted text ('' when it is not one). */
export function oidAt(data: Uint8Array, s: number, e: number): string {
  if (!readTlv(data, s, e) || T().cls !== CLS.UNIVERSAL || T().tag !== 6) return '';
  return berOid(data, T().vs, T().ve);
}
