/**
 * Speech latency and speed on a real hub: espeak-ng speaks commands (WAV, made before timing), the
 * audio is posted to /api/v1/conversation/audio the moment "speech ends", and a plain MQTT device
 * records when its command arrives. Also the time to the first byte of the spoken answer (turn, then
 * synthesis of its text), and each engine's real-time factor (processing time / audio duration).
 *
 * npm run bench -- speech [--rounds N] [--quick]
 */
import { execFileSync } from 'node:child_process';
import { connect, type Device } from '@genio/device-sdk';
import {
  createEspeakTts,
  createWyomingStt,
  decodeWav,
  durationOf,
  encodeWav,
  type PcmAudio,
  resample,
} from '../packages/hub/src/speech/index.js';
import { startBenchHub } from './lib/bench-hub.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Row } from './lib/types.js';

const ADMIN_TOKEN = 'bench-admin-token-speech-0123456789';

const columns: Column[] = [
  { key: 'n', header: 'samples', digits: 0 },
  { key: 'p50', header: 'p50', digits: 3 },
  { key: 'p95', header: 'p95', digits: 3 },
  { key: 'goal', header: 'goal', digits: 3 },
];

/** Commands and the device that must act on each (the home below has these three). */
const commands: Array<[string, string]> = [
  ['turn on the desk lamp', 'desk lamp'],
  ['turn off the desk lamp', 'desk lamp'],
  ['switch on the printer', 'printer'],
  ['switch off the printer', 'printer'],
  ['set the desk lamp to fifty percent', 'desk lamp'],
  ['turn on the kettle', 'kettle'],
  ['turn off the kettle', 'kettle'],
  ['set the desk lamp to twenty percent', 'desk lamp'],
];

const bool = (id: string) => ({
  identifier: id,
  name: id,
  accessMode: 'rw',
  dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
});

function espeakWav(text: string): PcmAudio {
  return decodeWav(execFileSync('espeak-ng', ['-v', 'en-us', '-s', '165', '--stdout'], { input: text }));
}

