/**
 * Where an utterance ends, from its audio alone: an energy and zero-crossing voice-activity detector
 * with a hangover. It tracks the background level while nobody speaks, calls a frame speech when it is
 * clearly louder than that background and not hiss-like, and ends the utterance once speech has been
 * heard and then silence has lasted the hangover. It counts samples, never wall time, so audio sent
 * faster than real time (a test, a file) is endpointed exactly as live audio.
 */

/** What the endpointer decided after a chunk. */
export type EndpointState = 'waiting' | 'speaking' | 'ended' | 'no-speech' | 'limit';

export interface EndpointerOptions {
  rate: number;
  /** Silence after speech that ends the utterance. */
  hangoverMs?: number;
  /** Speech needed before it counts (a click or a cough is shorter). */
  minSpeechMs?: number;
  /** Give up when no speech started within this time. */
  noSpeechMs?: number;
  /** Hard cap of the utterance. */
  maxMs?: number;
}

const FRAME_MS = 20;
/** About -40 dBFS: quieter than this is never speech, whatever the background. */
const MIN_SPEECH_RMS = 0.01;
/** Speech is this many times louder than the background level. */
const OVER_BACKGROUND = 3;
/** Above this zero-crossing rate a frame is hiss or fricative noise, not voiced speech. */
const MAX_SPEECH_ZCR = 0.45;

/** Measure one frame: root mean square (0..1) and zero-crossing rate (crossings per sample). */
export function measureFrame(samples: Int16Array): { rms: number; zcr: number } {
  let energy = 0;
  let crossings = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = (samples[i] as number) / 32768;
    energy += s * s;
    if (i > 0 && (samples[i - 1] as number) >= 0 !== (samples[i] as number) >= 0) crossings++;
  }
  const n = Math.max(1, samples.length);
  return { rms: Math.sqrt(energy / n), zcr: crossings / n };
}

/** A stateful endpointer for one utterance; feed it PCM as it arrives. */
export function createEndpointer(options: EndpointerOptions) {
  const frameSamples = Math.round((options.rate * FRAME_MS) / 1000);
  const hangoverFrames = Math.ceil((options.hangoverMs ?? 700) / FRAME_MS);
  const minSpeechFrames = Math.ceil((options.minSpeechMs ?? 100) / FRAME_MS);
  const noSpeechFrames = Math.ceil((options.noSpeechMs ?? 8000) / FRAME_MS);
  const maxFrames = Math.ceil((options.maxMs ?? 30_000) / FRAME_MS);

  let pending = new Int16Array(0);
  let frames = 0;
  let background: number | null = null;
  let speechRun = 0;
  let silenceRun = 0;
  let started = false;
  let state: EndpointState = 'waiting';
  /** Loudness of the latest frame, 0..1, for a level meter. */
  let level = 0;

  const classify = (frame: Int16Array): void => {
    const { rms, zcr } = measureFrame(frame);
    level = rms;
    frames++;
    const floor = background ?? rms;
    const loud = rms > Math.max(MIN_SPEECH_RMS, floor * OVER_BACKGROUND) && zcr < MAX_SPEECH_ZCR;
    if (loud) {
      speechRun++;
      silenceRun = 0;
      if (!started && speechRun >= minSpeechFrames) started = true;
    } else {
      speechRun = 0;
      silenceRun++;
      // The background follows quiet frames only, slowly, so speech never raises its own threshold.
      background = background === null ? rms : background * 0.95 + rms * 0.05;
    }
    if (started) state = silenceRun >= hangoverFrames ? 'ended' : 'speaking';
    else if (frames >= noSpeechFrames) state = 'no-speech';
    if (frames >= maxFrames && state !== 'ended') state = 'limit';
  };

  return {
    /** Feed samples; returns the state after them (once not waiting/speaking it stays so). */
    push(samples: Int16Array): EndpointState {
      if (state !== 'waiting' && state !== 'speaking') return state;
      const all = new Int16Array(pending.length + samples.length);
      all.set(pending);
      all.set(samples, pending.length);
      let offset = 0;
      while (offset + frameSamples <= all.length && (state === 'waiting' || state === 'speaking')) {
        classify(all.subarray(offset, offset + frameSamples));
        offset += frameSamples;
      }
      pending = all.slice(offset);
      return state;
    },
    get state(): EndpointState {
      return state;
    },
    /** Whether speech has been heard so far. */
    get heardSpeech(): boolean {
      return started;
    },
    get level(): number {
      return level;
    },
  };
}

/** An endpointer of one utterance. */
export type Endpointer = ReturnType<typeof createEndpointer>;
