/**
 * Colour conversions between Genio's colour (an int 0xRRGGBB) and what Home Assistant lights speak:
 * RGB, hue/saturation (h 0..360, s 0..100) and CIE 1931 xy.
 */

/** An sRGB colour, 0..255 each. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** 0xRRGGBB from RGB. */
export function intFromRgb({ r, g, b }: Rgb): number {
  return (
    (clamp(Math.round(r), 0, 255) << 16) | (clamp(Math.round(g), 0, 255) << 8) | clamp(Math.round(b), 0, 255)
  );
}

/** RGB from 0xRRGGBB. */
export function rgbFromInt(n: number): Rgb {
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** Hue (degrees) and saturation (percent) of an RGB colour; its brightness is the light's own. */
export function hsFromRgb({ r, g, b }: Rgb): { h: number; s: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d) h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: Math.round(((h * 60) % 360) + 360) % 360, s: max ? Math.round((d / max) * 100) : 0 };
}

/** The RGB colour of a hue and saturation at full brightness. */
export function rgbFromHs(h: number, s: number): Rgb {
  const hue = ((h % 360) + 360) % 360;
  const c = clamp(s, 0, 100) / 100;
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = 1 - c;
  const [r, g, b] =
    hue < 60
      ? [c, x, 0]
      : hue < 120
        ? [x, c, 0]
        : hue < 180
          ? [0, c, x]
          : hue < 240
            ? [0, x, c]
            : hue < 300
              ? [x, 0, c]
              : [c, 0, x];
  return { r: Math.round((r + m) * 255), g: Math.round((g + m) * 255), b: Math.round((b + m) * 255) };
}

const linear = (c: number) => {
  const v = c / 255;
  return v > 0.04045 ? ((v + 0.055) / 1.055) ** 2.4 : v / 12.92;
};
const gamma = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);

/** CIE 1931 xy of an sRGB colour (D65); black gives the white point. */
export function xyFromRgb(rgb: Rgb): { x: number; y: number } {
  const [r, g, b] = [linear(rgb.r), linear(rgb.g), linear(rgb.b)];
  const X = r * 0.4124 + g * 0.3576 + b * 0.1805;
  const Y = r * 0.2126 + g * 0.7152 + b * 0.0722;
  const Z = r * 0.0193 + g * 0.1192 + b * 0.9505;
  const sum = X + Y + Z;
  if (sum === 0) return { x: 0.3127, y: 0.329 };
  return { x: Number((X / sum).toFixed(4)), y: Number((Y / sum).toFixed(4)) };
}

/** The brightest sRGB colour with chromaticity xy. */
export function rgbFromXy(x: number, y: number): Rgb {
  if (!(y > 0)) return { r: 255, g: 255, b: 255 };
  const X = x / y;
  const Z = (1 - x - y) / y;
  let r = X * 3.2406 - 1.5372 - Z * 0.4986;
  let g = -X * 0.9689 + 1.8758 + Z * 0.0415;
  let b = X * 0.0557 - 0.204 + Z * 1.057;
  [r, g, b] = [r, g, b].map((c) => Math.max(0, c)) as [number, number, number];
  const max = Math.max(r, g, b, 1e-9);
  [r, g, b] = [r, g, b].map((c) => gamma(c / max)) as [number, number, number];
  return { r: Math.round(r * 255), g: Math.round(g * 255), b: Math.round(b * 255) };
}

/** Read `"r,g,b"`, `"h,s"` or `"x,y"` text; null unless it has exactly n finite numbers. */
export function numberList(value: unknown, n: number): number[] | null {
  if (Array.isArray(value)) value = value.join(',');
  if (typeof value !== 'string') return null;
  const parts = value.split(',').map((p) => Number(p.trim()));
  return parts.length === n && parts.every(Number.isFinite) ? parts : null;
}
