/** CIP layer of the EtherNet/IP decoder: services, objects and error paths on hand-built messages. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { ByteCursor } from '../../cursor.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import { attributeListIds, attributeSize, attributeStatusIds } from './attributes.js';
import { ConnectionTable, triadKey } from './connections.js';
import { EPath } from './epath.js';
import type { CipFields, EnipFields } from './events.js';
import { ENIP_ANOMALIES, enipDecoder } from './index.js';
import { TransactionTable, PairKind } from './transactions.js';
import { RequestInfo } from './request-info.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface Ev {
  kind: string;
  enip?: EnipFields;
  cip?: CipFields;
}

class Sink implements DecodeSink {
  events: Ev[] = [];
  anomalies: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(JSON.parse(JSON.stringify(e)) as Ev);
  }
  anomaly(name: string): void {
    expect(Object.hasOwn(ENIP_ANOMALIES, name), name).toBe(true);
    this.anomalies.push(name);
  }
  confirm(): void {}
  take(): { events: Ev[]; anomalies: string[] } {
    const out = { events: this.events, anomalies: this.anomalies };
    this.events = [];
    this.anomalies = [];
    return out;
  }
}

const le16 = (n: number): Uint8Array => new Uint8Array([n & 0xff, (n >> 8) & 0xff]);

/** An encapsulation message: command, session, context, then `data`. */
function encap(command: number, data: Uint8Array, ctx = '0100000000000000'): Uint8Array {
  return concatBytes(
    le16(command),
    le16(data.length),
    hex('00000000' + '00000000' + ctx + '00000000'),
    data,
  );
}

/** SendRRData around the CIP bytes `cipHex`, with extra CPF items after the data item. */
function rr(cipHex: string, ctx = '0100000000000000', extraItems = ''): Uint8Array {
  const cip = hex(cipHex);
  const extra = hex(extraItems);
  const count =
    extraItems === '' ? 2 : 2 + (extraItems.length > 0 ? Math.ceil(extra.length / 20) : 0);
  return encap(
    0x6f,
    concatBytes(
      hex('00000000' + '0000'),
      le16(count),
      hex('00000000' + 'b200'),
      le16(cip.length),
      cip,
      extra,
    ),
    ctx,
  );
}

/** SendUnitData on connection `cid` with CIP sequence count `seq`. */
function unit(cipHex: string, cid: string, seq: number): Uint8Array {
  const cip = hex(cipHex);
  return encap(
    0x70,
    concatBytes(
      hex('00000000' + '0000' + '0200' + 'a1000400' + cid + 'b100'),
      le16(cip.length + 2),
      le16(seq),
      cip,
    ),
    '0000000000000000',
  );
}

function session() {
  const state = enipDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    send(dir: Direction, bytes: Uint8Array): { events: Ev[]; anomalies: string[] } {
      expect(enipDecoder.parse(state, bytes, dir, sink)).toEqual({ kind: 'ok' });
      return sink.take();
    },
  };
}

