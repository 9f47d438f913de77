/**
 * Grammatical gender and number of a device's name in Italian and French: set on the device when
 * the name cannot tell, otherwise read from a leading article, the head noun, its ending, or the
 * noun of the device's kind.
 */

/** A grammatical gender. */
export type Gender = 'masculine' | 'feminine';

/** The languages whose replies agree with a gender. */
export const genderedLanguages = ['it', 'fr'] as const;
/** A language whose articles and adjectives agree with a gender. */
export type GenderedLanguage = (typeof genderedLanguages)[number];

/** Genders set on a device, per language (absent: guessed from the name). */
export type Genders = Partial<Record<GenderedLanguage, Gender>>;

/** How a noun phrase agrees. */
export interface Agreement {
  gender: Gender;
  plural: boolean;
}

const m = (plural = false): Agreement => ({ gender: 'masculine', plural });
const f = (plural = false): Agreement => ({ gender: 'feminine', plural });

/** Common device nouns (lower case, no leading article). */
const nouns: Record<GenderedLanguage, Record<string, Agreement>> = {
  it: {
    lampada: f(),
    lampadina: f(),
    luce: f(),
    luci: f(true),
    plafoniera: f(),
    applique: f(),
    abat: m(),
    lampadario: m(),
    faretto: m(),
    striscia: f(),
    stampante: f(),
    presa: f(),
    ciabatta: f(),
    tenda: f(),
    tende: f(true),
    tapparella: f(),
    tapparelle: f(true),
    persiana: f(),
    serranda: f(),
    caldaia: f(),
    lavatrice: f(),
    lavastoviglie: f(),
    asciugatrice: f(),
    macchina: f(),
    cappa: f(),
    televisione: f(),
    tv: f(),
    tivù: f(),
    radio: f(),
    cassa: f(),
    telecamera: f(),
    videocamera: f(),
    pompa: f(),
    stufa: f(),
    friggitrice: f(),
    bilancia: f(),
    ventilatore: m(),
    termostato: m(),
    termosifone: m(),
    termometro: m(),
    radiatore: m(),
    riscaldamento: m(),
    scaldabagno: m(),
    boiler: m(),
    condizionatore: m(),
    climatizzatore: m(),
    frigorifero: m(),
    frigo: m(),
    congelatore: m(),
    forno: m(),
    microonde: m(),
    aspirapolvere: m(),
    robot: m(),
    televisore: m(),
    altoparlante: m(),
    interruttore: m(),
    sensore: m(),
    deumidificatore: m(),
    umidificatore: m(),
    purificatore: m(),
    bollitore: m(),
    tostapane: m(),
    cancello: m(),
    citofono: m(),
    serratura: f(),
    serrature: f(true),
    chiavistello: m(),
    lucchetto: m(),
    portone: m(),
    braccialetto: m(),
    orologio: m(),
    diffusore: m(),
    proiettore: m(),
    monitor: m(),
    computer: m(),
    router: m(),
    led: m(),
    faro: m(),
  },
  fr: {
    lampe: f(),
    lumière: f(),
    lumières: f(true),
    ampoule: f(),
    applique: f(),
    suspension: f(),
    guirlande: f(),
    bande: f(),
    imprimante: f(),
    prise: f(),
    multiprise: f(),
    télé: f(),
    télévision: f(),
    radio: f(),
    enceinte: f(),
    caméra: f(),
    chaudière: f(),
    hotte: f(),
    machine: f(),
    cafetière: f(),
    bouilloire: f(),
    plaque: f(),
    climatisation: f(),
    clim: f(),
    pompe: f(),
    fenêtre: f(),
    porte: f(),
    serrure: f(),
    serrures: f(true),
    verrou: m(),
    verrous: m(true),
    balance: f(),
    montre: f(),
    friteuse: f(),
    sonnette: f(),
    ventilateur: m(),
    thermostat: m(),
    thermomètre: m(),
    radiateur: m(),
    chauffage: m(),
    'chauffe-eau': m(),
    plafonnier: m(),
    lampadaire: m(),
    lustre: m(),
    spot: m(),
    climatiseur: m(),
    réfrigérateur: m(),
    frigo: m(),
    congélateur: m(),
    four: m(),
    'micro-ondes': m(),
    aspirateur: m(),
    robot: m(),
    téléviseur: m(),
    'haut-parleur': m(),
    interrupteur: m(),
    capteur: m(),
    détecteur: m(),
    déshumidificateur: m(),
    humidificateur: m(),
    purificateur: m(),
    'lave-linge': m(),
    'lave-vaisselle': m(),
    'sèche-linge': m(),
    'grille-pain': m(),
    rideau: m(),
    rideaux: m(true),
    store: m(),
    stores: m(true),
    volet: m(),
    volets: m(true),
    portail: m(),
    bracelet: m(),
    diffuseur: m(),
    projecteur: m(),
    ordinateur: m(),
    routeur: m(),
    écran: m(),
    sapin: m(),
  },
};

