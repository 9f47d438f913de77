import type { Language } from '../errors/index.js';

/** Mono signed 16-bit little-endian PCM with its rate (the speech module's PcmAudio). */
export interface Pcm {
  rate: number;
  samples: Buffer;
}

/** What the screen's voice path needs of the hub's speech service (`hub.speech`). */
export interface ScreenSpeech {
  transcribe(
    audio: Pcm,
    options: { language: Language; homeId: string },
  ): Promise<{ text: string; confidence: number; language: Language }>;
  /** Languages that can be heard (recognised) and spoken (synthesised) on this machine now. */
  status():
    | { hear: readonly Language[]; speak: readonly Language[] }
    | Promise<{ hear: readonly Language[]; speak: readonly Language[] }>;
}
