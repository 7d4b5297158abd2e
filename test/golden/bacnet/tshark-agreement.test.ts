// BACnet end to end against tshark: the built CLI over every shared BACnet capture, APDU types per
// frame compared with ../shared/tools/tshark-agree.mjs. Every BACnet/IP frame, every BACnet over
// 802.2 LLC frame (SAP 0x82) and every BACnet frame of MS/TP tunnelled in LLC SNAP (Cimetrics'
// OUI) agrees (docs/fidelity-bacnet.md).
import { describe, expect, it } from 'vitest';
import { haveSharedPcaps, haveTool, manifest, tshark } from '../../helpers/shared.js';
import { agreePerCapture } from '../../helpers/tshark-agree.js';

/** Frames tshark dissects as BACnet APDUs of MS/TP tunnelled in LLC SNAP (Cimetrics OUI). */
function tunnelledFrames(capture: string): number {
  const out = tshark([
    '-r',
    capture,
    '-n',
    '-Y',
    'bacapp && cimetrics',
    '-T',
    'fields',
    '-e',
    'frame.number',
  ]);
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

describe('BACnet end to end against tshark', () => {
  it('agrees on the APDU type of every BACnet frame of the shared captures, over UDP, LLC and MS/TP', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const caps = manifest().filter((m) => m.path.startsWith('bacnet/'));
    expect(caps.length).toBe(17);
    let agreeing = 0;
    let total = 0;
    let tunnelled = 0;
    for (const a of await agreePerCapture(caps, 'bacnet', 'bacnet')) {
      expect(a.agree, a.path).toBe(a.total);
      agreeing += a.agree;
      total += a.total;
      tunnelled += tunnelledFrames(a.abs);
    }
    // Docs: docs/fidelity-bacnet.md states these figures.
    expect(total).toBe(13_580);
    expect(tunnelled).toBe(141);
    expect(agreeing).toBe(13_580);
  }, 120_000);
});
