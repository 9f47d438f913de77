import { GenioError } from '../../errors/index.js';
import type { DataType, Property, ThingModel } from '../tsl/index.js';
import { matchEnumLabels } from './labels.js';
import {
  type CapabilityName,
  type Category,
  capabilityNames,
  capabilitySpecs,
  serviceCapabilities,
} from './vocabulary.js';

/** Where a capability lives in a product's thing model. */
export interface ResolvedCapability {
  identifier: string;
  kind: 'property' | 'service';
  dataType?: DataType;
  writable: boolean;
  /** For enum-valued capabilities: standard value -> device enum key. */
  values?: Record<string, number>;
}

/** A product's capabilities. */
export type ResolvedCapabilities = Partial<Record<CapabilityName, ResolvedCapability>>;

const isNumeric = (t: DataType) => t.type === 'int' || t.type === 'float' || t.type === 'double';
const colourFields = [
  ['r', 'g', 'b'],
  ['red', 'green', 'blue'],
  ['hue', 'saturation', 'value'],
  ['h', 's', 'v'],
];

/** Whether a struct carries a colour, and as which field names. */
export function colourStructFields(t: DataType): string[] | null {
  if (t.type !== 'struct') return null;
  const names = t.specs.map((f) => f.identifier.toLowerCase());
  return colourFields.find((set) => set.every((n) => names.includes(n))) ?? null;
}

/** Why a data type cannot carry a capability, or null when it can. */
function incompatibility(capability: CapabilityName, dataType: DataType, category?: Category): string | null {
  const spec = capabilitySpecs[capability];
  switch (spec.kind) {
    case 'onOff':
      if (dataType.type === 'bool') return null;
      if (dataType.type === 'enum') {
        const matched = matchEnumLabels(dataType, capability, category);
        return 'on' in matched && 'off' in matched
          ? null
          : 'an enum for power needs labels meaning on and off';
      }
      return 'must be a bool (or an enum labelled on/off)';
    case 'percent':
    case 'kelvin':
    case 'celsius':
    case 'count':
      return isNumeric(dataType) ? null : 'must be int, float or double';
    case 'color':
      if (dataType.type === 'int' || dataType.type === 'text' || colourStructFields(dataType)) return null;
      return 'must be an int (0xRRGGBB), text (#rrggbb) or a struct with r/g/b or hue/saturation/value fields';
    case 'enum':
      if (dataType.type === 'enum') return null;
      if (capability === 'fanSpeed' && isNumeric(dataType)) return null;
      return capability === 'fanSpeed' ? 'must be an enum or a number' : 'must be an enum';
    default:
      return 'is a service capability';
  }
}

function resolveProperty(
  capability: CapabilityName,
  property: Property,
  category?: Category,
): ResolvedCapability {
  const resolved: ResolvedCapability = {
    identifier: property.identifier,
    kind: 'property',
    dataType: property.dataType,
    writable: property.accessMode === 'rw',
  };
  if (property.dataType.type === 'enum')
    resolved.values = matchEnumLabels(property.dataType, capability, category);
  return resolved;
}

function fail(capability: string, reason: string): never {
  throw new GenioError('validation_failed', { field: `capabilities/${capability}`, reason });
}

/**
 * Resolve a product's capabilities: explicit mapping entries first (strict), then for every other
 * capability a TSL identifier equal to its name, compared without case (skipped when incompatible).
 */
export function resolveCapabilities(
  model: ThingModel,
  mapping?: Record<string, string>,
  category?: Category,
): ResolvedCapabilities {
  const out: ResolvedCapabilities = {};
  const isService = (c: CapabilityName) => (serviceCapabilities as readonly string[]).includes(c);
  for (const [name, identifier] of Object.entries(mapping ?? {})) {
    if (!(capabilityNames as readonly string[]).includes(name))
      fail(name, `unknown capability; known: ${capabilityNames.join(', ')}`);
    const capability = name as CapabilityName;
    if (isService(capability)) {
      const service = model.services.find((s) => s.identifier === identifier);
      if (!service) fail(name, `the thing model has no service "${identifier}"`);
      out[capability] = { identifier, kind: 'service', writable: true };
      continue;
    }
    const property = model.properties.find((p) => p.identifier === identifier);
    if (!property) fail(name, `the thing model has no property "${identifier}"`);
    const why = incompatibility(capability, property.dataType, category);
    if (why) fail(name, `property "${identifier}" is ${property.dataType.type}; ${name} ${why}`);
    out[capability] = resolveProperty(capability, property, category);
  }
  for (const capability of capabilityNames) {
    if (out[capability] || mapping?.[capability] !== undefined) continue;
    const wanted = capability.toLowerCase();
    if (isService(capability)) {
      const service = model.services.find((s) => s.identifier.toLowerCase() === wanted);
      if (service) out[capability] = { identifier: service.identifier, kind: 'service', writable: true };
      continue;
    }
    const property = model.properties.find((p) => p.identifier.toLowerCase() === wanted);
    if (property && !incompatibility(capability, property.dataType, category))
      out[capability] = resolveProperty(capability, property, category);
  }
  return out;
}
