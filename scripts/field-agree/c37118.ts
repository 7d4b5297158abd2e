/**
 * IEEE C37.118 deeper fields against Wireshark's `synphasor` dissector (4.0,
 * packet-synphasor.c). Wireshark dissects data frames with the configuration frame it saw on
 * the same conversation, as we do, so the STAT fields of data frames are compared too. The
 * station names of CFG-1/CFG-2 frames are tree text only in Wireshark (no field), so they are
 * checked in the unit tests against `tshark -V` instead.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const list = (e: EventLine, path: string, key: string): unknown[] => {
  const v = at(e, path);
  return Array.isArray(v) ? v.map((x) => (x as Record<string, unknown>)[key]) : [];
};

const stats = (e: EventLine): number[] => list(e, 'c37118.data', 'stat') as number[];

export const c37118Spec: ProtoSpec = {
  proto: 'c37118',
  filter: 'synphasor',
  sharedCaptures: ['c37.118/'],
  tsharkArgs: ['-d', 'udp.port==4713,synphasor'],
  fields: [
    { name: 'frame type', tshark: 'synphasor.frtype', ours: (e) => at(e, 'c37118.frame_type') },
    { name: 'version', tshark: 'synphasor.version', ours: (e) => at(e, 'c37118.version') },
    {
      name: 'idcode',
      tshark: 'synphasor.idcode_stream_source',
      ours: (e) => at(e, 'c37118.idcode'),
    },
    { name: 'command', tshark: 'synphasor.command', ours: (e) => at(e, 'c37118.command') },
    {
      name: 'data rate',
      tshark: 'synphasor.rate_of_transmission',
      ours: (e) => at(e, 'c37118.data_rate'),
    },
    {
      name: 'time base',
      tshark: 'synphasor.conf.timebase',
      ours: (e) => at(e, 'c37118.time_base'),
    },
    {
      name: 'number of PMUs',
      tshark: 'synphasor.conf.numpmu',
      ours: (e) => (e.kind === 'c37118.config' ? at(e, 'c37118.num_pmu') : undefined),
    },
    {
      name: 'PMU idcode',
      tshark: 'synphasor.idcode_data_source',
      ours: (e) => list(e, 'c37118.pmus', 'idcode'),
    },
    {
      name: 'phasor count',
      tshark: 'synphasor.num_phasors',
      ours: (e) => list(e, 'c37118.pmus', 'phasors'),
    },
    {
      name: 'config change count',
      tshark: 'synphasor.conf.cfgcnt',
      ours: (e) => list(e, 'c37118.pmus', 'config_count'),
    },
    {
      name: 'nominal frequency 50 Hz',
      tshark: 'synphasor.conf.fnom',
      ours: (e) => list(e, 'c37118.pmus', 'nominal_frequency').map((f) => (f === 50 ? 1 : 0)),
    },
    {
      name: 'STAT data error',
      tshark: 'synphasor.data.status',
      ours: (e) => stats(e).map((s) => s >> 14),
    },
    {
      name: 'STAT not synchronised',
      tshark: 'synphasor.data.sync',
      ours: (e) => stats(e).map((s) => (s >> 13) & 1),
    },
    {
      name: 'STAT trigger reason',
      tshark: 'synphasor.data.trigger_reason',
      ours: (e) => stats(e).map((s) => s & 0x0f),
    },
    {
      name: 'CRC good',
      tshark: 'synphasor.checksum.status',
      ours: (e) => (at(e, 'c37118.crc_ok') === true ? 1 : 0),
    },
  ],
};
