import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  backoffDelay,
  type Device,
  defineThing,
  deviceTopics,
  eventParams,
  idSequence,
  MAX_ID,
  type PropertiesOf,
  readReply,
  readRequest,
  reply,
  request,
  serviceOf,
  signContent,
  signCredentials,
} from '../src/index.js';
import { verifyAlink } from './broker.js';

describe('signCredentials', () => {
  it('matches the documented Alibaba vector', () => {
    const signed = signCredentials({
      clientId: '12345',
      deviceName: 'device',
      productKey: 'pk',
      deviceSecret: 'secret',
      signMethod: 'hmacsha1',
      timestamp: 789,
    });
    expect(signContent('12345', 'device', 'pk', '789')).toBe(
      'clientId12345deviceNamedeviceproductKeypktimestamp789',
    );
    expect(signed.password.toUpperCase()).toBe('FAFD82A3D602B37FB0FA8B7892F24A477F851A14');
    expect(signed.clientId).toBe('12345|securemode=3,signmethod=hmacsha1,timestamp=789|');
    expect(signed.username).toBe('device&pk');
  });

  it('signs with each method so that a verifier written from the protocol accepts it', () => {
    const secretOf = (pk: string, dn: string) => (pk === 'a1B2' && dn === 'lamp-1' ? 's3cret' : undefined);
    for (const signMethod of ['hmacsha256', 'hmacsha1', 'hmacmd5'] as const) {
      const c = signCredentials({
        productKey: 'a1B2',
        deviceName: 'lamp-1',
        deviceSecret: 's3cret',
        signMethod,
      });
      expect(c.clientId).toMatch(
        new RegExp(`^a1B2\\.lamp-1\\|securemode=3,signmethod=${signMethod},timestamp=\\d+\\|$`),
      );
      expect(c.password).toMatch(/^[0-9a-f]+$/);
      expect(verifyAlink(c.clientId, c.username, c.password, secretOf)).toBe('a1B2/lamp-1');
      expect(verifyAlink(c.clientId, c.username, c.password.toUpperCase(), secretOf)).toBe('a1B2/lamp-1');
      expect(verifyAlink(c.clientId, c.username, c.password, () => 'other')).toBeNull();
    }
  });

  it('defaults to hmacsha256 and the current time', () => {
    const before = Date.now();
    const c = signCredentials({ productKey: 'pk', deviceName: 'dn', deviceSecret: 'x' });
    const ts = Number(/timestamp=(\d+)/.exec(c.clientId)?.[1]);
    expect(c.clientId).toContain('signmethod=hmacsha256');
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(c.password).toHaveLength(64);
  });
});

describe('backoffDelay', () => {
  it('stays within [min, min * 2^attempt] capped at max', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      expect(backoffDelay(attempt, 100, 5000, () => 0)).toBe(100);
      const top = backoffDelay(attempt, 100, 5000, () => 1);
      expect(top).toBe(Math.min(5000, 100 * 2 ** attempt));
      const mid = backoffDelay(attempt, 100, 5000);
      expect(mid).toBeGreaterThanOrEqual(100);
      expect(mid).toBeLessThanOrEqual(5000);
    }
  });

  it('never goes below min even when max is smaller', () => {
    expect(backoffDelay(3, 500, 100, () => 1)).toBe(500);
  });

  it('spreads a fleet with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, 100, 30_000)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('topics', () => {
  const t = deviceTopics('a1B2', 'lamp-1');

  it('names the Alink topics of the device', () => {
    expect(t.propertyPost).toBe('/sys/a1B2/lamp-1/thing/event/property/post');
    expect(t.propertySet).toBe('/sys/a1B2/lamp-1/thing/service/property/set');
    expect(t.desiredGet).toBe('/sys/a1B2/lamp-1/thing/property/desired/get');
    expect(t.eventPost('overheat')).toBe('/sys/a1B2/lamp-1/thing/event/overheat/post');
    expect(t.service('blink')).toBe('/sys/a1B2/lamp-1/thing/service/blink');
  });

  it('subscribes only inside its own space', () => {
    for (const filter of t.downlinks) expect(filter.startsWith('/sys/a1B2/lamp-1/thing/')).toBe(true);
  });

  it('tells downlink service calls from everything else', () => {
    expect(serviceOf(t, t.propertySet)).toBe('property.set');
    expect(serviceOf(t, t.service('blink'))).toBe('blink');
    expect(serviceOf(t, `${t.service('blink')}_reply`)).toBeNull();
    expect(serviceOf(t, `${t.thing}/service/a/b`)).toBeNull();
    expect(serviceOf(t, '/sys/other/lamp-1/thing/service/blink')).toBeNull();
    expect(serviceOf(t, t.propertyPost)).toBeNull();
  });
});

