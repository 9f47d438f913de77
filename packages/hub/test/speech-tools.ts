/**
 * The Debian speech tools the speech suites drive (espeak-ng speaks the test commands, sox mixes
 * noise and changes rates, pocketsphinx hears). Outside CI a missing tool skips those suites with one
 * loud line saying how to enable them; in CI (CI=true) they are required and a missing one fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { DEBIAN_MODEL_DIR } from '../src/speech/index.js';

const tools: Array<{ name: string; args: string[]; package: string }> = [
  { name: 'espeak-ng', args: ['--version'], package: 'espeak-ng' },
  { name: 'sox', args: ['--version'], package: 'sox libsox-fmt-all' },
  { name: 'pocketsphinx_batch', args: ['-help', 'no'], package: 'pocketsphinx pocketsphinx-en-us' },
];

function missingTools(): string[] {
  const missing = tools
    .filter((t) => spawnSync(t.name, t.args, { stdio: 'ignore', timeout: 10_000 }).error)
    .map((t) => t.package);
  if (!existsSync(join(DEBIAN_MODEL_DIR, 'en-us', 'mdef'))) missing.push('pocketsphinx-en-us');
  return [...new Set(missing)];
}

function decide(): boolean {
  const missing = missingTools();
  if (missing.length === 0) return true;
  const ci = (process.env.CI ?? '').toLowerCase();
  const message = `speech tools missing: apt-get install ${missing.join(' ')} (libblas3 liblapack3 for pocketsphinx)`;
  if (ci && ci !== 'false' && ci !== '0') throw new Error(`[genio tests] required in CI: ${message}`);
  console.warn(
    `\n[genio tests] ${message}: speech suites (packages/hub/test/speech-*.test.ts) are SKIPPED.\n`,
  );
  return false;
}

/** Whether the speech suites run here. */
export const SPEECH_TOOLS = decide();
/** `describe` for a suite that needs the speech tools. */
export const describeSpeech = SPEECH_TOOLS ? describe : describe.skip;

/** How a test command is spoken. */
export interface Voice {
  voice?: string;
  speed?: number;
  /** White noise mixed in at this amplitude (0..1), by sox. */
  noise?: number;
  /** Rate and channels of the WAV handed over (sox converts). */
  rate?: number;
  channels?: number;
}

/** Speak a text with espeak-ng into a WAV, optionally with noise and another rate or channel count. */
export function speakWav(text: string, voice: Voice = {}): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'genio-speak-'));
  try {
    const clean = join(dir, 'clean.wav');
    writeFileSync(
      clean,
      execFileSync(
        'espeak-ng',
        ['-v', voice.voice ?? 'en-us', '-s', String(voice.speed ?? 160), '--stdout'],
        {
          input: text,
        },
      ),
    );
    let current = clean;
    if (voice.noise) {
      const noise = join(dir, 'noise.wav');
      const mixed = join(dir, 'mixed.wav');
      // -R seeds sox's noise the same way every run, so a failure can be replayed.
      execFileSync('sox', ['-R', clean, noise, 'synth', 'whitenoise', 'vol', String(voice.noise)]);
      execFileSync('sox', ['-m', clean, noise, mixed]);
      current = mixed;
    }
    if (voice.rate || voice.channels) {
      const converted = join(dir, 'converted.wav');
      execFileSync('sox', [
        current,
        ...(voice.rate ? ['-r', String(voice.rate)] : []),
        ...(voice.channels ? ['-c', String(voice.channels)] : []),
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
