/**
 * `palisade watch -i IFACE [--bpf FILTER] --out DIR`: live, passive capture through tcpdump
 * (`tcpdump -U -w -`, which only listens) until Ctrl-C, with the same output as `analyze`.
 */
import { Command } from 'commander';
import { openLive, type LiveOptions } from '../../capture/index.js';
import { analyze } from '../../pipeline/analyze.js';
import { formatSummary } from '../report.js';
import { RULE_OPTIONS, loadDetection, type DetectionFlags } from './rules.js';
import { mkdirSync } from 'node:fs';
import { INTEL_OPTIONS, loadIntelFlags, type IntelFlags } from './intel.js';

export function watchCommand(setCode: (code: number) => void): Command {
  const cmd = new Command('watch')
    .description('capture live from an interface (passive, via tcpdump) until interrupted')
    .requiredOption('-i, --interface <iface>', 'network interface to listen on')
    .option('--bpf <filter>', 'BPF capture filter, as tcpdump takes it')
    .option('--snaplen <bytes>', 'bytes captured per packet', (v) => Number.parseInt(v, 10))
    .option('--duration <seconds>', 'stop after this many seconds', (v) => Number.parseFloat(v))
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--json', 'print the summary as JSON on standard output')
    .addOption(RULE_OPTIONS.rules())
    .addOption(RULE_OPTIONS.noBuiltin())
    .addOption(RULE_OPTIONS.suppress())
    .option(
      '--intel-refresh <minutes>',
      'reload the intel files and poll the TAXII collections this often',
      (v) => Number.parseFloat(v),
      60,
    )
    .action(
      async (
        o: DetectionFlags &
          IntelFlags & {
            intelRefresh: number;
            interface: string;
            bpf?: string;
            snaplen?: number;
            duration?: number;
            out: string;
            json?: boolean;
          },
      ) => {
        const detection = loadDetection(o);
        mkdirSync(o.out, { recursive: true });
        const intel = await loadIntelFlags(o, o.out);
        const ac = new AbortController();
        const stop = (): void => ac.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const timer = o.duration ? setTimeout(stop, o.duration * 1000) : null;
        try {
          const liveOpts: LiveOptions = {
            onListening: () => process.stderr.write(`palisade: listening on ${o.interface}\n`),
          };
          if (o.bpf !== undefined) liveOpts.bpf = o.bpf;
          if (o.snaplen !== undefined) liveOpts.snaplen = o.snaplen;
          const summary = await analyze({
            captures: [`live:${o.interface}`],
            outDir: o.out,
            open: () => openLive(o.interface, liveOpts),
            signal: ac.signal,
            flushEveryMs: 1000,
            engine: { rules: detection.rules },
            suppressions: detection.suppressions,
            intel: intel?.data ?? null,
            ...(intel
              ? {
                  intelRefresh: {
                    everyMs: Math.max(0.01, o.intelRefresh) * 60_000,
                    load: intel.load,
                    onError: (err: unknown) =>
                      process.stderr.write(
                        `palisade: intel refresh failed, keeping the indicators in force: ${(err as Error).message}\n`,
                      ),
                  },
                }
              : {}),
          });
          if (o.json) process.stdout.write(JSON.stringify(summary) + '\n');
          else process.stdout.write(formatSummary(summary, o.out));
          setCode(0);
        } finally {
          if (timer) clearTimeout(timer);
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      },
    );
  for (const opt of INTEL_OPTIONS()) cmd.addOption(opt);
  return cmd;
}
