/**
 * Vendor of a MAC address from the IEEE registry (MA-L assignments), as packaged by `oui-data`
 * (regenerated from the IEEE's public listing). The table is loaded on the first lookup, once
 * per process: the inventory asks only when it writes its records, never on the packet path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let table: Record<string, string> | null = null;

function load(): Record<string, string> {
  if (table === null) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('oui-data');
    table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  }
  return table;
}

/** What the first octet of a MAC address says about it. */
export type MacKind = 'universal' | 'local' | 'multicast';

/** `aa:bb:cc:dd:ee:ff` → whether it is a group address or a locally administered one. */
export function macKind(mac: string): MacKind {
  const first = Number.parseInt(mac.slice(0, 2), 16);
  if (first & 0x01) return 'multicast';
  return first & 0x02 ? 'local' : 'universal';
}

/**
 * The registered organisation of a universally administered unicast MAC address (the first
 * line of the IEEE entry, without the postal address), or undefined.
 */
export function ouiVendor(mac: string): string | undefined {
  if (mac.length !== 17 || macKind(mac) !== 'universal') return undefined;
  const key = (mac.slice(0, 2) + mac.slice(3, 5) + mac.slice(6, 8)).toUpperCase();
  const entry = load()[key];
  if (entry === undefined) return undefined;
  const nl = entry.indexOf('\n');
  return (nl < 0 ? entry : entry.slice(0, nl)).trim();
}
