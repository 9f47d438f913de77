/**
 * A device's capabilities as clients see them: kind of value, bounds and last value in capability
 * terms. Screens draw controls from this and never read the thing model, so the rules of which
 * property carries what (and how its values convert) live here only.
 */
import type { CapabilityState } from '@genio/contracts';
import { fromDeviceValue } from './convert.js';
import { capabilityNames } from './names.js';
import { numericType, rangeOf } from './numbers.js';
import type { ResolvedCapabilities, ResolvedCapability } from './resolve.js';
import { capabilitySpecs, standardValues } from './specs.js';

function numberState(name: CapabilityState['name'], target: ResolvedCapability, value: unknown) {
  const spec = capabilitySpecs[name];
  const n = numericType(target.dataType);
  // A percent is spoken 0..100, unless the property already counts in % (a humidity set 35..70 by 5).
  const percent = spec.valueType === 'percent' && n?.specs.unit !== '%';
  const [min, max] = percent || !n ? (spec.range ?? [0, 100]) : rangeOf(n, spec.range ?? [0, 100]);
  const step = percent ? 1 : n?.specs.step || (n?.type === 'int' ? 1 : 0.5);
  return {
    name,
    writable: target.writable,
    type: 'number' as const,
    min,
    max: max > min ? max : min + 1,
    step,
    unit: spec.unit ?? '',
    ...(typeof value === 'number' ? { value } : {}),
  };
}

function enumOptions(target: ResolvedCapability): string[] {
  const t = target.dataType;
  if (t?.type !== 'enum') return [];
  const standard = new Map(Object.entries(target.values ?? {}).map(([word, key]) => [String(key), word]));
  return Object.entries(t.specs).map(([key, label]) => standard.get(key) ?? String(label));
}

function stateOf(
  name: CapabilityState['name'],
  target: ResolvedCapability,
  raw: unknown,
): CapabilityState | null {
  if (target.kind === 'service') return { name, writable: true, type: 'service' };
  const value = raw === undefined ? undefined : fromDeviceValue(name, raw, target);
  switch (capabilitySpecs[name].valueType) {
    case 'boolean':
      return {
        name,
        writable: target.writable,
        type: 'boolean',
        ...(raw === undefined ? {} : { value: value === true }),
      };
    case 'color':
      return {
        name,
        writable: target.writable,
        type: 'color',
        ...(typeof value === 'string' ? { value } : {}),
      };
    case 'state':
      // Only the two states can be chosen; a state the product adds ("Jammed") is shown as its label.
      return {
        name,
        writable: target.writable,
        type: 'enum',
        options: standardValues(name).filter((state) => state in (target.values ?? {})),
        ...(typeof value === 'string' ? { value } : {}),
      };
    case 'enum':
    case 'enumOrNumber':
      if (numericType(target.dataType)) return numberState(name, target, value);
      return {
        name,
        writable: target.writable,
        type: 'enum',
        options: enumOptions(target),
        ...(typeof value === 'string' ? { value } : {}),
      };
    case 'service':
      return null;
    default:
      return numberState(name, target, value);
  }
}

/** The capabilities a product resolved, in the vocabulary's order, with the device's reported values. */
export function capabilityStates(
  resolved: ResolvedCapabilities,
  properties: Record<string, unknown>,
): CapabilityState[] {
  const states: CapabilityState[] = [];
  for (const name of capabilityNames) {
    const target = resolved[name];
    if (!target) continue;
    const state = stateOf(name, target, properties[target.identifier]);
    if (state) states.push(state);
  }
  return states;
}
