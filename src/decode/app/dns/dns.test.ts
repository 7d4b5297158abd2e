/** DNS decoder: both framings, field values, names, EDNS, tunnelling features, anomalies, probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { DnsFields } from './events.js';
import { fixtures } from './fixtures.js';
import { dnsDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface DnsEvent {
  kind: string;
  dns: DnsFields;
}

class Sink implements DecodeSink {
  events: DnsEvent[] = [];
  anomalies: string[] = [];
  details: (string | undefined)[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as DnsEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(transport?: 'tcp' | 'udp', limits = DEFAULT_LIMITS) {
  const state = dnsDecoder.createState(limits, transport);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      dnsDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** The message of a stream-form fixture, as a datagram. */
const datagram = (name: string): Uint8Array => fixture(name).subarray(2);

/** Wire form of a dotted name. */
function wireName(name: string): string {
  let s = '';
  for (const label of name.split('.')) {
    s += label.length.toString(16).padStart(2, '0');
    s += Buffer.from(label, 'latin1').toString('hex');
  }
  return s + '00';
}

/** A one-question message: header fields, then the question. */
function message(id: number, flags: number, qname: string, qtype: number, extra = ''): Uint8Array {
  const h = (v: number): string => v.toString(16).padStart(4, '0');
  return hex(
    h(id) +
      h(flags) +
      '0001' +
      '0000' +
      '0000' +
      '0000' +
      wireName(qname) +
      h(qtype) +
      '0001' +
      extra,
  );
}

describe('DNS over TCP (stream form)', () => {
  it('decodes the TXT query and its response, paired, and confirms the flow', () => {
    const s = session('tcp');
    expect(s.parse(C, fixture('txt-query'))).toEqual({ kind: 'ok' });
    expect(s.parse(S, fixture('txt-response'))).toEqual({ kind: 'ok' });
    const [q, r] = s.sink.events;
    expect(q).toEqual({
      kind: 'dns.query',
      dns: {
        transport: 'tcp',
        id: 2,
        qr: false,
        opcode: 0,
        opcode_name: 'query',
        aa: false,
        tc: false,
        rd: true,
        ra: false,
        z: false,
        ad: false,
        cd: false,
        rcode: 0,
        rcode_name: 'noerror',
        qdcount: 1,
        ancount: 0,
        nscount: 0,
        arcount: 0,
        qname: 'l.ns.ostrykebs.pl',
        qtype: 16,
        qtype_name: 'TXT',
        qclass: 1,
        qclass_name: 'IN',
        qname_length: 17,
        label_count: 4,
        longest_label: 9,
        // Leftmost labels of l.ns.ostrykebs.pl: "l" and "ns" -> 3 distinct bytes, equiprobable.
        entropy: 1.585,
        domain: 'ostrykebs.pl',
      },
    });
    expect(r?.kind).toBe('dns.response');
    expect(r?.dns.paired).toBe(true);
    expect(r?.dns.ra).toBe(true);
    expect(r?.dns.txt_bytes).toBe(213);
    const a = r?.dns.answers?.[0];
    expect(a).toMatchObject({
      name: 'l.ns.ostrykebs.pl',
      type: 16,
      type_name: 'TXT',
      class: 1,
      class_name: 'IN',
      ttl: 3600,
      rdlength: 213,
    });
    expect(a?.txt?.[0]).toMatch(/^@\$str='';\$i=1;while\(1\)/);
    expect(a?.txt?.[0]).toHaveLength(212);
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.confirms).toBe(1);
  });

  it('reads EDNS: UDP size, DO bit, version, no options', () => {
    const s = session('tcp');
    s.parse(C, fixture('sig-query-with-edns'));
    const e = s.sink.events[0]?.dns;
    expect(e?.qtype_name).toBe('SIG');
    expect(e?.edns).toEqual({ udp_size: 4000, version: 0, do: true, ext_rcode: 0, options: [] });
    expect(e?.additional).toBeUndefined();
  });

  it('buffers a split message and asks for exactly the rest', () => {
    const s = session('tcp');
    const b = fixture('ptr-query');
    expect(s.parse(C, b.subarray(0, 1))).toEqual({ kind: 'incomplete', consumed: 0, needed: 2 });
    expect(s.parse(C, b.subarray(0, 10))).toEqual({ kind: 'incomplete', consumed: 0, needed: 46 });
    expect(s.parse(C, b)).toEqual({ kind: 'ok' });
    expect(s.sink.events[0]?.dns.qname).toBe('2.100.168.192.in-addr.arpa');
    expect(s.sink.events[0]?.dns.qtype_name).toBe('PTR');
  });

  it('rejects a length prefix shorter than the header, and stops after a gap', () => {
    expect(session('tcp').parse(C, hex('000b' + '00'.repeat(11)))).toEqual({
      kind: 'reject',
      anomaly: 'dns.invalid_length',
    });
    const s = session('tcp');
    dnsDecoder.onGap?.(s.state, C, 100);
    expect(s.parse(C, fixture('txt-query'))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([]);
  });

  it('names a compression loop and a reserved label type, and flags the AXFR', () => {
    const s = session('tcp');
    s.parse(C, fixture('txt-query'));
    s.parse(S, fixture('compression-loop'));
    s.parse(C, fixture('axfr-bad-label'));
    expect(s.sink.anomalies).toEqual(['dns.compression_loop', 'dns.malformed_name']);
    expect(s.sink.events[1]?.dns.error).toBe('answers record 1: more than 32 compression pointers');
    expect(s.sink.events[2]?.dns.error).toBe('reserved label type (0x40 or 0x80)');
  });
});

