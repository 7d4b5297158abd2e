/**
 * `palisade map DIR`: the network map of an analysis (its `assets.jsonl` and `edges.jsonl`) as
 * JSON, GraphML or Graphviz DOT.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { PlatformError } from '../../core/errors.js';
import type { AssetEdge, AssetRecord } from '../../analysis/assets/record.js';
import { buildMap, toDot, toGraphml, toJson } from '../../analysis/assets/map-export.js';

const FORMATS = { json: toJson, graphml: toGraphml, dot: toDot } as const;

function readLines<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PlatformError('ERR_CLI_USAGE', `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      throw new PlatformError('ERR_CONFIG_INVALID', `${path}:${i + 1}: not a JSON line`);
    }
  });
  return out;
}

export function mapCommand(setCode: (code: number) => void): Command {
  return new Command('map')
    .description('export the network map of an analysis output directory')
    .argument('<dir>', 'output directory of `palisade analyze`')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(Object.keys(FORMATS))
        .default('json'),
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action((dir: string, o: { format: keyof typeof FORMATS; out?: string }) => {
      const assets = readLines<AssetRecord>(join(dir, 'assets.jsonl'));
      const edges = readLines<AssetEdge>(join(dir, 'edges.jsonl'));
      const text = FORMATS[o.format](buildMap(assets, edges));
      if (o.out === undefined) process.stdout.write(text);
      else {
        try {
          writeFileSync(o.out, text);
        } catch (err) {
          throw new PlatformError(
            'ERR_OUTPUT_WRITE',
            `cannot write ${o.out}: ${(err as Error).message}`,
            {
              cause: err,
            },
          );
        }
      }
      setCode(0);
    });
}
