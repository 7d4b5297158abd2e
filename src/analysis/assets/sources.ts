/**
 * Which events reveal what about an asset: one function per event kind, reading the decoder's
 * fields (their schemas are the decoders' `events.ts`) and naming the attributes they show.
 *
 * Devices describe themselves in replies to discovery and diagnostics: EtherNet/IP
 * ListIdentity and the Identity object, Modbus Read Device Identification (43/14), S7 SZL
 * 0x0011 / 0x001C, BACnet I-Am and the device object's properties, PROFINET DCP, OPC UA
 * application descriptions; the sender of such a reply is the device (`src`). Names come from
 * DHCP (the client's own, keyed by its hardware address), DNS answers (the name of an address),
 * TLS server names and certificates. Protocol addresses (DNP3 link addresses, IEC 104 common
 * addresses, GOOSE control blocks) identify the station that sends them.
 *
 * Attribute names are shared across protocols (`vendor`, `product`, `serial`, `firmware`...)
 * so that an inventory can compare them; protocol-specific ones carry the protocol's prefix.
 */
import type { AppEvent } from '../../decode/decoder.js';
import type { EventMeta } from '../observer.js';
import type { Confidence } from './record.js';

/**
 * Whom an attribute describes: the event's sender or receiver, or an address the event names
 * (a DHCP client's hardware address, the address a DNS answer gives).
 */
export type Side =
  | 'src'
  | 'dst'
  | { readonly ip?: string; readonly mac?: string }
  /**
   * A device known by a protocol identity rather than an address (`bacnet:<instance>`): it
   * is the event's sender when `sender` is `is`, or sits behind it (a BACnet router) when
   * `behind`.
   */
  | { readonly device: string; readonly sender: 'is' | 'behind' };

/** Records one attribute value of the asset on `side`. */
export type AddAttribute = (
  side: Side,
  name: string,
  value: string | number | boolean | undefined | null,
  confidence: Confidence,
) => void;

type Source = (meta: EventMeta, event: AppEvent, add: AddAttribute) => void;

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** CIP Identity (ListIdentity item, or Identity object attributes), from its sender. */
function cipIdentity(side: Side, id: Obj, add: AddAttribute): void {
  add(side, 'vendor', str(id.vendor) !== 'unknown' ? str(id.vendor) : undefined, 'high');
  add(side, 'cip_vendor_id', num(id.vendor_id), 'high');
  add(side, 'device_type', str(id.device_type_name), 'high');
  add(side, 'product', str(id.product_name), 'high');
  add(side, 'product_code', num(id.product_code), 'high');
  add(side, 'revision', str(id.revision), 'high');
  add(side, 'serial', str(id.serial_hex), 'high');
}

function enip(meta: EventMeta, e: AppEvent, add: AddAttribute): void {
  const en = obj(e.enip);
  const id = obj(en?.identity);
  if (id) cipIdentity('src', id, add);
  const cip = obj(e.cip);
  if (!cip || cip.is_response !== true) return;
  const cid = obj(cip.identity);
  if (cid) cipIdentity('src', cid, add);
  const tcpip = obj(cip.tcpip);
  if (tcpip) add('src', 'hostname', str(tcpip.host_name), 'high');
}

/** Modbus 43/14 objects, by object name ([AP] 6.21 table). */
const MODBUS_OBJECTS: Readonly<Record<string, string>> = {
  vendor_name: 'vendor',
  product_code: 'product_code',
  major_minor_revision: 'revision',
  vendor_url: 'vendor_url',
  product_name: 'product',
  model_name: 'model',
  user_application_name: 'application',
};

function modbus(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const objects = obj(e.modbus)?.objects;
  if (!Array.isArray(objects)) return;
  for (const o of objects) {
    const ob = obj(o);
    const name = ob ? MODBUS_OBJECTS[str(ob.name) ?? ''] : undefined;
    if (ob && name) add('src', name, str(ob.value), 'high');
  }
}

function s7comm(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const s = obj(e.s7comm);
  if (!s) return;
  const mod = obj(s.module_identification);
  if (mod) {
    add('src', 'vendor', 'Siemens', 'high');
    add('src', 'order_number', str(mod.order_number), 'high');
    add('src', 'firmware', str(mod.firmware_version), 'high');
  }
  const comp = obj(s.component_identification);
  if (comp) {
    add('src', 'vendor', 'Siemens', 'high');
    add('src', 'plc_name', str(comp.plc_name), 'high');
    add('src', 'module_name', str(comp.module_name), 'high');
    add('src', 'serial', str(comp.serial_number), 'high');
    add('src', 'model', str(comp.module_type_name), 'high');
    add('src', 'plant', str(comp.plant_designation), 'high');
  }
}

