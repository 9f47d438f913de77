import type { DataTypeName } from '../tsl/types.js';
import type { CapabilityName, Category } from './names.js';
import {
  fanSpeedValues,
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
}

const numeric = ['int', 'float', 'double'] as const;

/** The capability table. */
export const capabilitySpecs: Record<CapabilityName, CapabilitySpec> = {
  power: {
    valueType: 'boolean',
    values: powerValues,
    dataTypes: ['bool', 'enum'],
    categories: ['light', 'plug', 'switch', 'airConditioner', 'fan', 'vacuum'],
  },
  brightness: {
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['light'],
  },
  colorTemperature: {
    valueType: 'kelvin',
    unit: 'K',
    range: [1000, 10000],
    dataTypes: numeric,
    categories: ['light'],
  },
  color: { valueType: 'color', dataTypes: ['int', 'text', 'struct'], categories: ['light'] },
  targetTemperature: {
    valueType: 'celsius',
    unit: '°C',
    range: [-30, 40],
    dataTypes: numeric,
    categories: ['airConditioner', 'fridge'],
  },
  freezerTargetTemperature: {
    valueType: 'celsius',
    unit: '°C',
    range: [-30, 0],
    dataTypes: numeric,
    categories: ['fridge'],
  },
  currentTemperature: {
    valueType: 'celsius',
    unit: '°C',
    range: [-50, 100],
    dataTypes: numeric,
    categories: ['airConditioner', 'fridge', 'sensor'],
    readOnly: true,
  },
  mode: {
    valueType: 'enum',
    values: modeValues,
    valuesByCategory: modeValuesByCategory,
    dataTypes: ['enum'],
    categories: ['airConditioner', 'light', 'fan', 'fridge'],
  },
  fanSpeed: {
    valueType: 'enumOrNumber',
    values: fanSpeedValues,
    dataTypes: ['enum', ...numeric],
    categories: ['airConditioner', 'fan', 'vacuum'],
  },
  position: {
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['curtain'],
  },
  batteryLevel: {
    valueType: 'percent',
    unit: '%',
    range: [0, 100],
    dataTypes: numeric,
    categories: ['vacuum', 'wearable', 'sensor'],
    readOnly: true,
  },
  workState: {
    valueType: 'enum',
    values: workStateValues,
    dataTypes: ['enum'],
    categories: ['vacuum'],
    readOnly: true,
  },
  heartRate: {
    valueType: 'number',
    unit: 'bpm',
    range: [0, 250],
    dataTypes: numeric,
    categories: ['wearable'],
    readOnly: true,
  },
  steps: {
    valueType: 'number',
    unit: 'steps',
    range: [0, 1_000_000],
    dataTypes: numeric,
    categories: ['wearable'],
    readOnly: true,
  },
  start: { valueType: 'service', dataTypes: [], categories: ['vacuum'] },
  pause: { valueType: 'service', dataTypes: [], categories: ['vacuum'] },
  dock: { valueType: 'service', dataTypes: [], categories: ['vacuum'] },
};

/**
 * The standard values of an enum capability: with a category that has its own (modes), those;
 * otherwise all of them.
 */
export function standardValues(capability: CapabilityName, category?: Category): readonly StandardValue[] {
  const spec = capabilitySpecs[capability];
  return (category && spec.valuesByCategory?.[category]) || spec.values || [];
}
