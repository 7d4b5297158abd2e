/**
 * VNC fields against Wireshark's `vnc` dissector (4.0): both ProtocolVersions, the security
 * types offered (3.7+) or decided by the server (3.3), the client's choice, the security
 * result and the ServerInit geometry and desktop name.
 *
 * Message types after the initialisation are not compared: Wireshark 4.0 does not know the
 * Extended Clipboard form of ServerCutText (negative length) that TigerVNC sends, and reads it
 * as a FramebufferUpdate (docs/fidelity-vnc.md).
 */
import { at, type ProtoSpec } from './spec.js';

export const vncSpec: ProtoSpec = {
  proto: 'vnc',
  filter: 'vnc',
  sharedCaptures: [],
  fields: [
    {
      name: 'server version',
      tshark: 'vnc.server_proto_ver',
      ours: (e) => at(e, 'vnc.server_version'),
    },
    {
      name: 'client version',
      tshark: 'vnc.client_proto_ver',
      ours: (e) => at(e, 'vnc.client_version'),
    },
    {
      name: 'server security types',
      tshark: ['vnc.security_type', 'vnc.server_security_type'],
      ours: (e) =>
        e.kind === 'vnc.security_types'
          ? (at(e, 'vnc.security_types') ?? at(e, 'vnc.security_type'))
          : undefined,
    },
    {
      name: 'client security type',
      tshark: 'vnc.client_security_type',
      ours: (e) => (e.kind === 'vnc.security_choice' ? at(e, 'vnc.security_type') : undefined),
    },
    {
      name: 'security result',
      tshark: 'vnc.auth_result',
      ours: (e) => {
        const r = at(e, 'vnc.result');
        return r === undefined ? undefined : r === 0 ? '0' : '1';
      },
      norm: (v) => (v === 'True' || v === '1' ? '1' : v === 'False' || v === '0' ? '0' : v),
    },
    { name: 'width', tshark: 'vnc.width', ours: (e) => at(e, 'vnc.width') },
    { name: 'height', tshark: 'vnc.height', ours: (e) => at(e, 'vnc.height') },
    { name: 'desktop name', tshark: 'vnc.desktop_name', ours: (e) => at(e, 'vnc.desktop_name') },
  ],
};
