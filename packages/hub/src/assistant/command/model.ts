/**
 * The command model: what a request asks for, as recognition understood it, before anything is
 * known of the home's devices. Targets are what was said (a name heard, a kind, a place, "all",
 * "it"); resolve.ts decides which devices they are.
 */
import type { Language } from '../../errors/index.js';
import type { TaskName } from './tasks.js';

/** What to do. `set` and `adjust` name the property they change. */
export type Action =
  | 'turn_on'
  | 'turn_off'
  | 'set'
  | 'adjust'
  | 'open'
  | 'close'
  | 'start'
  | 'pause'
  | 'dock'
  /** A door locked: the assistant locks by voice. */
  | 'lock'
  /** A door unlocked, asked by voice: never carried out (anyone at the door could say it). */
  | 'unlock';

/** The property a value is for, when the words say it. */
export type Property =
  | 'brightness'
  | 'temperature'
  | 'position'
  | 'fanSpeed'
  | 'colorTemperature'
  | 'humidity'
  /** A fan's swing: switched on and off, never set to a number. */
  | 'oscillation';

/** One thing the request points at, as said. */
export interface Target {
  /** A name heard: the ids of the names it matched (several when names are shared), the words, and whether they were only close to it. */
  name?: { ids: string[]; text: string; misheard?: boolean };
  /** A kind of device: "the lights" (a category), or an appliance kind of kinds.ts ("the coffee machine"). */
  kind?: { value: string; text: string };
  /** A kind the verb implies, nothing named ("make me a coffee" is the coffee machine): one device, asked among several. */
  implied?: boolean;
  /** A place: "in the attic". */
  /** `misheard`: the place was only close in spelling to one the home has ("halfway" for "hallway"). */
  area?: { id: string; text: string; misheard?: true };
  /**
   * The words that tell one door from another ("front" of "the front door", "ingresso" of "la porta
   * d'ingresso", 前 of 前门), said with a lock's verb: only locks whose names hold them.
   */
  door?: string;
  /** Words that name a device or place the home does not have ("the garage", "抬灯"). */
  unknown?: string;
  /** "Everything", "all the lights". */
  all?: boolean;
  /** "It", "them", "la", "它": the targets of the previous request. */
  reference?: boolean;
}

/** A value as said. */
export type Value =
  | { kind: 'absolute'; amount: number; unit?: 'percent' | 'degrees' }
  /** "a bit brighter" (bit), "up a notch" (step), "two degrees warmer" (amount and unit). */
  | {
      kind: 'relative';
      direction: 1 | -1;
      size: 'bit' | 'step' | 'amount';
      amount?: number;
      unit?: 'percent' | 'degrees';
      /** No size said at all ("lower the blinds"): a cover goes to its end, anything else one step. */
      bare?: boolean;
    }
  | { kind: 'extreme'; which: 'max' | 'min' | 'half' }
  /** A standard value word: a fan speed ("high"), later modes and colours. */
  | { kind: 'word'; word: string };

/** A request for devices. */
export interface Command {
  action: Action;
  property?: Property;
  targets: Target[];
  except: Target[];
  value?: Value;
  /** "Actually, make it 22": the previous request with this value. */
  correction?: boolean;
  /** "And the blinds as well": the previous request on these targets. */
  followUp?: boolean;
  /** "Lamp on at 30 percent": an on-verb said with the value; a device that is off is switched on too. */
  switchOn?: true;
  /** "艾琳房间的也开一下", "and in the veranda too, please turn them on": a place alone with "also", what was meant before there. */
  alsoThere?: boolean;
  /** "Sorry, I meant the towel warmer": the previous request was for these targets instead. */
  retarget?: boolean;
  /** "Everything in the laundry": every device of a place; a place alone ("the garage") is its lights. */
  everything?: boolean;
  /** A verb for what a device does ("brew", "mow the lawn", "roll out"): only the capabilities of tasks.ts carry it. */
  task?: TaskName;
  /** "Both desk lamps", "tutte e due", "两个…都": every device of a shared name, not a question. */
  both?: boolean;
  /** "Don't unlock the door", "non chiudere a chiave": a lock's request said with a negation; nothing moves. */
  declined?: boolean;
  /** Where the cleaning goes, for a vacuum's start ("vacuum the attic"). */
  where?: { id: string; text: string };
  language: Language;
}
