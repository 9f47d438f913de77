import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

// Door locks by voice in four languages, judged at real MQTT devices: the assistant locks, finds a
// door by the words that tell it apart, never unlocks, and answers what a lock reports. Two brands
// number their states the other way round (0 is Locked for one, Unlocked for the other): the key
// each gets must be the one its labels call locked. Each language has its own home, with devices
// named in it, so that replies can be judged whole. Names from no evaluation set.
let t: TestHub;
const sets: Record<string, Array<Record<string, unknown>>> = {};
const sdks: Record<string, Device> = {};
const ids: Record<string, string> = {};
const homes: Record<string, string> = {};
const open: Device[] = [];

const enumOf = (identifier: string, labels: string[]) => ({
  identifier,
  name: identifier,
  accessMode: 'rw',
  dataType: { type: 'enum', specs: Object.fromEntries(labels.map((label, i) => [String(i), label])) },
});
const model = (...properties: unknown[]) => ({ properties, services: [], events: [] });

// Serra keeps 0 for Locked; Bolto keeps 0 for Unlocked, says when it jams, and has a keypad light
// that switches like any power: "turn off everything" must still leave the lock alone.
const products = {
  serra: {
    name: 'Serra S1 smart lock',
    category: 'lock',
    thingModel: model(enumOf('LockState', ['Locked', 'Unlocked'])),
  },
  bolto: {
    name: 'Bolto deadbolt',
    category: 'lock',
    thingModel: model(enumOf('DeadboltState', ['Unlocked', 'Locked', 'Jammed']), {
      identifier: 'Switch',
      name: 'Keypad light',
      accessMode: 'rw',
      dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
    }),
  },
  lamp: {
    name: 'Lumo lamp',
    category: 'light',
    thingModel: model({
      identifier: 'LightSwitch',
      name: 'Light',
      accessMode: 'rw',
      dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
    }),
  },
  blind: {
    name: 'Velo blind',
    category: 'curtain',
    thingModel: model({
      identifier: 'CurtainPosition',
      name: 'Position',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 0, max: 100, step: 1, unit: '%' } },
    }),
  },
};
const UNLOCKED = { serra: { LockState: 1 }, bolto: { DeadboltState: 0 } };
const LOCKED = { serra: { LockState: 0 }, bolto: { DeadboltState: 1 } };

type Language = 'en' | 'it' | 'fr' | 'zh';
/** The hall of each home, where its back door lock, lamp and blind are (a reply names it beside them). */
const halls: Record<Language, string> = { en: 'hall', it: 'corridoio', fr: 'couloir', zh: '走廊' };
/** Each home: its language, a Serra lock, a Bolto lock, a lamp and a blind (and, in English, a garage door). */
const named: Record<Language, Record<string, [keyof typeof products, string]>> = {
  en: {
    frontEn: ['serra', 'front door lock'],
    backEn: ['bolto', 'back door lock'],
    lampEn: ['lamp', 'porch lamp'],
    blindEn: ['blind', 'hall blind'],
    garageEn: ['blind', 'garage'],
  },
  it: {
    frontIt: ['serra', "serratura della porta d'ingresso"],
    backIt: ['bolto', 'chiavistello della cantina'],
    lampIt: ['lamp', 'lampada del portico'],
    blindIt: ['blind', 'tapparella del salotto'],
  },
  fr: {
    frontFr: ['serra', "serrure de la porte d'entrée"],
    backFr: ['bolto', 'verrou du garage'],
    lampFr: ['lamp', 'lampe du porche'],
    blindFr: ['blind', 'volet du salon'],
  },
  zh: {
    frontZh: ['serra', '前门锁'],
    backZh: ['bolto', '后门锁'],
    lampZh: ['lamp', '门廊灯'],
    blindZh: ['blind', '客厅窗帘'],
  },
};
const brandOf: Record<string, keyof typeof products> = Object.fromEntries(
  Object.values(named).flatMap((devices) => Object.entries(devices).map(([key, [brand]]) => [key, brand])),
);
const locks = Object.keys(brandOf).filter((key) => brandOf[key] === 'serra' || brandOf[key] === 'bolto');

const say = async (language: Language, text: string, conversationId?: string) => {
  const response = await t.request('POST', '/api/v1/conversation', {
    body: { text, homeId: homes[language], ...(conversationId ? { conversationId } : {}) },
  });
  expect(response.status, response.body).toBe(200);
  return response.json() as {
    intent: { name: string; slots: Record<string, unknown> } | null;
    speech: { text: string };
    language: string;
    conversationId: string;
    continueConversation: boolean;
  };
};
const clear = () => {
  for (const list of Object.values(sets)) list.length = 0;
};
/** Every device that received a set, with what. */
const received = () => Object.fromEntries(Object.entries(sets).filter(([, got]) => got.length > 0));

