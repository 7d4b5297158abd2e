/**
 * BACnet event types: the public schema of `bacnet.*` events (snake_case fields inside the
 * `bacnet` object, docs/adr/0002). One event per BVLL/NPDU/APDU datagram.
 */

/** An object named in a ReadPropertyMultiple or WritePropertyMultiple. */
export interface BacnetObjectRef {
  /** BACnetObjectType number (21). */
  object_type: number;
  /** Object instance number (22 bits). */
  instance: number;
  /** Property identifiers listed for the object, in order. */
  properties: number[];
}

/** A BDT or FDT entry of a BBMD (Annex J.2.2.1, J.2.8.1). */
export interface BacnetBbmdEntry {
  /** B/IP address of the peer, dotted quad. */
  address: string;
  /** UDP port of the peer. */
  port: number;
  /** BDT: broadcast distribution mask, dotted quad. */
  mask?: string;
  /** FDT: time-to-live the foreign device registered with, seconds. */
  ttl?: number;
  /** FDT: seconds before the entry is purged. */
  remaining?: number;
}

/** Fields of a BACnet message. Only the layers present in the datagram are set. */
export interface BacnetFields {
  /** BVLC function (Annex J.2); absent for BACnet over 802.2 LLC. */
  bvlc_function?: number;
  /** Name of the BVLC function (`original-unicast-npdu`, `forwarded-npdu`, ...). */
  bvlc_function_name?: string;
  /** BVLC length field (whole BVLL, octets). */
  bvlc_length?: number;
  /** BVLC-Result code (J.2.1.1). */
  bvlc_result?: number;
  /** Name of the BVLC-Result code. */
  bvlc_result_name?: string;
  /** Forwarded-NPDU: B/IP address of the originating device, `a.b.c.d:port`. */
  forwarded_from?: string;
  /** Register-Foreign-Device: time-to-live, seconds. */
  ttl?: number;
  /** Write-BDT / Read-BDT-Ack / Read-FDT-Ack / Delete-FDT-Entry entries. */
  bbmd_entries?: BacnetBbmdEntry[];
  /** Carried in an 802.2 LLC frame (clause 7, or MS/TP tunnelled in SNAP) rather than BACnet/IP. */
  llc?: boolean;
  /** MS/TP frame type (9.3) of an MS/TP frame tunnelled in SNAP: 5 or 6, BACnet data. */
  mstp_frame_type?: number;
  /** Its name: `bacnet-data-expecting-reply` or `bacnet-data-not-expecting-reply`. */
  mstp_frame_type_name?: string;
  /** MS/TP destination and source station addresses (0-254; 255 is broadcast). */
  mstp_dst?: number;
  mstp_src?: number;
  /** NPDU control octet (6.2.2). */
  npdu_control?: number;
  /** Expecting-reply bit of the NPDU control. */
  expecting_reply?: boolean;
  /** Network priority (0 normal, 1 urgent, 2 critical equipment, 3 life safety). */
  priority?: number;
  /** Destination network number (65535 = global broadcast). */
  dnet?: number;
  /** Destination MAC address as hex (empty = broadcast on DNET). */
  dadr?: string;
  /** Source network number. */
  snet?: number;
  /** Source MAC address as hex. */
  sadr?: string;
  /** Hop count of a routed message. */
  hop_count?: number;
  /** Network-layer message type (6.2.4); set instead of an APDU. */
  network_message?: number;
  /** Name of the network-layer message type. */
  network_message_name?: string;
  /** Vendor id of a proprietary network message (type >= 0x80). */
  network_vendor_id?: number;
  /** Network numbers a Who-Is/I-Am-Router-To-Network and friends carry. */
  networks?: number[];
  /** APDU type (20.1.1): 0 confirmed-request ... 7 abort. The tshark-agree contract field. */
  pdu_type?: number;
  /** Name of the APDU type. */
  pdu_type_name?: string;
  /** Invoke id pairing a confirmed request with its ack, error, reject or abort. */
  invoke_id?: number;
  /** The APDU is one segment of a segmented message. */
  segmented?: boolean;
  /** More segments follow. */
  more_follows?: boolean;
  /** Sequence number of the segment (or the one a SegmentACK acknowledges). */
  sequence_number?: number;
  /**
   * On the last segment of a segmented message: true, and the service fields above come from the
   * whole message reassembled from its segments (20.1.2.7), not from this segment alone.
   */
  reassembled?: boolean;
  /** Segments the reassembled message took. */
  segments?: number;
  /** Proposed or actual window size. */
  window_size?: number;
  /** Confirmed request: the client accepts a segmented response. */
  segmented_response_accepted?: boolean;
  /** Confirmed request: maximum APDU length accepted, octets (20.1.2.5). */
  max_apdu_accepted?: number;
  /** SegmentACK: negative acknowledgement. Abort/SegmentACK: sent by the server. */
  nak?: boolean;
  server?: boolean;
  /** Service choice (confirmed or unconfirmed, by `pdu_type`); on Reject/Abort from pairing. */
  service_choice?: number;
  /** Name of the service. */
  service?: string;
  /** Object type of the object the service addresses (first one for multiple services). */
  object_type?: number;
  /** Name of the object type. */
  object_type_name?: string;
  /** Instance number of that object. */
  instance?: number;
  /** Property identifier (ReadProperty, WriteProperty, COV property). */
  property_id?: number;
  /** Name of the property identifier, or its number. */
  property?: string;
  /** Array index of the property. */
  array_index?: number;
  /** First value written or returned (numbers, text, booleans; object ids as `type:instance`). */
  value?: string | number | boolean | null;
  /** WriteProperty priority (1-16). */
  write_priority?: number;
  /** ReadPropertyMultiple / WritePropertyMultiple objects and their properties. */
  objects?: BacnetObjectRef[];
  /** I-Am / I-Have / notifications: device object instance. */
  device_instance?: number;
  /** I-Am: maximum APDU length accepted. */
  max_apdu?: number;
  /** I-Am: segmentation supported (BACnetSegmentation). */
  segmentation?: string;
  /** I-Am: vendor identifier. */
  vendor_id?: number;
  /** Who-Is / Who-Has: device instance range low limit. */
  low_limit?: number;
  /** Who-Is / Who-Has: device instance range high limit. */
  high_limit?: number;
  /** Who-Has / I-Have: object name. */
  object_name?: string;
  /** DeviceCommunicationControl: `enable`, `disable`, `disable-initiation`. */
  dcc_state?: string;
  /** DeviceCommunicationControl: time duration, minutes. */
  duration?: number;
  /** DeviceCommunicationControl / ReinitializeDevice: a password is present (never copied). */
  password_present?: boolean;
  /** ReinitializeDevice: reinitialized state of device. */
  reinit_state?: string;
  /** AtomicRead/WriteFile: file start position or record. */
  file_start?: number;
  /** AtomicReadFile: octets or records requested; AtomicWriteFile: octets written. */
  file_count?: number;
  /** Subscriptions and notifications: subscriber process identifier. */
  process_id?: number;
  /** SubscribeCOV: lifetime, seconds. COV notification: time remaining. */
  lifetime?: number;
  /** Error PDU: error class number and name. */
  error_class?: number;
  error_class_name?: string;
  /** Error PDU: error code number and name. */
  error_code?: number;
  error_code_name?: string;
  /** Reject PDU: reject reason number and name. */
  reject_reason?: number;
  reject_reason_name?: string;
  /** Abort PDU: abort reason number and name. */
  abort_reason?: number;
  abort_reason_name?: string;
}

/** Every event kind the BACnet decoder emits. */
export const BACNET_EVENT_KINDS = ['bacnet.apdu', 'bacnet.network', 'bacnet.bvlc'] as const;

/** A BACnet event kind. */
export type BacnetEventKind = (typeof BACNET_EVENT_KINDS)[number];

/** A BACnet event: an APDU, a network-layer message, or a BVLL-only function. */
export interface BacnetEvent {
  readonly kind: BacnetEventKind;
  readonly bacnet: BacnetFields;
  readonly [layer: string]: unknown;
}
