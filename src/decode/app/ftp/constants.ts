/**
 * FTP code tables and limits.
 *
 * References:
 * - [RFC959] File Transfer Protocol: 4.1 (commands: access control, transfer parameters,
 *   service), 4.2 (replies: three digits then SP, or `-` for a multi-line reply ended by a line
 *   with the same code then SP), 5.3 (command syntax: a verb of 3 or 4 alphabetic characters,
 *   SP, argument, CRLF).
 * - [RFC2228] FTP Security Extensions: AUTH, ADAT, PROT, PBSZ, CCC, MIC, CONF, ENC; reply 234
 *   (security data exchange complete: TLS starts on the control connection).
 * - [RFC2389] FEAT and OPTS; [RFC2428] EPRT and EPSV (`|af|addr|port|`, 229 `(|||port|)`);
 * - [RFC3659] MDTM, SIZE, REST (stream), MLST, MLSD; [RFC4217] AUTH TLS; [RFC2640] LANG and
 *   UTF-8 paths; [RFC775] XMKD, XRMD, XPWD, XCUP, XCWD (still sent by Windows clients).
 * - [FTP-BOUNCE] CERT Advisory CA-1997-27 and RFC 2577 3: a PORT command naming another host
 *   or a privileged port turns the server into a proxy for scans and attacks.
 */

/** Limits and framing constants. */
export const FTP = {
  /** Longest line accepted; longer ones are skipped to their CRLF (server buffers are ~512). */
  MAX_LINE: 1024,
  /** Longest argument or reply text copied into an event, in characters. */
  MAX_TEXT: 256,
  /** Commands waiting for their reply (pipelined or unanswered). */
  MAX_PENDING: 32,
  /** Continuation lines of a multi-line reply copied into an event (the rest are counted). */
  MAX_REPLY_LINES: 64,
  /** Mask put in place of a PASS argument. */
  MASK: '****',
} as const;

/** Ports tried first: the control connection ([RFC959] 3.2; 21 is assigned by IANA). */
export const FTP_PORTS: readonly number[] = [21];

/** What a command does, for the event's `category` ([RFC959] 4.1 groups, plus extensions). */
export type FtpCategory =
  | 'access' // 4.1.1 access control
  | 'transfer' // 4.1.2 transfer parameters
  | 'file' // 4.1.3 service commands that act on a file or directory
  | 'service' // 4.1.3 other service commands
  | 'security' // [RFC2228]
  | 'info'; // FEAT, SYST, STAT, HELP...

/**
 * Every command verb the decoder knows, with its category. Verbs with a path argument are
 * `file`. Sources: [RFC959] 4.1, [RFC775], [RFC2228] 3, [RFC2389] 3-4, [RFC2428] 2-3,
 * [RFC2640] 4.1, [RFC3659] 3-7, draft-somers-ftp-mfxx (MFMT), and HOST ([RFC7151]).
 */
