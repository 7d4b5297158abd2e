/**
 * The `palisade` command line. One file per command under `commands/`; this file only
 * registers them.
 */
import { Command, CommanderError } from 'commander';
import { isPlatformError } from '../core/errors.js';
import { analyzeCommand } from './commands/analyze.js';
import { demoCommand } from './commands/demo.js';
import { intelCommand } from './commands/intel.js';
import { mapCommand } from './commands/map.js';
import { rulesCommand } from './commands/rules.js';
import { pcapSliceCommand } from './commands/pcap-slice.js';
import { siteCommand } from './commands/site.js';
import { watchCommand } from './commands/watch.js';

/** Runs the CLI with `argv` (as `process.argv`); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('palisade')
    .description('Passive IT/OT network security monitoring')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let code = 0;
  const setCode = (c: number): void => {
    code = c;
  };
  for (const cmd of [
    analyzeCommand(setCode),
    watchCommand(setCode),
    demoCommand(setCode),
    mapCommand(setCode),
    rulesCommand(setCode),
    intelCommand(setCode),
    pcapSliceCommand(setCode),
    siteCommand(setCode),
  ]) {
    // Subcommands do not inherit these: usage errors must come back here (exit code 2).
    cmd.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
    program.addCommand(cmd);
  }
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (isPlatformError(err)) {
      process.stderr.write(`palisade: ${err.message} (${err.code})\n`);
      return 2;
    }
    throw err;
  }
  return code;
}
