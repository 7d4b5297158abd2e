/**
 * SMB2/3 message reader ([MS-SMB2]): the 64-byte header (2.2.1), compound chains (3.2.4.1.4,
 * NextCommand), and the request/response bodies of NEGOTIATE (2.2.3, 2.2.4, with 3.1.1
 * negotiate contexts 2.2.3.1), SESSION_SETUP (2.2.5, 2.2.6), TREE_CONNECT (2.2.9, 2.2.10),
 * CREATE (2.2.13, 2.2.14), CLOSE (2.2.15), READ (2.2.19, 2.2.20), WRITE (2.2.21, 2.2.22),
 * IOCTL (2.2.31, 2.2.32) and the file-addressed commands (FLUSH, LOCK, QUERY_DIRECTORY,
 * CHANGE_NOTIFY, QUERY_INFO, SET_INFO, OPLOCK_BREAK).
 *
 * ```
 *  0 ProtocolId 0xFE 'SMB' | 4 StructureSize 64 | 6 CreditCharge | 8 Status/ChannelSequence
 * 12 Command | 14 Credits | 16 Flags | 20 NextCommand | 24 MessageId (8)
 * 32 AsyncId (8) or Reserved (4) + TreeId (4) | 40 SessionId (8) | 48 Signature (16)
 * ```
 *
 * Offsets inside bodies (security buffers, names, data) count from the start of the header.
 * The tree of each message is named from the TREE_CONNECT seen on the flow; file ids from the
 * CREATE response that returned them, with the name its request asked for.
 */
import type { DecodeSink } from '../../decoder.js';
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import {
  COMPRESSION_NAMES,
  CREATE_DISPOSITION_NAMES,
  FSCTL_NAMES,
  FSCTL_PIPE_TRANSCEIVE,
  LOGON_FAILURES,
  NEGOTIATE_CONTEXT_COMPRESSION,
  NEGOTIATE_CONTEXT_NAMES,
  NT_STATUS_NAMES,
  SHARE_TYPE_NAMES,
  SHARE_TYPE_PIPE,
  SMB2_COMMAND_NAMES,
  SMB2_DIALECT_NAMES,
  STATUS_PENDING,
  Smb2Cmd,
  Smb2Flag,
} from './constants.js';
import type { SmbFields } from './events.js';
import {
  MAX_CHAIN,
  MAX_DIALECTS,
  MAX_FILES,
  MAX_TREES,
  boundedSet,
  hex64,
  hexBytes,
  isAdminShare,
  isIpcShare,
  closeFile,
  out,
  pipePayload,
  securityBlob,
  u16,
  u32,
  u64,
  utf16,
} from './state.js';
import type { FileInfo, Pending, SmbState } from './state.js';

const HEADER = 64;
/** Negotiate contexts read from one NEGOTIATE (the spec defines seven types). */
const MAX_CONTEXTS = 16;

/** The key of a FileId in the per-flow table: volatile low 32 bits and persistent low 16. */
function fileKey(d: Uint8Array, p: number): number {
  return u32(d, p + 8) * 0x1_0000 + u16(d, p);
}

/**
 * The key of a tree in the per-flow table: tree ids are per session ([MS-SMB2] 3.3.1.8), so
 * the key joins the TreeId with the low 21 bits of the SessionId.
 */
function treeKey(d: Uint8Array, h: number, treeId: number): number {
  return treeId * 0x20_0000 + (u32(d, h + 40) & 0x1f_ffff);
}

/** A FileId of all ones: "the file of the previous command of this compound" (3.2.4.1.4). */
function isRelatedFileId(d: Uint8Array, p: number): boolean {
  for (let i = 0; i < 16; i++) if (d[p + i] !== 0xff) return false;
  return true;
}

function dialectName(v: number): string {
  return SMB2_DIALECT_NAMES[v] ?? `0x${v.toString(16).padStart(4, '0')}`;
}

/**
 * Reads one SMB2 message (possibly a compound) from `d[s, e)`.
 *
 * @param cut the message continues past `e` (an oversized message read from its prefix): a
 *   body cut by `e` is read as far as it goes, without an anomaly.
 */
