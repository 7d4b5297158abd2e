/**
 * Golden tests from real captures (STYLE.md section 10): each scenario folder
 * `test/golden/<proto>/<scenario>/` holds `input.pcap` (or `input.pcapng`), `expected.jsonl` and a
 * `README.md` stating provenance, licence and what the trace proves. The runner pipes the input
 * through the built CLI (`palisade analyze`, TZ=UTC) and compares `events.jsonl` with
 * `expected.jsonl` line by line. The output has no volatile fields (times are capture times,
 * flow ids are `<capture>:<first frame>`), so no canonicalisation is needed beyond that.
 *
 * To rewrite the expected files after an intended change, run the golden tests with
 * `PALISADE_GOLDEN_UPDATE=1` and review the diff of `expected.jsonl` like code.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './shared.js';

/** One golden scenario folder. */
export interface GoldenScenario {
  /** Folder name: the scenario in kebab-case (`stray-octets`, `http-on-port-2404`). */
  readonly name: string;
  readonly dir: string;
  /** The capture: `input.pcap` or `input.pcapng`. */
  readonly input: string;
}

/** The scenarios of `test/golden/<proto>/`, sorted by name. */
export function goldenScenarios(proto: string): GoldenScenario[] {
  const root = path.join(REPO_ROOT, 'test/golden', proto);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const input = ['input.pcap', 'input.pcapng']
        .map((f) => path.join(dir, f))
        .find((f) => existsSync(f));
      return { name, dir, input: input ?? path.join(dir, 'input.pcap') };
    });
}

/** What one run of a scenario gave, next to what it should give. */
export interface GoldenResult {
  /** Lines of `events.jsonl` the CLI wrote now. */
  readonly actual: string[];
  /** Lines of `expected.jsonl` (after rewriting it when updating). */
  readonly expected: string[];
  /** CLI exit status and standard error. */
  readonly status: number | null;
  readonly stderr: string;
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);

/** Options of {@link runGolden}. */
export interface GoldenOptions {
  /**
   * Keep only the events of these protocols (`proto` of each line). A scenario about one
   * decoder then does not change when another decoder starts to claim other flows of the trace.
   */
  readonly protos?: readonly string[];
}

/**
 * Runs one scenario through the built CLI. With `PALISADE_GOLDEN_UPDATE=1` it first rewrites
 * `expected.jsonl` from the run.
 */
export function runGolden(s: GoldenScenario, opts: GoldenOptions = {}): GoldenResult {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-golden-'));
  const r = runCli(['analyze', s.input, '--out', out]);
  const eventsFile = path.join(out, 'events.jsonl');
  const all = existsSync(eventsFile) ? lines(readFileSync(eventsFile, 'utf8')) : [];
  const protos = opts.protos;
  const actual =
    protos === undefined
      ? all
      : all.filter((l) => protos.includes((JSON.parse(l) as { proto: string }).proto));
  const expectedFile = path.join(s.dir, 'expected.jsonl');
  if (process.env.PALISADE_GOLDEN_UPDATE === '1' && r.status === 0) {
    writeFileSync(expectedFile, actual.map((l) => `${l}\n`).join(''));
  }
  const expected = existsSync(expectedFile) ? lines(readFileSync(expectedFile, 'utf8')) : [];
  return { actual, expected, status: r.status, stderr: r.stderr };
}

/** The scenario called `name` of `scenarios` (throws when there is none). */
export function scenarioNamed(scenarios: readonly GoldenScenario[], name: string): GoldenScenario {
  const s = scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

/**
 * The checks every protocol's golden suite makes, declared inside its `describe`: exactly a
 * normal, a malformed and a negative scenario, each with a README saying what it proves, and
 * each scenario's events equal to its expected.jsonl.
 */
export function goldenBasics(
  scenarios: readonly GoldenScenario[],
  run: (s: GoldenScenario) => GoldenResult,
): void {
  it('has a normal, a malformed and a negative scenario, each with a README', () => {
    expect(scenarios.map((s) => s.name)).toEqual(['malformed', 'negative', 'normal']);
    for (const s of scenarios) {
      const readme = path.join(s.dir, 'README.md');
      expect(existsSync(readme), readme).toBe(true);
      expect(readFileSync(readme, 'utf8')).toMatch(/What this proves/);
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: events equal expected.jsonl',
    (_n, s) => {
      const r = run(s);
      expect(r.status, r.stderr).toBe(0);
      expect(r.actual).toEqual(r.expected);
    },
  );
}
