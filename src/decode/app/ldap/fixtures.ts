/**
 * LDAP byte fixtures for the unit tests and the decoder conformance suite.
 *
 * - `slapd.pcap`: OpenLDAP 2.5 slapd and ldap-utils clients on 127.0.0.1, captured for this
 *   decoder (test/golden/ldap/normal/input.pcap, made as its README says).
 * - `DCShadow`: ../shared/data/pcaps/it-attacks/pcap-attack/CredAccess/
 *   DCShadow_add_primarygroupid_512_to_std_account.pcapng (Windows Server 2016 domain
 *   controller, Kerberos-signed LDAP).
 * - The NTLMSSP NEGOTIATE of the GSS-SPNEGO bind is the one of DCShadow frame 47 (a DCE/RPC
 *   bind); its LDAP wrapper is written from [RFC4511] 4.2.
 *
 * Field values checked against tshark 4.0.17. In array order the fixtures form one
 * conversation: requests before their responses, the StartTLS exchange last (TLS follows it).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // slapd.pcap frame 4
    name: 'simple-bind-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '302c' + // LDAPMessage SEQUENCE, 44 bytes
        '020101' + // messageID 1
        '6027' + // [APPLICATION 0] bindRequest
        '020103' + // version 3
        '041a' + // name, 26 bytes
        '636e3d61646d696e2c64633d6578616d706c652c64633d6f7267' + // "cn=admin,dc=example,dc=org"
        '8006' + // [0] simple, 6 bytes
        '736563726574', // password (never reported)
    ),
  },
  {
    // slapd.pcap frame 6
    name: 'bind-response-success',
    dir: S,
    role: 'normal',
    bytes: hex(
      '300c' + // LDAPMessage
        '020101' + // messageID 1
        '6107' + // [APPLICATION 1] bindResponse
        '0a0100' + // resultCode success (0)
        '0400' + // matchedDN ""
        '0400', // diagnosticMessage ""
    ),
  },
  {
    // slapd.pcap frame 40
    name: 'search-request-complex-filter',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3082013f' + // LDAPMessage, 319 bytes
        '020102' + // messageID 2
        '63820138' + // [APPLICATION 3] searchRequest
        '041164633d6578616d706c652c64633d6f7267' + // baseObject "dc=example,dc=org"
        '0a0102' + // scope wholeSubtree (2)
        '0a0100' + // derefAliases neverDerefAliases (0)
        '020100' + // sizeLimit 0
        '020100' + // timeLimit 0
        '010100' + // typesOnly FALSE
        'a0820102' + // filter: and [0]
        'a31c040b6f626a656374436c617373040d696e65744f7267506572736f6e' + // (objectClass=inetOrgPerson)
        'a133' + // or [1]
        'a40c040375696430058003616c69' + // (uid=ali*): substrings, initial "ali"
        'a41604046d61696c300e820c406578616d706c652e6f7267' + // (mail=*@example.org): final
        'a40b0402636e30058103696365' + // (cn=*ice*): any
        'a20da40b0402636e30058003426f62' + // not [2] (cn=Bob*)
        'a315040b6465736372697074696f6e0406612a62286329' + // (description=a\2ab\28c\29)
        'a30e0402736e04084c696464c3a96c6c' + // (sn=Liddéll): UTF-8 value
        'a5070402636e040141' + // greaterOrEqual [5] (cn>=A)
        'a6070402736e04015a' + // lessOrEqual [6] (sn<=Z)
        'a80a0402636e0404616c6973' + // approxMatch [8] (cn~=alis)
        'a91c810e6361736545786163744d6174636882037569648305616c696365' + // (uid:caseExactMatch:=alice)
        'a90f82026f75830670656f706c658401ff' + // (ou:dn:=people)
        'a9168108322e352e31332e3583076578616d706c658401ff' + // (:dn:2.5.13.5:=example)
        'a31204096f626a656374536964040501050000ff' + // (objectSid=\01\05\00\00\ff): binary
        '300e' + // attributes
        '0402636e' + // "cn"
        '04046d61696c' + // "mail"
        '0402736e', // "sn"
    ),
  },
  {
    // slapd.pcap frame 41
    name: 'search-result-done-empty',
    dir: S,
    role: 'normal',
    bytes: hex(
      '300c' + // LDAPMessage
        '020102' + // messageID 2
        '6507' + // [APPLICATION 5] searchResDone
        '0a0100' + // resultCode success
        '0400' + // matchedDN ""
        '0400', // diagnosticMessage ""
    ),
  },
  {
    // slapd.pcap frame 25: anonymous root DSE read
    name: 'search-request-root-dse',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3062' + // LDAPMessage
        '020103' + // messageID 3 (frame: 2)
        '635d' + // searchRequest
        '0400' + // baseObject "" (root DSE)
        '0a0100' + // scope baseObject (0)
        '0a0100' + // derefAliases 0
        '020100' + // sizeLimit 0
        '020100' + // timeLimit 0
        '010100' + // typesOnly FALSE
        '870b6f626a656374436c617373' + // present [7] (objectClass=*)
        '303d' + // attributes
        '040e6e616d696e67436f6e7465787473' + // "namingContexts"
        '0417737570706f727465645341534c4d656368616e69736d73' + // "supportedSASLMechanisms"
        '0412737570706f72746564457874656e73696f6e', // "supportedExtension"
    ),
  },
  {
    // slapd.pcap frame 26 (messageID 3 here, 2 in the capture)
    name: 'search-result-entry-root-dse',
    dir: S,
    role: 'normal',
    bytes: hex(
      '30820160' + // LDAPMessage
        '020103' + // messageID 3
        '64820159' + // [APPLICATION 4] searchResEntry
        '0400' + // objectName ""
        '30820153' + // attributes
        '3025040e6e616d696e67436f6e74657874733113041164633d6578616d706c652c64633d6f7267' + // namingContexts
        '30818d0412737570706f72746564457874656e73696f6e3177' + // supportedExtension: 6 values
        '0416312e332e362e312e342e312e313436362e3230303337' +
        '0417312e332e362e312e342e312e343230332e312e31312e31' +
        '0417312e332e362e312e342e312e343230332e312e31312e33' +
        '040b312e332e362e312e312e38' +
        '040e312e332e362e312e312e32312e33' +
        '040e312e332e362e312e312e32312e31' +
        '3081990417737570706f727465645341534c4d656368616e69736d73317e' + // supportedSASLMechanisms
        '040d534352414d2d5348412d353132040d534352414d2d5348412d333834' +
        '040d534352414d2d5348412d323536040d534352414d2d5348412d323234' +
        '040b534352414d2d5348412d31040a4449474553542d4d443504084352414d2d4d4435' +
        '04044e544c4d0405504c41494e04054c4f47494e0409414e4f4e594d4f5553',
    ),
  },
  {
    // slapd.pcap frame 27 (messageID 3 here)
    name: 'search-result-done-one-entry',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020103' + '6507' + '0a0100' + '0400' + '0400'), // searchResDone success
  },
  {
    // slapd.pcap frame 77 (messageID 4 here)
    name: 'add-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '308180' + // LDAPMessage
        '020104' + // messageID 4
        '687b' + // [APPLICATION 8] addRequest
        '04237569643d626f622c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267' + // entry
        '3054' + // attributes
        '301e040b6f626a656374436c617373310f040d696e65744f7267506572736f6e' + // objectClass
        '300c040375696431050403626f62' + // uid: bob
        '30130402636e310d040b426f62204275696c646572' + // cn: Bob Builder
        '300f0402736e310904074275696c646572', // sn: Builder
    ),
  },
  {
    // slapd.pcap frame 78 (messageID 4 here)
    name: 'add-response',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020104' + '6907' + '0a0100' + '0400' + '0400'), // addResponse success
  },
  {
    // slapd.pcap frame 79 (messageID 5 here)
    name: 'modify-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '30818f' + // LDAPMessage
        '020105' + // messageID 5
        '668189' + // [APPLICATION 6] modifyRequest
        '04257569643d616c6963652c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267' + // object
        '3060' + // changes
        '30270a0102' + // replace (2)
        '302204046d61696c311a0418616c69636540776f6e6465726c616e642e6578616d706c65' + // mail
        '301f0a0100' + // add (0)
        '301a040b6465736372697074696f6e310b0409746573742075736572' + // description
        '30140a0101' + // delete (1)
        '300f040b6465736372697074696f6e3100', // description, no values
    ),
  },
  {
    // slapd.pcap frame 80 (messageID 5 here)
    name: 'modify-response',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020105' + '6707' + '0a0100' + '0400' + '0400'), // modifyResponse success
  },
  {
    // slapd.pcap frame 92 (messageID 6 here)
    name: 'compare-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '303b' + // LDAPMessage
        '020106' + // messageID 6
        '6e36' + // [APPLICATION 14] compareRequest
        '04257569643d616c6963652c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267' + // entry
        '300d' + // ava
        '0402736e' + // attributeDesc "sn"
        '04074c696464656c6c', // assertionValue "Liddell" (not reported)
    ),
  },
  {
    // slapd.pcap frame 93 (messageID 6 here)
    name: 'compare-response',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020106' + '6f07' + '0a0106' + '0400' + '0400'), // compareTrue (6)
  },
  {
    // slapd.pcap frame 105 (messageID 7 here)
    name: 'moddn-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3056' + // LDAPMessage
        '020107' + // messageID 7
        '6c51' + // [APPLICATION 12] modDNRequest
        '04237569643d626f622c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267' + // entry
        '040a7569643d726f62657274' + // newrdn "uid=robert"
        '0101ff' + // deleteoldrdn TRUE
        '801b6f753d70656f706c652c64633d6578616d706c652c64633d6f7267', // [0] newSuperior
    ),
  },
  {
    // slapd.pcap frame 106 (messageID 7 here)
    name: 'moddn-response',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020107' + '6d07' + '0a0100' + '0400' + '0400'), // modDNResponse success
  },
  {
    // slapd.pcap frame 118 (messageID 8 here)
    name: 'del-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '302b' + // LDAPMessage
        '020108' + // messageID 8
        '4a26' + // [APPLICATION 10] delRequest, primitive LDAPDN
        '7569643d726f626572742c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267',
    ),
  },
  {
    // slapd.pcap frame 119 (messageID 8 here)
    name: 'del-response',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020108' + '6b07' + '0a0100' + '0400' + '0400'), // delResponse success
  },
  {
    // slapd.pcap frame 131 (messageID 9 here)
    name: 'whoami-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '301e' + // LDAPMessage
        '020109' + // messageID 9
        '7719' + // [APPLICATION 23] extendedReq
        '8017312e332e362e312e342e312e343230332e312e31312e33', // [0] requestName "Who am I"
    ),
  },
  {
    // slapd.pcap frame 132 (messageID 9 here)
    name: 'whoami-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '302b' + // LDAPMessage
        '020109' + // messageID 9
        '7826' + // [APPLICATION 24] extendedResp
        '0a0100' + // resultCode success
        '0400' + // matchedDN
        '0400' + // diagnosticMessage
        '8b1d646e3a636e3d61646d696e2c64633d6578616d706c652c64633d6f7267', // [11] "dn:cn=admin,..."
    ),
  },
  {
    // slapd.pcap frame 179 (messageID 10 here)
    name: 'sasl-digest-md5-bind',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3018' + // LDAPMessage
        '02010a' + // messageID 10
        '6013' + // bindRequest
        '020103' + // version 3
        '0400' + // name ""
        'a30c' + // [3] sasl
        '040a4449474553542d4d4435', // mechanism "DIGEST-MD5", no credentials
    ),
  },
  {
    // slapd.pcap frame 184 (messageID 10 here)
    name: 'bind-response-invalid-credentials',
    dir: S,
    role: 'normal',
    bytes: hex(
      '303c' + // LDAPMessage
        '02010a' + // messageID 10
        '6137' + // bindResponse
        '0a0131' + // resultCode invalidCredentials (49)
        '0400' + // matchedDN
        '04305341534c282d3133293a2075736572206e6f7420666f756e643a206e6f2073656372657420696e206461746162617365',
    ),
  },
  {
    // GSS-SPNEGO bind with a raw NTLMSSP NEGOTIATE (DCShadow frame 47's NTLMSSP message)
    name: 'gss-spnego-ntlmssp-bind',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3042' + // LDAPMessage
        '02010b' + // messageID 11
        '603d' + // bindRequest
        '020103' + // version 3
        '0400' + // name ""
        'a336' + // [3] sasl
        '040a4753532d53504e45474f' + // mechanism "GSS-SPNEGO"
        '0428' + // credentials, 40 bytes:
        '4e544c4d53535000' + // "NTLMSSP\0"
        '01000000' + // NEGOTIATE
        '978208e2' + // flags
        '0000000000000000' + // domain (none)
        '0000000000000000' + // workstation (none)
        '0a0039380000000f', // version 10.0.14393
    ),
  },
  {
    // slapd.pcap frame 14 (messageID 12 here)
    name: 'unbind-request',
    dir: C,
    role: 'normal',
    bytes: hex('3005' + '02010c' + '4200'), // [APPLICATION 2] unbindRequest, NULL
  },
  {
    // Written from [RFC4511] 4.11: abandon messageID 3
    name: 'abandon-request',
    dir: C,
    role: 'normal',
    bytes: hex('3006' + '02010d' + '500103'), // [APPLICATION 16] abandonRequest, MessageID 3
  },
  {
    // DCShadow frame 22: a signed ModifyRequest adding a Global Catalog SPN (DCShadow)
    name: 'dcshadow-signed-modify',
    dir: C,
    role: 'normal',
    bytes: hex(
      '000000d2' + // SASL buffer length 210
        '0504' + // CFX Wrap token ([RFC4121] 4.2.6.2)
        '04' + // flags: AcceptorSubkey (not Sealed)
        'ff' + // filler
        '000c' + // EC 12 (checksum length)
        '000c' + // RRC 12: the checksum is rotated to the front
        '00000000636352d5' + // SND_SEQ
        '7658d4a2607ede9742b05415' + // checksum (12 bytes)
        '3084000000b0' + // LDAPMessage
        '02012d' + // messageID 45
        '6684000000a7' + // modifyRequest
        '0443434e3d3032363934572d57494e31302c4f553d4c6561646572736869702c4f553d4f7267616e697a6174696f6e2c44433d746872656562656573636f2c44433d636f6d' +
        '30840000005c' + // changes
        '3084000000560a0100' + // add (0)
        '30840000004d0414736572766963655072696e636970616c4e616d65' + // servicePrincipalName
        '318400000031042f47432f3032363934772d77696e31302e746872656562656573636f2e636f6d2f746872656562656573636f2e636f6d',
    ),
  },
  {
    // DCShadow frame 23: its signed ModifyResponse
    name: 'dcshadow-signed-modify-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '00000032' + // SASL buffer length 50
        '050405ff' + // CFX Wrap, flags SentByAcceptor | AcceptorSubkey
        '000c000c' + // EC 12, RRC 12
        '000000006213ef58' + // SND_SEQ
        '924594ddf668d0039dae2c92' + // checksum
        '308400000010' + // LDAPMessage
        '02012d' + // messageID 45
        '678400000007' + // modifyResponse
        '0a0100' + // success
        '0400' +
        '0400',
    ),
  },
  {
    // DCShadow frame 11: a searchResRef and a searchResDone in one signed buffer
    name: 'dcshadow-signed-search-reference',
    dir: S,
    role: 'normal',
    bytes: hex(
      '00000090' + // SASL buffer length 144
        '050405ff000c000c000000006213ef52' + // CFX Wrap header
        'f3a8a192fafa530ca44d67a0' + // checksum
        '308400000055' + // LDAPMessage
        '020406000028' + // messageID 0x06000028 (Windows referral-chasing numbering)
        '738400000049' + // [APPLICATION 19] searchResRef
        '04476c6461703a2f2f746872656562656573636f2e636f6d2f434e3d536368656d612c434e3d436f6e66696775726174696f6e2c44433d746872656562656573636f2c44433d636f6d' +
        '308400000013' + // LDAPMessage
        '020406000028' + // messageID 0x06000028
        '6584000000070a010004000400', // searchResDone success
    ),
  },
  {
    // Sealed CFX buffer: the DCShadow frame 23 header with the Sealed flag, ciphertext after
    name: 'sealed-sasl-buffer',
    dir: S,
    role: 'normal',
    bytes: hex(
      '00000020' + // SASL buffer length 32
        '050407ff' + // CFX Wrap, flags SentByAcceptor | Sealed | AcceptorSubkey
        '001c001c' + // EC 28, RRC 28
        '000000006213ef59' + // SND_SEQ
        '9c0e6d1f3a5b7c2e4f60718293a4b5c6', // ciphertext
    ),
  },
  {
    // CLDAP "LDAP ping" ([MS-ADTS] 6.3.3.2) as Windows clients send it to UDP 389, written from
    // the specification (test/golden/ldap/cldap carries it in datagrams)
    name: 'cldap-ping-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '305b' + // LDAPMessage
        '020101' + // messageID 1
        '6356' + // searchRequest
        '0400' + // baseObject "" (root DSE)
        '0a0100' + // baseObject scope
        '0a0100' + // neverDerefAliases
        '020100' + // sizeLimit 0
        '020100' + // timeLimit 0
        '010100' + // typesOnly FALSE
        'a037' + // and
        'a3180409446e73446f6d61696e040b6578616d706c652e6f7267' + // (DnsDomain=example.org)
        'a30c0404486f7374040457533031' + // (Host=WS01)
        'a30d04054e74566572040406000000' + // (NtVer=\06\00\00\00): NETLOGON_NT_VERSION_5 and _5EX
        '300a04086e65746c6f676f6e', // attributes: "netlogon"
    ),
  },
  {
    // Its answer: the Netlogon attribute holds a NETLOGON_SAM_LOGON_RESPONSE_EX ([MS-ADTS] 6.3.1.9)
    name: 'cldap-ping-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3078' + // LDAPMessage
        '020101' + // messageID 1
        '6473' + // searchResEntry
        '0400' + // objectName ""
        '306f306d04086e65746c6f676f6e3161045f' + // attribute "netlogon", one 95-byte value:
        '1700' + // opcode LOGON_SAM_LOGON_RESPONSE_EX (23)
        '0000' + // Sbz
        'fdf30300' + // DS flags
        '5f2ec1d1a3e24a4bb8c9d0e1f2a3b4c5' + // domain GUID
        '076578616d706c65036f726700' + // DnsForestName "example.org"
        'c018' + // DnsDomainName: pointer to the forest name
        '03646331c018' + // DnsHostName "dc1.example.org"
        '074558414d504c4500' + // NetbiosDomainName "EXAMPLE"
        '0344433100' + // NetbiosComputerName "DC1"
        '00' + // UserName ""
        '1744656661756c742d46697273742d536974652d4e616d6500' + // DcSiteName
        'c03c' + // ClientSiteName: pointer to DcSiteName
        '05000000' + // NtVersion
        'ffff' + // LmNtToken
        'ffff' + // Lm20Token
        '300c02010165070a010004000400', // searchResDone success, same datagram
    ),
  },
  {
    name: 'unknown-operation',
    dir: C,
    role: 'malformed',
    bytes: hex('3007' + '020120' + '71020400'), // [APPLICATION 17] is not an RFC 4511 operation
  },
  {
    name: 'request-with-message-id-zero',
    dir: C,
    role: 'malformed',
    bytes: hex('3006' + '020100' + '500101'), // abandonRequest with messageID 0
  },
  {
    name: 'bind-name-past-its-container',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '300c' + // LDAPMessage
        '020121' + // messageID 33
        '6007' + // bindRequest
        '020103' + // version 3
        '0410' + // name claims 16 bytes, 2 are there
        '6162',
    ),
  },
  {
    name: 'filter-too-deep',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '3042' + // LDAPMessage
        '020122' + // messageID 34
        '633d' + // searchRequest
        '0400' + // baseObject ""
        '0a0102' + // wholeSubtree
        '0a0100' + // never deref
        '020100' + // sizeLimit
        '020100' + // timeLimit
        '010100' + // typesOnly
        'a228a226a224a222a220a21ea21ca21aa218a216a214a212a210a20ea20ca20aa208a206a204a202' + // 20 x not
        '8700' + // present [7] ""
        '3000', // no attributes
    ),
  },
  {
    name: 'unknown-sasl-token',
    dir: C,
    role: 'malformed',
    bytes: hex('00000010' + '07070707070707070707070707070707'), // a buffer opening with 07 07
  },
  {
    // slapd.pcap frame 233
    name: 'starttls-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '301d' + // LDAPMessage
        '020101' + // messageID 1
        '7718' + // extendedReq
        '8016312e332e362e312e342e312e313436362e3230303337', // [0] "1.3.6.1.4.1.1466.20037" StartTLS
    ),
  },
  {
    // slapd.pcap frame 235: after it the connection is TLS
    name: 'starttls-response',
    dir: S,
    role: 'normal',
    bytes: hex('300c' + '020101' + '7807' + '0a0100' + '0400' + '0400'), // extendedResp success
  },
];

/**
 * DCShadow frame 1: the bindResponse closing a Kerberos GSS-SPNEGO bind. Kept out of the
 * fixture list: its `30 84 00 00 00 cd 02 01` opening reads as a Modbus/TCP header (protocol id
 * 0, length 205, function 1) to the Modbus probe, as any Windows LDAP message under 254 bytes
 * with a one-octet messageID does; on its own port LDAP is probed first.
 */
export const DCSHADOW_BIND_RESPONSE: Uint8Array = hex(
  '3084000000cd' + // LDAPMessage, 4-octet length (Windows always uses it)
    '020126' + // messageID 38
    '6184000000c4' + // bindResponse
    '0a0100' + // resultCode success
    '0400' + // matchedDN
    '0400' + // diagnosticMessage
    '878200b9' + // [7] serverSaslCreds, 185 bytes: SPNEGO negTokenResp, accept-completed
    'a181b63081b3a0030a0100a10b06092a864882f712010202a2819e04819b60819806092a864886f7' +
    '1201020202006f8188308185a003020105a10302010fa2793077a003020112a270046e5b1a1b28be' +
    'c161ea9bbc57fcabb3e7728dbda42880ca2b81de003e9543835680268fcbe88bf05a4e38195610d4' +
    'bd490ddf7e7aac6557af4805278af4eb74d1bf653bf61480b77f87ac7519ef244695d5f5bba074ad' +
    '5d9399810a98d9549ecabfc6a213606432be9afa6eb2e53140',
);
