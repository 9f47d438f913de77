import { describe, expect, it } from 'vitest';
import type { LoadedProduct } from '../../devices/index.js';
import { parseThingModel, resolveCapabilities } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { loadResponses } from '../responses.js';
import { catalogOf, type Setting } from './catalog.js';
import { attributeOf, conceptAttribute, isPercent, saySetting, valueText } from './say.js';

// Replies about settings, judged whole in four languages, with devices named as a home in that
// language names them (articles, elisions, prepositions fused with articles, units as written).
const responses = loadResponses();

const product = (properties: unknown[]): LoadedProduct => {
  const thingModel = parseThingModel({ properties, services: [], events: [] });
  return {
    productKey: 'p',
    name: 'p',
    category: 'switch',
    thingModel,
    capabilities: {},
    resolved: resolveCapabilities(thingModel),
    ownerTokenId: null,
    createdAt: 0,
    updatedAt: 0,
  };
};
const settings = catalogOf(
  product([
    {
      identifier: 'Volume',
      name: 'Volume',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 0, max: 100 } },
    },
    {
      identifier: 'SpinSpeed',
      name: 'Spin speed',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 400, max: 1400, step: 200, unit: 'rpm' } },
    },
    {
      identifier: 'WaterLevel',
      name: 'Water level',
      accessMode: 'r',
      dataType: { type: 'int', specs: { min: 0, max: 100, unit: '%' } },
    },
    {
      identifier: 'CutHeight',
      name: 'Cut height',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 20, max: 60, unit: 'mm' } },
    },
    {
      identifier: 'Programme',
      name: 'Programme',
      accessMode: 'rw',
      dataType: { type: 'enum', specs: { '0': 'Cotton', '1': 'Wool' } },
    },
    {
      identifier: 'Photoperiod',
      name: 'Photoperiod',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 0, max: 24, unit: 'h' } },
    },
  ]),
);
const setting = (id: string) => settings.find((s) => s.identifier === id) as Setting;

function now(language: Language, device: string, id: string, raw: number): string {
  const s = setting(id);
  return saySetting(
    { language, responses: responses[language] },
    'setting_now',
    { name: device },
    attributeOf(s, language),
    {
      value: valueText(s, raw, language, responses[language]),
      percent: isPercent(s),
    },
  );
}

describe('what a setting was set to, said in four languages', () => {
  it('names the setting and the device with their articles, and the value with its unit', () => {
    expect(now('en', 'TV', 'Volume', 25)).toBe('The volume of the TV is now 25.');
    expect(now('it', 'televisore', 'Volume', 25)).toBe('Il volume del televisore passa a 25.');
    expect(now('fr', 'télé', 'Volume', 25)).toBe('Le volume de la télé passe à 25.');
    expect(now('zh', '电视', 'Volume', 25)).toBe('电视的音量已设为25。');
    expect(now('it', 'lavatrice', 'SpinSpeed', 800)).toBe('La centrifuga della lavatrice passa a 800 giri.');
    expect(now('fr', 'lave-linge', 'SpinSpeed', 1200)).toBe(
      "L'essorage du lave-linge passe à 1 200 tours/min.",
    );
    expect(now('en', 'washing machine', 'SpinSpeed', 1200)).toBe(
      'The spin speed of the washing machine is now 1,200 rpm.',
    );
    expect(now('zh', '洗衣机', 'SpinSpeed', 800)).toBe('洗衣机的脱水转速已设为800转。');
    expect(now('it', 'Woolly', 'CutHeight', 40)).toBe("L'altezza di taglio di Woolly passa a 40 mm.");
    expect(now('fr', 'Woolly', 'CutHeight', 40)).toBe('La hauteur de coupe de Woolly passe à 40 mm.');
    expect(now('en', 'washer', 'Programme', 1)).toBe('The programme of the washer is now wool.');
    expect(now('it', 'lavatrice', 'Programme', 1)).toBe('Il programma della lavatrice passa a lana.');
    expect(now('fr', 'lave-linge', 'Programme', 0)).toBe('Le programme du lave-linge passe à coton.');
    expect(now('zh', '洗衣机', 'Programme', 1)).toBe('洗衣机的程序已设为羊毛。');
    expect(now('en', 'grow light', 'Photoperiod', 16)).toBe('The photoperiod of the grow light is now 16 h.');
  });

  it('says a reading, with the Italian "al" before a percentage', () => {
    const read = (language: Language, device: string) =>
      saySetting(
        { language, responses: responses[language] },
        'setting_value_number',
        { name: device },
        attributeOf(setting('WaterLevel'), language),
        {
          value: valueText(setting('WaterLevel'), 60, language, responses[language]),
          percent: true,
        },
      );
    expect(read('en', 'coffee machine')).toBe('The water level of the coffee machine is 60%.');
    expect(read('it', 'macchina del caffè')).toBe("Il livello dell'acqua della macchina del caffè è al 60%.");
    expect(read('fr', 'machine à café')).toBe("Le niveau d'eau de la machine à café est de 60 %.");
    expect(read('zh', '咖啡机')).toBe('咖啡机的水量是60%。');
  });

  it('says what a device lacks and what it is doing', () => {
    const lacks = (language: Language, device: string) =>
      saySetting(
        { language, responses: responses[language] },
        'setting_lacks',
        { name: device },
        conceptAttribute('volume', language),
      );
    expect(lacks('en', 'floor lamp')).toBe('The floor lamp has no volume setting.');
    expect(lacks('it', 'lampada')).toBe("La lampada non ha un'impostazione per il volume.");
    expect(lacks('fr', 'lampadaire')).toBe("Le lampadaire n'a pas de réglage pour le volume.");
    expect(lacks('zh', '落地灯')).toBe('落地灯没有音量这个设置。');
    const serviceLacks = (language: Language, device: string) =>
      saySetting(
        { language, responses: responses[language] },
        'service_lacks',
        { name: device },
        conceptAttribute('descale', language),
      );
    expect(serviceLacks('it', 'lampada')).toBe('La lampada non ha la funzione di decalcificazione.');
    expect(serviceLacks('fr', 'lampe')).toBe("La lampe n'a pas de fonction de détartrage.");
  });
});
