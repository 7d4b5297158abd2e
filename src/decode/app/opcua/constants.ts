/**
 * OPC UA Binary code tables.
 *
 * References:
 * - [P4] OPC 10000-4 (Part 4: Services), 5 (service definitions), 7.38 (ResponseHeader), 7.39
 *   (StatusCode), 7.41 (UserIdentityToken), 7.29 (RequestHeader).
 * - [P5] OPC 10000-5 (Part 5: Information Model), 8.2 (identity token data types).
 * - [P6] OPC 10000-6 (Part 6: Mappings), 5.1.2 (built-in types), 5.2.2 (binary encodings),
 *   6.7.2 (secure conversation message header), 7.1.2 (UA TCP message header), 7.1.2.3-7.1.2.6
 *   (Hello, Acknowledge, Error, ReverseHello), A.1 (NodeIds.csv: the DefaultBinary encoding ids
 *   of the service messages), A.2 (StatusCode.csv).
 * - [P3] OPC 10000-3 (Part 3: Address Space Model), 5.9 (attribute ids).
 */

/** Framing constants and decoder limits. */
export const OPCUA = {
  /** IANA-registered port of opc.tcp ([P6] 7.2). */
  PORT: 4840,
  /** Message header: MessageType(3) ChunkType(1) MessageSize(4) ([P6] 7.1.2.2). */
  HEADER_BYTES: 8,
  /** Hello fixed part: header + 5 UInt32 + endpoint URL length ([P6] 7.1.2.3). */
  MIN_HELLO_BYTES: 32,
  /** Acknowledge: header + 5 UInt32 ([P6] 7.1.2.4). */
  MIN_ACK_BYTES: 28,
  /** Error: header + error code + reason length ([P6] 7.1.2.5). */
  MIN_ERROR_BYTES: 16,
  /** OPN/MSG/CLO: header + secure channel id ([P6] 6.7.2.2). */
  MIN_SECURE_BYTES: 12,
  /**
   * Largest MessageSize the probe and the framing accept as plausible (16 MiB): beyond it the
   * header is not OPC UA ([P6] 7.1.2.3: buffer sizes are at least 8192, real stacks stay well
   * under this).
   */
  MAX_PLAUSIBLE_SIZE: 0x1000000,
  /** Partly reassembled messages kept per direction (chunks of different requests). */
  MAX_PARTIAL_MESSAGES: 4,
  /** Secure channels remembered per flow (their security policy). */
  MAX_CHANNELS: 8,
  /** Nesting depth of Variants, ExtensionObjects and DiagnosticInfos walked. */
  MAX_DEPTH: 8,
  /** Sequence numbers above this may wrap to a value under 1024 ([P6] 6.7.2.4). */
  SEQUENCE_WRAP: 4_294_966_271,
  /** Elements of an array value summarised (the rest are counted). */
  MAX_ARRAY_ELEMENTS: 8,
  /** Characters of a value summary (strings, byte strings as hex). */
  MAX_VALUE_CHARS: 64,
} as const;

/** Message types ([P6] 7.1.2.2 Table 50, 6.7.2.2 Table 41), as 24-bit big-endian ASCII codes. */
export const MsgType = {
  HEL: 0x48454c,
  ACK: 0x41434b,
  ERR: 0x455252,
  RHE: 0x524845,
  OPN: 0x4f504e,
  MSG: 0x4d5347,
  CLO: 0x434c4f,
} as const;

/** Chunk types ([P6] 6.7.2.2): final, intermediate, abort. */
export const ChunkType = { FINAL: 0x46, INTERMEDIATE: 0x43, ABORT: 0x41 } as const;

/** Security policy URI of SecurityPolicy None ([P7] profiles; [P6] 6.7.2.3). */
export const POLICY_NONE_URI = 'http://opcfoundation.org/UA/SecurityPolicy#None';

/** MessageSecurityMode ([P4] 7.20). */
export const SECURITY_MODE_NAMES: Readonly<Record<number, string>> = {
  0: 'Invalid',
  1: 'None',
  2: 'Sign',
  3: 'SignAndEncrypt',
};

