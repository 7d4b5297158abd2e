/**
 * Interface inference for associations caught mid-way (infer.ts): requests of the three shared
 * captures that start after their binds (frames cut from them as annotated hex), the near misses
 * that must not be named, and the association that showed a bind (never inferred).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { REQUIRE, SHARED_PCAPS, haveTool } from '../../../../test/helpers/shared.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import type { DcerpcFields } from './events.js';
import { dcerpcDecoder } from './index.js';
import { DcerpcPipe, dcerpcPipeMessage } from './pipe.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: AppEvent[] = [];
  anomalies: string[] = [];
  counts = new Map<string, number>();
  emit(e: AppEvent): void {
    this.events.push(e);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    // Flow confirmation does not matter here.
  }
  count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

/** A TCP DCE/RPC session: feeds PDUs and returns the `dcerpc` object of each event. */
function tcp() {
  const state = dcerpcDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    feed(dir: Direction, bytes: Uint8Array): DcerpcFields {
      dcerpcDecoder.parse(state, bytes, dir, sink);
      return (sink.events.at(-1) as unknown as { dcerpc: DcerpcFields }).dcerpc;
    },
  };
}

const le16 = (n: number): string =>
  (n & 0xff).toString(16).padStart(2, '0') + ((n >> 8) & 0xff).toString(16).padStart(2, '0');

/**
 * A single-fragment request without auth ([C706] 12.6.4.9): context `ctx`, `opnum`, an object
 * UUID when `object` is given, then `stub` (hex).
 */
function request(ctx: number, opnum: number, stub: string, object?: string): Uint8Array {
  const body = (object ?? '') + stub;
  return hex(
    '05' + // rpc_vers 5
      '00' + // rpc_vers_minor 0
      '00' + // PTYPE request
      (object === undefined ? '03' : '83') + // first + last fragment (+ object UUID)
      '10000000' + // packed_drep little-endian
      le16(24 + body.length / 2) + // frag_length
      '0000' + // auth_length 0
      '07000000' + // call_id 7
      '00000000' + // alloc_hint
      le16(ctx) + // p_cont_id
      le16(opnum) + // opnum
      body,
  );
}

/** A response to call 7 on `ctx` with an empty stub. */
function response(ctx: number): Uint8Array {
  return hex(
    '05000203' + // v5.0, response, first + last
      '10000000' + // little-endian
      '1800' + // frag_length 24
      '0000' + // auth_length 0
      '07000000' + // call_id 7
      '00000000' + // alloc_hint
      le16(ctx) + // p_cont_id
      '00' + // cancel_count
      '00', // reserved
  );
}

// --- lsarpc LsarRetrievePrivateData in NDR64 (CredAccess_BackupMasterKey_LSARPC_43, frame 1) ---

const POLICY_HANDLE = '00000000' + 'a474b9cef306644fb1dd365e672d1bbc'; // attributes 0, GUID

/** The frame's 112-byte stub, with optional changes for the near misses. */
function lsaStub(o: { ref?: string; max?: string; actual?: string; tail?: string } = {}): string {
  return (
    POLICY_HANDLE + // PolicyHandle (20 bytes)
    '00000000' + // NDR64 padding to 8
    '2800' + // KeyName.Length = 40 bytes
    '2a00' + // KeyName.MaximumLength = 42
    '00000000' + // padding to 8 (the struct holds a pointer)
    (o.ref ?? '0000020000000000') + // KeyName.Buffer referent (8 bytes)
    (o.max ?? '1500000000000000') + // conformance: max_count 21
    '0000000000000000' + // offset 0
    (o.actual ?? '1400000000000000') + // actual_count 20
    '47002400420043004b00550050004b00450059005f00500052004500460045005200520045004400' + // G$BCKUPKEY_PREFERRED
    (o.tail ?? '0000000000000000') // EncryptedData: null unique pointer (8 bytes)
  );
}

/** The frame's PDU as the SMB2 IOCTL (FSCTL_PIPE_TRANSCEIVE) carries it: context 1, opnum 43. */
const lsaRequest = (stub = lsaStub()): Uint8Array => request(1, 43, stub);

