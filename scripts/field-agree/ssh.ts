/**
 * SSH fields against Wireshark's `ssh` dissector (4.0): identification line, message codes of
 * the cleartext packets, the key exchange list and HASSH / HASSHServer.
 *
 * No shared capture holds SSH; the golden capture (test/golden/ssh) is compared instead.
 * Wireshark shows the message code of encrypted packets it cannot read as nothing, as we do.
 */
import { at, type ProtoSpec } from './spec.js';

export const sshSpec: ProtoSpec = {
  proto: 'ssh',
  filter: 'ssh',
  sharedCaptures: [],
  fields: [
    { name: 'protocol banner', tshark: 'ssh.protocol', ours: (e) => at(e, 'ssh.banner') },
    { name: 'message code', tshark: 'ssh.message_code', ours: (e) => at(e, 'ssh.message_code') },
    {
      name: 'kex algorithms',
      tshark: 'ssh.kex_algorithms',
      ours: (e) => {
        const l = at(e, 'ssh.kex_algorithms');
        return Array.isArray(l) ? l.join(',') : undefined;
      },
    },
    { name: 'hassh', tshark: 'ssh.kex.hassh', ours: (e) => at(e, 'ssh.hassh') },
    { name: 'hasshServer', tshark: 'ssh.kex.hasshserver', ours: (e) => at(e, 'ssh.hassh_server') },
  ],
};
