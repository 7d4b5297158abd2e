/**
 * SEL Fast Message fields against Wireshark's `selfm` dissector (4.0, packet-selfm.c), which
 * has no port of its own: `-d tcp.port==23,selfm` puts it on the Telnet port the golden
 * captures use. No shared capture carries SEL Fast Message over TCP (MirroredBits.pcap is a
 * serial capture; see src/decode/app/sel/README.md), so the comparison runs over
 * test/golden/sel/ (`node dist/scripts/field-agree.js sel test/golden/sel/normal/input.pcap`).
 */
import { at, type ProtoSpec } from './spec.js';

export const selSpec: ProtoSpec = {
  proto: 'sel',
  filter: 'selfm',
  sharedCaptures: [],
  tsharkArgs: ['-d', 'tcp.port==23,selfm'],
  fields: [
    { name: 'message type', tshark: 'selfm.msgtype', ours: (e) => at(e, 'sel.message_type') },
    {
      name: 'relay definition protocols',
      tshark: 'selfm.relaydef.numproto',
      ours: (e) => (at(e, 'sel.protocols') as unknown[] | undefined)?.length,
    },
    {
      name: 'Fast Meter messages',
      tshark: 'selfm.relaydef.numfm',
      ours: (e) =>
        at(e, 'sel.message_type') === 0xa5c0 ? at(e, 'sel.fast_meter_messages') : undefined,
    },
    { name: 'checksum', tshark: 'selfm.checksum', ours: (e) => at(e, 'sel.checksum') },
    {
      name: 'remote bit operate code',
      tshark: 'selfm.fastop.rb_code',
      ours: (e) => (at(e, 'sel.message_type') === 0xa5e0 ? at(e, 'sel.operate_code') : undefined),
    },
    {
      name: 'breaker operate code',
      tshark: 'selfm.fastop.br_code',
      ours: (e) => (at(e, 'sel.message_type') === 0xa5e3 ? at(e, 'sel.operate_code') : undefined),
    },
    {
      name: 'operate validation',
      tshark: 'selfm.fastop.valid',
      ours: (e) => at(e, 'sel.validation'),
    },
    {
      name: 'Fast Message function',
      tshark: 'selfm.fastmsg.funccode',
      ours: (e) => at(e, 'sel.function_code'),
    },
    {
      name: 'Fast Message status',
      tshark: 'selfm.fastmsg.status',
      ours: (e) => at(e, 'sel.status'),
    },
    {
      name: 'Fast Message sequence',
      tshark: 'selfm.fastmsg.seq_cnt',
      ours: (e) => at(e, 'sel.sequence'),
    },
    {
      name: 'Fast Message response number',
      tshark: 'selfm.fastmsg.resp_num',
      ours: (e) => at(e, 'sel.response_number'),
    },
  ],
};