describe('Logix tag values', () => {
  const cases: [string, string, string, unknown[]][] = [
    ['bool', 'c100', '0001', [false, true]],
    ['sint', 'c200', 'ff7f', [-1, 127]],
    ['usint', 'c600', 'ff', [255]],
    ['byte', 'd100', '0a', [10]],
    ['int', 'c300', 'ffff0080', [-1, -32768]],
    ['uint', 'c700', 'ffff', [65535]],
    ['word', 'd200', '3412', [0x1234]],
    ['dint', 'c400', 'feffffff', [-2]],
    ['udint', 'c800', 'ffffffff', [4294967295]],
    ['dword', 'd300', '78563412', [0x12345678]],
    ['real', 'ca00', '0000c03f' + '0000c07f' + '0000803f' + '00000080', [1.5, 'NaN', 1, 0]],
    ['lreal', 'cb00', '000000000000f83f', [1.5]],
    ['lint', 'c500', 'feffffffffffffff', ['-2']],
    ['ulint', 'c900', 'ffffffffffffffff', ['18446744073709551615']],
    ['lword', 'd400', '0100000001000000', ['4294967297']],
  ];

  it.each(cases)('reads %s values of a Read Tag reply', (name, type, data, values) => {
    const s = session();
    s.send(C, unit('4c03' + '9103546167' + '00' + '0100', '01000000', 7));
    const r = s.send(S, unit('cc000000' + type + data, '02000000', 7));
    expect(r.anomalies).toEqual([]);
    expect(r.events[0]?.cip).toMatchObject({
      service_name: 'read_tag',
      symbol: 'Tag',
      tag: { data_type_name: name, values },
    });
  });

  it('reports structures by handle and their data as hex', () => {
    const s = session();
    s.send(C, unit('4c03' + '9103546167' + '00' + '0100', '01000000', 8));
    const r = s.send(S, unit('cc000000' + 'a002' + '3412' + '0102030405', '02000000', 8));
    expect(r.events[0]?.cip?.tag).toEqual({
      data_type: 0x02a0,
      data_type_name: 'struct',
      struct_handle: 0x1234,
      data_hex: '0102030405',
    });
  });

  it('reads Write Tag Fragmented and Read Modify Write requests', () => {
    const s = session();
    const w = s.send(
      C,
      unit('5303' + '9103417272' + '00' + 'c300' + '0400' + '04000000' + '0500', '01000000', 9),
    );
    expect(w.events[0]?.cip).toMatchObject({
      service_name: 'write_tag_fragmented',
      tag: { data_type: 0xc3, elements: 4, offset: 4, values: [5] },
    });
    const m = s.send(
      C,
      unit('4e03' + '9103417272' + '00' + '0200' + '0100' + 'ffff', '01000000', 10),
    );
    expect(m.events[0]?.cip?.tag).toEqual({ or_mask: '0100', and_mask: 'ffff' });
    // Tag services addressed to the Symbol class by instance, and a truncated Write Tag.
    const g = s.send(C, unit('4c03' + '206b' + '2501' + '0200' + '0100', '01000000', 11));
    expect(g.events[0]?.cip).toMatchObject({
      service_name: 'read_tag',
      class_name: 'logix_symbol',
      instance_id: 2,
    });
    const t = s.send(C, unit('4d03' + '9103417272' + '00' + 'c4', '01000000', 12));
    expect(t.events[0]?.cip?.tag).toEqual({});
  });
});

