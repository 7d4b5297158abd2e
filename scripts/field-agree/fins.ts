/**
 * Omron FINS deeper fields against Wireshark's `omron` dissector (4.0, packet-omron-fins.c).
 *
 * Wireshark names the protocol `omron`; its FINS/TCP header fields are `omron.tcp.*`. It shows
 * no FINS header for the node address exchange (FINS/TCP commands 0 and 1), as we do.
 * `omron.memory.area.read` holds every memory area code of a request: ours has the one of a
 * memory area read/write/fill in `memory_area`, the others in `memory_areas`.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const frame = (e: EventLine): boolean => e.kind === 'fins.request' || e.kind === 'fins.response';

export const finsSpec: ProtoSpec = {
  proto: 'fins',
  filter: 'omron',
  sharedCaptures: ['omron-fins/'],
  fields: [
    { name: 'command code', tshark: 'omron.command', ours: (e) => at(e, 'fins.command_code') },
    { name: 'ICF', tshark: 'omron.icf', ours: (e) => at(e, 'fins.icf') },
    { name: 'gateway count', tshark: 'omron.gct', ours: (e) => at(e, 'fins.gct') },
    { name: 'destination node', tshark: 'omron.da1', ours: (e) => at(e, 'fins.da1') },
    { name: 'source node', tshark: 'omron.sa1', ours: (e) => at(e, 'fins.sa1') },
    { name: 'service id', tshark: 'omron.sid', ours: (e) => at(e, 'fins.sid') },
    {
      name: 'end code',
      tshark: 'omron.response.code',
      ours: (e) => (frame(e) ? at(e, 'fins.end_code') : undefined),
    },
    {
      name: 'FINS/TCP command',
      tshark: 'omron.tcp.command',
      ours: (e) => at(e, 'fins.tcp_command'),
    },
    {
      name: 'FINS/TCP error code',
      tshark: 'omron.tcp.error_code',
      ours: (e) => at(e, 'fins.tcp_error_code'),
    },
    {
      name: 'memory area',
      tshark: 'omron.memory.area.read',
      ours: (e) => at(e, 'fins.memory_area') ?? at(e, 'fins.memory_areas'),
    },
    {
      name: 'controller model',
      tshark: 'omron.controller.model',
      ours: (e) => at(e, 'fins.controller_model'),
      norm: (v) => (v.trim() === '' ? undefined : v.trim().toLowerCase()),
    },
  ],
};
