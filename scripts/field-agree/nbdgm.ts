/**
 * NetBIOS datagram service and Browser fields against Wireshark's `nbdgm` and `browser`
 * dissectors (4.0, packet-nbns.c, packet-smb-browse.c).
 */
import { at, type ProtoSpec } from './spec.js';

/** The captures of the shared set that carry NetBIOS datagrams (tshark over MANIFEST.tsv). */
export const NBDGM_CAPTURES: readonly string[] = [
  'c37.118/C37.118_2PMUsInSync_TCP.pcap',
  'datasets/lemay-modbus/characterization_modbus_6RTU_with_operate.pcap',
  'datasets/lemay-modbus/send_a_fake_command_modbus_6RTU_with_operate.pcap',
  'datasets/qut-dnp3/qut-dnp3_control_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_flooding_training-infrequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_injection_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_masquerading_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_replay_training-frequent_slice.pcap',
  'enip-cip/quickdraw/EIP-ChangePortConfigurationAttempt.pcap',
  'enip-cip/quickdraw/EIP-ControlProtocolChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-FirmwareChange.pcap',
  'enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-RemoteModeChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-SoftwareUploadFailure.pcap',
  'iec104/090813_diverse.pcap',
  'iec104/similator.pcap',
  'it-attacks/pcap-attack/Command_and_Control/cmds_over_dns_txt_queries_and_reponses.pcap',
  'it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap',
  'melsec/melsoft_UDP_unclean_1.pcap',
  'other-ics/beckhoff-ads/addroute1.pcapng',
  'other-ics/beckhoff-ads/addrouteuse444444444.pcapng',
  'other-ics/beckhoff-ads/invokeid12.pcapng',
  'profinet/Profinet_Failed.pcap',
  'profinet/profinet_io_cm_mixed_1.pcap',
];

export const nbdgmSpec: ProtoSpec = {
  proto: 'nbdgm',
  filter: 'nbdgm',
  sharedCaptures: NBDGM_CAPTURES,
  fields: [
    { name: 'message type', tshark: 'nbdgm.type', ours: (e) => at(e, 'nbdgm.type') },
    { name: 'datagram id', tshark: 'nbdgm.dgram_id', ours: (e) => at(e, 'nbdgm.datagram_id') },
    { name: 'source ip', tshark: 'nbdgm.src.ip', ours: (e) => at(e, 'nbdgm.source_ip') },
    { name: 'source name', tshark: 'nbdgm.source_name', ours: (e) => at(e, 'nbdgm.source_name') },
    {
      name: 'destination name',
      tshark: 'nbdgm.destination_name',
      ours: (e) => at(e, 'nbdgm.destination_name'),
    },
    { name: 'browser command', tshark: 'browser.command', ours: (e) => at(e, 'browser.command') },
    { name: 'browser server', tshark: 'browser.server', ours: (e) => at(e, 'browser.server') },
    { name: 'os major', tshark: 'browser.os_major', ours: (e) => at(e, 'browser.os_major') },
    { name: 'os minor', tshark: 'browser.os_minor', ours: (e) => at(e, 'browser.os_minor') },
    {
      name: 'server type',
      tshark: 'browser.server_type',
      ours: (e) => at(e, 'browser.server_type'),
    },
    { name: 'comment', tshark: 'browser.comment', ours: (e) => at(e, 'browser.comment') },
  ],
};
