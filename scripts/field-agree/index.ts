/** The field-agreement specs, one line per protocol, alphabetical. */
import { adsSpec } from './ads.js';
import { bacnetSpec } from './bacnet.js';
import { c37118Spec } from './c37118.js';
import { dcerpcSpec } from './dcerpc.js';
import { dhcpSpec } from './dhcp.js';
import { dnp3Spec } from './dnp3.js';
import { dnsSpec } from './dns.js';
import { enipSpec } from './enip.js';
import { ethercatSpec } from './ethercat.js';
import { finsSpec } from './fins.js';
import { foxSpec } from './fox.js';
import { ftpSpec } from './ftp.js';
import { gooseSpec } from './goose.js';
import { hartipSpec } from './hartip.js';
import { httpSpec } from './http.js';
import { iec104Spec } from './iec104.js';
import { kerberosSpec } from './kerberos.js';
import { ldapSpec } from './ldap.js';
import { melsecSpec } from './melsec.js';
import { mmsSpec } from './mms.js';
import { modbusSpec } from './modbus.js';
import { mqttSpec } from './mqtt.js';
import { nbdgmSpec } from './nbdgm.js';
import { nbnsSpec } from './nbns.js';
import { ntpSpec } from './ntp.js';
import { opcuaSpec } from './opcua.js';
import { pnioSpec } from './pnio.js';
import { profinetSpec } from './profinet.js';
import { rdpSpec } from './rdp.js';
import { s7commSpec } from './s7comm.js';
import { selSpec } from './sel.js';
import { smbSpec } from './smb.js';
import { snmpSpec } from './snmp.js';
import { sshSpec } from './ssh.js';
import { svSpec } from './sv.js';
import { tlsSpec } from './tls.js';
import { vncSpec } from './vnc.js';
import type { ProtoSpec } from './spec.js';

// prettier-ignore
export const SPECS: Readonly<Record<string, ProtoSpec>> = {
  ads: adsSpec,
  bacnet: bacnetSpec,
  c37118: c37118Spec,
  dcerpc: dcerpcSpec,
  dhcp: dhcpSpec,
  dnp3: dnp3Spec,
  dns: dnsSpec,
  enip: enipSpec,
  ethercat: ethercatSpec,
  fins: finsSpec,
  fox: foxSpec,
  ftp: ftpSpec,
  goose: gooseSpec,
  hartip: hartipSpec,
  http: httpSpec,
  iec104: iec104Spec,
  kerberos: kerberosSpec,
  ldap: ldapSpec,
  melsec: melsecSpec,
  mms: mmsSpec,
  modbus: modbusSpec,
  mqtt: mqttSpec,
  nbdgm: nbdgmSpec,
  nbns: nbnsSpec,
  ntp: ntpSpec,
  opcua: opcuaSpec,
  pnio: pnioSpec,
  profinet: profinetSpec,
  rdp: rdpSpec,
  s7comm: s7commSpec,
  sel: selSpec,
  smb: smbSpec,
  snmp: snmpSpec,
  ssh: sshSpec,
  sv: svSpec,
  tls: tlsSpec,
  vnc: vncSpec,
};
