import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits } from '../../decoder.js';
import type { SmbFields } from './events.js';
import { fixtures } from './fixtures.js';
import { smbDecoder } from './index.js';

class Sink implements DecodeSink {
  events: AppEvent[] = [];
  anomalies: string[] = [];
  confirmed = 0;
  emit(e: AppEvent): void {
    this.events.push(e);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirmed++;
  }
}

function fx(name: string): { bytes: Uint8Array; dir: Direction } {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f;
}

/** Feeds named fixtures into one state; returns the sink. */
function run(names: string[], limits: DecoderLimits = DEFAULT_LIMITS): Sink {
  const state = smbDecoder.createState(limits);
  const sink = new Sink();
  for (const n of names) {
    const f = fx(n);
    expect(smbDecoder.parse(state, f.bytes, f.dir, sink).kind).not.toBe('reject');
  }
  return sink;
}

const smb = (e: AppEvent | undefined): SmbFields => (e?.['smb'] ?? {}) as SmbFields;

describe('smb probe', () => {
  it('recognises NBSS session messages, session requests and positive responses', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(smbDecoder.probe(f.bytes, f.dir), f.name).toBe('match');
    }
    expect(smbDecoder.probe(hex('000000'), Direction.TO_SERVER)).toBe('need_more');
    expect(smbDecoder.probe(hex('00000085ff53'), Direction.TO_SERVER)).toBe('need_more');
    expect(smbDecoder.probe(hex('00000085ff54'), Direction.TO_SERVER)).toBe('no_match');
    expect(smbDecoder.probe(hex('0000008547455420'), Direction.TO_SERVER)).toBe('no_match');
    expect(smbDecoder.probe(hex('82000000'), Direction.TO_SERVER)).toBe('no_match');
    expect(smbDecoder.probe(hex('474554202f20485454502f312e310d0a'), Direction.TO_SERVER)).toBe(
      'no_match',
    );
  });
});

describe('NetBIOS session service', () => {
  it('decodes the called and calling names of a session request (RFC 1001 14.1)', () => {
    const s = run(['nbss-session-request']);
    // doublepulsar-backdoor-connect-win7.pcap frame 21: positive session response, length 0
    smbDecoder.parse(
      smbDecoder.createState(DEFAULT_LIMITS),
      hex('82000000'),
      Direction.TO_CLIENT,
      s,
    );
    expect(s.events.map((e) => e['smb'])).toEqual([
      {
        nbss_type: 'session_request',
        called_name: 'DESKTOP-AFPVEQ2<20>',
        calling_name: 'IE11WIN7<00>',
      },
      { nbss_type: 'positive_response' },
    ]);
    expect(s.confirmed).toBe(1);
    expect(smbDecoder.probe(hex('82000000'), Direction.TO_CLIENT)).toBe('match');
  });
});

