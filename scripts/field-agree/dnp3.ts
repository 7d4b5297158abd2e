/**
 * DNP3 deeper fields against Wireshark's `dnp3` dissector: internal indications, and per object
 * header the group/variation, qualifier prefix and range codes, range start/stop/address,
 * count, and the point indices. (Application function codes are compared on every frame by
 * ../shared/tools/tshark-agree.mjs, malformed ones included.)
 *
 * Wireshark 4.0 dissects the objects of some functions only (`dissect_dnp3_al` in
 * packet-dnp.c): confirm, read, write, select, operate, direct operate (with and without ack),
 * the four immediate freezes, enable/disable unsolicited, open/close/delete file, and the
 * solicited and unsolicited responses (the only ones it reads internal indications of). For
 * the others (freeze at time, restarts, application control, save configuration, assign class,
 * record current time, get file info, authenticate/abort file, activate configuration, and the
 * secure authentication functions 0x20, 0x21, 0x83) it shows neither objects nor IIN, so ours
 * are compared only where it dissects them (docs/fidelity-dnp3.md).
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

/** Function codes whose object headers Wireshark 4.0 dissects. */
const WIRESHARK_OBJECTS = new Set([
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x14, 0x15, 0x19, 0x1a, 0x1b,
  0x81, 0x82,
]);

interface Obj {
  group: number;
  variation: number;
  prefix_code: number;
  range_code: number;
  start?: number;
  stop?: number;
  count: number;
  points?: { index?: number }[];
  /** Set on the object at which Wireshark stops (its first point only). */
  cut?: boolean;
}

/**
 * Our verdict "malformed": the object walk stopped on data it could not delimit, or found
 * objects without values where values are required. Wireshark's is `_ws.malformed` (the
 * spec's filter leaves those frames out); fields of either are partial by their own account.
 * A reserved qualifier ending the fragment is not: Wireshark shows the header as it is and
 * stops, and so do we.
 */
function malformed(e: EventLine): boolean {
  const err = at(e, 'dnp3.object_error');
  if (
    err === 'object_truncated' ||
    err === 'unknown_object' ||
    err === 'invalid_variation' ||
    err === 'invalid_range'
  ) {
    return true;
  }
  // A reserved qualifier with octets after it: both stop understanding the fragment there.
  return err === 'invalid_qualifier' && at(e, 'dnp3.objects_truncated') === true;
}

/** Functions whose objects name points without their values (Wireshark's "header only"). */
const HEADERS_ONLY = new Set([0x00, 0x01, 0x07, 0x08, 0x09, 0x0a, 0x14, 0x15]);

/**
 * Object types whose values Wireshark 4.0 reads (the cases of `dnp3_al_process_object`). For
 * any other type that carries values it shows the first point and "Unknown Data Chunk", and
 * dissects nothing more of the fragment: group 51 variation 2, time and date with interval
 * (50/2, 50/4), coarse time delay (52/1), frozen analog inputs 31/1-6, virtual terminal data
 * (112, 113), file authentication, descriptor and specification (70/2, 70/7, 70/8) and the
 * secure authentication objects (120).
 */
const WIRESHARK_VALUES = new Set<number>([
  0x0101, 0x0102, 0x0201, 0x0202, 0x0203, 0x0301, 0x0302, 0x0401, 0x0402, 0x0403, 0x0a01, 0x0a02,
  0x0b01, 0x0b02, 0x0c01, 0x0c02, 0x0c03, 0x0d01, 0x0d02, 0x1f07, 0x1f08, 0x2105, 0x2106, 0x2107,
  0x2108, 0x2201, 0x2202, 0x2203, 0x3201, 0x3203, 0x3301, 0x3402, 0x4603, 0x4604, 0x4605, 0x4606,
  0x5001,
]);
const WIRESHARK_VALUE_GROUPS = new Set([
  20, 21, 22, 23, 30, 32, 40, 41, 42, 43, 110, 111, 121, 122,
]);

function wiresharkReadsValues(o: Obj): boolean {
  if (o.variation === 0 || o.group === 60) return true;
  if (o.group === 0) return true;
  if (o.group === 30 && o.variation > 6) return false;
  return WIRESHARK_VALUE_GROUPS.has(o.group) || WIRESHARK_VALUES.has(o.group * 256 + o.variation);
}

