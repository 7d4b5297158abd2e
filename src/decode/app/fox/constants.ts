/**
 * Niagara Fox constants.
 *
 * Tridium does not publish the Fox protocol. The facts here come from:
 * - [NMAP] Nmap `fox-info.nse` (Stephen Hilt, Digital Bond, 2015): the hello request a client
 *   sends (`fox a 1 -1 fox hello`, a `{` body of `key=type:value` lines, `};;`), the station's
 *   hello reply and the keys it reports (fox.version, hostName, hostAddress, app.name,
 *   app.version, vm.name, vm.version, os.name, os.version, station.name, lang, timeZone,
 *   hostId, vmUuid, brandId).
 * - [REDPOINT] Digital Bond Redpoint / published analyses of Niagara AX/N4 (TCP 1911 cleartext,
 *   4911 TLS; Fox challenge/authenticate after hello).
 * - The shared capture other-ics/fox_info.pcap, checked byte by byte (a Workbench client and a
 *   QNX station: hello both ways, then a `digest-md5` challenge).
 *
 * Frame syntax as observed: a header line `fox <type> <number> <reply-to> <channel> <command>`,
 * an optional body `{` ... `}` whose lines are `key=type:value` (types `s` string, `i` integer,
 * `b:<n>[<n bytes>]` blob, `o:<format> <n>[<n bytes>]` object, others single-line), and the
 * terminator `;;`.
 */

/** Framing constants. */
export const FOX = {
  /** Cleartext Fox; 4911 is Fox over TLS, left to the TLS decoder. */
  PORT: 1911,
  TLS_PORT: 4911,
  /** Longest header line accepted. */
  MAX_HEADER: 256,
} as const;

/** Header message types (the letter after `fox `). */
export const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [0x61, 'async'], // 'a'
  [0x71, 'request'], // 'q'
  [0x72, 'request'], // 'r'
  [0x73, 'response'], // 's'
  [0x65, 'error'], // 'e'
]);

/** Hello keys that identify a station or client, and the event field each goes to. */
export const HELLO_KEYS: ReadonlyMap<string, string> = new Map([
  ['fox.version', 'fox_version'],
  ['id', 'id'],
  ['hostName', 'host_name'],
  ['hostAddress', 'host_address'],
  ['app.name', 'app_name'],
  ['app.version', 'app_version'],
  ['vm.name', 'vm_name'],
  ['vm.version', 'vm_version'],
  ['os.name', 'os_name'],
  ['os.version', 'os_version'],
  ['station.name', 'station_name'],
  ['lang', 'lang'],
  ['timeZone', 'time_zone'],
  ['hostId', 'host_id'],
  ['vmUuid', 'vm_uuid'],
  ['brandId', 'brand_id'],
  ['authAgentTypes', 'auth_agent_types'],
  ['method', 'auth_method'],
]);

/** Keys holding a user name (reported masked). */
export const USER_KEYS: ReadonlySet<string> = new Set(['username', 'userName', 'user']);

/** Keys holding a secret or a proof of one (never copied; their presence is reported). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'response',
  'digest',
  'credentials',
  'token',
  'clientProof',
  'cnonce',
]);
