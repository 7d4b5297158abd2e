/**
 * The event envelope: the fields every line of `events.jsonl` carries, whatever the protocol.
 * Protocol fields live in an object named after the protocol (`modbus.function_code`), declared
 * by each decoder's `events.ts`. This is the public contract that rules, storage, the API and
 * the console read (DESIGN.md, "External contract").
 */

/** One application-protocol event as written to `events.jsonl`. */
export interface EventEnvelope {
  /** Capture time of the frame in which the PDU completed: ISO 8601 UTC with microseconds. */
  ts: string;
  /** 1-based number of the frame in which the PDU completed, as Wireshark numbers it. */
  frame: number;
  /** Protocol id of the decoder that produced the event (`modbus`, `dnp3`...). */
  proto: string;
  /** Event kind, `<proto>.<noun>` (`modbus.request`), or `anomaly` for decoder anomalies. */
  kind: string;
  /** Sender of the PDU (null for protocols carried directly over Ethernet). */
  src_ip: string | null;
  src_port: number | null;
  /** Receiver of the PDU (null for protocols carried directly over Ethernet). */
  dst_ip: string | null;
  dst_port: number | null;
  /** Sender and receiver MAC addresses, for protocols carried directly over Ethernet. */
  src_mac?: string;
  dst_mac?: string;
  /**
   * Id of the flow (`flows.jsonl` `id`): `<capture number>:<first frame>`. For protocols over
   * Ethernet, the id of the (MAC pair, VLAN, EtherType) stream, built the same way.
   */
  flow: string;
  /** Transport: `tcp`, `udp` or `ether`. */
  transport: 'tcp' | 'udp' | 'ether';
  /** Present on `anomaly` events: the anomaly name and optional detail. */
  anomaly?: { name: string; detail?: string };
  /** Protocol objects (`modbus`, `enip`, `cip`...). */
  [layer: string]: unknown;
}

/** One line of `flows.jsonl`: a finished conversation, in the spirit of Zeek's conn.log. */
export interface FlowRecord {
  /** Flow id, `<capture number>:<first frame>`. */
  id: string;
  /** Time of the first packet (ISO 8601 UTC, microseconds). */
  ts: string;
  /** Seconds from the first to the last packet. */
  duration: number;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, or the IP protocol number as text. */
  transport: string;
  /** Initiator (the SYN sender, or the sender of the first packet) and responder. */
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
  /**
   * Source MAC address of the initiator's and of the responder's first packet, when the link
   * has MAC addresses (behind a router, the router's).
   */
  src_mac?: string;
  dst_mac?: string;
  /** 802.1Q VLAN ids when tagged. */
  vlan?: number;
  vlan_inner?: number;
  /** Application protocol recognised on the flow (decoder id), absent when none. */
  service?: string;
  /** Packets and bytes each way: IP bytes and transport payload bytes. */
  orig_pkts: number;
  orig_ip_bytes: number;
  orig_bytes: number;
  resp_pkts: number;
  resp_ip_bytes: number;
  resp_bytes: number;
  /** Zeek connection state (`SF`, `S0`, `REJ`...) for TCP; `OTH`-style summary otherwise. */
  conn_state: string;
  /** Zeek history letters: uppercase from the initiator, lowercase from the responder. */
  history: string;
  /** TCP stream bytes lost to capture gaps. */
  missed_bytes: number;
  first_frame: number;
  last_frame: number;
  /** Why the flow record was written: `timeout`, `closed`, `evicted`, `end_of_capture`, `reused`. */
  end_reason: string;
}