/** BACnet device object properties ([135] 12.11) read back, by property identifier. */
const BACNET_DEVICE_PROPERTIES: Readonly<Record<number, string>> = {
  121: 'vendor',
  120: 'bacnet_vendor_id',
  70: 'model',
  44: 'firmware',
  12: 'application_version',
  77: 'bacnet_object_name',
  58: 'location',
  28: 'description',
};

const BACNET_DEVICE = 8;

/** Device instance 4194303 is the wildcard, which an unconfigured device announces ([135] 12.11.1). */
const BACNET_UNCONFIGURED = 4194303;

/**
 * A BACnet device is known by its device instance, unique in a BACnet internetwork. A message
 * that carries a source network (SNET/SADR) or came over MS/TP was relayed by a router: the
 * device sits behind the sender's address instead of being it. An unconfigured device
 * (instance 4194303) is known by its network address instead.
 */
function bacnetDevice(b: Obj, instance: number | undefined): Side | undefined {
  if (instance === undefined || instance < 0 || instance > BACNET_UNCONFIGURED) return undefined;
  const routed = b.snet !== undefined || b.mstp_src !== undefined;
  if (instance === BACNET_UNCONFIGURED) {
    if (!routed) return 'src';
    const where =
      b.mstp_src !== undefined
        ? `mstp${String(b.mstp_src)}`
        : `${String(b.snet)}:${String(b.sadr)}`;
    return { device: `bacnet:unconfigured@${where}`, sender: 'behind' };
  }
  return { device: `bacnet:${instance}`, sender: routed ? 'behind' : 'is' };
}

function bacnet(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const b = obj(e.bacnet);
  if (!b) return;
  const service = str(b.service);
  if (service === 'i-am' || service === 'i-have') {
    const instance = num(b.device_instance);
    const dev = bacnetDevice(b, instance);
    if (!dev) return;
    add(dev, 'bacnet_device_instance', instance, 'high');
    if (service === 'i-am') {
      add(dev, 'bacnet_vendor_id', num(b.vendor_id), 'high');
      add(dev, 'bacnet_max_apdu', num(b.max_apdu), 'high');
    }
    return;
  }
  // A ReadProperty acknowledgement of a property of the device object.
  if (service !== 'read-property' || b.pdu_type !== 3 || b.object_type !== BACNET_DEVICE) return;
  const name = BACNET_DEVICE_PROPERTIES[num(b.property_id) ?? -1];
  const dev = bacnetDevice(b, num(b.instance));
  if (name === undefined || !dev) return;
  const v = b.value;
  if (typeof v === 'string' || typeof v === 'number') add(dev, name, v, 'high');
}

function profinet(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const p = obj(e.profinet);
  if (!p) return;
  // Identify responses and Hello describe their sender; a Set request describes its target,
  // which the inventory learns only once the device confirms (its next Identify response).
  const type = p.frame_type;
  if (type !== 'dcp_identify_response' && type !== 'dcp_hello') return;
  add('src', 'station_name', str(p.name_of_station), 'high');
  add('src', 'product', str(p.device_vendor), 'high');
  add('src', 'profinet_vendor_id', num(p.vendor_id), 'high');
  add('src', 'profinet_device_id', num(p.device_id), 'high');
  const roles = p.device_roles;
  if (Array.isArray(roles)) for (const r of roles) add('src', 'profinet_role', str(r), 'high');
  add('src', 'ip_address', str(p.ip_address), 'high');
}

function pnio(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const p = obj(e.pnio);
  // A connect request names the IO controller that sends it.
  if (p?.operation === 'connect' && p.packet_type === 0) {
    add('src', 'station_name', str(p.station_name), 'medium');
  }
}

function opcua(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const o = obj(e.opcua);
  if (!o) return;
  add('src', 'opcua_application_uri', str(o.client_application_uri), 'high');
  const servers = o.servers;
  if (Array.isArray(servers)) {
    for (const s of servers) {
      const so = obj(s);
      if (!so) continue;
      add('src', 'opcua_application_uri', str(so.application_uri), 'high');
      add('src', 'opcua_product_uri', str(so.product_uri), 'high');
      add('src', 'product', str(so.application_name), 'medium');
    }
  }
  const endpoints = o.endpoints;
  if (Array.isArray(endpoints)) {
    for (const ep of endpoints) {
      const eo = obj(ep);
      if (eo) add('src', 'opcua_application_uri', str(eo.server_uri), 'high');
    }
  }
}

function dnp3(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const d = obj(e.dnp3);
  const src = num(d?.source);
  // 0xFFFC-0xFFFF are broadcast and self addresses, not a station's.
  if (src !== undefined && src < 0xfff0) add('src', 'dnp3_address', src, 'high');
}

function iec104(meta: EventMeta, e: AppEvent, add: AddAttribute): void {
  const i = obj(e.iec104);
  const coa = num(i?.common_address);
  // In the monitor direction the common address is the sending station's.
  if (coa !== undefined && meta.fromServer && coa !== 0xffff) {
    add('src', 'iec104_common_address', coa, 'high');
  }
}

