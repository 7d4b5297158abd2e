/**
 * The error catalogue for everything outside the hot path (config, capture files, storage, API,
 * CLI). Codes are stable: never rename one, only add. `docs/errors.md` lists them.
 *
 * The hot path (capture record parsing, decode, flows) never throws on bad input: it counts a
 * named anomaly and returns a status. A capture source reports a broken file as a
 * {@link PlatformError} value in its result, not as a thrown exception.
 */

/** Every error code with its one-line meaning. */
export const ERRORS = {
  ERR_CAPTURE_OPEN: 'the capture could not be opened (missing file, no permission, not a file)',
  ERR_CAPTURE_FORMAT: 'the input is not a pcap or pcapng capture (unknown magic number)',
  ERR_CAPTURE_TRUNCATED: 'the capture ends in the middle of a record',
  ERR_CAPTURE_CORRUPT: 'a record header is impossible (bad length, bad block type or size)',
  ERR_CAPTURE_READ: 'reading the capture failed (I/O error)',
  ERR_LIVE_TOOL: 'the live capture helper (tcpdump) could not be started or failed',
  ERR_CLI_USAGE: 'the command line is invalid',
  ERR_OUTPUT_WRITE: 'an output file could not be written',
  ERR_CONFIG_INVALID: 'a configuration value is invalid',
  ERR_INTEL_BUNDLE:
    'a STIX bundle could not be used (missing file, too large, not JSON, nested too deeply, not a bundle)',
  ERR_TAXII_REQUEST:
    'a TAXII server could not be reached, did not answer in time, or answered with an error status',
  ERR_TAXII_RESPONSE:
    'a TAXII response was not what TAXII 2.1 specifies (media type, JSON, size, envelope)',
  ERR_RULE_INVALID:
    'a detection rule file is invalid (YAML, Sigma schema, ATT&CK tags, references or compilation)',
} as const;

export type ErrorCode = keyof typeof ERRORS;

/**
 * The one error class of the platform: a stable `code` from {@link ERRORS}, a human message,
 * and optional details (a byte offset in a capture file, the offending config key...).
 *
 * @example
 * throw new PlatformError('ERR_CAPTURE_OPEN', `cannot open ${path}`, { cause: err });
 */
export class PlatformError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlatformError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `err` is a {@link PlatformError} (optionally of one code). */
export function isPlatformError(err: unknown, code?: ErrorCode): err is PlatformError {
  return err instanceof PlatformError && (code === undefined || err.code === code);
}
