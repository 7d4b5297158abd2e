/**
 * PROFINET IO context management (PN-IO CM) over DCE/RPC code tables: DCE/RPC connectionless
 * header, the PNIO interface UUIDs and operations, the IOD block types, ControlCommand bits and
 * PNIOStatus codes.
 *
 * References:
 * - [C706] The Open Group DCE 1.1 RPC (C706), 12.5 connectionless PDU header (rpc_vers 4,
 *   ptype, flags1/flags2, drep, serial, object/interface/activity UUIDs, server boot, interface
 *   version, sequence number, opnum, hints, body length, fragment number, auth protocol).
 * - [61158-6-10] IEC 61158-6-10:2014, 4.10.3 (RPC interface UUIDs DEA0000x-6C97-11D1-8271-
 *   00A02442DF7D, operations Connect/Release/Read/Write/Control/ReadImplicit), 5.2.1 (NDR
 *   header ArgsMaximum/PNIOStatus, ArgsLength, MaximumCount, Offset, ActualCount), 5.2.2
 *   (BlockHeader: BlockType, BlockLength, BlockVersionHigh/Low; BlockType table), 5.2.4
 *   (IODControlReq and ControlCommand), 5.2.5 (IODReadReq/IODWriteReq headers), 5.2.6
 *   (PNIOStatus: ErrorCode, ErrorDecode, ErrorCode1, ErrorCode2).
 * - Wireshark 4.0 epan/dissectors/packet-dcerpc.c and plugins/epan/profinet/
 *   packet-dcerpc-pn-io.c (names cross-checked against tshark 4.0.17).
 */

/** Framing constants. */
export const PNIO = {
  /** UDP port of the PNIO RPC endpoint mapper and CM server ([61158-6-10] 4.10.3.1). */
  PORT: 34964,
  /** DCE/RPC connectionless header ([C706] 12.5.1). */
  RPC_HEADER: 80,
  /** NDR header before the first block: five 32-bit words. */
  NDR_HEADER: 20,
  /** BlockHeader: type(2), length(2), version high, version low. */
  BLOCK_HEADER: 6,
  /** IODReadReq/IODWriteReq header block body after the BlockHeader (BlockLength 60). */
  RW_HEADER: 64,
  /** Record index of a multiple write ([61158-6-10] 5.2.5, index 0xE040). */
  MULTIPLE_WRITE: 0xe040,
  /** Nesting allowed inside MultipleBlockHeader and record data. */
  MAX_DEPTH: 4,
} as const;

/** DCE/RPC connectionless packet types ([C706] 12.5.2.x). */
export const RPC_PTYPES: ReadonlyMap<number, string> = new Map([
  [0, 'request'],
  [1, 'ping'],
  [2, 'response'],
  [3, 'fault'],
  [4, 'working'],
  [5, 'nocall'],
  [6, 'reject'],
  [7, 'ack'],
  [8, 'cl_cancel'],
  [9, 'fack'],
  [10, 'cancel_ack'],
]);
export const PT_REQUEST = 0;
export const PT_RESPONSE = 2;

/** flags1 bits ([C706] 12.5.3.1). */
export const RPC_FLAGS1: readonly (readonly [number, string])[] = [
  [0x02, 'last_frag'],
  [0x04, 'frag'],
  [0x08, 'no_fack'],
  [0x10, 'maybe'],
  [0x20, 'idempotent'],
  [0x40, 'broadcast'],
];

/** The interfaces PN-IO CM speaks, by the first 32 bits of the UUID ([61158-6-10] 4.10.3). */
export const PNIO_INTERFACES: ReadonlyMap<number, string> = new Map([
  [0xdea00001, 'pnio_device'],
  [0xdea00002, 'pnio_controller'],
  [0xdea00003, 'pnio_supervisor'],
  [0xdea00004, 'pnio_parameter_server'],
]);
/** Bytes 4-15 of every PNIO interface UUID (-6C97-11D1-8271-00A02442DF7D), in network order. */
export const PNIO_UUID_TAIL = [
  0x6c, 0x97, 0x11, 0xd1, 0x82, 0x71, 0x00, 0xa0, 0x24, 0x42, 0xdf, 0x7d,
] as const;

