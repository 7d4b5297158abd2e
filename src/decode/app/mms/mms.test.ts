/** MMS decoder: ISO stack framing, MMS PDUs and services, pairing, anomalies and the probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { fixtures as s7Fixtures } from '../s7comm/fixtures.js';
import { probeS7 } from '../s7comm/s7comm.js';
import { berInt, berOid, readTlv, T } from './ber.js';
import type { MmsEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { mmsDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: MmsEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as MmsEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = mmsDecoder.createState(limits);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      mmsDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** Runs the named fixtures in order through one state. */
function run(...names: string[]) {
  const s = session();
  for (const n of names) {
    const f = fixtures.find((x) => x.name === n);
    if (!f) throw new Error(`no fixture ${n}`);
    expect(s.parse(f.dir, f.bytes)).toEqual({ kind: 'ok' });
  }
  return s;
}

/** A BER TLV in hex: tag (hex), then the contents (hex parts), with a short or long length. */
function tlv(tag: string, ...parts: string[]): string {
  const body = parts.join('');
  const n = body.length / 2;
  const len = n < 128 ? n.toString(16).padStart(2, '0') : '81' + n.toString(16).padStart(2, '0');
  return tag + len + body;
}

/** A VisibleString TLV of `text`. */
const vs = (text: string): string => tlv('1a', Buffer.from(text, 'latin1').toString('hex'));

/** TPKT + COTP DT (EOT) around a TSDU given in hex. */
function tpkt(tsdu: string): Uint8Array {
  const body = hex('02f080' + tsdu);
  return Uint8Array.from([0x03, 0x00, 0x00, body.length + 4, ...body]);
}

/** Wraps an MMS PDU (hex) in TPKT, COTP DT, GIVE-TOKENS + DATA TRANSFER and a PDV of context 3. */
function dt(mms: string): Uint8Array {
  const pdu = hex(mms);
  const pdv = [0x30, pdu.length + 5, 0x02, 0x01, 0x03, 0xa0, pdu.length];
  const fe = [0x61, pdv.length + pdu.length];
  const body = [0x02, 0xf0, 0x80, 0x01, 0x00, 0x01, 0x00, ...fe, ...pdv, ...pdu];
  return Uint8Array.from([0x03, 0x00, 0x00, body.length + 4, ...body]);
}

describe('BER reader', () => {
  it('reads short, long and high-tag headers and refuses overruns', () => {
    const d = hex('bf4c03' + '190141');
    expect(readTlv(d, 0, d.length)).toBe(true);
    expect([T().cls, T().cons, T().tag, T().vs, T().ve]).toEqual([0x80, true, 76, 3, 6]);
    expect(readTlv(hex('30820100'), 0, 4)).toBe(false); // 256 bytes claimed, none there
    expect(readTlv(hex('3080'), 0, 2)).toBe(false); // indefinite length refused
    expect(readTlv(hex('1f8181818101'), 0, 6)).toBe(false); // tag number over 4 octets
  });
  it('decodes integers and object identifiers', () => {
    expect(berInt(hex('ff7f'), 0, 2)).toBe(-129);
    expect(berInt(hex('0304a273'), 0, 4)).toBe(50635379);
    expect(berOid(hex('28ca220203'), 0, 5)).toBe('1.0.9506.2.3');
    expect(berOid(hex('28ca'), 0, 2)).toBe(''); // unterminated arc
  });
});