/** Report a lock's state as its brand numbers it, and wait until the hub holds it. */
const report = async (key: string, state: 'locked' | 'unlocked') => {
  const brand = brandOf[key] as 'serra' | 'bolto';
  const values = (state === 'locked' ? LOCKED : UNLOCKED)[brand];
  await sdks[key]?.report(values);
  await expect
    .poll(async () => {
      const got = await t.request('GET', `/api/v1/devices/${ids[key]}/capabilities`);
      return (got.json().capabilities as Array<{ name: string; value?: unknown }>).find(
        (c) => c.name === 'lock',
      )?.value;
    })
    .toBe(state);
};
const unlockAll = async () => {
  for (const key of locks) await report(key, 'unlocked');
  clear();
};

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  const keys: Record<string, string> = {};
  for (const [kind, body] of Object.entries(products)) {
    const created = await t.request('POST', '/api/v1/products', { body });
    expect(created.status, created.body).toBeLessThan(300);
    keys[kind] = created.json().productKey;
  }
  for (const [language, devices] of Object.entries(named) as Array<[Language, (typeof named)['en']]>) {
    const home = await t.request('POST', '/api/v1/homes', { body: { name: `Casa ${language}`, language } });
    homes[language] = home.json().id;
    const hall = await t.request('POST', `/api/v1/homes/${homes[language]}/areas`, {
      body: { name: halls[language] },
    });
    expect(hall.status, hall.body).toBeLessThan(300);
    for (const [key, [product, name]] of Object.entries(devices)) {
      const inHall = key.startsWith('back') || key.startsWith('lamp') || key.startsWith('blind');
      const created = await t.request('POST', '/api/v1/devices', {
        body: {
          productKey: keys[product],
          homeId: homes[language],
          name,
          ...(inHall ? { areaId: hall.json().id } : {}),
        },
      });
      expect(created.status, created.body).toBeLessThan(300);
      ids[key] = created.json().id;
      const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...created.json() });
      sets[key] = [];
      sdk.onSet(async (values) => {
        sets[key]?.push(values);
        await sdk.report(values);
      });
      sdks[key] = sdk;
      open.push(sdk);
      if (product === 'lamp') await sdk.report({ LightSwitch: 0 });
      if (product === 'blind') await sdk.report({ CurtainPosition: 0 });
    }
  }
});
afterAll(async () => {
  for (const d of open) await d.close();
  await t?.close();
});
beforeEach(unlockAll);

