/**
 * RDP fixtures from real captures. In array order: a FreeRDP 2.11 client (`xfreerdp /sec:rdp`)
 * against xrdp 0.9.21 with Standard RDP Security (bare CR and CC, MCS Connect-Initial with the
 * client data, Connect-Response with the server data: test/golden/rdp/standard-security), then
 * the SharpRDP negotiation of the shared capture (CredSSP with early user authorisation, after
 * which the flow is only counted), an nmap rdp-enum-encryption failure; then malformed inputs.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

/** test/golden/rdp/standard-security frame 8: Client MCS Connect Initial PDU with GCC Conference Create Request. */
export const CONNECT_INITIAL = hex(
  '030001c3' + // TPKT version 3, length 451
    '02f080' + // X.224 DT: LI 2, code F0, EOT
    '7f658201b7' + // MCS Connect-Initial [APPLICATION 101], length 439
    '040101' + // callingDomainSelector
    '040101' + // calledDomainSelector
    '0101ff' + // upwardFlag TRUE
    '301a020122020102020100020101020100020101020300ffff020102' + // targetParameters
    '3019020101020101020101020101020100020101020204200201' +
    '02' + // minimumParameters
    '3020020300ffff020300fc17020300ffff020101020100020101020300ffff020102' + // maximumParameters
    '04820151' + // userData OCTET STRING, length 337
    '000500147c0001' + // GCC key: object 0.0.20.124.0.1 (T.124)
    '8148' + // ConnectData::connectPDU length 328 (PER)
    '000800100001c000' + // ConferenceCreateRequest header
    '44756361' + // H.221 non-standard key "Duca"
    '813a' + // user data length 314 (PER)
    '01c0ea00' + // TS_UD_CS_CORE: type 0xC001, length 234
    '0c000800' + // version 0x0008000C (RDP 10.7)
    '2003' + // desktopWidth 800
    '5802' + // desktopHeight 600
    '01ca' + // colorDepth RNS_UD_COLOR_8BPP
    '03aa' + // SASSequence RNS_UD_SAS_DEL
    '09040000' + // keyboardLayout 0x409 (1033, en-US)
    'bb470000' + // clientBuild 18363
    '76006d00' + // clientName "vm" (UTF-16LE)
    '00'.repeat(28) + // clientName NUL padding to 32 bytes
    '04000000' + // keyboardType 4 (IBM enhanced)
    '00000000' + // keyboardSubType
    '0c000000' + // keyboardFunctionKey 12
    '00'.repeat(64) + // imeFileName (empty)
    '01ca' + // postBeta2ColorDepth RNS_UD_COLOR_8BPP
    '0100' + // clientProductId 1
    '00000000' + // serialNumber
    '1800' + // highColorDepth 24
    '0f00' + // supportedColorDepths 24/16/15/32 bpp
    'e305' + // earlyCapabilityFlags
    '00'.repeat(64) + // clientDigProductId
    '07' + // connectionType 7 (auto-detect)
    '00' + // pad1octet
    '00000000' + // serverSelectedProtocol 0 (PROTOCOL_RDP)
    '00000000' + // desktopPhysicalWidth
    '00000000' + // desktopPhysicalHeight
    '0000' + // desktopOrientation
    '00000000' + // desktopScaleFactor
    '00000000' + // deviceScaleFactor
    '04c00c00' + // TS_UD_CS_CLUSTER: type 0xC004, length 12
    '0d000000' + // flags REDIRECTION_SUPPORTED | version 3
    '00000000' + // redirectedSessionID
    '02c00c00' + // TS_UD_CS_SEC: type 0xC002, length 12
    '1b000000' + // encryptionMethods 40BIT | 128BIT | 56BIT | FIPS
    '00000000' + // extEncryptionMethods
    '03c03800' + // TS_UD_CS_NET: type 0xC003, length 56
    '04000000' + // channelCount 4
    '7264706472000000' + // name "rdpdr"
    '000080c0' + // options
    '726470736e640000' + // name "rdpsnd"
    '000000c0' + // options
    '636c697072647200' + // name "cliprdr"
    '0000a0c0' + // options
    '647264796e766300' + // name "drdynvc"
    '000080c0', // options
);

