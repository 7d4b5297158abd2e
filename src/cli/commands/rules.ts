/**
 * `palisade rules check DIR...` validates rule files (YAML, Sigma 2.1 schemas, Palisade's
 * checks, compilation) and prints every problem as `file:line:col: error: [rule] path: message`;
 * `palisade rules test DIR...` also runs every rule's examples and prints the ones that fail
 * with the rule id and the example's index. Both exit 0 when all is well and 1 otherwise.
 */
import { Command, Option } from 'commander';
import { DECODERS } from '../../decode/registry.js';
import { runExamples } from '../../analysis/rules/examples.js';
import {
  formatProblem,
  loadRules,
  loadRulesOrThrow,
  type RuleProblem,
  type RulePack,
} from '../../analysis/rules/loader.js';
import { builtinRulesDir } from '../../analysis/rules/schema.js';
import { loadSuppressions, type Suppression } from '../../analysis/rules/suppress.js';

/** The detection flags `analyze` and `watch` share. */
export interface DetectionFlags {
  rules?: string[];
  builtinRules: boolean;
  suppress?: string;
}

/** The options `--rules DIR` (repeatable), `--no-builtin-rules` and `--suppress FILE`. */
export const RULE_OPTIONS = {
  rules: (): Option =>
    new Option(
      '--rules <dir>',
      'also load the Sigma rules in this file or directory (repeatable)',
    ).argParser((v: string, acc: string[] | undefined) => [...(acc ?? []), v]),
  noBuiltin: (): Option => new Option('--no-builtin-rules', 'do not load the built-in rule pack'),
  suppress: (): Option =>
    new Option(
      '--suppress <file>',
      'suppress the alerts listed in this YAML file (rule, src, dst; reason, expires)',
    ),
};

/**
 * Loads what the detection flags name, before any capture is read: a bad rule or suppression
 * file stops the command with every problem listed. Expired suppressions are reported on
 * standard error and ignored. Rules are null when none are loaded.
 */
export function loadDetection(o: DetectionFlags): {
  rules: RulePack | null;
  suppressions: Suppression[];
} {
  const dirs = [...(o.builtinRules ? [builtinRulesDir()] : []), ...(o.rules ?? [])];
  const rules = dirs.length > 0 ? loadRulesOrThrow(dirs, { cache: true }).pack : null;
  let suppressions: Suppression[] = [];
  if (o.suppress !== undefined) {
    const s = loadSuppressions(o.suppress);
    for (const w of s.warnings) process.stderr.write(`palisade: warning: ${w}\n`);
    suppressions = s.entries;
  }
  return { rules, suppressions };
}

interface Flags {
  strict?: boolean;
  builtin?: boolean;
}

/** Loads the rules under `dirs` (the built-in pack when none), printing problems. */
function load(
  dirs: string[],
  o: Flags,
): { pack: RulePack; errors: number; warnings: RuleProblem[] } {
  const paths = dirs.length > 0 ? dirs : [builtinRulesDir()];
  const { pack, problems } = loadRules(paths, {
    strict: o.strict === true,
    knownServices: new Set(DECODERS.map((d) => d.id)),
  });
  for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
  return {
    pack,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}

function counts(pack: RulePack): string {
  const n = (k: string): number => pack.docs.filter((d) => d.kind === k).length;
  return `${n('detection')} detection rules, ${n('correlation')} correlations, ${n('filter')} filters`;
}

export function rulesCommand(setCode: (code: number) => void): Command {
  const cmd = new Command('rules').description('check and test Sigma detection rules');
  cmd
    .command('check')
    .description('validate rule files (YAML, Sigma schema, ATT&CK tags, references, compilation)')
    .argument('[dir...]', 'rule files or directories (default: the built-in pack)')
    .option('--strict', "hold rules to the built-in pack's bar (description, author, examples...)")
    .action((dirs: string[], o: Flags) => {
      const { pack, errors, warnings } = load(dirs, o);
      const w =
        warnings.length > 0
          ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`
          : '';
      if (errors > 0) {
        process.stdout.write(`${errors} error${errors === 1 ? '' : 's'}${w}\n`);
        setCode(1);
        return;
      }
      process.stdout.write(`ok: ${counts(pack)}${w}\n`);
      setCode(0);
    });
  cmd
    .command('test')
    .description("run every rule's examples (events that must and must not match)")
    .argument('[dir...]', 'rule files or directories (default: the built-in pack)')
    .option('--strict', "hold rules to the built-in pack's bar (description, author, examples...)")
    .action((dirs: string[], o: Flags) => {
      const { pack, errors } = load(dirs, o);
      const res = runExamples(pack);
      for (const f of res.failures) {
        process.stdout.write(
          `FAIL ${f.rule} (${f.title}) ${f.file}:${f.line} examples.${f.list}[${f.index}]: ${f.message}\n`,
        );
      }
      const failed = res.failures.length;
      process.stdout.write(
        `${failed === 0 && errors === 0 ? 'ok' : 'failed'}: ${res.examples} examples of ${res.rules} rules, ${failed} failing` +
          (errors > 0 ? `; ${errors} rule error${errors === 1 ? '' : 's'}` : '') +
          ` (${counts(pack)})\n`,
      );
      setCode(failed === 0 && errors === 0 ? 0 : 1);
    });
  // Usage errors of the subcommands come back to main() too (exit code 2).
  for (const sub of cmd.commands) {
    sub.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  }
  return cmd;
}
