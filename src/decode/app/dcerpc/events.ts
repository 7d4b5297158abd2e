/**
 * DCE/RPC connection-oriented events: one per PDU, over TCP (`proto: dcerpc`) or inside an SMB
 * named pipe (the `dcerpc` object of an SMB event, built by the same code: `pipe.ts`).
 *
 * Every event carries the `dcerpc` object below; the fields a packet type does not have are
 * absent. Nothing secret is copied: the NTLMSSP user, domain and workstation names are, the
 * challenge responses and session keys are not.
 *
 * References: [C706] 12.6 (PDUs), 13.2.6 (sec_trailer), [MS-RPCE] 2.2.2; see constants.ts.
 */

/** Event kinds, one per connection-oriented packet type. */
export const DCERPC_EVENT_KINDS = [
  'dcerpc.request',
  'dcerpc.response',
  'dcerpc.fault',
  'dcerpc.bind',
  'dcerpc.bind_ack',
  'dcerpc.bind_nak',
  'dcerpc.alter_context',
  'dcerpc.alter_context_resp',
  'dcerpc.auth3',
  'dcerpc.shutdown',
  'dcerpc.co_cancel',
  'dcerpc.orphaned',
] as const;

/** A DCE/RPC event kind. */
export type DcerpcEventKind = (typeof DCERPC_EVENT_KINDS)[number];

/** One presentation context proposed by a bind or alter_context ([C706] 12.6.3.1 p_cont_elem_t). */
export interface DcerpcContext {
  /** Presentation context id the requests will name. */
  readonly context_id: number;
  /** Abstract syntax: the interface UUID, lower case. */
  readonly interface_uuid: string;
  /** Interface version, `major.minor`. */
  readonly interface_version: string;
  /** Interface name (`svcctl`, `drsuapi`, `IWbemServices`...), absent when unknown. */
  readonly interface_name?: string;
  /** Transfer syntax UUIDs proposed, in order. */
  readonly transfer_syntaxes: string[];
  /** Their names: `ndr`, `ndr64`, `bind_time_feature_negotiation`, or `unknown`. */
  readonly transfer_syntax_names: string[];
}

/** One context result of a bind_ack or alter_context_resp ([MS-RPCE] 2.2.2.14). */
export interface DcerpcResult {
  /** 0 acceptance, 1 user rejection, 2 provider rejection, 3 negotiate ack. */
  readonly result: number;
  /** `acceptance`, `user_rejection`, `provider_rejection`, `negotiate_ack`. */
  readonly result_name: string;
  /** Provider reason (rejections), or the bind time feature bits of a negotiate ack. */
  readonly reason: number;
  /** Transfer syntax accepted (all zeros when rejected). */
  readonly transfer_syntax: string;
  /** Context id of the proposal this result answers (by position in the bind), when seen. */
  readonly context_id?: number;
  /** Interface of that proposal, when known. */
  readonly interface_name?: string;
}

/** One endpoint of an ept_map response: a protocol tower ([C706] Appendix I). */
export interface DcerpcTower {
  /** Interface UUID of floor 1. */
  readonly interface_uuid: string;
  /** Interface name, when known. */
  readonly interface_name?: string;
  /** Protocol sequence: `ncacn_ip_tcp`, `ncadg_ip_udp`, `ncacn_np`, `ncacn_http`, `ncalrpc`. */
  readonly protseq: string;
  /** TCP, UDP or HTTP port (floor 4). */
  readonly port?: number;
  /** IPv4 address (floor 5), dotted. */
  readonly ip?: string;
  /** Named pipe (`\PIPE\lsass`) or local RPC endpoint name. */
  readonly endpoint?: string;
  /** NetBIOS host name of an ncacn_np tower. */
  readonly host?: string;
}

