/** DCE/RPC decoder: bind/ack contexts, calls named by interface and opnum, epm towers, auth, faults, fragments, the pipe path. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import type { DcerpcFields } from './events.js';
import { fixtures } from './fixtures.js';
import { dcerpcDecoder } from './index.js';
import { DcerpcPipe, dcerpcPipeMessage } from './pipe.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: AppEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = dcerpcDecoder.createState(limits);
  const sink = new Sink();
  return {
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return dcerpcDecoder.parse(state, bytes, dir, sink);
    },
    last(): DcerpcFields {
      return (sink.events.at(-1) as unknown as { dcerpc: DcerpcFields }).dcerpc;
    },
  };
}

/** NTLMSSP bind, then an encrypted svcctl request (psexec capture frames 126 and 131, cut). */
const SVCCTL_BIND_NTLM = hex(
  '05000b07' + // v5.0, bind, flags first+last+support_header_sign
    '10000000' + // little-endian
    '7000' + // frag_length = 112
    '2000' + // auth_length = 32
    '02000000' + // call_id = 2
    'd016d016' + // max_xmit_frag = max_recv_frag = 5840
    '00000000' + // assoc_group_id
    '01000000' + // one context
    '0000' +
    '0100' + // p_cont_id 0, one transfer syntax
    '81bb7a364498f135ad3298f038001003' +
    '0200' +
    '0000' + // svcctl v2.0
    '045d888aeb1cc9119fe808002b104860' +
    '02000000' + // NDR
    '0a' + // auth_type = 10 (NTLMSSP)
    '06' + // auth_level = 6 (packet privacy)
    '00' +
    '00' + // auth_pad_length, reserved
    '00000000' + // auth_context_id
    '4e544c4d53535000' + // "NTLMSSP\0"
    '01000000' + // NEGOTIATE
    'b78208e2' + // flags
    '0000000000000000' + // domain (empty)
    '0000000000000000', // workstation (empty)
);

const SVCCTL_CREATE_ENCRYPTED = hex(
  '05000003' + // v5.0, request, first+last
    '10000000' + // little-endian
    '3800' + // frag_length = 56
    '1000' + // auth_length = 16
    '03000000' + // call_id = 3
    'c4000000' + // alloc_hint = 196
    '0000' + // p_cont_id = 0
    '0c00' + // opnum = 12 (RCreateServiceW)
    'dcaa2bf1a461e2db' + // encrypted stub (8 bytes here)
    '0a' +
    '06' +
    '00' +
    '00' +
    '00000000' + // sec_trailer: NTLMSSP, privacy, no padding
    '01000000e5e7166fb7f0a70200000000', // NTLMSSP signature (16)
);