export function parseSmb2(
  state: SmbState,
  d: Uint8Array,
  s: number,
  e: number,
  toServer: boolean,
  cut: boolean,
  sink: DecodeSink,
): void {
  let h = s;
  for (let idx = 0; idx < MAX_CHAIN; idx++) {
    if (e - h < HEADER) {
      if (!cut) sink.anomaly('smb.malformed_message', 'SMB2 header cut short');
      return;
    }
    if (d[h] !== 0xfe || d[h + 1] !== 0x53 || d[h + 2] !== 0x4d || d[h + 3] !== 0x42) {
      sink.anomaly('smb.invalid_header', 'compound element without the SMB2 protocol id');
      return;
    }
    if (u16(d, h + 4) !== HEADER) sink.anomaly('smb.invalid_header', 'SMB2 StructureSize not 64');
    const next = u32(d, h + 20);
    let end = e;
    if (next !== 0) {
      if (next < HEADER || (h + next > e && !cut)) {
        sink.anomaly('smb.malformed_message', `NextCommand ${next} outside the message`);
      } else if (h + next <= e) end = h + next;
    }
    command(state, d, h, end, toServer, idx, cut && end === e, sink);
    if (next === 0 || end === e) return;
    h = end;
  }
  sink.anomaly('smb.limit_reached', `more than ${MAX_CHAIN} compound commands`);
}