describe('inference on a named pipe caught after its bind', () => {
  it('names LsarRetrievePrivateData (NDR64) and the key name, then the response', () => {
    const pipe = new DcerpcPipe(DEFAULT_LIMITS);
    const sink = new Sink();
    const req = lsaRequest();
    const f = dcerpcPipeMessage(pipe, req, 0, req.length, true, sink);
    expect(f).toMatchObject({
      interface_name: 'lsarpc',
      interface_uuid: '12345778-1234-abcd-ef00-0123456789ab',
      opnum: 43,
      operation: 'LsarRetrievePrivateData',
      interface_inferred: true,
      lsa_secret_name: 'G$BCKUPKEY_PREFERRED',
      stub_length: 112,
    });
    const resp = response(1);
    const r = dcerpcPipeMessage(pipe, resp, 0, resp.length, false, sink);
    expect(r).toMatchObject({
      interface_name: 'lsarpc',
      operation: 'LsarRetrievePrivateData',
      interface_inferred: true,
    });
    // The context is remembered: the next call is named without a second inference.
    const again = dcerpcPipeMessage(pipe, req, 0, req.length, true, sink);
    expect(again?.interface_inferred).toBe(true);
    expect(sink.counts.get('dcerpc.interface_inferred')).toBe(1);
    expect(sink.anomalies).toEqual([]);
  });

  it.each([
    ['a stub 8 bytes longer than the layout', lsaStub({ tail: '0000000000000000' + '00000000' })],
    ['a stub cut before EncryptedData', lsaStub({ tail: '' })],
    ['a null Buffer referent with Length 40', lsaStub({ ref: '0000000000000000' })],
    ['a referent with the NDR64 high half set', lsaStub({ ref: '0000020001000000' })],
    ['max_count not MaximumLength / 2', lsaStub({ max: '1600000000000000' })],
    ['actual_count not Length / 2', lsaStub({ actual: '1300000000000000' })],
    ['a non-null EncryptedData on input', lsaStub({ tail: '0400020000000000' })],
    ['a null policy handle', '00'.repeat(20) + lsaStub().slice(40)],
  ])('does not name %s', (_what, stub) => {
    const pipe = new DcerpcPipe(DEFAULT_LIMITS);
    const sink = new Sink();
    const req = lsaRequest(stub);
    const f = dcerpcPipeMessage(pipe, req, 0, req.length, true, sink);
    expect(f?.opnum).toBe(43);
    expect(f?.interface_name).toBeUndefined();
    expect(f?.interface_inferred).toBeUndefined();
    expect(sink.counts.get('dcerpc.inference_rejected')).toBe(1);
    expect(sink.counts.get('dcerpc.interface_inferred')).toBeUndefined();
  });

  it('never infers on an association that showed a bind', () => {
    const s = tcp();
    // A bind for epmapper on context 0 (the capture saw it): context 1 is then unknown.
    s.feed(
      C,
      hex(
        '05000b03' + // v5.0, bind, first + last
          '10000000' + // little-endian
          '4800' + // frag_length 72
          '0000' + // auth_length 0
          '01000000' + // call_id 1
          'b810b810' + // max_xmit_frag, max_recv_frag 4280
          '00000000' + // assoc_group_id
          '01000000' + // one context
          '0000' + // p_cont_id 0
          '0100' + // one transfer syntax
          '0883afe11f5dc91191a408002b14a0fa' + // epmapper
          '03000000' + // version 3.0
          '045d888aeb1cc9119fe808002b104860' + // NDR
          '02000000', // version 2
      ),
    );
    const f = s.feed(C, lsaRequest());
    expect(f.interface_name).toBeUndefined();
    expect(f.interface_inferred).toBeUndefined();
    expect(s.sink.anomalies).toContain('dcerpc.unknown_context');
    expect(s.sink.counts.size).toBe(0);
  });
});

// --- DCOM (LM_dcom_mmc20.application_dcerpc) ---

/** ORPCTHIS of every call of the capture ([MS-DCOM] 2.2.13.1). */
const ORPCTHIS =
  '0500' + // COMVERSION major 5
  '0700' + // minor 7
  '00000000' + // flags ORPCF_NULL
  '00000000' + // reserved1
  '53ffbb2eb6a7fa4b9ff1562ff654f3f8' + // cid (causality id)
  '00000000'; // extensions: null