function goose(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const g = obj(e.goose);
  if (!g) return;
  const ref = str(g.gocb_ref);
  add('src', 'goose_control_block', ref, 'high');
  add('src', 'goose_id', str(g.go_id), 'high');
  // gocbRef = <IED name><LD inst>/LLN0$GO$<name> (IEC 61850-8-1 8.1.3.2): the logical device.
  const slash = ref?.indexOf('/') ?? -1;
  if (ref !== undefined && slash > 0)
    add('src', 'iec61850_logical_device', ref.slice(0, slash), 'high');
}

function dhcp(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const d = obj(e.dhcp);
  if (!d) return;
  const mac = d.htype === 1 ? str(d.chaddr) : undefined;
  if (mac === undefined) return;
  if (d.op === 1) {
    const client = { mac };
    add(client, 'hostname', str(d.hostname), 'medium');
    const vc = str(d.vendor_class);
    add(client, 'dhcp_vendor_class', vc, 'medium');
    const os = vc !== undefined ? DHCP_OS.find(([re]) => re.test(vc))?.[1] : undefined;
    add(client, 'os', os, 'low');
    const prl = d.param_request_list;
    if (Array.isArray(prl)) add(client, 'dhcp_fingerprint', prl.join(','), 'medium');
    return;
  }
  add('src', 'role_hint', 'dhcp_server', 'high');
  // DHCPACK (5) binds the assigned address to the client's hardware address.
  const yi = str(d.yiaddr);
  if (d.message_type === 5 && yi !== undefined && yi !== '0.0.0.0') {
    add({ ip: yi, mac }, 'dhcp_lease', yi, 'high');
  }
}

function dns(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const answers = obj(e.dns)?.answers;
  if (!Array.isArray(answers)) return;
  for (const a of answers) {
    const r = obj(a);
    if (!r) continue;
    const type = r.type_name;
    const data = str(r.data);
    const name = str(r.name);
    if ((type === 'A' || type === 'AAAA') && data !== undefined && name !== undefined) {
      add({ ip: data }, 'hostname', name.replace(/\.$/, ''), 'medium');
    }
  }
}

/** NetBIOS suffixes of domain or workgroup names: domain master browser, DCs, master browser, election. */
const NETBIOS_DOMAIN_SUFFIXES = new Set([0x1b, 0x1c, 0x1d, 0x1e]);

/**
 * One NetBIOS name of the node on `side`: unique workstation (0x00) and server (0x20) names
 * are its host name, group 0x00 names and the browser/DC suffixes its domain or workgroup.
 * Names with non-printable bytes (`<01><02>__MSBROWSE__`) are neither.
 */
function netbiosName(
  side: Side,
  n: Obj,
  group: boolean,
  conf: Confidence,
  add: AddAttribute,
): void {
  const name = str(n.netbios_name)?.trim();
  const suffix = num(n.suffix);
  if (name === undefined || name === '' || name.includes('<') || suffix === undefined) return;
  if (!group && (suffix === 0x00 || suffix === 0x20)) add(side, 'hostname', name, conf);
  else if ((group && suffix === 0x00) || NETBIOS_DOMAIN_SUFFIXES.has(suffix))
    add(side, 'domain', name, conf);
}

/** NBNS opcodes whose requests claim a name for an address: registration, refresh, multi-homed. */
const NBNS_CLAIMS = new Set([5, 8, 9, 15]);

/**
 * NBNS ([RFC1002] 4.2): registrations and refreshes name the address that claims the name,
 * positive query answers the address that owns it (spoofable, hence medium), and a node status
 * answer lists the responder's own names and its MAC address (the unit id).
 */
function nbns(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const n = obj(e.nbns);
  const records = n?.records;
  if (!n || !Array.isArray(records)) return;
  const opcode = num(n.opcode);
  const claim = n.response !== true && opcode !== undefined && NBNS_CLAIMS.has(opcode);
  const answer = n.response === true && opcode === 0 && n.rcode === 0;
  for (const r of records) {
    const rec = obj(r);
    if (!rec) continue;
    if (answer && Array.isArray(rec.node_names)) {
      for (const nn of rec.node_names) {
        const o = obj(nn);
        if (o) netbiosName('src', o, o.group === true, 'high', add);
      }
      const mac = str(rec.unit_id);
      if (mac !== undefined && mac !== '00:00:00:00:00:00') add('src', 'netbios_mac', mac, 'high');
    }
    if ((!claim && !answer) || !Array.isArray(rec.addresses)) continue;
    for (const a of rec.addresses) {
      const ad = obj(a);
      const ip = str(ad?.address);
      if (!ad || ip === undefined || ip === '0.0.0.0') continue;
      netbiosName({ ip }, rec, ad.group === true, claim ? 'high' : 'medium', add);
    }
  }
}

