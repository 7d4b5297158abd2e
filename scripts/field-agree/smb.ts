/**
 * SMB deeper fields against Wireshark's `smb` and `smb2` dissectors (4.0, packet-smb.c and
 * packet-smb2.c).
 *
 * - `smb.cmd` holds the command of an SMB1 header and the AndXCommand of every AndX block
 *   (0xff ends the chain): ours is `command` followed by `andx_commands`.
 * - `smb.path` is the share path of a TREE_CONNECT_ANDX request, of its response (paired by
 *   MID) and of every later message on that TID; ours is `tree` on SMB1 events.
 * - `smb2.tree` is the share of the tree id a message addresses, known from the TREE_CONNECT
 *   response, and the path of a TREE_CONNECT request itself; ours is `tree` on SMB2 events.
 * - DCE/RPC in named pipes (SMB2 READ/WRITE/IOCTL, SMB1 Trans/ReadAndX/WriteAndX) is the
 *   `dcerpc` layer of the SMB event, compared on the frames of this filter.
 * - Only TCP is compared: SMB1 in NetBIOS datagrams (UDP 138 browser announcements, the SMB of
 *   most shared ICS captures) is the `nbdgm` decoder's.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const v = (e: EventLine): unknown => at(e, 'smb.version');

export const smbSpec: ProtoSpec = {
  proto: 'smb',
  filter: 'tcp && (smb || smb2)',
  sharedCaptures: [
    'it-attacks/pcap-attack/Command_and_Control/cmds_over_dns_txt_queries_and_reponses.pcap',
    'it-attacks/pcap-attack/CredAccess/CA_LM_SpoolSample_SMB_BiAuth.pcapng',
    'it-attacks/pcap-attack/CredAccess/CA_masterkey_rpc_protectedstorage.pcapng',
    'it-attacks/pcap-attack/CredAccess/CredAccess_BackupMasterKey_LSARPC_43_RetrievePrivateData.pcapng',
    'it-attacks/pcap-attack/CredAccess/DCSync_krbtgt_dcerpc_smb.pcapng',
    'it-attacks/pcap-attack/CredAccess/Remote_Pwd_Reset_RPC_Admin_Mimikatz_PostZeroLogon.pcapng',
    'it-attacks/pcap-attack/Discovery/Discovery_PsLoggedOn_remotelocalusers_enum_winreg_lsarpc_dcerpc_smb.pcapng',
    'it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng',
    'it-attacks/pcap-attack/Discovery/Discovery_privgroups_domain_admins_samr_lookupnames_req.pcapng',
    'it-attacks/pcap-attack/Evasion/DE_byt3bl33d3r_remote_eventservice_crash.pcapng',
    'it-attacks/pcap-attack/Lateral_Movement/LM_WMI_ProcessCallCreate.pcapng',
    'it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng',
    'it-attacks/pcap-attack/Lateral_Movement/LM_smbexec_smb_dcerpc_svcctl_epm.pcapng',
    'it-attacks/pcap-attack/Lateral_Movement/lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng',
    'it-attacks/pcap-attack/PrivEsc/CVE-2020-0796_SMBGhost_PrivEsc_Loopback_traffic.pcapng',
    'it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap',
    'it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap',
    'it-attacks/smb-exploits/eternalblue-success-unpatched-win7.pcap',
  ],
  // One frame of EternalBlue is a retransmission Wireshark calls spurious and skips; that test
  // pins the figures with the cause.
  pinnedBy: 'test/golden/smb/tshark-agreement.test.ts',
  fields: [
    {
      name: 'SMB1 command',
      tshark: 'smb.cmd',
      ours: (e) => {
        if (v(e) !== 1) return undefined;
        const andx = at(e, 'smb.andx_commands');
        return [at(e, 'smb.command'), ...(Array.isArray(andx) ? andx : [])];
      },
    },
    {
      name: 'SMB1 path',
      tshark: 'smb.path',
      ours: (e) => (v(e) === 1 ? at(e, 'smb.tree') : undefined),
    },
    {
      name: 'SMB2 command',
      tshark: 'smb2.cmd',
      ours: (e) => (v(e) === 2 ? at(e, 'smb.command') : undefined),
    },
    {
      name: 'SMB2 tree',
      tshark: 'smb2.tree',
      ours: (e) => (v(e) === 2 ? at(e, 'smb.tree') : undefined),
    },
    {
      name: 'DCE/RPC packet type (pipe)',
      tshark: 'dcerpc.pkt_type',
      ours: (e) => at(e, 'dcerpc.packet_type'),
    },
    {
      name: 'DCE/RPC interface UUID (pipe bind)',
      tshark: 'dcerpc.cn_bind_to_uuid',
      ours: (e) =>
        ((at(e, 'dcerpc.contexts') as { interface_uuid: string }[] | undefined) ?? []).map(
          (c) => c.interface_uuid,
        ),
    },
    { name: 'DCE/RPC opnum (pipe)', tshark: 'dcerpc.opnum', ours: (e) => at(e, 'dcerpc.opnum') },
  ],
};
