import { describe, expect, it } from 'vitest';
import { languages } from '../../errors/index.js';
import {
  allStandardValues,
  capabilityLabels,
  capabilityNames,
  capabilitySpecs,
  categories,
  matchEnumLabels,
  modeValues,
  standardValues,
  valueLabel,
  valueLabels,
  valueWords,
} from './index.js';

describe('vocabulary', () => {
  it('names every capability and every standard value in every language', () => {
    for (const name of capabilityNames)
      for (const language of languages) expect(capabilityLabels[name][language], name).toBeTruthy();
    for (const value of allStandardValues)
      for (const language of languages) {
        expect(valueLabels[value][language], `${value}/${language}`).toBe(valueWords[value][language][0]);
      }
    expect(languages.map((language) => valueLabel('cool', language))).toEqual([
      '制冷',
      'cool',
      'raffreddamento',
      'froid',
    ]);
    expect(valueLabel('拖地中', 'en')).toBe('拖地中');
  });

  it("recognises each standard value's own words", () => {
    for (const capability of ['mode', 'fanSpeed', 'workState', 'power'] as const) {
      const values = standardValues(capability);
      for (const value of values)
        for (const language of languages)
          for (const word of valueWords[value][language]) {
            const matched = matchEnumLabels({ type: 'enum', specs: { '0': word } }, capability);
            expect(matched[value], `${capability}: ${word} (${language})`).toBe(0);
          }
    }
  });

  it('keeps standard values by category for modes', () => {
    expect(standardValues('mode', 'airConditioner')).toEqual(['auto', 'cool', 'heat', 'dry', 'fan']);
    expect(standardValues('mode', 'light')).toEqual(['normal', 'night', 'reading']);
    expect(standardValues('mode', 'fan')).toEqual(['normal', 'sleep', 'natural']);
    expect(standardValues('mode', 'fridge')).toEqual(['normal', 'eco', 'holiday', 'quickFreeze']);
    expect(standardValues('mode', 'plug')).toEqual(modeValues);
    expect(standardValues('mode')).toEqual(modeValues);
    expect(standardValues('fanSpeed')).toEqual(['auto', 'low', 'medium', 'high', 'turbo']);
    expect(standardValues('workState')).toEqual([
      'idle',
      'cleaning',
      'paused',
      'returning',
      'charging',
      'error',
    ]);
    expect(standardValues('brightness')).toEqual([]);
  });

  it('describes every capability with consistent data', () => {
    expect(Object.keys(capabilitySpecs)).toEqual([...capabilityNames]);
    for (const name of capabilityNames) {
      const spec = capabilitySpecs[name];
      for (const category of spec.categories) expect(categories).toContain(category);
      if (spec.range) expect(spec.range[0]).toBeLessThan(spec.range[1]);
      expect(spec.valueType === 'service', name).toBe(spec.dataTypes.length === 0);
      for (const value of spec.values ?? []) expect(allStandardValues).toContain(value);
    }
  });
});
