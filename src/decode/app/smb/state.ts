/**
 * Per-flow SMB state and the helpers the SMB1 and SMB2 readers share: little-endian reads,
 * bounded string reads, the tree/file/pending tables (each bounded, the oldest entry evicted
 * with an anomaly), security blob decoding (SPNEGO, NTLMSSP) and the named-pipe seam that hands
 * pipe payloads to the DCE/RPC reader.
 */
import { ntlmsspAt, parseNtlmssp } from '../../auth/ntlmssp.js';
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import { parseSpnego } from '../../auth/spnego.js';
import type { AppEvent, DecodeSink, DecoderLimits } from '../../decoder.js';
import { DcerpcPipe, dcerpcPipeMessage } from '../dcerpc/pipe.js';
import type { SmbEvent, SmbFields } from './events.js';

/** Entries per table (trees, open files) per flow; the oldest is evicted beyond it. */
export const MAX_TREES = 256;
export const MAX_FILES = 1024;
/** Commands decoded in one SMB2 compound or SMB1 AndX chain. */
export const MAX_CHAIN = 32;
/**
 * Named pipes per flow with DCE/RPC state (each may buffer up to 2 x maxPduBytes of partial
 * PDUs); pipes opened beyond it are not decoded as DCE/RPC.
 */
export const MAX_RPC_PIPES = 32;
/** Dialects listed from one NEGOTIATE. */
export const MAX_DIALECTS = 32;

/** A connected tree (share). */
export interface TreeInfo {
  path: string;
  admin: boolean;
  pipe: boolean;
}

/** An open file or pipe. */
export interface FileInfo {
  name: string;
  pipe: boolean;
  /**
   * DCE/RPC state of the pipe (one per pipe file id), created when its first payload starts
   * like a DCE/RPC PDU; false when it did not (PsExec's own pipes, \\PIPE\\LANMAN).
   */
  rpc: DcerpcPipe | null | false;
}

/** What a request leaves for its response. */
export interface Pending {
  command: number;
  /** Tree path of a TREE_CONNECT, name of a CREATE. */
  name: string | null;
  /** File key of a request on a file (READ, CLOSE, IOCTL...), -1 when none. */
  fileKey: number;
  /** Tree id of the request. */
  treeId: number;
  /** SMB1 transaction subcommand / pipe function, -1 when none. */
  sub: number;
}

/**
 * The sink the DCE/RPC pipe reader writes to: its anomalies (`dcerpc.<what>`) are raised under
 * the SMB decoder's prefix (`smb.dcerpc_<what>`, declared in `SMB_ANOMALIES`), since the flow
 * is SMB's; it never confirms or emits on its own.
 */
class PipeSink implements DecodeSink {
  inner: DecodeSink | null = null;
  emit(_event: AppEvent): void {
    // The pipe reader returns its layer instead of emitting.
  }
  anomaly(name: string, detail?: string): void {
    // `dcerpc.bind_rejected` → `smb.dcerpc_bind_rejected` (every one declared in SMB_ANOMALIES).
    const renamed = 'smb.' + name.replace('.', '_');
    this.inner?.anomaly(renamed, detail);
  }
  confirm(): void {
    // Only SMB messages confirm an SMB flow.
  }
  count(name: string): void {
    this.inner?.count?.(name);
  }
}

