/**
 * What a recognition means once the words are read, independent of which sentence matched:
 * curtains are opened and closed by position, and a question about a device that names what it
 * asks about ("how cold is the fridge", "Robbie还有多少电") gets that attribute even when the
 * sentence that matched had no slot for it.
 */
import type { CueName, Cues } from './frames.js';
import { tokenize } from './normalize.js';
import type { Recognition } from './recognizer.js';

const COVERS = new Set(['curtain']);
/** Words that make "the fridge" the compartment, not the appliance: "the fridge compartment". */
const COMPARTMENT_WORDS = new Set(['compartment', 'compartiment', 'scomparto', 'vano']);
const CLIMATE = new Set(['airConditioner', 'thermostat', 'heater', 'fridge']);

function mentions(tokens: readonly string[], phrases: readonly (readonly string[])[] | undefined): boolean {
  return (phrases ?? []).some((phrase) =>
    tokens.some((_, i) => phrase.every((word, k) => tokens[i + k] === word)),
  );
}

const attributeCues: Array<[CueName, string]> = [
  ['battery', 'batteryLevel'],
  ['temperature', 'currentTemperature'],
  ['degrees', 'currentTemperature'],
  ['brightness', 'brightness'],
];

export function refine(
  recognition: Recognition,
  tokens: readonly string[],
  cues: Cues,
  isCategoryWord: (text: string) => boolean = () => true,
): Recognition {
  const { intent, slots } = recognition;
  // "Start another timer", "再设一个5分钟的计时器": little words are no timer's name.
  const named = slots.timer_name;
  if (named && tokenize(named.text).every((word) => mentions([word], cues.stopword))) {
    const { timer_name: _, ...rest } = slots;
    return { ...recognition, slots: rest };
  }
  if ((intent === 'device.turn_on' || intent === 'device.turn_off') && !slots.name) {
    const category = slots.category?.value;
    if (typeof category === 'string' && COVERS.has(category)) {
      // "开一半", "à moitié", "halfway": opened half.
      const open = mentions(tokens, cues.halfway) ? 50 : intent === 'device.turn_on' ? 100 : 0;
      return {
        ...recognition,
        intent: 'device.set_position',
        slots: { ...slots, position: { value: open, text: '' } },
      };
    }
  }
  const position = slots.position?.value;
  if (
    intent === 'device.set_position' &&
    (position === 100 || position === 0) &&
    mentions(tokens, cues.halfway)
  )
    return { ...recognition, slots: { ...slots, position: { value: 50, text: slots.position?.text ?? '' } } };
  // "Ferme le plafonnier", "ouvre la lumière" (Québec): closing and opening what has no position switches it.
  if (intent === 'device.set_position' && !slots.name) {
    const category = slots.category?.value;
    const position = slots.position?.value;
    if (typeof category === 'string' && !COVERS.has(category) && (position === 0 || position === 100)) {
      const { position: _, ...rest } = slots;
      return { ...recognition, intent: position === 100 ? 'device.turn_on' : 'device.turn_off', slots: rest };
    }
  }
  // "Metti il clima su freddo": warm and cold for a climate device are its heat and cool modes.
  if (
    intent === 'device.set_color_temperature' &&
    typeof slots.category?.value === 'string' &&
    CLIMATE.has(slots.category.value)
  ) {
    const warmth = Number(slots.warmth?.value);
    const mode = warmth <= 3500 ? 'heat' : warmth >= 5000 ? 'cool' : null;
    if (mode && slots.warmth) {
      const { warmth: said, ...rest } = slots;
      return {
        ...recognition,
        intent: 'device.set_mode',
        slots: { ...rest, mode: { value: mode, text: said.text } },
      };
    }
  }
  // "Set the air conditioner to 22.5": a bare number for a climate device is a temperature.
  if (
    intent === 'device.set_brightness' &&
    typeof slots.category?.value === 'string' &&
    CLIMATE.has(slots.category.value)
  ) {
    const { brightness, ...rest } = slots;
    if (brightness)
      return {
        ...recognition,
        intent: 'device.set_temperature',
        slots: { ...rest, temperature: brightness },
      };
  }
  // Asked about or told to "the fridge", people mean the appliance, whose value is its fridge compartment's.
  if (
    (intent === 'device.query' || intent === 'device.set_temperature') &&
    slots.compartment?.value === 'fridge' &&
    !slots.name &&
    !slots.category &&
    isCategoryWord(slots.compartment.text) &&
    !tokens.some((t) => COMPARTMENT_WORDS.has(t))
  ) {
    const { compartment, ...rest } = slots;
    return refine(
      { ...recognition, slots: { ...rest, category: { ...compartment, value: 'fridge' } } },
      tokens,
      cues,
      isCategoryWord,
    );
  }
  if (intent === 'device.query' && !slots.attribute) {
    // The words of the name say nothing of what is asked: 电水壶 (kettle) holds 电 (charge).
    const named = tokenize(slots.name?.text ?? '').join('');
    const at = named ? tokens.join('').indexOf(named) : -1;
    let outside: readonly string[] = tokens;
    if (at >= 0) {
      let seen = 0;
      outside = tokens.filter((t) => {
        const start = seen;
        seen += t.length;
        return start < at || start >= at + named.length;
      });
    }
    for (const [cue, attribute] of attributeCues)
      if (mentions(outside, cues[cue]))
        return { ...recognition, slots: { ...slots, attribute: { value: attribute, text: '' } } };
  }
  return recognition;
}
