/**
 * Modbus/TCP deeper fields against Wireshark's `mbtcp`/`modbus` dissectors. Our response events
 * also carry the paired request's reference number and quantity; Wireshark shows those fields
 * only where the PDU itself holds them (requests, and the echoing responses of the write
 * functions 5, 6, 15 and 16), so they are compared there.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

/** True when the PDU of `e` carries its reference number (`withQuantity`: and its quantity). */
function inPdu(e: EventLine, withQuantity: boolean): boolean {
  if (e.kind === 'modbus.request') return true;
  if (e.kind !== 'modbus.response') return false;
  const fc = at(e, 'modbus.function_code');
  return withQuantity ? fc === 15 || fc === 16 : fc === 5 || fc === 6 || fc === 15 || fc === 16;
}

export const modbusSpec: ProtoSpec = {
  proto: 'modbus',
  filter: 'mbtcp',
  sharedCaptures: ['modbus/', 'datasets/lemay-modbus/'],
  fields: [
    { name: 'unit id', tshark: 'mbtcp.unit_id', ours: (e) => at(e, 'modbus.unit_id') },
    {
      name: 'function code',
      tshark: 'modbus.func_code',
      ours: (e) => at(e, 'modbus.function_code'),
      norm: (v) => {
        const n = normValue(v);
        return n === undefined ? undefined : String(Number(n) & 0x7f);
      },
    },
    {
      name: 'reference number',
      tshark: 'modbus.reference_num',
      ours: (e) => (inPdu(e, false) ? at(e, 'modbus.address') : undefined),
    },
    {
      name: 'quantity',
      tshark: ['modbus.word_cnt', 'modbus.bit_cnt'],
      ours: (e) => (inPdu(e, true) ? at(e, 'modbus.quantity') : undefined),
    },
    {
      name: 'exception code',
      tshark: 'modbus.exception_code',
      ours: (e) => at(e, 'modbus.exception_code'),
    },
  ],
};
