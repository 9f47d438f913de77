import type { DataTypeName } from '../tsl/types.js';
import type { CapabilityName, Category } from './names.js';
import {
  fanSpeedValues,
  lockValues,
  modeValues,
  modeValuesByCategory,
  powerValues,
  type StandardValue,
  workStateValues,
} from './vocabulary.js';

/** How the API and the assistant express a capability's value. */
export type CapabilityValueType =
  | 'boolean'
  | 'percent'
  | 'kelvin'
  | 'celsius'
  | 'number'
  | 'color'
  | 'enum'
  | 'enumOrNumber'
  /** One of two standard states (locked, unlocked): a bool, or an enum whose labels name both. */
  | 'state'
  | 'service';

/** What a capability means, as data: the docs describe this table and the resolver enforces it. */
export interface CapabilitySpec {
  valueType: CapabilityValueType;
  unit?: string;
  /** The usual range; the product's own TSL range is what gets enforced. */
  range?: readonly [number, number];
  /** Standard values (for power: the labels a power enum must have). */
  values?: readonly StandardValue[];
  /** Values preferred by category when labels are matched. */
  valuesByCategory?: Partial<Record<Category, readonly StandardValue[]>>;
  /** TSL data types that can carry it; none for services. */
  dataTypes: readonly DataTypeName[];
  /** Categories that usually have it. */
  categories: readonly Category[];
  /** Devices usually report it but do not take it. */
  readOnly?: boolean;
  /**
   * TSL identifiers that mean this capability in common thing models (the Alink standard ones and
   * frequent brand spellings), tried after the capability's own name when a product maps nothing.
   */
  identifiers?: readonly string[];
  /**
   * Categories whose products find it by identifier; others only by an explicit mapping (a washer's
   * door lock or an air conditioner's keypad "Lock" is no door lock).
   */
  foundOnlyIn?: readonly Category[];
}

const numeric = ['int', 'float', 'double'] as const;

