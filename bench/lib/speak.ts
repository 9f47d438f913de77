/**
 * Spoken test audio for the speech benchmarks: espeak-ng says a sentence, sox mixes in noise and
 * changes the rate or channels. Both run as processes (espeak-ng is GPL: run, never linked).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How a sentence is spoken and handed over. */
export interface SpokenVoice {
  /** espeak-ng voice, with an optional variant: `en-us+f3`. */
  voice: string;
  /** Words a minute. */
  speed: number;
  /** Noise mixed in at this amplitude (0..1), seeded so a run can be replayed. */
  noise?: { kind: 'whitenoise' | 'pinknoise' | 'brownnoise'; level: number };
  /** Rate and channels of the WAV handed over. */
  rate?: number;
  channels?: number;
}

/** A short label of a voice for reports: `en-us+f3 155 wpm, pink 0.03, 22050 Hz`. */
export function describeVoice(v: SpokenVoice): string {
  const parts = [`${v.voice} ${v.speed} wpm`];
  if (v.noise) parts.push(`${v.noise.kind.replace('noise', '')} ${v.noise.level}`);
  if (v.rate) parts.push(`${v.rate} Hz`);
  if (v.channels && v.channels > 1) parts.push(`${v.channels} ch`);
  return parts.join(', ');
}

/** Speak a sentence into a WAV file's bytes. */
export function speakToWav(text: string, v: SpokenVoice): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'genio-bench-speak-'));
  try {
    let current = join(dir, 'clean.wav');
    writeFileSync(
      current,
      execFileSync('espeak-ng', ['-v', v.voice, '-s', String(v.speed), '--stdout'], { input: text }),
    );
    if (v.noise) {
      const noise = join(dir, 'noise.wav');
      const mixed = join(dir, 'mixed.wav');
      execFileSync('sox', ['-R', current, noise, 'synth', v.noise.kind, 'vol', String(v.noise.level)]);
      execFileSync('sox', ['-m', current, noise, mixed]);
      current = mixed;
    }
    if (v.rate || v.channels) {
      const converted = join(dir, 'converted.wav');
      execFileSync('sox', [
        current,
        ...(v.rate ? ['-r', String(v.rate)] : []),
        ...(v.channels ? ['-c', String(v.channels)] : []),
        '-b',
        '16',
        converted,
      ]);
      current = converted;
    }
    return readFileSync(current);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