/** Reads one command: header at `h`, body up to `e`. */
function command(
  state: SmbState,
  d: Uint8Array,
  h: number,
  e: number,
  toServer: boolean,
  idx: number,
  cut: boolean,
  sink: DecodeSink,
): void {
  state.pipeNtlmssp = null;
  const cmd = u16(d, h + 12);
  const flags = u32(d, h + 16);
  const isResp = (flags & Smb2Flag.SERVER_TO_REDIR) !== 0;
  const async = (flags & Smb2Flag.ASYNC_COMMAND) !== 0;
  const msgId = u64(d, h + 24);
  const f: SmbFields = {
    version: 2,
    command: cmd,
    command_name: SMB2_COMMAND_NAMES[cmd] ?? `unknown_0x${cmd.toString(16)}`,
    is_response: isResp,
    message_id: msgId,
    session_id: hex64(d, h + 40),
  };
  if (isResp !== !toServer) sink.anomaly('smb.unexpected_direction', f.command_name);
  if (cmd > Smb2Cmd.OPLOCK_BREAK) sink.anomaly('smb.unknown_command', `SMB2 command ${cmd}`);
  let treeId = -1;
  if (async) f.async_id = hex64(d, h + 32);
  else {
    treeId = u32(d, h + 36);
    f.tree_id = treeId;
  }
  if (idx > 0) f.compound_index = idx;
  if (flags & Smb2Flag.RELATED_OPERATIONS) f.related = true;
  if (flags & Smb2Flag.SIGNED) f.signed = true;
  const status = u32(d, h + 8);
  if (isResp) {
    f.status = status;
    const sn = NT_STATUS_NAMES[status];
    if (sn !== undefined) f.status_name = sn;
  }
  // The tree of a message is the share its tree id was connected to (Wireshark's `smb2.tree`);
  // a TREE_CONNECT request names it itself, its response not yet.
  const tKey = treeId >= 0 ? treeKey(d, h, treeId) : -1;
  const tree =
    tKey >= 0 && !(isResp && cmd === Smb2Cmd.TREE_CONNECT) ? state.trees2.get(tKey) : undefined;
  if (tree) {
    f.tree = tree.path;
    if (tree.admin) f.admin_share = true;
  }
  let pending: Pending | undefined;
  if (isResp) {
    pending = state.pending2.get(msgId);
    // An interim STATUS_PENDING response is followed by the final one with the same id.
    if (pending && !(async && status === STATUS_PENDING)) state.pending2.delete(msgId);
  }
  const b = h + HEADER;
  const blen = e - b;
  let ntlm: NtlmsspLayer | null = null;
  let rpc: unknown = null;
  let reqName: string | null = null;
  let reqFile = -1;
  const errorBody =
    isResp && blen >= 8 && u16(d, b) === 9 && status !== 0 && cmd !== Smb2Cmd.SESSION_SETUP;
  if (!errorBody && blen >= 2) {
    switch (cmd) {
      case Smb2Cmd.NEGOTIATE:
        if (!isResp) negotiateRequest(d, h, b, e, f, sink);
        else negotiateResponse(d, h, b, e, f, sink);
        break;
      case Smb2Cmd.SESSION_SETUP:
        if (!isResp && blen >= 24) {
          const off = h + u16(d, b + 12);
          ntlm = securityBlob(d, off, Math.min(e, off + u16(d, b + 14)), f, sink);
        } else if (isResp && blen >= 8) {
          f.session_flags = u16(d, b + 2);
          const off = h + u16(d, b + 4);
          ntlm = securityBlob(d, off, Math.min(e, off + u16(d, b + 6)), f, sink);
          if (LOGON_FAILURES.has(status)) sink.anomaly('smb.logon_failure', f.status_name ?? '');
        }
        break;
      case Smb2Cmd.TREE_CONNECT:
        if (!isResp && blen >= 8) {
          const off = h + u16(d, b + 4);
          const path = utf16(d, off, Math.min(e, off + u16(d, b + 6)), state.limits.maxStringBytes);
          reqName = path;
          f.tree = path;
          if (isAdminShare(path)) {
            f.admin_share = true;
            if (!isIpcShare(path)) sink.anomaly('smb.admin_share', path);
          } else delete f.admin_share;
        } else if (isResp && blen >= 4) {
          const st = d[b + 2] as number;
          const stName = SHARE_TYPE_NAMES[st];
          if (stName !== undefined) f.share_type = stName;
          if (pending?.command === Smb2Cmd.TREE_CONNECT && pending.name !== null && status === 0) {
            const path = pending.name;
            boundedSet(
              state.trees2,
              tKey,
              { path, admin: isAdminShare(path), pipe: st === SHARE_TYPE_PIPE || isIpcShare(path) },
              MAX_TREES,
              sink,
              'smb.limit_reached',
            );
          }
        }
        break;
      case Smb2Cmd.CREATE:
        if (!isResp && blen >= 56) {
          const off = h + u16(d, b + 44);
          const name = utf16(
            d,
            off,
            Math.min(e, off + u16(d, b + 46)),
            state.limits.maxStringBytes,
          );
          reqName = name;
          f.filename = name;
          if (tree?.pipe) f.is_pipe = true;
          f.desired_access = u32(d, b + 24);
          const disp = u32(d, b + 36);
          f.disposition = CREATE_DISPOSITION_NAMES[disp] ?? String(disp);
          f.create_options = u32(d, b + 40);
        } else if (isResp && blen >= 80) {
          const key = fileKey(d, b + 64);
          f.file_id = hexBytes(d, b + 64, 16);
          if (pending?.command === Smb2Cmd.CREATE && pending.name !== null) {
            f.filename = pending.name;
            const ptree = pending.treeId >= 0 ? state.trees2.get(pending.treeId) : undefined;
            const pipe = ptree?.pipe === true;
            if (pipe) f.is_pipe = true;
            if (status === 0) {
              boundedSet(
                state.files2,
                key,
                { name: pending.name, pipe, rpc: null },
                MAX_FILES,
                sink,
                'smb.limit_reached',
              );
            }
          }
          state.lastCreateKey = key;
        }
        break;
      case Smb2Cmd.CLOSE:
        if (!isResp && blen >= 24) reqFile = fileRef(state, d, b + 8, f, flags);
        else if (isResp && pending && pending.fileKey >= 0) {
          fileFromPending(state, pending, f);
          if (status === 0) closeFile(state, state.files2, pending.fileKey);
        }
        break;
      case Smb2Cmd.READ:
        if (!isResp && blen >= 48) {
          f.length = u32(d, b + 4);
          f.offset = u64(d, b + 8);
          reqFile = fileRef(state, d, b + 16, f, flags);
        } else if (isResp && blen >= 16) {
          const dlen = u32(d, b + 4);
          f.length = dlen;
          if (pending) fileFromPending(state, pending, f);
          const off = h + (d[b + 2] as number);
          const end = Math.min(e, off + dlen);
          const file = pending ? pipeFile(state, pending.fileKey, d, off, end, f, sink) : undefined;
          if (file) rpc = pipePayload(state, file, d, off, end, false, sink);
        }
        break;
      case Smb2Cmd.WRITE:
        if (!isResp && blen >= 48) {
          const dlen = u32(d, b + 4);
          f.length = dlen;
          f.offset = u64(d, b + 8);
          reqFile = fileRef(state, d, b + 16, f, flags);
          const off = h + u16(d, b + 2);
          const end = Math.min(e, off + dlen);
          const file = pipeFile(state, reqFile, d, off, end, f, sink);
          if (file) rpc = pipePayload(state, file, d, off, end, true, sink);
        } else if (isResp && blen >= 8) {
          f.length = u32(d, b + 4);
          if (pending) fileFromPending(state, pending, f);
        }
        break;
      case Smb2Cmd.IOCTL:
        if (blen >= 24) {
          const ctl = u32(d, b + 4);
          f.ctl_code = ctl;
          const cn = FSCTL_NAMES[ctl];
          if (cn !== undefined) f.ctl_name = cn;
          if (!isResp && blen >= 56) {
            reqFile = fileRef(state, d, b + 8, f, flags);
            if (ctl === FSCTL_PIPE_TRANSCEIVE) {
              const off = h + u32(d, b + 24);
              const end = Math.min(e, off + u32(d, b + 28));
              const file = pipeFile(state, reqFile, d, off, end, f, sink);
              if (file) rpc = pipePayload(state, file, d, off, end, true, sink);
            }
          } else if (isResp && blen >= 48) {
            if (pending) fileFromPending(state, pending, f);
            if (ctl === FSCTL_PIPE_TRANSCEIVE && pending) {
              const off = h + u32(d, b + 32);
              const end = Math.min(e, off + u32(d, b + 36));
              const file = pipeFile(state, pending.fileKey, d, off, end, f, sink);
              if (file) rpc = pipePayload(state, file, d, off, end, false, sink);
            }
          }
        }
        break;
      case Smb2Cmd.FLUSH:
      case Smb2Cmd.LOCK:
      case Smb2Cmd.QUERY_DIRECTORY:
      case Smb2Cmd.CHANGE_NOTIFY:
      case Smb2Cmd.OPLOCK_BREAK:
        if (!isResp && blen >= 24) reqFile = fileRef(state, d, b + 8, f, flags);
        else if (isResp && pending) fileFromPending(state, pending, f);
        break;
      case Smb2Cmd.QUERY_INFO:
        if (!isResp && blen >= 40) reqFile = fileRef(state, d, b + 24, f, flags);
        else if (isResp && pending) fileFromPending(state, pending, f);
        break;
      case Smb2Cmd.SET_INFO:
        if (!isResp && blen >= 32) reqFile = fileRef(state, d, b + 16, f, flags);
        else if (isResp && pending) fileFromPending(state, pending, f);
        break;
      default:
        break;
    }
  } else if (isResp && pending) fileFromPending(state, pending, f);
  if (!isResp && cmd !== Smb2Cmd.CANCEL) {
    boundedSet(
      state.pending2,
      msgId,
      { command: cmd, name: reqName, fileKey: reqFile, treeId: tKey, sub: -1 },
      state.limits.maxPendingTransactions,
      sink,
      'smb.too_many_pending',
    );
  }
  if (cut && blen < 2) return;
  out(state, sink, {
    kind: isResp ? 'smb.response' : 'smb.request',
    smb: f,
    ...(ntlm ? { ntlmssp: ntlm } : state.pipeNtlmssp ? { ntlmssp: state.pipeNtlmssp } : {}),
    ...(rpc !== null ? { dcerpc: rpc } : {}),
  });
}

