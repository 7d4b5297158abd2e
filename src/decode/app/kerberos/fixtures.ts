/**
 * Kerberos byte fixtures for the unit tests and the decoder conformance suite, in the TCP stream
 * form (each message behind its 4-byte record mark, [RFC4120] 7.2.2) so that they can be cut at
 * any byte; kerberos.test.ts covers the datagram form.
 *
 * Real messages: ../shared/data/pcaps/it-attacks/pcap-attack (sbousseaden/PCAP-ATTACK):
 * CredAccess/CA_kerbrute_passwordspray_kerberos_AS-REQ.pcapng (UDP, given a record mark) and
 * Lateral_Movement/lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng (TCP as captured, reassembled),
 * and test/golden/kerberos/normal/input.pcap (MIT krb5 1.20 kpasswd over TCP 464); capture and
 * frame in each comment, fields checked against tshark 4.0.17. Cipher text is shown as one
 * opaque line. KRB-SAFE, KRB-CRED and the malformed messages are built by hand. In array order
 * they form one conversation.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // CA_kerbrute_passwordspray_kerberos_AS-REQ.pcapng frame 5 (UDP): kerbrute user enumeration
    name: 'as-req-without-preauth',
    dir: C,
    role: 'normal',
    bytes: hex(
      '00000097' + // record mark: length 151
        '6a8194' + // [APPLICATION 10] AS-REQ, 148 bytes
        '308191' + // SEQUENCE, 145 bytes
        'a103' + // [1] pvno
        '020105' + // pvno = 5
        'a203' + // [2] msg-type
        '02010a' + // msg-type = 10
        'a302' + // [3] padata
        '3000' + // padata: SEQUENCE OF PA-DATA, 0 bytes
        'a48180' + // [4] req-body
        '307e' + // req-body: SEQUENCE, 126 bytes
        'a007' + // [0] kdc-options
        '03050000000010' + // kdc-options BIT STRING = 00000010
        'a112' + // [1] cname
        '3010' + // cname: SEQUENCE, 16 bytes
        'a003' + // [0] name-type
        '020101' + // name-type = 1
        'a109' + // [1] name-string
        '3007' + // name-string: SEQUENCE OF KerberosString
        '1b0561646d696e' + // component = 'admin'
        'a211' + // [2] realm
        '1b0f544852454542454553434f2e434f4d' + // realm = 'THREEBEESCO.COM'
        'a324' + // [3] sname
        '3022' + // sname: SEQUENCE, 34 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a11b' + // [1] name-string
        '3019' + // name-string: SEQUENCE OF KerberosString
        '1b066b7262746774' + // component = 'krbtgt'
        '1b0f544852454542454553434f2e434f4d' + // component = 'THREEBEESCO.COM'
        'a511' + // [5] till
        '180f32303230303732333139313633355a' + // till = 20200723191635Z
        'a706' + // [7] nonce
        '02042f440b72' + // nonce = 792988530
        'a80b' + // [8] etype
        '3009' + // etype: SEQUENCE OF Int32
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        '020111' + // etype = 17 (aes128-cts-hmac-sha1-96)
        '020117', // etype = 23 (rc4-hmac)
    ),
  },
  {
    // CA_kerbrute_passwordspray_kerberos_AS-REQ.pcapng frame 17 (UDP)
    name: 'error-preauth-required',
    dir: S,
    role: 'normal',
    bytes: hex(
      '000000ca' + // record mark: length 202
        '7e81c7' + // [APPLICATION 30] KRB-ERROR, 199 bytes
        '3081c4' + // SEQUENCE, 196 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '02011e' + // msg-type = 30
        'a411' + // [4] stime
        '180f32303230303732323139313633355a' + // stime = 20200722191635Z
        'a505' + // [5] susec
        '0203054d80' + // susec = 347520
        'a603' + // [6] error-code
        '020119' + // error-code = 25
        'a911' + // [9] realm
        '1b0f544852454542454553434f2e434f4d' + // realm = 'THREEBEESCO.COM'
        'aa24' + // [10] sname
        '3022' + // sname: SEQUENCE, 34 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a11b' + // [1] name-string
        '3019' + // name-string: SEQUENCE OF KerberosString
        '1b066b7262746774' + // component = 'krbtgt'
        '1b0f544852454542454553434f2e434f4d' + // component = 'THREEBEESCO.COM'
        'ac60' + // [12] e-data
        '045e' + // e-data: OCTET STRING, 94 bytes (METHOD-DATA)
        '305c' + // METHOD-DATA: SEQUENCE OF PA-DATA, 92 bytes
        '3039' + // PA-DATA: SEQUENCE, 57 bytes
        'a103' + // [1] padata-type
        '020113' + // padata-type = 19 (PA-ETYPE-INFO2)
        'a232' + // [2] padata-value
        '0430' + // OCTET STRING
        '302e' + // ETYPE-INFO2: SEQUENCE OF
        '3025' + // ETYPE-INFO2-ENTRY: SEQUENCE, 37 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a11e' + // [1] salt
        '1b1c57494e2d323045553836545047503841646d696e6973747261746f72' + // salt = 'WIN-20EU86TPGP8Administrator'
        '3005' + // ETYPE-INFO2-ENTRY: SEQUENCE, 5 bytes
        'a003' + // [0] etype
        '020117' + // etype = 23 (rc4-hmac)
        '3009' + // PA-DATA: SEQUENCE, 9 bytes
        'a103' + // [1] padata-type
        '020102' + // padata-type = 2 (PA-ENC-TIMESTAMP)
        'a202' + // [2] padata-value
        '0400' + // OCTET STRING, 0 bytes
        '3009' + // PA-DATA: SEQUENCE, 9 bytes
        'a103' + // [1] padata-type
        '020110' + // padata-type = 16 (PA-PK-AS-REQ)
        'a202' + // [2] padata-value
        '0400' + // OCTET STRING, 0 bytes
        '3009' + // PA-DATA: SEQUENCE, 9 bytes
        'a103' + // [1] padata-type
        '02010f' + // padata-type = 15 (PA-PK-AS-REP-OLD)
        'a202' + // [2] padata-value
        '0400', // OCTET STRING, 0 bytes
    ),
  },
  {
    // lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng frame 3: pre-authentication under RC4
    name: 'as-req-rc4-timestamp',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000011c' + // record mark: length 284
        '6a820118' + // [APPLICATION 10] AS-REQ, 280 bytes
        '30820114' + // SEQUENCE, 276 bytes
        'a103' + // [1] pvno
        '020105' + // pvno = 5
        'a203' + // [2] msg-type
        '02010a' + // msg-type = 10
        'a35f' + // [3] padata
        '305d' + // padata: SEQUENCE OF PA-DATA, 93 bytes
        '3048' + // PA-DATA: SEQUENCE, 72 bytes
        'a103' + // [1] padata-type
        '020102' + // padata-type = 2 (PA-ENC-TIMESTAMP)
        'a241' + // [2] padata-value
        '043f' + // OCTET STRING
        '303d' + // PA-ENC-TIMESTAMP: SEQUENCE, 61 bytes
        'a003' + // [0] etype
        '020117' + // etype = 23 (rc4-hmac)
        'a236' + // [2] cipher
        '0434502479fef0b36c78487e131cdf9533afc9bc91ab19d5274d7ad9d8a38bbfd5fc5ba95eddeda728d231a08aa89dc25cda265f0544' + // cipher: 52 bytes
        '3011' + // PA-DATA: SEQUENCE, 17 bytes
        'a104' + // [1] padata-type
        '02020080' + // padata-type = 128 (PA-PAC-REQUEST)
        'a209' + // [2] padata-value
        '0407' + // OCTET STRING
        '3005' + // PA-PAC-REQUEST: SEQUENCE, 5 bytes
        'a003' + // [0] include-pac
        '0101ff' + // include-pac = TRUE
        'a481a6' + // [4] req-body
        '3081a3' + // req-body: SEQUENCE, 163 bytes
        'a007' + // [0] kdc-options
        '03050040810010' + // kdc-options BIT STRING = 40810010
        'a115' + // [1] cname
        '3013' + // cname: SEQUENCE, 19 bytes
        'a003' + // [0] name-type
        '020101' + // name-type = 1
        'a10c' + // [1] name-string
        '300a' + // name-string: SEQUENCE OF KerberosString
        '1b086261636b646f6f72' + // component = 'backdoor'
        'a204' + // [2] realm
        '1b023362' + // realm = '3b'
        'a317' + // [3] sname
        '3015' + // sname: SEQUENCE, 21 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a10e' + // [1] name-string
        '300c' + // name-string: SEQUENCE OF KerberosString
        '1b066b7262746774' + // component = 'krbtgt'
        '1b023362' + // component = '3b'
        'a511' + // [5] till
        '180f32303337303931333032343830355a' + // till = 20370913024805Z
        'a611' + // [6] rtime
        '180f32303337303931333032343830355a' + // rtime = 20370913024805Z
        'a706' + // [7] nonce
        '020411ca4d5a' + // nonce = 298470746
        'a815' + // [8] etype
        '3013' + // etype: SEQUENCE OF Int32
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        '020111' + // etype = 17 (aes128-cts-hmac-sha1-96)
        '020117' + // etype = 23 (rc4-hmac)
        '020118' + // etype = 24 (rc4-hmac-exp)
        '0202ff79' + // etype = -135 (rc4-hmac-old-exp)
        '020103' + // etype = 3 (des-cbc-md5)
        'a91d' + // [9] addresses
        '301b3019a003020114a11204103032363934572d57494e313020202020', // addresses: 27 bytes
    ),
  },
  {
    // lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng frames 4-5: enc-part under RC4 (Skeleton Key)
    name: 'as-rep-rc4',
    dir: S,
    role: 'normal',
    bytes: hex(
      '000005dd' + // record mark: length 1501
        '6b8205d9' + // [APPLICATION 11] AS-REP, 1497 bytes
        '308205d5' + // SEQUENCE, 1493 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '02010b' + // msg-type = 11
        'a311' + // [3] crealm
        '1b0f544852454542454553434f2e434f4d' + // crealm = 'THREEBEESCO.COM'
        'a415' + // [4] cname
        '3013' + // cname: SEQUENCE, 19 bytes
        'a003' + // [0] name-type
        '020101' + // name-type = 1
        'a10c' + // [1] name-string
        '300a' + // name-string: SEQUENCE OF KerberosString
        '1b086261636b646f6f72' + // component = 'backdoor'
        'a582043c' + // [5] ticket
        '61820438' + // [APPLICATION 1] Ticket, 1080 bytes
        '30820434' + // SEQUENCE, 1076 bytes
        'a003' + // [0] tkt-vno
        '020105' + // tkt-vno = 5
        'a111' + // [1] realm
        '1b0f544852454542454553434f2e434f4d' + // realm = 'THREEBEESCO.COM'
        'a224' + // [2] sname
        '3022' + // sname: SEQUENCE, 34 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a11b' + // [1] name-string
        '3019' + // name-string: SEQUENCE OF KerberosString
        '1b066b7262746774' + // component = 'krbtgt'
        '1b0f544852454542454553434f2e434f4d' + // component = 'THREEBEESCO.COM'
        'a38203f2' + // [3] enc-part
        '308203ee' + // enc-part: SEQUENCE, 1006 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a103' + // [1] kvno
        '020102' + // kvno = 2
        'a28203e0' + // [2] cipher
        '048203dc694a52bae655a4fba45307d0a6be6614e4b1c7a281f14281267dc0df54d591dc1b23696f5f888e922de22c51949ee0fba39ee0dea4bec302c002a7baacf8ce1cc7b44ce9db3ce10dde7bac72607aa2204f75520d5f29bca2154f25a1f05982ab82a301c79be7a91779379436d79b1a6b1567494813610d6595673010373e1db08310bc9b6c2b61ee648f67928a51ed469cdd356a9b4aeed60b515a2b4225dc130eaf5c04288a58fa52f78133d782b3003567d13122e1ac75da8af3aac714d1186a0b818c87016ee30c86fdb689457f0b2e2f19497b4095958e14068b2b8d20e5c0ed4f6b61f8af6a80631ccaa775c8f465c82ec135d86208b8271a9c3b0723268406e7cc4eb58af58d33026189204b8d716a3ee9a326d4bd90a9c5f5c6b099e1c62fe1bc7db2776062265e0d96c743304a5e20e7ff148c21e3b9576a07bb1c4585c2e0858b341eb63dd246af231d1ebd664be78d1c0b5a8ae09a4b0e260bdac4571ecf860c54fd7de765ff6de179af7aadef952ff07c96b923429b17af38f356217a3268aab05892f75f6f81355ac2087a481ddb0b76ec2981d4113d82ae1f6e942980e148135d893143145b47c8ca5890dedf5827d6e321926f14c231bbf064e26a4e92e69644396f74097eacbebe1585882a5e92c7697e2e86cf6738804836772e4ac7a84973b1ccb9ce4bbd470a2ccbb33e580cbdf07b58a8c32ed43db5d41f3c19e04124ba072c7a24fa2f158ea08090137dc71f050281d122a72488b123d080bd4c4a89532c0d3a597d5aa558270315542271dbfbb943ee70ccaa3f39426d7087b50d53113ed1d6ace2a82555e66d57c4ac11876d47d612e3451aafdc4b5294111e1fcbc481c515356cada6cb8242ea98bf902913ff1e733decb8c6f50360586201d960137dac52eb2f7ce281bf5d44d5c6f887cf65326adc4f7f1e28402c938ee47a69f43cb04022e2da372aebbaf38583105a402e727e745c912c9ab8b337934bc743cb24f90a0f50353d6fd62f35efecc76f5a03fe5d41f56d4458d7d49be310a23858135e7bf27cee4b276e9b0a2bafc16000a2599133a632e7462f16c6b9d29408693f2c50e6a6c5852780488c077c0fd3dfaf1654d5a273bbf891043e4acf2fc94461520bee3943cd97560b14138137efdea3437e85aaa2e5e31f461ed77906e1294fd53a5293cef5052d74c8dbdb71166808e40314b0e7e965e3b48c95b273c7d53ffc8f54ac0d2a7313794aa8adc230e74fb5b9ec4ee11162f4ed283b4c2772c45ccb35dd901cd400574cc638634ffc7a9dae7f4607e78f2e29f02b3c3b4451a441bddb11223037dd79bab83d0239ad019260d4cf06c7e26a7361089d37ddd88373c8e2009e11f6299077dcd97d360ba1119113cfcc' + // cipher: 988 bytes
        'a682015d' + // [6] enc-part
        '30820159' + // enc-part: SEQUENCE, 345 bytes
        'a003' + // [0] etype
        '020117' + // etype = 23 (rc4-hmac)
        'a103' + // [1] kvno
        '020106' + // kvno = 6
        'a282014b' + // [2] cipher
        '048201476ba793aa1b4479d57be7ae46175a87b3250f68082caac99a6ea341e320d79e68f5df772494df5362929e1f47eb8a04d12c4dff8d71dd313ee3a78174533af8af3db20bd18ba10778c3369d8db4ece03738413b416d0f23c1f569065f5fe0ffdf459aed61d300d7338cc3322552270128ef3d687bd292970277a5858deff9f7dbf37ff04c882d58b7a1065d986b302a9b23e6319511da218a449328c14b6d43f756c83dc9babe2a6b8f0f9f1c85dbf103b79b637de9d871b3f3cf3588d8a392aa4788f96f314f0837d6523aadf16f98dc1dd127c8d3caf1fdc80d904964cb66e17f63d7fcfc8290504cf8bd6d41f27b3cac6cc59e4630d388a3050147379e21157acf641eebdedace4d4d0c50f627840bc367383c14daec7bf6d4f8d24417b62efc6458c3f3747b9f621630fca6a0b1e46f6d09b9ae30459a1d57dbf26f10045b800ba5633a40be', // cipher: 327 bytes
    ),
  },
  {
    // lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng frames 6-7
    name: 'tgs-req-cifs',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000064a' + // record mark: length 1610
        '6c820646' + // [APPLICATION 12] TGS-REQ, 1606 bytes
        '30820642' + // SEQUENCE, 1602 bytes
        'a103' + // [1] pvno
        '020105' + // pvno = 5
        'a203' + // [2] msg-type
        '02010c' + // msg-type = 12
        'a3820524' + // [3] padata
        '30820520' + // padata: SEQUENCE OF PA-DATA, 1312 bytes
        '30820505' + // PA-DATA: SEQUENCE, 1285 bytes
        'a103' + // [1] padata-type
        '020101' + // padata-type = 1 (PA-TGS-REQ)
        'a28204fc' + // [2] padata-value
        '048204f8' + // OCTET STRING
        '6e8204f4' + // [APPLICATION 14] AP-REQ, 1268 bytes
        '308204f0' + // SEQUENCE, 1264 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '02010e' + // msg-type = 14
        'a207' + // [2] ap-options
        '03050000000000' + // ap-options BIT STRING = 00000000
        'a382043c' + // [3] ticket
        '61820438' + // [APPLICATION 1] Ticket, 1080 bytes
        '30820434' + // SEQUENCE, 1076 bytes
        'a003' + // [0] tkt-vno
        '020105' + // tkt-vno = 5
        'a111' + // [1] realm
        '1b0f544852454542454553434f2e434f4d' + // realm = 'THREEBEESCO.COM'
        'a224' + // [2] sname
        '3022' + // sname: SEQUENCE, 34 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a11b' + // [1] name-string
        '3019' + // name-string: SEQUENCE OF KerberosString
        '1b066b7262746774' + // component = 'krbtgt'
        '1b0f544852454542454553434f2e434f4d' + // component = 'THREEBEESCO.COM'
        'a38203f2' + // [3] enc-part
        '308203ee' + // enc-part: SEQUENCE, 1006 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a103' + // [1] kvno
        '020102' + // kvno = 2
        'a28203e0' + // [2] cipher
        '048203dc694a52bae655a4fba45307d0a6be6614e4b1c7a281f14281267dc0df54d591dc1b23696f5f888e922de22c51949ee0fba39ee0dea4bec302c002a7baacf8ce1cc7b44ce9db3ce10dde7bac72607aa2204f75520d5f29bca2154f25a1f05982ab82a301c79be7a91779379436d79b1a6b1567494813610d6595673010373e1db08310bc9b6c2b61ee648f67928a51ed469cdd356a9b4aeed60b515a2b4225dc130eaf5c04288a58fa52f78133d782b3003567d13122e1ac75da8af3aac714d1186a0b818c87016ee30c86fdb689457f0b2e2f19497b4095958e14068b2b8d20e5c0ed4f6b61f8af6a80631ccaa775c8f465c82ec135d86208b8271a9c3b0723268406e7cc4eb58af58d33026189204b8d716a3ee9a326d4bd90a9c5f5c6b099e1c62fe1bc7db2776062265e0d96c743304a5e20e7ff148c21e3b9576a07bb1c4585c2e0858b341eb63dd246af231d1ebd664be78d1c0b5a8ae09a4b0e260bdac4571ecf860c54fd7de765ff6de179af7aadef952ff07c96b923429b17af38f356217a3268aab05892f75f6f81355ac2087a481ddb0b76ec2981d4113d82ae1f6e942980e148135d893143145b47c8ca5890dedf5827d6e321926f14c231bbf064e26a4e92e69644396f74097eacbebe1585882a5e92c7697e2e86cf6738804836772e4ac7a84973b1ccb9ce4bbd470a2ccbb33e580cbdf07b58a8c32ed43db5d41f3c19e04124ba072c7a24fa2f158ea08090137dc71f050281d122a72488b123d080bd4c4a89532c0d3a597d5aa558270315542271dbfbb943ee70ccaa3f39426d7087b50d53113ed1d6ace2a82555e66d57c4ac11876d47d612e3451aafdc4b5294111e1fcbc481c515356cada6cb8242ea98bf902913ff1e733decb8c6f50360586201d960137dac52eb2f7ce281bf5d44d5c6f887cf65326adc4f7f1e28402c938ee47a69f43cb04022e2da372aebbaf38583105a402e727e745c912c9ab8b337934bc743cb24f90a0f50353d6fd62f35efecc76f5a03fe5d41f56d4458d7d49be310a23858135e7bf27cee4b276e9b0a2bafc16000a2599133a632e7462f16c6b9d29408693f2c50e6a6c5852780488c077c0fd3dfaf1654d5a273bbf891043e4acf2fc94461520bee3943cd97560b14138137efdea3437e85aaa2e5e31f461ed77906e1294fd53a5293cef5052d74c8dbdb71166808e40314b0e7e965e3b48c95b273c7d53ffc8f54ac0d2a7313794aa8adc230e74fb5b9ec4ee11162f4ed283b4c2772c45ccb35dd901cd400574cc638634ffc7a9dae7f4607e78f2e29f02b3c3b4451a441bddb11223037dd79bab83d0239ad019260d4cf06c7e26a7361089d37ddd88373c8e2009e11f6299077dcd97d360ba1119113cfcc' + // cipher: 988 bytes
        'a4819a' + // [4] authenticator
        '308197' + // authenticator: SEQUENCE, 151 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a2818f' + // [2] cipher
        '04818cd8f726d955726b853a618bbf68c44161eb42114812d602818b09d568061df3d737c55a3b8accd8bfda31664142e9e2b625c289275557c0ecc86fe3084155c45dd29e76e630650729b8f73563b198b2763ed20e61aacaf7e702faf4ecc48bd23beb28bd069e08c6ede3c27598bce722c96e017fd0786d204f957bf791f27a83bff85d390649a30eb3d37f19e7' + // cipher: 140 bytes
        '3015' + // PA-DATA: SEQUENCE, 21 bytes
        'a104' + // [1] padata-type
        '020200a7' + // padata-type = 167 (PA-PAC-OPTIONS)
        'a20d' + // [2] padata-value
        '040b3009a00703050040000000' + // OCTET STRING, 11 bytes
        'a482010c' + // [4] req-body
        '30820108' + // req-body: SEQUENCE, 264 bytes
        'a007' + // [0] kdc-options
        '03050040810000' + // kdc-options BIT STRING = 40810000
        'a211' + // [2] realm
        '1b0f544852454542454553434f2e434f4d' + // realm = 'THREEBEESCO.COM'
        'a322' + // [3] sname
        '3020' + // sname: SEQUENCE, 32 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a119' + // [1] name-string
        '3017' + // name-string: SEQUENCE OF KerberosString
        '1b0463696673' + // component = 'cifs'
        '1b0f3031353636732d77696e31362d6972' + // component = '01566s-win16-ir'
        'a511' + // [5] till
        '180f32303337303931333032343830355a' + // till = 20370913024805Z
        'a706' + // [7] nonce
        '020411ca4d51' + // nonce = 298470737
        'a812' + // [8] etype
        '3010' + // etype: SEQUENCE OF Int32
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        '020111' + // etype = 17 (aes128-cts-hmac-sha1-96)
        '020117' + // etype = 23 (rc4-hmac)
        '020118' + // etype = 24 (rc4-hmac-exp)
        '0202ff79' + // etype = -135 (rc4-hmac-old-exp)
        'aa8196' + // [10] enc-authorization-data
        '308193' + // enc-authorization-data: SEQUENCE, 147 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a2818b' + // [2] cipher
        '048188db0ccc6d818297f504e4773c5eb6d7a6b70226f75876c90e20e733409cb3191e13353f57be8bbe6409530e0dce90e5a3918c23916d56dfc94e02e2cf6f14236fa3ab167e0f3b0c67f0defb35c9dc78bc9457863f932174a561cfd12b01e487eacfa7565a1a7bb7b25cf194e6b66dd2ea6204c16fd6faf5145c691c761ae6ba71331639c2b1ac7a46', // cipher: 136 bytes
    ),
  },
  {
    // lm_mimikazt_skeleton_kerberos_rc4_etype.pcapng frames 8-9: service ticket under RC4
    name: 'tgs-rep-rc4-ticket',
    dir: S,
    role: 'normal',
    bytes: hex(
      '00000653' + // record mark: length 1619
        '6d82064f' + // [APPLICATION 13] TGS-REP, 1615 bytes
        '3082064b' + // SEQUENCE, 1611 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '02010d' + // msg-type = 13
        'a311' + // [3] crealm
        '1b0f544852454542454553434f2e434f4d' + // crealm = 'THREEBEESCO.COM'
        'a415' + // [4] cname
        '3013' + // cname: SEQUENCE, 19 bytes
        'a003' + // [0] name-type
        '020101' + // name-type = 1
        'a10c' + // [1] name-string
        '300a' + // name-string: SEQUENCE OF KerberosString
        '1b086261636b646f6f72' + // component = 'backdoor'
        'a58204d0' + // [5] ticket
        '618204cc' + // [APPLICATION 1] Ticket, 1228 bytes
        '308204c8' + // SEQUENCE, 1224 bytes
        'a003' + // [0] tkt-vno
        '020105' + // tkt-vno = 5
        'a111' + // [1] realm
        '1b0f544852454542454553434f2e434f4d' + // realm = 'THREEBEESCO.COM'
        'a222' + // [2] sname
        '3020' + // sname: SEQUENCE, 32 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2
        'a119' + // [1] name-string
        '3017' + // name-string: SEQUENCE OF KerberosString
        '1b0463696673' + // component = 'cifs'
        '1b0f3031353636732d77696e31362d6972' + // component = '01566s-win16-ir'
        'a3820488' + // [3] enc-part
        '30820484' + // enc-part: SEQUENCE, 1156 bytes
        'a003' + // [0] etype
        '020117' + // etype = 23 (rc4-hmac)
        'a103' + // [1] kvno
        '020101' + // kvno = 1
        'a2820476' + // [2] cipher
        '04820472915b84434da761bc59069ef23e7f6a8c25ab1420e5481643d6153353e32e558b10c31fea476b294f13b5494c7b2699390534c62886a5a1a540a79605c1a3e5193eafabfc1445da2b1b041a1ac0ef58dfccf471f5da348ff452011f0dd3ebf7ac9caf651072e45e3a8480e5bf86cf46d0708135498bade70e98b45bff20b8400d25eea54251459c3933d977878dcf5f12590627bccf144177632857f05be5e2ab4b0598b85604806cfbeb268935a01ae1aeee4f15a4b1dd8ce7cf02c2ac301a691e2a10e6ff34041be391a53bdc558e4d32423a742455c4421b918832c76a6e331da032298005d7fa21b90a4a2927d3e724e9bed2a4f35cd03702990a99d67fb605e79689db685ca5cf2f4fa31c691b9c893d9fe4695c6d69201e6ee4a93009d9ddde1d3a752182c88ac4a6adc3865be9d08bdfc469bd668c89c0c36a07b0773d2a9fcae4f40d851865e8f4322d1f7afcdd891f1d2efcb289eefd8df3549c327b31a9e5afd39a22c8259db2a91a21305c49e5b4d22cb37cafb0bb4365d0bcf926571e36167ba743a7d8195166a20b7239476b20e014a5d6d25f2095b08ff0be0353aab711a7ee74a6daf662d4009eabee31dd3b418df6ccfe98f9224e825ce01d80f54bf3d3a53818d5cc423072a2030ae674515e5408993a48574971d37f8cdf770bd132f57843c4beef3f85254d6e4bdf951871c9f966f654e12e0743f5b576eefa365fdd937c7e91c9b700a669b2ffb1f7f39e22543724ea411c08fcd3023a3bb781bbe872a6a793abf79dfc295f58b5736995243469d71abbaf15834b4121b625293d6e1c01f28ffa6f1944081f9c875e73f14e5b0f968f579cd14c025c47a5ad0b4281e86811ef2127508cdf60d1321033869d52ad65829d2b5596cd5620f8a506e77a310b8ae65f0a053c76f8ecd6fd442feec9fe63d0da4a532dd6534aadcb49783b1eb4c0eab7d15315f804f6033a63cc48ec71e0fe1c333685321bb5691bf6c2a97afd14228d8753304a156b7713f53dcb5a55513618408d3e27b73805d59907a4e3d6932390f227f625585bbb65dbb7dd0c7267e8bafb60d3e22f3dd57fd13c25e00a22f48f2814bfad62bba9aa6b5f23836c05d37b88a01b9189be997d63c0604f690c6b2f4b11f549cdbf03b148dd9f281895d411dcee562474c0d92ea91715775ce2126bb142d949ebb93037760381de1c9422928a21fa12457d2e444f9868814a26c9f84e2d2d9d923d246f2c8c2d0d4c23859918b957abac0ebcb23a39110d3b6631fa28fe0edfb2f83a43ed6453a98eb4f30b4e2871074c77a41355e2f81a0319b0b5151193c10dce78ae8ff73fe269f3415c0a42b4031673ff74aeb4b7a376303e4697431a6f4193209321b53ddbaa5c817b3dc3c53c55a7081c2a1a81da14710c054410c24444488d51721c5dd9bca8bcbc9f60fb71fae6a2aec8d09d3d4dfb33871b44b84cc6018dfa13f68c8e357c6066e6c177fd0f949a546fb45faefb51c17cb3e74b3eefc11e8c70f11fe2f2a7089b691722687a03588581478ab87ea4f370eb90cd3714ced7b527a7cbab64200e3b24a6b1d2e07a4d0fe31588d9d7b058cd4f40266ed282351c' + // cipher: 1138 bytes
        'a682013f' + // [6] enc-part
        '3082013b' + // enc-part: SEQUENCE, 315 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a2820132' + // [2] cipher
        '0482012ec1799a4e2afc2ef5bb7c997079e76250cc9265847c6b8b6d7167590b9be6441a10fbfc125425c1c36a5b8ecd4cc6857b524a4a2ca0df82e8853c3d90a986d18e2d343b1bc715433c7b773e129e9b6236919aec682e38491fdd2660d892cca73498d197c20405fcb85c91fc6d26349cc78fad2836feb12a4302a357a9e9a0ee49fb44ac74df66c0ad3c9ec15be44f79e7701b39a36b9d6cc755a2d9416241a9d3706b32b6a831966085884db08887054be41b2bbed84c8c8c66a8c45834a2502626806c94dbdfa7fd3656012e9fe8b864c2fddbfb5419d7897e2c9b4dd3da847034da258e524d8b311725192da2b775a82f5e8dbf12bd76660787c3c3c8aeabf972306219b08e6116fd1d54d64424145b7fe808eceff5435568773b0e7b10e0456f6ca049a53d3a00f8036cbe7f75', // cipher: 302 bytes
    ),
  },
  {
    // test/golden/kerberos/normal/input.pcap frame 54: kpasswd change password (TCP 464)
    name: 'kpasswd-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '000002bc' + // record mark: length 700
        '02bc' + // kpasswd message length = 700
        '0001' + // kpasswd version = 1
        '025b' + // AP-REQ/AP-REP length = 603
        '6e820257' + // [APPLICATION 14] AP-REQ, 599 bytes
        '30820253' + // SEQUENCE, 595 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '02010e' + // msg-type = 14
        'a207' + // [2] ap-options
        '03050000000000' + // ap-options BIT STRING = 00000000
        'a382019a' + // [3] ticket
        '61820196' + // [APPLICATION 1] Ticket, 406 bytes
        '30820192' + // SEQUENCE, 402 bytes
        'a003' + // [0] tkt-vno
        '020105' + // tkt-vno = 5
        'a10f' + // [1] realm
        '1b0d50414c49534144452e54455354' + // realm = 'PALISADE.TEST'
        'a21d' + // [2] sname
        '301b' + // sname: SEQUENCE, 27 bytes
        'a003' + // [0] name-type
        '020101' + // name-type = 1
        'a114' + // [1] name-string
        '3012' + // name-string: SEQUENCE OF KerberosString
        '1b066b61646d696e' + // component = 'kadmin'
        '1b086368616e67657077' + // component = 'changepw'
        'a3820159' + // [3] enc-part
        '30820155' + // enc-part: SEQUENCE, 341 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a103' + // [1] kvno
        '020101' + // kvno = 1
        'a2820147' + // [2] cipher
        '04820143ee47753c79c145033ea38d070ff6880928d38089a6ad21969a06ce6a9ff95ff1f0b1e446c165372c4a2cfd1846d16706677c1281cda5e5c332bf223333d8e16760b51129b6f696fb3235d39ff99d5585f0b5f77e81ceb408ca3358990645e6b80d6bb678e96d3df86ac27dad16ab150b32edb98b28b35ba77abf3d4caf317098d853dcea6042d054885a841b5cb64eb4f9b1586d1a97b23a51c57b2ba3e9c89deb4b01c8e25646fcba932f665fa096e52f792229876bab93dd07a35c9fb2c59e1c101f38d8f4cce1e63631d997c7b3812a266d48ae9d8efbba4744d76abca9d327129978a6c82ad7e4f18277beb0b4c77e1c3e77650415e767f83ea53de966d790b11f9ade104387f3aa3d1a6de958d72011f429d51715716b04a31684ddba0c50c6cade61f1efc37cca3c36e7e1e08039e607fa8f72d8ff9c1f848dab5c91b45ad440' + // cipher: 323 bytes
        'a4819f' + // [4] authenticator
        '30819c' + // authenticator: SEQUENCE, 156 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a28194' + // [2] cipher
        '04819163c20ce8fdc82b99a5013db0ff0f8f973e714a0976623e0fcd0bc56e0de4b7ec7a655b3ac2a224b3a445a98754054b53e1ee992379d7de30796d5c126e82a0a23f8feb4471ded4dc7356310be3994ff5234074a3fef8249ba3fe22e5f21a6b77bea3c824a2aabd611b23f40017c55dd22f7c35683f2d548a92583adbe87f49639a9101b783eb11f62943eaf27119da1dc1' + // cipher: 145 bytes
        '7559' + // [APPLICATION 21] KRB-PRIV, 89 bytes
        '3057' + // SEQUENCE, 87 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '020115' + // msg-type = 21
        'a34b' + // [3] enc-part
        '3049' + // enc-part: SEQUENCE, 73 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a242' + // [2] cipher
        '0440876786abd8d19314a4e804618415d659f310af4d62a8a7d7ccf4de2f0fee52d5e44f1568918efaa8a1ef847d206194b01360b0e4793dd63c7f10770b9fbf6bff', // cipher: 64 bytes
    ),
  },
  {
    // test/golden/kerberos/normal/input.pcap frame 56: kpasswd reply
    name: 'kpasswd-reply',
    dir: S,
    role: 'normal',
    bytes: hex(
      '000000ec' + // record mark: length 236
        '00ec' + // kpasswd message length = 236
        '0001' + // kpasswd version = 1
        '008c' + // AP-REQ/AP-REP length = 140
        '6f8189' + // [APPLICATION 15] AP-REP, 137 bytes
        '308186' + // SEQUENCE, 134 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '02010f' + // msg-type = 15
        'a27a' + // [2] enc-part
        '3078' + // enc-part: SEQUENCE, 120 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a271' + // [2] cipher
        '046f33dfebad978c6cb005940e2e05c7490f363f628dc8c35f8c9c8abd5c8066d2390170f066fdf579350d0ecf1edf2af474cde635ca8344c477fd8f0d9ce3074c23b785540b7a444dd0a7da25d506257735e2667fca2bd00034cd32b4f566c06c99e440d50dc8cf33239794bc4b93e764' + // cipher: 111 bytes
        '7558' + // [APPLICATION 21] KRB-PRIV, 88 bytes
        '3056' + // SEQUENCE, 86 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '020115' + // msg-type = 21
        'a34a' + // [3] enc-part
        '3048' + // enc-part: SEQUENCE, 72 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a241' + // [2] cipher
        '043f9736d8e6937c8c791df5cac5abed7f5242c08ea10c3f0ad16c3531154230d82990fa975567597ddc59f8c7b7d6b65c56ea626fe7626a87144485ee1e9a6209', // cipher: 63 bytes
    ),
  },
  {
    // Built by hand ([RFC4120] 5.6.1): a KRB-SAFE whose user data travels in clear
    name: 'krb-safe',
    dir: C,
    role: 'normal',
    bytes: hex(
      '00000034' + // record mark: length 52
        '7432' + // [APPLICATION 20] KRB-SAFE, 50 bytes
        '3030' + // SEQUENCE, 48 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '020114' + // msg-type = 20
        'a20b' + // [2] safe-body
        '3009' + // KRB-SAFE-BODY: SEQUENCE, 9 bytes
        'a007' + // [0] user-data
        '040568656c6c6f' + // OCTET STRING 'hello' (5 bytes, not copied into events)
        'a317' + // [3] cksum
        '3015' + // Checksum: SEQUENCE, 21 bytes
        'a003' + // [0] cksumtype
        '020110' + // cksumtype = 16 (hmac-sha1-96-aes256)
        'a10e' + // [1] checksum
        '040c000000000000000000000000', // OCTET STRING, 12 bytes
    ),
  },
  {
    // Built by hand ([RFC4120] 5.8.1): a KRB-CRED whose enc-part is not encrypted (etype 0)
    name: 'krb-cred-cleartext',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000007d' + // record mark: length 125
        '767b' + // [APPLICATION 22] KRB-CRED, 123 bytes
        '3079' + // SEQUENCE, 121 bytes
        'a003' + // [0] pvno
        '020105' + // pvno = 5
        'a103' + // [1] msg-type
        '020116' + // msg-type = 22
        'a25e' + // [2] tickets
        '305c' + // SEQUENCE OF Ticket, 92 bytes
        '615a' + // [APPLICATION 1] Ticket, 90 bytes
        '3058' + // SEQUENCE, 88 bytes
        'a003' + // [0] tkt-vno
        '020105' + // tkt-vno = 5
        'a10d' + // [1] realm
        '1b0b4558414d504c452e4f5247' + // realm = 'EXAMPLE.ORG'
        'a220' + // [2] sname
        '301e' + // PrincipalName: SEQUENCE, 30 bytes
        'a003' + // [0] name-type
        '020102' + // name-type = 2 (NT-SRV-INST)
        'a117' + // [1] name-string
        '3015' + // SEQUENCE OF KerberosString
        '1b066b7262746774' + // component = 'krbtgt'
        '1b0b4558414d504c452e4f5247' + // component = 'EXAMPLE.ORG'
        'a320' + // [3] enc-part
        '301e' + // EncryptedData: SEQUENCE, 30 bytes
        'a003' + // [0] etype
        '020112' + // etype = 18 (aes256-cts-hmac-sha1-96)
        'a103' + // [1] kvno
        '020102' + // kvno = 2
        'a212' + // [2] cipher
        '041000000000000000000000000000000000' + // OCTET STRING, 16 bytes
        'a30d' + // [3] enc-part
        '300b' + // EncryptedData: SEQUENCE, 11 bytes
        'a003' + // [0] etype
        '020100' + // etype = 0 (null: EncKrbCredPart in clear)
        'a204' + // [2] cipher
        '04027d00', // OCTET STRING, 2 bytes
    ),
  },
  {
    // Built by hand: an [APPLICATION 10] AS-REQ whose msg-type says 12
    name: 'msg-type-mismatch',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '00000012' + // record mark: length 18
        '6a10' + // [APPLICATION 10] AS-REQ, 16 bytes
        '300e' + // SEQUENCE, 14 bytes
        'a103' + // [1] pvno
        '020105' + // pvno = 5
        'a203' + // [2] msg-type
        '02010c' + // msg-type = 12 (TGS-REQ): does not match the tag
        'a402' + // [4] req-body
        '3000', // KDC-REQ-BODY: SEQUENCE, empty
    ),
  },
  {
    // Built by hand: a req-body SEQUENCE claiming 64 bytes where 0 follow
    name: 'overlong-element',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '00000012' + // record mark: length 18
        '6a10' + // [APPLICATION 10] AS-REQ, 16 bytes
        '300e' + // SEQUENCE, 14 bytes
        'a103' + // [1] pvno
        '020105' + // pvno = 5
        'a203' + // [2] msg-type
        '02010a' + // msg-type = 10
        'a402' + // [4] req-body
        '3040', // KDC-REQ-BODY: SEQUENCE of 64 bytes, none present
    ),
  },
  {
    // Built by hand: a KRB-ERROR with protocol version 4
    name: 'bad-pvno',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '00000013' + // record mark: length 19
        '7e11' + // [APPLICATION 30] KRB-ERROR, 17 bytes
        '300f' + // SEQUENCE, 15 bytes
        'a003' + // [0] pvno
        '020104' + // pvno = 4
        'a103' + // [1] msg-type
        '02011e' + // msg-type = 30
        'a603' + // [6] error-code
        '020119', // error-code = 25 (KDC_ERR_PREAUTH_REQUIRED)
    ),
  },
  {
    // Built by hand: a record mark with the reserved high bit set ([RFC4120] 7.2.2)
    name: 'reserved-record-mark',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '80000004' + // record mark: reserved bit set, length 4
        '6a023000', // [APPLICATION 10] with an empty SEQUENCE
    ),
  },
];
