/**
 * MMS deeper fields against Wireshark's `mms` dissector: PDU type (one field per MMSpdu
 * alternative, as Wireshark marks each with its own element), invoke id, confirmed service of
 * requests and responses, unconfirmed service, the domain and item ids of every object name, the
 * vmd-specific names, the getNameList identifiers, the error class and the reject reason.
 *
 * Wireshark only hands presentation data to MMS when it saw the presentation context definition
 * of the association; for captures that start mid-association the context id 3 (the one every
 * IEC 61850 client in the shared captures proposes for MMS) is declared to it, as Palisade
 * infers the abstract syntax from the PDV's first tag.
 */
import { at, type EventLine, type FieldSpec, type ProtoSpec } from './spec.js';

/** MMSpdu alternatives and the Wireshark element that marks each. */
const PDU_ELEMENTS: readonly (readonly [number, string])[] = [
  [0, 'mms.confirmed_RequestPDU_element'],
  [1, 'mms.confirmed_ResponsePDU_element'],
  [2, 'mms.confirmed_ErrorPDU_element'],
  [3, 'mms.unconfirmed_PDU_element'],
  [4, 'mms.rejectPDU_element'],
  [7, 'mms.cancel_ErrorPDU_element'],
  [8, 'mms.initiate_RequestPDU_element'],
  [9, 'mms.initiate_ResponsePDU_element'],
  [10, 'mms.initiate_ErrorPDU_element'],
  [11, 'mms.conclude_RequestPDU_element'],
  [12, 'mms.conclude_ResponsePDU_element'],
  [13, 'mms.conclude_ErrorPDU_element'],
];

/** The object names of an event: its variables, list name(s). */
function names(e: EventLine): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const v = at(e, 'mms.variables');
  if (Array.isArray(v)) out.push(...(v as Record<string, unknown>[]));
  const l = at(e, 'mms.variable_list_name');
  if (l !== undefined) out.push(l as Record<string, unknown>);
  const ls = at(e, 'mms.variable_list_names');
  if (Array.isArray(ls)) out.push(...(ls as Record<string, unknown>[]));
  return out;
}

