/**
 * PROFINET RT deeper fields against Wireshark's pn_rt, pn_dcp, pn_ptcp and pn_io (alarm)
 * dissectors (4.0, plugins/epan/profinet).
 *
 * Cyclic frames (FrameID 0x0100-0xFBFF) are summarised by our decoder, not emitted one by one,
 * so they are left out of this per-frame comparison; test/golden/profinet/tshark-agreement.test.ts
 * checks that every cyclic frame is counted in a summary and that the summarised frames carry
 * tshark's CycleCounter and DataStatus.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const list = (e: EventLine, path: string): unknown[] => {
  const v = at(e, path);
  return v === undefined ? [] : [v];
};

export const profinetSpec: ProtoSpec = {
  proto: 'profinet',
  filter: 'pn_rt && !(pn_rt.frame_id >= 0x0100 && pn_rt.frame_id <= 0xfbff)',
  sharedCaptures: ['profinet/'],
  fields: [
    {
      name: 'frame id',
      tshark: 'pn_rt.frame_id',
      ours: (e) => (e.kind === 'profinet.rt_cyclic' ? undefined : at(e, 'profinet.frame_id')),
    },
    {
      name: 'DCP service id',
      tshark: 'pn_dcp.service_id',
      ours: (e) => at(e, 'profinet.service_id'),
    },
    {
      name: 'DCP service type',
      tshark: 'pn_dcp.service_type',
      ours: (e) => at(e, 'profinet.service_type'),
    },
    { name: 'DCP xid', tshark: 'pn_dcp.xid', ours: (e) => at(e, 'profinet.xid') },
    {
      name: 'station name',
      tshark: 'pn_dcp.suboption_device_nameofstation',
      ours: (e) => at(e, 'profinet.name_of_station'),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'device vendor value',
      tshark: 'pn_dcp.suboption_device_devicevendorvalue',
      ours: (e) => at(e, 'profinet.device_vendor'),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'vendor id',
      tshark: 'pn_dcp.suboption_vendor_id',
      ours: (e) => at(e, 'profinet.vendor_id'),
    },
    {
      name: 'device id',
      tshark: 'pn_dcp.suboption_device_id',
      ours: (e) => at(e, 'profinet.device_id'),
    },
    {
      name: 'IP address',
      tshark: 'pn_dcp.suboption_ip_ip',
      ours: (e) => [
        ...list(e, 'profinet.ip'),
        ...((at(e, 'profinet.dns_servers') as unknown[]) ?? []).slice(0, 1),
      ],
    },
    {
      name: 'subnet mask',
      tshark: 'pn_dcp.suboption_ip_subnetmask',
      ours: (e) => at(e, 'profinet.netmask'),
    },
    {
      name: 'gateway',
      tshark: 'pn_dcp.suboption_ip_standard_gateway',
      ours: (e) => at(e, 'profinet.gateway'),
    },
    {
      name: 'DCP block error',
      tshark: 'pn_dcp.block_error',
      ours: (e) =>
        ((at(e, 'profinet.block_errors') as { error: number }[] | undefined) ?? []).map(
          (b) => b.error,
        ),
    },
    {
      name: 'RTA PDU type',
      tshark: 'pn_io.pdu_type.type',
      ours: (e) => at(e, 'profinet.pdu_type'),
    },
    {
      name: 'PTCP sequence id',
      tshark: 'pn_ptcp.sequence_id',
      ours: (e) => at(e, 'profinet.sequence_id'),
    },
  ],
};
