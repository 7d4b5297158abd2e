/**
 * SNMP byte fixtures for the unit tests and the decoder conformance suite.
 *
 * UDP payloads of real traffic (fields checked against tshark 4.0.17): frames 32-33 of the
 * shared iec61850/Sample_File_MMS_and_GOOSE.pcap (ITI/ICS-Security-Tools, CC-BY-4.0), and frames
 * of test/golden/snmp/normal/input.pcap, Net-SNMP 5.9.3 clients against snmpd and snmptrapd on
 * 127.0.0.1 (how it was made: that folder's README). Then messages built by hand after
 * [RFC1157], [RFC3416] and [RFC3412] for what real tools do not send: a GetBulk amplification
 * request, a message with trailing octets, a v3 header with invalid flags and msgMaxSize, a
 * response of 130 variable bindings, and broken encodings.
 *
 * In array order: requests before their responses, then notifications, then the crafted
 * messages. Over UDP a datagram is one message; over TCP ([RFC3430]) the same messages follow one
 * another, framed by their SEQUENCE length. The conformance suite streams the fixtures (the
 * decoder's transport is `tcp`), so the two that break stream framing (trailing octets, an
 * indefinite length) come last.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** A VarBind { 1.3.6, NULL }: 8 octets. */
const SMALL_VARBIND = '3006' + '06022b06' + '0500';

