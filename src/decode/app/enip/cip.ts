/**
 * CIP message decoder: the message router request and response formats ([V1] 2-4), the request
 * path, general and extended status, and the services whose data the events describe: Multiple
 * Service Packet (each embedded service), the Connection Manager (`cm.ts`), Logix tag services
 * and the Identity and PCCC objects (`objects.ts`).
 *
 * ```
 *  request:   service | path size (words) | path ...       | request data
 *  response:  service|0x80 | reserved | general status | additional status size (words)
 *             | additional status words ...                | response data
 * ```
 *
 * Multiple Service Packet ([V1] ): a service count, one 16-bit offset per service counted
 * from the count field, then the services, each a complete request (or response). Unconnected
 * Send ([V1] 3-5.5.4) wraps one request for a router; its response comes back unwrapped. Both
 * nest: every embedded message becomes an `enip.embedded` event, up to {@link MAX_NESTING} levels
 * and `maxObjectsPerMessage` messages per encapsulation PDU.
 */
import { ByteCursor } from '../../cursor.js';
import type { DecodeSink, DecoderLimits } from '../../decoder.js';
import {
  CLASSES,
  CM_SERVICES,
  CM_SERVICE_NAMES,
  FIRST_OBJECT_SPECIFIC_SERVICE,
  GENERAL_STATUS_NAMES,
  LOGIX_SERVICE_NAMES,
  MAX_HEX_BYTES,
  MAX_NESTING,
  PCCC_SERVICE_NAMES,
  RESPONSE_BIT,
  SERVICES,
  SERVICE_MASK,
  SERVICE_NAMES,
  isReservedService,
} from './constants.js';
import { decodeForwardClose, decodeForwardOpen, decodeUnconnectedSendReply } from './cm.js';
import type { ConnectionTable } from './connections.js';
import { EPath, NONE, className } from './epath.js';
import type { CipFields, EnipEmbeddedEvent, EnipFields, TcpIpFields } from './events.js';
import type { EnipAnomaly } from './index.js';
import { decodeTagRequest, decodeTagResponse, isLogix } from './logix.js';
import { decodeEthernetLink, decodeIdentity, decodePccc, decodeTcpIp } from './objects.js';
import { attributeListIds, attributeStatusIds } from './attributes.js';
import { RequestInfo } from './request-info.js';

/** Context of embedded messages decoded outside an encapsulation message (tests). */
const NO_CONTEXT: EnipFields = Object.freeze({ is_response: false });

/** Bytes of a response header before the additional status words. */
const RESPONSE_HEADER_BYTES = 4;

/**
 * Name of `service` given the class (and tag) it is addressed to: object-specific codes
 * (0x4B-0x63) mean different things to different classes ([V1] A-3).
 */
export function serviceName(service: number, classId: number, symbolic: boolean): string {
  if (service < FIRST_OBJECT_SPECIFIC_SERVICE) {
    return SERVICE_NAMES.get(service) ?? (isReservedService(service) ? 'reserved' : 'unknown');
  }
  if (isReservedService(service)) return 'reserved';
  let n: string | undefined;
  if (classId === CLASSES.CONNECTION_MANAGER) n = CM_SERVICE_NAMES.get(service);
  else if (classId === CLASSES.PCCC) n = PCCC_SERVICE_NAMES.get(service);
  else if (isLogix(classId, symbolic)) n = LOGIX_SERVICE_NAMES.get(service);
  return n ?? 'object_specific';
}

/**
 * Decodes CIP messages. One instance per module: decoding is synchronous and not re-entrant
 * across flows, so cursors and path walkers are reused, one per nesting level.
 */
export class CipDecoder {
  private readonly cursors: ByteCursor[] = [];
  private readonly paths: EPath[] = [];
  /** Connection paths of Forward Open/Close (one per nesting level too). */
  readonly connPaths: EPath[] = [];
  limits!: DecoderLimits;
  sink!: DecodeSink;
  /** The connections of the flow being decoded. */
  conns!: ConnectionTable;
  /** Embedded events of the PDU being decoded, in document order. */
  readonly embedded: EnipEmbeddedEvent[] = [];
  /** The encapsulation context every embedded event of this PDU carries as its `enip`. */
  context: EnipFields = NO_CONTEXT;
  /** Embedded messages still allowed in this PDU. */
  private budget = 0;
  private budgetReported = false;
  /** The request info of the last message decoded (set by {@link message}). */
  lastInfo: RequestInfo | null = null;

