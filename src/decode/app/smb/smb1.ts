/**
 * SMB1 (CIFS) message reader ([MS-CIFS], [MS-SMB]): the 32-byte header (2.2.3.1), parameter
 * words and data bytes, AndX chains (2.2.3.4), and NEGOTIATE (2.2.4.52), SESSION_SETUP_ANDX
 * (2.2.4.53, [MS-SMB] 2.2.4.6 extended security), TREE_CONNECT_ANDX (2.2.4.55),
 * NT_CREATE_ANDX (2.2.4.64), READ_ANDX (2.2.4.42), WRITE_ANDX (2.2.4.43), CLOSE (2.2.4.5),
 * TRANSACTION (2.2.4.33), TRANSACTION2 (2.2.4.46), NT_TRANSACT (2.2.4.62) and their secondary
 * requests, TREE_DISCONNECT and LOGOFF_ANDX.
 *
 * ```
 *  0 Protocol 0xFF 'SMB' | 4 Command | 5 Status (4) | 9 Flags | 10 Flags2 (2) | 12 PIDHigh
 * 14 SecurityFeatures (8) | 22 Reserved | 24 TID | 26 PIDLow | 28 UID | 30 MID
 * 32 WordCount | 33 Words (2 x WordCount) | ByteCount (2) | Bytes
 * ```
 *
 * EternalBlue-era exploitation shows in these fields: a Trans2 SESSION_SETUP request (the
 * obsolete subcommand the DoublePulsar implant answers; its reply's MID is the request's plus
 * 16 when the implant is installed), and an NT_TRANSACT whose data is continued by
 * TRANSACTION2_SECONDARY requests (the type confusion of CVE-2017-0144).
 */
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import type { DecodeSink } from '../../decoder.js';
import {
  CREATE_DISPOSITION_NAMES,
  LOGON_FAILURES,
  NT_STATUS_NAMES,
  NT_TRANSACT_NAMES,
  SMB1_ANDX,
  SMB1_COMMAND_NAMES,
  Smb1Cmd,
  TRANS2_NAMES,
  TRANS2_SESSION_SETUP,
  TRANS_PIPE_NAMES,
} from './constants.js';
import type { SmbFields } from './events.js';
import {
  MAX_CHAIN,
  MAX_DIALECTS,
  MAX_FILES,
  MAX_TREES,
  ascii,
  boundedSet,
  isAdminShare,
  isIpcShare,
  closeFile,
  out,
  pipePayload,
  securityBlob,
  skipString,
  u16,
  u32,
  utf16,
} from './state.js';
import type { FileInfo, Pending, SmbState } from './state.js';

const HEADER = 32;
const FLAGS_REPLY = 0x80;
const FLAGS2_UNICODE = 0x8000;
const FLAGS2_NT_STATUS = 0x4000;
const FLAGS2_EXTENDED_SECURITY = 0x0800;
/** The DoublePulsar implant answers its Trans2 SESSION_SETUP "ping" with MID + 16. */
const DOUBLEPULSAR_MID_DELTA = 0x10;
/** Primary transaction command of each secondary one ([MS-CIFS] 2.2.4.34, 2.2.4.47, 2.2.4.63). */
const PRIMARY_OF: Readonly<Record<number, number>> = {
  [Smb1Cmd.TRANSACTION_SECONDARY]: Smb1Cmd.TRANSACTION,
  [Smb1Cmd.TRANSACTION2_SECONDARY]: Smb1Cmd.TRANSACTION2,
  [Smb1Cmd.NT_TRANSACT_SECONDARY]: Smb1Cmd.NT_TRANSACT,
};

/** Per-message context the block readers share (module-level: decoding is not re-entrant). */
const ctx = {
  h: 0,
  e: 0,
  unicode: false,
  isResp: false,
  status: 0,
  key: 0,
  tid: 0,
  ntlm: null as NtlmsspLayer | null,
  rpc: null as unknown,
  pending: undefined as Pending | undefined,
  reqName: null as string | null,
  reqFile: -1,
  reqSub: -1,
  cut: false,
};

