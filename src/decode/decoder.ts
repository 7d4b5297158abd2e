/**
 * The application decoder contract. Every protocol under `decode/app/<proto>/` exports one
 * {@link AppDecoder} descriptor, registered with one line in `decode/registry.ts`, and passes the
 * conformance suite in `decoder.case.test.ts`.
 *
 * The pipeline owns framing state that is common to all protocols: it reassembles TCP, keeps
 * the bytes a decoder left unconsumed (`incomplete`) and hands them back with the next data, and
 * adds the envelope (time, frame, addresses, flow id) to every event. A decoder only turns bytes
 * into typed events and named anomalies.
 *
 * Rules (STYLE.md section 4):
 * - `probe` is pure and cheap.
 * - `parse` accepts arbitrary chunking: one byte at a time yields the same events as the whole
 *   stream.
 * - `parse` never throws. An exception that escapes is a decoder bug: the pipeline counts
 *   `decoder_bug.<proto>` and stops decoding that flow.
 * - Per-flow state is bounded by {@link DecoderLimits}; hitting a limit is an anomaly.
 */

/** Direction of data within a flow, relative to the server (the side offering the service). */
export const Direction = { TO_SERVER: 0, TO_CLIENT: 1 } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** Verdict of {@link AppDecoder.probe}. */
export type ProbeResult = 'match' | 'no_match' | 'need_more';

/** Verdict of {@link AppDecoder.parse}. */
export type ParseStatus =
  /** All input consumed. */
  | { readonly kind: 'ok' }
  /**
   * The first `consumed` bytes were used; the rest is the start of a PDU that needs at least
   * `needed` bytes (counted from the first unconsumed byte) before it can be parsed.
   */
  | { readonly kind: 'incomplete'; readonly consumed: number; readonly needed: number }
  /** Not this protocol: stop decoding the flow as this protocol. */
  | { readonly kind: 'reject'; readonly anomaly: string }
  /**
   * The first `consumed` bytes were this protocol; from there on, both directions of the
   * stream are `protocol` (a decoder id): RDP, FTP, LDAP or Telnet switching to TLS. The
   * pipeline hands the rest of the stream to that decoder. TCP only.
   */
  | { readonly kind: 'upgrade'; readonly consumed: number; readonly protocol: string };

/** The shared `ok` status (no allocation on the common path). */
export const OK: ParseStatus = Object.freeze({ kind: 'ok' });

/** Builds an `incomplete` status. */
export function incomplete(consumed: number, needed: number): ParseStatus {
  return { kind: 'incomplete', consumed, needed };
}

/** Builds an `upgrade` status: the stream continues as `protocol` after `consumed` bytes. */
export function upgrade(consumed: number, protocol: string): ParseStatus {
  return { kind: 'upgrade', consumed, protocol };
}

/** Builds a `reject` status naming the anomaly that shows this is not the protocol. */
export function reject(anomaly: string): ParseStatus {
  return { kind: 'reject', anomaly };
}

/**
 * An event as a decoder emits it: a `kind` (`<proto>.<noun>`) plus one object per protocol
 * layer it describes, named after that protocol (`{ kind: 'modbus.request', modbus: {...} }`;
 * an EtherNet/IP event may carry both `enip` and `cip`). Field names are snake_case: they are
 * the public event schema. The pipeline adds the envelope (`ts`, `frame`, `proto`, addresses,
 * `flow`).
 */
export interface AppEvent {
  readonly kind: string;
  readonly [layer: string]: unknown;
}

