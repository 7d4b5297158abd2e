/**
 * EtherNet/IP and CIP deeper fields against Wireshark's `enip`, `cip` and `cipcm` dissectors.
 *
 * How our events map onto tshark's fields:
 * - every CIP message is one event (`enip.request`/`enip.response` for the message of a data
 *   item, `enip.embedded` for each entry of a Multiple Service Packet and the request inside an
 *   Unconnected Send), so per-frame multisets of `cip.sc`, `cip.class`, ... line up;
 * - a response carries its request's path (`cip.path`), as Wireshark's generated "Request Path"
 *   fields do; the reply to an Unconnected Send is the embedded request's reply (`cip.routed`),
 *   for which Wireshark lists the Connection Manager path (class 6, instance 1) and the embedded
 *   one;
 * - Wireshark dissects more paths with the same path fields, and so are they counted here: the
 *   connection path of a Forward Open or Forward Close (shown again under the reply), the
 *   Forward Open path of the connection a Forward Close or a SendUnitData belongs to
 *   ("Connection Information"), and the physical link path of a TCP/IP Interface object;
 * - attribute ids are those of the request path plus the attribute lists (`cip.attributes`):
 *   Get/Set Attribute List entries and the attributes of a decoded Get Attributes All reply;
 * - ListIdentity identity fields come from the `enip.identity` object of the response.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

/** The `cip` object of an event, if any. */
function cipOf(e: EventLine): Record<string, unknown> | undefined {
  const c = at(e, 'cip');
  return c !== null && typeof c === 'object' ? (c as Record<string, unknown>) : undefined;
}

/** The readable paths (`cip.path` format) Wireshark dissects for the CIP message of `e`. */
function paths(e: EventLine): string[] {
  const c = cipOf(e);
  if (c === undefined) return [];
  const out: string[] = [];
  // A routed reply: Wireshark shows the Unconnected Send's path (Connection Manager, instance 1)
  // before the embedded request's.
  if (c['routed'] === true) out.push('class 0x6, instance 1');
  if (typeof c['path'] === 'string') out.push(c['path']);
  // Forward Open/Close: the connection path, and on a Forward Close the one of its Forward Open.
  const fo = c['forward_open'] as Record<string, unknown> | undefined;
  const fc = c['forward_close'] as Record<string, unknown> | undefined;
  for (const p of [
    at(fo as EventLine, 'connection_path.path'),
    at(fc as EventLine, 'connection_path.path'),
    // Wireshark shows the Forward Open's path under a Forward Close request only.
    c['is_response'] === true ? undefined : at(fc as EventLine, 'opened.connection_path.path'),
    at(c as EventLine, 'tcpip.physical_link_path.path'),
    at(e, 'enip.connection.connection_path.path'),
  ]) {
    if (typeof p === 'string') out.push(p);
  }
  return out;
}

/** Numbers of the segments of kind `kind` (`class`, `instance`, ...) in the paths of `e`. */
function segments(e: EventLine, kind: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`(?:^|, )${kind} (0x[0-9a-f]+|\\d+)`, 'g');
  for (const p of paths(e)) for (const m of p.matchAll(re)) out.push(Number(m[1]));
  return out;
}

/** Symbolic segments in the paths of `e`. */
function symbols(e: EventLine): string[] {
  const out: string[] = [];
  for (const p of paths(e))
    for (const m of p.matchAll(/(?:^|, )symbol ([^,]+)/g)) out.push(m[1] as string);
  return out;
}

/** Defined values only (a field a message does not have is no value). */
function defined(...vs: unknown[]): unknown[] {
  return vs.filter((v) => v !== undefined && v !== null);
}