describe('DCE/RPC over TCP: the Zerologon conversation', () => {
  it('names the epmapper bind, its ack and the ept_map tower with port and address', () => {
    const s = session();
    expect(s.parse(C, fx('bind-epmapper'))).toEqual({ kind: 'ok' });
    expect(s.sink.confirms).toBe(1);
    const bind = s.last();
    expect(bind).toMatchObject({
      packet_type: 11,
      packet_type_name: 'bind',
      call_id: 1,
      max_xmit_frag: 4280,
      interface_uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa',
      interface_name: 'epmapper',
    });
    expect(bind.contexts).toEqual([
      {
        context_id: 0,
        interface_uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa',
        interface_version: '3.0',
        interface_name: 'epmapper',
        transfer_syntaxes: ['8a885d04-1ceb-11c9-9fe8-08002b104860'],
        transfer_syntax_names: ['ndr'],
      },
    ]);
    s.parse(S, fx('bind-ack-epmapper'));
    expect(s.last()).toMatchObject({
      packet_type_name: 'bind_ack',
      secondary_address: '135',
      assoc_group_id: 0x51f3,
      results: [
        {
          result: 0,
          result_name: 'acceptance',
          reason: 0,
          transfer_syntax: '8a885d04-1ceb-11c9-9fe8-08002b104860',
          context_id: 0,
          interface_name: 'epmapper',
        },
      ],
    });
    s.parse(C, fx('ept-map-request'));
    expect(s.last()).toMatchObject({
      opnum: 3,
      operation: 'ept_map',
      interface_name: 'epmapper',
      epm_interface_uuid: '12345678-1234-abcd-ef00-01234567cffb',
      epm_interface_name: 'netlogon',
      stub_length: 132,
    });
    s.parse(S, fx('ept-map-response'));
    expect(s.last()).toMatchObject({
      packet_type_name: 'response',
      opnum: 3,
      operation: 'ept_map',
      epm_status: 0,
      epm_towers: [
        {
          interface_uuid: '12345678-1234-abcd-ef00-01234567cffb',
          interface_name: 'netlogon',
          protseq: 'ncacn_ip_tcp',
          port: 49668,
          ip: '172.16.66.36',
        },
      ],
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags the zero challenge and zero credential of Zerologon, with the account names', () => {
    const s = session();
    for (const name of ['bind-netlogon', 'bind-ack-netlogon']) {
      s.parse(name === 'bind-netlogon' ? C : S, fx(name));
    }
    s.parse(C, fx('netr-server-req-challenge-zero'));
    expect(s.last()).toMatchObject({
      interface_name: 'netlogon',
      opnum: 4,
      operation: 'NetrServerReqChallenge',
      netlogon_computer: '01566S-WIN16-IR',
      netlogon_zero_credential: true,
    });
    s.parse(S, fx('netr-server-req-challenge-response'));
    expect(s.last()).toMatchObject({ opnum: 4, operation: 'NetrServerReqChallenge' });
    s.parse(C, fx('netr-server-authenticate3-zero'));
    expect(s.last()).toMatchObject({
      opnum: 26,
      operation: 'NetrServerAuthenticate3',
      netlogon_account: '01566S-WIN16-IR$',
      netlogon_computer: '01566S-WIN16-IR',
      netlogon_zero_credential: true,
      netlogon_negotiate_flags: 0x212fffff,
    });
    s.parse(S, fx('netr-server-authenticate3-denied'));
    expect(s.last()).toMatchObject({ opnum: 26, operation: 'NetrServerAuthenticate3' });
    expect(s.sink.anomalies).toEqual([
      'dcerpc.netlogon_zero_credential',
      'dcerpc.netlogon_zero_credential',
    ]);
  });

  it('names a fault and flags a call on a context never bound', () => {
    const s = session();
    s.parse(C, fx('bind-epmapper'));
    s.parse(C, fx('request-unknown-context'));
    expect(s.last()).toMatchObject({ context_id: 7, opnum: 5 });
    expect(s.last().interface_name).toBeUndefined();
    s.parse(S, fx('fault-unknown-interface'));
    expect(s.last()).toMatchObject({
      packet_type_name: 'fault',
      status: 0x1c010003,
      status_name: 'nca_unk_if',
      opnum: 5,
      flags: 0x23,
    });
    expect(s.sink.anomalies).toEqual(['dcerpc.unknown_context', 'dcerpc.fault']);
  });

  it('reads the auth verifier: NTLMSSP, packet privacy, stub marked encrypted', () => {
    const s = session();
    s.parse(C, SVCCTL_BIND_NTLM);
    const ev = s.sink.events.at(-1) as unknown as {
      dcerpc: DcerpcFields;
      ntlmssp?: { message_type: string };
    };
    expect(ev.dcerpc).toMatchObject({
      interface_name: 'svcctl',
      auth_type: 10,
      auth_type_name: 'ntlmssp',
      auth_level: 6,
      auth_level_name: 'packet_privacy',
    });
    expect(ev.ntlmssp?.message_type).toBe('negotiate');
    s.parse(C, SVCCTL_CREATE_ENCRYPTED);
    expect(s.last()).toMatchObject({
      interface_name: 'svcctl',
      opnum: 12,
      operation: 'RCreateServiceW',
      stub_encrypted: true,
      stub_length: 8,
    });
  });
});

describe('DCE/RPC framing and limits', () => {
  it('rejects a flow whose first PDU is not DCE/RPC, and stops a confirmed direction', () => {
    const s = session();
    expect(s.parse(C, hex('04000b03' + '10000000' + '4800000001000000'))).toEqual({
      kind: 'reject',
      anomaly: 'dcerpc.invalid_header',
    });
    const t = session();
    t.parse(C, fx('bind-epmapper'));
    expect(t.parse(C, hex('ff'.repeat(16)))).toEqual({ kind: 'ok' });
    expect(t.sink.anomalies).toEqual(['dcerpc.invalid_header']);
    t.parse(C, fx('ept-map-request'));
    expect(t.sink.events).toHaveLength(1);
  });

  it('asks for the rest of a PDU cut short', () => {
    const s = session();
    const b = fx('bind-epmapper');
    expect(s.parse(C, b.subarray(0, 10))).toEqual({ kind: 'incomplete', consumed: 0, needed: 16 });
    expect(s.parse(C, b.subarray(0, 40))).toEqual({ kind: 'incomplete', consumed: 0, needed: 72 });
  });

  it('reassembles a fragmented ept_map response and counts its fragments', () => {
    const s = session();
    s.parse(C, fx('bind-epmapper'));
    s.parse(C, fx('ept-map-request'));
    const whole = fx('ept-map-response');
    const stub = whole.subarray(24);
    const frag = (flags: number, part: Uint8Array): Uint8Array => {
      const out = new Uint8Array(24 + part.length);
      out.set(whole.subarray(0, 24));
      out[3] = flags;
      out[8] = out.length & 0xff;
      out[9] = out.length >> 8;
      out.set(part, 24);
      return out;
    };
    s.parse(S, frag(0x01, stub.subarray(0, 50)));
    expect(s.last().epm_towers).toBeUndefined();
    s.parse(S, frag(0x00, stub.subarray(50, 100)));
    s.parse(S, frag(0x02, stub.subarray(100)));
    expect(s.last()).toMatchObject({
      first_frag: false,
      last_frag: true,
      fragment_count: 3,
      reassembled_length: 128,
      epm_towers: [{ port: 49668, ip: '172.16.66.36', interface_name: 'netlogon' }],
    });
    expect(s.sink.anomalies).toEqual([]);
  });

  it('reports a middle fragment without its first', () => {
    const s = session();
    const b = Uint8Array.from(fx('netr-server-req-challenge-response'));
    b[3] = 0x02;
    s.parse(S, b);
    expect(s.sink.anomalies).toEqual(['dcerpc.fragment_out_of_order']);
  });

  it('bounds the call table', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 2 });
    const req = Uint8Array.from(fx('request-unknown-context'));
    for (let call = 1; call <= 3; call++) {
      req[12] = call;
      s.parse(C, req);
    }
    expect(s.sink.anomalies).toEqual(['dcerpc.too_many_calls']);
  });

  it('names a bind_nak and flags malformed binds and auth lengths', () => {
    const s = session();
    s.parse(S, fx('bind-nak'));
    expect(s.last()).toMatchObject({
      reject_reason: 4,
      reject_reason_name: 'protocol_version_not_supported',
    });
    s.parse(C, fx('bind-truncated-context-list'));
    expect(s.last().contexts).toHaveLength(1);
    s.parse(C, fx('request-bad-auth-length'));
    expect(s.sink.anomalies).toEqual([
      'dcerpc.bind_rejected',
      'dcerpc.malformed_pdu',
      'dcerpc.invalid_auth_length',
      // the truncated bind bound context 1 only
      'dcerpc.unknown_context',
    ]);
  });

  it('probes the header: version, direction, lengths', () => {
    expect(dcerpcDecoder.probe(fx('bind-epmapper'), C)).toBe('match');
    expect(dcerpcDecoder.probe(fx('bind-epmapper'), S)).toBe('no_match');
    expect(dcerpcDecoder.probe(fx('bind-ack-epmapper'), S)).toBe('match');
    expect(dcerpcDecoder.probe(fx('bind-epmapper').subarray(0, 8), C)).toBe('need_more');
    const bad = Uint8Array.from(fx('bind-epmapper'));
    bad[8] = 4; // frag_length 4
    bad[9] = 0;
    expect(dcerpcDecoder.probe(bad, C)).toBe('no_match');
  });
});

