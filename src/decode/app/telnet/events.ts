/**
 * Telnet events: one `telnet.negotiation` per burst of IAC commands in one direction (the run
 * of commands up to the next data byte, cut at 64 commands), `telnet.login` when the client
 * answers a password prompt (the user name it gave before; the password never), one
 * `telnet.login_result` when the server's text shows the outcome, and one `telnet.command` per
 * client line outside the login dialogue.
 *
 * Every event carries the `telnet` object below; fields an event does not have are absent.
 * References: see constants.ts.
 */

/** Event kinds. */
export const TELNET_EVENT_KINDS = [
  'telnet.negotiation',
  'telnet.login',
  'telnet.login_result',
  'telnet.command',
] as const;

/** A Telnet event kind. */
export type TelnetEventKind = (typeof TELNET_EVENT_KINDS)[number];

/** The `telnet` object of every Telnet event. Field names are the public schema. */
export interface TelnetFields {
  /** Negotiation: options the sender offers to perform (IAC WILL), by name (`echo`, `naws`). */
  will?: string[];
  /** Negotiation: options the sender refuses to perform (IAC WONT). */
  wont?: string[];
  /** Negotiation: options the sender asks the peer to perform (IAC DO). */
  do?: string[];
  /** Negotiation: options the sender asks the peer not to perform (IAC DONT). */
  dont?: string[];
  /** Negotiation: options of the subnegotiations (IAC SB option ... IAC SE), in order. */
  subnegotiations?: string[];
  /** Negotiation: other commands (`are_you_there`, `interrupt_process`, `go_ahead` ...). */
  commands?: string[];
  /** Negotiation: IAC commands in the burst. */
  command_count?: number;
  /** TERMINAL-TYPE IS ([RFC1091]): the terminal type (`XTERM-256COLOR`). */
  terminal_type?: string;
  /** NAWS ([RFC1073]): window width in characters. */
  window_width?: number;
  /** NAWS: window height in characters. */
  window_height?: number;
  /** TERMINAL-SPEED IS ([RFC1079]): `transmit,receive` in bits/s. */
  terminal_speed?: string;
  /** X-DISPLAY-LOCATION IS ([RFC1096]): `host:display`. */
  x_display?: string;
  /** NEW-ENVIRON / ENVIRON IS or INFO: the USER variable, a user name ([RFC1572] 4). */
  env_user?: string;
  /** NEW-ENVIRON / ENVIRON IS or INFO: the names of the variables sent (16 at most). */
  env_vars?: string[];
  /** AUTHENTICATION ([RFC2941]): the subcommand (`is`, `send`, `reply`, `name`). */
  auth_command?: string;
  /** AUTHENTICATION NAME: the name the client authenticates as. */
  auth_name?: string;
  /** Login / result: the user name typed at the login prompt (or sent as USER). */
  user?: string;
  /** Login: a password was typed at the password prompt (its value is never reported). */
  password_present?: boolean;
  /** Login result: true when a shell prompt or `Last login` follows, false on `Login incorrect`. */
  success?: boolean;
  /** Login result: the server text that decided it (trimmed, 96 characters at most). */
  evidence?: string;
  /** Command: the line the client typed (after erase characters), 256 bytes at most. */
  line?: string;
  /** Command: the line was longer and was cut. */
  truncated?: boolean;
}

/** A Telnet event. */
export type TelnetEvent = {
  readonly kind: TelnetEventKind;
  readonly telnet: TelnetFields;
};
