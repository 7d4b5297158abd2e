/**
 * FTP events: one per command line (`ftp.request`), one per complete reply paired with the
 * command it answers (`ftp.reply`, a multi-line reply once at its last line), one per login
 * outcome (`ftp.login`), and one when the control connection turns to TLS (`ftp.tls_start`).
 *
 * Every event carries the `ftp` object below; fields a message does not have are absent.
 * Passwords never appear: `PASS` has `arg: "****"` and `password_present: true`.
 * References: see constants.ts.
 */

/** Event kinds. */
export const FTP_EVENT_KINDS = ['ftp.request', 'ftp.reply', 'ftp.login', 'ftp.tls_start'] as const;

/** An FTP event kind. */
export type FtpEventKind = (typeof FTP_EVENT_KINDS)[number];

/** The `ftp` object of every FTP event. Field names are the public schema. */
export interface FtpFields {
  /**
   * Request: the command verb, upper case as RFC 959 5.3 makes it case-insensitive (`RETR`).
   * Reply: the command it answers (absent for the greeting and unsolicited replies).
   */
  command?: string;
  /**
   * The command's argument, cut at 256 characters; `****` for PASS. On a reply, the argument
   * of the command it answers.
   */
  arg?: string;
  /** Request: the command's group (`access`, `transfer`, `file`, `service`, `security`, `info`). */
  category?: string;
  /** PASS: a password was sent (its value is never reported). */
  password_present?: boolean;
  /** The user name of the session (USER argument), on PASS, replies after USER, and logins. */
  user?: string;
  /** Reply: the reply code ([RFC959] 4.2). */
  code?: number;
  /** Reply: text of the last line after the code, cut at 256 characters. */
  text?: string;
  /** Multi-line reply: the lines between the first and the last (64 at most, each cut). */
  lines?: string[];
  /** Multi-line reply: how many lines it had in all (first and last included). */
  line_count?: number;
  /** Greeting (220 without a command): the server's banner text. */
  banner?: string;
  /**
   * Greeting: the server software it names (`vsFTPd 3.0.3`, `ProFTPD 1.3.5e`,
   * `Microsoft FTP Service`), for the asset inventory.
   */
  software?: string;
  /** FEAT reply: the features the server lists ([RFC2389] 3.2), upper-cased names. */
  features?: string[];
  /** SYST reply: the system type (`UNIX Type: L8`). */
  system?: string;
  /** PWD / MKD reply (257): the path in quotes ([RFC959] Appendix II). */
  path?: string;
  /**
   * PORT / EPRT request, PASV / EPSV reply: the data connection's address (absent for EPSV,
   * whose address is the control connection's).
   */
  data_ip?: string;
  /** PORT / EPRT request, PASV / EPSV reply: the data connection's TCP port. */
  data_port?: number;
  /** Data connection negotiation: `active` (PORT, EPRT) or `passive` (PASV, EPSV replies). */
  data_mode?: 'active' | 'passive';
  /**
   * PORT / EPRT naming another host than the client, or a privileged port below 1024
   * ([FTP-BOUNCE]); set to false when checked and fine.
   */
  bounce?: boolean;
  /** Login: true on 230, false on 530 (or any 4xx/5xx) answering PASS or USER. */
  success?: boolean;
  /** Login: the user is `anonymous` or `ftp` ([RFC1635]). */
  anonymous?: boolean;
  /** TLS start: the AUTH mechanism the server accepted (`TLS`, `SSL`, `TLS-C`). */
  mechanism?: string;
}

/** An FTP event. */
export type FtpEvent = {
  readonly kind: FtpEventKind;
  readonly ftp: FtpFields;
};