describe('SMB1', () => {
  it('lists the dialects of a NEGOTIATE request', () => {
    const s = run(['smb1-negotiate-request']);
    expect(smb(s.events[0])).toMatchObject({
      version: 1,
      command: 0x72,
      command_name: 'negotiate',
      is_response: false,
      dialects: [
        'PC NETWORK PROGRAM 1.0',
        'LANMAN1.0',
        'Windows for Workgroups 3.1a',
        'LM1.2X002',
        'LANMAN2.1',
        'NT LM 0.12',
      ],
    });
    expect(s.anomalies).toEqual([]);
  });

  it('flags a null session, names the tree and pairs TREE_CONNECT_ANDX by MID', () => {
    const s = run([
      'smb1-session-setup-anonymous',
      'smb1-tree-connect-ipc',
      'smb1-tree-connect-response',
    ]);
    const [setup, tc, tcr] = s.events;
    expect(smb(setup)).toMatchObject({
      command_name: 'session_setup_andx',
      user: '',
      domain: '',
      native_os: 'Windows 2000 2195',
      andx_commands: [0xff],
    });
    expect(smb(tc)).toMatchObject({
      command: 0x75,
      tree: '\\\\192.168.198.203\\IPC$',
      admin_share: true,
      andx_commands: [0xff],
    });
    expect(smb(tcr)).toMatchObject({
      is_response: true,
      tree: '\\\\192.168.198.203\\IPC$',
      tree_id: 2048,
      share_type: 'pipe',
    });
    expect(s.anomalies).toContain('smb.anonymous_session');
    expect(s.anomalies).toContain('smb.smb1_session');
    expect(s.anomalies).not.toContain('smb.cleartext_password');
  });

  it('names Trans2 SESSION_SETUP and recognises the DoublePulsar reply (MID + 16)', () => {
    const s = run([
      'smb1-tree-connect-ipc',
      'smb1-tree-connect-response',
      'smb1-trans2-session-setup',
      'smb1-doublepulsar-reply',
    ]);
    const req = smb(s.events[2]);
    const rsp = smb(s.events[3]);
    expect(req).toMatchObject({
      command_name: 'transaction2',
      subcommand: 0x0e,
      subcommand_name: 'session_setup',
      timeout: 0x00edbf77,
      message_id: 65,
      tree: '\\\\192.168.198.203\\IPC$',
    });
    expect(rsp).toMatchObject({
      is_response: true,
      message_id: 81,
      status: 0xc0000002,
      status_name: 'STATUS_NOT_IMPLEMENTED',
      subcommand_name: 'session_setup',
    });
    expect(s.anomalies).toContain('smb.trans2_session_setup');
    expect(s.anomalies).toContain('smb.doublepulsar_reply');
  });

  it('flags a secondary transaction that continues a primary of another type (EternalBlue)', () => {
    // NT_TRANSACT request, MID 65, then TRANSACTION2_SECONDARY with the same MID.
    const head = (cmd: string, wc: string): string =>
      'ff534d42' +
      cmd +
      '00000000' +
      '18' +
      '07c0' +
      '0000' +
      '0000000000000000' +
      '0000' +
      '0008' +
      'fffe' +
      '0008' +
      '4100' +
      wc;
    const ntTrans =
      head('a0', '13') +
      '00' +
      '0000' + // max setup count, reserved
      '1e000000' +
      '00000100' + // total parameter count 30, total data count 65536
      '1e000000' +
      '00000000' + // max parameter count, max data count
      '1e000000' +
      '4c000000' + // parameter count, offset
      '00000000' +
      '6a000000' + // data count, offset
      '01' +
      '0000' + // setup count 1, function 0
      '0000' + // setup word
      '0000'; // byte count 0
    const secondary =
      head('33', '09') +
      '1e00' +
      '0000' +
      '0000' +
      '0000' +
      '0000' + // total param, total data, param count/offset/disp
      '1000' +
      '3500' +
      '0000' +
      '0000' + // data count 16, offset, displacement, fid
      '0000'; // byte count 0
    const nb = (h: string): string => '00' + (h.length / 2).toString(16).padStart(6, '0') + h;
    const state = smbDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    smbDecoder.parse(state, hex(nb(ntTrans) + nb(secondary)), Direction.TO_SERVER, sink);
    expect(smb(sink.events[0])).toMatchObject({
      command_name: 'nt_transact',
      total_data_count: 65536,
      subcommand_name: 'unknown_0x0',
    });
    expect(smb(sink.events[1]).command_name).toBe('transaction2_secondary');
    expect(sink.anomalies).toContain('smb.transaction_mismatch');
  });

  it('reports an AndX chain that loops as malformed, once', () => {
    const s = run(['smb1-andx-loop']);
    expect(s.anomalies).toContain('smb.malformed_message');
    expect(s.events).toHaveLength(1);
  });
});

