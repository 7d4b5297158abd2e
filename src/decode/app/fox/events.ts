/**
 * Niagara Fox events: one per Fox message (header line, optional body, `;;`).
 *
 * Every event carries the `fox` object below; fields a message does not have are absent.
 * Credentials are never copied: an authentication message says whether a user name and a
 * secret are present, with the user name masked. References: [NMAP], [REDPOINT] (constants.ts).
 */

/** Event kinds. */
export const FOX_EVENT_KINDS = ['fox.message'] as const;

/** A Fox event kind. */
export type FoxEventKind = (typeof FOX_EVENT_KINDS)[number];

/** The `fox` object of every Fox event. Field names are the public schema. */
export interface FoxFields {
  /** Header message type letter (`a`, `r`, `s`...). */
  message_type: string;
  /** Name of `message_type` (`async`, `request`, `response`, `error`, or `unknown`). */
  message_type_name: string;
  /** Header message number. */
  number: number;
  /** Header number of the message answered (-1: none). */
  reply_to: number;
  /** Channel (`fox` for the session, others for station services). */
  channel: string;
  /** Command (`hello`, `challenge`, `authenticate`...). */
  command: string;
  /** Body lines (`key=type:value`). */
  field_count: number;
  /** Hello: Fox protocol version. */
  fox_version?: string;
  /** Hello: message id. */
  id?: string;
  /** Hello: host name of the sender. */
  host_name?: string;
  /** Hello: host address the sender reports. */
  host_address?: string;
  /** Hello: application (`Station`, `Workbench`...). */
  app_name?: string;
  /** Hello: application (Niagara) version. */
  app_version?: string;
  /** Hello: Java VM name. */
  vm_name?: string;
  /** Hello: Java VM version. */
  vm_version?: string;
  /** Hello: operating system. */
  os_name?: string;
  /** Hello: operating system version. */
  os_version?: string;
  /** Hello from a station: station name. */
  station_name?: string;
  /** Hello: language. */
  lang?: string;
  /** Hello: time zone (id and rules). */
  time_zone?: string;
  /** Hello: host id (`Qnx-NPM6-...`, `Win-...`). */
  host_id?: string;
  /** Hello: VM UUID. */
  vm_uuid?: string;
  /** Hello: brand (`vykon`, OEM brands). */
  brand_id?: string;
  /** Hello: authentication agent types the station accepts. */
  auth_agent_types?: string;
  /** Challenge: authentication method (`digest-md5`, ...). */
  auth_method?: string;
  /** Authentication: a user name is present. */
  user_name_present?: boolean;
  /** Authentication: the user name, masked (first character, then `***`). */
  user_name_masked?: string;
  /** Authentication: a password, digest response or token is present (never copied). */
  secret_present?: boolean;
}

/** A Fox event. */
export type FoxEvent = {
  readonly kind: FoxEventKind;
  readonly fox: FoxFields;
};
