import { describe, expect, it } from 'vitest';
import { loadResponses } from '../responses.js';
import {
  formatPercent,
  formatTemperature,
  phraseOf,
  sayDone,
  sayProblem,
  sayState,
  sayValue,
} from './index.js';

// Replies as a native speaker writes them: articles, gender agreement, numbers and units per language.
const responses = loadResponses();
const lamp = (name: string, extra: Record<string, unknown> = {}) => ({ name, category: 'light', ...extra });

describe('Italian replies', () => {
  const t = responses.it;
  it('puts the right article before a name, elided where it must be', () => {
    expect(phraseOf({ name: 'applique' }, 'it').text).toBe("l'applique");
    expect(phraseOf({ name: 'lampada della scrivania' }, 'it').text).toBe('la lampada della scrivania');
    expect(phraseOf({ name: 'ventilatore' }, 'it').text).toBe('il ventilatore');
    expect(phraseOf({ name: 'scaldabagno' }, 'it').text).toBe('lo scaldabagno');
    expect(phraseOf({ name: 'Robby', category: 'vacuum' }, 'it').text).toBe('Robby');
    expect(sayDone(t, 'it', 'turned_on', [lamp('applique')])).toBe("Ho acceso l'applique.");
    expect(sayDone(t, 'it', 'turned_off', [lamp('applique'), lamp('lampada')])).toBe(
      "Ho spento l'applique e la lampada.",
    );
  });

  it('makes the adjective agree with the device', () => {
    expect(sayState(t, 'it', [{ name: 'stampante', category: 'plug' }], { kind: 'on' })).toBe(
      'La stampante è accesa.',
    );
    expect(sayState(t, 'it', [{ name: 'termostato', category: 'airConditioner' }], { kind: 'on' })).toBe(
      'Il termostato è acceso.',
    );
    expect(sayState(t, 'it', [lamp('lampada'), lamp('applique')], { kind: 'off' })).toBe(
      "La lampada e l'applique sono spente.",
    );
    expect(sayState(t, 'it', [lamp('lampada'), { name: 'ventilatore' }], { kind: 'off' })).toBe(
      'La lampada e il ventilatore sono spenti.',
    );
    expect(sayProblem(t, 'it', 'offline', { name: 'stampante' })).toBe('La stampante è offline.');
  });

  it('takes a gender set on the device over the guess', () => {
    expect(sayState(t, 'it', [{ name: 'Zeta', genders: { it: 'masculine' } }], { kind: 'on' })).toBe(
      'Zeta è acceso.',
    );
    expect(sayState(t, 'it', [{ name: 'boiler', genders: { it: 'feminine' } }], { kind: 'on' })).toBe(
      'La boiler è accesa.',
    );
  });

  it('writes numbers with a decimal comma and a space before the unit, and keeps accents', () => {
    expect(formatTemperature(14.5, 'it')).toBe('14,5 °C');
    expect(sayState(t, 'it', [{ name: 'termostato' }], { kind: 'temperature', value: 21.5 })).toBe(
      'Il termostato è impostato a 21,5 °C.',
    );
    expect(sayState(t, 'it', [lamp('luce del soggiorno')], { kind: 'brightness', value: 30 })).toBe(
      'La luce del soggiorno è al 30%.',
    );
    expect(sayState(t, 'it', [lamp('luce del soggiorno')], { kind: 'brightness', value: 80 })).toBe(
      "La luce del soggiorno è all'80%.",
    );
    expect(sayState(t, 'it', [{ name: 'tende', category: 'curtain' }], { kind: 'position', value: 50 })).toBe(
      'Le tende sono aperte a metà.',
    );
    expect(sayValue(t, 'it', { name: 'termostato' }, 'currentTemperature', 14.5)).toBe(
      'La temperatura del termostato è 14,5 °C.',
    );
  });
});

describe('French replies', () => {
  const t = responses.fr;
  it('puts the right article before a name', () => {
    expect(phraseOf({ name: 'lampe' }, 'fr').text).toBe('la lampe');
    expect(phraseOf({ name: 'imprimante' }, 'fr').text).toBe("l'imprimante");
    expect(phraseOf({ name: 'ventilateur' }, 'fr').text).toBe('le ventilateur');
    expect(phraseOf({ name: 'hotte' }, 'fr').text).toBe('la hotte');
    expect(sayDone(t, 'fr', 'turned_on', [lamp('imprimante')])).toBe("J'ai allumé l'imprimante.");
  });

  it('makes the adjective agree with the device', () => {
    expect(sayState(t, 'fr', [{ name: 'imprimante', category: 'plug' }], { kind: 'on' })).toBe(
      "L'imprimante est allumée.",
    );
    expect(sayState(t, 'fr', [{ name: 'plafonnier', category: 'light' }], { kind: 'off' })).toBe(
      'Le plafonnier est éteint.',
    );
    expect(sayState(t, 'fr', [{ name: 'volets', category: 'curtain' }], { kind: 'position', value: 0 })).toBe(
      'Les volets sont fermés.',
    );
    expect(sayState(t, 'fr', [{ name: 'Zoé', genders: { fr: 'feminine' } }], { kind: 'on' })).toBe(
      'Zoé est allumée.',
    );
  });

  it('writes numbers with a decimal comma and a space before units and percent', () => {
    expect(formatTemperature(14.5, 'fr')).toBe('14,5 °C');
    expect(formatPercent(30, 'fr')).toBe('30 %');
    expect(sayState(t, 'fr', [lamp('lampe du salon')], { kind: 'brightness', value: 30 })).toBe(
      'La lampe du salon est à 30 %.',
    );
    expect(sayValue(t, 'fr', { name: 'thermostat' }, 'currentTemperature', 14.5)).toBe(
      'La température du thermostat est de 14,5 °C.',
    );
    expect(sayValue(t, 'fr', { name: 'imprimante' }, 'batteryLevel', 80)).toBe(
      "Le niveau de batterie de l'imprimante est de 80 %.",
    );
  });
});

