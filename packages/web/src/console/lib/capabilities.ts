/** The capability vocabulary (docs/capabilities.md), from the contract the hub uses too, so the two never disagree. */
export {
  categories as CATEGORIES,
  propertyCapabilities as PROPERTY_CAPABILITIES,
  serviceCapabilities as SERVICE_CAPABILITIES,
} from '@genio/contracts';

import type { CapabilityName } from '@genio/contracts';

export type { CapabilityName };

export const CAPABILITY_HINTS: Record<CapabilityName, string> = {
  power: 'bool, or an enum with on/off labels',
  brightness: 'int, float or double (percent)',
  colorTemperature: 'int, float or double (Kelvin)',
  color: 'int 0xRRGGBB, text #rrggbb, or an RGB/HSV struct',
  targetTemperature: 'int, float or double (°C)',
  freezerTargetTemperature: 'int, float or double (°C)',
  currentTemperature: 'int, float or double (°C)',
  mode: 'enum',
  fanSpeed: 'enum, int, float or double',
  position: 'int, float or double (percent open)',
  batteryLevel: 'int, float or double (percent)',
  workState: 'enum',
  heartRate: 'int, float or double (bpm)',
  steps: 'int, float or double',
  currentHumidity: 'int, float or double (percent)',
  targetHumidity: 'int, float or double (percent)',
  co2: 'int, float or double (ppm)',
  oscillation: 'bool, or an enum with on/off labels',
  lock: 'bool, or an enum labelled locked and unlocked (the labels decide, not the keys)',
  start: 'a service',
  pause: 'a service',
  dock: 'a service',
};