/** Frame 1 (TCP 135): RemoteGetClassObject of MMC20.Application, whole PDU (796-byte stub). */
const ACTIVATION =
  '05000003' + // v5.0, request, first + last
  '10000000' + // little-endian
  '3403' + // frag_length 820
  '0000' + // auth_length 0
  '06000000' + // call_id 6
  '1c030000' + // alloc_hint 796
  '0000' + // p_cont_id 0
  '0300' + // opnum 3
  '0500' + // ORPCTHIS: COMVERSION 5.7
  '0700' +
  '01000000' + // flags ORPCF_LOCAL
  '00000000' + // reserved1
  '53ffbb2eb6a7fa4b9ff1562ff654f3f8' + // cid
  '00000000' + // extensions: null
  '00000200' + // pActProperties referent
  'f0020000' + // ulCntData 752
  'f0020000' + // abData max_count 752
  '4d454f57' + // OBJREF signature MEOW
  '04000000' + // flags OBJREF_CUSTOM
  'a201000000000000c000000000000046' + // iid IID_IActivationPropertiesIn
  '3803000000000000c000000000000046' + // clsid CLSID_ActivationPropertiesIn
  '00000000' + // cbExtension 0
  'c8020000' + // reserved (ignored)
  'b8020000' + // activation blob dwSize 696
  '00000000' + // dwReserved
  '01100800cccccccc' + // CustomHeader: type serialization common header
  'b000000000000000' + // private header: object length 176
  'b8020000' + // totalSize 696
  'c0000000' + // headerSize 192
  '00000000' + // dwReserved
  '02000000' + // destCtx
  '06000000' + // cIfs 6
  '00000000000000000000000000000000' + // classInfoClsid
  '00000200' + // pclsid referent
  '04000200' + // pSizes referent
  '00000000' + // pdwReserved null
  '06000000' + // pclsid max_count 6
  'b901000000000000c000000000000046' + // SpecialSystemProperties
  'ab01000000000000c000000000000046' + // InstantiationInfo
  'a501000000000000c000000000000046' + // ActivationContextInfo
  'a601000000000000c000000000000046' + // SecurityInfo
  'a401000000000000c000000000000046' + // ServerLocationInfo
  'aa01000000000000c000000000000046' + // ScmRequestInfo
  '06000000' + // pSizes max_count 6
  '68000000' + // 104
  '58000000' + // 88
  '90000000' + // 144
  '58000000' + // 88
  '20000000' + // 32
  '30000000' + // 48
  '01100800cccccccc5800000000000000' + // SpecialSystemProperties (104 bytes): serialization headers
  'ffffffff000000000000000000000000020000000000000000000000000000000000000000000000' +
  '10000000020000000000000000000000000000000000000000000000000000000000000000000000' +
  '0000000000000000' +
  '01100800cccccccc4800000000000000' + // InstantiationInfo (88 bytes): serialization headers
  '1a79b249aeb1904c9b8ee860ba07f889' + // classId {49B2791A-B1AE-4C90-9B8E-E860BA07F889}
  '10000000000000000000000001000000000000000000020058000000050007000100000001000000' +
  '00000000c00000000000004600000000' +
  '01100800cccccccc8000000000000000' + // ActivationContextInfo (144 bytes): serialization headers
  '00000000000000000000000000000000000002000000000060000000600000004d454f5704000000' +
  'c001000000000000c0000000000000463b03000000000000c0000000000000460000000030000000' +
  '0100010078363611f3ba2d4ba897da1fc400502d0200000000000000000000000000000000000000' +
  '0000000001000000' +
  '01100800cccccccc4800000000000000' + // SecurityInfo (88 bytes): serialization headers
  '000000000000020000000000000000000400020000000000000000000d000000000000000d000000' +
  '3100370032002e00310036002e00360036002e00330036000000000000000000' +
  '01100800cccccccc1000000000000000' + // ServerLocationInfo (32 bytes): serialization headers
  '00000000000000000000000000000000' +
  '01100800cccccccc2000000000000000' + // ScmRequestInfo (48 bytes): serialization headers
  '0000000000000200020000000100000004000200010000000700000000000000';