function cmdName(c: number): string {
  return SMB1_COMMAND_NAMES[c] ?? `unknown_0x${c.toString(16).padStart(2, '0')}`;
}

/** A string in the data bytes at `p`: Unicode strings are 2-byte aligned from the header. */
function str(d: Uint8Array, p: number, e: number, cap: number): string {
  if (ctx.unicode) {
    const q = (p - ctx.h) & 1 ? p + 1 : p;
    return utf16(d, q, e, cap);
  }
  return ascii(d, p, e, cap);
}

function strEnd(d: Uint8Array, p: number, e: number): number {
  if (ctx.unicode) {
    const q = (p - ctx.h) & 1 ? p + 1 : p;
    return skipString(d, q, e, true);
  }
  return skipString(d, p, e, false);
}

/**
 * Reads one SMB1 message from `d[s, e)`.
 *
 * @param cut the message continues past `e` (an oversized message read from its prefix).
 */
export function parseSmb1(
  state: SmbState,
  d: Uint8Array,
  s: number,
  e: number,
  toServer: boolean,
  cut: boolean,
  sink: DecodeSink,
): void {
  if (e - s < HEADER + 1) {
    sink.anomaly('smb.malformed_message', 'SMB1 header cut short');
    return;
  }
  const cmd = d[s + 4] as number;
  const flags = d[s + 9] as number;
  const flags2 = u16(d, s + 10);
  const isResp = (flags & FLAGS_REPLY) !== 0;
  const tid = u16(d, s + 24);
  const pid = u16(d, s + 26);
  const uid = u16(d, s + 28);
  const mid = u16(d, s + 30);
  const status =
    flags2 & FLAGS2_NT_STATUS ? u32(d, s + 5) : ((d[s + 5] as number) << 16) | u16(d, s + 7);
  const f: SmbFields = {
    version: 1,
    command: cmd,
    command_name: cmdName(cmd),
    is_response: isResp,
    message_id: mid,
    uid,
    tree_id: tid,
    pid,
  };
  if (isResp) {
    f.status = status;
    const sn = NT_STATUS_NAMES[status];
    if (sn !== undefined) f.status_name = sn;
  }
  if (isResp !== !toServer) sink.anomaly('smb.unexpected_direction', f.command_name);
  if (SMB1_COMMAND_NAMES[cmd] === undefined)
    sink.anomaly('smb.unknown_command', `SMB1 command 0x${cmd.toString(16)}`);
  if (!state.smb1Reported && (cmd !== Smb1Cmd.NEGOTIATE || isResp)) {
    state.smb1Reported = true;
    sink.anomaly('smb.smb1_session', f.command_name);
  }
  const key = mid + pid * 0x1_0000;
  state.pipeNtlmssp = null;
  ctx.h = s;
  ctx.e = e;
  ctx.unicode = (flags2 & FLAGS2_UNICODE) !== 0;
  ctx.isResp = isResp;
  ctx.status = status;
  ctx.key = key;
  ctx.tid = tid;
  ctx.ntlm = null;
  ctx.rpc = null;
  ctx.reqName = null;
  ctx.reqFile = -1;
  ctx.reqSub = -1;
  ctx.cut = cut;
  ctx.pending = undefined;
  if (isResp) {
    ctx.pending = state.pending1.get(key);
    if (ctx.pending) state.pending1.delete(key);
    else if (
      cmd === Smb1Cmd.TRANSACTION2 &&
      state.trans2SetupMid >= 0 &&
      mid === ((state.trans2SetupMid + DOUBLEPULSAR_MID_DELTA) & 0xffff)
    ) {
      // The implant's reply: MID of the ping plus 16, no request with that MID.
      sink.anomaly(
        'smb.doublepulsar_reply',
        `MID ${state.trans2SetupMid} answered with MID ${mid}`,
      );
      f.subcommand = TRANS2_SESSION_SETUP;
      f.subcommand_name = 'session_setup';
    }
  }
  const tree = state.trees1.get(tid);
  if (tree) {
    f.tree = tree.path;
    if (tree.admin) f.admin_share = true;
  }
  // The head block, then each AndX block ([MS-CIFS] 2.2.3.4): AndXCommand, reserved, AndXOffset.
  let blk = s + HEADER;
  let c = cmd;
  const chain: number[] = [];
  for (let i = 0; i < MAX_CHAIN; i++) {
    const w = blk + 1;
    const wc = d[blk] as number;
    const bcPos = w + 2 * wc;
    if (bcPos + 2 > e) {
      // Words (or the ByteCount) cut by the end of the message.
      if (!cut) sink.anomaly('smb.malformed_message', `${cmdName(c)} words run past the message`);
      if (w + 2 * wc <= e) block(state, c, d, w, wc, e, e, f, sink);
      break;
    }
    const bc = u16(d, bcPos);
    let bs = bcPos + 2;
    let be = bs + bc;
    if (be > e) {
      if (!cut) sink.anomaly('smb.malformed_message', `${cmdName(c)} bytes run past the message`);
      be = e;
    }
    if (bs > be) bs = be;
    block(state, c, d, w, wc, bs, be, f, sink);
    if (!SMB1_ANDX.has(c) || wc < 2) break;
    const next = d[w] as number;
    chain.push(next);
    if (next === Smb1Cmd.NO_ANDX) break;
    const off = s + u16(d, w + 2);
    // AndX offsets only move forward; a loop or a block outside the message ends the chain.
    if (off <= blk || off >= e) {
      if (!cut || off <= blk)
        sink.anomaly('smb.malformed_message', `AndX offset ${off - s} invalid`);
      break;
    }
    blk = off;
    c = next;
  }
  if (chain.length > 0) {
    f.andx_commands = chain;
    const names: string[] = [];
    for (const x of chain) if (x !== Smb1Cmd.NO_ANDX) names.push(cmdName(x));
    if (names.length > 0) f.andx_names = names;
  }
  if (
    !isResp &&
    cmd !== Smb1Cmd.NT_TRANSACT_SECONDARY &&
    cmd !== Smb1Cmd.TRANSACTION_SECONDARY &&
    cmd !== Smb1Cmd.TRANSACTION2_SECONDARY
  ) {
    boundedSet(
      state.pending1,
      key,
      { command: cmd, name: ctx.reqName, fileKey: ctx.reqFile, treeId: tid, sub: ctx.reqSub },
      state.limits.maxPendingTransactions,
      sink,
      'smb.too_many_pending',
    );
  }
  const ntlm = ctx.ntlm;
  const rpc = ctx.rpc;
  out(state, sink, {
    kind: isResp ? 'smb.response' : 'smb.request',
    smb: f,
    ...(ntlm ? { ntlmssp: ntlm } : state.pipeNtlmssp ? { ntlmssp: state.pipeNtlmssp } : {}),
    ...(rpc !== null ? { dcerpc: rpc } : {}),
  });
}