export const COMMANDS: ReadonlyMap<string, FtpCategory> = new Map<string, FtpCategory>([
  ['USER', 'access'],
  ['PASS', 'access'],
  ['ACCT', 'access'],
  ['CWD', 'file'],
  ['CDUP', 'access'],
  ['SMNT', 'file'],
  ['REIN', 'access'],
  ['QUIT', 'access'],
  ['HOST', 'access'],
  ['PORT', 'transfer'],
  ['PASV', 'transfer'],
  ['EPRT', 'transfer'],
  ['EPSV', 'transfer'],
  ['LPRT', 'transfer'],
  ['LPSV', 'transfer'],
  ['TYPE', 'transfer'],
  ['STRU', 'transfer'],
  ['MODE', 'transfer'],
  ['RETR', 'file'],
  ['STOR', 'file'],
  ['STOU', 'file'],
  ['APPE', 'file'],
  ['ALLO', 'service'],
  ['REST', 'service'],
  ['RNFR', 'file'],
  ['RNTO', 'file'],
  ['ABOR', 'service'],
  ['DELE', 'file'],
  ['RMD', 'file'],
  ['MKD', 'file'],
  ['PWD', 'service'],
  ['LIST', 'file'],
  ['NLST', 'file'],
  ['SITE', 'service'],
  ['SYST', 'info'],
  ['STAT', 'info'],
  ['HELP', 'info'],
  ['NOOP', 'service'],
  ['XCUP', 'access'],
  ['XCWD', 'file'],
  ['XMKD', 'file'],
  ['XPWD', 'service'],
  ['XRMD', 'file'],
  ['AUTH', 'security'],
  ['ADAT', 'security'],
  ['PROT', 'security'],
  ['PBSZ', 'security'],
  ['CCC', 'security'],
  ['MIC', 'security'],
  ['CONF', 'security'],
  ['ENC', 'security'],
  ['FEAT', 'info'],
  ['OPTS', 'service'],
  ['LANG', 'service'],
  ['MDTM', 'file'],
  ['SIZE', 'file'],
  ['MLST', 'file'],
  ['MLSD', 'file'],
  ['MFMT', 'file'],
  ['MFCT', 'file'],
  ['MFF', 'file'],
  ['CLNT', 'info'],
  ['AVBL', 'info'],
  ['CSID', 'info'],
  ['DSIZ', 'info'],
  ['HASH', 'file'],
  ['XCRC', 'file'],
  ['XMD5', 'file'],
  ['XSHA1', 'file'],
]);

/**
 * Verbs that POP3, SMTP or IMAP clients send too: the probe does not take a flow off port 21
 * on one of these alone.
 */
export const SHARED_VERBS: ReadonlySet<string> = new Set([
  'USER',
  'PASS',
  'QUIT',
  'NOOP',
  'HELP',
  'STAT',
  'LIST',
  'RETR',
  'DELE',
  'AUTH',
]);

/** User names that mean an anonymous login ([RFC1635] 2). */
export const ANONYMOUS_USERS: ReadonlySet<string> = new Set(['anonymous', 'ftp']);

/** Reply codes with a meaning the decoder acts on ([RFC959] 4.2.2, [RFC2228] 4, [RFC2428]). */
export const Reply = {
  /** Service ready for new user: the greeting. */
  READY: 220,
  /** Entering passive mode (h1,h2,h3,h4,p1,p2). */
  PASV: 227,
  /** Entering extended passive mode (|||port|). */
  EPSV: 229,
  /** User logged in. */
  LOGGED_IN: 230,
  /** Security data exchange complete: TLS follows ([RFC2228], [RFC4217] 4). */
  AUTH_OK: 234,
  /** Security data exchange complete with a security data (ADAT) argument. */
  AUTH_OK_ADAT: 235,
  /** System type (SYST). */
  SYSTEM: 215,
  /** System status or FEAT list. */
  STATUS: 211,
  /** Not logged in. */
  NOT_LOGGED_IN: 530,
} as const;

/**
 * Server software named in greetings, with an optional version: vsFTPd `220 (vsFTPd 3.0.3)`,
 * ProFTPD `220 ProFTPD 1.3.5e Server`, Pure-FTPd, FileZilla Server, IIS `220 Microsoft FTP
 * Service`, Serv-U, wu-ftpd `220 host FTP server (Version wu-2.6.2(1) ...)`, pyftpdlib,
 * Wing FTP, CrushFTP, and the FTP servers of embedded stacks (VxWorks, Bftpd).
 */
export const SOFTWARE_RE =
  /(vsFTPd|ProFTPD|Pure-FTPd|FileZilla Server|Microsoft FTP Service|Serv-U FTP Server|wu-|pyftpdlib|Wing FTP Server|CrushFTP|VxWorks|bftpd)[ /v(]*(\d[\w.-]*(?:\(\d+\))?)?/i;
