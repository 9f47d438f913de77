/** The parts of an Alink thing model (TSL) the console reads to build forms; specs may be numbers or digit strings. */

export interface TslDataType {
  type: string;
  specs?: unknown;
}

export interface TslField {
  identifier: string;
  name?: string;
  dataType: TslDataType;
}

export interface TslProperty extends TslField {
  accessMode?: string;
}

export interface TslService {
  identifier: string;
  name?: string;
  inputData?: TslField[];
}

export interface ThingModel {
  properties?: TslProperty[];
  services?: TslService[];
  events?: Array<{ identifier: string; name?: string }>;
}

export interface Product {
  productKey: string;
  name: string;
  category: string;
  thingModel: ThingModel;
  capabilities: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['int', 'float', 'double']);

/** Whether the hub may set this property (Alink: rw, or w in some exports). */
export function isWritable(property: TslProperty): boolean {
  return property.accessMode === undefined || property.accessMode === 'rw' || property.accessMode === 'w';
}

export function isNumeric(field: TslField): boolean {
  return NUMERIC_TYPES.has(field.dataType.type);
}

function specsRecord(dataType: TslDataType): Record<string, unknown> {
  const specs = dataType.specs;
  return specs && typeof specs === 'object' && !Array.isArray(specs)
    ? (specs as Record<string, unknown>)
    : {};
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export interface NumericSpecs {
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
}

export function numericSpecs(dataType: TslDataType): NumericSpecs {
  const specs = specsRecord(dataType);
  const out: NumericSpecs = {};
  const min = num(specs.min);
  const max = num(specs.max);
  const step = num(specs.step);
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  if (step !== undefined) out.step = step;
  else if (dataType.type === 'int') out.step = 1;
  if (typeof specs.unit === 'string' && specs.unit) out.unit = specs.unit;
  return out;
}

/** Labels of an enum (key -> label) or a bool ("0"/"1" -> label). */
export function labelsOf(dataType: TslDataType): Array<[string, string]> {
  return Object.entries(specsRecord(dataType)).map(([key, label]) => [key, String(label)]);
}

export function textLength(dataType: TslDataType): number | undefined {
  return num(specsRecord(dataType).length);
}

/** A field's display name with its identifier when they differ. */
export function fieldLabel(field: { identifier: string; name?: string }): string {
  return field.name && field.name !== field.identifier ? field.name : field.identifier;
}

/** A value as the device reported it, in words: bool and enum values by their label. */
export function describeValue(field: TslField | undefined, value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (field && (field.dataType.type === 'bool' || field.dataType.type === 'enum')) {
    const label = labelsOf(field.dataType).find(([key]) => key === String(value))?.[1];
    if (label !== undefined) return `${label} (${String(value)})`;
  }
  if (field && isNumeric(field)) {
    const unit = numericSpecs(field.dataType).unit;
    return unit ? `${String(value)} ${unit}` : String(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