/** [ISO9506-2] DataAccessError names, by value (as the decoder names them). */
const DATA_ACCESS_ERRORS = [
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

/** The values of `paths` in an event that are present. */
const present = (e: EventLine, ...paths: string[]): unknown[] =>
  paths.map((p) => at(e, p)).filter((v) => v !== undefined);

/** Strings compared as they are (identifiers are case-sensitive). */
const asIs = (v: string): string | undefined => (v === '' ? undefined : v);

const pduFields: FieldSpec[] = PDU_ELEMENTS.map(([type, element]) => ({
  name: `PDU ${element.slice(4, -8)}`,
  tshark: element,
  ours: (e: EventLine) => (at(e, 'mms.pdu_type') === type ? 1 : undefined),
}));

export const mmsSpec: ProtoSpec = {
  proto: 'mms',
  filter: 'mms',
  sharedCaptures: ['iec61850/'],
  pinnedBy: 'test/golden/mms/tshark-agreement.test.ts',
  tsharkArgs: ['-o', 'uat:pres_context_list:"3","1.0.9506.2.1"'],
  fields: [
    ...pduFields,
    {
      name: 'cancel request/response invoke id',
      tshark: ['mms.cancel_RequestPDU', 'mms.cancel_ResponsePDU'],
      ours: (e) => {
        const t = at(e, 'mms.pdu_type');
        return t === 5 || t === 6 ? at(e, 'mms.invoke_id') : undefined;
      },
    },
    {
      name: 'invoke id',
      tshark: ['mms.invokeID'],
      ours: (e) => {
        const t = at(e, 'mms.pdu_type');
        return t === 0 || t === 1 || t === 2 ? at(e, 'mms.invoke_id') : undefined;
      },
    },
    {
      name: 'confirmed service request',
      tshark: 'mms.confirmedServiceRequest',
      ours: (e) => (at(e, 'mms.pdu_type') === 0 ? at(e, 'mms.service') : undefined),
    },
    {
      name: 'confirmed service response',
      tshark: 'mms.confirmedServiceResponse',
      ours: (e) => (at(e, 'mms.pdu_type') === 1 ? at(e, 'mms.service') : undefined),
    },
    {
      name: 'unconfirmed service',
      tshark: 'mms.unconfirmedService',
      ours: (e) => at(e, 'mms.unconfirmed_service'),
    },
    {
      name: 'domain id',
      tshark: 'mms.domainId',
      ours: (e) =>
        names(e)
          .map((n) => n.domain_id)
          .filter((d) => d !== undefined),
      norm: asIs,
    },
    {
      name: 'item id',
      tshark: 'mms.itemId',
      ours: (e) =>
        names(e)
          .filter((n) => n.scope === 'domain')
          .map((n) => n.item_id),
      norm: asIs,
    },
    {
      name: 'vmd-specific name',
      tshark: 'mms.vmd_specific',
      ours: (e) =>
        names(e)
          .filter((n) => n.scope === 'vmd')
          .map((n) => n.item_id),
      norm: asIs,
    },
    {
      name: 'getNameList object class',
      tshark: 'mms.objectClass',
      ours: (e) => at(e, 'mms.object_class'),
    },
    {
      name: 'getNameList identifiers',
      tshark: 'mms.Identifier',
      ours: (e) => at(e, 'mms.identifiers'),
      norm: asIs,
    },
    {
      name: 'initiate max PDU size',
      tshark: ['mms.localDetailCalling', 'mms.localDetailCalled'],
      ours: (e) => at(e, 'mms.max_pdu_size'),
    },
    {
      name: 'initiate max outstanding calls',
      tshark: [
        'mms.proposedMaxServOutstandingCalling',
        'mms.proposedMaxServOutstandingCalled',
        'mms.negociatedMaxServOutstandingCalling',
        'mms.negociatedMaxServOutstandingCalled',
      ],
      ours: (e) =>
        present(e, 'mms.max_serv_outstanding_calling', 'mms.max_serv_outstanding_called'),
    },
    {
      name: 'initiate nesting level',
      tshark: ['mms.proposedDataStructureNestingLevel', 'mms.negociatedDataStructureNestingLevel'],
      ours: (e) => at(e, 'mms.nesting_level'),
    },
    {
      name: 'initiate version',
      tshark: ['mms.proposedVersionNumber', 'mms.negociatedVersionNumber'],
      ours: (e) => at(e, 'mms.version'),
    },
    {
      name: 'identify vendor, model, revision',
      tshark: ['mms.vendorName', 'mms.modelName', 'mms.revision'],
      ours: (e) => present(e, 'mms.vendor_name', 'mms.model_name', 'mms.revision'),
      norm: asIs,
    },
    {
      name: 'data access error',
      tshark: 'mms.failure',
      ours: (e) => {
        const names = [
          ...((at(e, 'mms.results') as { error?: string }[] | undefined) ?? []).map((r) => r.error),
          ...((at(e, 'mms.write_results') as string[] | undefined) ?? []),
        ];
        return names
          .filter((n) => n !== undefined && n !== 'success')
          .map((n) => DATA_ACCESS_ERRORS.indexOf(n as string));
      },
    },
    {
      name: 'error class',
      tshark: 'mms.errorClass',
      ours: (e) => at(e, 'mms.error_class'),
    },
    {
      name: 'reject reason',
      tshark: 'mms.rejectReason',
      ours: (e) => {
        const t = at(e, 'mms.reject_type');
        const k = [
          '',
          'confirmed_request',
          'confirmed_response',
          'confirmed_error',
          'unconfirmed',
          'pdu_error',
          'cancel_request',
          'cancel_response',
          'cancel_error',
          'conclude_request',
          'conclude_response',
          'conclude_error',
        ].indexOf(t as string);
        return k > 0 ? k : undefined;
      },
    },
  ],
};
