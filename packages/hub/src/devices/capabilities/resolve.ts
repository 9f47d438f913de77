import { GenioError } from '../../errors/index.js';
import type { DataType, Property, ThingModel } from '../tsl/types.js';
import { colourProblem } from './colour.js';
import { matchEnumLabels, matchStateLabels } from './match.js';
import {
  type CapabilityName,
  type Category,
  capabilityNames,
  isCapabilityName,
  isServiceCapability,
} from './names.js';
import { capabilitySpecs } from './specs.js';

/** Where a capability lives in a product's thing model. */
export interface ResolvedCapability {
  identifier: string;
  kind: 'property' | 'service';
  dataType?: DataType;
  writable: boolean;
  /** For enum properties: standard value -> enum key, for the labels that name one. */
  values?: Record<string, number>;
}

/** A product's capabilities. */
export type ResolvedCapabilities = Partial<Record<CapabilityName, ResolvedCapability>>;

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Why a data type cannot carry a capability, or null when it can. */
function problem(capability: CapabilityName, t: DataType, category?: Category): string | null {
  const spec = capabilitySpecs[capability];
  if (!spec.dataTypes.includes(t.type)) {
    switch (spec.valueType) {
      case 'boolean':
        return 'needs a bool, or an enum labelled on and off';
      case 'color':
        return colourProblem(t);
      case 'enum':
        return 'needs an enum';
      case 'enumOrNumber':
        return 'needs an enum, int, float or double';
      case 'state':
        return `needs a bool, or an enum labelled ${(spec.values ?? []).join(' and ')}`;
      default:
        return 'needs an int, float or double';
    }
  }
  if (spec.valueType === 'boolean' && t.type === 'enum') {
    const matched = matchEnumLabels(t, capability, category);
    return 'on' in matched && 'off' in matched
      ? null
      : `an enum for ${capability} needs labels meaning on and off`;
  }
  if (spec.valueType === 'state' && (t.type === 'enum' || t.type === 'bool')) {
    const matched = matchStateLabels(t, capability);
    return (spec.values ?? []).every((v) => v in matched)
      ? null
      : `an enum for ${capability} needs labels meaning ${(spec.values ?? []).join(' and ')}`;
  }
  return spec.valueType === 'color' ? colourProblem(t) : null;
}

function resolveProperty(capability: CapabilityName, property: Property, category?: Category) {
  const resolved: ResolvedCapability = {
    identifier: property.identifier,
    kind: 'property',
    dataType: property.dataType,
    writable: property.accessMode === 'rw',
  };
  const t = property.dataType;
  if (capabilitySpecs[capability].valueType === 'state' && (t.type === 'enum' || t.type === 'bool'))
    resolved.values = matchStateLabels(t, capability);
  else if (t.type === 'enum') resolved.values = matchEnumLabels(t, capability, category);
  return resolved;
}

function fail(name: string, reason: string): never {
  throw new GenioError('validation_failed', { field: `capabilities/${name}`, reason });
}

function didYouMean(wanted: string, names: readonly string[]): string {
  const near = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
  return near ? ` (did you mean "${near}"?)` : '';
}

/** One explicit mapping entry, checked strictly. */
function explicit(
  model: ThingModel,
  name: string,
  identifier: unknown,
  category?: Category,
): [CapabilityName, ResolvedCapability] {
  if (!isCapabilityName(name)) fail(name, `not a capability name${didYouMean(name, capabilityNames)}`);
  if (typeof identifier !== 'string' || identifier === '') fail(name, 'must name a TSL identifier');
  const propertyIds = model.properties.map((p) => p.identifier);
  const serviceIds = model.services.map((s) => s.identifier);
  if (isServiceCapability(name)) {
    if (serviceIds.includes(identifier)) return [name, { identifier, kind: 'service', writable: true }];
    if (propertyIds.includes(identifier))
      fail(name, `"${identifier}" is a property; ${name} maps to a service`);
    fail(name, `the thing model has no service "${identifier}"${didYouMean(identifier, serviceIds)}`);
  }
  const property = model.properties.find((p) => p.identifier === identifier);
  if (!property) {
    if (serviceIds.includes(identifier))
      fail(name, `"${identifier}" is a service; ${name} maps to a property`);
    fail(name, `the thing model has no property "${identifier}"${didYouMean(identifier, propertyIds)}`);
  }
  const why = problem(name, property.dataType, category);
  if (why) fail(name, `"${identifier}" is ${article(property.dataType.type)}; ${why}`);
  return [name, resolveProperty(name, property, category)];
}

/**
 * A product's capabilities. Explicit mapping entries come first and are strict: a wrong one throws
 * validation_failed naming `capabilities/<name>`. Every other capability maps to the TSL identifier
 * equal to its name, or else to one its spec lists as common (powerstate, LightSwitch, WindSpeed...),
 * compared without case, when that property or service can carry it and nothing else took it; a
 * capability found only in some categories (a lock) is never found by identifier elsewhere.
 */
export function resolveCapabilities(
  model: ThingModel,
  mapping?: Record<string, string>,
  category?: Category,
): ResolvedCapabilities {
  const out: ResolvedCapabilities = {};
  for (const [name, identifier] of Object.entries(mapping ?? {})) {
    const [capability, resolved] = explicit(model, name, identifier, category);
    out[capability] = resolved;
  }
  const taken = new Set(Object.values(out).map((c) => c?.identifier));
  for (const capability of capabilityNames) {
    if (out[capability]) continue;
    const only = capabilitySpecs[capability].foundOnlyIn;
    if (only && !(category && only.includes(category))) continue;
    // Its own name first, then the identifiers common thing models use for it, in order.
    const wanted = [capability, ...(capabilitySpecs[capability].identifiers ?? [])].map((w) =>
      w.toLowerCase(),
    );
    if (isServiceCapability(capability)) {
      for (const w of wanted) {
        const service = model.services.find(
          (s) => s.identifier.toLowerCase() === w && !taken.has(s.identifier),
        );
        if (!service) continue;
        out[capability] = { identifier: service.identifier, kind: 'service', writable: true };
        taken.add(service.identifier);
        break;
      }
      continue;
    }
    for (const w of wanted) {
      const property = model.properties.find(
        (p) => p.identifier.toLowerCase() === w && !taken.has(p.identifier),
      );
      if (!property || problem(capability, property.dataType, category)) continue;
      out[capability] = resolveProperty(capability, property, category);
      taken.add(property.identifier);
      break;
    }
  }
  if (!out.power) {
    const only = soleSwitch(model, taken, category);
    if (only) out.power = resolveProperty('power', only, category);
  }
  return out;
}

/** What a lone switch of a light, plug or relay must not be: a lock, a door, a mute, a child lock. */
const NOT_POWER = /lock|latch|bolt|door|gate|child|mute|alarm|siren/i;
const SWITCHED = new Set<Category>(['light', 'plug', 'switch']);

/**
 * A light, plug or relay whose thing model has one writable on/off property, whatever it is called
 * ("lamp", "Relay", "Ch1"), is switched by it: that property is its power.
 */
function soleSwitch(model: ThingModel, taken: ReadonlySet<string | undefined>, category?: Category) {
  if (!category || !SWITCHED.has(category)) return undefined;
  const switches = model.properties.filter(
    (p) =>
      p.accessMode === 'rw' &&
      !taken.has(p.identifier) &&
      !NOT_POWER.test(`${p.identifier} ${p.name}`) &&
      problem('power', p.dataType, category) === null,
  );
  return switches.length === 1 ? switches[0] : undefined;
}
