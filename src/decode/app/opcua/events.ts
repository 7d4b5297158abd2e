/**
 * OPC UA Binary events: one per UA TCP message or message chunk.
 *
 * Every event carries the `opcua` object below; fields a message does not have are absent.
 * Services are decoded only on channels whose security policy is None (or, for a capture that
 * starts after the OpenSecureChannel, whose body proves to be cleartext); a signed or encrypted
 * channel gives the metadata only. Passwords are never copied: an ActivateSession says whether a
 * user name and a password are present and whether the password is encrypted.
 *
 * References: OPC 10000-4 ([P4]) and 10000-6 ([P6]); see constants.ts.
 */

/** Event kinds. */
export const OPCUA_EVENT_KINDS = [
  /** HEL ([P6] 7.1.2.3). */
  'opcua.hello',
  /** ACK ([P6] 7.1.2.4). */
  'opcua.acknowledge',
  /** ERR ([P6] 7.1.2.5). */
  'opcua.error',
  /** RHE ([P6] 7.1.2.6). */
  'opcua.reverse_hello',
  /** OPN, final chunk ([P6] 6.7.2; [P4] 5.5.2). */
  'opcua.open_secure_channel',
  /** CLO, final chunk ([P4] 5.5.3). */
  'opcua.close_secure_channel',
  /** MSG, final chunk: a whole service request or response. */
  'opcua.message',
  /** An intermediate chunk (C) of an OPN, MSG or CLO message. */
  'opcua.chunk',
  /** An abort chunk (A): the sender gave up the message ([P6] 6.7.3). */
  'opcua.abort',
] as const;

/** An OPC UA event kind. */
export type OpcuaEventKind = (typeof OPCUA_EVENT_KINDS)[number];

/** A Variant or DataValue value, summarised ([P6] 5.2.2.16, 5.2.2.17). */
export interface OpcuaValue {
  /** Built-in type name (`Double`, `String`, ...), `Null`, or `Unknown<id>`. */
  readonly type: string;
  /** Scalar value: number, boolean, string (cut at 64 characters), ByteString as hex (cut). */
  readonly value?: number | boolean | string;
  /** Element count of an array value. */
  readonly array_length?: number;
  /** The first 8 elements of an array value, summarised as `value` is. */
  readonly elements?: readonly (number | boolean | string)[];
  /** DataValue StatusCode name, when the DataValue carries one. */
  readonly status?: string;
}

/** One node of a Read, Write or CreateMonitoredItems request ([P4] 7.29 ReadValueId, 5.10.4). */
export interface OpcuaNodeAttribute {
  /** NodeId in the text form of [P6] 5.3.1.10: `i=2258`, `ns=1;s=Temp`, `ns=2;g=...`, `ns=3;b=...`. */
  readonly node_id: string;
  /** AttributeId (13 Value, ...). */
  readonly attribute_id: number;
  /** AttributeId name ([P3] 5.9), or `Unknown`. */
  readonly attribute: string;
  /** IndexRange, when not empty. */
  readonly index_range?: string;
  /** Write: the value written (capped summary). */
  readonly value?: OpcuaValue;
  /** CreateMonitoredItems: MonitoringMode name. */
  readonly monitoring_mode?: string;
  /** CreateMonitoredItems: requested sampling interval, ms. */
  readonly sampling_interval?: number;
  /** CreateMonitoredItems: requested queue size. */
  readonly queue_size?: number;
  /** CreateMonitoredItems: the filter's type (`DataChangeFilter`, `EventFilter`, `AggregateFilter`). */
  readonly filter?: string;
}

/** One method of a Call request ([P4] 5.11.2 CallMethodRequest). */
export interface OpcuaMethodCall {
  /** NodeId of the object the method is called on. */
  readonly object_id: string;
  /** NodeId of the method. */
  readonly method_id: string;
  /** Input arguments (capped summaries). */
  readonly input_arguments: readonly OpcuaValue[];
}