/** Names the file of a FID and returns it. */
function fid(state: SmbState, id: number, f: SmbFields): FileInfo | undefined {
  f.fid = id;
  const file = state.files1.get(id);
  if (file) {
    f.filename = file.name;
    if (file.pipe) f.is_pipe = true;
  }
  return file;
}

/** Reads one command block: words at `w` (`wc` of them), data bytes `[bs, be)`. */
function block(
  state: SmbState,
  c: number,
  d: Uint8Array,
  w: number,
  wc: number,
  bs: number,
  be: number,
  f: SmbFields,
  sink: DecodeSink,
): void {
  const isResp = ctx.isResp;
  const pending = ctx.pending;
  const cap = state.limits.maxStringBytes;
  switch (c) {
    case Smb1Cmd.NEGOTIATE:
      if (!isResp) {
        const list: string[] = [];
        let p = bs;
        while (p < be && list.length < MAX_DIALECTS) {
          if (d[p] !== 0x02) {
            sink.anomaly('smb.malformed_message', 'dialect without buffer format 0x02');
            break;
          }
          const q = skipString(d, p + 1, be, false);
          list.push(ascii(d, p + 1, q, cap));
          p = q;
        }
        f.dialects = list;
        state.dialects1 = list;
      } else if (wc >= 1) {
        const idx = u16(d, w);
        const list = state.dialects1;
        if (list && idx < list.length) f.dialect = list[idx] as string;
        // Extended security: the server GUID, then the SPNEGO NegTokenInit ([MS-SMB] 2.2.4.5.2.1).
        if (wc === 17 && bs + 16 < be && (u16(d, ctx.h + 10) & FLAGS2_EXTENDED_SECURITY) !== 0) {
          securityBlob(d, bs + 16, be, f, sink);
        }
      }
      break;
    case Smb1Cmd.SESSION_SETUP_ANDX:
      if (!isResp && wc === 12) {
        const blen = u16(d, w + 14);
        ctx.ntlm = securityBlob(d, bs, Math.min(be, bs + blen), f, sink);
        const os = bs + blen;
        if (os < be) f.native_os = str(d, os, be, cap);
      } else if (!isResp && wc === 13) {
        const oem = u16(d, w + 14);
        const uni = u16(d, w + 16);
        // Passwords of 24 bytes are LM/NTLM responses; other OEM passwords are cleartext
        // ([MS-CIFS] 3.2.4.2.4: share-level or plaintext authentication).
        if (oem > 1 && oem !== 24 && uni === 0) {
          f.password_present = true;
          sink.anomaly('smb.cleartext_password', 'SESSION_SETUP_ANDX OEM password');
        }
        let p = bs + oem + uni;
        if (p <= be) {
          f.user = str(d, p, be, cap);
          p = strEnd(d, p, be);
          f.domain = str(d, p, be, cap);
          p = strEnd(d, p, be);
          if (p < be) f.native_os = str(d, p, be, cap);
        }
        if (uni === 0 && oem <= 1 && f.user === '')
          sink.anomaly('smb.anonymous_session', 'null session');
      } else if (isResp && wc === 4) {
        const blen = u16(d, w + 6);
        ctx.ntlm = securityBlob(d, bs, Math.min(be, bs + blen), f, sink);
        if (bs + blen < be) f.native_os = str(d, bs + blen, be, cap);
      } else if (isResp && wc === 3 && bs < be) f.native_os = str(d, bs, be, cap);
      if (isResp && LOGON_FAILURES.has(ctx.status))
        sink.anomaly('smb.logon_failure', f.status_name ?? '');
      break;
    case Smb1Cmd.TREE_CONNECT_ANDX:
      if (!isResp && wc >= 4) {
        const pw = u16(d, w + 6);
        const path = str(d, bs + pw, be, cap);
        ctx.reqName = path;
        f.tree = path;
        if (isAdminShare(path)) {
          f.admin_share = true;
          if (!isIpcShare(path)) sink.anomaly('smb.admin_share', path);
        } else delete f.admin_share;
      } else if (isResp) {
        if (pending?.command === Smb1Cmd.TREE_CONNECT_ANDX && pending.name !== null) {
          const path = pending.name;
          f.tree = path;
          if (isAdminShare(path)) f.admin_share = true;
          if (ctx.status !== 0) {
            // Wireshark records the path under the TID of a failed connect too (0), and names
            // the messages that follow on that TID with it; so do we.
            boundedSet(
              state.trees1,
              ctx.tid,
              { path, admin: isAdminShare(path), pipe: false },
              MAX_TREES,
              sink,
              'smb.limit_reached',
            );
          } else if (wc >= 2) {
            const service = ascii(d, bs, be, 16);
            f.share_type =
              service === 'IPC' ? 'pipe' : service === 'A:' ? 'disk' : service.toLowerCase();
            boundedSet(
              state.trees1,
              ctx.tid,
              { path, admin: isAdminShare(path), pipe: service === 'IPC' || isIpcShare(path) },
              MAX_TREES,
              sink,
              'smb.limit_reached',
            );
          }
        }
      }
      break;
    case Smb1Cmd.NT_CREATE_ANDX:
      if (!isResp && wc >= 24) {
        const name = str(d, bs, be, cap);
        ctx.reqName = name;
        f.filename = name;
        if (state.trees1.get(ctx.tid)?.pipe) f.is_pipe = true;
        f.desired_access = u32(d, w + 15);
        const disp = u32(d, w + 35);
        f.disposition = CREATE_DISPOSITION_NAMES[disp] ?? String(disp);
        f.create_options = u32(d, w + 39);
      } else if (isResp && wc >= 34) {
        const id = u16(d, w + 5);
        f.fid = id;
        if (pending?.command === Smb1Cmd.NT_CREATE_ANDX && pending.name !== null) {
          f.filename = pending.name;
          const pipe = state.trees1.get(pending.treeId)?.pipe === true;
          if (pipe) f.is_pipe = true;
          if (ctx.status === 0) {
            boundedSet(
              state.files1,
              id,
              { name: pending.name, pipe, rpc: null },
              MAX_FILES,
              sink,
              'smb.limit_reached',
            );
          }
        }
      }
      break;
    case Smb1Cmd.CLOSE:
      if (!isResp && wc >= 1) {
        ctx.reqFile = u16(d, w);
        fid(state, ctx.reqFile, f);
      } else if (isResp && pending && pending.fileKey >= 0) {
        fid(state, pending.fileKey, f);
        if (ctx.status === 0) closeFile(state, state.files1, pending.fileKey);
      }
      break;
    case Smb1Cmd.READ_ANDX:
      if (!isResp && wc >= 10) {
        ctx.reqFile = u16(d, w + 4);
        fid(state, ctx.reqFile, f);
        f.offset = u32(d, w + 6);
        f.length = u16(d, w + 10);
      } else if (isResp && wc >= 12) {
        const len = u16(d, w + 10);
        f.length = len;
        const file = pending && pending.fileKey >= 0 ? fid(state, pending.fileKey, f) : undefined;
        if (file?.pipe) {
          const off = ctx.h + u16(d, w + 12);
          ctx.rpc = pipePayload(state, file, d, off, Math.min(ctx.e, off + len), false, sink);
        }
      }
      break;
    case Smb1Cmd.WRITE_ANDX:
      if (!isResp && wc >= 12) {
        ctx.reqFile = u16(d, w + 4);
        const file = fid(state, ctx.reqFile, f);
        f.offset = u32(d, w + 6);
        const len = u16(d, w + 20) + u16(d, w + 18) * 0x1_0000;
        f.length = len;
        if (file?.pipe) {
          const off = ctx.h + u16(d, w + 22);
          ctx.rpc = pipePayload(state, file, d, off, Math.min(ctx.e, off + len), true, sink);
        }
      } else if (isResp && wc >= 6) {
        f.length = u16(d, w + 4);
        if (pending && pending.fileKey >= 0) fid(state, pending.fileKey, f);
      }
      break;
    case Smb1Cmd.TRANSACTION:
    case Smb1Cmd.TRANSACTION2:
      transaction(state, c, d, w, wc, bs, be, f, sink);
      break;
    case Smb1Cmd.NT_TRANSACT:
      if (!isResp && wc >= 19) {
        f.total_parameter_count = u32(d, w + 3);
        f.total_data_count = u32(d, w + 7);
        f.data_count = u32(d, w + 27);
        const fn = u16(d, w + 36);
        ctx.reqSub = fn;
        f.subcommand = fn;
        f.subcommand_name = NT_TRANSACT_NAMES[fn] ?? `unknown_0x${fn.toString(16)}`;
      } else if (isResp && pending && pending.sub >= 0) {
        f.subcommand = pending.sub;
        f.subcommand_name =
          NT_TRANSACT_NAMES[pending.sub] ?? `unknown_0x${pending.sub.toString(16)}`;
      }
      break;
    case Smb1Cmd.TRANSACTION_SECONDARY:
    case Smb1Cmd.TRANSACTION2_SECONDARY:
    case Smb1Cmd.NT_TRANSACT_SECONDARY: {
      if (c === Smb1Cmd.NT_TRANSACT_SECONDARY && wc >= 18) {
        f.total_parameter_count = u32(d, w + 3);
        f.total_data_count = u32(d, w + 7);
        f.data_count = u32(d, w + 23);
      } else if (wc >= 8) {
        f.total_parameter_count = u16(d, w);
        f.total_data_count = u16(d, w + 2);
        f.data_count = u16(d, w + 10);
      }
      // A secondary request continues the primary with the same MID; EternalBlue continues an
      // NT_TRANSACT with TRANSACTION2_SECONDARY requests (CVE-2017-0144).
      const primary = state.pending1.get(ctx.key);
      if (primary && primary.command !== PRIMARY_OF[c]) {
        sink.anomaly(
          'smb.transaction_mismatch',
          `${cmdName(c)} continues ${cmdName(primary.command)}`,
        );
      }
      break;
    }
    case Smb1Cmd.LOGOFF_ANDX:
      break;
    default:
      break;
  }
}

