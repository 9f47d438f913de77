/**
 * The hub's speech service: picks, per language, the first configured engine that can hear or speak
 * it, and gives recognisers the words the home's assistant understands right now. No audio is kept:
 * samples live only for the length of one call.
 */
import { languages as allLanguages, GenioError, type Language } from '../errors/index.js';
import type { PcmAudio, RecognitionVocabulary, SpeechToText, TextToSpeech, Transcript } from './types.js';
import { durationOf } from './wav.js';

/** Longest utterance accepted, in seconds. */
export const MAX_UTTERANCE_SECONDS = 30;

/** What a speech engine serves on this machine now. */
export interface EngineStatus {
  id: string;
  kind: 'stt' | 'tts';
  languages: Language[];
}

/** Which languages can be heard and spoken, and by which engines. */
export interface SpeechStatus {
  hear: Language[];
  speak: Language[];
  engines: EngineStatus[];
}

/** The speech service the hub exposes as `hub.speech`. */
export interface SpeechService {
  /** Recognise one utterance in a home (its device names and areas shape what can be heard). */
  transcribe(audio: PcmAudio, options: { language: Language; homeId: string }): Promise<Transcript>;
  /** Speak a text; chunks come as they are made. */
  synthesize(text: string, options: { language: Language }): AsyncIterable<PcmAudio>;
  status(): Promise<SpeechStatus>;
}

/** How to build the service. */
export interface SpeechServiceDeps {
  /** Recognisers in order of preference. */
  stt: SpeechToText[];
  /** Synthesisers in order of preference. */
  tts: TextToSpeech[];
  /** The sentences and names a home's assistant understands now, per language. */
  vocabulary?: (homeId: string, language: Language) => Promise<RecognitionVocabulary>;
}

/** How to turn an engine on, for the 503 problem. */
const ENABLE_HINT =
  'install espeak-ng / pocketsphinx pocketsphinx-en-us (Debian), or point --stt-wyoming-url / --tts-wyoming-url at a Wyoming server';

async function served<E extends SpeechToText | TextToSpeech>(engines: E[]): Promise<Map<E, Language[]>> {
  const entries = await Promise.all(
    engines.map(async (e) => [e, await e.languages().catch(() => [] as Language[])] as const),
  );
  return new Map(entries);
}

function union(lists: Iterable<Language[]>): Language[] {
  const all = new Set<Language>();
  for (const list of lists) for (const l of list) all.add(l);
  return allLanguages.filter((l) => all.has(l));
}

async function pick<E extends SpeechToText | TextToSpeech>(
  engines: E[],
  language: Language,
  task: 'hear' | 'speak',
): Promise<E> {
  const serving = await served(engines);
  for (const [engine, langs] of serving) if (langs.includes(language)) return engine;
  const available = union(serving.values());
  if (available.length === 0)
    throw new GenioError('unavailable', {
      what: task === 'hear' ? 'Speech recognition' : 'Speech synthesis',
      fix: ENABLE_HINT,
    });
  throw new GenioError('language_unsupported', { task, language, available: available.join(', ') });
}

/** Create the speech service over the given engines. */
export function createSpeechService(deps: SpeechServiceDeps): SpeechService {
  return {
    async transcribe(audio, { language, homeId }) {
      const seconds = durationOf(audio);
      if (seconds > MAX_UTTERANCE_SECONDS)
        throw new GenioError('payload_too_large', {
          limit: MAX_UTTERANCE_SECONDS * audio.rate * 2,
          reason: `${seconds.toFixed(1)} s of audio; at most ${MAX_UTTERANCE_SECONDS} s`,
        });
      const engine = await pick(deps.stt, language, 'hear');
      const vocabulary = deps.vocabulary ? await deps.vocabulary(homeId, language) : undefined;
      return engine.transcribe(audio, { language, ...(vocabulary ? { vocabulary } : {}) });
    },
    async *synthesize(text, { language }) {
      const engine = await pick(deps.tts, language, 'speak');
      yield* engine.synthesize(text, { language });
    },
    async status() {
      const [stt, tts] = await Promise.all([served(deps.stt), served(deps.tts)]);
      const engines: EngineStatus[] = [
        ...[...stt].map(([e, languages]) => ({ id: e.id, kind: 'stt' as const, languages })),
        ...[...tts].map(([e, languages]) => ({ id: e.id, kind: 'tts' as const, languages })),
      ];
      return { hear: union(stt.values()), speak: union(tts.values()), engines };
    },
  };
}