describe('Connection Manager', () => {
  it('decodes a Large Forward Open with sockaddr items, its reply, then SendUnitData on it', () => {
    const s = session();
    const req = s.send(
      C,
      rr(
        '5b02' +
          '20062401' + // Large Forward Open to the Connection Manager
          '0a' +
          '0e' + // priority/tick, timeout ticks
          '00000000' +
          '11223344' + // O->T id (0: target chooses), T->O id
          '0700' +
          '0100' +
          '78563412' + // serial 7, vendor 1, originator serial
          '01' +
          '000000' + // timeout multiplier, reserved
          '40420f00' +
          '00000040' + // O->T RPI 1 s; 32-bit parameters: point to point, fixed, size 0
          '40420f00' +
          'f401004a' + // T->O RPI; point to point, scheduled, variable, 500 bytes
          '01' + // transport class 1, cyclic, client
          '03' +
          '01002002' +
          '2401', // path: port 1 slot 0, class 2, instance 1
        '0700000000000000',
        '0080' + '1000' + '00020af5c0a80a0a0000000000000000',
      ),
    );
    expect(req.anomalies).toEqual([]);
    const fo = req.events[0]?.cip?.forward_open;
    expect(fo).toMatchObject({
      large: true,
      o_t: { rpi_us: 1_000_000, type: 'point_to_point', variable: false, size: 0 },
      t_o: {
        rpi_us: 1_000_000,
        type: 'point_to_point',
        priority: 'scheduled',
        size: 500,
        variable: true,
      },
      transport_class: 1,
      trigger: 'cyclic',
      server: false,
      connection_path: { route: '1/0', class_id: 2, path: 'port 1/0, class 0x2, instance 1' },
    });
    expect(req.events[0]?.enip?.sockaddr).toEqual([
      { direction: 'o_t', family: 2, port: 2805, address: '192.168.10.10' },
    ]);
    const rsp = s.send(
      S,
      rr(
        'db000000' +
          'aabbccdd' +
          '11223344' +
          '0700' +
          '0100' +
          '78563412' +
          '40420f00' +
          '40420f00' +
          '0000',
        '0700000000000000',
      ),
    );
    expect(rsp.events[0]?.cip?.forward_open).toMatchObject({
      o_t_connection_id: 0xddccbbaa,
      connection_path: { route: '1/0' },
    });
    // Both directions of the connection carry its Forward Open.
    for (const [dir, cid] of [
      [C, 'aabbccdd'],
      [S, '11223344'],
    ] as const) {
      const u = s.send(
        dir,
        unit(dir === C ? '0e0320012401' + '3001' : '8e000000' + '0100', cid, 5),
      );
      expect(u.events[0]?.enip?.connection).toMatchObject({
        o_t_connection_id: 0xddccbbaa,
        t_o_connection_id: 0x44332211,
        connection_serial: 7,
        originator_vendor_id: 1,
        originator_serial: 0x12345678,
        connection_path: { class_id: 2 },
      });
    }
  });

  it('names Forward Open and Forward Close failures', () => {
    const s = session();
    s.send(
      C,
      rr(
        '540220062401' +
          '0a0e' +
          '00000000' +
          '11223344' +
          '0800' +
          '0100' +
          '78563412' +
          '01000000' +
          '40420f00' +
          '1243' +
          '40420f00' +
          '1243' +
          'a3' +
          '02' +
          '20022401',
        '0800000000000000',
      ),
    );
    const r = s.send(
      S,
      rr('d4000101' + '0001' + '0800' + '0100' + '78563412' + '00' + '00', '0800000000000000'),
    );
    expect(r.events[0]?.cip).toMatchObject({
      general_status_name: 'connection_failure',
      extended_status: [0x0100],
      extended_status_name: 'Connection in use or duplicate Forward Open',
      forward_open: {
        connection_serial: 8,
        remaining_path_size: 0,
        connection_path: { class_id: 2 },
      },
    });
    s.send(
      C,
      rr(
        '4e0220062401' + '0a0e' + '0800' + '0100' + '78563412' + '0200' + '20022401',
        '0900000000000000',
      ),
    );
    const c = s.send(
      S,
      rr('ce000101' + '0701' + '0800' + '0100' + '78563412' + '01' + '00', '0900000000000000'),
    );
    expect(c.events[0]?.cip).toMatchObject({
      extended_status_name: 'Target connection not found',
      forward_close: {
        connection_serial: 8,
        remaining_path_size: 1,
        connection_path: { class_id: 2 },
      },
    });
  });

  it('flags short Connection Manager messages', () => {
    const s = session();
    expect(s.send(C, rr('4e0220062401' + '0a0e', '0a00000000000000')).anomalies).toEqual([
      'enip.cip_truncated',
    ]);
    expect(s.send(S, rr('ce000000' + '0800', '0a00000000000000')).anomalies).toEqual([
      'enip.cip_truncated',
    ]);
    s.send(C, rr('540220062401', '0b00000000000000'));
    expect(s.send(S, rr('d4000000' + '00', '0b00000000000000')).anomalies).toEqual([
      'enip.cip_truncated',
    ]);
    expect(s.send(C, rr('520220062401' + '0a', '0c00000000000000')).anomalies).toEqual([
      'enip.cip_truncated',
    ]);
    expect(
      s.send(C, rr('520220062401' + '0a0e' + '2000' + '0e', '0d00000000000000')).anomalies,
    ).toEqual(['enip.cip_truncated', 'enip.cip_truncated']);
  });
});

