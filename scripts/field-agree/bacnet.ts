/**
 * BACnet deeper fields against Wireshark's `bacapp` dissector (4.0): service choice, object type
 * and instance, property identifier.
 *
 * Where the two put a value differs, the spec compares like with like:
 * - Only requests are compared: Wireshark has no service choice on Reject, Abort and SegmentACK
 *   (ours pairs them with their request), and on acks it lists the object ids of the values read
 *   back. The APDU type of every frame is compared by tshark-agree.mjs.
 * - Wireshark lists every object identifier and property identifier a frame holds, values
 *   included (an object-list read back lists hundreds); ours names the object and property the
 *   service addresses (every one of them for ReadPropertyMultiple/WritePropertyMultiple). The
 *   object and property fields are compared on the confirmed and unconfirmed requests, where the
 *   two mean the same thing.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const isRequest = (e: EventLine): boolean => {
  const t = at(e, 'bacnet.pdu_type');
  return t === 0 || t === 1;
};

interface ObjectRef {
  object_type: number;
  instance: number;
  properties: number[];
}

function objects(e: EventLine): ObjectRef[] | undefined {
  const o = at(e, 'bacnet.objects');
  return Array.isArray(o) ? (o as ObjectRef[]) : undefined;
}

/** The object ids a request names: each object of a multiple service, else the one object. */
function objectField(e: EventLine, key: 'object_type' | 'instance'): unknown {
  if (!isRequest(e)) return undefined;
  const list = objects(e);
  if (list !== undefined) return list.map((o) => o[key]);
  const out: unknown[] = [];
  // I-Am names the device in its object id; I-Have and notifications name a device first.
  if (key === 'instance' && at(e, 'bacnet.device_instance') !== undefined) {
    const d = at(e, 'bacnet.device_instance');
    if (d !== at(e, 'bacnet.instance') || at(e, 'bacnet.service') !== 'i-am') out.push(d);
  }
  if (key === 'object_type' && at(e, 'bacnet.device_instance') !== undefined) {
    if (at(e, 'bacnet.service') !== 'i-am') out.push(8);
  }
  const v = at(e, `bacnet.${key}`);
  if (v !== undefined) out.push(v);
  return out;
}

export const bacnetSpec: ProtoSpec = {
  proto: 'bacnet',
  // Requests, over UDP, 802.2 LLC and MS/TP tunnelled in SNAP alike; on acks Wireshark lists the
  // object ids of the values read back, ours only the object read.
  filter: 'bacapp.type == 0 || bacapp.type == 1',
  sharedCaptures: ['bacnet/'],
  fields: [
    {
      name: 'APDU type',
      tshark: 'bacapp.type',
      ours: (e) => (isRequest(e) ? at(e, 'bacnet.pdu_type') : undefined),
    },
    {
      name: 'service choice',
      tshark: ['bacapp.confirmed_service', 'bacapp.unconfirmed_service'],
      ours: (e) => (isRequest(e) ? at(e, 'bacnet.service_choice') : undefined),
    },
    {
      name: 'object type',
      tshark: 'bacapp.objectType',
      ours: (e) => objectField(e, 'object_type'),
    },
    {
      name: 'object instance',
      tshark: 'bacapp.instance_number',
      ours: (e) => objectField(e, 'instance'),
    },
    {
      name: 'property id',
      tshark: 'bacapp.property_identifier',
      ours: (e) => {
        if (!isRequest(e)) return undefined;
        const list = objects(e);
        if (list !== undefined) return list.flatMap((o) => o.properties);
        return at(e, 'bacnet.property_id');
      },
    },
  ],
};