/**
 * The pipe a READ, WRITE or transceive payload `d[s, e)` goes through: the open file of `key`
 * when it is a pipe; or, when the capture did not show the file's CREATE (it started within the
 * session), a pipe assumed from a payload that is one whole DCE/RPC PDU, as Wireshark's
 * heuristic does.
 */
function pipeFile(
  state: SmbState,
  key: number,
  d: Uint8Array,
  s: number,
  e: number,
  f: SmbFields,
  sink: DecodeSink,
): FileInfo | undefined {
  if (key < 0) return undefined;
  const known = state.files2.get(key);
  if (known) return known.pipe ? known : undefined;
  if (!looksLikeRpc(d, s, e)) return undefined;
  const file: FileInfo = { name: '', pipe: true, rpc: null };
  boundedSet(state.files2, key, file, MAX_FILES, sink, 'smb.limit_reached');
  f.is_pipe = true;
  return file;
}

/**
 * A connection-oriented DCE/RPC PDU filling `d[s, e)` ([C706] 12.6.3.1): version 5.0 or 5.1,
 * a known packet type, an integer representation of 0x00 or 0x10, and a frag_length equal to
 * the payload.
 */
function looksLikeRpc(d: Uint8Array, s: number, e: number): boolean {
  if (e - s < 16 || e > d.length) return false;
  if (d[s] !== 5 || (d[s + 1] as number) > 1 || (d[s + 2] as number) > 20) return false;
  const drep = d[s + 4] as number;
  if (drep !== 0x10 && drep !== 0x00) return false;
  const frag = drep === 0x10 ? u16(d, s + 8) : ((d[s + 8] as number) << 8) | (d[s + 9] as number);
  return frag === e - s;
}