describe('messages', () => {
  it('builds requests and replies in the documented shape', () => {
    expect(request('123', 'thing.event.property.post', { Brightness: 40 })).toEqual({
      id: '123',
      version: '1.0',
      sys: { ack: 1 },
      params: { Brightness: 40 },
      method: 'thing.event.property.post',
    });
    expect(reply('7', 'thing.service.blink', 200, { done: 1 })).toEqual({
      id: '7',
      code: 200,
      data: { done: 1 },
      message: 'success',
      version: '1.0',
      method: 'thing.service.blink',
    });
    expect(eventParams({ temperature: 81 }, 1700000000000)).toEqual({
      value: { temperature: 81 },
      time: 1700000000000,
    });
  });

  it('reads replies and requests leniently, and refuses what is neither', () => {
    expect(readReply('{"id":"5","code":"5093","message":"too bright"}')).toMatchObject({
      id: '5',
      code: 5093,
      message: 'too bright',
      data: {},
    });
    expect(readReply('{"id":5,"code":200}')).toBeNull();
    expect(readReply('not json')).toBeNull();
    expect(readReply('[1]')).toBeNull();
    expect(readRequest('{"id":"9","sys":{"ack":0},"params":{"a":1},"method":"m"}')).toMatchObject({
      sys: { ack: 0 },
      params: { a: 1 },
    });
    expect(readRequest('{"id":"9"}')).toMatchObject({ sys: { ack: 1 }, params: {} });
  });

  it('issues ids as incrementing digit strings that wrap below 4294967295', () => {
    const next = idSequence(41);
    expect([next(), next()]).toEqual(['41', '42']);
    const wrapping = idSequence(MAX_ID - 2);
    expect([wrapping(), wrapping(), wrapping()]).toEqual(['4294967293', '4294967294', '0']);
    const random = idSequence();
    for (let i = 0; i < 5; i++) expect(random()).toMatch(/^\d+$/);
  });
});

describe('typing from the thing model', () => {
  it('maps TSL types to the JSON values Alink carries', () => {
    // A literal argument: defineThing infers the identifiers and types without `as const`.
    const thing = defineThing({
      properties: [
        {
          identifier: 'LightSwitch',
          accessMode: 'rw',
          dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
        },
        {
          identifier: 'Brightness',
          accessMode: 'rw',
          dataType: { type: 'int', specs: { min: '0', max: '100' } },
        },
        { identifier: 'Label', accessMode: 'r', dataType: { type: 'text', specs: { length: '64' } } },
      ],
    });
    expectTypeOf<PropertiesOf<typeof thing.model>>().toEqualTypeOf<{
      LightSwitch: number;
      Brightness: number;
      Label: string;
    }>();
    expectTypeOf(thing.connect).returns.resolves.toEqualTypeOf<
      Device<{ LightSwitch: number; Brightness: number; Label: string }>
    >();
    type Lamp = Device<PropertiesOf<typeof thing.model>>;
    expectTypeOf<Parameters<Lamp['report']>[0]>().toExtend<{
      Brightness?: number | { value: number; time: number };
    }>();
    const report = (lamp: Lamp) => {
      // @ts-expect-error Brightness is a number
      void lamp.report({ Brightness: 'high' });
      // @ts-expect-error not a property of the model
      void lamp.report({ Colour: 1 });
      void lamp.report({ Brightness: { value: 40, time: 1 } });
    };
    expect(typeof report).toBe('function');
  });
});
