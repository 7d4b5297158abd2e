/**
 * What a PDU does to the device it is sent to, in the classes an OT engineer reasons with and
 * a site model's conduits allow or forbid (IEC 62443-3-3 SR 5.2 zone boundary protection
 * with per-protocol rules):
 *
 * - `read`: reads process values or configuration (Modbus 1-4, S7 Read Var, CIP Get
 *   Attribute, DNP3 Read, IEC 104 interrogation, BACnet ReadProperty, OPC UA Read).
 * - `write`: changes process values or parameters (Modbus 5/6/15/16, S7 Write Var, Logix tag
 *   writes, BACnet WriteProperty, IEC 104 set-points, OPC UA Write, MQTT PUBLISH).
 * - `control`: commands the process or the device's state (DNP3 operate, IEC 104 commands,
 *   PLC run/stop, restarts, BACnet DeviceCommunicationControl, OPC UA Call, clock setting).
 * - `program`: moves logic or firmware (S7 download/upload, MMS domain load/store, FINS
 *   program area access).
 * - `discovery`: asks what a device is (ListIdentity, Modbus 43/14, S7 SZL, Who-Is, DCP
 *   Identify, GetEndpoints, MMS GetNameList/Identify).
 * - `diagnostic`: tests links and counters (Modbus 8, DNP3 delay measurement, IEC 104 test).
 * - `file`: file transfer services (DNP3 file, MMS file, BACnet AtomicRead/WriteFile).
 * - `report`: data a device sends on its own (GOOSE, IEC 104 spontaneous data, DNP3
 *   unsolicited responses, BACnet notifications, synchrophasor data).
 *
 * `null` means the PDU is session or framing housekeeping (a TCP-level keep-alive, a session
 * setup, an acknowledgement) or a response: responses belong to their request's operation.
 */
import type { AppEvent } from '../decode/decoder.js';

export const OPERATION_CLASSES = [
  'read',
  'write',
  'control',
  'program',
  'discovery',
  'diagnostic',
  'file',
  'report',
] as const;

export type OperationClass = (typeof OPERATION_CLASSES)[number];

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null ? (v as Obj) : undefined;
}

/** Modbus function codes ([AP] 6). */
function modbus(e: AppEvent): OperationClass | null {
  if (e.kind !== 'modbus.request') return null;
  const m = obj(e.modbus);
  const fc = m?.function_code;
  switch (fc) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 20:
    case 24:
      return 'read';
    case 5:
    case 6:
    case 15:
    case 16:
    case 21:
    case 22:
    case 23:
      return 'write';
    case 7:
    case 11:
    case 12:
      return 'diagnostic';
    case 8:
      // Sub-function 4 forces the server into listen-only mode: it stops answering.
      return m?.sub_function === 4 || m?.sub_function === 1 ? 'control' : 'diagnostic';
    case 17:
      return 'discovery';
    case 43:
      return m?.mei_type === 14 ? 'discovery' : 'read';
    default:
      return null;
  }
}

/** S7comm job functions and userdata groups ([S7] ROSCTR 1 and 7). */
function s7comm(e: AppEvent): OperationClass | null {
  const s = obj(e.s7comm);
  if (!s) return null;
  if (e.kind === 's7comm.job') {
    switch (s.function_code) {
      case 0x04:
        return 'read';
      case 0x05:
        return 'write';
      case 0x1a:
      case 0x1b:
      case 0x1c:
      case 0x1d:
      case 0x1e:
      case 0x1f:
        return 'program';
      case 0x28:
      case 0x29:
        return 'control';
      default:
        return null;
    }
  }
  if (e.kind === 's7comm.userdata' && s.ud_type_name === 'request') {
    switch (s.function_group) {
      case 1: // programmer commands: variable tables, forcing, debugging
        return 'diagnostic';
      case 2: // cyclic data
        return 'read';
      case 3: // block functions: list blocks, block info
      case 4: // CPU functions: SZL reads, messages
        return 'discovery';
      case 5: // security: passwords
        return 'control';
      case 7: // time functions
        return typeof s.subfunction_name === 'string' && s.subfunction_name.startsWith('set')
          ? 'control'
          : 'read';
      default:
        return null;
    }
  }
  return null;
}