/** TRANSACTION and TRANSACTION2 ([MS-CIFS] 2.2.4.33.1, 2.2.4.46.1 and their responses). */
function transaction(
  state: SmbState,
  c: number,
  d: Uint8Array,
  w: number,
  wc: number,
  bs: number,
  be: number,
  f: SmbFields,
  sink: DecodeSink,
): void {
  const trans2 = c === Smb1Cmd.TRANSACTION2;
  if (!ctx.isResp) {
    if (wc < 14) return;
    f.total_parameter_count = u16(d, w);
    f.total_data_count = u16(d, w + 2);
    const dataCount = u16(d, w + 22);
    const dataOff = u16(d, w + 24);
    f.data_count = dataCount;
    const setupCount = d[w + 26] as number;
    const setup0 = setupCount >= 1 && wc >= 15 ? u16(d, w + 28) : -1;
    if (trans2) {
      f.timeout = u32(d, w + 12);
      if (setup0 >= 0) {
        ctx.reqSub = setup0;
        f.subcommand = setup0;
        f.subcommand_name = TRANS2_NAMES[setup0] ?? `unknown_0x${setup0.toString(16)}`;
        if (setup0 === TRANS2_SESSION_SETUP) {
          state.trans2SetupMid = u16(d, ctx.h + 30);
          sink.anomaly('smb.trans2_session_setup', `timeout 0x${(f.timeout >>> 0).toString(16)}`);
        }
      }
      return;
    }
    const name = str(d, bs, be, state.limits.maxStringBytes);
    f.transaction_name = name;
    if (setup0 >= 0 && name.toUpperCase().startsWith('\\PIPE\\')) {
      ctx.reqSub = setup0;
      f.subcommand = setup0;
      f.subcommand_name = TRANS_PIPE_NAMES[setup0] ?? `unknown_0x${setup0.toString(16)}`;
      if (setupCount >= 2 && wc >= 16) {
        const id = u16(d, w + 30);
        ctx.reqFile = id;
        const file = fid(state, id, f);
        if (file?.pipe) {
          const off = ctx.h + dataOff;
          ctx.rpc = pipePayload(state, file, d, off, Math.min(ctx.e, off + dataCount), true, sink);
        }
      }
    }
    return;
  }
  const pending = ctx.pending;
  if (pending && pending.sub >= 0) {
    f.subcommand = pending.sub;
    const names = trans2 ? TRANS2_NAMES : TRANS_PIPE_NAMES;
    f.subcommand_name = names[pending.sub] ?? `unknown_0x${pending.sub.toString(16)}`;
  }
  if (wc < 10) return;
  f.total_parameter_count = u16(d, w);
  f.total_data_count = u16(d, w + 2);
  const dataCount = u16(d, w + 12);
  f.data_count = dataCount;
  if (!trans2 && pending && pending.fileKey >= 0) {
    const file = fid(state, pending.fileKey, f);
    if (file?.pipe) {
      const off = ctx.h + u16(d, w + 14);
      ctx.rpc = pipePayload(state, file, d, off, Math.min(ctx.e, off + dataCount), false, sink);
    }
  }
}
