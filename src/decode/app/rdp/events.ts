/**
 * RDP events: the X.224 connection request and confirm with the security negotiation, the
 * switch to TLS / CredSSP (`rdp.tls_start`, after which the stream is only counted), and with
 * Standard RDP Security the client and server data of the MCS Connect Initial / Response. Over
 * UDP 3389 the RDP-UDP SYN datagrams ([MS-RDPEUDP]). References: see constants.ts.
 *
 * Every event carries the `rdp` object below; fields a message does not have are absent.
 */

/** Event kinds. */
export const RDP_EVENT_KINDS = [
  'rdp.connection_request',
  'rdp.connection_confirm',
  'rdp.tls_start',
  'rdp.client_data',
  'rdp.server_data',
  'rdp.udp_syn',
] as const;

/** An RDP event kind. */
export type RdpEventKind = (typeof RDP_EVENT_KINDS)[number];

/** The `rdp` object of every RDP event. Field names are the public schema. */
export interface RdpFields {
  /**
   * Connection request: the user name of a `Cookie: mstshash=NAME` line (Zeek rdp.log
   * `cookie`); the whole line is in Wireshark's `rdp.rt_cookie`.
   */
  cookie?: string;
  /**
   * Connection request: a routing token or cookie line that is not `mstshash=` (load-balancer
   * `Cookie: msts=IP.PORT.RESERVED`), without its CR LF, cut at the string limit (1024 bytes).
   */
  routing_token?: string;
  /** Connection request: RDP_NEG_REQ requestedProtocols (0 = Standard RDP Security only). */
  requested_protocols?: number;
  /** Connection request: names of the requested protocols (`rdp`, `tls`, `credssp`, `rdstls`, `credssp_early_user_auth`, `rdsaad`). */
  requested_protocol_names?: string[];
  /** Connection request / confirm: RDP_NEG_REQ or RDP_NEG_RSP flags. */
  neg_flags?: number;
  /** Names of `neg_flags` (`restricted_admin_mode_required`, `extended_client_data_supported`...). */
  neg_flag_names?: string[];
  /** Connection request: RDP_NEG_CORRELATION_INFO correlationId, hex. */
  correlation_id?: string;
  /**
   * Connection confirm / TLS start: RDP_NEG_RSP selectedProtocol. A confirm without any
   * negotiation structure (a server older than RDP 5.2, or a request without RDP_NEG_REQ)
   * means Standard RDP Security: 0.
   */
  selected_protocol?: number;
  /** Name of `selected_protocol`. */
  selected_protocol_name?: string;
  /** Connection confirm: false when the confirm carries no RDP_NEG_RSP / RDP_NEG_FAILURE. */
  negotiated?: boolean;
  /** Connection confirm: RDP_NEG_FAILURE failureCode. */
  failure_code?: number;
  /** Name of `failure_code` (`ssl_required_by_server`, `hybrid_required_by_server`...). */
  failure_name?: string;
  /** Client / server data: TS_UD_CS_CORE or TS_UD_SC_CORE version (0x00080004...). */
  version?: number;
  /** Client / server data: RDP version of `version` (`5.0-8.1`, `10.7`...). */
  rdp_version?: string;
  /** Client data: client computer name (UTF-16LE, at most 15 characters). */
  client_name?: string;
  /** Client data: clientBuild. */
  client_build?: number;
  /** Client data: keyboardLayout (an input locale identifier, 1033 = en-US). */
  keyboard_layout?: number;
  /** Client data: keyboardType (4 = IBM enhanced 101/102 keys, 7 = Japanese). */
  keyboard_type?: number;
  /** Client data: requested desktop width in pixels. */
  desktop_width?: number;
  /** Client data: requested desktop height in pixels. */
  desktop_height?: number;
  /** Client data: serverSelectedProtocol echoed by the client (when present). */
  server_selected_protocol?: number;
  /** Client data: encryptionMethods of TS_UD_CS_SEC (bits). */
  encryption_methods?: number;
  /** Client data: names of `encryption_methods` (`40bit`, `128bit`, `56bit`, `fips`). */
  encryption_method_names?: string[];
  /** Client data: static virtual channel names of TS_UD_CS_NET (`rdpdr`, `cliprdr`...), at most 31. */
  channels?: string[];
  /** Client data: TS_UD_CS_CLUSTER flags. */
  cluster_flags?: number;
  /** Server data: clientRequestedProtocols of TS_UD_SC_CORE. */
  client_requested_protocols?: number;
  /** Server data: encryptionMethod of TS_UD_SC_SEC1 (0 = none). */
  encryption_method?: number;
  /** Server data: name of `encryption_method`. */
  encryption_method_name?: string;
  /** Server data: encryptionLevel of TS_UD_SC_SEC1 (0 none ... 4 FIPS). */
  encryption_level?: number;
  /** Server data: name of `encryption_level`. */
  encryption_level_name?: string;
  /** Server data: serverCertLen of TS_UD_SC_SEC1. */
  server_certificate_length?: number;
  /** UDP SYN: RDPUDP_FEC_HEADER uFlags. */
  udp_flags?: number;
  /** UDP SYN: names of `udp_flags` (`syn`, `ack`, `correlation_id`, `synex`...). */
  udp_flag_names?: string[];
  /** UDP SYN: uUpStreamMtu of RDPUDP_SYNDATA_PAYLOAD. */
  mtu_up?: number;
  /** UDP SYN: uDownStreamMtu of RDPUDP_SYNDATA_PAYLOAD. */
  mtu_down?: number;
}

/** An RDP event. */
export type RdpEvent = {
  readonly kind: RdpEventKind;
  readonly rdp: RdpFields;
};
