/**
 * The expected ATT&CK techniques of every labelled attack of the evaluation: which technique ids
 * on an alert count as detecting it. One entry per behaviour, matched on the attack's name in its
 * labels (the lab's attack name, or the capture's file name for one-attack files); the first
 * entry that matches wins, so specific names come before general ones.
 *
 * The table is about behaviour, not about our rules: each entry accepts every technique an
 * analyst would accept as naming what happened (several per attack: a coil write is an
 * Unauthorized Command Message and a Manipulation of Control), with a one-line reason. Ids are
 * ATT&CK for ICS (`T08xx`) and Enterprise (`T1xxx[.xxx]`); the test checks each against
 * ../shared/data/reference/attack-ics.json and attack-enterprise.json.
 */

/** One row of the table. */
export interface TechniqueEntry {
  /** Matched against the attack name. */
  match: RegExp;
  ids: readonly string[];
  reason: string;
}

const SCAN = ['T1046', 'T0846', 'T1018', 'T0840', 'T1595', 'T1595.001', 'T1595.002'];
const CONTROL_WRITE = ['T0855', 'T0831', 'T0836'];
const DOWNLOAD = ['T0843', 'T0821', 'T0889'];
const STOP = ['T0858', 'T0881', 'T0816', 'T0855', 'T0813'];
const EXPLOIT = ['T1210', 'T0866', 'T1068', 'T0890'];

