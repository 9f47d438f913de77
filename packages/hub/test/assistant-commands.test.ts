import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandHome, type CommandHome, touched } from './assistant-home.js';
import { startTestHub, type TestHub } from './harness.js';

// The command model judged at the device, on a home of its own (see assistant-home.ts).
let t: TestHub;
let home: CommandHome;
let bare: CommandHome;

/** Say something and return what one device received, with the answer in the failure message. */
async function after(text: string, device: string, extra: Record<string, unknown> = {}) {
  home.clear();
  const turn = await home.say(text, extra);
  return { sets: home.sets(device), turn, why: `${text} -> ${turn.speech.text}` };
}

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

describe('resolution: never widened, verbs by kind, values from the property', () => {
  it('never widens a name or place the home does not have, and offers the closest real one', async () => {
    for (const text of [
      'turn on the light in the garage',
      'accendi la luce in garage',
      'allume la lumière du garage',
      'turn on the garage light',
    ]) {
      home.clear();
      const turn = await home.say(text);
      expect(touched(home), text).toEqual([]);
      expect(turn.speech.text, text).toMatch(/garage/i);
    }
    // Heard wrong but sounding exactly like a real name (抬灯 / 台灯, tai deng): that device and nothing else.
    home.clear();
    await home.say('关掉抬灯');
    expect(touched(home)).toEqual(['台灯']);
    home.clear();
    const unlike = await home.say('关掉抬头灯');
    expect(touched(home)).toEqual([]);
    expect(unlike.speech.text).toContain('抬头灯');
  });

  it('asks which one with choices that carry device ids', async () => {
    home.clear();
    const turn = await home.say('turn on the night light');
    expect(touched(home)).toEqual([]);
    expect(turn.continueConversation).toBe(true);
    const ids = (turn.card?.items ?? []).map((i) => i.id).sort();
    expect(ids).toEqual([home.ids['night light'], home.ids['night light (Laundry)']].sort());
    await home.say('the laundry one', { conversationId: turn.conversationId });
    expect(touched(home)).toEqual(['night light (Laundry)']);
  });

  it('starts a vacuum with its start service, opens covers to 100 and halfway to 50', async () => {
    for (const text of ['start Robby', 'avvia Robby', 'démarre Robby', '启动扫地机器人']) {
      home.clear();
      await home.say(text);
      expect(home.calls('Robby'), text).toEqual(['start']);
      expect(touched(home), text).toEqual(['Robby']);
    }
    const covers: Array<[string, number]> = [
      ['open the curtains', 100],
      ['打开窗帘', 100],
      ['apri le tende a metà', 50],
      ['ferme les rideaux', 0],
      ['open the curtains halfway', 50],
    ];
    for (const [text, position] of covers) {
      home.clear();
      await home.say(text);
      expect(home.sets('curtains'), text).toEqual([{ CurtainPosition: position }]);
    }
  });

  it('switches back what a correction says was meant for another device, and switches that one', async () => {
    for (const [first, then] of [
      ['turn on the printer', 'sorry, I meant the Christmas tree'],
      ['accendi la stampante', "scusa, intendevo l'albero di natale"],
      ["allume l'imprimante", 'pardon, je voulais dire le sapin de noël'],
      ['把打印机打开', '说错了，我是说圣诞树'],
    ]) {
      home.clear();
      const turn = await home.say(first as string);
      await home.say(then as string, { conversationId: turn.conversationId });
      expect(home.sets('printer').at(-1), then).toEqual({ PowerSwitch: 0 });
      expect(home.sets('Christmas tree').at(-1), then).toEqual({ PowerSwitch: 1 });
    }
  });

  it('moves nothing for a named device said with a room it is not in, and says where it is', async () => {
    for (const text of [
      'turn off the printer in the porch',
      'spegni la stampante nel portico',
      '把门廊的打印机关了',
    ]) {
      home.clear();
      const turn = await home.say(text);
      expect(touched(home), text).toEqual([]);
      expect(turn.speech.text, text).toMatch(/Attic|soffitta|阁楼/);
    }
  });

  it('takes a percent as said on a % property, and rescales only other ranges', async () => {
    home.clear();
    await home.say('set the reading lamp to 40 percent');
    expect(home.sets('reading lamp')).toEqual([{ Brightness: 40 }]);
    home.clear();
    await home.say('set the wall light to 40 percent');
    expect(home.sets('wall light')).toEqual([{ Brightness: 102 }]);
  });

  it('steps relative changes from the range and step, clamps them, and says the value reached', async () => {
    await home.say('set the reading lamp to 50 percent');
    const steps: Array<[string, string, Record<string, number>, string?]> = [
      ['make the reading lamp a bit brighter', 'reading lamp', { Brightness: 60 }, '60'],
      ['alza un po’ la lampada da lettura', 'reading lamp', { Brightness: 70 }],
      ['baisse un peu la lampe de lecture', 'reading lamp', { Brightness: 60 }],
      ['阅读灯调亮一点', 'reading lamp', { Brightness: 70 }],
      ['reading lamp to maximum brightness', 'reading lamp', { Brightness: 100 }, '100'],
      ['alza la lampada da lettura di un po’', 'reading lamp', { Brightness: 100 }],
      ['metti la lampada da lettura al minimo', 'reading lamp', { Brightness: 1 }],
      ['set the thermostat to 20 degrees', 'thermostat', { TargetTemperature: 20 }],
      ['make the thermostat two degrees warmer', 'thermostat', { TargetTemperature: 22 }, '22'],
      ['turn the thermostat up a notch', 'thermostat', { TargetTemperature: 22.5 }],
      ['mets le thermostat au maximum', 'thermostat', { TargetTemperature: 30 }],
      ['abbassa il termostato di due gradi', 'thermostat', { TargetTemperature: 28 }],
    ];
    for (const [text, device, values, said] of steps) {
      const { sets, turn, why } = await after(text, device);
      expect(sets, why).toEqual([values]);
      if (said) expect(turn.speech.text, why).toContain(said);
    }
  });
});