/** Per-flow SMB state. */
export class SmbState {
  readonly limits: DecoderLimits;
  confirmed = false;
  /** Per direction: bytes of an oversized message still to skip. */
  readonly skip: [number, number] = [0, 0];
  /** Per direction: events of the oversized message being skipped, emitted at its end. */
  readonly deferred: [SmbEvent[] | null, SmbEvent[] | null] = [null, null];
  /** Events go to `deferred[deferDir]` instead of the sink while >= 0. */
  deferDir = -1;
  /** Per direction: a gap was seen; look for the next message header. */
  readonly resync: [boolean, boolean] = [false, false];
  readonly trees1 = new Map<number, TreeInfo>();
  readonly trees2 = new Map<number, TreeInfo>();
  readonly files1 = new Map<number, FileInfo>();
  readonly files2 = new Map<number, FileInfo>();
  readonly pending1 = new Map<number, Pending>();
  readonly pending2 = new Map<number, Pending>();
  /** Dialects of the last SMB1 NEGOTIATE request (the response names one by index). */
  dialects1: string[] | null = null;
  /** MID of the last Trans2 SESSION_SETUP request, -1 when none (DoublePulsar check). */
  trans2SetupMid = -1;
  /** `smb.smb1_session` was raised. */
  smb1Reported = false;
  /** File of the last CREATE of a compound, for related requests that use the 0xFF..FF id. */
  lastCreateKey = -1;
  /** Pipes given DCE/RPC state so far (bounded by {@link MAX_RPC_PIPES}). */
  rpcPipes = 0;
  /** NTLMSSP layer of the DCE/RPC auth verifier of the last pipe payload, or null. */
  pipeNtlmssp: NtlmsspLayer | null = null;
  /** Sink handed to the DCE/RPC pipe reader. */
  readonly pipeSink = new PipeSink();

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

export function u16(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

export function u32(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16)) +
    (d[p + 3] as number) * 0x100_0000
  );
}

/** A 64-bit little-endian value as a number (exact below 2^53, which offsets and ids stay under). */
export function u64(d: Uint8Array, p: number): number {
  return u32(d, p) + u32(d, p + 4) * 0x1_0000_0000;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
);

/** A little-endian 64-bit value as 16 hex digits, most significant first (as Wireshark shows it). */
export function hex64(d: Uint8Array, p: number): string {
  let s = '';
  for (let i = 7; i >= 0; i--) s += HEX[d[p + i] as number] as string;
  return s;
}

/** Bytes as hex in wire order. */
export function hexBytes(d: Uint8Array, p: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[d[p + i] as number] as string;
  return s;
}

/** UTF-16LE text of `d[s, e)`, stopping at a NUL, at most `cap` bytes read. */
export function utf16(d: Uint8Array, s: number, e: number, cap: number): string {
  const stop = Math.min(e, s + cap, d.length) - 1;
  let out = '';
  for (let i = s; i < stop; i += 2) {
    const c = u16(d, i);
    if (c === 0) break;
    out += String.fromCharCode(c);
  }
  return out;
}

/** 8-bit text of `d[s, e)`, stopping at a NUL, at most `cap` bytes read. */
export function ascii(d: Uint8Array, s: number, e: number, cap: number): string {
  const stop = Math.min(e, s + cap, d.length);
  let out = '';
  for (let i = s; i < stop; i++) {
    const c = d[i] as number;
    if (c === 0) break;
    out += String.fromCharCode(c);
  }
  return out;
}

/** Position after the NUL that ends a string starting at `s` (2-byte NUL when `wide`). */
export function skipString(d: Uint8Array, s: number, e: number, wide: boolean): number {
  if (wide) {
    for (let i = s; i + 1 < e; i += 2) if (d[i] === 0 && d[i + 1] === 0) return i + 2;
    return e;
  }
  for (let i = s; i < e; i++) if (d[i] === 0) return i + 1;
  return e;
}

/**
 * ADMIN$, IPC$ and one-letter drive shares (C$) are the administrative shares ([MS-SRVS]
 * 2.2.2.4 STYPE_SPECIAL): remote administration and lateral movement (psexec, smbexec) go
 * through them.
 */
export function isAdminShare(path: string): boolean {
  const i = path.lastIndexOf('\\');
  const share = (i >= 0 ? path.slice(i + 1) : path).toUpperCase();
  return share === 'ADMIN$' || share === 'IPC$' || /^[A-Z]\$$/.test(share);
}

/** The IPC$ share carries named pipes. */
export function isIpcShare(path: string): boolean {
  return path.toUpperCase().endsWith('\\IPC$') || path.toUpperCase() === 'IPC$';
}

