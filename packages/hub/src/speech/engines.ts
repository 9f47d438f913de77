/** The speech engines a configuration asks for, in order of preference, and the vocabulary source. */
import type { Assistant } from '../assistant/index.js';
import { loadGrammars } from '../assistant/index.js';
import type { GenioConfig } from '../config/index.js';
import type { DevicesModule } from '../devices/index.js';
import type { Language } from '../errors/index.js';
import type { HomeService } from '../homes/index.js';
import { createEspeakTts } from './espeak.js';
import { createPocketsphinxStt } from './pocketsphinx.js';
import type { SpeechServiceDeps } from './service.js';
import { buildVocabulary } from './vocabulary.js';
import { createWyomingStt, createWyomingTts } from './wyoming/index.js';

/** Build the engines: a Wyoming server first when configured, then the local ones. */
export function createSpeechEngines(deps: {
  config: GenioConfig;
  assistant: Assistant;
  devices: DevicesModule;
  homes: HomeService;
}): SpeechServiceDeps {
  const { config } = deps;
  const grammars = loadGrammars();
  const stt = [
    ...(config.sttWyomingUrl ? [createWyomingStt({ url: config.sttWyomingUrl })] : []),
    createPocketsphinxStt(),
  ];
  const tts = [
    ...(config.ttsWyomingUrl ? [createWyomingTts({ url: config.ttsWyomingUrl })] : []),
    createEspeakTts(),
  ];
  return {
    stt,
    tts,
    async vocabulary(homeId: string, language: Language) {
      const [devices, areas] = await Promise.all([
        deps.devices.registry.list({ homeId }),
        deps.homes.listAreas(homeId),
      ]);
      return buildVocabulary(
        grammars[language],
        deps.assistant.intents.sentences(language),
        {
          names: devices.map((d) => d.name),
          areas: areas.map((a) => a.name),
          nameAliases: devices.flatMap((d) => d.aliases),
          areaAliases: areas.flatMap((a) => a.aliases),
          categories: [...new Set(devices.map((d) => d.category))],
        },
        language,
      );
    },
  };
}