/** Where a decoder sends what it found. */
export interface DecodeSink {
  /** Emits a typed, normalised event for the PDU that just completed. */
  emit(event: AppEvent): void;
  /** Records a named anomaly (declared in the decoder's catalogue), with optional detail text. */
  anomaly(name: string, detail?: string): void;
  /** Declares that the flow is certainly this protocol (after a well-formed exchange). */
  confirm(): void;
  /**
   * Capture time of the packet being decoded, in seconds since the epoch (for checks relative
   * to it, such as certificate expiry). Optional: harnesses may leave it out.
   */
  captureTime?(): number;
  /**
   * Text address (`10.0.0.5`, `2001:db8::1`) of the client (`Direction.TO_SERVER`, the sender
   * of requests) or the server (`TO_CLIENT`) of the flow being decoded, for checks that compare
   * an address carried in the payload with the flow's (the FTP PORT bounce). '' when the flow
   * has no IP addresses. Optional: harnesses may leave it out.
   */
  peerAddress?(dir: Direction): string;
  /**
   * False when the flow being decoded is a TCP connection whose opening handshake was not
   * captured (the capture began mid-connection, so the first responses may answer requests
   * it never saw); true otherwise. Optional: harnesses may leave it out (taken as true).
   */
  handshakeSeen?(): boolean;
  /**
   * Adds one to a named counter that is not an anomaly (no event, no rule): tallies of what a
   * decoder concluded, such as `dcerpc.interface_inferred`. Rare per packet. Optional:
   * harnesses may leave it out.
   */
  count?(name: string): void;
}

/** One entry of an anomaly catalogue. */
export interface AnomalyInfo {
  /** What is wrong, in one sentence, for docs/anomalies.md and alert text. */
  readonly description: string;
  /** Default severity of the rule raised on it. */
  readonly severity: 'low' | 'medium' | 'high' | 'critical';
}

/** Anomaly name (`<proto>.<what_is_wrong>`) to description and severity. */
export type AnomalyCatalog = Readonly<Record<string, AnomalyInfo>>;

/** Caps on attacker-controlled sizes and counts; a decoder checks them before allocating. */
export interface DecoderLimits {
  /** Largest PDU a decoder accepts, in bytes (the pipeline never buffers more per direction). */
  readonly maxPduBytes: number;
  /** Outstanding requests remembered for request/response pairing. */
  readonly maxPendingTransactions: number;
  /** Objects, items or values reported per message; the rest are counted, not listed. */
  readonly maxObjectsPerMessage: number;
  /** Longest string copied into an event. */
  readonly maxStringBytes: number;
}

/** Defaults for {@link DecoderLimits}. */
export const DEFAULT_LIMITS: DecoderLimits = Object.freeze({
  maxPduBytes: 65_536,
  maxPendingTransactions: 256,
  maxObjectsPerMessage: 1_000,
  maxStringBytes: 1_024,
});

/** Protocol ids: lowercase, short, stable; the folder name, event prefix and rule prefix. */
export type ProtoId = string;

/**
 * A protocol decoder descriptor.
 *
 * @example
 * export const modbusDecoder: AppDecoder<ModbusState> = {
 *   id: 'modbus', transport: 'tcp', defaultPorts: [502], anomalies: MODBUS_ANOMALIES,
 *   probe, createState, parse,
 * };
 */