/** SecurityTokenRequestType of OpenSecureChannel ([P4] 5.5.2.2). */
export const REQUEST_TYPE_NAMES: Readonly<Record<number, string>> = { 0: 'Issue', 1: 'Renew' };

/** UserTokenType of a UserTokenPolicy ([P4] 7.42). */
export const USER_TOKEN_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'anonymous',
  1: 'username',
  2: 'certificate',
  3: 'issued',
};

/** ApplicationType of an ApplicationDescription ([P4] 7.2). */
export const APPLICATION_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Server',
  1: 'Client',
  2: 'ClientAndServer',
  3: 'DiscoveryServer',
};

/** MonitoringMode ([P4] 7.23). */
export const MONITORING_MODE_NAMES: Readonly<Record<number, string>> = {
  0: 'Disabled',
  1: 'Sampling',
  2: 'Reporting',
};

/**
 * DefaultBinary encoding ids of the user identity tokens ([P6] A.1, NodeIds.csv:
 * AnonymousIdentityToken_Encoding_DefaultBinary = 321, ...) and the token kind they stand for.
 */
export const IDENTITY_TOKEN_KINDS: Readonly<Record<number, string>> = {
  321: 'anonymous',
  324: 'username',
  327: 'certificate',
  940: 'issued',
};

/** Identity token encoding ids by kind. */
export const IdentityToken = {
  ANONYMOUS: 321,
  USERNAME: 324,
  CERTIFICATE: 327,
  ISSUED: 940,
} as const;

/**
 * DefaultBinary encoding ids of the monitoring filters ([P6] A.1 NodeIds.csv:
 * DataChangeFilter_Encoding_DefaultBinary = 724, ...; [P4] 7.22).
 */
export const FILTER_NAMES: Readonly<Record<number, string>> = {
  724: 'DataChangeFilter',
  727: 'EventFilter',
  730: 'AggregateFilter',
};

/** Attribute ids ([P6] A.1 AttributeIds.csv; [P3] 5.9). */
export const ATTRIBUTE_NAMES: Readonly<Record<number, string>> = {
  1: 'NodeId',
  2: 'NodeClass',
  3: 'BrowseName',
  4: 'DisplayName',
  5: 'Description',
  6: 'WriteMask',
  7: 'UserWriteMask',
  8: 'IsAbstract',
  9: 'Symmetric',
  10: 'InverseName',
  11: 'ContainsNoLoops',
  12: 'EventNotifier',
  13: 'Value',
  14: 'DataType',
  15: 'ValueRank',
  16: 'ArrayDimensions',
  17: 'AccessLevel',
  18: 'UserAccessLevel',
  19: 'MinimumSamplingInterval',
  20: 'Historizing',
  21: 'Executable',
  22: 'UserExecutable',
  23: 'DataTypeDefinition',
  24: 'RolePermissions',
  25: 'UserRolePermissions',
  26: 'AccessRestrictions',
  27: 'AccessLevelEx',
};

/** Built-in type ids of a Variant ([P6] 5.1.2 Table 1). */
export const BuiltIn = {
  BOOLEAN: 1,
  SBYTE: 2,
  BYTE: 3,
  INT16: 4,
  UINT16: 5,
  INT32: 6,
  UINT32: 7,
  INT64: 8,
  UINT64: 9,
  FLOAT: 10,
  DOUBLE: 11,
  STRING: 12,
  DATETIME: 13,
  GUID: 14,
  BYTESTRING: 15,
  XMLELEMENT: 16,
  NODEID: 17,
  EXPANDEDNODEID: 18,
  STATUSCODE: 19,
  QUALIFIEDNAME: 20,
  LOCALIZEDTEXT: 21,
  EXTENSIONOBJECT: 22,
  DATAVALUE: 23,
  VARIANT: 24,
  DIAGNOSTICINFO: 25,
} as const;

