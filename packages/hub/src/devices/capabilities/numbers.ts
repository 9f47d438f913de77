import type { DataType, NumericDataType } from '../tsl/types.js';

/** The data type when it is int, float or double. */
export function numericType(t: DataType | undefined): NumericDataType | undefined {
  return t && (t.type === 'int' || t.type === 'float' || t.type === 'double') ? t : undefined;
}

function decimals(n: number): number {
  const text = String(n);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Round onto the property's step counted from its min, as the TSL validator checks it; an int
 * without a step rounds to a whole number. Fixed decimals keep 0.1 steps from drifting in binary.
 */
export function onStep(value: number, t: NumericDataType): number {
  const step = t.specs.step || (t.type === 'int' ? 1 : undefined);
  if (step === undefined) return value;
  const base = t.specs.min ?? 0;
  const stepped = base + Math.round((value - base) / step) * step;
  return Number(stepped.toFixed(Math.max(decimals(step), decimals(base))));
}

/** Map a value linearly from one range onto another. */
export function rescale(
  value: number,
  [fromMin, fromMax]: readonly [number, number],
  [toMin, toMax]: readonly [number, number],
): number {
  if (fromMax === fromMin) return toMin;
  return toMin + ((value - fromMin) / (fromMax - fromMin)) * (toMax - toMin);
}

/** A numeric type's range, with a fallback for ends the model leaves open. */
export function rangeOf(t: NumericDataType, fallback: readonly [number, number]): [number, number] {
  return [t.specs.min ?? fallback[0], t.specs.max ?? fallback[1]];
}

/** A colour temperature property counted in mireds (a million over the kelvin), as Zigbee lamps count it. */
export function inMireds(t: NumericDataType): boolean {
  return /^(mireds?|mireks?|mirek)$/i.test(String(t.specs.unit ?? '').trim());
}

/** Kelvin to mireds and back: the same million-over conversion both ways. */
export const flipKelvin = (value: number): number => Math.round(1_000_000 / value);

/** The kelvin range of a colour temperature property, whichever way it counts. */
export function kelvinRange(t: NumericDataType, fallback: readonly [number, number]): [number, number] {
  if (!inMireds(t)) return rangeOf(t, fallback);
  const [low, high] = rangeOf(t, [flipKelvin(fallback[1]), flipKelvin(fallback[0])]);
  return [flipKelvin(high), flipKelvin(low)];
}
