/**
 * The MQTT decoder descriptor (3.1, 3.1.1 and 5.0): registered in `decode/registry.ts`, run over
 * TCP port 1883 first and recognised on any port by its probe (8883 is MQTT over TLS and is
 * not decoded). The parser lives in `mqtt.ts`, the code tables in `constants.ts`, the event
 * types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { MQTT } from './constants.js';
import { MQTT_EVENT_KINDS } from './events.js';
import { createMqttState, onMqttGap, parseMqtt, probeMqtt } from './mqtt.js';
import type { MqttState } from './mqtt.js';

/**
 * Every anomaly the MQTT decoder raises. `rules/anomalies/mqtt.yml` has one default Sigma rule
 * per entry.
 */
export const MQTT_ANOMALIES = {
  'mqtt.invalid_length': {
    description:
      'A remaining length encoded in more than 4 bytes (MQTT 3.1.1 2.2.3, 5.0 1.5.5): the ' +
      'packet has no boundary and decoding of the flow stops.',
    severity: 'medium',
  },
  'mqtt.invalid_packet_type': {
    description:
      'Packet type 0 (reserved), or 15 (AUTH) on a 3.1 or 3.1.1 connection: on a new flow the ' +
      'traffic is not MQTT and decoding stops.',
    severity: 'medium',
  },
  'mqtt.invalid_flags': {
    description:
      'Fixed header flags other than the ones the packet type requires (0010 for PUBREL, ' +
      'SUBSCRIBE, UNSUBSCRIBE, 0000 otherwise), or the reserved CONNECT flag set.',
    severity: 'medium',
  },
  'mqtt.invalid_qos': {
    description:
      'QoS 3 in a PUBLISH, a will or a subscription, or will QoS/retain without the will flag ' +
      '(MQTT 3.1.1 3.1.2-11, 3.3.1-4).',
    severity: 'medium',
  },
  'mqtt.invalid_protocol': {
    description:
      'A CONNECT whose protocol name and level are not MQTT 4/5 or MQIsdp 3: on a new flow ' +
      'decoding stops.',
    severity: 'medium',
  },
  'mqtt.malformed_packet': {
    description:
      'A packet whose content runs past its remaining length, leaves bytes after it, or a ' +
      'SUBSCRIBE/UNSUBSCRIBE without any topic filter.',
    severity: 'medium',
  },
  'mqtt.invalid_property': {
    description:
      'An MQTT 5.0 property block longer than its packet, an unknown property identifier or a ' +
      'property that overruns the block (MQTT 5.0 2.2.2).',
    severity: 'medium',
  },
  'mqtt.unexpected_direction': {
    description:
      'A packet sent by the side that may not send it: CONNECT, SUBSCRIBE, UNSUBSCRIBE or ' +
      'PINGREQ from the broker, CONNACK, SUBACK, UNSUBACK or PINGRESP from a client.',
    severity: 'medium',
  },
  'mqtt.missing_connect': {
    description:
      'MQTT packets on a connection whose CONNECT was not seen: the capture started late, or ' +
      'a client talks without connecting. Raised once per flow.',
    severity: 'low',
  },
  'mqtt.cleartext_credentials': {
    description:
      'A CONNECT carries a user name or password over unencrypted MQTT: anyone on the path can ' +
      'read them (the event masks them).',
    severity: 'medium',
  },
  'mqtt.connection_refused': {
    description:
      'The broker refused a CONNECT (non-zero CONNACK return or reason code): bad credentials, ' +
      'not authorised, banned; repeated refusals suggest password guessing.',
    severity: 'low',
  },
  'mqtt.wildcard_subscription': {
    description:
      'A SUBSCRIBE to `#` or `$SYS/#`: every message of the broker, or its internals, as an ' +
      'intruder mapping the plant does.',
    severity: 'low',
  },
  'mqtt.oversized_packet': {
    description:
      'A packet larger than the decoder buffers (maxPduBytes): its bytes are skipped and it is ' +
      'reported where it ends, from its fixed header (and a PUBLISH topic and packet id).',
    severity: 'low',
  },
  'mqtt.objects_limit_reached': {
    description:
      'More topic filters, reason codes or properties than the objects-per-message limit; ' +
      'only the first ones are listed in the event.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an MQTT anomaly. */
export type MqttAnomaly = keyof typeof MQTT_ANOMALIES;

/**
 * The MQTT decoder.
 *
 * @example
 * const state = mqttDecoder.createState(DEFAULT_LIMITS);
 * mqttDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const mqttDecoder: AppDecoder<MqttState> = {
  id: 'mqtt',
  transport: 'tcp',
  defaultPorts: [MQTT.PORT],
  anomalies: MQTT_ANOMALIES,
  eventKinds: MQTT_EVENT_KINDS,
  probe: probeMqtt,
  createState: createMqttState,
  parse: parseMqtt,
  onGap: onMqttGap,
};
