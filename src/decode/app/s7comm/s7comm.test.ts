/**
 * Field-level tests of the S7comm decoder over the annotated real frames of `fixtures.ts` and
 * hand-built variants: TPKT/COTP framing and segmenting, the S7 header, every job/ack-data
 * function family, userdata with SZL, block, security and mode-transition data, S7comm-plus,
 * pairing, resynchronisation and the anomalies.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import type { CotpFields, S7Fields, S7PlusFields } from './events.js';
import { fixtures } from './fixtures.js';
import { s7commDecoder } from './index.js';
import type { S7State } from './s7comm.js';

function fx(name: string): Uint8Array {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
}

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

interface Run {
  sink: Sink;
  state: S7State;
  status: ParseStatus[];
}

/** Feeds (direction, bytes) pieces, each whole, into one fresh state. */
function run(
  pieces: readonly (readonly [Direction, Uint8Array])[],
  limits: DecoderLimits = DEFAULT_LIMITS,
): Run {
  const sink = new Sink();
  const state = s7commDecoder.createState(limits);
  const status = pieces.map(([dir, bytes]) => s7commDecoder.parse(state, bytes, dir, sink));
  return { sink, state, status };
}

const S = Direction.TO_SERVER;
const C = Direction.TO_CLIENT;
const s7 = (e: AppEvent | undefined): S7Fields => (e as unknown as { s7comm: S7Fields }).s7comm;
const cotp = (e: AppEvent | undefined): CotpFields => (e as unknown as { cotp: CotpFields }).cotp;
const plus = (e: AppEvent | undefined): S7PlusFields =>
  (e as unknown as { s7comm_plus: S7PlusFields }).s7comm_plus;

describe('probe', () => {
  it('matches S7 CR/CC TSAPs, S7 and S7comm-plus data, and refuses MMS and RDP', () => {
    expect(s7commDecoder.probe(fx('cotp-connect-request'), S)).toBe('match');
    expect(s7commDecoder.probe(fx('cotp-connect-request-s7comm-plus'), S)).toBe('match');
    expect(s7commDecoder.probe(fx('read-var-job'), S)).toBe('match');
    expect(s7commDecoder.probe(fx('s7comm-plus-set-multi-variables-response'), C)).toBe('match');
    // iec61850/mms: CR with TSAPs 0x0002 -> 0x0200 (zero connection type on the calling side)
    const mmsCr = hex('03000016' + '11e00000000100' + 'c1020002' + 'c2020200' + 'c0010a');
    expect(s7commDecoder.probe(mmsCr, S)).toBe('no_match');
    // MMS session SPDU in a DT
    expect(s7commDecoder.probe(hex('0300000c02f0800dfe0102c0'), S)).toBe('no_match');
    // RDP X.224 CR: no TSAPs, a cookie
    const rdp = hex('030000130ee000000000000100080003000000');
    expect(s7commDecoder.probe(rdp, S)).toBe('no_match');
    // An empty DT alone cannot decide
    expect(s7commDecoder.probe(hex('0300000702f000'), S)).toBe('need_more');
    expect(s7commDecoder.probe(hex('0300'), S)).toBe('need_more');
    expect(s7commDecoder.probe(hex('1603010200'), S)).toBe('no_match');
  });
});

describe('COTP connection TPDUs', () => {
  it('decodes CR and CC with TSAPs, rack and slot, TPDU size, and confirms on CC', () => {
    const r = run([
      [S, fx('cotp-connect-request')],
      [C, fx('cotp-connect-confirm')],
    ]);
    expect(r.sink.events.map((e) => e.kind)).toEqual(['s7comm.cotp', 's7comm.cotp']);
    const cr = cotp(r.sink.events[0]);
    expect(cr).toMatchObject({
      pdu_type: 0xe0,
      pdu: 'cr',
      dst_ref: 0,
      src_ref: 7,
      class: 0,
      src_tsap: '0100',
      dst_tsap: '0102',
      connection_type: 'pg',
      rack: 0,
      slot: 2,
      tpdu_size: 1024,
    });
    expect(cotp(r.sink.events[1])).toMatchObject({ pdu: 'cc', dst_ref: 7, src_ref: 3 });
    expect(r.sink.confirmed).toBe(1);
    // No S7 fields on COTP events: Wireshark shows none on these frames.
    expect(r.sink.events[0]).not.toHaveProperty('s7comm');
  });

  it('renders text TSAPs of S7-1200/1500', () => {
    const r = run([[S, fx('cotp-connect-request-s7comm-plus')]]);
    expect(cotp(r.sink.events[0])).toMatchObject({
      dst_tsap_text: 'SIMATIC-ROOT-HMI',
      src_tsap: '0600',
    });
  });

  it('decodes a disconnect request with its reason', () => {
    const r = run([
      [S, fx('cotp-connect-request')],
      [S, hex('0300000b' + '0680' + '0007000380')],
    ]);
    expect(cotp(r.sink.events[1])).toMatchObject({ pdu: 'dr', reason: 128, reason_name: 'normal' });
  });
});

