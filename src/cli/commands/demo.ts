/**
 * `palisade demo` (what `npm start` runs): analyses the sample captures bundled in `samples/`
 * into `out/demo/` with the built-in detection rules, and prints the summary.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { analyze } from '../../pipeline/analyze.js';
import { formatSummary } from '../report.js';
import { loadDetection } from './rules.js';

/** The repository's `samples/` folder (this file is dist/src/cli/commands/demo.js or src/...). */
export function samplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'samples');
    try {
      if (readdirSync(candidate).length > 0) return candidate;
    } catch {
      // not here; go up
    }
    dir = dirname(dir);
  }
  return resolve('samples');
}

export function demoCommand(setCode: (code: number) => void): Command {
  return new Command('demo')
    .description('analyse the bundled sample captures and print the summary')
    .option('-o, --out <dir>', 'output directory', 'out/demo')
    .action(async (o: { out: string }) => {
      const dir = samplesDir();
      const captures = readdirSync(dir)
        .filter((f) => /\.(pcap|pcapng|cap)$/i.test(f))
        .sort()
        .map((f) => join(dir, f));
      const detection = loadDetection({ builtinRules: true });
      const summary = await analyze({
        captures,
        outDir: o.out,
        engine: { rules: detection.rules },
      });
      process.stdout.write(formatSummary(summary, o.out));
      setCode(summary.bugs.length > 0 ? 1 : 0);
    });
}
