/**
 * DCE/RPC byte fixtures: real PDUs of the Zerologon capture (it-attacks/pcap-attack/
 * Lateral_Movement/CVE-2020-1472_Zerologon_RPC_NetLogon_NullChallenge_SecChan_6_from_nonDC_to_DC
 * .pcapng, frames 1-10: an ept_map for Netlogon on port 135, then the bind to Netlogon on the
 * port it returned and the zero-challenge NetrServerReqChallenge / NetrServerAuthenticate3),
 * and hand-built PDUs from [C706] 12.6 for the fault, bind_nak and malformed cases. In array
 * order they form one conversation (the second bind rebinds context 0 to Netlogon).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

/** Common header, little-endian NDR, single fragment: `ptype`, `len`, `auth`, `call` in hex. */
const hdr = (ptype: string, flags: string, len: string, auth: string, call: string): string =>
  '05' + // rpc_vers = 5
  '00' + // rpc_vers_minor = 0
  ptype + // PTYPE
  flags + // pfc_flags
  '10000000' + // packed_drep: little-endian, ASCII, IEEE
  len + // frag_length (LE)
  auth + // auth_length (LE)
  call; // call_id (LE)

const EPM_UUID = '0883afe11f5dc91191a408002b14a0fa'; // e1af8308-5d1f-11c9-91a4-08002b14a0fa
const NETLOGON_UUID = '785634123412cdabef0001234567cffb'; // 12345678-1234-abcd-ef00-01234567cffb
const NDR = '045d888aeb1cc9119fe808002b104860' + '02000000'; // 8a885d04-... NDR v2.0

/** `\\01566S-WIN16-IR` and friends as NDR conformant varying strings (UTF-16LE). */
const wstr = (text: string, nul = true): string => {
  const chars = text.length + (nul ? 1 : 0);
  const n = chars.toString(16).padStart(2, '0') + '000000';
  let s = n + '00000000' + n; // max_count, offset, actual_count
  for (const c of text) s += c.charCodeAt(0).toString(16).padStart(2, '0') + '00';
  if (nul) s += '0000';
  return s;
};

/** The Netlogon tower of frames 3 and 4 (75 bytes, 5 floors; [C706] Appendix I). */
const tower = (port: string, ip: string): string =>
  '0500' + // floor count = 5
  '1300' +
  '0d' +
  NETLOGON_UUID +
  '0100' +
  '0200' +
  '0000' + // floor 1: UUID Netlogon v1.0
  '1300' +
  '0d' +
  '045d888aeb1cc9119fe808002b104860' +
  '0200' +
  '0200' +
  '0000' + // floor 2: NDR 2.0
  '0100' +
  '0b' +
  '0200' +
  '0000' + // floor 3: RPC connection-oriented, minor 0
  '0100' +
  '07' +
  '0200' +
  port + // floor 4: TCP port (big-endian)
  '0100' +
  '09' +
  '0400' +
  ip; // floor 5: IP address