/**
 * The object headers of `e` as far as Wireshark 4.0 dissects them: none for the functions it
 * does not dissect, and up to the first object whose values it cannot step over (that object
 * included, with only its first point).
 */
function objects(e: EventLine): Obj[] {
  const fc = at(e, 'dnp3.function_code');
  if (typeof fc !== 'number' || !WIRESHARK_OBJECTS.has(fc)) return [];
  if (malformed(e)) return [];
  const all = (at(e, 'dnp3.objects') as Obj[] | undefined) ?? [];
  const out: Obj[] = [];
  for (const o of all) {
    const values = !HEADERS_ONLY.has(fc) || o.prefix_code >= 4;
    if (values && o.count > 0 && !wiresharkReadsValues(o)) {
      out.push({ ...o, points: (o.points ?? []).slice(0, 1), cut: true });
      break;
    }
    out.push(o);
  }
  return out;
}

/**
 * The point indices of one object header as Wireshark lists them: every point it steps through.
 * Points without a prefix that carry values are numbered by the range (start + n, or n after a
 * count), so they are derived from the header our event carries even where the event lists
 * fewer points than the objects-per-message limit lets it.
 */
function pointIndices(o: Obj, headersOnly: boolean): number[] {
  const listed = (o.points ?? []).flatMap((p) => (p.index === undefined ? [] : [p.index]));
  const values = o.variation !== 0 && o.group !== 60;
  if (o.cut || o.prefix_code !== 0 || headersOnly || !values || o.count > 100_000) return listed;
  const first = o.range_code <= 5 ? (o.start ?? 0) : 0;
  return Array.from({ length: o.count }, (_, i) => first + i);
}