/** PNIO operations ([61158-6-10] 4.10.3.2). */
export const PNIO_OPS: ReadonlyMap<number, string> = new Map([
  [0, 'connect'],
  [1, 'release'],
  [2, 'read'],
  [3, 'write'],
  [4, 'control'],
  [5, 'read_implicit'],
]);
export const OP_RELEASE = 1;
export const OP_WRITE = 3;

/** Block types of PN-IO CM ([61158-6-10] 5.2.2 table "BlockType"; Wireshark's names). */
export const BLOCK_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0001, 'AlarmNotificationHigh'],
  [0x0002, 'AlarmNotificationLow'],
  [0x0008, 'IODWriteReqHeader'],
  [0x8008, 'IODWriteResHeader'],
  [0x0009, 'IODReadReqHeader'],
  [0x8009, 'IODReadResHeader'],
  [0x0010, 'DiagnosisData'],
  [0x0012, 'ExpectedIdentificationData'],
  [0x0013, 'RealIdentificationData'],
  [0x0014, 'SubstituteValue'],
  [0x0015, 'RecordInputDataObjectElement'],
  [0x0016, 'RecordOutputDataObjectElement'],
  [0x0018, 'ARData'],
  [0x0019, 'LogData'],
  [0x001a, 'APIData'],
  [0x001b, 'SRLData'],
  [0x0020, 'I&M0'],
  [0x0021, 'I&M1'],
  [0x0022, 'I&M2'],
  [0x0023, 'I&M3'],
  [0x0024, 'I&M4'],
  [0x0030, 'I&M0FilterDataSubmodul'],
  [0x0031, 'I&M0FilterDataModul'],
  [0x0032, 'I&M0FilterDataDevice'],
  [0x8001, 'AlarmAckHigh'],
  [0x8002, 'AlarmAckLow'],
  [0x0101, 'ARBlockReq'],
  [0x8101, 'ARBlockRes'],
  [0x0102, 'IOCRBlockReq'],
  [0x8102, 'IOCRBlockRes'],
  [0x0103, 'AlarmCRBlockReq'],
  [0x8103, 'AlarmCRBlockRes'],
  [0x0104, 'ExpectedSubmoduleBlockReq'],
  [0x8104, 'ModuleDiffBlock'],
  [0x0105, 'PrmServerBlockReq'],
  [0x8105, 'PrmServerBlockRes'],
  [0x0106, 'MCRBlockReq'],
  [0x8106, 'ARServerBlockRes'],
  [0x0107, 'SubFrameBlock'],
  [0x8107, 'ARRPCBlockRes'],
  [0x0108, 'ARVendorBlockReq'],
  [0x8108, 'ARVendorBlockRes'],
  [0x0109, 'IRInfoBlock'],
  [0x010a, 'SRInfoBlock'],
  [0x010b, 'ARFSUBlock'],
  [0x010c, 'RSInfoBlock'],
  [0x0110, 'IODControlReq PrmEnd'],
  [0x8110, 'IODControlRes PrmEnd'],
  [0x0111, 'IODControlReq PlugPrmEnd'],
  [0x8111, 'IODControlRes PlugPrmEnd'],
  [0x0112, 'IOXControlReq ApplicationReady'],
  [0x8112, 'IOXControlRes ApplicationReady'],
  [0x0113, 'IOXControlReq PlugApplicationReady'],
  [0x8113, 'IOXControlRes PlugApplicationReady'],
  [0x0114, 'IODReleaseReq'],
  [0x8114, 'IODReleaseRes'],
  [0x0116, 'IOXControlReq ReadyForCompanion'],
  [0x8116, 'IOXControlRes ReadyForCompanion'],
  [0x0117, 'IOXControlReq ReadyForRT_CLASS_3'],
  [0x8117, 'IOXControlRes ReadyForRT_CLASS_3'],
  [0x0118, 'PrmBeginReq'],
  [0x8118, 'PrmBeginRes'],
  [0x0119, 'SubmoduleListBlock'],
  [0x0200, 'PDPortDataCheck'],
  [0x0201, 'PDevData'],
  [0x0202, 'PDPortDataAdjust'],
  [0x0203, 'PDSyncData'],
  [0x0204, 'IsochronousModeData'],
  [0x0205, 'PDIRData'],
  [0x0206, 'PDIRGlobalData'],
  [0x0207, 'PDIRFrameData'],
  [0x0208, 'PDIRBeginEndData'],
  [0x0209, 'AdjustDomainBoundary'],
  [0x020a, 'CheckPeers'],
  [0x020b, 'CheckLineDelay'],
  [0x020c, 'CheckMAUType'],
  [0x020e, 'AdjustMAUType'],
  [0x020f, 'PDPortDataReal'],
  [0x0210, 'AdjustMulticastBoundary'],
  [0x0211, 'PDInterfaceMrpDataAdjust'],
  [0x0212, 'PDInterfaceMrpDataReal'],
  [0x0213, 'PDInterfaceMrpDataCheck'],
  [0x0214, 'PDPortMrpDataAdjust'],
  [0x0215, 'PDPortMrpDataReal'],
  [0x0216, 'MrpManagerParams'],
  [0x0217, 'MrpClientParams'],
  [0x0219, 'MrpRingStateData'],
  [0x021b, 'AdjustLinkState'],
  [0x021c, 'CheckLinkState'],
  [0x021e, 'CheckSyncDifference'],
  [0x021f, 'CheckMAUTypeDifference'],
  [0x0220, 'PDPortFODataReal'],
  [0x0222, 'PDPortFODataAdjust'],
  [0x0223, 'PDPortFODataCheck'],
  [0x0224, 'AdjustPeerToPeerBoundary'],
  [0x0225, 'AdjustDCPBoundary'],
  [0x0226, 'AdjustPreambleLength'],
  [0x0228, 'PDPortFODataRealDiagnosis'],
  [0x022a, 'PDIRSubframeData'],
  [0x022b, 'SubframeBlock'],
  [0x022c, 'PDPortDataRealExtended'],
  [0x022d, 'PDTimeData'],
  [0x0230, 'PDNCDataCheck'],
  [0x0231, 'MrpInstanceDataAdjust'],
  [0x0232, 'MrpInstanceDataReal'],
  [0x0233, 'MrpInstanceDataCheck'],
  [0x0240, 'PDInterfaceDataReal'],
  [0x0250, 'PDInterfaceAdjust'],
  [0x0251, 'PDPortStatistic'],
  [0x0400, 'MultipleBlockHeader'],
  [0x0401, 'COContainerContent'],
  [0x0500, 'RecordDataReadQuery'],
  [0x0600, 'FSHelloBlock'],
  [0x0601, 'FSParameterBlock'],
  [0x0602, 'FastStartUpBlock'],
  [0x0608, 'PDInterfaceFSUDataAdjust'],
  [0x0609, 'ARFSUDataAdjust'],
  [0x0700, 'AutoConfiguration'],
  [0x0810, 'PE_EntityFilterData'],
  [0x0811, 'PE_EntityStatusData'],
  [0x0f00, 'MaintenanceItem'],
  [0x0f01, 'UploadSelectedRecords'],
  [0x0f02, 'iParameterItem'],
  [0x0f03, 'RetrieveSelectedRecords'],
  [0x0f04, 'RetrieveAllRecords'],
]);

