/**
 * Loading threat intelligence for a run: STIX bundle files and TAXII collections into one
 * {@link IntelData}. A file that cannot be used at all (missing, too large, not JSON, not a
 * bundle) is an error that stops the command before any capture is read; an indicator that
 * cannot be used is skipped and counted (`intel.*` in summary.json, listed by
 * `palisade intel check`).
 */
import { readFileSync, statSync } from 'node:fs';
import { PlatformError } from '../../core/errors.js';
import { BundleReader, MAX_BUNDLE_BYTES, type IntelData } from './bundle.js';
import { TaxiiFeed, type TaxiiSource } from './taxii/feed.js';

/** Where the indicators come from. */
export interface IntelSources {
  readonly files?: readonly string[];
  readonly taxii?: readonly TaxiiSource[];
  /** Directory for the TAXII state (last `added_after`, objects received); null: none. */
  readonly stateDir?: string | null;
}

/** Reads one bundle file into `reader`; throws ERR_INTEL_BUNDLE when it cannot be used. */
export function addBundleFile(reader: BundleReader, path: string): void {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    if (st.size > MAX_BUNDLE_BYTES) throw new Error(`larger than ${MAX_BUNDLE_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PlatformError('ERR_INTEL_BUNDLE', `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const problem = reader.addText(text, path);
  if (problem !== null) throw new PlatformError('ERR_INTEL_BUNDLE', problem);
}

/** A loader that can be called again (refresh): files are re-read, TAXII feeds polled. */
export function intelLoader(src: IntelSources): () => Promise<IntelData> {
  const feeds = (src.taxii ?? []).map((t) => new TaxiiFeed(t, src.stateDir ?? null));
  return async () => {
    const reader = new BundleReader();
    for (const f of src.files ?? []) addBundleFile(reader, f);
    for (const [i, feed] of feeds.entries()) {
      const res = await feed.poll();
      const t = (src.taxii ?? [])[i] as TaxiiSource;
      reader.addDocument({ objects: res.objects }, `${t.url} ${t.collection}`);
    }
    return reader.build();
  };
}

/** Loads the indicators once. */
export async function loadIntel(src: IntelSources): Promise<IntelData> {
  return intelLoader(src)();
}