/** Frame 11: a request whose verification trailer names IProvideClassInfo (context 4). */
const TRAILER_REQUEST =
  '05000083' + // v5.0, request, first + last + object UUID
  '10000000' + // little-endian
  'a000' + // frag_length 160
  '1000' + // auth_length 16
  '07000000' + // call_id 7
  '54000000' + // alloc_hint 84
  '0400' + // p_cont_id 4
  '0300' + // opnum 3
  '0b740000e0198418777bd4272fbd4835' + // object UUID (IPID)
  ORPCTHIS +
  '8ae3137102f43671' + // SEC_VT signature ([MS-RPCE] 2.2.2.13)
  '0240' + // command PCONTEXT | SEC_VT_COMMAND_END
  '2800' + // length 40
  '83b296b1b4ba1a10b69c00aa00341d07' + // abstract syntax IProvideClassInfo
  '00000000' + // version 0.0
  '045d888aeb1cc9119fe808002b104860' + // transfer syntax NDR
  '02000000' + // version 2
  '000000000000000000000000' + // auth padding (12)
  '09' + // auth_type SPNEGO
  '05' + // auth_level packet integrity
  '0c' + // auth_pad_length 12
  '00' + // reserved
  '00000000' + // auth_context_id
  '010000008075ecad7adb50a706000000'; // NTLMSSP verifier

/** Frame 33: IDispatch Invoke on context 6 (no trailer: the context's first call had it). */
const INVOKE_STUB =
  ORPCTHIS +
  '04000000' + // dispIdMember 4
  '00000000000000000000000000000000' + // riid IID_NULL
  '00000000' + // lcid
  '03000000' + // dwFlags DISPATCH_METHOD | DISPATCH_PROPERTYGET
  '00000000' + // pDispParams.rgvarg null
  '00000000' + // rgdispidNamedArgs null
  '00000000' + // cArgs 0
  '00000000' + // cNamedArgs 0
  '00000000' + // cVarRef 0
  '00000000' + // rgVarRefIdx max_count 0
  '00000000'; // rgVarRef max_count 0
const IPID = 'fe46cc4443a1fc640d0c0000e0198418';

/** Frame 7: RemQueryInterface on context 0 (IRemUnknown2's inherited method). */
const REMQI_STUB =
  ORPCTHIS +
  '0c8c0000e0198418c168d6c9a7cd5bc2' + // ripid
  '05000000' + // cRefs 5
  '0100' + // cIids 1
  '0000' + // padding
  '01000000' + // iids max_count 1
  '9ec1fcc370a9d2118b5a00a0c9b7c9c4'; // IID asked for

/** IDispatch GetIDsOfNames of "ExecuteShellCommand" (hand-built, [MS-OAUT] 3.1.4.3). */
const NAME = 'ExecuteShellCommand';
const utf16z = (t: string): string =>
  [...t].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0') + '00').join('') + '0000';
const GET_IDS_STUB =
  ORPCTHIS +
  '00000000000000000000000000000000' + // riid IID_NULL
  '01000000' + // rgszNames max_count 1
  '00000200' + // rgszNames[0] referent
  '14000000' + // string max_count 20
  '00000000' + // offset 0
  '14000000' + // actual_count 20 (with the NUL)
  utf16z(NAME) + // "ExecuteShellCommand\0"
  '01000000' + // cNames 1
  '09040000'; // lcid 0x409

