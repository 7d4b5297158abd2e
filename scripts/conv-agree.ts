/**
 * Compares Palisade's TCP and UDP flow counts with tshark's conversation tables
 * (`tshark -q -z conv,tcp -z conv,udp`) over a set of captures, and explains each difference.
 *
 * The two count different things on purpose, and the script joins our flows back the way
 * tshark would before comparing (docs/fidelity.md explains each rule):
 *
 * - tshark's conversations never time out: a UDP conversation is one 5-tuple for the whole
 *   capture, a TCP conversation one TCP stream. Palisade ends a flow after a period of silence
 *   (src/flow/README.md), so a quiet conversation becomes several flows: consecutive flows of
 *   one 5-tuple where the earlier ended by timeout are joined, unless the later one opens with a
 *   SYN (tshark starts a new TCP stream there too).
 * - After a FIN or RST, Palisade ends the flow when the close timeout passes; a later packet
 *   of the same 5-tuple that is not a SYN starts a new flow, where tshark continues the stream.
 *   Such a flow is joined to the one before.
 * - tshark also counts the TCP/UDP headers quoted inside ICMP errors as conversations; the
 *   tshark side is run with ICMP frames filtered out of the conversation tables.
 * - Some tshark dissectors (SNMP, HART-IP) register a conversation of their own for the
 *   replies, so tshark's UDP table can list one 5-tuple twice; UDP rows are counted as
 *   distinct 5-tuples.
 *
 * usage: node dist/scripts/conv-agree.js [--json] CAPTURE...
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../src/pipeline/analyze.js';

/** Per-capture comparison. */
export interface ConvRow {
  capture: string;
  transport: 'tcp' | 'udp';
  tshark: number;
  ours: number;
  /** Our flows with timeout splits joined back. */
  oursJoined: number;
  /** Flows that ended by a timeout and were continued by the same 5-tuple. */
  timeoutSplits: number;
}

interface FlowLine {
  transport: string;
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
  end_reason: string;
  history: string;
  first_frame: number;
  vlan?: number;
}

/** Number of rows of each of tshark's TCP and UDP conversation tables. */
export function tsharkConversations(capture: string): { tcp: number; udp: number } {
  // tshark exits non-zero on a truncated capture but still prints the tables for what it read.
  const noIcmp = '!icmp&&!icmpv6';
  const args = ['-n', '-q', '-r', capture, '-z', `conv,tcp,${noIcmp}`, '-z', `conv,udp,${noIcmp}`];
  const out = spawnSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).stdout;
  let tcp = 0;
  const udp = new Set<string>();
  let table: 'tcp' | 'udp' | null = null;
  for (const line of out.split('\n')) {
    if (line.startsWith('TCP Conversations')) table = 'tcp';
    else if (line.startsWith('UDP Conversations')) table = 'udp';
    else if (table === 'tcp' && / <-> /.test(line)) tcp++;
    else if (table === 'udp' && / <-> /.test(line)) {
      const [a = '', , b = ''] = line.trim().split(/\s+/);
      udp.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
  }
  return { tcp, udp: udp.size };
}

/** Counts our flows per transport, raw and with timeout splits joined. */
export function ourConversations(
  flows: readonly FlowLine[],
): Record<'tcp' | 'udp', { ours: number; joined: number; splits: number }> {
  const res = { tcp: { ours: 0, joined: 0, splits: 0 }, udp: { ours: 0, joined: 0, splits: 0 } };
  const byTuple = new Map<string, FlowLine[]>();
  for (const f of flows) {
    if (f.transport !== 'tcp' && f.transport !== 'udp') continue;
    res[f.transport].ours++;
    const a = `${f.src_ip}|${f.src_port}`;
    const b = `${f.dst_ip}|${f.dst_port}`;
    const key = `${f.transport}|${f.vlan ?? ''}|${a < b ? a + '|' + b : b + '|' + a}`;
    const list = byTuple.get(key);
    if (list) list.push(f);
    else byTuple.set(key, [f]);
  }
  for (const list of byTuple.values()) {
    list.sort((x, y) => x.first_frame - y.first_frame);
    const t = (list[0] as FlowLine).transport as 'tcp' | 'udp';
    let joined = 1;
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as FlowLine;
      const next = list[i] as FlowLine;
      const startsWithSyn = next.history.startsWith('S');
      // A TCP flow that opens with a SYN is a new stream for tshark too.
      const split =
        (prev.end_reason === 'timeout' || prev.end_reason === 'closed') && !startsWithSyn;
      if (split) res[t].splits++;
      else joined++;
    }
    res[t].joined += joined;
  }
  return res;
}

/** Runs both sides on one capture. */
export async function compareCapture(capture: string): Promise<ConvRow[]> {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-conv-'));
  try {
    await analyze({ captures: [capture], outDir: out });
    const flows = readFileSync(path.join(out, 'flows.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as FlowLine);
    const ours = ourConversations(flows);
    const theirs = tsharkConversations(capture);
    return (['tcp', 'udp'] as const).map((t) => ({
      capture,
      transport: t,
      tshark: theirs[t],
      ours: ours[t].ours,
      oursJoined: ours[t].joined,
      timeoutSplits: ours[t].splits,
    }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const captures = argv.filter((a) => a !== '--json');
  const rows: ConvRow[] = [];
  for (const c of captures) rows.push(...(await compareCapture(c)));
  if (json) {
    process.stdout.write(JSON.stringify(rows, null, 1) + '\n');
    return;
  }
  const sum = (t: string, k: keyof ConvRow): number =>
    rows.filter((r) => r.transport === t).reduce((a, r) => a + (r[k] as number), 0);
  for (const r of rows) {
    if (r.tshark !== r.ours || r.tshark !== r.oursJoined) {
      process.stdout.write(
        `${r.capture} ${r.transport}: tshark ${r.tshark}, ours ${r.ours} (${r.timeoutSplits} splits joined back: ${r.oursJoined})\n`,
      );
    }
  }
  for (const t of ['tcp', 'udp']) {
    const exact = rows.filter((r) => r.transport === t && r.tshark === r.ours).length;
    const joinedExact = rows.filter((r) => r.transport === t && r.tshark === r.oursJoined).length;
    process.stdout.write(
      `${t}: captures ${rows.length / 2}, equal ${exact}, equal after joining splits ${joinedExact}; ` +
        `conversations tshark ${sum(t, 'tshark')}, ours ${sum(t, 'ours')}, joined ${sum(t, 'oursJoined')}\n`,
    );
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]).endsWith(path.join('scripts', 'conv-agree.js'))
) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
