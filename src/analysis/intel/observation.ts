/**
 * What an event or a flow record is in STIX terms: the cyber observables (STIX 2.1 OS,
 * section 6) one observation holds. Built only when an indicator is a candidate for the event
 * (the indexes found one of its values) or when unindexed indicators exist, never for every
 * event otherwise.
 *
 * | SCO | from |
 * | --- | --- |
 * | `ipv4-addr` / `ipv6-addr` `value` | `src_ip` and `dst_ip` of every event and flow |
 * | `mac-addr` `value` | `src_mac`, `dst_mac` |
 * | `network-traffic` | client (`src_ref`) and server (`dst_ref`) address and port, `protocols` (`ipv4`/`ipv6`, transport, service), and for flows `start`, `end`, `src_byte_count`, `dst_byte_count`, `src_packets`, `dst_packets` |
 * | `domain-name` `value` | `dns.qname` (with `resolves_to_refs` from A/AAAA answers), `tls.sni`, `http.host`, certificate `san_dns` |
 * | `url` `value` | HTTP requests: `http://` host and URI (an absolute URI as it is) |
 * | `file` `name`, `parent_directory_ref.path` | `smb.filename`, `ftp.path` |
 * | `x509-certificate` | TLS certificates: `serial_number`, `issuer`, `subject` (CN and O), `hashes.'SHA-1'`, `validity_not_before/after`, `subject_public_key_algorithm` |
 * | `user-account` `account_login` | `ftp.user`, `smb.user`, `http.auth_user` |
 *
 * The event's sender and receiver are turned into client and server with
 * `EventMeta.fromServer`, so `network-traffic:dst_port = 443` means the service port whichever
 * way the PDU went.
 */
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import type { EventMeta } from '../observer.js';
import type { Observation } from './evaluate.js';

type Obj = Record<string, unknown>;

