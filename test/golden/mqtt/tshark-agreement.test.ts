// MQTT end to end against tshark: the built CLI over every shared MQTT capture, packet types per
// frame compared with ../shared/tools/tshark-agree.mjs, and the deeper-field difference of the
// capture scripts/field-agree/mqtt.ts leaves out pinned frame by frame (docs/fidelity-mqtt.md
// has the figures).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { mqttSpec } from '../../../scripts/field-agree/mqtt.js';
import { SHARED_PCAPS, haveSharedPcaps, haveTool, manifest } from '../../helpers/shared.js';
import { agreePerCapture } from '../../helpers/tshark-agree.js';

const PROPLEN = 'mqtt/mqtt5-excessiveproplen.pcap';

describe('MQTT end to end against tshark', () => {
  it('agrees on the packet type of every frame of every shared MQTT capture', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const caps = manifest().filter((m) => m.path.startsWith('mqtt/'));
    expect(caps.length).toBe(16);
    let agreeing = 0;
    let total = 0;
    for (const a of await agreePerCapture(caps, 'mqtt', 'mqtt')) {
      expect(a.agree, a.path).toBe(a.total);
      agreeing += a.agree;
      total += a.total;
    }
    // Docs: docs/fidelity-mqtt.md states these figures.
    expect(total).toBe(97);
    expect(agreeing).toBe(97);
  }, 120_000);

  it('pins the one deeper-field difference of the capture the field spec leaves out', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    expect(mqttSpec.sharedCaptures.some((p) => PROPLEN.startsWith(p))).toBe(false);
    const results = await compareFields(mqttSpec, path.join(SHARED_PCAPS, PROPLEN), 100);
    const differ = results.filter((r) => r.agree !== r.frames);
    expect(differ.map((r) => [r.field, r.diffs])).toEqual([
      // The CONNECT declares a 4351-byte property block in a 47-byte packet: Wireshark reads
      // the next octet as property id 0, we stop at the overlong block.
      ['property id', ['mqtt5-excessiveproplen.pcap frame 4: tshark [0] ours []']],
    ]);
  }, 60_000);
});