/** Block types whose body is an IOD control block ([61158-6-10] 5.2.4). */
export function isControlBlock(type: number): boolean {
  const t = type & 0x7fff;
  return t >= 0x0110 && t <= 0x0118 && t !== 0x0115;
}
export const BT_WRITE_REQ = 0x0008;
export const BT_WRITE_RES = 0x8008;
export const BT_READ_REQ = 0x0009;
export const BT_READ_RES = 0x8009;
export const BT_AR_REQ = 0x0101;
export const BT_AR_RES = 0x8101;
export const BT_IOCR_REQ = 0x0102;
export const BT_IOCR_RES = 0x8102;
export const BT_MULTIPLE = 0x0400;

/** ControlCommand bits ([61158-6-10] 5.2.4.x). */
export const CONTROL_COMMANDS: readonly (readonly [number, string])[] = [
  [0x0001, 'prm_end'],
  [0x0002, 'application_ready'],
  [0x0004, 'release'],
  [0x0008, 'done'],
  [0x0010, 'ready_for_companion'],
  [0x0020, 'ready_for_rt_class_3'],
  [0x0040, 'prm_begin'],
];
export const CC_RELEASE = 0x0004;

/** ARType ([61158-6-10] 5.2.x). */
export const AR_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0001, 'io_controller_ar'],
  [0x0003, 'io_controller_ar_cir'],
  [0x0006, 'io_supervisor_ar'],
  [0x0010, 'io_controller_ar_rt_class_3'],
  [0x0020, 'io_controller_ar_sysred'],
]);

