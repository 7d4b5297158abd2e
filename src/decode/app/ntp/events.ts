/**
 * NTP events: `ntp.message` for the time modes 1-5, `ntp.control` for mode 6 control messages
 * (ntpq) and `ntp.private` for mode 7 private messages (ntpdc, monlist). Every event carries the
 * `ntp` object below; fields a message does not have are absent. References: see constants.ts.
 */

/** Event kinds. */
export const NTP_EVENT_KINDS = ['ntp.message', 'ntp.control', 'ntp.private'] as const;

/** An NTP event kind. */
export type NtpEventKind = (typeof NTP_EVENT_KINDS)[number];

/** The `ntp` object of every NTP event. Field names are the public schema. */
export interface NtpFields {
  /** Leap indicator (0-3) and its name (`no_warning`, ..., `unsynchronized`). */
  li: number;
  li_name: string;
  /** Version number. */
  version: number;
  /** Mode (1-7) and its name (`client`, `server`, `broadcast`, `control`, `private`, ...). */
  mode: number;
  mode_name: string;
  /** Modes 1-5: stratum (0 kiss-o'-death or unspecified, 1 primary, 16 unsynchronized). */
  stratum?: number;
  /** Modes 1-5: poll interval and precision, log2 seconds (signed). */
  poll?: number;
  precision?: number;
  /** Modes 1-5: root delay and root dispersion in seconds (16.16 fixed point). */
  root_delay?: number;
  root_dispersion?: number;
  /**
   * Modes 1-5: reference ID: for stratum 0 and 1 its ASCII code (kiss code, `GPS`, `PPS`,
   * `LOCL`...), else the reference IPv4 address (for IPv6 references the first four bytes of
   * their MD5 hash, shown as an address too).
   */
  ref_id?: string;
  /** Stratum 0 in a reply: the kiss code ([RFC5905] 7.4), e.g. `RATE`, `DENY`, `RSTR`. */
  kiss_code?: string;
  /** Modes 1-5: reference, origin, receive and transmit timestamps, ISO 8601 with nanoseconds; absent when zero. */
  ref_time?: string;
  org_time?: string;
  rec_time?: string;
  xmt_time?: string;
  /** Modes 1-5: bytes after the 48-byte header (extension fields, key id and MAC). */
  extra_bytes?: number;
  /** Modes 6 and 7: true in a response. */
  response?: boolean;
  /** Modes 6 and 7: more fragments follow. */
  more?: boolean;
  /** Modes 6 and 7: sequence number. */
  sequence?: number;
  /** Mode 6: error bit, opcode and its name (`read_variables`, `read_mru`, ... or `unknown`). */
  error?: boolean;
  opcode?: number;
  opcode_name?: string;
  /** Mode 6: status word, association ID, data offset and count. */
  status?: number;
  association_id?: number;
  offset?: number;
  count?: number;
  /** Mode 7: authenticated bit, implementation, request code and its name (`mon_getlist_1`...). */
  auth?: boolean;
  implementation?: number;
  request_code?: number;
  request_name?: string;
  /** Mode 7: error code, item count and item size. */
  err?: number;
  items?: number;
  item_size?: number;
}
