/**
 * The words of a capability, in a language: a setting a capability carries is named by them as
 * well, so that words fitting a capability ("brightness", "温度", "plus chaud") stay the capability
 * path's even where a brand's own setting shares one of them.
 */
import { type CapabilityName, capabilityLabels } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { type Property as CommandProperty, phrases as commandPhrases } from '../command/index.js';
import { tokenize } from '../nlu/normalize.js';

const spoken: Partial<Record<CapabilityName, CommandProperty>> = {
  brightness: 'brightness',
  targetTemperature: 'temperature',
  freezerTargetTemperature: 'temperature',
  position: 'position',
  fanSpeed: 'fanSpeed',
  colorTemperature: 'colorTemperature',
  targetHumidity: 'humidity',
  oscillation: 'oscillation',
};

const cache = new Map<string, string[][]>();

/** The phrases that name a capability in a language: its labels in every language, and the command's words. */
export function coveredPhrases(capability: CapabilityName, language: Language): string[][] {
  const key = `${capability}:${language}`;
  let found = cache.get(key);
  if (!found) {
    const property = spoken[capability];
    found = [
      ...Object.values(capabilityLabels[capability]).map(tokenize),
      ...(property ? commandPhrases(language).properties[property] : []),
    ].filter((p) => p.length > 0);
    cache.set(key, found);
  }
  return found;
}