describe('DNS over UDP (datagram form)', () => {
  it('decodes one message per datagram', () => {
    const s = session('udp');
    expect(s.parse(C, datagram('txt-query'))).toEqual({ kind: 'ok' });
    expect(s.sink.events[0]?.dns.transport).toBe('udp');
    expect(s.sink.events[0]?.dns.qname).toBe('l.ns.ostrykebs.pl');
  });

  it('rejects a first datagram that is not DNS, names a short one after confirmation', () => {
    expect(session('udp').parse(C, hex('474554202f20485454502f312e310d0a'))).toEqual({
      kind: 'reject',
      anomaly: 'dns.not_dns',
    });
    const s = session('udp');
    s.parse(C, datagram('txt-query'));
    expect(s.parse(C, hex('0002 0100 0001'))).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual(['dns.truncated_message']);
  });

  it('decodes A, AAAA, CNAME, MX, SRV, SOA and NS records, and the extended rcode', () => {
    const q = wireName('www.example.com');
    const body =
      '0007' + // ID 7
      '8580' + // response, AA, RD, RA
      '0001' + // QDCOUNT
      '0005' + // ANCOUNT: CNAME, A, AAAA, MX, SRV
      '0002' + // NSCOUNT: NS, SOA
      '0001' + // ARCOUNT: OPT
      q +
      '00010001' + // A IN
      'c00c' +
      '0005' +
      '0001' +
      '0000012c' +
      '0006' +
      '03636463c010' + // CNAME cdc.example.com
      'c00c' +
      '0001' +
      '0001' +
      '0000012c' +
      '0004' +
      'c0000201' + // A 192.0.2.1
      'c00c' +
      '001c' +
      '0001' +
      '0000012c' +
      '0010' +
      '20010db8000000000000000000000001' + // AAAA
      'c010' +
      '000f' +
      '0001' +
      '0000012c' +
      '0004' +
      '000ac010' + // MX 10 example.com
      'c010' +
      '0021' +
      '0001' +
      '0000012c' +
      '0008' +
      '000100020050c010' + // SRV 1 2 80 example.com
      'c010' +
      '0002' +
      '0001' +
      '00000e10' +
      '0005' +
      '026e73c010' + // NS ns.example.com
      'c010' +
      '0006' +
      '0001' +
      '00000e10' +
      '0018' +
      'c010' +
      'c010' + // SOA mname, rname
      '00000001' +
      '00000002' +
      '00000003' +
      '00000004' +
      '00000005' + // serial..minimum
      '00' +
      '0029' +
      '1000' +
      '01000000' +
      '0008' +
      '000a00040102030400'.slice(0, 16); // OPT ext rcode 1, cookie
    const s = session('udp');
    s.parse(S, hex(body));
    const e = s.sink.events[0]?.dns;
    expect(e?.answers?.map((a) => [a.type_name, a.data])).toEqual([
      ['CNAME', 'cdc.example.com'],
      ['A', '192.0.2.1'],
      ['AAAA', '2001:db8::1'],
      ['MX', '10 example.com'],
      ['SRV', '1 2 80 example.com'],
    ]);
    expect(e?.authority?.map((a) => [a.type_name, a.data])).toEqual([
      ['NS', 'ns.example.com'],
      ['SOA', 'example.com example.com 1 2 3 4 5'],
    ]);
    // Extended rcode 1 << 4 | 0 = 16: BADVERS.
    expect(e?.rcode).toBe(16);
    expect(e?.rcode_name).toBe('badvers');
    expect(e?.edns?.options).toEqual([{ code: 10, name: 'cookie', length: 4 }]);
    expect(e?.aa).toBe(true);
  });

  it('emits one dns.question event per extra question (mDNS), with the QU bit', () => {
    // melsec/melsoft_UDP_unclean_1.pcap frame 720 carries 9 questions; two of them here.
    const body =
      '0000' +
      '0000' +
      '0002' +
      '0000' +
      '0000' +
      '0000' + // header: 2 questions
      wireName('_ipps._tcp.local') +
      '000c' +
      '8001' + // PTR, QU bit set
      '045f667470c012' +
      '000c' +
      '0001'; // _ftp + pointer to _tcp.local
    const s = session('udp');
    s.parse(C, hex(body));
    expect(s.sink.events.map((e) => [e.kind, e.dns.qname, e.dns.qu, e.dns.question_index])).toEqual(
      [
        ['dns.query', '_ipps._tcp.local', true, undefined],
        ['dns.question', '_ftp._tcp.local', undefined, 1],
      ],
    );
  });

  it('shows names as Wireshark does: spaces as is, UTF-8 decoded, control bytes escaped', () => {
    const s = session('udp');
    const name =
      '0c' +
      Buffer.from('bob’s imac', 'utf8').toString('hex') + // "bob’s imac" (12 bytes)
      '03' +
      '610162' + // "a\x01b"
      '056c6f63616c' +
      '00'; // "local"
    s.parse(C, hex('0001' + '0000' + '0001' + '000000000000' + name + '000c0001'));
    expect(s.sink.events[0]?.dns.qname).toBe('bob’s imac.a\\x01b.local');
    expect(s.sink.events[0]?.dns.domain).toBe('a\\x01b.local');
    const root = session('udp');
    root.parse(C, hex('0001' + '0100' + '0001' + '000000000000' + '00' + '00020001'));
    expect(root.sink.events[0]?.dns.qname).toBe('<Root>');
    expect(root.sink.events[0]?.dns.domain).toBeUndefined();
  });
});