describe('SMB2/3', () => {
  it('names the tree of every message from its TREE_CONNECT and flags admin shares', () => {
    const s = run(['smb2-tree-connect-admin', 'smb2-tree-connect-response', 'smb2-close']);
    const [req, rsp, close] = s.events.map(smb);
    expect(req).toMatchObject({
      version: 2,
      command: 3,
      command_name: 'tree_connect',
      message_id: 3,
      session_id: '0003ec0024000055',
      tree: '\\\\172.16.66.36\\ADMIN$',
      admin_share: true,
    });
    // As Wireshark: the response that returns the tree id does not name the tree yet.
    expect(rsp).toMatchObject({
      is_response: true,
      status_name: 'STATUS_SUCCESS',
      share_type: 'disk',
    });
    expect(rsp?.tree).toBeUndefined();
    expect(close).toMatchObject({
      command_name: 'close',
      tree: '\\\\172.16.66.36\\ADMIN$',
      file_id: '74040000fb00000001000000fb000000',
    });
    expect(s.anomalies).toEqual(['smb.admin_share']);
  });

  it('follows a pipe from CREATE to WRITE by file id', () => {
    const s = run([
      'smb2-tree-connect-ipc',
      'smb2-tree-connect-ipc-response',
      'smb2-create-pipe',
      'smb2-create-pipe-response',
      'smb2-write-pipe',
    ]);
    const [, tcr, create, created, write] = s.events.map(smb);
    expect(tcr?.share_type).toBe('pipe');
    expect(create).toMatchObject({
      command_name: 'create',
      filename: 'PSEXESVC',
      is_pipe: true,
      disposition: 'open',
      desired_access: 0x0012019f,
      tree: '\\\\172.16.66.36\\IPC$',
    });
    expect(created).toMatchObject({ is_response: true, filename: 'PSEXESVC', is_pipe: true });
    expect(write).toMatchObject({
      command_name: 'write',
      filename: 'PSEXESVC',
      is_pipe: true,
      length: 4,
      offset: 0,
    });
    // IPC$ is an administrative share but not a reason to alert on its own.
    expect(s.anomalies).toEqual([]);
  });

  it('hands pipe writes and transceives to the DCE/RPC reader and carries its layer', () => {
    const s = run([
      'smb2-srvsvc-tree-connect-ipc',
      'smb2-srvsvc-tree-connect-response',
      'smb2-create-srvsvc',
      'smb2-create-srvsvc-response',
      'smb2-write-srvsvc-bind',
      'smb2-ioctl-srvsvc-netshareenum',
    ]);
    const write = s.events[4];
    const ioctl = s.events[5];
    expect(smb(write)).toMatchObject({ command_name: 'write', filename: 'srvsvc', is_pipe: true });
    expect(write?.['dcerpc']).toMatchObject({
      packet_type_name: 'bind',
      interface_uuid: '4b324fc8-1670-01d3-1278-5a47bf6ee188',
      interface_name: 'srvsvc',
    });
    expect(smb(ioctl)).toMatchObject({
      command_name: 'ioctl',
      ctl_code: 0x0011c017,
      ctl_name: 'fsctl_pipe_transceive',
      filename: 'srvsvc',
    });
    expect(ioctl?.['dcerpc']).toMatchObject({ packet_type_name: 'request', opnum: 15 });
    expect(s.anomalies).toEqual([]);
  });

  it('notes Kerberos offered through SPNEGO in a SESSION_SETUP', () => {
    const tlv = (tag: string, body: string): string =>
      tag + (body.length / 2).toString(16).padStart(2, '0') + body;
    // GSS-API krb5 initial context token (RFC 4121 4.1): OID, TOK_ID 01 00, then the AP-REQ.
    const krb = tlv('60', '06092a864886f712010202' + '0100' + tlv('6e', '0500'));
    const blob = tlv(
      '60',
      '06062b0601050502' + // SPNEGO
        tlv(
          'a0',
          tlv(
            '30',
            tlv('a0', tlv('30', '06092a864882f712010202' + '06092a864886f712010202')) +
              tlv('a2', tlv('04', krb)),
          ),
        ),
    );
    const body =
      '1900' + // structure size 25
      '00' + // flags
      '01' + // security mode: signing enabled
      '01000000' + // capabilities
      '00000000' + // channel
      '5800' + // security buffer offset 88
      (blob.length / 2).toString(16).padStart(2, '0') +
      '00' + // security buffer length
      '0000000000000000'; // previous session id
    const header =
      'fe534d42' +
      '4000' +
      '0000' +
      '00000000' + // protocol id, structure size, credit charge, channel
      '0100' +
      '0100' +
      '00000000' +
      '00000000' + // SESSION_SETUP, credits, flags, next command
      '0200000000000000' +
      '00000000' +
      '00000000' +
      '0000000000000000' + // message id 2, tree, session
      '00000000000000000000000000000000'; // signature
    const msg = header + body + blob;
    const sink = new Sink();
    smbDecoder.parse(
      smbDecoder.createState(DEFAULT_LIMITS),
      hex('00' + (msg.length / 2).toString(16).padStart(6, '0') + msg),
      Direction.TO_SERVER,
      sink,
    );
    expect(smb(sink.events[0])).toMatchObject({
      command_name: 'session_setup',
      mech_types: ['ms_kerberos', 'kerberos'],
      auth: 'kerberos',
    });
    expect(sink.events[0]?.['ntlmssp']).toBeUndefined();
  });

  it('reads SMB 3.1.1 negotiate contexts and the compression algorithms offered', () => {
    const s = run(['smb3-negotiate-compression']);
    expect(smb(s.events[0])).toMatchObject({
      command_name: 'negotiate',
      dialects: ['2.0.2', '2.1', '2.2.2', '2.2.4', '3.0', '3.0.2', '3.1', '3.1.1'],
      negotiate_contexts: ['preauth_integrity_capabilities', 'compression_capabilities'],
      compression_algorithms: ['lz77', 'lz77_huffman'],
    });
  });

  it('flags the SMBGhost compression transform (CVE-2020-0796)', () => {
    const s = run(['smb3-smbghost-compressed']);
    expect(s.events[0]).toEqual({
      kind: 'smb.compressed',
      smb: { original_size: 0xffffffff, compression_algorithm: 'lz77', chained: false, offset: 16 },
    });
    expect(s.anomalies).toEqual(['smb.compression_size_overflow']);
  });

  it('reports a NextCommand outside the message and still decodes the command', () => {
    const s = run(['smb2-bad-next-command']);
    expect(smb(s.events[0]).command_name).toBe('echo');
    expect(s.anomalies).toContain('smb.malformed_message');
  });

  it('decodes each command of a compound message', () => {
    // Two ECHO requests chained with NextCommand = 72 (64-byte header + 4-byte body + padding).
    const echo = (next: string, id: string): string =>
      'fe534d42' + // protocol id
      '4000' + // structure size 64
      '0000' + // credit charge
      '00000000' + // channel sequence
      '0d00' + // command = ECHO
      '0100' + // credits
      '00000000' + // flags: request
      next + // next command
      id + // message id
      '00000000' + // reserved
      '00000000' + // tree id
      '0000000000000000' + // session id
      '00000000000000000000000000000000' + // signature
      '0400' + // ECHO structure size 4
      '0000'; // reserved
    const msg =
      echo('48000000', '0100000000000000') + '00000000' + echo('00000000', '0200000000000000');
    const s = new Sink();
    smbDecoder.parse(
      smbDecoder.createState(DEFAULT_LIMITS),
      hex('00' + (msg.length / 2).toString(16).padStart(6, '0') + msg),
      Direction.TO_SERVER,
      s,
    );
    expect(s.events.map((e) => smb(e).message_id)).toEqual([1, 2]);
    expect(smb(s.events[1]).compound_index).toBe(1);
    expect(s.anomalies).toEqual([]);
  });
});

