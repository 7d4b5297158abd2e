/**
 * Connection Manager (class 0x06) services ([V1] 3-5.5): Forward Open and Large Forward Open,
 * Forward Close, and the error reply of Unconnected Send.
 *
 * ```
 *  Forward Open request ([V1] table 3-5.16; Large Forward Open: both parameter words 32-bit)
 *   priority/tick(1) timeout ticks(1) O->T conn id(4) T->O conn id(4) conn serial(2)
 *   orig vendor(2) orig serial(4) timeout mult(1) reserved(3) O->T RPI(4) O->T params(2|4)
 *   T->O RPI(4) T->O params(2|4) transport class/trigger(1) path size(1, words) path...
 *  Forward Open success reply ([V1] table 3-5.17)
 *   O->T conn id(4) T->O conn id(4) conn serial(2) orig vendor(2) orig serial(4)
 *   O->T API(4) T->O API(4) reply size(1, words) reserved(1) reply...
 *  Forward Open/Close unsuccessful reply ([V1] table 3-5.18)
 *   conn serial(2) orig vendor(2) orig serial(4) remaining path size(1) reserved(1)
 *  Forward Close request ([V1] table 3-5.19)
 *   priority/tick(1) timeout ticks(1) conn serial(2) orig vendor(2) orig serial(4)
 *   path size(1) reserved(1) path...
 * ```
 */
import type { ByteCursor } from '../../cursor.js';
import {
  CM_BYTES,
  CM_SERVICES,
  CONNECTION_PRIORITIES,
  CONNECTION_TYPES,
  NET_PARAMS,
  TRANSPORT,
  TRIGGERS,
} from './constants.js';
import type { CipDecoder } from './cip.js';
import { triadKey } from './connections.js';
import type { EPath } from './epath.js';
import type {
  CipFields,
  ConnectionParams,
  ForwardCloseFields,
  ForwardOpenFields,
  PathFields,
} from './events.js';
import type { RequestInfo } from './request-info.js';
import { CM_EXTENDED_STATUS_NAMES } from './tables.js';

/** Decodes network connection parameters (16-bit, or 32-bit for Large Forward Open). */
function connectionParams(rpi: number, raw: number, large: boolean): ConnectionParams {
  // The 32-bit form has the 16-bit form's flags in its upper half and a 16-bit size.
  const flags = large ? raw >>> NET_PARAMS.LARGE_SHIFT : raw;
  const size = large ? raw & NET_PARAMS.LARGE_SIZE_MASK : raw & NET_PARAMS.SIZE_MASK;
  return {
    rpi_us: rpi,
    size,
    variable: (flags & NET_PARAMS.VARIABLE) !== 0,
    type: CONNECTION_TYPES[(flags >> NET_PARAMS.TYPE_SHIFT) & NET_PARAMS.TYPE_MASK] as string,
    priority: CONNECTION_PRIORITIES[
      (flags >> NET_PARAMS.PRIORITY_SHIFT) & NET_PARAMS.PRIORITY_MASK
    ] as string,
    redundant_owner: (flags & NET_PARAMS.REDUNDANT_OWNER) !== 0,
  };
}

/** Walks a connection path of `words` words into a PathFields object. */
function connectionPath(dec: CipDecoder, c: ByteCursor, depth: number, words: number): PathFields {
  let len = words * 2;
  if (len > c.remaining()) {
    dec.anomaly('enip.cip_truncated', `connection path of ${len} bytes, ${c.remaining()} left`);
    len = c.remaining();
  }
  const p = (dec.connPaths[depth] as EPath).parse(c, len, dec.limits.maxStringBytes);
  if (p.problem !== '') dec.anomaly('enip.epath_malformed', `connection path: ${p.problem}`);
  const out: PathFields = {};
  p.toFields(out);
  return out;
}

