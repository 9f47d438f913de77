import { GenioError } from '../../errors/index.js';
import type { DataType, NumericDataType } from '../tsl/index.js';
import { normalizeLabel } from './labels.js';
import { colourStructFields, type ResolvedCapability } from './resolve.js';
import { type CapabilityName, capabilitySpecs } from './vocabulary.js';

function wrong(capability: CapabilityName, reason: string): never {
  throw new GenioError('validation_failed', { field: capability, reason });
}

function decimals(step: number): number {
  const text = String(step);
  return text.includes('.') ? (text.split('.')[1] as string).length : 0;
}

/** Round onto the property's step (whole numbers for int). */
function onStep(value: number, t: NumericDataType): number {
  const step = t.specs.step ?? (t.type === 'int' ? 1 : undefined);
  if (step === undefined) return value;
  const base = t.specs.min ?? 0;
  return Number((base + Math.round((value - base) / step) * step).toFixed(decimals(step) + decimals(base)));
}

function numeric(t: DataType | undefined): NumericDataType | null {
  return t && (t.type === 'int' || t.type === 'float' || t.type === 'double') ? t : null;
}

// Percent capabilities use 0..100; a device whose range differs (brightness 0..255, 1..1000) is scaled.
function percentRange(t: NumericDataType): [number, number] {
  return [t.specs.min ?? 0, t.specs.max ?? 100];
}

function asOnOff(capability: CapabilityName, value: unknown): boolean {
  if (value === true || value === 1 || value === 'on' || value === '1') return true;
  if (value === false || value === 0 || value === 'off' || value === '0') return false;
  return wrong(capability, 'must be true or false');
}

function asNumber(capability: CapabilityName, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return wrong(capability, 'must be a number');
}

type Rgb = { r: number; g: number; b: number };

function asRgb(capability: CapabilityName, value: unknown): Rgb {
  if (typeof value === 'string') {
    const m = /^#?([0-9a-f]{6})$/i.exec(value.trim());
    if (m) {
      const n = Number.parseInt(m[1] as string, 16);
      return { r: n >> 16, g: (n >> 8) & 255, b: n & 255 };
    }
  }
  if (typeof value === 'object' && value !== null) {
    const { r, g, b } = value as Record<string, unknown>;
    const ok = [r, g, b].every((c) => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 255);
    if (ok) return { r: r as number, g: g as number, b: b as number };
  }
  return wrong(capability, 'must be "#rrggbb" or { r, g, b } with 0..255 each');
}

function rgbToHsv({ r, g, b }: Rgb): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d) h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return {
    h: Math.round((h * 60 + 360) % 360),
    s: max ? Math.round((d / max) * 100) : 0,
    v: Math.round((max / 255) * 100),
  };
}

function hsvToRgb(h: number, s: number, v: number): Rgb {
  const c = (v / 100) * (s / 100);
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = v / 100 - c;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return { r: Math.round((r + m) * 255), g: Math.round((g + m) * 255), b: Math.round((b + m) * 255) };
}

