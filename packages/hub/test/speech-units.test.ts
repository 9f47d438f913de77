import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGrammars } from '../src/assistant/index.js';
import {
  buildVocabulary,
  compileGrammar,
  confidenceOf,
  DEBIAN_MODEL_DIR,
  decodeWav,
  durationOf,
  EventReader,
  encodeEvent,
  encodeWav,
  parseDictionary,
  parseHypseg,
  pronounce,
  resample,
  sentencesOf,
  WyomingProtocolError,
} from '../src/speech/index.js';

const dict = parseDictionary(
  [
    'air EH R',
    'con K AA N',
    'turn T ER N',
    'on AA N',
    'on(2) AO N',
    'the DH AH',
    'lamp L AE M P',
    'two T UW',
    'one W AH N',
    'desk D EH S K',
  ].join('\n'),
);

describe('Wyoming framing', () => {
  it('reads events split anywhere, merging data and keeping the payload', () => {
    const wire = Buffer.concat([
      encodeEvent({
        type: 'audio-chunk',
        data: { rate: 16000, width: 2, channels: 1 },
        payload: Buffer.from([1, 2, 3, 4]),
      }),
      Buffer.from('{"type":"transcript","data":{"text":"hi"}}\n'),
    ]);
    const reader = new EventReader();
    const events = [...wire].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(events).toEqual([
      {
        type: 'audio-chunk',
        data: { rate: 16000, width: 2, channels: 1 },
        payload: Buffer.from([1, 2, 3, 4]),
      },
      { type: 'transcript', data: { text: 'hi' } },
    ]);
  });

  it('refuses what is not a Wyoming event', () => {
    expect(() => new EventReader().push(Buffer.from('nope\n'))).toThrow(WyomingProtocolError);
    expect(() => new EventReader().push(Buffer.from('{"data":{}}\n'))).toThrow('no type');
    expect(() => new EventReader().push(Buffer.from('{"type":"x","payload_length":999999999}\n'))).toThrow(
      'payload_length',
    );
  });
});