/** Built-in type names by id ([P6] 5.1.2 Table 1). */
export const BUILTIN_NAMES: readonly string[] = [
  'Null',
  'Boolean',
  'SByte',
  'Byte',
  'Int16',
  'UInt16',
  'Int32',
  'UInt32',
  'Int64',
  'UInt64',
  'Float',
  'Double',
  'String',
  'DateTime',
  'Guid',
  'ByteString',
  'XmlElement',
  'NodeId',
  'ExpandedNodeId',
  'StatusCode',
  'QualifiedName',
  'LocalizedText',
  'ExtensionObject',
  'DataValue',
  'Variant',
  'DiagnosticInfo',
];

/**
 * Service message encoding ids ([P6] A.1 NodeIds.csv, `<Service>Request_Encoding_DefaultBinary`
 * and `..Response_..`): the numeric NodeId that opens every service message body.
 */
export const Service = {
  SERVICE_FAULT: 397,
  FIND_SERVERS_REQ: 422,
  FIND_SERVERS_RES: 425,
  GET_ENDPOINTS_REQ: 428,
  GET_ENDPOINTS_RES: 431,
  OPEN_SECURE_CHANNEL_REQ: 446,
  OPEN_SECURE_CHANNEL_RES: 449,
  CLOSE_SECURE_CHANNEL_REQ: 452,
  CREATE_SESSION_REQ: 461,
  CREATE_SESSION_RES: 464,
  ACTIVATE_SESSION_REQ: 467,
  ACTIVATE_SESSION_RES: 470,
  CLOSE_SESSION_REQ: 473,
  BROWSE_REQ: 527,
  BROWSE_RES: 530,
  BROWSE_NEXT_REQ: 533,
  BROWSE_NEXT_RES: 536,
  READ_REQ: 631,
  READ_RES: 634,
  WRITE_REQ: 673,
  WRITE_RES: 676,
  CALL_REQ: 712,
  CALL_RES: 715,
  CREATE_MONITORED_ITEMS_REQ: 751,
  CREATE_MONITORED_ITEMS_RES: 754,
  CREATE_SUBSCRIPTION_REQ: 787,
  CREATE_SUBSCRIPTION_RES: 790,
  PUBLISH_REQ: 826,
  PUBLISH_RES: 829,
  REPUBLISH_REQ: 832,
  REPUBLISH_RES: 835,
} as const;