/** Adds to a bounded map, evicting the oldest entry (insertion order) with an anomaly. */
export function boundedSet<V>(
  m: Map<number, V>,
  key: number,
  value: V,
  max: number,
  sink: DecodeSink,
  anomaly: string,
): void {
  if (!m.has(key) && m.size >= max) {
    const oldest = m.keys().next();
    if (!oldest.done) m.delete(oldest.value);
    sink.anomaly(anomaly, `${max} entries`);
  }
  m.set(key, value);
}

/** Forgets a closed file, and its DCE/RPC state. */
export function closeFile(state: SmbState, files: Map<number, FileInfo>, key: number): void {
  const file = files.get(key);
  if (!file) return;
  if (file.rpc) state.rpcPipes--;
  files.delete(key);
}

/** Sends an event to the sink, or keeps it until an oversized message has been skipped. */
export function out(state: SmbState, sink: DecodeSink, ev: SmbEvent): void {
  const dir = state.deferDir;
  if (dir === 0 || dir === 1) {
    const list = state.deferred[dir];
    if (list) list.push(ev);
    else state.deferred[dir] = [ev];
  } else sink.emit(ev);
}

/**
 * Reads a session setup security blob: SPNEGO mechanisms and the NTLMSSP message inside it
 * (or a raw NTLMSSP blob). Sets `auth` and `mech_types` on `f`; returns the NTLMSSP layer.
 */
export function securityBlob(
  d: Uint8Array,
  s: number,
  e: number,
  f: SmbFields,
  sink: DecodeSink,
): NtlmsspLayer | null {
  if (e <= s) return null;
  const sp = parseSpnego(d, s, e);
  if (sp) {
    if (sp.mech_types) f.mech_types = sp.mech_types;
    const ts = sp.mech_token_start;
    const te = sp.mech_token_end;
    if (ts >= 0 && te > ts) {
      // A Kerberos mechToken is a GSS-API initial-context token ([RFC4121] 4.1: 0x60 then
      // the krb5 OID); NTLMSSP carries its own signature.
      if (d[ts] === 0x60) f.auth = 'kerberos';
    } else if (sp.supported_mech)
      f.auth = sp.supported_mech === 'ms_kerberos' ? 'kerberos' : sp.supported_mech;
  }
  const at = ntlmsspAt(d, s, e);
  if (at < 0) return null;
  const n = parseNtlmssp(d, at, e);
  if (!n) return null;
  f.auth = 'ntlmssp';
  if (n.message_type === 'authenticate') {
    if (n.ntlm_version === 'anonymous') sink.anomaly('smb.anonymous_session', 'NTLM anonymous');
    else if (n.ntlm_version === 'v1') sink.anomaly('smb.ntlmv1', n.user ?? '');
  }
  return n;
}

/**
 * The named-pipe seam: a payload written to, read from or transceived on a pipe goes to the
 * DCE/RPC reader ([MS-RPCE] 2.1.1.2, one association per pipe file id); what it returns becomes
 * the event's `dcerpc` layer, and the NTLMSSP message of its auth verifier is left in
 * `state.pipeNtlmssp`.
 */
export function pipePayload(
  state: SmbState,
  file: FileInfo,
  d: Uint8Array,
  s: number,
  e: number,
  toServer: boolean,
  sink: DecodeSink,
): unknown {
  let pipe = file.rpc;
  if (pipe === false) return null;
  if (pipe === null) {
    // A connection-oriented PDU opens with version 5, minor 0 or 1 ([C706] 12.6.3.1).
    if (e - s < 2 || d[s] !== 5 || (d[s + 1] as number) > 1) {
      file.rpc = false;
      return null;
    }
    if (state.rpcPipes >= MAX_RPC_PIPES) {
      sink.anomaly('smb.limit_reached', `more than ${MAX_RPC_PIPES} DCE/RPC pipes`);
      return null;
    }
    state.rpcPipes++;
    pipe = new DcerpcPipe(state.limits);
    file.rpc = pipe;
  }
  const ps = state.pipeSink;
  ps.inner = sink;
  const layer = dcerpcPipeMessage(pipe, d, s, Math.min(e, d.length), toServer, ps);
  ps.inner = null;
  state.pipeNtlmssp = pipe.ntlmssp;
  return layer;
}
