/**
 * What a CIP response needs from its request: the service and request path (a response
 * carries neither, [V1] 2-4.2), plus the embedded requests of a Multiple Service Packet or an
 * Unconnected Send, so that each embedded response is named after its own request.
 */
import type { EPath } from './epath.js';
import { NONE } from './epath.js';
import type { PathFields } from './events.js';

/** The request side of a CIP exchange, kept until the response arrives. */
export class RequestInfo {
  classId = NONE;
  instanceId = NONE;
  attributeId = NONE;
  memberId = NONE;
  symbol = '';
  /** The whole request path, readable (`EPath.text`). */
  path = '';
  /**
   * Forward Open: its connection path; Forward Close: the connection path of the Forward Open
   * it closes (when that was seen), for the reply.
   */
  connectionPath: PathFields | undefined = undefined;
  /** The request carried by an Unconnected Send (its response comes back unwrapped). */
  routed: RequestInfo | null = null;
  /** The requests of a Multiple Service Packet, in order. */
  items: RequestInfo[] | null = null;

  constructor(readonly service: number) {}

  /** Copies the path parts that responses report. */
  static from(service: number, path: EPath): RequestInfo {
    const r = new RequestInfo(service);
    r.classId = path.classId;
    r.instanceId = path.instanceId;
    r.attributeId = path.attributeId;
    r.memberId = path.memberId;
    r.symbol = path.symbol;
    r.path = path.text;
    return r;
  }
}
