/**
 * NetBIOS identity sources: the NBNS and datagram decoders' events, produced from their real
 * fixtures, give host names, domains, MAC addresses, OS versions and the domain controller role.
 */
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../decode/decoder.js';
import type { EventMeta } from '../observer.js';
import { IDENTITY_SOURCES, type Side } from './sources.js';
import { AssetTracker } from './tracker.js';

function meta(over: Partial<EventMeta>): EventMeta {
  return {
    sec: 1704067200,
    ns: 0,
    frame: 1,
    proto: 'nbns',
    transport: 'udp',
    srcIp: '192.168.198.203',
    dstIp: '192.168.198.255',
    srcPort: 137,
    dstPort: 137,
    srcMac: '',
    dstMac: '',
    flow: '1:1',
    fromServer: false,
    ...over,
  };
}

/**
 * Events as the decoders emit them (their fixtures `registration`, `positive-query-response`,
 * `nbstat-response`, `refresh`, `host-announcement` and `domain-announcement`, trimmed to the
 * fields the sources read; schemas in src/decode/app/nbns/events.ts and nbdgm/events.ts).
 */
const nb = (name: string, suffix: number) => ({
  name: `${name}<${suffix.toString(16).padStart(2, '0')}>`,
  netbios_name: name,
  suffix,
});
const EVENTS: Record<string, AppEvent> = {
  registration: {
    kind: 'nbns.request',
    nbns: {
      response: false,
      opcode: 5,
      rcode: 0,
      records: [
        {
          ...nb('WORKGROUP', 0x1e),
          section: 'additional',
          type: 32,
          addresses: [{ address: '192.168.198.203', group: true, node_type: 'H' }],
        },
      ],
    },
  },
  answer: {
    kind: 'nbns.response',
    nbns: {
      response: true,
      opcode: 0,
      rcode: 0,
      records: [
        {
          ...nb('CONTROLL-F7B112', 0x20),
          section: 'answer',
          type: 32,
          addresses: [{ address: '192.168.1.104', group: false, node_type: 'B' }],
        },
      ],
    },
  },
  conflict: {
    kind: 'nbns.response',
    nbns: {
      response: true,
      opcode: 5,
      rcode: 7,
      records: [
        {
          ...nb('IE11WIN7', 0),
          section: 'answer',
          type: 32,
          addresses: [{ address: '192.168.198.204', group: false, node_type: 'B' }],
        },
      ],
    },
  },
  nbstat: {
    kind: 'nbns.response',
    nbns: {
      response: true,
      opcode: 0,
      rcode: 0,
      records: [
        {
          name: '*<00><00><00><00><00><00><00><00><00><00><00><00><00><00><00>',
          netbios_name: '*<00><00><00><00><00><00><00><00><00><00><00><00><00><00>',
          suffix: 0,
          type: 33,
          node_names: [
            { ...nb('3B', 0), group: true },
            { ...nb('01566S-WIN16-IR', 0), group: false },
            { ...nb('3B', 0x1c), group: true },
            { ...nb('01566S-WIN16-IR', 0x20), group: false },
            { ...nb('3B', 0x1b), group: false },
          ],
          unit_id: '00:50:56:23:45:59',
        },
      ],
    },
  },
  refresh: {
    kind: 'nbns.request',
    nbns: {
      response: false,
      opcode: 8,
      rcode: 0,
      records: [
        {
          name: '<01><02>__MSBROWSE__<02><01>',
          netbios_name: '<01><02>__MSBROWSE__<02>',
          suffix: 1,
          type: 32,
          addresses: [{ address: '192.168.198.203', group: true, node_type: 'H' }],
        },
      ],
    },
  },
  host: {
    kind: 'nbdgm.datagram',
    nbdgm: { type: 0x11, source_name: 'IE11WIN7<20>', destination_name: 'WORKGROUP<1d>' },
    browser: {
      command: 1,
      server: 'IE11WIN7',
      os_major: 6,
      os_minor: 1,
      server_type: 0x00011003,
      server_type_names: ['workstation', 'server', 'nt', 'potential_browser'],
      comment: '',
    },
  },
  domain: {
    kind: 'nbdgm.datagram',
    nbdgm: { type: 0x11 },
    browser: { command: 0x0c, server: 'WORKGROUP', os_major: 3, os_minor: 10 },
  },
};

function ev(name: string): AppEvent {
  return EVENTS[name] as AppEvent;
}

/** What a source adds, as `side attribute=value (confidence)` lines. */
function added(e: AppEvent, m = meta({})): string[] {
  const out: string[] = [];
  const source = IDENTITY_SOURCES[e.kind];
  source?.(m, e, (side: Side, name, value, conf) => {
    if (value === undefined || value === null) return;
    out.push(
      `${typeof side === 'string' ? side : JSON.stringify(side)} ${name}=${String(value)} (${conf})`,
    );
  });
  return out;
}

describe('NBNS identity', () => {
  it('a registration names the address claiming the workgroup', () => {
    expect(added(ev('registration'))).toEqual(['{"ip":"192.168.198.203"} domain=WORKGROUP (high)']);
  });
  it('a positive query answer gives the owner’s host name, at medium confidence', () => {
    expect(added(ev('answer'))).toEqual([
      '{"ip":"192.168.1.104"} hostname=CONTROLL-F7B112 (medium)',
    ]);
  });
  it('a node status answer gives the responder’s names, domain and MAC address', () => {
    expect(added(ev('nbstat'))).toEqual([
      'src domain=3B (high)',
      'src hostname=01566S-WIN16-IR (high)',
      'src domain=3B (high)',
      'src hostname=01566S-WIN16-IR (high)',
      'src domain=3B (high)',
      'src netbios_mac=00:50:56:23:45:59 (high)',
    ]);
  });
  it('refreshes of __MSBROWSE__ and negative answers give nothing', () => {
    expect(added(ev('refresh'))).toEqual([]);
    expect(added(ev('conflict'))).toEqual([]);
  });
});

describe('Browser identity', () => {
  it('a host announcement gives host name, Windows version and server type', () => {
    expect(added(ev('host'))).toEqual([
      'src hostname=IE11WIN7 (high)',
      'src os=Windows 6.1 (medium)',
      'src netbios_server_type=workstation,server,nt,potential_browser (high)',
    ]);
  });
  it('a domain announcement gives the workgroup', () => {
    expect(added(ev('domain'))).toEqual(['src domain=WORKGROUP (high)']);
  });
  it('a domain controller’s announcement makes it a domain controller in the inventory', () => {
    const e = ev('host');
    const browser = { ...(e.browser as Record<string, unknown>), server_type: 0x0001100b };
    const t = new AssetTracker();
    t.event(meta({ proto: 'nbdgm', srcIp: '192.168.198.10' }), { ...e, browser });
    const asset = t.assets().find((a) => a.ips.includes('192.168.198.10'));
    expect(asset?.identity.hostname?.[0]?.value).toBe('IE11WIN7');
    expect(asset?.roles?.map((r) => [r.role, r.confidence])).toContainEqual([
      'domain_controller',
      'high',
    ]);
  });
});
