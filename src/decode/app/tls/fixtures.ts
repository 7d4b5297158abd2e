/**
 * TLS fixtures: real frames where named, else built from the RFCs. In array order they form one
 * conversation (a Chrome-like client to an HTTPS server asking for a client certificate, the
 * client giving up with a fatal alert), then malformed records.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // it-attacks/pcap-attack/Discovery/Discovery_PsLoggedOn_..._smb.pcapng frame 131
    name: 'client-hello-sni-grease',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '1603010200' + // record: handshake, version 0x0301, length 512
        '010001fc' + // handshake: client_hello, length 508
        '0303' + // client_version = 0x0303 (TLS 1.2)
        '3c95dec486c4840a3fb1c9369c29f98e26fefbb0eabf73ddf18e5369435875ea' + // random (not reported)
        '2007ea14fcd6f83beddc6a957ee07773a87cd5b687e0cd244da3d10ff867a79406' + // session id: length 32 + id
        '00200a0a130113021303c02bc02fc02cc030cca9cca8c013c014009c009d002f0035' + // cipher suites: GREASE 0x0a0a + 15 suites
        '0100' + // compression methods: 1, null
        '0193' + // extensions length 403
        '1a1a0000' + // extension GREASE 0x1a1a
        '000000180016000013736d702e746872656562656573636f2e636f6d' + // extension server_name smp.threebeesco.com
        '00170000' + // extension extended_master_secret
        'ff01000100' + // extension renegotiation_info
        '000a000a00087a7a001d00170018' + // extension supported_groups GREASE, x25519, secp256r1, secp384r1
        '000b00020100' + // extension ec_point_formats uncompressed
        '00230000' + // extension session_ticket (empty)
        '0010000e000c02683208687474702f312e31' + // extension alpn h2, http/1.1
        '000500050100000000' + // extension status_request ocsp
        '000d0012001004030804040105030805050108060601' + // extension signature_algorithms (8)
        '00120000' + // extension signed_certificate_timestamp
        '0033002b00297a7a000100001d0020872e2f550fc93e4b1f47b3c6070e2a8abca2e82d976e52139740cb0e7393f744' + // extension key_share GREASE, x25519
        '002d00020101' + // extension psk_key_exchange_modes psk_dhe_ke
        '002b000b0a3a3a0304030303020301' + // extension supported_versions GREASE, 1.3, 1.2, 1.1, 1.0
        '001b0003020002' + // extension compress_certificate brotli
        '2a2a000100' + // extension GREASE 0x2a2a
        '001500c9000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000', // extension padding (201 bytes)
    ),
  },
  {
    // same capture, frames 134-135: ServerHello, Certificate, ServerKeyExchange,
    // CertificateRequest, ServerHelloDone in four records
    name: 'server-hello-certificate-flight',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '160303006c' + // record: handshake, version 0x0303, length 108
        '02000068' + // handshake: server_hello, length 104
        '0303' + // server_version = 0x0303
        '2013c398e581a1e83be15013ca38fbb9541b5858e18e38a567077b9406e8c5df' + // random
        '20928b55a78c0bbee79a2cdcfa22b7c98c9e6421138d9287cf62f59b8370b839f3' + // session id: length 32 + id
        'c030' + // cipher suite 0xc030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
        '00' + // compression: null
        '0020' + // extensions length
        '00000000' + // extension 0x0000 (0 bytes)
        'ff01000100' + // extension 0xff01 (1 bytes)
        '000b000403000102' + // extension 0x000b (4 bytes)
        '0010000b000908687474702f312e31' + // extension 0x0010 (11 bytes)
        '160303052f' + // record: handshake, version 0x0303, length 1327
        '0b00052b' + // handshake: certificate, length 1323
        '000528' + // certificate list length
        '000525' + // certificate length 1317
        '3082052130820309a003020102021100aee93ad94a454c2fa55ee1c15e0f185c300d06092a864886f70d01010b050030' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096
        '52310b30090603550406130255533113301106035504080c0a43616c69666f726e6961310d300b06035504070c04532e' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '462e3110300e060355040a0c07456e6467616d65310d300b060355040b0c04456e672e301e170d313930323032303432' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '3035365a170d3239303133303034323035365a30173115301306035504030c0c736d702d706c6174666f726d30820222' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '300d06092a864886f70d01010105000382020f003082020a0282020100d08651857ea492f1d80f9257ccaa203f49340d' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '5713b0974f49a7bc21132edf0de8edae08fac1a15aa54cc33ca0e48f697a0f929fc28c8a4817b35dfaa55b25f1af33ee' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '7cbc94410b37b2d8ef3214d6a6caf14d39eea43aef4c4fb5c4dec9aeb90589d54b61ca78dcd323bc47bf00f6afb2ff29' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '1e5560e0285f668b4c93931c3082195441ea863af749620f6265e31dc5f7a74bc0a68d9136ae2d09a421559b9a8bdc39' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '107fcf87a9b6749ddfc8feee3b3a30463057179fc703eb821b95888b1e13f485d45902e7aa62ce88bd41976d685021e5' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '7e10bdb6bea37840723a2df8bb27bf925cb9d774dab45db604df16cacf0a83d1a428ee0a6c6227983a2827741935da52' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '48990f5c2b5dbf6ca3d2450f017562d9c2d527c4ea90293a676542247fd515fbf749557ee7192cdebe2bf802d5f6fd6c' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'eae0fbb51e2283c458dd798e4fb66cf016a197ba9ca24b02ee39b42ed38cc1eff6041a3406b66bc11d96100a601e28a8' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '93e4bafc8e343f156b765c02b832a0982f00391aaebe54f131b7b592dfaf3df5d4d0e96986c89476b4ca00fd7653d254' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'f2dd032290d2f9eef7c153b0f5ca8f7710d614134d07267e2f8df998db07a388480fba4d4072d9f3ea93c785c63b9e35' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '54a0914db12e6d8293aef1914b21495d7c56f3eff53e3ac6f3b43a4f0c458f3746ac7f14787079f7ff483f744b887199' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '3e4c2f00969aa8d29f4fbff8030203010001a32d302b30140603551d11040d300b82093132372e302e302e3130130603' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '551d25040c300a06082b06010505070301300d06092a864886f70d01010b0500038202010057ca85c962d81d5c8f3457' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '8aa7fb279ac2632b576c954177f3f1b7e654d607de2e652f1110e0f93817ff9cb24e201c09640f60b6a52444b7aafcc1' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'ee3559733025d289c4b4575fd92d16502f4e14deabc706106a5c61bf381d45feafbabbe52d2f08a7606eacf33d154124' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'efc2d7bd960f7c6314f3b9885a11e9387e2c040c8d48ae32b25ff84b33f1859d54262878e6cae2683f30c39e34dca4c0' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '62de7a33a4ae36eda0cc47b8af6bbf3b3daf9a26ada3137f086b33610c5b8b4e135ecbc4355a2c168b2bc976fe2d9318' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '347359cf52bdf74d93caaa3e95d7c390861276430df29ec405128c6968dbba99d63ac1143d4768d24e55140633ddb3fd' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '226a340a28948844105f6d6fc2deb6b45d570e6f55a798487ba134eb714b96d3c271675b6736dec13bf91772096a1417' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'bf0110e6a0b23e239a75cb83d29a9c63f56b4ef4e374e604635f9f70bc8752d628f40f667f6d994845eaf975d542a00c' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'f9ef79e76f73631eb47f307f29e327eaad3f3e194705ae0edfd47b2b9b65f66ba73d9ab35d0d46a45a5c4a2999b3f583' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '27c5250fcf97316bbefb61d17f28c4d4734f41c6e67899506a1eaa00ad1b522708228efa9203e78dd428c9a5f00ce61f' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '1a9ef132fe8f646d63e99be61649eff491d6f9f2aeb2f9d4c98910eae08ddb176814da6d2ef146c6443ce0c70f4024b7' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        'f4340fd51bf398b0a63096950fbc2431bee97658a6' + // certificate DER: subject CN=smp-platform, issuer O=Endgame, RSA 4096 (cont.)
        '160303026d' + // record: handshake, version 0x0303, length 621
        '0c000269' + // handshake: server_key_exchange, length 617
        '0300186104e592b8aa03597ba84a80f77ad7287c2418f33e39b6c8dd99d01baf5210f8ba8cbb49f40254256a5b64ec32' + // server_key_exchange body
        '72df28dfebb914b830d94b1d1af77c9f35a2ed4e250bf33beed0771a44c421a60d73ceaba0be864ec41cd132a0025a20' + // server_key_exchange body (cont.)
        '5ad3a465e0060102004851f9ae4c554e6ff09aaff883ba6cd4a183a9bf7cb19ab1ece4f48a00021385abb63c10ca4c17' + // server_key_exchange body (cont.)
        '4121daf70093f786f7ec62c22ebac90c0ef920f7196e6632721c80d100f5af2430bb215706ef79234ac0899c6f0122b8' + // server_key_exchange body (cont.)
        'cd43d1ee940c90859a0af6f47d859690f1b6d062f0cc3df47f0deda6ec48d21bfec3350dba66c0967aba5019e2733ecf' + // server_key_exchange body (cont.)
        '3cbacb38eb082d1cced146e907fc264dd350df8e9d6a99072ac31879cae0f7993667afd27c4b80bb69bbfb51477054f7' + // server_key_exchange body (cont.)
        '4b6a26622ac3d8cf40c7d8f3f7b8ae5c03c86dc484c50c36436896b2abbf94df53cb68e6dcbab71bc53d654487616b7c' + // server_key_exchange body (cont.)
        'eba6d1f7268b196847bde5b5a4e1776b87fe1a630ff61c21c8e97fcad57c4f30236bddb73a20ad29291a42ab8cdac841' + // server_key_exchange body (cont.)
        'a6076062394d48c65c599779b618afac84f0160225c7a8acbf491a5d19bb7252a50c33a5e4a576fc636d5d536860c389' + // server_key_exchange body (cont.)
        'b79ac3c10fcebc42181b841b07629fee8e4abb813bfba6a4f45e624fce2a41f48c7485ec35d9b6391fabb727251a2204' + // server_key_exchange body (cont.)
        'c0c643430451e8955b10e5a52be3ebd4f6c2c6378cf242e7d4436389ead154a772134ffc3fe3d3c4b7eae40d34724749' + // server_key_exchange body (cont.)
        'bfe1b50cce7e332be174a56f6d1a06d1cc8b85d79a4a5dab000067b396ac0782390b34c923318b2308e37a7ba1a46094' + // server_key_exchange body (cont.)
        '199c63a9f5907a5b32180cef628f20cc7287b62e30f497d59786dfd2e6ed66c853cb157e3afafd439c' + // server_key_exchange body (cont.)
        '1603030084' + // record: handshake, version 0x0303, length 132
        '0d00007c' + // handshake: certificate_request, length 124
        '03010240001e060106020603050105020503040104020403030103020303020102020203005600543052310b30090603' + // certificate_request body
        '550406130255533113301106035504080c0a43616c69666f726e6961310d300b06035504070c04532e462e3110300e06' + // certificate_request body (cont.)
        '0355040a0c07456e6467616d65310d300b060355040b0c04456e672e' + // certificate_request body (cont.)
        '0e000000', // handshake: server_hello_done, length 0
    ),
  },
  {
    // same capture, frame 137: the client aborts the handshake
    name: 'fatal-alert-certificate-unknown',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '1503030002' + // record: alert, version 0x0303, length 2
        '02' + // level = fatal
        '2e', // description = 46 certificate_unknown
    ),
  },
  {
    // modbus/modbus-and-non-modbus-p502.pcap frame 49: a TLS scanner on TCP 502
    name: 'client-hello-on-port-502',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '16' + // record type = handshake
        '0301' + // record version = TLS 1.0
        '0085' + // record length = 133
        '01' + // handshake type = client_hello
        '000081' + // handshake length = 129
        '0303' + // client version = TLS 1.2
        '736ff818542129f78f492d9b1557dafcc7926f075fa314dc76a47a73d1b6f109' + // random
        '00' + // session id length = 0
        '0020c02fc030c02bc02ccca8cca9c013c009c014c00a009c009d002f0035c012000a' + // 16 cipher suites
        '0100' + // compression methods: null
        '0038' + // extensions length = 56
        '000500050100000000' + // status_request
        '000a000a0008001d001700180019' + // supported_groups x25519, P-256, P-384, P-521
        '000b00020100' + // ec_point_formats uncompressed
        '000d000e000c040104030501050302010203' + // signature_algorithms (6)
        'ff01000100' + // renegotiation_info
        '00120000', // signed_certificate_timestamp
    ),
  },
  {
    // RFC 6520 3: a heartbeat request claiming 16384 payload bytes in a 3-byte record
    // (the CVE-2014-0160 probe shape)
    name: 'heartbleed-request',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '1803020003' + // record: heartbeat, version 0x0302, length 3
        '01' + // heartbeat_request
        '4000', // payload_length = 16384 (nothing follows)
    ),
  },
  {
    // RFC 5246 6.2.1: content type 99 is not a record type
    name: 'bad-record-type',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '6303030002' + // record: type 99, version 0x0303, length 2
        '0000', // body
    ),
  },
];

/**
 * An SSL 2.0 CLIENT-HELLO ([SSLv2] draft-hickman-netscape-ssl-00 appendix), as old scanners send
 * it first on a connection; kept out of the conversation above because it is only valid as the
 * first record of a flow.
 */
export const SSLV2_CLIENT_HELLO = hex(
  '802e' + // 2-byte record header: length 46
    '01' + // CLIENT-HELLO
    '0002' + // version = SSL 2.0
    '0015' + // cipher specs length = 21 (7 kinds)
    '0000' + // session id length = 0
    '0010' + // challenge length = 16
    '010080' + // SSL2_RC4_128_WITH_MD5
    '020080' + // SSL2_RC4_128_EXPORT40_WITH_MD5
    '030080' + // SSL2_RC2_128_CBC_WITH_MD5
    '040080' + // SSL2_RC2_128_CBC_EXPORT40_WITH_MD5
    '050080' + // SSL2_IDEA_128_CBC_WITH_MD5
    '060040' + // SSL2_DES_64_CBC_WITH_MD5
    '0700c0' + // SSL2_DES_192_EDE3_CBC_WITH_MD5
    '0123456789abcdef0123456789abcdef', // challenge
);