/** Names the file a request addresses; returns its key, or -1. */
function fileRef(state: SmbState, d: Uint8Array, p: number, f: SmbFields, flags: number): number {
  let key: number;
  if (flags & Smb2Flag.RELATED_OPERATIONS && isRelatedFileId(d, p)) key = state.lastCreateKey;
  else {
    key = fileKey(d, p);
    f.file_id = hexBytes(d, p, 16);
  }
  if (key < 0) return -1;
  const file = state.files2.get(key);
  if (file) {
    if (file.name !== '') f.filename = file.name;
    if (file.pipe) f.is_pipe = true;
  }
  return key;
}

/** Names the file of a response from its request; returns the file. */
function fileFromPending(state: SmbState, p: Pending, f: SmbFields): FileInfo | undefined {
  if (p.fileKey < 0) return undefined;
  const file = state.files2.get(p.fileKey);
  if (file) {
    if (file.name !== '') f.filename = file.name;
    if (file.pipe) f.is_pipe = true;
  }
  return file;
}

function negotiateRequest(
  d: Uint8Array,
  h: number,
  b: number,
  e: number,
  f: SmbFields,
  sink: DecodeSink,
): void {
  if (e - b < 36) return;
  const count = u16(d, b + 2);
  const dialects: string[] = [];
  let has311 = false;
  for (let i = 0; i < count && b + 36 + 2 * i + 2 <= e; i++) {
    const v = u16(d, b + 36 + 2 * i);
    if (v === 0x0311) has311 = true;
    if (dialects.length < MAX_DIALECTS) dialects.push(dialectName(v));
  }
  f.dialects = dialects;
  if (has311) contexts(d, h, h + u32(d, b + 28), u16(d, b + 32), e, f, sink);
}

function negotiateResponse(
  d: Uint8Array,
  h: number,
  b: number,
  e: number,
  f: SmbFields,
  sink: DecodeSink,
): void {
  if (e - b < 64) return;
  const dialect = u16(d, b + 4);
  f.dialect = dialectName(dialect);
  const secOff = h + u16(d, b + 56);
  securityBlob(d, secOff, Math.min(e, secOff + u16(d, b + 58)), f, sink);
  if (dialect === 0x0311) contexts(d, h, h + u32(d, b + 60), u16(d, b + 6), e, f, sink);
}

/** Walks the negotiate context list ([MS-SMB2] 2.2.3.1: 8-byte aligned, type, length, data). */
function contexts(
  d: Uint8Array,
  h: number,
  start: number,
  count: number,
  e: number,
  f: SmbFields,
  sink: DecodeSink,
): void {
  const names: string[] = [];
  let p = start;
  for (let i = 0; i < count && i < MAX_CONTEXTS; i++) {
    p = h + ((p - h + 7) & ~7);
    if (p + 8 > e) {
      sink.anomaly('smb.malformed_message', 'negotiate context outside the message');
      break;
    }
    const type = u16(d, p);
    const len = u16(d, p + 2);
    names.push(NEGOTIATE_CONTEXT_NAMES[type] ?? `0x${type.toString(16).padStart(4, '0')}`);
    const ds = p + 8;
    if (ds + len > e) {
      sink.anomaly('smb.malformed_message', 'negotiate context longer than the message');
      break;
    }
    if (type === NEGOTIATE_CONTEXT_COMPRESSION && len >= 8) {
      const algs: string[] = [];
      const n = u16(d, ds);
      for (let k = 0; k < n && k < MAX_CONTEXTS && ds + 8 + 2 * k + 2 <= ds + len; k++) {
        const a = u16(d, ds + 8 + 2 * k);
        algs.push(COMPRESSION_NAMES[a] ?? `0x${a.toString(16).padStart(4, '0')}`);
      }
      f.compression_algorithms = algs;
    }
    p = ds + len;
  }
  f.negotiate_contexts = names;
}
