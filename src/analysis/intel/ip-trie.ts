/**
 * A binary prefix trie over IPv4 or IPv6 addresses for CIDR indicators
 * (`ipv4-addr:value = '10.0.0.0/8'`, `ISSUBSET '2001:db8::/32'`): a lookup walks at most 32 or
 * 128 bits of one address, whatever the number of blocks, and returns every entry whose block
 * contains it. Nodes live in two growing Int32Arrays (child 0, child 1), so a trie of 100,000
 * blocks is a few arrays, not a million objects.
 */
export class IpTrie<T> {
  private zero = new Int32Array(1024).fill(-1);
  private one = new Int32Array(1024).fill(-1);
  private nodes = 1;
  private readonly entries = new Map<number, T[]>();

  constructor(private readonly bits: 32 | 128) {}

  /** Number of blocks' entries stored. */
  size = 0;

  /** Adds `value` for the block of `prefix` bits of `addr`. */
  insert(addr: Uint8Array, prefix: number, value: T): void {
    let n = 0;
    for (let b = 0; b < prefix && b < this.bits; b++) {
      const bit = ((addr[b >> 3] as number) >> (7 - (b & 7))) & 1;
      const arr = bit === 0 ? this.zero : this.one;
      let next = arr[n] as number;
      if (next < 0) {
        next = this.grow();
        (bit === 0 ? this.zero : this.one)[n] = next;
      }
      n = next;
    }
    let list = this.entries.get(n);
    if (list === undefined) this.entries.set(n, (list = []));
    list.push(value);
    this.size++;
  }

  /** Calls `visit` with the entries of every block containing `addr`, shortest prefix first. */
  lookup(addr: Uint8Array, visit: (list: readonly T[]) => void): void {
    if (this.size === 0) return;
    let n = 0;
    for (let b = 0; ; b++) {
      const list = this.entries.get(n);
      if (list !== undefined) visit(list);
      if (b === this.bits) return;
      const bit = ((addr[b >> 3] as number) >> (7 - (b & 7))) & 1;
      n = (bit === 0 ? this.zero : this.one)[n] as number;
      if (n < 0) return;
    }
  }

  private grow(): number {
    if (this.nodes === this.zero.length) {
      const z = new Int32Array(this.zero.length * 2).fill(-1);
      const o = new Int32Array(this.one.length * 2).fill(-1);
      z.set(this.zero);
      o.set(this.one);
      this.zero = z;
      this.one = o;
    }
    return this.nodes++;
  }
}
