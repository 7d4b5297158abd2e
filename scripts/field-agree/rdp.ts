/**
 * RDP fields against Wireshark's `rdp` dissector (4.0): the routing token / cookie, the
 * requested, selected and refused security protocols of the X.224 negotiation, and with
 * Standard RDP Security the client core data (name, build, keyboard layout, desktop size), the
 * client's encryption methods and the server's encryption method and level.
 *
 * Wireshark shows the whole token line (`Cookie: mstshash=IEUser`); we keep the user name of
 * an mstshash cookie (as Zeek's rdp.log does) and other tokens without `Cookie: `: both sides
 * are compared without those prefixes.
 */
import { at, normValue, type ProtoSpec } from './spec.js';

/** `Cookie: mstshash=NAME` -> `name`; `Cookie: msts=...` -> `msts=...`. */
function cookieNorm(v: string): string | undefined {
  let t = v.trim();
  if (t.startsWith('Cookie: ')) t = t.slice(8);
  if (t.startsWith('mstshash=')) t = t.slice(9);
  return t === '' ? undefined : t.toLowerCase();
}

/** Wireshark shows encryptionMethods as its 4 bytes (`1b000000`): read them little-endian. */
function leBytes(v: string): string | undefined {
  const t = v.trim();
  if (!/^[0-9a-f]{8}$/i.test(t)) return normValue(t);
  return String(Buffer.from(t, 'hex').readUInt32LE(0));
}

export const rdpSpec: ProtoSpec = {
  proto: 'rdp',
  filter: 'rdp',
  sharedCaptures: ['it-attacks/pcap-attack/Lateral_Movement/LM_rdp_sharprdp.pcapng'],
  fields: [
    {
      name: 'cookie',
      tshark: 'rdp.rt_cookie',
      ours: (e) => at(e, 'rdp.cookie') ?? at(e, 'rdp.routing_token'),
      norm: cookieNorm,
    },
    {
      name: 'requested protocols',
      tshark: 'rdp.negReq.requestedProtocols',
      ours: (e) => at(e, 'rdp.requested_protocols'),
    },
    {
      name: 'selected protocol',
      tshark: 'rdp.negReq.selectedProtocol',
      // A confirm without RDP_NEG_RSP implies Standard RDP Security; Wireshark shows no field.
      ours: (e) => (at(e, 'rdp.negotiated') === true ? at(e, 'rdp.selected_protocol') : undefined),
    },
    {
      name: 'failure code',
      tshark: 'rdp.negFailure.failureCode',
      ours: (e) => at(e, 'rdp.failure_code'),
    },
    { name: 'client name', tshark: 'rdp.client.name', ours: (e) => at(e, 'rdp.client_name') },
    { name: 'client build', tshark: 'rdp.client.build', ours: (e) => at(e, 'rdp.client_build') },
    {
      name: 'keyboard layout',
      tshark: 'rdp.keyboardLayout',
      ours: (e) => at(e, 'rdp.keyboard_layout'),
    },
    {
      name: 'client encryption methods',
      tshark: 'rdp.encryptionMethods',
      ours: (e) => at(e, 'rdp.encryption_methods'),
      norm: leBytes,
    },
    {
      name: 'server encryption method',
      tshark: 'rdp.encryptionMethod',
      ours: (e) => at(e, 'rdp.encryption_method'),
    },
    {
      name: 'server encryption level',
      tshark: 'rdp.encryptionLevel',
      ours: (e) => at(e, 'rdp.encryption_level'),
    },
  ],
};
