/**
 * Interface inference for associations caught mid-way: a request names a presentation context
 * that no bind in the capture defined (the capture began after the bind), so its interface is
 * unknown and only the opnum is. The interface is named from exact evidence only, never from the
 * opnum alone:
 *
 * 1. The verification trailer ([MS-RPCE] 2.2.2.13): Windows clients append to the stub of the
 *    first request on a context, at integrity level and above, a `SEC_VT_COMMAND_PCONTEXT` that
 *    carries the context's abstract syntax (the interface UUID) and transfer syntax. It is read
 *    when it ends exactly where the stub ends.
 * 2. Strict stub layouts, for the few (interface, opnum) pairs attack tools call on a connection
 *    they reuse: the NDR (and NDR64, [MS-RPCE] 2.2.5.3) request of the call is checked field by
 *    field (context handle, pointer referents, conformant varying counts against the string
 *    lengths, constants of the DCOM activation blob) and must end where the stub ends (8-byte
 *    alignment padding allowed). The interface is named only when exactly one candidate fits:
 *    - lsarpc LsarRetrievePrivateData (43, [MS-LSAD] 3.1.4.6.4): policy handle, RPC_UNICODE_STRING
 *      key name, null EncryptedData; the secret name is reported (`lsa_secret_name`);
 *    - drsuapi IDL_DRSBind (0, [MS-DRSR] 4.1.3): client UUID, DRS_EXTENSIONS conformance;
 *    - IRemoteSCMActivator RemoteGetClassObject (3) and RemoteCreateInstance (4) ([MS-DCOM]
 *      3.1.2.5.2.3): ORPCTHIS (version 5.1-5.7, reserved zero, no extensions), the activation
 *      properties OBJREF_CUSTOM (IID_IActivationPropertiesIn, CLSID_ActivationPropertiesIn,
 *      2.2.22) whose CustomHeader sizes add up, and the InstantiationInfoData property whose
 *      class id is reported (`dcom_clsid`, `dcom_class_name`). The same reader gives the class of
 *      an activation on a bound context;
 *    - IRemUnknown RemQueryInterface / RemAddRef / RemRelease (3-5) and IRemUnknown2
 *      RemQueryInterface2 (6), IDispatch GetIDsOfNames (5, names reported as `dispatch_names`)
 *      and argument-less Invoke (6): ORPCTHIS and the counts against their arrays. These
 *      object calls must carry an object UUID (the IPID); the others must not.
 *
 * Results go to module scratch (like `ndrText`), not to new objects: a candidate is checked
 * without writing fields, and only the single winner is read again into the event.
 */
import { NDR64_UUID, NDR_UUID } from './constants.js';
import type { DcerpcFields } from './events.js';
import { align, allZero, le16, le32, uuidAt } from './ndr.js';

/** No candidate for this opnum and no verification trailer: nothing to infer from. */
export const INFER_NONE = 0;
/** Exactly one interface fits: {@link inferredUuid} and {@link inferredNdr64} are set. */
export const INFER_OK = 1;
/** Candidates exist for the opnum, none fits the stub. */
export const INFER_REJECTED = 2;
/** More than one candidate fits: nothing is named. */
export const INFER_AMBIGUOUS = 3;

/** Interface UUID of the last {@link INFER_OK} verdict. */
export let inferredUuid = '';
/** Transfer syntax of the last {@link INFER_OK} verdict is NDR64. */
export let inferredNdr64 = false;

// [MS-RPCE] 2.2.2.13: SEC_VT signature and commands.
const VT_SIGNATURE = [0x8a, 0xe3, 0x13, 0x71, 0x02, 0xf4, 0x36, 0x71];
const VT_COMMAND_MASK = 0x3fff;
const VT_COMMAND_END = 0x4000;
const VT_BITMASK_1 = 1;
const VT_PCONTEXT = 2;
const VT_HEADER2 = 3;
/** How far from the stub end a trailer is looked for (3 commands are 4 + 40 + 16 + 12 bytes). */
const VT_SCAN = 128;
/** At most this many commands (there are three kinds). */
const VT_MAX_COMMANDS = 4;

