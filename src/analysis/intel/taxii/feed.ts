/**
 * A TAXII collection followed over time: each poll asks only for objects added after the last
 * poll (`added_after`, TAXII 2.1 OS 3.4.1), and keeps everything received so far, so a restart
 * or the next refresh starts where the last one ended. The state lives in a directory (the
 * output directory of `analyze`/`watch`):
 *
 * - `taxii-state.json`: per collection (server URL and collection id), the last `added_after`
 *   and the file holding its objects;
 * - `taxii-<hash>.json`: the collection's objects (the latest version of each id), as a bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../../../core/errors.js';
import { TaxiiClient, type TaxiiOptions } from './client.js';

/** A collection to follow. */
export interface TaxiiSource {
  readonly url: string;
  readonly collection: string;
  readonly options?: TaxiiOptions;
}

interface StateEntry {
  added_after: string | null;
  file: string;
  updated: string;
  objects: number;
}

interface StateFile {
  version: 1;
  collections: Record<string, StateEntry>;
}

/** What one poll brought. */
export interface PollResult {
  /** Every object of the collection known so far (latest version of each id). */
  readonly objects: unknown[];
  /** Objects received by this poll. */
  readonly received: number;
  readonly pages: number;
  readonly addedAfter: string | null;
}

const STATE = 'taxii-state.json';

/** Follows one collection; `stateDir` null keeps nothing between polls of different runs. */
export class TaxiiFeed {
  private readonly client: TaxiiClient;
  private readonly key: string;
  private memory: {
    addedAfter: string | null;
    objects: Map<string, Record<string, unknown>>;
  } | null = null;

  constructor(
    private readonly src: TaxiiSource,
    private readonly stateDir: string | null,
  ) {
    this.client = new TaxiiClient(src.url, src.options ?? {});
    this.key = `${src.url}|${src.collection}`;
  }

  /** Polls the collection for objects added since the last poll; returns all objects known. */
  async poll(): Promise<PollResult> {
    const known = this.memory ?? this.readState();
    const res = await this.client.fetchObjects(this.src.collection, known.addedAfter);
    let received = 0;
    for (const o of res.objects) {
      if (typeof o !== 'object' || o === null || Array.isArray(o)) continue;
      const obj = o as Record<string, unknown>;
      const id = obj.id;
      if (typeof id !== 'string') continue;
      received++;
      const cur = known.objects.get(id);
      if (cur === undefined || String(obj.modified ?? '') >= String(cur.modified ?? ''))
        known.objects.set(id, obj);
    }
    known.addedAfter = res.addedLast ?? known.addedAfter;
    this.memory = known;
    this.writeState(known);
    return {
      objects: [...known.objects.values()],
      received,
      pages: res.pages,
      addedAfter: known.addedAfter,
    };
  }

  private cacheFile(): string {
    return `taxii-${createHash('sha256').update(this.key).digest('hex').slice(0, 16)}.json`;
  }

  private readState(): {
    addedAfter: string | null;
    objects: Map<string, Record<string, unknown>>;
  } {
    const empty = { addedAfter: null, objects: new Map<string, Record<string, unknown>>() };
    if (this.stateDir === null) return empty;
    const statePath = join(this.stateDir, STATE);
    if (!existsSync(statePath)) return empty;
    try {
      const state = JSON.parse(readFileSync(statePath, 'utf8')) as StateFile;
      const entry = state.collections?.[this.key];
      if (entry === undefined) return empty;
      const cache = join(this.stateDir, entry.file);
      if (!existsSync(cache)) return empty;
      const bundle = JSON.parse(readFileSync(cache, 'utf8')) as { objects?: unknown };
      const objects = new Map<string, Record<string, unknown>>();
      if (Array.isArray(bundle.objects)) {
        for (const o of bundle.objects as Record<string, unknown>[]) {
          if (typeof o?.id === 'string') objects.set(o.id, o);
        }
      }
      return {
        addedAfter: typeof entry.added_after === 'string' ? entry.added_after : null,
        objects,
      };
    } catch {
      // A damaged state starts over from a full fetch: it is a cache, not a record.
      return empty;
    }
  }

  private writeState(known: {
    addedAfter: string | null;
    objects: Map<string, Record<string, unknown>>;
  }): void {
    if (this.stateDir === null) return;
    const statePath = join(this.stateDir, STATE);
    let state: StateFile = { version: 1, collections: {} };
    try {
      if (existsSync(statePath)) state = JSON.parse(readFileSync(statePath, 'utf8')) as StateFile;
      if (typeof state.collections !== 'object' || state.collections === null)
        state.collections = {};
    } catch {
      state = { version: 1, collections: {} };
    }
    const file = this.cacheFile();
    state.collections[this.key] = {
      added_after: known.addedAfter,
      file,
      updated: new Date().toISOString(),
      objects: known.objects.size,
    };
    try {
      const bundle = {
        type: 'bundle',
        id: `bundle--${uuidFrom(this.key)}`,
        objects: [...known.objects.values()],
      };
      atomicWrite(join(this.stateDir, file), JSON.stringify(bundle));
      atomicWrite(statePath, JSON.stringify(state, null, 2) + '\n');
    } catch (err) {
      throw new PlatformError(
        'ERR_OUTPUT_WRITE',
        `cannot write the TAXII state in ${this.stateDir}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }
}

function atomicWrite(path: string, text: string): void {
  writeFileSync(path + '.tmp', text);
  renameSync(path + '.tmp', path);
}

/** A stable UUIDv4-shaped id from a text (the cache bundle's id). */
function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
