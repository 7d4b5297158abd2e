import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers/shared.js';
import type { AssetRecord } from '../assets/record.js';
import { applySite } from './apply.js';
import { loadSiteModel } from './load.js';

function asset(id: string, ips: string[], over: Partial<AssetRecord> = {}): AssetRecord {
  return {
    id,
    ips,
    macs: [],
    first_seen: 't',
    last_seen: 't',
    identity: {},
    services: [],
    client_protocols: [],
    flows_initiated: 0,
    flows_accepted: 0,
    packets_sent: 0,
    bytes_sent: 0,
    packets_received: 0,
    bytes_received: 0,
    ...over,
  };
}

describe('applySite', () => {
  it('places assets in zones and lets declared assets override role and level', () => {
    const model = loadSiteModel(path.join(REPO_ROOT, 'test/fixtures/site/plant.yml'));
    const plc = asset('ip:10.30.0.10', ['10.30.0.10'], {
      roles: [{ role: 'hmi_scada', confidence: 'medium', evidence: ['sent reads'] }],
      purdue_level: 2,
    });
    const stranger = asset('ip:10.30.0.99', ['10.30.0.99'], { purdue_level: 2 });
    const outside = asset('ip:192.0.2.1', ['192.0.2.1']);
    applySite([plc, stranger, outside], model);
    expect(plc).toMatchObject({
      zone: 'control',
      site_asset: 'plc-1',
      criticality: 'critical',
      purdue_level: 1,
      roles: [
        {
          role: 'plc',
          confidence: 'high',
          evidence: ["declared in the site model as asset 'plc-1'"],
        },
        { role: 'hmi_scada', confidence: 'medium', evidence: ['sent reads'] },
      ],
    });
    // Not declared: placed by its network, level left as inferred.
    expect(stranger).toMatchObject({ zone: 'control', purdue_level: 2 });
    expect(stranger.site_asset).toBeUndefined();
    expect(outside.zone).toBeUndefined();
  });
});
