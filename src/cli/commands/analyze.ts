/**
 * `palisade analyze <capture...> --out DIR`: analyses capture files (or `-` for standard
 * input) and writes JSON lines files into DIR.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ChecksumPolicy } from '../../flow/flow-table.js';
import { analyze } from '../../pipeline/analyze.js';
import { loadSiteModel } from '../../analysis/site/load.js';
import { Progress, formatSummary } from '../report.js';
import { RULE_OPTIONS, loadDetection, type DetectionFlags } from './rules.js';
import { mkdirSync } from 'node:fs';
import { INTEL_OPTIONS, loadIntelFlags, type IntelFlags } from './intel.js';

interface AnalyzeFlags extends DetectionFlags, IntelFlags {
  out: string;
  json?: boolean;
  progress: boolean;
  checksums: boolean;
  checksumPolicy: ChecksumPolicy;
  workers: number;
  site?: string;
}

export function analyzeCommand(setCode: (code: number) => void): Command {
  const cmd = new Command('analyze')
    .description('analyse pcap/pcapng captures (a capture may be - for standard input)')
    .argument('<capture...>', 'capture files, or - for standard input')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--json', 'print the summary as JSON on standard output')
    .option('--no-progress', 'no progress bar')
    .addOption(new Option('--no-checksums', 'do not verify IP/TCP/UDP/ICMP checksums'))
    .addOption(
      new Option(
        '--checksum-policy <policy>',
        'packets with bad checksums: ignore = analyse them (offload), auto = analyse unless their sender sent good ones, strict = never',
      )
        .choices(['ignore', 'auto', 'strict'])
        .default('ignore'),
    )
    .option('--site <file>', 'check traffic against this site model (YAML)')
    .addOption(RULE_OPTIONS.rules())
    .addOption(RULE_OPTIONS.noBuiltin())
    .addOption(RULE_OPTIONS.suppress())
    .option(
      '-w, --workers <n>',
      'worker threads to shard flows over (same output)',
      parseWorkers,
      1,
    )
    .action(async (captures: string[], o: AnalyzeFlags) => {
      // A bad site model, rule or suppression file stops here, before any capture is read.
      const site = o.site !== undefined ? loadSiteModel(o.site) : null;
      const detection = loadDetection(o);
      // The output directory keeps the TAXII state (added_after, objects received).
      mkdirSync(o.out, { recursive: true });
      const intel = await loadIntelFlags(o, o.out);
      const progress = new Progress(o.progress && process.stderr.isTTY === true && !o.json);
      const summary = await analyze({
        captures,
        outDir: o.out,
        onProgress: (b, t, p, c) => progress.update(b, t, p, c),
        engine: {
          verifyChecksums: o.checksums,
          flows: { checksums: o.checksumPolicy },
          site,
          rules: detection.rules,
        },
        suppressions: detection.suppressions,
        workers: o.workers,
        intel: intel?.data ?? null,
      });
      progress.stop();
      if (o.json) process.stdout.write(JSON.stringify(summary) + '\n');
      else process.stdout.write(formatSummary(summary, o.out));
      // A capture that could not be read to its end is an error exit, after writing all we had.
      setCode(summary.captures.some((c) => c.error !== null) ? 1 : 0);
    });
  for (const opt of INTEL_OPTIONS()) cmd.addOption(opt);
  return cmd;
}

function parseWorkers(v: string): number {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1 || n > 64 || String(n) !== v.trim()) {
    throw new InvalidArgumentError('expected a whole number from 1 to 64');
  }
  return n;
}