/** The noun a device kind is called by, when its own name is a proper name ("Robby"). */
const categoryNouns: Record<GenderedLanguage, Record<string, string>> = {
  it: {
    light: 'luce',
    plug: 'presa',
    switch: 'interruttore',
    airConditioner: 'condizionatore',
    fridge: 'frigorifero',
    vacuum: 'aspirapolvere',
    curtain: 'tenda',
    fan: 'ventilatore',
    wearable: 'braccialetto',
    sensor: 'sensore',
    lock: 'serratura',
  },
  fr: {
    light: 'lumière',
    plug: 'prise',
    switch: 'interrupteur',
    airConditioner: 'climatiseur',
    fridge: 'réfrigérateur',
    vacuum: 'aspirateur',
    curtain: 'rideau',
    fan: 'ventilateur',
    wearable: 'bracelet',
    sensor: 'capteur',
    lock: 'serrure',
  },
};

/** Leading articles and what they say about the noun after them (l' says nothing about gender). */
const articles: Record<GenderedLanguage, Record<string, Agreement | null>> = {
  it: { il: m(), lo: m(), la: f(), i: m(true), gli: m(true), le: f(true), "l'": null },
  fr: { le: m(), la: f(), les: m(true), "l'": null },
};

/** Endings that tell a gender when the noun is not a known one. */
const endings: Record<GenderedLanguage, Array<[RegExp, Agreement]>> = {
  it: [
    [/(zione|sione|tà|tù|trice|ite|ie)$/, f()],
    [/(ore|ame|ale|ile|one|ente|ante)$/, m()],
    [/a$/, f()],
    [/[oòù]$/, m()],
    [/i$/, m(true)],
  ],
  fr: [
    [/(tion|sion|ette|elle|ière|euse|trice|ance|ence|ure|ade|ude|ée|té|ine|ise|oire)$/, f()],
    [/(eur|ier|ment|age|oir|eau|isme|et|at|on|in|ail|eil)$/, m()],
  ],
};

/** Split a name into its leading article (if any) and the rest. */
export function splitArticle(
  name: string,
  language: GenderedLanguage,
): { article: string | null; rest: string } {
  const lower = name.toLowerCase().replace(/[’‘]/g, "'");
  if (lower.startsWith("l'")) return { article: "l'", rest: name.slice(2).trimStart() };
  const space = lower.indexOf(' ');
  const first = space > 0 ? lower.slice(0, space) : '';
  if (first && first !== "l'" && first in articles[language])
    return { article: first, rest: name.slice(space + 1).trimStart() };
  return { article: null, rest: name };
}

/** The head noun of a name: its first word, lower case (Italian and French put the head first). */
export function headNoun(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .split(/[\s(]+/)[0] ?? ''
  ).replace(/[’‘]/g, "'");
}

/** Whether a word is a device noun this module knows. */
export function isKnownNoun(word: string, language: GenderedLanguage): boolean {
  return word.toLowerCase() in nouns[language];
}

/** A known noun in the plural: "lampade", "faretti", "lampes", "rideaux". */
function pluralOfKnown(word: string, language: GenderedLanguage): Agreement | null {
  const singulars =
    language === 'it'
      ? [
          word.replace(/e$/, 'a'),
          word.replace(/che$/, 'ca'),
          word.replace(/ghe$/, 'ga'),
          word.replace(/i$/, 'o'),
          word.replace(/i$/, 'e'),
        ]
      : [word.replace(/s$/, ''), word.replace(/x$/, '')];
  for (const singular of singulars) {
    const known = singular !== word ? nouns[language][singular] : undefined;
    if (known && !known.plural) return { gender: known.gender, plural: true };
  }
  return null;
}

function byEnding(word: string, language: GenderedLanguage): Agreement | null {
  for (const [pattern, agreement] of endings[language]) if (pattern.test(word)) return agreement;
  return null;
}

/** Guess how a name agrees: explicit gender first, then article, known noun, ending, kind of device. */
export function agreementOf(
  name: string,
  language: GenderedLanguage,
  options: { gender?: Gender; category?: string } = {},
): Agreement {
  const { article, rest } = splitArticle(name, language);
  const head = headNoun(rest);
  const known = nouns[language][head] ?? pluralOfKnown(head, language) ?? undefined;
  const fromArticle = article ? articles[language][article] : null;
  const plural = fromArticle?.plural ?? known?.plural ?? false;
  if (options.gender) return { gender: options.gender, plural };
  if (fromArticle) return fromArticle;
  if (known) return known;
  const kindNoun = options.category ? categoryNouns[language][options.category] : undefined;
  const ofKind = kindNoun ? nouns[language][kindNoun] : undefined;
  // A proper name with no telling ending ("Robby") takes the gender of its kind of device.
  return byEnding(head, language) ?? ofKind ?? m();
}
