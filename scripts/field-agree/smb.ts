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
 * - Only TCP is compared: the SMB that the shared ICS captures hold is browser announcements in
 *   NetBIOS datagrams (UDP 138), which this decoder does not handle.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const v = (e: EventLine): unknown => at(e, 'smb.version');

export const smbSpec: ProtoSpec = {
  proto: 'smb',
  filter: 'tcp && (smb || smb2)',
  sharedCaptures: [
    'it-attacks/smb-exploits/',
    'it-attacks/pcap-attack/CredAccess/',
    'it-attacks/pcap-attack/Discovery/',
    'it-attacks/pcap-attack/Evasion/DE_byt3bl33d3r_remote_eventservice_crash',
    'it-attacks/pcap-attack/Lateral_Movement/',
    'it-attacks/pcap-attack/PrivEsc/CVE-2020-0796',
  ],
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
  ],
};