describe('objects', () => {
  it('Identity Get Attributes All reply, with the state', () => {
    const s = session();
    s.send(C, rr('010220012401', '1000000000000000'));
    const r = s.send(
      S,
      rr(
        '81000000' + '0100' + '0e00' + '3600' + '1414' + '6030' + '3f825100' + '03414243' + '03',
        '1000000000000000',
      ),
    );
    expect(r.events[0]?.cip).toMatchObject({
      identity: {
        device_type_name: 'programmable_logic_controller',
        revision: '20.20',
        product_name: 'ABC',
        state: 3,
      },
      attributes: [1, 2, 3, 4, 5, 6, 7, 8],
    });
  });

  it('Message Router, Ethernet Link and TCP/IP attributes', () => {
    const s = session();
    s.send(C, rr('010220022401', '1100000000000000'));
    expect(
      s.send(S, rr('81000000' + '0200' + '01000200', '1100000000000000')).events[0]?.cip
        ?.attributes,
    ).toEqual([1]);
    s.send(C, rr('010220f62401', '1200000000000000'));
    expect(
      s.send(S, rr('81000000' + '64000000' + '0f000000' + '0000bc3eebe4', '1200000000000000'))
        .events[0]?.cip?.ethernet_link,
    ).toEqual({
      interface_speed: 100,
      interface_flags: 15,
      mac_address: '00:00:bc:3e:eb:e4',
    });
    s.send(C, rr('0e0320f524013005', '1300000000000000'));
    const ip = s.send(
      S,
      rr(
        '8e000000' +
          '0a01a8c0' +
          '00ffffff' +
          '0101a8c0' +
          '08080808' +
          '00000000' +
          '0300' +
          '6c616e' +
          '00',
        '1300000000000000',
      ),
    );
    expect(ip.events[0]?.cip?.tcpip).toEqual({
      ip_address: '192.168.1.10',
      subnet_mask: '255.255.255.0',
      gateway: '192.168.1.1',
      name_server: '8.8.8.8',
      name_server_2: '0.0.0.0',
      domain_name: 'lan',
    });
    s.send(C, rr('100320f524013006' + '0300' + '706c63' + '00', '1400000000000000'));
    s.send(C, rr('0e0320f524013003', '1500000000000000'));
    expect(
      s.send(S, rr('8e000000' + '02000000', '1500000000000000')).events[0]?.cip?.tcpip,
    ).toEqual({ configuration_control: 2 });
  });

  it('Execute PCCC with a short requestor id or header', () => {
    const s = session();
    expect(s.send(C, rr('4b0220672401' + '07', '1600000000000000')).anomalies).toEqual([
      'enip.cip_truncated',
    ]);
    expect(
      s.send(C, rr('4b0220672401' + '074d00e0312b3d' + '0f', '1700000000000000')).anomalies,
    ).toEqual(['enip.cip_truncated']);
  });
});

