/**
 * The assistant at home scale: (1) recognition latency for a home with 1,000 devices, 50 areas
 * and 100 extra intents loaded, in each language, next to a baseline measured in the same run (the
 * same utterances against the grammar alone, with a 10-device home and no extra intents); (2) the
 * full text turn, HTTP in -> recognition -> device command out -> device reply -> HTTP answer, with
 * real MQTT devices answering.
 */

import { Agent } from 'node:http';
import { connect, type Device } from '../packages/device-sdk/src/index.js';
import { loadGrammar } from '../packages/hub/src/assistant/nlu/grammar.js';
import {
  type Grammar,
  LanguageRecognizer,
  type ListEntry,
} from '../packages/hub/src/assistant/nlu/recognizer.js';
import type { Language } from '../packages/hub/src/errors/index.js';
import { startBenchHub } from './lib/bench-hub.js';
import { postJson } from './lib/http.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Ratio, Row } from './lib/types.js';

const utterances: Record<Language, string[]> = {
  en: [
    'turn on the desk lamp 517',
    'switch off the lights in area 23',
    'set the desk lamp 40 to forty percent',
    'what is the temperature of desk lamp 999',
    'turn off everything in area 7',
    'set a timer for five minutes',
    'turn on the desk lamb 517',
    // Through every pass: no sentence, a clause, a relaxed match, then the frame reader.
    "I'm heading out so kill the lights in area 23 for me",
    'area 7 lights at fifty percent if you can',
    'tell me a joke about the weather in paris tomorrow',
  ],
  it: [
    'accendi la lampada 517',
    'spegni le luci in zona 23',
    'imposta la lampada 40 al quaranta per cento',
    'spegni tutto in zona 7',
    'imposta un timer di cinque minuti',
    'esco adesso quindi spegnimi le luci in zona 23 grazie mille',
    'luci della zona 7 al cinquanta per cento se puoi',
    'raccontami una barzelletta sul tempo a parigi domani',
  ],
  fr: [
    'allume la lampe 517',
    'éteins les lumières de la zone 23',
    'mets la lampe 40 à quarante pour cent',
    'éteins tout dans la zone 7',
    'mets un minuteur de cinq minutes',
    'je sors alors coupe-moi les lumières de la zone 23 merci beaucoup',
    'lumières de la zone 7 à cinquante pour cent si tu peux',
    'raconte-moi une blague sur la météo à paris demain',
  ],
  zh: [
    '打开台灯517',
    '把区域23的灯关掉',
    '把台灯40的亮度调到百分之四十',
    '关掉区域7的所有设备',
    '设置一个五分钟的计时器',
    '我要出门了你帮我把区域23的灯都给关了吧',
    '区域7的灯百分之五十就好',
    '给我讲个关于巴黎明天天气的笑话',
  ],
};

const deviceWords: Record<Language, [string, string]> = {
  en: ['desk lamp', 'area'],
  it: ['lampada', 'zona'],
  fr: ['lampe', 'zone'],
  zh: ['台灯', '区域'],
};

function homeLists(language: Language, devices: number, areas: number): Record<string, ListEntry[]> {
  const [device, area] = deviceWords[language];
  const sep = language === 'zh' ? '' : ' ';
  return {
    name: Array.from({ length: devices }, (_, i) => ({ text: `${device}${sep}${i}`, value: `d${i}` })),
    area: Array.from({ length: areas }, (_, i) => ({ text: `${area}${sep}${i}`, value: `a${i}` })),
  };
}

/** 100 intents as a mini-app would add them: each a few sentences with a slot. */
function withExtraIntents(grammar: Grammar, count: number): Grammar {
  const extra = Array.from({ length: count }, (_, i) => ({
    intent: `extra.intent_${i}`,
    sentences: [
      `(play|start) [the] game ${i} [with {name}]`,
      `order [a|the] dish number ${i} [from {area}]`,
      `quiz ${i} (now|please)`,
    ],
  }));
  return { ...grammar, intents: [...grammar.intents, ...extra] };
}

function timeRecognition(
  recognizer: LanguageRecognizer,
  texts: string[],
  lists: Record<string, ListEntry[]>,
  iterations: number,
): { latencies: Float64Array; misses: number } {
  const latencies: number[] = [];
  let misses = 0;
  for (const text of texts) recognizer.recognize(text, lists); // warm lists and JIT
  for (let i = 0; i < iterations; i++) {
    for (const text of texts) {
      const t0 = performance.now();
      const found = recognizer.recognize(text, lists);
      latencies.push(performance.now() - t0);
      if (!found) misses++;
    }
  }
  return { latencies: sorted(latencies), misses };
}

const columns: Column[] = [
  { key: 'p50Ms', header: 'p50 ms', digits: 3 },
  { key: 'p99Ms', header: 'p99 ms', digits: 3 },
  { key: 'samples', header: 'samples', digits: 0 },
  { key: 'misses', header: 'not recognised', digits: 0 },
];