describe('several targets, exceptions', () => {
  it('acts on every device named, in four languages', async () => {
    const cases: Array<[string, string[], Record<string, unknown>]> = [
      ['turn off the reading lamp and the printer', ['printer', 'reading lamp'], { off: true }],
      ['打开壁灯和圣诞树', ['Christmas tree', 'wall light'], { on: true }],
      ["accendi l'applique e l'albero di natale", ['Christmas tree', 'wall light'], { on: true }],
      ["éteins l'imprimante et le sapin de noël", ['Christmas tree', 'printer'], { off: true }],
    ];
    for (const [text, devices, how] of cases) {
      home.clear();
      const turn = await home.say(text);
      expect(touched(home).sort(), `${text} -> ${turn.speech.text}`).toEqual(devices);
      for (const name of devices) {
        const value = home.sets(name)[0];
        expect(Object.values(value ?? {})[0], text).toBe(how.on ? 1 : 0);
      }
    }
  });

  it('leaves out what is excepted', async () => {
    home.clear();
    const turn = await home.say('turn off the lights except the reading lamp');
    const off = touched(home).sort();
    expect(off, turn.speech.text).toEqual([
      'night light',
      'night light (Laundry)',
      'porch lamp',
      'wall light',
      '台灯',
    ]);
    home.clear();
    await home.say('spegni le luci tranne la lampada da lettura e il lampione');
    expect(touched(home).sort()).toEqual(['night light', 'night light (Laundry)', 'wall light', '台灯']);
  });
});

describe('dialogue state: references and corrections', () => {
  it('refers "it" to the devices acted on last, in four languages', async () => {
    const cases: Array<[string, string, Record<string, number>]> = [
      ['set it to 30 percent', 'turn on the reading lamp', { Brightness: 30 }],
      ['mettila al 30 per cento', 'accendi la lampada da lettura', { Brightness: 30 }],
      ['mets-la à 30 %', 'allume la lampe de lecture', { Brightness: 30 }],
      ['把它调到百分之三十', '打开阅读灯', { Brightness: 30 }],
    ];
    for (const [follow, first, values] of cases) {
      const opened = await home.say(first);
      const { sets, why } = await after(follow, 'reading lamp', { conversationId: opened.conversationId });
      expect(sets, why).toEqual([values]);
      expect(touched(home), why).toEqual(['reading lamp']);
    }
    const both = await home.say('turn on the printer and the Christmas tree');
    home.clear();
    await home.say('turn them off', { conversationId: both.conversationId });
    expect(touched(home).sort()).toEqual(['Christmas tree', 'printer']);
  });

  it('takes a correction as the previous request with the new value', async () => {
    const first = await home.say('set the thermostat to 20 degrees');
    for (const [text, value] of [
      ['actually, make it 22', 22],
      ['anzi 23', 23],
      ['plutôt 21', 21],
      ['不对，改成24度', 24],
    ] as const) {
      const { sets, why } = await after(text, 'thermostat', { conversationId: first.conversationId });
      expect(sets, why).toEqual([{ TargetTemperature: value }]);
      expect(touched(home), why).toEqual(['thermostat']);
    }
    const alone = await home.say('set it to 30 percent');
    expect(alone.speech.text).toBe('Which device do you mean?');
  });
});

describe('dialogue state across turns: follow-ups, values without a target, questions then "it"', () => {
  it('repeats the previous request on what is named now, in four languages', async () => {
    for (const [first, next] of [
      ['turn on the printer', 'and the Christmas tree as well'],
      ['accendi la stampante', "e anche l'albero di natale"],
      ["allume l'imprimante", 'et le sapin de noël aussi'],
      ['打开打印机', '还有圣诞树'],
    ]) {
      const opened = await home.say(first as string);
      const { sets, why } = await after(next as string, 'Christmas tree', {
        conversationId: opened.conversationId,
      });
      expect(sets, why).toEqual([{ PowerSwitch: 1 }]);
      expect(touched(home), why).toEqual(['Christmas tree']);
    }
  });

  it('gives a value said without a target to the devices of the last request', async () => {
    for (const [first, next] of [
      ['turn on the reading lamp', 'now 40 percent'],
      ['accendi la lampada da lettura', 'al 40 per cento'],
      ['allume la lampe de lecture', 'à 40 %'],
      ['打开阅读灯', '调到百分之四十'],
    ]) {
      const opened = await home.say(first as string);
      const { sets, why } = await after(next as string, 'reading lamp', {
        conversationId: opened.conversationId,
      });
      expect(sets, why).toEqual([{ Brightness: 40 }]);
      expect(touched(home), why).toEqual(['reading lamp']);
    }
  });

  it('takes the device a question was about as "it"', async () => {
    const asked = await home.say("what's the thermostat set to?");
    expect(asked.speech.text).toMatch(/thermostat/);
    const { sets, why } = await after('put it up to 22', 'thermostat', {
      conversationId: asked.conversationId,
    });
    expect(sets, why).toEqual([{ TargetTemperature: 22 }]);
  });
});
