/** Spoken commands for the screen's voice tests: espeak-ng with pauses around, as a WAV file and as PCM. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