describe('inference on DCOM connections caught after their binds', () => {
  it('names the activation and reports the MMC20.Application class', () => {
    const s = tcp();
    const f = s.feed(C, hex(ACTIVATION));
    expect(f).toMatchObject({
      interface_name: 'IRemoteSCMActivator',
      operation: 'RemoteGetClassObject',
      interface_inferred: true,
      dcom_clsid: '49b2791a-b1ae-4c90-9b8e-e860ba07f889',
      dcom_class_name: 'MMC20.Application',
      stub_length: 796,
    });
  });

  it('reads the class before a verification trailer', () => {
    const s = tcp();
    const stub =
      ACTIVATION.slice(48) + // the frame's 796-byte stub
      '8ae3137102f43671' + // SEC_VT signature
      '0240' + // PCONTEXT | SEC_VT_COMMAND_END
      '2800' + // length 40
      'a001000000000000c000000000000046' + // IRemoteSCMActivator
      '00000000' + // version 0.0
      '045d888aeb1cc9119fe808002b104860' + // NDR
      '02000000'; // version 2
    expect(s.feed(C, request(0, 3, stub))).toMatchObject({
      interface_name: 'IRemoteSCMActivator',
      interface_inferred: true,
      dcom_class_name: 'MMC20.Application',
      stub_length: 848,
    });
  });

  it.each([
    ['a CustomHeader size off by 8', ACTIVATION.replace('0600000068000000', '0600000060000000')],
    ['ulCntData not the conformance', ACTIVATION.replace('f0020000f0020000', 'f0020000e8020000')],
    ['an ORPCTHIS of COM version 6', ACTIVATION.replace('0500070001000000', '0600070001000000')],
  ])('does not name an activation with %s', (_what, pdu) => {
    const s = tcp();
    const f = s.feed(C, hex(pdu));
    expect(f.interface_name).toBeUndefined();
    expect(f.dcom_clsid).toBeUndefined();
    expect(s.sink.counts.get('dcerpc.inference_rejected')).toBe(1);
  });

  it('names a context from the verification trailer, and its later calls', () => {
    const s = tcp();
    const f = s.feed(C, hex(TRAILER_REQUEST));
    expect(f).toMatchObject({
      interface_uuid: 'b196b283-bab4-101a-b69c-00aa00341d07',
      interface_name: 'IProvideClassInfo',
      operation: 'GetClassInfo',
      interface_inferred: true,
      stub_length: 84,
    });
    expect(s.feed(S, response(4))).toMatchObject({ operation: 'GetClassInfo' });
    const next = s.feed(C, request(4, 3, ORPCTHIS, '0b740000e0198418777bd4272fbd4835'));
    expect(next.interface_name).toBe('IProvideClassInfo');
    expect(next.interface_inferred).toBe(true);
    expect(s.sink.counts.get('dcerpc.interface_inferred')).toBe(1);
  });

  it('does not take a trailer that does not end the stub', () => {
    const s = tcp();
    // The trailer's PCONTEXT claims 44 bytes: it would run past the stub.
    const bad = TRAILER_REQUEST.replace('02402800', '02402c00');
    const f = s.feed(C, hex(bad));
    expect(f.interface_uuid).toBeUndefined();
    expect(f.interface_inferred).toBeUndefined();
  });

  it('names IDispatch Invoke and RemQueryInterface from their layouts alone', () => {
    const s = tcp();
    expect(s.feed(C, request(6, 6, INVOKE_STUB, IPID))).toMatchObject({
      interface_name: 'IDispatch',
      operation: 'Invoke',
      interface_inferred: true,
    });
    expect(s.feed(C, request(0, 3, REMQI_STUB, IPID))).toMatchObject({
      interface_name: 'IRemUnknown',
      operation: 'RemQueryInterface',
      interface_inferred: true,
    });
    expect(s.feed(C, request(2, 5, GET_IDS_STUB, IPID))).toMatchObject({
      interface_name: 'IDispatch',
      operation: 'GetIDsOfNames',
      dispatch_names: [NAME],
    });
  });

  it.each([
    ['Invoke without an object UUID', request(6, 6, INVOKE_STUB)],
    ['Invoke with arguments', request(6, 6, INVOKE_STUB.replace(/00000000$/, '01000000'), IPID)],
    ['Invoke with 4 trailing bytes', request(6, 6, INVOKE_STUB + '00000000', IPID)],
    [
      'RemQueryInterface with cIids 2 and one IID',
      request(0, 3, REMQI_STUB.replace('01000000' + '01000000', '01000000' + '02000000'), IPID),
    ],
    [
      'GetIDsOfNames with cNames 2',
      request(2, 5, GET_IDS_STUB.replace(/01000000(09040000)$/, '02000000$1'), IPID),
    ],
    [
      'GetIDsOfNames without the NUL',
      request(
        2,
        5,
        GET_IDS_STUB.replace(
          '14000000' + '00000000' + '14000000',
          '14000000' + '00000000' + '13000000',
        ),
        IPID,
      ),
    ],
  ])('does not name %s', (_what, pdu) => {
    const s = tcp();
    const f = s.feed(C, pdu);
    expect(f.interface_name).toBeUndefined();
    expect(f.interface_inferred).toBeUndefined();
  });

  it('leaves encrypted stubs alone and counts them', () => {
    const s = tcp();
    // Packet privacy (level 6): the stub cannot be read.
    const pdu = hex(
      '05000003' + // request, first + last
        '10000000' + // little-endian
        '3800' + // frag_length 56
        '1000' + // auth_length 16
        '0c000000' + // call_id 12
        '08000000' + // alloc_hint
        '0000' + // p_cont_id 0
        '0300' + // opnum 3
        '0123456789abcdef' + // 8 encrypted stub bytes
        '0906000000000000' + // sec_trailer: SPNEGO, privacy, no padding
        '01000000' + // NTLMSSP verifier
        '000000000000000000000000',
    );
    const f = s.feed(C, pdu);
    expect(f.stub_encrypted).toBe(true);
    expect(f.interface_name).toBeUndefined();
    expect(s.sink.counts.get('dcerpc.inference_unreadable')).toBe(1);
  });
});

