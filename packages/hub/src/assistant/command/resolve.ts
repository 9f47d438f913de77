/**
 * Resolution: a command (model.ts) against one home. The rules a user can trust:
 * - a name or place the home does not have is never widened to something else; the answer says
 *   what was not found and offers the closest real one;
 * - several devices for one name ask "which one?", with the devices' ids;
 * - a verb means what the device kind can do (start a vacuum = its start service, open a cover =
 *   position 100, "half" = 50);
 * - a percent on a property whose unit is already % is the number as said; relative steps come
 *   from the property's range and step, clamped, and the value reached is returned.
 */

import { pinyin } from 'pinyin-pro';
import {
  type CapabilityName,
  type Device,
  fromDeviceValue,
  type ResolvedCapabilities,
} from '../../devices/index.js';
import type { Area } from '../../homes/index.js';
import { editDistance } from '../nlu/edit-distance.js';
import { foldText } from '../nlu/normalize.js';
import type { Command, Property, Target, Value } from './model.js';

/** What resolution reads of a home. */
export interface HomeView {
  devices: readonly Device[];
  areas: readonly Area[];
  capabilities(device: Device): Promise<ResolvedCapabilities>;
  /** The device's property values as last reported. */
  properties(device: Device): Promise<Record<string, unknown>>;
}

/** One thing to do to one device: a capability value (with the value reached), or a service call. */
export interface Operation {
  device: Device;
  capability: CapabilityName;
  value: unknown;
  /** For numbers: the value set, as said back ("set to 60%"). */
  reached?: number;
  property?: Property;
}

/** What a command comes to in a home. */
export type Resolution =
  | { kind: 'act'; operations: Operation[]; devices: Device[] }
  | { kind: 'ask'; choices: Device[] }
  | { kind: 'not_found'; what: string; suggestion?: string }
  | { kind: 'unable'; temperature: boolean }
  /** A reference with nothing before it to refer to. */
  | { kind: 'which' }
  /** Switching many devices of a place or kind at once: asked first. */
  | { kind: 'confirm'; devices: Device[]; unsure?: boolean };

/** Switching this many devices at once by area or "all" is confirmed first. */
export const CONFIRM_AT = 4;

type ResolvedCapability = NonNullable<ResolvedCapabilities[CapabilityName]>;

const PROPERTY_CAPABILITY: Record<Property, CapabilityName> = {
  brightness: 'brightness',
  temperature: 'targetTemperature',
  position: 'position',
};

/** The closest name or place the home really has to words it does not know. */
function closest(words: string, home: HomeView): string | undefined {
  const heard = foldText(words);
  let best: { text: string; d: number } | undefined;
  const names = [
    ...home.devices.flatMap((d) => [d.name, ...d.aliases]),
    ...home.areas.flatMap((a) => [a.name, ...a.aliases]),
  ];
  // Chinese heard wrong is heard by its sound: 抬灯 and 台灯 are both "tai deng".
  const sound = (text: string) => (/\p{Script=Han}/u.test(text) ? pinyin(text, { toneType: 'none' }) : text);
  for (const name of names) {
    const folded = foldText(name);
    const limit = Math.max(1, Math.floor([...heard].length / 2));
    const d = editDistance(folded, heard, limit);
    if (d > limit) continue;
    const score = d + (sound(folded) === sound(heard) ? 0 : 0.5);
    if (!best || score < best.d) best = { text: name, d: score };
  }
  return best?.text;
}

/** The devices one target points at, before capabilities are considered. */
function candidates(
  target: Target,
  home: HomeView,
  previous: readonly string[],
): Device[] | { missing: string } {
  if (target.unknown) return { missing: target.unknown };
  if (target.reference) return home.devices.filter((d) => previous.includes(d.id));
  let devices = [...home.devices];
  if (target.name) {
    devices = devices.filter((d) => target.name?.ids.includes(d.id));
    if (target.area && devices.some((d) => d.areaId === target.area?.id))
      devices = devices.filter((d) => d.areaId === target.area?.id);
    return devices;
  }
  if (target.kind) devices = devices.filter((d) => d.category === target.kind?.value);
  if (target.area) devices = devices.filter((d) => d.areaId === target.area?.id);
  if (devices.length === 0)
    return { missing: [target.kind?.text, target.area?.text].filter(Boolean).join(' ') };
  return devices;
}

