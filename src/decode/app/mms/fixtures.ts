/**
 * MMS fixtures: real frames of the shared IEC 61850 captures (named with capture and frame) and
 * hand-built PDUs, annotated after ISO 9506-2, IEC 61850-8-1 and X.225/X.226/X.227. In array
 * order they form one association: transport connect, session connect with AARQ and
 * initiate-Request, services with their responses (invoke ids pair up), release, then PDUs sent
 * straight over COTP and malformed input.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** TPKT + COTP DT (class 0, EOT) + GIVE-TOKENS + DATA TRANSFER, as every MMS PDU below. */
const DT_SESSION =
  '02' + // COTP length indicator 2
  'f0' + // DT
  '80' + // EOT, TPDU number 0
  '0100' + // session GIVE-TOKENS, no parameters
  '0100'; // session DATA TRANSFER, no parameters

export const fixtures: readonly DecoderFixture[] = [
  {
    // iec61850/mms-commands/iec61850_read.pcap frame 4
    name: 'cotp-connect-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '03000013' + // TPKT version 3, length 19
        '0e' + // COTP length indicator 14
        'e0' + // CR, credit 0
        '0000' + // destination reference
        '0006' + // source reference
        '00' + // class 0
        'c1020002' + // calling TSAP 00 02
        'c2020001', // called TSAP 00 01 (not an S7 TSAP: first octet 0)
    ),
  },
  {
    // iec61850/mms-commands/iec61850_read.pcap frame 6
    name: 'cotp-connect-confirm',
    dir: S,
    role: 'normal',
    bytes: hex(
      '03000016' + // TPKT length 22
        '11' + // COTP length indicator 17
        'd0' + // CC
        '1801' + // destination reference
        '0004' + // source reference
        '00' + // class 0
        'c1020002' + // calling TSAP
        'c2020200' + // called TSAP
        'c0010a', // TPDU size 2^10
    ),
  },
  {
    // iec61850/mms-commands/iec61850_read.pcap frame 8
    name: 'connect-aarq-initiate-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '030000bb' + // TPKT length 187
        '02f080' + // COTP DT, EOT
        '0db2' + // session CONNECT, LI 178
        '0506' + // PGI 5 connect/accept item, 6 bytes
        '130100' + // PI 19 protocol options: 0
        '160102' + // PI 22 version number: 2
        '14020002' + // PI 20 session user requirements: duplex
        '3302' +
        '0001' + // PI 51 calling session selector 0001
        '3402' +
        '0001' + // PI 52 called session selector 0001
        'c19c' + // PI 193 user data, 156 bytes: CP-type PPDU
        '318199' + // SET
        'a003' +
        '800101' + // mode-selector: normal mode
        'a28191' + // normal-mode-parameters
        '810400000001' + // calling presentation selector
        '820400000001' + // called presentation selector
        'a423' + // presentation-context-definition-list
        '300f' +
        '020101' +
        '0604' +
        '52010001' +
        '3004' +
        '0602' +
        '5101' + // ctx 1: ACSE 2.2.1.0.1, BER
        '3010' +
        '020103' +
        '0605' +
        '28ca220201' +
        '3004' +
        '0602' +
        '5101' + // ctx 3: MMS 1.0.9506.2.1
        '88020600' + // presentation requirements
        '615a' + // fully-encoded-data
        '3058' +
        '020101' + // PDV-list, context 1 (ACSE)
        'a053' + // single-ASN1-type
        '6051' + // AARQ
        '80020780' + // protocol version 1
        'a107' +
        '0605' +
        '28ca220203' + // application context 1.0.9506.2.3 (MMS)
        'a206' +
        '0604' +
        '2bce0f02' + // called AP title 1.3.9999.2
        'a303' +
        '020117' + // called AE qualifier 23
        'be35' +
        '2833' +
        '060251' +
        '01' + // user information: EXTERNAL, direct reference 2.1.1
        '020103' + // indirect reference: context 3
        'a02a' + // single-ASN1-type: the MMS PDU
        'a828' + // initiate-RequestPDU
        '80027530' + // localDetailCalling 30000 (max PDU size)
        '810203e8' + // proposedMaxServOutstandingCalling 1000
        '820203e8' + // proposedMaxServOutstandingCalled 1000
        '830105' + // proposedDataStructureNestingLevel 5
        'a417' + // mmsInitRequestDetail
        '800101' + // proposedVersionNumber 1
        '810305fb00' + // proposedParameterCBB: str1 str2 vnam valt vadr tpy vlis
        '820d03ffffffffffffffffffffff00', // servicesSupportedCalling: 88 services
    ),
  },
  {
    // iec61850/piccolo.pcap frame 2
    name: 'accept-aare-initiate-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0300009e' + // TPKT length 158
        '02f080' + // COTP DT, EOT
        '0e95' + // session ACCEPT, LI 149
        '0506' +
        '130100' +
        '160102' + // PGI 5: protocol options 0, version 2
        '14020002' + // PI 20 session user requirements: duplex
        'c187' + // PI 193 user data, 135 bytes: CPA-PPDU
        '318184' +
        'a003800101' + // SET, mode-selector normal
        'a27d' + // normal-mode-parameters
        '830400000001' + // responding presentation selector
        'a512' +
        '3007' +
        '800100' +
        '81025101' +
        '3007' +
        '800100' +
        '81025101' + // results: 2 acceptances
        '6161' +
        '305f' +
        '020101' +
        'a05a' + // fully-encoded-data, PDV context 1 (ACSE)
        '6158' + // AARE
        'a107' +
        '060528ca220203' + // application context 1.0.9506.2.3
        'a203' +
        '020100' + // result: accepted
        'a305' +
        'a103020100' + // result source diagnostic: service user, null
        'a407' +
        '06052901876701' + // responding AP title
        'a503' +
        '02010c' + // responding AE qualifier 12
        'be33' +
        '2831' +
        '06025101' +
        '020103' +
        'a028' + // user information, EXTERNAL, context 3
        'a926' + // initiate-ResponsePDU
        '800300c000' + // localDetailCalled 49152
        '810101' + // negotiatedMaxServOutstandingCalling 1
        '820101' + // negotiatedMaxServOutstandingCalled 1
        '830105' + // negotiatedDataStructureNestingLevel 5
        'a416' +
        '800101' + // negotiatedVersionNumber 1
        '810305e100' + // negotiatedParameterCBB
        '820c03ee1c000004000000010010', // servicesSupportedCalled
    ),
  },
  {
    // iec61850/piccolo.pcap frame 3
    name: 'identify-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0300001b' +
        DT_SESSION + // TPKT length 27, DT, GIVE-TOKENS + DATA TRANSFER
        '610e' +
        '300c' +
        '020103' +
        'a007' + // fully-encoded-data, PDV context 3 (MMS)
        'a005' + // confirmed-RequestPDU
        '020101' + // invokeID 1
        '8200', // identify (NULL)
    ),
  },
  {
    // iec61850/piccolo.pcap frame 4
    name: 'identify-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0300003c' +
        DT_SESSION +
        '612f' +
        '302d' +
        '020103' +
        'a028' +
        'a126' + // confirmed-ResponsePDU
        '020101' + // invokeID 1
        'a221' + // identify
        '8009' +
        '494e464f2054454348' + // vendorName "INFO TECH"
        '810d' +
        '53363138353020666f72205043' + // modelName "S61850 for PC"
        '8205' +
        '302e302e31', // revision "0.0.1"
    ),
  },
  {
    // iec61850/8d7c7db0-9804-012b-b2a6-0016cb8cea27.pcap frames 19+20 (TPKT header, then DT)
    name: 'read-request-domain-variables',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0300006f' +
        DT_SESSION +
        '6162' +
        '3060' +
        '020103' +
        'a05b' +
        'a059' + // confirmed-RequestPDU
        '02021150' + // invokeID 4432
        'a453' + // read
        'a151' + // variableAccessSpecification
        'a04f' + // listOfVariable
        '3022' +
        'a020' +
        'a11e' + // name: domain-specific
        '1a084b49524b4c414e44' + // domainId "KIRKLAND"
        '1a1242696c61746572616c5f5461626c655f4944' + // itemId "Bilateral_Table_ID"
        '3011' +
        'a00f' +
        '800d54415345325f56657273696f6e' + // vmd-specific "TASE2_Version"
        '3016' +
        'a014' +
        '8012537570706f727465645f4665617475726573', // vmd "Supported_Features"
    ),
  },
  {
    // iec61850/8d7c7db0-9804-012b-b2a6-0016cb8cea27.pcap frames 31+32
    name: 'read-response-values',
    dir: S,
    role: 'normal',
    bytes: hex(
      '03000031' +
        DT_SESSION +
        '6124' +
        '3022' +
        '020103' +
        'a01d' +
        'a11b' + // confirmed-ResponsePDU
        '02021150' + // invokeID 4432
        'a415' + // read
        'a113' + // listOfAccessResult
        '8a03312e30' + // visible-string "1.0"
        'a207' +
        '850207cc' +
        '850108' + // structure { integer 1996, integer 8 }
        '840304fb00', // bit-string, 4 unused bits
    ),
  },
  {
    // Hand-built after IEC 61850-8-1 20.5: direct operate of a breaker's position control
    name: 'write-request-control-operate',
    dir: C,
    role: 'normal',
    bytes: hex(
      '03000061' +
        DT_SESSION +
        '6154' +
        '3052' +
        '020103' +
        'a04d' +
        'a04b' + // confirmed-RequestPDU
        '020105' + // invokeID 5
        'a546' + // write
        'a022' +
        '3020' +
        'a01e' +
        'a11c' + // listOfVariable, name, domain-specific
        '1a07494544314c4430' + // domainId "IED1LD0"
        '1a11435357493124434f24506f73244f706572' + // itemId "CSWI1$CO$Pos$Oper"
        'a020' + // listOfData
        'a21e' + // structure (Oper)
        '830101' + // ctlVal true
        'a205' + // origin
        '850103' + // orCat 3 (remote control)
        '8900' + // orIdent ''
        '860101' + // ctlNum 1
        '9108' +
        '5f4e1b00' +
        '000000' +
        '0a' + // T: UtcTime seconds, fraction, quality
        '830100' + // Test false
        '84020640', // Check: bit-string, 6 unused bits, interlock-check
    ),
  },
  {
    // Hand-built: the write succeeded
    name: 'write-response-success',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0300001d' +
        DT_SESSION +
        '6110' +
        '300e' +
        '020103' +
        'a009' +
        'a107' + // confirmed-ResponsePDU
        '020105' + // invokeID 5
        'a502' +
        '8100', // write: success
    ),
  },
  {
    // iec61850/Sample_File_MMS_and_GOOSE.pcap frame 124
    name: 'get-variable-access-attributes-rcb',
    dir: C,
    role: 'normal',
    bytes: hex(
      '03000042' +
        DT_SESSION +
        '6135' +
        '3033' +
        '020103' +
        'a02e' +
        'a02c' + // confirmed-RequestPDU
        '020304a273' + // invokeID 303731
        'a625' +
        'a023' +
        'a121' + // getVariableAccessAttributes, name, domain-specific
        '1a0e41413145315130314650324c4430' + // domainId "AA1E1Q01FP2LD0"
        '1a0f4c4c4e30244252247263625f423032', // itemId "LLN0$BR$rcb_B02"
    ),
  },
  {
    // iec61850/Sample_File_MMS_and_GOOSE.pcap frame 126
    name: 'confirmed-error-object-non-existent',
    dir: S,
    role: 'normal',
    bytes: hex(
      '03000022' +
        DT_SESSION +
        '6115' +
        '3013' +
        '020103' +
        'a00e' +
        'a20c' + // confirmed-ErrorPDU
        '800304a273' + // invokeID 303731
        'a205' +
        'a003' + // serviceError, errorClass
        '870102', // access: object-non-existent
    ),
  },
  {
    // Hand-built: a data set (named variable list) defined
    name: 'define-named-variable-list-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0300004f' +
        DT_SESSION +
        '6142' +
        '3040' +
        '020103' +
        'a03b' +
        'a039' + // confirmed-RequestPDU
        '020107' + // invokeID 7
        'ab34' + // defineNamedVariableList
        'a113' +
        '1a07494544314c4430' +
        '1a084c4c4e3024445331' + // list name IED1LD0/LLN0$DS1
        'a01d' +
        '301b' +
        'a019' +
        'a117' + // listOfVariable, name, domain-specific
        '1a07494544314c4430' +
        '1a0c584342523124535424506f73', // IED1LD0/XCBR1$ST$Pos
    ),
  },
  {
    // Hand-built: the server rejects invoke id 7 (unrecognized service)
    name: 'reject-unrecognized-service',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0300001c' +
        DT_SESSION +
        '610f' +
        '300d' +
        '020103' +
        'a008' +
        'a406' + // rejectPDU
        '800107' + // originalInvokeID 7
        '810101', // confirmed-requestPDU: unrecognized-service
    ),
  },
  {
    // Hand-built: a COMTRADE record deleted
    name: 'file-delete-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '03000032' +
        DT_SESSION +
        '6125' +
        '3023' +
        '020103' +
        'a01e' +
        'a01c' + // confirmed-RequestPDU
        '020106' + // invokeID 6
        'bf4c16' + // fileDelete [76]
        '1914434f4d54524144452f6661756c7430312e636667', // "COMTRADE/fault01.cfg"
    ),
  },
  {
    // Hand-built: the delete is refused
    name: 'file-delete-error',
    dir: S,
    role: 'normal',
    bytes: hex(
      '03000020' +
        DT_SESSION +
        '6113' +
        '3011' +
        '020103' +
        'a00c' +
        'a20a' + // confirmed-ErrorPDU
        '800106' + // invokeID 6
        'a205' +
        'a003' +
        '8b0106', // file: file-access-denied
    ),
  },
  {
    // iec61850/8d7c7db0-9804-012b-b2a6-0016cb8cea27.pcap frames 85+86
    name: 'information-report',
    dir: S,
    role: 'normal',
    bytes: hex(
      '030000d2' +
        DT_SESSION +
        '618200c3' +
        '308200bf' +
        '020103' +
        'a08200b8' +
        'a381b5' + // unconfirmed-PDU
        'a081b2' + // informationReport
        'a07c' + // listOfVariable
        '3021' +
        'a01f' +
        'a11d' +
        '1a084b49524b4c414e44' +
        '1a115472616e736665725f5365745f4e616d65' +
        '3025' +
        'a023' +
        'a121' +
        '1a084b49524b4c414e44' +
        '1a154453436f6e646974696f6e735f4465746563746564' +
        '3008' +
        'a006' +
        '800454503239' + // vmd-specific "TP29"
        '3008' +
        'a006' +
        '800454503330' + // "TP30"
        '3008' +
        'a006' +
        '800454503331' + // "TP31"
        '3008' +
        'a006' +
        '800454503332' + // "TP32"
        '3008' +
        'a006' +
        '800454503333' + // "TP33"
        'a032' + // listOfAccessResult
        'a218' +
        '860101' +
        '8a084b49524b4c414e44' +
        '8a0943495445435f545331' + // structure
        '8402032084020020840200608402006084020060840200' +
        '20', // bit-strings
    ),
  },
  {
    // iec61850/Sample_File_MMS_and_GOOSE.pcap frame 136
    name: 'conclude-request',
    dir: C,
    role: 'normal',
    bytes: hex('03000016' + DT_SESSION + '6109' + '3007' + '020103' + 'a002' + '8b00'),
  },
  {
    // iec61850/Sample_File_MMS_and_GOOSE.pcap frame 138
    name: 'conclude-response',
    dir: S,
    role: 'normal',
    bytes: hex('03000016' + DT_SESSION + '6109' + '3007' + '020103' + 'a002' + '8c00'),
  },
  {
    // iec61850/Sample_File_MMS_and_GOOSE.pcap frame 139
    name: 'finish-release-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '03000019' +
        '02f080' +
        '0910' + // session FINISH, LI 16
        'c10e' + // user data, 14 bytes
        '610c' +
        '300a' +
        '020101' +
        'a005' + // fully-encoded-data, context 1 (ACSE)
        '6203' +
        '800101', // RLRQ, reason urgent
    ),
  },
  {
    // iec61850/Sample_File_MMS_and_GOOSE.pcap frame 140
    name: 'disconnect-release-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '03000019' +
        '02f080' +
        '0a10' + // session DISCONNECT, LI 16
        'c10e' +
        '610c' +
        '300a' +
        '020101' +
        'a005' +
        '6303' +
        '800101', // RLRE, reason 1
    ),
  },
  {
    // iec61850/mms-commands/mms-killRequest.pcap frame 12: MMS straight over COTP
    name: 'bare-kill-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '03000028' +
        '02f080' + // TPKT, COTP DT
        'a01f' + // confirmed-RequestPDU (no session or presentation)
        '020101' + // invokeID 1
        'bf2c19' + // kill [44]
        '8017523339353032343339374170706c69636174696f6e5f31', // program "R395024397Application_1"
    ),
  },
  {
    // Hand-built: initiate refused (initiate class, max-services-outstanding-calling insufficient)
    name: 'initiate-error',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0300001b' + DT_SESSION + '610e' + '300c' + '020103' + 'a007' + 'aa05' + 'a003' + '880103', // initiate-ErrorPDU: errorClass initiate, code 3
    ),
  },
  {
    // Hand-built: session ABORT, transport connection released
    name: 'session-abort',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0300000c' +
        '02f080' +
        '1903' + // ABORT, LI 3
        '110103', // PI 17 transport disconnect: released, user abort
    ),
  },
  {
    // iec61850/mms-commands/iec61850_read.pcap frame 10: ACCEPT whose LI (137) overruns the TSDU
    name: 'accept-length-overrun',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '03000091' +
        '02f080' +
        '0e89' + // ACCEPT, LI 137 (only 136 bytes follow)
        '0506' +
        '130100' +
        '060102' + // PGI 5
        '14020002' + // PI 20
        'c10031' + // PI 193 with a zero length, then the CPA SET as stray bytes
        '78a003800100a271830400000001a512300780010081025201300780010081025101880206006151304f02' +
        '0101a04a614880020780a107060528ca220203a203020100a305a103020100a40606042bce0f02a50302' +
        '0117be20281e020103a019a917800100810100820100830100a409800100810100820100',
    ),
  },
  {
    // Hand-built: a read whose variableAccessSpecification claims 127 bytes of 0
    name: 'truncated-read-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0300001b' +
        DT_SESSION +
        '610e' +
        '300c' +
        '020103' +
        'a007' +
        'a005' +
        '020108' + // confirmed-RequestPDU, invokeID 8
        'a47f', // read, length 127 past the PDU
    ),
  },
  {
    // Hand-built: DT data that is neither a session SPDU nor an MMS PDU
    name: 'unknown-spdu',
    dir: C,
    role: 'malformed',
    bytes: hex('0300000b' + '02f080' + '55021234'),
  },
];
