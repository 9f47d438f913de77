import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import type { Language } from '../src/errors/index.js';
import type { ScreenSpeech } from '../src/voice/index.js';

const TOOLS = ['espeak-ng', 'sox', 'pocketsphinx_continuous'] as const;

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** Whether the speech suites run: they need espeak-ng, sox and pocketsphinx (required in CI). */
export function decideSpeechTools(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const missing = TOOLS.filter((tool) => !has(tool));
  if (missing.length === 0) return true;
  if (env.CI && env.CI !== 'false' && env.CI !== '0')
    throw new Error(`Speech tools are required in CI and missing: ${missing.join(', ')}`);
  console.warn(
    `\n[genio tests] ${missing.join(', ')} not found: speech suites are SKIPPED. Enable them with "apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us".\n`,
  );
  return false;
}

/** `describe` for a suite that needs the speech tools. */
export const describeSpeech = decideSpeechTools() ? describe : describe.skip;

/**
 * A sentence spoken by espeak-ng as 16 kHz mono s16le, with silence before and after (a person
 * pauses), as a WAV file and as its PCM samples.
 */
export function spokenCommand(
  text: string,
  options: { voice?: string; speed?: number; leadMs?: number; tailMs?: number; dir?: string } = {},
): { wav: string; pcm: Buffer; dir: string } {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'genio-speech-'));
  const raw = join(dir, 'raw.wav');
  const wav = join(dir, 'command.wav');
  execFileSync('espeak-ng', [
    '-v',
    options.voice ?? 'en-us',
    '-s',
    String(options.speed ?? 150),
    '-w',
    raw,
    text,
  ]);
  const lead = (options.leadMs ?? 500) / 1000;
  const tail = (options.tailMs ?? 1500) / 1000;
  execFileSync('sox', [
    raw,
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    wav,
    'pad',
    String(lead),
    String(tail),
  ]);
  return { wav, pcm: pcmOfWav(readFileSync(wav)), dir };
}

/** The PCM data of a canonical WAV file (its "data" chunk). */
export function pcmOfWav(file: Buffer): Buffer {
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    if (id === 'data') return file.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in WAV');
}

/** A 16 kHz mono s16le WAV around PCM samples. */
export function wavOf(pcm: Buffer, rate = 16000): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/**
 * Test-only English recogniser until the hub's speech engines are merged: Debian's pocketsphinx with a
 * JSGF grammar of the given sentences. It records every utterance it was asked to transcribe.
 */
export function pocketsphinxSpeech(sentences: string[]): ScreenSpeech & { heard: Buffer[] } {
  const heard: Buffer[] = [];
  const model = '/usr/share/pocketsphinx/model/en-us';
  return {
    heard,
    status: () => ({ hear: ['en'] as Language[], speak: [] as Language[] }),
    async transcribe(audio, options) {
      heard.push(audio.samples);
      const dir = mkdtempSync(join(tmpdir(), 'genio-stt-'));
      try {
        const grammar = join(dir, 'g.gram');
        writeFileSync(
          grammar,
          `#JSGF V1.0;\ngrammar cmd;\npublic <cmd> = ${sentences.map((s) => `(${s})`).join(' | ')};\n`,
        );
        const wav = join(dir, 'in.wav');
        writeFileSync(wav, wavOf(audio.samples, audio.rate));
        const out = spawnSync(
          'pocketsphinx_continuous',
          [
            '-infile',
            wav,
            '-jsgf',
            grammar,
            '-hmm',
            `${model}/en-us`,
            '-dict',
            `${model}/cmudict-en-us.dict`,
          ],
          { encoding: 'utf8' },
        );
        const text = out.stdout.trim().split('\n').filter(Boolean).join(' ');
        return { text, confidence: text ? 0.9 : 0, language: options.language };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