/** CIP services (Vol. 1 appendix A) and EtherNet/IP list commands. */
function enip(e: AppEvent): OperationClass | null {
  const en = obj(e.enip);
  if (e.kind === 'enip.request' && en) {
    const cmd = en.command_name;
    if (cmd === 'list_identity' || cmd === 'list_services' || cmd === 'list_interfaces') {
      return 'discovery';
    }
  }
  const cip = obj(e.cip);
  if (!cip || cip.is_response === true) return null;
  const cls = cip.class_name;
  switch (cip.service_name) {
    case 'get_attributes_all':
      return cls === 'identity' ? 'discovery' : 'read';
    case 'get_attribute_list':
    case 'get_attribute_single':
    case 'get_member':
    case 'read_tag':
    case 'read_tag_fragmented':
    case 'get_instance_attribute_list':
    case 'find_next_object_instance':
      return 'read';
    case 'set_attributes_all':
    case 'set_attribute_list':
    case 'set_attribute_single':
    case 'set_member':
    case 'insert_member':
    case 'remove_member':
    case 'write_tag':
    case 'write_tag_fragmented':
    case 'read_modify_write_tag':
    case 'apply_attributes':
    case 'create':
    case 'delete':
      return 'write';
    case 'reset':
    case 'start':
    case 'stop':
      return 'control';
    case 'save':
    case 'restore':
      return 'program';
    case 'execute_pccc':
    case 'execute_dh_plus':
    case 'execute_local_pccc':
      return 'write';
    default:
      return null;
  }
}

/** DNP3 application function codes ([1815] table 4-1). */
function dnp3(e: AppEvent): OperationClass | null {
  if (e.kind === 'dnp3.unsolicited_response') return 'report';
  if (e.kind !== 'dnp3.request') return null;
  const fc = obj(e.dnp3)?.function_code;
  if (typeof fc !== 'number') return null;
  if (fc === 1) return 'read';
  if (fc === 2 || fc === 22) return 'write';
  if (fc >= 3 && fc <= 21) return 'control';
  if (fc === 23) return 'diagnostic';
  if (fc === 24) return 'control';
  if (fc >= 25 && fc <= 30) return 'file';
  return null;
}

/** IEC 60870-5-104 type identifications ([101] 7.2.1.1). */
function iec104(e: AppEvent): OperationClass | null {
  const t = obj(e.iec104)?.type_id;
  if (typeof t !== 'number') return null;
  if (e.kind === 'iec104.monitor') return 'report';
  if (t >= 45 && t <= 47) return 'control';
  if (t >= 48 && t <= 51) return 'write';
  if (t >= 58 && t <= 60) return 'control';
  if (t >= 61 && t <= 64) return 'write';
  if (t === 100 || t === 101 || t === 102) return 'read';
  if (t === 103 || t === 105) return 'control';
  if (t === 104 || t === 106 || t === 107) return 'diagnostic';
  if (t >= 110 && t <= 113) return 'write';
  if (t >= 120 && t <= 127) return 'file';
  return null;
}

const BACNET: Readonly<Record<string, OperationClass>> = {
  'read-property': 'read',
  'read-property-multiple': 'read',
  'read-range': 'read',
  'subscribe-cov': 'read',
  'subscribe-cov-property': 'read',
  'write-property': 'write',
  'write-property-multiple': 'write',
  'create-object': 'write',
  'delete-object': 'write',
  'add-list-element': 'write',
  'remove-list-element': 'write',
  'who-is': 'discovery',
  'who-has': 'discovery',
  'i-am': 'discovery',
  'i-have': 'discovery',
  'device-communication-control': 'control',
  'reinitialize-device': 'control',
  'time-synchronization': 'control',
  'utc-time-synchronization': 'control',
  'acknowledge-alarm': 'control',
  'atomic-read-file': 'file',
  'atomic-write-file': 'file',
  'confirmed-cov-notification': 'report',
  'unconfirmed-cov-notification': 'report',
  'confirmed-event-notification': 'report',
  'unconfirmed-event-notification': 'report',
};

