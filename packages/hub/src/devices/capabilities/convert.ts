import { GenioError } from '../../errors/index.js';
import type { EnumDataType, NumericDataType } from '../tsl/types.js';
import { colourFromDevice, colourProblem, colourToDevice, parseColour } from './colour.js';
import { keyForLabel, normalizeLabel, valueForWord } from './match.js';
import type { CapabilityName } from './names.js';
import { flipKelvin, inMireds, numericType, onStep, rangeOf, rescale } from './numbers.js';
import type { ResolvedCapability } from './resolve.js';
import { capabilitySpecs, standardValues } from './specs.js';
import { fanSpeedValues, isStandardValue, type StandardValue } from './vocabulary.js';

function wrong(capability: CapabilityName, reason: string): never {
  throw new GenioError('validation_failed', { field: capability, reason });
}

const percent = [0, 100] as const;
// Speed words on a numeric fan speed, as shares of its maximum: levels 1..3 get 1, 2, 3 and percent speeds 33, 67, 100.
const speedShares: Partial<Record<StandardValue, number>> = { low: 1 / 3, medium: 2 / 3, high: 1, turbo: 1 };

function asBoolean(capability: CapabilityName, value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'on') return true;
    if (word === 'off') return false;
  }
  return wrong(capability, 'must be true or false ("on"/"off" and 1/0 are accepted too)');
}

function asNumber(capability: CapabilityName, value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return wrong(capability, `must be a number (${what})`);
}

function enumKey(
  capability: CapabilityName,
  value: unknown,
  t: EnumDataType,
  target: ResolvedCapability,
): number {
  const values = Object.entries(target.values ?? {});
  if (typeof value === 'number' && Number.isInteger(value) && String(value) in t.specs) return value;
  if (typeof value === 'string') {
    const compact = normalizeLabel(value).replaceAll(' ', '');
    const standard = values.find(([name]) => name.toLowerCase() === compact);
    if (standard) return standard[1];
    const labelled = keyForLabel(value, t);
    if (labelled !== undefined) return labelled;
    const synonym = valueForWord(value, values.map(([name]) => name).filter(isStandardValue));
    const bySynonym = values.find(([name]) => name === synonym);
    if (bySynonym) return bySynonym[1];
  }
  const own = Object.entries(t.specs)
    .filter(([key]) => !values.some(([, k]) => k === Number(key)))
    .map(([, label]) => label);
  const accepted = [...values.map(([name]) => name), ...own].map((v) => `"${v}"`).join(', ');
  return wrong(capability, `must be one of ${accepted} or an enum key`);
}

/**
 * The standard state a two-state value names ("locked", "Locked", a product's own label for it, or a
 * word such as "thrown"). Never a key or a boolean: brands number a lock's states either way round.
 */
function stateWord(capability: CapabilityName, value: unknown, target: ResolvedCapability): string {
  const states = standardValues(capability);
  if (typeof value === 'string') {
    const compact = normalizeLabel(value).replaceAll(' ', '');
    const standard = states.find((state) => state.toLowerCase() === compact);
    if (standard) return standard;
    const t = target.dataType;
    const key =
      t?.type === 'enum' || t?.type === 'bool'
        ? keyForLabel(value, { type: 'enum', specs: t.specs })
        : undefined;
    const labelled = Object.entries(target.values ?? {}).find(([, k]) => k === key);
    if (labelled) return labelled[0];
    const synonym = valueForWord(value, states);
    if (synonym) return synonym;
  }
  return wrong(capability, `must be ${states.map((s) => `"${s}"`).join(' or ')}`);
}

function speedNumber(capability: CapabilityName, value: unknown, t: NumericDataType): number {
  if (typeof value === 'number' && Number.isFinite(value)) return onStep(value, t);
  const word = typeof value === 'string' ? valueForWord(value, fanSpeedValues) : undefined;
  const share = word && speedShares[word];
  if (share === undefined) return wrong(capability, 'must be a number or one of low, medium, high, turbo');
  const [min, max] = rangeOf(t, percent);
  return onStep(Math.max(min, max * share), t);
}