  constructor() {
    for (let i = 0; i <= MAX_NESTING; i++) {
      this.cursors.push(new ByteCursor());
      this.paths.push(new EPath());
      this.connPaths.push(new EPath());
    }
  }

  /** Starts a new encapsulation PDU. */
  begin(limits: DecoderLimits, sink: DecodeSink, conns: ConnectionTable): void {
    this.limits = limits;
    this.sink = sink;
    this.conns = conns;
    this.embedded.length = 0;
    this.context = NO_CONTEXT;
    this.budget = limits.maxObjectsPerMessage;
    this.budgetReported = false;
  }

  anomaly(name: EnipAnomaly, detail: string): void {
    this.sink.anomaly(name, detail);
  }

  /**
   * Decodes the CIP message in `buf[start, end)` (at least one byte) at nesting `depth`.
   * `paired` is the request a response answers (null when unknown); `parent`/`index` place an
   * embedded message. Embedded messages (depth > 0) are appended to {@link embedded} before
   * their own children. Sets {@link lastInfo} to the request info of a request.
   */
  message(
    buf: Uint8Array,
    start: number,
    end: number,
    depth: number,
    paired: RequestInfo | null,
    parent: number,
    index: number,
  ): CipFields {
    const c = (this.cursors[depth] as ByteCursor).reset(buf, start, end);
    const sc = c.u8();
    const service = sc & SERVICE_MASK;
    const isResponse = (sc & RESPONSE_BIT) !== 0;
    const f: CipFields = { service, service_name: '', is_response: isResponse, data_length: 0 };
    if (depth > 0) {
      f.parent_service = parent;
      if (index >= 0) f.index = index;
      this.embedded.push({ kind: 'enip.embedded', enip: this.context, cip: f });
    }
    if (isResponse) this.response(c, buf, start, depth, f, paired);
    else this.request(c, buf, start, depth, f);
    return f;
  }

  private request(
    c: ByteCursor,
    buf: Uint8Array,
    start: number,
    depth: number,
    f: CipFields,
  ): void {
    const service = f.service;
    const path = this.paths[depth] as EPath;
    let words = 0;
    if (c.remaining() < 1) {
      this.anomaly('enip.cip_truncated', `service 0x${hex2(service)}: no path size`);
      path.parse(c, 0, 0);
    } else {
      words = c.u8();
      let len = words * 2;
      if (len > c.remaining()) {
        this.anomaly(
          'enip.cip_truncated',
          `service 0x${hex2(service)}: path of ${len} bytes, ${c.remaining()} left`,
        );
        len = c.remaining();
      }
      path.parse(c, len, this.limits.maxStringBytes);
      if (path.problem !== '') {
        this.anomaly('enip.epath_malformed', `request path: ${path.problem}`);
      }
    }
    f.path_size = words;
    path.toFields(f);
    const classId = path.classId;
    const symbolic = path.hasSymbol();
    f.service_name = serviceName(service, classId, symbolic);
    f.data_length = c.remaining();
    if (isReservedService(service)) {
      this.anomaly('enip.reserved_service', `request for reserved service 0x${hex2(service)}`);
    }
    const info = RequestInfo.from(service, path);
    this.lastInfo = info;

    if (service === SERVICES.MULTIPLE_SERVICE_PACKET) {
      this.multiple(c, buf, start, depth, f, info, null);
    } else if (classId === CLASSES.CONNECTION_MANAGER) {
      if (service === CM_SERVICES.UNCONNECTED_SEND)
        this.unconnectedSend(c, buf, start, depth, f, info);
      else if (service === CM_SERVICES.FORWARD_OPEN || service === CM_SERVICES.LARGE_FORWARD_OPEN)
        decodeForwardOpen(this, c, depth, f, false, info);
      else if (service === CM_SERVICES.FORWARD_CLOSE)
        decodeForwardClose(this, c, depth, f, false, info);
    } else if (classId === CLASSES.PCCC && PCCC_SERVICE_NAMES.has(service)) {
      decodePccc(this, c, f, false);
    } else if (isLogix(classId, symbolic) && LOGIX_SERVICE_NAMES.has(service)) {
      decodeTagRequest(this, c, f);
    } else if (service === SERVICES.GET_ATTRIBUTE_LIST) {
      this.attributeList(c, f);
    } else if (service === SERVICES.SET_ATTRIBUTE_LIST) {
      f.attributes = attributeListIds(
        c,
        classId,
        path.instanceId,
        false,
        this.limits.maxObjectsPerMessage,
      );
    } else if (service === SERVICES.SET_ATTRIBUTE_SINGLE) {
      this.attributeValue(c, f, classId, path.attributeId, depth);
    }
    this.lastInfo = info;
  }

