export * from './auth/index.js';
export * from './bus/index.js';
export * from './config/index.js';
export * from './errors/index.js';
export * from './homes/index.js';
export { type Hub, type HubOptions, startHub } from './hub.js';
export { createLogger, type Logger } from './log/index.js';
export {
  createEspeakTts,
  createPocketsphinxStt,
  createSpeechService,
  createWyomingStt,
  createWyomingTts,
  type SpeechService,
  type SpeechStatus,
} from './speech/index.js';
export { type Dialect, openStorage, type Storage } from './storage/index.js';
export { version } from './version.js';
