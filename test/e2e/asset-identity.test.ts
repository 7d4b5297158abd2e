// Every device identity that Wireshark decodes from the shared captures (EtherNet/IP
// ListIdentity, S7 SZL module and component identification, BACnet I-Am) appears in
// assets.jsonl, on the asset of the address that sent it, with the same value.
//
// The captures are those of the shared set in which tshark 4.0 finds such a reply (found with
// `tshark -Y 'enip.lir.name || s7comm.szl.xy11.0001.anz || s7comm.szl.001c.0001.name ||
// bacapp.vendor_identifier || modbus.object_str_value'` over all of them; no shared capture
// holds a Modbus 43/14 response, which the unit tests cover).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '../../src/analysis/assets/record.js';
import {
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  readJsonl,
  runCli,
  tshark,
} from '../helpers/shared.js';

const CAPTURES = [
  'enip-cip/enip_cip_example.pcap',
  'enip-cip/enip_test.pcap',
  'enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap',
  's7comm/s7comm_program_blocklist_onlineview.pcap',
  's7comm/s7comm_reading_plc_status.pcap',
  's7comm/s7comm_reading_setting_plc_time.pcap',
  's7comm/snap7_s300_everything.pcapng',
  's7comm/tia_s300_goOnline.pcapng',
  'bacnet/BACnet-BBMD-on-same-subnet.cap',
  'bacnet/BACnet-MSTP-SNAP-Mixed.cap',
  'bacnet/BACnetARRAY-elements.cap',
  'bacnet/BACnetIP-MSTP-Mix.cap',
  'bacnet/bacnet-ethernet-device.cap',
  'bacnet/bacnet-ethernet.cap',
  'bacnet/bacnet-ip.cap',
  'bacnet/bacnet-properties.cap',
  'bacnet/bacnet-services.cap',
  'bacnet/bacnet-stack-services.cap',
];

/** One identity value Wireshark shows: who sent it, which attribute, what value. */
interface Expected {
  frame: number;
  ip: string;
  mac: string;
  attribute: string;
  value: string | number;
}

/** tshark fields → our attribute names and value forms, per kind of identity reply. */
const SPECS: {
  /** Whether a frame holds this kind of reply, from the fields by name. */
  when: (f: Map<string, string>) => boolean;
  fields: { field: string; attribute: string; value: (v: string) => string | number }[];
}[] = [
  {
    when: (f) => f.get('enip.lir.name') !== '',
    fields: [
      { field: 'enip.lir.vendor', attribute: 'cip_vendor_id', value: Number },
      { field: 'enip.lir.prodcode', attribute: 'product_code', value: Number },
      { field: 'enip.lir.name', attribute: 'product', value: (v) => v },
      // 0x00524d8e → 00524d8e, as printed on device labels
      { field: 'enip.lir.serial', attribute: 'serial', value: (v) => v.replace(/^0x/, '') },
      // Wireshark's field holds the major revision in the high byte (1027 is shown 4.03)
      {
        field: 'enip.lir.revision',
        attribute: 'revision',
        value: (v) => `${Number(v) >> 8}.${String(Number(v) & 0xff).padStart(2, '0')}`,
      },
    ],
  },
  {
    // SZL xy11 record index 1: the module's order number
    when: (f) => f.get('s7comm.szl.xy11.0001.index') === '0x0001',
    fields: [{ field: 's7comm.szl.xy11.0001.anz', attribute: 'order_number', value: trim }],
  },
  {
    when: () => true,
    fields: [
      { field: 's7comm.szl.001c.0001.name', attribute: 'plc_name', value: trim },
      { field: 's7comm.szl.001c.0002.name', attribute: 'module_name', value: trim },
      { field: 's7comm.szl.001c.0003.tag', attribute: 'plant', value: trim },
      { field: 's7comm.szl.001c.0005.serialn', attribute: 'serial', value: trim },
      { field: 's7comm.szl.001c.0007.cputypname', attribute: 'model', value: trim },
    ],
  },
  {
    // I-Am (unconfirmed service 0)
    when: (f) => f.get('bacapp.unconfirmed_service') === '0',
    fields: [
      { field: 'bacapp.instance_number', attribute: 'bacnet_device_instance', value: Number },
      { field: 'bacapp.vendor_identifier', attribute: 'bacnet_vendor_id', value: Number },
    ],
  },
];

const FILTER =
  'enip.lir.name || s7comm.szl.xy11.0001.anz || s7comm.szl.001c.0001.name || ' +
  's7comm.szl.001c.0005.serialn || (bacapp.unconfirmed_service == 0 && bacapp.vendor_identifier)';
const CONDITION_FIELDS = ['s7comm.szl.xy11.0001.index', 'bacapp.unconfirmed_service'];
const FIELDS = [...CONDITION_FIELDS, ...SPECS.flatMap((s) => s.fields.map((f) => f.field))];

function trim(v: string): string {
  return v.replace(/\\x00/g, '').trim();
}

/** The identity values tshark shows in one capture (one tshark run). */
function expectedOf(file: string): Expected[] {
  const out: Expected[] = [];
  const text = tshark([
    '-r',
    file,
    '-Y',
    FILTER,
    '-T',
    'fields',
    '-E',
    'occurrence=f',
    '-e',
    'frame.number',
    '-e',
    'ip.src',
    '-e',
    'eth.src',
    ...FIELDS.flatMap((f) => ['-e', f]),
  ]);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [frame, ip, mac, ...vals] = line.split('\t');
    const byName = new Map(FIELDS.map((f, i) => [f, vals[i] ?? '']));
    for (const spec of SPECS) {
      if (!spec.when(byName)) continue;
      for (const f of spec.fields) {
        const raw = byName.get(f.field) ?? '';
        if (raw === '') continue;
        const value = f.value(raw);
        if (value === '') continue;
        out.push({
          frame: Number(frame),
          ip: ip ?? '',
          mac: mac ?? '',
          attribute: f.attribute,
          value,
        });
      }
    }
  }
  return out;
}

const enabled = haveSharedPcaps() && haveTool('tshark');

describe.skipIf(!enabled)('asset identities agree with Wireshark', () => {
  it('shows every ListIdentity, SZL and I-Am identity on the sender asset', () => {
    let checked = 0;
    const missing: string[] = [];
    for (const rel of CAPTURES) {
      const file = path.join(SHARED_PCAPS, rel);
      const want = expectedOf(file);
      expect(want.length, `${rel}: tshark shows no identity`).toBeGreaterThan(0);
      const out = mkdtempSync(path.join(tmpdir(), 'palisade-assets-'));
      const r = runCli(['analyze', file, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      const assets = readJsonl<AssetRecord>(path.join(out, 'assets.jsonl'));
      for (const w of want) {
        checked++;
        // The sender's own asset, or a device behind it (a BACnet device beyond a router).
        const sender = w.ip !== '' ? w.ip : w.mac;
        const owners = assets.filter(
          (a) => a.ips.includes(sender) || a.macs.includes(sender) || a.via?.includes(sender),
        );
        const values = owners.flatMap((a) => a.identity[w.attribute]?.map((e) => e.value) ?? []);
        if (!values.includes(w.value)) {
          missing.push(
            `${rel} frame ${w.frame}: ${w.ip || w.mac} ${w.attribute}=${JSON.stringify(w.value)} (have ${JSON.stringify(values)})`,
          );
        }
      }
    }
    expect(missing).toEqual([]);
    // 18 captures, over 200 identity values with tshark 4.0.17
    expect(checked).toBeGreaterThan(200);
  }, 120_000);
});
