import { type Static, Type } from 'typebox';

/** Product categories. */
export const categories = [
  'light',
  'plug',
  'switch',
  'airConditioner',
  'fridge',
  'vacuum',
  'curtain',
  'fan',
  'wearable',
  'sensor',
  'lock',
] as const;
/** A product category. */
export type Category = (typeof categories)[number];

/** Capabilities carried by a TSL property. */
export const propertyCapabilities = [
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
  'currentHumidity',
  'targetHumidity',
  'co2',
  'oscillation',
  'lock',
] as const;
/** A capability carried by a TSL property. */
export type PropertyCapability = (typeof propertyCapabilities)[number];

/** Capabilities carried by a TSL service. */
export const serviceCapabilities = ['start', 'pause', 'dock'] as const;
/** A capability carried by a TSL service. */
export type ServiceCapability = (typeof serviceCapabilities)[number];

/** Every capability name. */
export const capabilityNames = [...propertyCapabilities, ...serviceCapabilities] as const;
/** A capability name. */
export const CapabilityNameSchema = Type.Enum(capabilityNames);
/** A capability name. */
export type CapabilityName = Static<typeof CapabilityNameSchema>;

const common = { name: CapabilityNameSchema, writable: Type.Boolean() };

/**
 * One capability of a device as the hub presents it: its kind of value, its bounds in capability
 * terms (percent 0..100, kelvin, °C, standard words) and the last reported value in those terms.
 * Clients draw controls from this; the thing model behind it stays the hub's business.
 */
export const CapabilityStateSchema = Type.Union([
  Type.Object({ ...common, type: Type.Literal('boolean'), value: Type.Optional(Type.Boolean()) }),
  Type.Object({
    ...common,
    type: Type.Literal('number'),
    min: Type.Number(),
    max: Type.Number(),
    step: Type.Number({ exclusiveMinimum: 0 }),
    unit: Type.String(),
    value: Type.Optional(Type.Number()),
  }),
  Type.Object({
    ...common,
    type: Type.Literal('enum'),
    options: Type.Array(Type.String()),
    value: Type.Optional(Type.String()),
  }),
  Type.Object({ ...common, type: Type.Literal('color'), value: Type.Optional(Type.String()) }),
  Type.Object({ ...common, type: Type.Literal('service') }),
]);
/** One capability of a device, with its bounds and value. */
export type CapabilityState = Static<typeof CapabilityStateSchema>;

/** `GET /api/v1/devices/{id}/capabilities`. */
export const DeviceCapabilitiesSchema = Type.Object(
  { deviceId: Type.String(), capabilities: Type.Array(CapabilityStateSchema) },
  { $id: 'DeviceCapabilities' },
);
/** A device's capabilities, in a fixed order. */
export type DeviceCapabilities = Static<typeof DeviceCapabilitiesSchema>;

/**
 * `POST /api/v1/devices/{id}/capabilities`: capability name -> value in capability terms
 * (`{ "power": true, "brightness": 40 }`); a service capability takes its parameters (`{ "start": {} }`).
 */
export const CapabilityValuesSchema = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
  minProperties: 1,
});
/** Capability values to set. */
export type CapabilityValues = Partial<Record<CapabilityName, unknown>>;