describe('English replies', () => {
  const t = responses.en;
  it('says "the" before a common name and nothing before a proper one', () => {
    expect(sayDone(t, 'en', 'turned_on', [lamp('desk lamp'), lamp('Robby')])).toBe(
      'Turned on the desk lamp and Robby.',
    );
    expect(sayProblem(t, 'en', 'offline', lamp('porch light'))).toBe('The porch light is offline.');
  });

  it('says the new state with the number as English writes it', () => {
    expect(formatTemperature(14.5, 'en')).toBe('14.5 °C');
    expect(sayState(t, 'en', [lamp('living room light')], { kind: 'brightness', value: 30 })).toBe(
      'The living room light is at 30%.',
    );
    expect(
      sayState(t, 'en', [lamp('desk lamp'), lamp('ceiling light')], { kind: 'brightness', value: 30 }),
    ).toBe('The desk lamp and the ceiling light are at 30%.');
    expect(sayValue(t, 'en', { name: 'thermostat' }, 'currentTemperature', 14.5)).toBe(
      'The temperature of the thermostat is 14.5 °C.',
    );
  });
});

describe('Chinese replies', () => {
  const t = responses.zh;
  it('says the new state with the number and unit written together', () => {
    expect(formatTemperature(14.5, 'zh')).toBe('14.5°C');
    expect(sayState(t, 'zh', [lamp('客厅灯')], { kind: 'brightness', value: 30 })).toBe('客厅灯已调到30%。');
    expect(sayState(t, 'zh', [{ name: '窗帘' }], { kind: 'position', value: 50 })).toBe('窗帘已打开一半。');
    expect(sayValue(t, 'zh', { name: '温度计' }, 'currentTemperature', 14.5)).toBe('温度计的温度是14.5°C。');
    expect(sayDone(t, 'zh', 'turned_on', [lamp('台灯'), lamp('壁灯')])).toBe('已打开台灯和壁灯。');
  });
});

describe('settings say the value reached, in the words of each language', () => {
  const breeze = { name: 'Breeze', category: 'airConditioner' };
  it.each([
    ['en', 'Breeze is in cool mode.', 'The fan speed of Breeze is high.'],
    ['it', 'Breeze è in modalità raffreddamento.', 'La velocità della ventola di Breeze è alta.'],
    ['fr', 'Breeze est en mode froid.', 'La vitesse de ventilation de Breeze est haute.'],
    ['zh', 'Breeze已切换到制冷模式。', 'Breeze的风速已调到高。'],
  ] as const)('%s', (language, mode, fan) => {
    const t = responses[language];
    expect(sayState(t, language, [breeze], { kind: 'mode', value: 'cool' })).toBe(mode);
    expect(sayState(t, language, [breeze], { kind: 'fanSpeed', value: 'high' })).toBe(fan);
  });

  it('says where a cover stands', () => {
    const blind = [{ name: 'kitchen blind', category: 'curtain' }];
    expect(sayState(responses.en, 'en', blind, { kind: 'position', value: 100 })).toBe(
      'The kitchen blind is open.',
    );
    expect(sayState(responses.en, 'en', blind, { kind: 'position', value: 40 })).toBe(
      'The kitchen blind is 40% open.',
    );
    expect(sayState(responses.it, 'it', [{ name: 'tapparella' }], { kind: 'position', value: 0 })).toBe(
      'La tapparella è chiusa.',
    );
    expect(sayState(responses.fr, 'fr', [{ name: 'rideau' }], { kind: 'position', value: 50 })).toBe(
      'Le rideau est à moitié ouvert.',
    );
  });
});

describe('plural names and names in another script', () => {
  it('reads a known noun in the plural', () => {
    expect(sayState(responses.it, 'it', [{ name: 'lampade del salotto' }], { kind: 'on' })).toBe(
      'Le lampade del salotto sono accese.',
    );
    expect(sayState(responses.it, 'it', [{ name: 'faretti' }], { kind: 'off' })).toBe(
      'I faretti sono spenti.',
    );
    expect(sayState(responses.fr, 'fr', [{ name: 'lampes du salon' }], { kind: 'on' })).toBe(
      'Les lampes du salon sont allumées.',
    );
    expect(sayState(responses.fr, 'fr', [{ name: 'rideaux' }], { kind: 'position', value: 100 })).toBe(
      'Les rideaux sont ouverts.',
    );
  });

  it('puts no article before a name written in Chinese', () => {
    expect(sayDone(responses.it, 'it', 'turned_on', [lamp('台灯')])).toBe('Ho acceso 台灯.');
  });
});
