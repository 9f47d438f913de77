/**
 * Speech engines behind one pair of interfaces, so the built-in local engines (pocketsphinx,
 * espeak-ng), a Wyoming server and a user's sherpa-onnx model directory are interchangeable.
 * Audio inside the hub is 16-bit little-endian mono PCM with its sample rate.
 */
import type { Language } from '../errors/index.js';

/** Raw PCM audio: signed 16-bit little-endian, mono. */
export interface PcmAudio {
  rate: number;
  samples: Buffer;
}

/** Words the recogniser should expect right now (the home's names, areas, registered intents). */
export interface RecognitionVocabulary {
  /** Sentences the assistant understands, already expanded or as templates. */
  sentences: string[];
  /**
   * Template syntax of the assistant's sentences: `(a|b)`, `[optional]`, `<rule>`, `{slot}`.
   * Named rules the templates refer to as `<name>`.
   */
  rules?: Record<string, string>;
  /** What each `{slot}` may be, as templates; a sentence with a slot not listed here is left out. */
  lists?: Record<string, string[]>;
  /**
   * Other names a slot's values go by (device aliases in several languages): kept only when the
   * recogniser knows every word, so one language's names do not crowd another's grammar.
   */
  aliases?: Record<string, string[]>;
  /** Words said around a request that carry nothing ("please", "thank you"). */
  fillers?: string[];
}

export interface Transcript {
  text: string;
  /** 0..1; below the assistant's threshold, risky actions are confirmed first. */
  confidence: number;
  language: Language;
}

export interface SpeechToText {
  readonly id: string;
  /** Languages this engine can hear on this machine now. */
  languages(): Promise<Language[]>;
  transcribe(
    audio: PcmAudio,
    options: { language: Language; vocabulary?: RecognitionVocabulary },
  ): Promise<Transcript>;
}

export interface TextToSpeech {
  readonly id: string;
  languages(): Promise<Language[]>;
  /** Audio as it is made: the first chunk arrives before the whole text is synthesised. */
  synthesize(text: string, options: { language: Language }): AsyncIterable<PcmAudio>;
}