describe('jobs and ack-data', () => {
  it('setup communication: AmQ and PDU length, both ways', () => {
    const r = run([
      [S, fx('setup-communication-job')],
      [C, fx('setup-communication-ack-data')],
    ]);
    expect(r.sink.events.map((e) => e.kind)).toEqual(['s7comm.job', 's7comm.ack_data']);
    expect(s7(r.sink.events[0])).toMatchObject({
      rosctr: 1,
      pdu_ref: 512,
      function_code: 0xf0,
      function: 'setup_communication',
      max_amq_calling: 1,
      max_amq_called: 1,
      pdu_length: 480,
    });
    expect(s7(r.sink.events[1])).toMatchObject({ error_class: 0, error_code: 0, pdu_length: 240 });
    expect(r.sink.anomalies).toEqual([]);
  });

  it('read var: the S7ANY item, and the answer with the value and the paired address', () => {
    const r = run([
      [S, fx('read-var-job')],
      [C, fx('read-var-ack-data')],
    ]);
    const job = s7(r.sink.events[0]);
    expect(job.item_count).toBe(1);
    expect(job.items?.[0]).toEqual({
      var_spec: 0x12,
      syntax_id: 0x10,
      syntax: 's7any',
      transport_size: 2,
      transport_size_name: 'byte',
      count: 16,
      db_number: 0,
      area: 0x83,
      area_name: 'flags',
      address: 0,
      byte_address: 0,
      bit_address: 0,
    });
    const ack = s7(r.sink.events[1]);
    expect(ack.items?.[0]).toMatchObject({
      return_code: 0xff,
      return_code_name: 'success',
      data_transport_size: 4,
      data_length: 16,
      data: 'a9100000000001010000000000000000',
      area: 0x83,
      count: 16,
    });
    expect(r.sink.anomalies).toEqual([]);
  });

  it('write var: the value in the job, the return code in the answer', () => {
    const r = run([
      [S, fx('write-var-job')],
      [C, fx('write-var-ack-data')],
    ]);
    expect(s7(r.sink.events[0]).items?.[0]).toMatchObject({
      area_name: 'flags',
      return_code: 0,
      data_length: 4,
      data: 'a9100001',
    });
    expect(s7(r.sink.events[1]).items?.[0]).toMatchObject({ return_code: 0xff, area: 0x83 });
  });

  it('decodes timer/counter numbers and DB bit addresses', () => {
    // job, read var, 2 items: DB5.DBX 10.3 BIT 1, and timer T 7
    const job = hex(
      '0300002b02f080' +
        '320100000063001a0000' +
        '0402' +
        '120a10' +
        '01' +
        '0001' +
        '0005' +
        '84' +
        '000053' + // DB5.DBX10.3
        '120a10' +
        '1d' +
        '0001' +
        '0000' +
        '1d' +
        '000007', // T 7
    );
    const r = run([[S, job]]);
    const [a, b] = s7(r.sink.events[0]).items ?? [];
    expect(a).toMatchObject({ db_number: 5, area_name: 'db', byte_address: 10, bit_address: 3 });
    expect(b).toMatchObject({ area_name: 'timer', address: 7 });
    expect(b).not.toHaveProperty('byte_address');
  });

  it('block download: file name, block, lengths, PI service _INSE with its block', () => {
    const r = run([
      [S, fx('request-download-job')],
      [C, fx('request-download-ack-data')],
      [C, fx('download-block-job-from-plc')],
      [S, fx('pi-service-insert-block-job')],
      [C, fx('pi-service-ack-data')],
    ]);
    const req = s7(r.sink.events[0]);
    expect(req).toMatchObject({
      function: 'request_download',
      filename: '_0A00001P',
      block: { block_type: 'DB', block_number: 1, filesystem: 'P' },
      load_memory_length: 500,
      mc7_length: 400,
    });
    expect(s7(r.sink.events[2])).toMatchObject({
      function: 'download_block',
      block: { block_type: 'DB', block_number: 1 },
    });
    expect(s7(r.sink.events[3])).toMatchObject({
      function: 'pi_service',
      pi_service: '_INSE',
      pi_service_meaning: 'activate_module',
      blocks: [{ block_type: 'DB', block_number: 1, filesystem: 'P' }],
    });
    expect(r.sink.anomalies).toEqual([]);
    // The answers name what they acknowledge: the job's file name, block and service.
    expect(s7(r.sink.events[1])).toMatchObject({
      function: 'request_download',
      filename: '_0A00001P',
      block: { block_type: 'DB', block_number: 1, filesystem: 'P' },
    });
    expect(s7(r.sink.events[4])).toMatchObject({
      function: 'pi_service',
      pi_service: '_INSE',
      pi_service_meaning: 'activate_module',
      blocks: [{ block_type: 'DB', block_number: 1, filesystem: 'P' }],
    });
  });

  it('names Sinumerik NC PI services and lists their argument strings', () => {
    // Constructed after [S7] s7comm_decode_pi_service (no shared capture holds an NC service);
    // tshark 4.0 shows it as _N_SELECT("P01", "/_N_MPF_DIR/_N_TEST_MPF").
    const job = hex(
      '03000041' + // TPKT length 65
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0100' + // PDU reference
        '0030' + // parameter length 48
        '0000' + // data length 0
        '28' + // function: PI service
        '000000000000fd' + // unknown
        '001c' + // parameter block length 28
        '03' + // string length 3
        '503031' + // "P01" (odd: no pad byte)
        '17' + // string length 23
        '2f5f4e5f4d50465f4449522f5f4e5f544553545f4d5046' + // "/_N_MPF_DIR/_N_TEST_MPF"
        '09' + // service name length 9
        '5f4e5f53454c454354', // "_N_SELECT"
    );
    const r = run([[S, job]]);
    expect(r.sink.anomalies).toEqual([]);
    expect(s7(r.sink.events[0])).toMatchObject({
      function: 'pi_service',
      pi_service: '_N_SELECT',
      pi_service_meaning: 'select_program',
      pi_arguments: ['P01', '/_N_MPF_DIR/_N_TEST_MPF'],
    });
    const cut = run([[S, job]], { ...DEFAULT_LIMITS, maxObjectsPerMessage: 1 });
    expect(cut.sink.anomalies).toEqual(['s7comm.values_limit_reached']);
    expect(s7(cut.sink.events[0]).pi_arguments).toEqual(['P01']);
  });

  it('PI service blocks and arguments are bounded by maxObjectsPerMessage', () => {
    const one = { ...DEFAULT_LIMITS, maxObjectsPerMessage: 1 };
    // The real _INSE job names one block: within a limit of 1.
    expect(run([[S, fx('pi-service-insert-block-job')]], one).sink.anomalies).toEqual([]);
    // The same job naming the block twice (block count 2, parameter block 18 bytes).
    const two = hex(
      '03000033' + // TPKT length 51
        '02f080' + // COTP DT, EOT
        '3201' + // S7 job
        '00000f00' + // redundancy id, PDU reference 3840
        '00220000' + // parameter length 34, data length 0
        '28' + // function: PI service
        '000000000000fd' + // unknown
        '0012' + // parameter block length 18
        '02' + // 2 blocks
        '00' + // unknown
        '3041' + // block type "0A" = DB
        '3030303031' + // block number "00001"
        '50' + // file system "P"
        '3041' + // block type "0A" = DB
        '3030303031' + // block number "00001"
        '50' + // file system "P"
        '05' + // service name length 5
        '5f494e5345', // "_INSE"
    );
    const r = run([[S, two]], one);
    expect(r.sink.anomalies).toEqual(['s7comm.values_limit_reached']);
    expect(s7(r.sink.events[0]).blocks).toHaveLength(1);
    expect(run([[S, two]]).sink.anomalies).toEqual([]);
  });

  it('block upload: the upload id names the block in every step and answer', () => {
    const r = run([
      [S, fx('start-upload-job')],
      [C, fx('start-upload-ack-data')],
      [S, fx('upload-job')],
      [C, fx('upload-ack-data')],
      [S, fx('end-upload-job')],
      [C, fx('end-upload-ack-data')],
    ]);
    expect(r.sink.anomalies).toEqual([]);
    const sdb0 = { block_type: 'SDB', block_number: 0, filesystem: 'A' };
    expect(r.sink.events.map((e) => s7(e))).toMatchObject([
      { rosctr: 1, function: 'start_upload', upload_id: 0, filename: '_0B00000A', block: sdb0 },
      { rosctr: 3, function: 'start_upload', upload_id: 7, block_length: 216, block: sdb0 },
      { rosctr: 1, function: 'upload', upload_id: 7, filename: '_0B00000A', block: sdb0 },
      { rosctr: 3, function: 'upload', upload_id: 7, block_data_length: 216, block: sdb0 },
      { rosctr: 1, function: 'end_upload', upload_id: 7, block_error_code: 0, block: sdb0 },
      { rosctr: 3, function: 'end_upload', upload_id: 7, filename: '_0B00000A', block: sdb0 },
    ]);
    // The end upload answer closes the upload: a later job with that id is not named.
    expect(r.state.uploads.size).toBe(0);
    const again = run([
      [S, fx('start-upload-job')],
      [C, fx('start-upload-ack-data')],
      [S, fx('end-upload-job')],
      [C, fx('end-upload-ack-data')],
      [S, fx('upload-job')],
    ]);
    expect(s7(again.sink.events[4]).block).toBeUndefined();
    // Uploads in progress are bounded by maxPendingTransactions.
    const ack = fx('start-upload-ack-data');
    const ack8 = ack.slice();
    ack8[26] = 8; // upload id 8
    const job2 = fx('start-upload-job').slice();
    const ack2 = ack8.slice();
    job2[12] = 0x09; // PDU reference 0x0809
    ack2[12] = 0x09;
    const bounded = run(
      [
        [S, fx('start-upload-job')],
        [C, ack],
        [S, job2],
        [C, ack2],
      ],
      { ...DEFAULT_LIMITS, maxPendingTransactions: 1 },
    );
    expect([...bounded.state.uploads.keys()]).toEqual([8]);
  });

  it('PLC stop carries the P_PROGRAM service; the mode-transition push the new mode', () => {
    const r = run([
      [S, fx('plc-stop-job')],
      [C, fx('plc-stop-ack-data-and-mode-transition')],
    ]);
    expect(s7(r.sink.events[0])).toMatchObject({
      function_code: 0x29,
      function: 'plc_stop',
      pi_service: 'P_PROGRAM',
    });
    expect(s7(r.sink.events[1])).toMatchObject({
      rosctr: 3,
      function: 'plc_stop',
      pi_service: 'P_PROGRAM',
      pi_service_meaning: 'plc_start_stop',
    });
    expect(s7(r.sink.events[2])).toMatchObject({
      function_group_name: 'cpu_functions',
      subfunction_name: 'diagnostic_message',
      event_id: 0x4304,
      ud_type_name: 'push',
    });
    expect(s7(r.sink.events[3])).toMatchObject({
      function_group: 0,
      subfunction: 0,
      cpu_mode: 'stop',
    });
    // No function code on userdata, as in Wireshark.
    expect(s7(r.sink.events[3]).function_code).toBeUndefined();
  });

  it('a refusal names its error and the block the job asked for', () => {
    const r = run([
      [S, fx('start-upload-ob0-job')],
      [C, fx('start-upload-refused-ack')],
    ]);
    expect(r.sink.anomalies).toEqual([]);
    expect(r.sink.events.map((e) => e.kind)).toEqual(['s7comm.job', 's7comm.ack']);
    const ack = s7(r.sink.events[1]);
    expect(ack).toMatchObject({
      rosctr: 2,
      error_class: 0xd2,
      error_code: 0x0c,
      error: 0xd20c,
      error_name: 'ob_priority_class_missing',
      filename: '_0800000A',
      block: { block_type: 'OB', block_number: 0, filesystem: 'A' },
    });
    // No parameter part: no function code, as in Wireshark.
    expect(ack.function_code).toBeUndefined();
    expect(r.state.uploads.size).toBe(0);
  });

  it('an ack-data without its job, or for another function, is an anomaly', () => {
    const r = run([[C, fx('read-var-ack-data')]]);
    expect(r.sink.anomalies).toEqual(['s7comm.response_without_request']);
    const m = run([
      [S, fx('read-var-job')],
      [C, hex('0300001402f080320300000001000100000000' + '05')],
    ]);
    expect(m.sink.anomalies).toContain('s7comm.response_function_mismatch');
  });

  it('a job flood past the pending limit drops the oldest job', () => {
    const limits = { ...DEFAULT_LIMITS, maxPendingTransactions: 2 };
    const job = (ref: number): Uint8Array =>
      hex(
        '0300001f02f080' + // TPKT, COTP DT
          '32010000' + // job, redundancy id
          ref.toString(16).padStart(4, '0') + // PDU reference
          '000e0000' + // parameter length 14, data length 0
          '0401120a10020010000083000000', // read var MB0 BYTE 16
      );
    const r = run(
      [
        [S, job(1)],
        [S, job(2)],
        [S, job(3)],
      ],
      limits,
    );
    expect(r.sink.anomalies).toEqual(['s7comm.too_many_transactions']);
    expect(r.state.pending.size).toBe(2);
  });
});