/** IOCRType ([61158-6-10] 5.2.x). */
export const IOCR_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'input'],
  [2, 'output'],
  [3, 'multicast_provider'],
  [4, 'multicast_consumer'],
]);

/** PNIOStatus.ErrorCode ([61158-6-10] 5.2.6). */
export const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [0x00, 'ok'],
  [0x81, 'pnio'],
  [0xcf, 'rta_error'],
  [0xda, 'alarm_ack'],
  [0xdb, 'iod_connect_res'],
  [0xdc, 'iod_release_res'],
  [0xdd, 'iod_control_res'],
  [0xde, 'iod_read_res'],
  [0xdf, 'iod_write_res'],
]);

/** PNIOStatus.ErrorDecode ([61158-6-10] 5.2.6). */
export const ERROR_DECODES: ReadonlyMap<number, string> = new Map([
  [0x00, 'ok'],
  [0x80, 'pniorw'],
  [0x81, 'pnio'],
  [0x82, 'manufacturer_specific'],
]);

/** ErrorCode1 of ErrorDecode PNIORW: error class (high nibble) and code ([61158-6-10] 5.2.6). */
export const PNIORW_ERRORS: ReadonlyMap<number, string> = new Map([
  [0xa0, 'application_read_error'],
  [0xa1, 'application_write_error'],
  [0xa2, 'application_module_failure'],
  [0xa7, 'application_busy'],
  [0xa8, 'application_version_conflict'],
  [0xa9, 'application_feature_not_supported'],
  [0xb0, 'access_invalid_index'],
  [0xb1, 'access_write_length_error'],
  [0xb2, 'access_invalid_slot_subslot'],
  [0xb3, 'access_type_conflict'],
  [0xb4, 'access_invalid_area_api'],
  [0xb5, 'access_state_conflict'],
  [0xb6, 'access_denied'],
  [0xb7, 'access_invalid_range'],
  [0xb8, 'access_invalid_parameter'],
  [0xb9, 'access_invalid_type'],
  [0xba, 'access_backup'],
  [0xc0, 'resource_read_constrain_conflict'],
  [0xc1, 'resource_write_constrain_conflict'],
  [0xc2, 'resource_busy'],
  [0xc3, 'resource_unavailable'],
]);
const PNIORW = 0x80;

/**
 * A PNIOStatus by name: `ok`, or `<error_code>/<error_decode>/<code1>/<code2>` with ErrorCode1
 * named for PNIORW errors (`iod_write_res/pniorw/access_denied/0`).
 */
export function pnioStatusName(b0: number, b1: number, b2: number, b3: number): string {
  if ((b0 | b1 | b2 | b3) === 0) return 'ok';
  const code = ERROR_CODES.get(b0) ?? `0x${b0.toString(16)}`;
  const decode = ERROR_DECODES.get(b1) ?? `0x${b1.toString(16)}`;
  const c1 = b1 === PNIORW ? (PNIORW_ERRORS.get(b2) ?? `${b2}`) : `${b2}`;
  return `${code}/${decode}/${c1}/${b3}`;
}

/** Record indexes with a name ([61158-6-10] 5.2.5 index table). */
export const RECORD_INDEXES: ReadonlyMap<number, string> = new Map([
  [0x8028, 'RecordInputDataObjectElement'],
  [0x8029, 'RecordOutputDataObjectElement'],
  [0x802b, 'PDPortDataCheck'],
  [0x802f, 'PDPortDataAdjust'],
  [0x8052, 'PDInterfaceMrpDataAdjust'],
  [0x8053, 'PDPortMrpDataAdjust'],
  [0x8060, 'PDPortFODataReal'],
  [0x8070, 'PDNCDataCheck'],
  [0x8071, 'PDInterfaceAdjust'],
  [0xaff0, 'I&M0'],
  [0xaff1, 'I&M1'],
  [0xaff2, 'I&M2'],
  [0xaff3, 'I&M3'],
  [0xaff4, 'I&M4'],
  [0xe040, 'MultipleWrite'],
  [0xf000, 'RealIdentificationData'],
  [0xf80c, 'Diagnosis'],
  [0xf820, 'ARData'],
  [0xf821, 'APIData'],
  [0xf830, 'LogData'],
  [0xf831, 'PDevData'],
  [0xf840, 'I&M0FilterData'],
  [0xf841, 'PDRealData'],
  [0xf842, 'PDExpectedData'],
]);