export const fixtures: readonly DecoderFixture[] = [
  {
    // Sample_File_MMS_and_GOOSE.pcap frame 32: a station polls ifOperStatus of 8 ports (v2c)
    name: 'v2c-get-ifoperstatus',
    dir: C,
    role: 'normal',
    bytes: hex(
      '30819c' + // Message SEQUENCE, 156 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a0818e' + // GetRequest PDU [0], 142 octets
        '020320ce62' + // request-id: INTEGER 2149986
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '308180' + // VarBindList, 128 octets
        '300e' + // VarBind 1
        '060a2b060102010202010801' + //   name: OID 1.3.6.1.2.1.2.2.1.8.1
        '0500' + //   value: NULL
        '300e' + // VarBind 2
        '060a2b060102010202010802' + //   name: OID 1.3.6.1.2.1.2.2.1.8.2
        '0500' + //   value: NULL
        '300e' + // VarBind 3
        '060a2b060102010202010803' + //   name: OID 1.3.6.1.2.1.2.2.1.8.3
        '0500' + //   value: NULL
        '300e' + // VarBind 4
        '060a2b060102010202010804' + //   name: OID 1.3.6.1.2.1.2.2.1.8.4
        '0500' + //   value: NULL
        '300e' + // VarBind 5
        '060a2b060102010202010805' + //   name: OID 1.3.6.1.2.1.2.2.1.8.5
        '0500' + //   value: NULL
        '300e' + // VarBind 6
        '060a2b060102010202010806' + //   name: OID 1.3.6.1.2.1.2.2.1.8.6
        '0500' + //   value: NULL
        '300e' + // VarBind 7
        '060a2b060102010202010807' + //   name: OID 1.3.6.1.2.1.2.2.1.8.7
        '0500' + //   value: NULL
        '300e' + // VarBind 8
        '060a2b060102010202010808' + //   name: OID 1.3.6.1.2.1.2.2.1.8.8
        '0500', //   value: NULL
    ),
  },
  {
    // Sample_File_MMS_and_GOOSE.pcap frame 33
    name: 'v2c-get-ifoperstatus-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3081a4' + // Message SEQUENCE, 164 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a28196' + // Response PDU [2], 150 octets
        '020320ce62' + // request-id: INTEGER 2149986
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '308188' + // VarBindList, 136 octets
        '300f' + // VarBind 1
        '060a2b060102010202010801' + //   name: OID 1.3.6.1.2.1.2.2.1.8.1
        '020101' + //   value: INTEGER 1
        '300f' + // VarBind 2
        '060a2b060102010202010802' + //   name: OID 1.3.6.1.2.1.2.2.1.8.2
        '020102' + //   value: INTEGER 2
        '300f' + // VarBind 3
        '060a2b060102010202010803' + //   name: OID 1.3.6.1.2.1.2.2.1.8.3
        '020101' + //   value: INTEGER 1
        '300f' + // VarBind 4
        '060a2b060102010202010804' + //   name: OID 1.3.6.1.2.1.2.2.1.8.4
        '020101' + //   value: INTEGER 1
        '300f' + // VarBind 5
        '060a2b060102010202010805' + //   name: OID 1.3.6.1.2.1.2.2.1.8.5
        '020101' + //   value: INTEGER 1
        '300f' + // VarBind 6
        '060a2b060102010202010806' + //   name: OID 1.3.6.1.2.1.2.2.1.8.6
        '020102' + //   value: INTEGER 2
        '300f' + // VarBind 7
        '060a2b060102010202010807' + //   name: OID 1.3.6.1.2.1.2.2.1.8.7
        '020102' + //   value: INTEGER 2
        '300f' + // VarBind 8
        '060a2b060102010202010808' + //   name: OID 1.3.6.1.2.1.2.2.1.8.8
        '020102', //   value: INTEGER 2
    ),
  },
  {
    // normal.pcap frame 1: snmpget -v1 -c public sysDescr.0 sysObjectID.0 sysUpTime.0 sysName.0
    name: 'v1-get-system',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3053' + // Message SEQUENCE, 83 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a046' + // GetRequest PDU [0], 70 octets
        '02040d87b97b' + // request-id: INTEGER 226998651
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3038' + // VarBindList, 56 octets
        '300c' + // VarBind 1
        '06082b06010201010100' + //   name: OID 1.3.6.1.2.1.1.1.0
        '0500' + //   value: NULL
        '300c' + // VarBind 2
        '06082b06010201010200' + //   name: OID 1.3.6.1.2.1.1.2.0
        '0500' + //   value: NULL
        '300c' + // VarBind 3
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '0500' + //   value: NULL
        '300c' + // VarBind 4
        '06082b06010201010500' + //   name: OID 1.3.6.1.2.1.1.5.0
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 2
    name: 'v1-get-system-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3081a3' + // Message SEQUENCE, 163 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a28195' + // Response PDU [2], 149 octets
        '02040d87b97b' + // request-id: INTEGER 226998651
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '308186' + // VarBindList, 134 octets
        '3045' + // VarBind 1
        '06082b06010201010100' + //   name: OID 1.3.6.1.2.1.1.1.0
        '0439' + //   value: OCTET STRING, 57 octets
        '4c696e757820766d20362e31382e34342d66632d7636363920233120534d5020' + //     value (cont.) 'Linux vm 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 x86_64'
        '505245454d50545f44594e414d4943204030207838365f3634' + //     value (cont.)
        '3016' + // VarBind 2
        '06082b06010201010200' + //   name: OID 1.3.6.1.2.1.1.2.0
        '060a2b06010401bf0803020a' + //   value: OID 1.3.6.1.4.1.8072.3.2.10
        '300e' + // VarBind 3
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '430200fb' + //   value: TimeTicks 251
        '3015' + // VarBind 4
        '06082b06010201010500' + //   name: OID 1.3.6.1.2.1.1.5.0
        '04097274752d67772d3037', //   value: OCTET STRING 'rtu-gw-07'
    ),
  },
  {
    // normal.pcap frame 81: snmpget -v1 of an absent variable
    name: 'v1-get-no-such-name',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3029' + // Message SEQUENCE, 41 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a01c' + // GetRequest PDU [0], 28 octets
        '0204794296c9' + // request-id: INTEGER 2034407113
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '300e' + // VarBindList, 14 octets
        '300c' + // VarBind 1
        '06082b06010201016300' + //   name: OID 1.3.6.1.2.1.1.99.0
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 82: error-status noSuchName, error-index 1
    name: 'v1-get-no-such-name-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3029' + // Message SEQUENCE, 41 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a21c' + // Response PDU [2], 28 octets
        '0204794296c9' + // request-id: INTEGER 2034407113
        '020102' + // error-status: INTEGER 2
        '020101' + // error-index: INTEGER 1
        '300e' + // VarBindList, 14 octets
        '300c' + // VarBind 1
        '06082b06010201016300' + //   name: OID 1.3.6.1.2.1.1.99.0
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 85: snmpbulkget -v2c -Cn1 -Cr3 sysUpTime.0 ifDescr ifInOctets
    name: 'v2c-get-bulk',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3049' + // Message SEQUENCE, 73 octets
        '020101' + // version: INTEGER 1 (v2c)
        '0408733363723374524f' + // community: OCTET STRING 's3cr3tRO'
        'a53a' + // GetBulkRequest PDU [5], 58 octets
        '0204490483ae' + // request-id: INTEGER 1225032622
        '020101' + // non-repeaters: INTEGER 1
        '020103' + // max-repetitions: INTEGER 3
        '302c' + // VarBindList, 44 octets
        '300c' + // VarBind 1
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '0500' + //   value: NULL
        '300d' + // VarBind 2
        '06092b0601020102020102' + //   name: OID 1.3.6.1.2.1.2.2.1.2
        '0500' + //   value: NULL
        '300d' + // VarBind 3
        '06092b060102010202010a' + //   name: OID 1.3.6.1.2.1.2.2.1.10
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 86
    name: 'v2c-get-bulk-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3081a0' + // Message SEQUENCE, 160 octets
        '020101' + // version: INTEGER 1 (v2c)
        '0408733363723374524f' + // community: OCTET STRING 's3cr3tRO'
        'a28190' + // Response PDU [2], 144 octets
        '0204490483ae' + // request-id: INTEGER 1225032622
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '308181' + // VarBindList, 129 octets
        '3010' + // VarBind 1
        '06082b06010201010400' + //   name: OID 1.3.6.1.2.1.1.4.0
        '0404726f6f74' + //   value: OCTET STRING 'root'
        '3010' + // VarBind 2
        '060a2b060102010202010201' + //   name: OID 1.3.6.1.2.1.2.2.1.2.1
        '04026c6f' + //   value: OCTET STRING 'lo'
        '3011' + // VarBind 3
        '060a2b060102010202010a01' + //   name: OID 1.3.6.1.2.1.2.2.1.10.1
        '410302388a' + //   value: Counter32 145546
        '3012' + // VarBind 4
        '060a2b060102010202010202' + //   name: OID 1.3.6.1.2.1.2.2.1.2.2
        '040469666230' + //   value: OCTET STRING 'ifb0'
        '300f' + // VarBind 5
        '060a2b060102010202010a02' + //   name: OID 1.3.6.1.2.1.2.2.1.10.2
        '410100' + //   value: Counter32 0
        '3012' + // VarBind 6
        '060a2b060102010202010203' + //   name: OID 1.3.6.1.2.1.2.2.1.2.3
        '040469666231' + //   value: OCTET STRING 'ifb1'
        '300f' + // VarBind 7
        '060a2b060102010202010a03' + //   name: OID 1.3.6.1.2.1.2.2.1.10.3
        '410100', //   value: Counter32 0
    ),
  },
  {
    // normal.pcap frame 87: snmpget -v2c of absent variables, ifHCInOctets.1 and ipAdEntAddr
    name: 'v2c-get-exceptions',
    dir: C,
    role: 'normal',
    bytes: hex(
      '305b' + // Message SEQUENCE, 91 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a04e' + // GetRequest PDU [0], 78 octets
        '02045c4a246b' + // request-id: INTEGER 1548362859
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3040' + // VarBindList, 64 octets
        '300c' + // VarBind 1
        '06082b06010201016300' + //   name: OID 1.3.6.1.2.1.1.99.0
        '0500' + //   value: NULL
        '300c' + // VarBind 2
        '06082b06010201010163' + //   name: OID 1.3.6.1.2.1.1.1.99
        '0500' + //   value: NULL
        '300f' + // VarBind 3
        '060b2b060102011f0101010601' + //   name: OID 1.3.6.1.2.1.31.1.1.1.6.1
        '0500' + //   value: NULL
        '3011' + // VarBind 4
        '060d2b06010201041401017f000001' + //   name: OID 1.3.6.1.2.1.4.20.1.1.127.0.0.1
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 88: noSuchObject, noSuchInstance, Counter64, IpAddress
    name: 'v2c-get-exceptions-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3062' + // Message SEQUENCE, 98 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a255' + // Response PDU [2], 85 octets
        '02045c4a246b' + // request-id: INTEGER 1548362859
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3047' + // VarBindList, 71 octets
        '300c' + // VarBind 1
        '06082b06010201016300' + //   name: OID 1.3.6.1.2.1.1.99.0
        '8000' + //   value: noSuchObject
        '300c' + // VarBind 2
        '06082b06010201010163' + //   name: OID 1.3.6.1.2.1.1.1.99
        '8100' + //   value: noSuchInstance
        '3012' + // VarBind 3
        '060b2b060102011f0101010601' + //   name: OID 1.3.6.1.2.1.31.1.1.1.6.1
        '460302388a' + //   value: Counter64 145546
        '3015' + // VarBind 4
        '060d2b06010201041401017f000001' + //   name: OID 1.3.6.1.2.1.4.20.1.1.127.0.0.1
        '40047f000001', //   value: IpAddress 127.0.0.1
    ),
  },
  {
    // normal.pcap frame 89: snmpgetnext -v2c past the last variable
    name: 'v2c-get-next-end',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3027' + // Message SEQUENCE, 39 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a11a' + // GetNextRequest PDU [1], 26 octets
        '02046cc30ad1' + // request-id: INTEGER 1824721617
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '300c' + // VarBindList, 12 octets
        '300a' + // VarBind 1
        '06062b0601060363' + //   name: OID 1.3.6.1.6.3.99
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 90: endOfMibView
    name: 'v2c-get-next-end-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3027' + // Message SEQUENCE, 39 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a21a' + // Response PDU [2], 26 octets
        '02046cc30ad1' + // request-id: INTEGER 1824721617
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '300c' + // VarBindList, 12 octets
        '300a' + // VarBind 1
        '06062b0601060363' + //   name: OID 1.3.6.1.6.3.99
        '8200', //   value: endOfMibView
    ),
  },
  {
    // normal.pcap frame 91: UCD-SNMP-MIB laLoadFloat.1 and laLoadInt.1
    name: 'v2c-get-opaque',
    dir: C,
    role: 'normal',
    bytes: hex(
      '303d' + // Message SEQUENCE, 61 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a030' + // GetRequest PDU [0], 48 octets
        '020437ff6925' + // request-id: INTEGER 939485477
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3022' + // VarBindList, 34 octets
        '300f' + // VarBind 1
        '060b2b060104018f650a010601' + //   name: OID 1.3.6.1.4.1.2021.10.1.6.1
        '0500' + //   value: NULL
        '300f' + // VarBind 2
        '060b2b060104018f650a010501' + //   name: OID 1.3.6.1.4.1.2021.10.1.5.1
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 92: an Opaque-wrapped float
    name: 'v2c-get-opaque-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3045' + // Message SEQUENCE, 69 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a238' + // Response PDU [2], 56 octets
        '020437ff6925' + // request-id: INTEGER 939485477
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '302a' + // VarBindList, 42 octets
        '3016' + // VarBind 1
        '060b2b060104018f650a010601' + //   name: OID 1.3.6.1.4.1.2021.10.1.6.1
        '44079f78043f4b2000' + //   value: Opaque: Net-SNMP float (9f78, 4 octets, 0x3f4b2000 = 0.7935)
        '3010' + // VarBind 2
        '060b2b060104018f650a010501' + //   name: OID 1.3.6.1.4.1.2021.10.1.5.1
        '02014f', //   value: INTEGER 79
    ),
  },
  {
    // normal.pcap frame 93: snmpset -v2c -c private sysContact.0
    name: 'v2c-set-private',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3039' + // Message SEQUENCE, 57 octets
        '020101' + // version: INTEGER 1 (v2c)
        '040770726976617465' + // community: OCTET STRING 'private'
        'a32b' + // SetRequest PDU [3], 43 octets
        '020476532414' + // request-id: INTEGER 1985160212
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '301d' + // VarBindList, 29 octets
        '301b' + // VarBind 1
        '06082b06010201010400' + //   name: OID 1.3.6.1.2.1.1.4.0
        '040f6f7073406578616d706c652e6e6574', //   value: OCTET STRING 'ops@example.net'
    ),
  },
  {
    // normal.pcap frame 94
    name: 'v2c-set-private-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3039' + // Message SEQUENCE, 57 octets
        '020101' + // version: INTEGER 1 (v2c)
        '040770726976617465' + // community: OCTET STRING 'private'
        'a22b' + // Response PDU [2], 43 octets
        '020476532414' + // request-id: INTEGER 1985160212
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '301d' + // VarBindList, 29 octets
        '301b' + // VarBind 1
        '06082b06010201010400' + //   name: OID 1.3.6.1.2.1.1.4.0
        '040f6f7073406578616d706c652e6e6574', //   value: OCTET STRING 'ops@example.net'
    ),
  },
  {
    // normal.pcap frame 95: snmpset of sysDescr.0 with a site community
    name: 'v2c-set-not-writable',
    dir: C,
    role: 'normal',
    bytes: hex(
      '302f' + // Message SEQUENCE, 47 octets
        '020101' + // version: INTEGER 1 (v2c)
        '040b706c616e74525732303234' + // community: OCTET STRING 'plantRW2024'
        'a31d' + // SetRequest PDU [3], 29 octets
        '02046bcb7280' + // request-id: INTEGER 1808495232
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '300f' + // VarBindList, 15 octets
        '300d' + // VarBind 1
        '06082b06010201010100' + //   name: OID 1.3.6.1.2.1.1.1.0
        '040178', //   value: OCTET STRING 'x'
    ),
  },
  {
    // normal.pcap frame 96: error-status notWritable
    name: 'v2c-set-not-writable-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '302f' + // Message SEQUENCE, 47 octets
        '020101' + // version: INTEGER 1 (v2c)
        '040b706c616e74525732303234' + // community: OCTET STRING 'plantRW2024'
        'a21d' + // Response PDU [2], 29 octets
        '02046bcb7280' + // request-id: INTEGER 1808495232
        '020111' + // error-status: INTEGER 17
        '020101' + // error-index: INTEGER 1
        '300f' + // VarBindList, 15 octets
        '300d' + // VarBind 1
        '06082b06010201010100' + //   name: OID 1.3.6.1.2.1.1.1.0
        '040178', //   value: OCTET STRING 'x'
    ),
  },
  {
    // normal.pcap frame 98: SNMPv3 engine discovery (noAuthNoPriv, empty user)
    name: 'v3-discovery',
    dir: C,
    role: 'normal',
    bytes: hex(
      '303e' + // Message SEQUENCE, 62 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02046b089efa' + // msgID: INTEGER 1795727098
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040104' + // msgFlags: OCTET STRING 0x04
        '020103' + // msgSecurityModel: INTEGER 3
        '0410' + // msgSecurityParameters OCTET STRING, 16 octets
        '300e' + // UsmSecurityParameters, 14 octets
        '0400' + // msgAuthoritativeEngineID: OCTET STRING ''
        '020100' + // msgAuthoritativeEngineBoots: INTEGER 0
        '020100' + // msgAuthoritativeEngineTime: INTEGER 0
        '0400' + // msgUserName: OCTET STRING ''
        '0400' + // msgAuthenticationParameters: OCTET STRING ''
        '0400' + // msgPrivacyParameters: OCTET STRING ''
        '3014' + // ScopedPDU, 20 octets
        '0400' + // contextEngineID: OCTET STRING ''
        '0400' + // contextName: OCTET STRING ''
        'a00e' + // GetRequest PDU [0], 14 octets
        '020448d3cad9' + // request-id: INTEGER 1221839577
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3000', // VarBindList, 0 octets
    ),
  },
  {
    // normal.pcap frame 99: Report usmStatsUnknownEngineIDs
    name: 'v3-discovery-report',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3071' + // Message SEQUENCE, 113 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02046b089efa' + // msgID: INTEGER 1795727098
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040100' + // msgFlags: OCTET STRING 0x00
        '020103' + // msgSecurityModel: INTEGER 3
        '0421' + // msgSecurityParameters OCTET STRING, 33 octets
        '301f' + // UsmSecurityParameters, 31 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '0400' + // msgUserName: OCTET STRING ''
        '0400' + // msgAuthenticationParameters: OCTET STRING ''
        '0400' + // msgPrivacyParameters: OCTET STRING ''
        '3036' + // ScopedPDU, 54 octets
        '041180001f888079d6d971d4c6076b00000000' + // contextEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '0400' + // contextName: OCTET STRING ''
        'a81f' + // Report PDU [8], 31 octets
        '020448d3cad9' + // request-id: INTEGER 1221839577
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3011' + // VarBindList, 17 octets
        '300f' + // VarBind 1
        '060a2b060106030f01010400' + //   name: OID 1.3.6.1.6.3.15.1.1.4.0
        '410101', //   value: Counter32 1
    ),
  },
  {
    // normal.pcap frame 100: snmpget -v3 -l authNoPriv -u authOnlyUser (HMAC-SHA-96)
    name: 'v3-auth-get',
    dir: C,
    role: 'normal',
    bytes: hex(
      '308194' + // Message SEQUENCE, 148 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02046b089ef9' + // msgID: INTEGER 1795727097
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040105' + // msgFlags: OCTET STRING 0x05
        '020103' + // msgSecurityModel: INTEGER 3
        '0439' + // msgSecurityParameters OCTET STRING, 57 octets
        '3037' + // UsmSecurityParameters, 55 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '040c617574684f6e6c7955736572' + // msgUserName: OCTET STRING 'authOnlyUser'
        '040c981ab789219e976518e03ab2' + // msgAuthenticationParameters: OCTET STRING 0x981ab789219e976518e03ab2
        '0400' + // msgPrivacyParameters: OCTET STRING ''
        '3041' + // ScopedPDU, 65 octets
        '041180001f888079d6d971d4c6076b00000000' + // contextEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '0400' + // contextName: OCTET STRING ''
        'a02a' + // GetRequest PDU [0], 42 octets
        '020448d3cad8' + // request-id: INTEGER 1221839576
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '301c' + // VarBindList, 28 octets
        '300c' + // VarBind 1
        '06082b06010201010500' + //   name: OID 1.3.6.1.2.1.1.5.0
        '0500' + //   value: NULL
        '300c' + // VarBind 2
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 101
    name: 'v3-auth-get-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '30819f' + // Message SEQUENCE, 159 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02046b089ef9' + // msgID: INTEGER 1795727097
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040101' + // msgFlags: OCTET STRING 0x01
        '020103' + // msgSecurityModel: INTEGER 3
        '0439' + // msgSecurityParameters OCTET STRING, 57 octets
        '3037' + // UsmSecurityParameters, 55 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '040c617574684f6e6c7955736572' + // msgUserName: OCTET STRING 'authOnlyUser'
        '040c69dc309bb684c1aecf6349a4' + // msgAuthenticationParameters: OCTET STRING 0x69dc309bb684c1aecf6349a4
        '0400' + // msgPrivacyParameters: OCTET STRING ''
        '304c' + // ScopedPDU, 76 octets
        '041180001f888079d6d971d4c6076b00000000' + // contextEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '0400' + // contextName: OCTET STRING ''
        'a235' + // Response PDU [2], 53 octets
        '020448d3cad8' + // request-id: INTEGER 1221839576
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3027' + // VarBindList, 39 octets
        '3015' + // VarBind 1
        '06082b06010201010500' + //   name: OID 1.3.6.1.2.1.1.5.0
        '04097274752d67772d3037' + //   value: OCTET STRING 'rtu-gw-07'
        '300e' + // VarBind 2
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '4302016a', //   value: TimeTicks 362
    ),
  },
  {
    // normal.pcap frame 104: snmpget -v3 -l authPriv -u privUser (SHA, AES): encrypted scoped PDU
    name: 'v3-priv-get',
    dir: C,
    role: 'normal',
    bytes: hex(
      '30818c' + // Message SEQUENCE, 140 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02042d0d8d3c' + // msgID: INTEGER 755862844
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040107' + // msgFlags: OCTET STRING 0x07
        '020103' + // msgSecurityModel: INTEGER 3
        '043d' + // msgSecurityParameters OCTET STRING, 61 octets
        '303b' + // UsmSecurityParameters, 59 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '04087072697655736572' + // msgUserName: OCTET STRING 'privUser'
        '040c59ec343976fbcb130eba9e21' + // msgAuthenticationParameters: OCTET STRING 0x59ec343976fbcb130eba9e21
        '0408c3384f09da38ceaa' + // msgPrivacyParameters: OCTET STRING 0xc3384f09da38ceaa
        '0435' + // encryptedPDU: OCTET STRING, 53 octets
        '54e8d045a74e2f09f3171af423b2fe45b4d0f8ea92ea465ac287f43e7011f2ad' + //   encryptedPDU (cont.) (ciphertext)
        '416ef880ad2561f23b134addf114a7559d2677b787', //   encryptedPDU (cont.)
    ),
  },
  {
    // normal.pcap frame 105
    name: 'v3-priv-get-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3081c5' + // Message SEQUENCE, 197 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02042d0d8d3c' + // msgID: INTEGER 755862844
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040103' + // msgFlags: OCTET STRING 0x03
        '020103' + // msgSecurityModel: INTEGER 3
        '043d' + // msgSecurityParameters OCTET STRING, 61 octets
        '303b' + // UsmSecurityParameters, 59 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '04087072697655736572' + // msgUserName: OCTET STRING 'privUser'
        '040c047d852510d997e4e86c841f' + // msgAuthenticationParameters: OCTET STRING 0x047d852510d997e4e86c841f
        '04081b5d09a3133401f2' + // msgPrivacyParameters: OCTET STRING 0x1b5d09a3133401f2
        '046e' + // encryptedPDU: OCTET STRING, 110 octets
        '731a018c946309e403eacea00c3aae68b2d485c1ea5387f48dbd012efc616a31' + //   encryptedPDU (cont.) (ciphertext)
        'ff7599eb9bba17530b75746f0862788c17e2ad1be53e7dffb2df017ca8fc488f' + //   encryptedPDU (cont.)
        '8f49e53896e908958aba29f9444ad4d983441f24e40a19079ced4ebd97b2d460' + //   encryptedPDU (cont.)
        '72aa1d3c1d9db364993297a9b32d', //   encryptedPDU (cont.)
    ),
  },
  {
    // normal.pcap frame 112: snmpget -v3 -l noAuthNoPriv -u nobody
    name: 'v3-unknown-user',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3074' + // Message SEQUENCE, 116 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02042abf7fab' + // msgID: INTEGER 717193131
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040104' + // msgFlags: OCTET STRING 0x04
        '020103' + // msgSecurityModel: INTEGER 3
        '0427' + // msgSecurityParameters OCTET STRING, 39 octets
        '3025' + // UsmSecurityParameters, 37 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '04066e6f626f6479' + // msgUserName: OCTET STRING 'nobody'
        '0400' + // msgAuthenticationParameters: OCTET STRING ''
        '0400' + // msgPrivacyParameters: OCTET STRING ''
        '3033' + // ScopedPDU, 51 octets
        '041180001f888079d6d971d4c6076b00000000' + // contextEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '0400' + // contextName: OCTET STRING ''
        'a01c' + // GetRequest PDU [0], 28 octets
        '020422fbc00c' + // request-id: INTEGER 586924044
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '300e' + // VarBindList, 14 octets
        '300c' + // VarBind 1
        '06082b06010201010500' + //   name: OID 1.3.6.1.2.1.1.5.0
        '0500', //   value: NULL
    ),
  },
  {
    // normal.pcap frame 113: Report usmStatsUnknownUserNames
    name: 'v3-unknown-user-report',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3077' + // Message SEQUENCE, 119 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02042abf7fab' + // msgID: INTEGER 717193131
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040100' + // msgFlags: OCTET STRING 0x00
        '020103' + // msgSecurityModel: INTEGER 3
        '0427' + // msgSecurityParameters OCTET STRING, 39 octets
        '3025' + // UsmSecurityParameters, 37 octets
        '041180001f888079d6d971d4c6076b00000000' + // msgAuthoritativeEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '020104' + // msgAuthoritativeEngineTime: INTEGER 4
        '04066e6f626f6479' + // msgUserName: OCTET STRING 'nobody'
        '0400' + // msgAuthenticationParameters: OCTET STRING ''
        '0400' + // msgPrivacyParameters: OCTET STRING ''
        '3036' + // ScopedPDU, 54 octets
        '041180001f888079d6d971d4c6076b00000000' + // contextEngineID: OCTET STRING 0x80001f888079d6d971d4c6076b00000000
        '0400' + // contextName: OCTET STRING ''
        'a81f' + // Report PDU [8], 31 octets
        '020422fbc00c' + // request-id: INTEGER 586924044
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3011' + // VarBindList, 17 octets
        '300f' + // VarBind 1
        '060a2b060106030f01010300' + //   name: OID 1.3.6.1.6.3.15.1.1.3.0
        '410101', //   value: Counter32 1
    ),
  },
  {
    // normal.pcap frame 114: snmptrap -v1 enterprise-specific trap 17 of NET-SNMP-MIB
    name: 'v1-trap-enterprise',
    dir: C,
    role: 'normal',
    bytes: hex(
      '303d' + // Message SEQUENCE, 61 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a430' + // Trap (v1) PDU [4], 48 octets
        '06092b06010401bf080203' + // enterprise: OID 1.3.6.1.4.1.8072.2.3
        '40047f000001' + // agent-addr: IpAddress 127.0.0.1
        '020106' + // generic-trap: INTEGER 6
        '020111' + // specific-trap: INTEGER 17
        '430337688e' + // time-stamp: TimeTicks 3631246
        '3012' + // VarBindList, 18 octets
        '3010' + // VarBind 1
        '060b2b06010401bf0802030201' + //   name: OID 1.3.6.1.4.1.8072.2.3.2.1
        '02012a', //   value: INTEGER 42
    ),
  },
  {
    // normal.pcap frame 115: snmptrap -v1 generic trap linkDown
    name: 'v1-trap-link-down',
    dir: C,
    role: 'normal',
    bytes: hex(
      '303b' + // Message SEQUENCE, 59 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a42e' + // Trap (v1) PDU [4], 46 octets
        '06082b06010401030101' + // enterprise: OID 1.3.6.1.4.1.3.1.1
        '40047f000001' + // agent-addr: IpAddress 127.0.0.1
        '020102' + // generic-trap: INTEGER 2
        '020100' + // specific-trap: INTEGER 0
        '430337688f' + // time-stamp: TimeTicks 3631247
        '3011' + // VarBindList, 17 octets
        '300f' + // VarBind 1
        '060a2b060102010202010102' + //   name: OID 1.3.6.1.2.1.2.2.1.1.2
        '020102', //   value: INTEGER 2
    ),
  },
  {
    // normal.pcap frame 116: snmptrap -v2c linkDown with ifIndex, ifAdminStatus, ifOperStatus
    name: 'v2c-trap-link-down',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3078' + // Message SEQUENCE, 120 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a76b' + // SNMPv2-Trap PDU [7], 107 octets
        '0204383ff142' + // request-id: INTEGER 943714626
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '305d' + // VarBindList, 93 octets
        '300f' + // VarBind 1
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '4303376890' + //   value: TimeTicks 3631248
        '3017' + // VarBind 2
        '060a2b060106030101040100' + //   name: OID 1.3.6.1.6.3.1.1.4.1.0
        '06092b0601060301010503' + //   value: OID 1.3.6.1.6.3.1.1.5.3
        '300f' + // VarBind 3
        '060a2b060102010202010102' + //   name: OID 1.3.6.1.2.1.2.2.1.1.2
        '020102' + //   value: INTEGER 2
        '300f' + // VarBind 4
        '060a2b060102010202010702' + //   name: OID 1.3.6.1.2.1.2.2.1.7.2
        '020101' + //   value: INTEGER 1
        '300f' + // VarBind 5
        '060a2b060102010202010802' + //   name: OID 1.3.6.1.2.1.2.2.1.8.2
        '020102', //   value: INTEGER 2
    ),
  },
  {
    // normal.pcap frame 117: snmpinform -v2c linkUp
    name: 'v2c-inform-link-up',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3056' + // Message SEQUENCE, 86 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a649' + // InformRequest PDU [6], 73 octets
        '020478e02235' + // request-id: INTEGER 2027954741
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '303b' + // VarBindList, 59 octets
        '300f' + // VarBind 1
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '4303376891' + //   value: TimeTicks 3631249
        '3017' + // VarBind 2
        '060a2b060106030101040100' + //   name: OID 1.3.6.1.6.3.1.1.4.1.0
        '06092b0601060301010504' + //   value: OID 1.3.6.1.6.3.1.1.5.4
        '300f' + // VarBind 3
        '060a2b060102010202010102' + //   name: OID 1.3.6.1.2.1.2.2.1.1.2
        '020102', //   value: INTEGER 2
    ),
  },
  {
    // normal.pcap frame 118: the receiver acknowledges
    name: 'v2c-inform-link-up-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3056' + // Message SEQUENCE, 86 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a249' + // Response PDU [2], 73 octets
        '020478e02235' + // request-id: INTEGER 2027954741
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '303b' + // VarBindList, 59 octets
        '300f' + // VarBind 1
        '06082b06010201010300' + //   name: OID 1.3.6.1.2.1.1.3.0
        '4303376891' + //   value: TimeTicks 3631249
        '3017' + // VarBind 2
        '060a2b060106030101040100' + //   name: OID 1.3.6.1.6.3.1.1.4.1.0
        '06092b0601060301010504' + //   value: OID 1.3.6.1.6.3.1.1.5.4
        '300f' + // VarBind 3
        '060a2b060102010202010102' + //   name: OID 1.3.6.1.2.1.2.2.1.1.2
        '020102', //   value: INTEGER 2
    ),
  },
  {
    // normal.pcap frame 119: snmptrap -v3 authPriv coldStart (encrypted)
    name: 'v3-priv-trap',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3081a1' + // Message SEQUENCE, 161 octets
        '020103' + // version: INTEGER 3 (v3)
        '3011' + // msgGlobalData, 17 octets
        '02047c4419fe' + // msgID: INTEGER 2084837886
        '020300ffe3' + // msgMaxSize: INTEGER 65507
        '040103' + // msgFlags: OCTET STRING 0x03
        '020103' + // msgSecurityModel: INTEGER 3
        '0436' + // msgSecurityParameters OCTET STRING, 54 octets
        '3034' + // UsmSecurityParameters, 52 octets
        '04088000000001020304' + // msgAuthoritativeEngineID: OCTET STRING 0x8000000001020304
        '020101' + // msgAuthoritativeEngineBoots: INTEGER 1
        '0203376892' + // msgAuthoritativeEngineTime: INTEGER 3631250
        '04087472617055736572' + // msgUserName: OCTET STRING 'trapUser'
        '040c8f0b55d12990307860ca89bb' + // msgAuthenticationParameters: OCTET STRING 0x8f0b55d12990307860ca89bb
        '040802fca9daee566f6a' + // msgPrivacyParameters: OCTET STRING 0x02fca9daee566f6a
        '0451' + // encryptedPDU: OCTET STRING, 81 octets
        '0be8ae5770bc0d3effa6129feae21dcbce9025c9a2c1a3867b29b97fb0c01ec2' + //   encryptedPDU (cont.) (ciphertext)
        'c0f9251686bb17b8281c504e2468cb9e1f2416559eb81f1c0e4b7f2ede634942' + //   encryptedPDU (cont.)
        '75d0d0e5f17ccd37e47a42253858e33ae3', //   encryptedPDU (cont.)
    ),
  },
  {
    // Built: the GetBulk of SNMP reflection, max-repetitions 2250 from the MIB root.
    name: 'get-bulk-amplification',
    dir: C,
    role: 'normal',
    bytes: hex(
      '3025' + // Message SEQUENCE, 37 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a518' + // GetBulkRequest PDU [5], 24 octets
        '020400001234' + // request-id: INTEGER 4660
        '020100' + // non-repeaters: INTEGER 0
        '020208ca' + // max-repetitions: INTEGER 2250
        '3009' + // VarBindList, 9 octets
        '3007' + // VarBind 1
        '06032b0601' + //   name: OID 1.3.6.1
        '0500', //   value: NULL
    ),
  },
  {
    // Built: a Response with 130 variable bindings (more than the 128 listed).
    name: 'too-many-varbinds',
    dir: S,
    role: 'normal',
    bytes: hex(
      '3082042c' + // Message SEQUENCE, 1068 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a282041d' + // Response PDU [2], 1053 octets
        '020101' + // request-id: INTEGER 1
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '30820410' + // VarBindList, 1040 octets
        SMALL_VARBIND.repeat(130), // 130 x VarBind { 1.3.6, NULL }
    ),
  },
  {
    // Built after [RFC3412] 6: msgMaxSize 100 (below 484), msgFlags priv without auth.
    name: 'v3-invalid-header',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '3036' + // Message SEQUENCE, 54 octets
        '020103' + // msgVersion: INTEGER 3
        '300c' + // msgGlobalData, 12 octets
        '020101' + // msgID: INTEGER 1
        '020164' + // msgMaxSize: INTEGER 100
        '040102' + // msgFlags: OCTET STRING 0x02 (priv, no auth)
        '020103' + // msgSecurityModel: INTEGER 3 (USM)
        '0410' + // msgSecurityParameters OCTET STRING, 16 octets
        '300e' + // UsmSecurityParameters, 14 octets
        '0400' + // msgAuthoritativeEngineID: empty
        '020100' + // msgAuthoritativeEngineBoots: 0
        '020100' + // msgAuthoritativeEngineTime: 0
        '0400' + // msgUserName: empty
        '0400' + // msgAuthenticationParameters: empty
        '0400' + // msgPrivacyParameters: empty
        '3011' + // ScopedPDU, 17 octets
        '0400' + // contextEngineID: empty
        '0400' + // contextName: empty
        'a00b' + // GetRequest PDU [0], 11 octets
        '020101' + // request-id: INTEGER 1
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3000', // VarBindList, empty
    ),
  },
  {
    // Built: a VarBind declaring 12 octets inside a 6-octet list.
    name: 'truncated-varbind',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '301e' + // Message SEQUENCE, 30 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a011' + // GetRequest PDU [0], 17 octets
        '020107' + // request-id: INTEGER 7
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3006' + // VarBindList, 6 octets
        '300c' + // VarBind 1 declaring 12 octets: past the list
        '06022b06', //   name: OID 1.3.6
    ),
  },
  {
    // Built: version 2 (the historic SNMPv2u).
    name: 'unknown-version',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '3018' + // Message SEQUENCE, 24 octets
        '020102' + // version: INTEGER 2
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a00b' + // GetRequest PDU [0], 11 octets
        '020108' + // request-id: INTEGER 8
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3000', // VarBindList, empty
    ),
  },
  {
    // Built: PDU tag [9], which no version defines.
    name: 'unknown-pdu-type',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '3018' + // Message SEQUENCE, 24 octets
        '020100' + // version: INTEGER 0 (v1)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a90b' + // PDU [9], 11 octets
        '020109' + // request-id: INTEGER 9
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '3000', // VarBindList, empty
    ),
  },
  {
    // Built: snmpget -v2c -c public sysName.0 with 4 octets after the message.
    name: 'trailing-bytes',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '3026' + // Message SEQUENCE, 38 octets
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        'a019' + // GetRequest PDU [0], 25 octets
        '020105' + // request-id: INTEGER 5
        '020100' + // error-status: INTEGER 0
        '020100' + // error-index: INTEGER 0
        '300e' + // VarBindList, 14 octets
        '300c' + // VarBind 1
        '06082b06010201010500' + //   name: OID 1.3.6.1.2.1.1.5.0 (sysName.0)
        '0500' + //   value: NULL
        'deadbeef', // 4 octets after the message
    ),
  },
  {
    // Built: an indefinite length (X.690 8.1.3.6), which SNMP's BER subset forbids.
    name: 'indefinite-length',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '3080' + // Message SEQUENCE, indefinite length
        '020101' + // version: INTEGER 1 (v2c)
        '04067075626c6963' + // community: OCTET STRING 'public'
        '0000', // end-of-contents
    ),
  },
];
