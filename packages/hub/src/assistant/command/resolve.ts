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
  kelvinRange,
  type ResolvedCapabilities,
} from '../../devices/index.js';
import type { Area } from '../../homes/index.js';
import { editDistance } from '../nlu/edit-distance.js';
import { foldText, tokenize } from '../nlu/normalize.js';
import { deviceKind, isKind, type Kind, kindIn } from './kinds.js';
import type { Command, Property, Target, Value } from './model.js';
import { LIGHT_WORDS, phrases } from './phrases.js';
import { isPluralOf } from './plural.js';
import { doorWords } from './read-lock.js';
import { taskSpecs } from './tasks.js';

/** What resolution reads of a home. */
export interface HomeView {
  devices: readonly Device[];
  areas: readonly Area[];
  capabilities(device: Device): Promise<ResolvedCapabilities>;
  /** The device's property values as last reported. */
  properties(device: Device): Promise<Record<string, unknown>>;
  /** What the device's product says of itself (its name, its services' names): its kind when its names do not tell. */
  describe?(device: Device): Promise<string[]>;
}

/** One thing to do to one device: a capability value (with the value reached), or a service call. */
export interface Operation {
  device: Device;
  capability: CapabilityName;
  value: unknown;
  /** For numbers: the value set, as said back ("set to 60%"). */
  reached?: number;
  /** For a fan speed: the speed reached as a reply says it ("4", "high"). */
  speed?: string;
  property?: Property;
  /** The appliance the device is (kinds.ts), when anything tells. */
  kind?: Kind;
  /** A speed set on a fan or hood that is off switches it on as well ("the extractor on speed 3"). */
  alsoOn?: true;
  /** The device already reports what was asked (a lock already locked): nothing is sent, the reply says so. */
  already?: true;
}

/** What a command comes to in a home. */
export type Resolution =
  | { kind: 'act'; operations: Operation[]; devices: Device[] }
  | { kind: 'ask'; choices: Device[] }
  | { kind: 'not_found'; what: string; suggestion?: string }
  /** A device named with a place it is not in ("the TV in Leo's room"): where it really is. */
  | { kind: 'not_there'; what: string; area: string; where: string }
  | { kind: 'unable'; temperature: boolean }
  /** A reference with nothing before it to refer to. */
  | { kind: 'which' }
  /**
   * Asked first: switching many devices of a place or kind at once, or — when the words were heard
   * with doubt (a name found by its sound, speech recognised with low confidence) — anything that
   * switches several devices or opens a cover.
   */
  | { kind: 'confirm'; devices: Device[]; operations: Operation[]; unsure?: boolean }
  /** Unlocking asked by voice ("unlock the door", "open the front door lock"): never done, anyone at the door could say it. */
  | { kind: 'refused' }
  /** A request said with a negation ("don't unlock the door"): nothing to do. */
  | { kind: 'declined' };

/** Switching this many devices at once by area or "all" is confirmed first. */
export const CONFIRM_AT = 4;

type ResolvedCapability = NonNullable<ResolvedCapabilities[CapabilityName]>;

const PROPERTY_CAPABILITY: Record<Property, CapabilityName> = {
  brightness: 'brightness',
  temperature: 'targetTemperature',
  position: 'position',
  fanSpeed: 'fanSpeed',
  colorTemperature: 'colorTemperature',
  humidity: 'targetHumidity',
  oscillation: 'oscillation',
};

/** How words sound: Chinese by its toneless pinyin, anything else as written (folded). */
const sound = (text: string) =>
  /\p{Script=Han}/u.test(text) ? pinyin(foldText(text), { toneType: 'none' }) : foldText(text);

