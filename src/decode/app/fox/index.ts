/**
 * The Niagara Fox decoder descriptor: Fox on TCP 1911, recognised on any port by its probe.
 * Fox over TLS (TCP 4911) is encrypted: the TLS decoder sees it, this one does not. The parser
 * lives in `fox.ts`, the constants in `constants.ts`, the event types in `events.ts`; README.md
 * has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { FOX } from './constants.js';
import { FOX_EVENT_KINDS } from './events.js';
import { createFoxState, gapFox, parseFox, probeFox } from './fox.js';
import type { FoxState } from './fox.js';

/**
 * Every anomaly the Fox decoder raises. `rules/anomalies/fox.yml` has one default Sigma rule
 * per entry.
 */
export const FOX_ANOMALIES = {
  'fox.invalid_header': {
    description:
      "A message that does not start with 'fox ' or whose header line lacks the type, " +
      'numbers, channel or command: the stream cannot be framed and decoding of the flow stops.',
    severity: 'medium',
  },
  'fox.invalid_length': {
    description:
      'A Fox message longer than the decoder buffers without its terminator: decoding of the ' +
      'flow stops.',
    severity: 'medium',
  },
  'fox.malformed_message': {
    description:
      'A Fox body whose blob length does not end at its bracket, or a message without its ' +
      'terminator: decoding of the flow stops.',
    severity: 'medium',
  },
  'fox.cleartext_authentication': {
    description:
      'A Fox challenge or credentials on a cleartext Fox connection (TCP 1911): the login ' +
      'exchange can be observed and replayed; Niagara recommends Foxs (TLS, 4911).',
    severity: 'medium',
  },
  'fox.objects_limit_reached': {
    description:
      'A Fox message with more body fields than the objects-per-message limit; the rest are ' +
      'counted, not read.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of a Fox anomaly. */
export type FoxAnomaly = keyof typeof FOX_ANOMALIES;

/**
 * The Niagara Fox decoder.
 *
 * @example
 * const state = foxDecoder.createState(DEFAULT_LIMITS);
 * foxDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const foxDecoder: AppDecoder<FoxState> = {
  id: 'fox',
  transport: 'tcp',
  defaultPorts: [FOX.PORT],
  anomalies: FOX_ANOMALIES,
  eventKinds: FOX_EVENT_KINDS,
  probe: probeFox,
  createState: createFoxState,
  parse: parseFox,
  onGap: gapFox,
};
