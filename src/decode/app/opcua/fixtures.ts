/**
 * OPC UA byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of the shared captures in ../shared/data/pcaps/opcua (file and frame in each
 * comment; fields checked against tshark 4.0.17): open62541_client-server_minimal.pcap and
 * open62541_client-server_encrypted.pcap (cisagov/icsnpp-opcua-binary, BSD-3-Clause),
 * opc-ua-ap-method-wireshark-freeze.pcap (ITI/ICS-Security-Tools, CC-BY-4.0). The chunked and
 * aborted messages are built from the real Write request (no shared capture splits a message).
 * In array order they form one conversation on secure channel 6.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** RequestHeader of the Write request (open62541_client-server_minimal.pcap frame 89). */
const WRITE_REQUEST_HEADER =
  '04' + // AuthenticationToken: Guid NodeId
  '0100' + // namespace 1
  '024989f8846a012a40543533b25b4524' + // Guid
  '988c3ef375cad501' + // Timestamp
  '16000000' + // RequestHandle = 22
  '00000000' + // ReturnDiagnostics
  'ffffffff' + // AuditEntryId: null
  '00000000' + // TimeoutHint
  '000000'; // AdditionalHeader: TypeId i=0, no body

/** NodesToWrite of the same request: ns=1;s=the.answer, Value attribute, Int32 1. */
const WRITE_NODES =
  '01000000' + // NodesToWrite: 1
  '03' + // NodeId: String
  '0100' + // namespace 1
  '0a000000' + // length 10
  '7468652e616e73776572' + // "the.answer"
  '0d000000' + // AttributeId 13 (Value)
  'ffffffff' + // IndexRange: null
  '01' + // DataValue mask: Value
  '06' + // Variant: Int32
  '01000000'; // 1

