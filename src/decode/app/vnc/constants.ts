/**
 * VNC / RFB code tables.
 *
 * References:
 * - [RFC6143] The Remote Framebuffer Protocol: 7.1.1 ProtocolVersion (`RFB xxx.yyy\n`, 12
 *   bytes), 7.1.2 Security (3.7+: u8 count + types; 3.3: u32 type, 6.3 / Appendix A), 7.1.3
 *   SecurityResult (u32; reason string from 3.8), 7.2.1 None, 7.2.2 VNC Authentication (16-byte
 *   DES challenge and response), 7.3.1 ClientInit, 7.3.2 ServerInit, 7.4 pixel format, 7.5
 *   client messages, 7.6 server messages, 7.7 encodings, 8 IANA registries (security types,
 *   message types, encodings).
 * - [IANA-RFB] https://www.iana.org/assignments/rfb/rfb.xhtml (security types, encodings).
 * - [VeNCrypt] https://github.com/rfbproto/rfbproto/blob/master/rfbproto.rst#vencrypt
 *   (version 0.2, subtypes 256-264; Plain sends the user name and password in clear).
 * - [rfbproto] community RFB spec (Tight encoding framing, Fence, ExtendedDesktopSize,
 *   EnableContinuousUpdates, xvp, QEMU messages).
 */

/** Ports tried first: 5900-5906 (displays :0 to :6). */
export const VNC_PORTS: readonly number[] = [5900, 5901, 5902, 5903, 5904, 5905, 5906];

/** Framing constants and caps. */
export const VNC = {
  VERSION_BYTES: 12,
  CHALLENGE_BYTES: 16,
  PIXEL_FORMAT_BYTES: 16,
  /** Longest reason or desktop name kept (longer ones are cut). */
  MAX_TEXT: 256,
  /** Largest reason/name length accepted before the direction is given up as malformed. */
  MAX_TEXT_LENGTH: 65_536,
  /** Encodings listed per SetEncodings. */
  MAX_ENCODINGS: 64,
  /** Events for SetEncodings, SetPixelFormat, cut text and other rare messages, per direction. */
  MAX_MESSAGE_EVENTS: 32,
  /** VeNCrypt subtypes listed. */
  MAX_SUBTYPES: 32,
  /** Hextile tile side. */
  TILE: 16,
} as const;

/** Security types ([RFC6143] 8.1.2, [IANA-RFB]). */
export const SECURITY_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'invalid'],
  [1, 'none'],
  [2, 'vnc_auth'],
  [5, 'ra2'],
  [6, 'ra2ne'],
  [16, 'tight'],
  [17, 'ultra'],
  [18, 'tls'],
  [19, 'vencrypt'],
  [20, 'sasl'],
  [21, 'md5'],
  [22, 'xvp'],
  [23, 'secure_tunnel'],
  [24, 'integrated_ssh'],
  [30, 'apple_ard'],
  [113, 'mslogon_ii'],
]);

/** Name of a security type. */
export function securityTypeName(t: number): string {
  return SECURITY_TYPES.get(t) ?? `unknown_${t}`;
}

/** Security type numbers used by the state machine. */
export const Sec = {
  INVALID: 0,
  NONE: 1,
  VNC_AUTH: 2,
  TLS: 18,
  VENCRYPT: 19,
} as const;

/** VeNCrypt subtypes ([VeNCrypt]). */
export const VENCRYPT_SUBTYPES: ReadonlyMap<number, string> = new Map([
  [0, 'none'],
  [1, 'none'],
  [2, 'vnc_auth'],
  [256, 'plain'],
  [257, 'tls_none'],
  [258, 'tls_vnc'],
  [259, 'tls_plain'],
  [260, 'x509_none'],
  [261, 'x509_vnc'],
  [262, 'x509_plain'],
  [263, 'tls_sasl'],
  [264, 'x509_sasl'],
]);

/** VeNCrypt subtype Plain: user name and password in clear. */
export const VENCRYPT_PLAIN = 256;

/** Name of a VeNCrypt subtype. */
export function vencryptName(t: number): string {
  return VENCRYPT_SUBTYPES.get(t) ?? `unknown_${t}`;
}

/** SecurityResult values ([RFC6143] 7.1.3; 2 is "too many attempts" in some servers). */
export const SECURITY_RESULTS: readonly string[] = ['ok', 'failed', 'failed_too_many_attempts'];

