import { describe, expect, it } from 'vitest';
import { spokenCommand } from '../../test/speech-fixtures.js';
import { describeSpeech } from '../../test/speech-tools.js';
import { createEndpointer, measureFrame } from './endpointer.js';

const RATE = 16_000;

function feed(endpointer: ReturnType<typeof createEndpointer>, samples: Int16Array, chunk = 1600) {
  let fed = 0;
  for (let i = 0; i < samples.length; i += chunk) {
    const state = endpointer.push(samples.subarray(i, i + chunk));
    fed = Math.min(samples.length, i + chunk);
    if (state !== 'waiting' && state !== 'speaking') return { state, fedMs: (fed / RATE) * 1000 };
  }
  return { state: endpointer.state, fedMs: (fed / RATE) * 1000 };
}

function noise(seconds: number, amplitude: number, seed = 7): Int16Array {
  const out = new Int16Array(seconds * RATE);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = Math.round(((x / 0x7fffffff) * 2 - 1) * amplitude);
  }
  return out;
}

describe('frame measures', () => {
  it('reads loudness and zero crossings', () => {
    expect(measureFrame(new Int16Array(320))).toEqual({ rms: 0, zcr: 0 });
    const square = Int16Array.from({ length: 320 }, (_, i) => (i % 2 ? 16384 : -16384));
    const { rms, zcr } = measureFrame(square);
    expect(rms).toBeCloseTo(0.5, 3);
    expect(zcr).toBeGreaterThan(0.99);
  });
});

describe('endpointer without speech', () => {
  it('gives up on digital silence after the no-speech time', () => {
    const result = feed(createEndpointer({ rate: RATE, noSpeechMs: 2000 }), new Int16Array(RATE * 3));
    expect(result.state).toBe('no-speech');
    expect(result.fedMs).toBeCloseTo(2000, -2);
  });

  it('does not call steady hiss speech', () => {
    const result = feed(createEndpointer({ rate: RATE, noSpeechMs: 3000 }), noise(4, 3000));
    expect(result.state).toBe('no-speech');
  });

  it('stops at the hard cap even while someone keeps talking', () => {
    const tone = Int16Array.from({ length: RATE * 3 }, (_, i) =>
      Math.round(Math.sin((i / RATE) * 2 * Math.PI * 220) * 8000),
    );
    const result = feed(createEndpointer({ rate: RATE, maxMs: 1000 }), tone);
    expect(result.state).toBe('limit');
    expect(result.fedMs).toBeLessThanOrEqual(1100);
  });
});

describeSpeech('endpointer on spoken words', () => {
  it('ends a spoken command within the hangover after its last word, with quiet noise around it', () => {
    const { pcm } = spokenCommand('turn on the kitchen light', { leadMs: 600, tailMs: 3000 });
    const speech = new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.length));
    const hiss = noise(speech.length / RATE + 1, 200);
    const mixed = speech.map((s, i) => Math.max(-32768, Math.min(32767, s + (hiss[i] as number))));
    // Where the words end: the last frame clearly above the hiss.
    let lastLoud = 0;
    for (let i = 0; i + 320 <= speech.length; i += 320)
      if (measureFrame(speech.subarray(i, i + 320)).rms > 0.02) lastLoud = ((i + 320) / RATE) * 1000;
    const endpointer = createEndpointer({ rate: RATE, hangoverMs: 700 });
    const result = feed(endpointer, mixed, 320);
    expect(result.state).toBe('ended');
    expect(endpointer.heardSpeech).toBe(true);
    // Not cut inside the words, and not long after them: the hangover (700 ms) give or take a soft last consonant.
    expect(result.fedMs).toBeGreaterThan(lastLoud + 400);
    expect(result.fedMs).toBeLessThan(lastLoud + 1000);
  });
});