describe('WAV in and out', () => {
  it('decodes 8-bit stereo and 32-bit float to 16-bit mono, and resamples to the asked rate', () => {
    const stereo8 = Buffer.alloc(44 + 8);
    stereo8.write('RIFF', 0);
    stereo8.write('WAVEfmt ', 8);
    stereo8.writeUInt32LE(16, 16);
    stereo8.writeUInt16LE(1, 20);
    stereo8.writeUInt16LE(2, 22);
    stereo8.writeUInt32LE(8000, 24);
    stereo8.writeUInt16LE(8, 34);
    stereo8.write('data', 36);
    stereo8.writeUInt32LE(8, 40);
    Buffer.from([255, 255, 128, 128, 0, 0, 128, 255]).copy(stereo8, 44);
    const mono = decodeWav(stereo8);
    expect(mono.rate).toBe(8000);
    expect([0, 1, 2, 3].map((i) => mono.samples.readInt16LE(i * 2))).toEqual([32512, 0, -32768, 16256]);

    const tone = { rate: 48_000, samples: Buffer.alloc(48_000 * 2) };
    const down = resample(tone, 16_000);
    expect(down.rate).toBe(16_000);
    expect(durationOf(down)).toBeCloseTo(1, 3);
    expect(decodeWav(encodeWav(down)).samples.equals(down.samples)).toBe(true);
  });

  it('says what is wrong with a file that is not a usable WAV', () => {
    expect(() => decodeWav(Buffer.from('hello'))).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});

describe('speaking sentence by sentence', () => {
  it('cuts a text into sentences in any of the four scripts', () => {
    expect(sentencesOf('Done. The lamp is on! Anything else?')).toEqual([
      'Done.',
      'The lamp is on!',
      'Anything else?',
    ]);
    expect(sentencesOf('好的。灯开了！')).toEqual(['好的。', '灯开了！']);
    expect(sentencesOf('  ...  ')).toEqual([]);
  });
});

describe('the grammar pocketsphinx hears with', () => {
  it('pronounces missing words from dictionary pieces, else letter by letter, and digits as words', () => {
    expect(pronounce('aircon', dict)).toEqual(['EH R K AA N']);
    expect(pronounce('tv', dict)).toEqual(['T IY V IY']);
    expect(pronounce('21', dict)).toEqual(['T UW W AH N']);
    expect(pronounce('台灯', dict)).toBeNull();
  });

  it('compiles templates, rules and lists; leaves out sentences it cannot say and foreign aliases', () => {
    const grammar = compileGrammar(
      {
        sentences: ['turn on <the> {name}', 'set {timer_name} timer', 'turn on the {name} {name}'],
        rules: { the: '[the]' },
        lists: { name: ['desk lamp', 'aircon', '台灯'] },
        aliases: { name: ['lampe de bureau', 'lamp'] },
      },
      dict,
    );
    expect(grammar.skipped).toBe(1);
    expect(grammar.jsgf).toContain('<s_name> = (desk lamp | aircon | lamp);');
    expect(grammar.jsgf).toContain('<u0> = turn on <r_the> <s_name>;');
    expect(grammar.dictionary).toContain('aircon EH R K AA N');
    expect(grammar.dictionary).toContain('on(2) AO N');
    expect(grammar.dictionary).not.toContain('bureau');
    const again = compileGrammar(
      { sentences: ['turn on <the> {name}'], rules: { the: '[the]' }, lists: { name: ['desk lamp'] } },
      dict,
    );
    expect(again.hash).not.toBe(grammar.hash);
    // A home without areas still gets every sentence whose area is optional.
    const noAreas = compileGrammar(
      { sentences: ['turn on the {name} [in the {area}]'], lists: { name: ['desk lamp'], area: [] } },
      dict,
    );
    expect(noAreas.skipped).toBe(0);
    expect(noAreas.jsgf).toContain('<u0> = turn on the <s_name>;');
  });

  it('keeps only the kinds of device the home has', () => {
    const home = { names: ['porch lamp', 'printer'], areas: ['attic'], categories: ['light', 'plug'] };
    const vocabulary = buildVocabulary(loadGrammars().en, [], home, 'en');
    expect(vocabulary.lists?.category).toEqual(expect.arrayContaining(['lights', 'plug']));
    expect(vocabulary.lists?.category).not.toContain('fridge');
    expect(vocabulary.lists?.compartment).toBeUndefined();
    // Without categories (a caller that does not know them) every kind word stays.
    expect(buildVocabulary(loadGrammars().en, [], { names: [], areas: [] }, 'en').lists?.category).toContain(
      'fridge',
    );
  });

  const englishDictionary = join(DEBIAN_MODEL_DIR, 'cmudict-en-us.dict');
  it.skipIf(!existsSync(englishDictionary))(
    'hears command shapes the command reader understands beyond the templates',
    () => {
      const home = { names: ['porch lamp', 'printer'], areas: ['attic'], categories: ['light', 'plug'] };
      const vocabulary = buildVocabulary(loadGrammars().en, [], home, 'en');
      const english = parseDictionary(readFileSync(englishDictionary, 'utf8'));
      const { jsgf } = compileGrammar(vocabulary, english);
      // "porch lamp off", "turn the porch lamp down a bit", "lower the thermostat to eighteen degrees",
      // "set the heating to twenty one", "don't turn on the printer": words from the command reader.
      expect(jsgf).toMatch(/<u\d+> = <r_name_or_kind> \(on \| off\);/);
      const target = '\\(\\[<r_the>\\] <s_name> \\[<r_on_area>\\] \\| [^;]*<s_area> <s_category>\\)';
      expect(jsgf).toMatch(
        new RegExp(`<u\\d+> = \\(set \\|[^;]*\\) ${target} \\([^;]*\\bdown\\b[^;]*\\) \\[\\([^;]*a bit`),
      );
      expect(jsgf).toMatch(
        new RegExp(`\\blower\\b[^;]*\\) ${target} \\[[^;]*\\(to \\| at\\) <s_brightness>`),
      );
      expect(jsgf).toMatch(/\(set \|[^;]*\[the\] \([^;]*\bheating\b[^;]*<s_temperature>/);
      expect(jsgf).toMatch(/\(don't \| do not[^;]*\(turn on \|[^;]*<r_name_or_kind>;/);
      // A change is never said of "all the …": misheard, it would move every light of the home at once.
      const changes = jsgf
        .split('\n')
        .filter((line) => /\b(dimmer|brighter)\b/.test(line) && line.startsWith('<u'));
      expect(changes.length).toBeGreaterThan(2);
      for (const line of changes) expect(line).not.toContain('<r_name_or_kind>');
    },
  );

  it('reads pocketsphinx results and rates them: full coverage high, speech left to silence low', () => {
    const clean = parseHypseg(
      'u1 S 0 T -6730 A -6393 L -337 -1 0 0 (NULL) 0 -1442 0 turn 27 -593 0 on(2) 39 -739 0 the 51 -2230 0 kitchen 93 -1012 0 light 121 0 0 (NULL) 122 -377 -337 <sil> 166',
    );
    expect(clean.text).toBe('turn on the kitchen light');
    expect(confidenceOf(clean)).toBeGreaterThan(0.9);
    const forced = parseHypseg(
      'u5 S 0 T -10515 A -9841 L -674 -1 0 0 (NULL) 0 -685 0 that(2) 14 -808 0 will 35 -4898 -337 <sil> 123 -918 0 be 140 -663 0 all 154 0 0 (NULL) 155 -1869 -337 <sil> 219',
    );
    expect(forced.text).toBe('that will be all');
    expect(confidenceOf(forced)).toBeLessThan(0.3);
    expect(confidenceOf(parseHypseg('u4 S 0 T 0 A 0 L 0 263'))).toBe(0);
  });
});
