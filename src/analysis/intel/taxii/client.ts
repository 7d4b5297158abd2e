/**
 * A TAXII 2.1 client (TAXII Version 2.1, OASIS Standard, 10 June 2021): server discovery
 * (4.1), API roots (4.2), collections (5.1, 5.2) and the objects of a collection (5.4) with
 * pagination (3.4: `limit`, `next` and `more` in the envelope; `added_after`; the
 * `X-TAXII-Date-Added-First`/`-Last` headers).
 *
 * Requests carry `Accept: application/taxii+json;version=2.1` (1.6.8) and, when configured,
 * HTTP Basic or bearer authentication (1.6.3). Every response is checked: status (an error
 * resource's title and description are quoted), media type, size (read as a stream and cut at
 * {@link TaxiiOptions.maxResponseBytes}), JSON shape; each request has a timeout. Failures are
 * {@link PlatformError}s with a message naming the URL, never a secret.
 */
import { PlatformError } from '../../../core/errors.js';

/** The TAXII 2.1 media type (TAXII 2.1 OS 1.6.8). */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** Client settings. */
export interface TaxiiOptions {
  /** HTTP Basic credentials. */
  readonly user?: string;
  readonly password?: string;
  /** Bearer token (used instead of Basic when both are given). */
  readonly token?: string;
  /** Per request, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest response body read (default 64 MiB). */
  readonly maxResponseBytes?: number;
  /** Objects asked per page (`limit`, default 1000). */
  readonly pageSize?: number;
  /** Most pages read from one collection in one fetch (default 10,000). */
  readonly maxPages?: number;
  /** Most objects read from one collection in one fetch (default 2,000,000, as for a bundle). */
  readonly maxObjects?: number;
}

/** A discovery resource (TAXII 2.1 OS 4.1.1). */
export interface Discovery {
  readonly title: string;
  readonly default?: string;
  readonly api_roots: readonly string[];
}

/** A collection resource (TAXII 2.1 OS 5.2.1). */
export interface Collection {
  readonly id: string;
  readonly title: string;
  readonly alias?: string;
  readonly can_read: boolean;
  readonly can_write: boolean;
  readonly media_types?: readonly string[];
}

/** One page of a collection's objects. */
export interface ObjectsPage {
  readonly objects: readonly unknown[];
  readonly more: boolean;
  readonly next: string | null;
  /** `X-TAXII-Date-Added-First` and `-Last` of the page (null when absent). */
  readonly addedFirst: string | null;
  readonly addedLast: string | null;
}

/** What {@link TaxiiClient.fetchObjects} read. */
export interface FetchResult {
  readonly objects: unknown[];
  readonly pages: number;
  /** The latest `date_added` seen: the next poll's `added_after`. */
  readonly addedLast: string | null;
  /** The API root the collection was found in. */
  readonly apiRoot: string;
}

type Obj = Record<string, unknown>;

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A TAXII 2.1 client for one server (a discovery URL, a server URL or an API root URL). */
export class TaxiiClient {
  private readonly url: URL;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxObjects: number;
  private readonly auth: string | null;