/** Names the first extended status word of a Connection Manager error ([V1] table 3-5.33). */
function nameExtendedStatus(f: CipFields): void {
  const first = f.extended_status?.[0];
  if (first === undefined) return;
  const n = CM_EXTENDED_STATUS_NAMES.get(first);
  if (n !== undefined) f.extended_status_name = n;
}

/**
 * Forward Open / Large Forward Open request or reply. `req` is the request's info: being built
 * for a request, the paired one (or null) for a reply.
 */
export function decodeForwardOpen(
  dec: CipDecoder,
  c: ByteCursor,
  depth: number,
  f: CipFields,
  isResponse: boolean,
  req: RequestInfo | null,
): void {
  const large = f.service === CM_SERVICES.LARGE_FORWARD_OPEN;
  if (!isResponse) {
    const need = large ? CM_BYTES.LARGE_FORWARD_OPEN : CM_BYTES.FORWARD_OPEN;
    if (c.remaining() < need) {
      dec.anomaly('enip.cip_truncated', `forward open: ${c.remaining()} of ${need} bytes`);
      return;
    }
    const ptt = c.u8();
    const ticks = c.u8();
    const otId = c.u32le();
    const toId = c.u32le();
    const serial = c.u16le();
    const vendor = c.u16le();
    const oserial = c.u32le();
    const mult = c.u8();
    c.skip(3);
    const otRpi = c.u32le();
    const otRaw = large ? c.u32le() : c.u16le();
    const toRpi = c.u32le();
    const toRaw = large ? c.u32le() : c.u16le();
    const transport = c.u8();
    const words = c.u8();
    const path = connectionPath(dec, c, depth, words);
    if (req !== null) req.connectionPath = path;
    dec.conns.open(triadKey(serial, vendor), oserial, path);
    f.forward_open = {
      large,
      priority_time_tick: ptt,
      timeout_ticks: ticks,
      o_t_connection_id: otId,
      t_o_connection_id: toId,
      connection_serial: serial,
      originator_vendor_id: vendor,
      originator_serial: oserial,
      timeout_multiplier: mult,
      o_t: connectionParams(otRpi, otRaw, large),
      t_o: connectionParams(toRpi, toRaw, large),
      transport_class: transport & TRANSPORT.CLASS_MASK,
      trigger: TRIGGERS[(transport >> TRANSPORT.TRIGGER_SHIFT) & TRANSPORT.TRIGGER_MASK] as string,
      server: (transport & TRANSPORT.DIRECTION_SERVER) !== 0,
      connection_path: path,
    };
    return;
  }
  const path = req?.connectionPath;
  nameExtendedStatus(f);
  if (f.general_status === 0) {
    if (c.remaining() < CM_BYTES.FORWARD_OPEN_REPLY) {
      dec.anomaly('enip.cip_truncated', `forward open reply: ${c.remaining()} bytes`);
      return;
    }
    const otId = c.u32le();
    const toId = c.u32le();
    const serial = c.u16le();
    const vendor = c.u16le();
    const oserial = c.u32le();
    const otApi = c.u32le();
    const toApi = c.u32le();
    const replyWords = c.u8();
    c.skip(1);
    f.forward_open = {
      large,
      o_t_connection_id: otId,
      t_o_connection_id: toId,
      connection_serial: serial,
      originator_vendor_id: vendor,
      originator_serial: oserial,
      o_t_api_us: otApi,
      t_o_api_us: toApi,
      application_reply_size: replyWords,
    };
    if (path !== undefined) f.forward_open.connection_path = path;
    const conn = dec.conns.find(triadKey(serial, vendor), oserial);
    if (conn !== undefined) {
      conn.oToT = otId;
      conn.tToO = toId;
      conn.replied = true;
    }
    c.skip(Math.min(replyWords * 2, c.remaining()));
    return;
  }
  const err = errorReply(c);
  if (err !== null) {
    const fo: ForwardOpenFields = { large, ...err };
    if (path !== undefined) fo.connection_path = path;
    f.forward_open = fo;
    dec.conns.close(
      triadKey(err.connection_serial, err.originator_vendor_id),
      err.originator_serial,
    );
  }
}