describe('userdata', () => {
  it('SZL 0x0011: order number and firmware version', () => {
    const r = run([
      [S, fx('read-szl-module-identification-request')],
      [C, fx('read-szl-module-identification-response')],
    ]);
    expect(s7(r.sink.events[0])).toMatchObject({ szl_id: 0x11, szl_index: 0, ud_type: 4 });
    const m = s7(r.sink.events[1]);
    expect(m.szl_record_count).toBe(4);
    expect(m.module_identification).toMatchObject({
      order_number: '6ES7 315-2EH14-0AB0',
      firmware_version: 'V3.2.7',
    });
    expect(m.module_identification?.records[3]).toMatchObject({
      index: 0x81,
      order_number: 'Boot Loader',
    });
  });

  it('SZL 0x001C reassembled from two fragments: names and serial', () => {
    const r = run([
      [S, fx('read-szl-component-identification-request')],
      [C, fx('read-szl-component-identification-fragment-1')],
      [S, fx('read-szl-component-identification-continue')],
      [C, fx('read-szl-component-identification-fragment-2')],
    ]);
    const first = s7(r.sink.events[1]);
    expect(first.last_data_unit).toBe(false);
    expect(first.szl_id).toBeUndefined();
    const last = s7(r.sink.events[3]);
    expect(last).toMatchObject({ szl_id: 0x1c, szl_record_count: 10, fragments: 2 });
    expect(last.component_identification).toMatchObject({
      plc_name: 'S7300/ET200M station_1',
      module_name: 'PLC_1',
      serial_number: 'S C-B1U393142011',
      module_type_name: 'CPU 315-2 PN/DP',
      copyright: 'Original Siemens Equipment',
    });
    expect(last.component_identification?.records.find((x) => x.index === 8)?.value).toBe(
      'MMC 4A1AC019',
    );
    expect(r.state.ud[Direction.TO_CLIENT]).toEqual([]);
  });

  it('block functions and the PLC password (length only)', () => {
    const r = run([
      [S, fx('list-blocks-request')],
      [C, fx('list-blocks-response')],
      [S, fx('plc-password-request')],
      [C, fx('plc-password-response')],
    ]);
    expect(s7(r.sink.events[1]).block_counts).toEqual([
      { block_type: 'OB', count: 1 },
      { block_type: 'FB', count: 0 },
      { block_type: 'FC', count: 0 },
      { block_type: 'DB', count: 0 },
      { block_type: 'SDB', count: 12 },
      { block_type: 'SFC', count: 71 },
      { block_type: 'SFB', count: 14 },
    ]);
    const pw = s7(r.sink.events[2]);
    expect(pw).toMatchObject({ function_group_name: 'security', subfunction_name: 'plc_password' });
    expect(pw.password_length).toBe(8);
    expect(JSON.stringify(pw)).not.toContain('213a1b1d');
    expect(s7(r.sink.events[3])).toMatchObject({ return_code: 0x0a });
  });
});