/** One EndpointDescription of GetEndpoints or CreateSession ([P4] 7.14). */
export interface OpcuaEndpoint {
  /** EndpointUrl. */
  readonly endpoint_url: string;
  /** MessageSecurityMode number (1 None, 2 Sign, 3 SignAndEncrypt). */
  readonly security_mode: number;
  /** MessageSecurityMode name. */
  readonly security_mode_name: string;
  /** SecurityPolicyUri. */
  readonly security_policy_uri: string;
  /** UserTokenType of each user identity token policy: `anonymous`, `username`, `certificate`, `issued`. */
  readonly user_token_types: readonly string[];
  /** SecurityLevel (relative, higher is more secure). */
  readonly security_level: number;
  /** ApplicationUri of the server. */
  readonly server_uri: string;
}

/** One ApplicationDescription of FindServers ([P4] 7.2). */
export interface OpcuaServer {
  /** ApplicationUri. */
  readonly application_uri: string;
  /** ProductUri. */
  readonly product_uri: string;
  /** ApplicationName text. */
  readonly application_name: string;
  /** ApplicationType name (`Server`, `Client`, `ClientAndServer`, `DiscoveryServer`). */
  readonly application_type: string;
  /** DiscoveryUrls. */
  readonly discovery_urls: readonly string[];
}

/** The `opcua` object of every OPC UA event. Field names are the public schema. */
export interface OpcuaFields {
  /** Message type as Wireshark's `opcua.transport.type` shows it: HEL, ACK, ERR, RHE, OPN, MSG, CLO. */
  msg_type: string;
  /** Chunk type: F (final), C (intermediate), A (abort) ([P6] 6.7.2.2). */
  chunk_type: string;
  /** MessageSize of this chunk, header included. */
  message_size: number;

  /** HEL/ACK: ProtocolVersion. */
  protocol_version?: number;
  /** HEL/ACK: ReceiveBufferSize. */
  receive_buffer_size?: number;
  /** HEL/ACK: SendBufferSize. */
  send_buffer_size?: number;
  /** HEL/ACK: MaxMessageSize (0: no limit). */
  max_message_size?: number;
  /** HEL/ACK: MaxChunkCount (0: no limit). */
  max_chunk_count?: number;
  /** HEL/RHE: EndpointUrl; GetEndpoints/FindServers/CreateSession request: the URL asked for. */
  endpoint_url?: string;
  /** RHE: ServerUri. */
  server_uri?: string;
  /** ERR and abort chunks: the error StatusCode. */
  error_code?: number;
  /** ERR and abort chunks: the error StatusCode name. */
  error_name?: string;
  /** ERR and abort chunks: Reason text. */
  reason?: string;

  /** OPN/MSG/CLO: SecureChannelId (0 in the first OpenSecureChannel request). */
  secure_channel_id?: number;
  /** OPN: SecurityPolicyUri of the asymmetric security header ([P6] 6.7.2.3). */
  security_policy_uri?: string;
  /** OPN: the policy is `#None`. */
  policy_none?: boolean;
  /** OPN: a SenderCertificate is present. */
  sender_certificate_present?: boolean;
  /** OPN: SenderCertificate length, bytes. */
  sender_certificate_length?: number;
  /** OPN: a ReceiverCertificateThumbprint is present. */
  receiver_thumbprint_present?: boolean;
  /** MSG/CLO: TokenId of the symmetric security header; OPN response: the issued token id. */
  token_id?: number;
  /**
   * The sequence header and body are encrypted: true on a channel whose policy is not None and
   * whose body is not cleartext. The sequence number, request id and service are then absent.
   */
  encrypted?: boolean;
  /** SequenceNumber of the sequence header (absent when encrypted). */
  sequence_number?: number;
  /** RequestId of the sequence header (absent when encrypted). */
  request_id?: number;
  /** Final chunk: chunks the message was reassembled from. */
  chunk_count?: number;
  /** Final chunk: message body length after reassembly (sequence headers removed), bytes. */
  body_length?: number;

  /** Numeric id of the service message's encoding NodeId (631 ReadRequest, ...). */
  service_id?: number;
  /** Service message name (`ReadRequest`, ...), or `Unknown`. */
  service_name?: string;
  /** Namespace of the service NodeId when not 0 (a vendor service). */
  service_namespace?: number;
  /** RequestHeader/ResponseHeader RequestHandle. */
  request_handle?: number;
  /** ResponseHeader ServiceResult StatusCode. */
  service_result?: number;
  /** ServiceResult name (`Good`, `BadUserAccessDenied`, ...). */
  service_result_name?: string;
  /** Per-operation result StatusCode names (Read, Write, Call, Browse, CreateMonitoredItems, Publish). */
  results?: string[];
  /** Per-operation results beyond the objects limit, counted only. */
  results_omitted?: number;

