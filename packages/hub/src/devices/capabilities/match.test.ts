import { describe, expect, it } from 'vitest';
import type { EnumDataType } from '../tsl/types.js';
import { keyForLabel, matchEnumLabels, normalizeLabel, valueForWord } from './index.js';

const enumOf = (...labels: string[]): EnumDataType => ({
  type: 'enum',
  specs: Object.fromEntries(labels.map((label, i) => [String(i), label])),
});

describe('normalizeLabel', () => {
  it.each([
    ['Déshumidification', 'deshumidification'],
    ['FanOnly', 'fan only'],
    ['fan_only', 'fan only'],
    ['  Cooling   Mode! ', 'cooling mode'],
    ['ECO模式', 'eco 模式'],
    ['ＡＵＴＯ', 'auto'],
  ])('%s -> %s', (label, normalized) => expect(normalizeLabel(label)).toBe(normalized));
});

describe('matchEnumLabels', () => {
  const acModes = { auto: 0, cool: 1, heat: 2, dry: 3, fan: 4 };

  it.each([
    ['zh', ['自动', '制冷', '制热', '除湿', '送风']],
    ['zh, with 模式', ['自动模式', '制冷模式', '制热模式', '除湿模式', '送风模式']],
    ['en', ['Auto', 'Cooling', 'Heating', 'Dehumidify', 'Fan only']],
    ['en, camelCase', ['AUTO', 'CoolMode', 'HeatMode', 'DryMode', 'FanOnly']],
    ['it', ['Automatico', 'Raffreddamento', 'Riscaldamento', 'Deumidificazione', 'Ventilazione']],
    ['it, short', ['Auto', 'Freddo', 'Caldo', 'Secco', 'Ventola']],
    ['fr', ['Automatique', 'Froid', 'Chauffage', 'Déshumidification', 'Ventilation']],
    ['fr, without accents', ['AUTOMATIQUE', 'REFROIDISSEMENT', 'CHAUD', 'DESHUMIDIFICATION', 'VENTILATEUR']],
  ])('matches air-conditioner modes in %s', (_language, labels) => {
    expect(matchEnumLabels(enumOf(...labels), 'mode', 'airConditioner')).toEqual(acModes);
  });

  it.each([
    ['zh', ['自动', '低速', '中速', '高速', '超强']],
    ['en', ['Auto', 'Low', 'Medium', 'High', 'Turbo']],
    ['it', ['Automatica', 'Bassa', 'Media', 'Alta', 'Massima']],
    ['fr', ['Auto', 'Basse', 'Moyenne', 'Haute', 'Maximum']],
  ])('matches fan speeds in %s', (_language, labels) => {
    expect(matchEnumLabels(enumOf(...labels), 'fanSpeed')).toEqual({
      auto: 0,
      low: 1,
      medium: 2,
      high: 3,
      turbo: 4,
    });
  });

  it.each([
    ['zh', ['待机', '清扫中', '已暂停', '回充中', '充电中', '故障']],
    ['en', ['Idle', 'Cleaning', 'Paused', 'Returning to dock', 'Charging', 'Error']],
    ['it', ['In attesa', 'In pulizia', 'In pausa', 'Rientro', 'In carica', 'Guasto']],
    ['fr', ['En veille', 'Nettoyage', 'En pause', 'Retour à la base', 'En charge', 'Panne']],
  ])('matches vacuum work states in %s', (_language, labels) => {
    expect(matchEnumLabels(enumOf(...labels), 'workState', 'vacuum')).toEqual({
      idle: 0,
      cleaning: 1,
      paused: 2,
      returning: 3,
      charging: 4,
      error: 5,
    });
  });

  it.each([
    ['zh', ['关', '开']],
    ['en', ['Off', 'On']],
    ['it', ['Spento', 'Acceso']],
    ['fr', ['Éteint', 'Allumé']],
  ])('matches power labels in %s', (_language, labels) => {
    expect(matchEnumLabels(enumOf(...labels), 'power')).toEqual({ on: 1, off: 0 });
  });

  it('leaves labels that name nothing out, so they stay usable by their own label', () => {
    const t = enumOf('待机', '清扫中', '拖地中', '回充中');
    expect(matchEnumLabels(t, 'workState', 'vacuum')).toEqual({ idle: 0, cleaning: 1, returning: 3 });
    expect(keyForLabel('拖地中', t)).toBe(2);
    expect(keyForLabel('unknown', t)).toBeUndefined();
  });

  it('prefers an equal label over one that only contains the word', () => {
    expect(matchEnumLabels(enumOf('Super cool', 'Cool'), 'mode', 'airConditioner')).toEqual({ cool: 1 });
    expect(matchEnumLabels(enumOf('返回充电', '充电'), 'workState')).toEqual({ returning: 0, charging: 1 });
  });

  it("uses the category's modes first and still knows the others", () => {
    const fridge = enumOf('Normal', 'Eco', 'Vacation', 'Quick freeze');
    expect(matchEnumLabels(fridge, 'mode', 'fridge')).toEqual({
      normal: 0,
      eco: 1,
      holiday: 2,
      quickFreeze: 3,
    });
    const ac = enumOf('Cool', 'Sleep');
    expect(matchEnumLabels(ac, 'mode', 'airConditioner')).toEqual({ cool: 0, sleep: 1 });
    expect(matchEnumLabels(enumOf('Night', 'Reading'), 'mode', 'light')).toEqual({ night: 0, reading: 1 });
    expect(matchEnumLabels(enumOf('Natural wind', 'Sleep'), 'mode', 'fan')).toEqual({ natural: 0, sleep: 1 });
  });

  it('matches whole words in Latin scripts only', () => {
    expect(matchEnumLabels(enumOf('Heat mode'), 'mode', 'airConditioner')).toEqual({ heat: 0 });
    expect(matchEnumLabels(enumOf('Heatcool'), 'mode', 'airConditioner')).toEqual({});
  });

  it.each([
    ['Standby', 'On'],
    ['待机', '开机'],
    ['En veille', 'Allumé'],
  ])('reads a standby label as power off (%s / %s)', (off, on) => {
    expect(matchEnumLabels(enumOf(off, on), 'power')).toEqual({ off: 0, on: 1 });
  });

  it('maps each key to one value only', () => {
    expect(matchEnumLabels(enumOf('Cool'), 'mode', 'airConditioner')).toEqual({ cool: 0 });
    expect(matchEnumLabels(enumOf('Standard'), 'fanSpeed')).toEqual({ medium: 0 });
  });
});

describe('valueForWord', () => {
  it.each([
    ['制冷', 'cool'],
    ['freddo', 'cool'],
    ['FROID', 'cool'],
    ['déshumidification', 'dry'],
    ['nothing', undefined],
  ])('%s names %s', (word, value) => {
    expect(valueForWord(word, ['auto', 'cool', 'heat', 'dry', 'fan'])).toBe(value);
  });
});
