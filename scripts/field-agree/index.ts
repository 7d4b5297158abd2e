/** The field-agreement specs, one line per protocol, alphabetical. */
import { modbusSpec } from './modbus.js';
import type { ProtoSpec } from './spec.js';

// prettier-ignore
export const SPECS: Readonly<Record<string, ProtoSpec>> = {
  modbus: modbusSpec,
};