const LSARPC_UUID = '12345778-1234-abcd-ef00-0123456789ab';
const ISCM_UUID = '000001a0-0000-0000-c000-000000000046';
const DRSUAPI_UUID = 'e3514235-4b06-11d1-ab04-00c04fc2dcd2';
const REMUNKNOWN_UUID = '00000131-0000-0000-c000-000000000046';
const REMUNKNOWN2_UUID = '00000143-0000-0000-c000-000000000046';
const IDISPATCH_UUID = '00020400-0000-0000-c000-000000000046';

/** [MS-DCOM] 2.2.22: IID_IActivationPropertiesIn, little-endian GUID bytes. */
const IID_ACT_PROPS_IN = guidBytes('000001a2-0000-0000-c000-000000000046');
/** [MS-DCOM] 2.2.22: CLSID_ActivationPropertiesIn. */
const CLSID_ACT_PROPS_IN = guidBytes('00000338-0000-0000-c000-000000000046');
/** [MS-DCOM] 2.2.22.2.1: CLSID_InstantiationInfo, the property that names the class. */
const CLSID_INSTANTIATION_INFO = guidBytes('000001ab-0000-0000-c000-000000000046');
/** OBJREF signature 'MEOW' ([MS-DCOM] 2.2.18.1), read little-endian. */
const OBJREF_SIGNATURE = 0x574f454d;
const OBJREF_CUSTOM = 4;
/** [MS-DCOM] 2.2.22.2.1 MAX_ACTPROP_LIMIT. */
const MAX_ACTPROP = 10;

/**
 * COM classes that lateral movement instantiates remotely ([MS-DCOM] activation), by CLSID.
 * Sources: the public write-ups of DCOM lateral movement (enigma0x3 2017, Cybereason 2018) and
 * the classes' registrations.
 */
export const DCOM_CLASSES: ReadonlyMap<string, string> = new Map([
  ['49b2791a-b1ae-4c90-9b8e-e860ba07f889', 'MMC20.Application'],
  ['9ba05972-f6a8-11cf-a442-00a0c90a8f39', 'ShellWindows'],
  ['c08afd90-f2a1-11d1-8455-00a0c91f3880', 'ShellBrowserWindow'],
  ['00024500-0000-0000-c000-000000000046', 'Excel.Application'],
  ['0006f03a-0000-0000-c000-000000000046', 'Outlook.Application'],
  ['000209ff-0000-0000-c000-000000000046', 'Word.Application'],
  ['0002df01-0000-0000-c000-000000000046', 'InternetExplorer.Application'],
  ['8bc3f05e-d86b-11d0-a075-00c04fb68820', 'WbemLevel1Login'],
]);

