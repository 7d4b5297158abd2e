/**
 * One line of `assets.jsonl`: an asset and the evidence for everything said about it.
 * Field names are the public schema (DESIGN.md, "External contract").
 */

/** How sure an attribute is: `high` the device said it of itself (ListIdentity, SZL, I-Am), `medium` another party said it (DNS, DHCP), `low` inferred. */
export type Confidence = 'low' | 'medium' | 'high';

/** One value of an attribute and where it came from. */
export interface AttributeEvidence {
  value: string | number | boolean;
  confidence: Confidence;
  /** Event kind that showed the value first (`enip.response`, `dhcp.request`...). */
  source: string;
  /** Frame of that event, and its flow id. */
  frame: number;
  flow: string;
  first_seen: string;
  last_seen: string;
  /**
   * How often the value was seen: events that showed it, counting the cyclic ones (GOOSE, DNP3,
   * IEC 104 monitoring, which repeat their stream's identity many times a second) at most once
   * per flow, kind and capture second.
   */
  count: number;
}

/** A service the asset answered on. */
export interface AssetService {
  transport: string;
  port: number;
  /** Recognised application protocol (decoder id). */
  protocol?: string;
  flows: number;
  first_seen: string;
  last_seen: string;
}

/** A role the asset plays, with the evidence for it. */
export interface AssetRole {
  /** `plc`, `rtu`, `ied`, `io_device`, `engineering_workstation`, `hmi_scada`, `historian`, `opcua_server`, `broker`, `domain_controller`, `dns_server`, `dhcp_server`, `it_server`, `it_workstation`, `router`, `scanner`. */
  role: string;
  confidence: Confidence;
  /** What the asset did that shows the role (at most 8 sentences, with frames and flows). */
  evidence: string[];
}

/** One edge of the communication map (`edges.jsonl`): assets, protocol, operations. */
export interface AssetEdge {
  /** Asset ids (`assets.jsonl` `id`); an address that is no asset (a group address) as itself. */
  src: string;
  dst: string;
  protocol: string;
  /** Per operation class: count, first and last seen, and the first frame and flow. */
  operations: Record<
    string,
    { count: number; first_seen: string; last_seen: string; frame: number; flow: string }
  >;
}

export interface AssetRecord {
  /**
   * `mac:<address>` when the asset has a (non-router) MAC address, else `ip:<address>`, else
   * the protocol identity of a device behind a router (`bacnet:<device instance>`).
   */
  id: string;
  ips: string[];
  macs: string[];
  /** Organisation the MAC address is registered to (IEEE OUI registry). */
  mac_vendor?: string;
  first_seen: string;
  last_seen: string;
  /**
   * Identity attributes, each a list of values, best first (confidence, then count):
   * `vendor`, `product`, `product_code`, `revision`, `firmware`, `serial`, `order_number`,
   * `device_type`, `hostname`, `station_name`, ...
   */
  identity: Record<string, AttributeEvidence[]>;
  /** Services it answered on. */
  services: AssetService[];
  /** Protocols it used as a client (or `transport/port` when unrecognised), with flow counts. */
  client_protocols: { protocol: string; flows: number }[];
  /** Flows in which the asset was the client, and the server. */
  flows_initiated: number;
  flows_accepted: number;
  packets_sent: number;
  bytes_sent: number;
  packets_received: number;
  bytes_received: number;
  /**
   * For a device known by a protocol identity that sits behind a router (a BACnet device on
   * another BACnet network or on MS/TP): the addresses it was reached through.
   */
  via?: string[];
  /** With a site model: the zone the model places the asset in. */
  zone?: string;
  /** With a site model: the declared asset's id, name, criticality and owner. */
  site_asset?: string;
  name?: string;
  criticality?: 'low' | 'medium' | 'high' | 'critical';
  owner?: string;
  /** Roles, best first, each with its evidence (a role the site model declares comes first). */
  roles?: AssetRole[];
  /** Purdue level (0 field devices ... 4 enterprise), from the best role; absent when unknown. */
  purdue_level?: number;
  /**
   * Services of other hosts (address, transport, port) this host tried as a client, present
   * when some never answered (no handshake, refused, or no reply): how many services, hosts
   * and ports it tried, how many never answered, and the first of those. A scan's footprint.
   */
  probes?: {
    targets: number;
    hosts: number;
    ports: number;
    unanswered: number;
    first_unanswered: { ts: string; frame: number; flow: string };
  };
  /** The MAC address carried many IP addresses: a router, NAT or proxy. */
  router?: boolean;
  /** IP addresses seen behind the router's MAC address. */
  routed_ips?: number;
}
