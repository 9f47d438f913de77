import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSpeechService,
  createWyomingStt,
  createWyomingTts,
  decodeWav,
  describeWyoming,
  durationOf,
  openWyoming,
  type PcmAudio,
  type TextToSpeech,
} from '../src/speech/index.js';
import { buildCommandHome, type CommandHome } from './assistant-home.js';
import { startTestHub, type TestHub } from './harness.js';
import { describeSpeech, speakWav } from './speech-tools.js';

async function collect(
  chunks: AsyncIterable<PcmAudio>,
): Promise<{ audio: PcmAudio; count: number; firstMs: number }> {
  const started = Date.now();
  let firstMs = -1;
  const parts: Buffer[] = [];
  let rate = 0;
  for await (const chunk of chunks) {
    if (firstMs < 0) firstMs = Date.now() - started;
    rate = chunk.rate;
    parts.push(chunk.samples);
  }
  return { audio: { rate, samples: Buffer.concat(parts) }, count: parts.length, firstMs };
}

describe('choosing an engine', () => {
  const englishOnly: TextToSpeech = {
    id: 'english-only',
    languages: async () => ['en'],
    async *synthesize() {
      yield { rate: 16_000, samples: Buffer.alloc(320) };
    },
  };

  it('names the languages that can be spoken when one cannot (422), and how to enable speech when none can (503)', async () => {
    const some = createSpeechService({ stt: [], tts: [englishOnly] });
    await expect(collect(some.synthesize('bonjour', { language: 'fr' }))).rejects.toMatchObject({
      code: 'language_unsupported',
      params: { available: 'en' },
    });
    const none = createSpeechService({ stt: [], tts: [] });
    await expect(collect(none.synthesize('hello', { language: 'en' }))).rejects.toMatchObject({
      code: 'unavailable',
    });
    await expect(
      none.transcribe({ rate: 16_000, samples: Buffer.alloc(3200) }, { language: 'en', homeId: 'h' }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(await some.status()).toEqual({
      hear: [],
      speak: ['en'],
      engines: [{ id: 'english-only', kind: 'tts', languages: ['en'] }],
    });
  });
});

let t: TestHub;
let home: CommandHome;

describeSpeech('the built-in engines and the Wyoming server', () => {
  beforeAll(async () => {
    t = await startTestHub('sqlite', { commandTimeoutMs: 1500, wyomingPort: 0 });
    home = await buildCommandHome(t, { only: ['printer', 'reading lamp'] });
  }, 60_000);
  afterAll(async () => {
    await home?.close();
    await t?.close();
  });
  const url = () => `tcp://127.0.0.1:${t.hub.ports.wyoming}`;

  it('speaks all four languages with audio of plausible length for the text', async () => {
    const texts = {
      en: 'The kitchen light is on. The oven is heating up.',
      it: 'La luce della cucina è accesa. Il forno si sta scaldando.',
      fr: 'La lumière de la cuisine est allumée. Le four chauffe.',
      zh: '厨房的灯开了。烤箱正在加热。',
    } as const;
    for (const [language, text] of Object.entries(texts) as Array<[keyof typeof texts, string]>) {
      const { audio, count } = await collect(t.hub.speech.synthesize(text, { language }));
      const perChar = durationOf(audio) / [...text].length;
      // About 12-18 characters a second for alphabets; a Chinese character is a syllable (3-6 a second).
      const [low, high] = language === 'zh' ? [0.12, 0.5] : [0.03, 0.12];
      expect(
        perChar,
        `${language}: ${durationOf(audio).toFixed(2)} s for ${text.length} characters`,
      ).toBeGreaterThan(low);
      expect(perChar, language).toBeLessThan(high);
      expect(count, `${language}: streamed in chunks`).toBeGreaterThan(1);
    }
  }, 120_000);

  it('streams the first sentence before the last is synthesised', async () => {
    const long = Array.from(
      { length: 8 },
      (_, i) => `This is sentence number ${i + 1} of a long answer.`,
    ).join(' ');
    const { audio, firstMs } = await collect(t.hub.speech.synthesize(long, { language: 'en' }));
    const started = Date.now();
    await collect(t.hub.speech.synthesize(long, { language: 'en' }));
    const totalMs = Date.now() - started;
    expect(durationOf(audio)).toBeGreaterThan(15);
    expect(firstMs).toBeLessThan(totalMs / 2);
  }, 60_000);

  it('serves synthesis over HTTP as a chunked WAV', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/speech/synthesize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Your order is ready. Enjoy your meal.', language: 'en' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const wav = decodeWav(Buffer.from(await response.arrayBuffer()));
    expect(wav.rate).toBe(22_050);
    expect(durationOf(wav)).toBeGreaterThan(1.5);
    const status = (await t.request('GET', '/api/v1/speech')).json();
    expect(status.hear).toEqual(['en']);
    expect(status.speak).toEqual(['zh', 'en', 'it', 'fr']);
    const merchantLike = await t.request('POST', '/api/v1/speech/synthesize', {
      token: null,
      body: { text: 'hi', language: 'en' },
    });
    expect(merchantLike.status).toBe(401);
    const doc = (await t.request('GET', '/api/openapi.json', { token: null })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/conversation/audio', '/api/v1/speech/synthesize', '/api/v1/speech']),
    );
    expect(Object.keys(doc.paths['/api/v1/conversation/audio'].post.requestBody.content)).toContain(
      'audio/wav',
    );
  }, 60_000);

  it('describes itself to a Wyoming client: asr in English, tts in four languages, the assistant as handle', async () => {
    const info = await describeWyoming(url());
    expect(info.asr).toEqual(['en']);
    expect(info.tts).toEqual(['zh', 'en', 'it', 'fr']);
    expect(info.handle).toEqual(['zh', 'en', 'it', 'fr']);
  });

  it('round-trips through Wyoming: Genio speaks, Genio hears, the assistant acts on the device', async () => {
    const tts = createWyomingTts({ url: url() });
    const stt = createWyomingStt({ url: url() });
    expect(await stt.languages()).toEqual(['en']);
    const spoken = await collect(tts.synthesize('turn on the printer', { language: 'en' }));
    expect(durationOf(spoken.audio)).toBeGreaterThan(0.8);
    const heard = await stt.transcribe(spoken.audio, { language: 'en' });
    expect(heard.text).toBe('turn on the printer');
    // Audio as a satellite records it (16 kHz) goes through the same path.
    const satellite = decodeWav(speakWav('switch off the printer', { rate: 16_000 }));
    expect((await stt.transcribe(satellite, { language: 'en' })).text).toBe('switch off the printer');

    home.clear();
    const connection = await openWyoming(url());
    try {
      connection.send({ type: 'transcript', data: { text: heard.text, language: 'en' } });
      const handled = await connection.next('handled', 'not-handled');
      expect(handled.data.text).toMatch(/printer/i);
    } finally {
      connection.close();
    }
    expect(home.sets('printer')).toEqual([{ PowerSwitch: 1 }]);
  }, 120_000);

  it('answers a malformed Wyoming stream by closing it, and keeps serving others', async () => {
    const { connect } = await import('node:net');
    const closed = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: t.hub.ports.wyoming as number }, () => {
        socket.write('this is not json\n');
      });
      socket.on('close', () => resolve(true));
      socket.on('error', () => resolve(true));
      setTimeout(() => resolve(false), 5000).unref();
    });
    expect(closed).toBe(true);
    expect((await describeWyoming(url())).asr).toEqual(['en']);
    const connection = await openWyoming(url());
    try {
      connection.send({ type: 'synthesize', data: { text: 'a'.repeat(2001), voice: { language: 'en' } } });
      await expect(connection.next('audio-start')).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      connection.close();
    }
  });
});
