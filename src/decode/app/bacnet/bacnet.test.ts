/** BACnet decoder: BVLL functions, NPDU addressing, every APDU type, service fields, limits. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { Prng } from '../../../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits } from '../../decoder.js';
import { parseBacnetLlc } from './bacnet.js';
import type { BacnetEvent, BacnetFields } from './events.js';
import { fixtures } from './fixtures.js';
import { bacnetDecoder } from './index.js';

class Sink implements DecodeSink {
  events: BacnetEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as BacnetEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

/** Decodes the whole fixture conversation; returns the fields of each fixture by name. */
function conversation(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = bacnetDecoder.createState(limits);
  const byName = new Map<
    string,
    { fields: BacnetFields[]; kinds: string[]; anomalies: string[] }
  >();
  for (const f of fixtures) {
    const sink = new Sink();
    const res = bacnetDecoder.parse(state, f.bytes, f.dir, sink);
    expect(res.kind, f.name).not.toBe('reject');
    byName.set(f.name, {
      fields: sink.events.map((e) => e.bacnet),
      kinds: sink.events.map((e) => e.kind),
      anomalies: sink.anomalies,
    });
  }
  return (name: string) => {
    const r = byName.get(name);
    if (r === undefined) throw new Error(`no fixture ${name}`);
    return r;
  };
}

function one(bytes: Uint8Array, limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = bacnetDecoder.createState(limits);
  const sink = new Sink();
  const status = bacnetDecoder.parse(state, bytes, Direction.TO_SERVER, sink);
  return { status, sink };
}

describe('BACnet probe', () => {
  it('matches a BVLL whose length is the datagram length, and nothing else', () => {
    const rp = fixtures.find((f) => f.name === 'read-property-request');
    expect(rp && bacnetDecoder.probe(rp.bytes, Direction.TO_SERVER)).toBe('match');
    expect(bacnetDecoder.probe(hex('810a0010'), Direction.TO_SERVER)).toBe('no_match');
    expect(bacnetDecoder.probe(hex('810d0004'), Direction.TO_SERVER)).toBe('no_match');
    expect(bacnetDecoder.probe(hex('81'), Direction.TO_SERVER)).toBe('need_more');
    expect(bacnetDecoder.probe(hex('4745'), Direction.TO_SERVER)).toBe('no_match');
  });
});

describe('BACnet virtual link layer (Annex J)', () => {
  const get = conversation();
  it('decodes Register-Foreign-Device and BVLC-Result', () => {
    expect(get('register-foreign-device').fields[0]).toMatchObject({
      bvlc_function: 5,
      bvlc_function_name: 'register-foreign-device',
      ttl: 60000,
    });
    // bacnet/BACnet-BBMD-on-same-subnet.cap frame 3 (not a fixture: Omron FINS' probe cannot
    // refuse 6 octets starting 0x81, its ICF byte)
    const result = one(hex('81' + '00' + '0006' + '0000')).sink.events;
    expect(result.map((e) => e.kind)).toEqual(['bacnet.bvlc']);
    expect(result[0]?.bacnet).toMatchObject({
      bvlc_result: 0,
      bvlc_result_name: 'successful-completion',
    });
  });

  it('decodes a Forwarded-NPDU with its original address and the NPDU inside', () => {
    expect(get('forwarded-who-is').fields[0]).toMatchObject({
      bvlc_function_name: 'forwarded-npdu',
      forwarded_from: '192.168.0.134:47808',
      dnet: 65535,
      dadr: '',
      hop_count: 14,
      pdu_type: 1,
      service: 'who-is',
    });
  });

  it('decodes a Write-BDT table and flags it', () => {
    const { sink } = one(
      hex(
        '8101' +
          '0018' + // Write-BDT, length 24
          'c0a80001' +
          'bac0' +
          'ffffffff' + // 192.168.0.1:47808 mask 255.255.255.255
          '0a000001' +
          'bac0' +
          'ffffff00', // 10.0.0.1:47808 mask 255.255.255.0
      ),
    );
    expect(sink.events[0]?.bacnet.bbmd_entries).toEqual([
      { address: '192.168.0.1', port: 47808, mask: '255.255.255.255' },
      { address: '10.0.0.1', port: 47808, mask: '255.255.255.0' },
    ]);
    expect(sink.anomalies).toEqual(['bacnet.bdt_write']);
  });

  it('decodes Read-FDT-Ack entries', () => {
    const { sink } = one(hex('8107' + '000e' + 'c0a80002' + 'bac0' + '003c' + '0046'));
    expect(sink.events[0]?.bacnet.bbmd_entries).toEqual([
      { address: '192.168.0.2', port: 47808, ttl: 60, remaining: 70 },
    ]);
  });

  it('rejects a new flow that is not BACnet/IP, and frames a short datagram as incomplete', () => {
    expect(one(hex('450000')).status).toEqual({ kind: 'reject', anomaly: 'bacnet.invalid_bvlc' });
    expect(one(hex('810a0002')).status.kind).toBe('reject');
    expect(one(hex('810a00100120')).status).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 16,
    });
  });
});