  private response(
    c: ByteCursor,
    buf: Uint8Array,
    start: number,
    depth: number,
    f: CipFields,
    paired: RequestInfo | null,
  ): void {
    const service = f.service;
    this.lastInfo = null;
    if (c.remaining() < RESPONSE_HEADER_BYTES - 1) {
      this.anomaly('enip.cip_truncated', `response 0x${hex2(service)}: no status`);
      f.service_name = serviceName(service, NONE, false);
      c.skip(c.remaining());
      return;
    }
    c.skip(1); // reserved
    const gs = c.u8();
    const extWords = c.u8();
    f.general_status = gs;
    f.general_status_name =
      GENERAL_STATUS_NAMES[gs] ?? (gs >= 0xd0 ? 'object_specific' : 'unknown');
    if (extWords > 0) {
      const n = Math.min(extWords, c.remaining() >> 1);
      if (n < extWords) {
        this.anomaly(
          'enip.cip_truncated',
          `response 0x${hex2(service)}: ${extWords} status words, room for ${n}`,
        );
      }
      const ext: number[] = [];
      for (let i = 0; i < n; i++) ext.push(c.u16le());
      f.extended_status = ext;
    }
    f.data_length = c.remaining();

    // The request this answers: an Unconnected Send's response is its embedded request's.
    let req = paired;
    if (req !== null && req.service !== service) {
      const routed = req.routed;
      if (
        req.service === CM_SERVICES.UNCONNECTED_SEND &&
        req.classId === CLASSES.CONNECTION_MANAGER &&
        routed !== null &&
        routed.service === service
      ) {
        req = routed;
        f.routed = true;
      } else {
        this.anomaly(
          'enip.response_service_mismatch',
          `response 0x${hex2(service)} to request 0x${hex2(req.service)}`,
        );
        req = null;
      }
    }
    const classId = req === null ? NONE : req.classId;
    const symbolic = req !== null && req.symbol !== '';
    if (req !== null) {
      if (req.path !== '') f.path = req.path;
      if (classId !== NONE) {
        f.class_id = classId;
        f.class_name = className(classId);
      }
      if (req.instanceId !== NONE) f.instance_id = req.instanceId;
      if (req.attributeId !== NONE) f.attribute_id = req.attributeId;
      if (req.memberId !== NONE) f.member_id = req.memberId;
      if (symbolic) f.symbol = req.symbol;
    }
    f.service_name = serviceName(service, classId, symbolic);

    if (service === SERVICES.MULTIPLE_SERVICE_PACKET) {
      if (c.remaining() > 0) this.multiple(c, buf, start, depth, f, null, req);
    } else if (classId === CLASSES.CONNECTION_MANAGER) {
      if (service === CM_SERVICES.FORWARD_OPEN || service === CM_SERVICES.LARGE_FORWARD_OPEN)
        decodeForwardOpen(this, c, depth, f, true, req);
      else if (service === CM_SERVICES.FORWARD_CLOSE)
        decodeForwardClose(this, c, depth, f, true, req);
      else if (service === CM_SERVICES.UNCONNECTED_SEND) decodeUnconnectedSendReply(c, f);
    } else if (classId === CLASSES.PCCC && PCCC_SERVICE_NAMES.has(service)) {
      decodePccc(this, c, f, true);
    } else if (isLogix(classId, symbolic) && LOGIX_SERVICE_NAMES.has(service)) {
      decodeTagResponse(this, c, f);
    } else if (service === SERVICES.GET_ATTRIBUTES_ALL && gs === 0 && req !== null) {
      this.allAttributes(c, f, classId, req.instanceId, depth);
    } else if (service === SERVICES.SET_ATTRIBUTE_LIST && c.remaining() >= 2) {
      f.attributes = attributeStatusIds(c, this.limits.maxObjectsPerMessage);
    } else if (service === SERVICES.GET_ATTRIBUTE_LIST && c.remaining() > 0) {
      // Without the request the class is unknown: the walk stops at the first value.
      f.attributes = attributeListIds(
        c,
        classId,
        req === null ? NONE : req.instanceId,
        true,
        this.limits.maxObjectsPerMessage,
      );
    } else if (service === SERVICES.GET_ATTRIBUTE_SINGLE && gs === 0 && req !== null) {
      this.attributeValue(c, f, classId, req.attributeId, depth);
    }
  }

