/**
 * PN-IO context management deeper fields against Wireshark's dcerpc and pn_io dissectors (4.0,
 * epan/dissectors/packet-dcerpc.c, plugins/epan/profinet/packet-dcerpc-pn-io.c): the DCE/RPC
 * packet type, operation number, sequence and fragment numbers, every PN-IO block type of the
 * body (nested ones included, as Wireshark lists them), the ControlCommand and the record
 * addresses of reads and writes.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const records = (e: EventLine): { index: number; record_data_length: number }[] =>
  (at(e, 'pnio.records') as { index: number; record_data_length: number }[] | undefined) ?? [];

// Wireshark 4.0 gives the ARType of an ARBlockReq as text only (`pn_io.artype_req`): compared on
// responses.
const blockTypes = (e: EventLine): number[] =>
  (at(e, 'pnio.block_types') as number[] | undefined) ?? [];

export const pnioSpec: ProtoSpec = {
  proto: 'pnio',
  filter: 'pn_io_device || pn_io_controller || pn_io_supervisor || pn_io_parameterserver',
  sharedCaptures: ['profinet/'],
  fields: [
    { name: 'packet type', tshark: 'dcerpc.pkt_type', ours: (e) => at(e, 'pnio.packet_type') },
    { name: 'opnum', tshark: 'dcerpc.opnum', ours: (e) => at(e, 'pnio.opnum') },
    {
      name: 'sequence number',
      tshark: 'dcerpc.dg_seqnum',
      ours: (e) => at(e, 'pnio.sequence_number'),
    },
    {
      name: 'fragment number',
      tshark: 'dcerpc.dg_frag_num',
      ours: (e) => at(e, 'pnio.fragment_number'),
    },
    { name: 'block type', tshark: 'pn_io.block_type', ours: (e) => at(e, 'pnio.block_types') },
    {
      name: 'control command',
      tshark: 'pn_io.control_command',
      ours: (e) => at(e, 'pnio.control_command'),
    },
    { name: 'record index', tshark: 'pn_io.index', ours: (e) => records(e).map((r) => r.index) },
    {
      name: 'record data length',
      tshark: 'pn_io.record_data_length',
      ours: (e) => records(e).map((r) => r.record_data_length),
    },
    { name: 'session key', tshark: 'pn_io.session_key', ours: (e) => at(e, 'pnio.session_key') },
    {
      name: 'AR type',
      tshark: 'pn_io.ar_type',
      ours: (e) => (blockTypes(e).includes(0x8101) ? at(e, 'pnio.ar_type') : undefined),
    },
  ],
};
