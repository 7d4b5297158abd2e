/**
 * PROFINET real-time frames (EtherType 0x8892, [61158-6-10] 4.2): the FrameID selects DCP
 * (4.3), RTA alarms (5.2.2), PTCP (4.11) or cyclic IO data (4.2.2) whose APDU_Status
 * (CycleCounter, DataStatus, TransferStatus) closes the frame.
 *
 * The pipeline hands one whole Ethernet payload (from the FrameID on, padding included) to each
 * `parse` call; RT frames carry no length of their own, so each call is one frame. Cyclic frames
 * are summarised per FrameID (first frame, DataStatus/TransferStatus change, then every second
 * of CycleCounter time or every CYCLIC_SUMMARY_EVERY frames) rather than emitted one by one: at a 1 ms cycle a device sends a
 * thousand of them a second, and what an analyst needs is the stream, its rate and its status.
 */
import { ipv4ToString, macToString } from '../../../core/net-format.js';
import { OK } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { pnioStatusName } from '../pnio/constants.js';
import {
  ALARM_BLOCKS,
  ALARM_TYPES,
  BLOCK_QUALIFIERS,
  CTRL,
  CYCLIC_SUMMARY_EVERY,
  CYCLIC_SUMMARY_TICKS,
  DCP_BLOCK_ERRORS,
  DCP_GET,
  DCP_HELLO,
  DCP_IDENTIFY,
  DCP_OPTIONS,
  DCP_SERVICES,
  DCP_SERVICE_TYPES,
  DCP_SET,
  DCP_SUBOPTIONS,
  DEVICE_ROLES,
  DS,
  IDENTIFY_FLOOD_EVERY,
  IP_BLOCK_INFO,
  IP_CONFLICT_BIT,
  MAX_CYCLIC_IDS,
  OPT,
  PN,
  RESET_QUALIFIERS,
  RTA_DATA,
  RTA_ERR,
  RTA_PDU_TYPES,
  SIGNAL_FLASH_ONCE,
  frameRange,
} from './constants.js';
import type { DcpBlockError, ProfinetFields } from './events.js';

/** Per-FrameID cyclic stream state. */
class CyclicStream {
  total = 0;
  sinceEmit = 0;
  /** CycleCounter ticks since the last summary. */
  ticks = 0;
  lastCounter = -1;
  lastStatus = -1;
  lastTransfer = -1;
  /** The last DataStatus judged bad, so a bad status is reported once per change. */
  reportedBad = -1;
}

/** Per layer-2 stream state (source MAC, destination MAC, VLAN). */
export class ProfinetState {
  readonly cyclic = new Map<number, CyclicStream>();
  /** Identify-All requests seen on the stream (bounded report, IDENTIFY_FLOOD_EVERY). */
  identifyAll = 0;
  constructor(readonly limits: DecoderLimits) {}
}

/** Fresh per-stream state. */
export function createProfinetState(limits: DecoderLimits): ProfinetState {
  return new ProfinetState(limits);
}

const u16 = (d: Uint8Array, o: number): number => ((d[o] as number) << 8) | (d[o + 1] as number);
const u32 = (d: Uint8Array, o: number): number => u16(d, o) * 0x10000 + u16(d, o + 2);

/**
 * Says whether a frame of EtherType 0x8892 is PROFINET RT as we know it: a FrameID outside the
 * reserved ranges and a header that fits its kind.
 */
