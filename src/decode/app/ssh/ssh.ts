/**
 * SSH parser: the identification lines, the binary packet layer up to NEWKEYS (key exchange in
 * the clear), KEXINIT name-lists with HASSH/HASSHServer and the negotiated algorithms; after
 * NEWKEYS only byte counts.
 *
 * References:
 * - [RFC4253] 4.2 identification string, 6 binary packet protocol, 7.1 algorithm negotiation,
 *   8 DH key exchange, 11.1 disconnect; [RFC4419] group exchange; [RFC5656] 7.1 ECDH.
 * - [HASSH] https://github.com/salesforce/hassh: hassh = MD5("kex;enc_c2s;mac_c2s;comp_c2s") of
 *   the client KEXINIT, hasshServer = MD5("kex;enc_s2c;mac_s2c;comp_s2c") of the server's.
 *
 * Binary packet ([RFC4253] 6), in the clear until NEWKEYS:
 *
 * ```
 *  +---------------+---------+-------------------------+---------+
 *  | packet_length | pad_len | payload (msg code, ...) | padding |
 *  | uint32        | byte    | len - pad_len - 1       | pad_len |
 *  +---------------+---------+-------------------------+---------+
 * ```
 *
 * Framing policy. A packet length beyond 35000 or a padding longer than the packet leaves no
 * boundary: before the flow is confirmed (a well-formed banner) it rejects the flow, after it is
 * named and the direction is no longer decoded. After NEWKEYS the packet length is encrypted
 * too (except for EtM and AEAD modes, which are not told apart here), so bytes are counted.
 */
import { createHash } from 'node:crypto';
import { ByteCursor } from '../../cursor.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import { KexList, MESSAGE_NAMES, Msg, SSH, kexMessageName, weakAlgorithm } from './constants.js';
import type { SshEvent, SshEventKind, SshFields, SshNegotiated } from './events.js';