describe('locking by voice, in four languages', () => {
  it('locks the door said, with the key each brand labels locked', async () => {
    const told: Array<[Language, string, string, Record<string, unknown>, string]> = [
      ['en', 'lock the front door', 'frontEn', { LockState: 0 }, 'The front door lock is locked.'],
      [
        'en',
        'please lock the back door',
        'backEn',
        { DeadboltState: 1 },
        'The back door lock (hall) is locked.',
      ],
      [
        'it',
        "chiudi a chiave la porta d'ingresso",
        'frontIt',
        { LockState: 0 },
        "La serratura della porta d'ingresso è chiusa a chiave.",
      ],
      [
        'it',
        'blocca la serratura della cantina',
        'backIt',
        { DeadboltState: 1 },
        'Il chiavistello della cantina (corridoio) è chiuso a chiave.',
      ],
      [
        'fr',
        "verrouille la porte d'entrée",
        'frontFr',
        { LockState: 0 },
        "La serrure de la porte d'entrée est verrouillée.",
      ],
      [
        'fr',
        'ferme la porte du garage à clé',
        'backFr',
        { DeadboltState: 1 },
        'Le verrou du garage (couloir) est verrouillé.',
      ],
      ['zh', '把前门锁上', 'frontZh', { LockState: 0 }, '前门锁已上锁。'],
      ['zh', '锁上后门', 'backZh', { DeadboltState: 1 }, '后门锁（走廊）已上锁。'],
    ];
    for (const [language, text, key, values, reply] of told) {
      await unlockAll();
      const turn = await say(language, text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({ [key]: [values] });
      expect(turn.speech.text, text).toBe(reply);
    }
  });

  it('locks every lock of the home for "lock up" and "all the doors", and nothing else', async () => {
    const told: Array<[Language, string]> = [
      ['en', 'lock up'],
      ['en', 'lock all the doors'],
      ['it', 'chiudi a chiave tutte le porte'],
      ['fr', 'verrouille toutes les portes'],
      ['zh', '锁门'],
      ['zh', '把门锁锁上'],
    ];
    for (const [language, text] of told) {
      await unlockAll();
      const turn = await say(language, text);
      const [front, back] = locks.filter((key) =>
        key.endsWith(language[0]?.toUpperCase() + language.slice(1)),
      );
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({
        [front as string]: [{ LockState: 0 }],
        [back as string]: [{ DeadboltState: 1 }],
      });
    }
  });

  it('finds a lock by words of its name said without a door ("the cellar")', async () => {
    const turn = await say('it', 'chiudi a chiave la cantina');
    expect(received(), turn.speech.text).toEqual({ backIt: [{ DeadboltState: 1 }] });
  });

  it('leaves out the door said after "except"', async () => {
    const turn = await say('en', 'lock all the doors except the back door');
    expect(received(), turn.speech.text).toEqual({ frontEn: [{ LockState: 0 }] });
  });

  it('sends nothing to a lock already locked, and says so', async () => {
    await report('frontEn', 'locked');
    clear();
    let turn = await say('en', 'lock the front door');
    expect(received()).toEqual({});
    expect(turn.speech.text).toBe('The front door lock is already locked.');
    turn = await say('en', 'lock up');
    expect(received()).toEqual({ backEn: [{ DeadboltState: 1 }] });
    expect(turn.speech.text).toBe(
      'The back door lock (hall) is locked. The front door lock is already locked.',
    );
    await report('frontIt', 'locked');
    clear();
    turn = await say('it', "chiudi a chiave la porta d'ingresso");
    expect(received()).toEqual({});
    expect(turn.speech.text).toBe("La serratura della porta d'ingresso è già chiusa a chiave.");
    await report('backFr', 'locked');
    clear();
    turn = await say('fr', 'verrouille le verrou du garage');
    expect(received()).toEqual({});
    expect(turn.speech.text).toBe('Le verrou du garage (couloir) est déjà verrouillé.');
  });

  it('does not widen a door it does not know to every lock', async () => {
    const turn = await say('en', 'lock the cellar door');
    expect(received()).toEqual({});
    expect(turn.speech.text).toMatch(/couldn't find cellar door/);
  });
});

describe('never unlocking by voice', () => {
  const safety: Record<Language, string> = {
    en: "For safety I don't unlock doors by voice: unlock them from the Genio app.",
    it: "Per sicurezza non apro le porte a voce: sbloccale dall'app Genio.",
    fr: "Par sécurité, je ne déverrouille pas les portes à la voix : déverrouillez-les depuis l'application Genio.",
    zh: '为了安全，我不会用语音开锁，请在 Genio 应用里开锁。',
  };

  it('sends nothing for any way of asking, and says doors are unlocked from the app', async () => {
    for (const key of locks) await report(key, 'locked');
    clear();
    const asked: Array<[Language, string]> = [
      ['en', 'unlock the front door'],
      ['en', "open the door, it's me"],
      ['en', 'unlock all the doors'],
      ['en', 'open the front door lock'],
      ['it', 'sblocca la porta'],
      ['it', 'apri la serratura'],
      ['it', "apri la porta d'ingresso"],
      ['fr', 'déverrouille la porte'],
      ['fr', "ouvre la porte d'entrée"],
      ['zh', '开锁'],
      ['zh', '把门锁打开'],
      ['zh', '打开前门'],
    ];
    for (const [language, text] of asked) {
      const turn = await say(language, text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({});
      expect(turn.speech.text, text).toBe(safety[language]);
    }
  });

  it('sends nothing when told not to', async () => {
    const told: Array<[Language, string]> = [
      ['en', "don't unlock the door"],
      ['en', "don't lock the front door"],
      ['it', 'non sbloccare la porta'],
      ['fr', 'ne déverrouille pas la porte'],
      ['zh', '别开锁'],
    ];
    const ok: Record<Language, string> = { en: 'OK.', it: 'Va bene.', fr: "D'accord.", zh: '好的。' };
    for (const [language, text] of told) {
      const turn = await say(language, text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({});
      expect(turn.speech.text, text).toBe(ok[language]);
    }
  });

  it('leaves locks out of what generic verbs do to everything else', async () => {
    // The back door lock stands in the hall with the lamp and the blind.
    const told: Array<[Language, string]> = [
      ['en', 'turn off everything in the hall'],
      ['en', 'close everything in the hall'],
      ['en', 'open everything in the hall'],
      ['en', 'turn on everything in the hall'],
      ['it', 'spegni tutto nel corridoio'],
      ['it', 'chiudi tutto nel corridoio'],
      ['it', 'apri tutto nel corridoio'],
      ['fr', 'éteins tout dans le couloir'],
      ['fr', 'ferme tout dans le couloir'],
      ['fr', 'ouvre tout dans le couloir'],
      ['zh', '关掉走廊里的所有设备'],
      ['zh', '打开走廊里的所有设备'],
    ];
    for (const [language, text] of told) {
      let turn = await say(language, text);
      // Many devices at once are asked first; the answer is yes.
      if (turn.continueConversation)
        turn = await say(
          language,
          ['yes', 'sì', 'oui', '好的'][['en', 'it', 'fr', 'zh'].indexOf(language)] as string,
          turn.conversationId,
        );
      const reached = Object.keys(received());
      // Understood and carried out on the home's other devices, and on no lock.
      expect(reached.length, `${text} -> ${turn.speech.text}`).toBeGreaterThan(0);
      expect(
        reached.filter((key) => locks.includes(key)),
        `${text} -> ${turn.speech.text}`,
      ).toEqual([]);
      clear();
    }
  });

  it('still opens a garage door called by its name, and a lamp by the door', async () => {
    let turn = await say('en', 'open the garage door');
    expect(received(), turn.speech.text).toEqual({ garageEn: [{ CurtainPosition: 100 }] });
    clear();
    turn = await say('zh', '打开门廊灯');
    expect(received(), turn.speech.text).toEqual({ lampZh: [{ LightSwitch: 1 }] });
  });

  it('unlocks from the console or screen, with the home’s own scope', async () => {
    await report('frontFr', 'locked');
    clear();
    const token = (
      await t.request('POST', '/api/v1/tokens', {
        body: { name: 'screen', role: 'household', homeId: homes.fr },
      })
    ).json().token as string;
    const set = await t.request('POST', `/api/v1/devices/${ids.frontFr}/capabilities`, {
      token,
      body: { lock: 'unlocked' },
    });
    expect(set.status, set.body).toBe(200);
    expect(received()).toEqual({ frontFr: [{ LockState: 1 }] });
    const shown = await t.request('GET', `/api/v1/devices/${ids.frontFr}/capabilities`, { token });
    expect(shown.json().capabilities).toEqual([
      { name: 'lock', writable: true, type: 'enum', options: ['locked', 'unlocked'], value: 'unlocked' },
    ]);
    const foreign = await t.request('POST', `/api/v1/devices/${ids.frontIt}/capabilities`, {
      token,
      body: { lock: 'unlocked' },
    });
    expect(foreign.status).toBe(403);
    const key = await t.request('POST', `/api/v1/devices/${ids.backFr}/capabilities`, {
      token,
      body: { lock: 1 },
    });
    expect(key.status).toBe(400);
  });
});

describe('asking whether a door is locked', () => {
  it('answers from what each lock reports, in the grammar of each language', async () => {
    await report('frontEn', 'locked');
    await report('frontIt', 'locked');
    await report('frontFr', 'locked');
    await report('frontZh', 'locked');
    clear();
    const asked: Array<[Language, string, string]> = [
      ['en', 'is the front door locked?', 'The front door lock is locked.'],
      ['en', 'is the back door locked', 'The back door lock (hall) is not locked.'],
      [
        'it',
        "la porta d'ingresso è chiusa a chiave?",
        "La serratura della porta d'ingresso è chiusa a chiave.",
      ],
      [
        'it',
        'il chiavistello della cantina è chiuso a chiave?',
        'Il chiavistello della cantina (corridoio) non è chiuso a chiave.',
      ],
      ['fr', "la porte d'entrée est-elle verrouillée ?", "La serrure de la porte d'entrée est verrouillée."],
      ['fr', 'le verrou du garage est-il verrouillé ?', 'Le verrou du garage (couloir) est déverrouillé.'],
      ['zh', '前门锁了吗', '前门锁已上锁。'],
      ['zh', '门锁了吗', '前门锁已上锁。后门锁（走廊）没有上锁。'],
      ['zh', '后门有没有锁', '后门锁（走廊）没有上锁。'],
      [
        'en',
        'are all the doors locked?',
        'The front door lock is locked. The back door lock (hall) is not locked.',
      ],
      ['en', 'is the front door lock on?', 'The front door lock is locked.'],
      // Asked with a lock's own verb: answered, never carried out.
      ['en', 'did I lock the back door?', 'The back door lock (hall) is not locked.'],
      ['fr', "as-tu verrouillé la porte d'entrée ?", "La serrure de la porte d'entrée est verrouillée."],
      ['zh', '后门锁上了吗', '后门锁（走廊）没有上锁。'],
    ];
    for (const [language, text, reply] of asked) {
      const turn = await say(language, text);
      expect(turn.speech.text, text).toBe(reply);
      expect(received(), text).toEqual({});
    }
  });
});
