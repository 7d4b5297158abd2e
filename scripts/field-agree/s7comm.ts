/**
 * S7comm deeper fields against Wireshark's `s7comm` dissector: header (ROSCTR, PDU reference),
 * function, item count, the S7ANY address of every Read Var / Write Var / cyclic item (area, DB
 * number, 24-bit address, transport size), userdata function group and subfunction, and the SZL
 * id and index of Read SZL requests and responses, and the records of the SZLs an asset inventory
 * reads: module identification (xy11: order number, Ausbg, Ausbe, which give the firmware version)
 * and component identification (xy1C: PLC and module names, plant designation, copyright, serial
 * numbers, module type name). Return codes are not compared: Wireshark also shows those inside
 * alarm messages, which this decoder does not take apart.
 *
 * Our ack-data items also carry the address of the job item they answer; Wireshark shows
 * addresses only where the PDU holds them (jobs, cyclic-services requests), so addresses are
 * compared there.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

/** The items of an event's `s7comm` object (empty when it has none). */
function items(e: EventLine): Record<string, unknown>[] {
  const v = at(e, 's7comm.items');
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
}

/** Values of `name` in the items, without the items that lack it. */
function itemValues(e: EventLine, name: string): unknown[] {
  return items(e)
    .map((i) => i[name])
    .filter((v) => v !== undefined);
}

/** The records of an SZL answer's `module_identification` or `component_identification`. */
function szlRecords(e: EventLine, which: string): Record<string, unknown>[] {
  const v = at(e, `s7comm.${which}.records`);
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
}

/** xy1C record indexes whose value is text in Wireshark (9 and 10 are numeric ids). */
const COMPONENT_TEXT = new Set([1, 2, 3, 4, 5, 7, 8]);

/**
 * A field of the address items of a job or a cyclic-services request (the PDUs that hold
 * addresses; our ack-data items repeat the job's addresses, which Wireshark does not show).
 */
function addressField(name: string): (e: EventLine) => unknown {
  return (e) =>
    e.kind === 's7comm.job' || e.kind === 's7comm.userdata' ? itemValues(e, name) : undefined;
}

export const s7commSpec: ProtoSpec = {
  proto: 's7comm',
  filter: 's7comm',
  sharedCaptures: ['s7comm/', 'datasets/qut-s7comm/'],
  fields: [
    { name: 'rosctr', tshark: 's7comm.header.rosctr', ours: (e) => at(e, 's7comm.rosctr') },
    { name: 'pdu reference', tshark: 's7comm.header.pduref', ours: (e) => at(e, 's7comm.pdu_ref') },
    { name: 'function', tshark: 's7comm.param.func', ours: (e) => at(e, 's7comm.function_code') },
    {
      name: 'item count',
      tshark: 's7comm.param.itemcount',
      ours: (e) => at(e, 's7comm.item_count'),
    },
    { name: 'item area', tshark: 's7comm.param.item.area', ours: addressField('area') },
    { name: 'item DB number', tshark: 's7comm.param.item.db', ours: addressField('db_number') },
    { name: 'item address', tshark: 's7comm.param.item.address', ours: addressField('address') },
    {
      name: 'item transport size',
      tshark: 's7comm.param.item.transp_size',
      ours: addressField('transport_size'),
    },
    {
      name: 'header error class',
      tshark: 's7comm.header.errcls',
      ours: (e) => at(e, 's7comm.error_class'),
    },
    {
      name: 'header error code',
      tshark: 's7comm.header.errcod',
      ours: (e) => at(e, 's7comm.error_code'),
    },
    {
      // Wireshark shows the userdata parameter error code, and for a header with an error the
      // class and code combined (`[Error code: ...]`), under one field.
      name: 'error code (userdata parameter, or header class and code)',
      tshark: 's7comm.param.errcod',
      ours: (e) =>
        [at(e, 's7comm.param_error_code'), at(e, 's7comm.error')].filter((v) => v !== undefined),
    },
    {
      name: 'userdata function group',
      tshark: 's7comm.param.userdata.funcgroup',
      ours: (e) => at(e, 's7comm.function_group'),
    },
    {
      name: 'userdata subfunction',
      tshark: ['s7comm.param.userdata.subfunc', 's7comm.param.modetrans.subfunc'],
      ours: (e) => at(e, 's7comm.subfunction'),
    },
    {
      name: 'SZL id',
      tshark: 's7comm.data.userdata.szl_id',
      ours: (e) => at(e, 's7comm.szl_id'),
    },
    {
      name: 'SZL index',
      tshark: 's7comm.data.userdata.szl_index',
      ours: (e) => at(e, 's7comm.szl_index'),
    },
    {
      // Wireshark pads the order number with spaces; a record without one (all spaces) has
      // none on either side once trimmed.
      name: 'SZL xy11 order number',
      tshark: 's7comm.szl.xy11.0001.anz',
      ours: (e) =>
        szlRecords(e, 'module_identification')
          .map((r) => r.order_number)
          .filter((v) => v !== ''),
    },
    {
      name: 'SZL xy11 Ausbg',
      tshark: 's7comm.szl.xy11.0001.ausbg',
      ours: (e) => szlRecords(e, 'module_identification').map((r) => r.ausbg),
    },
    {
      name: 'SZL xy11 Ausbe',
      tshark: 's7comm.szl.xy11.0001.ausbe',
      ours: (e) => szlRecords(e, 'module_identification').map((r) => r.ausbe),
    },
    {
      name: 'SZL xy1C names and serial numbers',
      tshark: [
        's7comm.szl.001c.0001.name',
        's7comm.szl.001c.0002.name',
        's7comm.szl.001c.0003.tag',
        's7comm.szl.001c.0004.copyright',
        's7comm.szl.001c.0005.serialn',
        's7comm.szl.001c.0007.cputypname',
        's7comm.szl.001c.0008.snmcmmc',
      ],
      ours: (e) =>
        szlRecords(e, 'component_identification')
          .filter((r) => COMPONENT_TEXT.has(r.index as number) && r.value !== '')
          .map((r) => r.value),
    },
  ],
};

/** A field of the items of a Read Var / Write Var job or ack-data. */
function varItemField(name: string): (e: EventLine) => unknown {
  return (e) => {
    const fc = at(e, 's7comm.function_code');
    return fc === 4 || fc === 5 ? itemValues(e, name) : undefined;
  };
}

/**
 * Read Var / Write Var item values and return codes. Not part of {@link s7commSpec}: Wireshark
 * shows the same fields for the block data of up/download answers and the associated values of
 * alarm messages, which the decoder reports otherwise (`block_data_length`) or not at all; this
 * spec looks only at frames with a Read Var or Write Var parameter.
 */
export const s7commValueSpec: ProtoSpec = {
  ...s7commSpec,
  filter: 's7comm.param.func == 0x04 || s7comm.param.func == 0x05',
  fields: [
    {
      name: 'item data',
      tshark: 's7comm.resp.data',
      ours: varItemField('data'),
      norm: (v) => (v.trim() === '' ? undefined : v.trim().toLowerCase()),
    },
    {
      name: 'item return code',
      tshark: 's7comm.data.returncode',
      ours: varItemField('return_code'),
    },
    {
      name: 'item data length',
      tshark: 's7comm.data.length',
      ours: varItemField('data_length'),
    },
  ],
};
