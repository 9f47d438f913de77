/**
 * Kinds of device that settings are said to ("the telly", "l'enceinte", "灯带"): the appliance kinds
 * of command/kinds.ts (a washer, a coffee machine, a mower, a feeder) and the ones only settings
 * need (a TV, a speaker, an LED strip, a grow light, a pet flap). A device's kinds come from its own
 * names, else from its product's name; nothing is guessed from a category.
 */
import type { Device } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { kindIn, kindNouns } from '../command/kinds.js';
import { tokenize } from '../nlu/normalize.js';

/** Kinds only settings need, and the words for them. */
const own: Record<string, Record<Language, string[]>> = {
  tv: {
    en: ['tv', 'television', 'telly', 'tele', 'tv set'],
    it: ['tv', 'televisione', 'televisore', 'tivù', 'tele'],
    fr: ['télé', 'télévision', 'téléviseur', 'tv', 'poste de télé'],
    zh: ['电视', '电视机'],
  },
  speaker: {
    en: ['speaker', 'smart speaker', 'soundbar', 'sound bar', 'stereo', 'speakers'],
    it: ['cassa', 'casse', 'altoparlante', 'cassa bluetooth', 'soundbar', 'stereo'],
    fr: ['enceinte', 'haut-parleur', 'barre de son', 'chaîne hi-fi'],
    zh: ['音箱', '音响', '喇叭', '回音壁', '智能音箱'],
  },
  strip: {
    en: ['led strip', 'light strip', 'lightstrip', 'strip', 'led tape'],
    it: ['striscia led', 'striscia', 'strip led', 'striscia luminosa'],
    fr: ['ruban led', 'bande led', 'ruban lumineux', 'ruban'],
    zh: ['灯带', '灯条'],
  },
  growLight: {
    en: ['grow light', 'grow lamp', 'plant light', 'grow lights'],
    it: ['lampada per piante', 'luce per piante', 'lampada di coltivazione', 'luce di coltivazione'],
    fr: ['lampe horticole', 'lampe de culture', 'lampe pour plantes'],
    zh: ['植物灯', '补光灯', '植物生长灯'],
  },
  flap: {
    en: ['pet flap', 'cat flap', 'dog flap', 'pet door', 'dog door', 'cat door', 'flap'],
    it: ['gattaiola', 'porta per cani', 'porticina', 'basculante per cani'],
    fr: ['chatière', 'porte pour chien', 'trappe', 'trappe pour chien'],
    zh: ['猫门', '狗门', '宠物门'],
  },
  coffee: {
    en: [],
    it: ['macchinetta', 'macchina da caffè', 'macchina espresso'],
    fr: ['machine expresso', 'expresso'],
    zh: ['咖啡机', '咖啡'],
  },
  feeder: {
    en: ['food dispenser', 'cat feeder', 'dog feeder'],
    it: ['distributore di crocchette', 'dispenser', 'ciotola automatica'],
    fr: ['distributeur', 'distributeur de croquettes', 'gamelle'],
    zh: ['喂食器', '喂食机', '自动喂食器', '喂粮机'],
  },
};

interface Noun {
  kind: string;
  words: string[];
}

const tok = (list: readonly string[]) => list.map(tokenize).filter((t) => t.length > 0);
const longestFirst = (a: Noun, b: Noun) => b.words.length - a.words.length;
const everyLanguage: Noun[] = Object.entries(own)
  .flatMap(([kind, words]) => tok(Object.values(words).flat()).map((w) => ({ kind, words: w })))
  .sort(longestFirst);
const byLanguage = new Map<Language, Noun[]>();

/** A language's nouns for every kind (its own and the command's), tokenised, longest first. */
export function nounsOf(language: Language): Noun[] {
  let found = byLanguage.get(language);
  if (!found) {
    found = [
      ...kindNouns(language).map((k) => ({ kind: k.kind as string, words: k.words })),
      ...Object.entries(own).flatMap(([kind, words]) =>
        tok(words[language]).map((w) => ({ kind, words: w })),
      ),
    ].sort(longestFirst);
    byLanguage.set(language, found);
  }
  return found;
}

/** Where a phrase occurs in tokens, or -1. */
export function indexOf(tokens: readonly string[], words: readonly string[], from = 0): number {
  for (let i = from; i + words.length <= tokens.length; i++)
    if (words.every((w, k) => tokens[i + k] === w)) return i;
  return -1;
}

function ownKindIn(text: string): string | undefined {
  const tokens = tokenize(text);
  return everyLanguage.find((n) => indexOf(tokens, n.words) >= 0)?.kind;
}

/** The kinds of a device: what its names say it is, else what its product's name says. */
export function kindsOf(device: Device, productName: string): Set<string> {
  const kinds = new Set<string>();
  for (const text of [device.name, ...device.aliases]) {
    const command = kindIn(text);
    const mine = ownKindIn(text);
    if (command) kinds.add(command);
    if (mine) kinds.add(mine);
  }
  if (kinds.size === 0) {
    const command = kindIn(productName);
    const mine = ownKindIn(productName);
    if (command) kinds.add(command);
    if (mine) kinds.add(mine);
  }
  return kinds;
}
