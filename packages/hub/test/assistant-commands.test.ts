import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandHome, type CommandHome, touched } from './assistant-home.js';
import { startTestHub, type TestHub } from './harness.js';

// The command model judged at the device, on a home of its own (see assistant-home.ts).
let t: TestHub;
let home: CommandHome;
let bare: CommandHome;

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  home = await buildCommandHome(t);
  bare = await buildCommandHome(t, { only: ['reading lamp'] });
});
afterAll(async () => {
  await home?.close();
  await bare?.close();
  await t?.close();
});

describe('a request that names no device', () => {
  it('sets the home’s only thermostat, in four languages', async () => {
    const cases: Array<[string, number]> = [
      ['set the temperature to 22 degrees', 22],
      ['imposta la temperatura a 21 gradi', 21],
      ['règle la température à 20 degrés', 20],
      ['把温度调到19度', 19],
    ];
    for (const [text, value] of cases) {
      home.clear();
      const turn = await home.say(text);
      expect(home.sets('thermostat'), text).toEqual([{ TargetTemperature: value }]);
      expect(touched(home), text).toEqual(['thermostat']);
      expect(turn.speech.text).toContain('thermostat');
    }
  });

  it('says clearly when nothing in the home has a temperature to set', async () => {
    for (const [text, expected] of [
      ['set the temperature to 22 degrees', "There's nothing in this home whose temperature I can set."],
      [
        'imposta la temperatura a 22 gradi',
        "In questa casa non c'è niente di cui possa impostare la temperatura.",
      ],
      [
        'règle la température à 22 degrés',
        "Il n'y a rien dans cette maison dont je puisse régler la température.",
      ],
      ['把温度调到22度', '家里没有可以调温度的设备。'],
    ]) {
      const turn = await bare.say(text as string);
      expect(turn.speech.text).toBe(expected);
    }
    expect(touched(bare)).toEqual([]);
  });

  it('answers French in French in an English home, even when it understood nothing', async () => {
    for (const text of ['baisse un peu le chauffage', 'est-ce que tu peux chanter une chanson']) {
      expect((await home.say(text)).language, text).toBe('fr');
    }
    expect((await home.say('allume la lampe de lecture')).language).toBe('fr');
    expect((await home.say('accendi la stampante')).language).toBe('it');
  });
});
