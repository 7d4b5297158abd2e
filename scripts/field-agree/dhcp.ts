/**
 * DHCPv4 fields against Wireshark's `dhcp` dissector (4.0, packet-dhcp.c).
 *
 * Wireshark shows the transaction ID in hex and the parameter request list as one
 * `dhcp.option.request_list_item` per code; the default normaliser reads hex as a number, and
 * ours gives the list as an array (compared as a multiset per frame; the order is checked by
 * the unit tests).
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

/**
 * Wireshark shows `dhcp.hw.mac_addr` for chaddr and again for a client identifier of type 1
 * (Ethernet) with a 6-byte address; ours has the identifier as hex with colons.
 */
function clientMacs(e: EventLine): unknown[] {
  const out: unknown[] = [at(e, 'dhcp.chaddr')];
  const id = at(e, 'dhcp.client_id');
  if (typeof id === 'string' && id.length === 20 && id.startsWith('01:')) out.push(id.slice(3));
  return out;
}

/** The captures of the shared set that carry DHCP (tshark over MANIFEST.tsv). */
export const DHCP_CAPTURES: readonly string[] = [
  'enip-cip/quickdraw/EIP-FirmwareChange.pcap',
  'enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap',
  'iec104/similator.pcap',
  'it-attacks/pcap-attack/Lateral_Movement/LM_rdp_sharprdp.pcapng',
  'it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap',
  'profinet/profinet_io_cm_mixed_1.pcap',
];

export const dhcpSpec: ProtoSpec = {
  proto: 'dhcp',
  filter: 'dhcp',
  sharedCaptures: DHCP_CAPTURES,
  fields: [
    { name: 'message type', tshark: 'dhcp.option.dhcp', ours: (e) => at(e, 'dhcp.message_type') },
    { name: 'op', tshark: 'dhcp.type', ours: (e) => at(e, 'dhcp.op') },
    { name: 'transaction id', tshark: 'dhcp.id', ours: (e) => at(e, 'dhcp.xid') },
    { name: 'client MAC', tshark: 'dhcp.hw.mac_addr', ours: clientMacs },
    { name: 'host name', tshark: 'dhcp.option.hostname', ours: (e) => at(e, 'dhcp.hostname') },
    {
      name: 'vendor class',
      tshark: 'dhcp.option.vendor_class_id',
      ours: (e) => at(e, 'dhcp.vendor_class'),
    },
    {
      name: 'parameter request list',
      tshark: 'dhcp.option.request_list_item',
      ours: (e) => at(e, 'dhcp.param_request_list'),
    },
    {
      name: 'requested address',
      tshark: 'dhcp.option.requested_ip_address',
      ours: (e) => at(e, 'dhcp.requested_ip'),
    },
    { name: 'assigned address', tshark: 'dhcp.ip.your', ours: (e) => at(e, 'dhcp.yiaddr') },
    {
      name: 'server id',
      tshark: 'dhcp.option.dhcp_server_id',
      ours: (e) => at(e, 'dhcp.server_id'),
    },
    {
      name: 'lease time',
      tshark: 'dhcp.option.ip_address_lease_time',
      ours: (e) => at(e, 'dhcp.lease_time'),
    },
  ],
};
