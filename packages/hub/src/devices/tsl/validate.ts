import { GenioError } from '../../errors/index.js';
import type { DataType, Field, NumericDataType, ThingModel } from './types.js';
import { tslLimits } from './types.js';

/** A checked property value with the time the device measured it, when it said. */
export interface TimedValue {
  value: unknown;
  time?: number;
}

function shown(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function invalid(path: string, rule: string, value: unknown): never {
  throw new GenioError('property_invalid', { path, rule, value: shown(value) });
}

// A value under one of these keys would be dropped by (or change) the object it is copied into.
const OBJECT_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Float steps such as 0.1 are not exact in binary; a value is on the step when it is within this share of one.
const STEP_TOLERANCE = 1e-6;

function checkNumber(type: NumericDataType, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    invalid(path, `must be a number (${type.type})`, value);
  if (type.type === 'int' && !Number.isInteger(value)) invalid(path, 'must be a whole number', value);
  const { min, max, step } = type.specs;
  if (min !== undefined && value < min) invalid(path, `must be at least ${min}`, value);
  if (max !== undefined && value > max) invalid(path, `must be at most ${max}`, value);
  if (step !== undefined) {
    const units = (value - (min ?? 0)) / step;
    if (Math.abs(units - Math.round(units)) > STEP_TOLERANCE)
      invalid(path, `must be a multiple of ${step} from ${min ?? 0}`, value);
  }
  return value;
}

/** Check one value against a data type and return it normalized (bools and enum keys as numbers). */
export function validateValue(type: DataType, value: unknown, path: string): unknown {
  switch (type.type) {
    case 'int':
    case 'float':
    case 'double':
      return checkNumber(type, value, path);
    case 'text':
      if (typeof value !== 'string') invalid(path, 'must be text', value);
      if ([...value].length > type.specs.length)
        invalid(path, `must be at most ${type.specs.length} characters`, value);
      return value;
    case 'date': {
      const ms =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\d{1,15}$/.test(value)
            ? Number(value)
            : Number.NaN;
      if (!Number.isSafeInteger(ms) || ms < 0) invalid(path, 'must be a UTC time in milliseconds', value);
      return String(ms);
    }
    case 'bool':
      if (value === true || value === 1) return 1;
      if (value === false || value === 0) return 0;
      return invalid(path, 'must be 0 or 1', value);
    case 'enum': {
      if (typeof value !== 'number' || !Number.isInteger(value) || !(String(value) in type.specs)) {
        invalid(path, `must be one of ${Object.keys(type.specs).join(', ')}`, value);
      }
      return value;
    }
    case 'struct':
      return validateFields(type.specs, value, path, (key) =>
        invalid(`${path}/${key}`, 'is not a field of this struct', value),
      );
    case 'array': {
      if (!Array.isArray(value)) invalid(path, 'must be an array', value);
      if (value.length > type.specs.size)
        invalid(path, `must hold at most ${type.specs.size} items`, value.length);
      return value.map((item, i) => validateValue(type.specs.item, item, `${path}/${i}`));
    }
  }
}

function validateFields(
  fields: readonly Field[],
  value: unknown,
  path: string,
  unknownField: (key: string) => never,
): Record<string, unknown> {
  if (!isRecord(value)) invalid(path, 'must be an object', value);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (OBJECT_KEYS.has(key)) invalid(path ? `${path}/${key}` : key, 'is not an allowed identifier', v);
    const field = fields.find((f) => f.identifier === key);
    if (!field) unknownField(key);
    out[key] = validateValue(field.dataType, v, path ? `${path}/${key}` : key);
  }
  return out;
}

function splitTimed(value: unknown): { value: unknown; time?: unknown } {
  // "value" is a reserved identifier, so an object with it is the timed form, never a struct.
  if (isRecord(value) && 'value' in value && Object.keys(value).every((k) => k === 'value' || k === 'time')) {
    return value.time === undefined ? { value: value.value } : { value: value.value, time: value.time };
  }
  return { value };
}

/**
 * Check property values of a post or a set against the model. Values may be bare or
 * `{ value, time }`. With `forSet`, read-only properties are refused.
 */
export function validatePropertyValues(
  model: ThingModel,
  params: unknown,
  options: { forSet?: boolean } = {},
): Record<string, TimedValue> {
  if (!isRecord(params))
    throw new GenioError('request_invalid', { reason: 'params must be an object of property values' });
  const entries = Object.entries(params);
  if (entries.length > tslLimits.maxPropertiesPerMessage)
    throw new GenioError('too_many_properties', { limit: tslLimits.maxPropertiesPerMessage });
  const out: Record<string, TimedValue> = {};
  for (const [identifier, raw] of entries) {
    if (OBJECT_KEYS.has(identifier)) invalid(identifier, 'is not an allowed identifier', raw);
    const property = model.properties.find((p) => p.identifier === identifier);
    if (!property) throw new GenioError('property_unknown', { path: identifier });
    if (options.forSet && property.accessMode === 'r') invalid(identifier, 'is read-only', raw);
    const { value, time } = splitTimed(raw);
    const checked: TimedValue = { value: validateValue(property.dataType, value, identifier) };
    if (time !== undefined) {
      if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0)
        invalid(`${identifier}/time`, 'must be a UTC time in milliseconds', time);
      checked.time = time;
    }
    out[identifier] = checked;
  }
  return out;
}

/** Check a service's input parameters; unknown services are service_unknown. */
export function validateServiceInput(
  model: ThingModel,
  serviceId: string,
  params: unknown,
): Record<string, unknown> {
  const service = model.services.find((s) => s.identifier === serviceId);
  if (!service) throw new GenioError('service_unknown', { name: serviceId });
  return validateFields(service.inputData, params ?? {}, '', (key) => {
    throw new GenioError('property_unknown', { path: `${serviceId}/${key}` });
  });
}

/** Check an event's output parameters; unknown events are service_unknown. */
export function validateEventOutput(
  model: ThingModel,
  eventId: string,
  params: unknown,
): Record<string, unknown> {
  const event = model.events.find((e) => e.identifier === eventId);
  if (!event) throw new GenioError('service_unknown', { name: eventId });
  return validateFields(event.outputData, params ?? {}, '', (key) => {
    throw new GenioError('property_unknown', { path: `${eventId}/${key}` });
  });
}
