import type { SpeechService } from '../speech/index.js';

export type { PcmAudio as Pcm } from '../speech/index.js';

/** What the screen's voice path needs of the hub's speech service (`hub.speech`). */
export type ScreenSpeech = Pick<SpeechService, 'transcribe' | 'status'>;