/** Browser announcement opcodes whose sender describes itself ([MS-BRWS] 2.2.1, 2.2.18). */
const BROWSER_HOST_ANNOUNCEMENTS = new Set([0x01, 0x0f]);

/**
 * NetBIOS datagrams: the Browser protocol's host and local master announcements give the
 * sender's name, OS version, server type bits (a domain controller among them) and comment; a
 * domain announcement its workgroup.
 */
function nbdgm(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const b = obj(e.browser);
  const cmd = num(b?.command);
  if (!b || cmd === undefined) return;
  const server = str(b.server)?.trim();
  if (cmd === 0x0c) {
    if (server) add('src', 'domain', server, 'high');
    return;
  }
  if (!BROWSER_HOST_ANNOUNCEMENTS.has(cmd)) return;
  if (server) add('src', 'hostname', server, 'high');
  const type = num(b.server_type) ?? 0;
  const major = num(b.os_major);
  const minor = num(b.os_minor);
  if (major !== undefined && minor !== undefined) {
    // SV_TYPE_NT (0x1000): the version is Windows NT's (6.1 = Windows 7 / Server 2008 R2).
    const nt = Math.floor(type / 0x1000) % 2 === 1;
    add('src', 'os', nt ? `Windows ${major}.${minor}` : `${major}.${minor}`, 'medium');
  }
  const names = b.server_type_names;
  if (Array.isArray(names) && names.length > 0)
    add('src', 'netbios_server_type', names.join(','), 'high');
  // SV_TYPE_DOMAIN_CTRL (0x8).
  if (Math.floor(type / 8) % 2 === 1) add('src', 'role_hint', 'domain_controller', 'high');
  add('src', 'netbios_comment', str(b.comment) || undefined, 'medium');
}

function tls(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const t = obj(e.tls);
  if (!t) return;
  add('dst', 'tls_server_name', str(t.sni), 'medium');
}

function ssh(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  add('src', 'software', str(obj(e.ssh)?.software), 'high');
}

/**
 * NTLMSSP in any protocol (SMB, HTTP, LDAP, DCE/RPC): an AUTHENTICATE names the client's
 * workstation, domain and user; a CHALLENGE the server's name; either may carry the sender's
 * Windows version ([MS-NLMP] 2.2.2.10).
 */
export function ntlm(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const n = obj(e.ntlmssp);
  if (!n) return;
  const version = str(n.version);
  if (n.message_type === 'authenticate') {
    add('src', 'hostname', str(n.workstation), 'medium');
    add('src', 'domain', str(n.domain), 'medium');
    add('src', 'user', str(n.user), 'medium');
    if (version !== undefined) add('src', 'os', `Windows ${version}`, 'medium');
  } else if (n.message_type === 'challenge') {
    add('src', 'domain', str(n.target_name), 'medium');
    if (version !== undefined) add('src', 'os', `Windows ${version}`, 'medium');
  }
}

/** Operating systems a DHCP vendor class names (option 60). */
const DHCP_OS: readonly [RegExp, string][] = [
  [/^MSFT/, 'Windows'],
  [/^android-dhcp/, 'Android'],
  [/^dhcpcd/, 'Linux (dhcpcd)'],
  [/^udhcp/, 'Linux (BusyBox udhcpc)'],
];

function smb(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const s = obj(e.smb);
  add('src', 'os', str(s?.native_os), 'medium');
}

function http(_m: EventMeta, e: AppEvent, add: AddAttribute): void {
  const h = obj(e.http);
  if (!h) return;
  add('src', 'user_agent', str(h.user_agent), 'medium');
  add('src', 'software', str(h.server), 'medium');
}

/** Identity sources by event kind. */
export const IDENTITY_SOURCES: Readonly<Record<string, Source>> = {
  'bacnet.apdu': bacnet,
  'dhcp.request': dhcp,
  'dhcp.reply': dhcp,
  'dnp3.request': dnp3,
  'dnp3.response': dnp3,
  'dnp3.unsolicited_response': dnp3,
  'dnp3.link': dnp3,
  'dns.response': dns,
  'enip.response': enip,
  'enip.embedded': enip,
  'goose.pdu': goose,
  'http.request': http,
  'http.response': http,
  'iec104.monitor': iec104,
  'modbus.response': modbus,
  'nbdgm.datagram': nbdgm,
  'nbns.request': nbns,
  'nbns.response': nbns,
  'opcua.message': opcua,
  'pnio.request': pnio,
  'profinet.dcp': profinet,
  's7comm.userdata': s7comm,
  'smb.request': smb,
  'smb.response': smb,
  'ssh.banner': ssh,
  'tls.client_hello': tls,
};