/**
 * Convert a capability value, as the API and the assistant speak it, to the value the device's
 * property takes. Only the kind of value is checked here; the TSL validator checks ranges after.
 */
export function toDeviceValue(
  capability: CapabilityName,
  value: unknown,
  target: ResolvedCapability,
): unknown {
  const spec = capabilitySpecs[capability];
  const t = target.dataType;
  if (spec.valueType === 'service' || target.kind === 'service')
    return wrong(capability, 'is a service; call it on its own instead of setting a value');
  if (!target.writable) return wrong(capability, 'is read-only on this product');
  const n = numericType(t);
  switch (spec.valueType) {
    case 'boolean': {
      const on = asBoolean(capability, value);
      if (t?.type !== 'enum') return on ? 1 : 0;
      const key = target.values?.[on ? 'on' : 'off'];
      return key ?? wrong(capability, 'the product has no enum label for this');
    }
    case 'percent': {
      const v = asNumber(capability, value, 'percent, 0 to 100');
      if (!n) return v;
      const range = rangeOf(n, percent);
      // A property whose unit is already % takes the number as said (40 % on 1..100 is 40, not 41).
      if (n.specs.unit === '%') return onStep(v, n);
      return onStep(range[0] === 0 && range[1] === 100 ? v : rescale(v, percent, range), n);
    }
    case 'kelvin': {
      const v = asNumber(capability, value, spec.unit ?? 'kelvin');
      if (!n) return v;
      return onStep(inMireds(n) ? flipKelvin(v) : v, n);
    }
    case 'celsius':
    case 'number': {
      const v = asNumber(capability, value, spec.unit ?? 'a count');
      return n ? onStep(v, n) : v;
    }
    case 'color': {
      const rgb = parseColour(value);
      if (!rgb) return wrong(capability, 'must be "#rrggbb" or { r, g, b } with 0..255 each');
      if (!t || colourProblem(t)) return wrong(capability, 'the product cannot take a colour');
      return colourToDevice(rgb, t);
    }
    case 'state': {
      const key = target.values?.[stateWord(capability, value, target)];
      return key ?? wrong(capability, 'the product has no label for this');
    }
    case 'enum':
    case 'enumOrNumber':
      if (n && spec.valueType === 'enumOrNumber') return speedNumber(capability, value, n);
      if (t?.type !== 'enum') return wrong(capability, 'the product has no enum for this');
      return enumKey(capability, value, t, target);
  }
}

/**
 * Convert a device's property value to the capability value the API and the assistant speak: a
 * boolean, a percent, a standard word (or the product's own label, a lock's "Jammed"), "#rrggbb". Values that do not
 * fit the property come back as they are.
 */
export function fromDeviceValue(
  capability: CapabilityName,
  value: unknown,
  target: ResolvedCapability,
): unknown {
  const t = target.dataType;
  const n = numericType(t);
  switch (capabilitySpecs[capability].valueType) {
    case 'boolean':
      if (t?.type === 'enum') return value === target.values?.on;
      return value === 1 || value === true;
    case 'percent': {
      if (!n || typeof value !== 'number') return value;
      const range = rangeOf(n, percent);
      if (n.specs.unit === '%') return value;
      return range[0] === 0 && range[1] === 100 ? value : Math.round(rescale(value, range, percent));
    }
    case 'kelvin':
      return n && inMireds(n) && typeof value === 'number' && value > 0 ? flipKelvin(value) : value;
    case 'color':
      return colourFromDevice(value, t) ?? value;
    case 'state': {
      const key = value === true ? 1 : value === false ? 0 : value;
      const standard = Object.entries(target.values ?? {}).find(([, k]) => k === key);
      if (standard) return standard[0];
      return t?.type === 'enum' ? (t.specs[String(key)] ?? value) : value;
    }
    case 'enum':
    case 'enumOrNumber': {
      if (t?.type !== 'enum') return value;
      const standard = Object.entries(target.values ?? {}).find(([, key]) => key === value);
      return standard ? standard[0] : (t.specs[String(value)] ?? value);
    }
    default:
      return value;
  }
}
