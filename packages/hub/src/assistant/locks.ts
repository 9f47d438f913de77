/**
 * Locks by voice, apart from locking them (command/): what they report when asked ("is the front door
 * locked?", "la porta è chiusa a chiave?", "门锁了吗"), and the rule every voice path keeps — the
 * assistant locks, it never unlocks, whatever asked it (a sentence, a fallback model).
 */
import { type Device, fromDeviceValue } from '../devices/index.js';
import { doorWords, holdsDoor, phrases } from './command/index.js';
import type { Outcome, TurnScope } from './dispatch.js';
import type { SlotValue } from './nlu/recognizer.js';
import { type Mention, sayDone, sayNoValue, sayValue } from './replies/index.js';
import { render } from './responses.js';

/** Whether capability values would unlock something: voice only ever sends a lock "locked". */
export function unlocks(values: Record<string, unknown>): boolean {
  return 'lock' in values && values.lock !== 'locked';
}

/** The locks a question means: the one named, those of a place, those whose names hold the door said, or all. */
async function locksMeant(
  scope: TurnScope,
  slots: Record<string, SlotValue>,
): Promise<Device[] | { missing: string }> {
  const locks: Device[] = [];
  for (const d of scope.context.devices) {
    const product = await scope.devices.products.get(d.productKey);
    if (product.resolved.lock) locks.push(d);
  }
  let found = locks;
  const named = slots.name?.value;
  if (named !== undefined) {
    const ids = new Set(Array.isArray(named) ? (named as string[]) : [String(named)]);
    found = found.filter((d) => ids.has(d.id));
  }
  const area = slots.area?.value;
  if (typeof area === 'string') found = found.filter((d) => d.areaId === area);
  const said = slots.door?.text ?? '';
  const door = said ? doorWords(said, phrases(scope.language), scope.language) : '';
  if (door) found = found.filter((d) => holdsDoor(d, door));
  if (found.length === 0) return { missing: slots.name?.text || said || slots.category?.text || '' };
  return found;
}

/** "Is the front door locked?": each lock meant, in the words of the reply's language. */
export async function queryLocks(
  scope: TurnScope,
  slots: Record<string, SlotValue>,
  mention: (device: Device) => Mention,
): Promise<Outcome> {
  const { responses, language } = scope;
  const found = await locksMeant(scope, slots);
  if (!Array.isArray(found))
    return {
      speech: found.missing
        ? render(responses.not_found, { what: found.missing })
        : (responses.none_able as string),
    };
  const locked: Mention[] = [];
  const unlocked: Mention[] = [];
  const sentences: string[] = [];
  for (const device of found) {
    const product = await scope.devices.products.get(device.productKey);
    const target = product.resolved.lock;
    const raw = target
      ? (await scope.devices.registry.get(device.id)).properties[target.identifier]
      : undefined;
    const said = mention(device);
    const state = target && raw !== undefined ? fromDeviceValue('lock', raw, target) : undefined;
    if (state === 'locked') locked.push(said);
    else if (state === 'unlocked') unlocked.push(said);
    // A state of the lock's own ("Jammed") is said as it labels it; none yet is said too.
    else if (typeof state === 'string') sentences.push(sayValue(responses, language, said, 'lock', state));
    else sentences.push(sayNoValue(responses, language, said, 'lock'));
  }
  const speech = [
    ...(locked.length ? [sayDone(responses, language, 'state_locked', locked)] : []),
    ...(unlocked.length ? [sayDone(responses, language, 'state_unlocked', unlocked)] : []),
    ...sentences,
  ].join(language === 'zh' ? '' : ' ');
  return { speech };
}
