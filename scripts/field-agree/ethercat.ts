/**
 * EtherCAT fields against Wireshark's `ecatf` / `ecat` dissectors (4.0,
 * packet-ethercat-frame.c and packet-ethercat-datagram.c): the frame header, then every
 * datagram of a frame as a multiset per field (command, index, address, length, flags, IRQ,
 * working counter).
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

type Datagram = Record<string, unknown>;

/** The values of one datagram field over a frame's datagrams. */
const each =
  (key: string) =>
  (e: EventLine): unknown[] =>
    ((at(e, 'ethercat.datagrams') as Datagram[] | undefined) ?? [])
      .map((d) => d[key])
      .filter((v) => v !== undefined);

/** Booleans as Wireshark prints them (1/0). */
const bool = (v: string): string | undefined =>
  v === 'true' ? '1' : v === 'false' ? '0' : normValue(v);

export const ethercatSpec: ProtoSpec = {
  proto: 'ethercat',
  filter: 'ecatf',
  sharedCaptures: ['other-ics/EtherCAT.pcap'],
  fields: [
    { name: 'frame length', tshark: 'ecatf.length', ours: (e) => at(e, 'ethercat.length') },
    { name: 'frame type', tshark: 'ecatf.type', ours: (e) => at(e, 'ethercat.type') },
    { name: 'command', tshark: 'ecat.cmd', ours: each('command') },
    { name: 'index', tshark: 'ecat.idx', ours: each('index') },
    { name: 'ADP', tshark: 'ecat.adp', ours: each('adp') },
    { name: 'ADO', tshark: 'ecat.ado', ours: each('ado') },
    { name: 'logical address', tshark: 'ecat.lad', ours: each('logical_address') },
    { name: 'length', tshark: 'ecat.subframe.length', ours: each('length') },
    {
      name: 'circulating',
      tshark: 'ecat.subframe.circulating',
      ours: each('circulating'),
      norm: bool,
    },
    { name: 'more', tshark: 'ecat.subframe.more', ours: each('more'), norm: bool },
    { name: 'IRQ', tshark: 'ecat.int', ours: each('irq') },
    { name: 'working counter', tshark: 'ecat.cnt', ours: each('working_counter') },
  ],
};
