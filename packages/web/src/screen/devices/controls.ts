import type { DataType, Product } from './types.js';

/** Capabilities shown as a slider. */
export type RangeCapability = 'brightness' | 'position' | 'fanSpeed' | 'colorTemperature';
/** Capabilities shown as − / + buttons. */
export type StepperCapability = 'targetTemperature' | 'freezerTargetTemperature';
/** Capabilities shown as a read-only value. */
export type ReadingCapability = 'currentTemperature' | 'batteryLevel';
/** Capabilities that are services (vacuums). */
export type ServiceCapability = 'start' | 'pause' | 'dock';

/** One control of a tile, derived from the product's capability mapping and thing model. */
export type Control =
  | { kind: 'power'; identifier: string; on: number | boolean; off: number | boolean }
  | {
      kind: 'range';
      capability: RangeCapability;
      identifier: string;
      min: number;
      max: number;
      step: number;
      unit: string;
    }
  | {
      kind: 'choice';
      capability: 'fanSpeed';
      identifier: string;
      options: Array<{ value: number; label: string }>;
    }
  | {
      kind: 'stepper';
      capability: StepperCapability;
      identifier: string;
      min: number;
      max: number;
      step: number;
      unit: string;
    }
  | { kind: 'reading'; capability: ReadingCapability; identifier: string; unit: string }
  | { kind: 'services'; services: Array<{ capability: ServiceCapability; identifier: string }> };

const NUMERIC = new Set(['int', 'float', 'double']);
const ON_WORDS =
  /^(on|power on|turned on|enabled|开|开启|打开|通电|acceso|accesa|attivo|allumé|allumée|marche|activé)$/i;
const OFF_WORDS =
  /^(off|power off|turned off|disabled|关|关闭|断电|spento|spenta|disattivo|éteint|éteinte|arrêt|désactivé)$/i;

const DEFAULT_UNITS: Record<string, string> = {
  brightness: '%',
  position: '%',
  colorTemperature: 'K',
  targetTemperature: '°C',
  freezerTargetTemperature: '°C',
  currentTemperature: '°C',
  batteryLevel: '%',
};

function num(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : fallback;
}

function unitOf(type: DataType, capability: string): string {
  const unit = type.specs?.unit;
  if (typeof unit === 'string' && unit && unit !== 'C' && unit !== '℃') return unit;
  if (unit === 'C' || unit === '℃') return '°C';
  return DEFAULT_UNITS[capability] ?? '';
}

function range(type: DataType, capability: string) {
  const min = num(type.specs?.min, 0);
  const max = num(type.specs?.max, 100);
  const stepRaw = num(type.specs?.step, type.type === 'int' ? 1 : 0.5);
  return {
    min,
    max: max > min ? max : min + 1,
    step: stepRaw > 0 ? stepRaw : 1,
    unit: unitOf(type, capability),
  };
}

function powerValues(type: DataType): { on: number | boolean; off: number | boolean } | null {
  if (type.type === 'bool') return { on: 1, off: 0 };
  if (type.type !== 'enum') return null;
  const entries = Object.entries(type.specs ?? {});
  const on = entries.find(([, label]) => typeof label === 'string' && ON_WORDS.test(label.trim()));
  const off = entries.find(([, label]) => typeof label === 'string' && OFF_WORDS.test(label.trim()));
  return on && off ? { on: Number(on[0]), off: Number(off[0]) } : null;
}

const RANGES: RangeCapability[] = ['brightness', 'position', 'colorTemperature', 'fanSpeed'];
const STEPPERS: StepperCapability[] = ['targetTemperature', 'freezerTargetTemperature'];
const READINGS: ReadingCapability[] = ['currentTemperature', 'batteryLevel'];
const SERVICES: ServiceCapability[] = ['start', 'pause', 'dock'];

/** The controls a tile shows for a product, in a fixed order; capabilities the screen cannot show are left out. */
export function controlsFor(product: Product): Control[] {
  const typeOf = new Map(
    (product.thingModel.properties ?? []).map((p) => [
      p.identifier,
      { type: p.dataType, writable: p.accessMode !== 'r' },
    ]),
  );
  const mapped = (capability: string) => {
    const identifier = product.capabilities[capability];
    const property = identifier ? typeOf.get(identifier) : undefined;
    return identifier && property ? { identifier, ...property } : null;
  };
  const controls: Control[] = [];

  const power = mapped('power');
  const values = power?.writable ? powerValues(power.type) : null;
  if (power && values) controls.push({ kind: 'power', identifier: power.identifier, ...values });

  for (const capability of RANGES) {
    const found = mapped(capability);
    if (!found?.writable) continue;
    if (NUMERIC.has(found.type.type))
      controls.push({
        kind: 'range',
        capability,
        identifier: found.identifier,
        ...range(found.type, capability),
      });
    else if (capability === 'fanSpeed' && found.type.type === 'enum')
      controls.push({
        kind: 'choice',
        capability,
        identifier: found.identifier,
        options: Object.entries(found.type.specs ?? {}).map(([value, label]) => ({
          value: Number(value),
          label: String(label),
        })),
      });
  }
  for (const capability of STEPPERS) {
    const found = mapped(capability);
    if (found?.writable && NUMERIC.has(found.type.type))
      controls.push({
        kind: 'stepper',
        capability,
        identifier: found.identifier,
        ...range(found.type, capability),
      });
  }
  for (const capability of READINGS) {
    const found = mapped(capability);
    if (found && NUMERIC.has(found.type.type))
      controls.push({
        kind: 'reading',
        capability,
        identifier: found.identifier,
        unit: unitOf(found.type, capability),
      });
  }
  const serviceIds = new Set((product.thingModel.services ?? []).map((s) => s.identifier));
  const services = SERVICES.flatMap((capability) => {
    const identifier = product.capabilities[capability];
    return identifier && serviceIds.has(identifier) ? [{ capability, identifier }] : [];
  });
  if (services.length) controls.push({ kind: 'services', services });
  return controls;
}

/** Whether a reported power value means on (a bool may be reported as 1 or true). */
export function isOn(control: Extract<Control, { kind: 'power' }>, value: unknown): boolean {
  if (typeof value === 'boolean') return value === (control.on === 1 || control.on === true);
  return value === control.on;
}