export function probeProfinet(data: Uint8Array, _dir: Direction): ProbeResult {
  // Each call holds one whole frame: a frame too short for its kind is not PROFINET.
  const n = data.length;
  if (n < 2) return 'no_match';
  const r = frameRange(u16(data, 0));
  switch (r.kind) {
    case 'dcp': {
      if (n < 2 + PN.DCP_HEADER) return 'no_match';
      if (!DCP_SERVICES.has(data[2] as number) || !DCP_SERVICE_TYPES.has(data[3] as number)) {
        return 'no_match';
      }
      return u16(data, 10) <= n - 2 - PN.DCP_HEADER ? 'match' : 'no_match';
    }
    case 'cyclic': {
      // Smallest cyclic frame: 40 bytes of C_SDU ([61158-6-10] 4.2.2.2) less a VLAN tag
      // stripped from a minimum-size frame. DataStatus: reserved bits zero, DataValid set;
      // TransferStatus zero. Only the first frame of a stream is probed.
      if (n < 42) return 'no_match';
      const ds = data[n - 2] as number;
      return (ds & 0x48) === 0 && (ds & DS.DATA_VALID) !== 0 && data[n - 1] === 0
        ? 'match'
        : 'no_match';
    }
    case 'alarm':
      if (n < 2 + PN.RTA_HEADER) return 'no_match';
      return RTA_PDU_TYPES.has((data[6] as number) & 0x0f) ? 'match' : 'no_match';
    case 'ptcp': {
      if (n < 2 + PN.PTCP_HEADER) return 'no_match';
      for (let i = 2; i < 10; i++) if (data[i] !== 0) return 'no_match';
      return 'match';
    }
    case 'other':
      return n >= 4 ? 'match' : 'no_match';
    default:
      return 'no_match';
  }
}

