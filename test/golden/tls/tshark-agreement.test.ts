// TLS end to end against tshark: the built CLI over every shared capture holding TLS (found with
// `tshark -q -z io,phs` over the whole tree), `tls.sni` per frame with
// ../shared/tools/tshark-agree.mjs, and the fields of scripts/field-agree/tls.ts
// (docs/fidelity-tls.md has the figures).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { tlsSpec } from '../../../scripts/field-agree/tls.js';
import {
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
} from '../../helpers/shared.js';
import { agreePerCapture } from '../../helpers/tshark-agree.js';

const RDP = 'it-attacks/pcap-attack/Lateral_Movement/LM_rdp_sharprdp.pcapng';

/** The shared captures in which tshark finds TLS. */
const TLS_CAPTURES = [
  'datasets/lemay-modbus/CnC_uploading_exe_modbus_6RTU_with_operate.pcap',
  'enip-cip/quickdraw/EIP-ChangePortConfigurationAttempt.pcap',
  'enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-LockPLCAttempt.pcap',
  'hart-ip/hart_ip.pcap',
  'it-attacks/pcap-attack/Discovery/Discovery_PsLoggedOn_remotelocalusers_enum_winreg_lsarpc_dcerpc_smb.pcapng',
  'modbus/modbus-and-non-modbus-p502.pcap',
  'mqtt/mqtt-events-missing-connect.pcap',
];

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

describe('TLS end to end against tshark', () => {
  it('agrees on tls.sni in every frame of every shared TLS capture, with no decoder bug', async () => {
    if (!ready()) return;
    const caps = manifest().filter((m) => TLS_CAPTURES.includes(m.path));
    expect(caps.length).toBe(TLS_CAPTURES.length);
    let agreeing = 0;
    let total = 0;
    for (const a of await agreePerCapture(caps, 'tls', 'tls')) {
      expect(a.agree, a.path).toBe(a.total);
      agreeing += a.agree;
      total += a.total;
    }
    expect(total).toBe(7);
    expect(agreeing).toBe(7);
  }, 120_000);

  it('agrees on handshake type, version, cipher suite, SNI, ALPN, JA3 and JA3S', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of manifest().filter((x) =>
      tlsSpec.sharedCaptures.some((p) => x.path.startsWith(p)),
    )) {
      for (const r of await compareFields(tlsSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-tls.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['handshake type', 28, 28, []],
      ['hello version', 16, 16, []],
      ['cipher suite', 16, 16, []],
      ['SNI', 7, 7, []],
      ['ALPN', 15, 15, []],
      ['JA3', 8, 8, []],
      ['JA3S', 8, 8, []],
    ]);
  }, 120_000);

  it('RDP security upgraded to TLS: Wireshark needs "decode as" to see it, then agrees', async () => {
    if (!ready()) return;
    // Wireshark 4.0 shows the TLS records after the X.224 negotiation of this capture as "TPKT
    // Continuation"; the probe finds the ClientHello (SNI is the server's IP address, as mstsc
    // sends it). With `-d tcp.port==3389,tls` every field agrees.
    const spec = { ...tlsSpec, sharedCaptures: [RDP], tsharkArgs: ['-d', 'tcp.port==3389,tls'] };
    const results = await compareFields(spec, path.join(SHARED_PCAPS, RDP), 100);
    expect(results.map((r) => [r.field, r.agree, r.frames])).toEqual([
      ['handshake type', 6, 6],
      ['hello version', 4, 4],
      ['cipher suite', 4, 4],
      ['SNI', 2, 2],
      ['ALPN', 0, 0],
      ['JA3', 2, 2],
      ['JA3S', 2, 2],
    ]);
  }, 60_000);
});