describe('BACnet network layer (clause 6)', () => {
  const get = conversation();
  it('reads DNET/DADR, SNET/SADR and the hop count', () => {
    expect(get('i-am-routed').fields[0]).toMatchObject({
      npdu_control: 0x28,
      dnet: 65535,
      snet: 26001,
      sadr: '72',
      hop_count: 254,
    });
    expect(get('read-property-request').fields[0]).toMatchObject({
      dnet: 26001,
      dadr: '72',
      expecting_reply: true,
    });
  });

  it('decodes network-layer messages and their network numbers', () => {
    expect(get('who-is-router-to-network').kinds).toEqual(['bacnet.network']);
    expect(get('who-is-router-to-network').fields[0]).toMatchObject({
      network_message: 0,
      network_message_name: 'who-is-router-to-network',
    });
    expect(get('i-am-router-to-network').fields[0]).toMatchObject({
      network_message_name: 'i-am-router-to-network',
      networks: [2, 3],
    });
    expect(get('i-am-router-to-network').fields[0]?.pdu_type).toBeUndefined();
  });

  it('decodes the APDU of an NPDU of another version, flagged as Wireshark shows it', () => {
    const r = get('npdu-version-16');
    expect(r.fields[0]).toMatchObject({ pdu_type: 2, invoke_id: 2, service_choice: 0 });
    expect(r.anomalies).toContain('bacnet.invalid_npdu');
  });

  it('decodes BACnet over 802.2 LLC from the LLC header (clause 7)', () => {
    // bacnet/bacnet-ethernet.cap: LLC 82 82 03, NPDU, Who-Is
    const sink = new Sink();
    const st = bacnetDecoder.createState(DEFAULT_LIMITS);
    expect(parseBacnetLlc(st, hex('828203' + '0100' + '1008'), sink)).toBe(true);
    expect(sink.events[0]?.bacnet).toMatchObject({ llc: true, pdu_type: 1, service: 'who-is' });
    expect(parseBacnetLlc(st, hex('aaaa03000000'), sink)).toBe(false);
  });

  // bacnet/BACnet-MSTP-SNAP-Mixed.cap frame 465 (from the LLC header): a routed Who-Is broadcast
  // by MS/TP station 1, tunnelled in SNAP under Cimetrics' OUI.
  const MSTP_DATA =
    'aaaa03' + // LLC: SNAP
    '001090' + // OUI: Cimetrics
    '0001' + // PID: U+4 MS/TP
    '0000' + // delta time
    '80' + // port/flags
    '06' + // MS/TP frame type: BACnet Data Not Expecting Reply
    'ff' + // destination: broadcast
    '01' + // source: station 1
    '0011' + // length: 17
    '73' + // header CRC
    '01' + // NPDU version
    '28' + // control: DNET and SNET present
    'ffff' + // DNET: global broadcast
    '00' + // DLEN: broadcast
    '6593' + // SNET: 26003
    '06' + // SLEN
    'c0a80067bac0' + // SADR: 192.168.0.103:47808
    'fe' + // hop count
    '1008' + // APDU: unconfirmed Who-Is
    '114c'; // data CRC

  it('decodes MS/TP data frames tunnelled in SNAP (clause 9, Annex G CRCs)', () => {
    const sink = new Sink();
    const st = bacnetDecoder.createState(DEFAULT_LIMITS);
    expect(parseBacnetLlc(st, hex(MSTP_DATA), sink)).toBe(true);
    expect(sink.anomalies).toEqual([]);
    expect(sink.events[0]?.bacnet).toMatchObject({
      llc: true,
      mstp_frame_type: 6,
      mstp_frame_type_name: 'bacnet-data-not-expecting-reply',
      mstp_dst: 255,
      mstp_src: 1,
      snet: 26003,
      pdu_type: 1,
      service: 'who-is',
    });
  });

  it('never throws on 20,000 mutated tunnelled MS/TP frames and raises only declared anomalies', () => {
    const rng = new Prng(0x6d737470);
    const base = hex(MSTP_DATA);
    const st = bacnetDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    for (let i = 0; i < 20_000; i++) {
      const b = base.slice(0, rng.range(8, base.length));
      for (let k = rng.range(1, 4); k > 0; k--) b[rng.range(8, b.length - 1)] = rng.int(256);
      parseBacnetLlc(st, b, sink);
    }
    for (const a of new Set(sink.anomalies)) expect(bacnetDecoder.anomalies).toHaveProperty([a]);
  });

  it('passes over MS/TP token frames and names bad CRCs and truncation', () => {
    const st = bacnetDecoder.createState(DEFAULT_LIMITS);
    // Frame 1 of the same capture: a token from station 114 to station 1.
    const token = 'aaaa03' + '001090' + '0001' + '0000' + '80' + '00' + '01' + '72' + '0000' + '84';
    const sink = new Sink();
    expect(parseBacnetLlc(st, hex(token), sink)).toBe(true);
    expect(sink.events).toEqual([]);
    expect(sink.anomalies).toEqual([]);
    const badHeader = hex(token);
    badHeader[badHeader.length - 1] = 0x85;
    const badData = hex(MSTP_DATA);
    badData[badData.length - 1] = 0x4d;
    const cut = hex(MSTP_DATA).subarray(0, 30);
    for (const frame of [badHeader, badData, cut])
      expect(parseBacnetLlc(st, frame, sink)).toBe(true);
    expect(sink.anomalies).toEqual([
      'bacnet.mstp_bad_crc',
      'bacnet.mstp_bad_crc',
      'bacnet.truncated',
    ]);
    expect(sink.events).toEqual([]);
  });
});