/** Decodes one PROFINET RT frame (from the FrameID on). */
export function parseProfinet(
  state: ProfinetState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (n === 0) return OK;
  if (n < 2) {
    sink.anomaly('profinet.truncated', 'frame shorter than its FrameID');
    return OK;
  }
  const frameId = u16(data, 0);
  const r = frameRange(frameId);
  switch (r.kind) {
    case 'dcp':
      dcp(state, data, frameId, r.name, sink);
      break;
    case 'cyclic':
      cyclic(state, data, frameId, r.name, sink);
      break;
    case 'alarm':
      alarm(data, frameId, r.name, sink);
      break;
    case 'ptcp':
      ptcp(data, frameId, r.name, sink);
      break;
    default:
      if (r.kind === 'reserved') {
        sink.anomaly('profinet.reserved_frame_id', `FrameID 0x${hex4(frameId)}`);
      }
      sink.emit({ kind: 'profinet.frame', profinet: { frame_id: frameId, frame_type: r.name } });
  }
  sink.confirm();
  return OK;
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/** Station names and vendor strings: ASCII up to the first NUL, capped. */
function text(d: Uint8Array, from: number, to: number, cap: number): string {
  let s = '';
  const end = Math.min(to, from + cap);
  for (let i = from; i < end; i++) {
    const c = d[i] as number;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

function ip(d: Uint8Array, o: number): string {
  return ipv4ToString(u32(d, o));
}

function blockName(option: number, suboption: number): string {
  const o = DCP_OPTIONS.get(option) ?? (option >= 0x80 ? 'manufacturer' : `option_${option}`);
  const s = DCP_SUBOPTIONS.get((option << 8) | suboption) ?? `${suboption}`;
  return `${o}/${s}`;
}

function dcp(
  state: ProfinetState,
  d: Uint8Array,
  frameId: number,
  frameType: string,
  sink: DecodeSink,
): void {
  const n = d.length;
  const f: ProfinetFields = { frame_id: frameId, frame_type: frameType };
  if (n < 2 + PN.DCP_HEADER) {
    sink.anomaly('profinet.truncated', `${n}-byte DCP frame`);
    sink.emit({ kind: 'profinet.dcp', profinet: f });
    return;
  }
  const sid = d[2] as number;
  const st = d[3] as number;
  f.service_id = sid;
  f.service = DCP_SERVICES.get(sid) ?? 'unknown';
  f.service_type = st;
  f.service_type_name = DCP_SERVICE_TYPES.get(st) ?? 'unknown';
  f.xid = u32(d, 4);
  const isReq = st === 0;
  if (sid === DCP_IDENTIFY && isReq) f.response_delay = u16(d, 8);
  const len = u16(d, 10);
  f.data_length = len;
  let end = 12 + len;
  if (end > n) {
    sink.anomaly('profinet.truncated', `DCPDataLength ${len} past the ${n - 12} bytes left`);
    end = n;
  }
  if (f.service === 'unknown' || f.service_type_name === 'unknown') {
    sink.anomaly(
      'profinet.malformed_block',
      `DCP ServiceID ${sid} / ServiceType ${st} not defined`,
    );
    sink.emit({ kind: 'profinet.dcp', profinet: f });
    return;
  }
  const isResp = !isReq;
  const max = state.limits.maxObjectsPerMessage;
  const blocks: ProfinetFields['blocks'] = [];
  f.blocks = blocks;
  let listed = 0;
  let p = 12;
  if (sid === DCP_GET && isReq) {
    // Get.req carries bare option/suboption selectors, no block length ([61158-6-10] 4.3.1.1).
    for (; p + 2 <= end; p += 2) {
      if (listed++ < max) {
        const o = d[p] as number;
        const s = d[p + 1] as number;
        blocks.push({ option: o, suboption: s, name: blockName(o, s) });
      }
    }
  } else {
    const hasInfo =
      (sid === DCP_IDENTIFY && isResp) ||
      (sid === DCP_HELLO && isReq) ||
      (sid === DCP_GET && isResp);
    const hasQualifier = sid === DCP_SET && isReq;
    while (p < end) {
      if (end - p < 4) {
        sink.anomaly('profinet.malformed_block', `${end - p} stray bytes after the last DCP block`);
        break;
      }
      const o = d[p] as number;
      const s = d[p + 1] as number;
      const bl = u16(d, p + 2);
      const body = p + 4;
      if (body + bl > end) {
        sink.anomaly(
          'profinet.malformed_block',
          `DCP block ${blockName(o, s)} length ${bl} past the DCP data`,
        );
        break;
      }
      if (listed++ < max) blocks.push({ option: o, suboption: s, name: blockName(o, s) });
      dcpBlock(state, d, o, s, body, body + bl, hasInfo, hasQualifier, f, sink);
      p = body + bl + (bl & 1);
    }
  }
  if (listed > max) {
    sink.anomaly('profinet.objects_limit_reached', `${listed} DCP blocks, ${max} listed`);
  }
  if (sid === DCP_SET && isReq) setAnomalies(f, sink);
  if (sid === DCP_IDENTIFY && isReq && blocks.length === 1 && blocks[0]?.option === OPT.ALL) {
    state.identifyAll++;
    if (state.identifyAll % IDENTIFY_FLOOD_EVERY === 0) {
      sink.anomaly(
        'profinet.dcp_identify_flood',
        `${state.identifyAll} Identify-All requests from this source`,
      );
    }
  }
  sink.emit({ kind: 'profinet.dcp', profinet: f });
}

function dcpBlock(
  state: ProfinetState,
  d: Uint8Array,
  o: number,
  s: number,
  from: number,
  to: number,
  hasInfo: boolean,
  hasQualifier: boolean,
  f: ProfinetFields,
  sink: DecodeSink,
): void {
  let p = from;
  if (o === OPT.CONTROL) {
    control(d, s, p, to, f, sink);
    return;
  }
  if (o === OPT.ALL || o >= 0x80 || o === 0 || o === 4) return;
  let info = -1;
  if (hasInfo && to - p >= 2) {
    info = u16(d, p);
    p += 2;
  }
  if (hasQualifier && to - p >= 2) {
    f.block_qualifier = BLOCK_QUALIFIERS.get(u16(d, p)) ?? `reserved_${u16(d, p)}`;
    p += 2;
  }
  const left = to - p;
  const cap = state.limits.maxStringBytes;
  if (o === OPT.IP) {
    if (s === 1 && left >= 6) f.mac = macToString(d, p);
    else if ((s === 2 && left >= 12) || (s === 3 && left >= 28)) {
      f.ip = ip(d, p);
      f.netmask = ip(d, p + 4);
      f.gateway = ip(d, p + 8);
      if (s === 3) f.dns_servers = [ip(d, p + 12), ip(d, p + 16), ip(d, p + 20), ip(d, p + 24)];
      if (info >= 0) {
        f.ip_block_info = IP_BLOCK_INFO.get(info) ?? `reserved_${info}`;
        if ((info & IP_CONFLICT_BIT) !== 0) {
          sink.anomaly('profinet.ip_conflict', `device reports an address conflict on ${f.ip}`);
        }
      }
    } else if (s === 1 || s === 2 || s === 3) malformed(o, s, left, sink);
    return;
  }
  if (o === OPT.DEVICE) {
    switch (s) {
      case 1:
        f.device_vendor = text(d, p, to, cap);
        break;
      case 2:
        f.name_of_station = text(d, p, to, cap);
        break;
      case 3:
        if (left < 4) malformed(o, s, left, sink);
        else {
          f.vendor_id = u16(d, p);
          f.device_id = u16(d, p + 2);
        }
        break;
      case 4:
        if (left < 1) malformed(o, s, left, sink);
        else {
          const role = d[p] as number;
          f.device_role = role;
          f.device_roles = DEVICE_ROLES.filter(([bit]) => (role & bit) !== 0).map(([, n]) => n);
        }
        break;
      case 5: {
        const opts: string[] = [];
        for (let q = p; q + 2 <= to && opts.length < state.limits.maxObjectsPerMessage; q += 2) {
          opts.push(blockName(d[q] as number, d[q + 1] as number));
        }
        f.device_options = opts;
        break;
      }
      case 6:
        f.alias_name = text(d, p, to, cap);
        break;
      default:
        break;
    }
    return;
  }
  if (o === OPT.DHCP) {
    f.dhcp_option = s;
    return;
  }
  // Identify filters and unknown suboptions carry data we do not interpret.
  if (o === OPT.DEVICE_INITIATIVE && s === 1 && left >= 2) f.device_initiative = u16(d, p);
}

function malformed(o: number, s: number, left: number, sink: DecodeSink): void {
  sink.anomaly('profinet.malformed_block', `DCP block ${blockName(o, s)} too short (${left})`);
}

function control(
  d: Uint8Array,
  s: number,
  p: number,
  to: number,
  f: ProfinetFields,
  sink: DecodeSink,
): void {
  const left = to - p;
  if (s === CTRL.RESPONSE) {
    if (left < 3) {
      malformed(OPT.CONTROL, s, left, sink);
      return;
    }
    const err = d[p + 2] as number;
    const e: DcpBlockError = {
      block: blockName(d[p] as number, d[p + 1] as number),
      error: err,
      error_name: DCP_BLOCK_ERRORS.get(err) ?? `reserved_${err}`,
    };
    (f.block_errors ??= []).push(e);
    if (err !== 0) sink.anomaly('profinet.dcp_block_error', `${e.block}: ${e.error_name}`);
    return;
  }
  const name = DCP_SUBOPTIONS.get((OPT.CONTROL << 8) | s) ?? `control_${s}`;
  (f.controls ??= []).push(name);
  if (left < 2) {
    malformed(OPT.CONTROL, s, left, sink);
    return;
  }
  const q = u16(d, p);
  if (s === CTRL.SIGNAL && left >= 4) f.signal_value = u16(d, p + 2);
  else if (s === CTRL.RESET_TO_FACTORY) {
    f.reset_mode = RESET_QUALIFIERS.get(q & 0xfffe) ?? `reserved_${q}`;
  } else if (s === CTRL.FACTORY_RESET) f.reset_mode = 'factory_settings';
}

/** The configuration changes a DCP Set request makes. */
function setAnomalies(f: ProfinetFields, sink: DecodeSink): void {
  for (const b of f.blocks ?? []) {
    if (b.option === OPT.DEVICE && b.suboption === 2) {
      sink.anomaly('profinet.dcp_set_name', `NameOfStation set to "${f.name_of_station ?? ''}"`);
    } else if (b.option === OPT.IP && (b.suboption === 2 || b.suboption === 3)) {
      sink.anomaly(
        'profinet.dcp_set_ip',
        `IP set to ${f.ip ?? '?'} mask ${f.netmask ?? '?'} gateway ${f.gateway ?? '?'}`,
      );
    } else if (
      b.option === OPT.CONTROL &&
      (b.suboption === CTRL.FACTORY_RESET || b.suboption === CTRL.RESET_TO_FACTORY)
    ) {
      sink.anomaly('profinet.dcp_factory_reset', f.reset_mode ?? 'factory reset');
    } else if (b.option === OPT.CONTROL && b.suboption === CTRL.SIGNAL) {
      const v = f.signal_value ?? 0;
      sink.anomaly(
        'profinet.dcp_signal',
        v === SIGNAL_FLASH_ONCE ? 'flash LED once' : `signal 0x${hex4(v)}`,
      );
    } else if (b.option === OPT.DHCP || b.option === OPT.DEVICE_INITIATIVE || b.option === OPT.IP) {
      sink.anomaly('profinet.dcp_set_other', `Set ${b.name}`);
    }
  }
}

function cyclic(
  state: ProfinetState,
  d: Uint8Array,
  frameId: number,
  frameType: string,
  sink: DecodeSink,
): void {
  const n = d.length;
  if (n < 2 + PN.APDU_STATUS) {
    sink.anomaly('profinet.truncated', `${n}-byte cyclic frame without APDU_Status`);
    sink.emit({
      kind: 'profinet.rt_cyclic',
      profinet: { frame_id: frameId, frame_type: frameType },
    });
    return;
  }
  let cs = state.cyclic.get(frameId);
  if (cs === undefined) {
    if (state.cyclic.size >= MAX_CYCLIC_IDS) {
      sink.anomaly('profinet.objects_limit_reached', `more than ${MAX_CYCLIC_IDS} cyclic FrameIDs`);
      return;
    }
    cs = new CyclicStream();
    state.cyclic.set(frameId, cs);
  }
  const counter = u16(d, n - 4);
  const ds = d[n - 2] as number;
  const ts = d[n - 1] as number;
  const delta = cs.lastCounter < 0 ? 0 : (counter - cs.lastCounter) & 0xffff;
  cs.total++;
  cs.sinceEmit++;
  cs.ticks += delta;
  const first = cs.total === 1;
  const changed = !first && (ds !== cs.lastStatus || ts !== cs.lastTransfer);
  cs.lastCounter = counter;
  cs.lastStatus = ds;
  cs.lastTransfer = ts;
  const bad =
    (ds & (DS.STATION_OK | DS.PROVIDER_RUN | DS.DATA_VALID)) !==
    (DS.STATION_OK | DS.PROVIDER_RUN | DS.DATA_VALID);
  if (bad && cs.reportedBad !== ds) {
    cs.reportedBad = ds;
    sink.anomaly('profinet.rt_status_problem', statusText(frameId, ds));
  } else if (!bad) cs.reportedBad = -1;
  if (
    !first &&
    !changed &&
    cs.sinceEmit < CYCLIC_SUMMARY_EVERY &&
    cs.ticks < CYCLIC_SUMMARY_TICKS
  ) {
    return;
  }
  sink.emit({
    kind: 'profinet.rt_cyclic',
    profinet: {
      frame_id: frameId,
      frame_type: frameType,
      reason: first ? 'first' : changed ? 'status_change' : 'periodic',
      frames: cs.sinceEmit,
      total_frames: cs.total,
      cycle_counter: counter,
      cycle_delta: delta,
      cycle_time_us: (delta * PN.CYCLE_TICK_NS) / 1000,
      io_data_length: n - 2 - PN.APDU_STATUS,
      data_status: ds,
      data_valid: (ds & DS.DATA_VALID) !== 0,
      primary: (ds & DS.PRIMARY) !== 0,
      provider_run: (ds & DS.PROVIDER_RUN) !== 0,
      station_ok: (ds & DS.STATION_OK) !== 0,
      ignore: (ds & DS.IGNORE) !== 0,
      transfer_status: ts,
    },
  });
  cs.sinceEmit = 0;
  cs.ticks = 0;
}

function statusText(frameId: number, ds: number): string {
  const parts: string[] = [];
  if ((ds & DS.STATION_OK) === 0) parts.push('station problem');
  if ((ds & DS.PROVIDER_RUN) === 0) parts.push('provider stopped');
  if ((ds & DS.DATA_VALID) === 0) parts.push('data invalid');
  return `FrameID 0x${hex4(frameId)} DataStatus 0x${ds.toString(16).padStart(2, '0')}: ${parts.join(', ')}`;
}

function alarm(d: Uint8Array, frameId: number, frameType: string, sink: DecodeSink): void {
  const n = d.length;
  const f: ProfinetFields = { frame_id: frameId, frame_type: frameType };
  if (n < 2 + PN.RTA_HEADER) {
    sink.anomaly('profinet.truncated', `${n}-byte alarm frame`);
    sink.emit({ kind: 'profinet.alarm', profinet: f });
    return;
  }
  f.alarm_dst_endpoint = u16(d, 2);
  f.alarm_src_endpoint = u16(d, 4);
  const type = (d[6] as number) & 0x0f;
  f.pdu_type = type;
  f.pdu_type_name = RTA_PDU_TYPES.get(type) ?? 'unknown';
  f.send_seq_num = u16(d, 8);
  f.ack_seq_num = u16(d, 10);
  const vlen = u16(d, 12);
  f.var_part_len = vlen;
  const p = 14;
  if (p + vlen > n) {
    sink.anomaly('profinet.truncated', `VarPartLen ${vlen} past the ${n - p} bytes left`);
  } else if (type === RTA_ERR && vlen >= 4) {
    f.pnio_status = pnioStatusName(
      d[p] as number,
      d[p + 1] as number,
      d[p + 2] as number,
      d[p + 3] as number,
    );
  } else if (type === RTA_DATA && vlen >= 6) {
    const bt = u16(d, p);
    const bl = u16(d, p + 2);
    f.block_type = bt;
    f.block_type_name = ALARM_BLOCKS.get(bt) ?? `unknown_0x${hex4(bt)}`;
    if (bl + 4 > vlen || !ALARM_BLOCKS.has(bt)) {
      sink.anomaly('profinet.malformed_block', `alarm block 0x${hex4(bt)} length ${bl}`);
    } else if (vlen >= 16) {
      const at = u16(d, p + 6);
      f.alarm_type = at;
      f.alarm_type_name = ALARM_TYPES.get(at) ?? `type_${at}`;
      f.api = u32(d, p + 8);
      f.slot = u16(d, p + 12);
      f.subslot = u16(d, p + 14);
      // AlarmAck: AlarmSpecifier(2) then PNIOStatus(4) ([61158-6-10] 5.2.3.x).
      if ((bt & 0x8000) !== 0 && vlen >= 24) {
        f.pnio_status = pnioStatusName(
          d[p + 18] as number,
          d[p + 19] as number,
          d[p + 20] as number,
          d[p + 21] as number,
        );
      }
    }
  }
  sink.emit({ kind: 'profinet.alarm', profinet: f });
}

function ptcp(d: Uint8Array, frameId: number, frameType: string, sink: DecodeSink): void {
  const f: ProfinetFields = { frame_id: frameId, frame_type: frameType };
  if (d.length < 2 + PN.PTCP_HEADER) {
    sink.anomaly('profinet.truncated', `${d.length}-byte PTCP frame`);
  } else {
    f.sequence_id = u16(d, 14);
  }
  sink.emit({ kind: 'profinet.ptcp', profinet: f });
}
