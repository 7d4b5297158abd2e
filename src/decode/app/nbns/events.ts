/**
 * NBNS events: `nbns.request` (queries, registrations, releases, refreshes) and `nbns.response`
 * (answers, WACK, negative responses, node status). Every event carries the `nbns` object below;
 * fields a message does not have are absent. References: see constants.ts.
 */

/** Event kinds. */
export const NBNS_EVENT_KINDS = ['nbns.request', 'nbns.response'] as const;

/** An NBNS event kind. */
export type NbnsEventKind = (typeof NBNS_EVENT_KINDS)[number];

/** A NetBIOS name as carried. */
export interface NbnsName {
  /** Display form as Wireshark shows it: `WORKGROUP<1e>`, `HOST<20>.scope`. */
  name: string;
  /** The 15-character name, trailing spaces removed, non-printables as `<xx>`. */
  netbios_name: string;
  /** The 16th byte and the service it names (`workstation`, `server`, `domain_controllers`...). */
  suffix: number;
  suffix_name: string;
  /** NetBIOS scope id, when the name has one. */
  scope?: string;
}

/** A question entry. */
export interface NbnsQuestion extends NbnsName {
  /** Question type (32 NB, 33 NBSTAT) and its name. */
  type: number;
  type_name: string;
}

/** One address entry of an NB record ([RFC1002] 4.2.2 NB_FLAGS + NB_ADDRESS). */
export interface NbnsAddress {
  /** IPv4 address the name maps to (the owner of a registration). */
  address: string;
  /** Group name (true) or unique name (false). */
  group: boolean;
  /** Owner node type: B, P, M or H. */
  node_type: string;
}

/** One entry of a node status name table ([RFC1002] 4.2.18). */
export interface NbnsStatusName extends NbnsName {
  /** Group name (true) or unique name (false). */
  group: boolean;
  /** Owner node type: B, P, M or H. */
  node_type: string;
  /** NAME_FLAGS bits: being deregistered, in conflict, active, permanent. */
  deregistering: boolean;
  conflict: boolean;
  active: boolean;
  permanent: boolean;
}

/** A resource record. */
export interface NbnsRecord extends NbnsName {
  /** Section it came from. */
  section: 'answer' | 'authority' | 'additional';
  /** RR type (1 A, 2 NS, 10 NULL, 32 NB, 33 NBSTAT) and its name. */
  type: number;
  type_name: string;
  /** Time to live, seconds. */
  ttl: number;
  /** NB records: the address entries (a group or multi-homed name has several). */
  addresses?: NbnsAddress[];
  /** NBSTAT records: the name table of the responding node (bounded). */
  node_names?: NbnsStatusName[];
  /** NBSTAT records: names the table holds beyond those listed. */
  node_names_omitted?: number;
  /** NBSTAT records: the unit id, the MAC address of the responding adapter (`00:50:56:...`). */
  unit_id?: string;
  /** WACK records: the echoed header flags word. */
  wack_flags?: number;
  /** A (redirect) records: the name server address; NS records: its domain name. */
  redirect?: string;
}

/** The `nbns` object of every NBNS event. Field names are the public schema. */
export interface NbnsFields {
  /** NAME_TRN_ID. */
  transaction_id: number;
  /** Response bit. */
  response: boolean;
  /** OPCODE and its name (`query`, `registration`, `release`, `wack`, `refresh`, ...). */
  opcode: number;
  opcode_name: string;
  /** NM_FLAGS: authoritative answer, truncation, recursion desired and available, broadcast. */
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  broadcast: boolean;
  /** RCODE and its name (`no_error`, `nam_err`, `act_err`, `cft_err`, ...). */
  rcode: number;
  rcode_name: string;
  /** Section counts as carried. */
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
  /** The first question's name fields, for convenience (absent without a question). */
  name?: string;
  netbios_name?: string;
  suffix?: number;
  suffix_name?: string;
  /** Questions (bounded). */
  questions: NbnsQuestion[];
  /** Answer, authority and additional records (bounded). */
  records: NbnsRecord[];
  /** Records beyond the bound, counted, not listed. */
  records_omitted?: number;
}