/** test/golden/rdp/standard-security frame 9: Server MCS Connect Response PDU with GCC Conference Create Response. */
export const CONNECT_RESPONSE = hex(
  '0300020d' + // TPKT version 3, length 525
    '02f080' + // X.224 DT
    '7f66820201' + // MCS Connect-Response [APPLICATION 102], length 513
    '0a0100' + // result rt-successful
    '020100' + // calledConnectId 0
    '301a020116020103020100020101020100020101020300fff8020102' + // domainParameters
    '048201db' + // userData OCTET STRING, length 475
    '000500147c0001' + // GCC key: object 0.0.20.124.0.1
    '2a' + // connectPDU length (xrdp writes 0x2A)
    '14760a01010001c000' + // ConferenceCreateResponse header
    '4d63446e' + // H.221 non-standard key "McDn"
    '81c4' + // user data length 452 (PER)
    '010c0800' + // TS_UD_SC_CORE: type 0x0C01, length 8
    '04000800' + // version 0x00080004 (RDP 5.0-8.1)
    '030c1000' + // TS_UD_SC_NET: type 0x0C03, length 16
    'eb03' + // MCSChannelId 1003
    '0400' + // channelCount 4
    'ec03ed03ee03ef03' + // channelIdArray 1004-1007
    '020cac01' + // TS_UD_SC_SEC1: type 0x0C02, length 428
    '02000000' + // encryptionMethod ENCRYPTION_METHOD_128BIT
    '03000000' + // encryptionLevel ENCRYPTION_LEVEL_HIGH
    '20000000' + // serverRandomLen 32
    '78010000' + // serverCertLen 376
    '5ee1f531ecf8582b4fefe4cb500b3378e88f2c2d13a1cdced6889b2b8aad3e39' + // serverRandom
    // serverCertificate: PROPRIETARYSERVERCERTIFICATE (dwVersion 1, dwSigAlgId 1, dwKeyAlgId 1,
    // wPublicKeyBlobType 6, wPublicKeyBlobLen 284, RSA1 key blob, signature blob)
    '01000000010000000100000006001c01525341310801000000080000ff000000' +
    '01000100a1bd1a54fec0357420fe01fdda3a1c0a72aaf9bbe5011cfe5ed67145' +
    '99d488db95cf2fd3dc2e01f6603c0f00e00764ba1cfb7d8f60117f4d6b3aa80c' +
    'e3e7816f9ce5b22b7cf5d8493b83663fba8498e76b13c9d80c8cce77e322aea6' +
    'f1da714447e64dafd7854fef50dcd0e0dcbe69e2f8da1f9764a51b11bf127adf' +
    'd4fb79404e94a99c2ebdd33e5a82824690ca8fd0f4c72cbfec9d194666d197f5' +
    'ee800e4e8e36288d71a63ed42a28d564cceb6d3b141528ee39f7b0340462933b' +
    'be78ff2e2b7c3fe49cf6615bcd97e4c9e62111b262596b798d57dac52aca6e7e' +
    '23dab5d53636276ed5bdadc0adead2a4d1a71d95b58c42419aa32f80820f36c0' +
    '4e19a6e9000000000000000008004800c3643d8fd32ed4007cf6baff8304f31a' +
    '323cba940081ec39e994157f0c35bbcd93ef0ca752eda6978fa6cf4ec0d6afcd' +
    '0a349f61620506c2147bf24cc7fd32750000000000000000',
);