describe('ISO stack', () => {
  it('decodes the COTP connection, confirming the flow on its TSAPs', () => {
    const s = run('cotp-connect-request', 'cotp-connect-confirm');
    expect(s.sink.events.map((e) => e.mms)).toEqual([
      { cotp_type: 0xe0, cotp_pdu: 'CR', calling_tsap: '0002', called_tsap: '0001' },
      { cotp_type: 0xd0, cotp_pdu: 'CC', calling_tsap: '0002', called_tsap: '0200' },
    ]);
    expect(s.sink.confirms).toBe(1);
  });

  it('takes the session CONNECT apart down to the AARQ and the initiate-Request', () => {
    const s = run('connect-aarq-initiate-request');
    expect(s.sink.events).toEqual([
      {
        kind: 'mms.request',
        mms: {
          spdu_type: 13,
          spdu: 'connect',
          presentation_contexts: ['1=2.2.1.0.1', '3=1.0.9506.2.1'],
          presentation_context: 1,
          acse_pdu: 'aarq',
          application_context: '1.0.9506.2.3',
          called_ap_title: '1.3.9999.2',
          called_ae_qualifier: 23,
          pdu_type: 8,
          pdu: 'initiate_request',
          max_pdu_size: 30000,
          max_serv_outstanding_calling: 1000,
          max_serv_outstanding_called: 1000,
          nesting_level: 5,
          version: 1,
          parameter_cbb: ['str1', 'str2', 'vnam', 'valt', 'vadr', 'tpy', 'vlis'],
          services_supported: 'ffffffffffffffffffffff00',
          services_supported_count: 88,
        },
      },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes the ACCEPT with the AARE result and the negotiated parameters', () => {
    const s = run('accept-aare-initiate-response');
    const m = s.sink.events[0]?.mms;
    expect(m).toMatchObject({
      spdu: 'accept',
      presentation_results: [0, 0],
      acse_pdu: 'aare',
      acse_result: 0,
      acse_result_name: 'accepted',
      responding_ap_title: '1.1.1.999.1',
      responding_ae_qualifier: 12,
      pdu: 'initiate_response',
      max_pdu_size: 49152,
      max_serv_outstanding_calling: 1,
      parameter_cbb: ['str1', 'str2', 'vnam', 'vlis'],
      services_supported_count: 12,
    });
  });

  it('reports release and abort at the session layer', () => {
    const s = run('finish-release-request', 'disconnect-release-response', 'session-abort');
    expect(s.sink.events.map((e) => [e.kind, e.mms.spdu, e.mms.acse_pdu])).toEqual([
      ['mms.session', 'finish', 'rlrq'],
      ['mms.session', 'disconnect', 'rlre'],
      ['mms.session', 'abort', undefined],
    ]);
    expect(s.sink.anomalies).toEqual(['mms.association_abort']);
  });

  it('reassembles a TSDU segmented over two DTs', () => {
    const whole = fixture('identify-response');
    const user = whole.subarray(7);
    const cut = 10;
    const first = Uint8Array.from([3, 0, 0, cut + 7, 2, 0xf0, 0x00, ...user.subarray(0, cut)]);
    const rest = user.subarray(cut);
    const second = Uint8Array.from([3, 0, 0, rest.length + 7, 2, 0xf0, 0x80, ...rest]);
    const s = run('identify-request');
    expect(s.parse(S, first)).toEqual({ kind: 'ok' });
    expect(s.sink.events).toHaveLength(1);
    expect(s.parse(S, second)).toEqual({ kind: 'ok' });
    expect(s.sink.events[1]?.mms.vendor_name).toBe('INFO TECH');
  });

  it('decodes an MMS PDU sent straight over COTP', () => {
    const s = run('bare-kill-request');
    expect(s.sink.events[0]).toEqual({
      kind: 'mms.request',
      mms: {
        pdu_type: 0,
        pdu: 'confirmed_request',
        invoke_id: 1,
        service: 44,
        service_name: 'kill',
        domain_name: 'R395024397Application_1',
      },
    });
    expect(s.sink.anomalies).toEqual(['mms.program_control']);
  });

  it('rejects a new flow that is not this stack, and scans after confirmation', () => {
    const s = session();
    expect(s.parse(C, fixture('unknown-spdu'))).toEqual({
      kind: 'reject',
      anomaly: 'mms.invalid_spdu',
    });
    const t = run('identify-request');
    const garbage = hex('0400000b02f080010001');
    const next = fixture('conclude-request');
    expect(t.parse(C, Uint8Array.from([...garbage, ...next]))).toEqual({ kind: 'ok' });
    expect(t.sink.anomalies).toEqual(['mms.invalid_tpkt']);
    expect(t.sink.events.at(-1)?.mms.pdu).toBe('conclude_request');
  });

  it('leaves a partial TPKT to the caller', () => {
    const s = session();
    const f = fixture('identify-request');
    expect(s.parse(C, f.subarray(0, 10))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: f.length,
    });
  });
});

describe('MMS services', () => {
  it('pairs identify request and response', () => {
    const s = run('identify-request', 'identify-response');
    expect(s.sink.events[1]).toEqual({
      kind: 'mms.response',
      mms: {
        spdu_type: 1,
        spdu: 'data_transfer',
        presentation_context: 3,
        pdu_type: 1,
        pdu: 'confirmed_response',
        invoke_id: 1,
        service: 2,
        service_name: 'identify',
        paired: true,
        vendor_name: 'INFO TECH',
        model_name: 'S61850 for PC',
        revision: '0.0.1',
      },
    });
  });

  it('lists domain and vmd-specific variables of a read and summarises the values', () => {
    const s = run('read-request-domain-variables', 'read-response-values');
    expect(s.sink.events[0]?.mms.variables).toEqual([
      { scope: 'domain', domain_id: 'KIRKLAND', item_id: 'Bilateral_Table_ID' },
      { scope: 'vmd', item_id: 'TASE2_Version' },
      { scope: 'vmd', item_id: 'Supported_Features' },
    ]);
    expect(s.sink.events[1]?.mms).toMatchObject({
      invoke_id: 4432,
      paired: true,
      result_count: 3,
      failure_count: 0,
      results: [
        { success: true, type: 'visible_string', value: '1.0' },
        { success: true, type: 'structure', value: '{1996,8}' },
        { success: true, type: 'bit_string', value: 'fb00' },
      ],
    });
  });

  it('flags a write to Oper as an IEC 61850 control operation', () => {
    const s = run('write-request-control-operate', 'write-response-success');
    expect(s.sink.events[0]?.mms).toMatchObject({
      service_name: 'write',
      control: 'operate',
      variables: [{ scope: 'domain', domain_id: 'IED1LD0', item_id: 'CSWI1$CO$Pos$Oper' }],
      results: [
        {
          success: true,
          type: 'structure',
          value: '{true,{3,},1,2020-09-01T09:57:20.000Z,false,40}',
        },
      ],
    });
    expect(s.sink.events[1]?.mms).toMatchObject({ write_results: ['success'], failure_count: 0 });
    expect(s.sink.anomalies).toEqual(['mms.control_operation']);
    expect(s.sink.details[0]).toBe('operate IED1LD0/CSWI1$CO$Pos$Oper');
  });

  it('names select-before-operate and cancel, and plain writes', () => {
    const write = (item: string): string[] => {
      const name = tlv('a1', vs('IED1LD0CTL'), vs(item));
      const spec = tlv('a0', tlv('30', tlv('a0', name)));
      const s = session();
      s.parse(C, dt(tlv('a0', '020109', tlv('a5', spec, tlv('a0', '830101')))));
      return [String(s.sink.events[0]?.mms.control), ...s.sink.anomalies];
    };
    expect(write('CSWI1$CO$Pos$SBOw')).toEqual(['select_with_value', 'mms.control_operation']);
    expect(write('CSWI1$CO$Pos$Cancel')).toEqual(['cancel', 'mms.control_operation']);
    expect(write('LLN0$BR$brcb01$RptEna')).toEqual(['undefined', 'mms.variable_write']);
  });

  it('names errors with the service of their request', () => {
    const s = run('get-variable-access-attributes-rcb', 'confirmed-error-object-non-existent');
    expect(s.sink.events[1]?.mms).toMatchObject({
      pdu: 'confirmed_error',
      invoke_id: 303731,
      service_name: 'get_variable_access_attributes',
      error_class_name: 'access',
      error_code_name: 'object_non_existent',
      paired: true,
    });
    expect(s.sink.anomalies).toEqual(['mms.error_response']);
  });

  it('decodes variable list definition, rejects, file deletion and its refusal', () => {
    const s = run(
      'define-named-variable-list-request',
      'reject-unrecognized-service',
      'file-delete-request',
      'file-delete-error',
    );
    expect(s.sink.events[0]?.mms.variable_list_name).toEqual({
      scope: 'domain',
      domain_id: 'IED1LD0',
      item_id: 'LLN0$DS1',
    });
    expect(s.sink.events[1]?.mms).toMatchObject({
      pdu: 'reject',
      invoke_id: 7,
      reject_type: 'confirmed_request',
      reject_reason: 'unrecognized_service',
    });
    expect(s.sink.events[2]?.mms.file_names).toEqual(['COMTRADE/fault01.cfg']);
    expect(s.sink.events[3]?.mms).toMatchObject({
      service_name: 'file_delete',
      error_class_name: 'file',
      error_code_name: 'file_access_denied',
    });
    expect(s.sink.anomalies).toEqual([
      'mms.variable_list_change',
      'mms.reject',
      'mms.file_change',
      'mms.error_response',
    ]);
  });

  it('decodes an information report by its variables and access results', () => {
    const s = run('information-report');
    expect(s.sink.events[0]?.mms).toMatchObject({
      unconfirmed_service_name: 'information_report',
      variable_count: 7,
      result_count: 7,
      failure_count: 0,
    });
  });

  it('decodes getNameList requests and responses', () => {
    const s = session();
    // confirmed-Request invoke 9: getNameList class domain (9), scope vmd, continueAfter "LD1"
    s.parse(
      C,
      dt(
        tlv('a0', '020109', tlv('a1', tlv('a0', '800109'), tlv('a1', '8000'), tlv('82', '4c4431'))),
      ),
    );
    // confirmed-Response invoke 9: listOfIdentifier [LD2, LD3], moreFollows false
    s.parse(S, dt(tlv('a1', '020109', tlv('a1', tlv('a0', vs('LD2'), vs('LD3')), '810100'))));
    expect(s.sink.events[0]?.mms).toMatchObject({
      service_name: 'get_name_list',
      object_class: 9,
      object_class_name: 'domain',
      object_scope: 'vmd',
      continue_after: 'LD1',
    });
    expect(s.sink.events[1]?.mms).toMatchObject({
      identifiers: ['LD2', 'LD3'],
      identifier_count: 2,
      more_follows: false,
      paired: true,
    });
  });

  it('keeps invoke ids of the two requesters apart and flags unsolicited responses', () => {
    const s = run('connect-aarq-initiate-request');
    // The server asks too (ICCP): its invoke id 1 must not answer the client's.
    s.parse(S, fixture('identify-request'));
    s.parse(S, fixture('identify-response'));
    expect(s.sink.events.at(-1)?.mms.paired).toBe(false);
    expect(s.sink.anomalies).toEqual(['mms.unsolicited_response']);
  });

  it('caps listed objects and counts the rest', () => {
    const limits = { ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 };
    const s = session(limits);
    s.parse(
      S,
      dt('a1' + '13' + '020109' + 'a1' + '0e' + 'a009' + '1a034c44321a034c4433' + '810100'),
    );
    const lim = session(limits);
    lim.parse(S, fixture('information-report'));
    expect(lim.sink.events[0]?.mms.variables).toHaveLength(2);
    expect(lim.sink.events[0]?.mms.variable_count).toBe(7);
    expect(lim.sink.events[0]?.mms.results).toHaveLength(2);
    expect(lim.sink.anomalies).toEqual(['mms.objects_limit_reached', 'mms.objects_limit_reached']);
  });

  it('forgets the oldest request past the pairing limit', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 1 });
    s.parse(C, fixture('identify-request'));
    s.parse(C, fixture('file-delete-request'));
    expect(s.sink.anomalies).toEqual(['mms.too_many_transactions', 'mms.file_change']);
    expect(s.state.pending.size).toBe(1);
  });

  it('names the ACSE password and a rejected AARE', () => {
    const s = session();
    // FINISH carrying an AARQ is not legal, but exercises the ACSE fields alone: a charstring
    // authentication value, then an AARE with result rejected-permanent.
    const finish = (si: string, apdu: string): Uint8Array => {
      const ud = tlv('61', tlv('30', '020101', tlv('a0', apdu)));
      return tpkt(tlv(si, tlv('c1', ud)));
    };
    s.parse(C, finish('09', tlv('60', tlv('ac', tlv('80', '736563726574')))));
    s.parse(S, finish('0a', tlv('61', tlv('a2', '020101'))));
    expect(s.sink.events.map((e) => [e.mms.authentication, e.mms.acse_result_name])).toEqual([
      ['password', undefined],
      [undefined, 'rejected_permanent'],
    ]);
    expect(s.sink.anomalies).toEqual(['mms.cleartext_password', 'mms.association_rejected']);
  });
});

