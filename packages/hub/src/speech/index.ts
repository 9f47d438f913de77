export { createSpeechEngines } from './engines.js';
export { createEspeakTts, ESPEAK_RATE, espeakVoices, sentencesOf } from './espeak.js';
export { compileGrammar, parseDictionary, pronounce } from './jsgf.js';
export { confidenceOf, createPocketsphinxStt, DEBIAN_MODEL_DIR, parseHypseg } from './pocketsphinx.js';
export {
  createSpeechService,
  type EngineStatus,
  MAX_UTTERANCE_SECONDS,
  type SpeechService,
  type SpeechServiceDeps,
  type SpeechStatus,
} from './service.js';
export type { PcmAudio, RecognitionVocabulary, SpeechToText, TextToSpeech, Transcript } from './types.js';
export { buildVocabulary, type HomeNames } from './vocabulary.js';
export { decodeWav, durationOf, encodeWav, resample, wavHeader } from './wav.js';
export {
  createWyomingServer,
  createWyomingStt,
  createWyomingTts,
  describeWyoming,
  EventReader,
  encodeEvent,
  openWyoming,
  type WyomingEvent,
  WyomingProtocolError,
} from './wyoming/index.js';