export const fixtures: readonly DecoderFixture[] = [
  {
    // test/golden/rdp/standard-security frame 4 (xfreerdp /sec:rdp)
    name: 'connection-request-cookie-only',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000023' + // TPKT version 3, length 35
        '1e' + // X.224 LI 30
        'e0' + // CR TPDU, CDT 0
        '0000' + // DST-REF
        '0000' + // SRC-REF
        '00' + // class 0
        '436f6f6b69653a206d737473686173683d616c696365' + // "Cookie: mstshash=alice"
        '0d0a', // CR LF (no RDP_NEG_REQ: Standard RDP Security only)
    ),
  },
  {
    // test/golden/rdp/standard-security frame 6 (xrdp, security_layer=rdp)
    name: 'connection-confirm-bare',
    dir: Direction.TO_CLIENT,
    role: 'malformed', // ambiguous alone (a bare CC): the probe leaves it undecided
    bytes: hex(
      '0300000b' + // TPKT length 11
        '06' + // LI 6
        'd0' + // CC TPDU
        '0000' + // DST-REF
        '1234' + // SRC-REF
        '00', // class 0, no RDP_NEG_RSP
    ),
  },
  {
    name: 'mcs-connect-initial',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: CONNECT_INITIAL,
  },
  {
    name: 'mcs-connect-response',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: CONNECT_RESPONSE,
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_rdp_sharprdp.pcapng frame 4
    name: 'connection-request-nla',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0300002c' + // TPKT length 44
        '27' + // LI 39
        'e0' + // CR TPDU
        '0000' + // DST-REF
        '0000' + // SRC-REF
        '00' + // class 0
        '436f6f6b69653a206d737473686173683d494555736572' + // "Cookie: mstshash=IEUser"
        '0d0a' + // CR LF
        '01' + // RDP_NEG_REQ type
        '00' + // flags
        '0800' + // length 8
        '0b000000', // requestedProtocols TLS | HYBRID | HYBRID_EX
    ),
  },
  {
    // LM_rdp_sharprdp.pcapng frame 6
    name: 'connection-confirm-hybrid-ex',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000013' + // TPKT length 19
        '0e' + // LI 14
        'd0' + // CC TPDU
        '0000' + // DST-REF
        '1234' + // SRC-REF
        '00' + // class 0
        '02' + // RDP_NEG_RSP type
        '1f' + // flags: extended client data, GFX, reserved, restricted admin, redirected auth
        '0800' + // length 8
        '08000000', // selectedProtocol PROTOCOL_HYBRID_EX
    ),
  },
  {
    // test/golden/rdp/negotiation-failure frame 9 (xrdp security_layer=tls, nmap rdp-enum-encryption)
    name: 'connection-confirm-failure',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000013' + // TPKT length 19
        '0e' + // LI 14
        'd0' + // CC TPDU
        '0000' + // DST-REF
        '1234' + // SRC-REF
        '00' + // class 0
        '03' + // RDP_NEG_FAILURE type
        '00' + // flags
        '0800' + // length 8
        '01000000', // failureCode SSL_REQUIRED_BY_SERVER
    ),
  },
  {
    // Hand-built from [MS-RDPBCGR] 2.2.1.1: an overlong cookie, restricted admin mode required.
    name: 'connection-request-long-cookie',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '03000076' + // TPKT length 118
        '71' + // LI 113
        'e0' + // CR TPDU
        '0000' + // DST-REF
        '0000' + // SRC-REF
        '00' + // class 0
        '436f6f6b69653a206d737473686173683d' + // "Cookie: mstshash="
        '41'.repeat(80) + // 80 x "A"
        '0d0a' + // CR LF
        '01' + // RDP_NEG_REQ type
        '01' + // flags RESTRICTED_ADMIN_MODE_REQUIRED
        '0800' + // length 8
        '03000000', // requestedProtocols TLS | HYBRID
    ),
  },
  {
    // Hand-built: an X.224 LI that overruns the TPKT frame.
    name: 'x224-li-overrun',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0300000b' + // TPKT length 11
        '40' + // LI 64 (frame has 6 bytes after it)
        'e0' + // CR TPDU
        '0000' + // DST-REF
        '0000' + // SRC-REF
        '00', // class 0
    ),
  },
];