const hex = ({ r, g, b }: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

function colourToDevice(capability: CapabilityName, value: unknown, t: DataType): unknown {
  const rgb = asRgb(capability, value);
  if (t.type === 'int') return (rgb.r << 16) | (rgb.g << 8) | rgb.b;
  if (t.type === 'text') return hex(rgb);
  const fields = colourStructFields(t);
  if (t.type !== 'struct' || !fields) return wrong(capability, 'the product cannot take a colour');
  const byLower = (name: string) =>
    t.specs.find((f) => f.identifier.toLowerCase() === name)?.identifier as string;
  if (fields[0] === 'r' || fields[0] === 'red') {
    return {
      [byLower(fields[0])]: rgb.r,
      [byLower(fields[1] as string)]: rgb.g,
      [byLower(fields[2] as string)]: rgb.b,
    };
  }
  const hsv = rgbToHsv(rgb);
  return {
    [byLower(fields[0] as string)]: hsv.h,
    [byLower(fields[1] as string)]: hsv.s,
    [byLower(fields[2] as string)]: hsv.v,
  };
}

function enumToDevice(capability: CapabilityName, value: unknown, target: ResolvedCapability): number {
  const t = target.dataType;
  if (t?.type !== 'enum') return wrong(capability, 'the product has no enum for it');
  if (typeof value === 'number' && String(value) in t.specs) return value;
  if (typeof value === 'string') {
    const standard = target.values?.[value];
    if (standard !== undefined) return standard;
    const wanted = normalizeLabel(value);
    const byLabel = Object.entries(t.specs).find(([, label]) => normalizeLabel(label) === wanted);
    if (byLabel) return Number(byLabel[0]);
  }
  const accepted = [...Object.keys(target.values ?? {}), ...Object.values(t.specs)];
  return wrong(capability, `must be one of ${[...new Set(accepted)].join(', ')}`);
}

const fanLevels: Record<string, number> = { low: 1 / 3, medium: 2 / 3, high: 1, turbo: 1 };

/** Convert a capability value (as the assistant and API speak it) to the device's property value. */
export function toDeviceValue(
  capability: CapabilityName,
  value: unknown,
  target: ResolvedCapability,
): unknown {
  const t = target.dataType;
  if (!target.writable) wrong(capability, 'is read-only on this product');
  switch (capabilitySpecs[capability].kind) {
    case 'onOff': {
      const on = asOnOff(capability, value);
      if (t?.type === 'enum') return on ? target.values?.on : target.values?.off;
      return on ? 1 : 0;
    }
    case 'percent': {
      const n = numeric(t);
      const v = asNumber(capability, value);
      if (!n) return v;
      const [min, max] = percentRange(n);
      return onStep(min === 0 && max === 100 ? v : min + (v / 100) * (max - min), n);
    }
    case 'kelvin':
    case 'celsius':
    case 'count': {
      const n = numeric(t);
      const v = asNumber(capability, value);
      return n ? onStep(v, n) : v;
    }
    case 'color':
      return t ? colourToDevice(capability, value, t) : wrong(capability, 'the product cannot take a colour');
    case 'enum': {
      const n = numeric(t);
      if (n) {
        if (typeof value === 'number') return onStep(value, n);
        const level = typeof value === 'string' ? fanLevels[value] : undefined;
        if (level === undefined)
          return wrong(capability, 'must be a number or one of low, medium, high, turbo');
        const [min, max] = [n.specs.min ?? 0, n.specs.max ?? 100];
        return onStep(min + level * (max - min), n);
      }
      return enumToDevice(capability, value, target);
    }
    default:
      return wrong(capability, 'is a service; call it on its own');
  }
}

/** Convert a device's property value to the capability value the assistant speaks about. */
export function fromDeviceValue(
  capability: CapabilityName,
  value: unknown,
  target: ResolvedCapability,
): unknown {
  const t = target.dataType;
  switch (capabilitySpecs[capability].kind) {
    case 'onOff':
      if (t?.type === 'enum') return value === target.values?.on;
      return value === 1 || value === true;
    case 'percent': {
      const n = numeric(t);
      if (!n || typeof value !== 'number') return value;
      const [min, max] = percentRange(n);
      if (min === 0 && max === 100) return value;
      return Math.round(((value - min) / (max - min)) * 100);
    }
    case 'color': {
      if (typeof value === 'number')
        return hex({ r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 });
      if (typeof value === 'string')
        return value.startsWith('#') ? value.toLowerCase() : `#${value.toLowerCase()}`;
      const fields = t ? colourStructFields(t) : null;
      if (!fields || typeof value !== 'object' || value === null) return value;
      const lower = Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), Number(v)]));
      const [a, b, c] = fields.map((f) => lower[f] ?? 0) as [number, number, number];
      return hex(fields[0] === 'r' || fields[0] === 'red' ? { r: a, g: b, b: c } : hsvToRgb(a, b, c));
    }
    case 'enum': {
      if (t?.type !== 'enum') return value;
      const standard = Object.entries(target.values ?? {}).find(([, key]) => key === value);
      return standard ? standard[0] : (t.specs[String(value)] ?? value);
    }
    default:
      return value;
  }
}