describe('attribute lists', () => {
  it('knows the sizes of class attributes and of the inventoried objects', () => {
    const c = (h: string): ByteCursor => new ByteCursor(hex(h));
    expect(attributeSize(0x99, 0, 1, c(''))).toBe(2);
    expect(attributeSize(0x99, 0, 4, c('02000100'))).toBe(6);
    expect(attributeSize(0x99, 0, 9, c(''))).toBe(-1);
    expect(attributeSize(1, 1, 6, c(''))).toBe(4);
    expect(attributeSize(1, 1, 99, c(''))).toBe(-1);
    expect(attributeSize(2, 1, 1, c('0300'))).toBe(8);
    expect(attributeSize(2, 1, 2, c(''))).toBe(2);
    expect(attributeSize(2, 1, 9, c(''))).toBe(-1);
    expect(attributeSize(6, 1, 3, c(''))).toBe(2);
    expect(attributeSize(6, 1, 12, c(''))).toBe(4);
    expect(attributeSize(6, 1, 11, c(''))).toBe(2);
    expect(attributeSize(6, 1, 20, c(''))).toBe(-1);
    expect(attributeSize(0xf4, 1, 1, c(''))).toBe(2);
    expect(attributeSize(0xf4, 1, 3, c('0200'))).toBe(6);
    expect(attributeSize(0xf4, 1, 4, c('05'))).toBe(6);
    expect(attributeSize(0xf4, 1, 8, c(''))).toBe(4);
    expect(attributeSize(0xf4, 1, 99, c(''))).toBe(-1);
    expect(attributeSize(0xf5, 1, 5, c('00'.repeat(20) + '0300'))).toBe(26);
    expect(attributeSize(0xf5, 1, 5, c('00'.repeat(20)))).toBe(-1);
    expect(attributeSize(0xf5, 1, 6, c('0200'))).toBe(4);
    expect(attributeSize(0xf5, 1, 7, c(''))).toBe(6);
    expect(attributeSize(0xf5, 1, 8, c(''))).toBe(1);
    expect(attributeSize(0xf5, 1, 9, c(''))).toBe(8);
    expect(attributeSize(0xf5, 1, 11, c(''))).toBe(35);
    expect(attributeSize(0xf5, 1, 13, c(''))).toBe(2);
    expect(attributeSize(0xf5, 1, 1, c(''))).toBe(4);
    expect(attributeSize(0xf5, 1, 4, c('0100'))).toBe(4);
    expect(attributeSize(0xf5, 1, 99, c(''))).toBe(-1);
    expect(attributeSize(0xf6, 1, 3, c(''))).toBe(6);
    expect(attributeSize(0xf6, 1, 4, c(''))).toBe(44);
    expect(attributeSize(0xf6, 1, 5, c(''))).toBe(48);
    expect(attributeSize(0xf6, 1, 7, c(''))).toBe(1);
    expect(attributeSize(0xf6, 1, 10, c('04'))).toBe(5);
    expect(attributeSize(0xf6, 1, 1, c(''))).toBe(4);
    expect(attributeSize(0xf6, 1, 99, c(''))).toBe(-1);
    expect(attributeSize(1, 1, 7, c(''))).toBe(-1);
  });

  it('walks Set Attribute List requests and replies, errors without values', () => {
    // Request: attributes 1 (UINT) and 6 (UDINT) of Identity, then an unknown one.
    expect(
      attributeListIds(
        new ByteCursor(hex('0300' + '0100' + '0100' + '0600' + '78563412' + '6300' + 'ff')),
        1,
        1,
        false,
        10,
      ),
    ).toEqual([1, 6, 0x63]);
    // Reply with an error entry: no value follows it.
    expect(
      attributeListIds(
        new ByteCursor(hex('0200' + '0700' + '0900' + '0100' + '0000' + '0100')),
        1,
        1,
        true,
        10,
      ),
    ).toEqual([7, 1]);
    expect(
      attributeStatusIds(new ByteCursor(hex('0300' + '01000000' + '02000000' + '0300')), 10),
    ).toEqual([1, 2]);
    expect(attributeListIds(new ByteCursor(hex('01')), 1, 1, true, 10)).toEqual([]);
  });

  it('lists Set Attribute List request and reply ids through the decoder', () => {
    const s = session();
    expect(
      s.send(C, rr('04022001240102000100010005000100', '1800000000000000')).events[0]?.cip
        ?.attributes,
    ).toEqual([1, 5]);
    expect(
      s.send(S, rr('8400000002000100000005000000', '1800000000000000')).events[0]?.cip?.attributes,
    ).toEqual([1, 5]);
  });
});

