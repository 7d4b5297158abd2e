/**
 * Telnet code tables and limits.
 *
 * References:
 * - [RFC854] Telnet Protocol Specification: commands (IAC 255, DONT 254, DO 253, WONT 252,
 *   WILL 251, SB 250, GA 249, EL 248, EC 247, AYT 246, AO 245, IP 244, BRK 243, DM 242,
 *   NOP 241, SE 240), NVT (CR LF, CR NUL).
 * - [RFC855] Option specifications: IAC SB option ... IAC SE, a data 255 doubled inside.
 * - Options: [RFC857] ECHO 1, [RFC858] SUPPRESS-GO-AHEAD 3, [RFC859] STATUS 5, [RFC860]
 *   TIMING-MARK 6, [RFC1091] TERMINAL-TYPE 24 (IS 0, SEND 1), [RFC885] END-OF-RECORD 25,
 *   [RFC1073] NAWS 31 (width, height: 16 bits each), [RFC1079] TERMINAL-SPEED 32, [RFC1372]
 *   TOGGLE-FLOW-CONTROL 33, [RFC1184] LINEMODE 34, [RFC1096] X-DISPLAY-LOCATION 35, [RFC1408]
 *   ENVIRON 36, [RFC2941] AUTHENTICATION 37, [RFC2946] ENCRYPT 38, [RFC1572] NEW-ENVIRON 39
 *   (IS 0, SEND 1, INFO 2; VAR 0, VALUE 1, ESC 2, USERVAR 3), [RFC2217] COM-PORT 44,
 *   draft-altman-telnet-starttls START-TLS 46, [RFC861] EXTENDED-OPTIONS-LIST 255.
 * - IANA "Telnet Options" registry for the names of the others.
 */

/** Limits and framing constants. */
export const TELNET = {
  IAC: 255,
  /** Longest subnegotiation kept (bytes between IAC SB option and IAC SE). */
  MAX_SB: 512,
  /** Commands summarised in one negotiation event; a longer burst is cut into several. */
  MAX_BURST: 64,
  /** Longest client line kept, in bytes (the rest of the line is counted, not kept). */
  MAX_LINE: 256,
  /** Client command lines reported per flow. */
  MAX_COMMANDS: 256,
  /** Recent server text kept to recognise prompts and login outcomes, in bytes. */
  MAX_SERVER_TAIL: 96,
  /** Longest string copied from a subnegotiation (terminal type, variable values). */
  MAX_TEXT: 128,
  /** Environment variables reported per NEW-ENVIRON subnegotiation. */
  MAX_VARS: 16,
} as const;

/** Ports tried first: 23 ([RFC854]) and 2323, the alternate port IoT devices (and Mirai) use. */
export const TELNET_PORTS: readonly number[] = [23, 2323];

/** Command codes ([RFC854], [RFC885] EOR, [RFC1184] ABORT, SUSP, xEOF). */
export const Cmd = {
  SE: 240,
  NOP: 241,
  DM: 242,
  BRK: 243,
  IP: 244,
  AO: 245,
  AYT: 246,
  EC: 247,
  EL: 248,
  GA: 249,
  SB: 250,
  WILL: 251,
  WONT: 252,
  DO: 253,
  DONT: 254,
  IAC: 255,
} as const;

/** Lowest command code: 236 xEOF ([RFC1184]); a byte below after IAC is not a command. */
export const MIN_COMMAND = 236;

/** Names of the commands other than the negotiation ones, for `commands` ([RFC854], [RFC1184]). */
export const COMMAND_NAMES: ReadonlyMap<number, string> = new Map([
  [236, 'eof'],
  [237, 'susp'],
  [238, 'abort'],
  [239, 'eor'],
  [240, 'se'],
  [241, 'nop'],
  [242, 'data_mark'],
  [243, 'break'],
  [244, 'interrupt_process'],
  [245, 'abort_output'],
  [246, 'are_you_there'],
  [247, 'erase_character'],
  [248, 'erase_line'],
  [249, 'go_ahead'],
]);

/** Option codes the decoder reads subnegotiations of. */
export const Opt = {
  ECHO: 1,
  SGA: 3,
  TTYPE: 24,
  NAWS: 31,
  TSPEED: 32,
  LINEMODE: 34,
  XDISPLOC: 35,
  ENVIRON: 36,
  AUTHENTICATION: 37,
  ENCRYPT: 38,
  NEW_ENVIRON: 39,
  START_TLS: 46,
} as const;

/** Option names (IANA Telnet Options registry; RFC per entry in the header). */
export const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'binary'],
  [1, 'echo'],
  [2, 'reconnection'],
  [3, 'suppress_go_ahead'],
  [4, 'message_size'],
  [5, 'status'],
  [6, 'timing_mark'],
  [7, 'remote_controlled_trans'],
  [8, 'output_line_width'],
  [9, 'output_page_size'],
  [10, 'output_cr_disposition'],
  [11, 'output_htab_stops'],
  [12, 'output_htab_disposition'],
  [13, 'output_ff_disposition'],
  [14, 'output_vtab_stops'],
  [15, 'output_vtab_disposition'],
  [16, 'output_lf_disposition'],
  [17, 'extended_ascii'],
  [18, 'logout'],
  [19, 'byte_macro'],
  [20, 'data_entry_terminal'],
  [21, 'supdup'],
  [22, 'supdup_output'],
  [23, 'send_location'],
  [24, 'terminal_type'],
  [25, 'end_of_record'],
  [26, 'tacacs_user_identification'],
  [27, 'output_marking'],
  [28, 'terminal_location_number'],
  [29, 'telnet_3270_regime'],
  [30, 'x3_pad'],
  [31, 'naws'],
  [32, 'terminal_speed'],
  [33, 'remote_flow_control'],
  [34, 'linemode'],
  [35, 'x_display_location'],
  [36, 'environment'],
  [37, 'authentication'],
  [38, 'encryption'],
  [39, 'new_environ'],
  [40, 'tn3270e'],
  [41, 'xauth'],
  [42, 'charset'],
  [43, 'rsp'],
  [44, 'com_port'],
  [45, 'suppress_local_echo'],
  [46, 'start_tls'],
  [47, 'kermit'],
  [48, 'send_url'],
  [49, 'forward_x'],
  [255, 'extended_options_list'],
]);

/** Name of an option, `option_<n>` for unassigned codes. */
export function optionName(code: number): string {
  return OPTION_NAMES.get(code) ?? `option_${code}`;
}
