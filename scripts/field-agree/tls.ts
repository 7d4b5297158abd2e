/**
 * TLS deeper fields against Wireshark's `tls` dissector (4.0).
 *
 * Where the two put a value differently, the spec compares like with like:
 * - `tls.handshake.ciphersuite` holds the offered list of a ClientHello (GREASE included) and the
 *   chosen suite of a ServerHello; ours lists names without GREASE: the names are mapped back to
 *   codes and GREASE values are dropped on Wireshark's side.
 * - `tls.handshake.extensions_alpn_str` holds the client's list and the server's choice, as our
 *   `alpn` arrays do.
 * - Wireshark 4.0 has no certificate subject CN field of its own (the RDN values are generic
 *   `x509sat` strings), so the CN is checked in the unit tests instead.
 */
import { CIPHER_SUITES } from '../../src/decode/app/tls/tables.js';
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

const BY_NAME = new Map([...CIPHER_SUITES].map(([code, name]) => [name, code]));

function grease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && (v & 0xff) === v >> 8;
}

/** Cipher codes of one of our events: the offered list or the chosen suite. */
function suites(e: EventLine): unknown {
  if (e.kind === 'tls.server_hello') return at(e, 'tls.cipher_suite');
  const names = at(e, 'tls.cipher_suites');
  if (!Array.isArray(names) || at(e, 'tls.sslv2') === true) return undefined;
  return (names as string[]).map((n) => BY_NAME.get(n) ?? Number.parseInt(n, 16));
}

export const tlsSpec: ProtoSpec = {
  proto: 'tls',
  filter: 'tls',
  // The shared captures with TLS handshakes; the others hold application data only (no field
  // here), and their per-frame SNI agreement is in test/golden/tls/tshark-agreement.test.ts.
  sharedCaptures: [
    'it-attacks/pcap-attack/Discovery/Discovery_PsLoggedOn',
    'modbus/modbus-and-non-modbus-p502.pcap',
  ],
  fields: [
    {
      name: 'handshake type',
      tshark: 'tls.handshake.type',
      ours: (e) => at(e, 'tls.handshake_type'),
    },
    {
      name: 'hello version',
      tshark: 'tls.handshake.version',
      ours: (e) =>
        e.kind === 'tls.client_hello' || e.kind === 'tls.server_hello'
          ? at(e, 'tls.version')
          : undefined,
    },
    {
      name: 'cipher suite',
      tshark: 'tls.handshake.ciphersuite',
      ours: suites,
      norm: (v) => {
        const n = normValue(v);
        return n !== undefined && grease(Number(n)) ? undefined : n;
      },
    },
    { name: 'SNI', tshark: 'tls.handshake.extensions_server_name', ours: (e) => at(e, 'tls.sni') },
    { name: 'ALPN', tshark: 'tls.handshake.extensions_alpn_str', ours: (e) => at(e, 'tls.alpn') },
    { name: 'JA3', tshark: 'tls.handshake.ja3', ours: (e) => at(e, 'tls.ja3_hash') },
    { name: 'JA3S', tshark: 'tls.handshake.ja3s', ours: (e) => at(e, 'tls.ja3s_hash') },
  ],
};