describe('framing', () => {
  it('decodes an oversized message from its prefix and emits it after its last byte', () => {
    const limits = { ...DEFAULT_LIMITS, maxPduBytes: 4096 };
    const write = fx('smb2-write-pipe').bytes;
    // The same WRITE announced as 10,000 bytes long, followed by its padding.
    const big = concatBytes(
      hex('00002710'),
      write.subarray(4),
      new Uint8Array(10_000 - (write.length - 4)),
    );
    const state = smbDecoder.createState(limits);
    const sink = new Sink();
    expect(smbDecoder.parse(state, big.subarray(0, 5000), Direction.TO_SERVER, sink).kind).toBe(
      'ok',
    );
    expect(sink.events).toHaveLength(0);
    smbDecoder.parse(state, big.subarray(5000), Direction.TO_SERVER, sink);
    expect(sink.events).toHaveLength(1);
    expect(smb(sink.events[0]).command_name).toBe('write');
    expect(sink.anomalies).toEqual(['smb.oversized_message']);
  });

  it('resynchronises on the next message header after a gap', () => {
    const state = smbDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const tc = fx('smb2-tree-connect-admin').bytes;
    smbDecoder.parse(state, tc, Direction.TO_SERVER, sink);
    smbDecoder.onGap?.(state, Direction.TO_SERVER, 100);
    // The tail of a lost message, then a whole one.
    smbDecoder.parse(state, concatBytes(hex('deadbeef0102'), tc), Direction.TO_SERVER, sink);
    expect(sink.events).toHaveLength(2);
    expect(sink.anomalies).toEqual(['smb.admin_share', 'smb.admin_share']);
  });

  it('rejects a flow whose first message is not SMB', () => {
    const state = smbDecoder.createState(DEFAULT_LIMITS);
    const r = smbDecoder.parse(state, hex('0000000401020304'), Direction.TO_SERVER, new Sink());
    expect(r).toEqual({ kind: 'reject', anomaly: 'smb.invalid_header' });
  });

  it('bounds the pending request table', () => {
    const limits = { ...DEFAULT_LIMITS, maxPendingTransactions: 2 };
    const s = run(['smb2-tree-connect-admin', 'smb2-tree-connect-ipc', 'smb2-create-pipe'], limits);
    expect(s.anomalies).toContain('smb.too_many_pending');
  });
});
