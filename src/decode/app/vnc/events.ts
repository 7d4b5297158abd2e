/**
 * VNC / RFB events: the handshake (versions, security types offered and chosen, VNC
 * authentication steps, VeNCrypt negotiation, security result, ClientInit, ServerInit), the
 * switch to TLS (`vnc.tls_start`, after which the flow is only counted), and after the
 * initialisation a bounded sample of messages (the first 32 per direction) plus message counts
 * per type at 10, 100, 1000... messages (`vnc.message_counts`). Framebuffer pixels are framed
 * (skipped), never decoded. References: see constants.ts.
 *
 * Every event carries the `vnc` object below; fields a message does not have are absent.
 */

/** Event kinds. */
export const VNC_EVENT_KINDS = [
  'vnc.version',
  'vnc.security_types',
  'vnc.security_choice',
  'vnc.auth',
  'vnc.vencrypt',
  'vnc.security_result',
  'vnc.tls_start',
  'vnc.client_init',
  'vnc.server_init',
  'vnc.client_message',
  'vnc.server_message',
  'vnc.message_counts',
] as const;

/** A VNC event kind. */
export type VncEventKind = (typeof VNC_EVENT_KINDS)[number];

/** The `vnc` object of every VNC event. Field names are the public schema. */
export interface VncFields {
  /** Version: the server's ProtocolVersion (`003.008`), as Wireshark's vnc.server_proto_ver. */
  server_version?: string;
  /** Version: the client's ProtocolVersion (`003.008`), as Wireshark's vnc.client_proto_ver. */
  client_version?: string;
  /** Security types: the types the server offers (3.7 and later). */
  security_types?: number[];
  /** Names of `security_types` (`none`, `vnc_auth`, `tight`, `vencrypt`, `apple_ard`...). */
  security_type_names?: string[];
  /** Security types (3.3: the type the server decides) or security choice (the client's). */
  security_type?: number;
  /** Name of `security_type`. */
  security_type_name?: string;
  /** Security types / result: the server's failure reason, cut at 256 characters. */
  reason?: string;
  /** Auth: `challenge` (server) or `response` (client) of VNC authentication; never the bytes. */
  auth_step?: string;
  /** VeNCrypt: the version sent (`0.2`). */
  vencrypt_version?: string;
  /** VeNCrypt: the subtypes the server offers. */
  vencrypt_subtypes?: number[];
  /** Names of `vencrypt_subtypes` (`plain`, `tls_vnc`, `x509_plain`...). */
  vencrypt_subtype_names?: string[];
  /** VeNCrypt: the subtype the client chose. */
  vencrypt_subtype?: number;
  /** Name of `vencrypt_subtype`. */
  vencrypt_subtype_name?: string;
  /** VeNCrypt: the server's status octet (version: 0 = accepted; subtype: 1 = accepted). */
  vencrypt_status?: number;
  /** VeNCrypt Plain: the user name sent in clear. */
  username?: string;
  /** VeNCrypt Plain: a password was sent in clear (never the password itself). */
  password_present?: boolean;
  /** Security result: 0 OK, 1 failed, 2 failed (too many attempts). */
  result?: number;
  /** Security result: true when 0. */
  auth_ok?: boolean;
  /** ClientInit: shared-flag (true: leave other clients connected). */
  shared?: boolean;
  /** ServerInit: framebuffer width in pixels. */
  width?: number;
  /** ServerInit: framebuffer height in pixels. */
  height?: number;
  /** ServerInit / SetPixelFormat: bits per pixel (8, 16 or 32). */
  bits_per_pixel?: number;
  /** ServerInit / SetPixelFormat: colour depth. */
  depth?: number;
  /** ServerInit / SetPixelFormat: big-endian flag. */
  big_endian?: boolean;
  /** ServerInit / SetPixelFormat: true-colour flag. */
  true_colour?: boolean;
  /** ServerInit: red-max, green-max, blue-max. */
  red_max?: number;
  green_max?: number;
  blue_max?: number;
  /** ServerInit: red-shift, green-shift, blue-shift. */
  red_shift?: number;
  green_shift?: number;
  blue_shift?: number;
  /** ServerInit: desktop name, cut at 256 characters. */
  desktop_name?: string;
  /** Client / server message: message type number. */
  message_type?: number;
  /** Client / server message: message type name (`set_encodings`, `framebuffer_update`...). */
  message?: string;
  /** SetEncodings: the encodings, in the client's order (64 max). */
  encodings?: number[];
  /** Names of `encodings` (`raw`, `tight`, `zrle`, `desktop_size`, `jpeg_quality_8`...). */
  encoding_names?: string[];
  /** ClientCutText / ServerCutText: text length in bytes (the text is not kept). */
  text_length?: number;
  /** FramebufferUpdate: number-of-rectangles. */
  rectangles?: number;
  /** Message counts: `client` or `server`. */
  side?: string;
  /** Message counts: messages of this side so far. */
  messages?: number;
  /** Message counts: messages so far per type name. */
  counts?: Record<string, number>;
}

/** A VNC event. */
export type VncEvent = {
  readonly kind: VncEventKind;
  readonly vnc: VncFields;
};