/** The capability table. */
export const capabilitySpecs: Record<CapabilityName, CapabilitySpec> = {
  power: {
    identifiers: ['powerstate', 'PowerSwitch', 'LightSwitch', 'Switch', 'OnOff', 'PowerState'],
    valueType: 'boolean',
    values: powerValues,
    dataTypes: ['bool', 'enum'],
    categories: ['light', 'plug', 'switch', 'airConditioner', 'fan', 'vacuum'],
  },
  brightness: {
    identifiers: ['Luminance', 'BrightnessLevel', 'Dimming'],
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['light'],
  },
  colorTemperature: {
    identifiers: ['ColorTemp', 'ColourTemperature', 'CCT'],
    valueType: 'kelvin',
    unit: 'K',
    range: [1000, 10000],
    dataTypes: numeric,
    categories: ['light'],
  },
  color: {
    valueType: 'color',
    dataTypes: ['int', 'text', 'struct'],
    categories: ['light'],
    identifiers: ['RGBColor', 'HSVColor', 'Colour', 'LightColor'],
  },
  targetTemperature: {
    identifiers: [
      'TargetTemperature',
      'SetTemperature',
      'TemperatureSetting',
      'RefrigeratorTemperature',
      'FridgeTargetTemperature',
    ],
    valueType: 'celsius',
    unit: '°C',
    range: [-30, 40],
    dataTypes: numeric,
    categories: ['airConditioner', 'fridge'],
  },
  freezerTargetTemperature: {
    identifiers: ['FreezerTemperature', 'FreezerTargetTemp'],
    valueType: 'celsius',
    unit: '°C',
    range: [-30, 0],
    dataTypes: numeric,
    categories: ['fridge'],
  },
  currentTemperature: {
    identifiers: ['CurrentTemperature', 'Temperature', 'IndoorTemperature', 'RoomTemperature'],
    valueType: 'celsius',
    unit: '°C',
    range: [-50, 100],
    dataTypes: numeric,
    categories: ['airConditioner', 'fridge', 'sensor'],
    readOnly: true,
  },
  mode: {
    identifiers: ['WorkMode', 'Mode', 'OperationMode'],
    valueType: 'enum',
    values: modeValues,
    valuesByCategory: modeValuesByCategory,
    dataTypes: ['enum'],
    categories: ['airConditioner', 'light', 'fan', 'fridge'],
  },
  fanSpeed: {
    identifiers: ['WindSpeed', 'FanSpeed', 'windspeed', 'SpeedLevel'],
    valueType: 'enumOrNumber',
    values: fanSpeedValues,
    dataTypes: ['enum', ...numeric],
    categories: ['airConditioner', 'fan', 'vacuum'],
  },
  position: {
    identifiers: ['CurtainPosition', 'CurtainOperation', 'Position', 'OpenPercent'],
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['curtain'],
  },
  batteryLevel: {
    identifiers: ['BatteryPercentage', 'BatteryLevel', 'Battery', 'BatteryPercent'],
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['vacuum', 'wearable', 'sensor'],
    readOnly: true,
  },
  workState: {
    identifiers: ['WorkState', 'Status', 'RunningState'],
    valueType: 'enum',
    values: workStateValues,
    dataTypes: ['enum'],
    categories: ['vacuum'],
    readOnly: true,
  },
  heartRate: {
    identifiers: ['HeartRate', 'Pulse'],
    valueType: 'number',
    unit: 'bpm',
    range: [0, 250],
    dataTypes: numeric,
    categories: ['wearable'],
    readOnly: true,
  },
  steps: {
    identifiers: ['StepCount', 'Steps'],
    valueType: 'number',
    unit: 'steps',
    range: [0, 1_000_000],
    dataTypes: numeric,
    categories: ['wearable'],
    readOnly: true,
  },
  currentHumidity: {
    identifiers: ['Humidity', 'CurrentHumidity', 'RelativeHumidity', 'IndoorHumidity', 'hum', 'RH'],
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['sensor', 'airConditioner'],
    readOnly: true,
  },
  targetHumidity: {
    identifiers: ['TargetHumidity', 'target_humidity', 'SetHumidity', 'HumiditySetting', 'HumidityTarget'],
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['airConditioner'],
  },
  co2: {
    identifiers: ['CO2', 'CO2Concentration', 'carbon_dioxide', 'CarbonDioxide', 'CO2Level'],
    valueType: 'number',
    unit: 'ppm',
    range: [0, 10_000],
    dataTypes: numeric,
    categories: ['sensor'],
    readOnly: true,
  },
  oscillation: {
    identifiers: ['Swing', 'Oscillate', 'Shake', 'SwingSwitch', 'OscillationSwitch', 'ShakeSwitch'],
    valueType: 'boolean',
    values: powerValues,
    dataTypes: ['bool', 'enum'],
    categories: ['fan'],
  },
  lock: {
    identifiers: [
      'LockState',
      'Lock',
      'LockSwitch',
      'lock_state',
      'DeadboltState',
      'Deadbolt',
      'Latch',
      'Bolt',
      'LockStatus',
      'DoorLock',
      'DoorLockState',
      'LockedState',
    ],
    valueType: 'state',
    values: lockValues,
    dataTypes: ['bool', 'enum'],
    categories: ['lock'],
    foundOnlyIn: ['lock'],
  },
  start: {
    valueType: 'service',
    dataTypes: [],
    categories: ['vacuum'],
    identifiers: ['StartClean', 'Start', 'StartSweep'],
  },
  pause: {
    valueType: 'service',
    dataTypes: [],
    categories: ['vacuum'],
    identifiers: ['PauseClean', 'Pause'],
  },
  dock: {
    valueType: 'service',
    dataTypes: [],
    categories: ['vacuum'],
    identifiers: ['GoHome', 'ReturnToBase', 'Dock', 'Recharge'],
  },
};

/**
 * The standard values of an enum capability: with a category that has its own (modes), those;
 * otherwise all of them.
 */
export function standardValues(capability: CapabilityName, category?: Category): readonly StandardValue[] {
  const spec = capabilitySpecs[capability];
  return (category && spec.valuesByCategory?.[category]) || spec.values || [];
}
