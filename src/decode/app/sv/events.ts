/**
 * IEC 61850-9-2 Sampled Values events: the public schema of `sv.*` events (snake_case fields
 * inside the `sv` object, docs/adr/0002). One `sv.pdu` event per frame, listing its ASDUs; the
 * pipeline adds `src_mac`, `dst_mac` and `vlan`. References: [9-2], [9-2LE] (see constants.ts).
 */

/** Event kinds. */
export const SV_EVENT_KINDS = ['sv.pdu'] as const;

/** A Sampled Values event kind. */
export type SvEventKind = (typeof SV_EVENT_KINDS)[number];

/** One ASDU: one sample of one sampled value control block. */
export interface SvAsdu {
  /** svID: the MSVCB's MsvID (or UsvID). */
  sv_id?: string;
  /** datSet reference (optional in the frame). */
  dat_set?: string;
  /** Sample counter (INT16U; 9-2LE counts 0..3999 at 50 Hz, 0..4799 at 60 Hz, then wraps). */
  smp_cnt?: number;
  /** Configuration revision of the MSVCB. */
  conf_rev?: number;
  /** refrTm: refresh time of the buffer, ISO 8601 UTC (optional). */
  refr_tm?: string;
  /** smpSynch: 0 not synchronised, 1 local clock, 2 global clock, 5-254 a time source id. */
  smp_synch?: number;
  /** Name of `smp_synch` (`none`, `local`, `global`, or `source_<n>`). */
  smp_synch_name?: string;
  /** smpRate (optional), in the unit `smp_mod` names. */
  smp_rate?: number;
  /** smpMod (optional): 0 samples per nominal period, 1 samples per second, 2 seconds per sample. */
  smp_mod?: number;
  /** gmIdentity (Ed.2.1, optional): the PTP grandmaster clock identity, hex. */
  gm_identity?: string;
  /** Octets of seqData (the sampled data set values). */
  sample_length?: number;
  /**
   * 9-2LE only (64-octet seqData): the eight INT32 values, Ia Ib Ic In (mA) Va Vb Vc Vn (10 mV).
   */
  values?: number[];
  /** 9-2LE only: the eight 32-bit qualities (bits 0-1 validity: 0 good, 1 invalid, 3 questionable; bit 11 test). */
  qualities?: number[];
}

/** The `sv` object of every Sampled Values event. Field names are the public schema. */
export interface SvFields {
  /** APPID of the frame header ([9-2] 8.2.2; SV uses 0x4000-0x7FFF). */
  appid: number;
  /** Length field: octets from APPID to the end of the APDU. */
  length: number;
  /** Reserved 1 field, whole (bit 15 is the Simulate bit in Ed.2). */
  reserved1: number;
  /** Reserved 2 field. */
  reserved2: number;
  /** Reserved 1 bit 15: the frame is simulated. */
  simulated: boolean;
  /** noASDU: the number of ASDUs the frame says it carries. */
  no_asdu?: number;
  /** The savPdu carries the optional security field. */
  security?: boolean;
  /** ASDUs present in seqASDU (may differ from `no_asdu`). */
  asdu_count?: number;
  /** The ASDUs, in order (at most 16 listed). */
  asdus?: SvAsdu[];
}

/** A Sampled Values event. */
export type SvEvent = {
  readonly kind: SvEventKind;
  readonly sv: SvFields;
};