describe('BACnet application layer (clause 20, 21)', () => {
  const get = conversation();
  it('decodes Who-Is limits and I-Am device, max APDU, segmentation and vendor', () => {
    expect(get('who-is-range').fields[0]).toMatchObject({ low_limit: 61, high_limit: 61 });
    expect(get('i-am-routed').fields[0]).toMatchObject({
      pdu_type: 1,
      service: 'i-am',
      object_type: 8,
      object_type_name: 'device',
      instance: 86114,
      device_instance: 86114,
      max_apdu: 50,
      segmentation: 'no-segmentation',
      vendor_id: 260,
    });
  });

  it('decodes ReadProperty request and ack with object, property and value', () => {
    expect(get('read-property-request').fields[0]).toMatchObject({
      pdu_type: 0,
      invoke_id: 1,
      max_apdu_accepted: 480,
      service_choice: 12,
      service: 'read-property',
      object_type: 8,
      instance: 86114,
      property_id: 75,
      property: 'object-identifier',
    });
    expect(get('read-property-ack').fields[0]).toMatchObject({
      pdu_type: 3,
      invoke_id: 1,
      service: 'read-property',
      value: '8:86114',
    });
  });

  it('decodes WriteProperty with its value and priority, and the SimpleACK', () => {
    expect(get('write-property-request').fields[0]).toMatchObject({
      service: 'write-property',
      object_type: 1,
      object_type_name: 'analog-output',
      instance: 101,
      property: 'present-value',
      value: 50,
      write_priority: 10,
    });
    expect(get('write-property-simple-ack').fields[0]).toMatchObject({
      pdu_type: 2,
      invoke_id: 2,
      service: 'write-property',
    });
  });

  it('lists ReadPropertyMultiple objects and pairs the Reject with the request', () => {
    expect(get('read-property-multiple-request').fields[0]).toMatchObject({
      service: 'read-property-multiple',
      objects: [{ object_type: 0, instance: 0, properties: [8] }],
      property_id: 8,
    });
    expect(get('read-property-multiple-reject').fields[0]).toMatchObject({
      pdu_type: 6,
      invoke_id: 59,
      reject_reason: 9,
      reject_reason_name: 'unrecognized-service',
      service: 'read-property-multiple',
    });
  });

  it('flags DeviceCommunicationControl disable without copying the password', () => {
    const r = get('device-communication-control-disable');
    expect(r.fields[0]).toMatchObject({ dcc_state: 'disable', password_present: true });
    expect(JSON.stringify(r.fields[0])).not.toContain('wireshark');
    expect(r.anomalies).toEqual(['bacnet.communication_disabled']);
    expect(get('device-communication-control-error').fields[0]).toMatchObject({
      pdu_type: 5,
      error_class: 5,
      error_class_name: 'services',
      error_code: 26,
      error_code_name: 'password-failure',
    });
  });

  it('flags ReinitializeDevice with its state', () => {
    const r = get('reinitialize-device-request');
    expect(r.fields[0]).toMatchObject({ reinit_state: 'coldstart', password_present: true });
    expect(r.anomalies).toEqual(['bacnet.device_reinitialized']);
  });

  it('decodes AtomicReadFile request and ack', () => {
    expect(get('atomic-read-file-request').fields[0]).toMatchObject({
      object_type: 10,
      instance: 0,
      file_start: 0,
      file_count: 440,
    });
    expect(get('atomic-read-file-ack').fields[0]).toMatchObject({
      pdu_type: 3,
      value: true,
      file_start: 0,
      file_count: 0,
    });
  });

  it('decodes SegmentACK, I-Have, COV notifications and Abort', () => {
    expect(get('segment-ack').fields[0]).toMatchObject({
      pdu_type: 4,
      invoke_id: 136,
      sequence_number: 1,
      window_size: 16,
      nak: false,
      server: false,
    });
    expect(get('i-have').fields[0]).toMatchObject({
      device_instance: 108,
      object_type: 8,
      instance: 108,
      object_name: 'SYNERGY',
    });
    expect(get('unconfirmed-cov-notification').fields[0]).toMatchObject({
      process_id: 1,
      device_instance: 2,
      object_type: 3,
      instance: 4,
      lifetime: 5,
      property_id: 85,
    });
    expect(get('abort-from-server').fields[0]).toMatchObject({
      pdu_type: 7,
      server: true,
      abort_reason: 4,
      abort_reason_name: 'segmentation-not-supported',
    });
  });

  it('reports cut service data and unknown APDU types', () => {
    expect(get('read-property-cut-tag').anomalies).toEqual(['bacnet.truncated']);
    expect(get('unknown-pdu-type').anomalies).toEqual(['bacnet.unknown_pdu_type']);
    expect(get('unknown-pdu-type').fields[0]?.pdu_type).toBe(9);
  });

  it('bounds the objects listed and the outstanding requests', () => {
    const limits = { ...DEFAULT_LIMITS, maxObjectsPerMessage: 1, maxPendingTransactions: 1 };
    const rpm = one(
      hex(
        '810a001c' +
          '0104' + // BVLL, NPDU expecting reply
          '0203010e' + // confirmed request, invoke 1, ReadPropertyMultiple
          '0c00000000' +
          '1e' +
          '0955' +
          '1f' + // analog-input 0: present-value
          '0c00000001' +
          '1e' +
          '0955' +
          '1f', // analog-input 1: present-value
      ),
      limits,
    );
    expect(rpm.sink.events[0]?.bacnet.objects).toHaveLength(1);
    expect(rpm.sink.anomalies).toEqual(['bacnet.objects_limit_reached']);
    const state = bacnetDecoder.createState(limits);
    const sink = new Sink();
    bacnetDecoder.parse(state, hex('810a000f' + '0104' + '0203010c' + '0c00000000'), 0, sink);
    bacnetDecoder.parse(state, hex('810a000f' + '0104' + '0203020c' + '0c00000000'), 0, sink);
    expect(sink.anomalies).toContain('bacnet.transactions_limit_reached');
  });
});

