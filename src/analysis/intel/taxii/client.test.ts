// The TAXII 2.1 client against a TAXII server started on 127.0.0.1: discovery, API roots,
// collections, paging by `next` and by `added_after`, Basic and bearer authentication, and the
// errors a server can give (401, 403, 404, wrong media type, oversized, slow).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPlatformError, type PlatformError } from '../../../core/errors.js';
import {
  startTaxiiServer,
  type TaxiiServer,
  type TestCollection,
} from '../../../../test/helpers/taxii-server.js';
import { TaxiiClient } from './client.js';
import { TaxiiFeed } from './feed.js';
import { loadIntel } from '../load.js';

const COLLECTION = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';

function indicators(n: number, day = '2024-01-01'): TestCollection['objects'] {
  return Array.from({ length: n }, (_, i) => ({
    date_added: new Date(Date.parse(`${day}T00:00:00Z`) + i * 1000).toISOString(),
    object: {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: `bad host ${i}`,
      pattern: `[ipv4-addr:value = '198.51.100.${i % 250}']`,
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
    },
  }));
}

let server: TaxiiServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (err) {
    if (isPlatformError(err)) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('TaxiiClient', () => {
  it('discovers API roots and collections and pages with next', async () => {
    server = await startTaxiiServer({
      collections: [
        { id: COLLECTION, title: 'ICS indicators', alias: 'ics', objects: indicators(250) },
      ],
      maxPage: 100,
    });
    const c = new TaxiiClient(server.url, { pageSize: 1000 });
    expect(await c.apiRoots()).toEqual([`${server.url}/api1/`, `${server.url}/api2/`]);
    const res = await c.fetchObjects('ics');
    expect(res.objects).toHaveLength(250);
    expect(res.pages).toBe(3);
    expect(res.addedLast).toBe('2024-01-01T00:04:09.000Z');
    const pages = server.requests.filter((r) => r.includes('/objects/'));
    expect(pages).toEqual([
      `/api1/collections/${COLLECTION}/objects/?limit=1000`,
      `/api1/collections/${COLLECTION}/objects/?limit=1000&next=100`,
      `/api1/collections/${COLLECTION}/objects/?limit=1000&next=200`,
    ]);
  });

  it('pages by added_after when the server gives no next, and polls incrementally', async () => {
    server = await startTaxiiServer({
      collections: [{ id: COLLECTION, title: 'c', objects: indicators(30) }],
      maxPage: 10,
      pageByDateOnly: true,
    });
    const c = new TaxiiClient(`${server.url}/api1/`);
    const capped = await failure(
      new TaxiiClient(server.url, { maxObjects: 25 }).fetchObjects(COLLECTION),
    );
    expect(capped.message).toMatch(/more than 25 objects/);
    const all = await c.fetchObjects(COLLECTION);
    expect(all.objects).toHaveLength(30);
    expect(all.pages).toBe(3);
    const none = await c.fetchObjects(COLLECTION, all.addedLast);
    expect(none.objects).toHaveLength(0);
    expect(none.addedLast).toBe(all.addedLast);
  });

  it('sends Basic and bearer credentials, and reports a refusal clearly', async () => {
    server = await startTaxiiServer({
      collections: [{ id: COLLECTION, title: 'c', objects: indicators(3) }],
      users: { analyst: 's3cret:x' },
      tokens: ['tok-123'],
    });
    expect(
      (
        await new TaxiiClient(server.url, { user: 'analyst', password: 's3cret:x' }).fetchObjects(
          COLLECTION,
        )
      ).objects,
    ).toHaveLength(3);
    expect(
      (await new TaxiiClient(server.url, { token: 'tok-123' }).fetchObjects(COLLECTION)).objects,
    ).toHaveLength(3);
    const e = await failure(
      new TaxiiClient(server.url, { user: 'analyst', password: 'wrong' }).fetchObjects(COLLECTION),
    );
    expect(e.code).toBe('ERR_TAXII_REQUEST');
    expect(e.message).toMatch(
      /HTTP 401: Unauthorized \(valid credentials are required\) \(check the credentials\)/,
    );
    expect(e.message).not.toContain('wrong');
    const none = await failure(new TaxiiClient(server.url).apiRoots());
    expect(none.details.status).toBe(401);
  });

  it('reports unknown and unreadable collections', async () => {
    server = await startTaxiiServer({
      collections: [{ id: 'closed', title: 'c', can_read: false, objects: indicators(1) }],
    });
    const c = new TaxiiClient(server.url);
    expect((await failure(c.fetchObjects('nope'))).message).toMatch(
      /collection nope not found in .*api1\/, .*api2\//,
    );
    expect((await failure(c.fetchObjects('closed'))).message).toMatch(
      /collection closed at .* cannot be read/,
    );
    const e = await failure(c.objectsPage(`${server.url}/api1/`, 'closed', {}));
    expect(e.message).toMatch(/HTTP 403: Forbidden/);
  });

  it('refuses wrong media types, oversized and slow answers, and bad URLs', async () => {
    server = await startTaxiiServer({ collections: [], mediaType: 'application/json' });
    expect((await failure(new TaxiiClient(server.url).apiRoots())).code).toBe('ERR_TAXII_RESPONSE');
    delete server.options.mediaType;
    server.options.padBytes = 5000;
    const big = await failure(new TaxiiClient(server.url, { maxResponseBytes: 1000 }).apiRoots());
    expect(big.message).toMatch(/larger than 1000 bytes|exceeds 1000/);
    server.options.padBytes = 0;
    server.options.delayMs = 500;
    const slow = await failure(new TaxiiClient(server.url, { timeoutMs: 100 }).apiRoots());
    expect(slow.message).toMatch(/no answer within 100 ms/);
    expect(() => new TaxiiClient('ftp://example.org/')).toThrow(/not an http\(s\) URL/);
    const closed = await failure(
      new TaxiiClient('http://127.0.0.1:9/taxii2/', { timeoutMs: 2000 }).apiRoots(),
    );
    expect(closed.code).toBe('ERR_TAXII_REQUEST');
  });
});

describe('TaxiiFeed', () => {
  it('keeps added_after and the objects in the state directory between runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-taxii-'));
    try {
      const coll: TestCollection = { id: COLLECTION, title: 'c', objects: indicators(5) };
      server = await startTaxiiServer({ collections: [coll] });
      const src = { url: server.url, collection: COLLECTION };
      const first = await new TaxiiFeed(src, dir).poll();
      expect(first).toMatchObject({ received: 5, addedAfter: '2024-01-01T00:00:04.000Z' });
      coll.objects.push(...indicators(7, '2024-02-01').slice(5));
      const second = await new TaxiiFeed(src, dir).poll();
      expect(second.received).toBe(2);
      expect(second.objects).toHaveLength(7);
      expect(server.requests.at(-1)).toContain('added_after=2024-01-01T00%3A00%3A04.000Z');
      const state = JSON.parse(readFileSync(join(dir, 'taxii-state.json'), 'utf8'));
      expect(state.collections[`${server.url}|${COLLECTION}`]).toMatchObject({
        added_after: '2024-02-01T00:00:06.000Z',
        objects: 7,
      });
      const data = await loadIntel({ taxii: [src], stateDir: dir });
      expect(data.indicators).toHaveLength(7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