/** Names of the service message encoding ids ([P6] A.1 NodeIds.csv; [P4] 5). */
export const SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [397, 'ServiceFault'],
  [410, 'TestStackRequest'],
  [413, 'TestStackResponse'],
  [416, 'TestStackExRequest'],
  [419, 'TestStackExResponse'],
  [422, 'FindServersRequest'],
  [425, 'FindServersResponse'],
  [428, 'GetEndpointsRequest'],
  [431, 'GetEndpointsResponse'],
  [437, 'RegisterServerRequest'],
  [440, 'RegisterServerResponse'],
  [446, 'OpenSecureChannelRequest'],
  [449, 'OpenSecureChannelResponse'],
  [452, 'CloseSecureChannelRequest'],
  [455, 'CloseSecureChannelResponse'],
  [461, 'CreateSessionRequest'],
  [464, 'CreateSessionResponse'],
  [467, 'ActivateSessionRequest'],
  [470, 'ActivateSessionResponse'],
  [473, 'CloseSessionRequest'],
  [476, 'CloseSessionResponse'],
  [479, 'CancelRequest'],
  [482, 'CancelResponse'],
  [488, 'AddNodesRequest'],
  [491, 'AddNodesResponse'],
  [494, 'AddReferencesRequest'],
  [497, 'AddReferencesResponse'],
  [500, 'DeleteNodesRequest'],
  [503, 'DeleteNodesResponse'],
  [506, 'DeleteReferencesRequest'],
  [509, 'DeleteReferencesResponse'],
  [527, 'BrowseRequest'],
  [530, 'BrowseResponse'],
  [533, 'BrowseNextRequest'],
  [536, 'BrowseNextResponse'],
  [554, 'TranslateBrowsePathsToNodeIdsRequest'],
  [557, 'TranslateBrowsePathsToNodeIdsResponse'],
  [560, 'RegisterNodesRequest'],
  [563, 'RegisterNodesResponse'],
  [566, 'UnregisterNodesRequest'],
  [569, 'UnregisterNodesResponse'],
  [615, 'QueryFirstRequest'],
  [618, 'QueryFirstResponse'],
  [621, 'QueryNextRequest'],
  [624, 'QueryNextResponse'],
  [631, 'ReadRequest'],
  [634, 'ReadResponse'],
  [664, 'HistoryReadRequest'],
  [667, 'HistoryReadResponse'],
  [673, 'WriteRequest'],
  [676, 'WriteResponse'],
  [700, 'HistoryUpdateRequest'],
  [703, 'HistoryUpdateResponse'],
  [712, 'CallRequest'],
  [715, 'CallResponse'],
  [751, 'CreateMonitoredItemsRequest'],
  [754, 'CreateMonitoredItemsResponse'],
  [763, 'ModifyMonitoredItemsRequest'],
  [766, 'ModifyMonitoredItemsResponse'],
  [769, 'SetMonitoringModeRequest'],
  [772, 'SetMonitoringModeResponse'],
  [775, 'SetTriggeringRequest'],
  [778, 'SetTriggeringResponse'],
  [781, 'DeleteMonitoredItemsRequest'],
  [784, 'DeleteMonitoredItemsResponse'],
  [787, 'CreateSubscriptionRequest'],
  [790, 'CreateSubscriptionResponse'],
  [793, 'ModifySubscriptionRequest'],
  [796, 'ModifySubscriptionResponse'],
  [799, 'SetPublishingModeRequest'],
  [802, 'SetPublishingModeResponse'],
  [826, 'PublishRequest'],
  [829, 'PublishResponse'],
  [832, 'RepublishRequest'],
  [835, 'RepublishResponse'],
  [841, 'TransferSubscriptionsRequest'],
  [844, 'TransferSubscriptionsResponse'],
  [847, 'DeleteSubscriptionsRequest'],
  [850, 'DeleteSubscriptionsResponse'],
  [12208, 'FindServersOnNetworkRequest'],
  [12209, 'FindServersOnNetworkResponse'],
  [12211, 'RegisterServer2Request'],
  [12212, 'RegisterServer2Response'],
]);

/**
 * Service encoding ids whose body starts with a ResponseHeader ([P4] 7.38): every `*Response`
 * and ServiceFault. Requests start with a RequestHeader ([P4] 7.37).
 */
export function isResponse(id: number): boolean {
  const name = SERVICE_NAMES.get(id);
  return name !== undefined && (name.endsWith('Response') || id === Service.SERVICE_FAULT);
}