describe('malformed input', () => {
  it('reports a truncated PDU with what was decoded on a known flow', () => {
    const s = run('identify-request', 'truncated-read-request');
    expect(s.sink.anomalies).toEqual(['mms.invalid_pdu']);
    expect(s.sink.events[1]?.mms).toMatchObject({ pdu: 'confirmed_request', invoke_id: 8 });
  });

  it('names an ACCEPT whose length overruns the TSDU', () => {
    const s = run('identify-request', 'accept-length-overrun');
    expect(s.sink.anomalies).toEqual(['mms.invalid_spdu']);
  });

  it('drops a segmented TSDU over the PDU limit', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPduBytes: 64 });
    s.parse(C, fixture('identify-request'));
    const seg = Uint8Array.from([3, 0, 0, 47, 2, 0xf0, 0x00, ...new Uint8Array(40)]);
    s.parse(C, seg);
    s.parse(C, seg);
    expect(s.sink.anomalies).toEqual(['mms.reassembly_limit']);
  });
});

describe('probe and co-existence with S7comm on TCP 102', () => {
  it('matches CR/CC with non-S7 TSAPs and DTs that carry session SPDUs or MMS PDUs', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect([f.name, mmsDecoder.probe(f.bytes, f.dir)]).toEqual([f.name, 'match']);
    }
  });

  it('refuses every S7comm fixture, and S7comm refuses every MMS fixture', () => {
    for (const f of s7Fixtures) {
      expect([f.name, mmsDecoder.probe(f.bytes, f.dir)]).toEqual([f.name, 'no_match']);
    }
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect([f.name, probeS7(f.bytes, f.dir)]).toEqual([f.name, 'no_match']);
    }
  });

  it('refuses S7 TSAPs, S7 PDUs, empty DTs and TSAP-less (RDP) connection requests', () => {
    // CR with S7 TSAPs 01 00 / 01 02 (PG, rack 0 slot 2)
    expect(mmsDecoder.probe(hex('030000160ee00000000100c1020100c2020102c0010a'), C)).toBe(
      'no_match',
    );
    expect(mmsDecoder.probe(hex('0300001902f08032010000'), C)).toBe('no_match');
    expect(mmsDecoder.probe(hex('0300001902f08072010000'), C)).toBe('no_match');
    expect(mmsDecoder.probe(hex('0300000702f080'), C)).toBe('no_match');
    // RDP: CR with a cookie and no TSAP parameter
    expect(mmsDecoder.probe(hex('0300000b06e00000000000'), C)).toBe('no_match');
    expect(mmsDecoder.probe(hex('0300'), C)).toBe('need_more');
    expect(mmsDecoder.probe(hex('0300002a02f080'), C)).toBe('need_more');
  });
});
