import { GenioError } from '../../errors/index.js';
import {
  type ArrayItemType,
  type DataType,
  dataTypeNames,
  type Field,
  type Property,
  reservedIdentifiers,
  type Service,
  type ThingEvent,
  type ThingModel,
  tslLimits,
} from './types.js';

type Json = Record<string, unknown>;

// Alibaba's console exports these alongside a model's own services and events; they are the
// protocol's built-in property messages, not part of the model, so an imported export is accepted.
const builtInMethods = new Set([
  'thing.service.property.set',
  'thing.service.property.get',
  'thing.event.property.post',
]);
const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Names JavaScript objects treat specially: a value keyed by one would be dropped or change the object.
const objectKeyIdentifiers = new Set(['__proto__', 'constructor', 'prototype']);

function fail(path: string, reason: string): never {
  throw new GenioError('validation_failed', { field: path, reason });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, 'must be an object');
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function text(value: unknown, path: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
  return value;
}

function optionalNumber(value: unknown, path: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) fail(path, 'must be a number (Alink writes it as a string of digits)');
  return n;
}

function positiveInteger(value: unknown, path: string, max: number): number {
  const n = optionalNumber(value, path);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > max)
    fail(path, `must be a whole number from 1 to ${max}`);
  return n;
}

function identifier(value: unknown, path: string, seen: Set<string>): string {
  const id = text(value, path);
  if (id.length > tslLimits.maxIdentifierLength || !identifierPattern.test(id)) {
    fail(
      path,
      `must be letters, digits and underscores, not starting with a digit, at most ${tslLimits.maxIdentifierLength} characters`,
    );
  }
  if (reservedIdentifiers.has(id)) fail(path, `"${id}" is reserved by the protocol`);
  if (objectKeyIdentifiers.has(id))
    fail(path, `"${id}" cannot be an identifier: values under it would be lost, choose another name`);
  if (seen.has(id)) fail(path, `"${id}" is defined twice`);
  seen.add(id);
  return id;
}

function numericSpecs(specs: Json, path: string) {
  const min = optionalNumber(specs.min, `${path}/min`);
  const max = optionalNumber(specs.max, `${path}/max`);
  const step = optionalNumber(specs.step, `${path}/step`);
  if (min !== undefined && max !== undefined && min > max)
    fail(`${path}/max`, 'must not be smaller than min');
  if (step !== undefined) {
    if (step <= 0) fail(`${path}/step`, 'must be greater than 0');
    if (min !== undefined && max !== undefined && max > min && step > max - min)
      fail(`${path}/step`, 'must not exceed max - min');
  }
  return {
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(step === undefined ? {} : { step }),
    ...(typeof specs.unit === 'string' && specs.unit ? { unit: specs.unit } : {}),
    ...(typeof specs.unitName === 'string' && specs.unitName ? { unitName: specs.unitName } : {}),
  };
}

function labels(specs: Json, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(specs)) {
    if (!/^-?\d+$/.test(key)) fail(`${path}/${key}`, 'enum keys must be whole numbers');
    out[String(Number(key))] = text(label, `${path}/${key}`);
  }
  return out;
}

function parseFields(value: unknown, path: string, inStruct: boolean): Field[] {
  const seen = new Set<string>();
  return list(value, path).map((raw, i) => {
    const field = object(raw, `${path}/${i}`);
    const id = identifier(field.identifier, `${path}/${i}/identifier`, seen);
    return {
      identifier: id,
      name: text(field.name, `${path}/${i}/name`, id),
      dataType: parseDataType(field.dataType, `${path}/${i}/dataType`, inStruct),
    };
  });
}

