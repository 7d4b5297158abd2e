/**
 * A small TAXII 2.1 server for tests, listening on 127.0.0.1 (TAXII Version 2.1 OS): discovery
 * (4.1), one or more API roots (4.2), collections (5.1, 5.2) and objects (5.4) with `limit`,
 * `next` and `added_after` paging and the `X-TAXII-Date-Added-First`/`-Last` headers, HTTP Basic
 * and bearer authentication (401 with an error resource), 403 for collections that cannot be
 * read, 406 for a request that does not accept the TAXII media type, 404 otherwise. Knobs let a
 * test make it misbehave (wrong media type, oversized or slow answers).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TAXII = 'application/taxii+json;version=2.1';

/** One collection of the server. */
export interface TestCollection {
  id: string;
  title: string;
  alias?: string;
  can_read?: boolean;
  /** Objects with the time the server added them (ISO, milliseconds). */
  objects: { object: Record<string, unknown>; date_added: string }[];
}

export interface TaxiiServerOptions {
  collections: TestCollection[];
  /** Accepted Basic credentials (user → password) and bearer tokens; none: no authentication. */
  users?: Record<string, string>;
  tokens?: string[];
  /** Largest page the server sends, whatever `limit` asks (default 100). */
  maxPage?: number;
  /** Page without `next` tokens: the client must page by `added_after` (default false). */
  pageByDateOnly?: boolean;
  /** Misbehaviours. */
  mediaType?: string;
  delayMs?: number;
  padBytes?: number;
}

export interface TaxiiServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** Request paths with their query, in order. */
  requests: string[];
  options: TaxiiServerOptions;
  close(): Promise<void>;
}

/** Starts the server; close it after the test. */
export async function startTaxiiServer(options: TaxiiServerOptions): Promise<TaxiiServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const go = (): void => handle(options, req, res, base);
    if (options.delayMs) setTimeout(go, options.delayMs);
    else go();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(
  o: TaxiiServerOptions,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  let text = JSON.stringify(body);
  if (o.padBytes && status === 200) text += ' '.repeat(o.padBytes);
  res.writeHead(status, { 'Content-Type': o.mediaType ?? TAXII, ...headers });
  res.end(text);
}

function error(
  o: TaxiiServerOptions,
  res: ServerResponse,
  status: number,
  title: string,
  description: string,
): void {
  send(
    o,
    res,
    status,
    { title, description, http_status: String(status) },
    status === 401 ? { 'WWW-Authenticate': 'Basic realm="taxii"' } : {},
  );
}

function authorised(o: TaxiiServerOptions, req: IncomingMessage): boolean {
  if (o.users === undefined && o.tokens === undefined) return true;
  const h = req.headers.authorization ?? '';
  if (h.startsWith('Bearer ')) return (o.tokens ?? []).includes(h.slice(7));
  if (h.startsWith('Basic ')) {
    const [user, ...rest] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
    return user !== undefined && o.users?.[user] === rest.join(':');
  }
  return false;
}

function handle(
  o: TaxiiServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
): void {
  const u = new URL(req.url ?? '/', base);
  if (req.method !== 'GET')
    return error(o, res, 405, 'Method not allowed', 'this server is read-only');
  if (!(req.headers.accept ?? '').includes('application/taxii+json')) {
    return error(o, res, 406, 'Not acceptable', `send Accept: ${TAXII}`);
  }
  if (!authorised(o, req))
    return error(o, res, 401, 'Unauthorized', 'valid credentials are required');
  const path = u.pathname;
  if (path === '/taxii2/') {
    return send(o, res, 200, {
      title: 'Palisade test TAXII server',
      default: `${base}/api1/`,
      api_roots: [`${base}/api1/`, '/api2/'],
    });
  }
  const m = /^\/(api[12])\/(?:collections\/(?:([^/]+)\/(?:(objects)\/)?)?)?$/.exec(path);
  if (m === null) return error(o, res, 404, 'Not found', `${path} is not a resource`);
  const [, root, id, objects] = m;
  if (path === `/${root}/`) {
    return send(o, res, 200, {
      title: `API root ${root}`,
      versions: [TAXII],
      max_content_length: 10485760,
    });
  }
  // Collections live in api1 only; api2 is an empty root.
  const list = root === 'api1' ? o.collections : [];
  if (id === undefined) return send(o, res, 200, { collections: list.map(describe) });
  const c = list.find((x) => x.id === decodeURIComponent(id));
  if (c === undefined) return error(o, res, 404, 'Not found', `no collection ${id}`);
  if (objects === undefined) return send(o, res, 200, describe(c));
  if (c.can_read === false)
    return error(o, res, 403, 'Forbidden', 'this collection cannot be read');
  const after = u.searchParams.get('added_after');
  const limit = Math.min(Number(u.searchParams.get('limit') ?? 1e9) || 1e9, o.maxPage ?? 100);
  const start = Number(u.searchParams.get('next') ?? 0) || 0;
  const eligible = c.objects
    .filter((x) => after === null || Date.parse(x.date_added) > Date.parse(after))
    .sort((a, b) => Date.parse(a.date_added) - Date.parse(b.date_added));
  const page = eligible.slice(start, start + limit);
  const more = start + limit < eligible.length;
  const headers: Record<string, string> = {};
  if (page.length > 0) {
    headers['X-TAXII-Date-Added-First'] = (page[0] as { date_added: string }).date_added;
    headers['X-TAXII-Date-Added-Last'] = (
      page[page.length - 1] as { date_added: string }
    ).date_added;
  }
  const envelope: Record<string, unknown> = { more, objects: page.map((x) => x.object) };
  if (more && !o.pageByDateOnly) envelope.next = String(start + limit);
  return send(o, res, 200, envelope, headers);
}

function describe(c: TestCollection): Record<string, unknown> {
  const d: Record<string, unknown> = {
    id: c.id,
    title: c.title,
    can_read: c.can_read ?? true,
    can_write: false,
    media_types: ['application/stix+json;version=2.1'],
  };
  if (c.alias !== undefined) d.alias = c.alias;
  return d;
}
