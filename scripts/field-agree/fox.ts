/**
 * Niagara Fox fields against the raw TCP payload: Wireshark 4.0 has no Fox dissector, so the
 * reference is `tcp.payload` of every TCP 1911 segment, decoded here independently of the
 * decoder (text lines, `key=type:value`) and compared per field with our events.
 *
 * `norm` sees both sides: a tshark value is the payload in hex and yields the field read from
 * it (undefined when the segment has no such line); our value is already the field.
 */
import { at, type FieldSpec, type ProtoSpec } from './spec.js';

const HEX = /^[0-9a-f]+$/i;

/** The Fox text of a hex payload, or undefined when it is not a Fox message. */
function payloadText(v: string): string | undefined {
  if (v.length < 8 || v.length % 2 !== 0 || !HEX.test(v)) return undefined;
  const s = Buffer.from(v, 'hex').toString('latin1');
  return s.startsWith('fox ') ? s : undefined;
}

/** A header token (1 type, 2 number, 3 reply-to, 4 channel, 5 command) of the payload. */
function headerToken(i: number): (v: string) => string | undefined {
  return (v) => {
    const s = payloadText(v);
    if (s === undefined) return v.toLowerCase();
    const line = (s.split('\n')[0] ?? '').replace(/\r$/, '');
    const tokens = line.split(/ +/);
    return i === 5 ? tokens.slice(5).join(' ').toLowerCase() : tokens[i]?.toLowerCase();
  };
}

/** The value of body line `key=type:value` in the payload. */
function bodyValue(key: string): (v: string) => string | undefined {
  return (v) => {
    const s = payloadText(v);
    if (s === undefined) return v.toLowerCase();
    for (const line of s.split('\n')) {
      if (!line.startsWith(`${key}=`)) continue;
      const rest = line.slice(key.length + 1).replace(/\r$/, '');
      const colon = rest.indexOf(':');
      return (colon < 0 ? rest : rest.slice(colon + 1)).toLowerCase();
    }
    return undefined;
  };
}

const header = (name: string, i: number, path: string): FieldSpec => ({
  name,
  tshark: 'tcp.payload',
  ours: (e) => at(e, path),
  norm: headerToken(i),
});

const body = (key: string, path: string): FieldSpec => ({
  name: key,
  tshark: 'tcp.payload',
  ours: (e) => at(e, path),
  norm: bodyValue(key),
});

export const foxSpec: ProtoSpec = {
  proto: 'fox',
  filter: 'tcp.port == 1911 && tcp.len > 0',
  sharedCaptures: ['other-ics/fox_info.pcap'],
  fields: [
    header('message type', 1, 'fox.message_type'),
    header('number', 2, 'fox.number'),
    header('reply to', 3, 'fox.reply_to'),
    header('channel', 4, 'fox.channel'),
    header('command', 5, 'fox.command'),
    body('fox.version', 'fox.fox_version'),
    body('id', 'fox.id'),
    body('hostName', 'fox.host_name'),
    body('hostAddress', 'fox.host_address'),
    body('app.name', 'fox.app_name'),
    body('app.version', 'fox.app_version'),
    body('vm.name', 'fox.vm_name'),
    body('vm.version', 'fox.vm_version'),
    body('os.name', 'fox.os_name'),
    body('os.version', 'fox.os_version'),
    body('station.name', 'fox.station_name'),
    body('lang', 'fox.lang'),
    body('timeZone', 'fox.time_zone'),
    body('hostId', 'fox.host_id'),
    body('vmUuid', 'fox.vm_uuid'),
    body('brandId', 'fox.brand_id'),
    body('method', 'fox.auth_method'),
  ],
};