  constructor(url: string, opts: TaxiiOptions = {}) {
    try {
      this.url = new URL(url);
    } catch {
      throw new PlatformError('ERR_TAXII_REQUEST', `not a URL: ${url}`);
    }
    if (this.url.protocol !== 'https:' && this.url.protocol !== 'http:') {
      throw new PlatformError('ERR_TAXII_REQUEST', `not an http(s) URL: ${url}`);
    }
    if (!this.url.pathname.endsWith('/')) this.url.pathname += '/';
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxBytes = opts.maxResponseBytes ?? 64 * 1024 * 1024;
    this.pageSize = opts.pageSize ?? 1000;
    this.maxPages = opts.maxPages ?? 10_000;
    this.maxObjects = opts.maxObjects ?? 2_000_000;
    this.auth =
      opts.token !== undefined
        ? `Bearer ${opts.token}`
        : opts.user !== undefined
          ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ''}`).toString('base64')}`
          : null;
  }

  /**
   * The API roots to look in: the server's discovery resource (`/taxii2/` when the URL is a
   * bare server) lists them, default first; a URL that answers as an API root is itself one.
   */
  async apiRoots(): Promise<string[]> {
    const u = new URL(this.url);
    if (u.pathname === '/') u.pathname = '/taxii2/';
    const { body } = await this.get(u);
    if (Array.isArray(body.api_roots)) {
      const d = body as unknown as Discovery;
      const roots = d.api_roots.filter((r): r is string => typeof r === 'string');
      if (typeof d.default === 'string') roots.unshift(d.default);
      return [...new Set(roots.map((r) => withSlash(new URL(r, u).href)))];
    }
    if (Array.isArray(body.versions)) {
      const versions = body.versions as unknown[];
      if (
        !versions.some((v) => typeof v === 'string' && v.replace(/\s/g, '') === TAXII_MEDIA_TYPE)
      ) {
        throw new PlatformError(
          'ERR_TAXII_RESPONSE',
          `${u.href}: the API root does not offer TAXII 2.1`,
        );
      }
      return [u.href];
    }
    throw new PlatformError(
      'ERR_TAXII_RESPONSE',
      `${u.href}: neither a discovery nor an API root resource`,
    );
  }

  /** The collections of an API root. */
  async collections(apiRoot: string): Promise<Collection[]> {
    const u = new URL('collections/', withSlash(apiRoot));
    const { body } = await this.get(u);
    const list = body.collections ?? [];
    if (!Array.isArray(list))
      throw new PlatformError('ERR_TAXII_RESPONSE', `${u.href}: collections is not a list`);
    return list.filter(
      (c): c is Collection =>
        typeof c === 'object' && c !== null && typeof (c as Obj).id === 'string',
    );
  }

  /** Finds a collection (by id or alias) in the server's API roots. */
  async findCollection(id: string): Promise<{ apiRoot: string; collection: Collection }> {
    const roots = await this.apiRoots();
    for (const root of roots) {
      for (const c of await this.collections(root)) {
        if (c.id === id || c.alias === id) {
          if (c.can_read !== true) {
            throw new PlatformError(
              'ERR_TAXII_REQUEST',
              `collection ${id} at ${root} cannot be read`,
            );
          }
          return { apiRoot: root, collection: c };
        }
      }
    }
    throw new PlatformError(
      'ERR_TAXII_REQUEST',
      `collection ${id} not found in ${roots.join(', ')}`,
    );
  }

  /** One page of a collection's objects. */
  async objectsPage(
    apiRoot: string,
    collectionId: string,
    q: { addedAfter?: string | null; next?: string | null; limit?: number },
  ): Promise<ObjectsPage> {
    const u = new URL(
      `collections/${encodeURIComponent(collectionId)}/objects/`,
      withSlash(apiRoot),
    );
    if (q.limit !== undefined) u.searchParams.set('limit', String(q.limit));
    if (q.addedAfter) u.searchParams.set('added_after', q.addedAfter);
    if (q.next) u.searchParams.set('next', q.next);
    const { body, headers } = await this.get(u);
    const objects = body.objects ?? [];
    if (!Array.isArray(objects))
      throw new PlatformError('ERR_TAXII_RESPONSE', `${u.href}: objects is not a list`);
    const stamp = (h: string): string | null => {
      const v = headers.get(h);
      return v !== null && TS_RE.test(v.trim()) ? v.trim() : null;
    };
    return {
      objects,
      more: body.more === true,
      next: typeof body.next === 'string' && body.next !== '' ? body.next : null,
      addedFirst: stamp('X-TAXII-Date-Added-First'),
      addedLast: stamp('X-TAXII-Date-Added-Last'),
    };
  }

  /**
   * Every object of a collection added after `addedAfter` (all when null), page by page:
   * `next` while the server says `more`, or, from a server that pages without `next`, the
   * last page's `X-TAXII-Date-Added-Last` as the next `added_after`.
   */
  async fetchObjects(collectionId: string, addedAfter: string | null = null): Promise<FetchResult> {
    const { apiRoot, collection } = await this.findCollection(collectionId);
    const objects: unknown[] = [];
    let next: string | null = null;
    let after = addedAfter;
    let last: string | null = addedAfter;
    let pages = 0;
    for (;;) {
      if (pages >= this.maxPages) {
        throw new PlatformError(
          'ERR_TAXII_RESPONSE',
          `collection ${collectionId}: more than ${this.maxPages} pages`,
        );
      }
      const page = await this.objectsPage(apiRoot, collection.id, {
        limit: this.pageSize,
        addedAfter: after,
        next,
      });
      pages++;
      if (objects.length + page.objects.length > this.maxObjects) {
        throw new PlatformError(
          'ERR_TAXII_RESPONSE',
          `collection ${collectionId}: more than ${this.maxObjects} objects`,
        );
      }
      for (const o of page.objects) objects.push(o);
      if (page.addedLast !== null && (last === null || page.addedLast > last))
        last = page.addedLast;
      if (!page.more || page.objects.length === 0) break;
      if (page.next !== null) next = page.next;
      else if (page.addedLast !== null && page.addedLast !== after) after = page.addedLast;
      else break;
    }
    return { objects, pages, addedLast: last, apiRoot };
  }

  private async get(u: URL): Promise<{ body: Obj; headers: Headers }> {
    const headers: Record<string, string> = { Accept: TAXII_MEDIA_TYPE };
    if (this.auth !== null) headers.Authorization = this.auth;
    let res: Response;
    try {
      res = await fetch(u, {
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const e = err as Error;
      const why = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : e.message;
      throw new PlatformError('ERR_TAXII_REQUEST', `GET ${u.href}: ${why}`, { cause: err });
    }
    const text = await this.readBody(res, u);
    if (!res.ok) {
      let detail = '';
      try {
        const e = JSON.parse(text) as Obj;
        if (typeof e.title === 'string') detail = `: ${e.title}`;
        if (typeof e.description === 'string') detail += ` (${e.description})`;
      } catch {
        // Not an error resource: the status says enough.
      }
      const hint =
        res.status === 401
          ? ' (check the credentials)'
          : res.status === 403
            ? ' (no access to this resource)'
            : '';
      throw new PlatformError(
        'ERR_TAXII_REQUEST',
        `GET ${u.href}: HTTP ${res.status}${detail.slice(0, 300)}${hint}`,
        {
          details: { status: res.status },
        },
      );
    }
    const type = (res.headers.get('content-type') ?? '').toLowerCase().replace(/\s/g, '');
    if (
      !type.startsWith('application/taxii+json') ||
      (type.includes('version=') && !type.includes('version=2.1'))
    ) {
      throw new PlatformError(
        'ERR_TAXII_RESPONSE',
        `GET ${u.href}: media type ${JSON.stringify(type)} is not ${TAXII_MEDIA_TYPE}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new PlatformError('ERR_TAXII_RESPONSE', `GET ${u.href}: not JSON`, { cause: err });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new PlatformError('ERR_TAXII_RESPONSE', `GET ${u.href}: not a TAXII resource`);
    }
    return { body: body as Obj, headers: res.headers };
  }

  /** The body as text, cut off (and refused) past the size limit. */
  private async readBody(res: Response, u: URL): Promise<string> {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > this.maxBytes) {
      await res.body?.cancel();
      throw new PlatformError(
        'ERR_TAXII_RESPONSE',
        `GET ${u.href}: response of ${declared} bytes exceeds ${this.maxBytes}`,
      );
    }
    if (res.body === null) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel();
        throw new PlatformError(
          'ERR_TAXII_RESPONSE',
          `GET ${u.href}: response larger than ${this.maxBytes} bytes`,
        );
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

function withSlash(u: string): string {
  return u.endsWith('/') ? u : u + '/';
}