/** Client-to-server message types ([RFC6143] 7.5, 8.2.3). */
export const ClientMsg = {
  SET_PIXEL_FORMAT: 0,
  SET_ENCODINGS: 2,
  FRAMEBUFFER_UPDATE_REQUEST: 3,
  KEY_EVENT: 4,
  POINTER_EVENT: 5,
  CLIENT_CUT_TEXT: 6,
  ENABLE_CONTINUOUS_UPDATES: 150,
  CLIENT_FENCE: 248,
  XVP: 250,
  SET_DESKTOP_SIZE: 251,
  QEMU: 255,
} as const;

/** Client message type names. */
export const CLIENT_MESSAGES: ReadonlyMap<number, string> = new Map([
  [0, 'set_pixel_format'],
  [2, 'set_encodings'],
  [3, 'framebuffer_update_request'],
  [4, 'key_event'],
  [5, 'pointer_event'],
  [6, 'client_cut_text'],
  [150, 'enable_continuous_updates'],
  [248, 'client_fence'],
  [250, 'xvp'],
  [251, 'set_desktop_size'],
  [255, 'qemu'],
]);

/** Server-to-client message types ([RFC6143] 7.6, 8.2.4). */
export const ServerMsg = {
  FRAMEBUFFER_UPDATE: 0,
  SET_COLOUR_MAP_ENTRIES: 1,
  BELL: 2,
  SERVER_CUT_TEXT: 3,
  END_OF_CONTINUOUS_UPDATES: 150,
  SERVER_FENCE: 248,
  XVP: 250,
} as const;

/** Server message type names. */
export const SERVER_MESSAGES: ReadonlyMap<number, string> = new Map([
  [0, 'framebuffer_update'],
  [1, 'set_colour_map_entries'],
  [2, 'bell'],
  [3, 'server_cut_text'],
  [150, 'end_of_continuous_updates'],
  [248, 'server_fence'],
  [250, 'xvp'],
]);

/** Encodings ([RFC6143] 7.7, 8.4; [IANA-RFB] pseudo-encodings). */
export const Enc = {
  RAW: 0,
  COPY_RECT: 1,
  RRE: 2,
  CORRE: 4,
  HEXTILE: 5,
  ZLIB: 6,
  TIGHT: 7,
  ZRLE: 16,
  CURSOR: -239,
  X_CURSOR: -240,
  DESKTOP_SIZE: -223,
  LAST_RECT: -224,
  POINTER_POS: -232,
  EXTENDED_DESKTOP_SIZE: -308,
  DESKTOP_NAME: -307,
  FENCE: -312,
  CONTINUOUS_UPDATES: -313,
  CURSOR_WITH_ALPHA: -314,
  QEMU_EXTENDED_KEY: -258,
  QEMU_AUDIO: -259,
  LED_STATE: -261,
} as const;

/** Encoding names; Tight's quality (-32..-23) and compression (-256..-247) levels by range. */
export function encodingName(e: number): string {
  switch (e) {
    case 0:
      return 'raw';
    case 1:
      return 'copy_rect';
    case 2:
      return 'rre';
    case 4:
      return 'corre';
    case 5:
      return 'hextile';
    case 6:
      return 'zlib';
    case 7:
      return 'tight';
    case 8:
      return 'zlibhex';
    case 15:
      return 'trle';
    case 16:
      return 'zrle';
    case 21:
      return 'jpeg';
    case 50:
      return 'open_h264';
    case -223:
      return 'desktop_size';
    case -224:
      return 'last_rect';
    case -232:
      return 'pointer_pos';
    case -239:
      return 'cursor';
    case -240:
      return 'x_cursor';
    case -258:
      return 'qemu_extended_key_event';
    case -259:
      return 'qemu_audio';
    case -261:
      return 'led_state';
    case -305:
      return 'gii';
    case -307:
      return 'desktop_name';
    case -308:
      return 'extended_desktop_size';
    case -309:
      return 'xvp';
    case -312:
      return 'fence';
    case -313:
      return 'continuous_updates';
    case -314:
      return 'cursor_with_alpha';
    case 0x574d5664:
      return 'vmware_cursor';
    case 0xc0a1e5ce - 0x100000000:
      return 'extended_clipboard';
    default:
      if (e >= -32 && e <= -23) return `jpeg_quality_${e + 32}`;
      if (e >= -256 && e <= -247) return `compress_level_${e + 256}`;
      return `unknown_${e}`;
  }
}

/** Hextile subencoding bits ([RFC6143] 7.7.4). */
export const Hextile = {
  RAW: 1,
  BACKGROUND: 2,
  FOREGROUND: 4,
  ANY_SUBRECTS: 8,
  SUBRECTS_COLOURED: 16,
} as const;