function numeric(target: ResolvedCapability): { min?: number; max?: number; step?: number; unit?: string } {
  const t = target.dataType;
  if (!t || (t.type !== 'int' && t.type !== 'float' && t.type !== 'double')) return {};
  const n = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
  const specs = t.specs as Record<string, unknown>;
  return {
    ...(n(specs.min) !== undefined ? { min: n(specs.min) } : {}),
    ...(n(specs.max) !== undefined ? { max: n(specs.max) } : {}),
    ...(n(specs.step) ? { step: n(specs.step) } : {}),
    ...(typeof specs.unit === 'string' ? { unit: specs.unit } : {}),
  };
}

/** The range and step of a capability as the assistant speaks it (percent, or degrees). */
function scale(
  capability: CapabilityName,
  target: ResolvedCapability,
): { min: number; max: number; step: number } {
  const specs = numeric(target);
  if (capability === 'targetTemperature')
    return { min: specs.min ?? 5, max: specs.max ?? 35, step: specs.step ?? 0.5 };
  // A percent property keeps its own ends when its unit is %; any other range is spoken as 0..100.
  if (specs.unit === '%') return { min: specs.min ?? 0, max: specs.max ?? 100, step: 1 };
  return { min: 0, max: 100, step: 1 };
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const onStep = (v: number, base: number, step: number) =>
  Number((base + Math.round((v - base) / step) * step).toFixed(3));

/** The number a value comes to on one device, from what it holds now. */
function amount(
  value: Value,
  capability: CapabilityName,
  target: ResolvedCapability,
  current: unknown,
): number {
  const { min, max, step } = scale(capability, target);
  const percent = capability !== 'targetTemperature';
  let wanted: number;
  if (value.kind === 'absolute') wanted = value.amount;
  else if (value.kind === 'extreme')
    wanted = value.which === 'max' ? max : value.which === 'min' ? min : percent ? 50 : (min + max) / 2;
  else {
    const now = typeof current === 'number' ? current : percent ? 50 : (min + max) / 2;
    const by =
      value.size === 'amount'
        ? (value.amount ?? 1)
        : value.size === 'step'
          ? percent
            ? 10
            : step
          : percent
            ? 10
            : 1;
    wanted = now + value.direction * by;
  }
  return onStep(clamp(wanted, min, max), min, step);
}

/** Which capability a set or adjust means on a device: the property said, the unit said, or what it has. */
function settable(command: Command, caps: ResolvedCapabilities, named: boolean): CapabilityName | undefined {
  const unit = command.value && 'unit' in command.value ? command.value.unit : undefined;
  // "Alza un po' la lampada" may read as raising a cover: a relative or extreme change falls back to
  // what the device has; an absolute number in degrees never becomes a brightness.
  const loose = named && (command.value?.kind !== 'absolute' || unit === 'percent');
  const order: CapabilityName[] = command.property
    ? [
        PROPERTY_CAPABILITY[command.property],
        ...(loose ? (['brightness', 'position', 'targetTemperature'] as CapabilityName[]) : []),
      ]
    : unit === 'degrees'
      ? ['targetTemperature']
      : unit === 'percent'
        ? ['brightness', 'position']
        : ['targetTemperature', 'brightness', 'position'];
  return order.find((c) => caps[c]?.writable);
}

/** What a command does to one device, or null when the device cannot do it. */
async function operation(
  command: Command,
  device: Device,
  home: HomeView,
  named: boolean,
): Promise<Operation | null> {
  const caps = await home.capabilities(device);
  const service = (name: CapabilityName, params: Record<string, unknown> = {}): Operation | null =>
    caps[name] ? { device, capability: name, value: params } : null;
  const where = command.where ? home.areas.find((a) => a.id === command.where?.id)?.name : undefined;
  const position = (value: number): Operation | null =>
    caps.position?.writable
      ? { device, capability: 'position', value, reached: value, property: 'position' }
      : null;
  const power = (on: boolean): Operation | null =>
    caps.power ? { device, capability: 'power', value: on } : null;
  switch (command.action) {
    case 'turn_on':
      return power(true) ?? position(100) ?? service('start');
    case 'turn_off':
      return power(false) ?? position(0) ?? service('dock');
    case 'start':
      return service('start', where ? { area: where } : {}) ?? (named ? power(true) : null);
    case 'pause':
      return service('pause') ?? power(false);
    case 'dock':
      return service('dock');
    case 'open':
    case 'close': {
      if (caps.position?.writable) {
        const value = command.value
          ? amount(command.value, 'position', caps.position, undefined)
          : command.action === 'open'
            ? 100
            : 0;
        return position(value);
      }
      // "Close the ceiling light" (Québec French): what has no position switches.
      return power(command.action === 'open');
    }
    case 'set':
    case 'adjust': {
      const capability = settable(command, caps, named);
      const target = capability ? caps[capability] : undefined;
      if (!capability || !target || !command.value) return null;
      const raw = (await home.properties(device))[target.identifier];
      const current = raw === undefined ? undefined : fromDeviceValue(capability, raw, target);
      const reached = amount(command.value, capability, target, current);
      const property = (Object.entries(PROPERTY_CAPABILITY).find(([, c]) => c === capability)?.[0] ??
        undefined) as Property | undefined;
      return { device, capability, value: reached, reached, ...(property ? { property } : {}) };
    }
  }
}

/** Resolve a command in a home; `previous` are the devices the conversation acted on last. */
export async function resolve(
  command: Command,
  home: HomeView,
  previous: readonly string[] = [],
  options: { confirmed?: boolean; unsure?: boolean } = {},
): Promise<Resolution> {
  const chosen: Device[] = [];
  let broad = false;
  if (command.targets.some((t) => t.reference) && previous.length === 0) return { kind: 'which' };
  for (const target of command.targets) {
    const found = candidates(target, home, previous);
    if (!Array.isArray(found)) {
      const suggestion = closest(found.missing, home);
      return { kind: 'not_found', what: found.missing, ...(suggestion ? { suggestion } : {}) };
    }
    if (target.name && found.length > 1) return { kind: 'ask', choices: found };
    if (!target.name && !target.kind && !target.reference) broad = true;
    for (const d of found) if (!chosen.includes(d)) chosen.push(d);
  }
  // Nothing named ("set the temperature to 22"): the home's devices that can, asked among several.
  const unnamed = command.targets.length === 0;
  const pool = unnamed ? [...home.devices] : chosen;
  const excluded = new Set<string>();
  for (const target of command.except) {
    const found = candidates(target, home, previous);
    if (Array.isArray(found)) for (const d of found) excluded.add(d.id);
  }
  const operations: Operation[] = [];
  for (const device of pool) {
    if (excluded.has(device.id)) continue;
    const op = await operation(command, device, home, !unnamed);
    if (op) operations.push(op);
  }
  if (unnamed && (command.action === 'turn_on' || command.action === 'turn_off'))
    return { kind: 'unable', temperature: false };
  if (operations.length === 0) {
    const temperature =
      command.property === 'temperature' ||
      (command.value as { unit?: string } | undefined)?.unit === 'degrees';
    if (!unnamed && chosen.length > 0)
      return { kind: 'act', operations: [], devices: chosen.filter((d) => !excluded.has(d.id)) };
    return { kind: 'unable', temperature };
  }
  if (unnamed && operations.length > 1) return { kind: 'ask', choices: operations.map((o) => o.device) };
  const many =
    broad &&
    operations.length >= CONFIRM_AT &&
    (command.action === 'turn_on' || command.action === 'turn_off');
  if (many && !options.confirmed) return { kind: 'confirm', devices: operations.map((o) => o.device) };
  // Words recognition was unsure of: several devices switched at once, or covers moved, are asked first.
  const switching = command.action === 'turn_on' || command.action === 'turn_off';
  const moving =
    command.action === 'open' ||
    command.action === 'close' ||
    operations.some((o) => o.capability === 'position');
  if (options.unsure && !options.confirmed && ((switching && operations.length > 1) || moving))
    return { kind: 'confirm', devices: operations.map((o) => o.device), unsure: true };
  return { kind: 'act', operations, devices: operations.map((o) => o.device) };
}