/** The closest name or place the home really has to words it does not know. */
function closest(words: string, home: HomeView): string | undefined {
  const heard = foldText(words);
  let best: { text: string; d: number } | undefined;
  const names = [
    ...home.devices.flatMap((d) => [d.name, ...d.aliases]),
    ...home.areas.flatMap((a) => [a.name, ...a.aliases]),
  ];
  // Chinese heard wrong is heard by its sound: 抬灯 and 台灯 are both "tai deng".
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

/**
 * Chinese heard wrong: the devices whose name sounds exactly like the words heard (掉灯 is 吊灯,
 * 抬灯 is 台灯, tones aside), in the place said when one is. Never a guess by spelling alone.
 */
function soundsLike(target: Target, home: HomeView): Device[] {
  const heard = target.unknown ?? '';
  if (!/\p{Script=Han}/u.test(heard)) return [];
  const said = sound(heard);
  let found = home.devices.filter((d) => [d.name, ...d.aliases].some((n) => sound(n) === said));
  if (target.area && found.some((d) => d.areaId === target.area?.id))
    found = found.filter((d) => d.areaId === target.area?.id);
  return found;
}

/** A Chinese name heard with other characters of the very same sound (咖啡鸡 for 咖啡机): heard, not guessed. */
function heardByItsSound(target: Target, home: HomeView): boolean {
  const said = target.name?.text ?? '';
  if (!/\p{Script=Han}/u.test(said)) return false;
  return home.devices.some(
    (d) => target.name?.ids.includes(d.id) && [d.name, ...d.aliases].some((n) => sound(n) === sound(said)),
  );
}

/** Words that make a cover a way in (a garage door, a gate): moved only when it is named. */
const ENTRANCE_WORDS =
  /\b(door|gate|garage|shop|storefront|porta|portone|cancello|serranda|saracinesca|basculante|negozio|porte|portail|boutique|rideau metallique)\b|门|店/iu;

/**
 * A door or gate: never moved by a kind, a place or "everything" ("close all the blinds" must
 * not close the garage door its maker filed as a curtain), only by its name.
 */
function isEntrance(device: Device): boolean {
  return (
    device.category === 'curtain' &&
    [device.name, ...device.aliases].some((n) => ENTRANCE_WORDS.test(foldText(n)))
  );
}

/**
 * Whether a lock's names hold the words that tell its door apart: "front" of "the front door" in
 * "Front door lock", "ingresso" in "Serratura d'ingresso", 前 of 前门 in 前门锁.
 */
export function holdsDoor(device: Device, door: string): boolean {
  const wanted = tokenize(door);
  return [device.name, ...device.aliases].some((n) => {
    const words = tokenize(n);
    return /\p{Script=Han}/u.test(door)
      ? words.join('').includes(wanted.join(''))
      : wanted.every((w) => words.includes(w));
  });
}

/**
 * A target of a lock's request said in words the home does not know ("…and the back door too" after
 * "lock the front door"): the locks whose names hold the words that tell that door apart.
 */
function asDoor(target: Target, command: Command): Target {
  if (command.action !== 'lock' || target.unknown === undefined || target.name || target.kind) return target;
  const { unknown, ...rest } = target;
  const door = doorWords(unknown, phrases(command.language), command.language);
  return { ...rest, kind: { value: 'lock', text: unknown }, ...(door ? { door } : {}) };
}

/** Devices whose name or alias holds every word of `words` ("skylight" in "skylight blind"). */
function partOfName(words: string, home: HomeView): Device[] {
  const wanted = foldText(words)
    .split(/\s+/)
    .filter((w) => w.length > 2);
  if (wanted.length === 0) return [];
  return home.devices.filter((d) =>
    [d.name, ...d.aliases].some((n) => {
      const name = foldText(n);
      return wanted.every((w) => name.includes(w));
    }),
  );
}

/** A relay or switch its household calls a light ("utility light", "luce della lavanderia") is one of "the lights". */
function namedALight(device: Device, target: Target): boolean {
  return (
    target.kind?.value === 'light' &&
    device.category === 'switch' &&
    [device.name, ...device.aliases].some((n) => LIGHT_WORDS.test(foldText(n)))
  );
}

const COLD_WORDS =
  /\b(?:fridge|freezer|refrigerator|frigo|frigorifero|congelatore|refrigerateur|congelateur|cantinetta|wine cooler|cave a vin)\b|冰箱|冰柜|冷柜|酒柜/u;
const RUNNING_KINDS = new Set<Kind>([
  'washer',
  'dishwasher',
  'dryer',
  'vacuum',
  'mower',
  'feeder',
  'waterHeater',
]);

/** What "everything off" leaves running: what keeps food cold, a cycle under way, a robot, hot water. */
function keepsRunning(device: Device, kind: Kind | undefined): boolean {
  if (device.category === 'fridge' || device.category === 'vacuum') return true;
  if (kind && RUNNING_KINDS.has(kind)) return true;
  return [device.name, ...device.aliases].some((n) => COLD_WORDS.test(foldText(n)));
}

/** A TV or a projector its maker filed as a switch: never one of a place's lights. */
const SCREEN_WORDS =
  /\b(?:tv|telly|television|televisore|televisione|tivu|tele|televiseur|projector|proiettore|projecteur|videoprojecteur)\b|电视|投影/u;
function aScreen(device: Device): boolean {
  const names = [device.name, ...device.aliases].map((n) => foldText(n));
  return names.some((n) => SCREEN_WORDS.test(n) && !LIGHT_WORDS.test(n));
}

/** What a place alone switches ("turn off the garage"): its lights, as a household means it. */
const SWITCHED_WITH_THE_PLACE = new Set(['light', 'switch']);

/**
 * Words that only one place's name holds ("Leo" of "Leo's room", "nonni" of "camera dei nonni", 乐乐
 * of 乐乐房间): "Leo's fan", "l'abat-jour dei nonni" are in that place. Never a word two places share.
 */
function placeByPart(words: string, home: HomeView): Area | undefined {
  const heard = foldText(words).replace(/'s$/, '').trim();
  if ([...heard].length < 2) return undefined;
  const holds = (name: string) => {
    const folded = foldText(name);
    return /\p{Script=Han}/u.test(heard)
      ? folded.includes(heard)
      : folded.split(/[\s'-]+/).some((w) => w === heard || w === `${heard}'s`);
  };
  const places = home.areas.filter((a) => [a.name, ...a.aliases].some(holds));
  return places.length === 1 ? places[0] : undefined;
}

/** The devices one target points at, before capabilities are considered. */
function candidates(
  target: Target,
  home: HomeView,
  previous: readonly string[],
  scope: { placeMeansLights?: boolean; kinds: ReadonlyMap<string, Kind | undefined> },
): Device[] | { missing: string } | { notThere: string; area: string; where: string } {
  if (target.unknown && !target.area) {
    const place = placeByPart(target.unknown, home);
    if (place && (target.name || target.kind))
      return candidates(
        { ...target, unknown: undefined, area: { id: place.id, text: target.unknown } },
        home,
        previous,
        scope,
      );
  }
  if (target.unknown) {
    const heard = soundsLike(target, home);
    return heard.length > 0 ? heard : { missing: target.unknown };
  }
  if (target.reference) return home.devices.filter((d) => previous.includes(d.id));
  let devices = [...home.devices];
  if (target.name) {
    devices = devices.filter((d) => target.name?.ids.includes(d.id));
    // "Turn off the TV in Leo's room" when the only TV is in the dining room: that TV is not meant.
    if (target.area) {
      const here = devices.filter((d) => d.areaId === target.area?.id);
      const elsewhere = home.areas.find((a) => a.id === devices[0]?.areaId);
      // A place only close in spelling ("open the curtains halfway" near a hallway) moves nothing away.
      if (here.length === 0 && !target.area.misheard)
        return devices.length === 1 && elsewhere
          ? { notThere: target.name.text, area: target.area.text, where: elsewhere.name }
          : { missing: `${target.name.text} (${target.area.text})` };
      if (here.length > 0) devices = here;
    }
    // "The light in the sauna" where "sauna" names the stove: a kind said with a name is a device of
    // that kind (a plug or relay may carry a lamp), never the named device of another kind.
    const kind = target.kind?.value;
    if (kind && kind !== 'vacuum') {
      const ofKind = devices.filter(
        (d) =>
          d.category === kind || (kind === 'light' && (d.category === 'plug' || d.category === 'switch')),
      );
      if (ofKind.length === 0) return { missing: `${target.kind?.text} ${target.name.text}` };
      devices = ofKind;
    }
    return devices;
  }
  devices = devices.filter((d) => !isEntrance(d));
  // An appliance kind is what the device is ("the coffee machine"); "the vacuum" never reaches a mower.
  const kind = target.kind?.value;
  if (kind !== undefined)
    devices = devices.filter((d) =>
      isKind(kind)
        ? scope.kinds.get(d.id) === kind
        : (d.category === kind && !otherAppliance(kind, scope.kinds.get(d.id))) || namedALight(d, target),
    );
  // "The front door": the locks whose names hold "front", never every lock.
  const door = target.door;
  if (door !== undefined) devices = devices.filter((d) => holdsDoor(d, door));
  if (target.area) devices = devices.filter((d) => d.areaId === target.area?.id);
  if (target.area && !target.kind && scope.placeMeansLights)
    devices = devices.filter(
      (d) =>
        d.category === 'light' ||
        (SWITCHED_WITH_THE_PLACE.has(d.category) && !scope.kinds.get(d.id) && !aScreen(d)),
    );
  if (devices.length === 0)
    return { missing: [target.kind?.text, target.area?.text].filter(Boolean).join(' ') };
  return devices;
}

/**
 * A device filed under a category but known by its names as another appliance: "turn on the AC" is
 * not for a sauna stove or a humidifier its maker filed as an air conditioner (a heat pump still is).
 */
function otherAppliance(category: string, kind: Kind | undefined): boolean {
  if (kind === undefined) return false;
  return !(category === 'airConditioner' && kind === 'heater');
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
  if (capability === 'colorTemperature') {
    const t = target.dataType;
    if (t && (t.type === 'int' || t.type === 'float' || t.type === 'double')) {
      // A lamp counted in mireds is spoken in kelvin all the same; its step is the device's business.
      const [min, max] = kelvinRange(t, [2700, 6500]);
      return { min, max, step: specs.unit && /^mi/i.test(specs.unit) ? 1 : (specs.step ?? 1) };
    }
    return { min: 2700, max: 6500, step: 1 };
  }
  // A percent property keeps its own ends when its unit is %; any other range is spoken as 0..100.
  if (specs.unit === '%') return { min: specs.min ?? 0, max: specs.max ?? 100, step: 1 };
  return { min: 0, max: 100, step: 1 };
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const onStep = (v: number, base: number, step: number) =>
  Number((base + Math.round((v - base) / step) * step).toFixed(3));

/** The number a value comes to on one device, from what it holds now. */
function amount(
  value: Exclude<Value, { kind: 'word' }>,
  capability: CapabilityName,
  target: ResolvedCapability,
  current: unknown,
): number {
  const { min, max, step } = scale(capability, target);
  const percent = capability !== 'targetTemperature' && capability !== 'colorTemperature';
  // Kelvin: "a bit" and "a notch" are a tenth of the lamp's range.
  const tenth = capability === 'colorTemperature' ? (max - min) / 10 : undefined;
  let wanted: number;
  if (value.kind === 'absolute') wanted = value.amount;
  else if (value.kind === 'relative' && value.bare && capability === 'position')
    wanted = value.direction > 0 ? max : min;
  else if (value.kind === 'extreme')
    wanted = value.which === 'max' ? max : value.which === 'min' ? min : percent ? 50 : (min + max) / 2;
  else {
    const now = typeof current === 'number' ? current : percent ? 50 : (min + max) / 2;
    const by =
      value.size === 'amount'
        ? (value.amount ?? 1)
        : (tenth ?? (value.size === 'step' ? (percent ? 10 : step) : percent ? 10 : 1));
    wanted = now + value.direction * by;
  }
  return onStep(clamp(wanted, min, max), min, step);
}

/** An enum's keys in order, each with the number its label carries ("level_3" -> 3), if any. */
function levels(target: ResolvedCapability): Array<{ key: number; label: string; n?: number }> {
  const specs = (target.dataType?.specs ?? {}) as Record<string, unknown>;
  return Object.entries(specs)
    .map(([key, label]) => {
      const digits = String(label).match(/\d+/g);
      return {
        key: Number(key),
        label: String(label),
        ...(digits?.length === 1 ? { n: Number(digits[0]) } : {}),
      };
    })
    .filter((l) => Number.isInteger(l.key))
    .sort((a, b) => a.key - b.key);
}

/**
 * A fan speed from a value: a number is a level ("speed 4"), steps move one level, extremes are the
 * first and last level; on an enum the levels are its labels in order. What the device takes and
 * what the reply says.
 */
function fanSpeed(
  value: Value,
  target: ResolvedCapability,
  raw: unknown,
): { value: unknown; said: string } | null {
  if (value.kind === 'word') return { value: value.word, said: value.word };
  if (target.dataType?.type === 'enum') {
    const list = levels(target);
    if (list.length === 0) return null;
    // Standard words (auto) are no level: "up a notch" moves among the others.
    const standard = new Map(Object.entries(target.values ?? {}).map(([word, key]) => [key, word]));
    const ladder = list.filter((l) => standard.get(l.key) !== 'auto');
    const at = ladder.findIndex((l) => l.key === raw);
    let index: number;
    if (value.kind === 'absolute') {
      const byLabel = ladder.findIndex((l) => l.n === value.amount);
      index = byLabel >= 0 ? byLabel : value.amount - 1;
      if (index < 0 || index >= ladder.length) return null;
    } else if (value.kind === 'extreme')
      index =
        value.which === 'max'
          ? ladder.length - 1
          : value.which === 'min'
            ? 0
            : Math.floor((ladder.length - 1) / 2);
    else {
      const by = value.size === 'amount' ? (value.amount ?? 1) : 1;
      index = clamp(Math.max(at, 0) + value.direction * by, 0, ladder.length - 1);
    }
    const level = ladder[index] as { key: number; label: string; n?: number };
    return { value: level.key, said: standard.get(level.key) ?? String(level.n ?? index + 1) };
  }
  const specs = numeric(target);
  const min = specs.min ?? 1;
  const max = specs.max ?? 3;
  const step = specs.step ?? 1;
  let wanted: number;
  if (value.kind === 'absolute') wanted = value.amount;
  else if (value.kind === 'extreme')
    wanted = value.which === 'max' ? max : value.which === 'min' ? min : (min + max) / 2;
  else {
    const now = typeof raw === 'number' ? raw : min;
    const by = value.size === 'amount' ? (value.amount ?? 1) : 1;
    // On a 0..100 speed a step is a tenth; on levels (1..5, 1..12) it is one level.
    wanted =
      now + value.direction * by * (max - min >= 20 && value.size !== 'amount' ? (max - min) / 10 : step);
  }
  const reached = onStep(clamp(wanted, min, max), min, step);
  return { value: reached, said: String(reached) };
}

/** Warm and cool words said of a lamp with a colour temperature and no set point. */
function warmthOfLight(command: Command, caps: ResolvedCapabilities): boolean {
  const unit = command.value && 'unit' in command.value ? command.value.unit : undefined;
  return (
    command.property === 'temperature' &&
    unit !== 'degrees' &&
    command.value?.kind !== 'absolute' &&
    !caps.targetTemperature?.writable &&
    caps.colorTemperature?.writable === true
  );
}

function warmthAsKelvin(value: Exclude<Value, { kind: 'word' }>): Exclude<Value, { kind: 'word' }> {
  if (value.kind === 'relative') return { ...value, direction: value.direction === 1 ? -1 : 1 };
  if (value.kind === 'extreme' && value.which !== 'half')
    return { ...value, which: value.which === 'max' ? 'min' : 'max' };
  return value;
}

/** Which capability a set or adjust means on a device: the property said, the unit said, or what it has. */
function settable(
  command: Command,
  caps: ResolvedCapabilities,
  named: boolean,
  category?: string,
): CapabilityName | undefined {
  const unit = command.value && 'unit' in command.value ? command.value.unit : undefined;
  // "Alza un po' la lampada" may read as raising a cover: a relative or extreme change falls back to
  // what the device has; an absolute number in degrees never becomes a brightness.
  // A humidity is never mistaken for anything else: a lamp told "45 percent humidity" stays as it is.
  const loose =
    named && command.property !== 'humidity' && (command.value?.kind !== 'absolute' || unit === 'percent');
  // A speed word ("high") is only ever a fan speed.
  if (command.value?.kind === 'word') return caps.fanSpeed?.writable ? 'fanSpeed' : undefined;
  // "A warmer light", "più calda la luce": on a lamp that has no set point, warmth is its colour temperature.
  if (named && warmthOfLight(command, caps)) return 'colorTemperature';
  // "Turn the fan up a notch": a fan's own change is its speed, not the light it may carry.
  if (
    !command.property &&
    command.value?.kind !== 'absolute' &&
    caps.fanSpeed?.writable &&
    category === 'fan'
  )
    return 'fanSpeed';
  const order: CapabilityName[] = command.property
    ? [
        PROPERTY_CAPABILITY[command.property],
        ...(loose ? (['brightness', 'position', 'targetTemperature', 'fanSpeed'] as CapabilityName[]) : []),
      ]
    : unit === 'degrees'
      ? ['targetTemperature']
      : unit === 'percent'
        ? ['brightness', 'position']
        : ['targetTemperature', 'brightness', 'position', 'fanSpeed'];
  return order.find((c) => caps[c]?.writable);
}

/** A robot that is sent to a place to work (a vacuum, a mower), not one that works where it stands. */
function sentTo(kind: Kind | undefined, device: Device): boolean {
  return kind === 'vacuum' || kind === 'mower' || (kind === undefined && device.category === 'vacuum');
}

/** What a command does to one device (with the appliance it is), or null when the device cannot do it. */
async function operation(
  command: Command,
  device: Device,
  home: HomeView,
  named: boolean,
  kinds: ReadonlyMap<string, Kind | undefined>,
): Promise<Operation | null> {
  const kind = kinds.get(device.id);
  const op = await operationOn(command, device, home, named, kind);
  return op && kind ? { ...op, kind } : op;
}

async function operationOn(
  command: Command,
  device: Device,
  home: HomeView,
  named: boolean,
  kind: Kind | undefined,
): Promise<Operation | null> {
  const caps = await home.capabilities(device);
  // A lock is only ever locked by voice: "turn off everything", "open", "close all" never reach it.
  if (caps.lock || command.action === 'lock' || command.action === 'unlock')
    return command.action === 'lock' ? lockOperation(device, caps, home) : null;
  // An awning comes down as it goes out: "lower the awning", "abbassa la tenda da sole", "把遮阳篷放下来" extend it.
  // Only a named awning: "abbassa tutte le tapparelle" rolls it in with the blinds.
  if (
    named &&
    command.value?.kind === 'relative' &&
    (!command.property || command.property === 'position') &&
    (kind ?? [device.name, ...device.aliases].map((n) => kindIn(n)).find(Boolean)) === 'awning'
  )
    command = { ...command, value: { ...command.value, direction: command.value.direction === 1 ? -1 : 1 } };
  const service = (name: CapabilityName, params: Record<string, unknown> = {}): Operation | null =>
    caps[name] ? { device, capability: name, value: params } : null;
  const where = command.where ? home.areas.find((a) => a.id === command.where?.id)?.name : undefined;
  const position = (value: number): Operation | null =>
    caps.position?.writable
      ? { device, capability: 'position', value, reached: value, property: 'position' }
      : null;
  const power = (on: boolean): Operation | null =>
    caps.power ? { device, capability: 'power', value: on } : null;
  const ends = (): Operation | null =>
    caps.position?.writable
      ? position(
          command.value && command.value.kind !== 'word'
            ? amount(command.value, 'position', caps.position, undefined)
            : command.action === 'open'
              ? 100
              : 0,
        )
      : null;
  // A task is carried only by its own capabilities, on a device of its kind ("Pepito, make me a
  // coffee" does not send the mower out; "power up the blinds" moves no blind).
  if (command.task) {
    const spec = taskSpecs[command.task];
    if (spec.kind && (spec.strict || kind !== undefined) && kind !== spec.kind) return null;
    for (const need of spec.needs) {
      const op =
        need === 'start'
          ? service('start', where && spec.where ? { area: where } : {})
          : need === 'power'
            ? // Power starts an appliance only when it is that appliance (a washer behind its plug).
              spec.kind && kind !== spec.kind
              ? null
              : power(command.action !== 'turn_off' && command.action !== 'close')
            : need === 'position'
              ? ends()
              : null;
      if (op) return op;
    }
    return null;
  }
  // A fan's swing is switched on its own; nothing else is moved for it.
  if (command.property === 'oscillation')
    return caps.oscillation?.writable
      ? { device, capability: 'oscillation', value: command.action !== 'turn_off' }
      : null;
  switch (command.action) {
    case 'turn_on':
      return power(true) ?? (named ? (position(100) ?? service('start')) : null);
    case 'turn_off':
      return power(false) ?? (named ? (position(0) ?? service('dock')) : null);
    case 'start':
      // Only a robot that goes somewhere is sent to a place; a sprinkler starts where it stands.
      return (
        service('start', where && sentTo(kind, device) ? { area: where } : {}) ?? (named ? power(true) : null)
      );
    case 'pause':
      return service('pause') ?? power(false);
    case 'dock':
      return service('dock');
    case 'lock':
    case 'unlock':
      return null;
    case 'open':
    case 'close': {
      if (caps.position?.writable) return ends();
      // "Close the ceiling light" (Québec French): what has no position switches, when it is named.
      return named ? power(command.action === 'open') : null;
    }
    case 'set':
    case 'adjust': {
      const capability = settable(command, caps, named, device.category);
      const target = capability ? caps[capability] : undefined;
      if (!capability || !target || !command.value) return null;
      const reported = await home.properties(device);
      const raw = reported[target.identifier];
      if (capability === 'fanSpeed') {
        const speed = fanSpeed(command.value, target, raw);
        const state = caps.power ? reported[caps.power.identifier] : undefined;
        const off =
          caps.power?.writable === true &&
          state !== undefined &&
          fromDeviceValue('power', state, caps.power) === false;
        return speed
          ? {
              device,
              capability,
              value: speed.value,
              speed: speed.said,
              property: 'fanSpeed',
              ...(off ? { alsoOn: true as const } : {}),
            }
          : null;
      }
      if (command.value.kind === 'word') return null;
      const current = raw === undefined ? undefined : fromDeviceValue(capability, raw, target);
      // Warmer light is fewer kelvin: the words' direction turns round on a colour temperature.
      const value = warmthOfLight(command, caps) ? warmthAsKelvin(command.value) : command.value;
      const reached = amount(value, capability, target, current);
      const property = (Object.entries(PROPERTY_CAPABILITY).find(([, c]) => c === capability)?.[0] ??
        undefined) as Property | undefined;
      const state = caps.power ? reported[caps.power.identifier] : undefined;
      const switchOn =
        command.switchOn === true &&
        capability !== 'power' &&
        caps.power?.writable === true &&
        (state === undefined || fromDeviceValue('power', state, caps.power) === false);
      return {
        device,
        capability,
        value: reached,
        reached,
        ...(property ? { property } : {}),
        ...(switchOn ? { alsoOn: true as const } : {}),
      };
    }
  }
}

/** Of devices sharing a name, the only one a switch would change (the only one on, for "off"). */
async function onlyOneToSwitch(
  found: readonly Device[],
  command: Command,
  home: HomeView,
): Promise<Device | undefined> {
  const want = command.action === 'turn_on';
  const changing: Device[] = [];
  for (const d of found) {
    const power = (await home.capabilities(d)).power;
    if (!power) return undefined;
    const raw = (await home.properties(d))[power.identifier];
    if (raw === undefined) return undefined;
    if (fromDeviceValue('power', raw, power) !== want) changing.push(d);
  }
  return changing.length === 1 ? changing[0] : undefined;
}

const switchingVerb = (command: Command) => command.action === 'turn_on' || command.action === 'turn_off';

/** Locking a lock; one that already reports locked gets nothing sent. */
async function lockOperation(
  device: Device,
  caps: ResolvedCapabilities,
  home: HomeView,
): Promise<Operation | null> {
  const lock = caps.lock;
  if (!lock?.writable) return null;
  const raw = (await home.properties(device))[lock.identifier];
  const already = raw !== undefined && fromDeviceValue('lock', raw, lock) === 'locked';
  return { device, capability: 'lock', value: 'locked', ...(already ? { already: true as const } : {}) };
}

/** Resolve a command in a home; `previous` are the devices the conversation acted on last. */
export async function resolve(
  command: Command,
  home: HomeView,
  previous: readonly string[] = [],
  options: { confirmed?: boolean; unsure?: boolean; spoken?: boolean } = {},
): Promise<Resolution> {
  if (command.declined) return { kind: 'declined' };
  // Never by voice: whoever stands at the door could say it.
  if (command.action === 'unlock') return { kind: 'refused' };
  const chosen: Device[] = [];
  let broad = false;
  // What each device is, read only when the request is about kinds or what devices do.
  const kinds = new Map<string, Kind | undefined>();
  const aboutKinds =
    command.task !== undefined ||
    ['start', 'pause', 'dock'].includes(command.action) ||
    // A category too: "the AC" is not a sauna stove its maker filed as one (otherAppliance).
    [...command.targets, ...command.except].some((t) => t.kind !== undefined && t.kind.value !== 'light') ||
    command.everything === true ||
    // A place alone switches its lights, and a relay filed as a switch may be a TV's.
    (switchingVerb(command) && command.targets.some((t) => t.area && !t.kind));
  if (aboutKinds)
    for (const d of home.devices)
      kinds.set(d.id, await deviceKind(d, async () => (await home.describe?.(d)) ?? []));
  const unsure = options.unsure ?? false;
  let bySound = false;
  const direct = new Set<string>();
  if (command.targets.some((t) => t.reference) && previous.length === 0) return { kind: 'which' };
  const switching = command.action === 'turn_on' || command.action === 'turn_off';
  const placeMeansLights = switching && !command.everything;
  for (const said of command.targets) {
    const target = asDoor(said, command);
    const found = candidates(target, home, previous, { placeMeansLights, kinds });
    // A kind only implied ("make me a coffee" in a home without a coffee machine): nothing can do it.
    if (!Array.isArray(found) && target.implied) return { kind: 'unable', temperature: false };
    if (!Array.isArray(found) && 'notThere' in found)
      return { kind: 'not_there', what: found.notThere, area: found.area, where: found.where };
    if (!Array.isArray(found)) {
      const suggestion = closest(found.missing, home);
      return { kind: 'not_found', what: found.missing, ...(suggestion ? { suggestion } : {}) };
    }
    // Implied by a task: the devices of the kind that can do it; asked among several.
    const able: Device[] = [];
    if (target.implied)
      for (const d of found) if (await operation(command, d, home, true, kinds)) able.push(d);
    if (target.implied && able.length === 0) return { kind: 'unable', temperature: false };
    if (target.implied && able.length > 1) return { kind: 'ask', choices: able };
    // "Both desk lamps", "the desk lamps": every device of the shared name; "the desk lamp" asks which.
    const every =
      command.both ||
      (target.name !== undefined &&
        found.every((d) => isPluralOf(target.name?.text ?? '', [d.name, ...d.aliases], command.language)));
    // "Turn off the bedside lamp" when only one of the two is on: that one; otherwise, which?
    const only =
      switching && target.name && !every && found.length > 1
        ? await onlyOneToSwitch(found, command, home)
        : undefined;
    if (only) found.splice(0, found.length, only);
    if ((target.name || target.unknown) && found.length > 1 && !every) return { kind: 'ask', choices: found };
    // Chinese heard by its sound alone (抬灯 for 台灯, 咖啡鸡 for 咖啡机): acted on, but a cover is not opened on it.
    if (target.unknown || (target.name?.misheard && heardByItsSound(target, home))) bySound = true;
    if (!target.name && !target.kind && !target.reference) broad = true;
    for (const d of found) if (!chosen.includes(d)) chosen.push(d);
    // Named (or pointed back at): what the words said of the device itself, not of its place.
    if (target.name || target.reference || target.unknown) for (const d of found) direct.add(d.id);
  }
  // "Open the front door lock", "turn on the lock": opening a lock is unlocking it.
  if ((command.action === 'open' || command.action === 'turn_on') && chosen.length > 0) {
    let locks = 0;
    for (const d of chosen) if ((await home.capabilities(d)).lock) locks++;
    if (locks === chosen.length) return { kind: 'refused' };
  }
  // Nothing named ("set the temperature to 22"): the home's devices that can, asked among several.
  // "Lock up", "锁门": every lock.
  const unnamed = command.targets.length === 0;
  const locking = command.action === 'lock';
  // "Set it to 21" without the "it" ("打开空调" then "调到21度"): the devices of the last request come first.
  let pool = unnamed ? [...home.devices] : chosen;
  let narrowed = false;
  if (
    unnamed &&
    !locking &&
    previous.length > 0 &&
    command.action !== 'turn_on' &&
    command.action !== 'turn_off'
  ) {
    const last = home.devices.filter((d) => previous.includes(d.id));
    const able: Device[] = [];
    for (const d of last) if (await operation(command, d, home, true, kinds)) able.push(d);
    if (able.length > 0) {
      pool = able;
      narrowed = true;
    }
  }
  const excluded = new Set<string>();
  for (const target of command.except) {
    // "…mais laisse la lampe lune de Léo allumée": the name said is left out, whatever else came with it.
    // Words it does not know said with a place or kind ("sauf celle de la chambre d'hôtes, les clients…")
    // leave that place or kind out all the same.
    const found = candidates(
      target.name || target.area || target.kind ? { ...target, unknown: undefined } : target,
      home,
      previous,
      {
        kinds,
      },
    );
    if (Array.isArray(found)) for (const d of found) excluded.add(d.id);
    // "All the blinds except the skylight one": words that are part of a name leave that device out;
    // leaving out too much is the safe side of an exception.
    else if (target.unknown) for (const d of partOfName(target.unknown, home)) excluded.add(d.id);
  }
  const operations: Operation[] = [];
  for (const device of pool) {
    if (excluded.has(device.id)) continue;
    // "Everything off" is not the fridge, a wash half done or a robot out on the lawn, unless named.
    if (command.everything && !direct.has(device.id) && keepsRunning(device, kinds.get(device.id))) continue;
    // A place or a kind ("everything in the greenhouse", "make the nursery warmer") reaches what each
    // device plainly does: no cover closed for "off", no lamp dimmed for "warmer".
    const op = await operation(command, device, home, direct.has(device.id) || narrowed, kinds);
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
  if (unnamed && !narrowed && !locking && operations.length > 1)
    return { kind: 'ask', choices: operations.map((o) => o.device) };
  // "Everything off" said outright is meant: switching off is the safe way, and it is not asked again.
  const many =
    broad &&
    operations.length >= CONFIRM_AT &&
    (command.action === 'turn_on' || (command.action === 'turn_off' && !command.everything));
  if (many && !options.confirmed)
    return { kind: 'confirm', devices: operations.map((o) => o.device), operations };
  // Heard with doubt: any act is asked first, a single switch or value too ("twenty" heard as "ten").
  const opens = operations.some((o) => o.capability === 'position' && Number(o.value) > 0);
  // A name only close in spelling ("cucina" for "lucina") is a guess: asked, whatever it would do.
  const guessed = command.targets.some((t) => t.name?.misheard && !heardByItsSound(t, home));
  // Heard, not typed: "switch off the plug" may be "switch off the porch lamp" heard wrong with full
  // confidence, so a kind said without "all" that reaches several devices is asked first.
  // Locking more doors than meant is the safe side: never asked for that.
  const heardBulk =
    options.spoken === true &&
    !locking &&
    operations.length > 1 &&
    !command.everything &&
    !command.both &&
    command.targets.every((t) => !t.name && !t.reference);
  // Heard, not typed: "turn the wall light on" heard as "turn the blinds on" with full confidence
  // opened the curtains; a cover opened by a kind word heard by ear is asked first.
  const heardOpen = options.spoken === true && opens && command.targets.every((t) => !t.name && !t.reference);
  if (!options.confirmed && (guessed || unsure || (bySound && opens) || heardBulk || heardOpen))
    return { kind: 'confirm', devices: operations.map((o) => o.device), operations, unsure: true };
  return { kind: 'act', operations, devices: operations.map((o) => o.device) };
}