export const fixtures: readonly DecoderFixture[] = [
  {
    // Zerologon capture frame 1: bind to the endpoint mapper
    name: 'bind-epmapper',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('0b', '03', '4800', '0000', '01000000') + // bind, first+last, 72 bytes, call 1
        'b810' + // max_xmit_frag = 4280
        'b810' + // max_recv_frag = 4280
        '00000000' + // assoc_group_id = 0
        '01' +
        '00' +
        '0000' + // n_context_elem = 1, reserved
        '0000' + // p_cont_id = 0
        '01' +
        '00' + // n_transfer_syn = 1, reserved
        EPM_UUID +
        '0300' +
        '0000' + // abstract syntax: epmapper v3.0
        NDR, // transfer syntax: NDR v2
    ),
  },
  {
    // frame 2: bind_ack, secondary address "135"
    name: 'bind-ack-epmapper',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      hdr('0c', '03', '3c00', '0000', '01000000') + // bind_ack, 60 bytes, call 1
        'b810' + // max_xmit_frag = 4280
        'b810' + // max_recv_frag = 4280
        'f3510000' + // assoc_group_id = 0x51f3
        '0400' +
        '31333500' + // sec_addr: length 4, "135\0"
        'f44a' + // padding to 4
        '01' +
        '00' +
        '0000' + // n_results = 1, reserved
        '0000' +
        '0000' + // result = acceptance, reason = 0
        NDR, // accepted transfer syntax
    ),
  },
  {
    // frame 3: ept_map request for Netlogon
    name: 'ept-map-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('00', '03', '9c00', '0000', '01000000') + // request, 156 bytes, call 1
        '84000000' + // alloc_hint = 132
        '0000' + // p_cont_id = 0
        '0300' + // opnum = 3 (ept_map)
        '01000000' +
        '00000000000000000000000000000000' + // object: referent 1, nil UUID
        '02000000' +
        '4b000000' +
        '4b000000' + // map_tower: referent 2, max_count 75, length 75
        tower('0000', '00000000') + // requested tower: any port, any address
        'ab' + // padding to 4 (uninitialised byte, as sent)
        '0000000000000000000000000000000000000000' + // entry_handle (nil)
        '01000000', // max_towers = 1
    ),
  },
  {
    // frame 4: ept_map response: Netlogon on TCP 49668 at 172.16.66.36
    name: 'ept-map-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      hdr('02', '03', '9800', '0000', '01000000') + // response, 152 bytes, call 1
        '80000000' + // alloc_hint = 128
        '0000' + // p_cont_id = 0
        '00' +
        '00' + // cancel_count = 0, reserved
        '00000000ec6bcfa1d8502343b24a7e301a7222a7' + // entry_handle
        '01000000' + // num_towers = 1
        '01000000' +
        '00000000' +
        '01000000' + // max_count 1, offset 0, actual_count 1
        '03000000' + // tower pointer: referent 3
        '4b000000' +
        '4b000000' + // max_count 75, tower_length 75
        tower('c204', 'ac104224') + // floor 4: port 49668, floor 5: 172.16.66.36
        '00' + // padding to 4
        '00000000', // status = 0
    ),
  },
  {
    // frame 5 (new connection to 49668): bind to Netlogon
    name: 'bind-netlogon',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('0b', '03', '4800', '0000', '01000000') + // bind, 72 bytes, call 1
        'b810' +
        'b810' +
        '00000000' + // max_xmit, max_recv = 4280, assoc_group_id = 0
        '01' +
        '00' +
        '0000' + // one context
        '0000' +
        '01' +
        '00' + // p_cont_id = 0, one transfer syntax
        NETLOGON_UUID +
        '0100' +
        '0000' + // abstract syntax: netlogon v1.0
        NDR,
    ),
  },
  {
    // frame 6: bind_ack, secondary address "49668"
    name: 'bind-ack-netlogon',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      hdr('0c', '03', '3c00', '0000', '01000000') + // bind_ack, 60 bytes, call 1
        'b810' +
        'b810' +
        'ff380000' + // max_xmit, max_recv, assoc_group_id = 0x38ff
        '0600' +
        '343936363800' + // sec_addr: length 6, "49668\0"
        '01' +
        '00' +
        '0000' + // n_results = 1 (no padding needed)
        '0000' +
        '0000' +
        NDR, // acceptance, NDR
    ),
  },
  {
    // frame 7: NetrServerReqChallenge with an all-zero client challenge (Zerologon)
    name: 'netr-server-req-challenge-zero',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('00', '03', '8000', '0000', '01000000') + // request, 128 bytes, call 1
        '68000000' + // alloc_hint = 104
        '0000' + // p_cont_id = 0
        '0400' + // opnum = 4 (NetrServerReqChallenge)
        '8aa40000' + // PrimaryName: referent 0xa48a
        wstr('\\\\01566S-WIN16-IR') + // PrimaryName
        wstr('01566S-WIN16-IR') + // ComputerName
        '0000000000000000', // ClientChallenge = zeros
    ),
  },
  {
    // frame 8: NetrServerReqChallenge response: server challenge, status 0
    name: 'netr-server-req-challenge-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      hdr('02', '03', '2400', '0000', '01000000') + // response, 36 bytes, call 1
        '0c000000' + // alloc_hint = 12
        '0000' +
        '00' +
        '00' + // p_cont_id, cancel_count, reserved
        '66c1c18e92f1718a' + // ServerChallenge
        '00000000', // return status = 0
    ),
  },
  {
    // frame 9: NetrServerAuthenticate3 with a zero ClientCredential (Zerologon)
    name: 'netr-server-authenticate3-zero',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('00', '03', 'b400', '0000', '02000000') + // request, 180 bytes, call 2
        '9c000000' + // alloc_hint = 156
        '0000' + // p_cont_id = 0
        '1a00' + // opnum = 26 (NetrServerAuthenticate3)
        '4a340000' + // PrimaryName: referent 0x344a
        wstr('\\\\01566S-WIN16-IR') + // PrimaryName
        wstr('01566S-WIN16-IR$') + // AccountName
        '0600' + // SecureChannelType = 6 (ServerSecureChannel, a DC)
        wstr('01566S-WIN16-IR') + // ComputerName
        '0000000000000000' + // ClientCredential = zeros
        'ffff2f21', // NegotiateFlags = 0x212fffff
    ),
  },
  {
    // frame 10: NetrServerAuthenticate3 response, STATUS_ACCESS_DENIED
    name: 'netr-server-authenticate3-denied',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      hdr('02', '03', '2c00', '0000', '02000000') + // response, 44 bytes, call 2
        '14000000' + // alloc_hint = 20
        '0000' +
        '00' +
        '00' + // p_cont_id, cancel_count, reserved
        '0000000000000000' + // ServerCredential
        'ffff2f21' + // NegotiateFlags
        '00000000' + // AccountRid
        '220000c0', // status = 0xc0000022 STATUS_ACCESS_DENIED
    ),
  },
  {
    // Hand-built ([C706] 12.6.4.1): alter_context adding svcctl as context 1 on the association
    name: 'alter-context-svcctl',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('0e', '03', '4800', '0000', '03000000') + // alter_context, 72 bytes, call 3
        'b810' +
        'b810' +
        'ff380000' + // max_xmit, max_recv, assoc_group_id = 0x38ff
        '01' +
        '00' +
        '0000' + // one context
        '0100' +
        '01' +
        '00' + // p_cont_id = 1, one transfer syntax
        '81bb7a364498f135ad3298f038001003' +
        '0200' +
        '0000' + // svcctl v2.0
        NDR,
    ),
  },
  {
    // Hand-built ([MS-SCMR] 3.1.4.12): a cleartext RCreateServiceW on context 1, as smbexec sends
    name: 'create-service-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('00', '03', 'b800', '0000', '04000000') + // request, 184 bytes, call 4
        'a0000000' + // alloc_hint = 160
        '0100' + // p_cont_id = 1 (svcctl)
        '0c00' + // opnum = 12 (RCreateServiceW)
        '00'.repeat(20) + // hSCManager
        wstr('BTOBTO') + // lpServiceName
        '0000' + // padding to 4
        '01000200' + // lpDisplayName: referent
        wstr('BTOBTO') + // lpDisplayName
        '0000' + // padding to 4
        '3f000f00' + // dwDesiredAccess = SERVICE_ALL_ACCESS
        '10000000' + // dwServiceType = SERVICE_WIN32_OWN_PROCESS
        '03000000' + // dwStartType = SERVICE_DEMAND_START
        '00000000' + // dwErrorControl = SERVICE_ERROR_IGNORE
        wstr('%COMSPEC% /Q /c echo dir') + // lpBinaryPathName
        '0000', // padding to 4
    ),
  },
  {
    // Hand-built ([C706] 12.6.4.7): a request on an unbound context, then its fault
    name: 'request-unknown-context',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      hdr('00', '03', '1800', '0000', '03000000') + // request, 24 bytes, call 3
        '00000000' + // alloc_hint = 0
        '0700' + // p_cont_id = 7 (never bound)
        '0500', // opnum = 5
    ),
  },
  {
    name: 'fault-unknown-interface',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      hdr('03', '23', '2000', '0000', '03000000') + // fault, first+last+did_not_execute, call 3
        '00000000' + // alloc_hint = 0
        '0700' + // p_cont_id = 7
        '00' +
        '00' + // cancel_count, reserved
        '0300011c' + // status = 0x1c010003 nca_unk_if
        '00000000', // reserved
    ),
  },
  {
    // Hand-built: a bind_nak, protocol version not supported, one version offered (5.0)
    name: 'bind-nak',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      hdr('0d', '03', '1500', '0000', '04000000') + // bind_nak, 21 bytes, call 4
        '0400' + // provider_reject_reason = 4
        '01' + // n_protocols = 1
        '05' +
        '00', // rpc_vers 5, minor 0
    ),
  },
  {
    // Hand-built: a bind whose context list claims 3 contexts but holds one
    name: 'bind-truncated-context-list',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      hdr('0b', '03', '4800', '0000', '05000000') + // bind, 72 bytes, call 5
        'b810' +
        'b810' +
        '00000000' + // max_xmit, max_recv, assoc_group_id
        '03' +
        '00' +
        '0000' + // n_context_elem = 3 (only one follows)
        '0100' +
        '01' +
        '00' + // p_cont_id = 1, one transfer syntax
        EPM_UUID +
        '0300' +
        '0000' + // epmapper v3.0
        NDR,
    ),
  },
  {
    // Hand-built: a request whose auth_length leaves no room for its body
    name: 'request-bad-auth-length',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      hdr('00', '03', '2800', '1000', '06000000') + // request, 40 bytes, auth_length 16
        '00000000' + // alloc_hint
        '0000' + // p_cont_id = 0
        '0400' + // opnum = 4
        '0a' +
        '06' +
        '00' +
        '00' +
        '00000000' + // sec_trailer: NTLMSSP, privacy
        '0000000000000000', // 8 of the 16 auth_value bytes the header promises
    ),
  },
];