/** Forward Close request or reply (`req` as for {@link decodeForwardOpen}). */
export function decodeForwardClose(
  dec: CipDecoder,
  c: ByteCursor,
  depth: number,
  f: CipFields,
  isResponse: boolean,
  req: RequestInfo | null,
): void {
  if (!isResponse) {
    if (c.remaining() < CM_BYTES.FORWARD_CLOSE) {
      dec.anomaly('enip.cip_truncated', `forward close: ${c.remaining()} bytes`);
      return;
    }
    const ptt = c.u8();
    const ticks = c.u8();
    const serial = c.u16le();
    const vendor = c.u16le();
    const oserial = c.u32le();
    const words = c.u8();
    c.skip(1);
    f.forward_close = {
      priority_time_tick: ptt,
      timeout_ticks: ticks,
      connection_serial: serial,
      originator_vendor_id: vendor,
      originator_serial: oserial,
      connection_path: connectionPath(dec, c, depth, words),
    };
    if (req !== null) req.connectionPath = f.forward_close.connection_path;
    const conn = dec.conns.find(triadKey(serial, vendor), oserial);
    if (conn !== undefined && conn.replied) f.forward_close.opened = conn.toFields();
    return;
  }
  const path = req?.connectionPath;
  nameExtendedStatus(f);
  if (f.general_status === 0) {
    if (c.remaining() < CM_BYTES.FORWARD_ERROR_REPLY) {
      dec.anomaly('enip.cip_truncated', `forward close reply: ${c.remaining()} bytes`);
      return;
    }
    const serial = c.u16le();
    const vendor = c.u16le();
    const oserial = c.u32le();
    const replyWords = c.u8();
    c.skip(1);
    f.forward_close = {
      connection_serial: serial,
      originator_vendor_id: vendor,
      originator_serial: oserial,
      application_reply_size: replyWords,
    };
    if (path !== undefined) f.forward_close.connection_path = path;
    const key = triadKey(serial, vendor);
    const conn = dec.conns.find(key, oserial);
    if (conn !== undefined) {
      if (conn.replied) f.forward_close.opened = conn.toFields();
      dec.conns.close(key, oserial);
    }
    c.skip(Math.min(replyWords * 2, c.remaining()));
    return;
  }
  const err = errorReply(c);
  if (err !== null) {
    const fc: ForwardCloseFields = err;
    if (path !== undefined) fc.connection_path = path;
    f.forward_close = fc;
  }
}

/** Fields of an unsuccessful Forward Open/Close reply. */
interface ErrorReply {
  connection_serial: number;
  originator_vendor_id: number;
  originator_serial: number;
  remaining_path_size?: number;
}

/** The unsuccessful Forward Open/Close reply ([V1] table 3-5.18); null when too short. */
function errorReply(c: ByteCursor): ErrorReply | null {
  if (c.remaining() < CM_BYTES.FORWARD_ERROR_REPLY - 2) return null;
  const serial = c.u16le();
  const vendor = c.u16le();
  const oserial = c.u32le();
  const out: ErrorReply = {
    connection_serial: serial,
    originator_vendor_id: vendor,
    originator_serial: oserial,
  };
  if (c.remaining() >= 2) {
    out.remaining_path_size = c.u8();
    c.skip(1);
  }
  return out;
}

/**
 * The reply of an Unconnected Send that failed in a router ([V1] 3-5.5.4.2): the service stays
 * 0xD2 and a remaining path size follows routing errors. A successful Unconnected Send has no
 * reply of its own: the target's reply comes back unwrapped.
 */
export function decodeUnconnectedSendReply(c: ByteCursor, f: CipFields): void {
  nameExtendedStatus(f);
  if (c.remaining() >= 1) f.unconnected_send = { remaining_path_size: c.u8() };
}
