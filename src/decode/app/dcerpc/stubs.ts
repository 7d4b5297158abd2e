/**
 * The request stubs of the calls lateral movement and discovery are made of, read in NDR
 * (little-endian, 32-bit) when they are not encrypted:
 *
 * - svcctl ([MS-SCMR] 3.1.4.12 RCreateServiceW, 3.1.4.16 ROpenServiceW, 3.1.4.11
 *   RChangeServiceConfigW, 3.1.4.42 RCreateServiceWOW64W): service name, display name, start
 *   type, binary path (the command a remote service runs: psexec, smbexec);
 * - atsvc ([MS-TSCH] 3.2.5.2.1 NetrJobAdd): the AT job command;
 * - ITaskSchedulerService ([MS-TSCH] 3.2.5.4.2 SchRpcRegisterTask): task path and the
 *   `<Command>` of its XML definition;
 * - winreg ([MS-RRP] 3.1.5.7 BaseRegCreateKey, 3.1.5.15 BaseRegOpenKey, 3.1.5.17
 *   BaseRegQueryValue, 3.1.5.22 BaseRegSetValue): the key or value name.
 *
 * Everything is bounded by the stub and by the string cap; a stub that runs short simply yields
 * fewer fields.
 */
import type { DcerpcFields } from './events.js';
import { align, le16, le32, ndrString, ndrText, ndrUniqueString } from './ndr.js';

/** Context handle size ([MS-RPCE] 2.2.4.12 / [C706] ndr_context_handle). */
const HANDLE = 20;

/** Reads an RRP_UNICODE_STRING ([MS-RRP] 2.2.4) at `o` with its buffer; -1 if short or empty. */
function rrpString(d: Uint8Array, o: number, end: number, base: number, cap: number): number {
  o = align(o, base, 4);
  if (o + 8 > end) return -1;
  const len = le16(d, o);
  const ref = le32(d, o + 4);
  o += 8;
  if (ref === 0 || len === 0) return -1;
  return ndrString(d, o, end, base, cap);
}

/** The text between `<Command>` and `</Command>` of a task XML, if any. */
function taskCommand(xml: string, cap: number): string | undefined {
  const a = xml.indexOf('<Command>');
  if (a < 0) return undefined;
  const b = xml.indexOf('</Command>', a);
  if (b < 0) return undefined;
  return xml.slice(a + 9, Math.min(b, a + 9 + cap));
}

/**
 * Reads the request stub `d[o, end)` of `iface` operation `opnum` into `f` when it is one of
 * the calls above. `cap` bounds every string; `bigCap` the task XML searched for its command.
 */
export function readRequestStub(
  iface: string,
  opnum: number,
  d: Uint8Array,
  o: number,
  end: number,
  f: DcerpcFields,
  cap: number,
  bigCap: number,
): void {
  const base = o;
  switch (iface) {
    case 'svcctl': {
      if (opnum === 12 || opnum === 45) {
        // hSCManager, lpServiceName, [unique] lpDisplayName, access, type, start, error, path
        o = ndrString(d, o + HANDLE, end, base, cap);
        if (o < 0) return;
        f.service_name = ndrText;
        o = ndrUniqueString(d, o, end, base, cap);
        if (o < 0) return;
        if (ndrText !== '') f.service_display_name = ndrText;
        o = align(o, base, 4);
        if (o + 16 > end) return;
        f.service_start_type = le32(d, o + 8);
        o = ndrString(d, o + 16, end, base, cap);
        if (o >= 0) f.binary_path = ndrText;
      } else if (opnum === 16) {
        // hSCManager, lpServiceName
        if (ndrString(d, o + HANDLE, end, base, cap) >= 0) f.service_name = ndrText;
      } else if (opnum === 11) {
        // hService, type, start, error, [unique] lpBinaryPathName
        if (o + HANDLE + 12 > end) return;
        const start = le32(d, o + HANDLE + 4);
        if (start !== 0xffffffff) f.service_start_type = start;
        o = ndrUniqueString(d, o + HANDLE + 12, end, base, cap);
        if (o >= 0 && ndrText !== '') f.binary_path = ndrText;
      }
      return;
    }
    case 'atsvc': {
      if (opnum !== 0) return;
      // [unique] ServerName, then AT_INFO: JobTime, DaysOfMonth, DaysOfWeek, Flags, Command*
      o = ndrUniqueString(d, o, end, base, cap);
      if (o < 0) return;
      o = align(o, base, 4);
      if (o + 16 > end || le32(d, o + 12) === 0) return;
      if (ndrString(d, o + 16, end, base, cap) >= 0) f.job_command = ndrText;
      return;
    }
    case 'ITaskSchedulerService': {
      if (opnum !== 1) return;
      // [unique] path, xml
      o = ndrUniqueString(d, o, end, base, cap);
      if (o < 0) return;
      if (ndrText !== '') f.task_path = ndrText;
      if (ndrString(d, o, end, base, bigCap) < 0) return;
      const cmd = taskCommand(ndrText, cap);
      if (cmd !== undefined) f.task_command = cmd;
      return;
    }
    case 'winreg': {
      // hKey then lpSubKey / lpValueName
      if (opnum !== 6 && opnum !== 15 && opnum !== 17 && opnum !== 22) return;
      o = rrpString(d, o + HANDLE, end, base, cap);
      if (o < 0) return;
      if (opnum === 6 || opnum === 15) f.registry_key = ndrText;
      else f.registry_value = ndrText;
      return;
    }
    default:
      return;
  }
}

/** Interfaces whose request stubs {@link readRequestStub} reads. */
export function readsRequestStub(iface: string, opnum: number): boolean {
  switch (iface) {
    case 'svcctl':
      return opnum === 11 || opnum === 12 || opnum === 16 || opnum === 45;
    case 'atsvc':
      return opnum === 0;
    case 'ITaskSchedulerService':
      return opnum === 1;
    case 'winreg':
      return opnum === 6 || opnum === 15 || opnum === 17 || opnum === 22;
    default:
      return false;
  }
}
