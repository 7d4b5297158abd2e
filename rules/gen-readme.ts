/**
 * Writes the rule list of a rule folder into its README.md: one row per Sigma document (title,
 * id, kind, level, ATT&CK techniques, file), between the `<!-- rule-list:begin -->` and
 * `<!-- rule-list:end -->` markers, so the prose around the table stays hand-written.
 *
 *   npx tsx rules/gen-readme.ts rules/ot          # rewrite the table
 *   npx tsx rules/gen-readme.ts rules/ot --check  # exit 1 when the table is out of date
 *
 * Kinds: `detection` (alerts), `correlation` (alerts over the matches of other rules), `base`
 * (a detection rule that only feeds correlations: level informational and a `name`, referenced
 * by a correlation without `generate`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const BEGIN = '<!-- rule-list:begin -->';
const END = '<!-- rule-list:end -->';

interface Row {
  file: string;
  id: string;
  title: string;
  kind: 'detection' | 'correlation' | 'base';
  level: string;
  techniques: string[];
}

function rows(dir: string): Row[] {
  const docs: { file: string; doc: Record<string, unknown> }[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    for (const d of parseAllDocuments(readFileSync(path.join(dir, name), 'utf8'))) {
      const doc: unknown = d.toJS();
      if (doc !== null && typeof doc === 'object') {
        docs.push({ file: name, doc: doc as Record<string, unknown> });
      }
    }
  }
  // Rules a correlation reads without `generate` raise no alert of their own.
  const silent = new Set<string>();
  for (const { doc } of docs) {
    const c = doc.correlation as { rules?: unknown; generate?: unknown } | undefined;
    if (c === undefined || doc.generate === true || c.generate === true) continue;
    for (const r of Array.isArray(c.rules) ? c.rules : []) silent.add(String(r));
  }
  return docs.map(({ file, doc }) => {
    const tags = Array.isArray(doc.tags) ? doc.tags.map(String) : [];
    const named =
      (typeof doc.name === 'string' && silent.has(doc.name)) || silent.has(String(doc.id));
    return {
      file,
      id: String(doc.id),
      title: String(doc.title),
      kind: doc.correlation !== undefined ? 'correlation' : named ? 'base' : 'detection',
      level: String(doc.level ?? 'medium'),
      techniques: tags
        .filter((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t))
        .map((t) => t.slice(7).toUpperCase()),
    };
  });
}

function table(list: readonly Row[]): string {
  const alerting = list.filter((r) => r.kind !== 'base').length;
  const out = [
    `${list.length} documents: ${alerting} rules that raise alerts ` +
      `(${list.filter((r) => r.kind === 'correlation').length} of them correlations) and ` +
      `${list.length - alerting} base rules that only feed correlations.`,
    '',
    '| title | kind | level | techniques | file | id |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of list) {
    const title = r.title.replace(/\|/g, '\\|');
    out.push(
      `| ${title} | ${r.kind} | ${r.level} | ${r.techniques.join(', ')} | ${r.file} | \`${r.id}\` |`,
    );
  }
  return out.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (dir === undefined) {
    process.stderr.write('usage: gen-readme.ts <rule folder> [--check]\n');
    process.exit(2);
  }
  const readme = path.join(dir, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) {
    process.stderr.write(`${readme}: no ${BEGIN} ... ${END} markers\n`);
    process.exit(2);
  }
  const next = `${text.slice(0, a + BEGIN.length)}\n${table(rows(dir))}\n${text.slice(b)}`;
  if (args.includes('--check')) {
    if (next !== text) {
      process.stderr.write(
        `${readme}: rule list out of date (run npx tsx rules/gen-readme.ts ${dir})\n`,
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(readme, next);
}

main();