describe('dcerpcPipeMessage: DCE/RPC in SMB named pipes', () => {
  it('gives the same layer as TCP, one payload per PDU', () => {
    const pipe = new DcerpcPipe(DEFAULT_LIMITS);
    const sink = new Sink();
    const b = fx('bind-netlogon');
    const layer = dcerpcPipeMessage(pipe, b, 0, b.length, true, sink);
    expect(layer).toMatchObject({ packet_type_name: 'bind', interface_name: 'netlogon' });
    const r = fx('netr-server-authenticate3-zero');
    expect(dcerpcPipeMessage(pipe, r, 0, r.length, true, sink)).toMatchObject({
      operation: 'NetrServerAuthenticate3',
      netlogon_zero_credential: true,
    });
    const a = fx('netr-server-authenticate3-denied');
    expect(dcerpcPipeMessage(pipe, a, 0, a.length, false, sink)?.operation).toBe(
      'NetrServerAuthenticate3',
    );
    expect(sink.events).toEqual([]);
    expect(sink.anomalies).toEqual(['dcerpc.netlogon_zero_credential']);
  });

  it('completes a PDU spread over several pipe payloads, at any offset', () => {
    const b = fx('ept-map-response');
    const framed = new Uint8Array(b.length + 6);
    framed.set(b, 3);
    for (const cut of [5, 16, 17, 100]) {
      const pipe = new DcerpcPipe(DEFAULT_LIMITS);
      const sink = new Sink();
      const req = fx('ept-map-request');
      const bind = fx('bind-epmapper');
      dcerpcPipeMessage(pipe, bind, 0, bind.length, true, sink);
      dcerpcPipeMessage(pipe, req, 0, req.length, true, sink);
      expect(dcerpcPipeMessage(pipe, framed, 3, 3 + cut, false, sink)).toBeNull();
      const layer = dcerpcPipeMessage(pipe, framed, 3 + cut, 3 + b.length, false, sink);
      expect(layer?.epm_towers?.[0]?.port).toBe(49668);
    }
  });

  it('says so when a payload is not DCE/RPC, and resynchronises on the next PDU', () => {
    const pipe = new DcerpcPipe(DEFAULT_LIMITS);
    const sink = new Sink();
    const junk = hex('ff'.repeat(20));
    expect(dcerpcPipeMessage(pipe, junk, 0, junk.length, true, sink)).toBeNull();
    expect(sink.anomalies).toEqual(['dcerpc.invalid_header']);
    const b = fx('bind-epmapper');
    expect(dcerpcPipeMessage(pipe, b, 0, b.length, true, sink)?.packet_type).toBe(11);
  });

  it('carries the NTLMSSP message of the auth verifier beside the layer', () => {
    const pipe = new DcerpcPipe(DEFAULT_LIMITS);
    const sink = new Sink();
    dcerpcPipeMessage(pipe, SVCCTL_BIND_NTLM, 0, SVCCTL_BIND_NTLM.length, true, sink);
    expect(pipe.ntlmssp?.message_type).toBe('negotiate');
    const b = fx('bind-epmapper');
    dcerpcPipeMessage(pipe, b, 0, b.length, true, sink);
    expect(pipe.ntlmssp).toBeNull();
  });
});

