/**
 * HART-IP deeper fields against Wireshark's `hart_ip` dissector (4.0, packet-hartip.c).
 *
 * Wireshark takes the HART-IP UDP session on the server's new port through the conversation
 * its session initiate sets up; we take it through the probe. It decodes the token-passing PDU
 * the same way (preambles, delimiter, address, command, byte count, response code and device
 * status in replies) and the command 0 identity fields.
 */
import { at, type ProtoSpec } from './spec.js';

export const hartipSpec: ProtoSpec = {
  proto: 'hartip',
  // An ICMP error quoting a HART-IP datagram (hart_ip.pcap frame 27: port unreachable after the
  // session close) is dissected by Wireshark inside the ICMP payload; it is no HART-IP traffic
  // on a flow, and the pipeline does not decode ICMP quotes.
  filter: 'hart_ip && !icmp',
  sharedCaptures: ['hart-ip/'],
  fields: [
    { name: 'version', tshark: 'hart_ip.version', ours: (e) => at(e, 'hartip.version') },
    {
      name: 'message type',
      tshark: 'hart_ip.message_type',
      ours: (e) => at(e, 'hartip.message_type'),
    },
    { name: 'message id', tshark: 'hart_ip.message_id', ours: (e) => at(e, 'hartip.message_id') },
    { name: 'status', tshark: 'hart_ip.status', ours: (e) => at(e, 'hartip.status') },
    {
      name: 'sequence number',
      tshark: 'hart_ip.transaction_id',
      ours: (e) => at(e, 'hartip.sequence'),
    },
    { name: 'byte count', tshark: 'hart_ip.msg_length', ours: (e) => at(e, 'hartip.byte_count') },
    {
      name: 'host type',
      tshark: 'hart_ip.session_init.master_type',
      ours: (e) => {
        const h = at(e, 'hartip.host_type');
        return h === undefined ? undefined : h === 'primary' ? 1 : 0;
      },
    },
    {
      name: 'inactivity close timer',
      tshark: 'hart_ip.session_init.inactivity_close_timer',
      ours: (e) => at(e, 'hartip.inactivity_close_timer'),
    },
    {
      name: 'delimiter',
      tshark: 'hart_ip.pt.delimiter',
      ours: (e) => at(e, 'hartip.pdu.delimiter'),
    },
    {
      name: 'polling address',
      tshark: 'hart_ip.pt.short_addr',
      ours: (e) => at(e, 'hartip.pdu.polling_address'),
    },
    { name: 'command', tshark: 'hart_ip.pt.command', ours: (e) => at(e, 'hartip.pdu.command') },
    {
      name: 'PDU byte count',
      tshark: 'hart_ip.pt.length',
      ours: (e) => at(e, 'hartip.pdu.byte_count'),
    },
    {
      name: 'response code',
      tshark: 'hart_ip.pt.response_code',
      ours: (e) => at(e, 'hartip.pdu.response_code'),
    },
    {
      name: 'device status',
      tshark: 'hart_ip.pt.device_status',
      ours: (e) => at(e, 'hartip.pdu.device_status'),
    },
    {
      name: 'expanded device type',
      tshark: 'hart_ip.pt.rsp.expanded_device_type',
      ours: (e) => at(e, 'hartip.pdu.identity.expanded_device_type'),
    },
    {
      name: 'manufacturer id',
      tshark: 'hart_ip.pt.rsp.manufacturer_Id',
      ours: (e) => at(e, 'hartip.pdu.identity.manufacturer_id'),
    },
    {
      name: 'configuration change counter',
      tshark: 'hart_ip.pt.rsp.configure_change',
      ours: (e) => at(e, 'hartip.pdu.identity.config_change_counter'),
    },
  ],
};