/** The 16 wire bytes (little-endian fields) of a UUID written as text. */
function guidBytes(s: string): Uint8Array {
  const h = s.replace(/-/g, '');
  const b = new Uint8Array(16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  for (let i = 0; i < 16; i++)
    b[i] = parseInt(h.slice(2 * (order[i] as number), 2 * (order[i] as number) + 2), 16);
  return b;
}

function isGuid(d: Uint8Array, o: number, g: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (d[o + i] !== g[i]) return false;
  return true;
}

/** A pointer, count or offset of `p` bytes (4 NDR, 8 NDR64); -1 when NDR64's high half is set. */
function word(d: Uint8Array, o: number, p: number): number {
  if (p === 8 && le32(d, o + 4) !== 0) return -1;
  return le32(d, o);
}

/** The stub ends at `o`, or after the padding that aligns `o` to 8 from `base`. */
function endsAt(o: number, e: number, base: number): boolean {
  return o === e || (o < e && e === align(o, base, 8));
}

/**
 * Finds the verification trailer at the end of `[s, e)` and reads its PCONTEXT: sets
 * {@link inferredUuid} / {@link inferredNdr64} and returns the trailer's offset when one ends
 * exactly at `e`, else -1. The call's own parameters end where the trailer starts.
 */
function verificationTrailer(d: Uint8Array, s: number, e: number): number {
  if (e - s < 12) return -1;
  const low = Math.max(s, e - VT_SCAN);
  // The trailer starts 4-aligned from the stub start ([MS-RPCE] 2.2.2.13).
  for (let o = s + Math.floor((e - s - 12) / 4) * 4; o >= low; o -= 4) {
    if (d[o] !== 0x8a) continue;
    let sig = true;
    for (let i = 1; i < 8; i++) {
      if (d[o + i] !== VT_SIGNATURE[i]) {
        sig = false;
        break;
      }
    }
    if (sig) return trailerCommands(d, o + 8, e) ? o : -1;
  }
  return -1;
}

function trailerCommands(d: Uint8Array, o: number, e: number): boolean {
  let ctx = -1;
  for (let i = 0; i < VT_MAX_COMMANDS; i++) {
    if (o + 4 > e) return false;
    const cmd = le16(d, o);
    const len = le16(d, o + 2);
    o += 4;
    const kind = cmd & VT_COMMAND_MASK;
    const want =
      kind === VT_BITMASK_1 ? 4 : kind === VT_PCONTEXT ? 40 : kind === VT_HEADER2 ? 16 : -1;
    if (want < 0 || len !== want || o + len > e) return false;
    if (kind === VT_PCONTEXT) ctx = o;
    o += len;
    if ((cmd & VT_COMMAND_END) !== 0) {
      if (o !== e || ctx < 0) return false;
      const ts = uuidAt(d, ctx + 20, true);
      if (ts !== NDR_UUID && ts !== NDR64_UUID) return false;
      inferredUuid = uuidAt(d, ctx, true);
      inferredNdr64 = ts === NDR64_UUID;
      return true;
    }
  }
  return false;
}

/** Reads a UTF-16 string of `n` characters at `o` (at most `cap`). */
function utf16(d: Uint8Array, o: number, n: number, cap: number): string {
  let s = '';
  const m = Math.min(n, cap);
  for (let i = 0; i < m; i++) {
    const c = le16(d, o + 2 * i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * LsarRetrievePrivateData request ([MS-LSAD] 3.1.4.6.4) in NDR (`p` 4) or NDR64 (`p` 8):
 * PolicyHandle, [in] PRPC_UNICODE_STRING KeyName (Length, MaximumLength, Buffer referent, then
 * the deferred conformant varying array), [in, out] PLSAPR_CR_CIPHER_VALUE* EncryptedData (the
 * client sends a null unique pointer). Writes the key name to `f` when given.
 */
function lsaRetrievePrivateData(
  d: Uint8Array,
  s: number,
  e: number,
  p: number,
  f: DcerpcFields | null,
  cap: number,
): boolean {
  // Context handle: attributes 0 and a GUID; the all-zero handle is the null handle.
  if (s + 20 > e || le32(d, s) !== 0 || allZero(d, s + 4, 16)) return false;
  let o = align(s + 20, s, p);
  if (o + 4 > e) return false;
  const len = le16(d, o);
  const max = le16(d, o + 2);
  if ((len & 1) !== 0 || (max & 1) !== 0 || len > max) return false;
  o = align(o + 4, s, p);
  if (o + p > e) return false;
  const ref = word(d, o, p);
  o += p;
  if (ref < 0 || (ref === 0 && len !== 0)) return false;
  let name = '';
  if (ref !== 0) {
    if (o + 3 * p > e) return false;
    const maxCount = word(d, o, p);
    const offset = word(d, o + p, p);
    const actual = word(d, o + 2 * p, p);
    o += 3 * p;
    if (maxCount !== max / 2 || offset !== 0 || actual !== len / 2) return false;
    if (actual * 2 > e - o) return false;
    if (f !== null) name = utf16(d, o, actual, cap);
    o += actual * 2;
  }
  o = align(o, s, p);
  if (o + p > e || word(d, o, p) !== 0) return false;
  if (!endsAt(o + p, e, s)) return false;
  if (f !== null) f.lsa_secret_name = name;
  return true;
}

/**
 * ORPCTHIS ([MS-DCOM] 2.2.13.1) at `o`: COMVERSION 5.1-5.7, flags among ORPCF_* (0x1f),
 * reserved1 zero, a non-zero causality id, and no extensions (a call with ORPC extents is not
 * taken as evidence). Returns the offset after it, or -1.
 */
function orpcThis(d: Uint8Array, o: number, e: number): number {
  if (o + 32 > e) return -1;
  const minor = le16(d, o + 2);
  if (le16(d, o) !== 5 || minor < 1 || minor > 7) return -1;
  if (le32(d, o + 4) > 0x1f || le32(d, o + 8) !== 0) return -1;
  if (allZero(d, o + 12, 16) || le32(d, o + 28) !== 0) return -1;
  return o + 32;
}

/** A type serialization version 1 header ([MS-RPCE] 2.2.6.1, 2.2.6.2) at `o`; its body length or -1. */
function serialHeader(d: Uint8Array, o: number, end: number): number {
  if (o + 16 > end) return -1;
  if (d[o] !== 1 || d[o + 1] !== 0x10 || le16(d, o + 2) !== 8 || le32(d, o + 4) !== 0xcccccccc) {
    return -1;
  }
  const len = le32(d, o + 8);
  if ((len & 7) !== 0 || len > end - o - 16) return -1;
  return len;
}

/**
 * The activation properties of an OBJREF_CUSTOM in `[o, end)` ([MS-DCOM] 2.2.18.6, 2.2.22):
 * checks the IIDs and CLSIDs, the blob size, the CustomHeader (cIfs, arrays, sizes adding up to
 * totalSize) and finds the InstantiationInfoData property. Writes its class id to `f`.
 */
function activationProperties(
  d: Uint8Array,
  o: number,
  end: number,
  f: DcerpcFields | null,
): boolean {
  if (o + 56 > end) return false;
  if (le32(d, o) !== OBJREF_SIGNATURE || le32(d, o + 4) !== OBJREF_CUSTOM) return false;
  if (!isGuid(d, o + 8, IID_ACT_PROPS_IN) || !isGuid(d, o + 24, CLSID_ACT_PROPS_IN)) return false;
  // cbExtension MUST be 0; the 4 reserved bytes after it are ignored.
  if (le32(d, o + 40) !== 0) return false;
  const blob = o + 48;
  const size = le32(d, blob);
  if (size !== end - blob - 8 || le32(d, blob + 4) !== 0) return false;
  const h = blob + 8;
  const objLen = serialHeader(d, h, end);
  if (objLen < 48) return false;
  const totalSize = le32(d, h + 16);
  const headerSize = le32(d, h + 20);
  const cIfs = le32(d, h + 32);
  if (totalSize !== size || headerSize !== 16 + objLen) return false;
  if (cIfs < 1 || cIfs > MAX_ACTPROP) return false;
  // pclsid and pSizes non-null, pdwReserved null; then the two conformant arrays.
  if (le32(d, h + 52) === 0 || le32(d, h + 56) === 0 || le32(d, h + 60) !== 0) return false;
  const clsids = h + 68;
  const sizes = clsids + 16 * cIfs + 4;
  if (sizes + 4 * cIfs > h + headerSize) return false;
  if (le32(d, h + 64) !== cIfs || le32(d, sizes - 4) !== cIfs) return false;
  let off = h + headerSize;
  let inst = -1;
  for (let i = 0; i < cIfs; i++) {
    const sz = le32(d, sizes + 4 * i);
    if (sz > totalSize) return false;
    if (isGuid(d, clsids + 16 * i, CLSID_INSTANTIATION_INFO)) inst = off;
    off += sz;
  }
  if (off !== h + totalSize || inst < 0) return false;
  if (serialHeader(d, inst, end) < 16) return false;
  if (f !== null) {
    const clsid = uuidAt(d, inst + 16, true);
    f.dcom_clsid = clsid;
    const name = DCOM_CLASSES.get(clsid);
    if (name !== undefined) f.dcom_class_name = name;
  }
  return true;
}

/**
 * RemoteGetClassObject (3) or RemoteCreateInstance (4) request ([MS-DCOM] 3.1.2.5.2.3.1-2):
 * ORPCTHIS, for opnum 4 a null pUnkOuter, then the [unique] MInterfacePointer of the
 * activation properties (ulCntData equal to the array's conformance), ending the stub.
 */
function activation(
  d: Uint8Array,
  s: number,
  e: number,
  opnum: number,
  f: DcerpcFields | null,
): boolean {
  let o = orpcThis(d, s, e);
  if (o < 0) return false;
  if (opnum === 4) {
    // pUnkOuter: "MUST be NULL" (3.1.2.5.2.3.2).
    if (o + 4 > e || le32(d, o) !== 0) return false;
    o += 4;
  }
  if (o + 12 > e || le32(d, o) === 0) return false;
  const cnt = le32(d, o + 4);
  if (le32(d, o + 8) !== cnt) return false;
  o += 12;
  if (cnt > e - o || !endsAt(o + cnt, e, s)) return false;
  return activationProperties(d, o, o + cnt, f);
}

/**
 * IRemUnknown RemQueryInterface (3, [MS-DCOM] 3.1.1.5.6.1.1): ORPCTHIS, ripid, cRefs (non-zero),
 * cIids (non-zero), then the conformant IID array of cIids entries. With `refs` false it is
 * IRemUnknown2 RemQueryInterface2 (6, 3.1.1.5.7.1.1), which has no cRefs.
 */
function remQueryInterface(d: Uint8Array, s: number, e: number, refs: boolean): boolean {
  let o = orpcThis(d, s, e);
  if (o < 0 || o + 16 + (refs ? 4 : 0) + 8 > e || allZero(d, o, 16)) return false;
  o += 16;
  if (refs) {
    if (le32(d, o) === 0) return false;
    o += 4;
  }
  const n = le16(d, o);
  o = align(o + 2, s, 4);
  if (n === 0 || le32(d, o) !== n) return false;
  o += 4;
  if (n > (e - o) / 16) return false;
  return endsAt(o + 16 * n, e, s);
}

/**
 * IRemUnknown RemAddRef (4) and RemRelease (5) ([MS-DCOM] 3.1.1.5.6.1.2-3): ORPCTHIS,
 * cInterfaceRefs (non-zero), then the conformant array of REMINTERFACEREF (IPID, public and
 * private reference counts: 24 bytes each).
 */
function remRefs(d: Uint8Array, s: number, e: number): boolean {
  let o = orpcThis(d, s, e);
  if (o < 0 || o + 8 > e) return false;
  const n = le16(d, o);
  o = align(o + 2, s, 4);
  if (n === 0 || le32(d, o) !== n) return false;
  o += 4;
  if (n > (e - o) / 24) return false;
  for (let i = 0; i < n; i++) if (allZero(d, o + 24 * i, 16)) return false;
  return endsAt(o + 24 * n, e, s);
}

/** Most names one GetIDsOfNames is checked for (a method and its named arguments). */
const MAX_DISPATCH_NAMES = 16;

/**
 * IDispatch GetIDsOfNames (5, [MS-OAUT] 3.1.4.3): ORPCTHIS, riid (IID_NULL), the conformant
 * array of cNames unique pointers to NUL-terminated strings, the strings, cNames, lcid. Writes
 * the names to `f` (`dispatch_names`).
 */
function getIDsOfNames(
  d: Uint8Array,
  s: number,
  e: number,
  f: DcerpcFields | null,
  cap: number,
): boolean {
  let o = orpcThis(d, s, e);
  if (o < 0 || o + 20 > e || !allZero(d, o, 16)) return false;
  const n = le32(d, o + 16);
  o += 20;
  if (n === 0 || n > MAX_DISPATCH_NAMES || o + 4 * n > e) return false;
  const refs = o;
  o += 4 * n;
  const names: string[] | null = f === null ? null : [];
  for (let i = 0; i < n; i++) {
    // The names are [in] and required: every referent is non-null.
    if (le32(d, refs + 4 * i) === 0) return false;
    o = align(o, s, 4);
    if (o + 12 > e) return false;
    const max = le32(d, o);
    const actual = le32(d, o + 8);
    if (le32(d, o + 4) !== 0 || actual === 0 || actual > max || actual > (e - o - 12) / 2) {
      return false;
    }
    // [string]: the last character counted is the NUL.
    if (le16(d, o + 12 + 2 * (actual - 1)) !== 0) return false;
    if (names !== null) names.push(utf16(d, o + 12, actual - 1, cap));
    o += 12 + 2 * actual;
  }
  o = align(o, s, 4);
  if (o + 8 > e || le32(d, o) !== n) return false;
  if (!endsAt(o + 8, e, s)) return false;
  if (f !== null && names !== null) f.dispatch_names = names;
  return true;
}

/**
 * IDispatch Invoke (6, [MS-OAUT] 3.1.4.4) without arguments (property gets, argument-less
 * methods): ORPCTHIS, dispIdMember, riid (IID_NULL), lcid, dwFlags (DISPATCH_* bits 0x1f),
 * DISPPARAMS with null arrays and zero counts, cVarRef 0 and the two empty conformant arrays.
 * Calls with arguments (VARIANTs) are not taken as evidence.
 */
function invokeNoArgs(d: Uint8Array, s: number, e: number): boolean {
  let o = orpcThis(d, s, e);
  if (o < 0 || o + 56 > e) return false;
  if (!allZero(d, o + 4, 16)) return false;
  const flags = le32(d, o + 24);
  if (flags === 0 || flags > 0x1f) return false;
  o += 28;
  // DISPPARAMS rgvarg, rgdispidNamedArgs, cArgs, cNamedArgs; cVarRef; the two conformances.
  if (!allZero(d, o, 28)) return false;
  return endsAt(o + 28, e, s);
}

/**
 * IDL_DRSBind (0, [MS-DRSR] 4.1.3): [unique] puuidClientDsa (then the UUID), [unique]
 * pextClient (then DRS_EXTENSIONS: conformance, cb equal to it and at least the 4 flag bytes,
 * cb bytes), ending the stub.
 */
function drsBind(d: Uint8Array, s: number, e: number): boolean {
  let o = s;
  if (o + 8 > e) return false;
  if (le32(d, o) !== 0) o += 16;
  o += 4;
  if (o + 4 > e || le32(d, o) === 0) return false;
  o += 4;
  if (o + 8 > e) return false;
  const cb = le32(d, o + 4);
  if (le32(d, o) !== cb || cb < 4 || cb > e - o - 8) return false;
  return endsAt(o + 8 + cb, e, s);
}

/** One (interface, opnum, transfer syntax) whose request layout is checked. */
interface Candidate {
  readonly uuid: string;
  readonly opnum: number;
  readonly ndr64: boolean;
  /** An object call of DCOM: the request carries the object UUID (IPID), [MS-DCOM] 2.2.1.1. */
  readonly orpc: boolean;
  readonly check: (
    d: Uint8Array,
    s: number,
    e: number,
    f: DcerpcFields | null,
    cap: number,
  ) => boolean;
}

/**
 * The candidates: calls that credential theft and lateral movement make on connections or pipes
 * they keep open (a capture started after the bind sees them without it). IRemUnknown2 derives
 * from IRemUnknown, so its opnums 3-5 are IRemUnknown's methods and are named so; only
 * RemQueryInterface2 (6) is IRemUnknown2's own.
 */
const CANDIDATES: readonly Candidate[] = [
  {
    uuid: LSARPC_UUID,
    opnum: 43,
    ndr64: false,
    orpc: false,
    check: (d, s, e, f, cap) => lsaRetrievePrivateData(d, s, e, 4, f, cap),
  },
  {
    uuid: LSARPC_UUID,
    opnum: 43,
    ndr64: true,
    orpc: false,
    check: (d, s, e, f, cap) => lsaRetrievePrivateData(d, s, e, 8, f, cap),
  },
  { uuid: DRSUAPI_UUID, opnum: 0, ndr64: false, orpc: false, check: (d, s, e) => drsBind(d, s, e) },
  {
    uuid: ISCM_UUID,
    opnum: 3,
    ndr64: false,
    orpc: false,
    check: (d, s, e, f) => activation(d, s, e, 3, f),
  },
  {
    uuid: ISCM_UUID,
    opnum: 4,
    ndr64: false,
    orpc: false,
    check: (d, s, e, f) => activation(d, s, e, 4, f),
  },
  {
    uuid: REMUNKNOWN_UUID,
    opnum: 3,
    ndr64: false,
    orpc: true,
    check: (d, s, e) => remQueryInterface(d, s, e, true),
  },
  {
    uuid: REMUNKNOWN_UUID,
    opnum: 4,
    ndr64: false,
    orpc: true,
    check: (d, s, e) => remRefs(d, s, e),
  },
  {
    uuid: REMUNKNOWN_UUID,
    opnum: 5,
    ndr64: false,
    orpc: true,
    check: (d, s, e) => remRefs(d, s, e),
  },
  {
    uuid: REMUNKNOWN2_UUID,
    opnum: 6,
    ndr64: false,
    orpc: true,
    check: (d, s, e) => remQueryInterface(d, s, e, false),
  },
  {
    uuid: IDISPATCH_UUID,
    opnum: 5,
    ndr64: false,
    orpc: true,
    check: (d, s, e, f, cap) => getIDsOfNames(d, s, e, f, cap),
  },
  {
    uuid: IDISPATCH_UUID,
    opnum: 6,
    ndr64: false,
    orpc: true,
    check: (d, s, e) => invokeNoArgs(d, s, e),
  },
];

/**
 * Infers the interface of a request on a context no bind defined, from its stub `d[s, e)`
 * (whole, cleartext, little-endian); `object` says whether the request carries an object UUID
 * (DCOM object calls do, the other candidates do not). Returns one of the `INFER_*` verdicts; on
 * {@link INFER_OK} the interface is in {@link inferredUuid} and the request's decoded fields
 * (secret name, DCOM class) are written to `f`.
 */
export function inferInterface(
  d: Uint8Array,
  s: number,
  e: number,
  opnum: number,
  object: boolean,
  f: DcerpcFields,
  cap: number,
): number {
  if (verificationTrailer(d, s, e) >= 0) return INFER_OK;
  let found: Candidate | null = null;
  let tried = false;
  for (const c of CANDIDATES) {
    if (c.opnum !== opnum || c.orpc !== object) continue;
    tried = true;
    if (!c.check(d, s, e, null, cap)) continue;
    if (found !== null) return INFER_AMBIGUOUS;
    found = c;
  }
  if (found === null) return tried ? INFER_REJECTED : INFER_NONE;
  found.check(d, s, e, f, cap);
  inferredUuid = found.uuid;
  inferredNdr64 = found.ndr64;
  return INFER_OK;
}

/**
 * Reads the request stubs this module knows on a bound context: the DCOM class of an activation,
 * the key name of LsarRetrievePrivateData, the names of IDispatch GetIDsOfNames. A stub that does not fit its layout gives nothing.
 */
export function readKnownRequest(
  name: string,
  opnum: number,
  ndr64: boolean,
  d: Uint8Array,
  s: number,
  e: number,
  f: DcerpcFields,
  cap: number,
): void {
  // Parameters end where a verification trailer starts (clients at integrity level add one).
  const vt = verificationTrailer(d, s, e);
  if (vt >= 0) e = vt;
  if (name === 'IRemoteSCMActivator' && !ndr64 && (opnum === 3 || opnum === 4)) {
    activation(d, s, e, opnum, f);
  } else if (name === 'lsarpc' && opnum === 43) {
    lsaRetrievePrivateData(d, s, e, ndr64 ? 8 : 4, f, cap);
  } else if (name === 'IDispatch' && !ndr64 && opnum === 5) {
    getIDsOfNames(d, s, e, f, cap);
  }
}

/** Requests {@link readKnownRequest} reads. */
export function readsKnownRequest(name: string, opnum: number): boolean {
  return (
    (name === 'IRemoteSCMActivator' && (opnum === 3 || opnum === 4)) ||
    (name === 'lsarpc' && opnum === 43) ||
    (name === 'IDispatch' && opnum === 5)
  );
}
