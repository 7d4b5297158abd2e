/**
 * MQTT byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of the shared captures in ../shared/data/pcaps/mqtt (OISF/suricata-verify, MIT;
 * file and frame named in each comment; fields checked against tshark 4.0.17). In array order
 * they form one conversation: a 3.1.1 session, a 5.0 session, a 3.1 session, then malformed
 * packets; each CONNECT sets the version the packets after it are decoded with.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // mqtt/mqtt311-sub-userpass.pcap frame 4
    name: 'connect-v311-userpass',
    dir: C,
    role: 'normal',
    bytes: hex(
      '10' + // CONNECT, flags 0
        '2b' + // remaining length 43
        '0004' +
        '4d515454' + // protocol name "MQTT"
        '04' + // protocol level 4 (3.1.1)
        'c2' + // connect flags: user name, password, clean session
        '003c' + // keep alive 60 s
        '0013' +
        '6d79766f69636569736d7970617373706f7274' + // client id "myvoiceismypassport"
        '0004' +
        '75736572' + // user name "user"
        '0004' +
        '70617373', // password "pass"
    ),
  },
  {
    // mqtt/mqtt311-sub-userpass.pcap frame 8
    name: 'subscribe-v311',
    dir: C,
    role: 'normal',
    bytes: hex(
      '82' + // SUBSCRIBE, flags 0010
        '14' + // remaining length 20
        '0001' + // packet id 1
        '0006' +
        '746f70696358' + // filter "topicX"
        '00' + // requested QoS 0
        '0006' +
        '746f70696359' + // filter "topicY"
        '00', // requested QoS 0
    ),
  },
  {
    // mqtt/mqtt311-sub-userpass.pcap frames 6 and 9 (broker to client, one after the other)
    name: 'connack-suback-v311',
    dir: S,
    role: 'normal',
    bytes: hex(
      '20' + // CONNACK
        '02' + // remaining length 2
        '00' + // acknowledge flags: no session present
        '00' + // return code 0 (accepted)
        '90' + // SUBACK
        '04' + // remaining length 4
        '0001' + // packet id 1
        '00' + // granted QoS 0 (topicX)
        '00', // granted QoS 0 (topicY)
    ),
  },
  {
    // mqtt/mqtt-ping.pcap frame 1, then mqtt/mqtt311-sub-userpass.pcap frame 11
    name: 'pingreq-disconnect-v311',
    dir: C,
    role: 'normal',
    bytes: hex(
      'c0' + // PINGREQ
        '00' + // remaining length 0
        'e0' + // DISCONNECT
        '00', // remaining length 0
    ),
  },
  {
    // mqtt/mqtt5-pub-mosquittoprops.pcap frame 4
    name: 'connect-v5-will-properties',
    dir: C,
    role: 'normal',
    bytes: hex(
      '10' + // CONNECT
        'cc01' + // remaining length 204 (0x4c + 1 * 128)
        '0004' +
        '4d515454' + // protocol name "MQTT"
        '05' + // protocol level 5 (5.0)
        'c6' + // connect flags: user name, password, will (QoS 0), clean start
        '003c' + // keep alive 60 s
        '3c' + // properties length 60
        '27' +
        '00002b67' + // maximum packet size 11111
        '21' +
        '00de' + // receive maximum 222
        '11' +
        '0000022b' + // session expiry interval 555
        '22' +
        '029a' + // topic alias maximum 666
        '26' +
        '0009' +
        '7573657270726f7031' +
        '0008' +
        '7573657276616c31' + // userprop1=userval1
        '26' +
        '0009' +
        '7573657270726f7032' +
        '0008' +
        '7573657276616c32' + // userprop2=userval2
        '0013' +
        '6d79766f69636569736d7970617373706f7274' + // client id "myvoiceismypassport"
        '4b' + // will properties length 75
        '03' +
        '000a' +
        '6d7977696c6c74797065' + // content type "mywilltype"
        '09' +
        '0007' +
        '31323334353637' + // correlation data, 7 bytes
        '02' +
        '00000085' + // message expiry interval 133
        '01' +
        '90' + // payload format indicator 0x90 (as the capture has it)
        '08' +
        '000f' +
        '726573706f6e73655f746f70696331' + // response topic "response_topic1"
        '26' +
        '0009' +
        '7573657270726f7035' +
        '0008' +
        '7573657276616c35' + // userprop5=userval5
        '18' +
        '000000c8' + // will delay interval 200
        '0009' +
        '77696c6c746f706963' + // will topic "willtopic"
        '000b' +
        '77696c6c6d657373616765' + // will message, 11 bytes
        '0004' +
        '75736572' + // user name "user"
        '0004' +
        '70617373', // password "pass"
    ),
  },
  {
    // mqtt/mqtt5-pub-mosquittoprops.pcap frame 6
    name: 'connack-v5-properties',
    dir: S,
    role: 'normal',
    bytes: hex(
      '20' + // CONNACK
        '06' + // remaining length 6
        '00' + // acknowledge flags
        '00' + // reason code 0 (success)
        '03' + // properties length 3
        '22' +
        '000a', // topic alias maximum 10
    ),
  },
  {
    // mqtt/mqtt5-pub-mosquittoprops.pcap frame 8
    name: 'publish-v5-qos1-properties',
    dir: C,
    role: 'normal',
    bytes: hex(
      '32' + // PUBLISH, QoS 1
        '5e' + // remaining length 94
        '0006' +
        '746f70696358' + // topic "topicX"
        '0001' + // packet id 1
        '43' + // properties length 67
        '03' +
        '0006' +
        '6d7974797065' + // content type "mytype"
        '09' +
        '0005' +
        '3132333435' + // correlation data, 5 bytes
        '02' +
        '0000004d' + // message expiry interval 77
        '01' +
        '58' + // payload format indicator 0x58
        '08' +
        '000f' +
        '726573706f6e73655f746f70696331' + // response topic "response_topic1"
        '23' +
        '0005' + // topic alias 5
        '26' +
        '0009' +
        '7573657270726f7033' +
        '0008' +
        '7573657276616c33' + // userprop3=userval3
        '626161626161626c61636b7368656570', // payload "baabaablacksheep"
    ),
  },
  {
    // mqtt/mqtt5-pub-mosquittoprops.pcap frame 9
    name: 'puback-v5-no-subscribers',
    dir: S,
    role: 'normal',
    bytes: hex(
      '40' + // PUBACK
        '03' + // remaining length 3
        '0001' + // packet id 1
        '10', // reason code 0x10 (no matching subscribers)
    ),
  },
  {
    // mqtt/mqtt5-sub-mosquittoprops.pcap frame 8
    name: 'subscribe-v5',
    dir: C,
    role: 'normal',
    bytes: hex(
      '82' + // SUBSCRIBE
        '15' + // remaining length 21
        '0001' + // packet id 1
        '00' + // properties length 0
        '0006' +
        '746f70696358' + // filter "topicX"
        '00' + // options: QoS 0
        '0006' +
        '746f70696359' + // filter "topicY"
        '00', // options: QoS 0
    ),
  },
  {
    // mqtt/mqtt5-sub-mosquittoprops.pcap frame 9
    name: 'suback-v5',
    dir: S,
    role: 'normal',
    bytes: hex(
      '90' + // SUBACK
        '05' + // remaining length 5
        '0001' + // packet id 1
        '00' + // properties length 0
        '00' + // reason code: granted QoS 0
        '00', // reason code: granted QoS 0
    ),
  },
  {
    // mqtt/mqtt5-unsub-qos1.pcap frame 10: two UNSUBSCRIBE packets in one segment
    name: 'unsubscribe-v5-two-packets',
    dir: C,
    role: 'normal',
    bytes: hex(
      'a2' + // UNSUBSCRIBE, flags 0010
        '0b' + // remaining length 11
        '0002' + // packet id 2
        '00' + // properties length 0
        '0006' +
        '746f70696358' + // filter "topicX"
        'a2' + // UNSUBSCRIBE
        '0b' + // remaining length 11
        '0003' + // packet id 3
        '00' + // properties length 0
        '0006' +
        '746f70696359', // filter "topicY"
    ),
  },
  {
    // mqtt/mqtt5-unsub-qos1.pcap frame 13
    name: 'unsuback-v5-no-subscription',
    dir: S,
    role: 'normal',
    bytes: hex(
      'b0' + // UNSUBACK
        '04' + // remaining length 4
        '0003' + // packet id 3
        '00' + // properties length 0
        '11', // reason code 0x11 (no subscription existed)
    ),
  },
  {
    // mqtt/mqtt5-sub-mosquittoprops.pcap frame 11
    name: 'disconnect-v5-properties',
    dir: C,
    role: 'normal',
    bytes: hex(
      'e0' + // DISCONNECT
        '1d' + // remaining length 29
        '04' + // reason code 4 (disconnect with will message)
        '1b' + // properties length 27
        '11' +
        '0000007a' + // session expiry interval 122
        '26' +
        '0009' +
        '7573657270726f7034' +
        '0008' +
        '7573657276616c34', // userprop4=userval4
    ),
  },
  {
    // mqtt/mqtt5-sub-customauth.pcap frame 4
    name: 'connect-v5-auth-method',
    dir: C,
    role: 'normal',
    bytes: hex(
      '10' + // CONNECT
        '30' + // remaining length 48
        '0004' +
        '4d515454' + // protocol name "MQTT"
        '05' + // protocol level 5
        '02' + // connect flags: clean start
        '003c' + // keep alive 60 s
        '10' + // properties length 16
        '15' +
        '0003' +
        '666f6f' + // authentication method "foo"
        '16' +
        '0004' +
        '31323334' + // authentication data, 4 bytes
        '21' +
        '0014' + // receive maximum 20
        '0013' +
        '6d79766f69636569736d7970617373706f7274', // client id "myvoiceismypassport"
    ),
  },
  {
    // mqtt/mqtt5-sub-customauth.pcap frame 6
    name: 'connack-v5-bad-auth-method',
    dir: S,
    role: 'normal',
    bytes: hex(
      '20' + // CONNACK
        '03' + // remaining length 3
        '00' + // acknowledge flags
        '8c' + // reason code 0x8c (bad authentication method)
        '00', // properties length 0
    ),
  },
  {
    // mqtt/mqtt31-pub-qos2.pcap frame 4
    name: 'connect-v31-userpass',
    dir: C,
    role: 'normal',
    bytes: hex(
      '10' + // CONNECT
        '2d' + // remaining length 45
        '0006' +
        '4d5149736470' + // protocol name "MQIsdp"
        '03' + // protocol level 3 (3.1)
        'c2' + // connect flags: user name, password, clean session
        '003c' + // keep alive 60 s
        '0013' +
        '6d79766f69636569736d7970617373706f7274' + // client id "myvoiceismypassport"
        '0004' +
        '75736572' + // user name "user"
        '0004' +
        '70617373', // password "pass"
    ),
  },
  {
    // mqtt/mqtt31-pub-qos2.pcap frame 8
    name: 'publish-v31-qos2',
    dir: C,
    role: 'normal',
    bytes: hex(
      '34' + // PUBLISH, QoS 2
        '1a' + // remaining length 26
        '0006' +
        '746f70696358' + // topic "topicX"
        '0001' + // packet id 1
        '626161626161626c61636b7368656570', // payload "baabaablacksheep"
    ),
  },
  {
    // mqtt/mqtt31-pub-qos2.pcap frame 9
    name: 'pubrec-v31',
    dir: S,
    role: 'normal',
    bytes: hex(
      '50' + // PUBREC
        '02' + // remaining length 2
        '0001', // packet id 1
    ),
  },
  {
    // mqtt/mqtt31-pub-qos2.pcap frame 10
    name: 'pubrel-v31',
    dir: C,
    role: 'normal',
    bytes: hex(
      '62' + // PUBREL, flags 0010
        '02' + // remaining length 2
        '0001', // packet id 1
    ),
  },
  {
    // mqtt/mqtt31-pub-qos2.pcap frame 11, then mqtt/mqtt-ping.pcap frame 2
    name: 'pubcomp-pingresp-v31',
    dir: S,
    role: 'normal',
    bytes: hex(
      '70' + // PUBCOMP
        '02' + // remaining length 2
        '0001' + // packet id 1
        'd0' + // PINGRESP
        '00', // remaining length 0
    ),
  },
  {
    // mqtt/mqtt-events-invalid-qos.pcap frame 8
    name: 'publish-qos3',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '36' + // PUBLISH, QoS 3 (invalid)
        '1a' + // remaining length 26
        '0006' +
        '746f70696358' + // topic "topicX"
        '0001' + // packet id 1
        '626161626161626c61636b7368656570', // payload "baabaablacksheep"
    ),
  },
  {
    // mqtt/mqtt5-excessiveproplen.pcap frame 4
    name: 'connect-v5-excessive-property-length',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '10' + // CONNECT
        '2f' + // remaining length 47
        '0004' +
        '4d515454' + // protocol name "MQTT"
        '05' + // protocol level 5
        'c2' + // connect flags: user name, password, clean start
        '003c' + // keep alive 60 s
        'ff21' + // properties length 4351 (0x7f + 0x21 * 128): beyond the packet
        '0014' + // (receive maximum 20, with the 0x21 above)
        '0013' +
        '6d79766f69636569736d7970617373706f7274' + // client id
        '0004' +
        '75736572' + // user name "user"
        '0004' +
        '70617373', // password "pass"
    ),
  },
  {
    // hand-built: a SUBSCRIBE with flags 0000 (must be 0010) and no topic filter
    name: 'subscribe-bad-flags-no-filter',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '80' + // SUBSCRIBE, flags 0000 (invalid)
        '02' + // remaining length 2
        '0009', // packet id 9, no filter
    ),
  },
  {
    // hand-built: a SUBSCRIBE to every topic
    name: 'subscribe-everything',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '82' + // SUBSCRIBE
        '06' + // remaining length 6
        '000a' + // packet id 10
        '0001' +
        '23' + // filter "#"
        '01', // requested QoS 1
    ),
  },
];