const Phase = { BANNER: 0, PACKETS: 1, ENCRYPTED: 2, IGNORE: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** Per-direction state. */
class Side {
  phase: Phase = Phase.BANNER;
  /** Lines seen before the identification (server side only, [RFC4253] 4.2). */
  preLines = 0;
  /** Bytes after NEWKEYS. */
  encryptedBytes = 0;
  /** The name-lists of this side's KEXINIT (null until seen). */
  lists: string[][] | null = null;
}

/** Per-flow SSH state. */
export class SshState {
  readonly limits: DecoderLimits;
  confirmed = false;
  readonly sides: [Side, Side] = [new Side(), new Side()];
  /** The negotiated key exchange method ('' until both KEXINITs were seen). */
  kex = '';

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createSshState(limits: DecoderLimits): SshState {
  return new SshState(limits);
}

/** A capture gap: the direction cannot be framed again (no marker) unless already encrypted. */
export function onSshGap(state: SshState, dir: Direction): void {
  const s = state.sides[dir];
  if (s.phase !== Phase.ENCRYPTED) s.phase = Phase.IGNORE;
}

const PREFIX = [0x53, 0x53, 0x48, 0x2d]; // "SSH-"

/** Says whether the first bytes of a direction are an SSH identification line (`SSH-`). */
export function probeSsh(data: Uint8Array, _dir: Direction): ProbeResult {
  const k = Math.min(data.length, 4);
  for (let i = 0; i < k; i++) if (data[i] !== PREFIX[i]) return 'no_match';
  if (data.length < 8) return 'need_more';
  // "SSH-1." or "SSH-2." then a digit.
  const major = data[4];
  if ((major !== 0x31 && major !== 0x32) || data[5] !== 0x2e) return 'no_match';
  const minor = data[6] as number;
  return minor >= 0x30 && minor <= 0x39 ? 'match' : 'no_match';
}

const cur = new ByteCursor();
const ASCII = new TextDecoder('latin1');

/** MD5 as lower-case hex ([HASSH]). */
export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function emit(sink: DecodeSink, kind: SshEventKind, ssh: SshFields): void {
  const e: SshEvent = { kind, ssh };
  sink.emit(e);
}

/** Decodes the next bytes of one direction. */
export function parseSsh(
  state: SshState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const s = state.sides[dir];
  const n = data.length;
  let p = 0;
  while (p < n) {
    switch (s.phase) {
      case Phase.ENCRYPTED:
        if (s.encryptedBytes === 0) emit(sink, 'ssh.encrypted', {});
        s.encryptedBytes += n - p;
        return OK;
      case Phase.IGNORE:
        return OK;
      case Phase.BANNER: {
        let nl = -1;
        const lim = Math.min(n, p + SSH.MAX_BANNER);
        for (let i = p; i < lim; i++) {
          if (data[i] === 0x0a) {
            nl = i;
            break;
          }
        }
        if (nl < 0) {
          if (lim - p < SSH.MAX_BANNER) return incomplete(p, n - p + 1);
          // No line end within 255 bytes: not an identification line.
          if (!state.confirmed) return reject('ssh.nonstandard_banner');
          sink.anomaly('ssh.nonstandard_banner', 'no line end within 255 bytes');
          s.phase = Phase.IGNORE;
          return OK;
        }
        const status = line(state, s, data, p, nl, dir, sink);
        if (status !== null) return status;
        p = nl + 1;
        break;
      }
      default: {
        if (n - p < 5) return incomplete(p, 5);
        const len =
          (((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number)) >>>
          0;
        const pad = data[p + 4] as number;
        if (len < 5 || len > SSH.MAX_PACKET || pad + 1 >= len) {
          sink.anomaly('ssh.malformed_packet', `packet_length ${len}, padding_length ${pad}`);
          s.phase = Phase.IGNORE;
          return OK;
        }
        if (n - p < 4 + len) return incomplete(p, 4 + len);
        packet(state, s, data.subarray(p + 5, p + 4 + len - pad), len, pad, dir, sink);
        p += 4 + len;
      }
    }
  }
  return OK;
}

function text(d: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(d[i] as number);
  return out;
}

/** One line (without its LF at `nl`) of the identification phase; a status when decoding stops. */
function line(
  state: SshState,
  s: Side,
  d: Uint8Array,
  p: number,
  nl: number,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus | null {
  const end = nl > p && d[nl - 1] === 0x0d ? nl - 1 : nl;
  const isBanner =
    end - p >= 4 && d[p] === 0x53 && d[p + 1] === 0x53 && d[p + 2] === 0x48 && d[p + 3] === 0x2d;
  if (!isBanner) {
    if (dir === Direction.TO_CLIENT && s.preLines < SSH.MAX_PRE_BANNER_LINES) {
      s.preLines++;
      return null;
    }
    if (!state.confirmed) return reject('ssh.not_ssh_client');
    sink.anomaly(
      dir === Direction.TO_SERVER ? 'ssh.not_ssh_client' : 'ssh.nonstandard_banner',
      text(d, p, Math.min(end, p + 64)),
    );
    s.phase = Phase.IGNORE;
    return OK;
  }
  const banner = text(d, p, end);
  const f: SshFields = { banner };
  // SSH-protoversion-softwareversion SP comments ([RFC4253] 4.2).
  const dash = banner.indexOf('-', 4);
  const sp = banner.indexOf(' ');
  let standard = dash > 4 && nl - p + 1 <= SSH.MAX_BANNER && d[nl - 1] === 0x0d;
  if (dash > 4) {
    f.proto_version = banner.slice(4, dash);
    f.software = sp > dash ? banner.slice(dash + 1, sp) : banner.slice(dash + 1);
    if (sp > dash) f.comments = banner.slice(sp + 1);
    if (f.software === '') standard = false;
  } else {
    f.proto_version = banner.slice(4);
  }
  for (let i = p; i < end && standard; i++) {
    const c = d[i] as number;
    if (c < 0x20 || c > 0x7e) standard = false;
  }
  emit(sink, 'ssh.banner', f);
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  if (!standard) sink.anomaly('ssh.nonstandard_banner', banner.slice(0, 64));
  const v = f.proto_version;
  if (v.startsWith('1.') && v !== '1.99') {
    sink.anomaly('ssh.v1_protocol', banner.slice(0, 64));
    // SSH-1 packets have another layout ([SSH1] draft-ylonen-ssh-protocol-00): not decoded.
    s.phase = Phase.IGNORE;
    return null;
  }
  s.phase = Phase.PACKETS;
  return null;
}

/** One cleartext binary packet: `payload` starts with the message number. */
function packet(
  state: SshState,
  s: Side,
  payload: Uint8Array,
  len: number,
  pad: number,
  dir: Direction,
  sink: DecodeSink,
): void {
  const code = payload.length > 0 ? (payload[0] as number) : -1;
  const f: SshFields = {
    packet_length: len,
    padding_length: pad,
    message_code: code,
    message: kexMessageName(code, state.kex),
  };
  if (code === Msg.KEXINIT) {
    kexinit(state, s, payload, f, dir, sink);
    return;
  }
  const c = cur.reset(payload, 1);
  if (code === Msg.DISCONNECT) {
    f.reason_code = c.u32be();
    f.description = c.utf8(Math.min(c.u32be(), c.remaining()), state.limits.maxStringBytes);
  } else if (dir === Direction.TO_CLIENT && (code === 31 || code === 33)) {
    // KEX reply: string K_S (the host key blob), whose first field is the key type string
    // ([RFC4253] 6.6); for group exchange, 31 is the group and 33 the reply.
    const gexGroup = code === 31 && state.kex.startsWith('diffie-hellman-group-exchange');
    if (!gexGroup) {
      const blobLen = c.u32be();
      if (blobLen >= 4 && blobLen <= c.remaining()) {
        const tl = c.u32be();
        if (tl > 0 && tl <= 64 && tl <= blobLen - 4) f.host_key_type = c.latin1(tl);
      }
    }
  }
  emit(sink, 'ssh.message', f);
  if (code === Msg.NEWKEYS) s.phase = Phase.ENCRYPTED;
}

function kexinit(
  state: SshState,
  s: Side,
  payload: Uint8Array,
  f: SshFields,
  dir: Direction,
  sink: DecodeSink,
): void {
  const c = cur.reset(payload, 17); // message number + 16-byte cookie
  const raw: string[] = [];
  const lists: string[][] = [];
  let truncated = false;
  for (let i = 0; i < 10; i++) {
    const l = c.u32be();
    if (l > c.remaining()) {
      c.overrun = true;
      break;
    }
    // Name-lists are US-ASCII ([RFC4251] 5); one decode per list, not a string per byte.
    const t = ASCII.decode(c.bytes(l));
    raw.push(t);
    const names = t === '' ? [] : t.split(',');
    if (names.length > SSH.MAX_NAMES) truncated = true;
    lists.push(names.length > SSH.MAX_NAMES ? names.slice(0, SSH.MAX_NAMES) : names);
  }
  const follows = c.u8();
  if (c.overrun || lists.length < 10) {
    emit(sink, 'ssh.message', f);
    sink.anomaly('ssh.malformed_packet', 'kexinit name-lists overrun the packet');
    return;
  }
  const L = (i: number): string[] => lists[i] as string[];
  const R = (i: number): string => raw[i] as string;
  f.kex_algorithms = L(KexList.KEX);
  f.host_key_algorithms = L(KexList.HOST_KEY);
  f.encryption_c2s = L(KexList.ENC_C2S);
  f.encryption_s2c = L(KexList.ENC_S2C);
  f.mac_c2s = L(KexList.MAC_C2S);
  f.mac_s2c = L(KexList.MAC_S2C);
  f.compression_c2s = L(KexList.COMP_C2S);
  f.compression_s2c = L(KexList.COMP_S2C);
  f.first_kex_follows = follows !== 0;
  if (dir === Direction.TO_SERVER) {
    const a = `${R(KexList.KEX)};${R(KexList.ENC_C2S)};${R(KexList.MAC_C2S)};${R(KexList.COMP_C2S)}`;
    f.hassh_algorithms = a;
    f.hassh = md5(a);
  } else {
    const a = `${R(KexList.KEX)};${R(KexList.ENC_S2C)};${R(KexList.MAC_S2C)};${R(KexList.COMP_S2C)}`;
    f.hassh_server_algorithms = a;
    f.hassh_server = md5(a);
  }
  s.lists = lists;
  const other =
    state.sides[dir === Direction.TO_SERVER ? Direction.TO_CLIENT : Direction.TO_SERVER];
  if (other.lists !== null) {
    const client = dir === Direction.TO_SERVER ? lists : other.lists;
    const server = dir === Direction.TO_SERVER ? other.lists : lists;
    f.negotiated = negotiate(client, server);
    state.kex = f.negotiated.kex ?? '';
  }
  emit(sink, 'ssh.kexinit', f);
  if (truncated)
    sink.anomaly('ssh.objects_limit_reached', 'a KEXINIT name-list is longer than 64 names');
  const weak: string[] = [];
  for (let i = 0; i <= KexList.MAC_S2C; i++) {
    for (const name of L(i)) if (weakAlgorithm(name) && !weak.includes(name)) weak.push(name);
  }
  if (weak.length > 0) sink.anomaly('ssh.weak_algorithm_offered', weak.slice(0, 8).join(','));
  if (f.negotiated) {
    const used: string[] = [];
    const n = f.negotiated;
    for (const v of [n.kex, n.host_key, n.encryption_c2s, n.encryption_s2c, n.mac_c2s, n.mac_s2c]) {
      if (v !== undefined && weakAlgorithm(v) && !used.includes(v)) used.push(v);
    }
    // With an AEAD cipher the MAC list is not used ([RFC5647] 5.1): `none` there is not weak.
    if (used.length > 0) sink.anomaly('ssh.weak_algorithm_negotiated', used.join(','));
  }
}

/** First client algorithm the server also supports, per list ([RFC4253] 7.1). */
function negotiate(client: string[][], server: string[][]): SshNegotiated {
  const pick = (i: number): string | undefined => {
    const sv = server[i] as string[];
    for (const a of client[i] as string[]) if (sv.includes(a)) return a;
    return undefined;
  };
  const out: SshNegotiated = {};
  const set = (k: keyof SshNegotiated, i: number): void => {
    const v = pick(i);
    if (v !== undefined) out[k] = v;
  };
  set('kex', KexList.KEX);
  set('host_key', KexList.HOST_KEY);
  set('encryption_c2s', KexList.ENC_C2S);
  set('encryption_s2c', KexList.ENC_S2C);
  // An AEAD cipher brings its own integrity: the MAC is then implicit.
  if (!aead(out.encryption_c2s)) set('mac_c2s', KexList.MAC_C2S);
  if (!aead(out.encryption_s2c)) set('mac_s2c', KexList.MAC_S2C);
  set('compression_c2s', KexList.COMP_C2S);
  set('compression_s2c', KexList.COMP_S2C);
  return out;
}

function aead(cipher: string | undefined): boolean {
  return cipher !== undefined && (cipher.includes('gcm') || cipher.startsWith('chacha20-poly1305'));
}

/** Name of a message number (for details and docs). */
export function messageName(code: number): string {
  return MESSAGE_NAMES.get(code) ?? `unknown_${code}`;
}
