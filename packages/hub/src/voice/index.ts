/** The screen's voice path: endpointing and the per-socket utterance, over the hub's speech service. */
export { createEndpointer, type Endpointer, type EndpointState, measureFrame } from './endpointer.js';
export { type AudioSession, createAudioSession, isVoiceMessage } from './session.js';
export type { Pcm, ScreenSpeech } from './types.js';