describe('S7comm-plus', () => {
  it('opcode, function, sequence and session id; the trailer is seen', () => {
    const r = run([
      [S, fx('s7comm-plus-delete-object-request')],
      [C, fx('s7comm-plus-set-multi-variables-response')],
    ]);
    expect(r.sink.events.map((e) => e.kind)).toEqual(['s7comm.plus', 's7comm.plus']);
    expect(plus(r.sink.events[0])).toEqual({
      version: 2,
      version_name: 'v2',
      data_length: 46,
      trailer: true,
      opcode: 0x31,
      opcode_name: 'request',
      function_code: 0x04d4,
      function: 'delete_object',
      sequence_number: 3,
      session_id: 0x3e0,
    });
    expect(plus(r.sink.events[1])).toMatchObject({
      opcode_name: 'response',
      function: 'set_multi_variables',
      sequence_number: 2,
    });
    expect(r.sink.events[0]).not.toHaveProperty('s7comm');
  });

  it('a telegram in three fragments: first, inner and last all named after the first', () => {
    const r = run([
      [S, fx('s7comm-plus-create-object-first-fragment')],
      [S, fx('s7comm-plus-create-object-inner-fragment')],
      [S, fx('s7comm-plus-create-object-last-fragment')],
    ]);
    expect(r.sink.anomalies).toEqual([]);
    const head = {
      opcode: 0x31,
      opcode_name: 'request',
      function_code: 0x04ca,
      function: 'create_object',
      sequence_number: 39,
      session_id: 0x3c0,
    };
    expect(r.sink.events.map((e) => plus(e))).toEqual([
      {
        version: 2,
        version_name: 'v2',
        data_length: 1008,
        trailer: false,
        ...head,
        fragment: 'first',
      },
      {
        version: 2,
        version_name: 'v2',
        data_length: 1009,
        trailer: false,
        ...head,
        fragment: 'inner',
      },
      {
        version: 2,
        version_name: 'v2',
        data_length: 216,
        trailer: true,
        ...head,
        fragment: 'last',
      },
    ]);
    // The sequence is closed: the next telegram is read from its own opcode again.
    const next = run([
      [S, fx('s7comm-plus-create-object-first-fragment')],
      [S, fx('s7comm-plus-create-object-last-fragment')],
      [S, fx('s7comm-plus-delete-object-request')],
    ]);
    expect(next.sink.events.map((e) => [plus(e).fragment, plus(e).function])).toEqual([
      ['first', 'create_object'],
      ['last', 'create_object'],
      [undefined, 'delete_object'],
    ]);
    // Each direction has its own sequence; a capture gap forgets an open one.
    const gap = run([
      [S, fx('s7comm-plus-create-object-first-fragment')],
      [C, fx('s7comm-plus-set-multi-variables-response')],
    ]);
    expect(plus(gap.sink.events[1])).toMatchObject({ function: 'set_multi_variables' });
    s7commDecoder.onGap?.(gap.state, S, 100);
    s7commDecoder.parse(gap.state, fx('s7comm-plus-delete-object-request'), S, gap.sink);
    expect(plus(gap.sink.events[2])).toMatchObject({ function: 'delete_object' });
    expect(plus(gap.sink.events[2]).fragment).toBeUndefined();
  });

  it("a response carries its request's session id, paired by sequence number", () => {
    const r = run([
      [S, fx('s7comm-plus-set-multi-variables-request')],
      [C, fx('s7comm-plus-set-multi-variables-response')],
      [C, fx('s7comm-plus-set-multi-variables-response')],
    ]);
    expect(plus(r.sink.events[0])).toMatchObject({
      function: 'set_multi_variables',
      sequence_number: 2,
      session_id: 0x388,
    });
    expect(plus(r.sink.events[1])).toMatchObject({
      opcode_name: 'response',
      sequence_number: 2,
      session_id: 0x388,
    });
    // Paired once: a repeated response has no request left to name it.
    expect(plus(r.sink.events[2]).session_id).toBeUndefined();
    // The table holds at most maxPendingTransactions requests, the oldest forgotten first.
    const small = run(
      [
        [S, fx('s7comm-plus-set-multi-variables-request')],
        [S, fx('s7comm-plus-delete-object-request')],
        [C, fx('s7comm-plus-set-multi-variables-response')],
      ],
      { ...DEFAULT_LIMITS, maxPendingTransactions: 1 },
    );
    expect(plus(small.sink.events[2]).session_id).toBeUndefined();
    expect([...small.state.plusSessions]).toEqual([[3, 0x3e0]]);
  });

  it('V3 skips the integrity digest before the opcode', () => {
    const digest = '20' + 'ab'.repeat(32);
    const body = digest + '31' + '0000' + '054c' + '0000' + '0007' + '00000388' + '34';
    const len = (body.length / 2).toString(16).padStart(4, '0');
    const tsdu = '7203' + len + body + '72030000';
    const tpkt = (7 + tsdu.length / 2).toString(16).padStart(4, '0');
    const r = run([[S, hex('0300' + tpkt + '02f080' + tsdu)]]);
    expect(plus(r.sink.events[0])).toMatchObject({
      version: 3,
      integrity_length: 32,
      function: 'get_multi_variables',
      session_id: 0x388,
      sequence_number: 7,
    });
  });
});