/** StatusCode names ([P6] A.2 StatusCode.csv): the code with its low 16 info bits cleared. */
const STATUS_CODE_LIST: readonly (readonly [number, string])[] = [
  [0x00000000, 'Good'],
  [0x002d0000, 'GoodSubscriptionTransferred'],
  [0x002e0000, 'GoodCompletesAsynchronously'],
  [0x002f0000, 'GoodOverload'],
  [0x00300000, 'GoodClamped'],
  [0x00960000, 'GoodLocalOverride'],
  [0x00a20000, 'GoodEntryInserted'],
  [0x00a30000, 'GoodEntryReplaced'],
  [0x00a50000, 'GoodNoData'],
  [0x00a60000, 'GoodMoreData'],
  [0x00a70000, 'GoodCommunicationEvent'],
  [0x00a80000, 'GoodShutdownEvent'],
  [0x00a90000, 'GoodCallAgain'],
  [0x00aa0000, 'GoodNonCriticalTimeout'],
  [0x00ba0000, 'GoodResultsMayBeIncomplete'],
  [0x00d90000, 'GoodDataIgnored'],
  [0x00dc0000, 'GoodEdited'],
  [0x00dd0000, 'GoodPostActionFailed'],
  [0x00df0000, 'GoodRetransmissionQueueNotSupported'],
  [0x00e00000, 'GoodDependentValueChanged'],
  [0x00eb0000, 'GoodSubNormal'],
  [0x00ef0000, 'GoodPasswordChangeRequired'],
  [0x01160000, 'GoodEdited_DependentValueChanged'],
  [0x01170000, 'GoodEdited_DominantValueChanged'],
  [0x01180000, 'GoodEdited_DominantValueChanged_DependentValueChanged'],
  [0x04010000, 'GoodCascadeInitializationAcknowledged'],
  [0x04020000, 'GoodCascadeInitializationRequest'],
  [0x04030000, 'GoodCascadeNotInvited'],
  [0x04040000, 'GoodCascadeNotSelected'],
  [0x04070000, 'GoodFaultStateActive'],
  [0x04080000, 'GoodInitiateFaultState'],
  [0x04090000, 'GoodCascade'],
  [0x40000000, 'Uncertain'],
  [0x406c0000, 'UncertainReferenceOutOfServer'],
  [0x408f0000, 'UncertainNoCommunicationLastUsableValue'],
  [0x40900000, 'UncertainLastUsableValue'],
  [0x40910000, 'UncertainSubstituteValue'],
  [0x40920000, 'UncertainInitialValue'],
  [0x40930000, 'UncertainSensorNotAccurate'],
  [0x40940000, 'UncertainEngineeringUnitsExceeded'],
  [0x40950000, 'UncertainSubNormal'],
  [0x40a40000, 'UncertainDataSubNormal'],
  [0x40bc0000, 'UncertainReferenceNotDeleted'],
  [0x40c00000, 'UncertainNotAllNodesAvailable'],
  [0x40de0000, 'UncertainDominantValueChanged'],
  [0x40e20000, 'UncertainDependentValueChanged'],
  [0x42080000, 'UncertainTransducerInManual'],
  [0x42090000, 'UncertainSimulatedValue'],
  [0x420a0000, 'UncertainSensorCalibration'],
  [0x420f0000, 'UncertainConfigurationError'],
  [0x80000000, 'Bad'],
  [0x80010000, 'BadUnexpectedError'],
  [0x80020000, 'BadInternalError'],
  [0x80030000, 'BadOutOfMemory'],
  [0x80040000, 'BadResourceUnavailable'],
  [0x80050000, 'BadCommunicationError'],
  [0x80060000, 'BadEncodingError'],
  [0x80070000, 'BadDecodingError'],
  [0x80080000, 'BadEncodingLimitsExceeded'],
  [0x80090000, 'BadUnknownResponse'],
  [0x800a0000, 'BadTimeout'],
  [0x800b0000, 'BadServiceUnsupported'],
  [0x800c0000, 'BadShutdown'],
  [0x800d0000, 'BadServerNotConnected'],
  [0x800e0000, 'BadServerHalted'],
  [0x800f0000, 'BadNothingToDo'],
  [0x80100000, 'BadTooManyOperations'],
  [0x80110000, 'BadDataTypeIdUnknown'],
  [0x80120000, 'BadCertificateInvalid'],
  [0x80130000, 'BadSecurityChecksFailed'],
  [0x80140000, 'BadCertificateTimeInvalid'],
  [0x80150000, 'BadCertificateIssuerTimeInvalid'],
  [0x80160000, 'BadCertificateHostNameInvalid'],
  [0x80170000, 'BadCertificateUriInvalid'],
  [0x80180000, 'BadCertificateUseNotAllowed'],
  [0x80190000, 'BadCertificateIssuerUseNotAllowed'],
  [0x801a0000, 'BadCertificateUntrusted'],
  [0x801b0000, 'BadCertificateRevocationUnknown'],
  [0x801c0000, 'BadCertificateIssuerRevocationUnknown'],
  [0x801d0000, 'BadCertificateRevoked'],
  [0x801e0000, 'BadCertificateIssuerRevoked'],
  [0x801f0000, 'BadUserAccessDenied'],
  [0x80200000, 'BadIdentityTokenInvalid'],
  [0x80210000, 'BadIdentityTokenRejected'],
  [0x80220000, 'BadSecureChannelIdInvalid'],
  [0x80230000, 'BadInvalidTimestamp'],
  [0x80240000, 'BadNonceInvalid'],
  [0x80250000, 'BadSessionIdInvalid'],
  [0x80260000, 'BadSessionClosed'],
  [0x80270000, 'BadSessionNotActivated'],
  [0x80280000, 'BadSubscriptionIdInvalid'],
  [0x802a0000, 'BadRequestHeaderInvalid'],
  [0x802b0000, 'BadTimestampsToReturnInvalid'],
  [0x802c0000, 'BadRequestCancelledByClient'],
  [0x80310000, 'BadNoCommunication'],
  [0x80320000, 'BadWaitingForInitialData'],
  [0x80330000, 'BadNodeIdInvalid'],
  [0x80340000, 'BadNodeIdUnknown'],
  [0x80350000, 'BadAttributeIdInvalid'],
  [0x80360000, 'BadIndexRangeInvalid'],
  [0x80370000, 'BadIndexRangeNoData'],
  [0x80380000, 'BadDataEncodingInvalid'],
  [0x80390000, 'BadDataEncodingUnsupported'],
  [0x803a0000, 'BadNotReadable'],
  [0x803b0000, 'BadNotWritable'],
  [0x803c0000, 'BadOutOfRange'],
  [0x803d0000, 'BadNotSupported'],
  [0x803e0000, 'BadNotFound'],
  [0x803f0000, 'BadObjectDeleted'],
  [0x80400000, 'BadNotImplemented'],
  [0x80410000, 'BadMonitoringModeInvalid'],
  [0x80420000, 'BadMonitoredItemIdInvalid'],
  [0x80430000, 'BadMonitoredItemFilterInvalid'],
  [0x80440000, 'BadMonitoredItemFilterUnsupported'],
  [0x80450000, 'BadFilterNotAllowed'],
  [0x80460000, 'BadStructureMissing'],
  [0x80470000, 'BadEventFilterInvalid'],
  [0x80480000, 'BadContentFilterInvalid'],
  [0x80490000, 'BadFilterOperandInvalid'],
  [0x804a0000, 'BadContinuationPointInvalid'],
  [0x804b0000, 'BadNoContinuationPoints'],
  [0x804c0000, 'BadReferenceTypeIdInvalid'],
  [0x804d0000, 'BadBrowseDirectionInvalid'],
  [0x804e0000, 'BadNodeNotInView'],
  [0x804f0000, 'BadServerUriInvalid'],
  [0x80500000, 'BadServerNameMissing'],
  [0x80510000, 'BadDiscoveryUrlMissing'],
  [0x80520000, 'BadSemaphoreFileMissing'],
  [0x80530000, 'BadRequestTypeInvalid'],
  [0x80540000, 'BadSecurityModeRejected'],
  [0x80550000, 'BadSecurityPolicyRejected'],
  [0x80560000, 'BadTooManySessions'],
  [0x80570000, 'BadUserSignatureInvalid'],
  [0x80580000, 'BadApplicationSignatureInvalid'],
  [0x80590000, 'BadNoValidCertificates'],
  [0x805a0000, 'BadRequestCancelledByRequest'],
  [0x805b0000, 'BadParentNodeIdInvalid'],
  [0x805c0000, 'BadReferenceNotAllowed'],
  [0x805d0000, 'BadNodeIdRejected'],
  [0x805e0000, 'BadNodeIdExists'],
  [0x805f0000, 'BadNodeClassInvalid'],
  [0x80600000, 'BadBrowseNameInvalid'],
  [0x80610000, 'BadBrowseNameDuplicated'],
  [0x80620000, 'BadNodeAttributesInvalid'],
  [0x80630000, 'BadTypeDefinitionInvalid'],
  [0x80640000, 'BadSourceNodeIdInvalid'],
  [0x80650000, 'BadTargetNodeIdInvalid'],
  [0x80660000, 'BadDuplicateReferenceNotAllowed'],
  [0x80670000, 'BadInvalidSelfReference'],
  [0x80680000, 'BadReferenceLocalOnly'],
  [0x80690000, 'BadNoDeleteRights'],
  [0x806a0000, 'BadServerIndexInvalid'],
  [0x806b0000, 'BadViewIdUnknown'],
  [0x806d0000, 'BadTooManyMatches'],
  [0x806e0000, 'BadQueryTooComplex'],
  [0x806f0000, 'BadNoMatch'],
  [0x80700000, 'BadMaxAgeInvalid'],
  [0x80710000, 'BadHistoryOperationInvalid'],
  [0x80720000, 'BadHistoryOperationUnsupported'],
  [0x80730000, 'BadWriteNotSupported'],
  [0x80740000, 'BadTypeMismatch'],
  [0x80750000, 'BadMethodInvalid'],
  [0x80760000, 'BadArgumentsMissing'],
  [0x80770000, 'BadTooManySubscriptions'],
  [0x80780000, 'BadTooManyPublishRequests'],
  [0x80790000, 'BadNoSubscription'],
  [0x807a0000, 'BadSequenceNumberUnknown'],
  [0x807b0000, 'BadMessageNotAvailable'],
  [0x807c0000, 'BadInsufficientClientProfile'],
  [0x807d0000, 'BadTcpServerTooBusy'],
  [0x807e0000, 'BadTcpMessageTypeInvalid'],
  [0x807f0000, 'BadTcpSecureChannelUnknown'],
  [0x80800000, 'BadTcpMessageTooLarge'],
  [0x80810000, 'BadTcpNotEnoughResources'],
  [0x80820000, 'BadTcpInternalError'],
  [0x80830000, 'BadTcpEndpointUrlInvalid'],
  [0x80840000, 'BadRequestInterrupted'],
  [0x80850000, 'BadRequestTimeout'],
  [0x80860000, 'BadSecureChannelClosed'],
  [0x80870000, 'BadSecureChannelTokenUnknown'],
  [0x80880000, 'BadSequenceNumberInvalid'],
  [0x80890000, 'BadConfigurationError'],
  [0x808a0000, 'BadNotConnected'],
  [0x808b0000, 'BadDeviceFailure'],
  [0x808c0000, 'BadSensorFailure'],
  [0x808d0000, 'BadOutOfService'],
  [0x808e0000, 'BadDeadbandFilterInvalid'],
  [0x80970000, 'BadRefreshInProgress'],
  [0x80980000, 'BadConditionAlreadyDisabled'],
  [0x80990000, 'BadConditionDisabled'],
  [0x809a0000, 'BadEventIdUnknown'],
  [0x809b0000, 'BadNoData'],
  [0x809d0000, 'BadDataLost'],
  [0x809e0000, 'BadDataUnavailable'],
  [0x809f0000, 'BadEntryExists'],
  [0x80a00000, 'BadNoEntryExists'],
  [0x80a10000, 'BadTimestampNotSupported'],
  [0x80ab0000, 'BadInvalidArgument'],
  [0x80ac0000, 'BadConnectionRejected'],
  [0x80ad0000, 'BadDisconnect'],
  [0x80ae0000, 'BadConnectionClosed'],
  [0x80af0000, 'BadInvalidState'],
  [0x80b00000, 'BadEndOfStream'],
  [0x80b10000, 'BadNoDataAvailable'],
  [0x80b20000, 'BadWaitingForResponse'],
  [0x80b30000, 'BadOperationAbandoned'],
  [0x80b40000, 'BadExpectedStreamToBlock'],
  [0x80b50000, 'BadWouldBlock'],
  [0x80b60000, 'BadSyntaxError'],
  [0x80b70000, 'BadMaxConnectionsReached'],
  [0x80b80000, 'BadRequestTooLarge'],
  [0x80b90000, 'BadResponseTooLarge'],
  [0x80bb0000, 'BadEventNotAcknowledgeable'],
  [0x80bd0000, 'BadInvalidTimestampArgument'],
  [0x80be0000, 'BadProtocolVersionUnsupported'],
  [0x80bf0000, 'BadStateNotActive'],
  [0x80c10000, 'BadFilterOperatorInvalid'],
  [0x80c20000, 'BadFilterOperatorUnsupported'],
  [0x80c30000, 'BadFilterOperandCountMismatch'],
  [0x80c40000, 'BadFilterElementInvalid'],
  [0x80c50000, 'BadFilterLiteralInvalid'],
  [0x80c60000, 'BadIdentityChangeNotSupported'],
  [0x80c80000, 'BadNotTypeDefinition'],
  [0x80c90000, 'BadViewTimestampInvalid'],
  [0x80ca0000, 'BadViewParameterMismatch'],
  [0x80cb0000, 'BadViewVersionInvalid'],
  [0x80cc0000, 'BadConditionAlreadyEnabled'],
  [0x80cd0000, 'BadDialogNotActive'],
  [0x80ce0000, 'BadDialogResponseInvalid'],
  [0x80cf0000, 'BadConditionBranchAlreadyAcked'],
  [0x80d00000, 'BadConditionBranchAlreadyConfirmed'],
  [0x80d10000, 'BadConditionAlreadyShelved'],
  [0x80d20000, 'BadConditionNotShelved'],
  [0x80d30000, 'BadShelvingTimeOutOfRange'],
  [0x80d40000, 'BadAggregateListMismatch'],
  [0x80d50000, 'BadAggregateNotSupported'],
  [0x80d60000, 'BadAggregateInvalidInputs'],
  [0x80d70000, 'BadBoundNotFound'],
  [0x80d80000, 'BadBoundNotSupported'],
  [0x80da0000, 'BadAggregateConfigurationRejected'],
  [0x80db0000, 'BadTooManyMonitoredItems'],
  [0x80e10000, 'BadDominantValueChanged'],
  [0x80e30000, 'BadDependentValueChanged'],
  [0x80e40000, 'BadRequestNotAllowed'],
  [0x80e50000, 'BadTooManyArguments'],
  [0x80e60000, 'BadSecurityModeInsufficient'],
  [0x80e70000, 'BadDataSetIdInvalid'],
  [0x80e80000, 'BadTransactionPending'],
  [0x80e90000, 'BadLocked'],
  [0x80ea0000, 'BadIndexRangeDataMismatch'],
  [0x80ec0000, 'BadRequiresLock'],
  [0x80ed0000, 'BadLocaleNotSupported'],
  [0x80ee0000, 'BadServerTooBusy'],
  [0x80f00000, 'BadNoValue'],
  [0x810d0000, 'BadCertificateChainIncomplete'],
  [0x810e0000, 'BadLicenseExpired'],
  [0x810f0000, 'BadLicenseLimitsExceeded'],
  [0x81100000, 'BadLicenseNotAvailable'],
  [0x81110000, 'BadNotExecutable'],
  [0x81120000, 'BadNumericOverflow'],
  [0x81130000, 'BadRequestNotComplete'],
  [0x81140000, 'BadCertificatePolicyCheckFailed'],
  [0x81150000, 'BadAlreadyExists'],
  [0x81190000, 'BadEdited_OutOfRange'],
  [0x811a0000, 'BadInitialValue_OutOfRange'],
  [0x811b0000, 'BadOutOfRange_DominantValueChanged'],
  [0x811c0000, 'BadEdited_OutOfRange_DominantValueChanged'],
  [0x811d0000, 'BadOutOfRange_DominantValueChanged_DependentValueChanged'],
  [0x811e0000, 'BadEdited_OutOfRange_DominantValueChanged_DependentValueChanged'],
  [0x811f0000, 'BadTicketRequired'],
  [0x81200000, 'BadTicketInvalid'],
];

const STATUS_CODES: ReadonlyMap<number, string> = new Map(STATUS_CODE_LIST);

/**
 * The name of a StatusCode ([P4] 7.39): the code part (high 16 bits) looked up in StatusCode.csv;
 * an unknown code is named by its severity (`Good`, `Uncertain`, `Bad`) and hex value.
 */
export function statusName(code: number): string {
  const name = STATUS_CODES.get((code & 0xffff0000) >>> 0);
  if (name !== undefined) return name;
  const sev = code >>> 30;
  const prefix = sev === 0 ? 'Good' : sev === 1 ? 'Uncertain' : 'Bad';
  return `${prefix}_0x${(code >>> 0).toString(16).padStart(8, '0')}`;
}

/** Severity of a StatusCode: its two top bits ([P4] 7.39 Table 176). */
export function isBadStatus(code: number): boolean {
  return code >>> 31 === 1;
}