/** BACnet services ([135] clauses 13-17); confirmed requests and unconfirmed services only. */
function bacnet(e: AppEvent): OperationClass | null {
  const b = obj(e.bacnet);
  if (!b || (b.pdu_type !== 0 && b.pdu_type !== 1)) return null;
  return typeof b.service === 'string' ? (BACNET[b.service] ?? null) : null;
}

/** OPC UA services ([P4] 5), requests only. */
function opcua(e: AppEvent): OperationClass | null {
  const name = obj(e.opcua)?.service_name;
  if (typeof name !== 'string' || !name.endsWith('Request')) return null;
  const s = name.slice(0, -'Request'.length);
  if (s === 'Read' || s === 'HistoryRead' || s === 'CreateMonitoredItems') return 'read';
  if (
    s === 'Write' ||
    s === 'HistoryUpdate' ||
    s.startsWith('AddNodes') ||
    s.startsWith('DeleteNodes')
  )
    return 'write';
  if (s === 'Call') return 'control';
  if (
    s === 'GetEndpoints' ||
    s === 'FindServers' ||
    s === 'FindServersOnNetwork' ||
    s.startsWith('Browse')
  )
    return 'discovery';
  return null;
}

/** A decoder's snake_case operation name, classified by the words it holds. */
function byName(name: unknown): OperationClass | null {
  if (typeof name !== 'string') return null;
  if (/download|upload|program|load_domain|store_domain|firmware/.test(name)) return 'program';
  if (/file/.test(name)) return 'file';
  if (/write|fill|set_|transfer/.test(name)) return 'write';
  if (/read|get_/.test(name)) return 'read';
  if (/run|stop|start|reset|restart|resume|kill|control|operate|command|clock_write/.test(name))
    return 'control';
  if (/identify|name_list|attributes|status|list_|who_/.test(name)) return 'discovery';
  if (/test|echo|loopback|diagnos/.test(name)) return 'diagnostic';
  return null;
}

/** MMS services ([9506-2] 7), requests only. */
function mms(e: AppEvent): OperationClass | null {
  const m = obj(e.mms);
  if (!m) return null;
  if (typeof m.unconfirmed_service_name === 'string') return 'report';
  if (m.pdu !== 'confirmed_request' || typeof m.service_name !== 'string') return null;
  const name = m.service_name;
  if (/^(get_name_list|identify|status|get_.*attributes)$/.test(name)) return 'discovery';
  return byName(name);
}

/** FINS command codes ([W342] 5), commands only. */
function fins(e: AppEvent): OperationClass | null {
  const f = obj(e.fins);
  if (!f || e.kind !== 'fins.request') return null;
  const name = f.command_name;
  if (typeof name === 'string' && name.startsWith('program_area')) return 'program';
  return byName(name);
}

function profinet(e: AppEvent): OperationClass | null {
  const p = obj(e.profinet);
  if (!p || e.kind !== 'profinet.dcp') return null;
  if (p.service === 'set') return p.service_type === 0 ? 'write' : null;
  if (p.service === 'identify' || p.service === 'hello') return 'discovery';
  if (p.service === 'get') return 'read';
  return null;
}

function mqtt(e: AppEvent): OperationClass | null {
  const t = obj(e.mqtt)?.msg_type_name;
  if (t === 'publish') return 'write';
  if (t === 'subscribe') return 'read';
  return null;
}

function c37118(e: AppEvent): OperationClass | null {
  const c = obj(e.c37118);
  if (!c) return null;
  if (c.frame_type === 0) return 'report';
  if (c.frame_type === 4) return 'control';
  return null;
}

const BY_PROTO: Readonly<Record<string, (e: AppEvent) => OperationClass | null>> = {
  bacnet,
  c37118,
  dnp3,
  enip,
  fins,
  goose: () => 'report',
  iec104,
  mms,
  modbus,
  mqtt,
  opcua,
  profinet,
  s7comm,
  sv: () => 'report',
};

/** The operation class of an event of decoder `proto`, or null (see the module comment). */
export function operationOf(proto: string, event: AppEvent): OperationClass | null {
  const f = BY_PROTO[proto];
  if (f === undefined || event.kind === 'anomaly') return null;
  return f(event);
}