describe('framing', () => {
  it('reassembles a TSDU segmented over two DTs into one event', () => {
    const whole = run([[S, fx('read-var-job')]]).sink.events;
    const r = run([[S, fx('read-var-job-segmented')]]);
    expect(r.sink.events).toEqual(whole);
  });

  it('leaves a partial TPKT unconsumed', () => {
    const st = run([[S, fx('read-var-job').subarray(0, 20)]]).status[0];
    expect(st).toEqual({ kind: 'incomplete', consumed: 0, needed: 31 });
  });

  it('rejects a new flow whose TPKT version is not 3, or whose COTP data is not S7', () => {
    expect(run([[S, hex('0200001f02f080')]]).status[0]).toEqual({
      kind: 'reject',
      anomaly: 's7comm.invalid_tpkt',
    });
    expect(run([[S, hex('0300000c02f0800dfe0102c0')]]).status[0]).toEqual({
      kind: 'reject',
      anomaly: 's7comm.unknown_protocol_id',
    });
  });

  it('resynchronises on a confirmed flow after a bad TPKT', () => {
    const r = run([
      [S, fx('read-var-job')],
      [S, fx('bad-tpkt-version')],
    ]);
    expect(r.sink.anomalies).toEqual(['s7comm.invalid_tpkt']);
    expect(r.sink.events.map((e) => e.kind)).toEqual(['s7comm.job', 's7comm.job']);
  });

  it('reports the malformed fixtures with their anomalies and no exception', () => {
    const r = run([
      [S, fx('read-var-job')],
      [S, fx('truncated-job-unknown-function')],
      [S, fx('unknown-rosctr-and-foreign-data')],
      [C, fx('truncated-s7comm-plus-and-bad-cotp')],
    ]);
    expect(r.sink.anomalies).toEqual([
      's7comm.length_mismatch',
      's7comm.unknown_function',
      's7comm.unknown_rosctr',
      's7comm.malformed_item',
      's7comm.unknown_protocol_id',
      's7comm.plus_malformed',
      's7comm.plus_malformed',
      's7comm.invalid_cotp',
    ]);
    expect(s7(r.sink.events[2])).toMatchObject({ rosctr: 5, rosctr_name: 'unknown' });
  });

  it('bounds the segmented TSDU by maxPduBytes', () => {
    const limits = { ...DEFAULT_LIMITS, maxPduBytes: 64 };
    const seg = hex('0300002c02f000' + '00'.repeat(37));
    const r = run(
      [
        [S, fx('read-var-job')],
        [S, concatBytes(seg, seg, fx('read-var-job'))],
      ],
      limits,
    );
    expect(r.sink.anomalies).toContain('s7comm.reassembly_limit');
    // After the oversized TSDU ends (next EOT), decoding goes on.
    expect(r.sink.events.length).toBe(1);
  });
});