  /**
   * A Get Attributes All reply of an object the decoder knows ([V1] 5-2, 5-3; [V2] 5-4, 5-5):
   * the attributes it decodes, and their ids in `attributes`.
   */
  private allAttributes(
    c: ByteCursor,
    f: CipFields,
    classId: number,
    instance: number,
    depth: number,
  ): void {
    if (instance === 0 || c.remaining() === 0) return;
    if (classId === CLASSES.IDENTITY) {
      const id = decodeIdentity(c, this.limits.maxStringBytes, true);
      if (id === undefined) return;
      f.identity = id;
      f.attributes = id.state === undefined ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5, 6, 7, 8];
    } else if (classId === CLASSES.MESSAGE_ROUTER) {
      // Attribute 1, the object list: the classes the device implements.
      f.attributes = [1];
    } else if (classId === CLASSES.TCPIP) {
      const t = decodeTcpIp(this, c, 0, depth);
      f.tcpip = t;
      f.attributes = TCPIP_ALL.slice(0, tcpIpCount(t));
    } else if (classId === CLASSES.ETHERNET_LINK) {
      f.ethernet_link = decodeEthernetLink(c, 0);
    }
  }

  /**
   * The value of one attribute (Set Attribute Single request, Get Attribute Single reply): as
   * hex, and decoded for the TCP/IP Interface and Ethernet Link objects.
   */
  private attributeValue(
    c: ByteCursor,
    f: CipFields,
    classId: number,
    attr: number,
    depth: number,
  ): void {
    const left = c.remaining();
    if (left === 0) return;
    const at = c.offset();
    const n = Math.min(left, MAX_HEX_BYTES);
    f.value_hex = hexBytes(c.bytes(n), 0, n);
    c.seek(at);
    if (attr === NONE) return;
    if (classId === CLASSES.TCPIP) f.tcpip = decodeTcpIp(this, c, attr, depth);
    else if (classId === CLASSES.ETHERNET_LINK) f.ethernet_link = decodeEthernetLink(c, attr);
  }

  /** Multiple Service Packet request or response ([V1] ). */
  private multiple(
    c: ByteCursor,
    buf: Uint8Array,
    start: number,
    depth: number,
    f: CipFields,
    info: RequestInfo | null,
    paired: RequestInfo | null,
  ): void {
    if (c.remaining() < 2) {
      this.anomaly('enip.cip_truncated', 'multiple service packet: no service count');
      return;
    }
    const base = c.offset();
    const end = base + c.remaining();
    const count = c.u16le();
    f.service_count = count;
    if (c.remaining() < count * 2) {
      this.anomaly(
        'enip.msp_offset_invalid',
        `multiple service packet: ${count} offsets, ${c.remaining()} bytes`,
      );
      return;
    }
    if (depth + 1 > MAX_NESTING) {
      this.anomaly('enip.nesting_too_deep', `multiple service packet at depth ${depth}`);
      return;
    }
    const items: RequestInfo[] | null = info === null ? null : [];
    const first = base + 2 + count * 2;
    const offsets = c.offset();
    for (let i = 0; i < count; i++) {
      if (!this.spend()) break;
      c.seek(offsets + i * 2);
      const from = base + c.u16le();
      let to = i + 1 < count ? base + c.u16le() : end;
      if (from < first || from >= end) {
        this.anomaly(
          'enip.msp_offset_invalid',
          `multiple service packet: service ${i} at offset ${from - base} of ${end - base}`,
        );
        break;
      }
      // A next offset beyond the end (or before this one): decode this service to the end, stop.
      const last = to > end || to <= from;
      if (last) {
        this.anomaly(
          'enip.msp_offset_invalid',
          `multiple service packet: service ${i + 1} at offset ${to - base} of ${end - base}`,
        );
        to = end;
      }
      const itemReq = paired?.items?.[i] ?? null;
      this.message(buf, start + from, start + to, depth + 1, itemReq, f.service, i);
      if (items !== null) items.push(this.lastInfo ?? new RequestInfo(0));
      if (last) break;
    }
    if (info !== null) info.items = items;
    // The embedded messages used the next level's cursor; this level is done with its data.
    c.seek(end);
  }

  /** Unconnected Send request ([V1] 3-5.5.4): header, the embedded request, the route path. */
  private unconnectedSend(
    c: ByteCursor,
    buf: Uint8Array,
    start: number,
    depth: number,
    f: CipFields,
    info: RequestInfo,
  ): void {
    if (c.remaining() < 4) {
      this.anomaly('enip.cip_truncated', 'unconnected send: short header');
      return;
    }
    const ptt = c.u8();
    const ticks = c.u8();
    const size = c.u16le();
    f.unconnected_send = { priority_time_tick: ptt, timeout_ticks: ticks, message_size: size };
    let len = size;
    if (len > c.remaining()) {
      this.anomaly(
        'enip.cip_truncated',
        `unconnected send: message of ${size} bytes, ${c.remaining()} left`,
      );
      len = c.remaining();
    }
    const at = c.offset();
    if (len > 0) {
      if (depth + 1 > MAX_NESTING) {
        this.anomaly('enip.nesting_too_deep', `unconnected send at depth ${depth}`);
      } else if (this.spend()) {
        this.message(buf, start + at, start + at + len, depth + 1, null, f.service, -1);
        info.routed = this.lastInfo;
      }
    }
    c.seek(at + len);
    // An odd-sized message is followed by a pad byte.
    if ((len & 1) !== 0 && c.remaining() > 0) c.skip(1);
    if (c.remaining() >= 2) {
      const words = c.u8();
      c.skip(1);
      const route = this.connPaths[depth] as EPath;
      route.parse(c, Math.min(words * 2, c.remaining()), this.limits.maxStringBytes);
      if (route.route !== '') f.unconnected_send.route = route.route;
    }
  }

  /** Get Attribute List request: count, then attribute ids ([V1] 4-1.4.4). */
  private attributeList(c: ByteCursor, f: CipFields): void {
    if (c.remaining() < 2) return;
    const count = c.u16le();
    const max = this.limits.maxObjectsPerMessage;
    const n = Math.min(count, c.remaining() >> 1, max);
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(c.u16le());
    f.attributes = ids;
    if (count > max) this.anomaly('enip.values_limit_reached', `${count} attributes`);
  }

  /** Counts one embedded message against the per-PDU budget; false when it is spent. */
  private spend(): boolean {
    if (this.budget > 0) {
      this.budget--;
      return true;
    }
    if (!this.budgetReported) {
      this.budgetReported = true;
      this.anomaly(
        'enip.values_limit_reached',
        `more than ${this.limits.maxObjectsPerMessage} embedded messages`,
      );
    }
    return false;
  }
}

/** TCP/IP Interface attributes of a Get Attributes All reply, in order. */
const TCPIP_ALL = [1, 2, 3, 4, 5, 6];

/** How many of the TCP/IP attributes 1-6 a decoded reply held. */
function tcpIpCount(t: TcpIpFields): number {
  if (t.host_name !== undefined) return 6;
  if (t.ip_address !== undefined) return 5;
  if (t.physical_link_path !== undefined) return 4;
  if (t.configuration_control !== undefined) return 3;
  if (t.configuration_capability !== undefined) return 2;
  return t.status !== undefined ? 1 : 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Two hex digits of a byte. */
export function hex2(b: number): string {
  return HEX[b & 0xff] as string;
}

/** `n` bytes of `buf` from `from` as hex (no separators). */
export function hexBytes(buf: Uint8Array, from: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[buf[from + i] as number] as string;
  return s;
}
