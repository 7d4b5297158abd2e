/**
 * `palisade site`: the site model as code.
 *
 * - `site suggest <capture...>` proposes a model (YAML) from observed traffic.
 * - `site check --site FILE <capture...>` lists the traffic the model does not allow; exits 1
 *   when there is any (so it can gate a change), 0 when there is none.
 * - `site validate FILE` checks a model file and says where it is wrong.
 * - `site export --site FILE --format nftables|iptables|ip6tables` writes firewall rules for
 *   the conduits.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { PlatformError } from '../../core/errors.js';
import { DECODERS } from '../../decode/registry.js';
import { analyze } from '../../pipeline/analyze.js';
import type { AssetRecord } from '../../analysis/assets/record.js';
import type { Alert } from '../../analysis/alerts.js';
import { loadSiteModel } from '../../analysis/site/load.js';
import { TrafficFacts, suggestModel } from '../../analysis/site/suggest.js';
import { toIptables, toNftables, type ProtocolPorts } from '../../analysis/site/firewall.js';

function output(text: string, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new PlatformError('ERR_OUTPUT_WRITE', `cannot write ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function jsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Ports of every decoder, for firewall rules. */
function protocolPorts(): Map<string, ProtocolPorts> {
  return new Map(
    DECODERS.map((d) => [
      d.id,
      {
        transport: d.transport,
        tcp: d.transport === 'tcp' ? d.defaultPorts : [],
        udp: d.transport === 'udp' ? d.defaultPorts : (d.udpPorts ?? []),
      },
    ]),
  );
}

export function siteCommand(setCode: (code: number) => void): Command {
  const site = new Command('site').description('site model: suggest, validate, check, export');

  site
    .command('suggest')
    .description('propose a site model (YAML) from the traffic of captures')
    .argument('<capture...>', 'capture files')
    .option('-o, --out <file>', 'write the model to this file instead of standard output')
    .option('--name <name>', 'site name')
    .action(async (captures: string[], o: { out?: string; name?: string }) => {
      const dir = mkdtempSync(join(tmpdir(), 'palisade-suggest-'));
      try {
        const facts = new TrafficFacts();
        await analyze({ captures, outDir: dir, engine: { observer: facts } });
        const assets = jsonl<AssetRecord>(join(dir, 'assets.jsonl'));
        const model = suggestModel(assets, facts, o.name);
        const header =
          '# Site model suggested by `palisade site suggest` from observed traffic.\n' +
          '# Review it: zones follow the inferred Purdue levels, conduits allow what was seen.\n';
        output(header + stringify(model, { lineWidth: 100 }), o.out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      setCode(0);
    });

  site
    .command('validate')
    .description('check a site model file against the schema and its references')
    .argument('<file>', 'site model (YAML)')
    .action((file: string) => {
      const m = loadSiteModel(file);
      process.stdout.write(
        `${file}: valid (${m.zones.length} zones, ${m.assets?.length ?? 0} assets, ${m.conduits?.length ?? 0} conduits)\n`,
      );
      setCode(0);
    });

  site
    .command('check')
    .description('list the traffic of captures that the site model does not allow')
    .argument('<capture...>', 'capture files')
    .requiredOption('--site <file>', 'site model (YAML)')
    .option('-o, --out <dir>', 'also keep the analysis output in this directory')
    .option('--json', 'print the violations as JSON lines')
    .action(async (captures: string[], o: { site: string; out?: string; json?: boolean }) => {
      const model = loadSiteModel(o.site);
      const dir = o.out ?? mkdtempSync(join(tmpdir(), 'palisade-check-'));
      let alerts: Alert[];
      try {
        await analyze({ captures, outDir: dir, engine: { site: model } });
        alerts = jsonl<Alert>(join(dir, 'alerts.jsonl')).filter((a) => a.source === 'policy');
      } finally {
        if (o.out === undefined) rmSync(dir, { recursive: true, force: true });
      }
      if (o.json) {
        for (const a of alerts) process.stdout.write(JSON.stringify(a) + '\n');
      } else {
        process.stdout.write(
          `${alerts.length} violation${alerts.length === 1 ? '' : 's'} of ${o.site}\n`,
        );
        for (const a of alerts) {
          process.stdout.write(
            `  ${a.id} ${a.severity.padEnd(8)} ${a.rule_id.padEnd(36)} ${a.title} (frame ${a.frame}, ${a.count}x)\n` +
              `      ${a.evidence.explanation ?? ''}\n`,
          );
        }
      }
      setCode(alerts.length > 0 ? 1 : 0);
    });

  site
    .command('export')
    .description('write firewall rules for the conduits of a site model')
    .requiredOption('--site <file>', 'site model (YAML)')
    .addOption(
      new Option('-f, --format <format>', 'rule format')
        .choices(['nftables', 'iptables', 'ip6tables'])
        .default('nftables'),
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action((o: { site: string; format: 'nftables' | 'iptables' | 'ip6tables'; out?: string }) => {
      const model = loadSiteModel(o.site);
      const ports = protocolPorts();
      const text =
        o.format === 'nftables'
          ? toNftables(model, ports)
          : toIptables(model, ports, o.format === 'iptables' ? 'ipv4' : 'ipv6');
      output(text, o.out);
      setCode(0);
    });

  return site;
}