export const fixtures: readonly DecoderFixture[] = [
  {
    // open62541_client-server_minimal.pcap frame 25
    name: 'hello',
    dir: C,
    role: 'normal',
    bytes: hex(
      '48454c' + // MessageType "HEL"
        '46' + // ChunkType "F"
        '38000000' + // MessageSize 56
        '00000000' + // ProtocolVersion 0
        'ffff0000' + // ReceiveBufferSize 65535
        'ffff0000' + // SendBufferSize 65535
        '00000000' + // MaxMessageSize 0 (no limit)
        '00000000' + // MaxChunkCount 0 (no limit)
        '18000000' + // EndpointUrl length 24
        '6f70632e7463703a2f2f6c6f63616c686f73743a34383430', // "opc.tcp://localhost:4840"
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 27
    name: 'acknowledge',
    dir: S,
    role: 'normal',
    bytes: hex(
      '41434b' + // "ACK"
        '46' + // "F"
        '1c000000' + // MessageSize 28
        '00000000' + // ProtocolVersion
        'ffff0000' + // ReceiveBufferSize 65535
        'ffff0000' + // SendBufferSize 65535
        '00000000' + // MaxMessageSize
        '00000000', // MaxChunkCount
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 31
    name: 'open-secure-channel-request-none',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4f504e' + // "OPN"
        '46' + // "F"
        '84000000' + // MessageSize 132
        '00000000' + // SecureChannelId 0 (new channel)
        '2f000000' + // SecurityPolicyUri length 47
        '687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e65' + // ".../SecurityPolicy#None"
        'ffffffff' + // SenderCertificate: null
        'ffffffff' + // ReceiverCertificateThumbprint: null
        '01000000' + // SequenceNumber 1
        '01000000' + // RequestId 1
        '01' + // TypeId: four-byte NodeId
        '00' + // namespace 0
        'be01' + // 446 OpenSecureChannelRequest
        '00' + // RequestHeader.AuthenticationToken: two-byte NodeId
        '00' + // i=0
        '8adeb4f275cad501' + // Timestamp
        '00000000' + // RequestHandle 0
        '00000000' + // ReturnDiagnostics
        'ffffffff' + // AuditEntryId: null
        '00000000' + // TimeoutHint
        '000000' + // AdditionalHeader: none
        '00000000' + // ClientProtocolVersion 0
        '00000000' + // RequestType 0 (Issue)
        '01000000' + // SecurityMode 1 (None)
        'ffffffff' + // ClientNonce: null
        'c0270900', // RequestedLifetime 600000 ms
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 33
    name: 'open-secure-channel-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '4f504e' + // "OPN"
        '46' + // "F"
        '87000000' + // MessageSize 135
        '06000000' + // SecureChannelId 6
        '2f000000' + // SecurityPolicyUri length 47
        '687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e65' + // "#None"
        'ffffffff' + // SenderCertificate: null
        'ffffffff' + // ReceiverCertificateThumbprint: null
        '01000000' + // SequenceNumber 1
        '01000000' + // RequestId 1
        '0100c101' + // TypeId 449 OpenSecureChannelResponse
        'be98bcf275cad501' + // ResponseHeader.Timestamp
        '00000000' + // RequestHandle 0
        '00000000' + // ServiceResult Good
        '00' + // ServiceDiagnostics: empty
        'ffffffff' + // StringTable: null
        '000000' + // AdditionalHeader: none
        '00000000' + // ServerProtocolVersion
        '06000000' + // SecurityToken.ChannelId 6
        '06000000' + // SecurityToken.TokenId 6
        'aa98bcf275cad501' + // SecurityToken.CreatedAt
        'c0270900' + // RevisedLifetime 600000
        'ffffffff', // ServerNonce: null
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 43: a user name and a cleartext password
    name: 'activate-session-username',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        'a1000000' + // MessageSize 161
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '04000000' + // SequenceNumber 4
        '04000000' + // RequestId 4
        '0100d301' + // TypeId 467 ActivateSessionRequest
        '040100024989f8846a012a40543533b25b4524' + // AuthenticationToken ns=1;g=...
        'b22bccf275cad501' + // Timestamp
        '05000000' + // RequestHandle 5
        '00000000' + // ReturnDiagnostics
        'ffffffff' + // AuditEntryId
        'c0270900' + // TimeoutHint 600000
        '000000' + // AdditionalHeader
        'ffffffff' + // ClientSignature.Algorithm: null
        'ffffffff' + // ClientSignature.Signature: null
        'ffffffff' + // ClientSoftwareCertificates: null
        'ffffffff' + // LocaleIds: null
        '01004401' + // UserIdentityToken TypeId 324 UserNameIdentityToken
        '01' + // binary body
        '36000000' + // body length 54
        '190000006f70656e36323534312d757365726e616d652d706f6c696379' + // PolicyId "open62541-username-policy"
        '050000007573657231' + // UserName "user1"
        '0800000070617373776f7264' + // Password (8 bytes, unencrypted)
        'ffffffff' + // EncryptionAlgorithm: null
        'ffffffff' + // UserTokenSignature.Algorithm
        'ffffffff', // UserTokenSignature.Signature
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 89
    name: 'write-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        '6d000000' + // MessageSize 109
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '15000000' + // SequenceNumber 21
        '15000000' + // RequestId 21
        '0100a102' + // TypeId 673 WriteRequest
        WRITE_REQUEST_HEADER +
        WRITE_NODES,
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 91
    name: 'write-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        '40000000' + // MessageSize 64
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '0b000000' + // SequenceNumber 11
        '15000000' + // RequestId 21
        '0100a402' + // TypeId 676 WriteResponse
        'ae2846f375cad501' + // Timestamp
        '16000000' + // RequestHandle 22
        '00000000' + // ServiceResult Good
        '00' + // ServiceDiagnostics
        'ffffffff' + // StringTable
        '000000' + // AdditionalHeader
        '01000000' + // Results: 1
        '00003480' + // BadNodeIdUnknown
        'ffffffff', // DiagnosticInfos: null
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 121
    name: 'call-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        '69000000' + // MessageSize 105
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '18000000' + // SequenceNumber 24
        '18000000' + // RequestId 24
        '0100c802' + // TypeId 712 CallRequest
        '040100024989f8846a012a40543533b25b4524' + // AuthenticationToken
        '6cf664f375cad501' + // Timestamp
        '19000000' + // RequestHandle 25
        '00000000' + // ReturnDiagnostics
        'ffffffff' + // AuditEntryId
        '00000000' + // TimeoutHint
        '000000' + // AdditionalHeader
        '01000000' + // MethodsToCall: 1
        '0055' + // ObjectId: two-byte NodeId i=85 (Objects)
        '01014df4' + // MethodId: four-byte NodeId ns=1;i=62541
        '01000000' + // InputArguments: 1
        '0c' + // Variant: String
        '0c000000' + // length 12
        '48656c6c6f20536572766572', // "Hello Server"
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 123
    name: 'call-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        '4c000000' + // MessageSize 76
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '18000000' + // SequenceNumber 24
        '18000000' + // RequestId 24
        '0100cb02' + // TypeId 715 CallResponse
        '66636cf375cad501' + // Timestamp
        '19000000' + // RequestHandle 25
        '00000000' + // ServiceResult Good
        '00' + // ServiceDiagnostics
        'ffffffff' + // StringTable
        '000000' + // AdditionalHeader
        '01000000' + // Results: 1
        '00003480' + // StatusCode BadNodeIdUnknown
        'ffffffff' + // InputArgumentResults: null
        'ffffffff' + // InputArgumentDiagnosticInfos: null
        'ffffffff' + // OutputArguments: null
        'ffffffff', // DiagnosticInfos: null
    ),
  },
  {
    // The Write request of frame 89 sent as two chunks: intermediate (C) then final (F)
    name: 'write-request-chunked',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '43' + // "C" intermediate
        '40000000' + // MessageSize 64
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '1e000000' + // SequenceNumber 30
        '1e000000' + // RequestId 30
        '0100a102' + // TypeId 673 WriteRequest
        WRITE_REQUEST_HEADER.slice(0, 72) + // first 36 bytes of the RequestHeader
        '4d5347' + // "MSG"
        '46' + // "F" final
        '45000000' + // MessageSize 69
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '1f000000' + // SequenceNumber 31
        '1e000000' + // RequestId 30 (same message)
        WRITE_REQUEST_HEADER.slice(72) + // rest of the RequestHeader
        WRITE_NODES,
    ),
  },
  {
    // An abort chunk ([P6] 6.7.3) ending a message of request 31 after its first chunk
    name: 'aborted-message',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '43' + // "C"
        '1c000000' + // MessageSize 28
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '20000000' + // SequenceNumber 32
        '1f000000' + // RequestId 31
        '0100a102' + // TypeId 673 WriteRequest (body cut here)
        '4d5347' + // "MSG"
        '41' + // "A" abort
        '24000000' + // MessageSize 36
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '21000000' + // SequenceNumber 33
        '1f000000' + // RequestId 31
        '00008080' + // Error: BadTcpMessageTooLarge
        '04000000' + // Reason length 4
        '73697a65', // "size"
    ),
  },
  {
    // open62541_client-server_minimal.pcap frame 17 (channel 5 there; 6 here)
    name: 'close-secure-channel',
    dir: C,
    role: 'normal',
    bytes: hex(
      '434c4f' + // "CLO"
        '46' + // "F"
        '39000000' + // MessageSize 57
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '03000000' + // SequenceNumber 3
        '03000000' + // RequestId 3
        '0100c401' + // TypeId 452 CloseSecureChannelRequest
        '0000' + // AuthenticationToken i=0
        '268ea5f275cad501' + // Timestamp
        '01000000' + // RequestHandle 1
        '00000000' + // ReturnDiagnostics
        'ffffffff' + // AuditEntryId
        '10270000' + // TimeoutHint 10000
        '000000', // AdditionalHeader
    ),
  },
  {
    // opc-ua-ap-method-wireshark-freeze.pcap frame 85
    name: 'error',
    dir: S,
    role: 'normal',
    bytes: hex(
      '455252' + // "ERR"
        '46' + // "F"
        '10000000' + // MessageSize 16
        '00000780' + // Error 0x80070000 BadDecodingError
        'ffffffff', // Reason: null
    ),
  },
  {
    // open62541_client-server_encrypted.pcap frame 49: channel 2 (Basic128Rsa15), its OPN unseen
    name: 'encrypted-message',
    dir: C,
    role: 'normal',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        '50000000' + // MessageSize 80
        '02000000' + // SecureChannelId 2
        '02000000' + // TokenId 2
        '3c891cc2b37d1750edf2d702dbe607be6fa9d8ee1f2abf61dadf3af614e23ffc' + // encrypted sequence header and body
        'b5b5a5321250ebae10b81765b29c4566fb03215fab850c74788fa3c5313515ac', // ... and signature
    ),
  },
  {
    // A ReadRequest whose NodesToRead count (2) runs past the body: fields past the size
    name: 'truncated-read-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '4d5347' + // "MSG"
        '46' + // "F"
        '3d000000' + // MessageSize 61
        '06000000' + // SecureChannelId 6
        '06000000' + // TokenId 6
        '22000000' + // SequenceNumber 34
        '22000000' + // RequestId 34
        '01007702' + // TypeId 631 ReadRequest
        '0000' + // AuthenticationToken i=0
        '0000000000000000' + // Timestamp
        '23000000' + // RequestHandle 35
        '00000000' + // ReturnDiagnostics
        'ffffffff' + // AuditEntryId
        '00000000' + // TimeoutHint
        '000000' + // AdditionalHeader
        '02000000', // NodesToRead: 2, none follows (MaxAge was also left out)
    ),
  },
  {
    // A header of an unknown message type "XYZ": not OPC UA framing
    name: 'unknown-message-type',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '58595a' + // "XYZ"
        '46' + // "F"
        '0c000000' + // MessageSize 12
        '00000000', // 4 bytes
    ),
  },
];