/** NDR conformant varying UTF-16 string with its NUL, padded to 4 ([C706] 14.3.4.2). */
function wstr(text: string): string {
  const n = text.length + 1;
  const count = n.toString(16).padStart(2, '0') + '000000';
  let s = count + '00000000' + count; // max_count, offset, actual_count
  for (const c of text) s += c.charCodeAt(0).toString(16).padStart(2, '0') + '00';
  s += '0000';
  return (n * 2) % 4 === 0 ? s : s + '0000';
}

/** A bind of `uuid` (wire order) on context 0, then a cleartext request `opnum` with `stub`. */
function call(uuidWire: string, opnum: number, stub: string): Uint8Array[] {
  const bind = hex(
    '05000b03' +
      '10000000' +
      '4800' +
      '0000' +
      '01000000' + // bind, 72 bytes, call 1
      'b810b810' +
      '00000000' +
      '01000000' + // frags, assoc group, one context
      '0000' +
      '0100' +
      uuidWire +
      '0100' +
      '0000' + // context 0: the interface
      '045d888aeb1cc9119fe808002b104860' +
      '02000000', // NDR
  );
  const len = 24 + stub.length / 2;
  const le16 = (v: number): string =>
    (v & 0xff).toString(16).padStart(2, '0') + (v >> 8).toString(16).padStart(2, '0');
  const req = hex(
    '05000003' +
      '10000000' +
      le16(len) +
      '0000' +
      '02000000' + // request, call 2
      le16(stub.length / 2) +
      '0000' + // alloc_hint
      '0000' +
      le16(opnum) + // context 0, opnum
      stub,
  );
  return [bind, req];
}

