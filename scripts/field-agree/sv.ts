/**
 * IEC 61850-9-2 Sampled Values deeper fields against Wireshark's `sv` dissector (4.0,
 * packet-sv.c), with its `sv.decode_data_as_phsmeas` preference on so that it lists the 9-2LE
 * (value, quality) pairs.
 *
 * - Wireshark shows refrTm as `Nov 23, 2023 15:28:00.250000000 UTC`; ours is ISO 8601 with the
 *   same digits: the text is rewritten to ISO (same normaliser as GOOSE `t`).
 * - Wireshark reads any seqData as (value, quality) pairs once the preference is on; ours lists
 *   them only for the 64-octet PhsMeas1 of 9-2LE, so other data sets differ on `9-2LE values`
 *   and `9-2LE qualities` by design.
 * - The shared captures hold no Sampled Values; test/golden/sv holds generated ones
 *   (test/golden/sv/build-captures.ts) that tshark dissects on its own.
 */
import { isoTime } from './goose.js';
import { at, type EventLine, type ProtoSpec } from './spec.js';

/** The ASDUs of a Sampled Values event. */
function asdus(e: EventLine): Record<string, unknown>[] {
  const a = at(e, 'sv.asdus');
  return Array.isArray(a) ? (a as Record<string, unknown>[]) : [];
}

/** One field of every ASDU of the event. */
const each =
  (k: string) =>
  (e: EventLine): unknown[] =>
    asdus(e)
      .map((a) => a[k])
      .filter((v) => v !== undefined);

export const svSpec: ProtoSpec = {
  proto: 'sv',
  filter: 'sv',
  sharedCaptures: [],
  tsharkArgs: ['-o', 'sv.decode_data_as_phsmeas:TRUE'],
  fields: [
    { name: 'APPID', tshark: 'sv.appid', ours: (e) => at(e, 'sv.appid') },
    { name: 'noASDU', tshark: 'sv.noASDU', ours: (e) => at(e, 'sv.no_asdu') },
    { name: 'svID', tshark: 'sv.svID', ours: each('sv_id') },
    { name: 'smpCnt', tshark: 'sv.smpCnt', ours: each('smp_cnt') },
    { name: 'confRev', tshark: 'sv.confRev', ours: each('conf_rev') },
    { name: 'datSet', tshark: 'sv.datSet', ours: each('dat_set') },
    { name: 'refrTm', tshark: 'sv.refrTm', ours: each('refr_tm'), norm: isoTime },
    { name: 'smpSynch', tshark: 'sv.smpSynch', ours: each('smp_synch') },
    { name: 'smpRate', tshark: 'sv.smpRate', ours: each('smp_rate') },
    { name: 'smpMod', tshark: 'sv.smpMod', ours: each('smp_mod') },
    {
      name: 'Simulate bit',
      tshark: 'sv.reserve1.s_bit',
      ours: (e) => (at(e, 'sv.simulated') === true ? 1 : 0),
    },
    { name: '9-2LE values', tshark: 'sv.meas_value', ours: each('values') },
    { name: '9-2LE qualities', tshark: 'sv.meas_quality', ours: each('qualities') },
  ],
};
