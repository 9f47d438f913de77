import type { DataType, NumericDataType } from '../tsl/types.js';
import { numericType, onStep, rangeOf, rescale } from './numbers.js';

/** A colour as red, green and blue, 0..255 each. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

type Component = 'r' | 'g' | 'b' | 'h' | 's' | 'v';

const componentNames: Record<Component, readonly string[]> = {
  r: ['r', 'red'],
  g: ['g', 'green'],
  b: ['b', 'blue'],
  h: ['h', 'hue'],
  s: ['s', 'sat', 'saturation'],
  v: ['v', 'value', 'brightness'],
};
// Hue in degrees, saturation and value in percent, unless the struct field says otherwise.
const naturalRange: Record<Component, readonly [number, number]> = {
  r: [0, 255],
  g: [0, 255],
  b: [0, 255],
  h: [0, 360],
  s: [0, 100],
  v: [0, 100],
};

/** A struct that carries a colour: its model and, per component, the field that holds it. */
export interface ColourStruct {
  model: 'rgb' | 'hsv';
  fields: Array<{ component: Component; identifier: string; type: NumericDataType }>;
}

/** How a struct carries a colour (RGB preferred over HSV), or null when it does not. */
export function colourStruct(t: DataType): ColourStruct | null {
  if (t.type !== 'struct') return null;
  const find = (component: Component) => {
    const field = t.specs.find((f) => componentNames[component].includes(f.identifier.toLowerCase()));
    const type = numericType(field?.dataType);
    return field && type ? { component, identifier: field.identifier, type } : null;
  };
  for (const [model, components] of [
    ['rgb', ['r', 'g', 'b']],
    ['hsv', ['h', 's', 'v']],
  ] as const) {
    const fields = components.map(find);
    if (fields.every((f) => f !== null)) return { model, fields };
  }
  return null;
}

/** Why a data type cannot carry a colour, or null when it can. */
export function colourProblem(t: DataType): string | null {
  if (t.type === 'int')
    return (t.specs.min ?? 0) <= 0 && (t.specs.max ?? 0xffffff) >= 0xffffff
      ? null
      : 'needs the range 0..16777215 for 0xRRGGBB';
  if (t.type === 'text') return t.specs.length >= 7 ? null : 'needs a length of 7 or more for "#rrggbb"';
  if (t.type === 'struct')
    return colourStruct(t) ? null : 'needs Red/Green/Blue or Hue/Saturation/Value fields';
  return 'needs int 0xRRGGBB, text "#rrggbb" or an RGB/HSV struct';
}

const byte = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 255;

/** Read "#rrggbb" (the # is optional) or { r, g, b }; null when the value is neither. */
export function parseColour(value: unknown): Rgb | null {
  if (typeof value === 'string') {
    const m = /^#?([0-9a-f]{6})$/i.exec(value.trim());
    return m ? rgbOfInt(Number.parseInt(m[1] as string, 16)) : null;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { r, g, b } = value as Record<string, unknown>;
    return byte(r) && byte(g) && byte(b) ? { r, g, b } : null;
  }
  return null;
}

/** 0xRRGGBB as red, green and blue. */
export function rgbOfInt(n: number): Rgb {
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** "#rrggbb" in lower case. */
export function hexOf({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Hue in degrees, saturation and value in percent, unrounded. */
function hsvOf({ r, g, b }: Rgb): Record<'h' | 's' | 'v', number> {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  let h = 0;
  if (d) h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s: max ? (d / max) * 100 : 0, v: (max / 255) * 100 };
}

function rgbOfHsv(h: number, s: number, v: number): Rgb {
  const f = (n: number) => {
    const k = (n + (((h % 360) + 360) % 360) / 60) % 6;
    return Math.round((v / 100) * (1 - (s / 100) * Math.max(0, Math.min(k, 4 - k, 1))) * 255);
  };
  return { r: f(5), g: f(3), b: f(1) };
}

/** The device's form of a colour, for a data type colourProblem accepts. */
export function colourToDevice(rgb: Rgb, t: DataType): unknown {
  if (t.type === 'int') return (rgb.r << 16) | (rgb.g << 8) | rgb.b;
  if (t.type === 'text') return hexOf(rgb);
  const struct = colourStruct(t);
  if (!struct) return undefined;
  const natural: Record<Component, number> = { ...rgb, ...hsvOf(rgb) };
  return Object.fromEntries(
    struct.fields.map(({ component, identifier, type }) => [
      identifier,
      onStep(
        rescale(natural[component], naturalRange[component], rangeOf(type, naturalRange[component])),
        type,
      ),
    ]),
  );
}

/** "#rrggbb" for a device's colour value, or undefined when it cannot be read as one. */
export function colourFromDevice(value: unknown, t: DataType | undefined): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return hexOf(rgbOfInt(value));
  if (typeof value === 'string') {
    const rgb = parseColour(value);
    return rgb ? hexOf(rgb) : undefined;
  }
  const struct = t && colourStruct(t);
  if (!struct || typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const parts: Partial<Record<Component, number>> = {};
  for (const { component, identifier, type } of struct.fields) {
    const n = raw[identifier];
    if (typeof n !== 'number') return undefined;
    parts[component] = rescale(n, rangeOf(type, naturalRange[component]), naturalRange[component]);
  }
  const { r = 0, g = 0, b = 0, h = 0, s = 0, v = 0 } = parts;
  const clamp = (c: number) => Math.min(255, Math.max(0, Math.round(c)));
  return hexOf(struct.model === 'rgb' ? { r: clamp(r), g: clamp(g), b: clamp(b) } : rgbOfHsv(h, s, v));
}
