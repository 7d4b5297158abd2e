/**
 * Beckhoff ADS/AMS deeper fields against Wireshark's `ams` dissector (4.0, packet-ams.c).
 *
 * Wireshark dissects AMS/TCP on TCP 48898 only; the UDP 48899 router service (discovery, add
 * route) is `data` to it, so our `ads.route` events have no counterpart and are not compared.
 * Wireshark shows the index group of requests only; ours pairs responses with their request in
 * `request_index_group`, which is not compared.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

/** Only AMS packets: Wireshark has no dissector for the router service. */
const ams = (e: EventLine, path: string): unknown =>
  e.kind === 'ads.request' || e.kind === 'ads.response' ? at(e, path) : undefined;

/**
 * packet-ams.c 4.0 leaves a Read response undissected unless data follows the result and
 * length (more than 8 bytes of ADS data), and a ReadWrite response unless at least 2 data bytes
 * follow (more than 9): error replies and one-byte reads show no result there.
 */
const result = (e: EventLine): unknown => {
  const cmd = at(e, 'ads.command_id');
  const len = at(e, 'ads.data_length') as number;
  if ((cmd === 2 && len <= 8) || (cmd === 9 && len <= 9)) return undefined;
  return ams(e, 'ads.result');
};

export const adsSpec: ProtoSpec = {
  proto: 'ads',
  filter: 'ams',
  sharedCaptures: ['other-ics/beckhoff-ads/'],
  fields: [
    { name: 'command id', tshark: 'ams.cmdid', ours: (e) => ams(e, 'ads.command_id') },
    { name: 'state flags', tshark: 'ams.stateflags', ours: (e) => ams(e, 'ads.state_flags') },
    { name: 'target NetId', tshark: 'ams.targetnetid', ours: (e) => ams(e, 'ads.target_net_id') },
    { name: 'target port', tshark: 'ams.targetport', ours: (e) => ams(e, 'ads.target_port') },
    { name: 'source NetId', tshark: 'ams.sendernetid', ours: (e) => ams(e, 'ads.source_net_id') },
    { name: 'source port', tshark: 'ams.senderport', ours: (e) => ams(e, 'ads.source_port') },
    { name: 'data length', tshark: 'ams.cbdata', ours: (e) => ams(e, 'ads.data_length') },
    { name: 'error code', tshark: 'ams.errorcode', ours: (e) => ams(e, 'ads.error_code') },
    { name: 'invoke id', tshark: 'ams.invokeid', ours: (e) => ams(e, 'ads.invoke_id') },
    { name: 'index group', tshark: 'ams.ads_indexgroup', ours: (e) => ams(e, 'ads.index_group') },
    {
      name: 'index offset',
      tshark: 'ams.ads_indexoffset',
      ours: (e) => ams(e, 'ads.index_offset'),
    },
    { name: 'ADS result', tshark: 'ams.adsresult', ours: result },
    { name: 'ADS state', tshark: 'ams.ads_state', ours: (e) => ams(e, 'ads.ads_state') },
    {
      name: 'device state',
      tshark: 'ams.ads_devicestate',
      ours: (e) => ams(e, 'ads.device_state'),
    },
    { name: 'device name', tshark: 'ams.ads_devicename', ours: (e) => ams(e, 'ads.device_name') },
    {
      name: 'notification handle',
      tshark: 'ams.ads_notificationhandle',
      ours: (e) => ams(e, 'ads.notification_handle'),
    },
  ],
};