describe('tunnelling features and anomalies', () => {
  it('flags a long, high-entropy query name', () => {
    const data = 'mzxw6ytboi4dqmjsgq2tmnzygkzdgnbvgy3tqojqgeztmobz';
    const s = session('udp');
    s.parse(C, message(9, 0x0100, `${data}.${data.slice(0, 50)}.t.example.com`, 16));
    const e = s.sink.events[0]?.dns;
    expect(e?.qname_length).toBe(48 + 1 + 48 + '.t.example.com'.length);
    expect(e?.longest_label).toBe(48);
    expect(e?.label_count).toBe(5);
    expect(e?.entropy).toBeGreaterThan(4);
    expect(s.sink.anomalies).toEqual(['dns.long_name', 'dns.high_entropy_name']);
  });

  it('names the domain of each query: its last two labels', () => {
    const s = session('udp');
    s.parse(C, message(1, 0x0100, 'l.1.ns.ostrykebs.pl', 16));
    s.parse(C, message(2, 0x0100, 'ostrykebs.pl', 16));
    s.parse(C, message(3, 0x0100, 'isatap', 1));
    s.parse(C, message(4, 0x0100, 'www.example.co.uk', 1));
    expect(s.sink.events.map((e) => e.dns.domain)).toEqual([
      'ostrykebs.pl',
      'ostrykebs.pl',
      'isatap',
      'co.uk',
    ]);
  });

  it('does not flag ordinary names', () => {
    const s = session('udp');
    s.parse(C, message(1, 0x0100, 'login.microsoftonline.com', 1));
    s.parse(C, message(2, 0x0100, 'wpad.corp.example.com', 1));
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags AXFR, IXFR and ANY queries', () => {
    const s = session('udp');
    s.parse(C, message(1, 0x0000, 'example.com', 252));
    s.parse(C, message(2, 0x0000, 'example.com', 251));
    s.parse(C, message(3, 0x0100, 'example.com', 255));
    expect(s.sink.anomalies).toEqual(['dns.zone_transfer', 'dns.zone_transfer', 'dns.any_query']);
  });

  it('reports an NXDOMAIN burst once, on the 20th of 32 responses', () => {
    const s = session('udp');
    for (let i = 0; i < 25; i++) s.parse(S, message(i, 0x8183, `x${i}.example.com`, 1));
    expect(s.sink.anomalies).toEqual(['dns.nxdomain_burst']);
    expect(s.sink.details).toEqual(['20 of the last 32 responses']);
  });

  it('flags a truncated response and pairs only the same ID and name', () => {
    const s = session('udp');
    s.parse(C, message(5, 0x0100, 'a.example.com', 1));
    s.parse(S, message(5, 0x8380, 'b.example.com', 1));
    s.parse(S, message(5, 0x8380, 'a.example.com', 1));
    expect(s.sink.events.map((e) => e.dns.paired)).toEqual([undefined, undefined, true]);
    expect(s.sink.anomalies).toEqual(['dns.truncated_response', 'dns.truncated_response']);
  });

  it('keeps at most maxPendingTransactions queries', () => {
    const s = session('udp', { ...DEFAULT_LIMITS, maxPendingTransactions: 4 });
    for (let i = 0; i < 10; i++) s.parse(C, message(i, 0x0100, 'a.example.com', 1));
    expect(s.state.pending.size).toBe(4);
    s.parse(S, message(0, 0x8180, 'a.example.com', 1));
    s.parse(S, message(9, 0x8180, 'a.example.com', 1));
    expect(s.sink.events.slice(10).map((e) => e.dns.paired)).toEqual([undefined, true]);
  });

  it('lists at most 64 records per section and says so', () => {
    let recs = '';
    for (let i = 0; i < 70; i++)
      recs += 'c00c' + '0001' + '0001' + '0000003c' + '0004' + '0a000001';
    const s = session('udp');
    s.parse(
      S,
      hex(
        '0001' + '8180' + '0001' + '0046' + '0000' + '0000' + wireName('a.b') + '00010001' + recs,
      ),
    );
    expect(s.sink.events[0]?.dns.answers).toHaveLength(64);
    expect(s.sink.anomalies).toEqual(['dns.records_limit_reached']);
  });

  it('names a name longer than 255 bytes and a pointer outside the message', () => {
    const long = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
    const s = session('udp');
    s.parse(C, message(1, 0x0100, 'ok.example', 1));
    s.parse(C, message(2, 0x0100, long, 1));
    s.parse(
      S,
      hex(
        '0003' +
          '8180' +
          '0000' +
          '0001' +
          '0000' +
          '0000' +
          'c0ff' +
          '00010001' +
          '00000000' +
          '0000',
      ),
    );
    expect(s.sink.anomalies).toEqual(['dns.name_too_long', 'dns.malformed_name']);
  });
});

describe('probe', () => {
  it('recognises both forms and refuses NBNS, HTTP and short text', () => {
    expect(dnsDecoder.probe(datagram('txt-query'), C)).toBe('match');
    expect(dnsDecoder.probe(fixture('txt-query'), C)).toBe('match');
    expect(dnsDecoder.probe(fixture('txt-query').subarray(0, 8), C)).toBe('need_more');
    // NBNS name query for "WORKGROUP<1d>" (RFC 1002 4.2.12, first-level encoded name).
    const nbns = hex(
      '8b1b' +
        '0110' +
        '0001000000000000' +
        '20' +
        '46484550464345' +
        '4c45484643455046464641434143414341434143414341424e' +
        '00' +
        '00200001',
    );
    expect(dnsDecoder.probe(nbns, C)).toBe('no_match');
    expect(dnsDecoder.probe(hex('474554202f20485454502f312e310d0a'), C)).toBe('no_match');
  });
});
