/**
 * The outstanding Modbus requests of one flow, for pairing responses with requests: a response
 * copies its request's transaction id and unit id ([TCP] MODBUS Messaging on TCP/IP
 * Implementation Guide V1.0b, 3.1.3), so (unit id, transaction id) is the key.
 *
 * Parallel typed arrays, allocated on the first request and grown by doubling up to the limit:
 * pairing allocates nothing per PDU, and an idle flow costs nothing. Lookups scan the live
 * entries; a client rarely has more than a few requests outstanding.
 */

import type { ModbusFileRecord } from './events.js';

/** First size of the table; it doubles up to the configured limit. */
const INITIAL_SLOTS = 8;
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_F64 = new Float64Array(0);

export class TransactionTable {
  /** Most entries held (`DecoderLimits.maxPendingTransactions`, at least 1). */
  readonly capacity: number;
  /** Live entries, in slots 0..count-1. */
  count = 0;
  /** Key = unit id * 65536 + transaction id. */
  private key: Int32Array = EMPTY_I32;
  private fc: Uint8Array = EMPTY_U8;
  private address: Int32Array = EMPTY_I32;
  private quantity: Int32Array = EMPTY_I32;
  /** Sub-code of the request: Diagnostics sub-function (8) or MEI type (43); -1 for none. */
  private sub: Int32Array = EMPTY_I32;
  /**
   * Second pair of request values, -1 for none: write address and write quantity of a
   * Read/Write Multiple Registers request (23), or Read Device ID code and object id of a Read
   * Device Identification request (43/14).
   */
  private second: Int32Array = EMPTY_I32;
  private secondQuantity: Int32Array = EMPTY_I32;
  /** Sub-requests of a Read File Record request (20), to name the response's records. */
  private records: (readonly ModbusFileRecord[] | undefined)[] = [];
  /** Insertion number of each entry, to find the oldest. */
  private seq: Float64Array = EMPTY_F64;
  private nextSeq = 0;
  /** Insertion number of the newest request that was answered (-1 before any). */
  private lastAnswered = -1;

  constructor(maxPending: number) {
    this.capacity = Math.max(1, Math.floor(maxPending));
  }

  /** Key of a (unit id, transaction id) pair. */
  static key(unit: number, transactionId: number): number {
    return unit * 0x10000 + transactionId;
  }

  /** Slot of the outstanding request with `key`, or -1. */
  find(key: number): number {
    const keys = this.key;
    for (let i = 0; i < this.count; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** Function code of the request in `slot`. */
  fcAt(slot: number): number {
    return this.fc[slot] as number;
  }

  /** Address of the request in `slot` (-1 when it had none). */
  addressAt(slot: number): number {
    return this.address[slot] as number;
  }

  /** Quantity of the request in `slot` (-1 when it had none). */
  quantityAt(slot: number): number {
    return this.quantity[slot] as number;
  }

  /** Sub-code (sub-function or MEI type) of the request in `slot` (-1 when it had none). */
  subAt(slot: number): number {
    return this.sub[slot] as number;
  }

  /** Write address (23) or Read Device ID code (43/14) of the request in `slot`, or -1. */
  secondAt(slot: number): number {
    return this.second[slot] as number;
  }

  /** Write quantity (23) or object id (43/14) of the request in `slot`, or -1. */
  secondQuantityAt(slot: number): number {
    return this.secondQuantity[slot] as number;
  }

  /** Read File Record sub-requests of the request in `slot`, if it had any. */
  recordsAt(slot: number): readonly ModbusFileRecord[] | undefined {
    return this.records[slot];
  }

  /** Removes the request in `slot` because a response to it arrived. */
  answer(slot: number): void {
    const s = this.seq[slot] as number;
    if (s > this.lastAnswered) this.lastAnswered = s;
    this.remove(slot);
  }

  /**
   * Remembers an outstanding request. A repeated key replaces the earlier entry (clients that
   * always send transaction 0). When the table is full the oldest entry is forgotten. That is
   * routine when the oldest request is older than one that was answered since: the server will
   * not answer it any more (a gateway polling units that are down leaves many behind).
   *
   * @returns true when the forgotten entry was newer than the last answered request, i.e. the
   * whole table is unanswered requests: a flood, or a server that stopped answering.
   */
  add(
    key: number,
    fc: number,
    address: number,
    quantity: number,
    sub: number,
    records: readonly ModbusFileRecord[] | undefined,
    second = -1,
    secondQuantity = -1,
  ): boolean {
    let flooded = false;
    let slot = this.find(key);
    if (slot < 0) {
      if (this.count === this.key.length) {
        if (this.key.length < this.capacity) {
          this.grow();
        } else {
          const oldest = this.oldest();
          flooded = (this.seq[oldest] as number) > this.lastAnswered;
          this.remove(oldest);
        }
      }
      slot = this.count++;
      this.key[slot] = key;
    }
    this.fc[slot] = fc;
    this.address[slot] = address;
    this.quantity[slot] = quantity;
    this.sub[slot] = sub;
    this.second[slot] = second;
    this.secondQuantity[slot] = secondQuantity;
    this.records[slot] = records;
    this.seq[slot] = this.nextSeq++;
    return flooded;
  }

  private grow(): void {
    const size = Math.min(this.capacity, Math.max(INITIAL_SLOTS, this.key.length * 2));
    const key = new Int32Array(size);
    key.set(this.key);
    const fc = new Uint8Array(size);
    fc.set(this.fc);
    const address = new Int32Array(size);
    address.set(this.address);
    const quantity = new Int32Array(size);
    quantity.set(this.quantity);
    const sub = new Int32Array(size);
    sub.set(this.sub);
    const second = new Int32Array(size);
    second.set(this.second);
    const secondQuantity = new Int32Array(size);
    secondQuantity.set(this.secondQuantity);
    const seq = new Float64Array(size);
    seq.set(this.seq);
    this.key = key;
    this.fc = fc;
    this.address = address;
    this.quantity = quantity;
    this.sub = sub;
    this.second = second;
    this.secondQuantity = secondQuantity;
    this.seq = seq;
  }

  private oldest(): number {
    let oldest = 0;
    const seq = this.seq;
    for (let i = 1; i < this.count; i++) {
      if ((seq[i] as number) < (seq[oldest] as number)) oldest = i;
    }
    return oldest;
  }

  /** Removes entry `slot` by moving the last entry into its place. */
  private remove(slot: number): void {
    const last = --this.count;
    if (slot !== last) {
      this.key[slot] = this.key[last] as number;
      this.fc[slot] = this.fc[last] as number;
      this.address[slot] = this.address[last] as number;
      this.quantity[slot] = this.quantity[last] as number;
      this.sub[slot] = this.sub[last] as number;
      this.second[slot] = this.second[last] as number;
      this.secondQuantity[slot] = this.secondQuantity[last] as number;
      this.records[slot] = this.records[last];
      this.seq[slot] = this.seq[last] as number;
    }
    // Drop the reference so that a forgotten request's records can be collected.
    this.records[last] = undefined;
  }
}
