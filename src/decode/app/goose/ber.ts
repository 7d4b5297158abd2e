/**
 * The IEC 61850 parts of BER that GOOSE and Sampled Values add to the shared reader
 * (`../../ber.ts`, re-exported here): the 8-octet UtcTime of IEC 61850-8-1 8.1.3.7 /
 * IEC 61850-7-2 6.1.2.9 and its TimeQuality octet.
 */
export {
  BER_ERRORS,
  BER_HIGH_TAG,
  BER_INDEFINITE,
  BER_LENGTH_OVERFLOW,
  BER_LONG_LENGTH,
  BER_OK,
  BER_TRUNCATED,
  Tlv,
  berBool,
  berInt,
  berText,
  berUint,
  hexOf,
  octetsUint,
  readTlv,
} from '../../ber.js';

/** TimeQuality octet of UtcTime (IEC 61850-7-2 6.1.2.9.3 / 8-1 8.1.3.7). */
export const TIME_QUALITY = {
  LEAP_SECONDS_KNOWN: 0x80,
  CLOCK_FAILURE: 0x40,
  CLOCK_NOT_SYNCHRONIZED: 0x20,
  ACCURACY_MASK: 0x1f,
} as const;

/**
 * The 8-octet UtcTime at `d[p..p+8)` as ISO 8601 with nanoseconds: SecondSinceEpoch (4 octets),
 * FractionOfSecond (3 octets, in units of 2^-24 s), TimeQuality (1 octet, not included).
 * Nanoseconds are truncated as Wireshark does (fraction * 10^9 / 2^24, rounded down), so the
 * text compares digit for digit. 10^9 / 2^24 = 1953125 / 2^15 exactly, which keeps the product
 * below 2^53.
 */
export function utcTimeIso(d: Uint8Array, p: number): string {
  const secs =
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number));
  const frac = ((d[p + 4] as number) << 16) | ((d[p + 5] as number) << 8) | (d[p + 6] as number);
  const ns = Math.floor((frac * 1953125) / 32768);
  const base = new Date(secs * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${base.slice(0, 19)}.${String(ns).padStart(9, '0')}Z`;
}
