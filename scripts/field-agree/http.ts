/**
 * HTTP deeper fields against Wireshark's `http` and `ssdp` dissectors (4.0, packet-http.c), which
 * share the `http.*` fields.
 *
 * Where the two put a value differently, the spec compares like with like:
 * - Request fields come from our `http.request` events and response fields from `http.response`
 *   events only: a response repeats its request's method and target under other names, and an
 *   `http.tunnel` event repeats the status of the response that opened the tunnel.
 * - `http.request.version` / `http.response.version` are `HTTP/1.1`; ours is `1.1`.
 * - Wireshark writes a header value as sent; ours is the same value with the surrounding
 *   whitespace removed ([RFC9112] 5: OWS is not part of the field value), so both sides are
 *   trimmed.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

const req = (e: EventLine, k: string): unknown =>
  e.kind === 'http.request' ? at(e, `http.${k}`) : undefined;
const resp = (e: EventLine, k: string): unknown =>
  e.kind === 'http.response' ? at(e, `http.${k}`) : undefined;
const msg = (e: EventLine, k: string): unknown =>
  e.kind === 'http.request' || e.kind === 'http.response' ? at(e, `http.${k}`) : undefined;

/** Text compared as is (URIs and header values are case-sensitive), trimmed. */
const exact = (v: string): string | undefined => {
  const t = v.trim();
  return t === '' ? undefined : t;
};

/** The shared captures in which tshark finds HTTP or SSDP (`tshark -q -z io,phs` over the tree). */
export const HTTP_CAPTURES: readonly string[] = [
  'c37.118/c37118_1100_unclean.pcap',
  'c37.118/c37_pmu_unclean.pcap',
  'iec104/similator.pcap',
  'iec61850/m-send-req.mms.pcap',
  'it-attacks/pcap-attack/Command_and_Control/C2_Foudre_Backdoor_DGA.pcapng',
  'it-attacks/pcap-attack/Lateral_Movement/LM_rdp_sharprdp.pcapng',
  'melsec/melsoft_UDP_unclean_1.pcap',
  'modbus/modbus-and-non-modbus-p502.pcap',
  'mqtt/mqtt-events-missing-connect.pcap',
  'other-ics/beckhoff-ads/addroute.pcapng',
  'other-ics/beckhoff-ads/beckoffiplinktc3.pcapng',
  'profinet/profinet_io_cm_mixed_1.pcap',
];

export const httpSpec: ProtoSpec = {
  proto: 'http',
  filter: 'http || ssdp',
  sharedCaptures: HTTP_CAPTURES,
  pinnedBy: 'test/golden/http/tshark-agreement.test.ts',
  fields: [
    { name: 'method', tshark: 'http.request.method', ours: (e) => req(e, 'method'), norm: exact },
    { name: 'host', tshark: 'http.host', ours: (e) => req(e, 'host'), norm: exact },
    { name: 'URI', tshark: 'http.request.uri', ours: (e) => req(e, 'uri'), norm: exact },
    {
      name: 'request version',
      tshark: 'http.request.version',
      ours: (e) => req(e, 'version'),
      norm: (v) => normValue(v.replace(/^HTTP\//i, '')),
    },
    { name: 'status code', tshark: 'http.response.code', ours: (e) => resp(e, 'status_code') },
    {
      name: 'status message',
      tshark: 'http.response.phrase',
      ours: (e) => resp(e, 'status_msg'),
      norm: exact,
    },
    {
      name: 'user agent',
      tshark: 'http.user_agent',
      ours: (e) => msg(e, 'user_agent'),
      norm: exact,
    },
    { name: 'server', tshark: 'http.server', ours: (e) => msg(e, 'server'), norm: exact },
    { name: 'location', tshark: 'http.location', ours: (e) => msg(e, 'location'), norm: exact },
    {
      name: 'content type',
      tshark: 'http.content_type',
      ours: (e) => msg(e, 'content_type'),
      norm: exact,
    },
  ],
};
