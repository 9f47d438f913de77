/**
 * A parsed Alink thing model (TSL). Spec values arrive as strings in Alink JSON; here they are
 * numbers, and the model serialises back to JSON that parseThingModel accepts again.
 */

/** The numeric data types. */
export type NumericType = 'int' | 'float' | 'double';

/** A numeric type with its range, step and unit. */
export interface NumericDataType {
  type: NumericType;
  specs: { min?: number; max?: number; step?: number; unit?: string; unitName?: string };
}

/** Text of at most `length` characters. */
export interface TextDataType {
  type: 'text';
  specs: { length: number };
}

/** A UTC time in milliseconds, carried as a string of digits. */
export interface DateDataType {
  type: 'date';
  specs: Record<string, never>;
}

/** 0 or 1, each with a label. */
export interface BoolDataType {
  type: 'bool';
  specs: { '0': string; '1': string };
}

/** An integer value from a closed set, each with a label. */
export interface EnumDataType {
  type: 'enum';
  specs: Record<string, string>;
}

/** A flat record of named fields (structs do not nest). */
export interface StructDataType {
  type: 'struct';
  specs: Field[];
}

/** Types an array may hold. */
export type ArrayItemType = NumericDataType | TextDataType | StructDataType;

/** Up to `size` items of one type. */
export interface ArrayDataType {
  type: 'array';
  specs: { size: number; item: ArrayItemType };
}

/** Any TSL data type. */
export type DataType =
  | NumericDataType
  | TextDataType
  | DateDataType
  | BoolDataType
  | EnumDataType
  | StructDataType
  | ArrayDataType;

/** The names of the TSL data types. */
export const dataTypeNames = [
  'int',
  'float',
  'double',
  'text',
  'date',
  'bool',
  'enum',
  'struct',
  'array',
] as const;
/** One of the TSL data type names. */
export type DataTypeName = (typeof dataTypeNames)[number];

/** A named, typed value: a struct field, a service input or output, an event output. */
export interface Field {
  identifier: string;
  name: string;
  dataType: DataType;
}

/** A property of a thing; `r` properties cannot be set from the hub. */
export interface Property extends Field {
  accessMode: 'r' | 'rw';
  required: boolean;
  desc?: string;
}

/** A service the hub can invoke on a device. */
export interface Service {
  identifier: string;
  name: string;
  callType: 'async' | 'sync';
  inputData: Field[];
  outputData: Field[];
  desc?: string;
}

/** An event a device raises. */
export interface ThingEvent {
  identifier: string;
  name: string;
  type: 'info' | 'alert' | 'error';
  outputData: Field[];
  desc?: string;
}

/** A whole thing model. */
export interface ThingModel {
  profile?: { productKey?: string };
  properties: Property[];
  services: Service[];
  events: ThingEvent[];
}

/** Limits from the Alink platform that Genio keeps. */
export const tslLimits = {
  maxTextLength: 10240,
  maxArraySize: 512,
  maxPropertiesPerMessage: 200,
  maxIdentifierLength: 50,
} as const;

/** Identifiers that collide with Alink topic and message words. */
export const reservedIdentifiers: ReadonlySet<string> = new Set([
  'set',
  'get',
  'post',
  'property',
  'event',
  'time',
  'value',
]);