export interface AppDecoder<State = unknown> {
  readonly id: ProtoId;
  /** Carried over TCP, UDP, or directly over Ethernet (by EtherType). */
  readonly transport: 'tcp' | 'udp' | 'ether';
  /** Well-known ports (tcp/udp), tried first. Any port is still recognised by `probe`. */
  readonly defaultPorts: readonly number[];
  /** EtherTypes handled, for `transport: 'ether'`. */
  readonly etherTypes?: readonly number[];
  /**
   * For `transport: 'ether'`: `probe` and `parse` get the whole Ethernet frame, from the
   * destination MAC on (VLAN tags included), instead of the payload after the EtherType. For
   * checks that compare the Ethernet header with the payload (ARP's sender MAC).
   */
  readonly etherHeader?: boolean;
  /**
   * For `transport: 'ether'`: one state for all of the decoder's layer-2 streams in a pipeline
   * (created at the first frame, dropped at the end of each capture), for checks across
   * stations of the broadcast domain (ARP address bindings). The state must stay bounded.
   */
  readonly sharedState?: boolean;
  /**
   * For a `tcp` decoder whose protocol is also carried over UDP (EtherNet/IP on UDP 44818 and
   * 2222, DNP3 on UDP 20000): its well-known UDP ports. The decoder is then also probed on UDP
   * flows, and there `parse` gets one whole datagram per call.
   */
  readonly udpPorts?: readonly number[];
  /**
   * For a protocol also carried in IEEE 802.2 LLC frames on Ethernet (BACnet, SAP 0x82): the
   * destination SAPs it owns, and the entry point that takes one such frame from its LLC header
   * on. The SAP names the protocol, so there is no probe; each (source MAC, destination MAC,
   * VLAN) stream has its own state, as for EtherType decoders. `snap` lists the SNAP protocol
   * ids it owns as `OUI * 65536 + PID` (a SNAP frame whose OUI is not 0 carries no EtherType;
   * BACnet MS/TP tunnelled under Cimetrics' OUI 00-10-90 with PID 1 is `0x001090 * 65536 + 1`);
   * such frames are handed over from the LLC header on as well.
   */
  readonly llc?: {
    readonly saps: readonly number[];
    readonly snap?: readonly number[];
    parse(state: State, frame: Uint8Array, sink: DecodeSink): ParseStatus;
  };
  /** Every anomaly name this decoder may raise. */
  readonly anomalies: AnomalyCatalog;
  /**
   * Every event kind this decoder may emit (`<proto>.<noun>`), for the event schema and docs.
   * The conformance suite requires it and checks that nothing else is emitted.
   */
  readonly eventKinds?: readonly string[];
  /**
   * Looks at the first bytes a flow carries in one direction and says whether they are this
   * protocol. Pure; no allocation.
   */
  probe(data: Uint8Array, dir: Direction): ProbeResult;
  /**
   * Fresh per-flow state. The pipeline passes the flow's `transport`, which tells a `tcp`
   * decoder with `udpPorts` whether `parse` gets a stream or whole datagrams when the two forms
   * differ (DNS prefixes TCP messages with a length); harnesses may omit it.
   */
  createState(limits: DecoderLimits, transport?: 'tcp' | 'udp' | 'ether'): State;
  /**
   * Decodes `data` (the next bytes of the stream in direction `dir`, or one datagram), emitting
   * events and anomalies to `sink`.
   */
  parse(state: State, data: Uint8Array, dir: Direction, sink: DecodeSink): ParseStatus;
  /** Called when `size` bytes of the stream in direction `dir` were lost (capture gap). */
  onGap?(state: State, dir: Direction, size: number): void;
}

/**
 * A byte fixture a decoder folder exports from `decode/app/<proto>/fixtures.ts` as
 * `export const fixtures: readonly DecoderFixture[]`. The conformance suite
 * (`decoder.case.test.ts`) runs every registered decoder over its own fixtures and checks that
 * the other decoders' probes refuse them.
 *
 * The fixtures of one decoder, in array order, also form one conversation: fed in order into a
 * single state they exercise request/response pairing.
 *
 * @example
 * export const fixtures: readonly DecoderFixture[] = [
 *   { name: 'read-holding-registers-request', dir: Direction.TO_SERVER, role: 'normal',
 *     bytes: hex('0001' + '0000' + '0006' + '01' + '03' + '006b' + '0003') },
 * ];
 */
export interface DecoderFixture {
  /** Scenario in kebab-case; negatives say what they are (`truncated-mbap`). */
  readonly name: string;
  /** Direction the bytes travel in. */
  readonly dir: Direction;
  /**
   * `normal`: well-formed traffic; the decoder's own probe must say `match` on it and every
   * other decoder's probe `no_match`. `malformed`: still this protocol's framing but broken or
   * odd (drives anomalies); no probe expectation.
   */
  readonly role: 'normal' | 'malformed';
  /** One or more whole PDUs of one direction, as they appear in the stream. */
  readonly bytes: Uint8Array;
}