/** Parse one data type; `inStruct` forbids nesting structs, as the platform does. */
export function parseDataType(value: unknown, path: string, inStruct = false): DataType {
  const raw = object(value, path);
  const type = raw.type;
  if (typeof type !== 'string' || !(dataTypeNames as readonly string[]).includes(type)) {
    fail(`${path}/type`, `must be one of ${dataTypeNames.join(', ')}`);
  }
  const specsPath = `${path}/specs`;
  switch (type) {
    case 'int':
    case 'float':
    case 'double': {
      const specs = numericSpecs(raw.specs === undefined ? {} : object(raw.specs, specsPath), specsPath);
      if (type === 'int') {
        for (const key of ['min', 'max', 'step'] as const) {
          const n = specs[key];
          if (n !== undefined && !Number.isInteger(n))
            fail(`${specsPath}/${key}`, 'must be a whole number for an int');
        }
      }
      return { type, specs };
    }
    case 'text': {
      const specs = raw.specs === undefined ? {} : object(raw.specs, specsPath);
      const length =
        specs.length === undefined
          ? tslLimits.maxTextLength
          : positiveInteger(specs.length, `${specsPath}/length`, tslLimits.maxTextLength);
      return { type, specs: { length } };
    }
    case 'date':
      return { type, specs: {} };
    case 'bool': {
      const specs = raw.specs === undefined ? {} : object(raw.specs, specsPath);
      const extra = Object.keys(specs).find((k) => k !== '0' && k !== '1');
      if (extra !== undefined) fail(`${specsPath}/${extra}`, 'a bool has only the labels 0 and 1');
      return {
        type,
        specs: {
          '0': specs['0'] === undefined ? 'off' : text(specs['0'], `${specsPath}/0`),
          '1': specs['1'] === undefined ? 'on' : text(specs['1'], `${specsPath}/1`),
        },
      };
    }
    case 'enum': {
      const specs = labels(object(raw.specs, specsPath), specsPath);
      if (Object.keys(specs).length === 0) fail(specsPath, 'an enum needs at least one value');
      return { type, specs };
    }
    case 'struct': {
      if (inStruct) fail(`${path}/type`, 'structs do not nest');
      const fields = parseFields(raw.specs, specsPath, true);
      if (fields.length === 0) fail(specsPath, 'a struct needs at least one field');
      return { type, specs: fields };
    }
    default: {
      const specs = object(raw.specs, specsPath);
      const size = positiveInteger(specs.size, `${specsPath}/size`, tslLimits.maxArraySize);
      const item = parseDataType(specs.item, `${specsPath}/item`, inStruct);
      if (
        item.type !== 'int' &&
        item.type !== 'float' &&
        item.type !== 'double' &&
        item.type !== 'text' &&
        item.type !== 'struct'
      ) {
        fail(`${specsPath}/item/type`, 'array items must be int, float, double, text or struct');
      }
      return { type: 'array', specs: { size, item: item as ArrayItemType } };
    }
  }
}

function isBuiltIn(raw: unknown): boolean {
  return isObject(raw) && typeof raw.method === 'string' && builtInMethods.has(raw.method);
}

/**
 * Parse and check an Alink thing model. The first problem throws validation_failed whose
 * `field` is the JSON path of the offending value (for example `properties/2/dataType/specs/max`).
 */
export function parseThingModel(input: unknown): ThingModel {
  const root = object(input, '');
  const seen = new Set<string>();
  const properties: Property[] = list(root.properties, 'properties').map((raw, i) => {
    const path = `properties/${i}`;
    const p = object(raw, path);
    const id = identifier(p.identifier, `${path}/identifier`, seen);
    const accessMode = p.accessMode ?? 'rw';
    if (accessMode !== 'r' && accessMode !== 'rw') fail(`${path}/accessMode`, 'must be "r" or "rw"');
    if (p.required !== undefined && typeof p.required !== 'boolean')
      fail(`${path}/required`, 'must be true or false');
    return {
      identifier: id,
      name: text(p.name, `${path}/name`, id),
      accessMode,
      required: p.required === true,
      ...(typeof p.desc === 'string' && p.desc ? { desc: p.desc } : {}),
      dataType: parseDataType(p.dataType, `${path}/dataType`),
    };
  });

  const serviceIds = new Set<string>();
  const services: Service[] = [];
  list(root.services, 'services').forEach((raw, i) => {
    if (isBuiltIn(raw)) return;
    const path = `services/${i}`;
    const s = object(raw, path);
    const id = identifier(s.identifier, `${path}/identifier`, serviceIds);
    const callType = s.callType ?? 'async';
    if (callType !== 'async' && callType !== 'sync') fail(`${path}/callType`, 'must be "async" or "sync"');
    services.push({
      identifier: id,
      name: text(s.name, `${path}/name`, id),
      callType,
      inputData: parseFields(s.inputData, `${path}/inputData`, false),
      outputData: parseFields(s.outputData, `${path}/outputData`, false),
      ...(typeof s.desc === 'string' && s.desc ? { desc: s.desc } : {}),
    });
  });

  const eventIds = new Set<string>();
  const events: ThingEvent[] = [];
  list(root.events, 'events').forEach((raw, i) => {
    if (isBuiltIn(raw)) return;
    const path = `events/${i}`;
    const e = object(raw, path);
    const id = identifier(e.identifier, `${path}/identifier`, eventIds);
    const type = e.type ?? 'info';
    if (type !== 'info' && type !== 'alert' && type !== 'error')
      fail(`${path}/type`, 'must be "info", "alert" or "error"');
    events.push({
      identifier: id,
      name: text(e.name, `${path}/name`, id),
      type,
      outputData: parseFields(e.outputData, `${path}/outputData`, false),
      ...(typeof e.desc === 'string' && e.desc ? { desc: e.desc } : {}),
    });
  });

  if (properties.length + services.length + events.length === 0)
    fail('properties', 'a thing model needs at least one property, service or event');
  const profile =
    isObject(root.profile) && typeof root.profile.productKey === 'string'
      ? { profile: { productKey: root.profile.productKey } }
      : {};
  return { ...profile, properties, services, events };
}