describe('tables and walkers', () => {
  it('pairs by kind and key, oldest first, and evicts the oldest when full', () => {
    const t = new TransactionTable(2);
    const a = new RequestInfo(1);
    const b = new RequestInfo(2);
    expect(t.add(PairKind.UNCONNECTED, 1, 0, a)).toBe(false);
    expect(t.add(PairKind.UNCONNECTED, 1, 0, b)).toBe(false);
    expect(t.size()).toBe(2);
    expect(t.take(PairKind.CONNECTED, 1, 0)).toBeNull();
    expect(t.take(PairKind.UNCONNECTED, 1, 0)).toBe(a);
    expect(t.add(PairKind.CONNECTED, 5, 0, a)).toBe(false);
    expect(t.add(PairKind.CONNECTED, 6, 0, a)).toBe(true);
    expect(t.take(PairKind.UNCONNECTED, 1, 0)).toBeNull();
  });

  it('remembers at most its capacity of connections, replaces a reopened one', () => {
    const t = new ConnectionTable(1);
    t.open(triadKey(1, 2), 3, undefined);
    t.open(triadKey(1, 2), 3, undefined);
    expect(t.size()).toBe(1);
    t.open(triadKey(4, 2), 3, undefined);
    expect(t.find(triadKey(1, 2), 3)).toBeUndefined();
    expect(t.byId(0)).toBeUndefined();
    t.close(triadKey(9, 9), 9);
    expect(t.size()).toBe(1);
  });

  it('walks symbolic, extended symbolic, data and network segments', () => {
    const p = new EPath();
    const c = new ByteCursor(
      hex(
        '62' +
          '5461' +
          '00' +
          '60' +
          '21' +
          '4142' +
          '800101' +
          '02' +
          '4305' +
          '5001' +
          '0000' +
          '3801' +
          '2cff',
      ),
    );
    p.parse(c, c.remaining(), 16);
    expect(p.problem).toBe('');
    expect(p.text).toBe(
      'symbol Ta, symbol (extended), data 2 bytes, network 0x43, network 0x50, service 0x1, point 255',
    );
    // Truncated forms of each segment kind.
    for (const h of [
      '20',
      '2500',
      '2600',
      '23',
      '34',
      '3403',
      '11',
      '1f01',
      '0f01',
      '63',
      '60',
      '6022',
      '91',
      '9105',
      '80',
      '8002',
      '50',
      '5002',
      '40',
    ]) {
      const q = new EPath().parse(new ByteCursor(hex(h)), hex(h).length, 16);
      expect(q.problem, h).toBe('truncated');
    }
    const many = new ByteCursor(hex('2401'.repeat(70)));
    expect(new EPath().parse(many, many.remaining(), 16).problem).toBe('too_many_segments');
  });
});

describe('common packet format', () => {
  it('names item lists that do not fit', () => {
    const s = session();
    // SendRRData shorter than its interface handle and timeout.
    expect(s.send(C, encap(0x6f, hex('0000')))).toMatchObject({
      anomalies: ['enip.cpf_malformed'],
    });
    // No item count after the prefix.
    expect(s.send(C, encap(0x6f, hex('00000000' + '0000')))).toMatchObject({
      anomalies: ['enip.cpf_malformed'],
    });
    // An item header cut short.
    expect(s.send(C, encap(0x6f, hex('00000000' + '0000' + '0200' + '0000')))).toMatchObject({
      anomalies: ['enip.cpf_malformed'],
    });
  });

  it('caps the item count', () => {
    const state = enipDecoder.createState({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    const sink = new Sink();
    const items = '00000000'.repeat(3);
    enipDecoder.parse(state, encap(0x6f, hex('00000000' + '0000' + '0300' + items)), C, sink);
    expect(sink.take().anomalies).toEqual(['enip.too_many_items']);
  });

  it('reads a sequenced address item and an identity item too short to hold an identity', () => {
    const s = session();
    const r = s.send(
      C,
      encap(
        0x70,
        hex('00000000' + '0000' + '0200' + '02800800' + '0300000004000000' + 'b1000200' + '0500'),
      ),
    );
    expect(r.events[0]?.enip).toMatchObject({
      connection_id: 3,
      sequence_number: 4,
      cip_sequence: 5,
    });
    const id = s.send(S, encap(0x63, hex('0100' + '0c00' + '0400' + '01000000')));
    expect(id.anomalies).toEqual(['enip.cpf_malformed']);
  });
});