/** The `dcerpc` object of every DCE/RPC event. Field names are the public schema. */
export interface DcerpcFields {
  /** rpc_vers_minor: 0 or 1 (rpc_vers is always 5). */
  version_minor: number;
  /** PTYPE: 0 request, 2 response, 3 fault, 11 bind, 12 bind_ack, 13 bind_nak, 14-19. */
  packet_type: number;
  /** Packet type name: `request`, `bind_ack`, `auth3`... */
  packet_type_name: string;
  /** pfc_flags ([C706] 12.6.3.1): 0x01 first fragment, 0x02 last fragment, 0x80 object UUID. */
  flags: number;
  /** PFC_FIRST_FRAG. */
  first_frag: boolean;
  /** PFC_LAST_FRAG. */
  last_frag: boolean;
  /** packed_drep: integers little-endian (the usual case) rather than big-endian. */
  little_endian: boolean;
  /** frag_length: bytes of this PDU, header included. */
  frag_length: number;
  /** auth_length: bytes of the auth_value after the sec_trailer. */
  auth_length: number;
  /** call_id: pairs a request with its response, a bind with its ack. */
  call_id: number;
  /** bind, bind_ack, alter_context(_resp): largest fragment the sender transmits. */
  max_xmit_frag?: number;
  /** bind, bind_ack, alter_context(_resp): largest fragment the sender receives. */
  max_recv_frag?: number;
  /** bind, bind_ack, alter_context(_resp): association group id. */
  assoc_group_id?: number;
  /** bind, alter_context: the proposed presentation contexts (at most maxObjectsPerMessage). */
  contexts?: DcerpcContext[];
  /** bind, alter_context: bind time feature bits proposed ([MS-RPCE] 3.3.1.5.3). */
  bind_time_features?: number;
  /** bind, alter_context, request, response, fault: interface UUID(s) concerned. */
  interface_uuid?: string;
  /** Interface name of the call or of the first context of a bind. */
  interface_name?: string;
  /**
   * request, response, fault: the interface was inferred, not bound. The association showed no
   * bind (the capture began after it) and the interface comes from exact evidence: the
   * request's verification trailer ([MS-RPCE] 2.2.2.13) or the one candidate call whose NDR
   * layout the stub fits (infer.ts). Later calls on the same context, and their responses, are
   * marked too. Absent when the context was bound in the capture.
   */
  interface_inferred?: boolean;
  /** bind_ack: secondary address (the server's port, `49668`, or pipe, `\PIPE\lsass`). */
  secondary_address?: string;
  /** bind_ack, alter_context_resp: one result per proposed context. */
  results?: DcerpcResult[];
  /** bind_nak: provider reject reason ([C706] 12.6.3.1 p_reject_reason_t). */
  reject_reason?: number;
  /** bind_nak: reject reason name (`protocol_version_not_supported`...). */
  reject_reason_name?: string;
  /** request, response, fault: alloc_hint (the whole stub's size as the sender announces it). */
  alloc_hint?: number;
  /** request, response, fault: presentation context id. */
  context_id?: number;
  /** request (and response/fault by call id): operation number within the interface. */
  opnum?: number;
  /** Operation name from the interface's IDL (`RCreateServiceW`, `IDL_DRSGetNCChanges`). */
  operation?: string;
  /** request with PFC_OBJECT_UUID: the object UUID (a DCOM IPID). */
  object_uuid?: string;
  /** request, response, fault: stub data bytes in this fragment (after padding and trailer). */
  stub_length?: number;
  /** The stub is encrypted (auth level packet privacy): its content cannot be read. */
  stub_encrypted?: boolean;
  /** Last fragment of a fragmented call: fragments and total stub bytes of the call. */
  fragment_count?: number;
  /** Last fragment of a fragmented call: stub bytes of all its fragments. */
  reassembled_length?: number;
  /** response, fault: cancel_count. */
  cancel_count?: number;
  /** fault: status code ([C706] Appendix E, Win32 or HRESULT). */
  status?: number;
  /** fault: status name (`nca_s_fault_access_denied`, `nca_op_rng_error`...), absent if unknown. */
  status_name?: string;
  /** sec_trailer: auth_type (9 SPNEGO, 10 NTLMSSP, 16 Kerberos, 68 Netlogon secure channel). */
  auth_type?: number;
  /** Security provider name: `ntlmssp`, `spnego`, `kerberos`, `netlogon`, `schannel`... */
  auth_type_name?: string;
  /** sec_trailer: auth_level (1 none ... 5 packet integrity, 6 packet privacy). */
  auth_level?: number;
  /** Level name: `none`, `connect`, `call`, `packet`, `packet_integrity`, `packet_privacy`. */
  auth_level_name?: string;
  /** sec_trailer: auth_context_id. */
  auth_context_id?: number;
  /** epmapper ept_map request: the interface whose endpoint is asked for. */
  epm_interface_uuid?: string;
  /** epmapper ept_map request: its name, when known. */
  epm_interface_name?: string;
  /**
   * epmapper ept_map / ept_lookup response: the endpoints returned (at most maxObjectsPerMessage); request: the
   * tower asked for (its port and address are usually 0).
   */
  epm_towers?: DcerpcTower[];
  /** epmapper ept_map response: status (0 ok, 0x16c9a0d6 ept_s_not_registered). */
  epm_status?: number;
  /** svcctl RCreateServiceW(OW64W), ROpenServiceW: the service name. */
  service_name?: string;
  /** svcctl RCreateServiceW(OW64W): the display name. */
  service_display_name?: string;
  /** svcctl RCreateServiceW(OW64W), RChangeServiceConfigW: start type (2 auto, 3 demand...). */
  service_start_type?: number;
  /** svcctl RCreateServiceW(OW64W), RChangeServiceConfigW: the command line the service runs. */
  binary_path?: string;
  /** atsvc NetrJobAdd: the command of the AT job. */
  job_command?: string;
  /** ITaskSchedulerService SchRpcRegisterTask: the task path (`\\Microsoft\\...`). */
  task_path?: string;
  /** ITaskSchedulerService SchRpcRegisterTask: the `<Command>` of the task XML. */
  task_command?: string;
  /** IRemoteSCMActivator RemoteGetClassObject / RemoteCreateInstance: CLSID of the class activated. */
  dcom_clsid?: string;
  /** Name of that class when it is one lateral movement uses (`MMC20.Application`, `ShellWindows`...). */
  dcom_class_name?: string;
  /** IDispatch GetIDsOfNames: the member names asked for (`Document`, `ExecuteShellCommand`). */
  dispatch_names?: string[];
  /** lsarpc LsarRetrievePrivateData: the secret's key name (`G$BCKUPKEY_PREFERRED`). */
  lsa_secret_name?: string;
  /** winreg BaseRegOpenKey, BaseRegCreateKey: the subkey name. */
  registry_key?: string;
  /** winreg BaseRegQueryValue, BaseRegSetValue: the value name. */
  registry_value?: string;
  /** netlogon NetrServerReqChallenge / NetrServerAuthenticate*: the computer name. */
  netlogon_computer?: string;
  /** netlogon NetrServerAuthenticate*: the account name (`DC01$`). */
  netlogon_account?: string;
  /** netlogon: the client challenge or credential is all zeros (Zerologon, CVE-2020-1472). */
  netlogon_zero_credential?: boolean;
  /** NetrServerAuthenticate2/3: negotiate flags the client asks for. */
  netlogon_negotiate_flags?: number;
}

/**
 * The `dcerpc` layer object: what `dcerpcPipeMessage` returns for a named-pipe payload and what
 * every TCP event carries.
 */
export type DcerpcLayer = DcerpcFields;

/** A DCE/RPC event. */
export type DcerpcEvent = {
  readonly kind: DcerpcEventKind;
  readonly dcerpc: DcerpcFields;
};