function layer(e: AppEvent, name: string): Obj | undefined {
  const v = e[name];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function str(o: Obj | undefined, k: string): string | undefined {
  const v = o?.[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function addrType(ip: string): string {
  return ip.indexOf(':') >= 0 ? 'ipv6-addr' : 'ipv4-addr';
}

/** Host part of an HTTP Host header (without the port). */
export function hostOnly(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 ? host.slice(1, end) : host;
  }
  const colon = host.indexOf(':');
  return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.slice(0, colon) : host;
}

/** The URL of an HTTP request event, or undefined. */
export function httpUrl(http: Obj | undefined): string | undefined {
  const uri = str(http, 'uri');
  if (uri === undefined) return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(uri)) return uri;
  const host = str(http, 'host');
  if (host === undefined || !uri.startsWith('/')) return undefined;
  return `http://${host}${uri}`;
}

/** The DN text of a certificate name from the CN and O Palisade reads. */
function dn(cn: unknown, o: unknown): string | undefined {
  const parts: string[] = [];
  if (typeof cn === 'string') parts.push(`CN=${cn}`);
  if (typeof o === 'string') parts.push(`O=${o}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A file SCO from a path (`\\share\dir\name.exe`, `dir/name`). */
function fileObject(path: string): Obj {
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  if (cut < 0) return { name: path };
  const dir = path.slice(0, cut);
  return dir === ''
    ? { name: path.slice(cut + 1) }
    : { name: path.slice(cut + 1), parent_directory_ref: { path: dir } };
}

/** The observables of one event. */
export function eventObservation(meta: EventMeta, e: AppEvent): Observation {
  const obs: Record<string, Obj[]> = {};
  const push = (type: string, o: Obj): void => {
    (obs[type] ??= []).push(o);
  };
  const client = meta.fromServer ? meta.dstIp : meta.srcIp;
  const server = meta.fromServer ? meta.srcIp : meta.dstIp;
  if (meta.srcIp !== null) push(addrType(meta.srcIp), { value: meta.srcIp });
  if (meta.dstIp !== null) push(addrType(meta.dstIp), { value: meta.dstIp });
  if (meta.srcMac !== '') push('mac-addr', { value: meta.srcMac });
  if (meta.dstMac !== '') push('mac-addr', { value: meta.dstMac });
  const nt: Obj = { protocols: protocols(client, meta.transport, meta.proto) };
  if (client !== null) nt.src_ref = { type: addrType(client), value: client };
  if (server !== null) nt.dst_ref = { type: addrType(server), value: server };
  if (meta.transport !== 'ether') {
    nt.src_port = meta.fromServer ? meta.dstPort : meta.srcPort;
    nt.dst_port = meta.fromServer ? meta.srcPort : meta.dstPort;
  }
  push('network-traffic', nt);
  switch (meta.proto) {
    case 'dns': {
      const d = layer(e, 'dns');
      const q = str(d, 'qname');
      if (q !== undefined) {
        const resolved: Obj[] = [];
        const answers = d?.answers;
        if (Array.isArray(answers)) {
          for (const a of answers as Obj[]) {
            const data = str(a, 'data');
            if (data !== undefined && (a.type === 1 || a.type === 28)) {
              resolved.push({ type: a.type === 1 ? 'ipv4-addr' : 'ipv6-addr', value: data });
            }
          }
        }
        push(
          'domain-name',
          resolved.length > 0 ? { value: q, resolves_to_refs: resolved } : { value: q },
        );
      }
      break;
    }
    case 'tls': {
      const t = layer(e, 'tls');
      const sni = str(t, 'sni');
      if (sni !== undefined) push('domain-name', { value: sni });
      const certs = t?.certificates;
      if (Array.isArray(certs)) {
        for (const c of certs as Obj[]) {
          const x: Obj = {};
          if (typeof c.serial === 'string') x.serial_number = c.serial;
          const issuer = dn(c.issuer_cn, c.issuer_o);
          if (issuer !== undefined) x.issuer = issuer;
          const subject = dn(c.subject_cn, c.subject_o);
          if (subject !== undefined) x.subject = subject;
          if (typeof c.sha1 === 'string') x.hashes = { 'SHA-1': c.sha1 };
          if (typeof c.not_before === 'string') x.validity_not_before = c.not_before;
          if (typeof c.not_after === 'string') x.validity_not_after = c.not_after;
          if (typeof c.key_algorithm === 'string') x.subject_public_key_algorithm = c.key_algorithm;
          if (typeof c.signature_algorithm === 'string')
            x.signature_algorithm = c.signature_algorithm;
          push('x509-certificate', x);
          if (Array.isArray(c.san_dns)) {
            for (const n of c.san_dns) if (typeof n === 'string') push('domain-name', { value: n });
          }
        }
      }
      break;
    }
    case 'http': {
      const h = layer(e, 'http');
      const host = str(h, 'host');
      if (host !== undefined) push('domain-name', { value: hostOnly(host) });
      const url = httpUrl(h);
      if (url !== undefined) push('url', { value: url });
      const user = str(h, 'auth_user');
      if (user !== undefined) push('user-account', { account_login: user });
      break;
    }
    case 'smb': {
      const s = layer(e, 'smb');
      const f = str(s, 'filename');
      if (f !== undefined) push('file', fileObject(f));
      const user = str(s, 'user');
      if (user !== undefined) push('user-account', { account_login: user });
      break;
    }
    case 'ftp': {
      const f = layer(e, 'ftp');
      const p = str(f, 'path');
      if (p !== undefined) push('file', fileObject(p));
      const user = str(f, 'user');
      if (user !== undefined) push('user-account', { account_login: user });
      break;
    }
  }
  return obs;
}

function protocols(ip: string | null, transport: string, proto: string): string[] {
  const out: string[] = [];
  if (ip !== null) out.push(ip.indexOf(':') >= 0 ? 'ipv6' : 'ipv4');
  if (transport !== 'ether') out.push(transport);
  if (proto !== '' && proto !== transport) out.push(proto);
  return out;
}

/** The observables of one flow record (initiator as `src_ref`). */
export function flowObservation(r: FlowRecord): Observation {
  const obs: Record<string, Obj[]> = {};
  const push = (type: string, o: Obj): void => {
    (obs[type] ??= []).push(o);
  };
  push(addrType(r.src_ip), { value: r.src_ip });
  push(addrType(r.dst_ip), { value: r.dst_ip });
  if (r.src_mac !== undefined) push('mac-addr', { value: r.src_mac });
  if (r.dst_mac !== undefined) push('mac-addr', { value: r.dst_mac });
  const protos = protocols(r.src_ip, r.transport, r.service ?? '');
  push('network-traffic', {
    src_ref: { type: addrType(r.src_ip), value: r.src_ip },
    dst_ref: { type: addrType(r.dst_ip), value: r.dst_ip },
    src_port: r.src_port,
    dst_port: r.dst_port,
    protocols: protos,
    start: r.ts,
    end: new Date(Date.parse(r.ts) + Math.round(r.duration * 1000)).toISOString(),
    src_byte_count: r.orig_bytes,
    dst_byte_count: r.resp_bytes,
    src_packets: r.orig_pkts,
    dst_packets: r.resp_pkts,
  });
  return obs;
}