  /** OpenSecureChannel request: SecurityTokenRequestType name (`Issue`, `Renew`). */
  request_type?: string;
  /** OpenSecureChannel request: MessageSecurityMode number; GetEndpoints: see `endpoints`. */
  security_mode?: number;
  /** OpenSecureChannel request: MessageSecurityMode name. */
  security_mode_name?: string;
  /** OpenSecureChannel request/response: requested or revised token lifetime, ms. */
  lifetime?: number;

  /** GetEndpoints and CreateSession responses: endpoint descriptions. */
  endpoints?: OpcuaEndpoint[];
  /** FindServers response: servers. */
  servers?: OpcuaServer[];
  /** CreateSession request: client ApplicationUri. */
  client_application_uri?: string;
  /** CreateSession request: SessionName. */
  session_name?: string;
  /** CreateSession request: ClientCertificate length (0: none). */
  client_certificate_length?: number;
  /** CreateSession response: SessionId NodeId. */
  session_id?: string;
  /** CreateSession request/response: requested or revised session timeout, ms. */
  session_timeout?: number;
  /**
   * ActivateSession request: identity token kind: `anonymous`, `username`, `certificate`,
   * `issued`, `none` (no token), or `unknown`.
   */
  identity_token?: string;
  /** ActivateSession request: PolicyId of the identity token. */
  identity_policy_id?: string;
  /** ActivateSession with a UserNameIdentityToken: a user name is present (never copied). */
  username_present?: boolean;
  /** ActivateSession with a UserNameIdentityToken: a password is present (never copied). */
  password_present?: boolean;
  /** ActivateSession with a UserNameIdentityToken: the password is encrypted (EncryptionAlgorithm set). */
  password_encrypted?: boolean;

  /** Browse request: NodeIds to browse; BrowseNext: none. */
  nodes?: string[];
  /** Read, Write, CreateMonitoredItems request: nodes and attributes. */
  attributes?: OpcuaNodeAttribute[];
  /** Call request: methods called. */
  methods?: OpcuaMethodCall[];
  /** Read response: values read (capped summaries). */
  values?: OpcuaValue[];
  /** Items beyond the objects limit (nodes, attributes, methods, values, endpoints), counted only. */
  items_omitted?: number;
  /** Browse/BrowseNext response: references returned, all results together. */
  reference_count?: number;
  /** BrowseNext request: continuation points sent. */
  continuation_points?: number;
  /** BrowseNext request: ReleaseContinuationPoints. */
  release_continuation_points?: boolean;
  /** Read request: MaxAge, ms. */
  max_age?: number;

  /** Subscription services: SubscriptionId. */
  subscription_id?: number;
  /** CreateSubscription: requested or revised publishing interval, ms. */
  publishing_interval?: number;
  /** CreateSubscription: requested or revised lifetime count. */
  lifetime_count?: number;
  /** CreateSubscription: requested or revised max keep-alive count. */
  max_keep_alive_count?: number;
  /** CreateSubscription request: PublishingEnabled. */
  publishing_enabled?: boolean;
  /** CreateSubscription request: Priority. */
  priority?: number;
  /** Publish request: subscription acknowledgements sent. */
  acknowledgements?: number;
  /** Publish/Republish response: NotificationMessage SequenceNumber; Republish request: RetransmitSequenceNumber. */
  notification_sequence_number?: number;
  /** Publish/Republish response: NotificationData entries. */
  notification_count?: number;
  /** Publish response: MoreNotifications. */
  more_notifications?: boolean;
  /** CreateMonitoredItems response: MonitoredItemIds assigned. */
  monitored_item_ids?: number[];
  /** The service body ended before its fields did (the event has what was read). */
  truncated?: boolean;
}

/** An OPC UA event as the decoder emits it. */
export interface OpcuaEvent {
  readonly kind: OpcuaEventKind;
  readonly opcua: OpcuaFields;
}
