/**
 * `palisade watch -i IFACE [--bpf FILTER] --out DIR`: live, passive capture through tcpdump
 * (`tcpdump -U -w -`, which only listens) until Ctrl-C, with the same output as `analyze`.
 */
import { Command } from 'commander';
import { openLive, type LiveOptions } from '../../capture/index.js';
import { analyze } from '../../pipeline/analyze.js';
import { formatSummary } from '../report.js';
import { RULE_OPTIONS, loadDetection, type DetectionFlags } from './rules.js';

export function watchCommand(setCode: (code: number) => void): Command {
  return new Command('watch')
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
    .action(
      async (
        o: DetectionFlags & {
          interface: string;
          bpf?: string;
          snaplen?: number;
          duration?: number;
          out: string;
          json?: boolean;
        },
      ) => {
        const detection = loadDetection(o);
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
}
