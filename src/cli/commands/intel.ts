/**
 * Threat intelligence on the command line:
 *
 * - `palisade intel fetch --taxii URL --collection ID [--user U --password-env VAR |
 *   --token-env VAR] [--added-after TS] --out bundle.json` reads a TAXII 2.1 collection (every
 *   page) into a STIX bundle file;
 * - `palisade intel check FILE...` reads STIX bundles, parses every indicator's pattern and
 *   prints each problem (`file: indicator--…: column N: message`), then the counts; exit 1 when
 *   a file or an indicator could not be used;
 * - the `--intel`, `--taxii*` flags that `analyze` and `watch` share ({@link INTEL_OPTIONS},
 *   {@link loadIntelFlags}).
 *
 * Secrets are never given on the command line (they would show in the process list): the
 * flags name environment variables that hold them.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { PlatformError } from '../../core/errors.js';
import { BundleReader, type IntelData } from '../../analysis/intel/bundle.js';
import { addBundleFile, intelLoader } from '../../analysis/intel/load.js';
import { TaxiiClient, type TaxiiOptions } from '../../analysis/intel/taxii/client.js';
import type { TaxiiSource } from '../../analysis/intel/taxii/feed.js';

/** The intel flags `analyze` and `watch` share. */
export interface IntelFlags {
  intel?: string[];
  taxii?: string;
  taxiiCollection?: string[];
  taxiiUser?: string;
  taxiiPasswordEnv?: string;
  taxiiTokenEnv?: string;
}

const repeat = (v: string, acc: string[] | undefined): string[] => [...(acc ?? []), v];

/** `--intel FILE` (repeatable), `--taxii URL`, `--taxii-collection ID` (repeatable), auth. */
export const INTEL_OPTIONS = (): Option[] => [
  new Option(
    '--intel <file>',
    'match STIX 2.1 indicators of this bundle file (repeatable)',
  ).argParser(repeat),
  new Option(
    '--taxii <url>',
    'TAXII 2.1 server, discovery or API root URL to read indicators from',
  ),
  new Option('--taxii-collection <id>', 'TAXII collection id or alias (repeatable)').argParser(
    repeat,
  ),
  new Option('--taxii-user <user>', 'TAXII HTTP Basic user name'),
  new Option('--taxii-password-env <var>', 'environment variable holding the TAXII password'),
  new Option('--taxii-token-env <var>', 'environment variable holding a TAXII bearer token'),
];

function secret(name: string | undefined, what: string): string | undefined {
  if (name === undefined) return undefined;
  const v = process.env[name];
  if (v === undefined || v === '') {
    throw new PlatformError('ERR_CLI_USAGE', `${what}: environment variable ${name} is not set`);
  }
  return v;
}

