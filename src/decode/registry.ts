/**
 * THE list of application decoders: one line each, alphabetical by id. Adding a protocol means
 * adding its folder under `decode/app/<id>/` and one line here; `registry.test.ts` fails when a
 * folder is not registered, an id is duplicated or differs from its folder name.
 *
 * The lookup helpers are for wiring (pipeline, CLI, docs), not for the per-packet path: the
 * pipeline resolves a flow's candidate decoders once, when the flow starts.
 */
import type { AppDecoder } from './decoder.js';
import { adsDecoder } from './app/ads/index.js';
import { arpDecoder } from './app/arp/index.js';
import { bacnetDecoder } from './app/bacnet/index.js';
import { c37118Decoder } from './app/c37118/index.js';
import { dcerpcDecoder } from './app/dcerpc/index.js';
import { dhcpDecoder } from './app/dhcp/index.js';
import { dnp3Decoder } from './app/dnp3/index.js';
import { dnsDecoder } from './app/dns/index.js';
import { enipDecoder } from './app/enip/index.js';
import { ethercatDecoder } from './app/ethercat/index.js';
import { finsDecoder } from './app/fins/index.js';
import { foxDecoder } from './app/fox/index.js';
import { ftpDecoder } from './app/ftp/index.js';
import { gooseDecoder } from './app/goose/index.js';
import { hartipDecoder } from './app/hartip/index.js';
import { httpDecoder } from './app/http/index.js';
import { iec104Decoder } from './app/iec104/index.js';
import { kerberosDecoder } from './app/kerberos/index.js';
import { ldapDecoder } from './app/ldap/index.js';
import { melsecDecoder } from './app/melsec/index.js';
import { mmsDecoder } from './app/mms/index.js';
import { modbusDecoder } from './app/modbus/index.js';
import { mqttDecoder } from './app/mqtt/index.js';
import { nbdgmDecoder } from './app/nbdgm/index.js';
import { nbnsDecoder } from './app/nbns/index.js';
import { ntpDecoder } from './app/ntp/index.js';
import { opcuaDecoder } from './app/opcua/index.js';
import { pnioDecoder } from './app/pnio/index.js';
import { profinetDecoder } from './app/profinet/index.js';
import { rdpDecoder } from './app/rdp/index.js';
import { s7commDecoder } from './app/s7comm/index.js';
import { selDecoder } from './app/sel/index.js';
import { smbDecoder } from './app/smb/index.js';
import { snmpDecoder } from './app/snmp/index.js';
import { sshDecoder } from './app/ssh/index.js';
import { svDecoder } from './app/sv/index.js';
import { telnetDecoder } from './app/telnet/index.js';
import { tlsDecoder } from './app/tls/index.js';
import { vncDecoder } from './app/vnc/index.js';

// Decoders are heterogeneous in their state type; `any` is the registry's erasure point.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecoder = AppDecoder<any>;

/** Every application decoder, alphabetical by id (one per line, so additions never conflict). */
// prettier-ignore
export const DECODERS: readonly AnyDecoder[] = [
  adsDecoder,
  arpDecoder,
  bacnetDecoder,
  c37118Decoder,
  dcerpcDecoder,
  dhcpDecoder,
  dnp3Decoder,
  dnsDecoder,
  enipDecoder,
  ethercatDecoder,
  finsDecoder,
  foxDecoder,
  ftpDecoder,
  gooseDecoder,
  hartipDecoder,
  httpDecoder,
  iec104Decoder,
  kerberosDecoder,
  ldapDecoder,
  melsecDecoder,
  mmsDecoder,
  modbusDecoder,
  mqttDecoder,
  nbdgmDecoder,
  nbnsDecoder,
  ntpDecoder,
  opcuaDecoder,
  pnioDecoder,
  profinetDecoder,
  rdpDecoder,
  s7commDecoder,
  selDecoder,
  smbDecoder,
  snmpDecoder,
  sshDecoder,
  svDecoder,
  telnetDecoder,
  tlsDecoder,
  vncDecoder,
];

const BY_ID: ReadonlyMap<string, AnyDecoder> = new Map(DECODERS.map((d) => [d.id, d]));

type Transport = AnyDecoder['transport'];
const TRANSPORTS: readonly Transport[] = ['tcp', 'udp', 'ether'];

/** Key of the port index: transport number * 65536 + port (no string building per lookup). */
function portKey(transport: Transport, port: number): number {
  return TRANSPORTS.indexOf(transport) * 0x10000 + port;
}

/** Port index: decoders that list a port as a default, in registry order. */
const BY_PORT: ReadonlyMap<number, readonly AnyDecoder[]> = (() => {
  const m = new Map<number, AnyDecoder[]>();
  for (const d of DECODERS) {
    for (const p of d.defaultPorts) {
      const k = portKey(d.transport, p);
      const list = m.get(k);
      if (list) list.push(d);
      else m.set(k, [d]);
    }
  }
  return m;
})();

const BY_TRANSPORT: ReadonlyMap<Transport, readonly AnyDecoder[]> = new Map(
  TRANSPORTS.map((t) => [t, Object.freeze(DECODERS.filter((d) => d.transport === t))]),
);

const NONE: readonly AnyDecoder[] = Object.freeze([]);

/**
 * The decoder with id `id`, or undefined.
 *
 * @example
 * decoderById('modbus')?.defaultPorts // [502]
 */
export function decoderById(id: string): AnyDecoder | undefined {
  return BY_ID.get(id);
}

/**
 * Decoders whose default ports include `port` on `transport` (registry order); empty when none.
 * The returned array is shared: do not modify it.
 *
 * @example
 * decodersForPort('tcp', 502) // [modbusDecoder]
 */
export function decodersForPort(transport: Transport, port: number): readonly AnyDecoder[] {
  return BY_PORT.get(portKey(transport, port)) ?? NONE;
}

/**
 * Every decoder carried over `transport` (registry order), e.g. to probe a flow on a port no
 * decoder claims. The returned array is shared and frozen.
 *
 * @example
 * decodersForTransport('tcp').map((d) => d.id) // ['modbus', ...]
 */
export function decodersForTransport(transport: Transport): readonly AnyDecoder[] {
  return BY_TRANSPORT.get(transport) ?? NONE;
}
