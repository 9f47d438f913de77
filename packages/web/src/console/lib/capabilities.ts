/** The capability vocabulary (docs/capabilities.md): names carried by a property, and names carried by a service. */
export const PROPERTY_CAPABILITIES = [
  'power',
  'brightness',
  'colorTemperature',
  'color',
  'targetTemperature',
  'freezerTargetTemperature',
  'currentTemperature',
  'mode',
  'fanSpeed',
  'position',
  'batteryLevel',
  'workState',
  'heartRate',
  'steps',
] as const;

export const SERVICE_CAPABILITIES = ['start', 'pause', 'dock'] as const;

export const CAPABILITY_HINTS: Record<string, string> = {
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
  start: 'a service',
  pause: 'a service',
  dock: 'a service',
};