/** The table, most specific names first. */
export const TECHNIQUE_TABLE: readonly TechniqueEntry[] = [
  // --- datasets/lemay-modbus ---
  {
    match: /^send_a_fake_command$/,
    ids: ['T0855', 'T0836', 'T0831', 'T0848'],
    reason:
      'a coil write (FC 5) from a host that never commanded the RTU: unauthorized command, rogue master, manipulation of control',
  },
  {
    match: /^characterization$/,
    ids: ['T0846', 'T0888', 'T0861', 'T0877', 'T0801'],
    reason:
      'reads of every coil, input and register range (FC 1-4) to map the RTU: discovery, point and tag identification, I/O image',
  },
  {
    match: /^CnC_uploading_exe$/,
    ids: [
      'T1135',
      'T0846',
      'T1021.002',
      'T1105',
      'T0867',
      'T1570',
      'T1571',
      'T1573',
      'T0869',
      'T1071',
    ],
    reason:
      'an anonymous SMB session listing shares (LANMAN), then an executable pushed over an SSL channel on TCP 4444: share discovery, tool transfer, C2 on a non-standard port',
  },
  // --- datasets/qut-dnp3 ---
  {
    match: /^nmap$/,
    ids: SCAN,
    reason:
      'ARP sweep and TCP SYN probes of port 20000 across the subnet: host and service discovery',
  },
  {
    match: /^reconnaissance$/,
    ids: ['T0888', 'T0861', 'T0846', 'T0801', 'T0877', 'T0802', 'T0848'],
    reason:
      'a host that is not the master (a rogue master) scripting reads of class 0-3 data and long lists of objects: remote system information and point discovery, automated collection',
  },
  {
    match: /^master_replay_flooding$/,
    ids: ['T0814', 'T0813', 'T0815', 'T0855', 'T0848', 'T1498', 'T1499'],
    reason:
      'repeated replayed master requests in a short burst: denial of service/control, unauthorized commands from a rogue master',
  },
  {
    match: /^injection_/,
    ids: ['T0855', 'T0856', 'T0831', 'T0832', 'T0836'],
    reason:
      'forged DNP3 messages injected into the master-outstation session (freeze, acknowledgements): unauthorized command, spoofed report',
  },
  {
    match: /^slave_masquerading_/,
    ids: ['T0856', 'T0832', 'T0849', 'T0830'],
    reason:
      'an impostor outstation answering the master with spoofed points: spoof reporting message, masquerading',
  },
  {
    match: /^master_hijacking_masquerading$/,
    ids: ['T0848', 'T0849', 'T0855', 'T0831', 'T0830'],
    reason:
      'the attacker takes over the master role and commands the outstation: rogue master, masquerading',
  },
  {
    match: /^MITM_modification_/,
    ids: ['T0830', 'T1557', 'T1557.002', 'T0856', 'T0832'],
    reason:
      'ARP poisoning between master and outstation, values rewritten in flight: adversary-in-the-middle, spoofed reports',
  },
  {
    match: /^master_replay$/,
    ids: ['T0855', 'T0848', 'T0831', 'T0849'],
    reason:
      'recorded master requests replayed from another host: unauthorized command message, rogue master',
  },
  // --- datasets/qut-s7comm ---
  {
    match: /_Flooding$/,
    ids: ['T0806', 'T0855', 'T0831', 'T0836', 'T0814'],
    reason:
      'the same S7 Write Var repeated many times a second: brute force I/O, unauthorized command',
  },
  {
    match: /^Change(Upper|Lower)Threshold$/,
    ids: ['T0836', 'T0855', 'T0831', 'T0838'],
    reason:
      'an S7 Write Var of a process set-point from a non-HMI host: modify parameter (alarm threshold)',
  },
  {
    match: /^(ConveyorBelt|WaterTank|Reactor)/,
    ids: CONTROL_WRITE,
    reason:
      'an S7 Write Var switching a process output (conveyor, tank, reactor) from a non-HMI host: unauthorized command, manipulation of control',
  },
  // --- it-attacks (one attack per file, by file name) ---
  {
    match: /^C2_Foudre_Backdoor_DGA$/,
    ids: ['T1568', 'T1568.002', 'T1071', 'T1071.004', 'T0869'],
    reason:
      'DNS lookups of algorithmically generated domains: dynamic resolution (DGA), C2 over DNS',
  },
  {
    match: /^cmds_over_dns_txt_queries_and_reponses$/,
    ids: ['T1071', 'T1071.004', 'T1572', 'T1048', 'T0869'],
    reason: 'commands and output carried in DNS TXT queries and answers: DNS tunnelling for C2',
  },
  {
    match: /^CA_LM_SpoolSample_SMB_BiAuth$/,
    ids: ['T1187', 'T1557', 'T1557.001', 'T1210'],
    reason:
      'the print spooler (MS-RPRN) made to authenticate to the attacker: forced authentication',
  },
  {
    match: /^CA_kerbrute_passwordspray/,
    ids: ['T1110', 'T1110.001', 'T1110.003'],
    reason: 'Kerberos AS-REQs for many users with one password: password spraying',
  },
  {
    match: /^CA_masterkey_rpc_protectedstorage$/,
    ids: ['T1555', 'T1003', 'T1552', 'T1552.004'],
    reason:
      'DPAPI master keys decrypted through the BackupKey (protected storage) RPC: credential access',
  },
  {
    match: /^CredAccess_BackupMasterKey_LSARPC/,
    ids: ['T1003', 'T1003.004', 'T1552.004', 'T1555'],
    reason: 'LsarRetrievePrivateData of the DPAPI backup key secret: LSA secrets, private keys',
  },
  {
    match: /^DCShadow_/,
    ids: ['T1207', 'T1098', 'T1484'],
    reason:
      'a rogue domain controller registered to replicate a group change: DCShadow, account manipulation',
  },
  {
    match: /^DCSync_/,
    ids: ['T1003', 'T1003.006'],
    reason: 'DRSUAPI GetNCChanges for krbtgt from a non-DC: DCSync',
  },
  {
    match: /^Remote_Pwd_Reset_RPC_Admin_Mimikatz_PostZeroLogon$/,
    ids: ['T1098', 'T1210', 'T0866', 'T1003'],
    reason:
      'an account password reset over RPC after Zerologon: account manipulation, exploitation of remote services',
  },
  {
    match: /^Discovery_PsLoggedOn_/,
    ids: ['T1033', 'T1087', 'T1087.001', 'T1087.002', 'T1012', 'T1069'],
    reason:
      'remote registry and LSA queries for logged-on and local users: user and account discovery',
  },
  {
    match: /^Discovery_dcerp_srvsvc_NetShareEnum$/,
    ids: ['T1135'],
    reason: 'srvsvc NetShareEnum: network share discovery',
  },
  {
    match: /^Discovery_impacket_rpcdump$|^discovery_scan_dcerpc_endpoint_mapper$/,
    ids: ['T1046', 'T1018', 'T0846', 'T0888', 'T0840'],
    reason: 'endpoint mapper enumeration of RPC services: network service discovery',
  },
  {
    match: /^Discovery_privgroups_domain_admins_samr/,
    ids: ['T1069', 'T1069.002', 'T1087', 'T1087.002'],
    reason: 'SAMR LookupNames of the Domain Admins group: domain group discovery',
  },
  {
    match: /^DE_byt3bl33d3r_remote_eventservice_crash$/,
    ids: ['T1562', 'T1562.002', 'T1489', 'T0881', 'T1499.004'],
    reason:
      'the EventLog service crashed remotely through an RPC bug: impair defenses (event logging), service stop, application DoS',
  },
  {
    match: /Zerologon|zerologon/,
    ids: [...EXPLOIT, 'T1098'],
    reason:
      'Netlogon secure channel with zero credentials (CVE-2020-1472): exploitation of remote services',
  },
  {
    match: /^Exploit_DoS_cve-2020-1350/,
    ids: ['T1210', 'T0866', 'T1190', 'T0819', 'T1499', 'T1499.004', 'T0814'],
    reason:
      'SIGRed DNS SIG response overflowing the Windows DNS server: exploitation, denial of service',
  },
  {
    match: /^LM_WMI_ProcessCallCreate$/,
    ids: ['T1047', 'T1021.003', 'T0886'],
    reason: 'Win32_Process Create over DCOM/WMI: remote execution through WMI',
  },
  {
    match: /^LM_dcom_mmc20/,
    ids: ['T1021.003', 'T1021', 'T1559.001', 'T0886'],
    reason: 'MMC20.Application instantiated remotely over DCOM: lateral movement through DCOM',
  },
  {
    match: /^LM_(psexec|smbexec)_/,
    ids: ['T1569.002', 'T1021.002', 'T1543.003', 'T1021', 'T1570', 'T0867', 'T0886'],
    reason:
      'a service created through svcctl over an SMB admin share (PsExec/smbexec): service execution, SMB admin shares',
  },
  {
    match: /^LM_rdp_sharprdp$/,
    ids: ['T1021.001', 'T1021', 'T0886'],
    reason: 'an RDP session driven to run commands (SharpRDP): remote desktop protocol',
  },
  {
    match: /^lm_mimikazt_skeleton_kerberos_rc4_etype$/,
    ids: ['T1556', 'T1556.001', 'T1558', 'T1558.003', 'T1550'],
    reason:
      'Kerberos forced to RC4 by a skeleton key: modified domain authentication, forged/roasted tickets',
  },
  {
    match: /SMBGhost/,
    ids: [...EXPLOIT, 'T1190'],
    reason: 'SMBv3 compression overflow (CVE-2020-0796): exploitation for privilege escalation',
  },
  {
    match: /^(445_scan|multiport_scan|port_scan|scan_with_zero_windows)$/,
    ids: SCAN,
    reason:
      'TCP probes of one port over many hosts or many ports of one host: network service discovery',
  },
  {
    match: /^nmap-vsn$/,
    ids: [...SCAN, 'T0888'],
    reason:
      'nmap service and version probes: network service and remote system information discovery',
  },
  {
    match: /^doublepulsar-backdoor-connect/,
    ids: ['T1210', 'T0866', 'T1071', 'T0869', 'T1505'],
    reason:
      'SMB Trans2 SESSION_SETUP talking to the DoublePulsar implant: backdoor command channel',
  },
  {
    match: /^eternalblue-/,
    ids: [...EXPLOIT, 'T1190', 'T0819'],
    reason: 'SMBv1 Trans2 overflow (MS17-010): exploitation of remote services',
  },
  // --- enip-cip quickdraw admin actions and single CIP commands, profinet DCP ---
  {
    match: /^EIP-Change(Date|Time)Attempt$/,
    ids: ['T0836', 'T0855', 'T0831'],
    reason: 'CIP Set Attribute of the controller clock: modify parameter, unauthorized command',
  },
  {
    match: /^EIP-(ChangePortConfiguration|IPAddressChange)Attempt$|^ChangeIPUsingDCP$/,
    ids: ['T0836', 'T0855', 'T0814'],
    reason:
      'the device network configuration rewritten (CIP Set Attribute, DCP Set): modify parameter, possible loss of communication',
  },
  {
    match: /^EIP-ControlProtocolChangeAttempt$|^cip-eth-set-2$/,
    ids: ['T0836', 'T0855'],
    reason:
      'a CIP Set Attribute Single on a communication object (cip-eth-set-2 holds only the success response): modify parameter',
  },
  {
    match: /^EIP-FirmwareChange/,
    ids: ['T0857', 'T0839', 'T0800'],
    reason:
      'a firmware image sent to the controller or a module: system/module firmware, firmware update mode',
  },
  {
    match: /^EIP-LockPLCAttempt$/,
    ids: ['T0892', 'T0855', 'T0858', 'T0836'],
    reason: 'the controller locked by a remote command: change credential, unauthorized command',
  },
  {
    match: /^EIP-RebootorRestart$/,
    ids: ['T0816', 'T0855', 'T0881'],
    reason: 'a CIP Reset of the device: device restart/shutdown',
  },
  {
    match: /^EIP-RemoteModeChangeAttempt$|^cip_start_plc$/,
    ids: ['T0858', 'T0855', 'T0881'],
    reason: 'the controller switched between run, program and remote modes: change operating mode',
  },
  {
    match: /^cip_stop_plc$/,
    ids: STOP,
    reason: 'a CIP command stopping the controller: change operating mode, service stop',
  },
  {
    match: /^cip_unlock_cpu$/,
    ids: ['T0855', 'T0858', 'T0892', 'T0859'],
    reason: 'a CIP command unlocking the CPU for changes: unauthorized command, credential change',
  },
  {
    match: /^EIP-SoftwareDownload/,
    ids: DOWNLOAD,
    reason: 'a program downloaded to the controller: program download, modify program',
  },
  {
    match: /^EIP-SoftwareUpload/,
    ids: ['T0845', 'T0882'],
    reason: 'the controller program read out: program upload, theft of operational information',
  },
  // --- s7comm engineering actions ---
  {
    match: /^tia_s300_downloadHwConfig$/,
    ids: [...DOWNLOAD, 'T0836'],
    reason:
      'hardware configuration blocks downloaded to the PLC: program download, modify parameter',
  },
  {
    match: /download/i,
    ids: DOWNLOAD,
    reason:
      'S7 Request/Download Block and PLC Control (insert block): program download, modify program',
  },
  {
    match: /_stop$/,
    ids: STOP,
    reason: 'S7 PLC Stop: change operating mode, service stop',
  },
  {
    match: /^step7_s300_AuthPassword$/,
    ids: ['T0859', 'T0812', 'T0891', 'T1078'],
    reason:
      'a password sent to the PLC to unlock protection: valid (or default/hard-coded) accounts',
  },
  {
    match: /^step7_s300_copyRamToRom$/,
    ids: ['T0889', 'T0843', 'T0821', 'T0855'],
    reason: 'PLC Control copy RAM to ROM, committing the running program: modify program',
  },
];

/** The entry for an attack name; throws when the table has none (add a row for new labels). */
export function expectedTechniques(attack: string): TechniqueEntry {
  const e = TECHNIQUE_TABLE.find((x) => x.match.test(attack));
  if (e === undefined)
    throw new Error(`no expected techniques for attack ${JSON.stringify(attack)}`);
  return e;
}