async function run(options: BenchOptions): Promise<BenchResult> {
  const iterations = options.quick ? 20 : 200;
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const samples: BenchResult['samples'] = [];
  const warnings: string[] = [];

  for (const language of ['en', 'it', 'fr', 'zh'] as const) {
    const base = loadGrammar(language);
    const small = new LanguageRecognizer(base);
    const big = new LanguageRecognizer(withExtraIntents(base, 100));
    const texts = utterances[language];
    const baseline = timeRecognition(small, texts, homeLists(language, 1000, 50), iterations);
    const loaded = timeRecognition(big, texts, homeLists(language, 1000, 50), iterations);
    const tiny = timeRecognition(small, texts.slice(-1), homeLists(language, 10, 2), iterations);
    rows.push({
      label: `${language}: 1,000 devices, 50 areas, +100 intents`,
      metrics: {
        p50Ms: percentile(loaded.latencies, 50),
        p99Ms: percentile(loaded.latencies, 99),
        samples: loaded.latencies.length,
        misses: loaded.misses,
      },
    });
    rows.push({
      label: `${language}: same home, built-in intents only`,
      metrics: {
        p50Ms: percentile(baseline.latencies, 50),
        p99Ms: percentile(baseline.latencies, 99),
        samples: baseline.latencies.length,
        misses: baseline.misses,
      },
    });
    ratios.push({
      label: `${language} p99 with +100 intents / without`,
      value: percentile(loaded.latencies, 99) / percentile(baseline.latencies, 99),
    });
    samples.push({
      language,
      p99Loaded: percentile(loaded.latencies, 99),
      p99Baseline: percentile(baseline.latencies, 99),
      p99Tiny: percentile(tiny.latencies, 99),
    });
    options.log(`${language}: p99 ${percentile(loaded.latencies, 99).toFixed(3)} ms`);
  }

  // The full text turn over HTTP with real MQTT devices answering.
  const adminToken = 'bench-admin-token-0123456789';
  const started = await startBenchHub(adminToken);
  const hub = started.hub;
  const devices: Device[] = [];
  try {
    const operator = { tokenId: 'bench', name: 'bench', role: 'operator' as const, homeId: null };
    const home = await hub.homes.createHome({ name: 'Bench', language: 'en' });
    const areaIds: string[] = [];
    for (let i = 0; i < 50; i++)
      areaIds.push((await hub.homes.createArea(home.id, { name: `area ${i}` })).id);
    const product = await hub.devices.products.create(
      {
        name: 'Bench lamp',
        category: 'light',
        thingModel: {
          properties: [
            {
              identifier: 'power',
              name: 'Power',
              accessMode: 'rw',
              dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
            },
            {
              identifier: 'brightness',
              name: 'Brightness',
              accessMode: 'rw',
              dataType: { type: 'int', specs: { min: '0', max: '100', step: '1' } },
            },
          ],
        },
      },
      operator,
    );
    const connected = 20;
    for (let i = 0; i < 1000; i++) {
      const d = await hub.devices.registry.create({
        productKey: product.productKey,
        homeId: home.id,
        areaId: areaIds[i % 50] as string,
        name: `desk lamp ${i}`,
      });
      if (i < connected) {
        const sdk = await connect({
          host: '127.0.0.1',
          port: hub.ports.mqtt,
          productKey: d.productKey,
          deviceName: d.deviceName,
          deviceSecret: d.deviceSecret,
        });
        sdk.onSet(() => {});
        devices.push(sdk);
      }
    }
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const latencies: number[] = [];
    let errors = 0;
    const turns = options.quick ? 100 : 1000;
    for (let i = -20; i < turns; i++) {
      const body = JSON.stringify({
        text: `turn ${i % 2 ? 'on' : 'off'} the desk lamp ${Math.abs(i) % connected}`,
        homeId: home.id,
        language: 'en',
      });
      const t0 = performance.now();
      const status = await postJson(agent, hub.ports.http, '/api/v1/conversation', adminToken, body);
      if (i >= 0) latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
    agent.destroy();
    const s = sorted(latencies);
    rows.push({
      label: 'text turn HTTP -> command -> device reply -> HTTP (en)',
      metrics: { p50Ms: percentile(s, 50), p99Ms: percentile(s, 99), samples: s.length, misses: errors },
    });
    samples.push({ turnP50: percentile(s, 50), turnP99: percentile(s, 99) });
    if (errors) warnings.push(`${errors} turns did not answer 200`);
  } finally {
    for (const d of devices) await d.close();
    await started.stop();
  }
  warnings.push('targets: recognition p99 < 5 ms; text turn p50 < 15 ms');
  return {
    params: { iterations, devices: 1000, areas: 50, extraIntents: 100 },
    columns,
    rows,
    ratios,
    warnings,
    samples,
  };
}

export const benchmark: Benchmark = {
  name: 'assistant',
  description:
    'Recognition latency at home scale (1k devices, 50 areas, +100 intents) and the full text turn',
  run,
};
