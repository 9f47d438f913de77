import type { CapabilityName, CapabilityState } from './types.js';

/**
 * Which control the screen draws for which capability. Only presentation lives here: what a
 * capability can take (bounds, units, words, read-only) comes from the hub's capability states.
 */
type Numeric = Extract<CapabilityState, { type: 'number' }>;

/** Capabilities shown as a slider. */
export type RangeCapability = 'brightness' | 'position' | 'fanSpeed' | 'colorTemperature';
/** Capabilities shown as − / + buttons. */
export type StepperCapability = 'targetTemperature' | 'freezerTargetTemperature' | 'targetHumidity';
/** Capabilities shown as a read-only value. */
export type ReadingCapability = 'currentTemperature' | 'currentHumidity' | 'co2' | 'batteryLevel';
/** On/off capabilities other than power, shown as a switch of their own. */
export type ToggleCapability = 'oscillation';
/** A door lock: its state, with a button that locks or unlocks (the screen may unlock; the assistant never does). */
export type LockCapability = 'lock';
/** Capabilities that are services (vacuums). */
export type ServiceCapability = 'start' | 'pause' | 'dock';

type Bounds = Pick<Numeric, 'min' | 'max' | 'step' | 'unit'>;

/** One control of a tile. */
export type Control =
  | { kind: 'power'; capability: 'power' }
  | { kind: 'toggle'; capability: ToggleCapability }
  | { kind: 'lock'; capability: LockCapability; writable: boolean }
  | ({ kind: 'range'; capability: RangeCapability } & Bounds)
  | { kind: 'choice'; capability: 'fanSpeed'; options: string[] }
  | ({ kind: 'stepper'; capability: StepperCapability } & Bounds)
  | { kind: 'reading'; capability: ReadingCapability; unit: string }
  | { kind: 'services'; services: ServiceCapability[] };

const RANGES: RangeCapability[] = ['brightness', 'position', 'colorTemperature', 'fanSpeed'];
const STEPPERS: StepperCapability[] = ['targetTemperature', 'freezerTargetTemperature', 'targetHumidity'];
const READINGS: ReadingCapability[] = ['currentTemperature', 'currentHumidity', 'co2', 'batteryLevel'];
const TOGGLES: ToggleCapability[] = ['oscillation'];
const SERVICES: ServiceCapability[] = ['start', 'pause', 'dock'];

const bounds = ({ min, max, step, unit }: Numeric): Bounds => ({ min, max, step, unit });

/** The controls a tile shows, in a fixed order; capabilities the screen cannot show are left out. */
export function controlsFor(states: readonly CapabilityState[]): Control[] {
  const of = new Map(states.map((state) => [state.name, state]));
  const writable = (name: CapabilityName) => {
    const state = of.get(name);
    return state?.writable ? state : undefined;
  };
  const controls: Control[] = [];
  if (writable('power')?.type === 'boolean') controls.push({ kind: 'power', capability: 'power' });
  const lock = of.get('lock');
  if (lock?.type === 'enum') controls.push({ kind: 'lock', capability: 'lock', writable: lock.writable });
  for (const capability of TOGGLES)
    if (writable(capability)?.type === 'boolean') controls.push({ kind: 'toggle', capability });
  for (const capability of RANGES) {
    const state = writable(capability);
    if (state?.type === 'number') controls.push({ kind: 'range', capability, ...bounds(state) });
    else if (state?.type === 'enum' && capability === 'fanSpeed')
      controls.push({ kind: 'choice', capability, options: state.options });
  }
  for (const capability of STEPPERS) {
    const state = writable(capability);
    if (state?.type === 'number') controls.push({ kind: 'stepper', capability, ...bounds(state) });
  }
  for (const capability of READINGS) {
    const state = of.get(capability);
    if (state?.type === 'number') controls.push({ kind: 'reading', capability, unit: state.unit });
  }
  const services = SERVICES.filter((capability) => of.get(capability)?.type === 'service');
  if (services.length) controls.push({ kind: 'services', services });
  return controls;
}