export const dnp3Spec: ProtoSpec = {
  proto: 'dnp3',
  // Fragments either side finds malformed are left out: Wireshark's values after an exception,
  // and ours after an object that cannot be delimited, are partial by their own account.
  filter: 'dnp3 && !_ws.malformed',
  tsharkArgs: ['--enable-heuristic', 'dnp3_tcp', '--enable-heuristic', 'dnp3_udp'],
  // Every DNP3 capture of the shared set but three, whose disagreements are explained and pinned
  // frame by frame in test/golden/dnp3/tshark-agreement.test.ts (docs/fidelity-dnp3.md): the
  // fuzzed DNP3-Malformed.pcap, dataset_exchange.pcap (Wireshark throws on a valid 253-octet
  // frame) and the QUT MITM capture (both legs of a rewriting proxy on one TCP connection).
  sharedCaptures: [
    'datasets/qut-dnp3/qut-dnp3_control_training-frequent_slice.pcap',
    'datasets/qut-dnp3/qut-dnp3_flooding_training-infrequent_slice.pcap',
    'datasets/qut-dnp3/qut-dnp3_injection_training-frequent_slice.pcap',
    'datasets/qut-dnp3/qut-dnp3_masquerading_training-frequent_slice.pcap',
    'datasets/qut-dnp3/qut-dnp3_replay_training-frequent_slice.pcap',
    'dnp3/DNP3-ReadRequest.pcap',
    'dnp3/DNP3-RequestLink.pcap',
    'dnp3/DNP3-RequestLinkStatus.pcap',
    'dnp3/DNP3-SelectOperateRequest.pcap',
    'dnp3/DNP3-WriteRequest.pcap',
    'dnp3/assign_class.pcap',
    'dnp3/auth_change_session_keys.pcap',
    'dnp3/auth_control_challenge_response.pcap',
    'dnp3/bro_dnp3.pcap',
    'dnp3/bro_dnp3_del_measure.pcap',
    'dnp3/bro_dnp3_en_spon.pcap',
    'dnp3/bro_dnp3_file_del.pcap',
    'dnp3/bro_dnp3_file_read.pcap',
    'dnp3/bro_dnp3_file_write.pcap',
    'dnp3/bro_dnp3_link_only.pcap',
    'dnp3/bro_dnp3_read.pcap',
    'dnp3/bro_dnp3_read_p20001.pcap',
    'dnp3/bro_dnp3_rec_time.pcap',
    'dnp3/bro_dnp3_select_operate.pcap',
    'dnp3/bro_dnp3_write.pcap',
    'dnp3/cold_restart_and_response.pcap',
    'dnp3/direct_operate_analog_output.pcap',
    'dnp3/direct_operate_crob_malform_but_good_crc.pcap',
    'dnp3/direct_operate_no_ack_crob.pcap',
    'dnp3/directoperate_and_response.pcap',
    'dnp3/disable_unsolcited_and_response.pcap',
    'dnp3/dnp3_test_data_part1.pcap',
    'dnp3/dnp3_test_data_part2.pcap',
    'dnp3/enable_unsolicited_and_response.pcap',
    'dnp3/file_delete.pcap',
    'dnp3/file_list_directory.pcap',
    'dnp3/file_read.pcap',
    'dnp3/file_write.pcap',
    'dnp3/full_exchange.pcap',
    'dnp3/immediate_freeze.pcap',
    'dnp3/lan_time_sync.pcap',
    'dnp3/opendnp3-conformance/6.1.2_dump.pcap',
    'dnp3/opendnp3-conformance/7.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.11.2.1_dump.pcap',
    'dnp3/opendnp3-conformance/8.11.2.5_dump.pcap',
    'dnp3/opendnp3-conformance/8.15.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.2.4.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.20.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.4.4.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.5.6.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.6.5.4_dump.pcap',
    'dnp3/opendnp3-conformance/8.6.6.2.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.7.2.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.8.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.9.1.2_dump.pcap',
    'dnp3/opendnp3-conformance/8.9.2.2_dump.pcap',
    'dnp3/operate_aggressive_mode.pcap',
    'dnp3/read_and_response.pcap',
    'dnp3/select_operate_and_responses.pcap',
    'dnp3/serial_time_sync.pcap',
    'dnp3/unsolcited_response_and_confirm.pcap',
    'dnp3/warm_restart_and_response.pcap',
    'dnp3/write_binary_output.pcap',
    'dnp3/write_iin_and_response.pcap',
    'dnp3/write_vto_empty_string.pcap',
    'enip-cip/quickdraw/EIP-ViewDeviceStatus.pcap',
  ],
  fields: [
    {
      name: 'internal indications',
      tshark: 'dnp3.al.iin',
      ours: (e) =>
        at(e, 'dnp3.function_code') === 0x83 || malformed(e) ? undefined : at(e, 'dnp3.iin'),
    },
    {
      name: 'object group/variation',
      tshark: 'dnp3.al.obj',
      ours: (e) => objects(e).map((o) => o.group * 256 + o.variation),
    },
    {
      name: 'qualifier prefix code',
      tshark: 'dnp3.al.objq.prefix',
      ours: (e) => objects(e).map((o) => o.prefix_code),
    },
    {
      name: 'qualifier range code',
      tshark: 'dnp3.al.objq.range',
      ours: (e) => objects(e).map((o) => o.range_code),
    },
    {
      name: 'range start/stop/address',
      tshark: ['dnp3.al.range.start', 'dnp3.al.range.stop', 'dnp3.al.range.abs'],
      ours: (e) =>
        objects(e).flatMap((o) =>
          (o.range_code <= 2 ? [o.start, o.stop] : o.range_code <= 5 ? [o.start] : []).filter(
            (v) => v !== undefined,
          ),
        ),
    },
    {
      name: 'object count (quantity)',
      tshark: 'dnp3.al.range.quantity',
      ours: (e) =>
        objects(e)
          .filter((o) => (o.range_code >= 7 && o.range_code <= 9) || o.range_code === 11)
          .map((o) => o.count),
    },
    {
      name: 'point indices',
      tshark: ['dnp3.al.point_index', 'dnp3.al.index'],
      ours: (e) => {
        const fc = at(e, 'dnp3.function_code') as number;
        return objects(e).flatMap((o) => pointIndices(o, HEADERS_ONLY.has(fc)));
      },
    },
  ],
};