describe('BACnet segmentation (20.1.2.7)', () => {
  // A ReadPropertyMultiple-ACK of two analog inputs, split inside the second object.
  const rpmAck =
    '0c00000001' + // object identifier: analog-input 1
    '1e' + // opening tag 1: list of results
    '2955' + // property identifier: present-value (85)
    '4e' +
    '4442c80000' +
    '4f' + // property value: REAL 100.0
    '1f' + // closing tag 1
    '0c00000002' + // object identifier: analog-input 2
    '1e' +
    '2955' +
    '4e' +
    '4442c80000' +
    '4f' +
    '1f';
  const cut = 24; // octets of service data in the first segment
  const bvll = (apdu: string): Uint8Array => {
    const len = 4 + 2 + apdu.length / 2;
    return hex('810a' + len.toString(16).padStart(4, '0') + '0100' + apdu);
  };
  const segment = (flags: string, seq: number, data: string): Uint8Array =>
    bvll(flags + '58' + seq.toString(16).padStart(2, '0') + '04' + '0e' + data);
  const first = segment('3c', 0, rpmAck.slice(0, cut * 2)); // ComplexACK, SEG, MOR; invoke 88
  const last = segment('38', 1, rpmAck.slice(cut * 2)); // ComplexACK, SEG, last

  it('reassembles a segmented ComplexACK and decodes the whole service on the last segment', () => {
    const st = bacnetDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    bacnetDecoder.parse(st, first, Direction.TO_CLIENT, sink);
    bacnetDecoder.parse(st, last, Direction.TO_CLIENT, sink);
    expect(sink.anomalies).toEqual([]);
    expect(sink.events[0]?.bacnet.reassembled).toBeUndefined();
    const whole = sink.events[1]?.bacnet;
    expect(whole).toMatchObject({
      invoke_id: 0x58,
      sequence_number: 1,
      reassembled: true,
      segments: 2,
    });
    expect(whole?.objects?.map((o) => o.instance)).toEqual([1, 2]);
  });

  it('drops a message whose segment comes out of sequence, and bounds what it keeps', () => {
    const st = bacnetDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    bacnetDecoder.parse(st, last, Direction.TO_CLIENT, sink);
    expect(sink.anomalies).toEqual(['bacnet.truncated']);
    expect(sink.events[0]?.bacnet.reassembled).toBeUndefined();
    const small = bacnetDecoder.createState({ ...DEFAULT_LIMITS, maxPduBytes: 16 });
    const sink2 = new Sink();
    bacnetDecoder.parse(small, first, Direction.TO_CLIENT, sink2);
    bacnetDecoder.parse(small, last, Direction.TO_CLIENT, sink2);
    expect(sink2.anomalies).toContain('bacnet.objects_limit_reached');
    expect(sink2.events.some((e) => e.bacnet.reassembled === true)).toBe(false);
  });
});