export const enipSpec: ProtoSpec = {
  proto: 'enip',
  filter: 'enip',
  sharedCaptures: ['enip-cip/', 'modbus/mb2.pcap'],
  // Wireshark tries the lower port's dissector first, and TCP 1102 belongs to IDMP: without
  // this it shows the EtherNet/IP session of EIP-ControlProtocolChangeAttempt.pcap as IDMP.
  tsharkArgs: ['-d', 'tcp.port==1102,enip'],
  // Wireshark dissects segments whatever their checksum, and so does this comparison: two
  // Windows hosts in the captures sent a good SYN, then offloaded (bad) checksums.
  checksums: 'ignore',
  fields: [
    { name: 'command', tshark: 'enip.command', ours: (e) => at(e, 'enip.command') },
    {
      // Once per encapsulation message: embedded CIP messages repeat the context.
      name: 'session handle',
      tshark: 'enip.session',
      ours: (e) => (e.kind === 'enip.embedded' ? undefined : at(e, 'enip.session_handle')),
    },
    { name: 'encapsulation status', tshark: 'enip.status', ours: (e) => at(e, 'enip.status') },
    {
      name: 'cpf item type',
      tshark: 'enip.cpf.typeid',
      ours: (e) =>
        ((at(e, 'enip.items') as { type_id: number }[] | undefined) ?? []).map((i) => i.type_id),
    },
    {
      name: 'connection id',
      tshark: ['enip.cpf.cai.connid', 'enip.cpf.sai.connid'],
      ours: (e) => (e.kind === 'enip.embedded' ? undefined : at(e, 'enip.connection_id')),
    },
    {
      name: 'encapsulation sequence number',
      tshark: 'enip.cpf.sai.seq',
      ours: (e) => at(e, 'enip.sequence_number'),
    },
    {
      name: 'cip sequence count',
      tshark: 'cip.seq',
      ours: (e) => (e.kind === 'enip.embedded' ? undefined : at(e, 'enip.cip_sequence')),
    },
    {
      name: 'cip service',
      tshark: 'cip.sc',
      ours: (e) => at(e, 'cip.service'),
      norm: (v) => {
        const n = normValue(v);
        return n === undefined ? undefined : String(Number(n) & 0x7f);
      },
    },
    { name: 'cip class', tshark: 'cip.class', ours: (e) => segments(e, 'class') },
    { name: 'cip instance', tshark: 'cip.instance', ours: (e) => segments(e, 'instance') },
    {
      name: 'cip attribute',
      tshark: 'cip.attribute',
      ours: (e) => [...segments(e, 'attribute'), ...((at(e, 'cip.attributes') as number[]) ?? [])],
    },
    { name: 'cip symbol', tshark: 'cip.symbol', ours: (e) => symbols(e) },
    { name: 'cip general status', tshark: 'cip.genstat', ours: (e) => at(e, 'cip.general_status') },
    {
      name: 'forward open connection ids',
      tshark: ['cip.cm.ot_connid', 'cip.cm.to_connid'],
      ours: (e) =>
        defined(
          at(e, 'cip.forward_open.o_t_connection_id'),
          at(e, 'cip.forward_open.t_o_connection_id'),
        ),
    },
    {
      name: 'connection serial',
      tshark: 'cip.cm.conn_serial_num',
      ours: (e) =>
        at(e, 'cip.forward_open.connection_serial') ?? at(e, 'cip.forward_close.connection_serial'),
    },
    {
      name: 'rpi',
      tshark: ['cip.cm.otrpi', 'cip.cm.torpi'],
      ours: (e) =>
        defined(at(e, 'cip.forward_open.o_t.rpi_us'), at(e, 'cip.forward_open.t_o.rpi_us')),
    },
    {
      name: 'identity vendor',
      tshark: 'enip.lir.vendor',
      ours: (e) => at(e, 'enip.identity.vendor_id'),
    },
    {
      name: 'identity device type',
      tshark: 'enip.lir.devtype',
      ours: (e) => at(e, 'enip.identity.device_type'),
    },
    {
      name: 'identity product code',
      tshark: 'enip.lir.prodcode',
      ours: (e) => at(e, 'enip.identity.product_code'),
    },
    {
      name: 'identity serial',
      tshark: 'enip.lir.serial',
      ours: (e) => at(e, 'enip.identity.serial_number'),
    },
    {
      name: 'identity product name',
      tshark: 'enip.lir.name',
      ours: (e) => at(e, 'enip.identity.product_name'),
    },
  ],
};