describe('the real captures', () => {
  const dcom = path.join(
    SHARED_PCAPS,
    'it-attacks/pcap-attack/Lateral_Movement/LM_dcom_mmc20.application_dcerpc.pcapng',
  );
  const have = existsSync(dcom);
  if (!have && REQUIRE) throw new Error(`missing ${dcom}`);
  const run = have && haveTool('tshark', '-v');

  it.skipIf(!run)('names every DCOM call of LM_dcom_mmc20 from its TCP payloads', () => {
    const out = spawnSync(
      'tshark',
      [
        '-r',
        dcom,
        '-Y',
        'tcp.len > 0',
        '-T',
        'fields',
        '-e',
        'tcp.stream',
        '-e',
        'tcp.dstport',
        '-e',
        'tcp.payload',
      ],
      { encoding: 'utf8' },
    ).stdout;
    const sessions = new Map<string, ReturnType<typeof tcp>>();
    const calls: DcerpcFields[] = [];
    for (const line of out.trim().split('\n')) {
      const [stream, dport, payload] = line.split('\t') as [string, string, string];
      let s = sessions.get(stream);
      if (s === undefined) {
        s = tcp();
        sessions.set(stream, s);
      }
      const toServer = dport === '135' || dport === '60283';
      calls.push(s.feed(toServer ? C : S, hex(payload)));
    }
    const requests = calls.filter((f) => f.packet_type_name === 'request');
    expect(requests.length).toBe(37);
    expect(requests.every((f) => f.interface_inferred === true)).toBe(true);
    expect(requests[0]).toMatchObject({ dcom_class_name: 'MMC20.Application' });
    expect(
      requests.filter((f) => f.operation === 'Invoke' && f.interface_name === 'IDispatch').length,
    ).toBe(3);
  });
});

describe('hostile stubs', () => {
  const cases: [string, Uint8Array, string][] = [
    ['LsarRetrievePrivateData', lsaRequest(), 'lsarpc'],
    ['the MMC20 activation', hex(ACTIVATION), 'IRemoteSCMActivator'],
    ['the verification trailer', hex(TRAILER_REQUEST), 'IProvideClassInfo'],
    ['Invoke', request(6, 6, INVOKE_STUB, IPID), 'IDispatch'],
    ['GetIDsOfNames', request(2, 5, GET_IDS_STUB, IPID), 'IDispatch'],
    ['RemQueryInterface', request(0, 3, REMQI_STUB, IPID), 'IRemUnknown'],
  ];
  it.each(cases)(
    'every one-byte change of %s names its interface or nothing, never another known one',
    (_what, pdu, iface) => {
      const named = new Set<string>();
      // Bytes after the 24-byte header (the object UUID, the stub and any auth trailer).
      for (let i = 24; i < pdu.length; i++) {
        for (const v of [0x00, 0xff, (pdu[i] as number) ^ 0x01]) {
          if (v === pdu[i]) continue;
          const m = pdu.slice();
          m[i] = v;
          const s = tcp();
          const f = s.feed(C, m);
          // A trailer names whatever UUID it carries: a changed UUID is no known interface.
          if (f.interface_inferred === true && f.interface_name !== undefined) {
            named.add(f.interface_name);
          }
        }
      }
      expect([...named].filter((n) => n !== iface)).toEqual([]);
    },
  );
});