function row(label: string, values: number[], goal: number | null, note: string): Row {
  const s = sorted(values);
  return {
    label,
    metrics: {
      n: values.length,
      p50: s.length ? percentile(s, 50) : null,
      p95: s.length ? percentile(s, 95) : null,
      goal,
    },
    note,
  };
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const rounds = options.rounds ?? (options.quick ? 1 : 3);
  const bench = await startBenchHub(ADMIN_TOKEN, { commandTimeoutMs: 3000, wyomingPort: 0 });
  const devices: Device[] = [];
  const warnings: string[] = [];
  const samples: BenchResult['samples'] = [];
  try {
    const { hub } = bench;
    const api = async (method: 'POST', url: string, body: unknown) => {
      const response = await hub.http.inject({
        method,
        url,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: body as object,
      });
      if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    const home = await api('POST', '/api/v1/homes', { name: 'Bench flat', language: 'en' });
    const lamp = await api('POST', '/api/v1/products', {
      name: 'Lamp',
      category: 'light',
      thingModel: {
        properties: [
          bool('LightSwitch'),
          {
            identifier: 'Brightness',
            name: 'Brightness',
            accessMode: 'rw',
            dataType: { type: 'int', specs: { min: '0', max: '100', step: '1', unit: '%' } },
          },
        ],
        services: [],
        events: [],
      },
      capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
    });
    const plug = await api('POST', '/api/v1/products', {
      name: 'Plug',
      category: 'plug',
      thingModel: { properties: [bool('PowerSwitch')], services: [], events: [] },
    });
    const arrived = new Map<string, number>();
    for (const [name, product] of [
      ['desk lamp', lamp],
      ['printer', plug],
      ['kettle', plug],
    ] as const) {
      const created = await api('POST', '/api/v1/devices', {
        productKey: product.productKey,
        homeId: home.id,
        name,
      });
      const sdk = await connect({ host: '127.0.0.1', port: hub.ports.mqtt, ...created });
      sdk.onSet(async (values) => {
        arrived.set(name, performance.now());
        await sdk.report(values);
      });
      devices.push(sdk);
    }

    const audio = commands.map(([text]) => espeakWav(text));
    const wavs = audio.map(encodeWav);
    const toCommand: number[] = [];
    const toFirstAudio: number[] = [];
    let right = 0;
    // One warm-up turn compiles the home's grammar, as the first turn after a change does.
    await hub.http.inject({
      method: 'POST',
      url: `/api/v1/conversation/audio?homeId=${home.id}&language=en`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'audio/wav' },
      payload: wavs[0] as Buffer,
    });
    for (let round = 0; round < rounds && !options.signal.aborted; round++) {
      for (const [i, [text, device]] of commands.entries()) {
        arrived.clear();
        const ended = performance.now();
        const response = await hub.http.inject({
          method: 'POST',
          url: `/api/v1/conversation/audio?homeId=${home.id}&language=en`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'audio/wav' },
          payload: wavs[i] as Buffer,
        });
        const answer = response.json() as { speech: { text: string }; transcript: { text: string } };
        const acted = arrived.get(device);
        const chunks = hub.speech.synthesize(answer.speech.text, { language: 'en' })[Symbol.asyncIterator]();
        await chunks.next();
        const firstAudio = performance.now() - ended;
        await chunks.return?.();
        toFirstAudio.push(firstAudio);
        if (acted !== undefined) {
          right++;
          toCommand.push(acted - ended);
        } else options.log(`missed: "${text}" heard as "${answer.transcript.text}"`);
        samples.push({
          text,
          heard: answer.transcript.text,
          commandMs: acted === undefined ? null : acted - ended,
          firstAudioMs: firstAudio,
        });
      }
    }
    const total = rounds * commands.length;
    if (right < total)
      warnings.push(
        `${total - right} of ${total} commands did not reach their device (left out of the command latency)`,
      );

    // Real-time factors, engine by engine, on the same audio.
    const rtf = async (work: (a: PcmAudio) => Promise<unknown>) => {
      const out: number[] = [];
      for (const a of audio) {
        const started = performance.now();
        await work(a);
        out.push((performance.now() - started) / 1000 / durationOf(a));
      }
      return out;
    };
    const sphinxRtf = await rtf((a) =>
      hub.speech.transcribe(resample(a, 16_000), { language: 'en', homeId: home.id }),
    );
    const wyoming = createWyomingStt({ url: `tcp://127.0.0.1:${hub.ports.wyoming}` });
    const wyomingRtf = await rtf((a) => wyoming.transcribe(resample(a, 16_000), { language: 'en' }));
    const espeak = createEspeakTts();
    const espeakRtf: number[] = [];
    for (const [text] of commands) {
      const started = performance.now();
      const parts: Buffer[] = [];
      for await (const chunk of espeak.synthesize(text, { language: 'en' })) parts.push(chunk.samples);
      const seconds = Buffer.concat(parts).length / 2 / 22_050;
      espeakRtf.push((performance.now() - started) / 1000 / seconds);
    }
    return {
      params: { rounds, commands: commands.length, voice: 'en-us 165 wpm' },
      columns,
      rows: [
        row('end of speech -> device command (ms)', toCommand, 500, `${right}/${total} reached their device`),
        row(
          'end of speech -> first answer audio (ms)',
          toFirstAudio,
          800,
          'turn, then the first synthesised chunk',
        ),
        row(
          'pocketsphinx real-time factor',
          sphinxRtf,
          null,
          'grammar of the home, one process per utterance',
        ),
        row(
          'wyoming (Genio over loopback) RTF',
          wyomingRtf,
          null,
          'Wyoming client -> Genio server -> pocketsphinx',
        ),
        row('espeak-ng real-time factor', espeakRtf, null, 'one process per sentence'),
      ],
      ratios: [],
      warnings,
      samples,
    };
  } finally {
    for (const d of devices) await d.close().catch(() => {});
    await bench.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'speech',
  description:
    'Spoken command latency (end of speech -> device, -> first answer audio) and engine real-time factors',
  run,
};
