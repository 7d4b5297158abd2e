/**
 * The CIP connections a flow opened: Forward Open requests and replies remembered by their
 * connection triad (connection serial number, originator vendor id, originator serial number,
 * [V1] 3-5.4.1.1), so that the Forward Close naming the same triad can tell which connection it
 * closes (its connection ids and the Forward Open's connection path), as Wireshark's connection
 * tracking does. Bounded: at most `capacity` connections, the oldest forgotten first.
 */
import type { ConnectionFields, PathFields } from './events.js';

/** One opened (or being opened) connection. */
export class Connection {
  /** O->T and T->O network connection ids (the reply's, once seen; 0 before). */
  oToT = 0;
  tToO = 0;
  /** True once a successful Forward Open reply was seen (Wireshark tracks only those). */
  replied = false;
  constructor(
    readonly serialVendor: number,
    readonly originatorSerial: number,
    readonly path: PathFields | undefined,
  ) {}

  /** The connection as an event object (`enip.connection`, `forward_close.opened`). */
  toFields(): ConnectionFields {
    const o: ConnectionFields = {
      o_t_connection_id: this.oToT,
      t_o_connection_id: this.tToO,
      connection_serial: this.serialVendor & 0xffff,
      originator_vendor_id: this.serialVendor >>> 16,
      originator_serial: this.originatorSerial,
    };
    if (this.path !== undefined) o.connection_path = this.path;
    return o;
  }
}

/** Triad key part: connection serial (low 16 bits) and originator vendor (high 16 bits). */
export function triadKey(serial: number, vendor: number): number {
  return ((vendor << 16) | serial) >>> 0;
}

/** A bounded list of connections, oldest first. */
export class ConnectionTable {
  private readonly list: Connection[] = [];

  constructor(readonly capacity: number) {}

  /** Connections remembered. */
  size(): number {
    return this.list.length;
  }

  /** Remembers a Forward Open request (replacing one with the same triad). */
  open(serialVendor: number, originatorSerial: number, path: PathFields | undefined): Connection {
    this.close(serialVendor, originatorSerial);
    if (this.list.length >= Math.max(1, this.capacity)) this.list.shift();
    const c = new Connection(serialVendor, originatorSerial, path);
    this.list.push(c);
    return c;
  }

  /** The connection with this triad, or undefined. */
  find(serialVendor: number, originatorSerial: number): Connection | undefined {
    for (const c of this.list) {
      if (c.serialVendor === serialVendor && c.originatorSerial === originatorSerial) return c;
    }
    return undefined;
  }

  /** The connection whose O->T or T->O connection id is `id` (replied to), or undefined. */
  byId(id: number): Connection | undefined {
    for (const c of this.list) if (c.replied && (c.oToT === id || c.tToO === id)) return c;
    return undefined;
  }

  /** Forgets the connection with this triad. */
  close(serialVendor: number, originatorSerial: number): void {
    for (let i = 0; i < this.list.length; i++) {
      const c = this.list[i] as Connection;
      if (c.serialVendor === serialVendor && c.originatorSerial === originatorSerial) {
        this.list.splice(i, 1);
        return;
      }
    }
  }
}
