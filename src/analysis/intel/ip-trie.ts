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
  /** Per node: index into {@link lists} of its entries, or -1 (a typed-array read per level). */
  private slot = new Int32Array(1024).fill(-1);
  private nodes = 1;
  private readonly lists: T[][] = [];

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
    let k = this.slot[n] as number;
    if (k < 0) {
      k = this.lists.length;
      this.lists.push([]);
      this.slot[n] = k;
    }
    (this.lists[k] as T[]).push(value);
    this.size++;
  }

  /** Calls `visit` with the entries of every block containing `addr`, shortest prefix first. */
  lookup(addr: Uint8Array, visit: (list: readonly T[]) => void): void {
    if (this.size === 0) return;
    let n = 0;
    const slot = this.slot;
    for (let b = 0; ; b++) {
      const k = slot[n] as number;
      if (k >= 0) visit(this.lists[k] as T[]);
      if (b === this.bits) return;
      const bit = ((addr[b >> 3] as number) >> (7 - (b & 7))) & 1;
      n = (bit === 0 ? this.zero : this.one)[n] as number;
      if (n < 0) return;
    }
  }

  private grow(): number {
    if (this.nodes === this.zero.length) {
      this.zero = grown(this.zero);
      this.one = grown(this.one);
      this.slot = grown(this.slot);
    }
    return this.nodes++;
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2).fill(-1);
  b.set(a);
  return b;
}