describe('request stubs of lateral movement and discovery (cleartext NDR)', () => {
  const run = (uuidWire: string, opnum: number, stub: string): DcerpcFields => {
    const s = session();
    for (const b of call(uuidWire, opnum, stub)) s.parse(C, b);
    return s.last();
  };
  const HANDLE = '00'.repeat(20);

  it('svcctl RCreateServiceW: service name, display name, start type, binary path', () => {
    const f = run(
      '81bb7a364498f135ad3298f038001003', // svcctl
      12,
      HANDLE +
        wstr('BTOBTO') + // lpServiceName
        '01000200' +
        wstr('BTOBTO') + // lpDisplayName (unique pointer)
        '3f000f00' + // dwDesiredAccess
        '10000000' + // dwServiceType = own process
        '03000000' + // dwStartType = demand
        '00000000' + // dwErrorControl
        wstr('%COMSPEC% /Q /c echo dir > \\\\127.0.0.1\\C$\\__output'), // lpBinaryPathName
    );
    expect(f).toMatchObject({
      operation: 'RCreateServiceW',
      service_name: 'BTOBTO',
      service_display_name: 'BTOBTO',
      service_start_type: 3,
      binary_path: '%COMSPEC% /Q /c echo dir > \\\\127.0.0.1\\C$\\__output',
    });
  });

  it('atsvc NetrJobAdd: the job command', () => {
    const f = run(
      '8206f71f510ae830076d740be8cee98b', // atsvc
      0,
      '00000000' + // ServerName: null
        '10270000' +
        '00000000' +
        '00' +
        '00' +
        '0000' + // JobTime, DaysOfMonth, DaysOfWeek, Flags
        '04000200' +
        wstr('cmd.exe /c whoami'), // Command
    );
    expect(f).toMatchObject({ operation: 'NetrJobAdd', job_command: 'cmd.exe /c whoami' });
  });

  it('ITaskSchedulerService SchRpcRegisterTask: task path and the command of its XML', () => {
    const xml = '<Task><Actions><Exec><Command>cmd.exe</Command></Exec></Actions></Task>';
    const f = run(
      '4959d386c9834440b424db363231fd0c', // 86d35949-83c9-4044-b424-db363231fd0c
      1,
      '01000200' + wstr('\\evil') + wstr(xml),
    );
    expect(f).toMatchObject({
      interface_name: 'ITaskSchedulerService',
      operation: 'SchRpcRegisterTask',
      task_path: '\\evil',
      task_command: 'cmd.exe',
    });
  });

  it('winreg BaseRegOpenKey: the subkey', () => {
    const key = 'SOFTWARE\\Microsoft';
    const bytes = (key.length + 1) * 2;
    const f = run(
      '01d08c334422f131aaaa900038001003', // winreg
      15,
      HANDLE +
        bytes.toString(16).padStart(2, '0') +
        '00' +
        bytes.toString(16).padStart(2, '0') +
        '00' +
        '04000200' +
        wstr(key),
    );
    expect(f).toMatchObject({ operation: 'BaseRegOpenKey', registry_key: key });
  });
});

describe('the fixture conversation', () => {
  it('decodes every fixture in order: alter_context adds svcctl, its create-service call is read', () => {
    const s = session();
    for (const f of fixtures) s.parse(f.dir, f.bytes);
    const create = s.sink.events
      .map((e) => (e as unknown as { dcerpc: DcerpcFields }).dcerpc)
      .find((d) => d.operation === 'RCreateServiceW');
    expect(create).toMatchObject({
      context_id: 1,
      interface_name: 'svcctl',
      service_name: 'BTOBTO',
      binary_path: '%COMSPEC% /Q /c echo dir',
      frag_length: create?.stub_length === undefined ? -1 : 24 + create.stub_length,
    });
  });
});