/** TAXII client options from the auth flags. */
export function taxiiOptions(o: {
  user?: string | undefined;
  passwordEnv?: string | undefined;
  tokenEnv?: string | undefined;
}): TaxiiOptions {
  const token = secret(o.tokenEnv, '--token-env');
  const password = secret(o.passwordEnv, '--password-env');
  if (password !== undefined && o.user === undefined) {
    throw new PlatformError('ERR_CLI_USAGE', 'a TAXII password needs a user name');
  }
  return {
    ...(token !== undefined ? { token } : {}),
    ...(o.user !== undefined ? { user: o.user } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}

/** The sources the flags name (null when none). */
export function intelSources(o: IntelFlags): { files: string[]; taxii: TaxiiSource[] } | null {
  const files = o.intel ?? [];
  const collections = o.taxiiCollection ?? [];
  if (o.taxii === undefined && collections.length > 0) {
    throw new PlatformError('ERR_CLI_USAGE', '--taxii-collection needs --taxii URL');
  }
  if (o.taxii !== undefined && collections.length === 0) {
    throw new PlatformError('ERR_CLI_USAGE', '--taxii needs at least one --taxii-collection ID');
  }
  const url = o.taxii;
  const options =
    url !== undefined
      ? taxiiOptions({
          user: o.taxiiUser,
          passwordEnv: o.taxiiPasswordEnv,
          tokenEnv: o.taxiiTokenEnv,
        })
      : {};
  const taxii =
    url !== undefined ? collections.map((collection) => ({ url, collection, options })) : [];
  return files.length + taxii.length > 0 ? { files, taxii } : null;
}

/**
 * Loads what the intel flags name before any capture is read (a bundle that cannot be used,
 * or a TAXII failure, stops the command); problems with single indicators go to standard
 * error as one count line. Null when no flag is given.
 */
export async function loadIntelFlags(
  o: IntelFlags,
  stateDir: string,
): Promise<{ data: IntelData; load: () => Promise<IntelData> } | null> {
  const src = intelSources(o);
  if (src === null) return null;
  const load = intelLoader({ ...src, stateDir });
  const data = await load();
  reportLoad(data);
  return { data, load };
}

function reportLoad(d: IntelData): void {
  const skipped = d.problems.length;
  process.stderr.write(
    `palisade: ${d.indicators.length} STIX indicators loaded` +
      (skipped > 0 ? `, ${skipped} skipped (palisade intel check lists them)` : '') +
      '\n',
  );
}

/** `palisade intel ...`. */
export function intelCommand(setCode: (code: number) => void): Command {
  const cmd = new Command('intel').description(
    'threat intelligence: STIX 2.1 bundles and TAXII 2.1',
  );
  cmd
    .command('fetch')
    .description('read a TAXII 2.1 collection into a STIX bundle file')
    .requiredOption('--taxii <url>', 'TAXII server, discovery or API root URL')
    .requiredOption('--collection <id>', 'collection id or alias')
    .option('--user <user>', 'HTTP Basic user name')
    .option('--password-env <var>', 'environment variable holding the password')
    .option('--token-env <var>', 'environment variable holding a bearer token')
    .option('--added-after <timestamp>', 'only objects added after this time (RFC 3339)')
    .option('--timeout <seconds>', 'per request', (v) => Number.parseFloat(v), 30)
    .requiredOption('-o, --out <file>', 'bundle file to write')
    .action(
      async (o: {
        taxii: string;
        collection: string;
        user?: string;
        passwordEnv?: string;
        tokenEnv?: string;
        addedAfter?: string;
        timeout: number;
        out: string;
      }) => {
        const client = new TaxiiClient(o.taxii, {
          ...taxiiOptions({ user: o.user, passwordEnv: o.passwordEnv, tokenEnv: o.tokenEnv }),
          timeoutMs: Math.max(1, o.timeout) * 1000,
        });
        const res = await client.fetchObjects(o.collection, o.addedAfter ?? null);
        const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: res.objects };
        try {
          writeFileSync(o.out, JSON.stringify(bundle, null, 1) + '\n');
        } catch (err) {
          throw new PlatformError(
            'ERR_OUTPUT_WRITE',
            `cannot write ${o.out}: ${(err as Error).message}`,
            {
              cause: err,
            },
          );
        }
        process.stdout.write(
          `${res.objects.length} objects in ${res.pages} pages from ${res.apiRoot} collection ${o.collection}` +
            ` written to ${o.out}` +
            (res.addedLast !== null ? `; next --added-after ${res.addedLast}` : '') +
            '\n',
        );
        setCode(0);
      },
    );
  cmd
    .command('check')
    .description('parse every indicator pattern of STIX bundle files and list the problems')
    .argument('<file...>', 'STIX 2.1 bundle files')
    .option('--json', 'print the result as JSON')
    .action((files: string[], o: { json?: boolean }) => {
      const reader = new BundleReader();
      const unreadable: string[] = [];
      for (const f of files) {
        try {
          addBundleFile(reader, f);
        } catch (err) {
          unreadable.push((err as Error).message);
        }
      }
      const d = reader.build();
      if (o.json) {
        process.stdout.write(
          JSON.stringify({
            indicators: d.indicators.length,
            counters: d.counters,
            problems: d.problems,
            unreadable,
          }) + '\n',
        );
      } else {
        for (const u of unreadable) process.stdout.write(`error: ${u}\n`);
        for (const p of d.problems) {
          const at = p.column !== undefined ? `column ${p.column}: ` : '';
          process.stdout.write(`${p.source}: ${p.id === '' ? '' : p.id + ': '}${at}${p.message}\n`);
        }
        const counts = Object.entries(d.counters)
          .map(([k, v]) => `${k.replace(/^intel\./, '')} ${v}`)
          .join(', ');
        process.stdout.write(`${d.indicators.length} indicators usable (${counts})\n`);
      }
      setCode(unreadable.length > 0 || d.problems.length > 0 ? 1 : 0);
    });
  // Usage errors of the subcommands come back to main() too (exit code 2).
  for (const sub of cmd.commands) {
    sub.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  }
  return cmd;
}
