/** What a simulated device gets from the SDK (a subset of @genio/device-sdk's Device). */
export interface SimDevice {
  report(props: Record<string, unknown>): Promise<unknown>;
  onSet(handler: (props: Record<string, unknown>) => void | Promise<void>): void;
  onService(name: string, handler: (params: Record<string, unknown>) => unknown): void;
  emit(event: string, params: Record<string, unknown>): Promise<unknown>;
}

/** A kind of simulated device: its product definition and its behaviour. */
export interface Simulator {
  kind: string;
  category: string;
  productName: string;
  thingModel: Record<string, unknown>;
  capabilities?: Record<string, string>;
  /** Start behaving; returns a function that stops timers. `tickMs` scales how often state drifts. */
  run(device: SimDevice, options: { tickMs: number; random: () => number }): () => void;
}

const num = (type: 'int' | 'float', min: number, max: number, step: number, unit?: string) => ({
  type,
  specs: { min: String(min), max: String(max), step: String(step), ...(unit ? { unit } : {}) },
});

/** Helpers to write thing models compactly. */
export const tsl = {
  bool: (identifier: string, name: string, accessMode: 'r' | 'rw' = 'rw') => ({
    identifier,
    name,
    accessMode,
    dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
  }),
  int: (
    identifier: string,
    name: string,
    min: number,
    max: number,
    unit?: string,
    accessMode: 'r' | 'rw' = 'rw',
  ) => ({
    identifier,
    name,
    accessMode,
    dataType: num('int', min, max, 1, unit),
  }),
  float: (
    identifier: string,
    name: string,
    min: number,
    max: number,
    step: number,
    unit?: string,
    accessMode: 'r' | 'rw' = 'rw',
  ) => ({
    identifier,
    name,
    accessMode,
    dataType: num('float', min, max, step, unit),
  }),
  enumeration: (
    identifier: string,
    name: string,
    labels: readonly string[],
    accessMode: 'r' | 'rw' = 'rw',
  ) => ({
    identifier,
    name,
    accessMode,
    dataType: { type: 'enum', specs: Object.fromEntries(labels.map((l, i) => [String(i), l])) },
  }),
  service: (identifier: string, name: string) => ({
    identifier,
    name,
    callType: 'async',
    inputData: [],
    outputData: [],
  }),
};

/** Keep a value inside [min, max] and on a step. */
export function clamp(value: number, min: number, max: number, step = 1): number {
  const stepped = Math.round(value / step) * step;
  return Math.min(max, Math.max(min, Number(stepped.toFixed(4))));
}
